"""Symptom triage from the article's rules: how urgent it is, and whether it sounds like a spasm or a twitch.

Pure Python (no Rasa) so that every rule can be tested on its own. Every conclusion carries the
article facts behind it as `Reason`s, cited through the knowledge module; no article text lives here.

Slot values: None means "not asked yet"; "unknown" means the person said they don't know.

Where the article gives no rule or number and the triage sets its own (how long counts as persistent, how much
pain counts as severe, a known condition, rhythmic jerking), the reason carries an `own_reading` note, so the
person is told it is the assistant's cautious reading, not the article's. README, "What the triage does", lists
every rule with where it comes from.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from actions import knowledge, vocabulary

UNKNOWN = "unknown"
LEVELS = ("self_care", "specialist", "emergency")  # in increasing urgency
# The facts topic that lists each contraction's kinds; a result's subtype is an item of it.
SUBTYPE_TOPICS = {"spasm": "spasm_types", "twitch": "twitch_types"}

SPASM_SENSATIONS = frozenset({"cramp", "tightening", "stiffness", "bulging"})
SPASTICITY_CONDITIONS = frozenset({"multiple_sclerosis", "cerebral_palsy"})

# Evidence weights for spasm vs twitch: how the person describes the feeling is the most direct sign.
SENSATION_WEIGHT = 2
OTHER_WEIGHT = 1
# The winning kind must lead by at least this much, else "unclear": one weak sign is not enough.
CLEAR_MARGIN = 2

# The article names no numbers for these; ours are set low on purpose, so doubt leads to a specialist.
PERSISTENT_MIN_DAYS = 7  # going on this long counts as "an extended period" (parsed as history "weeks_or_longer")
SEVERE_PAIN_MIN_SCORE = 7  # out of 10; the article's mark is pain that becomes unbearable

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
    triggers: tuple[str, ...] = ()
    # Questions whose answer could not be read twice, and were taken as "not sure" (UNKNOWN).
    assumed: tuple[str, ...] = ()

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> "SymptomReport":
        """Builds a report from slot values; other keys are ignored, triggers may be a list or a string."""
        values = {name: slots.get(name) for name in SYMPTOM_SLOTS if name != "triggers"}
        for name in BOOL_SLOTS:
            values[name] = _as_bool_answer(values[name])
        return cls(
            **values, triggers=normalise_triggers(slots.get("triggers")), assumed=tuple(slots.get("assumed") or ())
        )


# The facts the check collects, one slot each (`assumed` records how some were filled, it is not a fact).
SYMPTOM_SLOTS: tuple[str, ...] = tuple(field.name for field in fields(SymptomReport) if field.name != "assumed")
BOOL_SLOTS = ("breathing_difficulty", "pain_after", "muscle_weakness", "visible_change")


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
        return knowledge.section_title(self.topic, self.item)

    @property
    def why(self) -> str:
        """The article fact in the knowledge module's words (the topic's own statement when no item is named)."""
        if self.item is not None:
            return knowledge.item_line(self.topic, self.item)
        return knowledge.topic_statement(self.topic)


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


def level_rank(level: str) -> int:
    return LEVELS.index(level)


# --- small helpers on the report ----------------------------------------------------------------------------
def _unresolved(value: Any) -> bool:
    return value is None or value == UNKNOWN


def _in_group(report: SymptomReport, group: str) -> bool:
    """Whether the body part falls in one of the article's groupings (actions/vocabulary.py)."""
    return report.body_part != UNKNOWN and group in vocabulary.body_groups(report.body_part)


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

    if _in_group(report, vocabulary.SMALL):
        add(f"You said it's in your {_body_name(report)}, a small muscle", "difference", "muscle_groups", "twitch")
    elif _in_group(report, vocabulary.LARGE):
        add(f"You said it's in your {_body_name(report)}, a large muscle group", "difference", "muscle_groups", "spasm")
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
    place = _body_name(report)

    def kind(subtype: str, fact: str, own_reading: str | None = None) -> tuple[str, Reason]:
        return subtype, Reason(fact, SUBTYPE_TOPICS[contraction], subtype, subtype, own_reading)

    if contraction == "spasm":
        if _in_group(report, vocabulary.ORGAN):
            return kind("smooth", f"You said it's in your {place}")
        if "exercise" in report.triggers and _in_group(report, vocabulary.LEG):
            return kind("ischemic", f"You said it comes on with exercise, in your {place}")
        return kind("skeletal", f"You described a spasm in your {place}")
    if contraction == "twitch":
        if report.sensation == "rhythmic_jerking":
            return kind("clonus", "You said the muscle jerks rhythmically", CLONUS_READING)
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


def _cause_of(word: str) -> tuple[tuple[str, str], ...]:
    """The article item that names this trigger or condition as a cause; "unspecified" -> medical conditions."""
    found = [pair for pair in knowledge.locate(word) if pair[0] in CAUSE_TOPICS]
    if not found and word not in SPASTICITY_CONDITIONS:
        found = [("causes", "medical_conditions")]
    return tuple(found[:1])


