"""Which way spasms and twitches differ a question asks about: pain and how long, tightness, how far you can move,
what can be seen, weakness, which muscles ("do twitches hurt?", "why can't I straighten my leg when it cramps?",
"my leg feels weak after. is that a thing?").

Pure Python (no Rasa). The article answers each of these with one item of "How The Symptoms Of Muscle Spasms And
Twitches Differ" (muscle_triage/knowledge/article_facts.yml). People ask them wrapped in their own story, so only
the asking clause counts; a bare "is that normal?" points at the clause before it.
"""

import re

from muscle_triage.knowledge import vocabulary
from muscle_triage.understanding.question_frames import MUSCLE
from muscle_triage.understanding.wording import Said

# The article's item names (topic "difference"), each with the everyday words for what it compares.
ASPECT_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "pain_duration",
        re.compile(
            r"\b(?:hurt\w*|painful|painless|pain|sore|ache\w*|agony|intens\w*)\b"
            r"|\bhow long\b(?! (?:should|must|do|have|has|until|before|ago)\b)"
            r".*\b(?:last|go on|spasm|twitch|cramp|contraction)"
            r"|(?<!the )(?<!at )\blast(?:s|ed|ing)?\b(?! (?:night|week|time|year|month|one|few)\b)"
            r"|\bgo(?:es)? on for\b|\bduration\b"
        ),
    ),
    (
        "tightness",
        re.compile(r"\b(?:tight\w*|stiff\w*|rock hard|go(?:es)? hard|gone hard|knot\w*|clench\w*)\b"),
    ),
    (
        "range_of_motion",
        re.compile(
            r"\b(?:straighten\w*|extend\w*|bend\w*|range of motion|lock\w* (?:up|everything|solid)|seiz\w* up"
            r"|(?:stop|stops|stopped) (?:you|me|him|her) mov\w*|mov(?:e|ing) (?:it|my|the|your|his|her) \w+ properly"
            r"|can'?t move|couldn'?t move|(?:still )?move (?:properly|normally|freely)"
            r"|(?:let|lets) (?:me|you|him|her) (?:stretch|move|straighten))\b"
        ),
    ),
    (
        "visibility",
        re.compile(
            r"\b(?:can|could) (?:you|u|one|i|people|anyone|others) (?:actually |really )?see\b"
            r"|\bsee (?:it|them|a twitch|the twitch|a spasm|the spasm|the muscle)\b"
            r"|\bvisib\w*|\bfrom the outside\b|\bunder (?:the|my) skin\b"
            r"|\blumps?\b|\bbulg\w*|\brippl\w*"
        ),
    ),
    ("weakness", re.compile(r"\b(?:weak\w*|feeble|no strength|without (?:force|strength)|give way|wobbly)\b")),
    (
        "muscle_groups",
        re.compile(
            r"\b(?:tiny|small|little|big|large|larger) muscles\b|\bwhich muscles\b|\bany muscle\b|\banywhere\b"
            r"|\balways (?:my|the|in)\b.*\bnever\b"
            r"|\bwhere (?:do |does |can )?(?:spasms?|twitch\w*|cramps?|they|it) (?:usually |normally |most )?"
            r"(?:hit|happen|occur|strike|show up|come)"
            # "where in the body do they tend to crop up?", "in which part of the body they come more often?"
            r"|\bwhere in (?:the|your|my|our) body\b|\b(?:which|what) parts? of (?:the|your|my|our) body\b"
        ),
    ),
)
# A clause that asks only whether what was just said is usual ("is that normal?", "is that a thing?").
ASKS_ABOUT_THE_LAST = re.compile(
    r"\b(?:is|was) (?:that|this|it) (?:a )?(?:normal|usual|common|a thing|ok|okay|typical|expected)\b"
    r"|\bis that a thing\b"
    r"|\bwhy (?:does|did|is|do) (?:that|this|it) happen\w*|\bwhy is (?:happening )?(?:this|that)\b|\bhow come\b"
    r"|^(?:is (?:that|this|it) )?(?:a )?(?:normal|usual|common)(?: thing)?\?*$"
)
ASKING = re.compile(
    # a question word may follow a preposition: "and in which part of the body it come most"
    r"\?$|^(?:(?:and|so|but|or|n|then|also) )?(?:(?:in|at|on|for|from|to|with) (?=what|which|how))?"
    r"(?:what|why|how|when|which|is|are|can|could|should|would|do|does|did"
    r"|will|y)\b(?!')"
    r"|\b(?:is it|is that|is this|can (?:a|you|u|one|they|spasms?|twitch\w*|cramps?)|does (?:it|a|the|that)"
    r"|do (?:they|twitch\w*|spasms?|cramps?)|how long|why (?:does|do|can'?t|cant|is))\b"
    r"|\bor (?:no|not)\W*$"  # "the twitch make pain or no"
)
POINTING_OR_MUSCLE = MUSCLE + r"|\b(?:that|this|it|they|them|mine)\b"
CLAUSES = re.compile(r"(?<=[.?!])\s+|,\s+|\s+-\s+|;\s*")


def _about_muscles(words: str) -> bool:
    """A contraction, a body part, or a pointer back at one ("is that normal?")."""
    return bool(re.search(POINTING_OR_MUSCLE, words)) or any(
        re.search(pattern, words) for pattern, _ in vocabulary.body_part_patterns()
    )


def aspects_asked(said: Said) -> list[str]:
    """The difference items the message's asking clauses are about, in the order named; [] when it asks none."""
    found: list[str] = []
    told = ""  # what the message said before this clause
    for clause in CLAUSES.split(said):
        asks = ASKING.search(clause)
        named = [name for name, pattern in ASPECT_WORDS if pattern.search(clause)]
        if asks and not named and ASKS_ABOUT_THE_LAST.search(clause):
            named = [name for name, pattern in ASPECT_WORDS if pattern.search(told)]
        if asks and named and _about_muscles(clause + " " + told):
            found += [name for name in named if name not in found]
        told += " " + clause
    return found
