"""Triage rules (one table row per rule), safety properties over many generated reports, and the vignettes."""

import itertools
import random
from pathlib import Path

import pytest
import yaml

from muscle_triage.knowledge import article_facts
from muscle_triage.triage.findings import TriageResult
from muscle_triage.triage.rules import ALL_ADVICE, assess, merge_answers, questions_to_ask
from muscle_triage.triage.schema import LEVELS, SYMPTOM_SLOTS, SymptomReport, level_rank
from muscle_triage.understanding.turn_reading import read_turn
from muscle_triage.understanding.wording import normalise

VIGNETTES = yaml.safe_load((Path(__file__).with_name("triage_vignettes.yml")).read_text(encoding="utf-8"))["vignettes"]

# Every warning sign answered and ruled out: the only report shape that may be self care.
SAFE = dict(
    breathing_difficulty=False,
    body_part="calf",
    sensation="cramp",
    episode_duration="seconds_to_minutes",
    pain_level="mild",
    pain_after=False,
    frequency="occasional",
    history="days",
    muscle_weakness=False,
    visible_change=False,
    known_condition="none",
)
RED_FLAG_FIELDS = (
    "breathing_difficulty",
    "pain_level",
    "pain_after",
    "frequency",
    "history",
    "muscle_weakness",
    "visible_change",
    "known_condition",
)
# One way to add each warning sign to a report.
ADD_RED_FLAG = {
    "breathing": dict(breathing_difficulty=True),
    "chronic": dict(frequency="frequent", history="weeks_or_longer"),
    "severe_pain": dict(pain_level="severe"),
    "pain_after": dict(pain_after=True),
    "weakness": dict(muscle_weakness=True),
    "appearance_change": dict(visible_change=True),
    "condition": dict(known_condition="als"),
    "clonus": dict(sensation="rhythmic_jerking"),
}


def report(**changes) -> SymptomReport:
    return SymptomReport.from_slots({**SAFE, **changes})


def cited(result: TriageResult):
    return {(reason.topic, reason.item) for reason in result.level_reasons}


# --- one row per rule -------------------------------------------------------------------------------------------
RULES = [
    # id, changes to the safe report, expected level, an article item the level reasons must cite
    ("breathing_is_emergency", dict(breathing_difficulty=True), "emergency", ("specialist", "breathing")),
    (
        "chronic_is_specialist",
        dict(frequency="frequent", history="weeks_or_longer"),
        "specialist",
        ("specialist", "chronic"),
    ),
    ("frequent_but_recent_is_not_chronic", dict(frequency="frequent", history="days"), "self_care", ("harmless", None)),
    (
        "persistent_but_occasional_is_not_chronic",
        dict(frequency="occasional", history="weeks_or_longer"),
        "self_care",
        ("harmless", None),
    ),
    ("severe_pain_is_specialist", dict(pain_level="severe"), "specialist", ("specialist", "severe_pain")),
    ("lingering_pain_is_specialist", dict(pain_after=True), "specialist", ("specialist", "severe_pain")),
    ("weakness_is_specialist", dict(muscle_weakness=True), "specialist", ("specialist", "weakness")),
    ("changed_look_is_specialist", dict(visible_change=True), "specialist", ("specialist", "appearance_change")),
    ("ms_is_specialist", dict(known_condition="multiple_sclerosis"), "specialist", ("causes", "nerve_damage")),
    (
        "spinal_injury_is_specialist",
        dict(known_condition="spinal_cord_injury"),
        "specialist",
        ("causes", "nerve_damage"),
    ),
    ("als_is_specialist", dict(known_condition="als"), "specialist", ("causes", "medical_conditions")),
    ("parkinsons_is_specialist", dict(known_condition="parkinsons"), "specialist", ("causes", "medical_conditions")),
    (
        "cerebral_palsy_is_specialist",
        dict(known_condition="cerebral_palsy"),
        "specialist",
        ("twitch_types", "spasticity"),
    ),
    (
        "unnamed_condition_is_specialist",
        dict(known_condition="unspecified"),
        "specialist",
        ("causes", "medical_conditions"),
    ),
    ("clonus_is_specialist", dict(sensation="rhythmic_jerking"), "specialist", ("twitch_types", "clonus")),
    ("breathing_unasked_is_emergency", dict(breathing_difficulty=None), "emergency", ("specialist", "breathing")),
    ("breathing_unknown_is_emergency", dict(breathing_difficulty="unknown"), "emergency", ("specialist", "breathing")),
    ("pain_unknown_is_specialist", dict(pain_level="unknown"), "specialist", ("specialist", "severe_pain")),
    ("pain_after_unasked_with_pain_is_specialist", dict(pain_after=None), "specialist", ("specialist", "severe_pain")),
    ("pain_after_unneeded_without_pain", dict(pain_level="none", pain_after=None), "self_care", ("harmless", None)),
    ("frequency_unknown_is_specialist", dict(frequency="unknown"), "specialist", ("specialist", "chronic")),
    ("history_unasked_is_specialist", dict(history=None), "specialist", ("specialist", "chronic")),
    ("weakness_unknown_is_specialist", dict(muscle_weakness="unknown"), "specialist", ("specialist", "weakness")),
    ("look_unknown_is_specialist", dict(visible_change="unknown"), "specialist", ("specialist", "appearance_change")),
    (
        "condition_unknown_is_specialist",
        dict(known_condition="unknown"),
        "specialist",
        ("causes", "medical_conditions"),
    ),
    ("nothing_worrying_is_self_care", {}, "self_care", ("harmless", None)),
]


