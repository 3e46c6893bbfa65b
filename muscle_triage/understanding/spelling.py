"""Spelling correction with a real dictionary: symspellpy's English word frequencies, plus the project's own words.

It runs once per message, first in the NLU pipeline (addons/spelling.py), so the classifier, the guard, the answer
readers and the form all read the corrected text; the tracker keeps the message as typed.

Only a word that is in neither dictionary is corrected, to the nearest word within one edit (words of three or
four letters) or two (longer words). "Nearest" weighs how people mistype: a neighbouring key, a doubled or dropped
double letter, two swapped letters cost less than any other edit, and among equally near words the project's own
(body parts, the article's terms) win over everyday ones ("spsam" is "spasm", not "spam"). Shorthand that is not a
misspelling ("cnt", "mins") is expanded from a table. Numbers, yes/no words and anything shorter than three
letters are never touched.

Pure Python (no Rasa).
"""

import hashlib
import importlib.metadata
import importlib.resources
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml
from symspellpy import SymSpell, Verbosity

from muscle_triage.knowledge import article_facts, causes, vocabulary
from muscle_triage.understanding import medicine_names, shorthand
from muscle_triage.understanding.shorthand import CLINICAL_SHORTHAND, SHORTHAND, idioms_spelt_out, me_as_my

ENGLISH_FREQUENCIES = "frequency_dictionary_en_82_765.txt"
ENGLISH_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
# symspellpy's prefix length: 5 instead of its default 7 keeps the dictionary at about 30 MB instead of 126 MB,
# and lookups of the few words a message misspells stay well under a millisecond.
PREFIX_LENGTH = 5
MAX_EDITS = 2

# The words this assistant reads for, beyond the article's own text and the vocabulary tables: what people say
# about their muscles, their breathing and time. Misspelt, each is corrected to itself before an everyday word.
DOMAIN_WORDS = frozenset(
    """
    breathe breathing breath breaths breathed breathes breathless breathlessness lungs lung air airway inhale
    exhale wheeze wheezing wheezy
    gasp gasping choke choking suffocate suffocating suffocation asthma oxygen tight tightness squeeze squeezing
    closing closed struggling struggle difficult difficulty trouble shortness catch laboured labored unlaboured
    unlabored
    spasm spasms spasming spasmed cramp cramps cramping cramped twitch twitches twitching twitched twitchy flicker
    flickering flickers flutter fluttering jump jumping jerk jerking jerks pulse pulsing throb throbbing tremor
    muscle muscles muscular eyelid eyelids calf calves thigh thighs hamstring hamstrings quad quads forearm
    stomach abdomen abdominal tummy belly shoulder shoulders neck chest back spine foot feet toe toes
    second seconds minute minutes hour hours day days week weeks month months year years yesterday today tonight
    morning evening night sometimes often always usually occasionally once twice every since ago
    hurt hurts hurting painful pain painless sore soreness ache aching mild moderate severe stiff weak weakness
    swollen bulging different visible noticeable normal fine okay
    time times sure think guess maybe probably noticed really exactly longer while nothing though first again
    about couple several little weird strange difference
    specialist doctor diagnosis dangerous serious emergency prevent prevention stretch stretching hydrated
    full dehydrated dehydration caffeine cholesterol medication statin statins diuretic diuretics
    """.split()
)

# Words of their own that a spelling dictionary would "correct": answers to yes/no questions ("n" is no and "y" is
# yes here, never "in" or "by") and chat abbreviations.
PROTECTED_WORDS = frozenset(
    "y n ye ya yah yea yeah yep yup yes yass yess yeh ok okay k kk nah naw nope nop no noo nooo nae nay "
    "idk dunno nvm mhm uh huh hmm lol tbh ngl omg btw imo fyi smh ikr jk ish".split()
)

# QWERTY rows: a letter's neighbours are the letters beside it and the ones touching it in the rows above and below.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# How far each row is shifted right, in keys: "g" touches "t", "y", "f", "h", "v" and "b", but not "n".
_ROW_SHIFT = (0.0, 0.25, 0.75)
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def _neighbours() -> dict[str, frozenset[str]]:
    """The keys touching each key on a QWERTY keyboard: beside it, and overlapping it in the rows above and below."""
    position = {
        letter: (row, column + _ROW_SHIFT[row]) for row, keys in enumerate(_ROWS) for column, letter in enumerate(keys)
    }
    near: dict[str, set[str]] = {letter: set() for letter in position}
    for letter, (row, x) in position.items():
        for other, (other_row, other_x) in position.items():
            beside = row == other_row and abs(x - other_x) == 1
            touching = abs(row - other_row) == 1 and abs(x - other_x) < 1
            if beside or touching:
                near[letter].add(other)
    return {letter: frozenset(others) for letter, others in near.items()}


