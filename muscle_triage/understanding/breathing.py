"""What a message says about breathing: trouble, fine, or nothing.

The article's one sign that needs help at once is difficulty breathing, so this reader is built around ideas,
not phrases. A clause reports trouble when it names breathing (breath, lungs, air, a full breath, 🫁) together
with any sign that it is hard (can't, struggling, only tiny sips, tight, short, gasping for), or when it names a
sign that is trouble on its own (gasping, choking, wheezing, suffocating, blue lips, throat closing up). Whose
breathing does not matter: "my son can't breathe" is an emergency too. A clause says breathing is fine when it
names breathing as fine, normal or no problem, or negates the trouble ("no trouble breathing", "not wheezing").
Where one clause says trouble and another fine, trouble wins. A sentence that only asks about breathing trouble,
or imagines it ("can a spasm make it hard to breathe?", "if my kid ever couldn't breathe..."), reports none,
unless it is said of now ("...and I can't breathe right now").

Pure Python (no Rasa). The text is normalised and spelling-corrected before it gets here (spelling.py).
"""

import re

from muscle_triage.understanding.wording import negated

# The ideas, as word patterns. Each is matched whole-word.
BREATH = r"breath\w*|breathe\w*|breathin|lungs?|air|airways?|inhal\w*|exhal\w*|oxygen|respirat\w*|windpipe|🫁"
# Hard to do, short, small, stuck: said with a breathing word, this is trouble.
HARD = (
    r"can'?t|cannot|can not|couldn'?t|could not|unable|not able|won'?t|wont|struggl\w*|hard\w*|difficult\w*|"
    # "only" before what little gets in ("only tiny sips"), not the emphasis that ends "breathing is normal only"
    r"difficulty|trouble\w*|problems?|issues?|short\w*|shallow|tiny|little|small|sips?|barely|hardly|only(?=\s+\w)|"
    r"not enough|tight\w*|heavy|labou?red|fight\w*|gulp\w*|stuck|restrict\w*|squeez\w*|crush\w*|"
    r"pressure|catch\w*|less|weird|funny|strange|wrong|stopp\w*|stops?|blocked|scary|panic\w*|"
    r"gasp\w*|rasp\w*|wheez\w*|half|need\w* more|not getting|(?:not|won'?t|doesn'?t|don'?t) go(?:ing)? in|"
    r"whistl\w*|rattl\w*|nois\w*|fast|rapid|quick|[1-9]\d? ?%|straw|effort\w*|increas\w*|dropp\w*|falling|low|"
    r"suck\w*|trying"
)
# Trouble on its own, with or without a breathing word.
ALONE = (
    r"gasp\w*|chok\w*|chock\w*|wheez\w*|suffocat\w*|smother\w*|breathless\w*|out of breath|short of breath|"
    r"shortness of breath|no air|no breath|hyperventilat\w*|blue lips|"
    r"lips? (?:\w+ ){0,3}(?:blue|bluish|blueish|purple|purplish|grey|gray|greyish|grayish)|"
    r"(?:turn|turns|turning|turned|going|gone|went) (?:a bit |kind of |slightly )?(?:blue|bluish|blueish)|"
    r"(?:throat|chest|airway) (?:is |feels |feel |keeps )?(?:closing|closed|shutting|locking) ?(?:up)?|"
    r"air hunger|air hungry|🫁❌|❌🫁"
)
# Said fine, with a breathing word.
FINE = (
    r"fine|ok|okay|k|normal\w*|good|alright|all right|great|easy|easily|grand|clear|perfect\w*|unaffected|"
    r"no problems?|no trouble|no issues?|not a problem|all good|gd|np|sound|regular|steady|as usual|100 ?%|"
    r"can breathe|able to breathe|unlabou?red|non-?labou?red|👍|✅|👌"
)
# Fullness and ease: "a full breath", "breathe properly". Negated, each is trouble ("can't get a full breath", "air
# won't go in fully", "breathing isn't normal").
FULL = r"full\w*|all the way|properly|proper|deep\w*|right|normal\w*|fine|ok|okay|good|alright|easy|easily|enough"
# Said right after a breathing clause, these need no breathing word of their own ("I breathe and breathe but it's
# not enough").
FOLLOW_ON = r"not enough|never enough|won'?t go in|not going in|can'?t get it in|barely|hardly|no good"
# Words that undo a sign of trouble before it: "no trouble", "not short of breath", "never wheezing".
_NEGATION_OF_TROUBLE = re.compile(
    r"\b(?:no|not|never|without|nothing|none|don'?t have|do not have|haven'?t (?:got|had|been)|isn'?t|aren'?t|"
    r"wasn'?t|nor|zero|denies|denied|negative for)\b[^.,;!?]{0,25}$"
)
CLAUSES = re.compile(r"[.;!?\n]+|,|\bbut\b|\bthough\b|\balthough\b|\band\b|\bso\b|\bbecause\b|\bcos\b|\bplus\b")