# What each question of the check asks about, in words that fit "You weren't sure ..." and "I'll take ... as".
QUESTION_WORDS = {
    "breathing_difficulty": "whether you have any trouble breathing",
    "body_part": "which muscle it is",
    "sensation": "what it feels like",
    "episode_duration": "how long one episode lasts",
    "pain_level": "how much it hurts",
    "pain_after": "whether the pain lingers after the contraction",
    "frequency": "how often it happens",
    "history": "how long it has been going on",
    "muscle_weakness": "whether the muscle feels weak",
    "visible_change": "whether the muscle looks different",
    "known_condition": "whether you have a condition that affects your nerves or muscles",
}
# The article facts each question decides: a warning sign, or a difference between a spasm and a twitch.
# "Why do you ask?" is answered with these.
QUESTION_FACTS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "breathing_difficulty": (("specialist", "breathing"),),
    "body_part": (("difference", "muscle_groups"),),
    "sensation": (("difference", "tightness"), ("difference", "visibility")),
    "episode_duration": (("difference", "pain_duration"),),
    "pain_level": (("specialist", "severe_pain"), ("difference", "pain_response")),
    "pain_after": (("specialist", "severe_pain"),),
    "frequency": (("specialist", "chronic"),),
    "history": (("specialist", "chronic"),),
    "muscle_weakness": (("specialist", "weakness"),),
    "visible_change": (("specialist", "appearance_change"),),
    "known_condition": (("causes", "nerve_damage"), ("causes", "medical_conditions")),
}


def _condition_name(condition: str) -> str:
    return _CONDITION_NAMES.get(condition, condition.replace("_", " "))


@dataclass(frozen=True)
class _WarningSign:
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


def _warning_signs(report: SymptomReport) -> list[_WarningSign]:
    def unresolved(*names: str) -> tuple[str, ...]:
        return tuple(name for name in names if _unresolved(getattr(report, name)))

    def sign(name: str, item: str, reasons: Sequence[Reason], fields_: tuple[str, ...]) -> _WarningSign:
        return _WarningSign(name, "specialist", item, tuple(reasons), fields_)

    signs = []

    breathing = []
    if report.breathing_difficulty is True:
        # The article singles out the chest and neck; saying where shows the person we heard them.
        where = (
            f" along with what's happening in your {_body_name(report)}"
            if _in_group(report, vocabulary.NECK_OR_CHEST)
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
    signs.append(sign("difficulty breathing", "breathing", breathing, unresolved("breathing_difficulty")))

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
    signs.append(sign("frequent, persistent contractions", "chronic", chronic, unresolved("frequency", "history")))

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
        looks.append(
            Reason("You said the muscle looks different than usual", "specialist", "appearance_change", "specialist")
        )
    signs.append(sign("a change in how the muscle looks", "appearance_change", looks, unresolved("visible_change")))

    signs.append(_neurological_sign(report, unresolved("known_condition")))
    return signs


def _neurological_sign(report: SymptomReport, unresolved_fields: tuple[str, ...]) -> _WarningSign:
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
        fact = f"You said you have {_condition_name(condition)}"
        cited = [("twitch_types", "spasticity")] if condition in SPASTICITY_CONDITIONS else []
        cited += _cause_of(condition)
        # The note once per condition: it may be cited from two places (MS: spasticity and nerve damage).
        reasons += [
            Reason(fact, topic, item, "specialist", CONDITION_READING if index == 0 else None)
            for index, (topic, item) in enumerate(cited)
        ]
    # The specialist list has no item for known conditions; the causes list is where the article names them.
    return _WarningSign(
        "a condition affecting your nerves or muscles",
        "causes",
        "medical_conditions",
        tuple(reasons),
        unresolved_fields,
    )


def _level_reasons(report: SymptomReport, signs: Sequence[_WarningSign]) -> tuple[str, list[Reason]]:
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


def _causes(report: SymptomReport, subtype: str | None) -> tuple[tuple[str, str], ...]:
    found = [key for trigger in report.triggers for key in _cause_of(trigger)]
    if subtype == "ischemic":
        found.append(("causes", "poor_circulation"))
    condition = report.known_condition
    if condition not in (None, "none", UNKNOWN):
        found += list(_cause_of(condition))
    return tuple(dict.fromkeys(found))


def _advice(report: SymptomReport, level: str) -> tuple[str, ...]:
    if level == "emergency":
        return ()  # nothing should distract from getting help now
    found = [step for trigger in report.triggers for step in _TRIGGER_ADVICE.get(trigger, ())]
    if _in_group(report, vocabulary.POSTURE):
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
KIND_QUESTIONS = ("body_part", "sensation", "episode_duration", "pain_level")
WARNING_SIGN_QUESTIONS = ("pain_after", "frequency", "history", "muscle_weakness", "visible_change", "known_condition")


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
# How worrying each answer is, least first; a passing remark may raise an earlier answer, never lower it.
WORRY_ORDER: Mapping[str, tuple[Any, ...]] = {
    "breathing_difficulty": (False, True),
    "pain_level": ("none", "mild", "moderate", "severe"),
    "pain_after": (False, True),
    "frequency": ("once", "occasional", "frequent"),
    "history": ("days", "weeks_or_longer"),
    "muscle_weakness": (False, True),
    "visible_change": (False, True),
}


def _worry(slot: str, value: Any) -> int:
    order = WORRY_ORDER.get(slot, ())
    return order.index(value) if value in order else -1


def merge_answers(slots: Mapping[str, Any], new_values: Mapping[str, Any], requested_slot: str | None = None) -> dict:
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
        elif _worry(name, value) > _worry(name, old):
            merged[name] = value
    return merged
