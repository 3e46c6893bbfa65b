"""Load test over REST: N simulated people at once, each a whole symptom check plus two article questions.

Every simulated person sends a message, waits for the reply, and answers at once (no think time unless
--think-time). The interview is driven by the shared REST driver (harness/rest_driver/): the reply's response name
(utter_ask_<slot>) says which slot the bot asks. Messages go round-robin over the --url servers, the way a
load balancer would spread them. Each person is a client of its own, from its own loopback address (127.0.0.2,
127.0.0.3, ...), as nginx's per-client limit (deploy/nginx.conf) tells clients apart, and no two runs of one process
share an address (fresh_clients). Reports turns/s (one turn =
one message and its reply), latency percentiles and errors; a conversation that does not end in the expected
triage result, or gets no answer to an article question, counts as an error too. Loopback servers only.

  .venv/bin/python -m harness.load_test --url http://127.0.0.1:5005 --conversations 32
  .venv/bin/python -m harness.load_test --url http://127.0.0.1:5005 --url http://127.0.0.1:5006 --conversations 32
"""

import argparse
import ipaddress
import itertools
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import uuid
from pathlib import Path

from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import SELF_CARE_ANSWERS, FactSheet, run_interview
from harness.rest_driver.stats import percentile

MAX_CONVERSATIONS = 500
OPENING = "something weird is happening in my muscles"  # names no fact, so every question gets asked
BODY_PARTS = [
    "calf",
    "thigh",
    "hamstring",
    "knee",
    "foot",
    "toe",
    "leg",
    "shoulder",
    "arm",
    "hand",
    "finger",
    "thumb",
    "neck",
    "jaw",
    "lip",
    "eyelid",
    "face",
    "lower back",
    "stomach",
    "abdomen",
]
EXPECTED_LEVEL = "self_care"
ARTICLE_QUESTIONS = ["what causes muscle spasms?", "what's the difference between a spasm and a twitch?"]


FIRST_CLIENT = ipaddress.ip_address("127.0.0.2")  # 127.0.0.1 is everything else that talks to the servers

# nginx's per-client limit (deploy/nginx.conf: a request a second, and bursts of 20 more) remembers what each address
# sent. A simulated person answers at once, faster than a request a second, so a second run from the same addresses,
# started right after the first, found its people's allowance spent and got 429s: the scale-out tests' plain errors
# when the machine was fast enough. So every run, warm-ups included, sends from addresses no earlier run of this
# process used (fresh_clients).
_handed_out = itertools.count()
_handing_out = threading.Lock()


def fresh_clients(count: int) -> int:
    """The index (for client_address) of the first of `count` client addresses that no earlier call handed out."""
    with _handing_out:
        first = next(_handed_out)
        for _ in range(count - 1):
            next(_handed_out)
    return first


def client_address(index: int) -> str:
    """The loopback address simulated person `index` sends from."""
    return str(FIRST_CLIENT + index)