@pytest.mark.parametrize("changes, level, item", [row[1:] for row in RULES], ids=[row[0] for row in RULES])
def test_level_rule(changes, level, item):
    result = assess(report(**changes))
    assert result.level == level
    assert item in cited(result)


@pytest.mark.parametrize("part, mentioned", [("chest", True), ("neck", True), ("throat", True), ("calf", False)])
def test_emergency_fact_names_chest_neck_or_throat(part, mentioned):
    result = assess(report(breathing_difficulty=True, body_part=part))
    breathing = [r for r in result.level_reasons if r.item == "breathing"]
    assert len(breathing) == 1
    assert (part in breathing[0].fact) is mentioned


def test_a_reported_sign_is_listed_instead_of_unasked_questions():
    result = assess(SymptomReport(breathing_difficulty=False, pain_level="severe"))
    assert result.level == "specialist"
    assert cited(result) == {("specialist", "severe_pain")}


def test_unknown_answer_is_named_in_the_reason():
    result = assess(report(muscle_weakness="unknown"))
    assert len(result.level_reasons) == 1
    assert "weren't sure" in result.level_reasons[0].fact
    assert "weak" in result.level_reasons[0].fact


# --- spasm or twitch, and which kind ----------------------------------------------------------------------------
KIND_ROWS = [
    # id, report fields, contraction, subtype
    (
        "calf_cramp",
        dict(body_part="calf", sensation="cramp", episode_duration="seconds_to_minutes", pain_level="moderate"),
        "spasm",
        "skeletal",
    ),
    (
        "eyelid_flicker",
        dict(body_part="eyelid", sensation="flicker", episode_duration="brief", pain_level="none"),
        "twitch",
        "fasciculation",
    ),
    ("stomach_cramp_is_smooth", dict(body_part="stomach", sensation="cramp", pain_level="moderate"), "spasm", "smooth"),
    ("abdomen_cramp_is_smooth", dict(body_part="abdomen", sensation="cramp"), "spasm", "smooth"),
    (
        "running_calf_cramp_is_ischemic",
        dict(body_part="calf", sensation="cramp", triggers=("exercise",)),
        "spasm",
        "ischemic",
    ),
    (
        "running_thigh_cramp_is_ischemic",
        dict(body_part="thigh", sensation="tightening", triggers=["exercise"]),
        "spasm",
        "ischemic",
    ),
    (
        "exercise_arm_cramp_is_skeletal",
        dict(body_part="arm", sensation="cramp", triggers=("exercise",)),
        "spasm",
        "skeletal",
    ),
    (
        "calf_cramp_without_exercise_is_skeletal",
        dict(body_part="calf", sensation="cramp", triggers=("stress",)),
        "spasm",
        "skeletal",
    ),
    (
        "rhythmic_jerking_is_clonus",
        dict(body_part="foot", sensation="rhythmic_jerking", pain_level="none"),
        "twitch",
        "clonus",
    ),
    (
        "ms_twitch_is_spasticity",
        dict(body_part="leg", sensation="twitch", episode_duration="brief", known_condition="multiple_sclerosis"),
        "twitch",
        "spasticity",
    ),
    (
        "cerebral_palsy_twitch_is_spasticity",
        dict(sensation="twitch", known_condition="cerebral_palsy"),
        "twitch",
        "spasticity",
    ),
    ("als_twitch_is_fasciculation", dict(sensation="twitch", known_condition="als"), "twitch", "fasciculation"),
    (
        "jerk_lasting_minutes_with_pain_is_unclear",
        dict(body_part="leg", sensation="jerk", episode_duration="seconds_to_minutes", pain_level="moderate"),
        "unclear",
        None,
    ),
    ("only_a_large_muscle_is_unclear", dict(body_part="back"), "unclear", None),
    ("nothing_known_is_unclear", dict(sensation="unknown", episode_duration="unknown"), "unclear", None),
    (
        "painless_brief_with_no_feeling_named_is_twitch",
        dict(body_part="finger", pain_level="none", episode_duration="brief"),
        "twitch",
        "fasciculation",
    ),
    ("free_text_body_part_counts", dict(body_part="left calf", sensation="cramp"), "spasm", "skeletal"),
]


