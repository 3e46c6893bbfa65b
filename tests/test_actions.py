"""The thin actions: they read the tracker, call the pure modules and send what those return."""

import asyncio

import pytest
from rasa_sdk import Tracker

from actions.actions import (
    ActionAnswerQuestion,
    ActionExplainEmergency,
    ActionGiveTriage,
    ActionSearchArticle,
    ValidateSymptomForm,
)
from muscle_triage.knowledge import article_facts
from muscle_triage.triage.schema import QUESTION_FACTS, QUESTION_WORDS
from muscle_triage.understanding import input_check, question_clauses
from tests.conftest import form_events, make_tracker, user_message


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def slots_set(events):
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def test_answer_question_sends_the_cited_item(dispatcher, domain):
    message = user_message(
        "can statins cause cramps?",
        "ask_causes",
        entities=[{"entity": "cause", "value": "medication", "start": 4, "end": 11}],
    )
    events = run(ActionAnswerQuestion(), dispatcher, make_tracker(message), domain)
    assert slots_set(events) == {"check_offered": False, "last_question": "ask_causes", "feedback_asked": True}
    reply, question = dispatcher.messages
    assert question["response"] == "utter_feedback_question"
    assert "statins" in reply["text"]
    assert reply["text"].endswith("Article section: “What Causes Muscles To Contract?”")


def test_answer_question_for_a_non_article_intent_is_not_sure(dispatcher, domain):
    run(ActionAnswerQuestion(), dispatcher, make_tracker(user_message("hello", "greet")), domain)
    assert dispatcher.messages[0]["response"] == "utter_not_sure"


def test_search_answers_from_the_closest_passage(dispatcher, domain):
    run(ActionSearchArticle(), dispatcher, make_tracker(user_message("what is electromyography used for")), domain)
    assert "Diagnosing The Cause Of Your Contractions" in dispatcher.messages[0]["text"]


def test_search_declines_unrelated_text(dispatcher, domain):
    run(ActionSearchArticle(), dispatcher, make_tracker(user_message("best pizza in town")), domain)
    assert dispatcher.messages[0]["response"] == "utter_not_sure"


def test_form_start_keeps_facts_given_up_front_and_asks_breathing_first(dispatcher, domain):
    text = "my calf cramped for a minute last night"
    message = user_message(
        text, "describe_symptom", entities=[{"entity": "body_part", "value": "calf", "start": 3, "end": 7}]
    )
    tracker = make_tracker(
        message, slots={"pain_level": "severe"}, active_loop="symptom_form", events=form_events(text, starting=True)
    )
    events = run(ValidateSymptomForm(), dispatcher, tracker, domain)
    facts = slots_set(events)
    assert facts["body_part"] == "calf"
    assert facts["sensation"] == "cramp"
    assert facts["pain_level"] is None, "a new check must not reuse an earlier check's answers"
    assert facts["requested_slot"] == "breathing_difficulty"
    assert dispatcher.messages == []


def test_a_second_check_starts_clean_although_rasa_appends_the_first_checks_answers(dispatcher, domain):
    """After "stop" or a result, the earlier answers are still in the slots; Rasa hands them to validation at
    activation, after the form's own action. The new check must read the new message, not keep the old facts."""
    earlier = {"breathing_difficulty": False, "body_part": "back", "sensation": "tightening"}
    text = "my eyelid flickers"
    tracker = make_tracker(
        user_message(text, "describe_symptom"),
        slots=earlier,
        active_loop="symptom_form",
        events=form_events(text, starting=True, prefilled=earlier),
    )
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, tracker, domain))
    assert facts["body_part"] == "eyelid" and facts["sensation"] == "flicker"
    assert facts["breathing_difficulty"] is None
    assert facts["requested_slot"] == "breathing_difficulty", "breathing is asked again in a new check"


def test_form_answer_fills_the_requested_slot_and_moves_on(dispatcher, domain):
    tracker = make_tracker(
        user_message("no", "deny"),
        slots={"requested_slot": "breathing_difficulty", "body_part": "calf", "sensation": "cramp"},
        active_loop="symptom_form",
        events=form_events("no"),
    )
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, tracker, domain))
    assert facts["breathing_difficulty"] is False
    assert facts["requested_slot"] == "episode_duration"