KEY_NEIGHBOURS = _neighbours()
# What each kind of slip costs, against 1 for any other edit.
NEIGHBOUR_KEY = 0.6
SWAPPED = 0.5  # two letters swapped: as common as a neighbouring key, and rarer to mean another word
DOUBLED = 0.5  # a letter typed twice, or one of a double letter left out
DROPPED = 0.8  # a letter left out: the commonest slip
PROJECT_WORD_BONUS = 0.5  # taken off the cost of a project word
TIED = 0.05  # candidates this close in cost are equally likely slips: the words around them decide


def typing_distance(typed: str, word: str) -> float:
    """Edit distance that charges less for the slips fingers make (optimal string alignment)."""
    rows, columns = len(typed) + 1, len(word) + 1
    cost = [[0.0] * columns for _ in range(rows)]
    # The first row and column are slips too: a first letter left out ("reathing") costs what any dropped letter does.
    for i in range(1, rows):
        cost[i][0] = cost[i - 1][0] + (DOUBLED if i > 1 and typed[i - 2] == typed[i - 1] else 1.0)
    for j in range(1, columns):
        cost[0][j] = cost[0][j - 1] + (DOUBLED if j > 1 and word[j - 2] == word[j - 1] else DROPPED)
    for i in range(1, rows):
        for j in range(1, columns):
            a, b = typed[i - 1], word[j - 1]
            if a == b:
                substitute = 0.0
            elif b in KEY_NEIGHBOURS.get(a, ()):
                substitute = NEIGHBOUR_KEY
            else:
                substitute = 1.0
            extra_letter = DOUBLED if i > 1 and typed[i - 2] == a else 1.0
            missing_letter = DOUBLED if j > 1 and word[j - 2] == b else DROPPED
            best = min(cost[i - 1][j] + extra_letter, cost[i][j - 1] + missing_letter, cost[i - 1][j - 1] + substitute)
            if i > 1 and j > 1 and a == word[j - 2] and typed[i - 2] == b and a != b:
                best = min(best, cost[i - 2][j - 2] + SWAPPED)
            cost[i][j] = best
    return cost[-1][-1]


def _words_of(texts: Iterable[str]) -> set[str]:
    return {word.lower() for text in texts for word in re.findall(r"[A-Za-z]+", text)}


def _facts_text(node: object) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _facts_text(value)
    elif isinstance(node, list):
        for value in node:
            yield from _facts_text(value)


def project_texts() -> list[str]:
    """The article as restated in article_facts.yml, and the vocabulary tables' words and phrases."""
    texts: list[str] = list(_facts_text(yaml.safe_load(article_facts.FACTS_FILE.read_text(encoding="utf-8"))))
    texts += [word for part in vocabulary.BODY_PARTS for word in part.words]
    texts += [word for cause in causes.CAUSES for word in cause.words]
    texts += [word for _, words in vocabulary.ITEM_WORDS for word in words]
    return texts


@lru_cache(maxsize=1)
def project_words() -> frozenset[str]:
    """The words of project_texts() and DOMAIN_WORDS."""
    return frozenset(_words_of(project_texts()) | DOMAIN_WORDS)


def _speller(words: Iterable[tuple[str, int]]) -> SymSpell:
    speller = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=PREFIX_LENGTH)
    for word, count in words:
        speller.create_dictionary_entry(word, count)
    return speller


@lru_cache(maxsize=1)
def english_counts() -> dict[str, int]:
    """symspellpy's English words with how often each occurs in its corpus."""
    frequencies = importlib.resources.files("symspellpy") / ENGLISH_FREQUENCIES
    with frequencies.open(encoding="utf-8") as lines:
        return {word: int(count) for word, count in (line.split() for line in lines if line.strip())}


@lru_cache(maxsize=1)
def _english() -> SymSpell:
    """Everyday English, by frequency; the project's words are known words too."""
    return _speller([*english_counts().items()] + [(word, 1) for word in project_words()])


@lru_cache(maxsize=1)
def _project() -> SymSpell:
    """The project's words alone: a small dictionary, so that every one of them near a typo is looked at."""
    return _speller((word, 1) for word in project_words())


