"""One message -> what it means for the check: breathing first, then each question's reader, and what else it does."""

import pytest

from muscle_triage.understanding import spelling, turn_reading
from muscle_triage.understanding.scale_readers import (
    read_episode_duration,
    read_frequency,
    read_history,
    read_pain_level,
)
from muscle_triage.understanding.turn_reading import Turn, read_turn
from muscle_triage.understanding.wording import normalise


def turn(text, requested=None, intent=None, confidence=0.0, entities=()):
    """The turn as the form reads it: the NLU pipeline has corrected the spelling first (addons/spelling.py)."""
    return read_turn(normalise(spelling.correct(text)), intent, confidence, list(entities), requested)


def entity(name, value, start=0, end=0):
    return {"entity": name, "value": value, "start": start, "end": end}


# --- breathing ----------------------------------------------------------------------------------------------
BREATHING_TROUBLE = [
    "I can't breathe and my chest is cramping",
    "my throat is spasming and I'm struggling to breathe",
    "I have difficulty breathing",
    "having trouble breathing",
    "short of breath with neck spasm",
    "it's hard to breathe",
    "I can't catch my breath",
    "I cannot breathe properly",
    "no, I can't breathe",
    "shortness of breath since this morning",
]


@pytest.mark.parametrize("text", BREATHING_TROUBLE)
def test_breathing_trouble_is_caught_in_any_message(text):
    assert turn(text).values["breathing_difficulty"] is True
    assert turn(text, requested="body_part").values["breathing_difficulty"] is True


@pytest.mark.parametrize(
    "intent", ["ask_harmless", "stop", "out_of_scope", "greet", "bot_challenge", "ask_capabilities"]
)
def test_breathing_trouble_beats_any_interruption(intent):
    result = turn("I can't breathe, my chest is tight", intent=intent, confidence=0.95)
    assert not result.interruption
    assert result.values["breathing_difficulty"] is True
    assert result.values["body_part"] == "chest"


def test_report_emergency_intent_is_breathing_trouble_even_without_known_words():
    result = turn("I'm choking up, help", intent="report_emergency", confidence=0.7)
    assert result.values["breathing_difficulty"] is True
    assert result.unread is None and not result.interruption


def test_emergency_turn_needs_no_hint():
    assert turn("I can't breathe", requested="pain_level").unread is None


BREATHING_FINE = [
    ("no trouble breathing", None),
    ("I don't have any difficulty breathing", None),
    ("I can breathe fine", None),
    ("breathing is ok", None),
    ("my breathing's fine", None),
    ("I'm not short of breath", None),
    ("no shortness of breath", None),
    ("no", "breathing_difficulty"),
    ("nope", "breathing_difficulty"),
    ("not really", "breathing_difficulty"),
]


@pytest.mark.parametrize("text, requested", BREATHING_FINE)
def test_breathing_fine(text, requested):
    assert turn(text, requested=requested).values["breathing_difficulty"] is False


def test_breathing_fine_keeps_the_rest_of_the_message():
    values = turn("no trouble breathing, but my calf cramps every day").values
    assert values == {"breathing_difficulty": False, "body_part": "calf", "sensation": "cramp", "frequency": "frequent"}


@pytest.mark.parametrize("text", ["yes", "yeah", "a little", "sometimes", "yes it's a bit hard"])
def test_yes_to_the_breathing_question(text):
    assert turn(text, requested="breathing_difficulty").values["breathing_difficulty"] is True


@pytest.mark.parametrize("text", ["I don't know", "not sure", "no idea", "idk tbh"])
def test_dont_know_about_breathing_is_not_sure_which_the_triage_takes_as_the_emergency(text):
    result = turn(text, requested="breathing_difficulty")
    assert result.values == {"breathing_difficulty": "unknown"} and result.unread is None


def test_no_problems_elsewhere_is_not_a_breathing_answer():
    assert "breathing_difficulty" not in turn("no problems with my arm, just my calf cramps").values


def test_question_about_breathing_trouble_is_an_article_question():
    result = turn(
        "is it serious if someone has difficulty breathing during a spasm?", intent="ask_harmless", confidence=0.9
    )
    assert result.interruption and result.values == {}


