"""Spelling correction (understanding.spelling) and the NLU component that applies it first (addons/spelling.py)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.spelling import TEXT_AS_TYPED, SpellingCorrector
from muscle_triage.understanding import breathing, spelling
from muscle_triage.understanding.wording import normalise


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("calff", "calf"),  # a letter typed twice
        ("sufocating", "suffocating"),  # one of a double letter left out
        ("brething", "breathing"),  # a letter left out
        ("spsam", "spasm"),  # two letters swapped: "spasm", the project's word, not "spam"
        ("twitcj", "twitch"),  # a neighbouring key
        ("twich", "twitch"),
        ("mussle", "muscle"),  # the project's word before "mussel"
        ("eylid", "eyelid"),
        ("hamstrng", "hamstring"),
        ("caf", "calf"),  # three letters: only to the project's words
        ("cnat", "can't"),  # swapped, then the shorthand for the word found
        ("sayin", "saying"),  # the g dropped, as said: not the keyboard's "satin"
        ("nothin", "nothing"),
    ],
)
def test_slips_are_corrected_to_the_word_meant(typed, meant):
    assert spelling.correct_word(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        "n",
        "y",
        "nah",
        "yep",
        "nope",
        "idk",
        "tbh",
        "lol",
        "7",
        "10",
        "2/10",
        "calf",
        "quads",
        "clonus",
        "fasciculation",
    ],
)
def test_yes_no_words_numbers_body_parts_and_the_articles_terms_stay_as_typed(word):
    assert spelling.correct(word) == word


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("cnt brth", "can't breath"),
        ("she cannae get a breath in", "she can't get a breath in"),  # Scots negatives
        ("resp unlaboured", "respiratory unlaboured"),  # never "laboured", its opposite
        ("3 mins", "3 minutes"),
        ("u ok", "you ok"),
        ("pt c/o SOB", "pt c/o short of breath"),  # clinical shorthand only in capitals
        ("i sob", "i sob"),
        ("wen shud i see a doc", "when should i see a doctor"),  # "shud" is not "shut"
        ("whats the diff btwn em", "what's the difference between them"),
        # Scots words, never the English words a dictionary finds nearest ("disnae" is not "disease")
        ("ma eyelid's been flickerin, disnae hurt", "my eyelid's been flickering, doesn't hurt"),
        ("whit will they dae tae find oot", "what will they do to find out"),
        ("a tightening in the neck musculature", "a tightening in the neck muscles"),
        ("wot sets it off", "what sets it off"),
        # "yeah nah" is no and "nah yeah" yes
        ("yeah nah, no probs there", "no, no problems there"),
        ("nah yeah it hurts", "yes it hurts"),
    ],
)
def test_shorthand_is_spelt_out(typed, meant):
    assert spelling.correct(typed) == meant


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("my chest is too ight to breathe", "my chest is too tight to breathe"),  # "tight" or "night": "too" decides
        ("my chest is too gight to breathe", "my chest is too tight to breathe"),  # "tight" or "fight"
        ("reathing is difficult", "breathing is difficult"),  # a first letter left out
        ("a pasm in my back", "a spasm in my back"),
    ],
)
def test_where_slips_leave_a_tie_the_words_around_decide(typed, meant):
    assert spelling.correct(typed) == meant


def test_keys_touch_as_on_a_real_keyboard():
    assert spelling.KEY_NEIGHBOURS["g"] == frozenset("tyfhvb")  # not "n": the bottom row is shifted


def test_a_real_word_is_never_corrected_even_when_another_is_likelier_here():
    assert spelling.correct("I baked bread") == "I baked bread"


def test_y_opening_a_question_is_why_and_alone_is_yes():
    assert spelling.correct("y does my calf cramp up every time") == "why does my calf cramp up every time"
    assert spelling.correct("ok. y r they bad") == "ok. why are they bad"
    assert spelling.correct("y") == "y"
    assert spelling.correct("eye keeps twitching. y") == "eye keeps twitching. y"
    assert spelling.correct("y, twice a day") == "y, twice a day"


def test_the_rest_of_the_text_is_kept_as_it_was():
    assert spelling.correct("My calff — 2/10 😅, since Monday!") == "My calf — 2/10 😅, since Monday!"


def corrected_message(text):
    message = Message(data={"text": text})
    SpellingCorrector().process([message])
    return message


def test_the_component_hands_on_the_corrected_text_and_keeps_what_was_typed():
    message = corrected_message("my calff has a spsam")
    assert message.get("text") == "my calf has a spasm"
    assert message.get(TEXT_AS_TYPED) == "my calff has a spsam"
    assert TEXT_AS_TYPED in message.output_properties


def test_the_component_leaves_a_correct_message_alone():
    message = corrected_message("my calf has a spasm")
    assert message.get("text") == "my calf has a spasm" and message.get(TEXT_AS_TYPED) is None


@pytest.mark.parametrize("text", ["tengo un calambre en la pierna", "<b>calff</b>", "calff " * 500])
def test_the_component_does_not_correct_what_the_assistant_cannot_read_anyway(text):
    assert corrected_message(text).get("text") == text


def test_training_examples_are_corrected_the_same_way():
    data = TrainingData([Message(data={"text": "my calff cramps", "intent": "describe_symptom"})])
    SpellingCorrector().process_training_data(data)
    assert data.training_examples[0].get("text") == "my calf cramps"


# --- any text at all ------------------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=200))
def test_any_text_is_corrected_without_error_and_keeps_everything_but_letters(text):
    corrected = spelling.correct(text)
    assert isinstance(corrected, str)
    assert [ch for ch in corrected if not (ch.isascii() and ch.isalnum()) and ch not in " '"] == [
        ch for ch in text if not (ch.isascii() and ch.isalnum()) and ch not in " '"
    ]
    assert spelling.correct(corrected) == corrected  # corrected text needs no more correcting
    assert breathing.read(normalise(corrected)) in (True, False, None)


def test_the_training_cache_is_invalidated_when_the_correction_changes(monkeypatch):
    before = SpellingCorrector.fingerprint_addon({})
    spelling.project_words.cache_clear()
    monkeypatch.setattr(spelling, "DOMAIN_WORDS", spelling.DOMAIN_WORDS | {"newword"})
    try:
        assert SpellingCorrector.fingerprint_addon({}) != before
    finally:
        spelling.project_words.cache_clear()


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("cramp in me calf, couldn't straighten me leg", "cramp in my calf, couldn't straighten my leg"),
        ("me left eyelid keeps going", "my left eyelid keeps going"),
        # "me" as a verb's object stays
        ("give me calf stretches that work", "give me calf stretches that work"),
        ("it woke me up", "it woke me up"),
        # "me back" after a preposition, not as in "it set me back"
        ("a twinge in the small of me back", "a twinge in the small of my back"),
        ("it set me back a week", "it set me back a week"),
    ],
)
def test_me_before_a_part_of_the_body_is_my(typed, meant):
    assert spelling.correct(typed) == meant


def test_an_acronym_is_kept_as_typed_unless_everything_is_in_capitals_or_it_is_clinical_shorthand():
    assert spelling.correct("is DOMS the same thing as a cramp?") == "is DOMS the same thing as a cramp?"
    assert spelling.correct("I have SOB and cramps") == "I have short of breath and cramps"
    assert "breathe" in spelling.correct("CANT BREATHE").lower()
