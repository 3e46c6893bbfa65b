"""Parts of the deployment that go away, and a flood, while 32 simulated people talk to it through nginx.

Each test runs the fault tests' load (tests/scale_out/under_load.py: 32 people, each from its own loopback address,
each a whole symptom check and two article questions, sending a message again when it got no reply), and prints
its figures beside those of the same load with nothing failing (the `steady_load` fixture; for the flood, runs
without it alongside):
  - a flood from one more client (its own address), under way before the people start (its burst spent) and all
    the while: nginx's per-client limit (deploy/nginx.conf) answers it with 429s, lets through no more than its
    burst and a request a second, and everyone else's p95 stays within FLOOD_P95_FACTOR of its p95 without the
    flood (medians over FLOOD_ROUNDS rounds side by side: the test's docstring says why);
  - PostgreSQL stopped for OUTAGE_SECONDS and started again, a third of the way in: every reply meanwhile is the
    channel's honest "please try again in a moment" (a 503), never a 500, another error or silence; no completed
    turn is lost and every conversation ends with its result;
  - Redis the same: no conversation is handled by two servers at once, and none stays locked (no lock is left in
    Redis, and every conversation answers at once afterwards). Two servers on one conversation would mix or
    lose its turns: every completed turn is in its tracker with exactly its reply, in order, and all the while
    the lock race of test_lock_race.py runs beside the load, round after round (a conversation's messages at
    the same moment, on both servers), with no turn lost or reordered.
"""

import statistics
import threading
import time
import urllib.error
import uuid
from collections import Counter

from addons.redis_lock_store import KEY_PREFIX
from harness import load_test
from harness.bot_servers import wait_until
from harness.rest_driver.client import send
from harness.scale_out_servers import redis_client
from tests.scale_out.test_lock_race import burst
from tests.scale_out.test_two_instances import tracker
from tests.scale_out.turns import score_at_once, stored_turns
from tests.scale_out.under_load import PEOPLE, TURNS_EACH, Load, kept_and_lost, unfinished

FAULT_AFTER = PEOPLE * TURNS_EACH // 3  # completed turns
OUTAGE_SECONDS = 3
FLOOD_THREADS = 4
FLOOD_RATE = 40  # requests per second, 40 times what nginx lets one client send
LIMIT_RATE, LIMIT_BURST = 1, 20  # deploy/nginx.conf's limit_req: a request a second, bursts of 20 more
FLOOD_P95_FACTOR = 1.5
FLOOD_ROUNDS = 3  # each a run without the flood and one with it
AFTERWARDS_SECONDS = 5  # a locked conversation would wait for the lock's 10 s lease


class Flood:
    """FLOOD_RATE requests a second from an address of its own, in FLOOD_THREADS threads, until stopped; counts
    the statuses."""

    def __init__(self, url: str):
        self.url, self.statuses = url, Counter()
        self.source = load_test.client_address(load_test.fresh_clients(1))  # no person's address
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=self._send, daemon=True) for _ in range(FLOOD_THREADS)]
        self.seconds = 0.0

    def start(self) -> None:
        self.began = time.monotonic()
        for thread in self.threads:
            thread.start()

    def wait_until_limited(self) -> None:
        """Until nginx answers the flood with 429s: its burst is spent, and the flood in full swing."""
        wait_until(lambda: self.statuses[429] > 0, 60, "the flood's first 429", interval=0.05)

    def stop(self) -> None:
        self.stopped.set()
        for thread in self.threads:
            thread.join(timeout=150)
        self.seconds = time.monotonic() - self.began

    def _send(self) -> None:
        interval, sender = FLOOD_THREADS / FLOOD_RATE, f"flood-{uuid.uuid4().hex[:6]}"
        next_at = time.monotonic()
        while not self.stopped.is_set():
            try:
                send(self.url, sender, "what is a muscle twitch?", timeout=120, source=self.source)
                status = 200
            except urllib.error.HTTPError as error:
                status = error.code
            except (urllib.error.URLError, OSError):
                status = 0
            self.statuses[status] += 1
            next_at += interval
            self.stopped.wait(max(0.0, next_at - time.monotonic()))


class Races:
    """Lock races (test_lock_race.py's bursts) on the Rasa servers, one after another until stopped; the counts."""

    def __init__(self, urls: list[str]):
        self.urls, self.counts = urls, Counter()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._race, daemon=True)

    def _race(self) -> None:
        while not self.stopped.is_set():
            sender = f"race-{uuid.uuid4().hex[:8]}"
            try:
                sent = burst(self.urls, sender)
            except (urllib.error.URLError, OSError):  # its opening message met the outage
                self.stopped.wait(1)
                continue
            self.counts += score_at_once(sent, stored_turns(tracker(self.urls[0], sender)["events"]))
            self.counts["rounds"] += 1

    def __enter__(self) -> "Races":
        self.thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.stopped.set()
        self.thread.join(timeout=300)


