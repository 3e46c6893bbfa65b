"""Which article question a message asks, from the way people frame questions, as a second opinion to the NLU.

Pure Python (no Rasa). The intent classifier learns from examples; people phrase questions in many more ways
("what sets it off", "tips so I don't get ...", "how can I tell ..."). The frames below say outright what a
question is about, so the NLU guard (addons/input_guard.py) uses them to correct the classifier where it is
clearly wrong, and the form uses them to answer a question asked along with an answer.
"""

import re
from collections.abc import Sequence

from muscle_triage.knowledge import causes, vocabulary
from muscle_triage.understanding import breathing
from muscle_triage.understanding.answer_readers import SENSATIONS
from muscle_triage.understanding.aspect_questions import aspects_asked
from muscle_triage.understanding.question_clauses import clauses_read_alone
from muscle_triage.understanding.question_frames import DEFINITION_FRAMES, DOCTOR_FRAME, MUSCLE, STRONG_FRAMES
from muscle_triage.understanding.wording import Said

QUESTION_INTENTS = (
    "ask_spasm_definition",
    "ask_twitch_definition",
    "ask_difference",
    "ask_spasm_types",
    "ask_twitch_types",
    "ask_causes",
    "ask_harmless",
    "ask_when_specialist",
    "ask_diagnosis",
    "ask_prevention",
    "ask_living_with",
)
ASPECT_QUESTION = "ask_difference"  # the article compares spasms and twitches aspect by aspect
DEFINITIONS = frozenset({"ask_spasm_definition", "ask_twitch_definition"})
KINDS = frozenset({"ask_spasm_types", "ask_twitch_types"})
SOURCE_INTENT = "ask_source"  # "where does this come from?": the article itself, not one of its topics
QUESTION_SHAPE = re.compile(
    r"\?|^(?:what|why|how|when|which|who|whats|is|are|can|could|should|would|do|does|did|will|any|tips|ways)\b"
    r"|\b(?:i (?:wonder|want to know|'d like to know|should like to know|would like to know)|tell me|explain|any idea"
    r"|what|why|how come|how do|how can|when (?:is|are|does|do|should|would|can|will|might) (?!not\b)"
    r"|where|should (?:i|it|this|that)|is (?:it|this|that|there)|are (?:they|these|those|there)|can (?:i|it|you|this)"
    r"|can (?:that|these|those|they|\w+ (?:spasm|twitch|cramp)\w*)|or not\b|is (?:that|it) a thing"
    r"|could (?:it|i|this|that)|would (?:it|you|that)|does (?:it|this|that|my|his|her|he|she|the)"
    r"|do (?:i|they|you|these|we)|wonder(?:ing)?|or nah"
    r"|will (?:it|they|the|this|that|my|these)|not sure (?:if|whether)"
    r"|can'?t (?:work|figure|tell) (?:out )?(?:if|whether|what|why)|don'?t know (?:if|whether|what|why)"
    r"|no idea (?:if|whether|what|why)|curious)\b"
    r"|\bor\W*$"  # trailing off: "like are twitches usually harmless or"
)
# Questions naming a cause the article names are cause questions, unless they ask about prevention.
NAMED_CAUSES = causes.cause_patterns()
PREVENTION_STEPS = re.compile(
    r"\b(?:water|hydrat\w*|fluids?|drink\w* more|stretch\w*|yoga|diet|foods?|eat\w*"
    r"|magnesium|potassium|bananas?|minerals?|posture|meditat\w*|relax\w*|breathing exercises?"
    r"|deep breathing)\b"
)
BOT_WORDS = re.compile(
    r"\b(?:you|u|ya|your|you're|yourself|bot|robot|machine|computer|program|ai|chatbot|human"
    r"|person|real|someone|somebody|who am i|assistant|doctor)\b"
)
TASK_REQUEST = re.compile(
    r"\b(?:help me|can you|could you|will you|would you|please) (?:to )?(?:write|book|order|find"
    r"|plan|fix|cook|code|translate|buy|send|call|draft|calculate|solve|do my)\b"
)
FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|my|me|mine|myself)\b")
# The person's own muscles: "my calf", "my muscles", "I keep getting cramps", "I'm twitching" (not "my physio
# mentioned a spasm", not "my mum asked").
# "back" is no body-part word alone ("come back"), but "my back" is.
OWN_SYMPTOM = re.compile(
    r"\bmy (?:\w+ ){0,2}(?:"
    + "|".join(re.escape(w) for part in vocabulary.BODY_PARTS for w in part.words)
    + r"|back|muscles?|body|limbs?)\b|\bi(?:'ve| have| get| keep| had| am|'m| got|'ve got| often| always| sometimes)?"
    r"(?: \w+){0,7} (?:muscle|spasm|twitch|cramp|jerk|flicker|jump|seiz)\w*|\bmine\b"
)
ARTICLE_OR_SYMPTOM = re.compile(MUSCLE)


