"""What counts as a copy between the training data and the evaluation sets: one comparison, used by the tests that
keep them apart (tests/test_understanding_set.py) and by the import of written training messages
(ops/import_written_examples.py), which leaves such copies out."""

import re
from pathlib import Path

import yaml

from evaluation import persona_set, understanding_set

DATA = Path(__file__).resolve().parent.parent / "data"
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def comparable(text: str) -> str:
    """Lower case, letters, digits and spaces only: so that punctuation or case cannot hide a copy."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("’", "'").replace("'", "")).split())


def training_lines() -> set[str]:
    """Every training example of every intent, comparable (lookup tables and synonyms list single words, not
    phrasings)."""
    lines = set()
    for path in DATA.rglob("*.yml"):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            if "intent" not in entry:
                continue
            for line in (entry.get("examples") or "").splitlines():
                example = ANNOTATION.sub(r"\1", line.strip().lstrip("- ").strip())
                if example:
                    lines.add(comparable(example))
    return lines


def evaluation_messages() -> list[str]:
    """Every message an evaluation sends: the persona sets' and the older understanding sets'."""
    texts = [question.text for question in persona_set.persona_questions()]
    texts += [question.after for question in persona_set.persona_questions() if question.after]
    texts += [entry.person.opening for entry in persona_set.persona_people()]
    texts += [question.text for question in understanding_set.questions()]
    texts += [answer.text for answer in understanding_set.answers()] + [p.opening for p in understanding_set.people()]
    texts += list(understanding_set.meta_questions("why")) + list(understanding_set.meta_questions("clarify"))
    return texts + list(understanding_set.unreadable_answers())
