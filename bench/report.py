"""The bench's report: latency summaries, the table of figures side by side, the targets, and the JSON file."""

import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from harness.rest_driver.stats import percentile


class Target(NamedTuple):
    figure: str  # a figure's key in the table
    limit: float
    what: str
    unit: str = ""  # of an absolute limit


# On the ratio ours/stock measured in the same run; "lower" or "higher" is better as the figure says. The bot
# holds article p50 0.58, p95 at 32 concurrent 0.61, throughput 1.56x, cold start 0.55, memory 0.68 (issue 11).
RATIO_TARGETS = [
    Target("latency_article_p50_ms", 0.8, "article-question p50 latency"),
    Target("latency_interview_p50_ms", 1.6, "interview-turn p50 latency"),
    Target("concurrency_32_p95_ms", 0.8, "p95 latency at 32 concurrent conversations"),
    Target("concurrency_32_turns_per_s", 1.3, "throughput at 32 concurrent conversations"),
    Target("cold_start_s", 0.8, "cold start"),
    Target("rasa_peak_rss_mb", 0.8, "Rasa server peak resident memory"),
]
# Absolute limits on our own parts (ours < limit).
ABSOLUTE_TARGETS = [
    Target("action_server_peak_rss_mb", 150, "action server peak resident memory", "MB"),
    # The issue asks for a fast import without a number; 1 s for rasa_sdk plus all our actions is ours.
    Target("action_import_s", 1.0, "action server import (rasa_sdk + actions)", "s"),
    Target("training_cold_s", 180, "cold training of our bot", "s"),
    Target("spelling_step_p50_ms", 3, "the spelling step, p50 per message", "ms"),
    # Issue 23: "at most 1.5x"; the check is "below the limit", so the limit sits just above 1.5.
    Target("growth_late_over_early", 1.501, "p50 of turns 301-320 over turns 1-20, one conversation", "x"),
]


def latency_summary(seconds: Sequence[float]) -> dict:
    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 1)

    return {
        "turns": len(seconds),
        **{f"p{p}_ms": ms(percentile(seconds, p / 100)) for p in (50, 95, 99)},
        "mean_ms": ms(statistics.mean(seconds)) if seconds else None,
    }


def ratio(ours: float | None, stock: float | None) -> float | None:
    if ours is None or stock in (None, 0):
        return None
    return round(ours / stock, 3)


def _dig(figures: dict, *path: str):
    """figures[path[0]][path[1]]..., or None where a figure was not measured."""
    for key in path:
        if not isinstance(figures, dict):
            return None
        figures = figures.get(key)
    return figures


def build_figures(run: dict) -> list[dict]:
    """The table: one row per figure, stock and ours side by side."""
    stock, ours = run["stock"], run["ours"]
    rows = [("cold_start_s", "cold start, process to first answer (median)", "s", ("cold_start_s",), ("cold_start_s",))]
    kinds = (("article", "article question, 6 per conversation"), ("interview", "interview turn"))
    stock_turns = ("latency", "stock")  # the stock bot's own turns are the baseline of both kinds
    for kind, name in kinds:
        for p in (50, 95, 99):
            label = f"latency p{p}, {name} (stock: its own turns)"
            rows.append(
                (f"latency_{kind}_p{p}_ms", label, "ms", (*stock_turns, f"p{p}_ms"), ("latency", kind, f"p{p}_ms"))
            )
    single = (("latency", "stock_single"), ("latency", "article_single"))  # one message per conversation
    for p in (50, 95):
        label = f'latency p{p}, one article question on a new conversation (stock: "hello there")'
        rows.append((f"latency_single_p{p}_ms", label, "ms", (*single[0], f"p{p}_ms"), (*single[1], f"p{p}_ms")))
    cpu = "rasa_cpu_ms_per_turn"
    label = 'Rasa server CPU per article question on a new conversation (stock: "hello there")'
    rows.append(("rasa_cpu_single_ms", label, "ms", (*single[0], cpu), (*single[1], cpu)))
    for kind, name in kinds:
        label = f"Rasa server CPU per {name}, sequential (stock: its own turns)"
        cpu = "rasa_cpu_ms_per_turn"
        rows.append((f"rasa_cpu_{kind}_ms", label, "ms", (*stock_turns, cpu), ("latency", kind, cpu)))
    for kind, name in kinds:
        label = f"action server CPU per {name}, sequential"
        rows.append((f"actions_cpu_{kind}_ms", label, "ms", None, ("latency", kind, "actions_cpu_ms_per_turn")))
    for workers in sorted({int(w) for bot in (stock, ours) for w in bot.get("concurrency", {})}):
        load = ("concurrency", str(workers))
        rows += [
            (f"concurrency_{workers}_turns_per_s", f"throughput, {workers} concurrent", "turns/s",
             (*load, "turns_per_second"), (*load, "turns_per_second")),
            (f"concurrency_{workers}_p95_ms", f"latency p95, {workers} concurrent", "ms",
             (*load, "p95_ms"), (*load, "p95_ms")),
            (f"concurrency_{workers}_rasa_cpu_ms", f"Rasa server CPU per turn, {workers} concurrent", "ms",
             (*load, "rasa_cpu_ms_per_turn"), (*load, "rasa_cpu_ms_per_turn")),
        ]  # fmt: skip
    rows += [
        ("rasa_peak_rss_mb", "Rasa server peak resident memory", "MB", ("rasa_peak_rss_mb",), ("rasa_peak_rss_mb",)),
        ("action_server_peak_rss_mb", "action server peak resident memory", "MB", None,
         ("action_server", "peak_rss_mb")),
        ("action_server_start_s", "action server start to /health", "s", None, ("action_server", "start_s")),
        ("action_import_s", "import rasa_sdk + actions (fresh interpreter)", "s", None,
         ("action_server", "import", "total_s")),
        ("training_cold_s", "training, cold (empty cache)", "s", ("training", "cold_s"), ("training", "cold_s")),
        ("training_nlu_change_s", "training after a one-line NLU change", "s", ("training", "nlu_change_s"),
         ("training", "nlu_change_s")),
        ("model_size_mb", "model size on disk (the served model)", "MB", ("model_mb",), ("model_mb",)),
        ("spelling_step_p50_ms", "spelling step per message, p50 (bench/spelling_cost.py)", "ms", None,
         ("spelling", "p50_ms")),
        ("spelling_step_p95_ms", "spelling step per message, p95", "ms", None, ("spelling", "p95_ms")),
        ("growth_early_p50_ms", "one long conversation: p50 of turns 1-20", "ms", None, ("growth", "early_p50_ms")),
        ("growth_late_p50_ms", "one long conversation: p50 of turns 301-320", "ms", None, ("growth", "late_p50_ms")),
        ("growth_late_over_early", "one long conversation: turns 301-320 over turns 1-20 (bench/growth.py)", "x",
         None, ("growth", "late_over_early")),
    ]  # fmt: skip
    figures = []
    for key, label, unit, stock_path, ours_path in rows:
        stock_value = _dig(stock, *stock_path) if stock_path else None
        ours_value = _dig(ours, *ours_path)
        better = "higher" if key.endswith("_turns_per_s") else "lower"
        figures.append({"key": key, "label": label, "unit": unit, "stock": stock_value, "ours": ours_value,
                        "ratio": ratio(ours_value, stock_value), "better": better})  # fmt: skip
    return figures


