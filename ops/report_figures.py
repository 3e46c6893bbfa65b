"""The report's figures, from where each marker of markers.yml applied in each conversation session.

Markers say what happened at which event; this module strings those moments into symptom checks, in event order:
a check starts (`check_started`) and ends at the first of
  * `check_completed`: its result, whose level is that of the result message that follows (`result_<level>`);
  * `emergency_shown`: the emergency answer cut it short;
  * `check_stopped`: the person left it; the question it was at is the `requested_slot` of that moment;
  * the end of the session with `question_pending`: the person left it unfinished, at that question.
Which question a moment belongs to is read from the conversation's slots at that event, never from message text.
Message text is kept only when asked for (`with_text`), and sender ids never.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.events import BotUttered, Event, SlotSet, UserUttered

from muscle_triage.feedback import TOPIC_QUESTIONS
from muscle_triage.triage.schema import KIND_QUESTIONS, LEVELS, WARNING_SIGN_QUESTIONS

# The check's questions in the order it asks them.
QUESTIONS = ("breathing_difficulty", *KIND_QUESTIONS, *WARNING_SIGN_QUESTIONS)
# How a check can end, in the order the report shows them.
OUTCOMES = (*(f"completed_{level}" for level in LEVELS), "emergency_answer", "stopped", "left_unfinished")
NOT_ASKED_YET = "before the first question"
# What a rated answer is called, by the action that gave it; an article answer by its topic (its intent's question).
RATED_ACTIONS = {"action_give_triage": "a symptom-check result", "action_search_article": "the closest passage"}
RATING_SLOT = "feedback"
RESULT_NOT_SHOWN = "the result, never shown"


@dataclass(frozen=True)
class Session:
    """One conversation session: its events, and the event indices (within it) where each marker applies."""

    events: Sequence[Event]
    moments: Mapping[str, Sequence[int]]

    def at(self, marker: str) -> Sequence[int]:
        return self.moments.get(marker, ())


@dataclass
class Figures:
    conversations: int = 0
    sessions: int = 0
    checks_started: int = 0
    outcomes: Counter = field(default_factory=Counter)  # OUTCOMES -> checks
    dropped_at: dict = field(default_factory=dict)  # "stopped" / "left_unfinished" -> Counter(question)
    emergency_answers: int = 0
    sessions_with_emergency: int = 0
    fallbacks: int = 0  # "not sure" replies to a message the bot could not answer
    taken_as_not_sure: Counter = field(default_factory=Counter)  # question -> times
    reasked: Counter = field(default_factory=Counter)  # question -> times asked again in plainer words
    rated: Counter = field(default_factory=Counter)  # "helpful" / "unhelpful" -> ratings
    unhelpful_answers: Counter = field(default_factory=Counter)  # what the answer rated 👎 was about -> times
    fallback_texts: Counter = field(default_factory=Counter)  # only with text: the messages that got "not sure"
    unhelpful_texts: Counter = field(default_factory=Counter)  # only with text: the messages whose answer got 👎

    def as_dict(self) -> dict[str, Any]:
        return {
            "conversations": self.conversations,
            "sessions": self.sessions,
            "checks_started": self.checks_started,
            "outcomes": {outcome: self.outcomes[outcome] for outcome in OUTCOMES},
            "dropped_at": {how: dict(self.dropped_at.get(how, Counter())) for how in ("stopped", "left_unfinished")},
            "emergency_answers": self.emergency_answers,
            "sessions_with_emergency": self.sessions_with_emergency,
            "fallbacks": self.fallbacks,
            "taken_as_not_sure": dict(self.taken_as_not_sure),
            "reasked": dict(self.reasked),
            "rated_helpful": self.rated["helpful"],
            "rated_unhelpful": self.rated["unhelpful"],
            "unhelpful_answers": dict(self.unhelpful_answers),
            **({"fallback_texts": dict(self.fallback_texts)} if self.fallback_texts else {}),
            **({"unhelpful_texts": dict(self.unhelpful_texts)} if self.unhelpful_texts else {}),
        }


def slot_after(events: Sequence[Event], index: int, slot: str) -> Any:
    """The slot's value right after the event at `index`, within one session."""
    for event in reversed(events[: index + 1]):
        if isinstance(event, SlotSet) and event.key == slot:
            return event.value
    return None