@pytest.mark.parametrize(
    "fields_, contraction, subtype", [row[1:] for row in KIND_ROWS], ids=[row[0] for row in KIND_ROWS]
)
def test_kind_rule(fields_, contraction, subtype):
    result = assess(SymptomReport.from_slots({"breathing_difficulty": False, **fields_}))
    assert (result.contraction, result.subtype) == (contraction, subtype)


def test_every_piece_of_kind_evidence_cites_how_the_symptoms_differ():
    result = assess(report(body_part="eyelid", sensation="flutter", episode_duration="brief", pain_level="none"))
    evidence = [r for r in result.kind_reasons if r.points_to in ("spasm", "twitch")]
    assert {r.item for r in evidence} == {"visibility", "pain_duration", "pain_response", "muscle_groups"}
    assert all(r.topic == "difference" for r in evidence)
    assert all(r.fact.startswith("You said") for r in evidence)


def test_subtype_is_explained_from_the_article_types():
    result = assess(report(body_part="stomach", sensation="cramp"))
    assert ("spasm_types", "smooth") in {(r.topic, r.item) for r in result.kind_reasons}


# --- causes and advice -----------------------------------------------------------------------------------------
CAUSE_ROWS = [
    (dict(triggers=["caffeine"]), [("twitch_triggers", "caffeine")]),
    (dict(triggers=["fatigue"]), [("twitch_triggers", "fatigue")]),
    (dict(triggers=["stress"]), [("causes", "stress_anxiety")]),
    (dict(triggers=["stress_anxiety"]), [("causes", "stress_anxiety")]),
    (dict(triggers=["dehydration"]), [("causes", "dehydration")]),
    (dict(triggers=["medication"]), [("causes", "medication")]),
    (dict(triggers=["exercise"], body_part="arm"), [("causes", "strain_injury")]),
    (dict(triggers=["exercise"], body_part="calf"), [("causes", "strain_injury"), ("causes", "poor_circulation")]),
    (dict(known_condition="multiple_sclerosis"), [("causes", "nerve_damage")]),
    (dict(known_condition="spinal_cord_injury"), [("causes", "nerve_damage")]),
    (dict(known_condition="als"), [("causes", "medical_conditions")]),
    (dict(known_condition="parkinsons"), [("causes", "medical_conditions")]),
    (
        dict(triggers=["caffeine", "stress"], known_condition="als"),
        [("twitch_triggers", "caffeine"), ("causes", "stress_anxiety"), ("causes", "medical_conditions")],
    ),
    ({}, []),
]


