"""Known conversations for the report's tests, written into a tracker store with Rasa's own classes.

Each conversation is built from the events Rasa 3.6 writes for this bot, in the order it writes them (as in the
trackers the conversation tests leave behind: a form turn is the form's action, the validation's messages and slots,
then the requested slot and the next question). EXPECTED is what the report must say about them, worked out by hand
from the stories below; tests/test_conversation_report.py (SQLite) and tests/scale_out/test_report_postgresql.py
(PostgreSQL) check every figure against it.

To look at the report of these conversations (the figures and the picture in the closing note of issue 13):
    .venv/bin/python -m tests.report_seed DIR            # writes DIR/conversations.db and DIR/endpoints.throwaway.yml
    make report ENDPOINTS=DIR/endpoints.throwaway.yml
"""

import asyncio
import sys
from pathlib import Path
from typing import Any

from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from harness.bot_servers import PROJECT, endpoints_with_store_in

FORM = "symptom_form"


class Talk:
    """One conversation, event by event."""

    def __init__(self, sender: str):
        self.sender = sender
        self.events: list = []
        self.new_session()

    # --- building blocks -----------------------------------------------------------------------------------------
    def new_session(self) -> "Talk":
        self.events += [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
        return self

    def say(self, text: str, intent: str) -> "Talk":
        if not (isinstance(self.events[-1], ActionExecuted) and self.events[-1].action_name == "action_listen"):
            self.events.append(ActionExecuted("action_listen"))
        self.events += [
            UserUttered(text, {"name": intent, "confidence": 0.9}),
            DefinePrevUserUtteredFeaturization(False),
        ]
        return self

    def bot(self, response: str | None = None, text: str = "…", level: str | None = None) -> "Talk":
        data = {"custom": {"triage": {"level": level, "contraction": "spasm", "subtype": None}}} if level else {}
        self.events.append(BotUttered(text, data, {"utter_action": response} if response else {}))
        return self

    def action(self, name: str) -> "Talk":
        self.events.append(ActionExecuted(name))
        return self

    def slots(self, **values: Any) -> "Talk":
        self.events += [SlotSet(name, value) for name, value in values.items()]
        return self

    def ask(self, slot: str | None) -> "Talk":
        """The form asks the next question, or ends when there is none."""
        if slot is None:
            return self.slots(requested_slot=None).loop(None)
        return self.slots(requested_slot=slot).bot(f"utter_ask_{slot}")

    def loop(self, name: str | None) -> "Talk":
        self.events.append(ActiveLoop(name))
        return self

    # --- what people and the bot do ------------------------------------------------------------------------------
    def start_check(self, opening: str, **facts: Any) -> "Talk":
        self.say(opening, "describe_symptom").action(FORM).loop(FORM)
        return self.slots(breathing_difficulty=None, **facts, rephrase=None, unread_answer=None, assumed=[]).ask(
            "breathing_difficulty"
        )

    def answer(self, text: str, slot: str, value: Any, next_slot: str | None) -> "Talk":
        return self.say(text, "describe_symptom").action(FORM).slots(**{slot: value}).ask(next_slot)

    def unreadable(self, text: str, slot: str) -> "Talk":
        self.say(text, "nlu_fallback").action(FORM).bot("utter_not_read")
        return self.slots(**{slot: None}, unread_answer=slot, rephrase=slot).ask(slot)

    def taken_as_not_sure(self, text: str, slot: str, next_slot: str) -> "Talk":
        response = "utter_assume_breathing" if slot == "breathing_difficulty" else "utter_assume_not_sure"
        self.say(text, "nlu_fallback").action(FORM).bot(response)
        return self.slots(**{slot: "unknown"}, assumed=[slot], unread_answer=None, rephrase=None).ask(next_slot)

    def what_do_you_mean(self, slot: str) -> "Talk":
        return (
            self.say("what do you mean?", "describe_symptom")
            .action(FORM)
            .slots(rephrase=slot, **{slot: None})
            .ask(slot)
        )

    def result(self, level: str) -> "Talk":
        self.action("action_give_triage")
        if level == "emergency":
            self.bot("utter_emergency")
        self.bot(text="From what you've told me …", level=level)
        return self.feedback_question(asked=level != "emergency")

    def feedback_question(self, asked: bool) -> "Talk":
        """The answering action's own "Was this helpful?", right after its answer."""
        if asked:
            self.bot("utter_feedback_question", "Was this helpful?")
        return self.slots(feedback_asked=asked)

    def stop(self) -> "Talk":
        self.say("stop", "stop").events.append(ActionExecutionRejected(FORM))
        self.action("utter_interview_stopped").bot("utter_interview_stopped")
        return self.action("action_deactivate_loop").loop(None).slots(requested_slot=None)

    def emergency(self, text: str, in_check: bool) -> "Talk":
        self.say(text, "report_emergency").action("utter_emergency").bot("utter_emergency")
        if in_check:
            self.action("action_deactivate_loop").loop(None).slots(requested_slot=None)
        return self.action("action_explain_emergency").bot(text="Why …", level="emergency")

    def article(self, text: str, intent: str) -> "Talk":
        self.say(text, intent).action("action_answer_question").bot(text="An answer …\n\nArticle section: “…”")
        return self.feedback_question(asked=True)

    def not_sure(self, text: str) -> "Talk":
        return self.say(text, "nlu_fallback").action("action_search_article").bot("utter_not_sure")

    def rate(self, helpful: bool, action: str, intent: str | None, question: str) -> "Talk":
        name = "helpful" if helpful else "unhelpful"
        self.say(f"/rate_{name}", f"rate_{name}").action(f"action_rate_{name}")
        self.bot("utter_feedback_thanks" if helpful else "utter_feedback_sorry")
        answer = {"action": action, "intent": intent, "question": question, "answer": "…"}
        return self.slots(feedback={"rating": name, "answer": answer, "comment": None})


def conversations() -> list[Talk]:
    no_breathing = ("no", "breathing_difficulty", False)
    return [
        Talk("seed-self-care")
        .start_check("my calf cramps", body_part="calf", sensation="cramp")
        .answer(*no_breathing, "episode_duration")
        .answer("about a minute", "episode_duration", "seconds_to_minutes", "pain_level")
        .answer("mild", "pain_level", "mild", None)
        .result("self_care")
        .rate(True, "action_give_triage", "describe_symptom", "mild"),
        Talk("seed-specialist")
        .start_check("my back cramps", body_part="back", sensation="cramp")
        .answer(*no_breathing, "episode_duration")
        .what_do_you_mean("episode_duration")
        .answer("a few minutes", "episode_duration", "seconds_to_minutes", "pain_level")
        .answer("8 out of 10", "pain_level", "severe", None)
        .result("specialist")
        .rate(False, "action_give_triage", "describe_symptom", "8 out of 10"),
        Talk("seed-emergency-first").emergency("I can't breathe and my chest cramps", in_check=False),
        Talk("seed-emergency-mid")
        .start_check("my neck spasms", body_part="neck")
        .answer(*no_breathing, "sensation")
        .emergency("now I'm struggling to breathe", in_check=True),
        Talk("seed-breathing-yes")
        .start_check("my chest is tight", body_part="chest")
        .answer("yes", "breathing_difficulty", True, None)
        .result("emergency"),
        Talk("seed-stopped")
        .start_check("my thigh twitches", body_part="thigh", sensation="twitch")
        .answer(*no_breathing, "episode_duration")
        .answer("a second", "episode_duration", "brief", "pain_level")
        .stop(),
        Talk("seed-left")
        .start_check("my calf cramps", body_part="calf", sensation="cramp")
        .answer(*no_breathing, "episode_duration")
        .answer("a minute", "episode_duration", "seconds_to_minutes", "pain_level")
        .answer("none", "pain_level", "none", "frequency")
        .unreadable("🤷", "frequency")
        .taken_as_not_sure("purple", "frequency", "history"),
        Talk("seed-two-sessions")
        .article("what causes cramps?", "ask_causes")
        .rate(False, "action_answer_question", "ask_causes", "what causes cramps?")
        .not_sure("do cats get twitches?")
        .new_session()
        .start_check("my eyelid flickers", body_part="eyelid", sensation="flicker"),
        Talk("seed-article")
        .article("How can I prevent cramps?", "ask_prevention")
        .rate(False, "action_answer_question", "ask_prevention", "How can I prevent cramps?")
        .article("what causes twitches?", "ask_causes")
        .rate(False, "action_answer_question", "ask_causes", "what causes twitches?")
        .not_sure("do cats get twitches?")
        .not_sure("can acupuncture help?")
        .start_check("my calf cramps", body_part="calf")
        .unreadable("🙃", "breathing_difficulty")
        .taken_as_not_sure("🙃", "breathing_difficulty", "episode_duration")
        .stop(),
    ]


EXPECTED = {
    "conversations": 9,
    "sessions": 10,
    "checks_started": 8,
    "outcomes": {
        "completed_self_care": 1,
        "completed_specialist": 1,
        "completed_emergency": 1,
        "emergency_answer": 1,
        "stopped": 2,
        "left_unfinished": 2,
    },
    "dropped_at": {
        "stopped": {"pain_level": 1, "episode_duration": 1},
        "left_unfinished": {"history": 1, "breathing_difficulty": 1},
    },
    "emergency_answers": 3,
    "sessions_with_emergency": 3,
    "fallbacks": 3,
    "taken_as_not_sure": {"frequency": 1, "breathing_difficulty": 1},
    "reasked": {"episode_duration": 1, "frequency": 1, "breathing_difficulty": 1},
    "rated_helpful": 1,
    "rated_unhelpful": 4,
    "unhelpful_answers": {"What causes them?": 2, "How can I prevent them?": 1, "a symptom-check result": 1},
}
# Only with --with-text: the messages, never the senders.
EXPECTED_TEXTS = {
    "fallback_texts": {"do cats get twitches?": 2, "can acupuncture help?": 1},
    "unhelpful_texts": {
        "8 out of 10": 1,
        "what causes cramps?": 1,
        "how can i prevent cramps?": 1,
        "what causes twitches?": 1,
    },
}
SENDERS = [talk.sender for talk in conversations()]
# What people wrote that the report must not show without --with-text (the first four it shows with it).
PRIVATE_TEXTS = (
    "do cats get twitches?",
    "can acupuncture help?",
    "what causes cramps?",
    "8 out of 10",
    "I can't breathe and my chest cramps",
    "my eyelid flickers",
    "now I'm struggling to breathe",
)


def seed(store: TrackerStore, domain: Domain) -> None:
    """Writes the known conversations into the store, as Rasa saves a conversation."""

    async def save_all() -> None:
        for talk in conversations():
            await store.save(DialogueStateTracker.from_events(talk.sender, talk.events, slots=domain.slots))

    asyncio.run(save_all())


def seed_store_in(directory: Path) -> Path:
    """The project's endpoints.yml on a new SQLite file in `directory`, seeded; returns that endpoints file."""
    directory.mkdir(parents=True, exist_ok=True)
    endpoints = endpoints_with_store_in(directory)
    domain = Domain.load(str(PROJECT / "domain.yml"))
    seed(TrackerStore.create(AvailableEndpoints.read_endpoints(str(endpoints)).tracker_store, domain=domain), domain)
    return endpoints


if __name__ == "__main__":
    if len(sys.argv) != 2 or Path(sys.argv[1], "conversations.db").exists():
        sys.exit("usage: python -m tests.report_seed NEW_DIR (a folder without a conversations.db)")
    print(f"Seeded. Now: make report ENDPOINTS={seed_store_in(Path(sys.argv[1]))}")
