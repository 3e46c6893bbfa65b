"""Thin Rasa actions: read the tracker, ask the pure modules, send what they return."""

from datetime import date, datetime, timezone
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation_history import last_question_text, latest_event, tracker_as_of, words_behind_answers
from actions.feedback_actions import offer_feedback
from muscle_triage.knowledge import article_facts, article_search
from muscle_triage.triage import reply, rules, schema, summary
from muscle_triage.understanding import (
    answerability,
    follow_ups,
    input_check,
    question_answering,
    question_clauses,
    question_reading,
    turn_reading,
)
from muscle_triage.understanding.wording import normalise

FORM_NAME = "symptom_form"
# The check's bookkeeping slots (domain.yml): a question to ask in plainer words, a question whose last answer
# could not be read, and the questions taken as "not sure" after two answers that could not be read.
REPHRASE, UNREAD, ASSUMED = "rephrase", "unread_answer", "assumed"
CHECK_OFFERED = "check_offered"
LAST_QUESTION = "last_question"
CAUSES_INTENT = "ask_causes"


class ActionAnswerQuestion(Action):
    """Answers an article question from the knowledge module, citing its section."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        message = tracker.latest_message
        said = normalise(message.get("text") or "")
        intent = (message.get("intent") or {}).get("name")
        asking = said  # the message's own words, before a follow-up is read with the last question's
        # Two questions in one message ("what brings cramps on and what stops them?") get both answers, in order.
        clause_intents = message.get(question_clauses.PARSE_KEY) or ()
        clause_texts = [normalise(text) for text in message.get(question_clauses.TEXTS_KEY) or ()]
        message_follows_up = intent == follow_ups.FOLLOW_UP_INTENT
        if message_follows_up:  # "and how would I avoid that?", "eg?"
            ranking = [entry.get("name") for entry in message.get("intent_ranking") or []]
            intent = follow_ups.follow_up_topic(said, tracker.get_slot(LAST_QUESTION), ranking)
            if follow_ups.read_with_last_question(said):
                # "do twitches hurt?", then "and spasms?"; "what's an ischemic spasm?", then "an example of that?":
                # the last question's words say which aspect or item
                other_kind = follow_ups.asks_about_the_other_kind(said)
                said = normalise(f"{last_question_text(tracker, LAST_QUESTION)} {said}")
                if other_kind:
                    intent = follow_ups.other_kind_topic(said, intent)
                # one question, the last one again: its clauses alone ask nothing ("wait and what about twitches,
                # do they do that too?" reads as the twitch's definition and something else)
                clause_intents, clause_texts = (), []
        after_a_cause = message_follows_up and intent == CAUSES_INTENT
        gap = None if intent == question_reading.SOURCE_INTENT else answerability.uncovered(asking, after_a_cause)
        asked = question_reading.questions_asked(said, intent, clause_intents)
        # Each of two questions is answered from its own words, less the other question's.
        own = question_answering.words_of_each_question(said, asked, clause_intents, clause_texts)
        answers = question_answering.answers_in_order(asked, message.get("entities") or [], said, own)
        answer = answers[0] if answers else None
        if gap:
            dispatcher.utter_message(response="utter_not_covered", gap=gap)
        elif answer is None:
            dispatcher.utter_message(response="utter_not_sure")
        else:
            for each in answers:
                dispatcher.utter_message(text=each.render())
        # A question about someone's own muscles ("why does my calf keep cramping?", "my son's calf cramps at
        # football, is that normal?", "can I take ibuprofen for my cramps?"): offer the check too.
        # The whole turn is read only when a phrase list could not tell (it runs every reader).
        offer = (
            bool(gap or answer)
            and not tracker.active_loop.get("name")
            and (
                question_reading.describes_a_symptom(said)
                or turn_reading.recounts_a_symptom(
                    turn_reading.read_turn(said, intent, 0.0, message.get("entities") or [], None), said
                )
            )
        )
        if offer:
            dispatcher.utter_message(response="utter_offer_check")
        answered = [SlotSet(LAST_QUESTION, asked[0])] if answers and not gap else []
        return [SlotSet(CHECK_OFFERED, offer), *answered, *offer_feedback(dispatcher, tracker, self.name())]


class ActionSearchArticle(Action):
    """For questions no intent covers: the closest article passage, or an honest "not sure"."""

    def name(self) -> str:
        return "action_search_article"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        unreadable = input_check.problem(text)
        if unreadable:
            dispatcher.utter_message(response=f"utter_input_{unreadable}")
        elif gap := answerability.uncovered(normalise(text)):
            dispatcher.utter_message(response="utter_not_covered", gap=gap)
        elif (hit := article_search.best_match(text)) is None:
            dispatcher.utter_message(response="utter_not_sure")
        else:
            dispatcher.utter_message(
                text="I'm not completely sure what you mean, but this part of the article seems closest:\n\n"
                + hit.answer().render()
            )
        return offer_feedback(dispatcher, tracker, self.name())


def _symptom_slots(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in schema.SYMPTOM_SLOTS}


def _report(tracker: Tracker) -> schema.SymptomReport:
    return schema.SymptomReport.from_slots({**_symptom_slots(tracker), ASSUMED: tracker.get_slot(ASSUMED)})


def _form_turn(tracker: Tracker) -> tuple[bool, bool]:
    """(fresh, starting): does the form run right after a user message, and was it activated by that message?

    Rasa calls form validation on a copy of the tracker that ends with the form's own action; when the form
    resumes after an interruption, an action and a bot message stand between it and the user's message. At
    activation, Rasa appends the slots already filled (an earlier check's answers) after the form's action
    (rasa/core/actions/forms.py, `_temporary_tracker`): they are skipped, or a second check would keep the first's.
    """
    events = list(tracker.events)
    while events and events[-1].get("event") == "slot":
        events.pop()
    starting = False
    for event in reversed(events[:-1]):
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

    def name(self) -> str:
        return f"validate_{FORM_NAME}"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return list(rules.questions_to_ask(_report(tracker)))

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        # The SDK's default run() drops facts that are not requested this turn; every fact counts here.
        events = self._facts_from_latest_message(dispatcher, tracker, domain)
        tracker.add_slots(events)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return events + ([next_slot] if next_slot else [])

    def _facts_from_latest_message(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        fresh, starting = _form_turn(tracker)
        if not fresh:
            return []
        requested = None if starting else tracker.get_slot("requested_slot")
        message = tracker.latest_message
        intent = message.get("intent") or {}
        text = message.get("text") or ""
        said = normalise(text)
        turn = turn_reading.read_turn(
            said, intent.get("name"), intent.get("confidence") or 0.0, message.get("entities") or [], requested
        )
        if turn.interruption:
            return []
        if turn.meta and requested:  # a question about the question: only while one is asked
            return _answer_about_the_question(dispatcher, turn.meta, requested)
        # A new check starts clean: facts and bookkeeping from an earlier check must not carry over.
        before = {name: None for name in schema.SYMPTOM_SLOTS} if starting else _symptom_slots(tracker)
        after = rules.merge_answers(before, turn.values, requested)
        events: list[EventType] = [
            SlotSet(name, value) for name, value in after.items() if starting or value != before.get(name)
        ]
        if starting:
            events += [
                SlotSet(REPHRASE, None),
                SlotSet(UNREAD, None),
                SlotSet(ASSUMED, []),
                SlotSet(CHECK_OFFERED, False),
            ]
        if turn.question:
            answer = question_answering.answer_question(turn.question, message.get("entities") or [], said)
            if answer is not None:
                dispatcher.utter_message(text=answer.render())
        if turn.unread:
            return events + _not_read(dispatcher, tracker, turn.unread, text)
        if tracker.get_slot(REPHRASE) or tracker.get_slot(UNREAD):
            events += [SlotSet(REPHRASE, None), SlotSet(UNREAD, None)]
        return events


def _answer_about_the_question(dispatcher: CollectingDispatcher, meta: str, requested: str) -> list[EventType]:
    """ "Why do you ask?" gets what the answer decides, from the article; "what do you mean?" gets the question
    in plainer words. Either way the same question follows, and no answer counts as unread."""
    if meta == "why":
        reasons = "\n".join(
            f"• {article_facts.item_line(topic, item)} (“{article_facts.section_title(topic, item)}”)"
            for topic, item in schema.QUESTION_FACTS[requested]
        )
        dispatcher.utter_message(response="utter_why_asking", reasons=reasons)
        return [SlotSet(requested, None)]
    return [SlotSet(REPHRASE, requested), SlotSet(requested, None)]


def _not_read(dispatcher: CollectingDispatcher, tracker: Tracker, requested: str, text: str) -> list[EventType]:
    """An answer that could not be read: the question once more in plainer words, and after a second such
    answer the cautious assumption, "not sure", so the check never asks the same question a third time.
    Breathing is never assumed to be fine: "not sure" keeps the emergency advice in front of the person."""
    if tracker.get_slot(UNREAD) != requested:
        problem = input_check.problem(text)
        dispatcher.utter_message(response=f"utter_input_{problem}" if problem else "utter_not_read")
        # Setting the requested slot (even to None) keeps the form going, so it asks again.
        return [SlotSet(requested, None), SlotSet(UNREAD, requested), SlotSet(REPHRASE, requested)]
    response = "utter_assume_breathing" if requested == "breathing_difficulty" else "utter_assume_not_sure"
    dispatcher.utter_message(response=response, question=schema.QUESTION_WORDS[requested])
    assumed = list(tracker.get_slot(ASSUMED) or []) + [requested]
    return [
        SlotSet(requested, schema.UNKNOWN),
        SlotSet(ASSUMED, assumed),
        SlotSet(UNREAD, None),
        SlotSet(REPHRASE, None),
    ]


# rasa shell prints a custom payload as raw JSON after the text; the terminal reads better without it, and learns in
# words that the summary for a doctor is there to ask for.
TERMINAL_CHANNEL = "cmdline"


def _send_result(dispatcher: CollectingDispatcher, tracker: Tracker, check: summary.DoctorSummary) -> None:
    message = reply.render(check.result)
    if tracker.get_latest_input_channel() == TERMINAL_CHANNEL:
        dispatcher.utter_message(text=message.text)
        dispatcher.utter_message(response="utter_offer_summary_terminal")
    else:
        dispatcher.utter_message(text=message.text, json_message=summary.triage_payload(check))


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _finished_check(tracker: Tracker, domain: DomainDict, day: date) -> summary.DoctorSummary:
    """The result of the finished interview, with the words behind each answer."""
    report = _report(tracker)
    return summary.build(rules.assess(report), report, words_behind_answers(tracker.events, domain), day)


class ActionGiveTriage(Action):
    """Assesses the finished interview and sends the result as text and as a `triage` payload."""

    def name(self) -> str:
        return "action_give_triage"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        check = _finished_check(tracker, domain, _today())
        if check.result.level == "emergency":
            dispatcher.utter_message(response="utter_emergency")
        _send_result(dispatcher, tracker, check)
        return offer_feedback(dispatcher, tracker, self.name())


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

    def name(self) -> str:
        return "action_explain_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        _send_result(dispatcher, tracker, _emergency_check(tracker, domain, _today()))
        return []


def _emergency_check(tracker: Tracker, domain: DomainDict, day: date) -> summary.DoctorSummary:
    """The emergency result for the latest message, with the answers of a symptom check it interrupted."""
    message = tracker.latest_message
    text = message.get("text") or ""
    intent = message.get("intent") or {}
    turn = turn_reading.read_turn(
        normalise(text), intent.get("name"), intent.get("confidence") or 0.0, message.get("entities") or [], None
    )
    # Answers from a symptom check this message interrupted still apply; an older check's do not.
    ended = _ended_a_check(tracker)
    before = _symptom_slots(tracker) if ended else {}
    values = rules.merge_answers(before, turn.values)
    # The emergency answer has already been given; the explanation must agree with it.
    report = schema.SymptomReport.from_slots({**values, "breathing_difficulty": True})
    said = words_behind_answers(tracker.events, domain) if ended else {}
    said.update({name: text for name in [*turn.values, "breathing_difficulty"]})
    return summary.build(rules.assess(report), report, said, day)


# The actions that give a result, and how each result is rebuilt from the tracker as it was then.
RESULTS = {ActionGiveTriage().name(): _finished_check, ActionExplainEmergency().name(): _emergency_check}


class ActionShowSummary(Action):
    """The summary of the latest result for a doctor, as text, rebuilt from the conversation (nothing is stored)."""

    def name(self) -> str:
        return "action_show_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        index = latest_event(tracker, tuple(RESULTS))
        if index is None:
            dispatcher.utter_message(response="utter_no_summary_yet")
            return []
        given = tracker.events[index]
        day = datetime.fromtimestamp(given["timestamp"], timezone.utc).date() if given.get("timestamp") else _today()
        check = RESULTS[given["name"]](tracker_as_of(tracker, index), domain, day)
        dispatcher.utter_message(text=summary.as_text(check))
        return []
