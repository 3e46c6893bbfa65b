"""Intent and entities pick the right part of the article, and every question a message asks is found."""

import pytest

from muscle_triage.understanding import follow_ups, question_answering, question_reading, spelling
from muscle_triage.understanding.wording import normalise


def entity(name, value):
    return {"entity": name, "value": value}


def test_statins_question_gets_the_medication_cause_only():
    answer = question_answering.answer_question("ask_causes", [entity("cause", "medication")])
    assert "statins" in answer.text
    assert "Dehydration" not in answer.text
    assert answer.sources == ("What Causes Muscles To Contract?",)


def test_general_causes_question_lists_causes_and_twitch_triggers():
    answer = question_answering.answer_question("ask_causes")
    for label in ("Nerve damage", "Medication side effects", "Medical conditions", "Too much caffeine"):
        assert label in answer.text
    assert answer.sources == ("What Causes Muscles To Contract?", "What Are Muscle Twitches?")


def test_foods_question_gets_the_diet_step():
    answer = question_answering.answer_question("ask_prevention", [entity("prevention_step", "diet")])
    assert "potassium and magnesium" in answer.text
    assert "posture" not in answer.text.lower()


def test_item_entity_survives_a_confused_intent():
    answer = question_answering.answer_question("ask_spasm_types", [entity("contraction_type", "clonus")])
    assert answer.text.startswith("Clonus")
    assert answer.sources == ("What Are Muscle Twitches?",)


def test_several_items_are_all_answered():
    answer = question_answering.answer_question(
        "ask_causes", [entity("cause", "dehydration"), entity("cause", "caffeine"), entity("body_part", "calf")]
    )
    assert "electrolytes" in answer.text and "caffeine" in answer.text
    assert answer.sources == ("What Causes Muscles To Contract?", "What Are Muscle Twitches?")


def test_a_condition_maps_to_its_cause():
    answer = question_answering.answer_question("ask_causes", [entity("condition", "parkinsons")])
    assert answer.text.startswith("Medical conditions")


def test_same_item_name_under_different_topics():
    harmless = question_answering.answer_question("ask_harmless", [entity("warning_sign", "weakness")])
    differs = question_answering.answer_question("ask_difference", [entity("symptom_aspect", "weakness")])
    assert harmless.sources == ("Are These Contractions Harmless?",)
    assert differs.sources == ("How The Symptoms Of Muscle Spasms And Twitches Differ",)


def test_unknown_intent_has_no_article_answer():
    assert question_answering.answer_question("greet") is None
    assert question_answering.answer_question("describe_symptom") is None


def test_avoiding_a_cause_the_article_has_no_step_for_gets_the_cause_then_the_steps():
    answer = question_answering.answer_question(
        "ask_prevention", [], "will giving up energy drinks stop the twitching?"
    )
    assert answer.text.startswith("Too much caffeine")
    assert "Stay hydrated" in answer.text
    assert answer.sources == ("What Are Muscle Twitches?", "Preventing Muscle Spasms And Twitches")


def test_a_named_step_still_gets_only_that_step():
    answer = question_answering.answer_question("ask_prevention", [], "will stretching stop the cramps?")
    assert "Stretch" in answer.text and "Stay hydrated" not in answer.text


@pytest.mark.parametrize(
    ("text", "intent", "asked"),
    [
        ("why do I get cramps and what can I do to prevent them?", "ask_causes", ["ask_causes", "ask_prevention"]),
        (
            "what types of spasms are there? and what types of twitches?",
            "ask_spasm_types",
            ["ask_spasm_types", "ask_twitch_types"],
        ),
        ("what is a muscle spasm?", "ask_spasm_definition", ["ask_spasm_definition"]),
        ("cramps and twitches, what causes them", "ask_causes", ["ask_causes"]),
        ("hello", "greet", ["greet"]),
    ],
)
def test_two_questions_in_one_message_are_both_asked_in_order(text, intent, asked):
    assert question_reading.questions_asked(normalise(text), intent) == asked


