"""Breathing trouble in any wording, and fine said as fine (understanding.breathing), as the NLU pipeline
hands the text on: spelling corrected first (understanding.spelling), then normalised.

These wordings are the project's own; the sets written apart from it are in tests/safety/ and run over REST
(`make test-safety`).
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muscle_triage.understanding import breathing, spelling
from muscle_triage.understanding.wording import normalise


def read(text):
    return breathing.read(normalise(spelling.correct(text)))


def asked_about(text):
    return breathing.asked_about(normalise(spelling.correct(text)))


TROUBLE = [
    "I can't breathe",
    "my chest is too tight to breathe",
    "I can only take tiny sips of breath when it grips",
    "can't get a full breath in",
    "my lungs won't fill up",
    "I'm gasping",
    "he's choking and his calf is cramping",
    "wheezing since the spasm started",
    "feels like I'm suffocating",
    "her lips are turning blue",
    "my son can't get any air",
    "breathing is really hard",
    "short of breath with a neck spasm",
    "I breathe and breathe but it's not enough",
    "cnt brth",
    "breathing feels like through a straw",
    "air won't go in properly",
    "my throat is closing up",
    "every breath is a struggle",
    "my dad is struggling for air",
    "🫁❌",
]
FINE = [
    "no trouble breathing",
    "breathing is fine",
    "I can breathe fine",
    "not short of breath",
    "my breathing is normal",
    "breathing ok",
    "nope breathing ok just sore",
    "nah not really, breathing is fine",
    "no I'm breathing fine",
    "no problems breathing",
    "lungs are fine 👍",
    "I'm not wheezing or anything",
    "no no, breathing is normal only",  # "only" as emphasis, as in Indian English
    "respiratory unlabored, no",  # clinical shorthand for fine
    "breathing unlaboured",
]
QUESTIONS = [
    "can a cramp affect breathing?",
    "can a back spasm make it hard to breathe?",
    "if my kid ever got a cramp and couldn't breathe what should I do",
    "is chest cramp with shortness of breath an emergency?",
    "should I get help if a spasm causes trouble breathing?",
    "do breathing exercises help with cramps?",
]


@pytest.mark.parametrize("text", TROUBLE)
def test_trouble_in_any_wording_is_trouble(text):
    assert read(text) is True


@pytest.mark.parametrize("text", FINE)
def test_breathing_said_to_be_fine_is_not_trouble(text):
    assert read(text) is False


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_about_breathing_reports_no_trouble(text):
    assert read(text) is not True
    assert asked_about(text) or "exercises" in text


@pytest.mark.parametrize(
    "text",
    [
        "can a spasm make it hard to breathe? I can't breathe right now",
        "is this an emergency, my wife can't breathe",
        "what do I do, my chest is cramping and I can't breathe",
        "I wonder what we should do, she has been finding it hard to get her breath for ten minutes",
    ],
)
def test_a_question_that_also_reports_trouble_is_trouble(text):
    assert read(text) is True and not asked_about(text)


def test_trouble_wins_over_fine_in_another_clause():
    assert read("breathing's fine, well no, actually I can't get air") is True


def test_autocorrected_breath_is_breath_only_where_breath_is_meant():
    assert read("he can't catch his bread") is True
    assert read("I'm short of bread") is True
    assert read("I baked bread and then my calf cramped") is None


# --- typos, property-tested --------------------------------------------------------------------------------------
# Breathing and symptom words each message above relies on; one or two keyboard slips go into them.
SLIP_KINDS = ("neighbour", "double", "drop", "swap")


def slipped(word: str, kind: str, position: int, choice: int) -> str:
    """The word with one slip at `position`: a neighbouring key, a letter typed twice, one left out, two swapped."""
    i = position % len(word)
    if kind == "neighbour":
        near = sorted(spelling.KEY_NEIGHBOURS.get(word[i], {word[i]}))
        return word[:i] + near[choice % len(near)] + word[i + 1 :]
    if kind == "double":
        return word[: i + 1] + word[i] + word[i + 1 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


@st.composite
def with_slips(draw, phrase: str):
    """The phrase with a slip in one or two of its words of four letters or more. A slip that makes another real
    word ("tight" -> "right") is not a misspelling any dictionary can see, so it is not drawn."""
    words = phrase.split(" ")
    candidates = [i for i, word in enumerate(words) if len(word) >= 4 and word.isalpha()]
    chosen = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True))
    for index in chosen:
        word = words[index]
        typo = slipped(word, draw(st.sampled_from(SLIP_KINDS)), draw(st.integers(0, 20)), draw(st.integers(0, 8)))
        if typo.lower() != word.lower() and not spelling.known(typo.lower()):
            words[index] = typo
    return " ".join(words)


TYPO_TROUBLE = [
    "I can't breathe and my chest is cramping",
    "my chest is too tight to breathe",
    "struggling to breathe",
    "I'm gasping for breath",
    "wheezing since the spasm started",
    "shortness of breath with a neck spasm",
    "feels like suffocating",
    "my throat is closing",
    "breathing is difficult",
    "can't catch my breath",
]
TYPO_FINE = ["no trouble breathing", "breathing is fine", "I can breathe normally", "no problems breathing"]
TYPO_SYMPTOMS = ["my calf keeps cramping", "my eyelid is twitching", "a spasm in my back", "muscle twitches"]
PROPERTY = settings(max_examples=500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.sampled_from(TYPO_TROUBLE).flatmap(with_slips))
def test_trouble_with_keyboard_slips_is_still_trouble(text):
    assert read(text) is True, (text, normalise(spelling.correct(text)))


@PROPERTY
@given(st.sampled_from(TYPO_FINE).flatmap(with_slips))
def test_fine_with_keyboard_slips_never_becomes_trouble(text):
    assert read(text) is not True, (text, normalise(spelling.correct(text)))


@PROPERTY
@given(st.sampled_from(TYPO_SYMPTOMS).flatmap(with_slips))
def test_symptom_words_with_keyboard_slips_are_still_symptom_words(text):
    from muscle_triage.understanding import question_reading

    assert question_reading.names_muscle_symptom(normalise(spelling.correct(text))), (text, spelling.correct(text))
