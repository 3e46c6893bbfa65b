"""Small text helpers the readers share: normalising a message, negation and numbers.

Pure Python (no Rasa).
"""

import re
from collections.abc import Iterable, Sequence
from typing import NewType

NEGATORS = re.compile(
    r"\b(no|not|never|without|nothing|none|isn'?t|aren'?t|doesn'?t|don'?t|didn'?t|wasn'?t|"
    r"can'?t|cannot|hasn'?t|haven'?t|n't)\b|n't\b"
)
CLAUSE_BREAK = re.compile(r"[,.;!?]|\bbut\b|\band\b|\bthough\b")
NUMBER_WORDS = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "couple": 2,
    "a couple": 2,
    "a couple of": 2,
    "couple of": 2,
    "few": 3,
    "a few": 3,
    "several": 4,
}
QUANTITY = (
    r"(?:\d+(?:\.\d+)?|a couple(?: of)?|couple(?: of)?|a few|few|several|forty-five|"
    + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
    + ")"
)


# A message as the readers read it: normalised once, where it comes in (the NLU guard, an action), and handed to
# every reader as it is. The type lets mypy catch a reader handed the raw text.
Said = NewType("Said", str)


def normalise(text: str) -> Said:
    """Lower case, straight apostrophes and single spaces. Spelling is corrected before this, once per message,
    first in the NLU pipeline (muscle_triage/understanding/spelling.py)."""
    text = (text or "").lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    return Said(re.sub(r"\s+", " ", text).strip())


def negated(text: str, start: int, words: int = 3) -> bool:
    """True when one of the few words just before `start`, in the same clause, negates it ("not stiff").

    The clause limit keeps "no, my calf cramps" from reading as "no calf".
    """
    clause = CLAUSE_BREAK.split(text[:start])[-1]
    return bool(NEGATORS.search(" ".join(clause.split()[-words:])))


def first_match(text: str, lexicon: Sequence[tuple[str, str]]) -> str | None:
    """The value whose pattern occurs earliest in the text, not negated ("not my calf, my thigh" -> thigh).

    At the same place the longer match wins ("pinky toe" over "pinky"), then the earlier pattern.
    """
    best: tuple[int, int, int, str] | None = None
    for order, (pattern, value) in enumerate(lexicon):
        for match in re.finditer(pattern, text):
            if negated(text, match.start()):
                continue
            candidate = (match.start(), -len(match.group(0)), order, value)
            if best is None or candidate < best:
                best = candidate
            break
    return best[3] if best else None


def all_matches(text: str, lexicon: Sequence[tuple[str, str]]) -> list[str]:
    """Every value whose pattern occurs in the text, not negated, in lexicon order, without repeats."""
    found = []
    for pattern, value in lexicon:
        if any(not negated(text, m.start()) for m in re.finditer(pattern, text)):
            found.append(value)
    return list(dict.fromkeys(found))


def number(word: str) -> float:
    word = word.strip()
    return float(word) if re.fullmatch(r"\d+(?:\.\d+)?", word) else float(NUMBER_WORDS[word])


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with these spans replaced by spaces, so later readers do not read them again."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
