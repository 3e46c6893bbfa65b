"""Adds training messages written by people who read only the article (or, for chat that is not about muscles, a
guide to the labels) and a persona to data/nlu/written_messages.yml, with their entities marked from the NLU's own
lookup tables and synonyms.

Each input file is YAML: `persona: "..."` and `examples: {intent: [message, ...]}`. A message is left out when
- it mentions breathing: breathing trouble is always the emergency, and must never be taught as a question;
- it is longer than MAX_WORDS words: DIET's training time grows with the longest message in each batch, and a
  story's question is also read alone (addons/question_clauses.py), so the classifier learns the question itself;
- its intent is in INTENTS_LEFT_OUT;
- it is already a training example, or a message of any evaluation set (dev or holdout), word for word, so that
  no evaluation is scored on a message the classifier was trained on.

Usage: .venv/bin/python -m ops.import_written_examples FILE [FILE ...]
"""

import re
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

from evaluation import copies
from muscle_triage.understanding import breathing

PROJECT = Path(__file__).resolve().parent.parent
NLU = PROJECT / "data" / "nlu"
OUTPUT = NLU / "written_messages.yml"
# The entities an article question marks (see article_questions.yml); sensation words are marked only in accounts.
MARKED_ENTITIES = ("body_part", "cause", "condition", "contraction_type", "prevention_step")
HEADER = (
    "# Messages written blind by helpers who each read only the article (or a guide to the chat labels) and one\n"
    "# persona, and never the bot's data or tests. Entities marked, and copies left out, by\n"
    "# ops.import_written_examples; add more with it.\n"
)
MAX_WORDS = 25
# Written questions about the source ("who wrote this stuff", "is this legit") drew "is this automated?" and "who won
# the super bowl" to ask_source: the NLU held-out macro-F1 fell 0.961 -> 0.944. The guard's source frame reads them.
INTENTS_LEFT_OUT = frozenset({"ask_source"})


def _nlu_items(path: Path) -> list[dict]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []


def _listed(block: str) -> list[str]:
    return [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]


def phrase_entities() -> dict[str, tuple[str, str]]:
    """phrase (lower case) -> (entity, value), from the lookup tables and every synonym file."""
    canonical: dict[str, str] = {}
    for path in NLU.glob("*.yml"):
        for item in _nlu_items(path):
            if "synonym" in item:
                for phrase in _listed(item["examples"]):
                    canonical[phrase.lower()] = str(item["synonym"])
    found = {}
    for entity in MARKED_ENTITIES:
        for item in _nlu_items(NLU / "lookups" / f"{entity}.yml"):
            for phrase in _listed(item["examples"]):
                found[phrase.lower()] = (entity, canonical.get(phrase.lower(), phrase.lower()))
    return found


def marked(text: str, phrases: dict[str, tuple[str, str]]) -> str:
    """The message with its lookup phrases marked, longest first, none overlapping."""
    spans: list[tuple[int, int, str, str]] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text, re.IGNORECASE):
            if all(match.end() <= start or match.start() >= end for start, end, _, _ in spans):
                spans.append((match.start(), match.end(), *phrases[phrase]))
    for start, end, entity, value in sorted(spans, reverse=True):
        words = text[start:end]
        label = f"({entity})" if words.lower() == value else f'{{"entity": "{entity}", "value": "{value}"}}'
        text = f"{text[:start]}[{words}]{label}{text[end:]}"
    return text


def known_messages() -> set[str]:
    """Every training example and every evaluation message, comparable."""
    return copies.training_lines() | {copies.comparable(text) for text in copies.evaluation_messages()}


def existing_output() -> dict[str, list[str]]:
    if not OUTPUT.exists():
        return {}
    return {str(item["intent"]): _listed(item["examples"]) for item in _nlu_items(OUTPUT) if "intent" in item}


def imported(files: Iterable[Path]) -> tuple[dict[str, list[str]], dict[str, int]]:
    phrases, known = phrase_entities(), known_messages()
    by_intent = existing_output()
    left_out = {"intent": 0, "breathing": 0, "long": 0, "copy": 0}
    for path in files:
        for intent, messages in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"].items():
            for message in messages:
                text = " ".join(str(message).split())
                if intent in INTENTS_LEFT_OUT:
                    left_out["intent"] += 1
                elif breathing.mentions_breathing(text):
                    left_out["breathing"] += 1
                elif len(text.split()) > MAX_WORDS:
                    left_out["long"] += 1
                elif copies.comparable(text) in known:
                    left_out["copy"] += 1
                else:
                    known.add(copies.comparable(text))
                    by_intent.setdefault(intent, []).append(marked(text, phrases))
    return by_intent, left_out


def rendered(by_intent: dict[str, list[str]]) -> str:
    blocks = [
        f"- intent: {intent}\n  examples: |\n" + "".join(f"    - {example}\n" for example in examples)
        for intent, examples in by_intent.items()
    ]
    return HEADER + 'version: "3.1"\n\nnlu:\n' + "\n".join(blocks)


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__)
        return 2
    by_intent, left_out = imported(Path(argument) for argument in arguments)
    OUTPUT.write_text(rendered(by_intent), encoding="utf-8")
    total = sum(len(examples) for examples in by_intent.values())
    print(f"wrote {OUTPUT.relative_to(PROJECT)}: {total} examples; left out {left_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
