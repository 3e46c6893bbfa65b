"""Thin Rasa actions: read the tracker, ask the pure modules, send what they return."""

from typing import Any, Dict, List, Text, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import article_search, input_check, question_answering, symptom_parsing, triage, triage_report

FORM_NAME = "symptom_form"


class ActionAnswerQuestion(Action):
    """Answers an article question from the knowledge module, citing its section."""

    def name(self) -> Text:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        message = tracker.latest_message
        answer = question_answering.answer_question(
            (message.get("intent") or {}).get("name"), message.get("entities") or []
        )
        if answer is None:
            dispatcher.utter_message(response="utter_not_sure")
        else:
            dispatcher.utter_message(text=answer.render())
        return []


class ActionSearchArticle(Action):
    """For questions no intent covers: the closest article passage, or an honest "not sure"."""

    def name(self) -> Text:
        return "action_search_article"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        unreadable = input_check.problem(text)
        if unreadable:
            dispatcher.utter_message(response=f"utter_input_{unreadable}")
            return []
        hit = article_search.best_match(text)
        if hit is None:
            dispatcher.utter_message(response="utter_not_sure")
        else:
            dispatcher.utter_message(
                text="I'm not completely sure what you mean, but this part of the article seems closest:\n\n"
                + hit.answer().render()
            )
        return []


def _hint_response(slot: Text, text: Text, domain: DomainDict) -> Text:
    """Why the answer was not understood: an unreadable message says so; otherwise, how to answer."""
    unreadable = input_check.problem(text)
    if unreadable:
        return f"utter_input_{unreadable}"
    hint = f"utter_hint_{slot}"
    return hint if hint in domain.get("responses", {}) else "utter_hint_yes_no"


def _symptom_slots(tracker: Tracker) -> Dict[Text, Any]:
    return {name: tracker.get_slot(name) for name in triage.SYMPTOM_SLOTS}


def _form_turn(tracker: Tracker) -> Tuple[bool, bool]:
    """(fresh, starting): does the form run right after a user message, and was it activated by that message?

    Rasa calls form validation on a copy of the tracker that ends with the form's own action; when the form
    resumes after an interruption, an action and a bot message stand between it and the user's message.
    """
    starting = False
    for event in reversed(tracker.events[:-1]):
        kind = event.get("event")
        if kind == "user":
            return True, starting
        if kind == "active_loop":
            starting = starting or event.get("name") == FORM_NAME
        elif kind not in ("slot", "user_featurization"):
            return False, False
    return False, False


class ValidateSymptomForm(FormValidationAction):
    """Fills the interview's facts from each message and asks only what triage still needs."""

    def name(self) -> Text:
        return f"validate_{FORM_NAME}"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        report = triage.SymptomReport.from_slots(_symptom_slots(tracker))
        return list(triage.questions_to_ask(report))

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        # The SDK's default run() drops facts that are not requested this turn; every fact counts here.
        events = self._facts_from_latest_message(dispatcher, tracker, domain)
        tracker.add_slots(events)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return events + ([next_slot] if next_slot else [])

    def _facts_from_latest_message(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        fresh, starting = _form_turn(tracker)
        if not fresh:
            return []
        requested_slot = None if starting else tracker.get_slot("requested_slot")
        message = tracker.latest_message
        intent = message.get("intent") or {}
        turn = symptom_parsing.interpret_turn(
            message.get("text") or "",
            intent.get("name"),
            intent.get("confidence") or 0.0,
            message.get("entities") or [],
            requested_slot,
        )
        if turn.interruption:
            return []
        # A new check starts clean: facts from an earlier check must not skip questions.
        before = {name: None for name in triage.SYMPTOM_SLOTS} if starting else _symptom_slots(tracker)
        after = symptom_parsing.merge_values(before, turn.values, requested_slot)
        if turn.hint:
            dispatcher.utter_message(response=_hint_response(turn.hint, message.get("text"), domain))
        changed = {name: value for name, value in after.items() if starting or value != before.get(name)}
        if turn.hint:
            # Setting the requested slot (even to None) keeps the form going, so it asks again.
            changed.setdefault(turn.hint, None)
        return [SlotSet(name, value) for name, value in changed.items()]


# rasa shell prints a custom payload as raw JSON after the text; the terminal reads better without it.
TERMINAL_CHANNEL = "cmdline"


def _send_result(dispatcher: CollectingDispatcher, tracker: Tracker, result: triage.TriageResult) -> None:
    message = triage_report.render(result)
    if tracker.get_latest_input_channel() == TERMINAL_CHANNEL:
        dispatcher.utter_message(text=message.text)
    else:
        dispatcher.utter_message(text=message.text, json_message=message.payload)


class ActionGiveTriage(Action):
    """Assesses the finished interview and sends the result as text and as a `triage` payload."""

    def name(self) -> Text:
        return "action_give_triage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        result = triage.assess(triage.SymptomReport.from_slots(_symptom_slots(tracker)))
        if result.level == "emergency":
            dispatcher.utter_message(response="utter_emergency")
        _send_result(dispatcher, tracker, result)
        return []


def _ended_a_check(tracker: Tracker) -> bool:
    """True when the latest message ended a running symptom check (the emergency closes the form)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") is None:
            return True
    return False


class ActionExplainEmergency(Action):
    """Follows the emergency response outside the interview with the why, from what the message said."""

    def name(self) -> Text:
        return "action_explain_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        message = tracker.latest_message
        intent = message.get("intent") or {}
        turn = symptom_parsing.interpret_turn(
            message.get("text") or "", intent.get("name"), intent.get("confidence") or 0.0,
            message.get("entities") or [], None,
        )
        # Answers from a symptom check this message interrupted still apply; an older check's do not.
        before = _symptom_slots(tracker) if _ended_a_check(tracker) else {}
        values = symptom_parsing.merge_values(before, turn.values)
        # The emergency answer has already been given; the explanation must agree with it.
        report = triage.SymptomReport.from_slots({**values, "breathing_difficulty": True})
        _send_result(dispatcher, tracker, triage.assess(report))
        return []
