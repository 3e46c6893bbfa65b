"""The simulated people of the load script and of the scale-out tests' load, without servers: the address each one
sends from, and how each failed attempt is counted.

nginx's per-client limit (deploy/nginx.conf) remembers what every address sent. The scale-out tests run their load
several times in a row through one nginx; while every run's people sent from 127.0.0.2 to 127.0.0.33, a run started
with its people's allowance spent by the runs before it, and its people got 429s (counted as plain errors) whenever
turns were fast enough. Every run now sends from addresses that no earlier run used.
"""

import http.client
import io
import json
import threading
import urllib.error

from addons.channels import TRY_AGAIN
from harness import load_test
from tests.scale_out import under_load


def addresses_of_a_load_test_run(monkeypatch, people: int) -> list[str]:
    """The source addresses of one load_test.run, its conversations replaced by a stand-in that only records them."""
    sources: list[str] = []
    recording = threading.Lock()

    def conversation(index, urls, stats, timeout, think, start, source) -> bool:  # noqa: ARG001 - its signature
        start.wait()
        with recording:
            sources.append(source)
        return True

    monkeypatch.setattr(load_test, "conversation", conversation)
    load_test.run(["http://127.0.0.1:1"], people, 1, 0.0)
    return sources


def addresses_of_a_load(monkeypatch, people: int) -> list[str]:
    """The source addresses of the people of one under_load.Load run, their conversations replaced likewise."""

    def talk(self, person, index, start) -> None:  # noqa: ARG001 - its signature
        start.wait(timeout=10)

    monkeypatch.setattr(under_load.Load, "_talk", talk)
    return [person.source for person in under_load.Load("http://127.0.0.1:1", people).run()]


def test_no_two_runs_send_from_the_same_address(monkeypatch):
    warm_up = addresses_of_a_load_test_run(monkeypatch, 1)
    steady = addresses_of_a_load(monkeypatch, 32)
    faulty = addresses_of_a_load(monkeypatch, 32)
    measured = addresses_of_a_load_test_run(monkeypatch, 32)
    runs = [warm_up, steady, faulty, measured]
    every = [address for run in runs for address in run]
    assert [len(run) for run in runs] == [1, 32, 32, 32]
    assert len(set(every)) == len(every), "two runs, or two people of one run, share an address"
    assert all(address.startswith("127.") and address != "127.0.0.1" for address in every)


def http_error(status: int, body: object, retry_after: str | None = None) -> urllib.error.HTTPError:
    headers = http.client.HTTPMessage()
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return urllib.error.HTTPError("http://x/", status, "", headers, io.BytesIO(json.dumps(body).encode()))


def test_only_the_channels_try_again_counts_as_try_again_and_every_other_failure_names_itself():
    try_again = http_error(503, [{"recipient_id": "a", "text": TRY_AGAIN}], retry_after="2")
    assert under_load.outcome(try_again) == ("try again", "503 try again")
    assert under_load.retry_after(try_again) == 2
    assert under_load.outcome(http_error(503, [{"text": "Service Unavailable"}])) == ("error", "HTTP 503")
    assert under_load.outcome(http_error(429, "<html>429 Too Many Requests</html>")) == ("error", "HTTP 429")
    assert under_load.retry_after(http_error(502, "")) == 1
    refused = urllib.error.URLError(ConnectionRefusedError(111, "Connection refused"))
    assert under_load.outcome(refused) == ("error", "ConnectionRefusedError")
    assert under_load.outcome(TimeoutError("timed out")) == ("error", "timeout")
