"""The triage message: level first, the kind and why, what to do, the reminder last; payload is plain JSON."""

import json
import re

import pytest

from actions import knowledge
from actions.triage import LEVELS, SymptomReport, assess
from actions.triage_report import render

SAFE = dict(
    breathing_difficulty=False, body_part="eyelid", sensation="flicker", episode_duration="brief",
    pain_level="none", frequency="occasional", history="days", muscle_weakness=False, visible_change=False,
    known_condition="none",
)


def message(**changes):
    result = assess(SymptomReport.from_slots({**SAFE, **changes}))
    return result, render(result)


@pytest.mark.parametrize("changes, words", [
    (dict(breathing_difficulty=True), "call your local emergency number now"),
    (dict(muscle_weakness=True), "worth getting checked by a doctor or specialist"),
    ({}, "usually something you can look after yourself"),
])
def test_first_line_states_the_level(changes, words):
    result, rendered = message(**changes)
    assert words in rendered.text.splitlines()[0]
    assert rendered.payload["triage"]["level"] == result.level


# Every level, and each kind: spasm, twitch, unclear.
EVERY_KIND_OF_RESULT = [
    dict(breathing_difficulty=True), dict(pain_level="severe"), dict(muscle_weakness=True), {},
    dict(body_part="calf", sensation="cramp", pain_level="moderate", episode_duration="seconds_to_minutes",
         pain_after=False),
    dict(sensation="unknown", episode_duration="unknown", pain_level="mild", pain_after=False, body_part="hand"),
]


def test_the_reminder_is_checked_on_every_level_and_kind():
    results = [message(**changes)[0] for changes in EVERY_KIND_OF_RESULT]
    assert {result.level for result in results} == set(LEVELS)
    assert {result.contraction for result in results} == {"spasm", "twitch", "unclear"}


@pytest.mark.parametrize("changes", EVERY_KIND_OF_RESULT)
def test_last_line_is_the_reminder(changes):
    """Whatever the result, the message ends by saying, once, that it is no diagnosis and the bot is no doctor."""
    _, rendered = message(**changes)
    lines = rendered.text.splitlines()
    said = [number for number, line in enumerate(lines) if re.search(r"\bnot a diagnosis\b", line, re.IGNORECASE)]
    assert said == [len(lines) - 1], rendered.text
    assert re.search(r"\bautomated assistant\b.*\bnot a doctor\b", lines[-1], re.IGNORECASE), lines[-1]
    assert lines[-2] == "", "the reminder stands apart from what comes before it"


def test_every_reason_is_shown_with_its_article_fact_and_section():
    result, rendered = message(pain_level="severe", body_part="calf", sensation="cramp",
                               episode_duration="seconds_to_minutes")
    lines = rendered.text.splitlines()
    for reason in result.reasons:
        assert f"• {reason.fact}. {reason.why} (“{reason.section}”)" in lines


def test_kind_is_named_with_the_article_label():
    _, rendered = message()
    assert "muscle twitch" in rendered.text
    assert knowledge.item_label("twitch_types", "fasciculation") in rendered.text
    _, rendered = message(body_part="stomach", sensation="cramp", pain_level="moderate",
                          episode_duration="seconds_to_minutes", pain_after=False)
    assert "muscle spasm" in rendered.text
    assert knowledge.item_label("spasm_types", "smooth") in rendered.text


def test_unclear_kind_says_so():
    result, rendered = message(sensation="unknown", episode_duration="unknown", pain_level="mild",
                               pain_after=False, body_part="hand")
    assert result.contraction == "unclear"
    assert "can't tell whether this is a spasm or a twitch" in rendered.text


def test_self_care_gives_advice_and_the_warning_signs_to_watch_for():
    result, rendered = message(triggers=["stress"])
    assert result.level == "self_care"
    assert knowledge.item_line("prevention", "stress_reduction") in rendered.text
    for sign in knowledge.item_names("harmless"):
        assert knowledge.item_label("harmless", sign) in rendered.text
    assert knowledge.item_line("causes", "stress_anxiety") in rendered.text


def test_self_care_with_nothing_specific_lists_every_prevention_step():
    _, rendered = message()
    for step in knowledge.item_names("prevention"):
        assert knowledge.item_line("prevention", step) in rendered.text


def test_emergency_carries_no_prevention_advice():
    _, rendered = message(breathing_difficulty=True, body_part="chest", sensation="cramp", triggers=["dehydration"])
    assert knowledge.section_title("prevention") not in rendered.text
    assert "chest" in rendered.text.splitlines()[1]


def test_payload_shape_and_json():
    result, rendered = message(triggers=["caffeine"], muscle_weakness=True)
    payload = json.loads(json.dumps(rendered.payload))
    triage = payload["triage"]
    assert set(triage) == {"level", "contraction", "subtype", "reasons", "causes", "advice", "sources"}
    assert (triage["level"], triage["contraction"], triage["subtype"]) == ("specialist", "twitch", "fasciculation")
    assert all(set(reason) == {"fact", "why", "section"} for reason in triage["reasons"])
    assert triage["reasons"][0]["fact"] == "You said the muscle feels weak"
    assert triage["causes"] == [knowledge.item_label("twitch_triggers", "caffeine")]
    assert triage["advice"] == []
    assert triage["sources"] == list(result.sources)
    assert knowledge.section_title("specialist") in triage["sources"]


def test_every_article_fact_in_the_text_comes_from_the_knowledge_module():
    """What the message cites is text from the facts file (whole sentences of it), never wording made up here."""
    article = " ".join(p.text for p in knowledge.passages())
    result, rendered = message(triggers=["dehydration", "exercise"], body_part="calf", sensation="cramp",
                               pain_level="moderate", episode_duration="seconds_to_minutes", pain_after=False)
    for reason in result.reasons:
        for sentence in re.split(r"(?<=\.) ", reason.why):
            assert sentence in article, sentence
    for topic, item in result.causes + tuple(("prevention", step) for step in result.advice):
        assert knowledge.item_line(topic, item) in rendered.text
