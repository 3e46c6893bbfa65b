"""The triage message: level first, the kind and why, what to do, the reminder last; payload is plain JSON."""

import itertools
import json
import re

import pytest

from muscle_triage.knowledge import article_facts
from muscle_triage.triage.reply import render
from muscle_triage.triage.rules import assess
from muscle_triage.triage.schema import LEVELS, SymptomReport

SAFE = dict(
    breathing_difficulty=False,
    body_part="eyelid",
    sensation="flicker",
    episode_duration="brief",
    pain_level="none",
    frequency="occasional",
    history="days",
    muscle_weakness=False,
    visible_change=False,
    known_condition="none",
)


def message(**changes):
    result = assess(SymptomReport.from_slots({**SAFE, **changes}))
    return result, render(result)


@pytest.mark.parametrize(
    "changes, words",
    [
        (dict(breathing_difficulty=True), "call your local emergency number now"),
        (dict(muscle_weakness=True), "worth getting checked by a doctor or specialist"),
        ({}, "usually something you can look after yourself"),
    ],
)
def test_first_line_states_the_level(changes, words):
    result, rendered = message(**changes)
    assert words in rendered.text.splitlines()[0]
    assert rendered.payload["triage"]["level"] == result.level


# Every level, and each kind: spasm, twitch, unclear.
EVERY_KIND_OF_RESULT = [
    dict(breathing_difficulty=True),
    dict(pain_level="severe"),
    dict(muscle_weakness=True),
    {},
    dict(
        body_part="calf",
        sensation="cramp",
        pain_level="moderate",
        episode_duration="seconds_to_minutes",
        pain_after=False,
    ),
    dict(sensation="unknown", episode_duration="unknown", pain_level="mild", pain_after=False, body_part="hand"),
]


# What the triage rules make of each entry above, and what the message must then say, in this test's own words.
EXPECTED_RESULTS = [
    ("emergency", "twitch"),
    ("specialist", "twitch"),
    ("specialist", "twitch"),
    ("self_care", "twitch"),
    ("self_care", "spasm"),
    ("self_care", "unclear"),
]
LEVEL_WORDS = {
    "emergency": "call your local emergency number now",
    "specialist": "worth getting checked by a doctor or specialist",
    "self_care": "something you can look after yourself",
}
KIND_WORDS = {
    "spasm": "It sounds most like a muscle spasm",
    "twitch": "It sounds most like a muscle twitch",
    "unclear": "I can't tell whether this is a spasm or a twitch",
}


def test_every_level_and_kind_is_stated_with_its_reasons_cited_and_the_reminder_last():
    results = []
    for changes, expected in zip(EVERY_KIND_OF_RESULT, EXPECTED_RESULTS, strict=True):
        result, rendered = message(**changes)
        lines = rendered.text.splitlines()
        assert (result.level, result.contraction) == expected, changes
        assert [level for level, words in LEVEL_WORDS.items() if words in lines[0]] == [result.level], lines[0]
        assert [line for line in lines if KIND_WORDS[result.contraction] in line], rendered.text
        for reason in result.reasons:
            cited = f"(“{article_facts.section_title(reason.topic, reason.item)}”)"
            assert any(line.startswith(f"• {reason.fact}. ") and cited in line for line in lines), (reason, lines)
        assert "not a diagnosis" in lines[-1] and "not a doctor" in lines[-1], rendered.text
        triage = rendered.payload["triage"]
        assert (triage["level"], triage["contraction"]) == expected
        assert [shown["section"] for shown in triage["reasons"]] == [
            article_facts.section_title(reason.topic, reason.item) for reason in result.reasons
        ]
        results.append(result)
    assert {result.level for result in results} == set(LEVELS)
    assert {result.contraction for result in results} == set(KIND_WORDS)


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
    result, rendered = message(
        pain_level="severe", body_part="calf", sensation="cramp", episode_duration="seconds_to_minutes"
    )
    lines = rendered.text.splitlines()
    for reason in result.reasons:
        shown = f"• {reason.fact}. {reason.why} (“{reason.section}”)"
        assert (
            (shown in lines)
            if reason.own_reading is None
            else any(line.startswith(f"{shown} Note: ") for line in lines)
        )


