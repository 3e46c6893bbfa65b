"""'Was this helpful?': when it is asked (muscle_triage/feedback.py), and the thin actions that ask, record and help."""

import asyncio

import pytest

from actions.actions import ActionAnswerQuestion, ActionGiveTriage, ActionSearchArticle
from actions.feedback_actions import (
    ActionRateHelpful,
    ActionRateUnhelpful,
    ActionShowRelatedTopics,
)
from muscle_triage import feedback
from muscle_triage.understanding import question_answering
from tests.conftest import make_tracker, user_message

ANSWER = "Dehydration: ...\n\nArticle section: “What Causes Muscles To Contract?”"


# Events as Rasa sends them to the action server.
def user(text, intent="ask_causes", channel="socketio"):
    return {
        "event": "user",
        "text": text,
        "parse_data": {"intent": {"name": intent, "confidence": 0.9}},
        "input_channel": channel,
    }


def action(name):
    return {"event": "action", "name": name}


def bot(text, response=None):
    return {"event": "bot", "text": text, "metadata": {"utter_action": response} if response else {}}


def asked(value=True):
    return {"event": "slot", "name": "feedback_asked", "value": value}


def article_turn(text="what causes cramps?", offered=None, reply=ANSWER, intent="ask_causes"):
    events = [action("action_listen"), user(text, intent), action("action_answer_question"), bot(reply)]
    if offered is not None:
        events += [bot("Was this helpful?", "utter_feedback_question")] if offered else []
        events += [asked(offered)]
    return events


def session_start():
    return [action("action_session_start"), {"event": "session_started"}, action("action_listen")]


# --- when to ask ------------------------------------------------------------------------------------------------
def test_asks_after_an_article_answer():
    assert feedback.should_offer(session_start() + article_turn(), in_symptom_check=False)


def test_asks_after_a_triage_result_and_after_a_search_hit():
    triage = [
        action("action_listen"),
        user("no", "deny"),
        action("symptom_form"),
        action("action_give_triage"),
        bot("From what you've told me, ..."),
    ]
    assert feedback.should_offer(session_start() + triage, in_symptom_check=False)
    search = [
        action("action_listen"),
        user("electromyography?", "nlu_fallback"),
        action("action_search_article"),
        bot("I'm not completely sure what you mean, but this part of the article seems closest: ..."),
    ]
    assert feedback.should_offer(session_start() + search, in_symptom_check=False)


@pytest.mark.parametrize("response", ["utter_not_sure", "utter_input_too_long"])
def test_does_not_ask_when_the_bot_could_not_answer(response):
    events = session_start() + [
        action("action_listen"),
        user("hm"),
        action("action_answer_question"),
        bot("I'm not sure I understood ...", response),
    ]
    assert not feedback.should_offer(events, in_symptom_check=False)


def test_does_not_ask_in_the_middle_of_the_symptom_check():
    assert not feedback.should_offer(session_start() + article_turn(), in_symptom_check=True)


def test_never_twice_in_a_row():
    events = session_start() + article_turn("first", offered=True)
    events += article_turn("second")
    assert not feedback.should_offer(events, in_symptom_check=False)
    # Not asked after the second answer, so the third may be asked about again.
    events += [asked(False)] + article_turn("third")
    assert feedback.should_offer(events, in_symptom_check=False)


def test_a_rating_in_between_does_not_make_it_ask_twice_in_a_row():
    events = session_start() + article_turn("first", offered=True)
    events += [
        action("action_listen"),
        user("yes", "affirm"),
        action("action_rate_helpful"),
        bot("Thanks", "utter_feedback_thanks"),
    ]
    events += article_turn("second")
    assert not feedback.should_offer(events, in_symptom_check=False)


