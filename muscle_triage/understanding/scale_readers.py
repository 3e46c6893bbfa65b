"""Readers for the answers on a scale: how much it hurts (words or a score out of 10), how often it happens, how
long one episode lasts, and how long it has been going on.

Pure Python (no Rasa), with answer_readers.py's contract: normalised text in, and `asked` says whether the
question was the one just asked; each returns the slot value (one of the schema's options) or None.
"""

import re

from muscle_triage.triage import schema
from muscle_triage.triage.schema import PERSISTENT_MIN_DAYS, SEVERE_PAIN_MIN_SCORE
from muscle_triage.understanding.answer_readers import option_picked
from muscle_triage.understanding.wording import QUANTITY, all_matches, blank, first_match, number

# --- pain --------------------------------------------------------------------------------------------------------
PAIN_ORDER = schema.options("pain_level")  # least first
PAIN_WORDS: tuple[tuple[str, str], ...] = (
    # "doesn't hurt much" is some pain, so it is tested before "doesn't hurt".
    (
        r"\b(?:doesn'?t|does not|didn'?t|did not|don'?t|do not) (?:really )?hurt (?:much|that much|too much|a lot)\b"
        r"|\bnot (?:very|that|too|really|overly) (?:painful|sore|bad)\b",
        "mild",
    ),
    (
        r"\bno pain\b|\bpainless\b|\bpain[- ]free\b|\bnot (?:at all )?painful\b|\bwithout (?:any )?pain\b"
        r"|\b(?:isn'?t|is not|wasn'?t|was not|aren'?t) (?:at all |even |really )?painful\b"
        r"|\bnot in the (?:slightest|least)\b"
        r"|\b(?:doesn'?t|does not|didn'?t|did not|don'?t|do not) (?:really |actually |even )?hurt\b"
        r"(?! (?:much|that much|too much|a lot))|\bno,? it does ?n'?t\b|\bzero pain\b|\bnot sore\b|\bno hurt\w*",
        "none",
    ),
    (
        r"\bsevere\w*|\bunbearable\b|\bexcruciating\b|\bagon\w*|\b(?:really|very|extremely|incredibly|super|so)"
        r" (?:painful|sore)\b|\breally hurts?\b|\bhurts? (?:so much|like hell|a lot|badly|really bad|like crazy)\b"
        r"|\b(?:a lot of|lots of|intense|terrible|horrible|awful|crazy|insane) pain\b|\bworst pain\b|\bkilling me\b"
        r"|\bcan'?t stand (?:it|the pain)\b|\bintense\b|\breally bad\b|\bbrings? me to tears\b|\bscream\w*",
        "severe",
    ),
    (
        r"\bmoderate\w*|\b(?:quite|fairly|pretty|rather|reasonably) (?:painful|sore|bad)\b"
        r"|\bhurts? (?:quite a bit|quite a lot|a fair bit|fairly|quite)\b|\bmedium\b",
        "moderate",
    ),
    (
        r"\bmild\w*|\b(?:slight|slightly|a little|a bit|a little bit|bit|somewhat|kind of|sort of) "
        r"(?:painful|sore|achy|uncomfortable|tender)\b|\bhurts? (?:a little|a bit|slightly|a tiny bit)\b"
        r"|\bslight (?:pain|ache|discomfort)\b|\bdiscomfort\b|\bach(?:e|es|y|ing)\b|\bsore\w*|\buncomfortable\b",
        "mild",
    ),
)
# Vague amounts, only when the question was "how much does it hurt?".
PAIN_WORDS_WHEN_ASKED: tuple[tuple[str, str], ...] = (
    (r"^(?:no|not really|not at all|none|nothing|zero|nought|nil)\b", "none"),
    (
        r"\bnot (?:too|that) bad\b|\ba little\b|\ba bit\b|\bslight\w*|\bnot much\b|\bbarely\b|\bminor\b|\bsome\b"
        r"|\blow\b",
        "mild",
    ),
    (
        r"\bquite\b|\bfairly\b|\bin between\b|\bok(?:ay)?ish\b|\bmanageable\b|\bmiddl\w*|\bmedium\b|\bmoderate\w*",
        "moderate",
    ),
    (r"\ba lot\b|\bbad\b|\bloads\b|\bvery\b|\bhigh\b", "severe"),
)
SCORE = r"(10|\d(?:\.\d)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
PAIN_SCORE = re.compile(SCORE + r"(?:\s*(?:-|to|or|and)\s*" + SCORE + r")?\s*(?:/|out of|outta|of)\s*(?:10|ten)\b")
PAIN_SCORE_SAID = re.compile(
    r"\b(?:about|around|like|maybe|roughly|probably|say|solid|at least|at most|perhaps|approx\w*|a good|easily)"
    r" (?:an? )?"
    + SCORE
    + r"\b(?!(?:\s*(?:-|to|or|and)\s*\w+)?\+? ?(?:sec|min|hour|hr|day|week|month|year|time|am|pm))"
    r"|\b" + SCORE + r" ?-?ish\b|\bbetween (?:an? )?" + SCORE + r" and (?:an? )?" + SCORE + r"\b"
)
# A score alone, as an answer to the pain question: "4", "maybe 3", "3 i think", "some, maybe 5".
PAIN_SCORE_ALONE = re.compile(
    r"^(?:(?:i'?d say|probably|maybe|about|around|like|roughly|a|an|some|um+|hmm+|uh+|prob|it'?s|its)[ ,]+)*"
    + SCORE
    + r"(?:\s*(?:-|to|or|and)\s*"
    + SCORE
    + r")?(?: ?(?:ish|maybe|probably|or so|i (?:think|guess|reckon)))*"
    r"\s*[.!?]*$"
)

