"""What one message means for the symptom check: the facts it gives, and what else it does.

Pure Python (no Rasa). The answer readers (answer_readers.py) read each fact; this module decides which
of them count and what the message is besides an answer: a step out of the check (an article question, "stop"),
a question about the question ("why do you ask?", "what do you mean?"), or an answer the bot could not read.

Two rules keep it safe:
  * breathing trouble is looked for in every message, whatever the intent, and is never assumed away;
  * the vague answers ("yes", "sometimes", "a lot", a bare number) count only for the question that was asked,
    and an answer that fits another question fills that one instead of being misread as yes or no.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from muscle_triage.knowledge import causes, vocabulary
from muscle_triage.triage import schema
from muscle_triage.triage.schema import BOOL_SLOTS, SYMPTOM_SLOTS, UNKNOWN, normalise_triggers
from muscle_triage.understanding import answer_readers as readers
from muscle_triage.understanding import breathing, question_reading
from muscle_triage.understanding import scale_readers as scales
from muscle_triage.understanding.wording import Said, normalise

# Intents that mean the person stepped out of the check, when the NLU is this sure of them.
INTERRUPTION_CONFIDENCE = 0.6
INTERRUPTION_INTENTS = frozenset(
    {"stop", "out_of_scope", "bot_challenge", "ask_capabilities", "greet", "forget_conversation"}
)
# Stepping out of the check with these needs no question shape: "summary" alone asks for the summary.
CONVERSATIONAL_INTENTS = frozenset({"bot_challenge", "ask_capabilities", "greet", "ask_summary"})
LEAVING_INTENTS = frozenset({"stop", "forget_conversation"})  # step out, whatever else the message says
STOP_INTENT = "stop"
STOP_SAID = re.compile(
    r"^(?:please |ok |okay )?(?:stop|quit|cancel|exit|end)\b|\b(?:stop|quit|cancel|end) (?:this|the (?:check|questions)"
    r"|asking|it now|now|please)\b|\bi (?:want|wanna|'d like) to (?:stop|quit)\b|\bforget (?:it|this)\b|\benough\b"
    r"|(?:^|[,.;!]\s*)(?:please |just )?(?:stop|quit|cancel)(?: it| now| please)?\s*[.!]*$"
    r"|\bnever ?mind\b|\bforget about it\b|\bleave it\b|\bdon'?t bother\b"
)
EMERGENCY_INTENT = "report_emergency"
# Yes-words that are only hedges: "maybe a 3" is a pain score, not a yes.
HEDGE = re.compile(r"^(?:maybe|probably|perhaps|kind of|sort of|a little|a bit|somewhat|i think|i guess|quite)\b")
SCALES = ("episode_duration", "pain_level", "frequency", "history")
# A question asked along with an answer has a question word; a "?" alone is doubt ("2ish?", "the calf?").
ASKS = re.compile(
    r"^(?:what|why|how|when|which|who|where|is|are|can|could|should|would|do|does|did|will)\b"
    r"|\b(?:what|why|how|when|which|where|should i|is it|is this|can it|could it)\b.*\?"
)
YES_NO_CONFIDENCE = 0.6

WHY_ASKING = re.compile(
    r"\bwhy (?:do|would|are|is|does|d'?you|u|you)\b.*\b(?:ask\w*|need\w*|want\w*|matters?|know|question"
    r"|important|relevant|necessary)\b|^why[?!. ]*$|^why (?:ask|that|this)\b|\bwhat(?:'s| is| has) (?:that|this|it)"
    r" (?:got )?to do with\b|\bwhy does (?:that|it|this) matter\b|\bhow is (?:that|this|it) relevant\b"
    r"|\b(?:does|would) (?:that|it|this) (?:really )?matter\b|\bwhat(?:'s| is) the point of (?:this|that|the|your)"
    r" question\b|\bwhat difference does (?:that|it|this) make\b|\bwhy is (?:that|this|it) (?:\w+ )?(?:important"
    r"|needed|relevant|necessary)\b|\bwhy (?:this|that|the) question\b|\bwhy is this question\b|\bwhat for\b"
)
CLARIFY = re.compile(
    r"^(?:what|huh|eh|sorry|pardon|come again|wdym|meaning|hm+)[?!. ]*$|\bwhat do (?:you|u) mean\b|\bwdym\b"
    r"|\bi don'?t understand\b|\bi don'?t get (?:it|that|this|the question|your question|what you mean|you)\b"
    r"|\bwhat does (?:that|this|it) mean\b|\b(?:can|could) (?:you|u) (?:explain|rephrase|clarify|put (?:that|it)"
    r"|say (?:that|it))\b|\bnot sure what (?:you|u)(?:'re| are)? (?:mean|asking)\b|\bwhat are (?:you|u) asking\b"
    r"|\bconfus\w*|\brephrase\b|\bin other words\b|\bplainer\b|\bsimpler\b|\banother way\b"
)


@dataclass(frozen=True)
class Turn:
    values: dict[str, Any] = field(default_factory=dict)
    interruption: bool = False  # stepped out of the check: the rules answer, then the check resumes
    meta: str | None = None  # "why" or "clarify": a question about the question that was asked
    question: str | None = None  # an article question asked along with an answer (its intent)
    unread: str | None = None  # the asked question, when the message gave no answer to it


def names_place_and_feeling(turn: Turn) -> bool:
    """The message says where and what a muscle does ("legs jerk when stretched", "shoulder keeps seizing up"), or
    where and a fact of its episodes ("eyelid. 3 days."): about muscles, whatever words it uses."""
    return bool(turn.values.get("body_part") and (turn.values.get("sensation") or _account_facts(turn)))


# Facts of one person's own episodes, beyond where and what: how often, how long, since when, how much it hurts, a
# condition or a trigger. A general question names none of them ("why do calves cramp at night?").
_ACCOUNT_FACTS = frozenset(
    {"frequency", "episode_duration", "history", "pain_level", "pain_after", "known_condition", "triggers"}
)


def _account_facts(turn: Turn) -> frozenset[str]:
    return _ACCOUNT_FACTS & {name for name, value in turn.values.items() if value}


# "my shoulder keeps seizing up": episodes that come back, though how often goes unsaid.
KEEPS_HAPPENING = re.compile(scales.KEEPS_HAPPENING)


def recounts_a_symptom(turn: Turn, said: Said) -> bool:
    """Someone's own episodes told with their facts ("have MS. ankle jerks over n over"): worth offering the check."""
    return bool(
        turn.values.get("body_part")
        and turn.values.get("sensation")
        and (_account_facts(turn) or KEEPS_HAPPENING.search(said))
    )


