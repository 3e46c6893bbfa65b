"""A whole symptom check over REST: open, answer each question the bot asks, stop at a result."""

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from harness.rest_driver.client import Reply

# A full check asks at most 11 questions, each at most twice; beyond this the conversation is stuck.
MAX_TURNS = 30

# A mild, one-off cramp with no warning sign: answers every question, so the check ends in self-care. Callers add
# the body part ("body_part": "my calf") to tell their simulated people apart; read-only, as every caller shares it.
SELF_CARE_ANSWERS = MappingProxyType(
    {
        "breathing_difficulty": "no",
        "sensation": "a cramp",
        "episode_duration": "about a minute",
        "pain_level": "mild",
        "pain_after": "no",
        "frequency": "just once",
        "history": "today",
        "muscle_weakness": "no",
        "visible_change": "no",
        "known_condition": "no",
    }
)

Say = Callable[[str], Reply]
# Answers the question for `slot`; `times` is how often the bot has asked it so far (1 the first time).
Answerer = Callable[[str, int], str]


class FactSheet:
    """A person who answers every question from a fixed sheet, e.g. {"pain_level": "about a 3"}."""

    def __init__(self, answers: Mapping[str, object], default: str = "I don't know"):
        self.answers = {slot: str(text) for slot, text in answers.items()}
        self.default = default

    def __call__(self, slot: str, times: int) -> str:
        return self.answers.get(slot, self.default)


@dataclass
class Interview:
    opening: str
    turns: list[tuple[str, Reply]] = field(default_factory=list)  # each user message with the bot's reply

    @property
    def last(self) -> Reply | None:
        return self.turns[-1][1] if self.turns else None

    @property
    def result(self) -> dict | None:
        """The triage payload that ended the check, if any."""
        return self.last.triage if self.last else None

    @property
    def emergency(self) -> bool:
        return any(reply.emergency for _, reply in self.turns)

    @property
    def asked(self) -> list[str]:
        """The slots the bot asked about, in order, repeats included."""
        return [reply.asked for _, reply in self.turns if reply.asked]

    @property
    def ask_counts(self) -> Counter:
        return Counter(self.asked)

    @property
    def finished(self) -> bool:
        return self.result is not None or self.emergency

    def transcript(self) -> str:
        lines = []
        for text, reply in self.turns:
            lines.append(f"user: {text}")
            lines += [
                f"bot [{m.get('response') or 'text'}]: {m.get('text') or m.get('custom')}" for m in reply.messages
            ]
        return "\n".join(lines)


def run_interview(
    say: Say, opening: str, answer: Answerer, max_turns: int = MAX_TURNS, accept_offer: str | None = None
) -> Interview:
    """Sends the opening, then answers every question until a result, an emergency, or a reply that asks nothing.

    With `accept_offer`, a person whose opening got an article answer and the offer of a check says that
    ("yes") once and goes on with the check.
    """
    interview = Interview(opening)
    text = opening
    for _ in range(max_turns):
        reply = say(text)
        interview.turns.append((text, reply))
        if interview.finished:
            break
        if reply.asked is None:
            if not (accept_offer and reply.offers_check and text != accept_offer):
                break
            text = accept_offer
            continue
        text = answer(reply.asked, interview.ask_counts[reply.asked])
    return interview
