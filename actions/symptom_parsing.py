"""Turns one user message into symptom-interview slot values.

Pure Python (no Rasa). NLU entities come first; regular expressions fill in what the NLU did not tag, so a
message like "it hurts about a 7 and happens every day" fills two slots without any extra training data.

Two rules keep it safe:
  * breathing difficulty is looked for in every message, whatever the intent, and never becomes "unknown";
  * short, vague answers ("yes", "sometimes", "a lot", a bare number) count only for the slot that was asked,
    so an answer to one question cannot quietly overwrite another.
"""

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from actions.triage import BOOL_SLOTS, SYMPTOM_SLOTS, normalise_triggers

# Intents that mean the person stepped out of the interview, when the NLU is this sure of them.
INTERRUPTION_CONFIDENCE = 0.6
INTERRUPTION_INTENTS = frozenset(
    {"stop", "out_of_scope", "bot_challenge", "ask_capabilities", "greet", "forget_conversation"}
)
# Yes/no intents count only when the NLU is this sure; the words themselves are checked first anyway.
YES_NO_CONFIDENCE = 0.6

UNKNOWN = "unknown"

CAUSE_TO_TRIGGER = {
    "caffeine": "caffeine",
    "exercise": "exercise",
    "dehydration": "dehydration",
    "stress_anxiety": "stress",
    "stress": "stress",
    "fatigue": "fatigue",
    "medication": "medication",
}


@dataclass(frozen=True)
class Turn:
    values: Dict[str, Any] = field(default_factory=dict)
    interruption: bool = False
    hint: Optional[str] = None  # the requested slot the message did not answer, so the form re-asks with a hint


# --- small regex helpers -------------------------------------------------------------------------------------
NEGATORS = re.compile(r"\b(no|not|never|without|nothing|none|isn'?t|aren'?t|doesn'?t|don'?t|didn'?t|wasn'?t|"
                      r"can'?t|cannot|hasn'?t|haven'?t|n't)\b|n't\b")
CLAUSE_BREAK = re.compile(r"[,.;!?]|\bbut\b|\band\b")


def _negated(text: str, start: int, words: int = 3) -> bool:
    """True when one of the few words just before `start`, in the same clause, negates it ("not stiff").

    The clause limit keeps "no, my calf cramps" from reading as "no calf".
    """
    clause = CLAUSE_BREAK.split(text[:start])[-1]
    return bool(NEGATORS.search(" ".join(clause.split()[-words:])))


def _first_match(text: str, lexicon: Sequence[Tuple[str, str]]) -> Optional[str]:
    """The value whose pattern occurs earliest in the text, not negated ("not my calf, my thigh" -> thigh).

    Ties go to the earlier, more specific pattern.
    """
    best: Optional[Tuple[int, int, str]] = None
    for order, (pattern, value) in enumerate(lexicon):
        for match in re.finditer(pattern, text):
            if _negated(text, match.start()):
                continue
            candidate = (match.start(), order, value)
            if best is None or candidate < best:
                best = candidate
            break
    return best[2] if best else None


def _all_matches(text: str, lexicon: Sequence[Tuple[str, str]]) -> List[str]:
    found = []
    for pattern, value in lexicon:
        if any(not _negated(text, m.start()) for m in re.finditer(pattern, text)):
            found.append(value)
    return list(dict.fromkeys(found))


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


NUMBER_WORDS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
    "couple": 2, "a couple": 2, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 4,
}
QUANTITY = (r"(?:\d+(?:\.\d+)?|a couple(?: of)?|couple(?: of)?|a few|few|several|forty-five|"
            + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)) + ")")


def _number(word: str) -> float:
    word = word.strip()
    return float(word) if re.fullmatch(r"\d+(?:\.\d+)?", word) else float(NUMBER_WORDS[word])


# --- breathing --------------------------------------------------------------------------------------------------
BREATHING_TROUBLE = re.compile(
    r"\b(?:can'?t|cannot|can not|unable to|struggling to|struggle to|hard to|difficult to|hardly|barely) "
    r"(?:really )?breathe?\b"
    r"|\b(?:difficulty|difficulties|trouble|problems?|struggling|struggle|hard time|a hard time|issues?) "
    r"(?:with )?(?:breathing|to breathe)\b"
    r"|\bshort(?:ness)? of breath\b|\bbreathless\b|\bout of breath\b|\bgasping\b"
    r"|\bcan'?t (?:catch|get) (?:my|a) breath\b|\bcan'?t get (?:enough )?air\b"
    r"|\bbreathing (?:is |gets |got )?(?:hard|difficult|laboured|labored)\b|\bchoking\b"
)
BREATHING_FINE = re.compile(
    r"\b(?:no|not|never|without|don'?t have|do not have|haven'?t (?:got|had)|not having|no real)\s+(?:any\s+)?"
    r"(?:(?:difficulty|difficulties|trouble|problems?|issues?|struggle)\s+(?:with\s+)?(?:breathing|to breathe)"
    r"|shortness of breath|breathing (?:trouble|problems?|issues?|difficulty|difficulties))"
    r"|\bnot (?:at all )?(?:short of breath|breathless|out of breath|struggling to breathe|gasping)"
    r"|\bcan breathe\b|\bbreathing(?:'s| is| was| feels)? (?:totally |completely |perfectly )?"
    r"(?:fine|ok|okay|normal|normally|alright|all right|good|not a problem)\b"
)
ARTICLE_QUESTION = re.compile(r"\?\s*$|^(?:what|why|how|when|which|who|is|are|can|could|should|do|does)\b")
FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|my|me|mine)\b")


