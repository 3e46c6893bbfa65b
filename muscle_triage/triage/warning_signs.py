"""The article's warning signs checked against a report, and the level they lead to: emergency for difficulty
breathing (or any doubt about it), a specialist for the signs of the "harmless?" and "specialist" lists or one that
could not be ruled out, self-care otherwise."""

from collections.abc import Sequence
from dataclasses import dataclass

from muscle_triage.knowledge import vocabulary
from muscle_triage.triage.findings import (
    CLONUS_SPECIALIST_READING,
    CONDITION_READING,
    NOT_RULED_OUT_READING,
    PERSISTENT_READING,
    SEVERE_PAIN_READING,
    SPASTICITY_CONDITIONS,
    Reason,
    body_name,
    cause_of,
    condition_name,
    in_group,
    unresolved,
)
from muscle_triage.triage.schema import QUESTION_WORDS, UNKNOWN, SymptomReport


@dataclass(frozen=True)
class WarningSign:
    """One warning sign as checked against the report: present, ruled out, or not ruled out yet."""

    name: str  # how the sign is called in a "could not be ruled out" sentence
    topic: str
    item: str
    present: tuple[Reason, ...]  # non-empty when the person reported the sign
    unresolved_fields: tuple[str, ...]  # fields whose answer is missing or "I don't know"

    def unsure_fields(self, report: SymptomReport) -> tuple[str, ...]:
        """The fields answered "I don't know", or taken as that because the answer could not be read."""
        return tuple(name for name in self.unresolved_fields if getattr(report, name) == UNKNOWN)

    def not_ruled_out_reason(self, report: SymptomReport) -> Reason:
        unsure = self.unsure_fields(report)
        said = [name for name in unsure if name not in report.assumed]
        assumed = [name for name in unsure if name in report.assumed]
        if unsure:
            parts = [f"You weren't sure {_joined(said)}"] if said else []
            parts += [f"I couldn't read your answer about {_joined(assumed)}"] if assumed else []
            opening = " and ".join(parts)
        else:
            opening = f"You haven't told me {_joined(self.unresolved_fields)} yet"
        return Reason(
            f"{opening}, so {self.name} could not be ruled out",
            self.topic,
            self.item,
            "specialist",
            NOT_RULED_OUT_READING,
        )


def _joined(names: Sequence[str]) -> str:
    return " or ".join(QUESTION_WORDS[name] for name in names)


def warning_signs(report: SymptomReport) -> list[WarningSign]:
    def unresolved_of(*names: str) -> tuple[str, ...]:
        return tuple(name for name in names if unresolved(getattr(report, name)))

    def sign(name: str, item: str, reasons: Sequence[Reason], fields_: tuple[str, ...]) -> WarningSign:
        return WarningSign(name, "specialist", item, tuple(reasons), fields_)

    signs = []

    breathing = []
    if report.breathing_difficulty is True:
        # The article singles out the chest and neck; saying where shows the person we heard them.
        where = (
            f" along with what's happening in your {body_name(report)}"
            if in_group(report, vocabulary.NECK_OR_CHEST)
            else ""
        )
        breathing.append(
            Reason(f"You said you're having difficulty breathing{where}", "specialist", "breathing", "emergency")
        )
    elif report.breathing_difficulty == UNKNOWN:
        # The cautious reading of the breathing question is yes: "not sure", or an answer that could not be read,
        # never ends as anything milder than the emergency.
        opening = (
            "I couldn't read your answer about your breathing"
            if "breathing_difficulty" in report.assumed
            else "You weren't sure whether you have any difficulty breathing"
        )
        caution = f"{opening}, so to be safe I treat it as difficulty breathing"
        breathing.append(Reason(caution, "specialist", "breathing", "emergency"))
    signs.append(sign("difficulty breathing", "breathing", breathing, unresolved_of("breathing_difficulty")))

    chronic = []
    if report.frequency == "frequent" and report.history == "weeks_or_longer":
        chronic.append(
            Reason(
                "You said it happens often and has been going on for a week or longer",
                "specialist",
                "chronic",
                "specialist",
                PERSISTENT_READING,
            )
        )
    signs.append(sign("frequent, persistent contractions", "chronic", chronic, unresolved_of("frequency", "history")))

    pain = []
    if report.pain_level == "severe":
        pain.append(
            Reason("You said the pain is severe", "specialist", "severe_pain", "specialist", SEVERE_PAIN_READING)
        )
    if report.pain_after is True:
        pain.append(
            Reason("You said the pain lingers after the contraction", "specialist", "severe_pain", "specialist")
        )
    # Lingering pain only needs ruling out when there is some pain, and severe pain already counts.
    pain_fields = unresolved_of("pain_level")
    if report.pain_level in ("mild", "moderate"):
        pain_fields = unresolved_of("pain_after")
    signs.append(sign("severe or lingering pain", "severe_pain", pain, pain_fields))

    weakness = []
    if report.muscle_weakness is True:
        weakness.append(Reason("You said the muscle feels weak", "specialist", "weakness", "specialist"))
    signs.append(sign("muscle weakness", "weakness", weakness, unresolved_of("muscle_weakness")))

    looks = []
    if report.visible_change is True:
        looks.append(
            Reason("You said the muscle looks different than usual", "specialist", "appearance_change", "specialist")
        )
    signs.append(sign("a change in how the muscle looks", "appearance_change", looks, unresolved_of("visible_change")))

    signs.append(_neurological_sign(report, unresolved_of("known_condition")))
    return signs


