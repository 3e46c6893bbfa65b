"""The summary for a doctor through the actions: the words behind each answer come from the conversation's own
events (typed words, or the title of the button pressed), the result's payload carries the summary, and
action_show_summary rebuilds the latest result's summary from the events alone."""

import asyncio
from datetime import datetime, timezone

from actions.actions import ActionExplainEmergency, ActionGiveTriage, ActionShowSummary
from actions.conversation_history import tracker_as_of, words_behind_answers
from tests.conftest import make_tracker, user_message

# A check as the tracker records it: the person's messages, then the slots the form set from each.
CHECK = [
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "my eyelid keeps flickering", "parse_data": {"intent": {"name": "describe_symptom"}}},
    {"event": "active_loop", "name": "symptom_form"},
    {"event": "slot", "name": "breathing_difficulty", "value": None},
    {"event": "slot", "name": "body_part", "value": "eyelid"},
    {"event": "slot", "name": "sensation", "value": "flicker"},
    {"event": "user", "text": "/deny", "parse_data": {"intent": {"name": "deny"}}},
    {"event": "slot", "name": "breathing_difficulty", "value": False},
    {"event": "user", "text": "a couple of minutes", "parse_data": {"intent": {"name": "describe_symptom"}}},
    {"event": "slot", "name": "episode_duration", "value": "seconds_to_minutes"},
    {"event": "user", "text": '/describe_symptom{"pain_level": "none"}', "parse_data": {"intent": {}}},
    {"event": "slot", "name": "pain_level", "value": "none"},
    {"event": "user", "text": "whatever", "parse_data": {"intent": {}}},
    {"event": "slot", "name": "frequency", "value": None},  # not read: asked again
    {"event": "user", "text": "every so often", "parse_data": {"intent": {}}},
    {"event": "slot", "name": "frequency", "value": "occasional"},
]
ANSWERS = {
    "history": "days",
    "muscle_weakness": False,
    "visible_change": False,
    "known_condition": "none",
}
RESULT_TIME = datetime(2025, 3, 4, 23, 30, tzinfo=timezone.utc).timestamp()  # not today: the result's own date
FINISHED = [
    *CHECK,
    *({"event": "slot", "name": name, "value": value} for name, value in ANSWERS.items()),
    {"event": "active_loop", "name": None},
]


def slots_of(events):
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def test_each_answer_keeps_the_words_or_the_button_it_came_from(domain):
    said = words_behind_answers(CHECK, domain)
    assert said == {
        "body_part": "my eyelid keeps flickering",
        "sensation": "my eyelid keeps flickering",
        "breathing_difficulty": "No",  # the button's title, not "/deny"
        "episode_duration": "a couple of minutes",
        "pain_level": "No pain",
        "frequency": "every so often",  # the unread "whatever" was cleared
    }


def test_a_new_session_forgets_the_words(domain):
    assert words_behind_answers([*CHECK, {"event": "session_started"}], domain) == {}


def test_the_tracker_as_of_an_event_has_the_slots_and_message_then():
    tracker = make_tracker(user_message("thanks"), events=FINISHED)
    then = tracker_as_of(tracker, 8)
    assert then.latest_message["text"] == "/deny"
    assert then.get_slot("breathing_difficulty") is False and then.get_slot("episode_duration") is None


def test_the_result_payload_carries_the_summary_with_the_persons_words(dispatcher, domain):
    tracker = make_tracker(user_message("no", "deny"), slots=slots_of(FINISHED), events=FINISHED)
    run(ActionGiveTriage(), dispatcher, tracker, domain)
    fields = dispatcher.messages[0]["custom"]["triage"]["summary"]
    assert {"name": "How long one episode lasts", "said": "a couple of minutes", "read": "seconds to minutes",
            "assumed": False} in fields["facts"]  # fmt: skip
    assert fields["level_name"] == "Self-care" and fields["date"]


def test_the_terminal_is_told_it_can_ask_for_the_summary(dispatcher, domain):
    events = [*FINISHED, {"event": "user", "text": "no", "input_channel": "cmdline"}]
    tracker = make_tracker(user_message("no", "deny"), slots=slots_of(FINISHED), events=events)
    run(ActionGiveTriage(), dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages[1:2]] == ["utter_offer_summary_terminal"]
    assert not dispatcher.messages[0]["custom"]


def test_show_summary_rebuilds_the_latest_result_from_the_conversation(dispatcher, domain):
    events = [
        *FINISHED,
        {"event": "action", "name": "action_give_triage", "timestamp": RESULT_TIME},
        {"event": "bot", "text": "result"},
        {"event": "user", "text": "summary", "parse_data": {"intent": {"name": "ask_summary"}}},
    ]
    tracker = make_tracker(user_message("summary", "ask_summary"), slots=slots_of(FINISHED), events=events)
    run(ActionShowSummary(), dispatcher, tracker, domain)
    [shown] = dispatcher.messages
    text = shown["text"]
    assert text.startswith("Summary for your doctor, 4 March 2025")
    assert "• How long one episode lasts: “a couple of minutes” → seconds to minutes" in text
    assert "• Trouble breathing: “No” → no" in text
    assert "Result: Self-care." in text
    assert "This is not a diagnosis" in text


def test_show_summary_after_an_emergency_quotes_the_message_that_raised_it(dispatcher, domain):
    text = "my throat is spasming and I can't breathe"
    parse = {"intent": {"name": "report_emergency", "confidence": 1.0}, "entities": []}
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": parse},
        {"event": "action", "name": "utter_emergency"},
        {"event": "action", "name": "action_explain_emergency", "timestamp": RESULT_TIME},
        {"event": "user", "text": "show me a summary for my doctor", "parse_data": {"intent": {}}},
    ]
    run(ActionShowSummary(), dispatcher, make_tracker(user_message("summary", "ask_summary"), events=events), domain)
    shown = dispatcher.messages[0]["text"]
    assert f"• Trouble breathing: “{text}” → yes" in shown
    assert "Result: Emergency." in shown

    # The same summary the emergency's own payload carried.
    live = make_tracker(user_message(text, "report_emergency"), events=events[:3])
    run(ActionExplainEmergency(), dispatcher, live, domain)
    fields = dispatcher.messages[-1]["custom"]["triage"]["summary"]
    assert {"name": "Trouble breathing", "said": text, "read": "yes", "assumed": False} in fields["facts"]


def test_no_result_yet_no_summary(dispatcher, domain):
    run(ActionShowSummary(), dispatcher, make_tracker(user_message("summary", "ask_summary")), domain)
    assert dispatcher.messages[0]["response"] == "utter_no_summary_yet"