def breathing_answer(text: str) -> Optional[bool]:
    """True when the message reports trouble breathing, False when it says breathing is fine, else None."""
    fine_spans = [match.span() for match in BREATHING_FINE.finditer(text)]
    for match in BREATHING_TROUBLE.finditer(text):
        if not any(start <= match.start() and match.end() <= end for start, end in fine_spans):
            return True
    return False if fine_spans else None


# --- body part, sensation, triggers, conditions (fallbacks for entities the NLU missed) ------------------------
BODY_PARTS: Tuple[Tuple[str, str], ...] = (
    (r"\b(?:lower|low) back\b", "lower_back"),
    (r"\beye ?lids?\b", "eyelid"),
    (r"\btoes?\b", "toe"),
    (r"\bthumbs?\b", "thumb"),
    (r"\bfingers?\b|\bpinky\b(?! toes?)|\bknuckles?\b", "finger"),
    (r"\bcal(?:f|ves)\b", "calf"),
    (r"\bhamstrings?\b", "hamstring"),
    (r"\bthighs?\b|\bquads?\b|\bquadriceps?\b", "thigh"),
    (r"\bknees?\b|\bkneecaps?\b", "knee"),
    (r"\bfoot\b|\bfeet\b|\bsoles?\b|\bheels?\b|\barch of my foot\b", "foot"),
    (r"\blegs?\b|\bshins?\b", "leg"),
    (r"\bshoulders?\b|\bshoulder blades?\b", "shoulder"),
    (r"\barms?\b|\bbiceps?\b|\btriceps?\b|\bforearms?\b", "arm"),
    (r"\bhands?\b|\bpalms?\b|\bwrists?\b", "hand"),
    (r"\bperiods?\b|\bmenstrual\b|\bintestin\w*\b|\bbowels?\b|\babdom\w*\b|\babs\b|\bwomb\b|\buterus\b",
     "abdomen"),
    (r"\bstomach\b|\bbelly\b|\btummy\b|\bgut\b", "stomach"),
    (r"\bchest\b|\bribs?\b|\brib cage\b|\bpecs?\b", "chest"),
    (r"\bthroat\b", "throat"),
    (r"\bneck\b", "neck"),
    (r"\bjaw\b", "jaw"),
    (r"\blips?\b|\bmouth\b", "lip"),
    (r"\beyes?\b|\beyebrows?\b", "eye"),
    (r"\bface\b|\bcheeks?\b|\bforehead\b", "face"),
    # "back" alone is too common a word ("it comes back"), so it needs a body-ish neighbour.
    (r"\b(?:my|the|upper|mid|middle|his|her|your) back\b(?! of)|\bback (?:spasms?|cramps?|muscles?|pain)\b", "back"),
)
SENSATIONS: Tuple[Tuple[str, str], ...] = (
    (r"\brhythmic\w* (?:\w+ )?jerk\w*|\bjerk\w* (?:\w+ )?rhythmic\w*|\bbeats? when (?:i )?stretch"
     r"|\bjerks? (?:over and over|repeatedly|again and again) when (?:i )?(?:stretch|flex)"
     r"|\b(?:jerk|bounc|shak)\w* (?:in a rhythm|rhythmically|like a metronome)", "rhythmic_jerking"),
    (r"\bcharley horse\b|\bcramp\w*|\bknot\w*|\bspasm\w*|\bseiz\w* up\b", "cramp"),
    (r"\btight\w*|\block\w* up\b|\bclench\w*|\bgoes hard\b|\brock hard\b", "tightening"),
    (r"\bstiff\w*", "stiffness"),
    (r"\bbulg\w*", "bulging"),
    (r"\bflicker\w*", "flicker"),
    (r"\bflutter\w*|\bquiver\w*|\bvibrat\w*", "flutter"),
    (r"\brippl\w*", "ripple"),
    (r"\bjerk\w*", "jerk"),
    (r"\btwitch\w*|\bjump\w*|\btic\b", "twitch"),
)
TRIGGERS: Tuple[Tuple[str, str], ...] = (
    (r"\bcaffeine\b|\bcoffees?\b|\bespressos?\b|\benergy drinks?\b|\bred bull\b|\bcola\b", "caffeine"),
    (r"\bexercis\w*|\bwork(?:ing)? ?outs?\b|\bworked out\b|\bgym\b|\brun\b|\bruns\b|\brunning\b|\bran\b|\bjog\w*"
     r"|\bsprint\w*|\bmarathon\b|\bfootball\b|\bsoccer\b|\bcycling\b|\bswim\w*|\blifting\b|\bweights\b|\bhik\w*"
     r"|\bsports?\b|\btraining\b", "exercise"),
    (r"\bdehydrat\w*|\bnot drinking enough\b|\bdidn'?t drink enough\b|\belectrolytes?\b|\bsweat\w* a lot\b",
     "dehydration"),
    (r"\bstress\w*|\banxi\w*|\bnervous\b|\bpanic\w*", "stress"),
    (r"\btired\w*|\bfatigue\w*|\bexhaust\w*|\bworn out\b|\black of sleep\b|\bnot sleeping\b|\bno sleep\b"
     r"|\bsleep[- ]deprived\b|\bovertired\b|\bbarely slept\b|\bnot enough sleep\b|\b(?:poor|bad) sleep\b",
     "fatigue"),
    (r"\bmedication\w*|\bmedicine\w*|\bpills?\b|\btablets?\b|\bstatins?\b|\bdiuretics?\b|\bwater pills?\b",
     "medication"),
)
CONDITIONS: Tuple[Tuple[str, str], ...] = (
    (r"\bmultiple sclerosis\b|\bms\b", "multiple_sclerosis"),
    (r"\bamyotrophic lateral sclerosis\b|\bals\b|\blou gehrig'?s?\b|\bmotor neurone? disease\b", "als"),
    (r"\bparkinson'?s?\b", "parkinsons"),
    (r"\bcerebral palsy\b", "cerebral_palsy"),
    (r"\bspinal(?: cord)? (?:injury|injuries|damage)\b|\binjured my spin\w*|\bbroke my (?:back|neck)\b",
     "spinal_cord_injury"),
)


