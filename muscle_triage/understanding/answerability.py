"""Whether the article can answer what a question asks, checked before any article answer is given: a wrong
answer is worse than "the article doesn't cover that".

Pure Python (no Rasa). Each kind of gap is a question the article never takes up: the fixed kinds in topic_gaps.py
(amounts, which clinician, treatments, conditions it does not discuss, ...); medicines, supplements and remedies the
article never names (any word the article's restatement and the vocabulary do not know, asked about as something to
take or try, and any medicine by name in a question: medicine_names.py); causes, terms and tests it never names. A
sentence that asks by pointing back ("could that be it?") is read with the sentence before it, which names what it
asks about.
"""

import re
from functools import lru_cache

from muscle_triage.knowledge import vocabulary
from muscle_triage.understanding import medicine_names, spelling
from muscle_triage.understanding.question_reading import NAMED_CAUSES, PREVENTION_STEPS, QUESTION_SHAPE
from muscle_triage.understanding.topic_gaps import GAPS, OTHER_CONDITIONS
from muscle_triage.understanding.wording import Said

_SYMPTOM = r"(?:cramp|spasm|twitch|tic|charley horse)\w*"
# Asked about as a way to treat: something to take or try for the symptom, or a remedy's worth.
REMEDY_ASK = re.compile(
    rf"\b(?:take|taking|try|use|using|drink|drinking|rub|apply|applying)\b(?:\s+[\w']+){{0,4}}\s+(?:for|to stop"
    rf"|to ease|to help with|against|when) (?:[\w']+ ){{0,4}}{_SYMPTOM}"
    r"|\b(?:worth (?:it|trying|taking)|legit|actually work\w*|any good|good idea|advisable|swear\w* by|swore by"
    r"|(?:sensible|good|safe|viable|reasonable|better) (?:option|choice|treatment)"
    r"|(?:a )?real thing|wind ?up"
    # asked what is prescribed, not told "he was recently prescribed a diuretic"
    r"|recommend\w*|prescrib(?:e|es|ing)|(?<!was )(?<!were )(?<!been )(?<!got )(?<!recently )(?<!just )prescribed)\b"
    # not the bot asked for something: "can you give me an example?"
    r"|(?<!measures )(?<!steps )(?<!precautions )\b(?:can|could|should|may)"
    r" (?:i|he|she|we|they|you|kids|children|people) (?:\w+ )?(?:take|try|use|have|drink"
    r"|give(?! (?:me|us)\b))\b"
    r"|\b(?:can|could|does|do|would|will|might) (?!(?:you|u|i|we|me|it)\b)(?:[\w']+ ){1,3}help\b"
    # what a thing it names does to people: "will it make me drowsy?"
    r"|\b(?:does|do|will|would|can|could) (?:it|that|this|they|those|these) make (?:me|you|people|him|her|them)\b"
    r"|\b(?:ok|okay|safe|good|fine|alright|all right) (?:for|to (?:take|use|give|try)|with)\b"
    r"|\b(?:better|best) (?:than (?:[\w']+ ){1,3})?(?:for|to (?:take|use|drink|try))\b"  # "is X better than water for"
    r"|\b(?:is|are) (?:it|they|that|this|those) (?:\w+ )?safe\b"
    r"|\bdo(?:es)? (?:it|they|those|these|that|this) (?:really |actually |even )?work\b"
    # "magnesium for cramps?", but not "is it normal for a spasm ..." or "my mate's on statins and cramps"
    rf"|^(?!(?:is|are|was|were|does|do|can|could|would|should|will|it|this|that|my|his|her|their|our)\b)"
    rf"(?:[\w']+ ){{1,3}}(?:for|against) (?:an? |the |my )?(?:[\w']+ ){{0,2}}{_SYMPTOM}"
)
# Something sold to take or put on, which the article never recommends: asked which one, whether there is one, or
# whether it works ("what cream can I rub on a cramp?", "is there a tablet that stops twitching?", "is magnesium
# spray any good?"). The article names medicines only as a cause (ABOUT_A_CAUSE).
_MEDICINE = r"(?:medicines?|medications?|meds|tablets?|pills?|drugs?)"
_PRODUCT = (
    rf"(?:{_MEDICINE}|capsules?|painkillers?|creams?|gels?|sprays?|ointments?"
    r"|lotions?|rubs?|balms?|patch(?:es)?|supplements?|injections?|shots?|jabs?|relaxants?|relaxers?|powders?|sachets?"
    r"|gummies|remed(?:y|ies)|cures?)"
)
NAMES_A_PRODUCT = re.compile(rf"\b{_PRODUCT}\b")  # what a later "are those safe?" asks about
# Whether something works, asked of a product or medicine named in the message: "botox injections for her spasms,
# would that work for me?", "the tablets he takes, is that something that would work?"
WORKS_ASK = re.compile(
    r"\b(?:would|will|does|do|did|could|might) (?:that|it|this|they|those|these) (?:\w+ )?work\b"
    r"|\b(?:that|it|this|they) (?:would|will|might|could) (?:\w+ )?work\b"
)
MEDICINE_ASK = re.compile(
    # which ones, but not which ones the last answer meant ("which tablets are those?": the article's)
    rf"\b(?:which|what) (?:\w+ )?{_PRODUCT}\b(?! (?:are|were|is|was) (?:those|these|they|them|that)\b)"
    rf"|\b(?:is|are) there (?:an? |any )?(?:\w+ )?{_PRODUCT}\b"
    rf"|\b{_PRODUCT} (?:any good|worth|actually|really|work|help|ok|okay|safe)\b"
    rf"|\b(?:do|does|did|will|would|can) (?:\w+ ){{0,2}}{_PRODUCT} (?:\w+ )?(?:work|help|stop)\b"
    r"|\btak\w* (?:\w+ )?(?:magnesium|potassium|calcium|electrolytes?|salt)\b"
    rf"|^(?:any|some) {_PRODUCT}\b|\b(?:best|good|any) (?:\w+ )?{_PRODUCT}\b|\bbest thing to (?:take|use|put on)\b"
    r"|\bwhat (?:can|could|should|do) (?:i|you|we|he|she) (?:put|rub|apply|use) on\b"
    # whether one is safe, or would sort the spasm out: "botox injection for my neck spasm, is it safe or not?"
    rf"|\b{_PRODUCT}\b.*\b(?:safe|sort\w* (?:\w+ ){{0,3}}?out|fix|cure|get rid|stop)\b"
)
# Which kind of a thing to buy or wear ("wot kind of shoes shud i get so me feet dont cramp"): the article names none.
KIND_TO_BUY = re.compile(
    r"\b(?:what|which) (?:kind|type|sort|brand|make)s? of (?P<thing>[\w']+)\b(?=.*\b(?:get|buy|wear|order)\b)"
)
# Asking whether a term the article never uses is one of its things ("is DOMS the same thing as a cramp?").
TERM_ASK = re.compile(
    r"\bis (?P<term>(?:[\w']+ ){1,3})(?:the same (?:thing )?as|a (?:kind|type|form|sort) of"
    r"|an? (?:real|actual|proper) (?:thing|diagnosis|condition)|real(?:\?|$))"
    # the term, then the asking: "benign fasciculation syndrome, real diagnosis or just a reddit thing"
    r"|^(?P<named>(?:[\w']+ ){0,3}[\w']+),? (?:an? )?(?:real|actual|proper) (?:thing|diagnosis|condition)\b"
    r"|\b(?:could|can|might|would) (?:it|this|that|they|these|mine|(?:my|his|her|their|the) (?:[\w']+ ){1,5}?)"
    r"(?:just |actually |really )?be (?:an? |the )?\w"
)
# One of its kinds or something else, asked which: "how do I tell if it's a cramp or a DVT?" (not "a baby cramp or a
# different thing altogether").
EITHER_OR = re.compile(rf"\b{_SYMPTOM} or (?:an? |the )?(?P<other>(?:[\w']+ ){{0,2}}[\w']+)\s*(?:\?|$)")
# A test the article does not name, asked about ("would I need a lumbar puncture to check for ALS?"): it names
# bloodwork, imaging and EMG.
UNNAMED_TESTS = "tests other than the ones it names (bloodwork, imaging and EMG)"
TEST_ASK = re.compile(
    r"\b(?:need|have|get|do|order|book)\w* (?:an? |the |some )?(?P<test>(?:[\w']+ ){1,2}?)"
    r"(?:to (?:check|test|rule out|look) for|tests?|testing)\b"
)
# Which medicines, after an answer about what brings them on: the ones that do ("which meds tho"), not what to take.
WHICH_MEDICINES = re.compile(
    rf"\b(?:which|what) (?:\w+ )?{_MEDICINE}\b(?!.*\b(?:take|taking|use|using|try|help|stop|work|safe)\b)"
)
# A medicine as a cause is the article's ("medication side effects"): a question about what it does is no gap.
ABOUT_A_CAUSE = re.compile(
    r"\bcaus\w*|\bmess\w* with\b|\bside effects?\b|\btrigger\w*|\bconnect\w*|\blink\w*|\bbecause\b|\bcontribut\w*"
    r"|\bresponsible\b|\breason\b|\bwhy\b|\bdoing it\b|\bbehind it\b|\bto blame\b|\bfrom\b"
    r"|\b(?:can|could) (?:\w+ ){1,3}do (?:that|this)\b"  # "can tablets actually do that?"
    r"|\b(?:make|makes|made|give|gives|gave) (?:(?!for\b)\w+ ){0,2}(?:cramp|spasm|twitch)"
)
REMEDIES = "medicines, supplements or remedies the article doesn't name"
# Whether something the article never names brings them on ("is it lactic acid build-up that causes cramps?", "can
# quinine give you cramps?"): the subject asked about, to be checked for a word the article does not use.
# Whom or what it brings on: "give u cramps", "make a toddler twitch", "bring cramps on".
_THEM = (
    r"(?: (?:you|u|me|people|him|her|them|it|my|your|his|muscles?"
    rf"|(?:(?:a|an|the|my|your|his|her) )?(?:(?!of\b)[\w']+ )?\w*{_SYMPTOM}))"
)
CAUSE_ASK = re.compile(
    rf"\bis it (?P<thing>(?:[\w'-]+ ){{1,5}}?)(?:that |which )?(?:causes?|gives?|brings? on|triggers?|makes?){_THEM}"
    rf"|\b(?:can|could|does|do|would|might|will) (?P<subject>(?:[\w'-]+ ){{1,9}}?)"
    rf"(?:cause|give|bring on|trigger|make|bring){_THEM}"
    # "could a growth spurt be what's giving him the cramps?"
    rf"|\b(?:can|could|might|would) (?P<being>(?:[\w'-]+ ){{1,5}}?)be (?:what(?:'s| is) )?"
    rf"(?:causing|giving|bringing on|triggering|making){_THEM}"
    # asked in the order of a statement: "the beer can give me cramps?"
    rf"|(?P<stated>(?:[\w'-]+ ){{1,4}}?)(?:can|could|may|might|will) (?:cause|give|bring on|trigger|make)"
    rf"{_THEM}[^.!;]*\?"
    # "is a cramp caused by ATP depletion?"
    rf"|\b(?:is|are|was|were|can|could) (?:an? |the |my |these |those )?(?:[\w']+ )?\w*{_SYMPTOM}\w* (?:be )?"
    rf"(?:caused|brought on|triggered|made worse) by (?!(?:something|anything|what|which|that|this|it)\b)"
    rf"(?P<agent>(?:[\w'-]+ ?){{1,6}})"
)
# A remedy sworn by, or said to help, named in the same clause: "swore by tonic water ... because of the quinine in
# it", "tonic water with quinine help for night cramp".
VOUCHED_FOR = re.compile(
    rf"\bsw(?:ear|ears|ore|orn) by (?P<sworn>[^.?!,;]*)|(?P<helping>[^.?!,;]*)\bhelps? (?:for|with|against) "
    rf"(?:[\w']+ ){{0,2}}{_SYMPTOM}"
    # said to stop them: "someone said tonic water stops night cramps, does it?"
    rf"|\bsaid (?:that )?(?P<stopping>[^.?!,;]*)\b(?:stops|cures|prevents|gets rid of) (?:[\w']+ ){{0,2}}{_SYMPTOM}"
)
# Rarer than this, and no word of the article's or the vocabulary's, a word names something in particular: "quinine",
# "lactic", "Tourette's", but not "calming" or "silly". A prefix on a known word names nothing new ("overtraining").
RARE_COUNT = 1_000_000
_ADVERB = re.compile(r"\w{3,}ly")
_SUFFIX = re.compile(r"(?<=\w{3})(?:ing|ed|s)$")
_PREFIX = re.compile(r"^(?:over|under|re|pre|post|non|un|de|hyper|hypo|mis|out|anti)(?=\w{4})")
UNNAMED_CAUSES = "causes other than the ones it lists"
# The asking's own words name no remedy ("is it legit?").
ASKING_WORDS = frozenset(
    {"charley", "horse", "legit", "worth", "swear", "swears", "swore", "recommend", "prescribe", "remedy", "remedies"}
)
# The term asked about itself names something when any of its words is rarer than this and none of the article's
# ("benign fasciculation syndrome": "syndrome").
TERM_EVERYDAY = 20_000_000
# Words common enough that they name nothing in particular (symspellpy's counts; "the" is 23 billion).
EVERYDAY_COUNT = 10_000_000
# Beside a step the article names, a word must be rarer than this to name another remedy: "tonic", "pickle",
# "collagen", but not "gentle" ("would some gentle stretching help?").
BESIDE_A_STEP = 5_000_000
# Asked about as a cause, a thing need not be rare to be one the article never lists: "the cold", "teething", "gaming"
# (but not "having", "people", "much").
CAUSE_EVERYDAY = 50_000_000
WORD = re.compile(r"(?<!')\b[a-z]+\b(?!'(?!s\b))")  # whole words: "doesn't" names nothing new, "Tourette's" does
# A reason given for asking starts a sentence of its own: "can i take ibuprofen for a cramp | because my leg is killing
# me" (but "because of the statins" names a cause).
# A "?" stays on its sentence: it makes any word order a question ("ibuprofen is ok or paracetamol is better?").
SENTENCE_BREAK = re.compile(
    r"[.!;]+\s*|(?<=\?)\s*|,\s+(?=(?:does|do|is|are|can|could|would|will|should|what|how)\b)|\s+because\s+(?!of\b)"
)