# --- interruptions -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "intent",
    [
        "ask_spasm_definition",
        "ask_causes",
        "ask_prevention",
        "stop",
        "out_of_scope",
        "bot_challenge",
        "ask_capabilities",
        "greet",
    ],
)
def test_interruptions(intent):
    result = turn("what is that, is it serious?", requested="body_part", intent=intent, confidence=0.8)
    assert result == Turn(interruption=True)


def test_an_answer_with_a_question_counts_as_both():
    result = turn("my calf, and what causes it?", requested="body_part", intent="ask_causes", confidence=0.8)
    assert result == Turn({"body_part": "calf"}, question="ask_causes")


@pytest.mark.parametrize("intent", ["out_of_scope", "greet", "bot_challenge", "ask_living_with"])
def test_an_answer_to_the_question_is_an_answer_whatever_the_intent(intent):
    result = turn("today", requested="history", intent=intent, confidence=0.9)
    assert not result.interruption and result.values == {"history": "days"}


def test_stop_interrupts_even_when_it_could_be_an_answer():
    assert turn("no, stop", requested="muscle_weakness", intent="stop", confidence=0.9).interruption


def test_unsure_interruption_intent_is_read_as_an_answer():
    result = turn("my calf", requested="body_part", intent="out_of_scope", confidence=0.4)
    assert not result.interruption and result.values == {"body_part": "calf"}


# --- entities ----------------------------------------------------------------------------------------------------
def test_entities_fill_slots():
    result = turn(
        "x",
        entities=[
            entity("body_part", "lower_back"),
            entity("sensation", "cramp"),
            entity("pain_level", "moderate"),
            entity("condition", "multiple_sclerosis"),
            entity("cause", "stress_anxiety"),
            entity("cause", "caffeine"),
            entity("cause", "strain_injury"),
            entity("duration", "a few seconds"),
            entity("frequency", "every day"),
            entity("history", "for two weeks"),
        ],
    )
    assert result.values == {
        "body_part": "lower_back",
        "sensation": "cramp",
        "pain_level": "moderate",
        "known_condition": "multiple_sclerosis",
        "triggers": ["stress", "caffeine", "strain_injury"],
        "episode_duration": "seconds_to_minutes",
        "frequency": "frequent",
        "history": "weeks_or_longer",
    }


def test_the_words_win_over_tagged_entities_which_fill_only_what_the_words_lack():
    result = turn(
        "my calf cramps, 8 out of 10",
        entities=[entity("body_part", "thigh"), entity("pain_level", "mild"), entity("history", "for weeks")],
    )
    assert result.values["body_part"] == "calf"
    assert result.values["pain_level"] == "severe"
    assert result.values["history"] == "weeks_or_longer"


# --- text patterns -------------------------------------------------------------------------------------------
PAIN = [
    ("7 out of 10", None, "severe"),
    ("7/10", None, "severe"),
    ("about a 7", None, "severe"),
    ("it's a 5 out of ten", None, "moderate"),
    ("maybe a 2", None, "mild"),
    ("0/10", None, "none"),
    ("3-8 out of 10", None, "severe"),  # a range counts at its worst
    ("7", "pain_level", "severe"),
    ("about 4", "pain_level", "moderate"),
    ("10", "pain_level", "severe"),
    ("1", "pain_level", "mild"),
    ("0", "pain_level", "none"),
    ("no pain", None, "none"),
    ("painless", None, "none"),
    ("it doesn't hurt", None, "none"),
    ("it doesn't hurt much", None, "mild"),
    ("a little", "pain_level", "mild"),
    ("mild", None, "mild"),
    ("a bit sore", None, "mild"),
    ("slight", "pain_level", "mild"),
    ("moderate", None, "moderate"),
    ("quite painful", None, "moderate"),
    ("fairly", "pain_level", "moderate"),
    ("severe", None, "severe"),
    ("unbearable", None, "severe"),
    ("excruciating", None, "severe"),
    ("really bad", None, "severe"),
    ("a lot", "pain_level", "severe"),
    ("it really hurts", None, "severe"),
    ("it's not severe", None, None),
    ("no", "pain_level", "none"),
    ("not really", "pain_level", "none"),
]


