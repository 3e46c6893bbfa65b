"""Symptom triage from the article's rules: how urgent it is, and whether it sounds like a spasm or a twitch.

Pure Python (no Rasa) so that every rule can be tested on its own. Every conclusion carries the
article facts behind it as `Reason`s, cited through the knowledge module; no article text lives here.

Slot values: None means "not asked yet"; "unknown" means the person said they don't know.
"""

import re
from dataclasses import dataclass, fields
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple

from actions import knowledge

UNKNOWN = "unknown"
LEVELS = ("self_care", "specialist", "emergency")  # in increasing urgency
# The facts topic that lists each contraction's kinds; a result's subtype is an item of it.
SUBTYPE_TOPICS = {"spasm": "spasm_types", "twitch": "twitch_types"}

# --- body areas, as the article groups them ---------------------------------------------------------------
SMALL_MUSCLE_AREAS = frozenset({"eyelid", "eye", "lip", "face", "finger", "thumb"})
LARGE_MUSCLE_GROUPS = frozenset({"back", "lower_back", "leg", "calf", "thigh", "hamstring", "arm", "shoulder"})
# Smooth muscle lines organs; the article's examples are menstrual and intestinal cramps.
ORGAN_AREAS = frozenset({"stomach", "abdomen", "belly", "tummy", "gut", "intestine", "intestines", "bowel",
                         "womb", "uterus", "menstrual", "period"})
LEG_MUSCLES = frozenset({"leg", "calf", "thigh", "hamstring"})  # the article's ischemic example: legs while running
BREATHING_AREAS = frozenset({"chest", "neck", "throat"})  # the article names neck and chest; throat sits with them
POSTURE_AREAS = frozenset({"back", "lower_back", "neck", "shoulder"})
_KNOWN_AREAS = SMALL_MUSCLE_AREAS | LARGE_MUSCLE_GROUPS | ORGAN_AREAS | BREATHING_AREAS | LEG_MUSCLES

SPASM_SENSATIONS = frozenset({"cramp", "tightening", "stiffness", "bulging"})
SPASTICITY_CONDITIONS = frozenset({"multiple_sclerosis", "cerebral_palsy"})

# Evidence weights for spasm vs twitch: how the person describes the feeling is the most direct sign.
SENSATION_WEIGHT = 2
OTHER_WEIGHT = 1
# The winning kind must lead by at least this much, else "unclear": one weak sign is not enough.
CLEAR_MARGIN = 2


@dataclass(frozen=True)
class SymptomReport:
    breathing_difficulty: Any = None
    body_part: Optional[str] = None
    sensation: Optional[str] = None
    episode_duration: Optional[str] = None
    pain_level: Optional[str] = None
    pain_after: Any = None
    frequency: Optional[str] = None
    history: Optional[str] = None
    muscle_weakness: Any = None
    visible_change: Any = None
    known_condition: Optional[str] = None
    triggers: Tuple[str, ...] = ()

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> "SymptomReport":
        """Builds a report from slot values; other keys are ignored, triggers may be a list or a string."""
        values = {name: slots.get(name) for name in SYMPTOM_SLOTS if name != "triggers"}
        for name in BOOL_SLOTS:
            values[name] = _as_bool_answer(values[name])
        return cls(**values, triggers=normalise_triggers(slots.get("triggers")))


SYMPTOM_SLOTS: Tuple[str, ...] = tuple(field.name for field in fields(SymptomReport))
BOOL_SLOTS = ("breathing_difficulty", "pain_after", "muscle_weakness", "visible_change")


def _as_bool_answer(value: Any) -> Any:
    # Slots arrive from a tracker, so tolerate "true"/"false" strings next to real booleans.
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def normalise_triggers(value: Any) -> Tuple[str, ...]:
    """Triggers as a tuple without repeats; the NLU's cause value stress_anxiety counts as stress."""
    if value is None:
        return ()
    items: Iterable[Any] = [value] if isinstance(value, str) else value
    renamed = ["stress" if item == "stress_anxiety" else item for item in items if item]
    return tuple(dict.fromkeys(renamed))


@dataclass(frozen=True)
class Reason:
    """One step of the argument: what the person said (`fact`) and the article item that makes it matter.

    `points_to` says what the reason supports: a level, a contraction kind, or a subtype.
    """

    fact: str
    topic: str
    item: Optional[str]
    points_to: str

    @property
    def section(self) -> str:
        return knowledge.section_title(self.topic, self.item)

    @property
    def why(self) -> str:
        """The article fact in the knowledge module's words (a topic's summary when no item is named)."""
        if self.item is not None:
            return knowledge.item_line(self.topic, self.item)
        summary = next(p.text for p in knowledge.passages() if p.topic == self.topic and p.item is None)
        # A summary may end by introducing its list ("...four situations:"); alone, that sentence dangles.
        sentences = re.split(r"(?<=[.:])\s+", summary)
        return " ".join(sentence for sentence in sentences if not sentence.endswith(":")) or summary