@pytest.mark.parametrize(
    ("text", "last_question", "ranking", "topic"),
    [
        ("and at night?", "ask_causes", ["ask_follow_up", "goodbye"], "ask_causes"),
        ("so how do I stop them?", "ask_causes", [], "ask_prevention"),  # its own words frame it
        ("what about twitches?", None, ["ask_follow_up", "ask_twitch_definition"], "ask_twitch_definition"),
        ("like what?", None, ["ask_follow_up", "greet"], None),
        # what to do about what the last answer told of is the advice
        ("right, how do I chill out then lol", "ask_causes", ["ask_diagnosis"], "ask_prevention"),
        ("ok and for not have it, what I must do?", "ask_causes", [], "ask_prevention"),
        ("and how does one keep them topped up?", "ask_causes", [], "ask_prevention"),
        ("so how am I supposed to be less wound up then", "ask_causes", [], "ask_prevention"),
        ("well what can a fella do about that", "ask_causes", [], "ask_prevention"),
        ("ok so what would you suggest then?", "ask_living_with", [], "ask_living_with"),
        ("Oh dear. What should one do if that happens?", "ask_harmless", [], "ask_harmless"),
        # a condition asked about: whether it is serious then
        ("and if they keep on for a month?", "ask_prevention", [], "ask_harmless"),
        ("what if it's only now and then", "ask_when_specialist", [], "ask_when_specialist"),
        ("and if the doctor finds nothing, what happens then?", "ask_diagnosis", [], "ask_diagnosis"),
        # how to tell is no advice
        ("so how do I know then?", "ask_harmless", [], "ask_harmless"),
        # "different tablets" asks which, not how spasms and twitches differ
        ("which ones tho, dads on about 8 different tablets", "ask_causes", [], "ask_causes"),
        # the same definition or kinds, for the other kind; an aspect question covers both kinds already
        ("and twitches?", "ask_spasm_definition", [], "ask_twitch_definition"),
        ("ok n spasms", "ask_twitch_types", [], "ask_spasm_types"),
        ("and spasms?", "ask_difference", [], "ask_difference"),
    ],
)
def test_a_follow_up_takes_the_last_answers_topic(text, last_question, ranking, topic):
    assert follow_ups.follow_up_topic(normalise(text), last_question, ranking) == topic


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        # someone close, and a place in their body: their own account, whatever the word for what it does
        ("My husband got catch in his lower back while lifting gas cylinder this morning. Is it serious only?", True),
        ("my calf keeps cramping, is that bad?", True),
        ("is it serious?", False),
        ("what causes cramps in the lower back?", False),
    ],
)
def test_a_question_told_with_someones_own_symptom_offers_the_check(text, offer):
    assert question_reading.describes_a_symptom(normalise(text)) is offer


def test_a_topic_another_question_asks_is_left_to_that_question():
    said = normalise("why does his back keep spasming and would sorting his posture help")
    alone = question_answering.answer_question("ask_causes", [], said)
    assert alone.sources == ("Preventing Muscle Spasms And Twitches",)  # asked alone, posture is the step
    both = ["ask_causes", "ask_prevention"]
    assert (
        "What Causes Muscles To Contract?" in question_answering.answer_question("ask_causes", [], said, both).sources
    )
    assert question_answering.answer_question("ask_prevention", [], said, both).sources == (
        "Preventing Muscle Spasms And Twitches",
    )


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("whats the difference between a spasm and a twitch", "ask_difference"),
        ("is it a spasm or a twitch", "ask_difference"),
        ("how do i tell them apart", "ask_difference"),
        # one kind named, compared with something else: what that one is, after any cause or step it names
        ("foods vs cramps?", "ask_prevention"),
        ("too much coffee = twitching?", "ask_causes"),
        ("do period cramps count as a muscle spasm too", "ask_spasm_definition"),
        (
            "my wife has strong cramps on stomach during her period. this is also muscle spasm or is different thing?",
            "ask_spasm_definition",
        ),
    ],
)
def test_the_difference_frames_compare_spasms_with_twitches(text, first):
    assert question_reading.frame_intents(normalise(text))[0][0] == first


@pytest.mark.parametrize(
    ("last_and_this", "topic", "expected"),
    [
        # the aspect the last question asked about, though it was read as a definition
        ("does a twitch hurt at all? and a spasm?", "ask_spasm_definition", "ask_difference"),
        ("what is a spasm? and a twitch", "ask_twitch_definition", "ask_twitch_definition"),
    ],
)
def test_the_other_kind_keeps_the_aspect_the_last_question_asked_about(last_and_this, topic, expected):
    assert follow_ups.other_kind_topic(normalise(last_and_this), topic) == expected


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("and a twitch?", True),
        ("And for twitches?", True),
        ("wait and what about twitches, do they do that too?", True),
        ("Would a twitch do the same?", True),
        ("can twitches do that as well?", True),
        ("and twitches, same deal?", True),
        ("And what about twitches, is it the same for them?", True),
        ("do twitches have that effect as well?", True),
        # an account, and a question comparing the kinds, ask nothing again
        ("my twitch came back too", False),
        ("is a cramp the same as a spasm?", False),
        ("is it a twitch?", False),
        ("what about cramps in my calf", False),
    ],
)
def test_the_last_question_asked_again_of_the_other_kind(text, asks):
    assert follow_ups.asks_about_the_other_kind(normalise(text)) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    # "how do I stop this?" may be the conversation (tests/test_addons.py)
    [("ok. how i stop it", True), ("how can i stop it from happening", True), ("how do i stop this?", False)],
)
def test_how_to_stop_them_whatever_stopping_suggested_to_the_classifier(text, asks):
    assert question_reading.asks_how_to_stop_them(normalise(text)) is asks


