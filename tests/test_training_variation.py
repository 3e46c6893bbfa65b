"""The generated training variation (ops/write_training_variation.py): up to date, labelled as Rasa needs, and safe."""

import re

import yaml

from muscle_triage.understanding import breathing
from muscle_triage.understanding.question_reading import QUESTION_INTENTS, multi_intent_parts
from muscle_triage.understanding.wording import normalise
from ops import write_training_variation as variation

PROJECT = variation.PROJECT


def _generated() -> dict[str, dict[str, list[str]]]:
    """file name -> intent -> examples, as written."""
    found: dict[str, dict[str, list[str]]] = {}
    for path, text in variation.generated_files().items():
        blocks = yaml.safe_load(text)["nlu"]
        found[path.name] = {
            block["intent"]: [line[2:] for line in block["examples"].splitlines() if line.startswith("- ")]
            for block in blocks
        }
    return found


def test_the_generated_files_are_up_to_date():
    stale = [
        str(path.relative_to(PROJECT))
        for path, text in variation.generated_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"out of date, run `make variation`: {stale}"


def test_generation_is_deterministic():
    assert variation.generated_files() == variation.generated_files()


def test_every_multi_intent_is_a_pair_of_article_questions_listed_in_the_domain():
    domain_intents = set(yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    labels = set(_generated()["two_questions.yml"])
    assert len(labels) == len(variation.question_pairs())
    for label in labels:
        parts = multi_intent_parts(label)
        assert len(parts) == 2 and set(parts) <= set(QUESTION_INTENTS), label
        assert label in domain_intents, f"{label} is not in domain.yml's intents"
    listed = {intent for intent in domain_intents if multi_intent_parts(intent)}
    assert listed == labels, f"domain.yml lists multi-intents nothing generates: {sorted(listed - labels)}"


def test_questions_in_stories_keep_their_question_intent_and_never_mention_breathing():
    stories = _generated()["questions_in_stories.yml"]
    assert set(stories) == set(QUESTION_INTENTS)
    for intent, examples in stories.items():
        assert len(examples) >= variation.STORIES_PER_INTENT, intent
        for example in examples:
            plain = variation._plain_words(example)
            assert not variation.BREATHING.search(plain), example
            assert not breathing.mentions_breathing(normalise(plain)), example


def test_phone_typing_changes_only_the_words_outside_entity_annotations():
    sources = variation.source_examples()
    annotations = {match for made in sources.values() for ex in made for match in variation.ANNOTATION.findall(ex)}
    typed = _generated()["everyday_typing.yml"]
    assert sum(len(made) for made in typed.values()) > 500
    for made in typed.values():
        for example in made:
            for annotation in variation.ANNOTATION.findall(example):
                assert annotation in annotations, example


def test_no_generated_example_repeats_another_or_a_source_example():
    seen: set[str] = set()
    for path in sorted((PROJECT / "data" / "nlu").glob("*.yml")):
        blocks = yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []
        for block in blocks:
            if "intent" in block:
                seen |= {_key(line[2:]) for line in block["examples"].splitlines() if line.strip().startswith("- ")}
    for made in _generated().values():
        for examples in made.values():
            for example in examples:
                key = _key(example)
                assert key not in seen, example
                seen.add(key)


def _key(example: str) -> str:
    return " ".join(re.sub(r"\s+", " ", variation._plain_words(example.strip())).lower().split())