def test_never_after_an_emergency_in_the_same_session():
    emergency = [
        action("action_listen"),
        user("I can't breathe", "report_emergency"),
        action("utter_emergency"),
        bot("⚠️ ... Call your local emergency number now ...", "utter_emergency"),
        action("action_explain_emergency"),
        bot("It sounds ..."),
    ]
    events = session_start() + emergency + article_turn()
    assert not feedback.should_offer(events, in_symptom_check=False)
    # A triage result whose emergency response the triage action itself sent.
    triage = [
        action("action_listen"),
        user("yes", "affirm"),
        action("action_give_triage"),
        bot("⚠️ ...", "utter_emergency"),
        bot("From what you've told me, ..."),
    ]
    assert not feedback.should_offer(session_start() + triage, in_symptom_check=False)
    # A new session starts afresh.
    assert feedback.should_offer(events + session_start() + article_turn(), in_symptom_check=False)


# --- what a rating is about -------------------------------------------------------------------------------------
def test_a_rating_records_the_latest_answer_with_its_question():
    events = session_start() + article_turn("what causes cramps?", offered=True)
    events += [action("action_listen"), user("that was useless", "rate_unhelpful")]
    rated = feedback.latest_answer(events)
    assert rated == feedback.RatedAnswer("action_answer_question", "ask_causes", "what causes cramps?", ANSWER)
    recorded = feedback.rating(False, rated, "that was useless")
    assert recorded == {"rating": "unhelpful", "answer": rated.as_slot(), "comment": "that was useless"}
    assert feedback.rating(True, rated, "/rate_helpful")["comment"] is None, "a button press is no comment"


def test_related_topics_are_the_article_neighbours_of_the_rated_topic():
    assert feedback.related_intents({"intent": "ask_causes"}) == ["ask_twitch_types", "ask_harmless", "ask_spasm_types"]
    assert feedback.related_intents({"intent": "ask_living_with"}) == [
        "ask_prevention",
        "ask_diagnosis",
        "ask_when_specialist",
    ]
    assert feedback.related_intents(None) == list(feedback.DEFAULT_RELATED)
    assert feedback.related_intents({"intent": "describe_symptom"}) == list(feedback.DEFAULT_RELATED)


def test_every_article_topic_has_a_related_topic_question_in_the_article_order():
    assert tuple(feedback.TOPIC_QUESTIONS) == tuple(question_answering.INTENT_TOPICS)


# --- the actions ------------------------------------------------------------------------------------------------
def run(action_object, dispatcher, tracker, domain):
    return asyncio.run(action_object.run(dispatcher, tracker, domain))


def tracker_after(events, text="what causes cramps?", slots=None, active_loop=None):
    return make_tracker(user_message(text, "ask_causes"), slots=slots, active_loop=active_loop, events=events)


def asked_now(events):
    return [event["value"] for event in events if event.get("name") == "feedback_asked"]


def test_the_answer_asks_with_buttons_in_the_web_chat_and_in_words_in_the_terminal(dispatcher, domain):
    for channel, response in (("socketio", "utter_feedback_question"), ("cmdline", "utter_feedback_question_terminal")):
        dispatcher.messages.clear()
        events = session_start() + [action("action_listen"), user("what causes cramps?", channel=channel)]
        result = run(ActionAnswerQuestion(), dispatcher, tracker_after(events), domain)
        assert asked_now(result) == [True]
        assert "Article section" in dispatcher.messages[0]["text"]
        assert [message.get("response") for message in dispatcher.messages[1:]] == [response]
    titles = [button["title"] for button in domain["responses"]["utter_feedback_question"][0]["buttons"]]
    assert titles == ["👍 Yes", "👎 No"]
    assert "buttons" not in domain["responses"]["utter_feedback_question_terminal"][0]


def test_the_answer_does_not_ask_in_the_check_but_says_so(dispatcher, domain):
    events = session_start() + [action("action_listen"), user("what causes cramps?")]
    result = run(ActionAnswerQuestion(), dispatcher, tracker_after(events, active_loop="symptom_form"), domain)
    assert asked_now(result) == [False]
    assert all(message.get("response") != "utter_feedback_question" for message in dispatcher.messages)


def test_the_answer_does_not_ask_twice_in_a_row(dispatcher, domain):
    events = session_start() + article_turn("first", offered=True)
    events += [action("action_listen"), user("what causes cramps?")]
    result = run(ActionAnswerQuestion(), dispatcher, tracker_after(events), domain)
    assert asked_now(result) == [False]


