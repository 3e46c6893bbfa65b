"""The symptom check's slots, in one place: which questions it asks and in what order, the values each answer may
take, what each question is about, and the report they add up to.

A question's `options` are the values its buttons in domain.yml give, in the buttons' order; tests/test_slot_schema.py
reads every button back through the answer readers and checks domain.yml's slots and form against this table.

Slot values: None means "not asked yet"; UNKNOWN means "not sure", or an answer that could not be read twice.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

UNKNOWN = "unknown"
LEVELS = ("self_care", "specialist", "emergency")  # in increasing urgency
YES_NO = (True, False)  # the buttons' order: "Yes" first

# The article names no numbers for these; ours are set low on purpose, so doubt leads to a specialist.
PERSISTENT_MIN_DAYS = 7  # going on this long counts as "an extended period" (read as history "weeks_or_longer")
SEVERE_PAIN_MIN_SCORE = 7  # out of 10; the article's mark is pain that becomes unbearable


@dataclass(frozen=True)
class Question:
    slot: str
    about: str  # what it asks, in words that fit "You weren't sure ..." and "I'll take ... as"
    facts: tuple[tuple[str, str], ...]  # the article items it decides (topic, item): "Why do you ask?" cites them
    options: tuple[Any, ...] = ()  # the buttons' values in order; () when it is answered in the person's words
    # The options run from least to most worrying: a remark made later may raise the answer, never lower it.
    ranked: bool = False

    @property
    def yes_no(self) -> bool:
        return self.options == YES_NO

    @property
    def worry_order(self) -> tuple[Any, ...]:
        """The answers from least to most worrying; () when no answer is more worrying than another."""
        if self.yes_no:
            return (False, True)
        return self.options if self.ranked else ()


# In asking order: breathing first (it alone decides an emergency), then what kind of contraction it is, then the
# article's warning signs.
BREATHING = Question(
    "breathing_difficulty", "whether you have any trouble breathing", (("specialist", "breathing"),), YES_NO
)
KIND = (
    Question("body_part", "which muscle it is", (("difference", "muscle_groups"),)),
    Question(
        "sensation",
        "what it feels like",
        (("difference", "tightness"), ("difference", "visibility")),
        ("cramp", "twitch", "rhythmic_jerking"),
    ),
    Question(
        "episode_duration",
        "how long one episode lasts",
        (("difference", "pain_duration"),),
        ("brief", "seconds_to_minutes", "long"),
    ),
    Question(
        "pain_level",
        "how much it hurts",
        (("specialist", "severe_pain"), ("difference", "pain_response")),
        ("none", "mild", "moderate", "severe"),
        ranked=True,
    ),
)
WARNING_SIGNS = (
    Question("pain_after", "whether the pain lingers after the contraction", (("specialist", "severe_pain"),), YES_NO),
    Question(
        "frequency", "how often it happens", (("specialist", "chronic"),), ("once", "occasional", "frequent"), True
    ),
    Question(
        "history", "how long it has been going on", (("specialist", "chronic"),), ("days", "weeks_or_longer"), True
    ),
    Question("muscle_weakness", "whether the muscle feels weak", (("specialist", "weakness"),), YES_NO),
    Question("visible_change", "whether the muscle looks different", (("specialist", "appearance_change"),), YES_NO),
    Question(
        "known_condition",
        "whether you have a condition that affects your nerves or muscles",
        (("causes", "nerve_damage"), ("causes", "medical_conditions")),
        ("unspecified", "none"),  # "Yes" (a condition not named) and "No"
    ),
)
QUESTIONS = (BREATHING, *KIND, *WARNING_SIGNS)
QUESTION = {question.slot: question for question in QUESTIONS}
KIND_QUESTIONS = tuple(question.slot for question in KIND)
WARNING_SIGN_QUESTIONS = tuple(question.slot for question in WARNING_SIGNS)
BOOL_SLOTS = tuple(question.slot for question in QUESTIONS if question.yes_no)
QUESTION_WORDS = {question.slot: question.about for question in QUESTIONS}
QUESTION_FACTS = {question.slot: question.facts for question in QUESTIONS}


def options(slot: str) -> tuple[Any, ...]:
    return QUESTION[slot].options if slot in QUESTION else ()


def worry_rank(slot: str, value: Any) -> int:
    """How worrying an answer is among its question's answers; -1 when it cannot be ranked."""
    order = QUESTION[slot].worry_order if slot in QUESTION else ()
    return order.index(value) if value in order else -1


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class SymptomReport:
    breathing_difficulty: Any = None
    body_part: str | None = None
    sensation: str | None = None
    episode_duration: str | None = None
    pain_level: str | None = None
    pain_after: Any = None
    frequency: str | None = None
    history: str | None = None
    muscle_weakness: Any = None
    visible_change: Any = None
    known_condition: str | None = None
    triggers: tuple[str, ...] = ()  # what the person said sets it off; no question of its own
    # Questions whose answer could not be read twice, and were taken as "not sure" (UNKNOWN).
    assumed: tuple[str, ...] = ()

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> "SymptomReport":
        """Builds a report from slot values; other keys are ignored, triggers may be a list or a string."""
        values = {question.slot: slots.get(question.slot) for question in QUESTIONS}
        for name in BOOL_SLOTS:
            values[name] = _as_bool_answer(values[name])
        return cls(
            **values, triggers=normalise_triggers(slots.get("triggers")), assumed=tuple(slots.get("assumed") or ())
        )


# The facts the check collects, one slot each (`assumed` records how some were filled, it is not a fact).
SYMPTOM_SLOTS: tuple[str, ...] = tuple(field.name for field in fields(SymptomReport) if field.name != "assumed")


def _as_bool_answer(value: Any) -> Any:
    # Slots arrive from a tracker, so tolerate "true"/"false" strings next to real booleans.
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def normalise_triggers(value: Any) -> tuple[str, ...]:
    """Triggers as a tuple without repeats; the NLU's cause value stress_anxiety counts as stress."""
    if value is None:
        return ()
    items: Iterable[Any] = [value] if isinstance(value, str) else value
    renamed = ["stress" if item == "stress_anxiety" else item for item in items if item]
    return tuple(dict.fromkeys(renamed))
