"""The persona sets (tests/understanding/personas/) through the running bot over REST: questions of every kind,
and symptom checks answered in each persona's own words, three seeds.

Questions: a single question must cite a right section; a two-part question must cite a right section for each
part; a follow-up is sent after its earlier message in the same conversation; a question the article does not
cover must be declined, citing at most the related sections (any other citation is a wrong-passage answer); asked
where the answers come from, the bot must name the article and its date.

People: answers understood the first time (not asked again, and stored as meant), exact level, under-triage and
emergencies, as in evaluate_understanding.py.

Gates apply to the holdout (TARGETS below; `make test` passes floors until they are met); while improving the bot
look at dev only (--show dev: dev's failures, and the figures of dev and of the counted half of the sixth set, a
second check held out beside the holdout). The figures go to results/personas.json.
Usage: python -m evaluation.evaluate_personas [--seeds 1 2 3] [--show dev] [--questions 0.5 ...]
"""

import argparse
import concurrent.futures
import json
import sys
import uuid
from pathlib import Path

from evaluation.evaluate_understanding import DECLINES, cited_sections, finish, outcome, share, slots_of
from evaluation.persona_set import SPLITS, PersonaPerson, PersonaQuestion, persona_people, persona_questions
from harness.bot_servers import PROJECT, Bot, running_bot
from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import run_interview
from harness.simulated_person import ScriptedPerson, read_correctly
from muscle_triage.triage.schema import level_rank

ARTICLE_TITLE = "beyond the contractions"
ARTICLE_YEAR = "2024"
WORKERS = 6


def judge(question: PersonaQuestion, reply: Reply) -> tuple[str | None, bool]:
    """(what is wrong with the reply or None, whether it cited a passage the question is not about)."""
    cited = set(cited_sections(reply.text))
    if question.kind == "not_covered":
        wrong = cited - set(question.related)
        if wrong:
            return f"not covered, but cited {sorted(wrong)}", True
        if not set(reply.responses) & set(DECLINES) and "not covered" not in reply.text.lower():
            return f"not covered, but no decline ({list(reply.responses) or reply.text[:80]})", False
        return None, False
    if question.kind == "source":
        lowered = reply.text.lower()
        if ARTICLE_TITLE not in lowered or ARTICLE_YEAR not in lowered:
            return f"did not name the article and its date ({list(reply.responses) or reply.text[:80]})", False
        return None, False
    missing = [part for part in question.parts if not cited & set(part)]
    if missing:
        return f"cited {sorted(cited) or 'nothing'} ({list(reply.responses)}), missing {missing}", False
    return None, False


def ask(bot: Bot, question: PersonaQuestion) -> dict:
    sender = f"persona-q-{uuid.uuid4().hex[:10]}"
    if question.after:
        send(bot.url, sender, question.after)
    reply = Reply.of(send(bot.url, sender, question.text))
    problem, wrong_passage = judge(question, reply)
    return {
        "persona": question.persona,
        "kind": question.kind,
        "split": question.split,
        "text": question.text,
        "problem": problem,
        "wrong_passage": wrong_passage,
        "reply": reply.text[:300],
    }


def play(bot: Bot, entry: PersonaPerson, seed: int) -> dict:
    person = entry.person
    sender = f"persona-{seed}-{person.id}-{uuid.uuid4().hex[:6]}"
    scripted = ScriptedPerson(entry.replies, seed)
    interview = run_interview(
        lambda text: Reply.of(send(bot.url, sender, text, timeout=120)), person.opening, scripted, accept_offer="yes"
    )
    slots = slots_of(bot, sender)
    answers = []
    for given in scripted.given:
        asked_again = any(later.slot == given.slot for later in scripted.given if later.times == given.times + 1)
        stored = slots.get(given.slot)
        if given.slot == "breathing_difficulty" and interview.emergency:
            stored = True  # the emergency answer ends the check before the slot is stored
        answers.append(
            {
                "slot": given.slot,
                "times": given.times,
                "text": given.text,
                "asked_again": asked_again,
                "stored": stored,
                "read_correctly": read_correctly(given.slot, stored, person),
            }
        )
    got = outcome(interview)
    expected = person.expected
    return {
        "persona": entry.persona,
        "person": person.id,
        "seed": seed,
        "split": person.split,
        "expected": dict(expected),
        "got": got,
        "level_ok": got["level"] == expected["level"],
        "under_triage": got["level"] is None or level_rank(got["level"]) < level_rank(str(expected["level"])),
        "answers": answers,
        "transcript": interview.transcript(),
    }


def question_figures(rows: list[dict]) -> dict:
    compound = [row for row in rows if row["kind"] in ("two_part", "follow_up")]
    return {
        "questions": len(rows),
        "accuracy": share(sum(not row["problem"] for row in rows), len(rows)),
        "two_part_and_follow_up": share(sum(not row["problem"] for row in compound), len(compound)),
        "by_kind": {
            kind: share(sum(not r["problem"] for r in rows if r["kind"] == kind), sum(r["kind"] == kind for r in rows))
            for kind in ("single", "two_part", "follow_up", "not_covered", "source")
        },
        "wrong_passage_not_covered": sum(row["wrong_passage"] for row in rows),
    }