def fingerprint() -> str:
    """Changes whenever the correction could: this module's code and its shorthand, the project's words, symspellpy's
    version."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + Path(shorthand.__file__).read_bytes())
    digest.update(" ".join(sorted(project_words())).encode("utf-8"))
    digest.update(importlib.metadata.version("symspellpy").encode("ascii"))
    digest.update(importlib.metadata.version(medicine_names.PACKAGE).encode("ascii"))
    return digest.hexdigest()


def load() -> None:
    """Builds the dictionaries now (about a second), so that the first message does not wait for them."""
    _english()
    _project()
    _bigrams()
    medicine_names.names()


def known(word: str) -> bool:
    return word in _english().words


@lru_cache(maxsize=4096)
def choices(word: str) -> tuple[str, ...]:
    """What the word may have meant, equally likely as slips go, commonest first: the word itself when known or
    protected, its expansion when shorthand, else the nearest known words, else the word itself.

    Three-letter words are corrected only to the project's words ("caf" is "calf"; "tbh" stays); four-letter
    words by one edit, longer ones by two. The candidates are the nearest everyday words and every project word
    within reach; the cheapest slip wins, then (in `correct`) the words around it, then the commoner word.
    """
    if word in CLINICAL_SHORTHAND:
        return (CLINICAL_SHORTHAND[word],)
    lower = word.lower()
    if lower in SHORTHAND:
        return (SHORTHAND[lower],)
    if lower in PROTECTED_WORDS or len(lower) < 3 or not lower.isalpha() or known(lower):
        return (word,)
    if medicine_names.is_medicine(lower):
        return (word,)  # "calpol" is a medicine, not "call"
    if lower.endswith("in") and known(lower + "g"):
        return (lower + "g",)  # the g dropped, as said: "sayin", "nothin" (a keyboard slip would make "satin")
    reach = 1 if len(lower) <= 4 else MAX_EDITS
    candidates = _project().lookup(lower, Verbosity.ALL, max_edit_distance=reach)
    if len(lower) > 3:
        candidates += _english().lookup(lower, Verbosity.CLOSEST, max_edit_distance=reach)
    else:  # three letters: a letter slipped or left out ("caf", "bak"), never one too many ("ish" is not "is")
        candidates = [candidate for candidate in candidates if len(candidate.term) >= len(lower)]
    if not candidates:
        return (word,)
    words = project_words()
    english = _english().words
    costs = {
        candidate.term: typing_distance(lower, candidate.term) - (PROJECT_WORD_BONUS if candidate.term in words else 0)
        for candidate in candidates
    }
    cheapest = min(costs.values())
    tied = sorted((term for term, cost in costs.items() if cost <= cheapest + TIED), key=lambda t: -english.get(t, 0))
    return tuple(dict.fromkeys(SHORTHAND.get(term, term) for term in tied))  # "cnat" is "cant", which is "can't"


def correct_word(word: str, before: str = "", after: str = "") -> str:
    """The word as meant; where slips leave a tie ("too ight to breathe": tight or night?), the words around it
    decide, by how often each pair occurs in English (symspellpy's bigram counts)."""
    options = choices(word)
    if len(options) == 1 or not (before or after):
        return options[0]
    return max(options, key=lambda option: _context(option.lower(), before, after))


def _context(word: str, before: str, after: str) -> float:
    pairs = _bigrams()
    return math.log10(1 + pairs.get(f"{before} {word}", 0)) + math.log10(1 + pairs.get(f"{word} {after}", 0))


@lru_cache(maxsize=1)
def _bigrams() -> dict[str, int]:
    """How often each pair of words occurs in English (symspellpy's bigram list, 242,342 pairs)."""
    counts = importlib.resources.files("symspellpy") / ENGLISH_BIGRAMS
    with counts.open(encoding="utf-8") as lines:
        return {f"{first} {second}": int(count) for first, second, count in (line.split() for line in lines)}


# "n" alone answers no; between two words it is "and" ("now n then", "calf n thigh").
_AND = re.compile(r"(?<=[A-Za-z] )n(?= [A-Za-z])")


# "y" alone answers yes; opening a question before its verb it is "why" ("y does my calf cramp", "y r they bad").
_WHY = re.compile(
    r"(?:^|(?<=[.?!,] ))[yY](?= (?:does|do|did|is|are|r|am|was|were|would|can|cant|can't|dont|don't|doesn't|doesnt|"
    r"wont|won't|isnt|isn't|arent|aren't|should)\b)"
)


# An acronym in a message that is not all capitals ("is DOMS a cramp?", "I have ALS") is meant as typed: no
# dictionary should turn it into "does". Clinical shorthand (SOB) is still spelt out.
_ACRONYM = re.compile(r"[A-Z]{2,4}")


def _kept_as_typed(word: str, shouting: bool) -> bool:
    return not shouting and bool(_ACRONYM.fullmatch(word)) and word not in CLINICAL_SHORTHAND


def correct(text: str) -> str:
    """The text with every misspelt word corrected and shorthand spelt out; everything else as it was."""
    text = idioms_spelt_out(me_as_my(_WHY.sub("why", _AND.sub("and", text or ""))))
    shouting = text.upper() == text
    tokens = list(_WORD.finditer(text))
    pieces, end, before = [], 0, ""
    for index, token in enumerate(tokens):
        after = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
        word = token.group(0)
        fixed = word if _kept_as_typed(word, shouting) else correct_word(word, before, after)
        pieces += [text[end : token.start()], fixed]
        end, before = token.end(), fixed.lower()
    return "".join(pieces) + text[end:]