@pytest.mark.parametrize("changes, causes", CAUSE_ROWS)
def test_causes_fit_what_the_person_said(changes, causes):
    assert list(assess(report(**changes)).causes) == causes


ADVICE_ROWS = [
    (dict(triggers=["dehydration"]), ("hydration", "diet")),
    (dict(triggers=["stress"]), ("stress_reduction",)),
    (dict(triggers=["exercise"]), ("stretching", "hydration")),
    (dict(body_part="lower_back"), ("posture",)),
    (dict(body_part="neck", triggers=["stress"]), ("stress_reduction", "posture")),
    (dict(triggers=["caffeine"]), ALL_ADVICE),  # self care with nothing specific: every prevention step
    ({}, ALL_ADVICE),
    (dict(pain_level="severe"), ()),  # specialist with nothing specific: no generic list
    (dict(pain_level="severe", triggers=["exercise"]), ("stretching", "hydration")),
    (dict(breathing_difficulty=True, triggers=["dehydration"]), ()),  # emergency: nothing to distract
]


@pytest.mark.parametrize("changes, advice", ADVICE_ROWS)
def test_advice_fits_what_the_person_said(changes, advice):
    assert assess(report(**changes)).advice == advice


def test_from_slots_ignores_other_keys_and_accepts_lists():
    built = SymptomReport.from_slots(
        {**SAFE, "requested_slot": "x", "triggers": ["coffee", "coffee"], "muscle_weakness": "true"}
    )
    assert built.triggers == ("coffee",)
    assert built.muscle_weakness is True
    assert SymptomReport.from_slots({}).triggers == ()
    assert SymptomReport.from_slots({"triggers": "stress_anxiety"}).triggers == ("stress",)
    assert SYMPTOM_SLOTS[0] == "breathing_difficulty" and SYMPTOM_SLOTS[-1] == "triggers"


# --- properties over many generated reports -------------------------------------------------------------------
# Each red-flag field: not asked, "I don't know", answers that rule the sign out, and an answer that raises it.
FLAG_VALUES = {
    "breathing_difficulty": (None, "unknown", False, True),
    "pain_level": (None, "unknown", "none", "mild", "severe"),
    "pain_after": (None, "unknown", False, True),
    "frequency": (None, "unknown", "occasional", "frequent"),
    "history": (None, "unknown", "days", "weeks_or_longer"),
    "muscle_weakness": (None, "unknown", False, True),
    "visible_change": (None, "unknown", False, True),
    "known_condition": (None, "unknown", "none", "als"),
}
KIND_VALUES = {
    "body_part": (None, "unknown", "calf", "eyelid", "stomach", "chest", "pinky toe"),
    "sensation": (None, "unknown", "cramp", "flicker", "twitch", "rhythmic_jerking", "stiffness"),
    "episode_duration": (None, "unknown", "brief", "seconds_to_minutes", "long"),
    "triggers": ((), ("exercise",), ("caffeine", "stress"), ("dehydration", "medication", "fatigue")),
}
ALL_SECTIONS = article_facts.section_titles()


def every_red_flag_combination():
    names = list(FLAG_VALUES)
    for values in itertools.product(*FLAG_VALUES.values()):
        yield SymptomReport(body_part="calf", sensation="cramp", **dict(zip(names, values, strict=True)))


def random_reports(count=3000, seed=7):
    rng = random.Random(seed)
    choices = {
        **FLAG_VALUES,
        **KIND_VALUES,
        "pain_level": (None, "unknown", "none", "mild", "moderate", "severe"),
        "known_condition": (
            None,
            "unknown",
            "none",
            "unspecified",
            "multiple_sclerosis",
            "als",
            "parkinsons",
            "cerebral_palsy",
            "spinal_cord_injury",
        ),
    }
    for _ in range(count):
        yield SymptomReport(**{name: rng.choice(values) for name, values in choices.items()})


