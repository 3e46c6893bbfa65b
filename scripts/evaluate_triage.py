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
from typing import Dict, List, Optional, Tuple

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.bot_servers import PROJECT, running_bot, send  # noqa: E402

LEVEL_RANK = {"self_care": 0, "specialist": 1, "emergency": 2}
MAX_TURNS = 20


def question_texts() -> Dict[str, str]:
    """The interview's questions, as the domain words them: utter_ask_<slot> -> slot."""
    domain = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
    return {
        variation["text"].strip(): name[len("utter_ask_"):]
        for name, variations in domain["responses"].items()
        if name.startswith("utter_ask_")
        for variation in variations
    }


def triage_payload(messages: List[Dict]) -> Optional[Dict]:
    for message in messages:
        custom = message.get("custom") or {}
        if "triage" in custom:
            return custom["triage"]
    return None


def run_vignette(rasa_url: str, vignette: Dict, questions: Dict[str, str]) -> Tuple[Optional[Dict], List[str]]:
    sender = f"vignette-{vignette['id']}-{uuid.uuid4().hex[:8]}"
    transcript = [f"user: {vignette['opening']}"]
    messages = send(rasa_url, sender, vignette["opening"])
    for _ in range(MAX_TURNS):
        transcript += [f"bot: {m.get('text', m.get('custom'))}" for m in messages]
        result = triage_payload(messages)
        if result is not None:
            return result, transcript
        asked = [questions[m["text"].strip()] for m in messages if m.get("text", "").strip() in questions]
        if not asked:
            if any(m.get("text", "").startswith("⚠️") for m in messages):
                # The emergency rule answers before any interview: that is the emergency level.
                return {"level": "emergency", "contraction": "unclear", "subtype": None}, transcript
            return None, transcript
        answer = str(vignette["answers"].get(asked[-1], "I don't know"))
        transcript.append(f"user: {answer}")
        messages = send(rasa_url, sender, answer)
    return None, transcript


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vignettes", required=True)
    parser.add_argument("--min-level-accuracy", type=float, default=0.9)
    parser.add_argument("--out", default=str(PROJECT / "results" / "triage_eval.json"))
    args = parser.parse_args()
    vignettes = yaml.safe_load(Path(args.vignettes).read_text(encoding="utf-8"))["vignettes"]
    questions = question_texts()
    rows = []
    with running_bot() as rasa_url:
        for vignette in vignettes:
            result, transcript = run_vignette(rasa_url, vignette, questions)
            expected = vignette["expected"]
            got = result or {"level": None, "contraction": None, "subtype": None}
            row = {
                "id": vignette["id"],
                "expected": expected,
                "got": {key: got.get(key) for key in ("level", "contraction", "subtype")},
                "level_ok": got.get("level") == expected["level"],
                "kind_ok": (got.get("contraction"), got.get("subtype"))
                == (expected["contraction"], expected.get("subtype")),
                "under_triage": got.get("level") is None
                or LEVEL_RANK[got["level"]] < LEVEL_RANK[expected["level"]],
                "transcript": transcript,
            }
            rows.append(row)
            mark = "ok " if row["level_ok"] and not row["under_triage"] else "BAD"
            print(f"{mark} {vignette['id']}: expected {expected['level']}/{expected['contraction']}/"
                  f"{expected.get('subtype')}, got {row['got']['level']}/{row['got']['contraction']}/"
                  f"{row['got']['subtype']}")
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
    print(f"Triage over REST: {total} vignettes, exact level {level_accuracy:.1%}, kind {kind_accuracy:.1%}, "
          f"under-triage {len(under)}, missed emergencies {len(missed_emergencies)} (details: {args.out})")
    for row in rows:
        if row["under_triage"] or not row["level_ok"]:
            print(f"--- {row['id']}\n" + "\n".join(row["transcript"]))
    failed = bool(under or missed_emergencies or level_accuracy < args.min_level_accuracy)
    if failed:
        print("FAILED: triage evaluation below target.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
