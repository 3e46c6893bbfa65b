"""Small text helpers the readers share: normalising a message, negation, numbers and the usual misspellings.

Pure Python (no Rasa).
"""

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

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

# Words the readers look for, which people often mistype; a token one edit away from one of these (and not a
# word in its own right) is read as it.
KEY_WORDS = (
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "every",
    "sometimes",
    "often",
    "always",
    "usually",
    "occasionally",
    "once",
    "twice",
    "breathing",
    "breathe",
    "breath",
    "doesn't",
    "hurt",
    "hurts",
    "little",
    "about",
    "maybe",
    "probably",
    "moderate",
    "severe",
    "mild",
    "painful",
    "cramp",
    "cramps",
    "cramping",
    "twitch",
    "twitching",
    "twitches",
    "flicker",
    "flickering",
    "flutter",
    "tight",
    "stiff",
    "weak",
    "weakness",
    "different",
    "swollen",
    "bulging",
    "yesterday",
    "today",
    "morning",
    "tonight",
    "night",
    "since",
    "couple",
    "several",
    "think",
    "guess",
    "noticed",
    "really",
    "exactly",
    "longer",
    "while",
    "nothing",
    "normal",
    "fine",
    "though",
    "first",
    "again",
    "doesnt",
    "dont",
    "didnt",
    "cant",
    "havent",
    "isnt",
    "spasm",
    "spasms",
    "spasming",
    "spasticity",
    "fasciculation",
    "fasciculations",
    "clonus",
    "difference",
    "different",
    "prevent",
    "dangerous",
    "serious",
    "specialist",
    "diagnosis",
    "stretching",
    "hydrated",
    "dehydrated",
    "caffeine",
    "cholesterol",
    "medication",
    "muscle",
    "muscles",
    "eyelid",
    "shoulder",
    "stomach",
    "sure",
    "weird",
    "strange",
)
# Misspellings more than one edit away, or too short to guess safely.
SPELLINGS = {
    "minit": "minute",
    "minits": "minutes",
    "minites": "minutes",
    "mins": "minutes",
    "min": "minute",
    "secs": "seconds",
    "sec": "second",
    "hrs": "hours",
    "hr": "hour",
    "wk": "week",
    "wks": "weeks",
    "yrs": "years",
    "yr": "year",
    "dunno": "don't know",
    "abt": "about",
    "bout": "about",
    "prob": "probably",
    "probs": "probably",
    "defo": "definitely",
    "def": "definitely",
    "thx": "thanks",
    "pls": "please",
    "u": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "wont": "won't",
    "thats": "that's",
    "its": "it's",
    "whats": "what's",
    "dya": "day",
    "dys": "days",
    "dayz": "days",
    "evry": "every",
    "breth": "breathe",
    "brethe": "breathe",
    "breathin": "breathing",
    "litle": "little",
    "alot": "a lot",
    "kinda": "kind of",
    "sorta": "sort of",
    "ya": "yeah",
    "yea": "yeah",
    "yess": "yes",
    "wats": "what's",
    "wat": "what",
    "y": "why",
    "nah": "no",
    "noo": "no",
    "nope": "no",
    "naw": "no",
    "nahh": "no",
    "mmm": "hmm",
}
_TOKEN = re.compile(r"[a-z][a-z']*")


def _edits(word: str) -> Iterable[str]:
    """Every string one letter dropped, added or swapped with its neighbour away (no substitutions: too many
    of those are real words, "mouth" for "month")."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for letter in "abcdefghijklmnopqrstuvwxyz'":
            yield left + letter + right


@lru_cache(maxsize=1)
def _one_edit_away() -> dict[str, str]:
    table: dict[str, str] = {}
    for word in KEY_WORDS:
        for edit in _edits(word):
            if edit not in KEY_WORDS:
                table.setdefault(edit, word)
    return table


# Real English words one such edit away from a key word, which must stay as they are (found by checking every
# dictionary word of four letters or more against the table above).
_REAL_WORDS = frozenset(
    "abut breadth camp camping coupe cram crap davy dray eery ever fist gain hough knight licker lounger minuet "
    "mont moth mourning nigh nonce norma notching ours ounce rally ramp ramping regally sever sine soften thin "
    "thought through tiff tough tweak very wile witch wreak yearn chant canto canty scant haven mediation spam "
    "stranger strangle surge weir estrange sucre suer".split()
)


def _respelled(token: str) -> str:
    if token in SPELLINGS:
        return SPELLINGS[token]
    if len(token) < 4 or token in KEY_WORDS or token in _REAL_WORDS:
        return token
    corrected = _one_edit_away().get(token, token)
    return SPELLINGS.get(corrected, corrected)


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, and the usual misspellings of the words readers look for."""
    text = (text or "").lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return _TOKEN.sub(lambda match: _respelled(match.group(0)), text)


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
