"""A Rasa server killed with SIGKILL while 32 simulated people talk to the cluster through nginx.

Each person runs the load script's conversation (harness/load_test.py: a whole symptom check and two article
questions, driven by rest_driver) through nginx, and does what a person would when a message gets no reply: sends
it again, after a second. Once a third of the turns are done, Rasa server 1 and its Sanic workers are killed
with SIGKILL. The conversations go on, on server 0, from their trackers in PostgreSQL. Gates:
  - no conversation loses a completed turn: every message that got a reply is in its tracker with exactly
    that reply, in the order sent (tests/scale_out/turns.py);
  - the turns that failed are at most the turns in flight at the kill (only those can have been on it);
  - every conversation still ends with its triage result and both answers.
Then server 1 is started again on its port, and nginx sends it traffic again (its access log shows it answering).
"""

import threading
import time
import urllib.error
import uuid
from collections import Counter
from dataclasses import dataclass, field

from harness import load_test
from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import SELF_CARE_ANSWERS, FactSheet, run_interview
from tests.scale_out.test_two_instances import tracker
from tests.scale_out.turns import Turn, score_in_order, stored_turns

PEOPLE = 32
TURNS_EACH = 14  # the load script's conversation: 12 for the symptom check, 2 article questions
KILL_AFTER = PEOPLE * TURNS_EACH // 3  # completed turns
KILLED = 1  # which Rasa server
ATTEMPTS = 5  # per message, one second apart
TIMEOUT = 120  # seconds per message: 32 people on 2 cores, and a lock of the killed server lasts 10 s


class Traffic:
    """Every person's turns in flight, done and failed, so that the kill can count what was in flight."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = self.done = self.failed = 0
        self.in_flight_at_kill: int | None = None


@dataclass
class Person:
    sender: str
    completed: list[Turn] = field(default_factory=list)  # each message that got a reply, with its reply texts
    result: dict | None = None
    answered: int = 0  # article questions answered
    error: str | None = None


def talk(index: int, url: str, traffic: Traffic, start: threading.Barrier) -> Person:
    person = Person(f"killed-{index:02d}-{uuid.uuid4().hex[:6]}")
    body_part = load_test.BODY_PARTS[index % len(load_test.BODY_PARTS)]
    answers = FactSheet({**SELF_CARE_ANSWERS, "body_part": f"my {body_part}"})

    def say(text: str) -> Reply:
        for _attempt in range(ATTEMPTS):
            with traffic.lock:
                traffic.in_flight += 1
            try:
                messages = send(url, person.sender, text, timeout=TIMEOUT)
            except (urllib.error.URLError, OSError, ValueError):  # nginx's 502 when its server died, a timeout
                with traffic.lock:
                    traffic.in_flight -= 1
                    traffic.failed += 1
                time.sleep(1)
                continue
            with traffic.lock:
                traffic.in_flight -= 1
                traffic.done += 1
            person.completed.append((text, [m["text"] for m in messages if m.get("text")]))
            return Reply.of(messages)
        raise RuntimeError(f"no reply to {text!r} after {ATTEMPTS} attempts")

    start.wait(timeout=60)
    try:
        interview = run_interview(say, load_test.OPENING, answers)
        person.result = interview.result
        person.answered = sum(bool(say(question).text) for question in load_test.ARTICLE_QUESTIONS)
    except RuntimeError as error:
        person.error = str(error)
    return person


def test_a_server_killed_under_load_loses_no_completed_turn_and_takes_traffic_again(cluster, figures):
    traffic, start = Traffic(), threading.Barrier(PEOPLE + 1)
    people: list[Person | None] = [None] * PEOPLE

    def run(index: int) -> None:
        people[index] = talk(index, cluster.balancer.url, traffic, start)

    threads = [threading.Thread(target=run, args=(index,), daemon=True) for index in range(PEOPLE)]
    for thread in threads:
        thread.start()
    start.wait(timeout=60)
    began = time.monotonic()
    while traffic.done < KILL_AFTER and any(thread.is_alive() for thread in threads):
        time.sleep(0.05)
    with traffic.lock:  # nobody starts or ends a turn while the count is taken and the server dies
        traffic.in_flight_at_kill = traffic.in_flight
        cluster.kill(KILLED)
    for thread in threads:
        thread.join(timeout=600)
    seconds = time.monotonic() - began

    counts = sum(
        (
            score_in_order(person.completed, stored_turns(tracker(cluster.urls[0], person.sender)["events"]))
            for person in people
        ),
        start=Counter(),
    )
    unfinished = [
        f"{p.sender}: {p.error or p.result}"
        for p in people
        if p.error or (p.result or {}).get("level") != load_test.EXPECTED_LEVEL or p.answered != 2
    ]
    figures.append(
        f"server killed under load: {PEOPLE} people through nginx, {traffic.done} turns in {seconds:.0f} s; "
        f"killed after {KILL_AFTER} turns with {traffic.in_flight_at_kill} in flight; failed turns "
        f"{traffic.failed} (each sent again), completed turns kept {counts['kept']}, lost {counts['lost']}; "
        f"conversations finished {PEOPLE - len(unfinished)}/{PEOPLE}"
    )
    assert counts["lost"] == 0, f"completed turns lost: {counts}"
    assert counts["kept"] == traffic.done
    assert traffic.failed <= traffic.in_flight_at_kill, (traffic.failed, traffic.in_flight_at_kill)
    assert not unfinished, "\n".join(unfinished)

    # The killed server again: started on its port, it answers through nginx once nginx tries it again.
    killed_address = cluster.urls[KILLED].split("//")[1]
    started = time.monotonic()
    cluster.restart(KILLED)
    restart_seconds = time.monotonic() - started
    logged_before = len(cluster.balancer.logged("/webhooks/rest/"))
    sender = f"after-restart-{uuid.uuid4().hex[:6]}"
    deadline = time.monotonic() + 60
    answered_by_it = []
    while not answered_by_it:
        assert time.monotonic() < deadline, "nginx sent nothing to the restarted server within 60 s"
        assert send(cluster.balancer.url, sender, "what is a muscle twitch?", timeout=TIMEOUT)
        logged = cluster.balancer.wait_logged("/webhooks/rest/", logged_before, 1)
        logged_before += len(logged)
        answered_by_it = [entry for entry in logged if entry == (200, killed_address)]
    figures.append(f"the killed server started again in {restart_seconds:.0f} s and answered through nginx")
