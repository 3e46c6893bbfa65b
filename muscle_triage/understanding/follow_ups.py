"""Follow-ups: a question that leans on the answer before it ("and at night?", "which ones tho", "how do I chill out
then lol"), and the article question it asks once the last answer's topic is known.

Pure Python (no Rasa). The NLU guard (addons/input_guard.py) decides that a message follows up; the answering action,
which knows the last question answered, decides what it asks.
"""

import re
from collections.abc import Sequence

from muscle_triage.understanding.aspect_questions import aspects_asked
from muscle_triage.understanding.question_reading import (
    ASPECT_QUESTION,
    QUESTION_INTENTS,
    QUESTION_SHAPE,
    STRONG,
    frame_intents,
    one_kind_named,
)
from muscle_triage.understanding.wording import Said

FOLLOW_UP_INTENT = "ask_follow_up"
# A question that leans on the answer before it: it opens with "and"/"so", points back ("that", "those", "the
# last one"), or asks only for more or an example ("eg?", "like what?", "which ones?").
FOLLOWS_UP = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:ok|okay|right|thanks|thank you),? )?(?:and|so|n|then|but|also|what about|how about)\b"
    r"|\bthen\W*(?:lol|haha)?\W*$|\bmine\b"  # "how do I chill out then lol", "how do I make mine stop?"
    r"|\bthere\W*$"  # "what would they do to me there"
    r"|\b(?:that|this|those|these|them|ones?|the (?:first|second|last|other) one)\b"
    r"|^(?:e\.?g\.?|eg|examples?|like what|such as|which ones?|names?|more|go on)\b|\bexamples?\b"
    # "which minerals are we talking about", "what foods you mean"
    r"|\b(?:you mean|are we talking|we talking|meaning)\b"
    r"|\b(?:what|anything|something) else\b"  # "what else would make it worth going"
    # opens with a question of its own that only the last answer explains: "how come? like what's going on in there"
    r"|^(?:how come|how so|why so|why)\W*[?!.]"
)
FOLLOW_UP_WORDS = 25  # longer than this, a message carries its own topic
# Picks among what the last answer listed ("could my water tablet be one of those?", "which one's a normal calf
# cramp then?"): a follow-up even when it tells of the person's own muscles.
PICKS_FROM_LAST_ANSWER = re.compile(
    r"\b(?:one of (?:those|them|these|the \w+)|which of (?:those|them|these)|the (?:first|second|third|last"
    r"|other) one|that one|any of (?:those|them|these)|which one(?:'s| is| would))\b"
)


def follows_up(said: Said) -> bool:
    return len(said.split()) <= FOLLOW_UP_WORDS and bool(FOLLOWS_UP.search(said))


# A pronoun for what the last answer told of.
_BACK = r"\b(?:it|that|this|those|these|them)\b"
# Carries on from the last answer, with a pronoun for what it told of: "and what else comes along with it?". Not a
# condition ("and if it doesn't go away?"): the classifier reads what follows then.
CARRIES_ON = re.compile(rf"^(?:and|so|but|ok|okay|then)\b(?! if\b).*{_BACK}")


def carries_on(said: Said) -> bool:
    return follows_up(said) and bool(CARRIES_ON.search(said))


# A short question that points back with a pronoun, with no opener ("does it usually turn up with anything else?",
# "when does that normally happen to people"): when no frame names its topic, the last answer's is meant.
# Not a condition ("and if it doesn't go away?"): the classifier reads what follows then.
POINTS_BACK = re.compile(rf"^(?!(?:and |so |but )?if\b).*{_BACK}")
POINTS_BACK_WORDS = 12


def points_back(said: Said) -> bool:
    return len(said.split()) <= POINTS_BACK_WORDS and bool(POINTS_BACK.search(said))


# A question of a few words, a question word and little else ("why though", "hang on, how come?", "like from what
# tho"): when the classifier reads it as a follow-up, the last answer gives it its topic. Not an account with a
# "when" in it ("calf muscle spaz when I push off").
BARE_QUESTION_WORDS = 7
BARE_QUESTION = re.compile(r"^(?:[\w']+\W+){0,2}?(?:why|how|what|which|who|where|when)\b|\?\s*$")


def bare_question(said: Said) -> bool:
    return len(said.split()) <= BARE_QUESTION_WORDS and bool(BARE_QUESTION.search(said))


# The last question asked again of the other kind, whatever the classifier made of the word: the kind and nothing
# but words that ask the same again ("and a twitch?", "n spasms?", "what about cramps then", "and twitches, same
# deal?", "does the same thing happen with twitches?", "would a twitch do the same?", "does twitching have that effect
# too?"), at least one of them saying so.
# Read in the first sentence: "And a spasm? Harold used to wince terribly with his." Not an account ("my twitch came
# back too"), nor a comparison of two kinds ("is a cramp the same as a spasm?"), nor "is it a twitch?".
_KIND_WORD = re.compile(r"^(?:twitch|spasm|cramp)\w*$")
_ASKING_THE_SAME = frozenset(
    "and n so but ok okay right wait oh hmm what about how for the a an same deal thing too also then tho though with"
    " them they is it are do does did would can could will that this those these as well happen happens apply true"
    " have has effect"
    " go goes work works or no nah not".split()
)
_SAYS_SO = frozenset("same too also well about and n then tho though".split())
_OTHER_KIND_WORDS = 12
_FIRST_SENTENCE = re.compile(r"^[^.?!]*[.?!]*")
_WORD = re.compile(r"[a-z']+")
# The definition or the kinds of one asked of the other ("what's a spasm?", then "and a twitch?").
SAME_QUESTION_FOR_THE_OTHER_KIND = {
    ("ask_spasm_definition", "ask_twitch_definition"): "ask_twitch_definition",
    ("ask_twitch_definition", "ask_spasm_definition"): "ask_spasm_definition",
    ("ask_spasm_types", "ask_twitch_definition"): "ask_twitch_types",
    ("ask_twitch_types", "ask_spasm_definition"): "ask_spasm_types",
}


