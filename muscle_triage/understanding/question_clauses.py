"""The questions a message asks, one clause each, so that the classifier can read each on its own: "what causes
cramps how do i stop em" is two questions, "how would they find out what is causing it" one.

Pure Python (no Rasa). Only the clauses shaped as questions count, and only when there are two or more: a story
around a question ("my son plays cricket all day, is it the heat?") is one question.
"""

import re

from muscle_triage.understanding import spelling

# Where a sentence ends; "?" is kept apart, as it makes what comes before a question in any word order.
_SENTENCE = re.compile(r"(?<=[?!.;])\s+|(?<=\?)(?=\w)")
_AUX = r"(?:is|are|was|were|am|can|could|does|do|did|should|would|will|may|might|must|has|have|shall|ought)"
_WH = r"(?:what|whats|what's|how|why|when|which|where|who)"
# "..., like what brings them on", "and while I'm at it, what on earth is a fasciculation"
# "honestly how bad ...", "secondly, is it ...", "separately: what's ...": any word in -ly leads too.
_LEAD = (
    r"(?:(?:and|so|plus|also|or|but|then|n|&|\+|ok|okay|right|like|oh|btw|by the way|while i'?m at it|anyway"
    r"|(?!only)[a-z]+ly)[,:]?\s+)*"
)
_SUBJECT = r"(?:it|he|she|they|you|u|i|we|anyone|anybody|someone|this|that|there)"
# A question's opening: a verb first ("is it serious"), a question word and a verb ("what causes cramps", "how do
# I"), or, as non-native speakers often put it, a question word, a pronoun and a modal ("when I should go").
_OPENING = (
    # a verb first, but not an account with its "I" left out: "was on leg day thursday", "have been getting cramps"
    rf"{_AUX}n?'?t?\b(?! (?:on|in|at|to|with|from|off|been|just|always|never|having|getting|feeling)\b)"
    rf"(?<!has)(?<!have)(?<!had)|(?:has|have|had)n?'?t? {_SUBJECT}\b"  # "has spasms quite often": an account
    rf"|{_WH} (?:{_AUX}|\w+(?:s|ed)|(?:kind|sort|type)s? of|on earth|exactly|actually|else|tests?|muscles?|parts?"
    rf"|signs?|part|long|often|soon|come)\b"
    # a condition, then the question: "if it carries on for weeks, is that bad", "if so does that mean ..."
    rf"|if (?:[\w']+ ){{1,12}}?{_AUX} (?:that|it|this|they|he|she|i|you|we)\b"
    rf"|{_WH} (?:i|you|u|we|he|she|they|it|one) (?:\w+ )?(?:should|can|could|must|will|would|need|have to)\b"
    # "whats the diff", "what'll they do": a question word and a verb
    rf"|(?:what|how|why|when|where|who)(?:'?s|'ll|'d|'re|'ve)\b"
    rf"|{_WH}\??$"
)
# Where a clause begins (after a sentence's end or a joining word), "what", "why" and "how" open a question
# whatever follows ("how bad does ...", "in what way ...", "which one ..."); inside a clause they as often
# start a relative clause ("it went on for what felt like an age"), so a run-on needs the opening above.
_PREPOSITIONS = ("in", "at", "for", "from", "on", "to", "of", "by", "with")
_PREPOSITION = rf"(?:{'|'.join(_PREPOSITIONS)})"
QUESTION_START = re.compile(
    rf"^{_LEAD}(?:{_OPENING}|(?:{_PREPOSITION} )?(?:(?:what(?! with\b)|why|how) \w"
    rf"|which (?:one|ones|kind|type|sort|part)\b))"
)
_RUN_ON_START = re.compile(rf"^{_LEAD}(?:{_OPENING})")
# A second question starts at a joining word or a comma before a question's opening ("..., and at what point ...").
# After a bare comma, "who" and "which" and a verb start a relative clause ("my neighbour, who has Parkinson's, ...",
# "..., which I'd never heard"), not a question ("..., who actually wrote it?", "..., which kind would it be?").
_RELATIVE = r"(?:who|which) (?:is|was|has|had|are|were|i|i'd|i've)\b(?! (?:it|this|that|he|she|they)\b)"
_JOINED = rf"(?:{_AUX}|{_WH}|{_PREPOSITION} (?:what|how))\b"
_JOIN = re.compile(rf",\s*(?={_LEAD}(?!{_RELATIVE}){_JOINED})|\s+(?:and|plus|also|n|&|\+|or)\s+(?={_LEAD}{_JOINED})")
# Or at a question word, or a verb asking about them ("r they bad", "is it normal"), right after a whole question
# ("what causes cramps how do i stop em", "whats the diff between a spasm n a twitch r they bad"), but not after a
# verb of finding out or telling: "how would they work out what is causing it" asks one thing.
_RUN_ON = re.compile(rf"\s+(?=({_WH})\b|{_AUX} (?:they|it|this|that|these|those|there|i)\b)")
_KNOWING = frozenset(
    "out know knows tell explain understand wonder wondering ask asking sure see idea about learn find show mean means"
    " decide check figure".split()
)
_QUESTION_WORDS = ("what", "how", "why", "when", "which", "where", "who")
_AWAITS_VERB = re.compile(rf"^{_LEAD}(?:{_PREPOSITION} )?(?:{'|'.join(_QUESTION_WORDS)})\b(?!'s)(?!.*\b{_AUX}\b)")
# Nor where a verb and its subject still wait for the main verb: "why does it | do that".
_AWAITS_ITS_VERB = re.compile(rf"\b{_AUX} (?:i|you|u|we|he|she|it|they|this|that)$")
# Nor at a "do" that is the main verb of a modal's question: "can meds actually | do that".
_MODAL_FIRST = re.compile(rf"^{_LEAD}(?:can|could|would|should|will|might|may|must)\b")
# Nor inside one question: "how do i stop them", "what are they".
_NO_CUT_AFTER = _KNOWING | frozenset(_QUESTION_WORDS) | frozenset(_PREPOSITIONS) | {"whats", "what's", "be", "me", "us"}
_LEADING = re.compile(f"^{_LEAD}")  # "and what can I do?" asks "what can I do?"
MIN_WORDS = 3
# An aside in brackets belongs to no question: "and then (this is the important one because I'm exhausted) what can I
# do", "are period cramps (she asked me) a spasm".
_ASIDE = re.compile(r"\s*\([^()]*\)")