@pytest.mark.parametrize(
    ("text", "follows"),
    [
        ("which minerals are we talking about", True),
        ("what kind of foods you mean exactly?", True),
        ("what minerals are in bananas", False),
        # a question of its own first, that only the last answer explains
        ("how come? like what's actually going on in the body", True),
        ("why? is it bad", True),
        ("why do cramps happen at night?", False),
        # more of what the last answer told
        ("what else would make it worth going", True),
        ("yeah I already do that, what else can I do besides that?", True),
    ],
)
def test_a_question_about_what_the_last_answer_meant_follows_it_up(text, follows):
    assert follow_ups.follows_up(normalise(text)) is follows


@pytest.mark.parametrize(
    ("text", "carries"),
    [
        ("and what else usually comes along with it?", True),
        ("so could that happen to me on a run?", True),
        ("and if it doesn't go away?", False),
        ("what else comes along with it?", False),
    ],
)
def test_a_message_that_carries_on_from_the_last_answer(text, carries):
    assert follow_ups.carries_on(normalise(text)) is carries


def test_two_questions_get_two_answers_even_when_the_story_names_one_thing_for_both():
    # the story's period cramps name smooth muscle spasms for each question; the second gets its whole topic
    said = normalise("my wife gets period cramps, is that a spasm? what makes a muscle cramp in the first place")
    asked = ["ask_spasm_definition", "ask_causes"]
    own = {
        "ask_spasm_definition": normalise("my wife gets period cramps, is that a spasm?"),
        "ask_causes": normalise("my wife gets period cramps. what makes a muscle cramp in the first place"),
    }
    first, second = question_answering.answers_in_order(asked, [], said, own)
    assert first != second
    assert second == question_answering.answer_question("ask_causes", [], question_answering.NOTHING_SAID, asked)


@pytest.mark.parametrize(
    ("text", "framed"),
    [
        # two of the article's reasons to see a specialist: pain that stays after, weakness along with them
        ("is it normal that my thigh still aches hours after the cramp has gone?", True),
        ("what if the soreness lingers long after the spasm stops", True),
        ("what if you feel weak as well as twitchy?", True),
        ("does a cramp hurt more than a twitch?", False),
        ("my legs feel weak after a long run, why?", False),
    ],
)
def test_pain_that_stays_after_and_weakness_along_with_them_are_reasons_to_see_someone(text, framed):
    strong = [
        intent
        for intent, sureness in question_reading.frame_intents(normalise(text))
        if sureness == question_reading.STRONG
    ]
    assert ("ask_when_specialist" in strong) == framed


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # what to eat is the article's step of a balanced diet, not a kind of spasm
        ("whit sort o diet helps keep cramps away", "ask_prevention"),
        ("which minerals specifically should the diet include?", "ask_prevention"),
        ("does it matter what i eat or is it just water", "ask_prevention"),
        ("what kinds of cramps are there", "ask_spasm_types"),
        # stopping what one does about them is no way to prevent them
        ("at what point do i stop ignoring cramps and actually get them looked at", "ask_when_specialist"),
        ("how do I stop cramping at night", "ask_prevention"),
        # what the specialist does there, as a learner puts it
        ("And what he will do there with me?", "ask_diagnosis"),
        ("what would a specialist even do about it", "ask_diagnosis"),
        # a bare "why?" after a spasm or twitch told of asks what causes it
        ("eyelid twitch. why?", "ask_causes"),
        ("eye keeps twitching. y", "ask_causes"),
    ],
)
def test_the_first_frame_names_the_question(text, first):
    framed = question_reading.frame_intents(normalise(spelling.correct(text)))
    assert framed[:1] and framed[0][0] == first, framed


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("I should like to know when a spasm counts as an emergency", True),
        ("twitches, when do they usually stop", True),
        ("my calf cramps when i run", False),  # "when" telling of the moment, not asking
    ],
)
def test_a_question_shape_in_a_formal_or_a_run_on_wording(text, asks):
    assert bool(question_reading.QUESTION_SHAPE.search(normalise(text))) == asks
