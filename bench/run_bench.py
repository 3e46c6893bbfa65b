"""`make bench`: our bot against the stock `rasa init` bot, side by side on this machine, in one run.

Both bots run from the project's venv on the same machine in the same run: cold starts alternate, and the two
servers, both up, take turns in short blocks, so that load from others hits both alike. The ratio ours/stock is
what the targets judge; absolute numbers move with whatever else the machine is doing. bench/README.md says what
every figure means; docs/performance.md, what the profiles found.

  .venv/bin/python -m bench.run_bench            # the full run (what `make bench` does), ~11 minutes
  .venv/bin/python -m bench.run_bench --quick    # small numbers, no training: ~2 minutes, for development

A full run writes bench/results/<timestamp>.json and bench/results/latest.json; a partial run (--quick, other
numbers, --skip-training, --ours-project, or --action-server rasa) writes bench/results/<timestamp>.tmp
(git-ignored) and leaves latest.json alone.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import growth, report, scenarios, spelling_cost
from bench.processes import CpuMeter, MemoryWatch
from bench.progress import Progress
from bench.servers import (
    ACTION_SERVER_COMMANDS,
    DEFAULT_ACTION_SERVER,
    MB,
    STOCK_CREDENTIALS,
    STOCK_PROJECT,
    Bot,
    Serving,
    action_import_seconds,
    cold_start,
    ensure_stock_bot,
    rasa_version,
    start_action_server_timed,
)
from bench.training import measure_training
from harness.bot_servers import MODEL, PROJECT, endpoints_with_store_in

RESULTS = Path(__file__).resolve().parent / "results"
# (figure kind, bot, scenario) of the sequential latency measurement
SEQUENTIAL = [
    ("stock", "stock", scenarios.stock_dialogue),
    ("article", "ours", scenarios.article_dialogue),
    ("interview", "ours", scenarios.symptom_check),
    ("stock_single", "stock", scenarios.single_stock_greeting),
    ("article_single", "ours", scenarios.single_article_question),
]
# What the simulated people of each bot do in the throughput measurement.
LOADS = {"stock": scenarios.stock_dialogue, "ours": scenarios.mixed_dialogue}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small numbers for development: 40 turns, 5 s per concurrency level, 1 cold start, no training",
    )
    parser.add_argument("--turns", type=int, default=200, help="sequential turns per kind (default 200)")
    parser.add_argument(
        "--block", type=int, default=50, help="sequential turns per bot before the other takes its turn (default 50)"
    )
    parser.add_argument("--duration", type=float, default=30, help="seconds per concurrency level (default 30)")
    parser.add_argument("--concurrency", default="1,8,32", help="concurrent conversations (default 1,8,32)")
    parser.add_argument(
        "--cold-starts",
        type=int,
        default=3,
        help="cold starts per bot, interleaved stock/ours; the median counts (default 3)",
    )
    parser.add_argument("--skip-training", action="store_true", help="leave out the training-time figures")
    parser.add_argument("--rebuild-stock", action="store_true", help="rebuild the cached stock bot")
    parser.add_argument(
        "--action-server",
        choices=sorted(ACTION_SERVER_COMMANDS),
        default=DEFAULT_ACTION_SERVER,
        help="how to start the action server: 'sdk' is 'python -m rasa_sdk', as the project starts "
        "it (default); 'rasa' is 'rasa run actions' (docs/performance.md, \"Starting the action server\") and makes "
        "the run partial",
    )
    parser.add_argument(
        "--ours-project",
        metavar="DIR",
        help="bench a copy of this project instead (e.g. one with a proposed change; see "
        "bench/README.md); it needs its own models/model.tar.gz; makes the run partial",
    )
    args = parser.parse_args(argv)
    try:
        args.concurrency = [int(c) for c in str(args.concurrency).split(",") if c.strip()]
    except ValueError:
        parser.error("--concurrency takes numbers separated by commas, e.g. 1,8,32")
    if args.quick:
        args.turns, args.duration, args.cold_starts, args.skip_training = 40, 5.0, 1, True
    numbers = (args.cold_starts, args.turns, args.block, args.duration, *args.concurrency)
    if not args.concurrency or min(numbers) <= 0:
        parser.error("--cold-starts, --turns, --block, --duration and --concurrency must be positive")
    args.partial = is_partial(args, parser.parse_args([]))
    return args


def is_partial(args: argparse.Namespace, full: argparse.Namespace) -> bool:
    """Only a run with the full numbers, on this project, with its servers started as the project starts them,
    replaces latest.json. (--rebuild-stock only rebuilds the cache: the run stays full.)"""
    measured = ("turns", "block", "duration", "cold_starts", "skip_training", "action_server", "ours_project")
    return (
        args.quick
        or args.concurrency != [int(c) for c in full.concurrency.split(",")]
        or any(getattr(args, name) != getattr(full, name) for name in measured)
    )


def stage_count(args: argparse.Namespace) -> int:
    """Stages shown by the progress display: stock bot, training, the spelling step, action server, cold starts,
    latency, a long conversation, loads."""
    return 1 + (0 if args.skip_training else 4) + 1 + 1 + 2 * args.cold_starts + 1 + 1 + 2 * len(args.concurrency)


def measure_latency(serving: dict[str, Serving], args, progress: Progress, run: dict) -> None:
    """Sequential turns, one conversation at a time. Both servers are up at once and take turns in short blocks,
    so that a burst of load from someone else on the machine hits both bots rather than one."""
    for _, key, scenario in SEQUENTIAL:  # warm-up, not counted
        scenarios.drive(serving[key].url, scenario, scenarios.TurnLog(), workers=1, max_turns=12, first_index=90000)
    scenarios.drive(serving["ours"].url, LOADS["ours"], scenarios.TurnLog(), workers=1, max_turns=12, first_index=91000)

    progress.begin(
        f"sequential latency: {args.turns} turns each of {' / '.join(kind for kind, _, _ in SEQUENTIAL)}, "
        f"in blocks of {args.block}"
    )
    logs = {kind: scenarios.TurnLog() for kind, _, _ in SEQUENTIAL}
    meters = {kind: CpuMeter(serving[key].server.process.pid, serving[key].actions_pid) for kind, key, _ in SEQUENTIAL}
    for block, first in enumerate(range(0, args.turns, args.block)):
        for kind, key, scenario in SEQUENTIAL:
            with meters[kind].window(logs[kind]):
                scenarios.drive(
                    serving[key].url,
                    scenario,
                    logs[kind],
                    workers=1,
                    max_turns=min(args.block, args.turns - first),
                    first_index=block * 100,
                )
            progress.detail(f"{kind} {logs[kind].turns}/{args.turns} turns")
    lines = []
    for kind, key, _ in SEQUENTIAL:
        log = logs[kind]
        figures = {
            **report.latency_summary(log.latencies.get(kind, [])),
            **meters[kind].per_turn(),
            "errors": len(log.errors),
            "error_samples": log.errors[:3],
        }
        run[key].setdefault("latency", {})[kind] = figures
        lines.append(f"{kind} p50 {figures['p50_ms']} ms" + (f" ({len(log.errors)} errors)" if log.errors else ""))
    progress.end(", ".join(lines))


def measure_throughput(serving: dict[str, Serving], args, progress: Progress, run: dict) -> None:
    """N simulated people at once for --duration seconds, for each N of --concurrency, stock then ours."""
    for workers in args.concurrency:
        for key in ("stock", "ours"):
            target = serving[key]
            progress.begin(f"{key}: {workers} concurrent conversations for {args.duration:.0f} s")
            log = scenarios.TurnLog()
            meter = CpuMeter(target.server.process.pid, target.actions_pid)
            with meter.window(log):
                elapsed = scenarios.drive(
                    target.url,
                    LOADS[key],
                    log,
                    workers=workers,
                    seconds=args.duration,
                    progress=progress,
                    first_index=workers * 1000,
                )
            every = [s for values in log.latencies.values() for s in values]
            figures = {
                **report.latency_summary(every),
                **meter.per_turn(),
                "seconds": round(elapsed, 1),
                "turns_per_second": round(len(every) / elapsed, 2),
                "errors": len(log.errors),
                "error_samples": log.errors[:3],
            }
            run[key].setdefault("concurrency", {})[str(workers)] = figures
            progress.end(
                f"{figures['turns_per_second']} turns/s, p95 {figures['p95_ms']} ms"
                + (f", {len(log.errors)} errors" if log.errors else "")
            )


def measure_servers(stock: Bot, ours: Bot, ours_project: Path, args, progress: Progress, run: dict) -> None:
    """Our action server, then cold starts of both Rasa servers; the last ones stay up for latency and
    throughput. Memory is watched from each server's start to the end."""
    progress.begin("ours: action server import time and start")
    imports = action_import_seconds(ours_project)
    memory = MemoryWatch()
    action_server, actions_port, action_start = start_action_server_timed(
        "bench-ours-actions", ours_project, args.action_server
    )
    memory.watch("actions", action_server.process.pid)
    progress.end(
        f"import {imports['total_s']:.2f} s (rasa_sdk {imports['rasa_sdk_s']:.2f} s), "
        f"start to /health {action_start:.1f} s"
    )
    colds: dict[str, list[float]] = {"stock": [], "ours": []}
    serving: dict[str, Serving] = {}
    try:
        # Stock and ours interleaved, so that load from others hits both alike.
        for round_number in range(1, args.cold_starts + 1):
            last = round_number == args.cold_starts
            for bot in (stock, ours):
                progress.begin(f"{bot.key}: cold start {round_number}" + (", then serving" if last else ""))
                server, url, seconds = cold_start(bot, actions_port, f"bench-{bot.key}-rasa")
                colds[bot.key].append(seconds)
                if last:
                    memory.watch(f"{bot.key}_rasa", server.process.pid)
                    serving[bot.key] = Serving(bot, server, url, action_server.process.pid if bot is ours else None)
                else:
                    server.stop()
                progress.end(f"first answer after {seconds:.1f} s")
        measure_latency(serving, args, progress, run)
        progress.begin(f"ours: one conversation of {growth.TURNS} article questions")
        run["ours"]["growth"] = growth.measure(serving["ours"].url)
        figures = run["ours"]["growth"]
        progress.end(f"p50 turns 1-20 {figures['early_p50_ms']} ms, turns 301-320 {figures['late_p50_ms']} ms")
        measure_throughput(serving, args, progress, run)
    finally:
        for key, target in serving.items():
            run[key]["rasa_peak_rss_mb"] = round(memory.unwatch(f"{key}_rasa"), 1)
            run[key]["rasa_processes"] = memory.processes.get(f"{key}_rasa")
            target.server.stop()
        action_peak = memory.unwatch("actions")
        action_server.stop()
        memory.close()
    for key in ("stock", "ours"):
        run[key]["cold_start_samples_s"] = [round(s, 2) for s in colds[key]]
        run[key]["cold_start_s"] = round(statistics.median(colds[key]), 2)
    run["ours"]["action_server"] = {
        "peak_rss_mb": round(action_peak, 1),
        "start_s": round(action_start, 2),
        "import": imports,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    ours_project = Path(args.ours_project).resolve() if args.ours_project else PROJECT
    ours_model = ours_project / MODEL.relative_to(PROJECT)
    if not ours_model.exists():
        print(f"{ours_model} is missing: run `make train` first", file=sys.stderr)
        return 1
    began = time.perf_counter()
    progress = Progress(stage_count(args))
    load_before = os.getloadavg()
    run: dict = {"stock": {}, "ours": {}}

    marker = ensure_stock_bot(progress, args.rebuild_stock)
    stock_model = STOCK_PROJECT / marker["model"]
    if not args.skip_training:
        run["stock"]["training"] = measure_training(
            "stock", STOCK_PROJECT, ["config.yml", "domain.yml", "data"], "data/nlu.yml", progress
        )
        run["ours"]["training"] = measure_training(
            "ours",
            ours_project,
            ["config.yml", "domain.yml", "data", "addons", "actions"],
            "data/nlu/smalltalk.yml",
            progress,
        )
    progress.begin("ours: the spelling step on its own")
    run["ours"]["spelling"] = spelling_cost.measure()
    progress.end(f"p50 {run['ours']['spelling']['p50_ms']} ms a message")
    run["stock"]["model_mb"] = round(stock_model.stat().st_size / MB, 2)
    run["ours"]["model_mb"] = round(ours_model.stat().st_size / MB, 2)

    scratch = Path(tempfile.mkdtemp(prefix="bench-run-"))
    try:
        stock = Bot("stock", stock_model, STOCK_PROJECT, STOCK_CREDENTIALS, STOCK_PROJECT / "endpoints.yml")
        ours = Bot(
            "ours",
            ours_model,
            ours_project,
            ours_project / "credentials.yml",
            endpoints_with_store_in(scratch, ours_project),
        )
        measure_servers(stock, ours, ours_project, args, progress, run)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    figures = report.build_figures(run)
    checks = report.check_targets(figures)
    total = time.perf_counter() - began
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "partial": args.partial,
        "settings": {
            "turns": args.turns,
            "duration_s": args.duration,
            "concurrency": args.concurrency,
            "cold_starts": args.cold_starts,
            "training": not args.skip_training,
            "action_server": " ".join(Path(c).name for c in ACTION_SERVER_COMMANDS[args.action_server]),
        },
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "rasa": rasa_version(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "stock_bot": {"model": str(stock_model.relative_to(PROJECT)), "built": marker.get("built")},
        "ours_project": str(ours_project),
        "run_seconds": round(total, 1),
        "figures": figures,
        "targets": checks,
        "details": run,
    }
    print("\n" + report.table(figures, checks))
    errors = report.failed_turns(run)
    if errors:
        print(f"\nWARNING: {errors} turns failed or went off script; see error_samples in the JSON.")
    written = report.write_result(
        json.dumps(result, indent=2) + "\n", RESULTS, time.strftime("%Y%m%d-%H%M%S"), args.partial
    )
    print(
        f"\nWritten to {' and '.join(str(path.relative_to(PROJECT)) for path in written)}; "
        f"the whole run took {total / 60:.1f} min."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
