"""The summary for a doctor (muscle_triage/triage/summary.py): the person's words next to the assistant's reading,
the cautious assumptions marked, the result with its reasons and sections, the warning signs, the disclaimer and
the article; the same content as text and as JSON fields."""

import json
from datetime import date

import pytest

from muscle_triage.knowledge import article_facts
from muscle_triage.triage import reply, summary
from muscle_triage.triage.rules import assess
from muscle_triage.triage.schema import QUESTIONS, UNKNOWN, SymptomReport

DAY = date(2026, 12, 6)
SLOTS = dict(
    breathing_difficulty=False,
    body_part="eyelid",
    sensation="twitch",
    episode_duration="seconds_to_minutes",
    pain_level="none",
    frequency="occasional",
    history="days",
    muscle_weakness=False,
    visible_change=UNKNOWN,
    known_condition="none",
    triggers=["caffeine"],
    assumed=["visible_change"],
)
SAID = {
    "body_part": "my eyelid keeps flickering",
    "episode_duration": "a couple of minutes",
    "visible_change": "hmm blorp",
    "breathing_difficulty": "No",
}


def check(slots=SLOTS, said=SAID):
    report = SymptomReport.from_slots(slots)
    return summary.build(assess(report), report, said, DAY)


def fact(built, name):
    [found] = [each for each in built.facts if each.name == name]
    return found


def test_each_fact_keeps_the_persons_words_next_to_the_reading():
    built = check()
    duration = fact(built, "How long one episode lasts")
    assert (duration.said, duration.read, duration.assumed) == ("a couple of minutes", "seconds to minutes", False)
    assert fact(built, "Where").said == "my eyelid keeps flickering"
    assert fact(built, "Trouble breathing").read == "no"
    assert fact(built, "What sets it off").read == "caffeine"
    # A fact with no words behind it (filled before the words were kept) still shows the reading.
    assert fact(built, "Pain").said is None and fact(built, "Pain").read == "no pain"


def test_a_fact_taken_cautiously_as_not_sure_is_marked():
    built = check()
    looks = fact(built, "The muscle looks different")
    assert (looks.read, looks.assumed) == ("not sure", True)
    assert [each.name for each in built.facts if each.assumed] == ["The muscle looks different"]
    assert f"“hmm blorp” → not sure ({summary.ASSUMED_NOTE})" in summary.as_text(built)


def test_only_answered_facts_appear_in_the_checks_order():
    built = check(dict(breathing_difficulty=True, body_part="chest"), {"breathing_difficulty": "I can't breathe"})
    assert [each.name for each in built.facts] == ["Trouble breathing", "Where"]


def test_every_question_and_the_triggers_have_a_name_in_the_summary():
    assert set(summary.FACT_NAMES) == {question.slot for question in QUESTIONS} | {"triggers"}


@pytest.mark.parametrize(
    "slot, value, words",
    [
        ("known_condition", "multiple_sclerosis", "multiple sclerosis"),
        ("known_condition", "unspecified", "yes, not named"),
        ("body_part", "lower_back", "lower back"),
        ("sensation", "cramp", "a cramp or tightening"),
        ("pain_after", True, "yes"),
        ("triggers", ["stress", "lack_of_sleep"], "stress, lack of sleep"),
        ("history", UNKNOWN, "not sure"),
    ],
)
def test_readings_in_words(slot, value, words):
    assert summary.reading(slot, value) == words


def test_the_text_holds_the_date_result_reasons_signs_disclaimer_and_article():
    built = check()
    text = summary.as_text(built)
    assert text.startswith("Summary for your doctor, 6 December 2026")
    assert f"Result: {summary.LEVEL_NAMES[built.result.level]}." in text
    assert "Kind: It sounds most like a muscle twitch" in text
    for reason in built.result.reasons:
        assert reply.reason_line(reason) in text.splitlines()
    assert "(“What Warrants A Visit To A Specialist?”)" in text
    for sign in reply.all_warning_signs():
        assert f"• {sign}" in text.splitlines()
    assert reply.DISCLAIMER in text
    assert text.endswith(article_facts.article_reference())


def test_every_level_has_a_name_and_an_emergency_lists_the_warning_signs_too():
    built = check(dict(breathing_difficulty=True), {})
    assert built.level_name == "Emergency"
    assert set(summary.LEVEL_NAMES) == {"emergency", "specialist", "self_care"}
    assert summary.fields(built)["warning_signs"] == reply.all_warning_signs()


def test_the_payload_carries_the_same_fields_as_plain_json():
    built = check()
    payload = summary.triage_payload(built)
    assert payload["triage"]["level"] == built.result.level  # the card's own fields stay as they were
    fields = json.loads(json.dumps(payload))["triage"]["summary"]
    assert (fields["date"], fields["date_text"]) == ("2026-12-06", "6 December 2026")
    assert {"name": "How long one episode lasts", "said": "a couple of minutes", "read": "seconds to minutes",
            "assumed": False} in fields["facts"]  # fmt: skip
    assert fields["level_name"] == built.level_name
    assert [reason["section"] for reason in fields["reasons"]] == [reason.section for reason in built.result.reasons]
    assert fields["disclaimer"] == reply.DISCLAIMER
    assert fields["article"] == article_facts.article_reference()
    text = summary.as_text(built)
    for value in (fields["level_line"], fields["kind"], fields["watch_for"], *fields["warning_signs"]):
        assert value in text