@dataclass(frozen=True)
class TriageResult:
    level: str
    contraction: str
    subtype: Optional[str]
    reasons: Tuple[Reason, ...]
    causes: Tuple[Tuple[str, str], ...]
    advice: Tuple[str, ...]
    sources: Tuple[str, ...]

    @property
    def level_reasons(self) -> Tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.points_to in LEVELS)

    @property
    def kind_reasons(self) -> Tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.points_to not in LEVELS)


def level_rank(level: str) -> int:
    return LEVELS.index(level)


# --- small helpers on the report ----------------------------------------------------------------------------
def _unresolved(value: Any) -> bool:
    return value is None or value == UNKNOWN


def _body_words(body_part: Optional[str]) -> frozenset:
    """The body part as given plus its last word, so free text like "pinky toe" counts as toe.

    Only the last word: in "back of my knee" the place is the knee, not the back.
    """
    if not body_part or body_part == UNKNOWN:
        return frozenset()
    text = body_part.lower().strip()
    last = text.replace("_", " ").split()[-1]
    if last == "calves":
        last = "calf"
    elif last.endswith("s") and last[:-1] in _KNOWN_AREAS:
        last = last[:-1]
    return frozenset({text, text.replace(" ", "_"), last})


def _in_area(report: SymptomReport, area: frozenset) -> bool:
    return bool(_body_words(report.body_part) & area)


def _body_name(report: SymptomReport) -> str:
    return report.body_part.replace("_", " ") if report.body_part and report.body_part != UNKNOWN else "muscle"


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


def _kind_evidence(report: SymptomReport) -> List[Tuple[Reason, int]]:
    evidence: List[Tuple[Reason, int]] = []

    def add(fact: str, topic: str, item: str, kind: str, weight: int = OTHER_WEIGHT) -> None:
        evidence.append((Reason(fact, topic, item, kind), weight))

    sensation = report.sensation
    if sensation == "rhythmic_jerking":
        # The difference items do not describe rhythm; the article's clonus entry does.
        add("You said the muscle jerks rhythmically", "twitch_types", "clonus", "twitch", SENSATION_WEIGHT)
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

    if _in_area(report, SMALL_MUSCLE_AREAS):
        add(f"You said it's in your {_body_name(report)}, a small muscle", "difference", "muscle_groups", "twitch")
    elif _in_area(report, LARGE_MUSCLE_GROUPS):
        add(f"You said it's in your {_body_name(report)}, a large muscle group", "difference", "muscle_groups",
            "spasm")
    return evidence


def _classify(evidence: Sequence[Tuple[Reason, int]]) -> str:
    spasm = sum(weight for reason, weight in evidence if reason.points_to == "spasm")
    twitch = sum(weight for reason, weight in evidence if reason.points_to == "twitch")
    if spasm - twitch >= CLEAR_MARGIN:
        return "spasm"
    if twitch - spasm >= CLEAR_MARGIN:
        return "twitch"
    return "unclear"


def _subtype(report: SymptomReport, contraction: str) -> Tuple[Optional[str], Optional[Reason]]:
    place = _body_name(report)

    def kind(subtype: str, fact: str) -> Tuple[str, Reason]:
        return subtype, Reason(fact, SUBTYPE_TOPICS[contraction], subtype, subtype)

    if contraction == "spasm":
        if _in_area(report, ORGAN_AREAS):
            return kind("smooth", f"You said it's in your {place}")
        if "exercise" in report.triggers and _in_area(report, LEG_MUSCLES):
            return kind("ischemic", f"You said it comes on with exercise, in your {place}")
        return kind("skeletal", f"You described a spasm in your {place}")
    if contraction == "twitch":
        if report.sensation == "rhythmic_jerking":
            return kind("clonus", "You said the muscle jerks rhythmically")
        if report.known_condition in SPASTICITY_CONDITIONS:
            return kind("spasticity", f"You said you have {_condition_name(report.known_condition)}")
        return kind("fasciculation", f"You described a twitch in your {place}")
    return None, None


# --- warning signs: the article's "harmless?" and "specialist" lists --------------------------------------------
_CONDITION_NAMES = {
    "multiple_sclerosis": "multiple sclerosis",
    "spinal_cord_injury": "a spinal cord injury",
    "als": "ALS",
    "parkinsons": "Parkinson's disease",
    "cerebral_palsy": "cerebral palsy",
    "unspecified": "a condition that affects your nerves or muscles",
}
# The article's causes (and twitch triggers) live in topics of these names; knowledge.locate finds which
# one covers a trigger or condition the person named (article_facts.yml, "aliases").
CAUSE_TOPICS = ("causes", "twitch_triggers")