@pytest.mark.parametrize("text, requested, level", PAIN)
def test_pain_level(text, requested, level):
    assert turn(text, requested=requested).values.get("pain_level") == level


@pytest.mark.parametrize("text, requested", [("7", None), ("7", "body_part"), ("a lot", None)])
def test_vague_pain_words_need_the_pain_question(text, requested):
    assert "pain_level" not in turn(text, requested=requested).values


DURATION = [
    ("a split second", "brief"),
    ("a second or two", "brief"),
    ("just a moment", "brief"),
    ("brief", "brief"),
    ("a few seconds", "seconds_to_minutes"),
    ("30 seconds", "seconds_to_minutes"),
    ("a minute", "seconds_to_minutes"),
    ("several minutes", "seconds_to_minutes"),
    ("a couple of minutes", "seconds_to_minutes"),
    ("a couple of seconds", "seconds_to_minutes"),
    ("half an hour", "long"),
    ("hours", "long"),
    ("all day", "long"),
    ("45 minutes", "long"),
    ("from a few seconds to a minute", "seconds_to_minutes"),
    ("just a flick, gone straight away", "brief"),
]


@pytest.mark.parametrize("text, duration", DURATION)
def test_episode_duration(text, duration):
    assert turn(text, requested="episode_duration").values["episode_duration"] == duration
    assert read_episode_duration(text) == duration


FREQUENCY = [
    ("once", "frequency", "once"),
    ("just once", None, "once"),
    ("it's the first time", None, "once"),
    ("now and then", None, "occasional"),
    ("occasionally", None, "occasional"),
    ("sometimes", None, "occasional"),
    ("once a week", "frequency", "occasional"),
    ("twice a month", None, "occasional"),
    ("every day", None, "frequent"),
    ("daily", None, "frequent"),
    ("all the time", None, "frequent"),
    ("constantly", None, "frequent"),
    ("several times a day", None, "frequent"),
    ("it keeps happening", "frequency", "frequent"),
    ("once a day", "frequency", "frequent"),
    ("not very often", None, "occasional"),
]


@pytest.mark.parametrize("text, requested, frequency", FREQUENCY)
def test_frequency(text, requested, frequency):
    assert turn(text, requested=requested).values["frequency"] == frequency


HISTORY = [
    ("since yesterday", "days"),
    ("a few days", "days"),
    ("this week", "days"),
    ("today", "days"),
    ("two weeks", "weeks_or_longer"),
    ("a month", "weeks_or_longer"),
    ("months", "weeks_or_longer"),
    ("years", "weeks_or_longer"),
    ("for weeks", "weeks_or_longer"),
    ("10 days", "weeks_or_longer"),
    ("a week", "weeks_or_longer"),  # the cautious reading of a borderline answer
    ("since summer", "weeks_or_longer"),
]


@pytest.mark.parametrize("text, history", HISTORY)
def test_history(text, history):
    assert turn(text, requested="history").values["history"] == history
    assert read_history(text) == history


def test_nights_counted_in_an_answer_on_how_often_say_nothing_of_how_long_it_has_gone_on():
    # "one night" here is no history: read as "days", it would hide weeks of cramps
    assert "history" not in turn("most nights, sometimes twice in one night", requested="frequency").values
    assert "history" not in turn("Nightly, sometimes twice a night.", requested="frequency").values


def test_frequency_and_history_in_one_phrase_are_read_once_each():
    assert turn("every day for two weeks").values == {"frequency": "frequent", "history": "weeks_or_longer"}
    assert turn("once a week for months").values == {"frequency": "occasional", "history": "weeks_or_longer"}
    assert turn("every few minutes", requested="episode_duration").values == {"frequency": "frequent"}


def test_parsers_ignore_unrelated_text():
    assert read_pain_level("my calf") is None
    assert read_episode_duration("my calf") is None
    assert read_history("my calf") is None
    assert read_frequency("my calf")[0] is None