STRONG, NAMED, DEFINITION = 0, 1, 2  # how sure a frame is, most sure first


def frame_intents(said: Said) -> list[tuple[str, int]]:
    """The question intents the wording points to, with how sure each is: most sure first, then in the order of
    the frames (the more specific question first: "tips for living with ..." is about living with it)."""
    found = [(intent, STRONG) for intent, frame in STRONG_FRAMES if re.search(frame, said)]
    # Worded as a comparison but naming only one kind, a message asks what that one is ("do period cramps count as a
    # spasm?", "too much coffee = twitching?"): its definition, as a last resort after any cause or step it names
    # ("foods vs cramps?").
    one_kind = one_kind_named(said) if (ASPECT_QUESTION, STRONG) in found else None
    if one_kind:
        found.remove((ASPECT_QUESTION, STRONG))
    if not found:
        if any(re.search(pattern, said) for pattern, _ in NAMED_CAUSES) and not PREVENTION_STEPS.search(said):
            found.append(("ask_causes", NAMED))
        elif PREVENTION_STEPS.search(said) and ARTICLE_OR_SYMPTOM.search(said):
            found.append(("ask_prevention", NAMED))
    found += [(intent, DEFINITION) for intent, frame in DEFINITION_FRAMES if re.search(frame, said)]
    if one_kind:
        found.append((one_kind, DEFINITION))
    if not found and re.search(DOCTOR_FRAME[1], said):
        found.append((DOCTOR_FRAME[0], DEFINITION))
    return list(dict.fromkeys(found))


_SPASM_KIND = re.compile(r"\b(?:spasm|cramp|charley horse|clonus|spastic)\w*")
_TWITCH_KIND = re.compile(r"\b(?:twitch|fasciculat)\w*")


def one_kind_named(said: Said) -> str | None:
    """The definition question of the one kind the message names, spasm or twitch; None when it names both or
    neither."""
    spasm, twitch = bool(_SPASM_KIND.search(said)), bool(_TWITCH_KIND.search(said))
    if spasm == twitch:
        return None
    return "ask_spasm_definition" if spasm else "ask_twitch_definition"


# Where a second question starts: after a "?", or at "and"/"n"/"+"/"also" or a comma before a question word
# ("what causes cramps and how do I stop them?", "where spasms hit + how long they last").
_ASKING = r"(?:what|why|how|when|which|where|who|is|are|can|could|should|would|do|does|will|at what|in what)\b"
QUESTION_JOIN = re.compile(
    rf"\?\s+|\s+\+\s+|\s+(?:and|n|&|also|plus|then)\s+(?={_ASKING})|,\s*(?:and |n |then )?(?={_ASKING})"
)


# How to stop the contractions themselves ("how do I make them stop?", "how I can stop this to happen?"), not the
# check ("how do I stop this?"): a prevention question the classifier may take for "stop".
STOPPING_THEM = re.compile(
    r"\bhow\b.*\b(?:stop|stopping|prevent)\b (?:them|these|those|(?:this|that) (?:from|to|happening)"
    r"|it(?: (?:from|to|happening)|\W*$)"
    r"|(?:my |the )?\w*(?:cramp|spasm|twitch)\w*)|\bmake (?:them|it|the \w+) stop\b"
)


def asks_how_to_stop_them(said: Said) -> bool:
    return bool(STOPPING_THEM.search(said))


# A question clause the classifier read as off-topic or about the bot ("how much time it last normally", "what do
# they even do when u get there lol") still asks something: its likeliest article question, when this likely.
CLAUSE_QUESTION_FLOOR = 0.1
CLOSE_GUESS = 0.3  # a next guess this likely is nearly as good as the best


