"""The lock race (RasaHQ/rasa#9213): many messages of one conversation at the same moment, through both servers.

First against Rasa's own RedisLockStore (two more Rasa servers like the cluster's, started for this test with
Rasa's `type: redis` lock store), then against ours (the cluster, endpoints.scale-out.yml), for as many rounds.
In every round one conversation gets BURST different article questions at once, half on each server: each
request is sent but for its last byte, and the last bytes all go together, so the messages reach the servers
within microseconds. Then the conversation's tracker is read back and each question is scored:
  - kept: its user event is in the tracker, directly followed by exactly the reply the client got;
  - reordered: both are there, but another turn's events came in between;
  - lost: the question or its reply is missing from the tracker, although the client got an answer;
  - failed: the client got an error or no reply (it knows, and can send it again).
Rasa's lock store must show the race (at least one turn lost or reordered; it gets up to MORE_UNTIL_LOST
more rounds to), or the test could not tell the two apart; ours must keep every turn.
"""

import concurrent.futures
import http.client
import json
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from harness.bot_servers import PROJECT, free_port
from harness.rest_driver.client import send
from harness.scale_out_servers import start_rasa_servers, stop_all
from tests.scale_out.test_two_instances import tracker
from tests.scale_out.turns import score_at_once, stored_turns

QUESTIONS = [
    "what causes muscle spasms?",
    "what is a muscle twitch?",
    "what is clonus?",
    "what is an EMG?",
    "which foods help with spasms?",
    "are twitches dangerous?",
    "what is an ischemic spasm?",
    "what are fasciculations?",
]
BURST = len(QUESTIONS)
ROUNDS = 6  # Rasa's lock store lost about one turn in two rounds when this was written
MORE_UNTIL_LOST = 12  # more rounds for Rasa's lock store while it has lost nothing yet
TIMEOUT = 120  # seconds per message: a burst waits for the lock one turn after another
OURS = "addons.redis_lock_store.AtomicRedisLockStore"


def post_at(start: threading.Barrier, url: str, sender: str, text: str) -> list[str] | None:
    """One REST message, sent all but its last byte ahead and completed when every sender is at `start`, so
    that all of them reach the servers within microseconds; the reply texts, or None on an error."""
    parts = urlsplit(url)
    body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.putrequest("POST", "/webhooks/rest/webhook")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body[:-1])
        start.wait(timeout=30)
        connection.send(body[-1:])
        response = connection.getresponse()
        if response.status != 200:
            return None
        return [m["text"] for m in json.loads(response.read().decode("utf-8")) if m.get("text")] or None
    except (OSError, ValueError, http.client.HTTPException, threading.BrokenBarrierError):
        return None
    finally:
        connection.close()


def burst(urls: list[str], sender: str) -> dict[str, list[str] | None]:
    """Every question at once, alternating between the servers; each question's reply texts, or None."""
    send(urls[0], sender, "hello", timeout=TIMEOUT)  # the session starts before the race
    start = threading.Barrier(BURST)
    with concurrent.futures.ThreadPoolExecutor(max_workers=BURST) as pool:
        replies = list(
            pool.map(lambda index: post_at(start, urls[index % len(urls)], sender, QUESTIONS[index]), range(BURST))
        )
    return dict(zip(QUESTIONS, replies, strict=True))


def race(urls: list[str], label: str, rounds: int, figures: list[str], more_until_lost: int = 0) -> Counter:
    """`rounds` bursts (and up to `more_until_lost` more until a turn is lost or reordered); the counts."""
    total: Counter = Counter()
    played = 0
    while played < rounds or (played < rounds + more_until_lost and not total["lost"] + total["reordered"]):
        sender = f"race-{played}-{uuid.uuid4().hex[:8]}"
        sent = burst(urls, sender)
        total += score_at_once(sent, stored_turns(tracker(urls[0], sender)["events"]))
        played += 1
    figures.append(
        f"lock race, {label}: {played} rounds x {BURST} messages at once over 2 servers: "
        + ", ".join(f"{kind} {total[kind]}" for kind in ("kept", "reordered", "lost", "failed"))
    )
    total["rounds"] = played
    return total


@pytest.fixture(scope="module")
def stock_lock_urls(cluster, scale_out_root) -> Iterator[list[str]]:
    """Two Rasa servers like the cluster's, but with Rasa's own RedisLockStore."""
    endpoints = (PROJECT / "endpoints.scale-out.yml").read_text()
    assert endpoints.count(f"type: {OURS}") == 1
    stock_endpoints = scale_out_root / "endpoints.stock-lock.yml"
    stock_endpoints.write_text(endpoints.replace(f"type: {OURS}", "type: redis"))
    ports = [free_port(), free_port()]
    try:
        servers = start_rasa_servers(
            ports,
            cluster.actions_port,
            "scale_out_stock_lock",
            cluster.store_env,
            str(stock_endpoints),
            extra_args=["--enable-api"],  # the test reads the conversations back
            extra_env={"SANIC_WORKERS": cluster.sanic_workers},
        )
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        stop_all(servers)


def test_rasas_lock_store_loses_turns_and_ours_keeps_every_one(cluster, stock_lock_urls, figures):
    stock = race(stock_lock_urls, "Rasa's RedisLockStore", ROUNDS, figures, more_until_lost=MORE_UNTIL_LOST)
    ours = race(cluster.urls, "AtomicRedisLockStore", stock["rounds"], figures)

    assert stock["lost"] + stock["reordered"] > 0, f"the race did not show with Rasa's lock store: {stock}"
    assert ours == Counter(kept=stock["rounds"] * BURST, rounds=stock["rounds"]), f"ours: {ours}, Rasa's: {stock}"