OPENINGS = [
    (
        "my calf cramped for a minute last night",
        {"body_part": "calf", "sensation": "cramp", "episode_duration": "seconds_to_minutes", "history": "days"},
    ),
    ("my eyelid keeps flickering", {"body_part": "eyelid", "sensation": "flicker"}),
    (
        "I get painful back spasms every day for weeks",
        {"body_part": "back", "sensation": "cramp", "frequency": "frequent", "history": "weeks_or_longer"},
    ),
    ("my thigh twitches after running", {"body_part": "thigh", "sensation": "twitch", "triggers": ["exercise"]}),
    ("my stomach cramps", {"body_part": "stomach", "sensation": "cramp"}),
    ("it hurts a lot, 7 out of 10", {"pain_level": "severe"}),
    ("my leg jerks rhythmically when I stretch it", {"body_part": "leg", "sensation": "rhythmic_jerking"}),
    ("my lower back locks up", {"body_part": "lower_back", "sensation": "tightening"}),
    (
        "I have MS and my legs spasm",
        {"known_condition": "multiple_sclerosis", "body_part": "leg", "sensation": "cramp"},
    ),
    ("too much coffee and not enough sleep", {"triggers": ["caffeine", "fatigue"]}),
    ("since I started statins I'm stressed and dehydrated", {"triggers": ["medication", "dehydration", "stress"]}),
    ("it doesn't cramp, it just twitches", {"sensation": "twitch", "pain_level": None}),
    ("I'm worried it might be ALS", {}),
    ("not my calf, my thigh", {"body_part": "thigh"}),
    ("my arm feels weak", {"body_part": "arm", "muscle_weakness": True}),
    ("no weakness in my arm", {"body_part": "arm", "muscle_weakness": False}),
    ("it still hurts after the cramp stops", {"sensation": "cramp", "pain_after": True}),
    ("the muscle looks swollen", {"visible_change": True}),
]


@pytest.mark.parametrize("text, expected", OPENINGS)
def test_opening_messages(text, expected):
    values = turn(text).values
    assert {name: values.get(name) for name in expected} == expected
    assert "breathing_difficulty" not in values


# --- answers to the asked question ----------------------------------------------------------------------------
@pytest.mark.parametrize("slot", ["muscle_weakness", "visible_change", "pain_after"])
@pytest.mark.parametrize(
    "text, value",
    [
        ("yes", True),
        ("yeah", True),
        ("yep", True),
        ("a little", True),
        ("sometimes", True),
        ("no", False),
        ("nope", False),
        ("not really", False),
        ("none", False),
        ("I don't think so", False),
    ],
)
def test_yes_no_words(slot, text, value):
    assert turn(text, requested=slot).values == {slot: value}


@pytest.mark.parametrize("intent, value", [("affirm", True), ("deny", False)])
def test_yes_no_intents(intent, value):
    assert turn("mm hm", requested="muscle_weakness", intent=intent, confidence=0.9).values == {
        "muscle_weakness": value
    }
    assert turn("mm hm", requested="muscle_weakness", intent=intent, confidence=0.3).unread == "muscle_weakness"


def test_an_answer_can_carry_other_facts():
    assert turn("yes, and it's every day", requested="muscle_weakness").values == {
        "muscle_weakness": True,
        "frequency": "frequent",
    }


def test_sometimes_answers_the_question_not_the_frequency():
    assert turn("sometimes", requested="visible_change").values == {"visible_change": True}


@pytest.mark.parametrize(
    "slot",
    [
        "body_part",
        "sensation",
        "episode_duration",
        "pain_level",
        "pain_after",
        "frequency",
        "history",
        "muscle_weakness",
        "visible_change",
        "known_condition",
    ],
)
@pytest.mark.parametrize("text", ["I don't know", "not sure", "no idea", "I'm not sure really"])
def test_dont_know_is_unknown_for_every_slot_but_breathing(slot, text):
    result = turn(text, requested=slot)
    assert result.values == {slot: "unknown"}
    assert result.unread is None


KNOWN_CONDITION = [
    ("no", "none"),
    ("none", "none"),
    ("nope, I'm healthy", "none"),
    ("not that I know of", "none"),
    ("yes", "unspecified"),
    ("yes, I have a nerve condition", "unspecified"),
    ("I have diabetes", "unspecified"),
    ("I have MS", "multiple_sclerosis"),
    ("yes, Parkinson's", "parkinsons"),
    ("cerebral palsy", "cerebral_palsy"),
    ("ALS", "als"),
    ("I had a spinal cord injury", "spinal_cord_injury"),
]


