"""Where a long conversation's checkpoint goes, and the prefix that stands for everything before it.

On every turn Rasa rebuilds the tracker from each event of the session, featurizes all of it for the policies and
sends all of it to the action server, so a turn cost more the longer the conversation had gone on (issue 23,
section 1). The tracker store (addons/tracker_store.py) therefore hands Rasa the conversation from its latest
checkpoint on: a prefix, then the stored events after the checkpoint. The prefix reads like the start of a
session that carried everything over: `session_started`, the slots that differ from their initial value, and any
emergency answer of the session before the checkpoint (muscle_triage/feedback.py never asks for a rating in a
session that had one). The stored conversation is never shortened: only what Rasa reads per turn is.

A checkpoint moves only to the start of a turn (an action_listen right before the person's message) where no
form is active, and keeps at least KEEP_TURNS turns after it: the rules look back a turn or two, and a symptom
check, however often interrupted, stays in view whole until KEEP_TURNS turns after it ended, for what reads it
afterwards. It moves once MOVE_AT_TURNS turns have piled up after it, so Rasa reads between KEEP_TURNS and
MOVE_AT_TURNS turns whatever the conversation's length (docs/performance.md, "A long conversation").
"""

from collections.abc import Sequence

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, Restarted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

from muscle_triage.feedback import EMERGENCY_RESPONSE

KEEP_TURNS = 8
MOVE_AT_TURNS = 2 * KEEP_TURNS
PREFIX_MARK = "checkpoint_prefix"  # in the metadata of the prefix's events, which are never stored as events


def prefix_length(events: Sequence[Event]) -> int:
    """How many events at the start come from a checkpoint's prefix (0: the tracker was read without one)."""
    length = 0
    while length < len(events) and (events[length].metadata or {}).get(PREFIX_MARK):
        length += 1
    return length


def _turn_starts(events: Sequence[Event], start: int) -> list[int]:
    return [
        index
        for index in range(start, len(events) - 1)
        if isinstance(events[index], ActionExecuted)
        and events[index].action_name == ACTION_LISTEN_NAME
        and isinstance(events[index + 1], UserUttered)
    ]


def _is_emergency_answer(event: BotUttered) -> bool:
    return (event.metadata or {}).get("utter_action") == EMERGENCY_RESPONSE


def next_checkpoint(events: Sequence[Event], start: int, slots: Sequence[Slot]) -> tuple[int, list[Event]] | None:
    """Where the conversation should be read from from now on, as an index into `events`, and the prefix that
    stands for the events before it; None while fewer than MOVE_AT_TURNS turns follow `start` (the first stored
    event of what was read), or when every turn start that leaves KEEP_TURNS after it is inside a form."""
    starts = _turn_starts(events, start)
    if len(starts) < MOVE_AT_TURNS:
        return None
    candidates = {index for index in starts[: len(starts) - KEEP_TURNS + 1] if index > start}
    replay = DialogueStateTracker("checkpoint", slots)
    emergencies: list[BotUttered] = []
    chosen: tuple[int, list[Event]] | None = None
    for index, event in enumerate(events[: max(candidates, default=0) + 1]):
        if index in candidates and replay.active_loop_name is None:
            chosen = (index, _prefix(replay, emergencies, events[index - 1].timestamp))
        replay.update(event)
        if isinstance(event, SessionStarted | Restarted):
            emergencies = []
        elif isinstance(event, BotUttered) and _is_emergency_answer(event):
            emergencies.append(event)
    return chosen


def _prefix(replay: DialogueStateTracker, emergencies: list[BotUttered], at: float) -> list[Event]:
    """The prefix at the replay's point: marked events, stamped with the time of the last event they stand for."""
    mark = {PREFIX_MARK: True}
    carried = [
        SlotSet(name, slot.value, timestamp=at, metadata=mark)
        for name, slot in replay.slots.items()
        if slot.value != slot.initial_value
    ]
    answers = [
        BotUttered(event.text, event.data, {**event.metadata, **mark}, timestamp=event.timestamp)
        for event in emergencies
    ]
    return [SessionStarted(timestamp=at, metadata=mark), *carried, *answers]