def test_a_flood_from_one_client_gets_429s_and_everyone_elses_p95_holds(cluster, steady_load, figures):
    """The p95 gate (everyone else's p95 with the flood at most FLOOD_P95_FACTOR times its value without it) is
    measured over FLOOD_ROUNDS rounds, each a run of the load without the flood and one with it, back to back (the
    one without first in odd rounds, second in even ones), and compares the median p95 of the runs with the flood to
    the median of those without. On two cores that other jobs share, the p95 of the same load with nothing failing
    was 0.71 s in one session and 1.29 s in another, so a baseline taken once at the start of the session
    (steady_load) may come from a quieter or a busier minute than the flood's run: runs side by side see the same
    background load; the order alternates, as in one session the run without the flood, always first then, was the
    slower of the pair in every round (p95 1.65, 1.33, 1.46 s against 1.23, 1.07, 1.12 s with the flood); and the
    median drops one outlying run on either side.
    The factor is the issue's 1.5, unchanged. Every other gate holds in every round."""
    without, with_flood = [], []

    def run_without_flood() -> Load:
        quiet = Load(cluster.balancer.url)
        quiet.run()
        assert not quiet.failures, (quiet.failures, quiet.errors)
        return quiet

    def run_with_flood(number: int) -> tuple[Load, str]:
        """The run with the flood, its gates, and its figures."""
        flood, load = Flood(cluster.balancer.url), Load(cluster.balancer.url)
        flood.start()
        flood.wait_until_limited()
        people = load.run()
        flood.stop()
        passed = flood.statuses[200]
        counts = kept_and_lost(cluster.urls[0], people)
        line = (
            load.summary(f"a flood from one client, round {number}")
            + f"; turns lost {counts['lost']}; the flood: {sum(flood.statuses.values())} requests in "
            f"{flood.seconds:.0f} s, {flood.statuses[429]} got 429, {passed} passed"
        )
        assert flood.statuses[429] > 0, flood.statuses
        assert passed <= LIMIT_BURST + 1 + LIMIT_RATE * flood.seconds, flood.statuses
        assert not load.failures, (load.failures, load.errors)
        assert counts["lost"] == 0 and counts["kept"] == load.done, counts
        assert not unfinished(people), "\n".join(unfinished(people))
        return load, line

    for number in range(1, FLOOD_ROUNDS + 1):
        if number % 2:
            quiet, (flooded, line) = run_without_flood(), run_with_flood(number)
        else:
            (flooded, line), quiet = run_with_flood(number), run_without_flood()
        figures.append(f"{line}; without the flood: p95 {quiet.p95():.2f} s")
        without.append(quiet.p95())
        with_flood.append(flooded.p95())
    p95, p95_without = statistics.median(with_flood), statistics.median(without)
    figures.append(
        f"a flood from one client, {FLOOD_ROUNDS} rounds: everyone else's median p95 {p95:.2f} s with the flood, "
        f"{p95_without:.2f} s without ({p95 / p95_without:.2f}x, at most {FLOOD_P95_FACTOR}x)"
    )
    assert p95 <= FLOOD_P95_FACTOR * p95_without, (with_flood, without)


def test_postgresql_restarted_under_load_asks_to_try_again_and_loses_no_turn(cluster, steady_load, figures):
    load = Load(cluster.balancer.url)
    people = load.run(lambda: cluster.postgres.restart(OUTAGE_SECONDS), FAULT_AFTER)
    counts = kept_and_lost(cluster.urls[0], people)
    figures.append(
        load.summary(f"PostgreSQL down for {OUTAGE_SECONDS} s", steady_load) + f"; turns lost {counts['lost']}"
    )
    assert load.failures["try again"] > 0, f"nobody noticed the outage: {load.failures}"
    assert set(load.failures) == {"try again"}, (load.failures, load.errors)
    assert counts["lost"] == 0 and counts["kept"] == load.done, counts
    assert not unfinished(people), "\n".join(unfinished(people))


def test_redis_restarted_under_load_leaves_no_conversation_to_two_servers_or_locked(cluster, steady_load, figures):
    load = Load(cluster.balancer.url)
    with Races(cluster.urls) as races:
        people = load.run(lambda: cluster.redis.restart(OUTAGE_SECONDS), FAULT_AFTER)
    counts = kept_and_lost(cluster.urls[0], people)
    locks = redis_client(cluster.store_env).keys(KEY_PREFIX + "*")
    slow = []
    for person in people:  # every conversation goes on at once: none waits for a lock
        started = time.monotonic()
        assert send(cluster.balancer.url, person.sender, "thanks", timeout=60, source=person.source)
        if time.monotonic() - started > AFTERWARDS_SECONDS:
            slow.append(person.sender)
    figures.append(
        load.summary(f"Redis down for {OUTAGE_SECONDS} s", steady_load)
        + f"; turns lost {counts['lost']}; locks left {len(locks)}; beside it {races.counts['rounds']} lock races: "
        + ", ".join(f"{kind} {races.counts[kind]}" for kind in ("kept", "reordered", "lost", "failed"))
    )
    assert races.counts["rounds"] > 0 and races.counts["lost"] == races.counts["reordered"] == 0, races.counts
    assert load.failures["try again"] > 0, f"nobody noticed the outage: {load.failures}"
    assert set(load.failures) == {"try again"}, (load.failures, load.errors)
    assert counts["lost"] == 0 and counts["kept"] == load.done, counts
    assert not unfinished(people), "\n".join(unfinished(people))
    assert not locks and not slow, (locks, slow)
