"""'Forget me' in the dialogue: the symptom check lets the request through, and the rules end in the response
whose saving deletes the conversation (addons/tracker_store.py)."""

import asyncio

import pytest
import yaml

from actions.actions import ValidateSymptomForm
from addons.tracker_store import FORGET_RESPONSE
from tests.conftest import form_events, make_tracker, user_message


@pytest.mark.parametrize("asked", ["breathing_difficulty", "body_part", "episode_duration", "pain_level"])
def test_the_symptom_check_leaves_a_forget_request_to_the_rules(dispatcher, domain, asked):
    text = "please delete my conversation"
    tracker = make_tracker(
        user_message(text, "forget_conversation"),
        slots={"requested_slot": asked},
        active_loop="symptom_form",
        events=form_events(text),
    )
    events = asyncio.run(ValidateSymptomForm().run(dispatcher, tracker, domain))
    assert asked not in {event["name"] for event in events if event.get("event") == "slot"}
    assert dispatcher.messages == [], "the request was taken for an unclear answer"


def test_every_confirmation_rule_ends_in_the_response_the_tracker_store_acts_on(domain):
    with open("data/rules/privacy.yml", encoding="utf-8") as handle:
        rules = yaml.safe_load(handle)["rules"]
    confirmations = [rule for rule in rules if rule["rule"].startswith("Confirmed")]
    assert confirmations and all(rule["steps"][-1] == {"action": FORGET_RESPONSE} for rule in confirmations)
    assert FORGET_RESPONSE in domain["responses"]
    # The web chat's variant carries the signal that makes the page forget the conversation too.
    variants = domain["responses"][FORGET_RESPONSE]
    assert [v.get("custom") for v in variants if v.get("channel") == "socketio"] == [{"conversation_deleted": True}]
    assert len({v["text"] for v in variants}) == 1, "the channels' variants say different things"


def test_only_the_symptom_checks_questions_are_named_utter_ask(domain):
    """Rasa reads utter_ask_<slot> as the question for a slot, and so does rest_driver (Reply.asked): the
    confirmation and the feedback question must not look like one."""
    form_slots = set(domain["forms"]["symptom_form"]["required_slots"])
    asking = {name[len("utter_ask_") :] for name in domain["responses"] if name.startswith("utter_ask_")}
    assert asking <= form_slots, asking - form_slots
