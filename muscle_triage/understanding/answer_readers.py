"""One reader per symptom-check question: what a person's own words say about that one fact.

Pure Python (no Rasa). Each reader takes normalised text (wording.normalise) and `asked`: whether its question
is the one that was just asked. Asked, a reader also takes the vague answers that only make sense as a reply
("minutes", "a while", "the second one"); unasked, it reads only what is said outright, so a passing remark
cannot fill the wrong fact. Each returns the slot value, or None when the text says nothing about it.
"""

import re
from typing import Any

from muscle_triage.knowledge import causes, vocabulary
from muscle_triage.triage import schema
from muscle_triage.understanding import breathing
from muscle_triage.understanding.wording import all_matches, first_match, negated

_ORDINALS = {
    "first": 0,
    "1st": 0,
    "top": 0,
    "one": 0,
    "1": 0,
    "second": 1,
    "2nd": 1,
    "two": 1,
    "2": 1,
    "third": 2,
    "3rd": 2,
    "three": 2,
    "3": 2,
    "fourth": 3,
    "4th": 3,
    "four": 3,
    "4": 3,
}
_OPTION_PICK = re.compile(
    r"^(?:(?:i'?d (?:say|go with|pick|choose)|i (?:pick|choose)|probably|maybe|definitely|i guess|i think|um+|uh+)"
    r"[ ,]+)*(?:the )?(?:(?P<ordinal>first|1st|top|second|2nd|third|3rd|fourth|4th|last|bottom|middle)"
    r"(?: one| option| choice| button)?|(?:option|choice|number|no\.?|#) ?(?P<number>[1-4]|one|two|three|four))"
    r"(?: one)?(?: i (?:think|guess))?[ .!?]*$"
)