# A number in an answer to the pain question ("one" is left out: "the one in my calf"), not one counting time,
# times, years or anything else a unit or a following noun names.
SCORE_IN_ANSWER = re.compile(
    r"(?<![\d.:/])\b(10|\d(?:\.\d)?|zero|two|three|four|five|six|seven|eight|nine|ten)\b(?![.:/]\d)"
    r"(?!\s*(?:%|x\b|(?:-|to|or|and)?\s*(?:\d+\s*)?(?:sec|min|hour|hr|day|night|week|month|year|yr|time|am\b|pm\b"
    r"|o'?clock|times|kids?|children|km|k\b|mile|rep|set|lap|game|match|yo\b)))"
)


def _score_to_level(score: float) -> str:
    if score <= 0:
        return "none"
    if score <= 3:
        return "mild"
    if score < SEVERE_PAIN_MIN_SCORE:
        return "moderate"
    return "severe"


def _scores(match: re.Match[str]) -> list[float]:
    return [number(group) for group in match.groups() if group]


def read_pain_score(text: str, asked: bool = False) -> str | None:
    """A pain score, as a level: "7/10", "about a 6", "4ish", "between 4 and 5"; asked, a bare "3" too.
    Of a range, the higher number counts: under-rating pain is the costly mistake."""
    found = []
    for pattern in (PAIN_SCORE, PAIN_SCORE_SAID):
        for match in pattern.finditer(text):
            found.append(max(_scores(match)))
    if asked and not found:
        alone = PAIN_SCORE_ALONE.match(text.strip())
        if alone:
            found.append(max(_scores(alone)))
        else:
            # Asked for a number from 0 to 10, a number in the answer is the score ("small pain, 3", "hurts
            # enough to wake me, a 4 or 5"), unless a unit says it counts something else.
            found += [number(match.group(1)) for match in SCORE_IN_ANSWER.finditer(text)]
    found = [score for score in found if 0 <= score <= 10]
    return _score_to_level(max(found)) if found else None


def read_pain_level(text: str, asked: bool = False) -> str | None:
    """The strongest pain the text mentions (the worse reading wins)."""
    found = all_matches(text, PAIN_WORDS)
    score = read_pain_score(text, asked)
    if score:
        found.append(score)
    if asked and not found:
        picked = option_picked("pain_level", text)
        found += [str(picked)] if picked else all_matches(text, PAIN_WORDS_WHEN_ASKED)
    return max(found, key=PAIN_ORDER.index) if found else None