# --- pain ---------------------------------------------------------------------------------------------------------
PAIN_ORDER = ("none", "mild", "moderate", "severe")
# A body part named in an entity: a few plain words, nothing else.
PLAIN_WORDS = re.compile(r"[a-z][a-z_' -]{0,30}")
PAIN_WORDS: Tuple[Tuple[str, str], ...] = (
    # "doesn't hurt much" is some pain, so it is tested before "doesn't hurt".
    (r"\b(?:does ?n'?t|does not|did ?n'?t|did not|do ?n'?t|do not) (?:really )?hurt (?:much|that much|too much|a lot)\b"
     r"|\bnot (?:very|that|too|really) (?:painful|sore|bad)\b", "mild"),
    (r"\bno pain\b|\bpainless\b|\bpain[- ]free\b|\bnot (?:at all )?painful\b|\bwithout (?:any )?pain\b"
     r"|\b(?:does ?n'?t|does not|did ?n'?t|did not|do ?n'?t|do not) (?:really |actually )?hurt\b"
     r"(?! (?:much|that much|too much|a lot))|\bno,? it does ?n'?t\b", "none"),
    (r"\bsevere\w*|\bunbearable\b|\bexcruciating\b|\bagon\w*|\b(?:really|very|extremely|incredibly|super|so)"
     r" (?:painful|sore)\b|\breally hurts?\b|\bhurts? (?:so much|like hell|a lot|badly|really bad)\b"
     r"|\b(?:a lot of|lots of|intense|terrible|horrible|awful) pain\b|\bworst pain\b|\bkilling me\b"
     r"|\bcan'?t stand (?:it|the pain)\b|\bintense\b|\breally bad\b", "severe"),
    (r"\bmoderate\w*|\b(?:quite|fairly|pretty|rather) (?:painful|sore|bad)\b"
     r"|\bhurts? (?:quite a bit|quite a lot|a fair bit|fairly|quite)\b", "moderate"),
    (r"\bmild\w*|\b(?:slight|slightly|a little|a bit|a little bit|bit|somewhat|kind of|kinda) "
     r"(?:painful|sore|achy|uncomfortable|tender)\b|\bhurts? (?:a little|a bit|slightly|a tiny bit)\b"
     r"|\bslight (?:pain|ache|discomfort)\b|\bdiscomfort\b|\bach(?:e|es|y|ing)\b|\bsore\w*", "mild"),
)
# Vague amounts, only when the question was "how much does it hurt?".
PAIN_WORDS_WHEN_ASKED: Tuple[Tuple[str, str], ...] = (
    (r"^(?:no|nope|nah|not really|not at all|none|nothing|zero)\b", "none"),
    (r"\bnot (?:too|that) bad\b|\ba little\b|\ba bit\b|\bslight\w*|\bnot much\b|\bbarely\b|\bminor\b", "mild"),
    (r"\bquite\b|\bfairly\b|\bmedium\b|\bin between\b|\bok(?:ay)?ish\b", "moderate"),
    (r"\ba lot\b|\bbad\b|\bloads\b|\bvery\b", "severe"),
)
SCORE = r"(10|\d|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
PAIN_SCORE = re.compile(SCORE + r"(?:\s*(?:-|to|or)\s*" + SCORE + r")?\s*(?:/|out of)\s*(?:10|ten)\b")
PAIN_SCORE_SAID = re.compile(r"\b(?:about|around|like|maybe|roughly|probably|say|solid|at least) an? " + SCORE
                             + r"\b(?! ?(?:sec|min|hour|hr|day|week|month|year|time))")