def _cause_of(word: str) -> Tuple[Tuple[str, str], ...]:
    """The article item that names this trigger or condition as a cause; "unspecified" -> medical conditions."""
    found = [pair for pair in knowledge.locate(word) if pair[0] in CAUSE_TOPICS]
    if not found and word not in SPASTICITY_CONDITIONS:
        found = [("causes", "medical_conditions")]
    return tuple(found[:1])


_QUESTION_WORDS = {
    "breathing_difficulty": "whether you have any trouble breathing",
    "pain_level": "how much it hurts",
    "pain_after": "whether the pain lingers after the contraction",
    "frequency": "how often it happens",
    "history": "how long it has been going on",
    "muscle_weakness": "whether the muscle feels weak",
    "visible_change": "whether the muscle looks different",
    "known_condition": "whether you have a condition that affects your nerves or muscles",
}


def _condition_name(condition: str) -> str:
    return _CONDITION_NAMES.get(condition, condition.replace("_", " "))


@dataclass(frozen=True)
class _WarningSign:
    """One warning sign as checked against the report: present, ruled out, or not ruled out yet."""

    name: str  # how the sign is called in a "could not be ruled out" sentence
    topic: str
    item: str
    present: Tuple[Reason, ...]  # non-empty when the person reported the sign
    unresolved_fields: Tuple[str, ...]  # fields whose answer is missing or "I don't know"

    def unsure_fields(self, report: SymptomReport) -> Tuple[str, ...]:
        """The fields the person answered "I don't know"."""
        return tuple(name for name in self.unresolved_fields if getattr(report, name) == UNKNOWN)

    def not_ruled_out_reason(self, report: SymptomReport) -> Reason:
        unsure = self.unsure_fields(report)
        asked = " or ".join(_QUESTION_WORDS[name] for name in (unsure or self.unresolved_fields))
        opening = f"You weren't sure {asked}" if unsure else f"You haven't told me {asked} yet"
        return Reason(f"{opening}, so {self.name} could not be ruled out", self.topic, self.item, "specialist")


def _warning_signs(report: SymptomReport) -> List[_WarningSign]:
    def unresolved(*names: str) -> Tuple[str, ...]:
        return tuple(name for name in names if _unresolved(getattr(report, name)))

    def sign(name: str, item: str, reasons: Sequence[Reason], fields_: Tuple[str, ...]) -> _WarningSign:
        return _WarningSign(name, "specialist", item, tuple(reasons), fields_)

    signs = []

    breathing = []
    if report.breathing_difficulty is True:
        # The article singles out the chest and neck; saying where shows the person we heard them.
        where = f" along with what's happening in your {_body_name(report)}" if _in_area(
            report, BREATHING_AREAS) else ""
        breathing.append(Reason(f"You said you're having difficulty breathing{where}", "specialist", "breathing",
                                "emergency"))
    signs.append(sign("difficulty breathing", "breathing", breathing, unresolved("breathing_difficulty")))

    chronic = []
    if report.frequency == "frequent" and report.history == "weeks_or_longer":
        chronic.append(Reason("You said it happens often and has been going on for weeks or longer",
                              "specialist", "chronic", "specialist"))
    signs.append(sign("frequent, persistent contractions", "chronic", chronic, unresolved("frequency", "history")))

    pain = []
    if report.pain_level == "severe":
        pain.append(Reason("You said the pain is severe", "specialist", "severe_pain", "specialist"))
    if report.pain_after is True:
        pain.append(Reason("You said the pain lingers after the contraction", "specialist", "severe_pain",
                           "specialist"))
    # Lingering pain only needs ruling out when there is some pain, and severe pain already counts.
    pain_fields = unresolved("pain_level")
    if report.pain_level in ("mild", "moderate"):
        pain_fields = unresolved("pain_after")
    signs.append(sign("severe or lingering pain", "severe_pain", pain, pain_fields))

    weakness = []
    if report.muscle_weakness is True:
        weakness.append(Reason("You said the muscle feels weak", "specialist", "weakness", "specialist"))
    signs.append(sign("muscle weakness", "weakness", weakness, unresolved("muscle_weakness")))

    looks = []
    if report.visible_change is True:
        looks.append(Reason("You said the muscle looks different than usual", "specialist", "appearance_change",
                            "specialist"))
    signs.append(sign("a change in how the muscle looks", "appearance_change", looks, unresolved("visible_change")))

    signs.append(_neurological_sign(report, unresolved("known_condition")))
    return signs


