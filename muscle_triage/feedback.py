"""When to ask "Was this helpful?", and which answer a rating is about, read from the conversation's events.

Pure Python over the tracker's event dicts (no Rasa import), so every rule below is tested directly:
- only an answer counts: the article's answer, the closest article passage, or a symptom check's result, as
  the answering action's own text; its canned "not sure" and "please rephrase" responses do not;
- not when the answer offered the symptom check (its own yes-or-no question);
- never in the middle of the symptom check (the caller says whether a form is active);
- never twice in a row: not when the previous answer was already followed by the question;
- never in a conversation session that has had the emergency answer.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

ANSWER_ACTIONS = frozenset({"action_answer_question", "action_search_article", "action_give_triage"})
EMERGENCY_RESPONSE = "utter_emergency"
# An answer that ends by offering the symptom check asks its own yes-or-no question; a second one would make a
# "yes" ambiguous (data/rules/symptom_check.yml starts the check on it).
CHECK_OFFER_RESPONSE = "utter_offer_check"
HELPFUL, UNHELPFUL = "helpful", "unhelpful"
ASKED_SLOT = "feedback_asked"  # set by each answering action: did it ask?

# "Related topics" after a thumbs-down: each article topic as the question a button asks, in the article's order
# (the intents of question_answering.INTENT_TOPICS; a test keeps the two in step).
TOPIC_QUESTIONS = {
    "ask_spasm_definition": "What is a muscle spasm?",
    "ask_twitch_definition": "What is a muscle twitch?",
    "ask_difference": "How do spasms and twitches differ?",
    "ask_spasm_types": "What kinds of spasms are there?",
    "ask_twitch_types": "What kinds of twitches are there?",
    "ask_causes": "What causes them?",
    "ask_harmless": "Are they harmful?",
    "ask_when_specialist": "When should I see a specialist?",
    "ask_diagnosis": "How is the cause diagnosed?",
    "ask_prevention": "How can I prevent them?",
    "ask_living_with": "How do I live with them?",
}
ARTICLE_ORDER = tuple(TOPIC_QUESTIONS)
# After a symptom check, or a question no intent covered: when to get help, and what to do about it.
DEFAULT_RELATED = ("ask_when_specialist", "ask_harmless", "ask_prevention")


@dataclass(frozen=True)
class RatedAnswer:
    """An answer the person can rate: which action gave it, to what message, and what it said."""

    action: str
    intent: str | None
    question: str
    answer: str

    def as_slot(self) -> dict[str, Any]:
        return asdict(self)


def _session(events: Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    """The events of the latest conversation session."""
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "session_started":
            return events[index + 1 :]
    return events


def _response_name(event: Mapping[str, Any]) -> str | None:
    """The domain response a bot message came from (Rasa notes it in the message's metadata), if any."""
    return (event.get("metadata") or {}).get("utter_action")


@dataclass
class _Turn:
    question: str
    intent: str | None
    answer: RatedAnswer | None = None
    asked: bool = False  # followed by "Was this helpful?"


def _turns(events: Sequence[Mapping[str, Any]]) -> list[_Turn]:
    """The latest session's turns (a message and what the bot did about it), each with its answer, if any."""
    turns: list[_Turn] = []
    answering: str | None = None
    texts: list[str] = []

    def close() -> None:
        if turns and answering and texts:
            turn = turns[-1]
            turn.answer = RatedAnswer(answering, turn.intent, turn.question, "\n\n".join(texts))

    for event in _session(events):
        kind = event.get("event")
        if kind == "user":
            close()
            answering, texts = None, []
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            turns.append(_Turn(event.get("text") or "", intent))
        elif kind == "action" and event.get("name") != "action_listen":
            close()
            answering, texts = (event.get("name"), []) if event.get("name") in ANSWER_ACTIONS else (None, [])
        elif kind == "bot" and answering and _response_name(event) is None and event.get("text"):
            texts.append(event["text"])
        elif kind == "slot" and event.get("name") == ASKED_SLOT and event.get("value") and turns:
            turns[-1].asked = True
    close()
    return turns


def latest_answer(events: Sequence[Mapping[str, Any]]) -> RatedAnswer | None:
    """The answer a rating is about: the latest one of this session."""
    answered = [turn.answer for turn in _turns(events) if turn.answer]
    return answered[-1] if answered else None


def had_emergency(events: Iterable[Mapping[str, Any]]) -> bool:
    """Has this session had the emergency answer (from a rule, the emergency policy or a triage result)?"""
    return any(
        event.get("event") == "bot" and _response_name(event) == EMERGENCY_RESPONSE for event in _session(list(events))
    )


def _offered_the_check(events: Sequence[Mapping[str, Any]]) -> bool:
    """Did the reply to the latest message offer the symptom check?"""
    for event in reversed(events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and _response_name(event) == CHECK_OFFER_RESPONSE:
            return True
    return False


def with_reply(
    events: Sequence[Mapping[str, Any]], action: str, messages: Iterable[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The conversation as it will be once `action` has sent `messages` (a dispatcher's messages): the answering
    action asks "Was this helpful?" itself, before its own events are in the tracker. A domain response is noted in
    the bot event's metadata, as Rasa notes it."""
    reply = [
        {"event": "bot", "text": message.get("text"), "metadata": {"utter_action": message.get("response")}}
        for message in messages
    ]
    return [*events, {"event": "action", "name": action}, *reply]


def should_offer(events: Sequence[Mapping[str, Any]], in_symptom_check: bool) -> bool:
    """Ask "Was this helpful?" after the answer to the latest message?"""
    if in_symptom_check or had_emergency(events):
        return False
    turns = _turns(events)
    if not turns or turns[-1].answer is None or _offered_the_check(events):
        return False
    earlier = [turn for turn in turns[:-1] if turn.answer]
    return not (earlier and earlier[-1].asked)


def rating(helpful: bool, rated: RatedAnswer | None, text: str) -> dict[str, Any]:
    """The rating as recorded in the conversation: helpful or not, the answer it rates, and any words given
    (a button sends an intent payload such as "/rate_unhelpful", which is no comment)."""
    comment = text.strip()
    return {
        "rating": HELPFUL if helpful else UNHELPFUL,
        "answer": rated.as_slot() if rated else None,
        "comment": None if not comment or comment.startswith("/") else comment,
    }


def related_intents(rated: Mapping[str, Any] | None, count: int = 3) -> list[str]:
    """The article topics next to the one rated (by the intents that ask about them), nearest first."""
    intent = (rated or {}).get("intent")
    if intent not in ARTICLE_ORDER:
        return list(DEFAULT_RELATED[:count])
    position = ARTICLE_ORDER.index(intent)
    by_distance = sorted(
        (other for other in ARTICLE_ORDER if other != intent),
        key=lambda other: (abs(ARTICLE_ORDER.index(other) - position), ARTICLE_ORDER.index(other)),
    )
    return by_distance[:count]
