"""Tracker fixtures for action tests, as in Rasa's reference assistants."""

from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from muscle_triage.triage import schema

DOMAIN_FILE = "domain.yml"


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    with open(DOMAIN_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def user_message(
    text: str, intent: str | None = None, confidence: float = 0.95, entities: list[dict] | None = None
) -> dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence} if intent else {},
        "entities": entities or [],
    }


def make_tracker(
    message: dict[str, Any],
    slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    all_slots = {name: None for name in schema.SYMPTOM_SLOTS}
    all_slots["requested_slot"] = None
    all_slots.update(slots or {})
    if events is None:
        events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": message["text"]}]
    return Tracker(
        sender_id="test-user",
        slots=all_slots,
        latest_message=message,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name=events[-1].get("name") if events and events[-1].get("event") == "action" else None,
    )


def form_events(
    message_text: str, starting: bool = False, after_interruption: bool = False, prefilled: dict | None = None
) -> list[dict]:
    """The events Rasa sends to form validation: the user turn, then the form's own action at the end; at activation
    followed by the slots already filled (`prefilled`, e.g. an earlier check's answers), as
    rasa/core/actions/forms.py (`_temporary_tracker`) appends them."""
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": message_text}]
    if after_interruption:
        events += [
            {"event": "action", "name": "action_answer_question"},
            {"event": "bot", "text": "an answer"},
        ]
    if starting:
        events.append({"event": "active_loop", "name": "symptom_form"})
    events += [
        {"event": "slot", "name": "requested_slot", "value": None},
        {"event": "action", "name": "symptom_form"},
    ]
    events += [{"event": "slot", "name": name, "value": value} for name, value in (prefilled or {}).items()]
    return events