def gives_a_scale_answer(said: Said) -> bool:
    """How long, how often, how much it hurts or since when, said outright ("long enough that I have to stop, roughly
    one to three minutes"), whichever question was asked: an answer, whatever else a word of it sounds like."""
    return bool(set(_facts(said, None)) & set(SCALES))


def meta_question(said: Said) -> str | None:
    """ "why" for "why do you ask?", "clarify" for "what do you mean?", else None."""
    if question_reading.about_muscles(said) and question_reading.frame_intents(said):
        return None  # "I'm confused, what sets off cramps?" asks the article, not about the question asked
    if WHY_ASKING.search(said):
        return "why"
    if CLARIFY.search(said):
        return "clarify"
    return None


def _from_entities(entities: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Values the NLU tagged, or a button's payload injected ("/describe_symptom{...}"), checked like any answer."""
    values: dict[str, Any] = {}
    cause_names: list[str] = []
    for entity in entities:
        name, value = entity.get("entity"), entity.get("value")
        if not isinstance(value, str) or not value:
            continue
        value = normalise(value)
        if name == "body_part" and (part := vocabulary.body_part_named(value)):
            values.setdefault(name, part.name)
        elif name == "sensation" and value in {canonical for _, canonical in readers.SENSATIONS}:
            values.setdefault(name, value)
        elif name == "pain_level":
            parsed = value if value in scales.PAIN_ORDER else scales.read_pain_level(value, asked=True)
            if parsed:
                values.setdefault(name, parsed)
        elif name == "condition" and value in causes.CONDITIONS:
            values.setdefault("known_condition", value)
        elif name == "cause":
            cause_names.append(value)
        elif name == "duration":
            parsed = value if value in scales.DURATION_ORDER else scales.read_episode_duration(value, asked=True)
            if parsed:
                values.setdefault("episode_duration", parsed)
        elif name == "frequency":
            parsed = value if value in schema.options("frequency") else scales.read_frequency(value, True)[0]
            if parsed:
                values.setdefault("frequency", parsed)
        elif name == "history":
            parsed = value if value in schema.options("history") else scales.read_history(value, asked=True)
            if parsed:
                values.setdefault("history", parsed)
    triggers = causes.triggers_of(cause_names)
    if triggers:
        values["triggers"] = triggers
    return values


def _facts(said: str, requested: str | None) -> dict[str, Any]:
    """Every fact the text gives; the requested question's reader also takes vague answers (pass None as
    `requested` for "I don't know", where "no" in "no idea" answers nothing)."""
    yes_no_asked = requested in BOOL_SLOTS or requested == "known_condition"
    frequency, rest = scales.read_frequency(said, asked=requested == "frequency", yes_no_asked=yes_no_asked)
    facts: dict[str, Any] = {
        "frequency": frequency,
        # Asked how long it has been going on, "the first time" means it just started, not how often.
        "history": scales.read_history(said, asked=True) if requested == "history" else scales.read_history(rest),
        # Asked whether the pain lingers, "sore" describes the lingering; only a score is about the pain itself.
        "pain_level": scales.read_pain_score(said)
        if requested == "pain_after"
        else scales.read_pain_level(said, asked=requested == "pain_level"),
        "body_part": readers.read_body_part(said, asked=requested == "body_part"),
        "sensation": readers.read_sensation(said, asked=requested == "sensation"),
    }
    # An answer about lingering pain ("it stays sore for hours") describes the after-pain, not the episode.
    if requested != "pain_after":
        facts["episode_duration"] = scales.read_episode_duration(rest, asked=requested == "episode_duration")
    for slot in readers.TOLD_OUTRIGHT:
        facts[slot] = readers.read_told_outright(slot, said)
    triggers = readers.read_triggers(said)
    if triggers:
        facts["triggers"] = triggers
    return {slot: value for slot, value in facts.items() if value is not None}


def _yes_no(
    said: str, requested: str, other_facts: Mapping[str, Any], intent: str | None, confidence: float
) -> bool | None:
    """The answer to a yes/no question; a hedge in front of another question's answer ("maybe a 3") is none.
    The Yes and No buttons send the intents themselves ("/affirm"), which count when the NLU is sure."""
    picked = readers.option_picked(requested, said)
    if picked is not None:
        return picked in (True, "unspecified")
    answer = readers.read_yes_no(said)
    if answer is not None and HEDGE.match(said) and any(slot in other_facts for slot in SCALES):
        return None
    if answer is None and intent in ("affirm", "deny") and confidence >= YES_NO_CONFIDENCE:
        return intent == "affirm"
    return answer


def read_turn(
    said: Said,
    intent: str | None,
    intent_confidence: float,
    entities: Sequence[Mapping[str, Any]],
    requested_slot: str | None,
) -> Turn:
    """What this message means for the check; `requested_slot` is the question just asked (None outside)."""
    requested = requested_slot if requested_slot in SYMPTOM_SLOTS else None
    confidence = intent_confidence or 0.0
    meta = meta_question(said) if requested else None
    unsure = readers.says_dont_know(said) and meta is None

    values = _facts(said, None if unsure else requested)
    for slot, value in _from_entities(entities).items():
        if slot == "triggers":
            values["triggers"] = list(values.get("triggers", [])) + value
        else:
            values.setdefault(slot, value)
    if "triggers" in values:
        values["triggers"] = list(normalise_triggers(values["triggers"]))
    known_condition = readers.read_known_condition(
        said,
        asked=requested == "known_condition",
        said_yes_no=_yes_no(said, requested, values, intent, confidence)
        if requested == "known_condition" and not unsure
        else None,
    )
    if known_condition:
        values.setdefault("known_condition", known_condition)
    if requested != "known_condition" and readers.condition_only_feared(said):
        values.pop("known_condition", None)  # the classifier's entity too: "convinced myself it's ALS" is a fear

    breathes = readers.read_breathing(said)
    if breathes is None and requested == "breathing_difficulty" and not unsure:
        breathes = _yes_no(said, requested, values, intent, confidence)
    if breathes is None and intent == EMERGENCY_INTENT and not breathing.asked_about(said):
        breathes = True  # the NLU heard an emergency (addons/input_guard.py checked it); trust it
    if breathes is not None:
        values["breathing_difficulty"] = breathes
    if requested in BOOL_SLOTS and requested not in values and not unsure:
        answer = _yes_no(said, requested, values, intent, confidence)
        if answer is None and requested in readers.TOLD_OUTRIGHT and readers.reads_as_normal(said):
            answer = False  # "grip fine", "doesn't look any different": the warning sign is not there
        if answer is not None:
            values[requested] = answer
    if unsure and requested and requested not in values:
        # Unsure about breathing is the emergency's cautious reading (triage.rules), not a question asked again.
        values[requested] = UNKNOWN

    if values.get("breathing_difficulty") is True:
        # Breathing trouble reported, the person's own or someone's with them: nothing else matters now. (A question
        # *about* breathing trouble, "can a spasm make it hard to breathe?", reports none: breathing.py.)
        return Turn(values)

    if meta and requested not in values:
        return Turn(meta=meta)
    # Stepping out of the check takes asking something, or a greeting, "are you a bot?", "what can you do?":
    # "it only happens after long shifts" is an answer and "qwerty" an unreadable one, whatever the classifier made
    # of them. Either way they count towards the two askings, so nothing but the person's own questions can
    # keep the check on one question.
    # An answer that only mentions stopping ("no, after it stops it's ok") is an answer, not a wish to stop.
    leaving = intent in LEAVING_INTENTS and (intent != STOP_INTENT or requested not in values or STOP_SAID.search(said))
    asks_something = _is_interruption(intent, confidence) and bool(
        leaving or ASKS.search(said) or (requested not in values and intent in CONVERSATIONAL_INTENTS)
    )
    if asks_something:
        if requested in values and (intent or "").startswith("ask_"):
            return Turn(values, question=intent)  # an answer and a question: both count
        return Turn(interruption=True)
    unread = requested if requested and requested not in values else None
    return Turn(values, unread=unread)


def _is_interruption(intent: str | None, confidence: float) -> bool:
    if confidence < INTERRUPTION_CONFIDENCE or not intent:
        return False
    return intent.startswith("ask_") or intent in INTERRUPTION_INTENTS
