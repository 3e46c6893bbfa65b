"""Recognises messages the assistant cannot read: empty, far too long, no words at all, code or markup, or not in
English.

Pure Python: the NLU guard (addons/input_guard.py) and the actions both ask it, so a bad message gets a clear
answer wherever it arrives.
"""

import re
import unicodedata
from collections.abc import Sequence

from muscle_triage.understanding.shorthand import SHORTHAND

EMPTY = "empty"
TOO_LONG = "too_long"
NO_WORDS = "no_words"
NOT_ENGLISH = "not_english"
MARKUP = "markup"

ONE_LETTER_ANSWERS = frozenset({"y", "n"})
# Longer than any real question or symptom description; beyond this the NLU's guess means little.
MAX_CHARACTERS = 2000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Pasted code or markup: tags, JSON, SQL, a function definition or a method call. A button's payload
# ("/describe_symptom{...}", Rasa's own syntax) is not code.
_PAYLOAD = re.compile(r"^/\w+(?:\{.*\})?$", re.DOTALL)
_CODE = re.compile(
    r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>|&[a-z]+;|^\s*[\[{].*[:,].*[\]}]\s*$|\b(?:select|insert|update|delete)\b.+"
    r"\b(?:from|into|set|where)\b.*;|\b(?:function|def|var|const|let|import|return|console\.log|print)\s*[\w.]*\s*\("
    r"|^\s*[\w.]+\.[\w.]+\s*\([^()]*\)\s*;?\s*$|[{}]\s*$|=>|\$\(|#include\b",
    re.IGNORECASE | re.DOTALL,
)

_ENGLISH_WORDS = frozenset(
    "the a an is are was my i i'm it it's and or of to in on at for with what how why when which who do does "
    "did can could should would you me this that have has had be been not no yes my get gets keep keeps "
    "feel feels hurt hurts muscle muscles cramp cramps spasm spasms twitch twitches".split()
)
# Common short words of other languages that English does not use.
_OTHER_LANGUAGE_WORDS = (
    frozenset(
        # Spanish / Portuguese
        "el la los las del que qué por para con mi mis es está estoy tengo tiene y una unos cómo como cuando "
        "porque músculo músculos calambre calambres dolor duele pierna ojo o um uma não meu minha são "
        # French
        "le les des du est et je j'ai mon ma mes une pourquoi comment quand avec pour dans muscle jambe œil "
        # German
        "der die das und ist ich mein meine ein eine nicht warum wie wann mit habe hat zuckt muskel bein "
        # Italian / Dutch
        "il gli della sono ho perché mio het een ik mijn niet waarom".split()
    )
    - _ENGLISH_WORDS
)


def problem(text: str | None) -> str | None:
    """What keeps the assistant from reading this message, or None when it can be read."""
    visible = "".join(ch for ch in (text or "") if unicodedata.category(ch)[0] != "C").strip()
    if not visible:
        return EMPTY
    if len(visible) > MAX_CHARACTERS:
        return TOO_LONG
    words = [word.lower() for word in _WORD.findall(visible)]
    letters = [ch for word in words for ch in word]
    if len(letters) < 2 and not any(ch.isdigit() for ch in visible) and visible.lower() not in ONE_LETTER_ANSWERS:
        # "7/10" answers a question, and so do "y" and "n"
        return NO_WORDS
    if _CODE.search(visible) and not _PAYLOAD.match(visible):
        return MARKUP
    if _mostly_other_script(letters) or _other_language(words):
        return NOT_ENGLISH
    return None


def _mostly_other_script(letters: Sequence[str]) -> bool:
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin < len(letters) / 2


def _other_language(words: Sequence[str]) -> bool:
    # Shorthand and dialect the spelling step spells out are English: Scots "ma" and "nicht" are not French or German.
    english = sum(word in _ENGLISH_WORDS for word in words)
    other = sum(word in _OTHER_LANGUAGE_WORDS and word not in SHORTHAND for word in words)
    return other >= 2 and other > english