@lru_cache(maxsize=1)
def _naming_nothing_new() -> frozenset[str]:
    """The article's and the vocabulary's words, the asking's own, and chat words ("nah", "lol")."""
    return spelling.project_words() | ASKING_WORDS | spelling.PROTECTED_WORDS


def _unknown(word: str, below: int) -> bool:
    """No word of the article's, the vocabulary's or the asking's, and rarer in English than `below`."""
    return word not in _naming_nothing_new() and spelling.english_counts().get(word, 0) < below


def _names_something_new(said: str, everyday: int = EVERYDAY_COUNT) -> bool:
    """A word the article and the vocabulary never use, and not an everyday one, nor a form of one ("calming",
    "hears"); an adverb names nothing ("honestly")."""
    return any(
        len(word) >= 3
        and not _ADVERB.fullmatch(word)
        and _unknown(word, everyday)
        and all(_unknown(stem, everyday) for stem in _stems(word))
        for word in WORD.findall(said)
    )


def _stems(word: str) -> tuple[str, ...]:
    """The word without an everyday ending or a prefix, as it may have been written ("calming": "calm", "calme";
    "overtraining": "training")."""
    forms = {_PREFIX.sub("", word)}
    stem = _SUFFIX.sub("", word)
    if stem != word:
        forms |= {stem, stem + "e"}
    return tuple(forms - {word})