def test_kind_is_named_with_the_article_label():
    _, rendered = message()
    assert "muscle twitch" in rendered.text
    assert article_facts.item_label("twitch_types", "fasciculation") in rendered.text
    _, rendered = message(
        body_part="stomach",
        sensation="cramp",
        pain_level="moderate",
        episode_duration="seconds_to_minutes",
        pain_after=False,
    )
    assert "muscle spasm" in rendered.text
    assert article_facts.item_label("spasm_types", "smooth") in rendered.text


def test_unclear_kind_says_so():
    result, rendered = message(
        sensation="unknown", episode_duration="unknown", pain_level="mild", pain_after=False, body_part="hand"
    )
    assert result.contraction == "unclear"
    assert "can't tell whether this is a spasm or a twitch" in rendered.text


def test_self_care_gives_advice_and_the_warning_signs_to_watch_for():
    result, rendered = message(triggers=["stress"])
    assert result.level == "self_care"
    assert article_facts.item_line("prevention", "stress_reduction") in rendered.text
    assert article_facts.item_line("causes", "stress_anxiety") in rendered.text


def watch_list(text):
    """The bullet lines after the "warning signs" sentence of a self-care message."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("See a doctor or specialist if any"))
    return list(itertools.takewhile(lambda line: line.startswith("• "), lines[start + 1 :]))


def test_self_care_lists_every_warning_sign_the_article_gives():
    result, rendered = message()
    shown = watch_list(rendered.text)
    # Both article lists: the specialist list has every sign, the "harmless?" list names some of them again.
    assert set(article_facts.item_names("harmless")) <= set(article_facts.item_names("specialist"))
    assert shown == [
        f"• {article_facts.item_label('specialist', sign)}" for sign in article_facts.item_names("specialist")
    ]
    watched = " ".join(shown).lower()
    for meaning in (
        "frequent and persistent",
        "severe pain",
        "lingers after a contraction",
        "weakness",
        "breathing",
        "how the muscle looks",
    ):
        assert meaning in watched, meaning
    assert "emergency number at once" in rendered.text
    assert rendered.payload["triage"]["warning_signs"] == [line[2:] for line in shown]


def test_self_care_ends_with_the_articles_advice_for_persistent_concerning_symptoms():
    _, rendered = message()
    general = article_facts.closing("specialist")
    assert "persistent and concerning" in general and "medical attention" in general
    assert f"{general} (“{article_facts.section_title('specialist')}”)" in rendered.text.splitlines()
    assert rendered.payload["triage"]["general_advice"] == general


@pytest.mark.parametrize("changes", [dict(muscle_weakness=True), dict(breathing_difficulty=True)])
def test_only_self_care_carries_the_watch_list(changes):
    _, rendered = message(**changes)
    assert "See a doctor or specialist if any" not in rendered.text
    assert rendered.payload["triage"]["warning_signs"] == []
    assert rendered.payload["triage"]["general_advice"] is None


# Where the triage sets its own rule, the result says so next to the reason; article rules carry no such note.
OWN_READINGS = [
    # changes, the article item the marked reason cites, words the note must hold
    (dict(frequency="frequent", history="weeks_or_longer"), ("specialist", "chronic"), ("7 days",)),
    (dict(pain_level="severe"), ("specialist", "severe_pain"), ("7 out of 10", "unbearable")),
    (dict(known_condition="als"), ("causes", "medical_conditions"), ("known condition",)),
    (dict(known_condition="multiple_sclerosis"), ("twitch_types", "spasticity"), ("known condition",)),
    (
        dict(sensation="rhythmic_jerking", body_part="foot", episode_duration="unknown"),
        ("twitch_types", "clonus"),
        ("rhythm",),
    ),
    (dict(muscle_weakness="unknown"), ("specialist", "weakness"), ("ruled out",)),
]


@pytest.mark.parametrize("changes, item, words", OWN_READINGS)
def test_the_assistants_own_readings_are_marked_in_the_result(changes, item, words):
    result, rendered = message(**changes)
    marked = [reason for reason in result.level_reasons if (reason.topic, reason.item) == item]
    assert len(marked) == 1 and marked[0].own_reading
    line = next(line for line in rendered.text.splitlines() if line.startswith(f"• {marked[0].fact}. "))
    note = line.split(" Note: ", 1)[1]
    assert "my own" in note and "article" in note
    for word in words:
        assert word in note
    payload_reason = next(r for r in rendered.payload["triage"]["reasons"] if r["fact"] == marked[0].fact)
    assert payload_reason["own_reading"] == note


def test_clonus_as_the_kind_is_marked_too():
    result, rendered = message(sensation="rhythmic_jerking", body_part="foot", episode_duration="unknown")
    assert result.subtype == "clonus"
    kind = [reason for reason in result.kind_reasons if reason.item == "clonus"]
    assert kind and all("rhythm" in reason.own_reading for reason in kind)


@pytest.mark.parametrize(
    "changes",
    [
        dict(muscle_weakness=True),
        dict(visible_change=True),
        dict(pain_level="mild", pain_after=True),
        dict(breathing_difficulty=True),
        {},
    ],
)
def test_rules_straight_from_the_article_carry_no_note(changes):
    result, rendered = message(**changes)
    assert all(reason.own_reading is None for reason in result.level_reasons)
    assert all(" Note: " not in line for line in rendered.text.splitlines()[: 1 + len(result.level_reasons)])


def test_a_condition_cited_twice_is_marked_once():
    result, rendered = message(known_condition="multiple_sclerosis")
    condition = [reason for reason in result.level_reasons if "multiple sclerosis" in reason.fact]
    assert len(condition) == 2
    assert sum(reason.own_reading is not None for reason in condition) == 1


def test_self_care_with_nothing_specific_lists_every_prevention_step():
    _, rendered = message()
    for step in article_facts.item_names("prevention"):
        assert article_facts.item_line("prevention", step) in rendered.text


def test_emergency_carries_no_prevention_advice():
    _, rendered = message(breathing_difficulty=True, body_part="chest", sensation="cramp", triggers=["dehydration"])
    assert article_facts.section_title("prevention") not in rendered.text
    assert "chest" in rendered.text.splitlines()[1]


def test_payload_shape_and_json():
    result, rendered = message(triggers=["caffeine"], muscle_weakness=True)
    payload = json.loads(json.dumps(rendered.payload))
    triage = payload["triage"]
    assert set(triage) == {
        "level",
        "contraction",
        "subtype",
        "reasons",
        "causes",
        "advice",
        "warning_signs",
        "general_advice",
        "sources",
        "assumed",
    }
    assert (triage["level"], triage["contraction"], triage["subtype"]) == ("specialist", "twitch", "fasciculation")
    assert all(set(reason) == {"fact", "why", "section", "own_reading"} for reason in triage["reasons"])
    assert triage["reasons"][0]["fact"] == "You said the muscle feels weak"
    assert triage["causes"] == [article_facts.item_label("twitch_triggers", "caffeine")]
    assert triage["advice"] == []
    assert triage["sources"] == list(result.sources)
    assert article_facts.section_title("specialist") in triage["sources"]


def test_every_article_fact_in_the_text_comes_from_the_knowledge_module():
    """What the message cites is text from the facts file (whole sentences of it), never wording made up here."""
    article = " ".join(p.text for p in article_facts.passages())
    result, rendered = message(
        triggers=["dehydration", "exercise"],
        body_part="calf",
        sensation="cramp",
        pain_level="moderate",
        episode_duration="seconds_to_minutes",
        pain_after=False,
    )
    for reason in result.reasons:
        for sentence in re.split(r"(?<=\.) ", reason.why):
            assert sentence in article, sentence
    for topic, item in result.causes + tuple(("prevention", step) for step in result.advice):
        assert article_facts.item_line(topic, item) in rendered.text
