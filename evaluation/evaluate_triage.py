"""Runs held-out symptom vignettes through the running bot over REST and scores its triage.

Each vignette opens with a description; the script answers every question the bot asks from the vignette's
facts, until the bot sends its triage result. Fails on any under-triage, any missed emergency, or exact-level
accuracy below the target. Usage: evaluate_triage.py --vignettes tests/triage_vignettes.yml
"""

import argparse
import json
import sys
import uuid
from pathlib import Path

import yaml

from harness.bot_servers import PROJECT, running_bot
from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import FactSheet, Interview, run_interview
from muscle_triage.triage.schema import level_rank


def run_vignette(rasa_url: str, vignette: dict) -> Interview:
    sender = f"vignette-{vignette['id']}-{uuid.uuid4().hex[:8]}"
    return run_interview(
        lambda text: Reply.of(send(rasa_url, sender, text)), vignette["opening"], FactSheet(vignette["answers"])
    )


def outcome(interview: Interview) -> dict:
    """Level, kind and subtype of the result; an emergency answered by the rule alone counts as emergency."""
    result = interview.result or {}
    level = result.get("level") or ("emergency" if interview.emergency else None)
    return {"level": level, "contraction": result.get("contraction"), "subtype": result.get("subtype")}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vignettes", required=True)
    parser.add_argument("--min-level-accuracy", type=float, default=0.9)
    parser.add_argument("--out", default=str(PROJECT / "results" / "triage_eval.json"))
    args = parser.parse_args()
    vignettes = yaml.safe_load(Path(args.vignettes).read_text(encoding="utf-8"))["vignettes"]
    rows = []
    with running_bot("triage") as bot:
        for vignette in vignettes:
            interview = run_vignette(bot.url, vignette)
            expected = vignette["expected"]
            got = outcome(interview)
            row = {
                "id": vignette["id"],
                "expected": expected,
                "got": got,
                "level_ok": got["level"] == expected["level"],
                "kind_ok": (got["contraction"], got["subtype"]) == (expected["contraction"], expected.get("subtype")),
                "under_triage": got["level"] is None or level_rank(got["level"]) < level_rank(expected["level"]),
                "transcript": interview.transcript().splitlines(),
            }
            rows.append(row)
            mark = "ok " if row["level_ok"] and not row["under_triage"] else "BAD"
            print(
                f"{mark} {vignette['id']}: expected {expected['level']}/{expected['contraction']}/"
                f"{expected.get('subtype')}, got {row['got']['level']}/{row['got']['contraction']}/"
                f"{row['got']['subtype']}"
            )
    total = len(rows)
    level_accuracy = sum(r["level_ok"] for r in rows) / total
    kind_accuracy = sum(r["kind_ok"] for r in rows) / total
    under = [r["id"] for r in rows if r["under_triage"]]
    missed_emergencies = [r["id"] for r in rows if r["expected"]["level"] == "emergency" and not r["level_ok"]]
    summary = {
        "vignettes": total,
        "level_accuracy": round(level_accuracy, 3),
        "kind_accuracy": round(kind_accuracy, 3),
        "under_triage": under,
        "missed_emergencies": missed_emergencies,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"summary": summary, "rows": rows}, indent=2), encoding="utf-8")
    print(
        f"Triage over REST: {total} vignettes, exact level {level_accuracy:.1%}, kind {kind_accuracy:.1%}, "
        f"under-triage {len(under)}, missed emergencies {len(missed_emergencies)} (details: {args.out})"
    )
    for row in rows:
        if row["under_triage"] or not row["level_ok"]:
            print(f"--- {row['id']}\n" + "\n".join(row["transcript"]))
    failed = bool(under or missed_emergencies or level_accuracy < args.min_level_accuracy)
    if failed:
        print("FAILED: triage evaluation below target.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
