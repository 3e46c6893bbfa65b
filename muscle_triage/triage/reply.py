"""Turns a TriageResult into the message the person reads, plus a JSON payload for the channel.

Pure Python (no Rasa). The only fixed wording here is the assistant's own framing; every article fact comes
from the knowledge module, so the message always matches the facts file. A reason resting on the assistant's own
reading rather than the article's says so in a note.
"""

from dataclasses import dataclass
from typing import Any

from muscle_triage.knowledge import article_facts
from muscle_triage.triage.findings import Reason, TriageResult
from muscle_triage.triage.rules import SUBTYPE_TOPICS
from muscle_triage.triage.schema import QUESTION_WORDS

LEVEL_LINES = {
    "emergency": "This needs help right away: please call your local emergency number now.",
    "specialist": "From what you've told me, this is worth getting checked by a doctor or specialist.",
    "self_care": (
        "From what you've told me, this is usually something you can look after yourself, "
        "as long as you watch for the warning signs below."
    ),
}
CONTRACTION_LINES = {
    "spasm": "It sounds most like a muscle spasm",
    "twitch": "It sounds most like a muscle twitch",
    "unclear": "From what you've described I can't tell whether this is a spasm or a twitch.",
}
DISCLAIMER = "This is not a diagnosis: I'm an automated assistant, not a doctor."
WATCH_FOR = (
    "See a doctor or specialist if any of these warning signs appear, and for difficulty breathing call your local "
    "emergency number at once"
)
# The article's "specialist" list holds every warning sign; its "harmless?" list names a subset under the same keys.
WARNING_SIGNS_TOPIC = "specialist"


@dataclass(frozen=True)
class TriageMessage:
    text: str
    payload: dict[str, Any]


def _quoted(title: str) -> str:
    return f"“{title}”"


def own_reading_note(reason: Reason) -> str | None:
    """The note, as a sentence, that the rule behind this reason is the assistant's own reading."""
    note = reason.own_reading
    return f"{note[0].upper()}{note[1:]}." if note else None


def reason_fields(reason: Reason) -> dict[str, str | None]:
    """A reason as plain JSON values: the person's fact, the article's point, its section, and any own reading."""
    return {"fact": reason.fact, "why": reason.why, "section": reason.section, "own_reading": own_reading_note(reason)}


def reason_line(reason: Reason) -> str:
    line = f"• {reason.fact}. {reason.why} ({_quoted(reason.section)})"
    note = own_reading_note(reason)
    return f"{line} Note: {note}" if note else line


def _item_line(topic: str, item: str) -> str:
    return f"• {article_facts.item_line(topic, item)} ({_quoted(article_facts.section_title(topic, item))})"


def kind_line(result: TriageResult) -> str:
    """What kind of contraction it sounds most like, with the article's closest kind when there is one."""
    line = CONTRACTION_LINES[result.contraction]
    if result.contraction == "unclear":
        return line
    label = article_facts.item_label(SUBTYPE_TOPICS[result.contraction], result.subtype) if result.subtype else None
    return f"{line} (closest kind in the article: {label})" if label else line


def _contraction_line(result: TriageResult) -> str:
    line = kind_line(result)
    return line if result.contraction == "unclear" else f"{line}. Why:"


def render(result: TriageResult) -> TriageMessage:
    lines: list[str] = [LEVEL_LINES[result.level]]
    lines += [reason_line(reason) for reason in result.level_reasons]
    if result.assumed:
        about = "; ".join(QUESTION_WORDS[name] for name in result.assumed)
        lines.append(
            f"• I couldn't read your answers about: {about}. I took each as “not sure”, which never "
            "makes this result less cautious."
        )

    lines += ["", _contraction_line(result)]
    lines += [reason_line(reason) for reason in result.kind_reasons]

    if result.causes:
        lines += ["", "Possible causes the article links to what you told me:"]
        lines += [_item_line(topic, item) for topic, item in result.causes]
    if result.advice:
        lines += ["", "What the article suggests to help prevent it:"]
        lines += [_item_line("prevention", step) for step in result.advice]
    if result.level == "self_care":
        lines += ["", f"{WATCH_FOR} ({_quoted(article_facts.section_title(WARNING_SIGNS_TOPIC))}):"]
        lines += [f"• {label}" for label in _warning_signs(result)]
        lines.append(f"{_general_advice(result)} ({_quoted(article_facts.section_title(WARNING_SIGNS_TOPIC))})")

    lines += ["", DISCLAIMER]
    return TriageMessage("\n".join(lines), payload(result))


def _warning_signs(result: TriageResult) -> list[str]:
    """Every warning sign the article gives, for a person told to look after it themselves; else none."""
    return all_warning_signs() if result.level == "self_care" else []


def all_warning_signs() -> list[str]:
    return [
        article_facts.item_label(WARNING_SIGNS_TOPIC, sign) for sign in article_facts.item_names(WARNING_SIGNS_TOPIC)
    ]


def _general_advice(result: TriageResult) -> str | None:
    """The article's closing instruction (get medical attention for persistent, concerning symptoms), on self care."""
    return article_facts.closing(WARNING_SIGNS_TOPIC) if result.level == "self_care" else None


def payload(result: TriageResult) -> dict[str, Any]:
    """The result as plain JSON values, for channels that draw their own card."""
    return {
        "triage": {
            "level": result.level,
            "contraction": result.contraction,
            "subtype": result.subtype,
            "reasons": [reason_fields(reason) for reason in result.reasons],
            "causes": [article_facts.item_label(topic, item) for topic, item in result.causes],
            "advice": [article_facts.item_label("prevention", step) for step in result.advice],
            "warning_signs": _warning_signs(result),
            "general_advice": _general_advice(result),
            "sources": list(result.sources),
            "assumed": list(result.assumed),
        }
    }