@pytest.mark.parametrize("text, value", KNOWN_CONDITION)
def test_known_condition(text, value):
    assert turn(text, requested="known_condition").values["known_condition"] == value


def test_condition_entity_names_the_condition():
    result = turn("yes", requested="known_condition", entities=[entity("condition", "als")])
    assert result.values == {"known_condition": "als"}


BODY_PART_ANSWERS = [
    ("my pinky toe", "toe"),
    ("my calf", "calf"),
    ("calves", "calf"),
    ("my left calf", "calf"),
    ("lower back", "lower_back"),
    ("eye lid", "eyelid"),
    ("in my belly", "stomach"),
    ("my earlobe", "earlobe"),
    ("the big toe", "toe"),
    ("back of my knee", "knee"),
]


@pytest.mark.parametrize("text, value", BODY_PART_ANSWERS)
def test_body_part_answers(text, value):
    assert turn(text, requested="body_part").values == {"body_part": value}


@pytest.mark.parametrize(
    "text",
    [
        "it is somewhere in the middle of my body I think",
        "7",
        "hello",
        "yes",
        "qwertyuiop",
        "sdfg",
        "xkcd",
        "somewhere",
    ],
)
def test_body_part_not_understood_is_unread(text):
    result = turn(text, requested="body_part")
    assert "body_part" not in result.values
    assert result.unread == "body_part"


def test_unknown_free_text_is_only_taken_when_asked():
    assert "body_part" not in turn("my earlobe").values


@pytest.mark.parametrize(
    "text, requested",
    [
        ("blue", "sensation"),
        ("whenever", "episode_duration"),
        ("it hurts", "pain_level"),
        ("hmm ok", "frequency"),
        ("ok", "history"),
        ("banana", "muscle_weakness"),
        ("the weather is nice", "known_condition"),
    ],
)
def test_unanswered_question_is_unread_and_keeps_other_facts(text, requested):
    result = turn(text, requested=requested)
    assert result.unread == requested
    assert requested not in result.values
    assert not result.interruption


def test_unread_keeps_other_facts():
    result = turn("my calf cramps", requested="history")
    assert result.unread == "history"
    assert result.values == {"body_part": "calf", "sensation": "cramp"}


def test_lingering_pain_answer_does_not_rewrite_pain_or_duration():
    assert turn("yes, it stays sore for hours", requested="pain_after").values == {"pain_after": True}


@pytest.mark.parametrize("answer", ["gone once i stop", "gone once it stopped", "it goes away as soon as it lets go"])
def test_pain_gone_when_the_contraction_ends_is_no_lingering_pain(answer):
    # "stop" in the answer is no wish to stop the check
    result = turn(answer, requested="pain_after", intent="stop", confidence=0.9)
    assert result.values.get("pain_after") is False
    assert not result.interruption


# --- injected entity values ("/describe_symptom{...}") are checked like any answer ------------------------------
@pytest.mark.parametrize(
    "entity_name,value,slot,expected",
    [
        ("pain_level", "banana", "pain_level", None),
        ("pain_level", "0", "pain_level", "none"),
        ("pain_level", "8", "pain_level", "severe"),
        ("sensation", "<script>", "sensation", None),
        ("condition", "everything", "known_condition", None),
        ("body_part", "<img src=x onerror=alert(1)>", "body_part", None),
        ("body_part", "calf", "body_part", "calf"),
    ],
)
def test_injected_entity_values_are_validated(entity_name, value, slot, expected):
    result = turn(
        "/describe_symptom",
        requested=slot,
        intent="describe_symptom",
        confidence=1.0,
        entities=[{"entity": entity_name, "value": value}],
    )
    assert result.values.get(slot) == expected
    assert result.unread == (slot if expected is None else None)


