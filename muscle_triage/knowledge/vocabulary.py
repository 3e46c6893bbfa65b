"""The everyday words people use for body parts and for the article's single items (kinds and prevention steps),
and the whole-word patterns built from them; causes.py holds the words for the causes the article names.

Pure Python (no Rasa). The answer readers, the triage and the question answering read these tables; the NLU's
lookup tables and synonyms for `body_part` and `cause` are written from them (ops/write_nlu_vocabulary.py,
checked by tests/test_vocabulary.py), so the words the NLU knows and the words the parsers know never drift apart.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from re import Pattern

# The article's groupings of body parts that the triage uses (muscle_triage/triage/rules.py says what each one decides).
SMALL = "small"  # small muscles, where twitches are typical ("Affected Muscle Groups")
LARGE = "large"  # larger muscle groups where spasms are typical: back, legs, arms
ORGAN = "organ"  # smooth muscle: organs such as the intestines and the womb (menstrual cramps)
LEG = "leg"  # the article's ischemic example: leg muscles during exercise
NECK_OR_CHEST = "neck_or_chest"  # where the article places spasms that make breathing difficult
POSTURE = "posture"  # muscles that poor posture tenses


@dataclass(frozen=True)
class BodyPart:
    name: str  # the value stored in the body_part slot
    words: tuple[str, ...]  # what people call it, plurals included, most specific first
    groups: frozenset[str] = frozenset()
    # An extra regular expression for words too common to match alone ("back" in "it comes back").
    pattern: str | None = None
    # The larger part this one is in: named together ("top of his leg, the thigh"), the smaller one is meant.
    within: str | None = None


# Ordered: where two entries could match the same words, the more specific one comes first.
BODY_PARTS: tuple[BodyPart, ...] = (
    BodyPart(
        "lower_back",
        ("lower back", "low back", "lumbar", "lower spine", "small of my back"),
        frozenset({LARGE, POSTURE}),
    ),
    BodyPart(
        "eyelid",
        ("eyelid", "eyelids", "eye lid", "eye lids", "lower eyelid", "upper eyelid", "lid"),
        frozenset({SMALL}),
        within="eye",
    ),
    BodyPart("eye", ("eye", "eyes", "eyebrow", "eyebrows", "under my eye"), frozenset({SMALL})),
    BodyPart("lip", ("lip", "lips", "upper lip", "lower lip", "mouth", "corner of my mouth"), frozenset({SMALL})),
    BodyPart("face", ("face", "cheek", "cheeks", "forehead", "temple"), frozenset({SMALL})),
    BodyPart("jaw", ("jaw", "jaws", "jawline", "chin")),
    BodyPart("throat", ("throat",), frozenset({NECK_OR_CHEST})),
    BodyPart("neck", ("neck", "nape"), frozenset({NECK_OR_CHEST, POSTURE})),
    BodyPart(
        "chest",
        ("chest", "chest muscles", "pecs", "pec", "ribs", "rib", "rib cage", "ribcage"),
        frozenset({NECK_OR_CHEST}),
    ),
    BodyPart(
        "shoulder",
        ("shoulder", "shoulders", "shoulder blade", "shoulder blades", "trap", "traps"),
        frozenset({LARGE, POSTURE}),
    ),
    BodyPart(
        "back",
        ("upper back", "mid back", "middle back", "back muscles", "spine"),
        frozenset({LARGE, POSTURE}),
        pattern=r"\b(?:my|the|upper|mid|middle|his|her|your|whole) back\b(?! of)"
        r"|\bback (?:spasms?|cramps?|muscles?|pain|twitch\w*|seiz\w*|keeps?)\b",
    ),
    BodyPart("thumb", ("thumb", "thumbs"), frozenset({SMALL})),
    BodyPart(
        "finger",
        (
            "finger",
            "fingers",
            "pinky",
            "pinkie",
            "index finger",
            "ring finger",
            "middle finger",
            "knuckle",
            "knuckles",
            "fingertip",
            "fingertips",
        ),
        frozenset({SMALL}),
    ),
    BodyPart("hand", ("hand", "hands", "palm", "palms", "wrist", "wrists")),
    BodyPart(
        "arm",
        ("arm", "arms", "bicep", "biceps", "tricep", "triceps", "forearm", "forearms", "upper arm", "elbow"),
        frozenset({LARGE}),
    ),
    BodyPart("abs", ("abs", "abdominal muscles", "abdominals", "stomach muscles", "six pack", "core muscles")),
    BodyPart(
        "abdomen",
        (
            "abdomen",
            "abdominal",
            "intestine",
            "intestines",
            "intestinal",
            "bowel",
            "bowels",
            "womb",
            "uterus",
            "period",
            "periods",
            "menstrual",
            "lower belly",
            "pelvis",
        ),
        frozenset({ORGAN}),
    ),
    BodyPart("stomach", ("stomach", "belly", "tummy", "gut"), frozenset({ORGAN})),
    BodyPart(
        "calf",
        (
            "calf",
            "calves",
            "calf muscle",
            "calf muscles",
            "back of my lower leg",
            "back of the lower leg",
            "back of his lower leg",
            "back of her lower leg",
        ),
        frozenset({LARGE, LEG}),
        within="leg",
    ),
    BodyPart(
        "hamstring",
        (
            "hamstring",
            "hamstrings",
            "hammy",
            "hammies",
            "back of my thigh",
            "back of my thighs",
            "back of thigh",
            "back of the thigh",
            "back of his thigh",
            "back of her thigh",
        ),
        frozenset({LARGE, LEG}),
        within="thigh",
    ),
    BodyPart(
        "thigh",
        ("thigh", "thighs", "quad", "quads", "quadriceps", "inner thigh", "groin"),
        frozenset({LARGE, LEG}),
        within="leg",
    ),
    BodyPart("knee", ("knee", "knees", "kneecap", "kneecaps", "back of my knee")),
    BodyPart("toe", ("toe", "toes", "big toe", "little toe", "pinky toe")),
    BodyPart(
        "foot", ("foot", "feet", "sole", "soles", "heel", "heels", "arch of my foot", "instep", "ankle", "ankles")
    ),
    BodyPart("leg", ("leg", "legs", "shin", "shins", "lower leg", "upper leg"), frozenset({LARGE, LEG})),
    BodyPart("hip", ("hip", "hips", "glute", "glutes", "buttock", "buttocks", "bum", "butt")),
)


def phrase_pattern(words: Sequence[str], extra: str | None = None) -> str:
    """Whole-word alternatives, longest first, with any run of spaces or hyphens between the words."""
    alternatives = [
        r"[\s-]+".join(re.escape(part) for part in word.split()) for word in sorted(words, key=len, reverse=True)
    ]
    pattern = r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])"
    return f"{pattern}|{extra}" if extra else pattern


@lru_cache(maxsize=1)  # read for every message: built once
def body_part_patterns() -> tuple[tuple[str, str], ...]:
    """(regular expression, slot value) for every body part, in matching order."""
    return tuple((phrase_pattern(part.words, part.pattern), part.name) for part in BODY_PARTS)


def narrowest(names: Sequence[str]) -> str | None:
    """Of the body parts named, the first one, or a smaller part within it named as well ("eye, bottom lid")."""
    if not names:
        return None
    within = {part.within: part.name for part in BODY_PARTS if part.name in names and part.within}
    chosen = names[0]
    while chosen in within:
        chosen = within[chosen]
    return chosen


def body_part_named(text: str) -> BodyPart | None:
    """The body part that these words name: the slot value itself, or its last word ("pinky toe" -> toe)."""
    cleaned = text.lower().replace("_", " ").strip()
    for part in BODY_PARTS:
        if cleaned == part.name.replace("_", " ") or cleaned in part.words:
            return part
    last = cleaned.split()[-1] if cleaned else ""
    for part in BODY_PARTS:
        if last in part.words:
            return part
    return None


def body_groups(body_part: str | None) -> frozenset[str]:
    part = body_part_named(body_part) if body_part else None
    return part.groups if part else frozenset()


@cache
def compiled(pattern: str) -> Pattern[str]:
    """A cached compiled pattern (the tables above are matched on every message)."""
    return re.compile(pattern)


# Words for the article's single items that questions name: the kinds of spasm and twitch, and prevention steps.
ITEM_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("skeletal", ("skeletal", "skeletal muscle")),
    # The article's examples of smooth muscle spasms: "are period cramps a kind of spasm?" is about that kind.
    (
        "smooth",
        (
            "smooth muscle",
            "smooth",
            "period cramps",
            "period pains",
            "period pain",
            "menstrual",
            "menstruation",
            "time of the month",
            "tummy cramps",
            "stomach cramps",
            "intestinal cramps",
        ),
    ),
    ("ischemic", ("ischemic", "ischaemic", "ischemia", "ischaemia")),
    ("spasticity", ("spasticity", "spastic")),
    ("clonus", ("clonus", "klonus", "clonic")),
    ("fasciculation", ("fasciculation", "fasciculations", "fasciculating")),
    (
        "hydration",
        ("water", "hydrated", "hydration", "hydrate", "fluids", "drink more", "drinking more", "electrolyte drinks"),
    ),
    ("stretching", ("stretch", "stretches", "stretching", "stretched", "yoga", "flexibility")),
    (
        "diet",
        (
            "diet",
            "food",
            "foods",
            "eat",
            "eating",
            "magnesium",
            "potassium",
            "banana",
            "bananas",
            "minerals",
            "nutrition",
            "nutrients",
            "supplements",
        ),
    ),
    (
        "posture",
        (
            "posture",
            "sitting",
            "desk",
            "slouching",
            "slouch",
            "slumping",
            "slump",
            "slumped",
            "hunched",
            "hunching",
            "hold yourself",
            "hold myself",
            "sit up straight",
            "sitting up straight",
            "ergonomic",
        ),
    ),
    (
        "stress_reduction",
        (
            "meditation",
            "meditate",
            "meditating",
            "relax",
            "relaxing",
            "relaxation",
            "breathing exercises",
            "deep breathing",
            "mindfulness",
            "manage stress",
            "managing stress",
            "reduce stress",
            "reducing stress",
            "chill out",
            "chilling out",
            "destress",
            "de-stress",
            "destressing",
            "de-stressing",
            "unwind",
            "unwinding",
            "calm down",
            "calming down",
            "calm myself",
            "calming oneself",
            "calm the nerves",
            "calming the nerves",
        ),
    ),
)


def item_patterns() -> tuple[tuple[str, str], ...]:
    return tuple((phrase_pattern(words), name) for name, words in ITEM_WORDS)