def people_figures(runs: list[dict]) -> dict:
    firsts = [answer for run in runs for answer in run["answers"] if answer["times"] == 1]
    emergencies = [run for run in runs if run["expected"]["level"] == "emergency"]
    return {
        "conversations": len(runs),
        "understood_first_time": share(sum(not a["asked_again"] and a["read_correctly"] for a in firsts), len(firsts)),
        "exact_level": share(sum(run["level_ok"] for run in runs), len(runs)),
        "under_triage": sum(run["under_triage"] for run in runs),
        "emergencies_caught": f"{sum(run['level_ok'] for run in emergencies)}/{len(emergencies)}",
    }


# Issue 21's gates on the holdout. Until the bot meets them, `make test` passes the figures it must not fall below
# (a ratchet: raise them as the bot improves) and this script lists every target not met yet.
TARGETS = {
    "questions": 0.92,
    "two_part_and_follow_up": 0.90,
    "understood_first_time": 0.90,
    "exact_level": 0.90,
    "under_triage": 0,
    "wrong_passage_not_covered": 0,
}


def holdout_measures(holdout: dict) -> dict:
    asked, people = holdout["questions"], holdout["people"]
    return {
        "questions": asked["accuracy"],
        "two_part_and_follow_up": asked["two_part_and_follow_up"],
        "understood_first_time": people["understood_first_time"],
        "exact_level": people["exact_level"],
        "under_triage": people["under_triage"],
        "wrong_passage_not_covered": asked["wrong_passage_not_covered"],
    }


def misses(measures: dict, limits: dict) -> list[str]:
    """The measures on the wrong side of their limits: shares below, counts (under-triage, wrong passages) above."""
    found = []
    for name, limit in limits.items():
        got = measures[name]
        if got is None or (got < limit if isinstance(limit, float) else got > limit):
            found.append(f"holdout {name.replace('_', ' ')}: {got} (limit {limit})")
    return found


def gate_failures(holdout: dict, floors: dict) -> list[str]:
    failures = misses(holdout_measures(holdout), floors)
    caught, total = holdout["people"]["emergencies_caught"].split("/")
    if caught != total:
        failures.append(f"holdout emergencies caught {caught}/{total}")  # never a ratchet: every one, always
    return failures


def show_problems(rows: list[dict], runs: list[dict], split: str) -> None:
    for row in rows:
        if row["problem"] and row["split"] == split:
            print(f"QUESTION [{row['persona']}/{row['kind']}] {row['text']!r}: {row['problem']}")
    for run in runs:
        if run["split"] != split:
            continue
        for answer in run["answers"]:
            if answer["times"] == 1 and (answer["asked_again"] or not answer["read_correctly"]):
                what = "asked again" if answer["asked_again"] else f"stored {answer['stored']!r}"
                print(f"ANSWER [{answer['slot']}] {answer['text']!r} ({run['person']}): {what}")
        if not run["level_ok"]:
            print(f"PERSON {run['person']} seed {run['seed']}: expected {run['expected']}, got {run['got']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument(
        "--show",
        choices=["none", "dev"],
        default="none",
        help="print dev's failures and figures, and the counted half's figures; never the holdout's",
    )
    parser.add_argument("--only", nargs="+", metavar="PERSONA", help="only these persona files (by name): quicker")
    for name, target in TARGETS.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(target), default=target, help="the floor (or cap)")
    parser.add_argument("--out", default=str(PROJECT / "results" / "personas.json"))
    args = parser.parse_args()

    with running_bot("personas", api=True) as bot, concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        questions = [q for q in persona_questions() if not args.only or q.persona in args.only]
        people = [p for p in persona_people() if not args.only or p.persona in args.only]
        rows = list(pool.map(lambda question: ask(bot, question), questions))
        runs = list(pool.map(lambda run: play(bot, *run), [(p, s) for s in args.seeds for p in people]))
    figures = {
        split: {
            "questions": question_figures([row for row in rows if row["split"] == split]),
            "people": people_figures([run for run in runs if run["split"] == split]),
        }
        for split in SPLITS
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps({"figures": figures, "questions": rows, "runs": runs}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    if args.show == "dev":
        # Only dev: a holdout figure read while improving the bot would no longer be held out.
        show_problems(rows, runs, "dev")
        print(json.dumps({split: figures[split] for split in ("dev", "counted")}, indent=2))
        return 0
    print(json.dumps(figures, indent=2))
    for miss in misses(holdout_measures(figures["holdout"]), TARGETS):
        print(f"TARGET NOT MET YET: {miss}")
    failures = gate_failures(figures["holdout"], {name: getattr(args, name) for name in TARGETS})
    return finish(failures, "Persona evaluation: no figure fell below its floor.")


if __name__ == "__main__":
    sys.exit(main())