def search(dispatcher, domain, text):
    events = session_start() + [action("action_listen"), user(text, None)]
    return run(ActionSearchArticle(), dispatcher, tracker_after(events, text=text), domain)


def test_the_closest_passage_asks_but_not_sure_does_not(dispatcher, domain):
    result = search(dispatcher, domain, "does stretching before bed help with night cramps")
    passage, question = dispatcher.messages
    assert passage["text"].startswith("I'm not completely sure") and "Stretch regularly" in passage["text"]
    assert question["response"] == "utter_feedback_question" and asked_now(result) == [True]

    for text in ("what does the article say about magnesium?", "qwpoeiru zxmcnv"):
        dispatcher.messages.clear()
        result = search(dispatcher, domain, text)
        assert [message.get("response") for message in dispatcher.messages] == ["utter_not_sure"], text
        assert asked_now(result) == [False]


def test_an_emergency_result_never_asks(dispatcher, domain):
    slots = {"breathing_difficulty": True, "body_part": "calf", "sensation": "cramp"}
    events = session_start() + [action("action_listen"), user("yes", "affirm")]
    result = run(ActionGiveTriage(), dispatcher, tracker_after(events, text="yes", slots=slots), domain)
    assert dispatcher.messages[0]["response"] == "utter_emergency"
    assert asked_now(result) == [False]
    assert all(message.get("response") != "utter_feedback_question" for message in dispatcher.messages)


def test_thumbs_down_is_recorded_with_the_answer_and_gets_the_offer(dispatcher, domain):
    events = (
        session_start()
        + article_turn(offered=True)
        + [action("action_listen"), user("/rate_unhelpful", "rate_unhelpful")]
    )
    result = run(ActionRateUnhelpful(), dispatcher, tracker_after(events, text="/rate_unhelpful"), domain)
    [slot] = result
    assert slot["name"] == "feedback"
    assert slot["value"]["rating"] == "unhelpful"
    assert slot["value"]["answer"]["answer"] == ANSWER and slot["value"]["answer"]["intent"] == "ask_causes"
    assert slot["value"]["comment"] is None
    assert dispatcher.messages[0]["response"] == "utter_feedback_sorry"
    offer = [button["payload"] for button in domain["responses"]["utter_feedback_sorry"][0]["buttons"]]
    assert offer == ["/reword", "/show_related_topics", "I want to check my muscle symptoms"]


def test_thumbs_up_is_recorded_and_thanked(dispatcher, domain):
    events = (
        session_start() + article_turn(offered=True) + [action("action_listen"), user("that helped", "rate_helpful")]
    )
    [slot] = run(ActionRateHelpful(), dispatcher, tracker_after(events, text="that helped"), domain)
    assert slot["value"]["rating"] == "helpful" and slot["value"]["comment"] == "that helped"
    assert dispatcher.messages[0]["response"] == "utter_feedback_thanks"


def test_related_topics_are_buttons_that_ask_about_each(dispatcher, domain):
    rated = {"rating": "unhelpful", "answer": {"intent": "ask_causes"}, "comment": None}
    tracker = tracker_after(session_start(), text="/show_related_topics", slots={"feedback": rated})
    run(ActionShowRelatedTopics(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_related_topics"
    assert [button["payload"] for button in message["buttons"]] == [
        "/ask_twitch_types",
        "/ask_harmless",
        "/ask_spasm_types",
    ]


def test_the_action_server_registers_every_feedback_action(domain):
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    registered = set(executor.actions)
    assert {
        "action_rate_helpful",
        "action_rate_unhelpful",
        "action_show_related_topics",
    } <= registered
    assert set(domain["actions"]) <= registered


def test_does_not_ask_when_the_answer_offered_the_symptom_check():
    events = session_start() + article_turn("why does my calf keep cramping?")
    events.append(bot("Would you like me to go through your symptoms?", "utter_offer_check"))
    assert not feedback.should_offer(events, in_symptom_check=False)
