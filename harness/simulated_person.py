"""A simulated person for the symptom check: answers each question in their own words, from a fact sheet.

Each answer is drawn, with the person's own random generator, from the understanding set's pools: terse, wordy,
hedged or with typos; now and then the first answer to a question is unreadable, or answers a different
question (a pain score when asked how often). A question asked again gets a readable answer.
"""

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from evaluation.understanding_set import (
    STYLES,
    Person,
    answer_pool,
    stable_split,
    unreadable_answers,
)

UNREADABLE_RATE = 0.06  # of first answers
OFF_QUESTION_RATE = 0.06  # of first answers
# Facts that make a clear answer to a different question (yes/no answers would be ambiguous).
OFF_QUESTION_SLOTS = ("pain_level", "episode_duration", "frequency", "history")
YES_NO_QUESTIONS = ("breathing_difficulty", "pain_after", "muscle_weakness", "visible_change", "known_condition")
# Words that answer a yes/no question in their own right, and picks of an option by its place ("the first one").
YES_NO_LIKE = re.compile(
    r"^(?:yes|yeah|yep|no|nope|nah|not|never|none|sometimes|occasionally|now and|a bit|a little"
    r"|kind of|sort of|maybe|probably|once|(?:the )?(?:first|second|third|last|middle|top|bottom)"
    r"|option)\b"
)
# A person whose breathing trouble starts late reveals it at the last question of a full check.
LAST_QUESTION = "known_condition"


@dataclass
class Given:
    slot: str  # the question asked
    times: int  # how often it had been asked, this time included
    style: str  # terse, wordy, hedged, typo, unreadable, off_question, late_breathing
    text: str
    answers_slot: str | None  # which slot the text answers (another one for off_question, None if unreadable)
    split: str | None  # the set's split the words come from (None for unreadable and late answers)


@dataclass
class SimulatedPerson:
    person: Person
    seed: int
    split: str | None = None  # draw answers only from this split of the set (None: all)
    given: list[Given] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.seed}:{self.person.id}")

    def __call__(self, slot: str, times: int) -> str:
        style, (text, split), answers_slot = self._answer(slot, times)
        self.given.append(Given(slot, times, style, text, answers_slot, split))
        return text

    def _answer(self, slot: str, times: int):
        if slot == LAST_QUESTION and self.person.late_breathing:
            return "late_breathing", (self.person.late_breathing, None), "breathing_difficulty"
        if times == 1:
            roll = self.rng.random()
            if roll < UNREADABLE_RATE:
                return "unreadable", (self.rng.choice(unreadable_answers()), None), None
            other = self._other_slot(slot)
            words = self._off_question_words(slot, other) if other else None
            if words and roll < UNREADABLE_RATE + OFF_QUESTION_RATE:
                return "off_question", (words, stable_split(words)), other
        style = self.rng.choice(STYLES)
        return style, self._words(slot, style), slot

    def _off_question_words(self, slot: str, other: str) -> str | None:
        """Words for another question's answer; never ones that also answer a yes/no question ("sometimes",
        "a bit"), which would be a real answer to it, not a different one."""
        choices = [a.text for a in answer_pool(other, self.person.facts[other], "terse")]
        if slot in YES_NO_QUESTIONS:
            choices = [text for text in choices if not YES_NO_LIKE.match(text.lower())]
        return self.rng.choice(choices) if choices else None

    def _other_slot(self, slot: str) -> str | None:
        said = {given.answers_slot for given in self.given}
        candidates = [
            other
            for other in OFF_QUESTION_SLOTS
            if other != slot and other not in said and self.person.facts.get(other) not in (None, "unsure")
        ]
        return self.rng.choice(candidates) if candidates else None

    def _words(self, slot: str, style: str) -> tuple[str, str]:
        value = self.person.part if slot == "body_part" else self.person.facts[slot]
        pool = answer_pool(slot, value, style, self.split) or answer_pool(slot, value, style)
        chosen = self.rng.choice(pool)
        return chosen.text, chosen.split


YES_NO = {"yes": True, "no": False, "unsure": "unknown"}
CONDITIONS = {"none": "none", "other": "unspecified", "unsure": "unknown"}
SENSATION_KINDS = {
    "cramp": "spasm",
    "tightening": "spasm",
    "stiffness": "spasm",
    "bulging": "spasm",
    "twitch": "twitch",
    "flicker": "twitch",
    "flutter": "twitch",
    "ripple": "twitch",
    "jerk": "twitch",
    "rhythmic_jerking": "rhythmic_jerking",
    "unknown": "unknown",
}


def _body_words(text: str) -> str:
    return " ".join(word[:-1] if word.endswith("s") else word for word in text.lower().replace("_", " ").split())


def read_correctly(slot: str, slot_value: object, person: Person) -> bool:
    """Whether the value the bot stored for a question is what the person meant.

    Sensations count as read correctly when they point the same way (a "tightening" stored as a cramp).
    """
    if slot == "body_part":
        return isinstance(slot_value, str) and _body_words(slot_value) == _body_words(person.part)
    fact = person.facts[slot]
    if slot in ("breathing_difficulty", "pain_after", "muscle_weakness", "visible_change"):
        return slot_value == YES_NO[fact]
    if slot == "known_condition":
        return slot_value == CONDITIONS.get(fact, fact)
    expected = "unknown" if fact == "unsure" else fact
    if slot == "sensation":
        return SENSATION_KINDS.get(str(slot_value)) == SENSATION_KINDS[expected]
    return slot_value == expected


@dataclass
class ScriptedPerson:
    """A persona set's person: answers each question with the replies their writer gave for it, the seed choosing
    which of the three comes first; a question asked again gets the next one."""

    replies: Mapping[str, Sequence[str]]
    seed: int
    given: list[Given] = field(default_factory=list)

    def __call__(self, slot: str, times: int) -> str:
        options = self.replies.get(slot) or ("I don't know",)
        text = options[(self.seed - 1 + times - 1) % len(options)]
        self.given.append(Given(slot, times, "persona", text, slot, None))
        return text
