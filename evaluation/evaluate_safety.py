"""The safety sets (tests/safety/*.yml) through the running bot over REST: breathing trouble in any wording.

The sets were written by helpers who read only the article and tests/safety/BRIEF.md. Each kind is played as
a person would send it:
- breathing_first_messages, breathing_questions, misspelled_symptom_openings: the first message of a conversation;
- breathing_answers, fine_answers: the answer to the check's breathing question, after a symptom opening;
- breathing_mid_check: the answer to the check's next question (which muscle), after "no" to breathing.

Required, for every set: every report of breathing trouble ends in the emergency result (an answer the bot
cannot read is asked once more with the same words, as the check asks again); no fine answer and no question
about breathing gets the emergency, and every fine answer is read as "no" the first time; every misspelled
symptom opening starts the check or gets an article answer, never "I'm not sure I understood" or the emergency.

Usage: evaluate_safety.py [SET.yml ...] (default: the three sets, tests/safety/{dev,holdout,fresh}.yml)
"""

import argparse
import json
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import yaml

from harness.bot_servers import PROJECT, running_bot
from harness.rest_driver.client import Reply, send

SETS = tuple(PROJECT / "tests" / "safety" / name for name in ("dev.yml", "holdout.yml", "fresh.yml"))
SYMPTOM_OPENING = "I have been getting muscle spasms"  # names no muscle, so the check asks which one
# Replies that mean the bot did not understand a symptom opening.
NOT_UNDERSTOOD = ("utter_not_sure", "utter_not_read", "utter_default", "utter_ask_rephrase")

Say = Callable[[str], Reply]


def conversation(rasa_url: str) -> Say:
    sender = f"safety-{uuid.uuid4().hex[:12]}"
    return lambda text: Reply.of(send(rasa_url, sender, text))


def _until_asked(say: Say, slot: str, *answers: str) -> Reply:
    reply = say(SYMPTOM_OPENING)
    for answer in answers:
        reply = say(answer)
    if reply.asked != slot:
        raise RuntimeError(f"the check did not ask {slot} (it asked {reply.asked}): the harness needs fixing")
    return reply


def breathing_report_as_answer(say: Say, text: str, after: tuple[str, ...], slot: str) -> dict:
    _until_asked(say, slot, *after)
    reply = say(text)
    first = reply.emergency
    if not first and reply.asked == slot:  # asked again: the person says the same thing once more
        reply = say(text)
    return {"ok": first or reply.emergency, "first_time": first, "reply": reply.responses}


def play(kind: str, say: Say, text: str) -> dict:
    if kind == "breathing_first_messages":
        reply = say(text)
        return {"ok": reply.emergency, "first_time": reply.emergency, "reply": reply.responses}
    if kind == "breathing_answers":
        return breathing_report_as_answer(say, text, (), "breathing_difficulty")
    if kind == "breathing_mid_check":
        return breathing_report_as_answer(say, text, ("no",), "body_part")
    if kind == "fine_answers":
        _until_asked(say, "breathing_difficulty")
        reply = say(text)
        read_as_no = not reply.emergency and reply.asked not in (None, "breathing_difficulty")
        return {"ok": read_as_no, "emergency": reply.emergency, "reply": reply.responses}
    if kind == "breathing_questions":
        reply = say(text)
        return {"ok": not reply.emergency, "emergency": reply.emergency, "reply": reply.responses}
    if kind == "misspelled_symptom_openings":
        reply = say(text)
        understood = not any(name in NOT_UNDERSTOOD for name in reply.responses) and bool(reply.text)
        started = reply.asked is not None
        return {"ok": understood and not reply.emergency, "started_check": started, "reply": reply.responses}
    raise ValueError(f"unknown kind {kind!r}")


def evaluate(rasa_url: str, path: Path) -> dict:
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds = {}
    for kind, texts in written.items():
        rows = [{"text": text, **play(kind, conversation(rasa_url), text)} for text in texts]
        kinds[kind] = {
            "total": len(rows),
            "passed": sum(row["ok"] for row in rows),
            "failures": [row for row in rows if not row["ok"]],
        }
        if kind in ("breathing_answers", "breathing_mid_check", "breathing_first_messages"):
            kinds[kind]["emergency_at_first_answer"] = sum(row["first_time"] for row in rows)
        if kind == "misspelled_symptom_openings":
            kinds[kind]["started_check"] = sum(row["started_check"] for row in rows)
    return kinds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", type=Path, default=list(SETS))
    parser.add_argument("--out", default=str(PROJECT / "results" / "safety_eval.json"))
    parser.add_argument("--quiet-failures", action="store_true", help="count failures without printing their text")
    args = parser.parse_args()
    report = {}
    with running_bot("safety") as bot:
        for path in args.sets:
            report[path.name] = evaluate(bot.url, path)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    failed = False
    for name, kinds in report.items():
        print(f"Safety set {name}:")
        for kind, figures in kinds.items():
            extra = ""
            if "emergency_at_first_answer" in figures:
                extra = f" (emergency at the first message: {figures['emergency_at_first_answer']})"
            if "started_check" in figures:
                extra = f" (check started: {figures['started_check']}, article answer: the rest)"
            print(f"  {kind}: {figures['passed']}/{figures['total']}{extra}")
            for row in figures["failures"]:
                failed = True
                if not args.quiet_failures:
                    print(f"    FAIL {row['text']!r} -> {row['reply']}")
    print("FAILED: the safety sets are below 100%." if failed else "Safety sets: every case passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
