"""Fingerprints of the article's 12-word runs, so tests can catch copied text without having the article.

Run once by a developer who has the article (its path is an argument, never a fixed one):

    .venv/bin/python -m ops.article_fingerprints PATH_TO_ARTICLE

It writes tests/article_fingerprints.txt: one truncated SHA-256 per normalised 12-word shingle, sorted, and no
article text. tests/test_no_copied_text.py hashes every shingle of the project's files the same way and fails on
any match. The normalising, shingling and matching live here so that the writer and the check cannot drift apart.
"""

import argparse
import hashlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

SHINGLE_WORDS = 12
HASH_HEX_DIGITS = 16  # 64 bits: an accidental collision among a few thousand hashes is out of reach
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "tests" / "article_fingerprints.txt"

# Curly quotes and apostrophes count as straight ones, so "body’s" and "body's" are the same word.
QUOTE_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


class Word(NamedTuple):
    text: str
    line: int  # 1-based, so a failure can point at the line


def words(text: str) -> list[Word]:
    """The text's words, lower-cased with quotes folded; punctuation, markup and line breaks are ignored."""
    found = []
    for number, line in enumerate(text.lower().translate(QUOTE_FOLDS).splitlines(), start=1):
        found += [Word(match.group(0), number) for match in WORD.finditer(line)]
    return found


def fingerprint(shingle: Sequence[str]) -> str:
    return hashlib.sha256(" ".join(shingle).encode("utf-8")).hexdigest()[:HASH_HEX_DIGITS]


def fingerprints(text: str) -> frozenset[str]:
    tokens = [word.text for word in words(text)]
    return frozenset(fingerprint(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1))


class SharedRun(NamedTuple):
    line: int
    text: str  # the words as they appear (normalised) in the checked text

    @property
    def length(self) -> int:
        return len(self.text.split())


def shared_runs(text: str, known: frozenset[str]) -> list[SharedRun]:
    """Every maximal run of SHINGLE_WORDS or more consecutive words whose shingles are all in `known`."""
    tokens = words(text)
    hits = [
        i
        for i in range(len(tokens) - SHINGLE_WORDS + 1)
        if fingerprint([word.text for word in tokens[i : i + SHINGLE_WORDS]]) in known
    ]
    runs: list[tuple[int, int]] = []  # (first shingle start, last shingle start)
    for start in hits:
        if runs and start == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], start)
        else:
            runs.append((start, start))
    return [
        SharedRun(tokens[first].line, " ".join(word.text for word in tokens[first : last + SHINGLE_WORDS]))
        for first, last in runs
    ]


def read_fingerprints(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def write_fingerprints(article: Path, out: Path) -> int:
    text = article.read_text(encoding="utf-8")
    hashes = sorted(fingerprints(text))
    header = [
        "# Fingerprints of the source article: the first "
        f"{HASH_HEX_DIGITS} hex digits of SHA-256 of every {SHINGLE_WORDS}-word run,",
        "# after lower-casing, folding curly quotes and keeping words only. No article text is stored here.",
        "# Written by ops/article_fingerprints.py; checked by tests/test_no_copied_text.py.",
        f"# Article words: {len(words(text))}; shingles: {len(hashes)}.",
    ]
    out.write_text("\n".join(header + hashes) + "\n", encoding="utf-8")
    return len(hashes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("article", type=Path, help="the article as plain text")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where to write (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    count = write_fingerprints(args.article, args.out)
    print(f"Wrote {count} fingerprints to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
