"""Requests about the conversation itself, not the article's topics: where the answers come from, a summary for the
doctor, and forgetting the conversation. The NLU guard (addons/input_guard.py) checks the classifier's reading of
each against its words. Pure Python (no Rasa)."""

import re

from muscle_triage.understanding.wording import Said

# Where the answers come from ("who actually wrote this stuff?", "is this legit?"), not where cramps come from.
_WHAT_IT_SAYS = r"(?:info\w*|stuff|advice|answers?|facts?|site|bot|chatbot)"
ASKS_FOR_SOURCE = re.compile(
    r"\bwho (?:actually |even |really |is )?(?:wrote|writes|writing|made|makes|created|behind) (?:all )?(?:this|that"
    r"|these|it|the|your)\b"
    r"|\bwhere (?:do|did) (?:you|u) get\b|\bwhere (?:are|r) (?:you|u) getting\b"
    # "is it off a proper doctor or just the internet?", "is this from a doctor or just a website?"
    r"|\b(?:is|are) (?:it|this|these|that|they) (?:\w+ )?(?:from|off|by) (?:an? |some |the )?(?:proper |real |actual )?"
    r"(?:doctor|website|site|blog|internet)s? or\b"
    rf"|\bwhere (?:does|did|do) (?:this|that|the|your|these) {_WHAT_IT_SAYS} (?:come|comes) from\b"
    r"|\bwhat(?:'s| is| are) (?:your|the) sources?\b"
    rf"|\b(?:is|are) (?:this|you|these|this {_WHAT_IT_SAYS}|the {_WHAT_IT_SAYS}) (?:even |actually )?"
    r"(?:legit|reliable|trustworthy|accurate|credible)\b|\bcan i trust (?:this|you|the answers)\b"
)


# Asking for the summary for a doctor names it: "since the summer" is not "summary".
NAMES_A_SUMMARY = re.compile(
    r"\bsumm?ar\w*|\bsum (?:it|this|that|them) up\b|\breport\b|\bprint\w*|\bwrite (?:it |this )?up\b"
    r"|\b(?:show|take|give|copy)\b.*\b(?:doctor|gp|physician)\b|\bfor (?:my|the|a) (?:doctor|gp)\b|\bpdf\b"
)


# Asking for the conversation to go: a word for forgetting or deleting, or for not keeping it.
ASKS_TO_FORGET = re.compile(
    r"\b(?:forg[eo]t\w*|delet\w*|eras\w*|remov\w*|wipe\w*|clear\w*|purg\w*|destroy\w*|throw away|get rid of"
    r"|scrub\w*)\b|\bdon'?t (?:want you to )?(?:keep|store|save)\b|\bdon'?t want\b.*\b(?:saved|kept|stored)\b"
    r"|\b(?:privacy|data)\b"
)


def asks_to_forget(said: Said) -> bool:
    return bool(ASKS_TO_FORGET.search(said))


def names_a_summary(said: Said) -> bool:
    return bool(NAMES_A_SUMMARY.search(said))


def asks_for_source(said: Said) -> bool:
    return bool(ASKS_FOR_SOURCE.search(said))