def open_red_flags(rep: SymptomReport):
    """Red-flag fields left unasked or "I don't know" (lingering pain only matters when there is some pain)."""
    return [
        name
        for name in RED_FLAG_FIELDS
        if getattr(rep, name) in (None, "unknown")
        and not (name == "pain_after" and rep.pain_level in ("none", "severe"))
    ]


def test_an_open_red_flag_never_yields_self_care():
    checked = 0
    for rep in every_red_flag_combination():
        if open_red_flags(rep):
            checked += 1
            assert assess(rep).level != "self_care", rep
    assert checked > 50000


def test_adding_a_red_flag_never_lowers_the_level():
    for rep in random_reports():
        before = level_rank(assess(rep).level)
        for name, changes in ADD_RED_FLAG.items():
            after = assess(SymptomReport.from_slots({**rep.__dict__, **changes}))
            assert level_rank(after.level) >= before, (name, rep)
            assert after.level != "self_care", (name, rep)


@pytest.mark.parametrize("source", ["combinations", "random"])
def test_every_result_is_explained_from_real_sections(source):
    reports = every_red_flag_combination() if source == "combinations" else random_reports()
    for rep in reports:
        result = assess(rep)
        assert result.level in LEVELS
        assert result.level_reasons, rep  # at least one reason for the level itself
        assert all(reason.section in ALL_SECTIONS for reason in result.reasons)
        assert all(reason.fact and reason.why for reason in result.reasons)
        assert len(set(result.sources)) == len(result.sources)
        assert {reason.section for reason in result.reasons} <= set(result.sources)
        assert result.subtype is None or result.contraction != "unclear"


def test_questions_start_with_breathing_and_never_repeat_an_answer():
    for rep in itertools.chain(every_red_flag_combination(), random_reports()):
        questions = questions_to_ask(rep)
        if rep.breathing_difficulty is True:
            assert questions == ()
            continue
        if rep.breathing_difficulty is None:
            assert questions[0] == "breathing_difficulty"
        assert all(getattr(rep, name) is None for name in questions), (rep, questions)
        assert len(set(questions)) == len(questions)
        assert "triggers" not in questions


def full_answers():
    """Complete interviews: every question answered (lingering pain only where it is asked)."""
    rng = random.Random(11)
    for _ in range(1500):
        values = {
            name: rng.choice([v for v in values if v is not None])
            for name, values in {**FLAG_VALUES, **KIND_VALUES}.items()
        }
        yield values


def test_stopping_the_interview_early_never_changes_the_level():
    """Walk the interview as the form does; the level must equal the one from answering everything."""
    for answers in full_answers():
        slots = {"triggers": answers["triggers"]}
        for _ in range(len(SYMPTOM_SLOTS)):
            questions = questions_to_ask(SymptomReport.from_slots(slots))
            if not questions:
                break
            slots[questions[0]] = answers[questions[0]]
        assert not questions_to_ask(SymptomReport.from_slots(slots))
        walked = assess(SymptomReport.from_slots(slots)).level
        everything = dict(answers)
        if answers["pain_level"] not in ("mild", "moderate"):
            everything["pain_after"] = None  # never asked then, and not needed
        assert walked == assess(SymptomReport.from_slots(everything)).level, answers


@pytest.mark.parametrize("pain, asked", [("mild", True), ("moderate", True), ("none", False), ("severe", False)])
def test_lingering_pain_is_asked_only_when_some_pain_is_not_yet_severe(pain, asked):
    rep = SymptomReport(
        breathing_difficulty=False, body_part="calf", sensation="cramp", episode_duration="brief", pain_level=pain
    )
    assert ("pain_after" in questions_to_ask(rep)) is asked


def test_questions_follow_the_interview_order():
    assert questions_to_ask(SymptomReport()) == (
        "breathing_difficulty",
        "body_part",
        "sensation",
        "episode_duration",
        "pain_level",
        "frequency",
        "history",
        "muscle_weakness",
        "visible_change",
        "known_condition",
    )
    assert questions_to_ask(SymptomReport(breathing_difficulty=False, pain_level="mild"))[:4] == (
        "body_part",
        "sensation",
        "episode_duration",
        "pain_after",
    )


