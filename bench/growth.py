"""Does a turn cost more as the conversation grows? One person asks article questions, one after another, on one
sender, and the p50 of a late window of turns is set against the p50 of the first ones (issue 23, section 1:
Rasa loads and featurizes the whole conversation on every turn, so the cost may grow with its length).
"""

import statistics
import time
import uuid

from bench import scenarios
from harness.rest_driver.client import send

TURNS = 320
EARLY = (0, 20)  # turns 1-20
LATE = (300, 320)  # turns 301-320


def measure(url: str, turns: int = TURNS) -> dict:
    sender = f"bench-growth-{uuid.uuid4().hex[:8]}"
    seconds = []
    for index in range(turns):
        question = scenarios.ARTICLE_QUESTIONS[index % len(scenarios.ARTICLE_QUESTIONS)]
        began = time.perf_counter()
        send(url, sender, question, timeout=scenarios.REPLY_TIMEOUT)
        seconds.append(time.perf_counter() - began)
    early = statistics.median(seconds[slice(*EARLY)]) * 1000
    late = statistics.median(seconds[slice(*LATE)]) * 1000 if len(seconds) >= LATE[1] else None
    return {
        "turns": turns,
        "early_p50_ms": round(early, 1),
        "late_p50_ms": None if late is None else round(late, 1),
        "late_over_early": None if late is None else round(late / early, 2),
    }
