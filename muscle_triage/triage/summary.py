"""A summary of one symptom check for the person to take to a doctor: the date, each fact in the person's own words
next to how the assistant read it, the result with its reasons and their article sections, the warning signs to
watch for, the not-a-doctor line and the article itself.

Pure Python (no Rasa). It is built from the conversation each time it is shown and kept nowhere else, so it goes
with the conversation on "forget me". The web page prints it, `make shell` shows it as text, and the triage payload
carries its fields for any other client.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from muscle_triage.knowledge import article_facts
from muscle_triage.triage import reply
from muscle_triage.triage.findings import TriageResult, condition_name
from muscle_triage.triage.schema import QUESTIONS, UNKNOWN, SymptomReport

TITLE = "Summary for your doctor"
INTRO = "Made by an automated assistant from a symptom check, to show a doctor. It is not a diagnosis."
LEVEL_NAMES = {"emergency": "Emergency", "specialist": "See a doctor or specialist", "self_care": "Self-care"}
ASSUMED_NOTE = "assumed: the answer could not be read, so it was taken cautiously as “not sure”"

# Each fact's heading in the summary, in the check's order; triggers have no question of their own.
FACT_NAMES = {
    "breathing_difficulty": "Trouble breathing",
    "body_part": "Where",
    "sensation": "What it feels like",
    "episode_duration": "How long one episode lasts",
    "pain_level": "Pain",
    "pain_after": "Pain that stays after it stops",
    "frequency": "How often it happens",
    "history": "How long it has been going on",
    "muscle_weakness": "Muscle weakness",
    "visible_change": "The muscle looks different",
    "known_condition": "A known nerve or muscle condition",
    "triggers": "What sets it off",
}
# How the assistant read an answer, in words; a value not listed reads as itself ("calf", "flicker").
VALUE_WORDS: dict[str, dict[Any, str]] = {
    "sensation": {
        "cramp": "a cramp or tightening",
        "twitch": "a flicker or twitch under the skin",
        "rhythmic_jerking": "rhythmic jerking when stretched",
    },
    "episode_duration": {"brief": "a second or two", "seconds_to_minutes": "seconds to minutes", "long": "longer"},
    "pain_level": {"none": "no pain"},
    "frequency": {"once": "just once", "occasional": "now and then", "frequent": "often"},
    "history": {"days": "less than a week", "weeks_or_longer": "a week or longer"},
    "known_condition": {"unspecified": "yes, not named", "none": "no"},
}


@dataclass(frozen=True)
class Fact:
    """One fact the person gave: what the question was about, their words, the assistant's reading of them."""

    name: str
    said: str | None  # None when the words are not in the conversation
    read: str
    assumed: bool = False


@dataclass(frozen=True)
class DoctorSummary:
    day: date
    facts: tuple[Fact, ...]
    result: TriageResult

    @property
    def date_text(self) -> str:
        return f"{self.day.day} {self.day:%B %Y}"

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.result.level]

    @property
    def warning_signs_section(self) -> str:
        return article_facts.section_title(reply.WARNING_SIGNS_TOPIC)


def reading(slot: str, value: Any) -> str:
    """How the assistant read an answer, in words."""
    if value == UNKNOWN:
        return "not sure"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(reading(slot, each) for each in value)
    words = VALUE_WORDS.get(slot, {}).get(value)
    if words:
        return words
    return condition_name(value) if slot == "known_condition" else str(value).replace("_", " ")


def facts_given(report: SymptomReport, said: Mapping[str, str]) -> tuple[Fact, ...]:
    """Every fact the report holds, in the check's order, with the words it was read from (`said`, by slot)."""
    values = [(question.slot, getattr(report, question.slot)) for question in QUESTIONS]
    values.append(("triggers", list(report.triggers)))
    return tuple(
        Fact(FACT_NAMES[slot], said.get(slot), reading(slot, value), slot in report.assumed)
        for slot, value in values
        if value is not None and value != []
    )


def build(result: TriageResult, report: SymptomReport, said: Mapping[str, str], day: date) -> DoctorSummary:
    return DoctorSummary(day, facts_given(report, said), result)


def fields(summary: DoctorSummary) -> dict[str, Any]:
    """The summary as plain JSON values, for clients that draw it themselves (the web page prints it)."""
    return {
        "title": TITLE,
        "intro": INTRO,
        "date": summary.day.isoformat(),
        "date_text": summary.date_text,
        "facts": [
            {"name": fact.name, "said": fact.said, "read": fact.read, "assumed": fact.assumed} for fact in summary.facts
        ],
        "assumed_note": ASSUMED_NOTE,
        "level": summary.result.level,
        "level_name": summary.level_name,
        "level_line": reply.LEVEL_LINES[summary.result.level],
        "kind": reply.kind_line(summary.result),
        "reasons": [reply.reason_fields(reason) for reason in summary.result.reasons],
        "watch_for": f"{reply.WATCH_FOR} (“{summary.warning_signs_section}”)",
        "warning_signs": reply.all_warning_signs(),
        "disclaimer": reply.DISCLAIMER,
        "article": article_facts.article_reference(),
    }


def triage_payload(summary: DoctorSummary) -> dict[str, Any]:
    """The result's payload (reply.payload) with the summary's fields under "summary"."""
    message = reply.payload(summary.result)
    message["triage"]["summary"] = fields(summary)
    return message


def _fact_line(fact: Fact) -> str:
    said = f"“{fact.said}” → " if fact.said else ""
    assumed = f" ({ASSUMED_NOTE})" if fact.assumed else ""
    return f"• {fact.name}: {said}{fact.read}{assumed}"


def as_text(summary: DoctorSummary) -> str:
    """The summary as plain text, ready to copy (the terminal shows it)."""
    lines = [f"{TITLE}, {summary.date_text}", INTRO, "", "What you said (your words → how the assistant read them):"]
    lines += [_fact_line(fact) for fact in summary.facts]
    lines += ["", f"Result: {summary.level_name}. {reply.LEVEL_LINES[summary.result.level]}"]
    lines += [f"Kind: {reply.kind_line(summary.result)}", "Why:"]
    lines += [reply.reason_line(reason) for reason in summary.result.reasons]
    lines += ["", f"{reply.WATCH_FOR} (“{summary.warning_signs_section}”):"]
    lines += [f"• {sign}" for sign in reply.all_warning_signs()]
    lines += ["", reply.DISCLAIMER, f"Source: {article_facts.article_reference()}"]
    return "\n".join(lines)