# Ends as a question does without its "?": "he need see doctor or no", "most twitches harmless y/n"
_ASKS_YES_OR_NO = re.compile(r"(?:\bor (?:no|nah|nope)|\by/n|\byes or no)\W*$")


def _is_question(clause: str, asked: bool) -> bool:
    return len(clause.split()) >= MIN_WORDS and (asked or bool(QUESTION_START.search(clause)))


# A question run on after a story, with no stop between, as voice-to-text writes: "my wife gets bad period cramps
# | is that a muscle spasm", "when i run | is it normal".
_AFTER_A_STORY = re.compile(r"\s+(?=(?:is|are|was|were|can|could|should|would|will|might) (?:that|this|it|they)\b)")
STORY_RUN_ON_WORDS = 4


def _run_ons(part: str) -> list[str]:
    if not QUESTION_START.search(part):
        # a question word after a story starts no second question; a verb asking about it does
        for match in _AFTER_A_STORY.finditer(part):
            before = part[: match.start()].split()
            asking = set(before[-STORY_RUN_ON_WORDS:]) & set(_QUESTION_WORDS)  # "what type of twitch | is that"
            if len(before) >= STORY_RUN_ON_WORDS and before[-1] not in _NO_CUT_AFTER and not asking:
                return [part[: match.start()], *_run_ons(part[match.end() :])]
        return [part]
    cuts = [0]
    for match in _RUN_ON.finditer(part):
        before = part[cuts[-1] : match.start()].split()
        # A verb starts a question only after a whole one ("whats the diff between a spasm n a twitch | r they bad"),
        # not where a question word waits for it ("what sort of tests would they do").
        whole = match.group(1) is not None or len(before) >= MIN_WORDS and not _AWAITS_VERB.search(" ".join(before))
        conditional = cuts[-1] == 0 and before[0] == "if"  # "if it goes on for weeks is that bad": one question
        main_verb = part[match.end() :].startswith("do ") and _MODAL_FIRST.search(part[cuts[-1] :])
        whole = whole and not conditional and not main_verb and not _AWAITS_ITS_VERB.search(" ".join(before))
        if before[-1] not in _NO_CUT_AFTER and whole and _RUN_ON_START.search(part[match.end() :]):
            cuts.append(match.start())
    return [part[start:end].strip() for start, end in zip(cuts, [*cuts[1:], len(part)], strict=True)]


