"""The thin actions: they read the tracker, call the pure modules and send what those return."""

import asyncio

from actions.actions import (
    ActionAnswerQuestion,
    ActionExplainEmergency,
    ActionGiveTriage,
    ActionSearchArticle,
    ValidateSymptomForm,
)
from tests.conftest import form_events, make_tracker, user_message


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def slots_set(events):
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def test_answer_question_sends_the_cited_item(dispatcher, domain):
    message = user_message("can statins cause cramps?", "ask_causes",
                           entities=[{"entity": "cause", "value": "medication", "start": 4, "end": 11}])
    events = run(ActionAnswerQuestion(), dispatcher, make_tracker(message), domain)
    assert events == []
    [reply] = dispatcher.messages
    assert "statins" in reply["text"]
    assert reply["text"].endswith("Article section: “What Causes Muscles To Contract?”")


def test_answer_question_for_a_non_article_intent_is_not_sure(dispatcher, domain):
    run(ActionAnswerQuestion(), dispatcher, make_tracker(user_message("hello", "greet")), domain)
    assert dispatcher.messages[0]["response"] == "utter_not_sure"


def test_search_answers_from_the_closest_passage(dispatcher, domain):
    run(ActionSearchArticle(), dispatcher, make_tracker(user_message("what does electromyography check")), domain)
    assert "Diagnosing The Cause Of Your Contractions" in dispatcher.messages[0]["text"]


def test_search_declines_unrelated_text(dispatcher, domain):
    run(ActionSearchArticle(), dispatcher, make_tracker(user_message("best pizza in town")), domain)
    assert dispatcher.messages[0]["response"] == "utter_not_sure"


def test_form_start_keeps_facts_given_up_front_and_asks_breathing_first(dispatcher, domain):
    text = "my calf cramped for a minute last night"
    message = user_message(text, "describe_symptom",
                           entities=[{"entity": "body_part", "value": "calf", "start": 3, "end": 7}])
    tracker = make_tracker(message, slots={"pain_level": "severe"}, active_loop="symptom_form",
                           events=form_events(text, starting=True))
    events = run(ValidateSymptomForm(), dispatcher, tracker, domain)
    facts = slots_set(events)
    assert facts["body_part"] == "calf"
    assert facts["sensation"] == "cramp"
    assert facts["pain_level"] is None, "a new check must not reuse an earlier check's answers"
    assert facts["requested_slot"] == "breathing_difficulty"
    assert dispatcher.messages == []


def test_form_answer_fills_the_requested_slot_and_moves_on(dispatcher, domain):
    tracker = make_tracker(user_message("no", "deny"), slots={"requested_slot": "breathing_difficulty",
                                                              "body_part": "calf", "sensation": "cramp"},
                           active_loop="symptom_form", events=form_events("no"))
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, tracker, domain))
    assert facts["breathing_difficulty"] is False
    assert facts["requested_slot"] == "episode_duration"


def test_form_breathing_difficulty_ends_the_interview(dispatcher, domain):
    text = "I can't breathe and my chest is cramping"
    tracker = make_tracker(user_message(text, "report_emergency"), slots={"requested_slot": "pain_level"},
                           active_loop="symptom_form", events=form_events(text))
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, tracker, domain))
    assert facts["breathing_difficulty"] is True
    assert facts["requested_slot"] is None


def test_form_unclear_answer_is_asked_again_with_a_hint(dispatcher, domain):
    tracker = make_tracker(user_message("banana", "describe_symptom", confidence=0.4),
                           slots={"requested_slot": "pain_level", "breathing_difficulty": False, "body_part": "calf",
                                  "sensation": "cramp", "episode_duration": "seconds_to_minutes"},
                           active_loop="symptom_form", events=form_events("banana"))
    facts = slots_set(run(ValidateSymptomForm(), dispatcher, tracker, domain))
    assert dispatcher.messages[0]["response"] == "utter_hint_pain_level"
    assert facts["pain_level"] is None
    assert facts["requested_slot"] == "pain_level"


def test_form_leaves_an_article_question_to_the_rules(dispatcher, domain):
    tracker = make_tracker(user_message("what causes cramps?", "ask_causes"),
                           slots={"requested_slot": "pain_level", "breathing_difficulty": False},
                           active_loop="symptom_form", events=form_events("what causes cramps?"))
    events = run(ValidateSymptomForm(), dispatcher, tracker, domain)
    assert "pain_level" not in slots_set(events)
    assert dispatcher.messages == []


