"""Two Rasa servers sharing a PostgreSQL tracker store and a Redis lock store (endpoints.scale-out.yml).

Real servers, started by conftest.py exactly as docs/deployment.md, "Starting it" describes; the test itself plays the
load balancer, sending each message to whichever instance it likes. The interview is driven by the shared REST driver
(harness/rest_driver/): the response name of each reply (utter_ask_<slot>) says which slot the bot asks.
"""

import concurrent.futures
import json
import os
import re
import subprocess
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass

import pytest
import yaml

from addons.redis_lock_store import AtomicRedisLockStore
from harness.bot_servers import PROJECT
from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import SELF_CARE_ANSWERS, FactSheet, Interview, run_interview
from harness.scale_out_servers import postgres_connection, redis_client

TIMEOUT = 120  # seconds per message: 20 conversations share 2 cores
FORM_SLOTS: list[str] = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))["forms"]["symptom_form"][
    "required_slots"
]
VIGNETTES = {
    v["id"]: v
    for v in yaml.safe_load((PROJECT / "tests" / "triage_vignettes.yml").read_text(encoding="utf-8"))["vignettes"]
}
# An opening that names no fact, so the interview has to ask every one of its questions.
NEUTRAL_OPENING = "something weird is happening in my muscles"


def tracker(url: str, sender: str) -> dict:
    with urllib.request.urlopen(f"{url}/conversations/{sender}/tracker", timeout=TIMEOUT) as response:
        return json.loads(response.read().decode("utf-8"))


def active_loop(state: dict) -> str | None:
    return (state.get("active_loop") or {}).get("name")


@dataclass
class CheckRun:
    """One symptom check as this test ran it: whose, what the driver saw, what the other instance showed."""

    sender: str
    interview: Interview
    state_errors: list[str]

    @property
    def result(self) -> dict | None:
        return self.interview.result

    @property
    def asked(self) -> list[str]:
        return self.interview.asked


def interview(
    urls: list[str],
    opening: str,
    answers: dict[str, str],
    sender: str | None = None,
    check_state: bool = False,
    first: int = 0,
) -> CheckRun:
    """One symptom check; message i goes to urls[(first + i) % len(urls)].

    With check_state, after every reply the conversation is read back from the *other* instance: it must
    already show the form active and waiting for the slot just asked about (errors go to `state_errors`).
    """
    sender = sender or f"scale-{uuid.uuid4().hex[:10]}"
    state_errors: list[str] = []
    turn = 0

    def say(text: str) -> Reply:
        nonlocal turn
        reply = Reply.of(send(urls[(first + turn) % len(urls)], sender, text, timeout=TIMEOUT))
        turn += 1
        if check_state and reply.asked:
            other = urls[(first + turn) % len(urls)]
            state = tracker(other, sender)
            seen = (active_loop(state), state["slots"].get("requested_slot"))
            if seen != ("symptom_form", reply.asked):
                state_errors.append(f"after asking {reply.asked}, {other} saw (form, requested_slot) {seen}")
        return reply

    return CheckRun(sender, run_interview(say, opening, FactSheet(answers)), state_errors)


def show(run: CheckRun) -> str:
    return f"sender {run.sender}:\n{run.interview.transcript()}"


def assert_in_form_order(asked: list[str]) -> None:
    assert len(asked) == len(set(asked)), f"a question was asked twice: {asked}"
    assert asked == [slot for slot in FORM_SLOTS if slot in asked], f"questions out of order: {asked}"


def postgres_event_count(store_env: dict[str, str], sender: str) -> int:
    connection = postgres_connection(store_env)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM events WHERE sender_id = %s", (sender,))
            return cursor.fetchone()[0]
    finally:
        connection.close()


def redis_lock_writes(store_env: dict[str, str]) -> int:
    """How many SET commands the Redis server has run: the lock store takes each lock with a SET."""
    client = redis_client(store_env)
    return int(client.info("commandstats").get("cmdstat_set", {}).get("calls", 0))


