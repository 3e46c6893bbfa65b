"""A Rasa server killed with SIGKILL while 32 simulated people talk to the cluster through nginx.

Each person runs the load script's conversation through nginx, and sends a message again a second later when it
got no reply (tests/scale_out/under_load.py). Once a third of the turns are done, Rasa server 1 and its Sanic
workers are killed with SIGKILL. The conversations go on, on server 0, from their trackers in PostgreSQL. Gates:
  - no conversation loses a completed turn: every message that got a reply is in its tracker with exactly
    that reply, in the order sent (tests/scale_out/turns.py);
  - the turns that failed are at most the turns in flight at the kill (only those can have been on it);
  - every conversation still ends with its triage result and both answers.
Then server 1 is started again on its port, and nginx sends it traffic again (its access log shows it answering).
"""

import time
import uuid

from harness.rest_driver.client import send
from tests.scale_out.under_load import PEOPLE, TIMEOUT, TURNS_EACH, Load, kept_and_lost, unfinished

KILL_AFTER = PEOPLE * TURNS_EACH // 3  # completed turns
KILLED = 1  # which Rasa server


def test_a_server_killed_under_load_loses_no_completed_turn_and_takes_traffic_again(cluster, steady_load, figures):
    load = Load(cluster.balancer.url)
    in_flight_at_kill = []

    def kill() -> None:
        with load.lock:  # nobody starts or ends a turn while the count is taken and the server dies
            in_flight_at_kill.append(load.in_flight)
            cluster.kill(KILLED)

    try:
        people = load.run(kill, KILL_AFTER)
        counts = kept_and_lost(cluster.urls[0], people)
        figures.append(
            load.summary(f"Rasa server killed after {KILL_AFTER} turns, {in_flight_at_kill[0]} in flight", steady_load)
            + f"; turns lost {counts['lost']}"
        )
        assert counts["lost"] == 0, f"completed turns lost: {counts}"
        assert counts["kept"] == load.done
        failed = sum(load.failures.values())
        assert failed <= in_flight_at_kill[0], (load.failures, load.errors, in_flight_at_kill)
        assert not unfinished(people), "\n".join(unfinished(people))
    finally:
        # The killed server again, on its port, whatever the gates above said: the tests after this one need both
        # servers (when a gate failed, it was left down, and every later test met a refused connection).
        started = time.monotonic()
        if in_flight_at_kill:
            cluster.restart(KILLED)
        restart_seconds = time.monotonic() - started

    # The restarted server answers through nginx once nginx tries it again.
    killed_address = cluster.urls[KILLED].split("//")[1]
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