def test_form_breathing_difficulty_ends_the_interview(dispatcher, domain):
    text = "I can't breathe and my chest is cramping"
    tracker = make_tracker(
        user_message(text, "report_emergency"),
        slots={"requested_slot": "pain_level"},
        active_loop="symptom_form",
        events=form_events(text),
    )
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, tracker, domain))
    assert facts["breathing_difficulty"] is True
    assert facts["requested_slot"] is None


PAIN_ASKED = {
    "requested_slot": "pain_level",
    "breathing_difficulty": False,
    "body_part": "calf",
    "sensation": "cramp",
    "episode_duration": "seconds_to_minutes",
}


def form_turn(text, slots, intent="describe_symptom", confidence=0.4, entities=None):
    return make_tracker(
        user_message(text, intent, confidence=confidence, entities=entities),
        slots=slots,
        active_loop="symptom_form",
        events=form_events(text),
    )


def test_form_asks_again_in_plainer_words_after_an_answer_it_cannot_read(dispatcher, domain):
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, form_turn("banana", PAIN_ASKED), domain))
    assert dispatcher.messages[0]["response"] == "utter_not_read"
    assert facts["pain_level"] is None
    assert (facts["unread_answer"], facts["rephrase"], facts["requested_slot"]) == ("pain_level",) * 3


def test_form_takes_a_second_unreadable_answer_as_not_sure_and_moves_on(dispatcher, domain):
    slots = {**PAIN_ASKED, "unread_answer": "pain_level", "rephrase": "pain_level", "assumed": []}
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, form_turn("🤷", slots), domain))
    assert dispatcher.messages[0]["response"] == "utter_assume_not_sure"
    assert dispatcher.messages[0]["question"] == "how much it hurts"
    assert facts["pain_level"] == "unknown" and facts["assumed"] == ["pain_level"]
    assert facts["unread_answer"] is None and facts["rephrase"] is None
    # Pain it cannot rule out settles "see a specialist", and the kind questions are answered: the check ends.
    assert facts["requested_slot"] is None


def test_an_unreadable_breathing_answer_asked_twice_is_taken_as_not_sure(dispatcher, domain):
    slots = {"requested_slot": "breathing_difficulty", "unread_answer": "breathing_difficulty"}
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, form_turn("qwerty", slots), domain))
    assert dispatcher.messages[0]["response"] == "utter_assume_breathing"
    assert facts["breathing_difficulty"] == "unknown"
    assert facts["requested_slot"] is None  # the check ends: not sure about breathing is the emergency


def test_not_sure_about_breathing_ends_the_check_at_once(dispatcher, domain):
    slots = {"requested_slot": "breathing_difficulty"}
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, form_turn("idk maybe?", slots), domain))
    assert facts["breathing_difficulty"] in (True, "unknown")
    assert facts["requested_slot"] is None


def test_an_unreadable_message_says_why_before_the_question_comes_again(dispatcher, domain):
    run(ValidateSymptomForm(), dispatcher, form_turn("<b>ok</b>", PAIN_ASKED), domain)
    assert dispatcher.messages[0]["response"] == "utter_input_markup"


def test_a_good_answer_clears_the_plainer_wording(dispatcher, domain):
    slots = {**PAIN_ASKED, "unread_answer": "pain_level", "rephrase": "pain_level"}
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, form_turn("about a 3", slots), domain))
    assert facts["pain_level"] == "mild"
    assert facts["unread_answer"] is None and facts["rephrase"] is None
    assert dispatcher.messages == []


def test_why_do_you_ask_gets_the_article_reason_and_the_same_question(dispatcher, domain):
    facts = slots_set(
        run(ValidateSymptomForm(), dispatcher, form_turn("why do you need to know that?", PAIN_ASKED), domain)
    )
    [reply] = dispatcher.messages
    assert reply["response"] == "utter_why_asking"
    assert "“Pain Response”" in reply["reasons"] and "Severe pain" in reply["reasons"]
    assert facts == {"pain_level": None, "requested_slot": "pain_level"}


def test_what_do_you_mean_asks_the_same_question_in_plainer_words(dispatcher, domain):
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, form_turn("what do you mean?", PAIN_ASKED), domain))
    assert dispatcher.messages == []
    assert facts == {"rephrase": "pain_level", "pain_level": None, "requested_slot": "pain_level"}


def test_not_understanding_the_question_is_read_as_such_whatever_the_intent(dispatcher, domain):
    # the guard calls "I don't understand that" after an answer a follow-up; in the check it is about the question
    tracker = form_turn("sorry I don't understand that", PAIN_ASKED, intent="ask_follow_up", confidence=1.0)
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, tracker, domain))
    assert facts == {"rephrase": "pain_level", "pain_level": None, "requested_slot": "pain_level"}