PAIN_SCORE_ALONE = re.compile(r"^(?:i'?d say |probably |maybe |about |around |like |roughly |a )?(?:an? )?" + SCORE
                              + r"\s*[.!]*$")


def _score_to_level(score: float) -> str:
    if score <= 0:
        return "none"
    if score <= 3:
        return "mild"
    if score <= 6:
        return "moderate"
    return "severe"


def parse_pain_level(text: str, asked: bool = False) -> Optional[str]:
    """The strongest pain the message mentions (worse wins: under-rating pain is the costly mistake)."""
    found = _all_matches(text, PAIN_WORDS)
    for match in list(PAIN_SCORE.finditer(text)) + list(PAIN_SCORE_SAID.finditer(text)):
        scores = [_number(group) for group in match.groups() if group]
        found.append(_score_to_level(max(scores)))
    if asked and not found:
        alone = PAIN_SCORE_ALONE.match(text)
        if alone and _number(alone.group(1)) <= 10:
            found.append(_score_to_level(_number(alone.group(1))))
        else:
            found += _all_matches(text, PAIN_WORDS_WHEN_ASKED)
    if not found:
        return None
    return max(found, key=PAIN_ORDER.index)


# --- how often, how long each time, how long it has been going on -------------------------------------------------
FREQUENCY_PATTERNS: Tuple[Tuple[str, str], ...] = (
    # Checked in this order; each match is blanked out so "every day for two weeks" is not read twice.
    (r"\bnot (?:very |that |too |so )?often\b|\brarely\b|\bseldom\b", "occasional"),
    (r"\bevery ?day\b|\bdaily\b|\ball the time\b|\bconstant\w*|\bnon-?stop\b|\bfrequent\w*|\boften\b"
     r"|\b(?:several|many|multiple|a few|few|a couple of|\d+|two|three|four|five|six|ten) times (?:a|per|each|every) "
     r"(?:day|hour|night)\b|\btwice (?:a|per) day\b|\b(?:several|many|multiple|a few|\d+) times (?:a|per) week\b"
     r"|\bkeeps? (?:on )?\w+ing\b|\bevery (?:few |couple of |couple |\d+ |other )?(?:seconds?|minutes?|mins?|hours?"
     r"|night|morning|evening|day)\b|\bnightly\b|\bmost days\b|\brepeatedly\b|\bover and over\b"
     r"|\bagain and again\b|\bmany times\b|\bonce (?:a|per|every) (?:day|night|hour)\b"
     r"|\bevery (?:few|couple of|other) days\b", "frequent"),
    (r"\bnow and (?:then|again)\b|\boccasional\w*|\bonce in a while\b|\bfrom time to time\b|\bevery so often\b"
     r"|\bon and off\b|\boff and on\b|\bhere and there\b|\bonce or twice\b"
     r"|\b(?:once|twice|a few times|a couple of times|\d+ times) (?:a|per|every) (?:week|month|year|fortnight)\b"
     r"|\bevery (?:few |couple of |other )?(?:weeks?|months?)\b", "occasional"),
    (r"\b(?:just|only) (?:the )?once\b|\b(?:happened|had it|felt it|noticed it) once\b|\bfirst time\b"
     r"|\b(?:just |only )?one time\b|\bone[- ]off\b|\bnever (?:happened )?before\b|\ba single time\b", "once"),
)
FREQUENCY_WHEN_ASKED: Tuple[Tuple[str, str], ...] = (
    (r"\bonce\b", "once"),
    (r"\ba lot\b|\blots\b|\bloads\b", "frequent"),
    (r"\bsometimes\b", "occasional"),
)
# "sometimes" is a frequency unless it answers a yes/no question ("does it feel weak?" "sometimes").
SOMETIMES = (r"\bsometimes\b", "occasional")

