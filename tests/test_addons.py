"""The Rasa add-ons: the NLU input guard, the emergency policy and the never-silent channels."""

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from addons.channels import APOLOGY, _NamedResponses, never_silent
from addons.emergency_policy import EmergencyPolicy
from addons.input_guard import InputGuard


def guarded(text, intent="ask_causes", confidence=0.9):
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []})
    InputGuard().process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize("text", ["", "😀😀", "¿Qué causa los calambres musculares?", "x " * 1500])
def test_guard_sends_unreadable_messages_to_the_fallback(text):
    assert guarded(text) == "nlu_fallback"


@pytest.mark.parametrize(
    "text", ["my calf cramps and I can't breathe", "cramp " * 1500 + " and now I can't breathe"]
)
def test_guard_makes_breathing_trouble_an_emergency_whatever_the_classifier_said(text):
    assert guarded(text, intent="describe_symptom") == "report_emergency"


@pytest.mark.parametrize(
    "text", ["my calf is cramping but I have no trouble breathing", "I can breathe fine, my back spasms"]
)
def test_guard_does_not_take_breathing_said_to_be_fine_for_an_emergency(text):
    assert guarded(text, intent="report_emergency") == "describe_symptom"


@pytest.mark.parametrize(
    "text", ["I can't breathe, no trouble with my legs", "no pain but I'm struggling to breathe"]
)
def test_guard_keeps_the_emergency_when_any_trouble_is_named(text):
    assert guarded(text, intent="report_emergency") == "report_emergency"


@pytest.mark.parametrize(
    "text,intent",
    [
        ("can spasms cause difficulty breathing?", "ask_harmless"),
        ("my calf cramps but my breathing is fine", "describe_symptom"),
        ("what causes cramps?", "ask_causes"),
    ],
)
def test_guard_leaves_ordinary_messages_alone(text, intent):
    assert guarded(text, intent=intent) == intent


@pytest.fixture
def policy(tmp_path):
    return EmergencyPolicy(
        EmergencyPolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("emergency_policy"),
        ExecutionContext(None),
    )


@pytest.fixture(scope="module")
def domain():
    return Domain.load("domain.yml")


def tracker_with(events):
    return DialogueStateTracker.from_events("someone", events)


def user(intent):
    return UserUttered("text", {"name": intent, "confidence": 1.0})


def test_policy_answers_an_emergency_in_a_form_then_ends_the_form(policy, domain):
    events = [ActionExecuted("symptom_form"), ActiveLoop("symptom_form"), ActionExecuted("action_listen"),
              user("report_emergency")]
    assert policy.next_action(tracker_with(events)) == "utter_emergency"
    prediction = policy.predict_action_probabilities(tracker_with(events), domain)
    assert prediction.is_no_user_prediction and prediction.max_confidence == 1.0
    assert domain.action_names_or_texts[prediction.max_confidence_index] == "utter_emergency"
    assert policy.next_action(tracker_with(events + [ActionExecuted("utter_emergency")])) == "action_deactivate_loop"


def test_policy_stays_out_of_everything_else(policy, domain):
    in_form = [ActionExecuted("symptom_form"), ActiveLoop("symptom_form"), ActionExecuted("action_listen")]
    assert policy.next_action(tracker_with(in_form + [user("deny")])) is None
    assert policy.next_action(tracker_with([ActionExecuted("action_listen"), user("report_emergency")])) is None
    prediction = policy.predict_action_probabilities(tracker_with(in_form + [user("deny")]), domain)
    assert prediction.max_confidence == 0.0 and not prediction.is_no_user_prediction


def handle(on_new_message):
    output = CollectingOutputChannel()
    asyncio.run(never_silent(on_new_message)(UserMessage("hi", output, "someone")))
    return output.messages


def test_a_turn_with_no_reply_gets_an_apology():
    async def fails_silently(message):
        return None

    assert [m["text"] for m in handle(fails_silently)] == [APOLOGY]


def test_a_turn_with_a_reply_gets_no_apology():
    async def answers(message):
        await message.output_channel.send_response(message.sender_id, {"text": "an answer"})

    assert [m["text"] for m in handle(answers)] == ["an answer"]


def test_rest_replies_name_the_response_behind_each_message():
    async def asks(message):
        # What Rasa sends for a domain response: its name rides along as utter_action.
        await message.output_channel.send_response(
            message.sender_id, {"text": "How often?\n\nPick one.", "utter_action": "utter_ask_frequency"})
        await message.output_channel.send_response(message.sender_id, {"text": "free text from an action"})

    output = CollectingOutputChannel()
    asyncio.run(never_silent(asks, output=_NamedResponses)(UserMessage("hi", output, "someone")))
    assert [(m["text"], m.get("response")) for m in output.messages] == [
        ("How often?", "utter_ask_frequency"), ("Pick one.", "utter_ask_frequency"), ("free text from an action", None)]


def test_action_responses_are_still_checked_against_rasas_schema():
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    from addons import fast_action_validation

    assert RemoteAction._validate_action_result is fast_action_validation._validate_action_result
    action = RemoteAction("action_answer_question", None)
    assert action._validate_action_result({"events": [], "responses": [{"text": "hi"}]})
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})
