"""What a conversation's tracker holds, turn by turn, to compare with what its client was told."""

from collections import Counter
from collections.abc import Sequence

Turn = tuple[str, list[str]]  # a user message and the bot's texts after it


def stored_turns(events: Sequence[dict]) -> list[Turn]:
    """Each user message in the tracker with the bot texts that follow it, up to the next user message. A bot
    text is split into paragraphs, as the REST channel sends them (Rasa's CollectingOutputChannel)."""
    turns: list[Turn] = []
    for event in events:
        if event["event"] == "user":
            turns.append((event.get("text"), []))
        elif event["event"] == "bot" and event.get("text") and turns:
            turns[-1][1].extend(event["text"].strip().split("\n\n"))
    return turns


def score_at_once(sent: dict[str, list[str] | None], stored: list[Turn]) -> Counter:
    """Messages sent at the same moment (so in no order), each text once: `sent` maps each to the reply texts
    its client got, or None for an error. Counts kept / reordered / lost / failed (see test_lock_race.py)."""
    counts: Counter = Counter()
    for text, reply in sent.items():
        at = next((i for i, (said, _) in enumerate(stored) if said == text), None)
        if not reply:
            counts["failed"] += 1
        elif at is None:
            counts["lost"] += 1
        elif stored[at][1] == reply:
            counts["kept"] += 1
        elif _contains([bot for _, bots in stored[at:] for bot in bots], reply):
            counts["reordered"] += 1  # its reply is there, but after another message
        else:
            counts["lost"] += 1
    return counts


def score_in_order(completed: list[Turn], stored: list[Turn]) -> Counter:
    """One client's completed turns (each message that got a reply, in the order sent) against the tracker:
    kept if the tracker has them in the same order, each with exactly its reply, else lost. Turns the tracker
    has besides them (a message whose reply never arrived, sent again) are allowed."""
    counts: Counter = Counter()
    position = 0
    for text, reply in completed:
        found = next((i for i in range(position, len(stored)) if stored[i] == (text, reply)), None)
        if found is None:
            counts["lost"] += 1
        else:
            counts["kept"] += 1
            position = found + 1
    return counts


def _contains(texts: list[str], part: list[str]) -> bool:
    return any(texts[i : i + len(part)] == part for i in range(len(texts) - len(part) + 1))