def _names_something_rare(text: str) -> bool:
    return any(
        len(word) >= 4 and _unknown(word, RARE_COUNT) and _unknown(_PREFIX.sub("", word), RARE_COUNT)
        for word in WORD.findall(text)
    )


def _names_an_unnamed_medicine(text: str) -> bool:
    """A medicine by name that the article does not name (it names statins and diuretics, as causes)."""
    return any(medicine_names.is_medicine(word) and word not in spelling.project_words() for word in WORD.findall(text))


_POSTURE = [(pattern, name) for pattern, name in vocabulary.item_patterns() if name == vocabulary.POSTURE]


def _asks_about_an_unnamed_cause(asking: Said) -> bool:
    """Whether what it asks brings them on is something rare that is no cause the article names."""
    found = CAUSE_ASK.search(asking)
    if not found:
        return False
    subject = Said(
        found.group("thing")
        or found.group("subject")
        or found.group("being")
        or found.group("agent")
        or found.group("stated")
        or ""
    )
    # the article's own causes, and poor posture, which its advice names ("does sitting slumped all day make them
    # worse")
    return _names_something_new(subject, CAUSE_EVERYDAY) and not any(
        re.search(pattern, subject) for pattern, _ in (*NAMED_CAUSES, *_POSTURE)
    )