# --- 1. one conversation, turns alternating between the two instances -----------------------------------------------
CASES = {
    # The self-care case keeps the vignette's answers but opens without naming any fact: all 11 questions.
    "self_care_every_question": (NEUTRAL_OPENING, VIGNETTES["self_care_one_night_calf_cramp"]),
    "specialist": (None, VIGNETTES["specialist_chronic_back_spasms"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_alternating_instances_complete_the_interview(cluster, case):
    opening, vignette = CASES[case]
    opening = opening or vignette["opening"]
    expected = vignette["expected"]
    locks_before = redis_lock_writes(cluster.store_env)

    reference = interview(cluster.urls[:1], opening, vignette["answers"])  # everything on instance 0
    alternating = interview(cluster.urls, opening, vignette["answers"], check_state=True)

    assert alternating.result is not None, f"no triage result\n{show(alternating)}"
    got = {key: alternating.result[key] for key in ("level", "contraction", "subtype")}
    assert got == {
        "level": expected["level"],
        "contraction": expected["contraction"],
        "subtype": expected.get("subtype"),
    }, show(alternating)
    assert not alternating.state_errors, "\n".join(alternating.state_errors) + "\n" + show(alternating)
    assert_in_form_order(alternating.asked)
    if case == "self_care_every_question":
        assert alternating.asked == FORM_SLOTS, show(alternating)
    # Two instances behave exactly like one.
    assert alternating.asked == reference.asked, f"{show(reference)}\n---\n{show(alternating)}"
    assert alternating.result == reference.result

    # Both instances read the same finished conversation from PostgreSQL: form closed, same slots.
    states = [tracker(url, alternating.sender) for url in cluster.urls]
    assert [active_loop(state) for state in states] == [None, None]
    assert states[0]["slots"] == states[1]["slots"]
    assert states[0]["slots"]["requested_slot"] is None
    assert len(states[0]["events"]) == len(states[1]["events"])
    assert postgres_event_count(cluster.store_env, alternating.sender) >= len(states[0]["events"])
    assert redis_lock_writes(cluster.store_env) > locks_before, "the Redis lock store was not used"


# --- 2. twenty conversations at once over both instances ------------------------------------------------------------
# (what the person types, the canonical body part the bot reports back)
BODY_PARTS = [
    ("my calf", "calf"),
    ("my thigh", "thigh"),
    ("my hamstring", "hamstring"),
    ("my knee", "knee"),
    ("my foot", "foot"),
    ("my toe", "toe"),
    ("my leg", "leg"),
    ("my shoulder", "shoulder"),
    ("my arm", "arm"),
    ("my hand", "hand"),
    ("my finger", "finger"),
    ("my thumb", "thumb"),
    ("my neck", "neck"),
    ("my jaw", "jaw"),
    ("my lip", "lip"),
    ("my eyelid", "eyelid"),
    ("my face", "face"),
    ("my lower back", "lower back"),
    ("my stomach", "stomach"),
    ("my abdomen", "abdomen"),
]
# Severe pain settles "see a specialist" at once, so these interviews stop after the pain question.
SPECIALIST_ANSWERS = {**SELF_CARE_ANSWERS, "pain_level": "severe, 9 out of 10"}
SPECIALIST_QUESTIONS = FORM_SLOTS[: FORM_SLOTS.index("pain_level") + 1]
CONCURRENT = 20


def test_concurrent_conversations_get_only_their_own_answers(cluster):
    assert len(BODY_PARTS) == CONCURRENT
    start = threading.Barrier(CONCURRENT)
    plans = []
    for index, (said, body_part) in enumerate(BODY_PARTS):
        specialist = index % 2 == 1
        answers = {**(SPECIALIST_ANSWERS if specialist else SELF_CARE_ANSWERS), "body_part": said}
        plans.append(
            {
                "sender": f"concurrent-{index:02d}-{uuid.uuid4().hex[:6]}",
                "body_part": body_part,
                "answers": answers,
                "level": "specialist" if specialist else "self_care",
                "questions": SPECIALIST_QUESTIONS if specialist else FORM_SLOTS,
                "first": index % 2,
            }
        )

    def run(plan: dict) -> CheckRun:
        start.wait(timeout=60)
        return interview(cluster.urls, NEUTRAL_OPENING, plan["answers"], sender=plan["sender"], first=plan["first"])

    with concurrent.futures.ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        results = list(pool.map(run, plans))

    everyone = [plan["body_part"] for plan in plans]
    problems = []
    for plan, result in zip(plans, results, strict=True):
        if result.result is None:
            problems.append(f"no triage result\n{show(result)}")
            continue
        if result.asked != plan["questions"]:
            problems.append(f"asked {result.asked}, expected {plan['questions']}\n{show(result)}")
        if result.result["level"] != plan["level"]:
            problems.append(f"level {result.result['level']}, expected {plan['level']}\n{show(result)}")
        facts = " | ".join(reason["fact"] for reason in result.result["reasons"])
        named = {part for part in everyone if re.search(rf"\byour {re.escape(part)}\b", facts)}
        if named != {plan["body_part"]}:
            problems.append(f"{plan['sender']} ({plan['body_part']}): the reasons name {sorted(named)}: {facts}")
        slots = tracker(cluster.urls[0], plan["sender"])["slots"]
        if (slots["body_part"] or "").replace("_", " ") != plan["body_part"]:
            problems.append(f"{plan['sender']}: body_part slot {slots['body_part']!r}, expected {plan['body_part']}")
    assert not problems, f"{len(problems)} problem(s):\n" + "\n\n".join(problems)


# --- 3. a message that arrives while the other instance is busy with the same conversation ----------------------------
# Once one instance holds a conversation's lock, a message for that conversation on another instance waits until
# the first turn is stored. (Messages at the very same moment: test_lock_race.py.)


def test_message_waits_while_the_other_instance_holds_the_conversation(cluster):
    client = redis_client(cluster.store_env)
    questions = ["what causes muscle spasms?", "what is a muscle twitch?"]
    for _attempt in range(5):
        sender = f"overlap-{uuid.uuid4().hex[:8]}"
        send(cluster.urls[0], sender, "hello", timeout=TIMEOUT)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            first = pool.submit(send, cluster.urls[0], sender, questions[0], TIMEOUT)
            locked = False
            for _ in range(5000):  # poll for up to ~5 s until instance 0 holds the lock
                locked = client.get(AtomicRedisLockStore.key(sender)) is not None
                if locked or first.done():
                    break
                time.sleep(0.001)
            second = pool.submit(send, cluster.urls[1], sender, questions[1], TIMEOUT)
            overlapped = locked and not first.done()
            replies = [first.result(), second.result()]
        if overlapped:
            break
    assert overlapped, "the first message never held the lock while the second was sent"
    assert all(replies), f"an instance sent no reply: {replies}"

    events = tracker(cluster.urls[1], sender)["events"]
    kinds = [
        e["name"] if e["event"] == "action" else e["event"] for e in events if e["event"] in ("user", "action", "bot")
    ]
    turns: list[list[str]] = []
    for kind in kinds:
        if kind == "user":
            turns.append([])
        if turns:
            turns[-1].append(kind)
    assert len(turns) == 3, f"a turn was lost or merged: {kinds}"
    for turn in turns:
        # the message, the bot's actions and replies, back to listening: nothing of the other turn in between
        assert turn[0] == "user" and turn[-1] == "action_listen" and "user" not in turn[1:], kinds
    assert [e.get("text") for e in events if e["event"] == "user"][-2:] == questions


# --- 4. "forget me" and retention on PostgreSQL ---------------------------------------------------------------------
def redis_lock_keys(store_env: dict[str, str]) -> list[str]:
    client = redis_client(store_env)
    return [key.decode() for key in client.keys("*")]


def test_forget_me_deletes_the_conversation_from_postgresql(cluster):
    first, second = cluster.urls
    mine, other = f"forget-{uuid.uuid4().hex[:10]}", f"keep-{uuid.uuid4().hex[:10]}"
    send(first, other, "what is a muscle spasm?", timeout=TIMEOUT)
    send(first, mine, "what causes cramps?", timeout=TIMEOUT)
    asked = send(second, mine, "please delete my conversation", timeout=TIMEOUT)
    assert any("delete this conversation" in (m.get("text") or "") for m in asked), asked
    kept_before = postgres_event_count(cluster.store_env, other)
    assert postgres_event_count(cluster.store_env, mine) > 5 and kept_before > 0

    # Confirmed on the other server than the one that asked: the deletion goes through the shared stores.
    done = send(first, mine, "yes", timeout=TIMEOUT)
    assert any("I've deleted this conversation" in (m.get("text") or "") for m in done), done
    assert postgres_event_count(cluster.store_env, mine) == 0, "events of the forgotten conversation remain"
    assert postgres_event_count(cluster.store_env, other) == kept_before
    assert not [key for key in redis_lock_keys(cluster.store_env) if mine in key], "its lock is still in Redis"
    # Both servers see an empty conversation; a new message starts afresh.
    for url in cluster.urls:
        assert [e for e in tracker(url, mine)["events"] if e["event"] == "user"] == []


def test_purge_conversations_on_postgresql(cluster, tmp_path):
    """`make purge-conversations ENDPOINTS=endpoints.scale-out.yml` against the cluster's PostgreSQL."""
    connection = postgres_connection(cluster.store_env)
    old, recent = f"old-{uuid.uuid4().hex[:10]}", f"recent-{uuid.uuid4().hex[:10]}"
    send(cluster.urls[0], old, "hello", timeout=TIMEOUT)
    send(cluster.urls[1], recent, "hello", timeout=TIMEOUT)
    with connection, connection.cursor() as cursor:  # make one conversation 40 days old
        cursor.execute("UPDATE events SET timestamp = timestamp - 40 * 86400 WHERE sender_id = %s", (old,))
    connection.close()
    before = postgres_event_count(cluster.store_env, recent)

    result = subprocess.run(
        ["make", "--no-print-directory", "purge-conversations", "ENDPOINTS=endpoints.scale-out.yml"],
        cwd=PROJECT,
        env={**os.environ, **cluster.store_env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert postgres_event_count(cluster.store_env, old) == 0
    assert postgres_event_count(cluster.store_env, recent) == before > 0