def clause_question(
    ranking: Sequence[tuple[str | None, float]], said: Said | None = None, read_before: Sequence[str | None] = ()
) -> str | None:
    """What a question clause, read alone, asks: the classifier's best guess, or its likeliest article question
    where the best guess is none. Read as off-topic or as an account, a clause framed outright as a question asks
    that one ("what even causes that when you're just lying there asleep"); a guess of another article question
    stays, as the classifier reads clauses better than the frames do.

    Two clauses of one message seldom ask the same thing: guessed to ask what a clause before it asked ("when do I
    need a specialist, and what will the specialist do?"), a clause asks its strong frame or a next guess nearly as
    likely, if it has one. How spasms and twitches differ is the exception: each clause may ask about another way."""
    if not ranking:
        return None
    best = ranking[0][0]
    framed = [name for name, sureness in frame_intents(said) if sureness == STRONG] if said else []
    if framed and best in NOT_QUESTIONS | {"describe_symptom"}:
        return framed[0]
    if best in DEFINITIONS | KINDS and best not in framed and said and aspects_asked(said):
        # "how long does an ordinary muscle spasm generally last", "is it usual for the muscle to feel stiff": one way
        # spasms and twitches show themselves, which the classifier took for what a spasm is or for its kinds
        return ASPECT_QUESTION
    if best in QUESTION_INTENTS and best in read_before and best != ASPECT_QUESTION:
        close = [name for name, confidence in ranking[1:] if name in QUESTION_INTENTS and confidence >= CLOSE_GUESS]
        return next((name for name in [*framed, *close] if name not in read_before), best)
    if best in QUESTION_INTENTS:
        return best
    return next(
        (name for name, confidence in ranking if name in QUESTION_INTENTS and confidence >= CLAUSE_QUESTION_FLOOR),
        best,
    )


MOST_QUESTIONS_ANSWERED = 3


def questions_asked(said: Said, intent: str | None, clause_intents: Sequence[str | None] = ()) -> list[str]:
    """The article questions a message asks, in the order asked: those the classifier read in its question clauses,
    each read alone ("what causes cramps how do i stop em"; three at most, each with its own answer), else two that
    its clauses frame outright ("what brings cramps on and what stops them?"), else the classifier's one and any other
    a clause frames.
    The classifier comes first: trained on questions written apart from the project, it reads a clause better than a
    frame does (persona dev sets, two-part 0.850 -> 0.872).
    Asked whether a spasm can make breathing hard, the article's warning signs come first, whatever else is asked."""
    if intent == SOURCE_INTENT:
        return [intent]  # "where are you getting your info from, is it off a proper doctor?": one question, however put
    asked = _questions_framed(said, intent)
    clause_intents = _without_breathing_clauses(said, clause_intents)
    classified = list(dict.fromkeys(name for name in clause_intents if name in QUESTION_INTENTS))
    if len(classified) >= 2:
        asked = classified[:MOST_QUESTIONS_ANSWERED]
    elif classified and len(clause_intents) >= 2:
        # Two question clauses, only one read as an article question ("my wife has MS. will she get spasms from it?
        # plus how can she live normal with them?"): the other question is the one the whole message or a frame
        # reads, asked in the other clause's place.
        other = next((name for name in asked if name != classified[0] and name in QUESTION_INTENTS), None)
        if other:
            first = clause_intents.index(classified[0]) == 0
            asked = [classified[0], other] if first else [other, classified[0]]
    if breathing.asked_about(said) and not {"ask_harmless", "ask_when_specialist"} & set(asked):
        return ["ask_when_specialist", *asked[:1]]
    return asked


def _without_breathing_clauses(said: Said, clause_intents: Sequence[str | None]) -> Sequence[str | None]:
    """The clause intents, less those of clauses asking about breathing ("can spasms mess w ur breathing?? and wat
    tests do docs do"): the warning signs answer those, whatever the classifier read in them."""
    if not breathing.asked_about(said):
        return clause_intents
    clauses = clauses_read_alone(said)
    if len(clauses) != len(clause_intents):
        return clause_intents
    return [
        name for name, clause in zip(clause_intents, clauses, strict=True) if not breathing.mentions_breathing(clause)
    ]


def _questions_framed(said: Said, intent: str | None) -> list[str]:
    framed = [
        found[0][0]
        for clause in QUESTION_JOIN.split(said)
        if (found := frame_intents(Said(clause))) and found[0][1] != DEFINITION
    ]
    if aspects_asked(said) and ASPECT_QUESTION not in framed + [intent]:
        # "why can't I straighten my leg when it cramps?": how spasms and twitches differ answers it, after any
        # question a clause frames outright ("is it normal to see it, or is that a bad sign?").
        strong = [found for found, sureness in frame_intents(said) if sureness == STRONG]
        return [*strong[:1], ASPECT_QUESTION]
    if len(set(framed)) > 1:
        return list(dict.fromkeys(framed))[:2]
    asked = list(framed)
    if intent in QUESTION_INTENTS and intent not in asked:
        asked.insert(0, intent)
    return list(dict.fromkeys(asked))[:2] if len(set(asked)) > 1 else [intent] if intent else []


