"""A whole symptom check over REST: open, answer each question the bot asks, stop at a result."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, List, Mapping, Optional, Tuple

from rest_driver.client import Reply

# A full check asks at most 11 questions, each at most twice; beyond this the conversation is stuck.
MAX_TURNS = 30

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
    turns: List[Tuple[str, Reply]] = field(default_factory=list)  # each user message with the bot's reply

    @property
    def last(self) -> Optional[Reply]:
        return self.turns[-1][1] if self.turns else None

    @property
    def result(self) -> Optional[dict]:
        """The triage payload that ended the check, if any."""
        return self.last.triage if self.last else None

    @property
    def emergency(self) -> bool:
        return any(reply.emergency for _, reply in self.turns)

    @property
    def asked(self) -> List[str]:
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
            lines += [f"bot [{m.get('response') or 'text'}]: {m.get('text') or m.get('custom')}"
                      for m in reply.messages]
        return "\n".join(lines)


def run_interview(say: Say, opening: str, answer: Answerer, max_turns: int = MAX_TURNS) -> Interview:
    """Sends the opening, then answers every question until a result, an emergency, or a reply that asks nothing."""
    interview = Interview(opening)
    text = opening
    for _ in range(max_turns):
        reply = say(text)
        interview.turns.append((text, reply))
        if interview.finished or reply.asked is None:
            break
        text = answer(reply.asked, interview.ask_counts[reply.asked])
    return interview