def _status(value: float | None, passes: bool) -> str:
    if value is None:
        return "SKIP"  # not measured in this run (e.g. no training, or no 32 concurrent)
    return "PASS" if passes else "MISS"


def check_targets(figures: list[dict]) -> list[dict]:
    by_key = {f["key"]: f for f in figures}
    checks = []
    for target in RATIO_TARGETS:
        figure = by_key.get(target.figure, {})
        value, higher = figure.get("ratio"), figure.get("better") == "higher"
        sign = ">=" if higher else "<="
        passes = value is not None and (value >= target.limit if higher else value <= target.limit)
        checks.append(
            {
                "target": f"{target.what}: ours/stock {sign} {target.limit}",
                "figure": target.figure,
                "value": value,
                "limit": target.limit,
                "kind": "ratio",
                "status": _status(value, passes),
            }
        )
    for target in ABSOLUTE_TARGETS:
        value = by_key.get(target.figure, {}).get("ours")
        passes = value is not None and value < target.limit
        checks.append(
            {
                "target": f"{target.what} < {target.limit} {target.unit}",
                "figure": target.figure,
                "value": value,
                "limit": target.limit,
                "kind": "absolute",
                "status": _status(value, passes),
            }
        )
    return checks


def failed_turns(run: dict) -> int:
    """Turns that failed or went off script, over every latency and concurrency measurement."""
    return sum(
        figures.get("errors", 0)
        for bot in run.values()
        for group in ("latency", "concurrency")
        for figures in bot.get(group, {}).values()
    )


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.{digits}f}"
    return str(value)


def table(figures: list[dict], checks: list[dict]) -> str:
    """The figures side by side, then PASS/MISS/SKIP for each target."""
    width = max(len(f"{f['label']} ({f['unit']})") for f in figures)
    lines = [f"{'figure':<{width}}  {'stock':>9}  {'ours':>9}  {'ours/stock':>10}", "-" * (width + 34)]
    for f in figures:
        label = f"{f['label']} ({f['unit']})"
        lines.append(f"{label:<{width}}  {fmt(f['stock']):>9}  {fmt(f['ours']):>9}  {fmt(f['ratio']):>10}")
    lines += ["", "targets"]
    for check in checks:
        shown = fmt(check["value"]) if check["kind"] == "absolute" else f"ratio {fmt(check['value'])}"
        lines.append(f"  {check['status']:<4}  {check['target']:<62}  {shown}")
    return "\n".join(lines)


def write_result(text: str, results: Path, stamp: str, partial: bool) -> list[Path]:
    """A full run goes to <stamp>.json and latest.json; a partial one only to <stamp>.tmp (git-ignored)."""
    results.mkdir(parents=True, exist_ok=True)
    if partial:
        written = [results / f"{stamp}.tmp"]
    else:
        written = [results / f"{stamp}.json", results / "latest.json"]
    for path in written:
        path.write_text(text)
    return written
