"""What the conversation already holds, read for the doctor's summary (the words each answer of the check was read
from, and the tracker as it stood when an earlier result was given) and for a follow-up (the words of the question
answered last). Nothing here is stored anywhere new.
"""

import re
from typing import Any

from rasa_sdk import Tracker

from muscle_triage.triage import schema

# A button press arrives as its payload ("/deny", '/describe_symptom{"duration": "hours"}'); the person saw its title.
BUTTON_PAYLOAD = re.compile(r"^/\w")
# Events after which no slot of the check keeps its value.
RESETS = ("restart", "session_started")


def _button_titles(domain: dict[str, Any], slot: str) -> dict[str, str]:
    """The titles of the buttons of a question (utter_ask_<slot>), by payload. Payloads in domain.yml double
    their braces, which Rasa undoubles when it sends them."""
    titles = {}
    for variant in (domain.get("responses") or {}).get(f"utter_ask_{slot}") or []:
        for button in variant.get("buttons") or []:
            payload = str(button.get("payload", "")).replace("{{", "{").replace("}}", "}")
            titles[payload] = str(button.get("title", ""))
    return titles


def words_behind_answers(events: list[dict[str, Any]], domain: dict[str, Any]) -> dict[str, str]:
    """For each fact of the check that has a value, the message it was last set from: the person's own words, or the
    title of the button they pressed."""
    said: dict[str, str] = {}
    text = ""
    for event in events:
        kind = event.get("event")
        if kind == "user":
            text = (event.get("text") or "").strip()
        elif kind in RESETS:
            said.clear()
        elif kind == "slot" and event.get("name") in schema.SYMPTOM_SLOTS:
            slot = event["name"]
            if event.get("value") is None or not text:
                said.pop(slot, None)
            elif BUTTON_PAYLOAD.match(text):
                said[slot] = _button_titles(domain, slot).get(text, text)
            else:
                said[slot] = text
    return said


def tracker_as_of(tracker: Tracker, end: int) -> Tracker:
    """The tracker as it stood before event number `end`: its events, slots and latest message then."""
    events = tracker.events[:end]
    slots: dict[str, Any] = {}
    latest: dict[str, Any] = {}
    for event in events:
        kind = event.get("event")
        if kind == "slot":
            slots[event["name"]] = event.get("value")
        elif kind in RESETS:
            slots.clear()
        elif kind == "user":
            latest = {"text": event.get("text"), **(event.get("parse_data") or {})}
    return Tracker(tracker.sender_id, slots, latest, events, False, None, {}, None)


def latest_event(tracker: Tracker, action_names: tuple[str, ...]) -> int | None:
    """The index of the latest run of one of these actions, or None."""
    for index in range(len(tracker.events) - 1, -1, -1):
        event = tracker.events[index]
        if event.get("event") == "action" and event.get("name") in action_names:
            return index
    return None


def last_question_text(tracker: Tracker, slot: str) -> str:
    """The words of the question answered last: the person's message before the answer that last set `slot`."""
    answered = False
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == slot and event.get("value"):
            answered = True
        elif answered and event.get("event") == "user":
            return str(event.get("text") or "")
    return ""
