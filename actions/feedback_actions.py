"""Thin Rasa code for "Was this helpful?": ask (the answering actions call offer_feedback; muscle_triage/feedback.py
decides when), record a rating, help after a thumbs-down. Issue 13's markers can see each step: the actions by
name, the intents rate_helpful / rate_unhelpful, and the `feedback` slot, which holds the rating together with the
answer it rates."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from muscle_triage import feedback

# rasa shell turns buttons into a menu that must be left before typing; the terminal gets the same offer in words.
TERMINAL_CHANNEL = "cmdline"


def _in_terminal(tracker: Tracker) -> bool:
    return tracker.get_latest_input_channel() == TERMINAL_CHANNEL


def offer_feedback(dispatcher: CollectingDispatcher, tracker: Tracker, answering_action: str) -> list[EventType]:
    """Follows an answer or a triage result with "Was this helpful?", when feedback.should_offer says so. The
    answering actions call it last, rather than a rule running an action of its own after them: that cost a second
    action-server call and next-action prediction on every answer
    (docs/performance.md, "Feedback inside the answering actions")."""
    events = feedback.with_reply(tracker.events, answering_action, dispatcher.messages)
    asking = feedback.should_offer(events, in_symptom_check=bool(tracker.active_loop.get("name")))
    if asking:
        dispatcher.utter_message(
            response="utter_feedback_question_terminal" if _in_terminal(tracker) else "utter_feedback_question"
        )
    # The rules read this slot: a bare "yes" or "no" is a rating only right after the question.
    return [SlotSet(feedback.ASKED_SLOT, asking)]


def _rate(helpful: bool, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Records the rating with the latest answer it rates; thanks for a 👍, offers help after a 👎."""
    rated = feedback.latest_answer(tracker.events)
    if helpful:
        dispatcher.utter_message(response="utter_feedback_thanks")
    else:
        dispatcher.utter_message(
            response="utter_feedback_sorry_terminal" if _in_terminal(tracker) else "utter_feedback_sorry"
        )
    return [SlotSet("feedback", feedback.rating(helpful, rated, tracker.latest_message.get("text") or ""))]


class ActionRateHelpful(Action):
    """👍, "yes" right after the question, or words like "that helped"."""

    def name(self) -> str:
        return "action_rate_helpful"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return _rate(True, dispatcher, tracker)


class ActionRateUnhelpful(Action):
    """👎, "no" right after the question, or words like "that was useless": recorded, then an offer to help."""

    def name(self) -> str:
        return "action_rate_unhelpful"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return _rate(False, dispatcher, tracker)


class ActionShowRelatedTopics(Action):
    """The article topics next to the one that did not help, as buttons that ask about each."""

    def name(self) -> str:
        return "action_show_related_topics"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        rated: dict[str, Any] = (tracker.get_slot("feedback") or {}).get("answer") or {}
        intents = feedback.related_intents(rated)
        if _in_terminal(tracker):
            lines = "\n".join(f"• {feedback.TOPIC_QUESTIONS[intent]}" for intent in intents)
            dispatcher.utter_message(response="utter_related_topics")
            dispatcher.utter_message(text=lines)
        else:
            buttons = [{"title": feedback.TOPIC_QUESTIONS[intent], "payload": f"/{intent}"} for intent in intents]
            dispatcher.utter_message(response="utter_related_topics", buttons=buttons)
        return []