# What a phone's autocorrect makes of "breath" in the phrases people use for it: "short of bread", "catch my bread".
_AUTOCORRECTED_BREATH = re.compile(
    r"\b((?:catch\w*|get|getting|take|taking|lost|losing|short of|out of|hold\w*)\s+(?:my |his |her |their |your |a )?)"
    r"bread\b"
)


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{pattern})(?:'s)?(?![\w'])")


_BREATH = _words(BREATH)
_HARD = _words(HARD)
_ALONE = _words(ALONE)
_FINE = _words(FINE)
_FULL = _words(FULL)
_FOLLOW_ON = _words(FOLLOW_ON)
# A negation at most two words before: "not fine", "can't get a full breath" (not "nah, not really, breathing is fine").
_UNDONE = re.compile(
    r"\b(?:not|can'?t|cannot|couldn'?t|won'?t|wont|never|isn'?t|aren'?t|wasn'?t|doesn'?t|don'?t)(?:\s+\S+){0,2}\s*$"
)
# Words that name a trouble cue and are a negation themselves: "can't breathe" is trouble, not trouble negated.
_SELF_NEGATING = re.compile(
    r"^(?:can'?t|cannot|can not|couldn'?t|could not|unable|not able|won'?t|wont|not enough|not getting"
    r"|not going in|won'?t go in)$"
)
# "breathing exercises" and "deep breathing" are prevention steps, not the person's breathing.
_NOT_ABOUT_THE_PERSON = re.compile(
    r"\b(?:deep[- ]breathing|breathing (?:exercises?|techniques?))\b|\bin the air\b|\bair ?con\w*\b"
)


def _negated(clause: str, start: int) -> bool:
    return bool(_NEGATION_OF_TROUBLE.search(clause[:start])) or negated(clause, start)


def _clause_reading(clause: str, after_breathing: bool = False) -> bool | None:
    """True for trouble, False for fine, None for nothing about breathing. `after_breathing`: the clause before
    this one named breathing."""
    clause = _NOT_ABOUT_THE_PERSON.sub(" ", clause)
    trouble = fine = False
    if after_breathing and not _BREATH.search(clause) and _FOLLOW_ON.search(clause):
        return True
    for match in _ALONE.finditer(clause):
        if _negated(clause, match.start()):
            fine = True
        else:
            trouble = True
    if _BREATH.search(clause):
        for match in _HARD.finditer(clause):
            if _SELF_NEGATING.match(match.group(0)):
                # "can't breathe" is trouble; "i can't say my breathing is bad" is too rare to weigh.
                trouble = trouble or not _negated(clause, match.start())
            elif _negated(clause, match.start()):
                fine = True
            else:
                trouble = True
        for match in _FULL.finditer(clause):
            if _UNDONE.search(clause[: match.start()]):
                trouble = True
        if _FINE.search(clause):
            fine = True
    if trouble:
        return True
    return False if fine else None