def test_an_answer_that_asks_a_question_gets_the_answer_and_keeps_the_fact(dispatcher, domain):
    tracker = form_turn("about a 3, but what causes these cramps?", PAIN_ASKED, intent="ask_causes", confidence=0.9)
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, tracker, domain))
    assert facts["pain_level"] == "mild"
    assert "What Causes Muscles To Contract?" in dispatcher.messages[0]["text"]


def test_an_answer_to_another_question_fills_that_one_and_asks_again(dispatcher, domain):
    slots = {**PAIN_ASKED, "pain_level": "mild", "requested_slot": "pain_after"}
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, form_turn("some, maybe 5", slots), domain))
    assert facts["pain_level"] == "moderate"
    assert facts["pain_after"] is None and facts["requested_slot"] == "pain_after"


def test_form_leaves_an_article_question_to_the_rules(dispatcher, domain):
    tracker = make_tracker(
        user_message("what causes cramps?", "ask_causes"),
        slots={"requested_slot": "pain_level", "breathing_difficulty": False},
        active_loop="symptom_form",
        events=form_events("what causes cramps?"),
    )
    events = run(ValidateSymptomForm(), dispatcher, tracker, domain)
    assert "pain_level" not in slots_set(events)
    assert dispatcher.messages == []


def test_form_resuming_after_an_interruption_rereads_nothing(dispatcher, domain):
    tracker = make_tracker(
        user_message("banana", "describe_symptom"),
        slots={"requested_slot": "pain_level", "breathing_difficulty": False},
        active_loop="symptom_form",
        events=form_events("banana", after_interruption=True),
    )
    events = run(ValidateSymptomForm(), dispatcher, tracker, domain)
    assert dispatcher.messages == []
    assert set(slots_set(events)) <= {"requested_slot"}


def test_give_triage_sends_text_and_payload(dispatcher, domain):
    slots = {
        "breathing_difficulty": False,
        "body_part": "eyelid",
        "sensation": "flicker",
        "episode_duration": "brief",
        "pain_level": "none",
        "frequency": "occasional",
        "history": "days",
        "muscle_weakness": False,
        "visible_change": False,
        "known_condition": "none",
    }
    events = run(ActionGiveTriage(), dispatcher, make_tracker(user_message("no", "deny"), slots=slots), domain)
    reply, question = dispatcher.messages
    assert question["response"] == "utter_feedback_question" and slots_set(events) == {"feedback_asked": True}
    triage_payload = reply["custom"]["triage"]
    assert (triage_payload["level"], triage_payload["contraction"], triage_payload["subtype"]) == (
        "self_care",
        "twitch",
        "fasciculation",
    )
    assert reply["text"].splitlines()[-1].startswith("This is not a diagnosis")


def test_give_triage_for_an_emergency_sends_the_emergency_response_first(dispatcher, domain):
    run(
        ActionGiveTriage(),
        dispatcher,
        make_tracker(user_message("yes", "affirm"), slots={"breathing_difficulty": True, "body_part": "chest"}),
        domain,
    )
    assert dispatcher.messages[0]["response"] == "utter_emergency"
    assert dispatcher.messages[1]["custom"]["triage"]["level"] == "emergency"


def test_every_question_has_its_plain_wording_and_every_reply_the_form_sends_exists(domain):
    responses = domain["responses"]
    for slot in domain["forms"]["symptom_form"]["required_slots"]:
        assert slot in domain["slots"]
        variations = responses[f"utter_ask_{slot}"]
        plain = [v for v in variations if v.get("condition") == [{"type": "slot", "name": "rephrase", "value": slot}]]
        assert len(plain) == 1 and any("condition" not in v for v in variations), slot
        assert slot in QUESTION_WORDS and slot in QUESTION_FACTS
    for name in (
        "utter_not_read",
        "utter_assume_not_sure",
        "utter_assume_breathing",
        "utter_why_asking",
        "utter_offer_check",
    ):
        assert name in responses
    for problem in (
        input_check.EMPTY,
        input_check.TOO_LONG,
        input_check.NO_WORDS,
        input_check.NOT_ENGLISH,
        input_check.MARKUP,
    ):
        assert f"utter_input_{problem}" in responses