def describes_own_symptom(said: Said) -> bool:
    """The person speaks of their own muscles ("my calf cramps", "I keep twitching"), not about spasms in general."""
    if not OWN_SYMPTOM.search(said):
        return False
    return bool(
        ARTICLE_OR_SYMPTOM.search(said)
        or re.search(r"|".join(p for p, _ in SENSATIONS), said)
        or any(re.search(p, said) for p, _ in vocabulary.body_part_patterns())
    )


# Something of one's own, in a word no list knows ("my cav", mistyped too short to correct), doing what a muscle does.
MINE_DOING_WHAT_A_MUSCLE_DOES = re.compile(
    r"\bmy [a-z']+ (?:[a-z']+ ){0,2}?(?:" + "|".join(pattern for pattern, _ in SENSATIONS) + ")"
)


def tells_of_own_muscle(said: Said) -> bool:
    """Like describes_own_symptom, and also where the body part is a word no list knows ("my cav tightened on my
    run"): where the classifier is unsure, the check is the safe side."""
    return describes_own_symptom(said) or bool(MINE_DOING_WHAT_A_MUSCLE_DOES.search(said))


# Someone the person is with or looks after: their symptoms are checked the same way ("my son's calf keeps
# cramping at football").
_CLOSE = (
    r"(?:son|daughter|child|kid|boy|girl|baby|toddler|teen\w*|husband|wife|partner|mum|mom|mother|dad|father"
    r"|grand\w+|brother|sister|friend)s?"
)
# A place in someone else's body: "his lower back", "her calf".
THEIR_BODY_PART = re.compile(
    r"\b(?:his|her|their) (?:\w+ )?(?:"
    + "|".join(re.escape(w) for part in vocabulary.BODY_PARTS for w in part.words)
    + r"|back|muscles?)\b"
)
A_PERSON_CLOSE = re.compile(rf"\b(?:my|our) (?:[\w-]+ ){{0,3}}{_CLOSE}\b|^{_CLOSE}\b")
SOMEONE_CLOSE = re.compile(f"{A_PERSON_CLOSE.pattern}|{THEIR_BODY_PART.pattern}")
SHORT_PHRASE_WORDS = 5  # "thumb twitchin", "left calf cramp": a symptom typed as a fragment


def describes_a_symptom(said: Said) -> bool:
    """Someone's own symptom, worth offering the check for: the person's own, someone close to them, or a symptom
    typed as a fragment with its place ("thumb twitching. too much coffee?")."""
    if describes_own_symptom(said):
        return True
    if SOMEONE_CLOSE.search(said) and (ARTICLE_OR_SYMPTOM.search(said) or SYMPTOM_WORDS.search(said)):
        return True
    if A_PERSON_CLOSE.search(said) and THEIR_BODY_PART.search(said):
        return True  # "my husband got catch in his lower back": whatever the word for it, his own
    first = re.split(r"[?.!,]", said, maxsplit=1)[0]
    return len(first.split()) <= SHORT_PHRASE_WORDS and symptom_phrase(first)


GENERAL_INTENTS = DEFINITIONS | KINDS | {ASPECT_QUESTION}
NOT_QUESTIONS = frozenset({"out_of_scope", "nlu_fallback"})
SYMPTOM_WORDS = re.compile(r"\b(?:spasm\w*|twitch\w*|cramp\w*|fasciculat\w*|clonus|charley horse|spasticity)\b")


def symptom_phrase(said: str) -> bool:
    """A symptom named with the place it happens and no question: "chest cramp", "twitchy eyelid", "cramp in the
    chest". Whose it is goes unsaid, but nobody types that to ask about spasms in general."""
    return (
        names_muscle_symptom(said)
        and not QUESTION_SHAPE.search(said)
        and any(re.search(pattern, said) for pattern, _ in vocabulary.body_part_patterns())
    )


def names_muscle_symptom(said: str) -> bool:
    """The message names a spasm, cramp or twitch: it is about this assistant's subject, however unsure the
    classifier was of its wording."""
    return bool(SYMPTOM_WORDS.search(said))


