"""How well the bot understands people, measured on a set written apart from its training data.

Starts the bot on free ports (Rasa with its HTTP API on a random token, to read the slots back), then:
  1. sends every article question of tests/understanding/questions.yml as a new conversation and checks that the
     reply cites an expected section (and, where asked for, names the item, starts or offers the check, or
     declines);
  2. plays every simulated person of tests/understanding/people.yml through the symptom check, once per seed,
     answering in their own words (harness/simulated_person.py), and reads the stored answers back.

Reports, per run: question accuracy, answers understood the first time (not asked again, and stored as meant),
the most times any question was asked, turns to a result, exact level and under-triage; dev and holdout apart.
Exits non-zero when a gate fails. Usage: evaluate_understanding.py [--seeds 1 2 3] [--show dev]
"""

import argparse
import concurrent.futures
import json
import re
import statistics
import sys
import uuid
from pathlib import Path

from evaluation.understanding_set import Person, Question, people, questions
from harness.bot_servers import PROJECT, Bot, running_bot
from harness.rest_driver.client import Reply, send, tracker
from harness.rest_driver.interview import Interview, run_interview
from harness.simulated_person import STYLES, SimulatedPerson, read_correctly
from muscle_triage.triage.schema import level_rank

CITED = re.compile(r"^Article sections?: (.+)$", re.MULTILINE)
TITLE = re.compile(r"“([^”]+)”")
DECLINES = ("utter_out_of_scope", "utter_not_sure", "utter_not_covered")
CHECK_OFFER = "utter_offer_check"
WORKERS = 6


def slots_of(bot: Bot, sender: str) -> dict:
    return tracker(bot.url, sender, bot.token)["slots"]


# --- 1. article questions ----------------------------------------------------------------------------------------
def cited_sections(text: str) -> list[str]:
    return [title for line in CITED.findall(text) for title in TITLE.findall(line)]


def judge_question(question: Question, reply: Reply) -> str | None:
    """None when the reply is right; otherwise what is wrong with it."""
    cited = cited_sections(reply.text)
    if question.decline:
        if cited or not set(reply.responses) & set(DECLINES):
            return f"expected a decline, got {list(reply.responses)} citing {cited}"
        return None
    if not set(cited) & set(question.sections):
        return f"cited {cited or 'nothing'} ({list(reply.responses) or 'text'})"
    lowered = reply.text.lower()
    if question.contains_any and not any(part.lower() in lowered for part in question.contains_any):
        return f"right section, but none of {list(question.contains_any)} in the answer"
    if question.check and reply.asked is None and CHECK_OFFER not in reply.responses:
        return "answered, but neither started nor offered the symptom check"
    return None


def ask_questions(bot: Bot) -> list[dict]:
    def ask(question: Question) -> dict:
        reply = Reply.of(send(bot.url, f"question-{uuid.uuid4().hex[:10]}", question.text))
        return {
            "text": question.text,
            "group": question.group,
            "split": question.split,
            "problem": judge_question(question, reply),
            "reply": reply.text[:300],
        }

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(ask, questions()))


# --- 2. simulated people -------------------------------------------------------------------------------------------
def outcome(interview: Interview) -> dict:
    result = interview.result or {}
    level = result.get("level") or ("emergency" if interview.emergency else None)
    return {"level": level, "contraction": result.get("contraction"), "subtype": result.get("subtype")}


def play(bot: Bot, person: Person, seed: int) -> dict:
    sender = f"sim-{seed}-{person.id}-{uuid.uuid4().hex[:6]}"
    simulated = SimulatedPerson(person, seed)
    interview = run_interview(
        lambda text: Reply.of(send(bot.url, sender, text, timeout=120)),
        person.opening,
        simulated,
        accept_offer="yes please",
    )
    slots = slots_of(bot, sender)
    answers = []
    turn = 0  # the person's words are turns in order; the opening and an accepted offer of a check come between
    for given in simulated.given:
        turn = next(index for index in range(turn + 1, len(interview.turns)) if interview.turns[index][0] == given.text)
        after = interview.turns[turn][1]
        asked_again = after is not None and after.asked == given.slot
        stored = slots.get(given.answers_slot) if given.answers_slot else None
        if given.answers_slot == "breathing_difficulty" and after is not None and after.emergency:
            stored = True  # the emergency answer ends the check before any slot is stored: it was read as trouble
        answers.append(
            {
                "slot": given.slot,
                "times": given.times,
                "style": given.style,
                "split": given.split,
                "text": given.text,
                "asked_again": asked_again,
                "stored": stored,
                "read_correctly": given.answers_slot is not None and read_correctly(given.answers_slot, stored, person),
            }
        )
    got = outcome(interview)
    expected = person.expected
    return {
        "person": person.id,
        "seed": seed,
        "split": person.split,
        "expected": dict(expected),
        "got": got,
        "level_ok": got["level"] == expected["level"],
        "kind_ok": expected["contraction"] is None
        or (got["contraction"], got["subtype"]) == (expected["contraction"], expected["subtype"]),
        "under_triage": got["level"] is None or level_rank(got["level"]) < level_rank(expected["level"]),
        "turns": len(interview.turns),
        "max_asks": max(interview.ask_counts.values(), default=0),
        "answers": answers,
        "transcript": interview.transcript(),
    }


def play_everyone(bot: Bot, seeds: list[int]) -> list[dict]:
    runs = [(person, seed) for seed in seeds for person in people()]
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(lambda run: play(bot, *run), runs))


# --- report --------------------------------------------------------------------------------------------------------
def share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def question_figures(rows: list[dict], split: str | None = None) -> dict:
    chosen = [row for row in rows if split in (None, row["split"])]
    return {"questions": len(chosen), "accuracy": share(sum(not r["problem"] for r in chosen), len(chosen))}


