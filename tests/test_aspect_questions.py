"""A question about one way spasms and twitches differ gets that item of the article, even inside a story."""

import pytest

from muscle_triage.understanding import question_answering, question_reading
from muscle_triage.understanding.aspect_questions import aspects_asked
from muscle_triage.understanding.wording import normalise


@pytest.mark.parametrize(
    ("text", "aspects"),
    [
        ("are twitches meant to be painful?", ["pain_duration"]),
        ("how long does a cramp normally go on for", ["pain_duration"]),
        ("my back seized up on the stairs, why can't I bend when that happens?", ["range_of_motion"]),
        ("my thigh went stiff as a board after the cramp. is that normal?", ["tightness"]),
        ("you can see my eyelid flicker in the mirror, can other people see it too?", ["visibility"]),
        ("my arm feels weak after a spasm. is that a thing?", ["weakness"]),
        ("do twitches happen in small muscles as well?", ["muscle_groups"]),
        ("Where in the body do they tend to crop up?", ["muscle_groups"]),
        ("spasm is dangerous or is normal thing? and in which part of the body it come most", ["muscle_groups"]),
        # a yes-or-no question put as "... or no"
        ("the twitch make pain or no, and is possible to see it from outside?", ["pain_duration", "visibility"]),
    ],
)
def test_the_asking_clause_names_the_aspect(text, aspects):
    assert aspects_asked(normalise(text)) == aspects


@pytest.mark.parametrize(
    "text",
    [
        "my calf cramped last night",  # an account, no question
        "back muscle spasms, can't bend down",  # "can't" opens no question
        "how long should I wait before I see a doctor?",  # a wait, not how long a spasm lasts
        "it hurts. what causes cramps?",  # the pain is told, the question is about causes
        "what was the last one you said?",
    ],
)
def test_no_aspect_where_none_is_asked(text):
    assert aspects_asked(normalise(text)) == []


def test_an_aspect_question_is_answered_from_its_item_only():
    said = normalise("why can't I straighten my leg when my calf cramps?")
    assert question_reading.questions_asked(said, "ask_causes") == ["ask_difference"]
    answer = question_answering.answer_question("ask_difference", [], said)
    assert answer.sources == ("Range Of Motion",)


def test_a_framed_question_comes_first_and_the_aspect_second():
    said = normalise("is it normal that I can see it moving under the skin, or is that a bad sign?")
    assert question_reading.questions_asked(said, "ask_harmless") == ["ask_harmless", "ask_difference"]


def test_a_question_about_breathing_gets_the_warning_signs_first():
    said = normalise("can a cramp mess with your breathing?")
    assert question_reading.questions_asked(said, "ask_difference")[0] == "ask_when_specialist"


def test_a_testing_question_naming_a_kind_gets_the_diagnosis_answer():
    said = normalise("how would a doctor test for clonus?")
    answer = question_answering.answer_question("ask_diagnosis", [], said)
    assert answer.sources == ("Diagnosing The Cause Of Your Contractions",)


def test_how_long_something_else_takes_is_no_aspect():
    assert aspects_asked(normalise("how long does a broken wrist take to heal?")) == []


def test_an_own_symptom_with_a_why_question_is_answered_first():
    said = normalise("my calves cramp every night, why does this happen?")
    assert question_reading.corrected_intent(said, "describe_symptom", (), 0.9) == "ask_causes"


def test_period_cramps_asked_about_as_spasms_get_the_smooth_muscle_kind():
    answer = question_answering.answer_question("ask_difference", [], normalise("are period cramps a kind of spasm?"))
    assert answer.sources == ("What Is A Muscle Spasm?",)
    assert "Menstrual cramps" in answer.text