def _question(session: Session, index: int, slot: str = "requested_slot") -> str:
    return slot_after(session.events, index, slot) or NOT_ASKED_YET


def _checks(session: Session, figures: Figures) -> None:
    """Follows each check of the session from its start to how it ended."""
    kinds = {
        "check_started": "start",
        "check_completed": "completed",
        "emergency_shown": "emergency",
        "check_stopped": "stopped",
        **{f"result_{level}": level for level in LEVELS},
    }
    timeline = sorted((index, kind) for marker, kind in kinds.items() for index in session.at(marker))
    state = None  # None, "open", or "completing": the result action ran and its result message is next

    def left(question: str) -> None:
        figures.outcomes["left_unfinished"] += 1
        figures.dropped_at.setdefault("left_unfinished", Counter())[question] += 1

    for index, kind in timeline:
        if state == "completing":
            if kind in LEVELS:
                figures.outcomes[f"completed_{kind}"] += 1
                state = None
                continue
            if kind == "emergency":
                continue  # an emergency result opens with the emergency answer
            left(RESULT_NOT_SHOWN)  # the result action ran but sent no result (its action server failed)
            state = None
        if kind == "start":
            figures.checks_started += 1
            state = "open"
        elif state != "open":
            continue
        elif kind == "completed":
            state = "completing"
        elif kind == "emergency":
            figures.outcomes["emergency_answer"] += 1
            state = None
        elif kind == "stopped":
            figures.outcomes["stopped"] += 1
            figures.dropped_at.setdefault("stopped", Counter())[_question(session, index)] += 1
            state = None
    if state == "completing":
        left(RESULT_NOT_SHOWN)
    elif state == "open":
        last = len(session.events) - 1
        left(_question(session, last) if last in session.at("question_pending") else NOT_ASKED_YET)


def rated_answer(events: Sequence[Event], index: int) -> Mapping[str, Any]:
    """The answer a rating at `index` is about: the `feedback` slot the rating action sets right after it."""
    for event in events[index + 1 :]:
        if isinstance(event, SlotSet) and event.key == RATING_SLOT:
            return (event.value or {}).get("answer") or {}
        if not isinstance(event, (SlotSet, BotUttered)):
            break
    return {}


def answer_label(answer: Mapping[str, Any]) -> str:
    """What a rated answer was about, in the bot's words, never the person's: the article topic its intent asks
    about, or the kind of answer."""
    action, intent = answer.get("action"), answer.get("intent")
    if action == "action_answer_question" and intent in TOPIC_QUESTIONS:
        return TOPIC_QUESTIONS[intent]
    return RATED_ACTIONS.get(action, "an answer of unknown kind")


def _user_text_before(events: Sequence[Event], index: int) -> str:
    for event in reversed(events[:index]):
        if isinstance(event, UserUttered):
            return " ".join((event.text or "").split()).lower()
    return ""


def add_session(figures: Figures, session: Session, with_text: bool = False) -> None:
    figures.sessions += 1
    _checks(session, figures)
    emergencies = session.at("emergency_shown")
    figures.emergency_answers += len(emergencies)
    figures.sessions_with_emergency += bool(emergencies)
    figures.fallbacks += len(session.at("fallback_not_sure"))
    for index in session.at("answer_taken_as_not_sure"):
        figures.taken_as_not_sure[_question(session, index)] += 1
    for index in session.at("question_reasked"):
        figures.reasked[_question(session, index, "rephrase")] += 1
    for rating in ("helpful", "unhelpful"):
        figures.rated[rating] += len(session.at(f"rated_{rating}"))
    for index in session.at("rated_unhelpful"):
        answer = rated_answer(session.events, index)
        figures.unhelpful_answers[answer_label(answer)] += 1
        if with_text:
            figures.unhelpful_texts[" ".join(str(answer.get("question") or "").split()).lower()] += 1
    if with_text:
        for index in session.at("fallback_not_sure"):
            figures.fallback_texts[_user_text_before(session.events, index)] += 1


def add_conversation(figures: Figures, sessions: Sequence[Session], with_text: bool = False) -> None:
    """Adds one conversation, given as its sessions (markers are evaluated per session, as Rasa does)."""
    figures.conversations += 1
    for session in sessions:
        add_session(figures, session, with_text)