def test_form_resuming_after_an_interruption_rereads_nothing(dispatcher, domain):
    tracker = make_tracker(user_message("banana", "describe_symptom"),
                           slots={"requested_slot": "pain_level", "breathing_difficulty": False},
                           active_loop="symptom_form", events=form_events("banana", after_interruption=True))
    events = run(ValidateSymptomForm(), dispatcher, tracker, domain)
    assert dispatcher.messages == []
    assert set(slots_set(events)) <= {"requested_slot"}


def test_give_triage_sends_text_and_payload(dispatcher, domain):
    slots = {"breathing_difficulty": False, "body_part": "eyelid", "sensation": "flicker",
             "episode_duration": "brief", "pain_level": "none", "frequency": "occasional", "history": "days",
             "muscle_weakness": False, "visible_change": False, "known_condition": "none"}
    run(ActionGiveTriage(), dispatcher, make_tracker(user_message("no", "deny"), slots=slots), domain)
    [reply] = dispatcher.messages
    triage_payload = reply["custom"]["triage"]
    assert (triage_payload["level"], triage_payload["contraction"], triage_payload["subtype"]) == (
        "self_care", "twitch", "fasciculation")
    assert reply["text"].splitlines()[-1].startswith("This is not a diagnosis")


def test_give_triage_for_an_emergency_sends_the_emergency_response_first(dispatcher, domain):
    run(ActionGiveTriage(), dispatcher,
        make_tracker(user_message("yes", "affirm"), slots={"breathing_difficulty": True, "body_part": "chest"}),
        domain)
    assert dispatcher.messages[0]["response"] == "utter_emergency"
    assert dispatcher.messages[1]["custom"]["triage"]["level"] == "emergency"


def test_every_interview_question_and_hint_exists_in_the_domain(domain):
    form_slots = domain["forms"]["symptom_form"]["required_slots"]
    for slot in form_slots:
        assert f"utter_ask_{slot}" in domain["responses"]
        assert slot in domain["slots"]
    assert "utter_hint_yes_no" in domain["responses"]


def test_explain_emergency_follows_the_response_with_the_why(dispatcher, domain):
    text = "my throat is spasming and I can't breathe"
    message = user_message(text, "report_emergency",
                           entities=[{"entity": "body_part", "value": "throat", "start": 3, "end": 9}])
    run(ActionExplainEmergency(), dispatcher, make_tracker(message), domain)
    [reply] = dispatcher.messages
    assert reply["custom"]["triage"]["level"] == "emergency"
    assert "throat" in reply["text"]


def test_explain_emergency_keeps_the_answers_of_the_check_it_ended(dispatcher, domain):
    text = "now I'm struggling to breathe"
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text},
              {"event": "bot", "text": "emergency"}, {"event": "active_loop", "name": None},
              {"event": "action", "name": "action_deactivate_loop"}]
    tracker = make_tracker(user_message(text, "report_emergency"), events=events,
                           slots={"body_part": "neck", "sensation": "cramp", "pain_level": "severe"})
    run(ActionExplainEmergency(), dispatcher, tracker, domain)
    payload = dispatcher.messages[0]["custom"]["triage"]
    assert (payload["level"], payload["contraction"]) == ("emergency", "spasm")


def test_explain_emergency_ignores_an_earlier_finished_check(dispatcher, domain):
    text = "I can't breathe"
    tracker = make_tracker(user_message(text, "report_emergency"),
                           slots={"body_part": "eyelid", "sensation": "flicker", "pain_level": "none"})
    run(ActionExplainEmergency(), dispatcher, tracker, domain)
    payload = dispatcher.messages[0]["custom"]["triage"]
    assert (payload["level"], payload["contraction"]) == ("emergency", "unclear")
    assert "eyelid" not in dispatcher.messages[0]["text"]


def test_the_terminal_gets_the_result_without_the_raw_payload(dispatcher, domain):
    tracker = make_tracker(user_message("yes", "affirm"), slots={"breathing_difficulty": True},
                           events=[{"event": "user", "text": "yes", "input_channel": "cmdline"}])
    run(ActionGiveTriage(), dispatcher, tracker, domain)
    assert dispatcher.messages[1]["text"] and not dispatcher.messages[1]["custom"]