# --- how often, how long each time, how long it has been going on -------------------------------------------------
FREQUENCY_PATTERNS: tuple[tuple[str, str], ...] = (
    # Checked in this order; each match is blanked out so "every day for two weeks" is not read twice.
    (
        r"\bnot (?:very |that |too |so )?often\b|\brarely\b|\bseldom\b|\bonce in a (?:while|blue moon)\b"
        r"|\bevery (?:now and (?:then|again)|once in a while|so often)\b"
        # "some runs", "every few nights", "1 in 5 runs", "once in some weeks": not most of the time
        r"|\b(?:some|certain|the odd) (?:\w+ )?(?:days|nights|runs|parkruns|games|sessions|weeks|mornings|evenings"
        r"|matches|shifts|workouts)\b|\bnot (?:all|every)\b|\bevery (?:few|couple of|other) (?:\w+ )?(?:days|nights"
        r"|runs|sessions|games|weeks|matches|shifts|workouts|trainings?)\b"
        r"|\b\d+ (?:in|out of) (?:every )?\d+ (?:\w+ )?(?:runs|nights|days|sessions|games|times|workouts|matches"
        r"|shifts)\b"
        r"|\b(?:once|one time) (?:in|every) (?:some|a few|few|several) (?:weeks|months)\b",
        "occasional",
    ),
    (
        r"\bevery ?(?:single )?day\b|\bdaily\b|\ball the time\b|\bconstant\w*|\bnon-?stop\b|\bfrequent\w*|\boften\b"
        r"|\b(?:several|many|multiple|a few|few|a couple of|couple of|\d+|two|three|four|five|six|ten"
        r"|lots of) ?(?:times|x) "
        r"(?:a|per|each|every|an?) (?:day|hour|night|morning|evening)\b|\btwice (?:a|per) day\b"
        r"|\b(?:several|many|multiple|[4-9]|four|five|six|seven) ?(?:times|x) (?:a|per) week\b"
        r"|\bevery (?:few |couple of |couple |\d+ |other )?(?:seconds?|minutes?|hours?"
        r"|night|morning|evening|day)\b|\bnightly\b|\bmost (?:days|nights|mornings)\b|\brepeatedly\b"
        r"|\bover and over\b|\bagain and again\b|\bmany times\b|\bonce (?:a|per|every) (?:day|night|hour)\b"
        r"|\bcontinuous\w*|\bnever stops\b|\bwon'?t stop\b",
        "frequent",
    ),
    (
        r"\bnow (?:and|an|&) (?:then|again)\b|\boccasional\w*|\bfrom time to time\b|\bon and off\b|\boff and on\b"
        r"|\bhere and there\b|\bonce or twice\b|\bsometimes\b|\bat times\b|\bevery so often\b"
        r"|\b(?:once|twice|(?:a few|a couple of|couple of|[1-3]|two|three) times) "
        r"(?:a|per|every|each) (?:week|month|year|fortnight)\b|\bevery (?:few |couple of |other )?(?:weeks?|months?)\b"
        r"|\bonly (?:\w+ ){0,2}(?:when|after|if|during|while|at|on|in|with)\b"
        r"|\bwhen(?:ever)? i (?:run|exercise|train|work out|sit|stand|sleep|wake|lie|swim|play|cycle|lift|dance)\w*",
        "occasional",
    ),
    (
        r"\b(?:just|only) (?:the )?once\b|\b(?:happened|had it|felt it|noticed it) once\b|\bfirst time\b"
        r"|\b(?:just |only )?one time\b|\bone[- ]off\b|\bnever (?:happened )?before\b|\ba single time\b"
        r"|\bonly the once\b|\bthe only time\b|\bfirst and only\b|^(?:just |only )?(?:1|one) ?x$"
        r"|\bonly (?:today|tonight|this (?:morning|evening|afternoon)|last night)\b",
        "once",
    ),
)
# "It keeps happening": episodes that come back. Asked how often, that means often; told unasked ("my thumb keeps
# twitching") it says nothing of a twitch a week or one an hour, so the check asks.
KEEPS_HAPPENING = r"\bkeeps? (?:on )?\w+ing\b"
FREQUENCY_WHEN_ASKED: tuple[tuple[str, str], ...] = (
    (r"\bonce\b", "once"),
    (r"\ba lot\b|\blots\b|\bloads\b|\btons\b|" + KEEPS_HAPPENING, "frequent"),
    (r"\bnot (?:a lot|much)\b|\bnot many\b", "occasional"),
)


SOMETIMES = re.compile(r"^(?:sometimes|at times|now and then|on and off|occasionally)\b")


