"""Symptom triage from the article's rules: whether it sounds like a spasm or a twitch (and which kind), how urgent
it is, what may cause it and what helps; and, during the check, what to ask next and which answer counts.

Pure Python (no Rasa) so that every rule can be tested on its own. Every conclusion carries the article facts
behind it as `Reason`s, cited through the knowledge module; no article text lives here. The warning signs and the
level they lead to are in warning_signs.py; docs/triage.md lists every rule with where it comes from.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from muscle_triage.knowledge import article_facts, vocabulary
from muscle_triage.triage.findings import (
    CLONUS_READING,
    SPASTICITY_CONDITIONS,
    Reason,
    TriageResult,
    body_name,
    cause_of,
    condition_name,
    in_group,
)
from muscle_triage.triage.schema import (
    KIND_QUESTIONS,
    UNKNOWN,
    WARNING_SIGN_QUESTIONS,
    SymptomReport,
    normalise_triggers,
    worry_rank,
)
from muscle_triage.triage.warning_signs import already_specialist, level_reasons, warning_signs

# The facts topic that lists each contraction's kinds; a result's subtype is an item of it.
SUBTYPE_TOPICS = {"spasm": "spasm_types", "twitch": "twitch_types"}
SPASM_SENSATIONS = frozenset({"cramp", "tightening", "stiffness", "bulging"})

# Evidence weights for spasm vs twitch: how the person describes the feeling is the most direct sign.
SENSATION_WEIGHT = 2
OTHER_WEIGHT = 1
# The winning kind must lead by at least this much, else "unclear": one weak sign is not enough.
CLEAR_MARGIN = 2


# --- spasm or twitch: evidence from the article's "How the symptoms differ" ---------------------------------
_SENSATION_EVIDENCE = {
    # sensation: (how the person put it, difference item that describes it)
    "cramp": ("a cramp", "pain_duration"),
    "tightening": ("the muscle tightening", "tightness"),
    "stiffness": ("stiffness", "tightness"),
    "bulging": ("the muscle bulging", "visibility"),
    "flicker": ("a flicker", "visibility"),
    "flutter": ("a fluttering", "visibility"),
    "ripple": ("a ripple", "visibility"),
    "twitch": ("a twitch", "pain_duration"),
    "jerk": ("a jerk", "pain_duration"),
}


def _kind_evidence(report: SymptomReport) -> list[tuple[Reason, int]]:
    evidence: list[tuple[Reason, int]] = []

    def add(
        fact: str, topic: str, item: str, kind: str, weight: int = OTHER_WEIGHT, own_reading: str | None = None
    ) -> None:
        evidence.append((Reason(fact, topic, item, kind, own_reading), weight))

    sensation = report.sensation
    if sensation == "rhythmic_jerking":
        # The difference items do not describe rhythm; the article's clonus entry is the nearest.
        add(
            "You said the muscle jerks rhythmically",
            "twitch_types",
            "clonus",
            "twitch",
            SENSATION_WEIGHT,
            CLONUS_READING,
        )
    elif sensation in _SENSATION_EVIDENCE:
        words, item = _SENSATION_EVIDENCE[sensation]
        kind = "spasm" if sensation in SPASM_SENSATIONS else "twitch"
        add(f"You said it feels like {words}", "difference", item, kind, SENSATION_WEIGHT)

    if report.pain_level in ("moderate", "severe"):
        add(f"You said the pain is {report.pain_level}", "difference", "pain_response", "spasm")
    elif report.pain_level == "none":
        add("You said it doesn't hurt", "difference", "pain_response", "twitch")

    if report.episode_duration == "brief":
        add("You said each episode is over in a moment", "difference", "pain_duration", "twitch")
    elif report.episode_duration == "seconds_to_minutes":
        add("You said each episode lasts from seconds to minutes", "difference", "pain_duration", "spasm")
    elif report.episode_duration == "long":
        add("You said each episode lasts a long time", "difference", "pain_duration", "spasm")

    if in_group(report, vocabulary.SMALL):
        add(f"You said it's in your {body_name(report)}, a small muscle", "difference", "muscle_groups", "twitch")
    elif in_group(report, vocabulary.LARGE):
        add(f"You said it's in your {body_name(report)}, a large muscle group", "difference", "muscle_groups", "spasm")
    return evidence


def _classify(evidence: Sequence[tuple[Reason, int]]) -> str:
    spasm = sum(weight for reason, weight in evidence if reason.points_to == "spasm")
    twitch = sum(weight for reason, weight in evidence if reason.points_to == "twitch")
    if spasm - twitch >= CLEAR_MARGIN:
        return "spasm"
    if twitch - spasm >= CLEAR_MARGIN:
        return "twitch"
    return "unclear"


def _subtype(report: SymptomReport, contraction: str) -> tuple[str | None, Reason | None]:
    place = body_name(report)

    def kind(subtype: str, fact: str, own_reading: str | None = None) -> tuple[str, Reason]:
        return subtype, Reason(fact, SUBTYPE_TOPICS[contraction], subtype, subtype, own_reading)

    if contraction == "spasm":
        if in_group(report, vocabulary.ORGAN):
            return kind("smooth", f"You said it's in your {place}")
        if "exercise" in report.triggers and in_group(report, vocabulary.LEG):
            return kind("ischemic", f"You said it comes on with exercise, in your {place}")
        return kind("skeletal", f"You described a spasm in your {place}")
    if contraction == "twitch":
        if report.sensation == "rhythmic_jerking":
            return kind("clonus", "You said the muscle jerks rhythmically", CLONUS_READING)
        if report.known_condition in SPASTICITY_CONDITIONS:
            return kind("spasticity", f"You said you have {condition_name(report.known_condition)}")
        return kind("fasciculation", f"You described a twitch in your {place}")
    return None, None


# --- causes and advice ------------------------------------------------------------------------------------------
_TRIGGER_ADVICE = {
    "dehydration": ("hydration", "diet"),
    "stress": ("stress_reduction",),
    "exercise": ("stretching", "hydration"),
}
ALL_ADVICE = ("hydration", "stretching", "diet", "posture", "stress_reduction")


def _causes(report: SymptomReport, subtype: str | None) -> tuple[tuple[str, str], ...]:
    found = [key for trigger in report.triggers for key in cause_of(trigger)]
    if subtype == "ischemic":
        found.append(("causes", "poor_circulation"))
    condition = report.known_condition
    if condition not in (None, "none", UNKNOWN):
        found += list(cause_of(condition))
    return tuple(dict.fromkeys(found))


def _advice(report: SymptomReport, level: str) -> tuple[str, ...]:
    if level == "emergency":
        return ()  # nothing should distract from getting help now
    found = [step for trigger in report.triggers for step in _TRIGGER_ADVICE.get(trigger, ())]
    if in_group(report, vocabulary.POSTURE):
        found.append("posture")
    if not found and level == "self_care":
        return ALL_ADVICE
    return tuple(dict.fromkeys(found))


# --- the assessment ---------------------------------------------------------------------------------------------
def assess(report: SymptomReport) -> TriageResult:
    evidence = _kind_evidence(report)
    contraction = _classify(evidence)
    subtype, subtype_reason = _subtype(report, contraction)
    level, reasons = level_reasons(report, warning_signs(report))
    reasons += [reason for reason, _ in evidence]
    cited = {(reason.topic, reason.item) for reason in reasons}
    if subtype_reason is not None and (subtype_reason.topic, subtype_reason.item) not in cited:
        reasons.append(subtype_reason)
    causes = _causes(report, subtype)
    advice = _advice(report, level)
    sources = [reason.section for reason in reasons]
    sources += [article_facts.section_title(topic, item) for topic, item in causes]
    sources += [article_facts.section_title("prevention", step) for step in advice]
    return TriageResult(
        level,
        contraction,
        subtype,
        tuple(reasons),
        causes,
        advice,
        tuple(dict.fromkeys(sources)),
        assumed=report.assumed,
    )


# --- what to ask next ---------------------------------------------------------------------------------------------


def questions_to_ask(report: SymptomReport) -> tuple[str, ...]:
    """Slots still needed, in asking order. Breathing comes first: it alone decides an emergency, and an answer
    that leaves it unsure is taken as one."""
    if report.breathing_difficulty in (True, UNKNOWN):
        return ()  # an emergency, or one that could not be ruled out: nothing else is asked
    needed = ["breathing_difficulty"] if report.breathing_difficulty is None else []
    needed += [name for name in KIND_QUESTIONS if getattr(report, name) is None]
    if already_specialist(report):
        return tuple(needed)
    for name in WARNING_SIGN_QUESTIONS:
        # Lingering pain is asked only when there is some pain that is not already severe.
        if name == "pain_after" and report.pain_level not in ("mild", "moderate"):
            continue
        if getattr(report, name) is None:
            needed.append(name)
    return tuple(needed)


# --- which answer wins ---------------------------------------------------------------------------------------------
# A remark made in passing may raise an earlier answer (schema.worry_rank), never lower it.
def merge_answers(
    slots: Mapping[str, Any], new_values: Mapping[str, Any], requested_slot: str | None = None
) -> dict[str, Any]:
    """The check's answers after one message.

    The answer to the question asked always counts. Facts volunteered for other questions fill gaps and may
    raise a concern, but never replace an earlier answer with a less worrying one. Triggers add up.
    """
    merged = dict(slots)
    for name, value in new_values.items():
        old = merged.get(name)
        if name == "triggers":
            merged[name] = list(normalise_triggers(list(old or []) + list(value or [])))
        elif name == requested_slot or old is None or old == UNKNOWN:
            merged[name] = value
        elif name == "known_condition":
            merged[name] = value if old == "none" else old
        elif worry_rank(name, value) > worry_rank(name, old):
            merged[name] = value
    return merged