# --- answers the way people give them (issue: free-text answers) ---------------------------------------------
FREE_TEXT = [
    # bare units and ranges
    ("minutes", "episode_duration", "seconds_to_minutes"),
    ("seconds really", "episode_duration", "seconds_to_minutes"),
    ("hours, honestly", "episode_duration", "long"),
    ("a sec or two", "episode_duration", "brief"),
    ("20-40 seconds", "episode_duration", "seconds_to_minutes"),
    # vague amounts
    ("ages", "episode_duration", "long"),
    ("ages", "history", "weeks_or_longer"),
    ("a while now", "history", "weeks_or_longer"),
    ("not long at all", "episode_duration", "brief"),
    # on and off
    ("on and off for about ten minutes", "episode_duration", "seconds_to_minutes"),
    ("on and off for months", "history", "weeks_or_longer"),
    # relative answers
    ("only when I go for a run", "frequency", "occasional"),
    ("since this morning", "history", "days"),
    ("first time ever", "history", "days"),
    ("it started just today", "history", "days"),
    # hedged scores
    ("4ish", "pain_level", "moderate"),
    ("maybe a 3", "pain_level", "mild"),
    ("somewhere between 6 and 8", "pain_level", "severe"),
    ("some, maybe a 2", "pain_level", "mild"),
    # typos
    ("evry single day", "frequency", "frequent"),
    ("a cuple of minutes", "episode_duration", "seconds_to_minutes"),
]


@pytest.mark.parametrize("text, slot, value", FREE_TEXT)
def test_free_text_answers(text, slot, value):
    result = turn(text, requested=slot)
    assert result.values.get(slot) == value and result.unread is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("not that I've noticed", False),
        ("a little, I guess", True),
        ("kind of", True),
        ("nah, all fine", False),
        ("yeah a tiny bit", True),
        ("I don't think it does", False),
        ("the first one", True),
        ("the second one", False),
    ],
)
def test_yes_or_no_with_extra_words(text, value):
    assert turn(text, requested="muscle_weakness").values == {"muscle_weakness": value}


@pytest.mark.parametrize(
    "text, slot, value",
    [
        ("the second one", "sensation", "twitch"),
        ("the last one", "episode_duration", "long"),
        ("option 1", "frequency", "once"),
        ("longer than that", "episode_duration", "long"),
        ("more the flicker kind", "sensation", "flicker"),
        ("the middle one", "episode_duration", "seconds_to_minutes"),
    ],
)
def test_offered_options_chosen_in_other_words(text, slot, value):
    assert turn(text, requested=slot).values.get(slot) == value


def test_a_pain_score_given_to_a_yes_no_question_fills_the_pain_and_asks_again():
    result = turn("about a 6", requested="pain_after")
    assert result.values == {"pain_level": "moderate"} and result.unread == "pain_after"
    assert turn("maybe a 3", requested="muscle_weakness").unread == "muscle_weakness"


def test_a_doubtful_question_mark_is_still_an_answer():
    result = turn("3ish?", requested="pain_level", intent="out_of_scope", confidence=0.95)
    assert result.values == {"pain_level": "mild"} and not result.interruption


def test_a_range_of_days_is_not_a_pain_score():
    assert "pain_level" not in turn("about three or four days now", requested="history").values


@pytest.mark.parametrize(
    "text, meta",
    [
        ("why do you want to know?", "why"),
        ("how is that relevant", "why"),
        ("why?", "why"),
        ("what do you mean?", "clarify"),
        ("I don't get the question", "clarify"),
        ("huh?", "clarify"),
    ],
)
def test_questions_about_the_question(text, meta):
    result = turn(text, requested="history", intent="ask_causes", confidence=0.9)
    assert result == Turn(meta=meta)


@pytest.mark.parametrize(
    "text",
    [
        "all these sites confuse me, what actually sets off leg cramps?",
        "I don't understand, what is a muscle twitch exactly?",
    ],
)
def test_confusion_that_asks_the_article_is_no_question_about_the_question(text):
    assert turn_reading.meta_question(normalise(text)) is None


def test_a_question_about_the_question_is_not_one_outside_the_check():
    assert turn("why do you want to know?").meta is None


@pytest.mark.parametrize(
    "text, intent",
    [
        ("qwerty", "out_of_scope"),
        ("tell me a joke", "out_of_scope"),
        ("it only happens after long shifts", "ask_causes"),
    ],
)
def test_only_asking_something_steps_out_of_the_check(text, intent):
    """Otherwise a message the classifier took for off-topic or an article question would cost the question
    another asking, without end; as an answer (or an unread one) it counts towards the two."""
    result = turn(text, requested="frequency", intent=intent, confidence=0.95)
    assert not result.interruption
    assert result.values.get("frequency") == ("occasional" if "shifts" in text else None)