def first_answers(runs: list[dict], split: str | None = None) -> list[dict]:
    """Readable first answers to the asked question (not the deliberately unreadable or off-question ones)."""
    return [
        a
        for run in runs
        for a in run["answers"]
        if a["times"] == 1 and a["style"] in STYLES and split in (None, a["split"])
    ]


def people_figures(runs: list[dict], split: str | None = None) -> dict:
    chosen = [run for run in runs if split in (None, run["split"])]
    firsts = first_answers(runs, split)
    understood = [a for a in firsts if not a["asked_again"] and a["read_correctly"]]
    off = [a for run in chosen for a in run["answers"] if a["style"] == "off_question"]
    emergencies = [run for run in chosen if run["expected"]["level"] == "emergency"]
    turns = [run["turns"] for run in chosen if run["got"]["level"]]
    return {
        "conversations": len(chosen),
        "first_answers": len(firsts),
        "understood_first_time": share(len(understood), len(firsts)),
        "not_asked_again": share(sum(not a["asked_again"] for a in firsts), len(firsts)),
        "off_question_answers": len(off),
        "off_question_stored_and_asked_again": share(
            sum(a["asked_again"] and a["read_correctly"] for a in off), len(off)
        ),
        "max_asks": max((run["max_asks"] for run in chosen), default=0),
        "finished": share(len(turns), len(chosen)),
        "turns_median": statistics.median(turns) if turns else None,
        "turns_max": max(turns, default=None),
        "exact_level": share(sum(run["level_ok"] for run in chosen), len(chosen)),
        "kind": share(sum(run["kind_ok"] for run in chosen), len(chosen)),
        "under_triage": sum(run["under_triage"] for run in chosen),
        "emergencies_caught": f"{sum(run['level_ok'] for run in emergencies)}/{len(emergencies)}",
    }


def gate_failures(figures: dict, args) -> list[str]:
    failures = []
    everyone, asked = figures["people"]["all"], figures["questions"]["all"]
    if asked["accuracy"] < args.min_question_accuracy:
        failures.append(f"question accuracy {asked['accuracy']} < {args.min_question_accuracy}")
    if everyone["understood_first_time"] < args.min_understood:
        failures.append(f"understood the first time {everyone['understood_first_time']} < {args.min_understood}")
    if everyone["max_asks"] > 2:
        failures.append(f"a question was asked {everyone['max_asks']} times")
    for seed, seed_figures in figures["people"]["per_seed"].items():
        if seed_figures["exact_level"] < args.min_level_accuracy:
            failures.append(f"seed {seed}: exact level {seed_figures['exact_level']} < {args.min_level_accuracy}")
    if everyone["under_triage"]:
        failures.append(f"{everyone['under_triage']} under-triaged conversation(s)")
    caught, total = everyone["emergencies_caught"].split("/")
    if caught != total:
        failures.append(f"emergencies caught {caught}/{total}")
    return failures


def finish(failures: list[str], passed: str) -> int:
    """Prints each failure (or that all passed) and gives the exit status."""
    for failure in failures:
        print(f"FAILED: {failure}")
    if not failures:
        print(passed)
    return 1 if failures else 0


def show_problems(question_rows: list[dict], runs: list[dict], show: str) -> None:
    visible = (lambda split: True) if show == "all" else (lambda split: split == show)
    for row in question_rows:
        if row["problem"] and visible(row["split"]):
            print(f"QUESTION [{row['group']}] {row['text']!r}: {row['problem']}")
    for run in runs:
        for answer in run["answers"]:
            if (
                answer["times"] == 1
                and answer["style"] in STYLES
                and visible(answer["split"])
                and (answer["asked_again"] or not answer["read_correctly"])
            ):
                print(
                    f"ANSWER [{answer['slot']}] {answer['text']!r} ({run['person']}): "
                    f"{'asked again' if answer['asked_again'] else 'stored ' + repr(answer['stored'])}"
                )
        if (not run["level_ok"] or run["under_triage"]) and visible(run["split"]):
            print(
                f"PERSON {run['person']} seed {run['seed']}: expected {run['expected']}, got {run['got']}\n"
                + "\n".join("    " + line for line in run["transcript"].splitlines())
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument(
        "--show",
        choices=["all", "dev", "retired", "holdout"],
        default="all",
        help="whose failures to print (while improving the bot, look at dev only)",
    )
    parser.add_argument("--min-question-accuracy", type=float, default=0.95)
    parser.add_argument("--min-understood", type=float, default=0.90)
    parser.add_argument("--min-level-accuracy", type=float, default=0.90)
    parser.add_argument("--out", default=str(PROJECT / "results" / "understanding.json"))
    args = parser.parse_args()

    with running_bot("understanding", api=True) as bot:
        question_rows = ask_questions(bot)
        runs = play_everyone(bot, args.seeds)
    figures = {
        "questions": {
            split or "all": question_figures(question_rows, split) for split in (None, "dev", "retired", "holdout")
        },
        "people": {split or "all": people_figures(runs, split) for split in (None, "dev", "holdout")},
    }
    figures["people"]["per_seed"] = {
        seed: people_figures([run for run in runs if run["seed"] == seed]) for seed in args.seeds
    }
    show_problems(question_rows, runs, args.show)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps({"figures": figures, "questions": question_rows, "runs": runs}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    print(json.dumps(figures, indent=2))
    return finish(gate_failures(figures, args), "Understanding evaluation: every gate passed.")


if __name__ == "__main__":
    sys.exit(main())