DURATION_WORDS: Tuple[Tuple[str, str], ...] = (
    (r"\bhalf an? hour\b|\bhalf hour\b|\ball (?:day|night|morning|afternoon|evening)\b|\bthe whole (?:day|night)\b"
     r"|\bfor hours\b|\bhours\b", "long"),
    (r"\ba (?:second|sec) or two\b|\bsplit[- ]second\b|\bfraction of a second\b|\b(?:a|one) (?:second|sec)\b"
     r"|\ba moment\b|\bmoment(?:ary|arily)\b|\ban instant\b|\binstant(?:ly)?\b|\bbrief(?:ly)?\b|\bin a flash\b"
     r"|\bblink\b", "brief"),
)
DURATION_WHEN_ASKED: Tuple[Tuple[str, str], ...] = (
    (r"\bquick\w*|\bshort\b|\bnot long\b|\bfast\b", "brief"),
    (r"\ba while\b|\blong\b|\bages\b|\bforever\b", "long"),
)
HISTORY_WORDS: Tuple[Tuple[str, str], ...] = (
    (r"\bweeks\b|\bmonths?\b|\byears?\b|\bages\b|\ba long time\b|\bsince last (?:week|month|year)\b"
     r"|\blast (?:month|year)\b|\bfor a while\b|\bforever\b", "weeks_or_longer"),
    (r"\btoday\b|\byesterday\b|\blast night\b|\bthis (?:morning|afternoon|evening|week)\b|\btonight\b"
     r"|\bsince (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)\b"
     r"|\bjust (?:started|began)\b|\bstarted recently\b", "days"),
)
HISTORY_WHEN_ASKED: Tuple[Tuple[str, str], ...] = (
    (r"\brecent\w*|\bnew\b|\bnot long\b|\bjust\b", "days"),
    (r"\ba while\b|\blong\b", "weeks_or_longer"),
)
TIME_AMOUNT = re.compile(r"\b(?P<n>" + QUANTITY + r")(?:\s*(?:-|to|or)\s*(?P<m>" + QUANTITY + r"))?\s+"
                         r"(?P<unit>sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)\b")

DURATION_ORDER = ("brief", "seconds_to_minutes", "long")


