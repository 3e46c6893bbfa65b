"""Scale figures side by side in one run: one Rasa server, two behind nginx, and one with SANIC_WORKERS=2.

Starts throwaway PostgreSQL and Redis, one action server and the three setups at once, all on loopback and on
the same stores (endpoints.scale-out.yml), as docs/deployment.md, "Starting it" does:
  one      one Rasa server, one Sanic worker                       1 Rasa process
  nginx    two Rasa servers of one worker each, behind nginx       2 Rasa processes, nginx round-robin
           (deploy/nginx.conf)
  workers  one Rasa server with SANIC_WORKERS=2                    2 Rasa processes on one port
Then, round after round (the order rotating, so a busy moment on the machine does not always hit the same
setup), runs the load script (harness/load_test.py: N simulated people at once, each a whole symptom check
and two article questions) against each setup, and prints turns/s, p50 and p95 for each round and their
medians, with the machine's load average before each run. Everything it started is stopped at the end.

  .venv/bin/python -m evaluation.scale_figures [--rounds 3] [--conversations 32] [--json results/scale/figures.json]
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from harness import load_test
from harness.bot_servers import MODEL, free_port, start_action_server
from harness.scale_out_nginx import ThrowawayNginx
from harness.scale_out_servers import (
    LOOPBACK,
    ThrowawayPostgres,
    ThrowawayRedis,
    create_tracker_store_tables,
    ensure_binaries,
    start_rasa_servers,
    stop_all,
)

SETUPS = {
    "one": "one Rasa server, 1 worker",
    "nginx": "two Rasa servers (1 worker each) behind nginx",
    "workers": "one Rasa server, SANIC_WORKERS=2",
}


def start_setups(root: Path, stack: list, store_env: dict[str, str], actions_port: int) -> dict[str, list[str]]:
    """Starts the three setups; returns each one's URL(s) for the load script. Appends what to stop to `stack`."""
    one, pair, workers = [free_port()], [free_port(), free_port()], [free_port()]
    for name, ports, sanic_workers in (
        ("scale_one", one, "1"),
        ("scale_nginx", pair, "1"),
        ("scale_workers", workers, "2"),
    ):
        stack.append(
            start_rasa_servers(
                ports,
                actions_port,
                name,
                store_env,
                "endpoints.scale-out.yml",
                extra_env={"SANIC_WORKERS": sanic_workers},
            )
        )
    balancer = ThrowawayNginx(root, free_port(), [f"{LOOPBACK}:{port}" for port in pair])
    stack.append(balancer)
    balancer.start()
    return {
        "one": [f"http://{LOOPBACK}:{one[0]}"],
        "nginx": [balancer.url],
        "workers": [f"http://{LOOPBACK}:{workers[0]}"],
    }


def measure(urls: dict[str, list[str]], rounds: int, conversations: int, timeout: float) -> list[dict]:
    for setup, targets in urls.items():  # warm-up: one conversation each, not measured
        warm = load_test.run(targets, 1, timeout, 0.0)
        if warm["errors"] or not warm["completed"]:
            raise RuntimeError(f"warm-up of {setup} failed: {warm['error_samples']}")
    runs = []
    order = list(urls)
    for number in range(rounds):
        for setup in order[number % len(order) :] + order[: number % len(order)]:
            load = os.getloadavg()[0]
            figures = load_test.run(urls[setup], conversations, timeout, 0.0)
            runs.append({"round": number + 1, "setup": setup, "load_before": round(load, 2), **figures})
            print(
                f"round {number + 1} {setup:8} {figures['turns_per_second']:6} turns/s, p50 "
                f"{figures['latency_ms']['p50']} ms, p95 {figures['latency_ms']['p95']} ms, errors "
                f"{figures['errors']} (load average before: {load:.1f})",
                file=sys.stderr,
            )
    return runs


def report(runs: list[dict], conversations: int) -> str:
    lines = [
        f"{conversations} simulated people at once, medians over {max(r['round'] for r in runs)} rounds "
        f"(each round's turns/s in brackets):",
        "| setup | turns/s | p50 | p95 | errors | turns/s per round |",
        "|---|---|---|---|---|---|",
    ]
    for setup, label in SETUPS.items():
        mine = [r for r in runs if r["setup"] == setup]
        rates = [r["turns_per_second"] for r in mine]
        p50 = statistics.median(r["latency_ms"]["p50"] for r in mine) / 1000
        p95 = statistics.median(r["latency_ms"]["p95"] for r in mine) / 1000
        lines.append(
            f"| {label} | {statistics.median(rates):.1f} | {p50:.2f} s | {p95:.2f} s | "
            f"{sum(r['errors'] for r in mine)} | {', '.join(f'{rate:.1f}' for rate in rates)} |"
        )
    loads = [r["load_before"] for r in runs]
    lines.append(
        f"load average (1 min) before the runs: {min(loads):.1f}-{max(loads):.1f}, "
        f"median {statistics.median(loads):.1f}, on {os.cpu_count()} cores"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--conversations", type=int, default=32, help="simulated people at once (default 32)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for one reply")
    parser.add_argument("--json", help="also write every run's figures to this file")
    args = parser.parse_args()
    if not MODEL.exists():
        parser.error(f"{MODEL} is missing: run `make train` first")
    ensure_binaries()
    root = Path(tempfile.mkdtemp(prefix="rasa-scale-figures-"))
    root.chmod(0o711)  # the postgres user and nginx's workers reach their dirs inside
    stack: list = []  # everything started, stopped in reverse order
    try:
        postgres, redis_server = ThrowawayPostgres(root, free_port()), ThrowawayRedis(root, free_port())
        stack.append(postgres)
        postgres.start()
        stack.append(redis_server)
        redis_server.start()
        store_env = {**postgres.env(), **redis_server.env()}
        create_tracker_store_tables(store_env)  # once, before servers that start together would race to
        actions_port = free_port()
        stack.append([start_action_server(actions_port, "scale_actions", {"SANIC_HOST": LOOPBACK})])
        runs = measure(
            start_setups(root, stack, store_env, actions_port), args.rounds, args.conversations, args.timeout
        )
    finally:
        for started in reversed(stack):
            if isinstance(started, list):
                stop_all(started)
            else:
                started.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(report(runs, args.conversations))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(runs, indent=2), encoding="utf-8")
    return 1 if any(r["errors"] for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