def option_picked(slot: str, text: str) -> Any:
    """The offered option a person picks by its place: "the second one", "option 3", "the last one", counted in
    the order of the question's buttons (the schema's options)."""
    options = schema.options(slot)
    match = _OPTION_PICK.match(text.strip())
    if not options or not match:
        return None
    word = match.group("ordinal") or match.group("number")
    if word in ("last", "bottom"):
        return options[-1]
    if word == "middle":
        return options[len(options) // 2] if len(options) % 2 else None
    index = _ORDINALS[word]
    return options[index] if index < len(options) else None


# --- don't know -------------------------------------------------------------------------------------------------
DONT_KNOW = re.compile(
    r"\b(?:i )?(?:don'?t|do not) (?:really )?know\b|\bnot (?:really |totally |entirely |too )?sure\b|\bno idea\b"
    r"|\bunsure\b|\bidk\b|\bcan'?t (?:really )?(?:tell|say|remember|recall)\b|\bhard to (?:say|tell)\b"
    r"|\bnot certain\b|\bno clue\b|\bhaven'?t (?:checked|looked|noticed either way)\b|\bwho knows\b"
    r"|\bcouldn'?t (?:tell|say)\b|\bnever (?:checked|looked|paid attention)\b|\bdon'?t remember\b"
)


def says_dont_know(text: str) -> bool:
    return bool(DONT_KNOW.search(text))


# --- yes or no ------------------------------------------------------------------------------------------------
_LEAD_IN = (
    r"^(?:(?:um+|uh+|erm|er|hmm+|well|honestly|oh|ah|so|actually|i mean|i'?d say|i would say|to be honest)[ ,.!]+)*"
)
YES = re.compile(
    _LEAD_IN + r"(?:(?:yes|yeah|yep|yup|yeh|aye|sure|definitely|absolutely|correct|indeed|affirmative|of course"
    r"|a (?:little|bit|tad|touch)|slightly|somewhat|sometimes|kind of|sort of|probably|maybe|i think so"
    r"|i guess so|i believe so|seems so|it seems so|i suppose so|think so|guess so|a little bit|a fair bit|quite"
    r"|very much|totally|for sure|now that you mention it)\b"
    r"|(?:i do|it does|it is|they do|they are|i have|it has|it did|i am|i'm)\s*(?:[.,!]|$))"
)
NO = re.compile(
    _LEAD_IN + r"(?:(?:no|not really|not at all|never|none|nothing|i don'?t think (?:so|it does|it is|they do|i do"
    r"|i have|it has)|don'?t think so|negative"
    r"|neither|nah|not that i(?:'ve)? notic\w*|not that i(?:'m)? aware(?: of)?|not that i know(?: of)?"
    r"|not as far as i (?:know|can tell)|i haven'?t noticed|haven'?t noticed|doesn'?t seem (?:so|like it)"
    r"|probably not|i doubt it|hardly|not especially|not particularly|no way|nothing like that|all good"
    r"|it'?s fine|seems fine|nope|naw|nae|nay|i'?m (?:fine|ok|okay|good|alright|all right|grand)"
    r"|fine|all fine|no (?:problems?|issues?|trouble))\b(?! (?:but|except|apart))"
    r"|not(?=\s*[,.!]|\s*$)"
    r"|(?:it doesn'?t|it does not|i don'?t|i do not|it isn'?t|it is not|it hasn'?t|they don'?t|i haven'?t|"
    r"it didn'?t|i'?m not|it'?s not)\s*(?:[.,!]|$))"
)


# A bare "n" or "y", and "no" with a neighbouring key hit for its "n", sent alone: too short for the dictionary.
NO_ALONE = re.compile(r"^\s*(?:n|mo|bo)\s*[.!]*\s*$")
YES_ALONE = re.compile(r"^\s*y\s*[.!]*\s*$")


def read_yes_no(text: str) -> bool | None:
    """A yes or a no at the start of the answer, with the usual hedges: "a little, I guess", "not that I've
    noticed". The first clause decides ("no, but ...")."""
    if NO_ALONE.match(text):
        return False
    if YES_ALONE.match(text):
        return True
    if YES.search(text):
        return True
    if NO.search(text):
        return False
    return None


# Asks to stop the check: a word of stopping or leaving it ("no, stop", "never mind").
ASKS_TO_STOP = re.compile(
    r"\b(?:stop|quit|cancel|end|exit|finish\w*|bye|no more|leave it|never ?mind|forget (?:it|about it|that)"
    r"|i'?m done)\b"
)
# "enough" saying how something is ("nah, it's strong enough", "long enough"), not "that's enough" or "I've had enough".
_ENOUGH_OF_A_KIND = re.compile(r"(?:^|\s)(?!(?:that'?s|that|this|is|was|had|it'?s|quite)\s)[a-z]+ enough\b")


def yes_or_no_not_stop(text: str) -> bool | None:
    """The yes or no of an answer the classifier took for "stop" because of its "enough" ("nah, it's strong enough");
    None when it asks to stop, has no such "enough", or says neither yes nor no. Nothing else is read as an answer
    here: "no, I don't want to go on" must not become "no trouble breathing"."""
    if ASKS_TO_STOP.search(text) or not _ENOUGH_OF_A_KIND.search(text):
        return None
    return read_yes_no(text)


# --- breathing ---------------------------------------------------------------------------------------------------
def read_breathing(text: str) -> bool | None:
    """True for trouble breathing (said anywhere, unless said to be absent), False for breathing said to be fine.
    (A bare yes or no answers the breathing question only when it was asked: see turn_reading.py.)"""
    return breathing.read(text)


# --- body part --------------------------------------------------------------------------------------------------
PLAIN_WORDS = re.compile(r"[a-z][a-z_' -]{0,30}")
ARTICLE_QUESTION = re.compile(r"\?\s*$|^(?:what|why|how|when|which|who|is|are|can|could|should|do|does)\b")
_BODY_FILLER = re.compile(
    r"^(?:it'?s |it is |in |on |at |around |near |mostly |mainly |just )*"
    r"(?:my |the |both |his |her )?(?:left |right |both |upper |inner |outer )*"
)
_NOT_A_BODY_PART = re.compile(
    r"^(?:hi|hello|hey|thanks?|thank you|ok|okay|hmm+|um+|uh+|what|huh|why|how|yes|no"
    r"|yeah|nope|sure|maybe|everywhere|all over|somewhere|anywhere|it|that|this)\b"
)
MAX_BODY_PART_WORDS = 4
# Keys pressed in a row ("qwertyuiop", "asdf") or a word with no vowel: typed at random, not a body part.
_KEYBOARD_RUNS = re.compile(
    "|".join(row[i : i + 4] for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm") for i in range(len(row) - 3))
)


def _typed_at_random(words: str) -> bool:
    return any(_KEYBOARD_RUNS.search(word) or not re.search(r"[aeiou]", word) for word in words.split())


def _short_answer(text: str) -> str | None:
    """A short answer to "where is it?" in the person's own words, without "my"/"left"."""
    cleaned = re.sub(r"[.!,;?]+$", "", text).strip()
    if not cleaned or len(cleaned.split()) > MAX_BODY_PART_WORDS or ARTICLE_QUESTION.search(cleaned):
        return None
    if _NOT_A_BODY_PART.search(cleaned) or not re.search(r"[a-z]", cleaned):
        return None
    words = _BODY_FILLER.sub("", cleaned).strip()
    if _typed_at_random(words):
        return None
    return words if PLAIN_WORDS.fullmatch(words) else None  # never markup or "/intent{...}"


def read_body_part(text: str, asked: bool = False) -> str | None:
    """A body part the vocabulary knows; asked, a short answer naming one we have no word for ("earlobe")."""
    first = first_match(text, vocabulary.body_part_patterns())
    known = vocabulary.narrowest([first, *all_matches(text, vocabulary.body_part_patterns())]) if first else None
    if known or not asked:
        return known
    return _short_answer(text)


# --- sensation -------------------------------------------------------------------------------------------------
SENSATIONS: tuple[tuple[str, str], ...] = (
    (
        r"\brhythm\w*|\bjerk\w* (?:\w+ )?rhythm\w*"
        r"|\bjerk\w* (?:\w+ )?(?:over and over|repeatedly|again and again|in a row) when (?:i )?"
        r"(?:stretch|flex|point|pull)\w*|\bbeats? when (?:i )?stretch"
        r"|\b(?:jerk|bounc|shak|pulsing)\w* when (?:i )?(?:stretch|flex|point|pull)\w*|\blike a metronome\b"
        r"|\bstretch\w* (?:it )?(?:makes|sets) it (?:jerk|bounce|go)",
        "rhythmic_jerking",
    ),
    (
        r"\bcharley horse\b|\bcramp\w*|\bknot\w*|\bspasm\w*|\bseiz\w*|\bgrip\w* up\b|\bballs? up\b|\bclamp\w*"
        r"|\b(?:won'?t|not|doesn'?t|didn'?t) let go\b"
        r"|\bsqueez\w*|\bcontract\w*|\bkink\w*",
        "cramp",
    ),
    (
        r"\btight\w*|\block\w* (?:up|solid)\b|\blocks?\b|\bclench\w*|\bgoes hard\b|\brock hard\b|\bhard as a rock\b"
        r"|\bpull\w* tight\b|\btense\w*|\bcurl\w* (?:up|under)\b",
        "tightening",
    ),
    (r"\bstiff\w*|\brigid\b", "stiffness"),
    (r"\bbulg\w*|\bbunch\w* up\b|\blump\b", "bulging"),
    (r"\bflicker\w*|\bflick\w*|\bblink\w*", "flicker"),
    (r"\bflutter\w*|\bquiver\w*|\bvibrat\w*|\bbuzz\w*|\bbutterfl\w*|\btrembl\w*|\bshiver\w*", "flutter"),
    (r"\brippl\w*|\bwave\w*|\bworm\w*|\bcrawl\w*|\bwriggl\w*|\bwiggl\w*|\bbubbl\w*|\bpopcorn\b", "ripple"),
    (r"\bjerk\w*|\bjolt\w*", "jerk"),
    (r"\btwitch\w*|\bjump\w*|\btics?\b|\bticks?\b|\bpuls\w*|\bthrob\w*|\bpop\w*|\bpings?\b|\bfiring\b", "twitch"),
)


def read_sensation(text: str, asked: bool = False) -> str | None:
    """How it feels; rhythmic jerking wherever it is said, as it is the most telling ("jerks ... rhythmically")."""
    found = first_match(text, SENSATIONS[:1]) or first_match(text, SENSATIONS)
    if found or not asked:
        return found
    picked = option_picked("sensation", text)
    return str(picked) if picked else None


# --- signs said outright ---------------------------------------------------------------------------------------
# (the sign, and what rules it out); a negated sign ("doesn't feel weak") rules it out too.
TOLD_OUTRIGHT: dict[str, tuple[str, str]] = {
    "muscle_weakness": (
        r"\bweak(?:ness|er|ened)?\b|\bcan'?t (?:lift|grip|hold)\b|\blost (?:my |some |all )?strength\b"
        r"|\bgives? (?:way|out)\b|\bno strength\b|\bfloppy\b|\bdropp\w* things\b",
        r"\bstrength(?:'s| is| feels)? (?:fine|normal|ok|okay|good|the same|unchanged)\b|\bfeels? strong\b"
        r"|\bstrong as (?:ever|usual)\b",
    ),
    "visible_change": (
        r"\blooks? (?:different|swollen|deformed|strange|odd|weird|bigger|smaller|misshapen|thinner|wasted)\b"
        r"|\bvisibly (?:bulg\w*|twitch\w*|swollen|jump\w*)|\bswollen\b|\bswelling\b|\bshrunk\w*|\bdent\b"
        r"|\byou can see (?:it|them) (?:twitch\w*|jump\w*|mov\w*|bulg\w*)",
        r"\blook(?:s|ed|ing)? (?:\w+ )?(?:normal|the same|fine|ok|okay|as usual|like normal|like always)\b"
        r"|\bnothing (?:\w+ )?(?:to see|visible|different|weird|unusual|strange|odd)\b|\bnot visible\b|\binvisible\b"
        r"|\bcan'?t (?:really )?see (?:it|them|anything)\b"
        # Nobody saw anything: "my wife looked and couldn't see anything", "didn't notice anything weird".
        r"|\b(?:can'?t|couldn'?t|cannot|could not|didn'?t|did not|don'?t|do not|never|not) (?:\w+ )?(?:see|notice|spot)"
        r"\w* (?:anything|nothing|a thing|any (?:change|difference))\b"
        r"|\bhardly (?:notice|see)\b|\bbarely (?:notice|see|visible)\b",
    ),
    "pain_after": (
        r"\bstill (?:hurts|sore|aching|aches|painful|tender)\b|\b(?:sore|aching|achy|tender|hurts|painful) "
        r"(?:for (?:hours|days|ages|a while|a long time)|the next day|afterwards|after(?:wards)? too|after it "
        r"(?:stops|ends|passes|is over|goes))\b|\blinger\w*|\bstays? (?:sore|painful|tender|achy)\b|\bsore for\b"
        r"|\bach(?:es|y|ing) (?:for|long) after\b|\bhurts? for (?:hours|ages|a while|days)\b",
        r"\b(?:goes|went|fades|stops|disappears|eases) (?:away )?(?:straight|right) away\b|\bno pain after\w*"
        r"|\bfine after(?:wards)?\b|\bgone (?:straight|right) away\b|\bstops (?:hurting )?when it stops\b"
        r"|\bpain (?:goes|stops) (?:when|as soon as)\b"
        r"|\b(?:gone|goes|went|fades|eases) (?:away )?(?:once|when|as soon as|the moment) (?:i|it) "
        r"(?:stop|stops|stopped|lets go|let go|relax\w*)\b",
    ),
}


# Asked about a warning sign, an answer that calls the muscle normal says no ("grip fine", "the eye works normal",
# "doesn't look any different"); "not normal" does not.
NORMAL = re.compile(
    r"\b(?:fine|normal|ok|okay|the same|as usual|as always|as before|all good|no different)\b(?!,? but\b)"
)
DIFFERENT = re.compile(r"\b(?:different|weird|strange|odd|unusual|wrong)\b")


def reads_as_normal(text: str) -> bool:
    """The answer calls the muscle normal, or denies anything different about it."""
    if any(not negated(text, match.start()) for match in NORMAL.finditer(text)):
        return True
    return any(negated(text, match.start()) for match in DIFFERENT.finditer(text))


def read_told_outright(slot: str, text: str) -> bool | None:
    sign, ruled_out = TOLD_OUTRIGHT[slot]
    matches = list(re.finditer(sign, text))
    if any(not negated(text, match.start()) for match in matches):
        return True
    if matches or re.search(ruled_out, text):
        return False
    return None


# --- known condition ---------------------------------------------------------------------------------------------
HAS_CONDITION = re.compile(
    r"\b(?:i have|i've got|i've been diagnosed|diagnosed with|i suffer from|i live with"
    r"|i've had|i got)\b"
)
NO_CONDITION = re.compile(
    r"\bno (?:medical |known |health |other |nerve |muscle )?(?:conditions?|diagnos\w*"
    r"|illness\w*|problems?)\b|\bnot that i know\b|\bi'?m (?:healthy|fit and healthy)\b"
    r"|\bnothing like that\b|\bhealthy\b|\bnothing (?:diagnosed|known)\b"
)
# Other conditions of the nerves or muscles that the article does not name.
OTHER_CONDITIONS = re.compile(
    r"\b(?:pinched|trapped|compressed) nerve\b|\bneuropath\w*|\bfibromyalgia\b|\bepilep\w*|\bmyasthenia\b"
    r"|\bdystonia\b|\bmuscular dystrophy\b|\bsciatica\b|\bslipped dis[ck]\b|\bherniated dis[ck]\b|\bstroke\b"
    r"|\bneuro\w* (?:condition|disorder|disease)\b|\bmuscle (?:condition|disorder|disease)\b|\bpolio\b"
    r"|\bguillain|\bhuntington"
)
# "I'm worried it's MS" names a fear, not a diagnosis.
FEARED = re.compile(
    r"\b(?:worr\w*|afraid|scared|fear\w*|might|could|maybe|whether|if|is it|think|wonder\w*|convinc\w*|terrified"
    r"|paranoid|panick\w*|freak\w*|googl\w*|dread\w*|sure it'?s)\b"
)
CONDITION_PATTERNS = causes.cause_patterns(causes.CONDITIONS)


def _feared(text: str, start: int) -> bool:
    return bool(FEARED.search(re.split(r"[,.;!?]|\bbut\b", text[:start])[-1]))


def condition_only_feared(text: str) -> bool:
    """The conditions named are all named as fears ("I've convinced myself it's ALS"), none as a diagnosis."""
    found = [match for pattern, _ in CONDITION_PATTERNS for match in re.finditer(pattern, text)]
    return bool(found) and all(_feared(text, match.start()) for match in found)


def read_known_condition(text: str, asked: bool = False, said_yes_no: bool | None = None) -> str | None:
    """A condition the article names (by name), "unspecified" for another one, "none" when asked and denied."""
    for pattern, value in CONDITION_PATTERNS:
        for match in re.finditer(pattern, text):
            if not negated(text, match.start()) and not _feared(text, match.start()):
                return value
    other = OTHER_CONDITIONS.search(text)
    if other and not negated(text, other.start()) and (asked or HAS_CONDITION.search(text)):
        return "unspecified"
    if not asked:
        return None
    if said_yes_no is False or NO_CONDITION.search(text):
        return "none"
    if said_yes_no is True or HAS_CONDITION.search(text):
        return "unspecified"  # a condition, but not one the article names
    picked = option_picked("known_condition", text)
    return str(picked) if picked else None


# --- triggers ----------------------------------------------------------------------------------------------------
TRIGGER_PATTERNS = tuple(
    (pattern, name)
    for pattern, name in causes.cause_patterns()
    if name in {cause.name for cause in causes.CAUSES if cause.trigger}
)


def read_triggers(text: str) -> list[str]:
    """What the person says sets it off, as triage triggers ("after my third coffee" -> caffeine)."""
    return causes.triggers_of(all_matches(text, TRIGGER_PATTERNS))