def _neurological_sign(report: SymptomReport, unresolved_fields: tuple[str, ...]) -> WarningSign:
    """A sign of a nerve problem: a known condition, or rhythmic jerking (the article's clonus)."""
    reasons = []
    if report.sensation == "rhythmic_jerking":
        reasons.append(
            Reason(
                "You said the muscle jerks rhythmically",
                "twitch_types",
                "clonus",
                "specialist",
                CLONUS_SPECIALIST_READING,
            )
        )
    condition = report.known_condition
    if condition not in (None, "none", UNKNOWN):
        fact = f"You said you have {condition_name(condition)}"
        cited = [("twitch_types", "spasticity")] if condition in SPASTICITY_CONDITIONS else []
        cited += cause_of(condition)
        # The note once per condition: it may be cited from two places (MS: spasticity and nerve damage).
        reasons += [
            Reason(fact, topic, item, "specialist", CONDITION_READING if index == 0 else None)
            for index, (topic, item) in enumerate(cited)
        ]
    # The specialist list has no item for known conditions; the causes list is where the article names them.
    return WarningSign(
        "a condition affecting your nerves or muscles",
        "causes",
        "medical_conditions",
        tuple(reasons),
        unresolved_fields,
    )


def level_reasons(report: SymptomReport, signs: Sequence[WarningSign]) -> tuple[str, list[Reason]]:
    present = [reason for sign in signs for reason in sign.present]
    if report.breathing_difficulty is None:
        # Only outside the check (it asks about breathing first): breathing not ruled out is never milder either.
        unasked = "You haven't told me whether you have any difficulty breathing, so to be safe I treat it as one"
        present.insert(0, Reason(unasked, "specialist", "breathing", "emergency"))
    if report.breathing_difficulty is not False:
        # Other reported signs still matter to whoever helps; missing answers do not, the interview stopped.
        return "emergency", present
    if present:
        return "specialist", present
    # An "I don't know" settles it and ends the interview, so the questions never asked are not worth listing.
    open_signs = [sign for sign in signs if sign.unsure_fields(report)] or [
        sign for sign in signs if sign.unresolved_fields
    ]
    if open_signs:
        return "specialist", [sign.not_ruled_out_reason(report) for sign in open_signs]
    benign = Reason(
        "You have no trouble breathing and none of the warning signs the article lists came up",
        "harmless",
        None,
        "self_care",
    )
    return "self_care", [benign]


def already_specialist(report: SymptomReport) -> bool:
    """True when the answers so far already settle "see a specialist", whatever the rest will be.

    That is a reported warning sign, or a warning-sign question answered "I don't know" (it can't be ruled out).
    """
    signs = warning_signs(report)
    if any(sign.present for sign in signs):
        return True
    return any(getattr(report, name) == UNKNOWN for sign in signs for name in sign.unresolved_fields)