def test_a_question_about_ones_own_muscles_gets_the_answer_and_an_offer_of_the_check(dispatcher, domain):
    message = user_message("why does my calf keep cramping at night?", "ask_causes")
    events = run(ActionAnswerQuestion(), dispatcher, make_tracker(message), domain)
    assert "What Causes Muscles To Contract?" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[1]["response"] == "utter_offer_check"
    # The offer is its own yes-or-no question: "Was this helpful?" would make a "yes" ambiguous.
    assert len(dispatcher.messages) == 2
    assert slots_set(events) == {"check_offered": True, "last_question": "ask_causes", "feedback_asked": False}


@pytest.mark.parametrize(
    "text",
    [
        "my lower back went into spasm again, how do I stop that",  # a body part of two words
        "my back seized up this morning, what can I do",  # "back" alone is no body part, "my back" is
        "I keep getting woken at night by bad leg cramps, any tips",  # the symptom word seven words after "I keep"
    ],
)
def test_every_way_of_speaking_of_ones_own_muscles_gets_the_offer(dispatcher, domain, text):
    run(ActionAnswerQuestion(), dispatcher, make_tracker(user_message(text, "ask_prevention")), domain)
    assert [message.get("response") for message in dispatcher.messages][1:] == ["utter_offer_check"]


def test_a_general_question_gets_no_offer(dispatcher, domain):
    events = run(
        ActionAnswerQuestion(), dispatcher, make_tracker(user_message("what causes cramps?", "ask_causes")), domain
    )
    answer, question = dispatcher.messages
    assert "Article section" in answer["text"] and question["response"] == "utter_feedback_question"
    assert slots_set(events) == {"check_offered": False, "last_question": "ask_causes", "feedback_asked": True}


def test_a_follow_up_is_answered_from_the_last_question_unless_its_own_words_name_one(dispatcher, domain):
    tracker = make_tracker(user_message("examples?", "ask_follow_up"), {"last_question": "ask_spasm_types"})
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert "What Is A Muscle Spasm?" in dispatcher.messages[0]["text"]

    dispatcher.messages.clear()
    tracker = make_tracker(
        user_message("and how would I prevent that?", "ask_follow_up"), {"last_question": "ask_causes"}
    )
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert "Preventing Muscle Spasms And Twitches" in dispatcher.messages[0]["text"]


def _follow_up_after(last_text: str, last_question: str, text: str) -> Tracker:
    """A follow-up sent right after the answer to `last_text`."""
    events = [
        {"event": "user", "text": last_text},
        {"event": "action", "name": "action_answer_question"},
        {"event": "slot", "name": "last_question", "value": last_question},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text},
    ]
    return make_tracker(user_message(text, "ask_follow_up"), {"last_question": last_question}, None, events)


def test_an_example_of_the_last_answer_is_read_with_the_last_questions_words(dispatcher, domain):
    tracker = _follow_up_after(
        "what's a smooth muscle spasm?", "ask_spasm_types", "can you give me an example of that?"
    )
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    answer = dispatcher.messages[0]["text"]
    assert "smooth" in answer.lower() and "ischemic" not in answer.lower()


def test_the_same_question_about_the_other_kind_keeps_the_last_questions_aspect(dispatcher, domain):
    tracker = _follow_up_after("do spasms show under the skin?", "ask_difference", "n twitches?")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert "Visible Movements" in dispatcher.messages[0]["text"]
    assert "Pain Response" not in dispatcher.messages[0]["text"]


def test_which_medicines_after_an_answer_on_causes_are_the_ones_the_article_names(dispatcher, domain):
    tracker = _follow_up_after("can medicine side effects cause spasms", "ask_causes", "which meds tho")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    answer = dispatcher.messages[0]
    assert "What Causes Muscles To Contract?" in answer["text"] and "statins" in answer["text"].lower()

    dispatcher.messages.clear()  # what to take is still not the article's
    tracker = _follow_up_after("can medicine side effects cause spasms", "ask_causes", "which meds should i take then")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_not_covered"


def test_the_same_question_about_the_other_kind_is_one_question_whatever_its_clauses_read(dispatcher, domain):
    text = "wait and what about twitches, do they do that too?"
    tracker = _follow_up_after("do spasms show under the skin?", "ask_difference", text)
    tracker.latest_message[question_clauses.PARSE_KEY] = ["ask_twitch_definition", "ask_diagnosis"]
    tracker.latest_message[question_clauses.TEXTS_KEY] = ["what about twitches", "do they do that too"]
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    [answer, *_] = dispatcher.messages
    assert "Visible Movements" in answer["text"] and "Diagnosing" not in answer["text"]


