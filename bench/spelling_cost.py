"""What the spelling step (addons/spelling.py, first in the NLU pipeline) adds to a turn.

The step runs inside the Rasa server's NLU graph, where a whole turn's timing cannot single it out, so it is timed
here on its own: the component's `process` on every user message the bench's scenarios send, plus the misspelled
openings of tests/safety/dev.yml (the case it exists for). Each message is timed with the word cache emptied
first, so every figure is what a message never seen before costs.

  .venv/bin/python -m bench.spelling_cost     # prints the figures; `make bench` reports them with the rest
"""

import statistics
import time
from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.message import Message

from addons.spelling import SpellingCorrector
from bench import scenarios
from harness.rest_driver.interview import SELF_CARE_ANSWERS
from muscle_triage.understanding import spelling

PROJECT = Path(__file__).resolve().parent.parent
MISSPELLED = PROJECT / "tests" / "safety" / "dev.yml"
ROUNDS = 5


def bench_messages() -> list[str]:
    written = yaml.safe_load(MISSPELLED.read_text(encoding="utf-8"))
    return [
        *scenarios.ARTICLE_QUESTIONS,
        *scenarios.INTERVIEW_OPENINGS,
        *SELF_CARE_ANSWERS.values(),
        *written["misspelled_symptom_openings"],
    ]


def measure(rounds: int = ROUNDS) -> dict:
    """p50, p95 and max in ms of the spelling step per message, and the dictionaries' load time in s."""
    started = time.perf_counter()
    component = SpellingCorrector.create({}, None, None, None)  # type: ignore[arg-type]
    load_s = time.perf_counter() - started
    samples = []
    for _ in range(rounds):
        for text in bench_messages():
            spelling.choices.cache_clear()
            message = Message(data={"text": text})
            began = time.perf_counter()
            component.process([message])
            samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    return {
        "messages": len(samples),
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 3),
        "max_ms": round(samples[-1], 3),
        "load_s": round(load_s, 2),
    }


if __name__ == "__main__":
    figures = measure()
    print(
        f"spelling step over {figures['messages']} messages: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
        f"max {figures['max_ms']} ms; dictionaries loaded in {figures['load_s']} s"
    )
