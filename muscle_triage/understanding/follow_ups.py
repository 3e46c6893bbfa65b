"""Follow-ups: a question that leans on the answer before it ("and at night?", "which ones tho", "how do I chill out
then lol"), and the article question it asks once the last answer's topic is known.

Pure Python (no Rasa). The NLU guard (addons/input_guard.py) decides that a message follows up; the answering action,
which knows the last question answered, decides what it asks.
"""

import re
from collections.abc import Sequence

from muscle_triage.understanding.question_reading import QUESTION_INTENTS, QUESTION_SHAPE, STRONG, frame_intents
from muscle_triage.understanding.wording import Said

FOLLOW_UP_INTENT = "ask_follow_up"
# A question that leans on the answer before it: it opens with "and"/"so", points back ("that", "those", "the
# last one"), or asks only for more or an example ("eg?", "like what?", "which ones?").
FOLLOWS_UP = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:ok|okay|right|thanks|thank you),? )?(?:and|so|n|then|but|also|what about|how about)\b"
    r"|\bthen\W*(?:lol|haha)?\W*$|\bmine\b"  # "how do I chill out then lol", "how do I make mine stop?"
    r"|\b(?:that|this|those|these|them|ones?|the (?:first|second|last|other) one)\b"
    r"|^(?:e\.?g\.?|eg|examples?|like what|such as|which ones?|names?|more|go on)\b|\bexamples?\b"
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


def picks_from_last_answer(said: Said) -> bool:
    return bool(PICKS_FROM_LAST_ANSWER.search(said) and QUESTION_SHAPE.search(said))


# Asking what to do about it ("how do I chill out then", "what would you suggest for calming oneself down?", "for not
# have it, what I must do?"), not how to know or tell: after an answer, the article's advice answers it.
ASKS_WHAT_TO_DO = re.compile(
    r"\bhow (?:(?:do|can|could|would|should|shall) (?:i|we|one)|to) (?!know|tell|find|be sure|spot|recogni)\w+"
    r"|\bwhat (?:can|could|should|must|do|would|shall) (?:i|we|one) (?:do|try)\b|\bwhat i (?:must|should|can) do\b"
    r"|\bwhat (?:would|do|can|could) (?:you|u) (?:suggest|recommend|advise)\b|\bany (?:tips|advice|suggestions)\b"
)
ADVICE = ("ask_prevention", "ask_living_with")
# After an answer about when it is serious, what to do is that answer's ("can a spasm near the chest be serious?",
# then "what should one do if that happens?").
SERIOUS_TOPICS = ("ask_harmless", "ask_when_specialist", "ask_diagnosis")


def asks_what_to_do(said: Said) -> bool:
    return bool(ASKS_WHAT_TO_DO.search(said))


def follow_up_topic(said: Said, last_question: str | None, ranking: Sequence[str] = ()) -> str | None:
    """The article question a follow-up asks: the one its own words frame outright, else the advice when it asks
    what to do (unless the last answer was about when it is serious), else the last one answered, else (nothing
    answered yet: "what about twitches?" first thing) the classifier's best article question. A cause or step it
    names ("so for the stress part, what can I do?") points back at the last answer's items."""
    framed = [intent for intent, sureness in frame_intents(said) if sureness == STRONG]
    if framed:
        return framed[0]
    if asks_what_to_do(said) and last_question not in (*ADVICE, *SERIOUS_TOPICS):
        return ADVICE[0]
    return last_question or next((name for name in ranking if name in QUESTION_INTENTS), None)
