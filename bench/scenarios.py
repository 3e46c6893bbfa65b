"""What the simulated people say, and the load generator that plays them against one Rasa server.

A scenario plays one conversation through `Turns.say`, which times every turn under its kind ("stock",
"article", "interview"). The symptom check is the shared REST driver's interview loop (harness/rest_driver/), answered
from its self-care fact sheet.
"""

import threading
import time
import urllib.error
import uuid
from collections.abc import Callable, Sequence
from functools import partial

from bench.progress import Progress
from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import SELF_CARE_ANSWERS, FactSheet, run_interview

# The stock bot's own domain: greet, mood, affirm/deny, bot challenge, goodbye (its data/nlu.yml).
STOCK_DIALOGUES = [
    ["hello", "I am feeling great", "bye"],
    ["hi", "I am sad", "yes"],
    ["hey there", "very unhappy", "no"],
    ["good morning", "are you a bot?", "goodbye"],
    ["hey", "my day was horrible", "no"],
    ["good evening", "perfect", "see you around"],
]
# Article questions across every article intent, plus two that no intent covers (the TF-IDF search answers).
ARTICLE_QUESTIONS = [
    "what is a muscle spasm?",
    "what exactly is a muscle twitch",
    "what's the difference between a spasm and a twitch?",
    "what types of muscle spasms are there",
    "what kinds of twitches exist",
    "what causes muscle spasms?",
    "are muscle twitches dangerous?",
    "when should I see a doctor about cramps",
    "how do doctors diagnose twitching",
    "how can I prevent muscle cramps",
    "how do people live with chronic spasms",
    "what is clonus",
    "can dehydration cause cramps",
    "is a twitch harmful",
    "what is a skeletal muscle spasm",
    "what are fasciculations",
    "how do I stop getting twitches",
    "which specialist treats muscle spasms",
    "what does an EMG test show",
    "why do my muscles twitch when I'm stressed",
    "does magnesium have anything to do with night time muscle tightness",
    "can lack of sleep make my eyelid flutter",
]
ARTICLE_QUESTIONS_PER_CONVERSATION = 6
# Vague openings name no fact, so every question of the symptom check gets asked.
INTERVIEW_OPENINGS = [
    "something weird is happening in my muscles",
    "I want to check a symptom",
    "I noticed something odd in one of my muscles",
]
BODY_PARTS = ["calf", "thigh", "hamstring", "foot", "toe", "leg", "shoulder", "arm", "hand", "neck", "lower back"]
REPLY_TIMEOUT = 300  # seconds; 32 people at once on 2 shared cores can wait long


class OffScript(Exception):
    """The bot answered, but not as the scenario expects (e.g. neither a question nor a triage result)."""


class SendFailed(Exception):
    """A message got no reply (refused, timed out, or not JSON)."""


class RunOver(Exception):
    """The run's turns or time are used up: the conversation stops where it is."""


class TurnLog:
    """Latencies by kind, and what went wrong, shared by all simulated people of a run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.turns = 0

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.turns += 1

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


class Turns:
    """One simulated person's line to the bot: sends a message if the run allows one more, and times it."""

    def __init__(self, url: str, sender: str, log: TurnLog, may_send: Callable[[], bool]):
        self.url, self.sender, self.log, self.may_send = url, sender, log, may_send

    def say(self, kind: str, text: str) -> Reply:
        if not self.may_send():
            raise RunOver
        began = time.perf_counter()
        try:
            messages = send(self.url, self.sender, text, timeout=REPLY_TIMEOUT)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise SendFailed(f"{text!r}: {error!r}") from error
        self.log.add(kind, time.perf_counter() - began)
        return Reply.of(messages)


Scenario = Callable[[Turns], None]


def answered(reply: Reply) -> bool:
    return any(m.get("text") or m.get("image") or m.get("custom") for m in reply.messages)


def scripted(kind: str, messages: Sequence[str]) -> Scenario:
    def play(turns: Turns) -> None:
        for message in messages:
            if not answered(turns.say(kind, message)):
                raise OffScript(f"no answer to {message!r}")

    return play


def symptom_check(index: int) -> Scenario:
    """The whole symptom check from a vague opening to the triage result, as the REST driver runs it."""
    answers = FactSheet({**SELF_CARE_ANSWERS, "body_part": f"my {BODY_PARTS[index % len(BODY_PARTS)]}"})
    opening = INTERVIEW_OPENINGS[index % len(INTERVIEW_OPENINGS)]

    def play(turns: Turns) -> None:
        interview = run_interview(partial(turns.say, "interview"), opening, answers)
        if interview.result is None:
            raise OffScript(f"no triage result: {interview.transcript()[-300:]}")

    return play


def article_questions(first: int, count: int) -> list[str]:
    return [ARTICLE_QUESTIONS[(first + i) % len(ARTICLE_QUESTIONS)] for i in range(count)]


def stock_dialogue(index: int) -> Scenario:
    return scripted("stock", STOCK_DIALOGUES[index % len(STOCK_DIALOGUES)])


# One message on a conversation of its own (a new sender each time): what someone who asks one thing and leaves
# waits for, the conversation's start included. Ours: an article question; stock: "hello there".
def single_article_question(index: int) -> Scenario:
    return scripted("article_single", article_questions(index, 1))


def single_stock_greeting(index: int) -> Scenario:
    return scripted("stock_single", ["hello there"])


def article_dialogue(index: int) -> Scenario:
    per = ARTICLE_QUESTIONS_PER_CONVERSATION
    return scripted("article", article_questions(index * per, per))


def mixed_dialogue(index: int) -> Scenario:
    """What harness/load_test.py simulates: a whole symptom check, then two article questions."""
    parts = (symptom_check(index), scripted("article", article_questions(2 * index, 2)))

    def play(turns: Turns) -> None:
        for part in parts:
            part(turns)

    return play


def drive(
    url: str,
    scenario: Callable[[int], Scenario],
    log: TurnLog,
    workers: int,
    max_turns: int | None = None,
    seconds: float | None = None,
    progress: Progress | None = None,
    first_index: int = 0,
) -> float:
    """`workers` simulated people, each starting a new conversation when one ends, until `max_turns` turns in
    all or `seconds` have passed (a turn under way then still finishes). Returns the elapsed seconds."""
    began = time.perf_counter()
    deadline = began + seconds if seconds else None
    counter = iter(range(first_index, first_index + 10**9))
    counter_lock = threading.Lock()
    sent = [0]

    def may_send() -> bool:
        with counter_lock:
            if max_turns is not None and sent[0] >= max_turns:
                return False
            if deadline is not None and time.perf_counter() >= deadline:
                return False
            sent[0] += 1
            return True

    def worker() -> None:
        while True:
            with counter_lock:
                index = next(counter)
            sender = f"bench-{index:05d}-{uuid.uuid4().hex[:8]}"
            try:
                scenario(index)(Turns(url, sender, log, may_send))
            except RunOver:
                return
            except (OffScript, SendFailed) as error:
                log.error(f"{sender}: {error}")

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        for thread in threads:
            thread.join(timeout=0.5)
        if progress is not None:
            elapsed = time.perf_counter() - began
            goal = f"/{max_turns}" if max_turns else f" in {elapsed:.0f}/{seconds:.0f} s"
            progress.detail(f"{log.turns}{goal} turns, {len(log.errors)} errors")
    return time.perf_counter() - began