def loopback_only(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as error:
        raise SystemExit(f"cannot resolve {url}: {error}") from error
    if not addresses or not all(ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses):
        raise SystemExit(f"refusing {url}: this load test only talks to loopback servers")
    return url.rstrip("/")


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def timed_send(self, url: str, sender: str, text: str, timeout: float, source: str) -> list[dict] | None:
        started = time.perf_counter()
        try:
            reply = send(url, sender, text, timeout=timeout, source=source)
        except (urllib.error.URLError, OSError, ValueError) as error:  # HTTP errors, timeouts, bad JSON
            self.error(f"{sender}: {text!r} -> {url}: {error!r}")
            return None
        with self.lock:
            self.latencies.append(time.perf_counter() - started)
        return reply

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


class SendFailed(Exception):
    """A message got no reply (already counted as an error)."""


def conversation(
    index: int, urls, stats: Stats, timeout: float, think: float, start: threading.Barrier, source: str
) -> bool:
    sender = f"load-{index:03d}-{uuid.uuid4().hex[:8]}"
    answers = FactSheet({**SELF_CARE_ANSWERS, "body_part": f"my {BODY_PARTS[index % len(BODY_PARTS)]}"})
    start.wait()

    def say(text: str) -> Reply:
        if think:
            time.sleep(think)
        messages = stats.timed_send(next(urls), sender, text, timeout, source)
        if messages is None:
            raise SendFailed
        return Reply.of(messages)

    try:
        interview = run_interview(say, OPENING, answers)
        if interview.result is None:
            stats.error(f"{sender}: no triage result: {interview.transcript()[-300:]}")
            return False
        if interview.result.get("level") != EXPECTED_LEVEL:
            stats.error(f"{sender}: triage level {interview.result.get('level')}, expected {EXPECTED_LEVEL}")
            return False
        for question in ARTICLE_QUESTIONS:
            if not say(question).text:
                stats.error(f"{sender}: no answer to {question!r}")
                return False
    except SendFailed:
        return False
    return True


class RoundRobin:
    """Thread-safe cycle over the servers: each message goes to the next one."""

    def __init__(self, urls: list[str]):
        self._cycle = itertools.cycle(urls)
        self._lock = threading.Lock()

    def __next__(self) -> str:
        with self._lock:
            return next(self._cycle)


def milliseconds(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds * 1000)


def run(urls: list[str], conversations: int, timeout: float, think: float) -> dict:
    """`conversations` simulated people at once, each from a client address of its own that no earlier run used."""
    first_client = fresh_clients(conversations)
    stats = Stats()
    robin = RoundRobin(urls)
    start = threading.Barrier(conversations + 1)
    outcomes: list[bool] = [False] * conversations

    def worker(index: int) -> None:
        source = client_address(first_client + index)
        outcomes[index] = conversation(index, robin, stats, timeout, think, start, source)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(conversations)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies = sorted(stats.latencies)
    return {
        "urls": urls,
        "conversations": conversations,
        "completed": sum(outcomes),
        "turns": len(latencies),
        "errors": len(stats.errors),
        "seconds": round(elapsed, 2),
        "turns_per_second": round(len(latencies) / elapsed, 2) if elapsed else None,
        "latency_ms": {
            "p50": milliseconds(percentile(latencies, 0.50)),
            "p95": milliseconds(percentile(latencies, 0.95)),
            "p99": milliseconds(percentile(latencies, 0.99)),
            "max": milliseconds(max(latencies, default=None)),
        },
        "error_samples": stats.errors[:10],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--url",
        action="append",
        required=True,
        help="a Rasa server's base URL; repeat (or comma-separate) for round-robin over several",
    )
    parser.add_argument("--conversations", type=int, default=32, help="simulated people at once (default 32)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for one reply")
    parser.add_argument("--think-time", type=float, default=0.0, help="seconds each person waits before answering")
    parser.add_argument(
        "--warmup", type=int, default=1, help="conversations per server run one by one before measuring (default 1)"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if not 1 <= args.conversations <= MAX_CONVERSATIONS:
        parser.error(f"--conversations must be between 1 and {MAX_CONVERSATIONS}")
    urls = [loopback_only(url) for value in args.url for url in value.split(",") if url.strip()]

    for url in urls:
        for _ in range(max(0, args.warmup)):
            warm = run([url], 1, args.timeout, 0.0)
            if warm["errors"] or not warm["completed"]:
                print(f"warm-up against {url} failed: {warm['error_samples']}", file=sys.stderr)
                return 1
    figures = run(urls, args.conversations, args.timeout, args.think_time)
    latency = figures["latency_ms"]
    print(
        f"{figures['conversations']} conversations over {len(urls)} server(s): {figures['completed']} completed, "
        f"{figures['turns']} turns in {figures['seconds']} s = {figures['turns_per_second']} turns/s; "
        f"latency p50 {latency['p50']} ms, p95 {latency['p95']} ms, p99 {latency['p99']} ms, "
        f"max {latency['max']} ms; errors {figures['errors']}"
    )
    for sample in figures["error_samples"]:
        print(f"  error: {sample}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 1 if figures["errors"] or figures["completed"] < figures["conversations"] else 0


if __name__ == "__main__":
    sys.exit(main())