def test_explain_emergency_follows_the_response_with_the_why(dispatcher, domain):
    text = "my throat is spasming and I can't breathe"
    message = user_message(
        text, "report_emergency", entities=[{"entity": "body_part", "value": "throat", "start": 3, "end": 9}]
    )
    run(ActionExplainEmergency(), dispatcher, make_tracker(message), domain)
    [reply] = dispatcher.messages
    assert reply["custom"]["triage"]["level"] == "emergency"
    assert "throat" in reply["text"]


def test_explain_emergency_keeps_the_answers_of_the_check_it_ended(dispatcher, domain):
    text = "now I'm struggling to breathe"
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text},
        {"event": "bot", "text": "emergency"},
        {"event": "active_loop", "name": None},
        {"event": "action", "name": "action_deactivate_loop"},
    ]
    tracker = make_tracker(
        user_message(text, "report_emergency"),
        events=events,
        slots={"body_part": "neck", "sensation": "cramp", "pain_level": "severe"},
    )
    run(ActionExplainEmergency(), dispatcher, tracker, domain)
    payload = dispatcher.messages[0]["custom"]["triage"]
    assert (payload["level"], payload["contraction"]) == ("emergency", "spasm")


def test_explain_emergency_ignores_an_earlier_finished_check(dispatcher, domain):
    text = "I can't breathe"
    tracker = make_tracker(
        user_message(text, "report_emergency"),
        slots={"body_part": "eyelid", "sensation": "flicker", "pain_level": "none"},
    )
    run(ActionExplainEmergency(), dispatcher, tracker, domain)
    payload = dispatcher.messages[0]["custom"]["triage"]
    assert (payload["level"], payload["contraction"]) == ("emergency", "unclear")
    assert "eyelid" not in dispatcher.messages[0]["text"]


def test_the_terminal_gets_the_result_without_the_raw_payload(dispatcher, domain):
    tracker = make_tracker(
        user_message("yes", "affirm"),
        slots={"breathing_difficulty": True},
        events=[{"event": "user", "text": "yes", "input_channel": "cmdline"}],
    )
    run(ActionGiveTriage(), dispatcher, tracker, domain)
    assert dispatcher.messages[1]["text"] and not dispatcher.messages[1]["custom"]


# A self-care check in asking order: every question before the one asked is already answered.
ANSWERED = {
    "breathing_difficulty": False,
    "body_part": "calf",
    "sensation": "cramp",
    "episode_duration": "seconds_to_minutes",
    "pain_level": "mild",
    "pain_after": False,
    "frequency": "occasional",
    "history": "days",
    "muscle_weakness": False,
    "visible_change": False,
    "known_condition": "none",
}
FORM_SLOTS = list(ANSWERED)


def asking(slot):
    before = FORM_SLOTS[: FORM_SLOTS.index(slot)]
    return {**{name: ANSWERED[name] for name in before}, "requested_slot": slot}


@pytest.mark.parametrize("slot", FORM_SLOTS)
def test_why_do_you_ask_is_answered_for_every_question(slot, dispatcher, domain):
    facts = slots_set(
        run(ValidateSymptomForm(), dispatcher, form_turn("why are you asking me that?", asking(slot)), domain)
    )
    [reply] = dispatcher.messages
    assert reply["response"] == "utter_why_asking"
    for topic, item in QUESTION_FACTS[slot]:
        assert article_facts.item_label(topic, item) in reply["reasons"]
        assert f"“{article_facts.section_title(topic, item)}”" in reply["reasons"]
    assert facts == {slot: None, "requested_slot": slot}  # the same question comes next, nothing counted unread


@pytest.mark.parametrize("slot", FORM_SLOTS)
def test_what_do_you_mean_gets_the_plainer_wording_for_every_question(slot, dispatcher, domain):
    facts = slots_set(
        run(ValidateSymptomForm(), dispatcher, form_turn("sorry, what do you mean?", asking(slot)), domain)
    )
    assert facts == {"rephrase": slot, slot: None, "requested_slot": slot}
    plain = [v for v in domain["responses"][f"utter_ask_{slot}"] if v.get("condition")]
    assert plain[0]["text"].startswith("Let me")