@pytest.mark.parametrize(
    "text, recounts",
    [
        ("have MS. ankle jerks over n over when i flex foot", True),
        ("my right shoulder keeps seizing up at my desk whats going on", True),
        ("left eyelid keeps flickering since race week started, prob too much coffee", True),
        ("why do calves cramp at night?", False),
        ("can you get twitches in tiny muscles like your eyelid", False),
    ],
)
def test_an_account_of_ones_own_episodes_is_told_from_a_general_question(text, recounts):
    said = normalise(text)
    assert turn_reading.recounts_a_symptom(turn_reading.read_turn(said, None, 0.0, [], None), said) is recounts


# --- everyday answers read the first time (issue 21) -------------------------------------------------------------
@pytest.mark.parametrize(
    "requested, text, slot, value",
    [
        ("episode_duration", "sec", "episode_duration", "brief"),
        ("episode_duration", "a sec or 2", "episode_duration", "brief"),
        ("episode_duration", "gone in a blink", "episode_duration", "brief"),
        ("episode_duration", "45s", "episode_duration", "seconds_to_minutes"),
        ("episode_duration", "25+ min", "episode_duration", "long"),
        ("episode_duration", "more than 12 minutes", "episode_duration", "long"),
        ("episode_duration", "about 12 minutes", "episode_duration", "seconds_to_minutes"),
        ("pain_level", "medium", "pain_level", "moderate"),
        ("pain_level", "6 of 10", "pain_level", "moderate"),
        ("pain_level", "nought", "pain_level", "none"),
        ("pain_level", "it isn't painful", "pain_level", "none"),
        ("frequency", "some mornings, not all", "frequency", "occasional"),
        ("frequency", "every few games", "frequency", "occasional"),
        ("frequency", "2 in 10 sessions", "frequency", "occasional"),
        ("frequency", "8x a day", "frequency", "frequent"),
        ("frequency", "first and only time", "frequency", "once"),
        ("history", "only since last weekend", "history", "days"),
        ("sensation", "it grabs and won't let go", "sensation", "cramp"),
        ("visible_change", "can't see anything", "visible_change", False),
        ("body_part", "his leg, the thigh i mean", "body_part", "thigh"),
        ("body_part", "right eye, the lower lid", "body_part", "eyelid"),
        ("body_part", "left hammy", "body_part", "hamstring"),
    ],
)
def test_everyday_answers_are_read(requested, text, slot, value):
    assert turn(text, requested).values.get(slot) == value


def test_a_condition_one_fears_is_not_one_known():
    assert "known_condition" not in turn("my hand twitches and I've convinced myself it's ALS").values


def test_keeps_happening_says_nothing_of_how_often():
    # "my thumb keeps twitching" is as true of a twitch a week as of one an hour: the check asks.
    assert "frequency" not in turn("my foot keeps cramping").values
    assert turn("my foot keeps cramping when I swim").values["frequency"] == "occasional"


def test_a_feared_condition_the_classifier_tagged_is_still_no_known_condition():
    tagged = [entity("condition", "als")]
    assert "known_condition" not in turn("my thumb twitches and I'm terrified it's ALS", entities=tagged).values
    assert turn("I have ALS and my thumb twitches", entities=tagged).values["known_condition"] == "als"


def test_a_count_of_times_is_no_pain_score():
    assert "pain_level" not in turn("every day, like 10+ times", requested="frequency").values


def test_a_pain_score_out_of_ten_is_no_count_of_how_often():
    assert turn("it hurt a bit, maybe 3 out of 10", requested="pain_level").values == {"pain_level": "mild"}


def test_summary_alone_mid_check_steps_out_for_the_summary_but_since_the_summer_is_an_answer():
    assert turn("summary", requested="frequency", intent="ask_summary", confidence=0.95).interruption
    answered = turn("since the summer", requested="history", intent="ask_summary", confidence=0.98)
    assert not answered.interruption and answered.values["history"] == "weeks_or_longer"