def read_frequency(text: str, asked: bool = False, yes_no_asked: bool = False) -> tuple[str | None, str]:
    """How often it happens, and the text with the frequency phrases blanked out for the other readers.

    An answer to a yes/no question that opens with "sometimes" ("does it feel weak?" "sometimes") is a yes to
    that question, not a frequency."""
    if yes_no_asked and SOMETIMES.match(text):
        return None, text
    value: str | None = None
    spans: list[tuple[int, int]] = []
    for pattern, candidate in FREQUENCY_PATTERNS:
        for match in re.finditer(pattern, text):
            if any(start <= match.start() < end for start, end in spans):
                continue
            spans.append(match.span())
            value = value or candidate
    if value is None and asked:
        picked = option_picked("frequency", text)
        value = str(picked) if picked else first_match(text, FREQUENCY_WHEN_ASKED) or _by_count(text)
    return value, blank(text, spans)


# A count with no period said ("two or three times since sunday", "twice this week", "maybe 20 times"): a few
# times is now and then, many is often.
TIMES_COUNTED = re.compile(
    r"\b(?P<n>" + QUANTITY + r")(?:\s*(?:-|to|or)\s*(?P<m>" + QUANTITY + r"))? ?(?:times|x)\b|\btwice\b"
)
MANY_TIMES = 6


def _by_count(text: str) -> str | None:
    match = TIMES_COUNTED.search(text)
    if not match:
        return None
    count = max(number(match.group(key)) for key in ("n", "m") if match.group(key)) if match.group("n") else 2
    return "once" if count <= 1 else "occasional" if count < MANY_TIMES else "frequent"


DURATION_ORDER = schema.options("episode_duration")  # shortest first
DURATION_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"\bhalf an? hour\b|\bhalf hour\b|\ball (?:day|night|morning|afternoon|evening)\b|\bthe whole (?:day|night)\b"
        r"|\bfor hours\b|\bhours\b|\bmost of the (?:day|night|morning|afternoon|evening)\b",
        "long",
    ),
    (
        r"\b(?:a )?(?:second|sec) or (?:two|2)\b|\bsplit[- ]second\b|\bfraction of a second\b"
        r"|\b(?:a|one|1) (?:second|sec)\b"
        r"|\ba moment\b|\bmoment(?:ary|arily)\b|\ban instant\b|\binstant(?:ly)?\b|\bbrief(?:ly)?\b|\bin a flash\b"
        r"|\bblink of an eye\b|\bflash\b|\bover (?:in|within) (?:a|one) (?:sec|second)\b"
        r"|\b(?:a|in a|like a) blink\b|\bblink (?:and|n|&) (?:it'?s|its) (?:gone|done|over)\b"
        r"|\bgone (?:straight|right) away\b"
        r"|^(?:just |only )?(?:a |one |1 )?(?:second|sec)[.!]?$",
        "brief",
    ),
)
DURATION_WHEN_ASKED: tuple[tuple[str, str], ...] = (
    (r"\bquick\w*|\bshort\b|\bnot long\b|\bfast\b|\bbarely any time\b", "brief"),
    (r"\bseconds\b|\bminutes?\b|\ba bit\b|\ba little while\b", "seconds_to_minutes"),
    (r"\ba while\b|\blong\w*|\bages\b|\bforever\b|\bhours?\b|\bdays?\b", "long"),
)
HISTORY_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"\bweeks\b|\bmonths?\b|\byears?\b|\bages\b|\ba long time\b|\bsince last (?:week|month|year|summer|winter"
        r"|spring|autumn|fall|christmas)\b|\blast (?:month|year|summer|winter|spring|autumn|fall)\b|\bfor a while\b"
        # "since" a month or a season is SINCE_A_MONTH's, read first
        r"|\bforever\b|\bsince i was\b|\bfor (?:a|one|1) week\b"
        r"|\ba week or (?:so|more|two)\b|\bover a week\b|\bmore than a week\b",
        "weeks_or_longer",
    ),
    (
        r"\btoday\b|\byesterday\b|\blast night\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b"
        r"|\bsince (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)\b"
        r"|\bjust (?:started|began|now)\b|\bstarted recently\b|\bfirst time (?:ever|today)\b|\bthe other day\b"
        r"|\bthis week\b|\b(?:last|this) weekend\b",
        "days",
    ),
)
HISTORY_WHEN_ASKED: tuple[tuple[str, str], ...] = (
    (r"\brecent\w*|\bnew\b|\bnot long\b|\bjust\b|\bfirst time\b|\bonce\b|\bfew days\b|\bcouple (?:of )?days\b", "days"),
    (r"\ba while\b|\blong\w*|\bages\b", "weeks_or_longer"),
)
TIME_AMOUNT = re.compile(
    r"\b(?P<n>" + QUANTITY + r")(?:\s*(?:-|to|or|and)\s*(?P<m>" + QUANTITY + r"))?\s*(?P<plus>\+)?\s*"
    r"(?P<unit>sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)\b"
)


