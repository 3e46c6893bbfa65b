"""The pieces a triage result is built from: reasons citing the article, the result itself, and small readings
of the report that both the kind of contraction and the warning signs use.

Where the article gives no rule or number and the triage sets its own, the reason carries an `own_reading` note
(the texts below), so the person is told it is the assistant's cautious reading, not the article's.
"""

from dataclasses import dataclass
from typing import Any

from muscle_triage.knowledge import article_facts, vocabulary
from muscle_triage.triage.schema import LEVELS, PERSISTENT_MIN_DAYS, SEVERE_PAIN_MIN_SCORE, UNKNOWN, SymptomReport

SPASTICITY_CONDITIONS = frozenset({"multiple_sclerosis", "cerebral_palsy"})

# The assistant's own readings, each told to the person next to the reason it affects.
PERSISTENT_READING = (
    f"the article names no length of time, so counting {PERSISTENT_MIN_DAYS} days or more as going on for "
    "a long time is my own cautious reading"
)
SEVERE_PAIN_READING = (
    f"the article gives no pain score, so counting {SEVERE_PAIN_MIN_SCORE} out of 10 or more as severe is my own "
    "cautious reading; the article's mark is pain that becomes unbearable"
)
CONDITION_READING = (
    "the article's reasons to see a specialist don't include a known condition; I suggest one because the "
    "article links conditions like this to spasms and twitches, which is my own cautious reading"
)
CLONUS_READING = (
    "the article describes clonus as quick twitches set off by a stretch reflex and says nothing about rhythm, "
    "so matching rhythmic jerking to it is my own reading"
)
CLONUS_SPECIALIST_READING = (
    "matching rhythmic jerking to clonus, and suggesting a specialist for it because the article links clonus to "
    "an upper motor neuron lesion, is my own cautious reading"
)
NOT_RULED_OUT_READING = (
    "the article doesn't say what to do about a warning sign nobody has ruled out; treating it as if it were "
    "there is my own cautious reading"
)


@dataclass(frozen=True)
class Reason:
    """One step of the argument: what the person said (`fact`) and the article item that makes it matter.

    `points_to` says what the reason supports: a level, a contraction kind, or a subtype. `own_reading` says,
    when the rule behind the reason is the assistant's own and not the article's, what that reading is.
    """

    fact: str
    topic: str
    item: str | None
    points_to: str
    own_reading: str | None = None

    @property
    def section(self) -> str:
        return article_facts.section_title(self.topic, self.item)

    @property
    def why(self) -> str:
        """The article fact in the knowledge module's words (the topic's own statement when no item is named)."""
        if self.item is not None:
            return article_facts.item_line(self.topic, self.item)
        return article_facts.topic_statement(self.topic)


@dataclass(frozen=True)
class TriageResult:
    level: str
    contraction: str
    subtype: str | None
    reasons: tuple[Reason, ...]
    causes: tuple[tuple[str, str], ...]
    advice: tuple[str, ...]
    sources: tuple[str, ...]
    assumed: tuple[str, ...] = ()  # questions taken as "not sure" because the answer could not be read

    @property
    def level_reasons(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.points_to in LEVELS)

    @property
    def kind_reasons(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.points_to not in LEVELS)


# --- small readings of the report ----------------------------------------------------------------------------
def unresolved(value: Any) -> bool:
    return value is None or value == UNKNOWN


def in_group(report: SymptomReport, group: str) -> bool:
    """Whether the body part falls in one of the article's groupings (muscle_triage/knowledge/vocabulary.py)."""
    return report.body_part != UNKNOWN and group in vocabulary.body_groups(report.body_part)


def body_name(report: SymptomReport) -> str:
    return report.body_part.replace("_", " ") if report.body_part and report.body_part != UNKNOWN else "muscle"


CONDITION_NAMES = {
    "multiple_sclerosis": "multiple sclerosis",
    "spinal_cord_injury": "a spinal cord injury",
    "als": "ALS",
    "parkinsons": "Parkinson's disease",
    "cerebral_palsy": "cerebral palsy",
    "unspecified": "a condition that affects your nerves or muscles",
}
# The article's causes (and twitch triggers) live in topics of these names; article_facts.locate finds which
# one covers a trigger or condition the person named (article_facts.yml, "aliases").
CAUSE_TOPICS = ("causes", "twitch_triggers")


def cause_of(word: str) -> tuple[tuple[str, str], ...]:
    """The article item that names this trigger or condition as a cause; "unspecified" -> medical conditions."""
    found = [pair for pair in article_facts.locate(word) if pair[0] in CAUSE_TOPICS]
    if not found and word not in SPASTICITY_CONDITIONS:
        found = [("causes", "medical_conditions")]
    return tuple(found[:1])


def condition_name(condition: str) -> str:
    return CONDITION_NAMES.get(condition, condition.replace("_", " "))