def about_muscles(said: str) -> bool:
    """The message is about muscles at all: a muscle or sensation word, or a cause or condition the article names
    (a body part alone is not: "how do I know if my arm is broken?")."""
    return bool(
        ARTICLE_OR_SYMPTOM.search(said)
        or any(re.search(p, said) for p, _ in SENSATIONS)
        or any(re.search(p, said) for p, _ in NAMED_CAUSES)
    )


SURE = 0.7  # below this the classifier's question intent gives way to a question naming a cause or step


def corrected_intent(
    said: Said, intent: str | None, ranking: Sequence[str] = (), confidence: float = 1.0
) -> str | None:
    """The intent this message should have where the classifier's guess is clearly wrong, else None.

    `ranking` is the classifier's intents, best first, and `confidence` how sure it was. The person's own breathing
    trouble and unreadable input are the guard's to decide before this.
    """
    if intent == "report_emergency" and not breathing.mentions_breathing(said):
        # The article's one emergency is difficulty breathing: without a word about breathing it is not one.
        if symptom_phrase(said):
            return "describe_symptom"  # "chest cramp": a symptom, not an emergency and not a question
        return _next_best(ranking, exclude={"report_emergency"}) or "describe_symptom"
    if intent == "bot_challenge" and not BOT_WORDS.search(said):
        return _next_best(ranking, exclude={"bot_challenge"})
    if intent == "ask_capabilities" and TASK_REQUEST.search(said) and not about_muscles(said):
        return "out_of_scope"  # "can you help me write a cover letter" asks for a task, not what the bot does
    framed = frame_intents(said)
    if intent in NOT_QUESTIONS or intent not in QUESTION_INTENTS and intent != "describe_symptom":
        # Only a message about muscles can be an article question; "what's good for a migraine?" is not.
        if not about_muscles(said):
            return None
        if (
            intent in NOT_QUESTIONS
            and not QUESTION_SHAPE.search(said)
            and OWN_SYMPTOM.search(said)
            and (ARTICLE_OR_SYMPTOM.search(said) or any(re.search(p, said) for p, _ in SENSATIONS))
        ):
            return "describe_symptom"  # "I get a sharp spasm in my chest when I twist", which the classifier doubted
        if (
            intent in NOT_QUESTIONS
            and any(re.search(p, said) for p, _ in NAMED_CAUSES)
            and ARTICLE_OR_SYMPTOM.search(said)
        ):
            # "cholesterol meds side effects cramps": a cause the article names is never off-topic.
            return framed[0][0] if framed else "ask_causes"
    asks = bool(QUESTION_SHAPE.search(said))
    own = describes_own_symptom(said)  # read once: the checks below all need it
    if intent == "describe_symptom" and framed and not own and (asks or not FIRST_PERSON.search(said)):
        # "multiple sclerosis and twitching muscles", "my physio mentioned a spasm, what is that?": nobody's own
        # muscles, so a question (but "I have multiple sclerosis" stays a statement).
        return framed[0][0]
    if not asks:
        if intent in QUESTION_INTENTS and (own or not framed and symptom_phrase(said)):
            # "I get a sharp spasm in my chest when I twist", "twitchy eyelid": no question
            return "describe_symptom"
        if (
            framed
            and not own
            and (
                framed[0][1] == STRONG
                and intent in NOT_QUESTIONS
                or framed[0][1] == NAMED
                and intent in GENERAL_INTENTS
            )
        ):
            return framed[0][0]  # keywords: "twitches from worrying, real?", "M.S. and twitching muscles"
        return None
    if not framed:
        return None
    best, sureness = framed[0]
    if intent in {name for name, _ in framed}:
        # The classifier saw one of the frames; where a more specific one came first, that one is asked.
        return best if sureness == STRONG and best != intent else None
    # A strong frame overrules the classifier; a named cause or step overrules its most general guesses and
    # any guess it is unsure of; any frame fills in where it saw no question at all.
    if sureness == STRONG or intent not in QUESTION_INTENTS:
        return best
    if sureness == NAMED and (intent in GENERAL_INTENTS or confidence < SURE):
        return best
    return best if best in DEFINITIONS and intent in DEFINITIONS else None  # a spasm taken for a twitch


def _next_best(ranking: Sequence[str], exclude: set[str | None]) -> str | None:
    return next((name for name in ranking if name not in exclude and name != "nlu_fallback"), None)