def _vouches_for_something_rare(asking: Said) -> bool:
    return any(
        _names_something_rare(m.group("sworn") or m.group("helping") or "")
        or _names_something_new(m.group("stopping") or "", BESIDE_A_STEP)
        for m in VOUCHED_FOR.finditer(asking)
    )


# A pronoun for what another sentence named (follow_ups.POINTS_BACK is a whole follow-up pointing at the last answer).
_PRONOUN = re.compile(r"\b(?:it|that|this|those|these|they|them)\b")


# Asking with its subject in the sentence before: "aquarius, the sport drink, | is better than water for no cramp?"
_NO_SUBJECT = re.compile(
    r"^(?:is|are)\s+(?:(?:really|actually|even) )?(?:better|best|good|ok|okay|safe|fine|worth|any good|bad|effective"
    r"|helpful|useful)\b"
)


def _sentences(said: Said) -> list[tuple[Said, Said]]:
    """Each sentence, with what it is about: the sentence itself, and the one before it too when it asks by pointing
    back ("I take propranolol before concerts. Could that be contributing to my twitches?", "... because of the
    quinine, is that true?") or with no subject of its own."""
    found, before = [], ""
    for sentence in SENTENCE_BREAK.split(said):
        asking = Said(sentence)
        leans_back = _PRONOUN.search(asking) or _NO_SUBJECT.search(asking)
        found.append((asking, Said(f"{before} {asking}") if before and leans_back else asking))
        before = sentence
    return found