def test_once_settled_as_specialist_only_the_kind_questions_remain():
    rep = SymptomReport(breathing_difficulty=False, muscle_weakness=True)
    assert questions_to_ask(rep) == ("body_part", "sensation", "episode_duration", "pain_level")
    rep = SymptomReport(breathing_difficulty=False, frequency="unknown")
    assert questions_to_ask(rep) == ("body_part", "sensation", "episode_duration", "pain_level")


# --- held-out vignettes, run offline through the readers and the merge policy the form uses --------------------
def interview(vignette):
    """The conversation a vignette describes: its opening, then its answer to each question the bot asks,
    merged as actions/actions.py merges them (triage.merge_answers)."""
    slots = merge_answers({}, read_turn(normalise(vignette["opening"]), None, 0.0, [], None).values, None)
    for _ in range(len(SYMPTOM_SLOTS)):
        questions = questions_to_ask(SymptomReport.from_slots(slots))
        if not questions:
            return slots
        slot = questions[0]
        turn = read_turn(normalise(vignette["answers"][slot]), None, 0.0, [], slot)
        assert turn.unread is None and slot in turn.values, (vignette["id"], slot, vignette["answers"][slot])
        slots = merge_answers(slots, turn.values, slot)
    raise AssertionError(f"{vignette['id']}: the interview did not finish")


def test_vignettes_cover_every_level_and_subtype():
    expected = [v["expected"] for v in VIGNETTES]
    assert len(VIGNETTES) >= 30
    assert len({v["id"] for v in VIGNETTES}) == len(VIGNETTES)
    assert sum(e["level"] == "emergency" for e in expected) >= 5
    assert {e["level"] for e in expected} == set(LEVELS)
    assert {e["contraction"] for e in expected} == {"spasm", "twitch", "unclear"}
    assert {e["subtype"] for e in expected} == {
        "skeletal",
        "smooth",
        "ischemic",
        "spasticity",
        "clonus",
        "fasciculation",
        None,
    }
    slots = [name for name in SYMPTOM_SLOTS if name != "triggers"]
    assert all(sorted(v["answers"]) == sorted(slots) for v in VIGNETTES)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_vignette(vignette):
    result = assess(SymptomReport.from_slots(interview(vignette)))
    expected = vignette["expected"]
    assert level_rank(result.level) >= level_rank(expected["level"]), "under-triage"
    assert result.level == expected["level"]
    assert (result.contraction, result.subtype) == (expected["contraction"], expected["subtype"])


# --- which answer wins ------------------------------------------------------------------------------------------
def test_merge_adds_triggers_up():
    merged = merge_answers({"triggers": ["exercise"]}, {"triggers": ["caffeine", "exercise"]})
    assert merged["triggers"] == ["exercise", "caffeine"]


def test_merge_takes_the_requested_answer_even_if_lower():
    assert merge_answers({"pain_level": "severe"}, {"pain_level": "mild"}, "pain_level")["pain_level"] == "mild"


@pytest.mark.parametrize(
    "slot, old, new, kept",
    [
        ("pain_level", "severe", "mild", "severe"),
        ("pain_level", "mild", "severe", "severe"),
        ("history", "weeks_or_longer", "days", "weeks_or_longer"),
        ("frequency", "frequent", "occasional", "frequent"),
        ("muscle_weakness", True, False, True),
        ("muscle_weakness", False, True, True),
        ("breathing_difficulty", False, True, True),
        ("known_condition", "als", "none", "als"),
        ("known_condition", "none", "als", "als"),
        ("frequency", "unknown", "once", "once"),
        ("body_part", "calf", "thigh", "calf"),
    ],
)
def test_merge_never_lowers_an_earlier_answer_by_a_passing_remark(slot, old, new, kept):
    assert merge_answers({slot: old}, {slot: new}, "history" if slot != "history" else "pain_level")[slot] == kept
