"""The understanding evaluation set (tests/understanding/): big enough, apart from the training data, and its
people's expected results agree with the triage rules.

The evaluation itself runs against the real bot: evaluation/evaluate_understanding.py (`make test-understanding`).
"""

import re
from pathlib import Path

import pytest
import yaml

from evaluation.understanding_set import answers, meta_questions, people, questions, unreadable_answers
from muscle_triage.knowledge import vocabulary
from muscle_triage.triage.rules import assess
from muscle_triage.triage.schema import SymptomReport
from muscle_triage.understanding.turn_reading import read_turn
from muscle_triage.understanding.wording import normalise

DATA = Path(__file__).resolve().parent.parent / "data"
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def comparable(text: str) -> str:
    """Lower case, letters, digits and spaces only: so that punctuation or case cannot hide a copy."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("’", "'").replace("'", "")).split())


def training_lines():
    """Every training example of every intent (lookup tables and synonyms list single words, not phrasings)."""
    lines = set()
    for path in DATA.rglob("*.yml"):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            if "intent" not in entry:
                continue
            for line in (entry.get("examples") or "").splitlines():
                example = ANNOTATION.sub(r"\1", line.strip().lstrip("- ").strip())
                if example:
                    lines.add(comparable(example))
    return lines


def evaluation_lines():
    texts = [q.text for q in questions()] + [a.text for a in answers()] + [p.opening for p in people()]
    texts += list(meta_questions("why")) + list(meta_questions("clarify")) + list(unreadable_answers())
    return {comparable(text) for text in texts} - {""}


def test_no_evaluation_line_is_also_a_training_line():
    shared = sorted(evaluation_lines() & training_lines())
    assert not shared, f"{len(shared)} line(s) of the evaluation set are in data/: {shared[:20]}"


def test_the_set_is_as_big_as_the_issue_asks():
    assert len(questions()) >= 300
    assert len({a.text for a in answers()}) >= 150
    assert len(people()) >= 40
    assert {q.split for q in questions()} == {"dev", "retired", "holdout"}


YES_NO = {"yes": True, "no": False, "unsure": "unknown"}
CONDITION = {"none": "none", "other": "unspecified", "unsure": "unknown"}


def report_of(person) -> SymptomReport:
    """The person's fact sheet as the triage would see it after a full check."""
    facts = dict(person.facts)
    slots = {
        slot: YES_NO[facts[slot]]
        for slot in ("breathing_difficulty", "pain_after", "muscle_weakness", "visible_change")
    }
    slots.update(
        {
            slot: "unknown" if facts[slot] == "unsure" else facts[slot]
            for slot in ("sensation", "episode_duration", "pain_level", "frequency", "history")
        }
    )
    slots["known_condition"] = CONDITION.get(facts["known_condition"], facts["known_condition"])
    part = vocabulary.body_part_named(person.part)
    slots["body_part"] = part.name if part else person.part
    slots["triggers"] = read_turn(normalise(person.opening), None, 0.0, [], None).values.get("triggers", [])
    if person.late_breathing:
        slots["breathing_difficulty"] = True  # said at the last question
    return SymptomReport.from_slots(slots)


@pytest.mark.parametrize("person", people(), ids=[p.id for p in people()])
def test_each_persons_expected_result_follows_the_triage_rules(person):
    result = assess(report_of(person))
    expected = person.expected
    assert result.level == expected["level"]
    if expected["contraction"] is not None:
        assert (result.contraction, result.subtype) == (expected["contraction"], expected["subtype"])