# "longer than 10 minutes", "20+ min": at least that long, and maybe much longer.
AT_LEAST = re.compile(r"(?:more than|longer than|over|at least|upwards of|well over)\s*$")


def _time_amounts(text: str) -> list[tuple[float, str, str, bool]]:
    """(the largest number, its unit, the phrase, whether it is only a lower bound) for each amount of time."""
    amounts = []
    for match in TIME_AMOUNT.finditer(text):
        numbers = [number(match.group(key)) for key in ("n", "m") if match.group(key)]
        at_least = bool(match.group("plus") or AT_LEAST.search(text[: match.start()]))
        amounts.append((max(numbers), match.group("unit"), match.group(0), at_least))
    return amounts


# The article's spasms last "a couple of seconds to several minutes"; from a quarter of an hour on, an episode is
# longer than that ("15 to 20 minutes", "way over 15 min").
LONG_EPISODE_MINUTES = 15
AT_LEAST_LONG_MINUTES = 10  # "over 10 minutes" reaches past several minutes
SECONDS_TYPED = re.compile(r"^(?:about |around |maybe )?(\d+) ?s$")  # "30s", asked how long it lasts


def read_episode_duration(text: str, asked: bool = False) -> str | None:
    """How long one episode lasts; with several phrases the longest wins ("a few seconds to a minute")."""
    found = list(all_matches(text, DURATION_WORDS))
    for amount, unit, phrase, at_least in _time_amounts(text):
        if unit.startswith("sec"):
            # "a second or two" is brief; "a couple of seconds" is the article's own lower bound for a spasm.
            found.append("brief" if amount <= 2 and "couple" not in phrase and not at_least else "seconds_to_minutes")
        elif unit.startswith("min"):
            long_from = AT_LEAST_LONG_MINUTES if at_least else LONG_EPISODE_MINUTES
            found.append("seconds_to_minutes" if amount < long_from else "long")
        elif unit.startswith(("hour", "hr", "day")):
            found.append("long")
    if not found and asked and (typed := SECONDS_TYPED.match(text.strip())):
        found.append("brief" if int(typed.group(1)) <= 2 else "seconds_to_minutes")
    if not found and asked:
        picked = option_picked("episode_duration", text)
        found += [str(picked)] if picked else all_matches(text, DURATION_WHEN_ASKED)
    return max(found, key=DURATION_ORDER.index) if found else None


# "Since" and the day or month it started, a few words on ("since exams started monday", "since i joined the club
# in jan"); and less than a week said outright.
_WEEKDAY = (
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|yesterday|last night|this morning|the weekend"
)
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|christmas|easter|last year|(?:the )?(?:summer|winter|spring|autumn)"
)
SINCE_A_DAY = re.compile(rf"\bsince (?:[\w']+ ){{0,5}}(?:on )?(?:{_WEEKDAY})\b|\b(?:less than|under|not even) a week\b")
SINCE_A_MONTH = re.compile(rf"\bsince (?:[\w']+ ){{0,5}}(?:in )?(?:{_MONTH})\b")


def read_history(text: str, asked: bool = False) -> str | None:
    """How long it has been going on. A week or more counts as "weeks or longer": the cautious reading."""
    if SINCE_A_MONTH.search(text):
        return "weeks_or_longer"
    if SINCE_A_DAY.search(text):
        return "days"
    found = list(all_matches(text, HISTORY_WORDS))
    for amount, unit, _, _ in _time_amounts(text):
        if unit.startswith("day"):
            found.append("days" if amount < PERSISTENT_MIN_DAYS else "weeks_or_longer")
        elif unit.startswith(("week", "month", "year")):
            found.append("weeks_or_longer")
    if not found and asked:
        picked = option_picked("history", text)
        found += [str(picked)] if picked else all_matches(text, HISTORY_WHEN_ASKED)
    if not found:
        return None
    return "weeks_or_longer" if "weeks_or_longer" in found else "days"