def asks_about_the_other_kind(said: Said) -> bool:
    first = _FIRST_SENTENCE.match(said)
    words = _WORD.findall(first.group(0) if first else said)
    kinds = {word for word in words if _KIND_WORD.match(word)}
    others = [word for word in words if not _KIND_WORD.match(word)]
    return (
        len(words) <= _OTHER_KIND_WORDS
        and len(kinds) == 1
        and all(word in _ASKING_THE_SAME for word in others)
        and any(word in _SAYS_SO for word in others)
    )


def other_kind_topic(last_and_this: Said, topic: str | None) -> str | None:
    """The topic of the last question asked of the other kind, read from both messages together: the aspect the
    last one asked about ("does a twitch hurt?", then "and a spasm?"), else the topic the follow-up was given."""
    return ASPECT_QUESTION if aspects_asked(last_and_this) else topic


# Asks for an example of what the last answer told ("what would be an example of that, like could it happen to me
# playing football", "a real life example of that?", "what would be a case of that?"): the last answer again, read
# with the last question's words, whatever a word of it suggests to the classifier.
ASKS_FOR_AN_EXAMPLE = re.compile(
    r"\b(?:examples?|instance|case) of (?:that|this|it|those|these|them|one)\b"
    r"|\b(?:give|got|have) (?:me |us )?(?:an? )?(?:real[- ]?(?:life|world) )?examples?\b(?! of\b)"
)


def asks_for_an_example(said: Said) -> bool:
    return len(said.split()) <= FOLLOW_UP_WORDS and bool(ASKS_FOR_AN_EXAMPLE.search(said))


def read_with_last_question(said: Said) -> bool:
    """A follow-up whose own words are too few to place it, read together with the last question's: the same question
    about the other kind ("and spasms?"), or an example of what the last answer told ("an example of that?")."""
    return asks_about_the_other_kind(said) or asks_for_an_example(said)


def picks_from_last_answer(said: Said) -> bool:
    return bool(PICKS_FROM_LAST_ANSWER.search(said) and QUESTION_SHAPE.search(said))


# Asking what to do about it ("how do I chill out then", "what would you suggest for calming oneself down?", "for not
# have it, what I must do?", "how does one keep them balanced?", "what can a man do about that then"), not how to know
# or tell: after an answer, the article's advice answers it.
ASKS_WHAT_TO_DO = re.compile(
    r"\bhow (?:(?:do|does|can|could|would|should|shall) (?:i|we|one)|am i (?:meant|supposed) to|to|i)"
    r" (?!know|tell|find|be sure|spot|recogni)\w+"
    r"|\bwhat (?:can|could|should|must|do|would|shall) (?:i|we|one|a (?:man|woman|person|body|guy|fella|girl)"
    r"|people|someone) (?:do|try)\b|\bwhat i (?:must|should|can) do\b"
    r"|\bwhat (?:would|do|can|could) (?:you|u) (?:suggest|recommend|advise)\b|\bany (?:tips|advice|suggestions)\b"
)
ADVICE = ("ask_prevention", "ask_living_with")
# After an answer about when it is serious, what to do is that answer's ("can a spasm near the chest be serious?",
# then "what should one do if that happens?").
SERIOUS_TOPICS = ("ask_harmless", "ask_when_specialist", "ask_diagnosis")


def asks_what_to_do(said: Said) -> bool:
    return bool(ASKS_WHAT_TO_DO.search(said))


# A condition asked about after an answer ("and if it doesn't go away?", "what if it's just really frequent but doesn't
# hurt tho?"): whether it is serious then. Not a condition with a question of its own after it ("and if they were
# worried, what would the workup involve?"), nor an account ("and if I stretch it goes"): "what if", or a "?".
ASKS_WHAT_IF = re.compile(
    r"^(?:(?:ok|okay|right|so|and|but|hmm|oh)\W+){0,3}(?:what if\b|if\b(?=.*(?:\?|\btho|\bthough)\W*$))"
    r"(?!.*[,;] (?:what|how|which|when|where|why|who)\b)"
)
WHAT_IF_WORDS = 16


def asks_what_if(said: Said) -> bool:
    return len(said.split()) <= WHAT_IF_WORDS and bool(ASKS_WHAT_IF.search(said))


def follow_up_topic(said: Said, last_question: str | None, ranking: Sequence[str] = ()) -> str | None:
    """The article question a follow-up asks: the one its own words frame outright, else the same definition or kinds
    for the other kind when it names only that one ("and a twitch?"), else whether it is serious when it asks what if
    ("and if it doesn't go away?"), else the advice when it asks
    what to do (unless the last answer was about when it is serious), else the last one answered, else (nothing
    answered yet: "what about twitches?" first thing) the classifier's best article question. A cause or step it
    names ("so for the stress part, what can I do?") points back at the last answer's items."""
    framed = [intent for intent, sureness in frame_intents(said) if sureness == STRONG]
    if framed:
        return framed[0]
    if other_kind := SAME_QUESTION_FOR_THE_OTHER_KIND.get((last_question or "", one_kind_named(said) or "")):
        return other_kind
    if asks_what_if(said):
        return last_question if last_question in SERIOUS_TOPICS else SERIOUS_TOPICS[0]
    if asks_what_to_do(said) and last_question not in (*ADVICE, *SERIOUS_TOPICS):
        return ADVICE[0]
    return last_question or next((name for name in ranking if name in QUESTION_INTENTS), None)
