"""Writes the NLU's lookup tables and synonyms for body parts, causes and conditions from the knowledge package's
vocabulary.py and causes.py.

Those two are the one place these words live; the NLU files below are generated from it, so the words the
classifier's features know and the words the readers know are the same. tests/test_vocabulary.py fails when a
generated file is out of date. Usage: .venv/bin/python -m ops.write_nlu_vocabulary (or `make vocabulary`).
"""

import sys
from collections.abc import Sequence
from pathlib import Path

from muscle_triage.knowledge import causes, vocabulary

PROJECT = Path(__file__).resolve().parent.parent
HEADER = "# Generated from muscle_triage/knowledge/vocabulary.py and causes.py by ops.write_nlu_vocabulary.\n"


def _entries() -> dict[str, list[tuple[str, Sequence[str]]]]:
    """entity -> [(value, words)]"""
    named = [(c.name, c.words) for c in causes.CAUSES if c.name not in causes.CONDITIONS]
    conditions = [(c.name, c.words) for c in causes.CAUSES if c.name in causes.CONDITIONS]
    return {"body_part": [(p.name, p.words) for p in vocabulary.BODY_PARTS], "cause": named, "condition": conditions}


def _examples(words: Sequence[str]) -> str:
    return "".join(f"    - {word}\n" for word in words)


def generated_files() -> dict[Path, str]:
    files = {}
    synonyms = []
    for entity, entries in _entries().items():
        words = list(dict.fromkeys(word for _, values in entries for word in values))
        files[PROJECT / "data" / "nlu" / "lookups" / f"{entity}.yml"] = (
            HEADER + 'version: "3.1"\n\nnlu:\n' + f"- lookup: {entity}\n  examples: |\n" + _examples(words)
        )
        for value, values in entries:
            others = [word for word in values if word != value]
            if others:
                synonyms.append(f"- synonym: {value}\n  examples: |\n" + _examples(others))
    files[PROJECT / "data" / "nlu" / "vocabulary_synonyms.yml"] = (
        HEADER + 'version: "3.1"\n\nnlu:\n' + "\n".join(synonyms)
    )
    return files


def main() -> int:
    for path, text in generated_files().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
