"""The persona sets (tests/understanding/personas/) are whole and well formed, so their figures mean what they say:
every heading is one the bot can cite, every person has every fact with a value the check can store and a reply
for each seed, and none of their messages is a training example."""

from pathlib import Path

import pytest
import yaml

from evaluation.persona_set import (
    COUNTED_HALF_SET,
    DEV_ONLY_DIR,
    KINDS,
    PERSONA_DIR,
    persona_people,
    persona_questions,
)
from muscle_triage.knowledge import article_facts
from muscle_triage.triage.schema import QUESTIONS

SECTIONS = article_facts.section_titles()
FACT_VALUES = {
    question.slot: {"yes", "no"} if question.yes_no else set(map(str, question.options)) for question in QUESTIONS
}
FACT_VALUES["known_condition"] = {
    "none",
    "unspecified",
    "multiple_sclerosis",
    "als",
    "parkinsons",
    "cerebral_palsy",
    "spinal_cord_injury",
}
PERSONA_FILES = {path.stem: path for path in [*PERSONA_DIR.glob("*.yml"), *DEV_ONLY_DIR.glob("*.yml")]}
PERSONAS = sorted(PERSONA_FILES)
TRAINING = {
    example.strip().lstrip("- ").strip().lower()
    for path in (Path(__file__).resolve().parents[1] / "data").rglob("*.yml")
    for example in path.read_text(encoding="utf-8").splitlines()
}


def test_seven_personas_wrote_at_least_400_questions_and_80_people_before_the_work_began():
    assert len(list(PERSONA_DIR.glob("*.yml"))) >= 7
    first_set = [q for q in persona_questions() if PERSONA_FILES[q.persona].parent == PERSONA_DIR]
    assert len(first_set) >= 400
    assert len([e for e in persona_people() if PERSONA_FILES[e.persona].parent == PERSONA_DIR]) >= 80


def test_the_sets_written_after_the_work_began_are_never_holdout():
    later = [q.split for q in persona_questions() if PERSONA_FILES[q.persona].parent == DEV_ONLY_DIR]
    later += [e.person.split for e in persona_people() if PERSONA_FILES[e.persona].parent == DEV_ONLY_DIR]
    assert set(later) <= {"dev", "counted"}
    counted = [q for q in persona_questions() if q.split == "counted"]
    assert counted and {q.persona for q in counted} <= COUNTED_HALF_SET
    assert all(PERSONA_FILES[q.persona].parent == DEV_ONLY_DIR for q in counted)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_question_names_its_kind_and_headings_the_bot_can_cite(persona):
    questions = [q for q in persona_questions() if q.persona == persona]
    assert len({q.text for q in questions}) == len(questions), "a question written twice"
    for question in questions:
        assert question.kind in KINDS, question.text
        assert {section for part in question.parts for section in part} <= SECTIONS, question.text
        assert set(question.related) <= SECTIONS, question.text
        if question.kind in ("single", "follow_up"):
            assert len(question.parts) == 1, question.text
        if question.kind == "two_part":
            assert len(question.parts) == 2, question.text
        assert (question.after is not None) == (question.kind == "follow_up"), question.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_person_has_every_fact_and_a_reply_to_each_question_for_each_seed(persona):
    raw = yaml.safe_load(PERSONA_FILES[persona].read_text(encoding="utf-8"))
    for entry in raw["people"]:
        facts = {slot: str(value) for slot, value in entry["facts"].items()}
        assert set(facts) == {question.slot for question in QUESTIONS}, entry["id"]
        for slot, value in facts.items():
            if slot != "body_part":
                assert value in FACT_VALUES[slot], (entry["id"], slot, value)
        for question in QUESTIONS:
            assert len(set(entry["answers"][question.slot])) >= 3, (entry["id"], question.slot)


def test_every_expected_result_has_a_level():
    for entry in persona_people():
        assert entry.person.expected["level"] in ("self_care", "specialist", "emergency"), entry.person.id


def test_no_persona_message_is_a_training_example():
    messages = [q.text for q in persona_questions()] + [e.person.opening for e in persona_people()]
    assert not [message for message in messages if message.strip().lower() in TRAINING]
