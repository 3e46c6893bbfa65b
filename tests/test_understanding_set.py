"""The understanding evaluation set (tests/understanding/): every topic, answer, level and kind in each split, apart
from the training data, and its people's expected results agree with the triage rules.

The evaluation itself runs against the real bot: evaluation/evaluate_understanding.py (`make test-understanding`).
"""

import pytest

from evaluation.copies import comparable, training_lines
from evaluation.understanding_set import SPLITS, answers, meta_questions, people, questions, unreadable_answers
from muscle_triage.knowledge import article_facts, vocabulary
from muscle_triage.triage.rules import assess
from muscle_triage.triage.schema import BOOL_SLOTS, LEVELS, QUESTIONS, UNKNOWN, SymptomReport
from muscle_triage.understanding.turn_reading import read_turn
from muscle_triage.understanding.wording import normalise


def evaluation_lines():
    texts = [q.text for q in questions()] + [a.text for a in answers()] + [p.opening for p in people()]
    texts += list(meta_questions("why")) + list(meta_questions("clarify")) + list(unreadable_answers())
    return {comparable(text) for text in texts} - {""}


def test_no_evaluation_line_is_also_a_training_line():
    shared = sorted(evaluation_lines() & training_lines())
    assert not shared, f"{len(shared)} line(s) of the evaluation set are in data/: {shared[:20]}"


def test_each_question_split_asks_about_every_topic_and_holds_questions_to_decline_and_to_check():
    article_sections = {passage.section for passage in article_facts.passages()}
    topic_sections = {article_facts.section_title(topic) for topic in article_facts.topic_names()}
    splits = {}
    for question in questions():
        splits.setdefault(question.split, []).append(question)
    assert set(splits) == {"dev", "retired", "holdout"}
    for split, asked in splits.items():
        expected = {section for question in asked for section in question.sections}
        assert expected <= article_sections, f"{split}: not sections of the article: {expected - article_sections}"
        assert topic_sections <= expected, f"{split}: no question about {topic_sections - expected}"
        assert any(question.decline for question in asked) and any(question.check for question in asked), split


def test_the_people_of_each_split_come_to_every_level_and_kind():
    for split in SPLITS:
        expected = [person.expected for person in people() if person.split == split]
        assert {result["level"] for result in expected} == set(LEVELS), split
        assert {result["contraction"] for result in expected} >= {"spasm", "twitch", "unclear"}, split


YES_NO = {"yes": True, "no": False, "unsure": "unknown"}
CONDITION = {"none": "none", "other": "unspecified", "unsure": "unknown"}


def slot_value(slot: str, word: str):
    """What an answer of the set (`yes`, `other`, `unsure`, ...) means as the value of the check's slot."""
    if slot in BOOL_SLOTS:
        return YES_NO[word]
    if slot == "known_condition":
        return CONDITION.get(word, word)
    return "unknown" if word == "unsure" else word


def test_every_answer_the_check_takes_is_written_in_each_split():
    """Each button's value and "not sure", for every question, and every body part a person names."""
    for split in SPLITS:
        written = {(a.slot, slot_value(a.slot, a.value)) for a in answers() if a.split == split}
        wanted = {(q.slot, value) for q in QUESTIONS for value in (*q.options, UNKNOWN) if q.options}
        wanted |= {("body_part", person.part) for person in people()}
        assert wanted <= written, f"{split}: no answers for {sorted(wanted - written, key=str)}"


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
