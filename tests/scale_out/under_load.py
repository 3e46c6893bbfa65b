"""32 simulated people talking to the cluster through nginx while a part of it fails, and what each of them saw.

Each person is a client of its own (its own loopback address, harness/load_test.py; each run's people send from
addresses no earlier run used, so nginx's per-client limit starts afresh for them) and runs the load script's
conversation (a whole symptom check and two article questions, driven by rest_driver). When a message gets no
reply, the person does what a person would: sends it again once the Retry-After of the reply has passed (the
channel's "try again" asks for RETRY_AFTER_SECONDS), or a second later, for up to RETRY_SECONDS. Every attempt is
counted as its person saw it:
  - a reply: its time counts towards the p95;
  - "try again": a 503 with the channel's TRY_AGAIN (addons/channels.py), an honest failure;
  - "error": any other status (a 500, nginx's 502 when its server died), a timeout, a refused connection;
  - "silence": a 200 with no message at all.
Once `fault_after` turns are done, `fault` runs once, while the people go on. Afterwards every completed turn is
looked up in its conversation's tracker (tests/scale_out/turns.py): kept, or lost.
"""

import json
import threading
import time
import urllib.error
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from addons.channels import TRY_AGAIN
from harness import load_test
from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import SELF_CARE_ANSWERS, FactSheet, run_interview
from harness.rest_driver.stats import percentile
from tests.scale_out.test_two_instances import tracker
from tests.scale_out.turns import Turn, score_in_order, stored_turns

PEOPLE = 32
TURNS_EACH = 14  # the load script's conversation: 12 for the symptom check, 2 article questions
RETRY_SECONDS = 60  # how long a person keeps sending a message that got no reply, a second apart
TIMEOUT = 120  # seconds per message: 32 people on 2 cores, and a lock of a killed server lasts 10 s


@dataclass
class Person:
    sender: str
    source: str  # the loopback address it sends from
    completed: list[Turn] = field(default_factory=list)  # each message that got a reply, with its reply texts
    result: dict | None = None
    answered: int = 0  # article questions answered
    error: str | None = None


def outcome(error: Exception) -> tuple[str, str]:
    """How a person saw a failed attempt, "try again" or "error", and what it was (a status, a timeout, a refused
    connection, ...), for the figures."""
    if isinstance(error, urllib.error.HTTPError):
        if error.code == 503:
            try:
                texts = [message.get("text") for message in json.loads(error.read().decode("utf-8"))]
            except (ValueError, AttributeError):
                texts = None
            if texts == [TRY_AGAIN]:
                return "try again", "503 try again"
        return "error", f"HTTP {error.code}"
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError):  # socket.timeout too
        return "error", "timeout"
    return "error", type(reason).__name__ if isinstance(reason, BaseException) else str(reason)


def retry_after(error: Exception) -> float:
    """How long a person waits before sending a message again: the reply's Retry-After, or a second."""
    headers = getattr(error, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    return float(value) if value and value.isdigit() else 1.0


class Load:
    def __init__(self, url: str, people: int = PEOPLE):
        self.url, self.people = url, people
        self.lock = threading.Lock()  # held while counting; a fault may hold it to stop the count
        self.in_flight = self.done = 0
        self.failures: Counter = Counter()  # "try again", "error", "silence"
        self.errors: Counter = Counter()  # what the "error"s were: "HTTP 502", "timeout", "ConnectionResetError", ...
        self.latencies: list[float] = []
        self.seconds = 0.0

    def _say(self, person: Person, text: str) -> Reply:
        give_up = time.monotonic() + RETRY_SECONDS
        while time.monotonic() < give_up:
            with self.lock:
                self.in_flight += 1
            started, what, wait = time.perf_counter(), "", 1.0
            try:
                messages = send(self.url, person.sender, text, timeout=TIMEOUT, source=person.source)
                seen = None if messages else "silence"
            except (urllib.error.URLError, OSError, ValueError) as error:
                (seen, what), messages = outcome(error), []
                wait = retry_after(error)
            with self.lock:
                self.in_flight -= 1
                if seen == "error":
                    self.errors[what] += 1
                if seen:
                    self.failures[seen] += 1
                else:
                    self.done += 1
                    self.latencies.append(time.perf_counter() - started)
            if not seen:
                person.completed.append((text, [m["text"] for m in messages if m.get("text")]))
                return Reply.of(messages)
            time.sleep(wait)
        raise RuntimeError(f"no reply to {text!r} in {RETRY_SECONDS} s")

    def _talk(self, person: Person, index: int, start: threading.Barrier) -> None:
        body_part = load_test.BODY_PARTS[index % len(load_test.BODY_PARTS)]
        answers = FactSheet({**SELF_CARE_ANSWERS, "body_part": f"my {body_part}"})
        start.wait(timeout=60)
        try:
            interview = run_interview(lambda text: self._say(person, text), load_test.OPENING, answers)
            person.result = interview.result
            person.answered = sum(bool(self._say(person, q).text) for q in load_test.ARTICLE_QUESTIONS)
        except RuntimeError as error:
            person.error = str(error)

    def run(self, fault: Callable[[], None] | None = None, fault_after: int = 0) -> list[Person]:
        """Every person's whole conversation at once; `fault()` once `fault_after` turns are done."""
        first = load_test.fresh_clients(self.people)
        people = [
            Person(f"load-{index:02d}-{uuid.uuid4().hex[:6]}", load_test.client_address(first + index))
            for index in range(self.people)
        ]
        start = threading.Barrier(self.people + 1)
        threads = [
            threading.Thread(target=self._talk, args=(person, index, start), daemon=True)
            for index, person in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        start.wait(timeout=60)
        began = time.monotonic()
        if fault is not None:
            while self.done < fault_after and any(thread.is_alive() for thread in threads):
                time.sleep(0.05)
            fault()
        for thread in threads:
            thread.join(timeout=RETRY_SECONDS * TURNS_EACH)
        self.seconds = time.monotonic() - began
        return people

    def p95(self) -> float:
        return percentile(sorted(self.latencies), 0.95) or 0.0

    def summary(self, what: str, without: "Load | None" = None) -> str:
        """The figures line: turns, failures seen by the people, p95 (and the p95 of a run without the fault)."""
        seen = ", ".join(f"{count} {kind}" for kind, count in sorted(self.failures.items())) or "none"
        if self.errors:
            seen += " (errors: " + ", ".join(f"{what} {count}" for what, count in self.errors.most_common()) + ")"
        base = f" (without the fault {without.p95():.2f} s)" if without else ""
        return (
            f"{what}: {self.people} people through nginx, {self.done} turns in {self.seconds:.0f} s; "
            f"failures seen by users: {seen}; p95 {self.p95():.2f} s{base}"
        )


def kept_and_lost(rasa_url: str, people: list[Person]) -> Counter:
    """Every person's completed turns against its tracker (read from `rasa_url`): kept or lost."""
    return sum(
        (score_in_order(p.completed, stored_turns(tracker(rasa_url, p.sender)["events"])) for p in people),
        start=Counter(),
    )


def unfinished(people: list[Person]) -> list[str]:
    """The people whose conversation did not end with its triage result and both answers."""
    return [
        f"{p.sender}: {p.error or p.result}"
        for p in people
        if p.error or (p.result or {}).get("level") != load_test.EXPECTED_LEVEL or p.answered != 2
    ]
