"""Turns a TriageResult into the message the person reads, plus a JSON payload for the channel.

Pure Python (no Rasa). The only fixed wording here is the assistant's own framing; every article fact comes
from the knowledge module, so the message always matches the facts file.
"""

from dataclasses import dataclass
from typing import Any, Dict, List

from actions import knowledge
from actions.triage import SUBTYPE_TOPICS, Reason, TriageResult

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

@dataclass(frozen=True)
class TriageMessage:
    text: str
    payload: Dict[str, Any]


def _quoted(title: str) -> str:
    return f"“{title}”"


def _reason_line(reason: Reason) -> str:
    return f"• {reason.fact}. {reason.why} ({_quoted(reason.section)})"


def _item_line(topic: str, item: str) -> str:
    return f"• {knowledge.item_line(topic, item)} ({_quoted(knowledge.section_title(topic, item))})"


def _contraction_line(result: TriageResult) -> str:
    line = CONTRACTION_LINES[result.contraction]
    if result.contraction == "unclear":
        return line
    label = knowledge.item_label(SUBTYPE_TOPICS[result.contraction], result.subtype) if result.subtype else None
    return f"{line} (closest kind in the article: {label}). Why:" if label else f"{line}. Why:"


def render(result: TriageResult) -> TriageMessage:
    lines: List[str] = [LEVEL_LINES[result.level]]
    lines += [_reason_line(reason) for reason in result.level_reasons]

    lines += ["", _contraction_line(result)]
    lines += [_reason_line(reason) for reason in result.kind_reasons]

    if result.causes:
        lines += ["", "Possible causes the article links to what you told me:"]
        lines += [_item_line(topic, item) for topic, item in result.causes]
    if result.advice:
        lines += ["", "What the article suggests to help prevent it:"]
        lines += [_item_line("prevention", step) for step in result.advice]
    if result.level == "self_care":
        signs = "; ".join(knowledge.item_label("harmless", sign) for sign in knowledge.item_names("harmless"))
        section = _quoted(knowledge.section_title("harmless"))
        lines += ["", f"Get medical advice if any of these appear: {signs} ({section})."]

    lines += ["", DISCLAIMER]
    return TriageMessage("\n".join(lines), payload(result))


def payload(result: TriageResult) -> Dict[str, Any]:
    """The result as plain JSON values, for channels that draw their own card."""
    return {
        "triage": {
            "level": result.level,
            "contraction": result.contraction,
            "subtype": result.subtype,
            "reasons": [
                {"fact": reason.fact, "why": reason.why, "section": reason.section} for reason in result.reasons
            ],
            "causes": [knowledge.item_label(topic, item) for topic, item in result.causes],
            "advice": [knowledge.item_label("prevention", step) for step in result.advice],
            "sources": list(result.sources),
        }
    }
