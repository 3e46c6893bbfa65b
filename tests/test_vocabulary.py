"""The vocabulary: one place for body parts and causes, and the NLU files generated from it."""

import pytest

from muscle_triage.knowledge import causes, vocabulary
from ops.write_nlu_vocabulary import generated_files


def test_the_nlu_lookup_tables_and_synonyms_are_generated_from_the_vocabulary():
    stale = [
        str(path)
        for path, text in generated_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"out of date, run `make vocabulary`: {stale}"


@pytest.mark.parametrize(
    "words, name",
    [
        ("calves", "calf"),
        ("lower back", "lower_back"),
        ("lower_back", "lower_back"),
        ("pinky toe", "toe"),
        ("back of my knee", "knee"),
        ("belly", "stomach"),
        ("stomach muscles", "abs"),
        ("period", "abdomen"),
        ("earlobe", None),
    ],
)
def test_body_part_named(words, name):
    part = vocabulary.body_part_named(words)
    assert (part.name if part else None) == name


@pytest.mark.parametrize(
    "body_part, groups",
    [
        ("eyelid", {vocabulary.SMALL}),
        ("calf", {vocabulary.LARGE, vocabulary.LEG}),
        ("stomach", {vocabulary.ORGAN}),
        ("neck", {vocabulary.NECK_OR_CHEST, vocabulary.POSTURE}),
        ("abs", set()),
        ("earlobe", set()),
        (None, set()),
    ],
)
def test_body_groups(body_part, groups):
    assert vocabulary.body_groups(body_part) == groups


def test_every_word_names_one_thing():
    words = [word for part in vocabulary.BODY_PARTS for word in part.words]
    assert len(words) == len(set(words))
    cause_words = [word for cause in causes.CAUSES for word in cause.words]
    assert len(cause_words) == len(set(cause_words))


def test_triggers_are_what_the_triage_knows():
    assert causes.triggers_of(["stress_anxiety", "medication", "nerve_damage", "exercise", "stress_anxiety"]) == [
        "stress",
        "medication",
        "exercise",
    ]