# A sentence that asks about breathing trouble in general, or imagines it, reports none: "can a spasm make it hard
# to breathe?", "if my kid ever couldn't breathe, what should I do?". Said of now, it is a report all the same.
_SENTENCE = re.compile(r"[^.;!?\n]+[.;!?\n]*")
_QUESTION_START = re.compile(
    r"^\s*(?:is|are|can|could|does|do|did|will|would|should|might|may|what|what'?s|how|why|when|which|who|any)\b(?!')"
)
_GENERAL = re.compile(
    r"^\s*(?:if|when|whenever|say|suppose)\b|\bever\b|\bwhat if\b"
    r"|\b(?:if|when|whenever)\s+(?:a|an|any|someone|somebody|people|you|u|one|spasms?|cramps?|twitch\w*)\b"
    r"|\b(?:can|could|does|do|will|would|might|may)\b(?!')[^.?!]*\b(?:make|makes|making|cause|causes|causing|stop|stops"
    r"|affect|affects|interfere\w*|lead|leads|give|gives|trigger\w*|mess\w*|mean|means|restrict\w*|block\w*)\b"
    r"|\bwhat (?:does it mean|happens|should (?:i|you|one|we|someone) do|do (?:i|you) do)\b.*\b(?:if|when)\b"
    r"|\bwonder\w*|\basking for\b|\bcurious\b|\b(?:reading|read|heard|saw|seen) (?:that|about|somewhere|online)\b"
    r"|\bschool project\b|\bhypothetic\w*|\bin case\b|\bbe prepared\b|\bmyth\b|\bin general\b|\bgenerally\b"
    r"|\bis it (?:normal|possible|common|true|bad|serious|dangerous)\b|\bis that (?:true|a thing|normal)\b"
)
# Said of nobody in particular: general unless someone here is named too ("should I call someone?").
_ANYBODY = re.compile(r"\b(?:someone|somebody|people|a person|anyone|anybody)\b")
_SOMEONE_HERE = re.compile(
    r"\b(?:i|i'm|im|i've|my|me|we|we're|our|us|he|he's|hes|she|she's|shes|they|they're|his|her|their|son|daughter"
    r"|kid|child|baby|mum|mom|dad|mother|father|wife|husband|partner|friend|grandma|grandad|grandpa|client)\b"
)
_NOW = re.compile(
    r"\b(?:right now|now|at the moment|currently|atm|tonight|this morning|today|just now|still|since|keeps?"
    r"|started|for the (?:last|past)|anymore|minutes? ago|hours? ago|has had|have had|has been|have been)\b"
    r"|\bfor (?:about |around |over |nearly |almost )?(?:a|an|\d+|a few|few|several|\w+) (?:minutes?|hours?|seconds?)\b"
    r"|\b(?:i'm|i am|she's|she is|he's|he is|they're|they are|we're|we are|it's|it is) (?!being\b)\w+ing\b"
)


def _sentence_reading(sentence: str) -> tuple[bool | None, bool, str]:
    """(what the sentence says about breathing, whether it only asks or imagines, the sentence)."""
    clauses = CLAUSES.split(sentence)
    clause_readings = [
        _clause_reading(clause, after_breathing=index > 0 and bool(_BREATH.search(clauses[index - 1])))
        for index, clause in enumerate(clauses)
    ]
    reading = True if True in clause_readings else (False if False in clause_readings else None)
    if _NOW.search(sentence):
        return reading, False, sentence
    asks = bool(_QUESTION_START.search(sentence)) or sentence.rstrip().endswith("?")
    general = bool(_GENERAL.search(sentence)) or (
        (asks or bool(_ANYBODY.search(sentence))) and not _SOMEONE_HERE.search(sentence)
    )
    return reading, general, sentence


def _readings(text: str) -> list[tuple[bool | None, bool, str]]:
    text = _AUTOCORRECTED_BREATH.sub(r"\1breath", text or "")
    return [_sentence_reading(match.group(0)) for match in _SENTENCE.finditer(text)]


def _reported(readings: list[tuple[bool | None, bool, str]]) -> bool | None:
    reported = [reading for reading, general, _ in readings if not general]
    if True in reported:
        return True
    return False if False in reported else None


def read(text: str) -> bool | None:
    """True when the message reports trouble breathing (anyone's), False when it says breathing is fine, else
    None. Trouble in any sentence wins over fine in another ("breathing's fine, well no, I can't get air"); a
    sentence that only asks about breathing trouble, or imagines it, reports nothing."""
    return _reported(_readings(text))


def asked_about(text: str) -> bool:
    """True when the message asks about breathing (or imagines trouble with it) and reports no trouble."""
    readings = _readings(text)
    asks = any(
        general and (reading is not None or mentions_breathing(sentence)) for reading, general, sentence in readings
    )
    return asks and _reported(readings) is not True


def mentions_breathing(text: str) -> bool:
    """True when the text names breathing or a sign of trouble with it at all."""
    text = _NOT_ABOUT_THE_PERSON.sub(" ", _AUTOCORRECTED_BREATH.sub(r"\1breath", text or ""))
    return bool(_BREATH.search(text) or _ALONE.search(text))