def uncovered(said: Said, after_a_cause: bool = False) -> str | None:
    """What the question asks that the article does not cover, in a few words for the reply, or None.

    `after_a_cause`: the question follows up an answer about what brings them on, so the medicines it asks the names
    of are the ones that bring them on, which the article names ("can medicines cause spasms?", then "which meds
    tho")."""
    sentences = _sentences(said)
    # A gap is one the asking names: a story told around it ("I'm seven months pregnant ... Could you explain what a
    # spasm is?") says nothing of what the question is about.
    asked = [named for asking, named in sentences if QUESTION_SHAPE.search(asking)] or [said]
    for gap, pattern in GAPS:
        if any(pattern.search(text) for text in asked):
            return gap
    # Judged within the sentence that asks: a story around it ("... made me laugh because ...") says nothing of
    # what the question is about.
    for asking, named in sentences:
        if _names_an_unnamed_medicine(named) and QUESTION_SHAPE.search(asking):
            # "is baclofen first line for spasticity?", "could it have been the levodopa that made him twitch?"
            return UNNAMED_CAUSES if ABOUT_A_CAUSE.search(asking) else REMEDIES
        if _asks_about_an_unnamed_cause(asking):
            return UNNAMED_CAUSES
        if _vouches_for_something_rare(asking):
            return REMEDIES  # even sworn by "because of the quinine in it"
        if WORKS_ASK.search(asking) and (NAMES_A_PRODUCT.search(said) or _names_an_unnamed_medicine(said)):
            return REMEDIES
        if ABOUT_A_CAUSE.search(asking) or after_a_cause and WHICH_MEDICINES.search(asking):
            continue
        # What it asks about may be named in the sentence before ("... offered injections. do they work?").
        if MEDICINE_ASK.search(asking) or (
            # whether one of the article's own steps helps ("does stretching help?") is the article's to answer, unless
            # the asking names something new beside it ("is tonic water with quinine safe?")
            REMEDY_ASK.search(asking)
            and (_names_something_new(said) or NAMES_A_PRODUCT.search(said))
            and not (
                PREVENTION_STEPS.search(asking)
                # beside a step, what is new must be in the asking, or be its subject left in the sentence before
                and not _names_something_new(named if _NO_SUBJECT.search(asking) else asking, BESIDE_A_STEP)
            )
        ):
            return REMEDIES
        if (bought := KIND_TO_BUY.search(asking)) and bought.group("thing") not in spelling.project_words():
            return REMEDIES
        term = TERM_ASK.search(asking)
        if term and (
            _names_something_new(asking)
            or _names_something_new(term.group("term") or term.group("named") or "", TERM_EVERYDAY)
        ):
            return OTHER_CONDITIONS
        if (test := TEST_ASK.search(asking)) and _names_something_new(test.group("test")):
            return UNNAMED_TESTS
        if (either := EITHER_OR.search(asking)) and _names_something_new(either.group("other"), RARE_COUNT):
            return OTHER_CONDITIONS
    return None