def _blank(text: str, spans: Iterable[Tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def parse_frequency(text: str, asked: bool = False, sometimes_counts: bool = True) -> Tuple[Optional[str], str]:
    """How often it happens, and the text with the frequency phrases blanked out for the other parsers."""
    patterns = list(FREQUENCY_PATTERNS) + ([SOMETIMES] if sometimes_counts else [])
    value, spans = None, []
    for pattern, candidate in patterns:
        for match in re.finditer(pattern, text):
            if any(start <= match.start() < end for start, end in spans):
                continue
            spans.append(match.span())
            value = value or candidate
    if value is None and asked:
        value = _first_match(text, FREQUENCY_WHEN_ASKED)
    return value, _blank(text, spans)


def _time_amounts(text: str) -> List[Tuple[float, str, str]]:
    amounts = []
    for match in TIME_AMOUNT.finditer(text):
        numbers = [_number(match.group(key)) for key in ("n", "m") if match.group(key)]
        amounts.append((max(numbers), match.group("unit"), match.group(0)))
    return amounts


def parse_episode_duration(text: str, asked: bool = False) -> Optional[str]:
    """How long one episode lasts; with several phrases the longest wins ("a few seconds to a minute")."""
    found = [value for value in _all_matches(text, DURATION_WORDS)]
    for amount, unit, phrase in _time_amounts(text):
        if unit.startswith("sec"):
            # "a second or two" is brief; "a couple of seconds" is the article's own lower bound for a spasm.
            found.append("brief" if amount <= 2 and "couple" not in phrase else "seconds_to_minutes")
        elif unit.startswith("min"):
            found.append("seconds_to_minutes" if amount < 30 else "long")
        elif unit.startswith(("hour", "hr")):
            found.append("long")
    if not found and asked:
        found += _all_matches(text, DURATION_WHEN_ASKED)
    return max(found, key=DURATION_ORDER.index) if found else None


def parse_history(text: str, asked: bool = False) -> Optional[str]:
    """How long it has been going on. A week or more counts as "weeks or longer": the cautious reading."""
    found = _all_matches(text, HISTORY_WORDS)
    for amount, unit, _ in _time_amounts(text):
        if unit.startswith("day"):
            found.append("days" if amount < 7 else "weeks_or_longer")
        elif unit.startswith(("week", "month", "year")):
            found.append("weeks_or_longer")
    if not found and asked:
        found += _all_matches(text, HISTORY_WHEN_ASKED)
    if not found:
        return None
    return "weeks_or_longer" if "weeks_or_longer" in found else "days"


# --- yes / no / don't know ---------------------------------------------------------------------------------------
DONT_KNOW = re.compile(r"\b(?:i )?(?:don'?t|do not|dont) know\b|\bnot (?:really )?sure\b|\bno idea\b|\bunsure\b"
                       r"|\bdunno\b|\bidk\b|\bcan'?t (?:tell|say|remember)\b|\bhard to (?:say|tell)\b"
                       r"|\bnot certain\b|\bno clue\b|\bhaven'?t (?:checked|looked)\b")
# Yes/no words open the answer; "it does"-style replies count only as the whole clause ("I do feel it in my calf"
# is not a yes).
YES = re.compile(r"^(?:(?:yes|yeah|yep|yup|ya|yea|sure|definitely|absolutely|correct|indeed|a little|a bit|slightly"
                 r"|sometimes|kind of|kinda|sort of|maybe|probably|somewhat|affirmative)\b"
                 r"|(?:i do|it does|it is|they do|i think so|i guess so|i have|it has)\s*(?:[.,!]|$))")
NO = re.compile(r"^(?:(?:no|nope|nah|not really|not at all|never|none|nothing|i don'?t think so|negative|neither"
                 r"|not that i(?:'ve)? notic\w*|not that i know(?: of)?|i haven'?t noticed)\b"
                 r"|(?:it doesn'?t|it does not|i don'?t|i do not|it isn'?t|it hasn'?t)\s*(?:[.,!]|$))")
# Yes/no facts that can also be said outright in any message: (sign, patterns that rule it out).
# A negated sign ("doesn't feel weak") rules it out too.
TOLD_OUTRIGHT: Dict[str, Tuple[str, str]] = {
    "muscle_weakness": (
        r"\bweak(?:ness|er|ened)?\b|\bcan'?t (?:lift|grip|hold)\b|\blost (?:my |some )?strength\b",
        r"$^",
    ),
    "visible_change": (
        r"\blooks? (?:different|swollen|deformed|strange|odd|weird|bigger|smaller|misshapen)\b|\bvisibly bulg\w*",
        r"\blooks? (?:normal|the same|fine|ok|okay)\b",
    ),
    "pain_after": (
        r"\bstill (?:hurts|sore|aching|aches|painful|tender)\b|\b(?:sore|aching|achy|tender|hurts|painful) "
        r"(?:for hours|for days|the next day|afterwards|after it (?:stops|ends|passes|is over))\b|\blinger\w*"
        r"|\bstays? (?:sore|painful|tender)\b|\bsore for\b",
        r"\b(?:goes|went|fades|stops|disappears) (?:away )?(?:straight|right) away\b|\bno pain after\w*"
        r"|\bfine after(?:wards)?\b|\bgone (?:straight|right) away\b",
    ),
}
HAS_CONDITION = re.compile(r"\b(?:i have|i've got|i've been diagnosed|diagnosed with|i suffer from|i live with)\b")
NO_CONDITION = re.compile(r"\bno (?:medical |known |health |other )?(?:conditions?|diagnos\w*|illness\w*)\b"
                          r"|\bnot that i know\b|\bi'?m healthy\b|\bnothing like that\b")
# "I'm worried it's MS" names a fear, not a diagnosis.
FEARED = re.compile(r"\b(?:worr\w*|afraid|scared|fear\w*|might|could|maybe|whether|if|is it|think|wonder\w*)\b")
NOT_A_BODY_PART = re.compile(r"^(?:hi|hello|hey|thanks?|thank you|ok|okay|hmm+|um+|uh+|what|huh|why|how)\b")


def _yes_no(text: str, intent: Optional[str], confidence: float) -> Optional[bool]:
    if YES.search(text):
        return True
    if NO.search(text):
        return False
    if confidence >= YES_NO_CONFIDENCE and intent in ("affirm", "deny"):
        return intent == "affirm"
    return None


def _told_outright(text: str, slot: str) -> Optional[bool]:
    sign, ruled_out = TOLD_OUTRIGHT[slot]
    matches = list(re.finditer(sign, text))
    if any(not _negated(text, match.start()) for match in matches):
        return True
    if matches or re.search(ruled_out, text):
        return False
    return None


def _condition(text: str) -> Optional[str]:
    for pattern, value in CONDITIONS:
        for match in re.finditer(pattern, text):
            clause = CLAUSE_BREAK.split(text[:match.start()])[-1]
            if not _negated(text, match.start()) and not FEARED.search(clause):
                return value
    return None


# --- body part -------------------------------------------------------------------------------------------------
_BODY_FILLER = re.compile(r"^(?:it'?s |it is |in |on |at |around |near )*(?:my |the |both |his |her )?"
                          r"(?:left |right |both |upper |inner |outer )*")
MAX_BODY_PART_WORDS = 4


def _short_answer(text: str) -> Optional[str]:
    """A short answer to "where is it?", without "my"/"left"; None for long answers and questions."""
    cleaned = re.sub(r"[.!,;]+$", "", text).strip()
    if not cleaned or len(cleaned.split()) > MAX_BODY_PART_WORDS or ARTICLE_QUESTION.search(cleaned):
        return None
    if NOT_A_BODY_PART.search(cleaned) or not re.search(r"[a-z]", cleaned):
        return None
    words = _BODY_FILLER.sub("", cleaned).strip()
    return words if PLAIN_WORDS.fullmatch(words) else None  # never markup or "/intent{...}"


def _body_part(text: str, requested: Optional[str]) -> Optional[str]:
    """A known body part; when asked, a short answer keeps its own words if it ends in one ("pinky toe")."""
    known = _first_match(text, BODY_PARTS)
    short = _short_answer(text) if requested == "body_part" else None
    if not known or not short:
        return known
    if any(re.fullmatch(pattern, short) for pattern, _ in BODY_PARTS):
        return _first_match(short, BODY_PARTS)  # "calves" -> calf, "lower back" -> lower_back
    if _first_match(short.split()[-1], BODY_PARTS):
        return short  # "pinky toe", "back of my knee": the last word names the place
    return known


# --- entities -------------------------------------------------------------------------------------------------
def _from_entities(entities: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
    values: Dict[str, Any] = {}
    triggers: List[str] = []
    for entity in entities:
        name, value = entity.get("entity"), entity.get("value")
        if not isinstance(value, str) or not value:
            continue
        value = _normalise(value)
        # Entity values are checked like any answer: a message may inject them ("/describe_symptom{...}").
        if name == "body_part" and PLAIN_WORDS.fullmatch(value):
            values.setdefault(name, value)
        elif name == "sensation" and value in {canonical for _, canonical in SENSATIONS}:
            values.setdefault(name, value)
        elif name == "pain_level":
            parsed = value if value in PAIN_ORDER else parse_pain_level(value, asked=True)
            if parsed:
                values.setdefault(name, parsed)
        elif name == "condition" and value in {canonical for _, canonical in CONDITIONS}:
            values.setdefault("known_condition", value)
        elif name == "cause" and value in CAUSE_TO_TRIGGER:
            triggers.append(CAUSE_TO_TRIGGER[value])
        elif name == "duration":
            parsed = value if value in DURATION_ORDER else parse_episode_duration(value, asked=True)
            if parsed:
                values.setdefault("episode_duration", parsed)
        elif name == "frequency":
            parsed = value if value in ("once", "occasional", "frequent") else parse_frequency(value, True)[0]
            if parsed:
                values.setdefault("frequency", parsed)
        elif name == "history":
            parsed = value if value in ("days", "weeks_or_longer") else parse_history(value, asked=True)
            if parsed:
                values.setdefault("history", parsed)
    if triggers:
        values["triggers"] = triggers
    return values


# --- the turn ---------------------------------------------------------------------------------------------------
def _answers_the_question(intent: str, said: str, requested: Optional[str], values: Mapping[str, Any]) -> bool:
    """A message that answers the asked question is an answer, whatever intent the NLU guessed ("today" is no
    off-topic remark when the question was how long). Asking to stop or to delete the conversation, or asking a
    question, still interrupts."""
    if requested is None or requested not in values or intent in ("stop", "forget_conversation"):
        return False
    return not ARTICLE_QUESTION.search(said)


def _is_interruption(intent: Optional[str], confidence: float) -> bool:
    if confidence < INTERRUPTION_CONFIDENCE or not intent:
        return False
    return intent.startswith("ask_") or intent in INTERRUPTION_INTENTS


def _breathing(text: str, intent: Optional[str], requested: Optional[str], said_yes_no: Optional[bool]) -> Any:
    answer = breathing_answer(text)
    if answer is None and intent == "report_emergency":
        return True  # the NLU heard an emergency; trust it over our narrower patterns
    if answer is None and requested == "breathing_difficulty":
        return said_yes_no
    return answer


def interpret_turn(
    text: str,
    intent: Optional[str],
    intent_confidence: float,
    entities: Sequence[Mapping[str, Any]],
    requested_slot: Optional[str],
) -> Turn:
    """Slot values from one message; see the module docstring for the safety rules."""
    said = _normalise(text or "")
    requested = requested_slot if requested_slot in SYMPTOM_SLOTS else None
    dont_know = bool(DONT_KNOW.search(said))
    said_yes_no = _yes_no(said, intent, intent_confidence or 0.0) if requested and not dont_know else None

    breathing = _breathing(said, intent, requested, said_yes_no)
    values = _from_entities(entities)
    if breathing is not None:
        values["breathing_difficulty"] = breathing

    def fill(slot: str, value: Any) -> None:
        if value is not None and slot not in values:
            values[slot] = value

    # Vague words answer the asked question only; never in "no idea", where "no" is not an answer.
    asked = None if dont_know else requested
    frequency, rest = parse_frequency(said, asked=asked == "frequency",
                                      sometimes_counts=requested in (None, "frequency"))
    fill("frequency", frequency)
    fill("history", parse_history(rest, asked=asked == "history"))
    # An answer about lingering pain ("it stays sore for hours") describes the after-pain, not the episode.
    if requested != "pain_after":
        fill("episode_duration", parse_episode_duration(rest, asked=asked == "episode_duration"))
        pain = [parse_pain_level(said, asked=asked == "pain_level"), values.get("pain_level")]
        pain = [level for level in pain if level in PAIN_ORDER]
        if pain:
            values["pain_level"] = max(pain, key=PAIN_ORDER.index)  # the worse reading is the safe one
    fill("body_part", _body_part(said, requested))
    fill("sensation", _first_match(said, SENSATIONS))
    fill("known_condition", _condition(said))
    for slot in TOLD_OUTRIGHT:
        fill(slot, _told_outright(said, slot))
    triggers = list(values.get("triggers", [])) + _all_matches(said, TRIGGERS)
    if triggers:
        values["triggers"] = list(normalise_triggers(triggers))

    if requested and requested not in values:
        _answer_requested(values, requested, said, said_yes_no, dont_know)

    if _is_interruption(intent, intent_confidence or 0.0) and not _answers_the_question(
        intent, said, requested, values
    ):
        # A question *about* breathing trouble is an article question; the person's own trouble is not.
        about_it = intent.startswith("ask_") and ARTICLE_QUESTION.search(said) and not FIRST_PERSON.search(said)
        if breathing is not True or about_it:
            return Turn({}, interruption=True)

    if values.get("breathing_difficulty") is True:
        return Turn(values)  # an emergency: no other question is worth re-asking
    hint = requested if requested and requested not in values else None
    return Turn(values, hint=hint)


def _answer_requested(values: Dict[str, Any], requested: str, said: str, said_yes_no: Optional[bool],
                      dont_know: bool) -> None:
    """Reads the message as a direct answer to the question that was asked."""
    if dont_know:
        # Breathing is never left as "don't know": the form asks it again instead.
        if requested != "breathing_difficulty":
            values[requested] = UNKNOWN
    elif requested in BOOL_SLOTS:
        if said_yes_no is not None:
            values[requested] = said_yes_no
    elif requested == "known_condition":
        if said_yes_no is False or NO_CONDITION.search(said):
            values[requested] = "none"
        elif said_yes_no is True or HAS_CONDITION.search(said):
            values[requested] = "unspecified"  # a condition, but not one the article names
    elif requested == "body_part" and said_yes_no is None and not values.keys() - {"triggers"}:
        values[requested] = _short_answer(said)  # a part we have no name for, e.g. "earlobe"
        if values[requested] is None:
            del values[requested]


# --- merging a turn into the interview -----------------------------------------------------------------------
# How worrying each answer is, least first; used so a passing remark cannot quietly lower an earlier answer.
WORRY_ORDER: Dict[str, Tuple[Any, ...]] = {
    "breathing_difficulty": (False, True),
    "pain_level": PAIN_ORDER,
    "pain_after": (False, True),
    "frequency": ("once", "occasional", "frequent"),
    "history": ("days", "weeks_or_longer"),
    "muscle_weakness": (False, True),
    "visible_change": (False, True),
}


def _worry(slot: str, value: Any) -> int:
    order = WORRY_ORDER.get(slot, ())
    return order.index(value) if value in order else -1


def merge_values(slots: Mapping[str, Any], new_values: Mapping[str, Any],
                 requested_slot: Optional[str] = None) -> Dict[str, Any]:
    """The interview's slots after a turn.

    The answer to the requested question always counts. Facts volunteered for other slots fill gaps and may
    raise a concern, but never replace an earlier answer with a less worrying one. Triggers add up.
    """
    merged = dict(slots)
    for name, value in new_values.items():
        old = merged.get(name)
        if name == "triggers":
            merged[name] = list(normalise_triggers(list(old or []) + list(value or [])))
        elif name == requested_slot or old is None or old == UNKNOWN:
            merged[name] = value
        elif name == "known_condition":
            merged[name] = value if old == "none" else old
        elif _worry(name, value) > _worry(name, old):
            merged[name] = value
    return merged