def question_clauses(text: str) -> list[str]:
    """The message's question clauses, in order, when it asks two or more; otherwise none."""
    return _two_or_more(_all_question_clauses(text))


# Told around a single question, a story ("my dad gets back spasms all the time and can't sleep, does it mess up
# your whole life?") may hide the question from a classifier that reads the whole message.
STORY_WORDS = 8


def question_in_a_story(text: str) -> str | None:
    """The one question a message asks, when a story of STORY_WORDS words or more is told around it."""
    return _told_in_a_story(text, _all_question_clauses(text))


MAX_CLAUSES = 3
# Where the NLU pipeline leaves the intents of the clauses it read alone, and their words, in the message's parse data.
PARSE_KEY = "question_clauses"
TEXTS_KEY = "question_clause_texts"


def clauses_read_alone(text: str) -> list[str]:
    """What the classifier reads alone besides the whole message: two questions or more (three at most), or the one
    question a story is told around."""
    found = _all_question_clauses(text)
    story = _told_in_a_story(text, found)
    return _two_or_more(found)[:MAX_CLAUSES] or ([story] if story else [])


def _two_or_more(found: list[str]) -> list[str]:
    return found if len(found) >= 2 else []


def _told_in_a_story(text: str, found: list[str]) -> str | None:
    if len(found) == 1 and len(text.split()) - len(found[0].split()) >= STORY_WORDS:
        return found[0]
    return None


def without_asides(text: str) -> str:
    return _ASIDE.sub("", text)


# A question of these words alone names nothing ("what is it", "should like to know what they are"): one of two is read
# with what the story told just before it names, its uncommon words ("saw 'clonus' in a forum thread, what is it":
# "clonus, what is it"), not the whole story ("the doctor mentioned electrolytes" is no question about doctors).
_NAMING_NOTHING = frozenset(
    "is are was were am be been can could does do did should would will may might must has have had shall "
    "what whats what's how why when which where who it its it's they them that that's this these those one ones "
    "i me my you u we he she his her there the a an to of so and or then just really actually exactly even like "
    "know mean means tell say said called thing things stuff about also too please".split()
)


def _names_nothing(clause: str) -> bool:
    return all(word in _NAMING_NOTHING for word in re.findall(r"[\w']+", clause))


UNCOMMON = 2_000_000  # uses in symspellpy's English counts: "clonus", "electrolytes", "emg", not "doctor" or "leg"


_NOT_NAMES = _NAMING_NOTHING | spelling.PROTECTED_WORDS  # nor do chat words ("lol", "nah")


def _what_it_names(story: str) -> str:
    counts = spelling.english_counts()
    words = (w for w in re.findall(r"[a-z]{2,}", story) if w not in _NOT_NAMES)
    return " ".join(dict.fromkeys(w for w in words if counts.get(w, 0) < UNCOMMON))


def _all_question_clauses(text: str) -> list[str]:
    found: list[tuple[str, str]] = []
    story = ""  # the last part told, not asked
    for sentence in _SENTENCE.split(without_asides(text.strip().lower())):
        asked = sentence.rstrip().endswith("?") or bool(_ASKS_YES_OR_NO.search(sentence))
        joined = [part.strip(" ,?!.;") for part in _JOIN.split(sentence) if part and part.strip(" ,?!.;")]
        parts = [clause for part in joined for clause in _run_ons(part)]
        if asked and len(parts) > 1 and len(parts[-1].split()) < MIN_WORDS:
            # "my muscle is stiff and hard, is normal?": too short to read alone, the question takes its sentence
            parts = [*parts[:-2], f"{parts[-2]}, {parts[-1]}"]
        for index, part in enumerate(parts):
            # "?" ends the last clause of its sentence; the others need a question's opening of their own.
            if not _is_question(part, asked and index == len(parts) - 1):
                story = part if len(part.split()) >= MIN_WORDS else story
                continue
            question = _LEADING.sub("", part)
            told = _what_it_names(story) if _names_nothing(question) else ""
            found.append((told, question))
            story = ""
    # One of two questions is read with its story; a single one is the story's question, read alone.
    return [f"{told}, {question}" if told and len(found) >= 2 else question for told, question in found]