def _neurological_sign(report: SymptomReport, unresolved_fields: Tuple[str, ...]) -> _WarningSign:
    """A sign of a nerve problem: a known condition, or rhythmic jerking (the article's clonus)."""
    reasons = []
    if report.sensation == "rhythmic_jerking":
        reasons.append(Reason("You said the muscle jerks rhythmically", "twitch_types", "clonus", "specialist"))
    condition = report.known_condition
    if condition not in (None, "none", UNKNOWN):
        fact = f"You said you have {_condition_name(condition)}"
        if condition in SPASTICITY_CONDITIONS:
            reasons.append(Reason(fact, "twitch_types", "spasticity", "specialist"))
        for topic, item in _cause_of(condition):
            reasons.append(Reason(fact, topic, item, "specialist"))
    # The specialist list has no item for known conditions; the causes list is where the article names them.
    return _WarningSign("a condition affecting your nerves or muscles", "causes", "medical_conditions",
                        tuple(reasons), unresolved_fields)


def _level_reasons(report: SymptomReport, signs: Sequence[_WarningSign]) -> Tuple[str, List[Reason]]:
    present = [reason for sign in signs for reason in sign.present]
    if report.breathing_difficulty is True:
        # Other reported signs still matter to whoever helps; missing answers do not, the interview stopped.
        return "emergency", present
    if present:
        return "specialist", present
    # An "I don't know" settles it and ends the interview, so the questions never asked are not worth listing.
    open_signs = [sign for sign in signs if sign.unsure_fields(report)] or [
        sign for sign in signs if sign.unresolved_fields]
    if open_signs:
        return "specialist", [sign.not_ruled_out_reason(report) for sign in open_signs]
    benign = Reason(
        "You have no trouble breathing and none of the warning signs the article lists came up",
        "harmless", None, "self_care",
    )
    return "self_care", [benign]


def already_specialist(report: SymptomReport) -> bool:
    """True when the answers so far already settle "see a specialist", whatever the rest will be.

    That is a reported warning sign, or a warning-sign question answered "I don't know" (it can't be ruled out).
    """
    signs = _warning_signs(report)
    if any(sign.present for sign in signs):
        return True
    return any(getattr(report, name) == UNKNOWN for sign in signs for name in sign.unresolved_fields)


# --- causes and advice ------------------------------------------------------------------------------------------
_TRIGGER_ADVICE = {
    "dehydration": ("hydration", "diet"),
    "stress": ("stress_reduction",),
    "exercise": ("stretching", "hydration"),
}
ALL_ADVICE = ("hydration", "stretching", "diet", "posture", "stress_reduction")


def _causes(report: SymptomReport, subtype: Optional[str]) -> Tuple[Tuple[str, str], ...]:
    found = [key for trigger in report.triggers for key in _cause_of(trigger)]
    if subtype == "ischemic":
        found.append(("causes", "poor_circulation"))
    condition = report.known_condition
    if condition not in (None, "none", UNKNOWN):
        found += list(_cause_of(condition))
    return tuple(dict.fromkeys(found))


def _advice(report: SymptomReport, level: str) -> Tuple[str, ...]:
    if level == "emergency":
        return ()  # nothing should distract from getting help now
    found = [step for trigger in report.triggers for step in _TRIGGER_ADVICE.get(trigger, ())]
    if _in_area(report, POSTURE_AREAS):
        found.append("posture")
    if not found and level == "self_care":
        return ALL_ADVICE
    return tuple(dict.fromkeys(found))


# --- the assessment ---------------------------------------------------------------------------------------------
def assess(report: SymptomReport) -> TriageResult:
    evidence = _kind_evidence(report)
    contraction = _classify(evidence)
    subtype, subtype_reason = _subtype(report, contraction)
    level, reasons = _level_reasons(report, _warning_signs(report))
    reasons += [reason for reason, _ in evidence]
    cited = {(reason.topic, reason.item) for reason in reasons}
    if subtype_reason is not None and (subtype_reason.topic, subtype_reason.item) not in cited:
        reasons.append(subtype_reason)
    causes = _causes(report, subtype)
    advice = _advice(report, level)
    sources = [reason.section for reason in reasons]
    sources += [knowledge.section_title(topic, item) for topic, item in causes]
    sources += [knowledge.section_title("prevention", step) for step in advice]
    return TriageResult(level, contraction, subtype, tuple(reasons), causes, advice, tuple(dict.fromkeys(sources)))


# --- what to ask next ---------------------------------------------------------------------------------------------
KIND_QUESTIONS = ("body_part", "sensation", "episode_duration", "pain_level")
WARNING_SIGN_QUESTIONS = ("pain_after", "frequency", "history", "muscle_weakness", "visible_change",
                          "known_condition")


def questions_to_ask(report: SymptomReport) -> Tuple[str, ...]:
    """Slots still needed, in asking order. Breathing comes first: it alone decides an emergency."""
    if report.breathing_difficulty is True:
        return ()
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
