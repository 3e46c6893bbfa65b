"""A long conversation through the tracker store (addons/tracker_store.py, addons/conversation_checkpoint.py): Rasa
reads it from a checkpoint, so what it reads stays short, while every event is still stored; on real SQLite files,
turn by turn as Rasa's processor does (read the conversation, add the turn, save)."""

import asyncio
import sqlite3
import time
from pathlib import Path

import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.conversation_checkpoint import KEEP_TURNS, MOVE_AT_TURNS, prefix_length
from addons.tracker_store import FORGET_RESPONSE, ForgettingSQLTrackerStore
from muscle_triage import feedback

PROJECT = Path(__file__).resolve().parents[1]
DOMAIN = Domain.load(PROJECT / "domain.yml")
START = time.time() - 3600


def question(number: int, *extra) -> list:
    """An answered article question; `extra` events come after the answer."""
    at = START + 10 * number
    return [
        UserUttered(f"question {number}", {"name": "ask_causes", "confidence": 1.0}, timestamp=at),
        ActionExecuted("action_answer_question", timestamp=at + 1),
        BotUttered(f"answer {number}", timestamp=at + 2),
        SlotSet("feedback_asked", number % 2 == 0, timestamp=at + 2),
        *extra,
        ActionExecuted("action_listen", timestamp=at + 3),
    ]


def session_start(at: float) -> list:
    return [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at),
        ActionExecuted("action_listen", timestamp=at),
    ]


def play(store, sender: str, turns: list[list]) -> list:
    """Saves the turns one at a time, each on the tracker read back from the store; returns every event played."""
    played = []
    for events in turns:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, slots=DOMAIN.slots)
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))
        played += events
    return played


def read(store, sender: str) -> DialogueStateTracker:
    return asyncio.run(store.retrieve(sender))


def turns_read(tracker: DialogueStateTracker) -> int:
    return sum(isinstance(event, UserUttered) for event in tracker.events)


def stored_data(db: Path, sender: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        query = "SELECT data FROM events WHERE sender_id = ? ORDER BY id"
        return [data for (data,) in connection.execute(query, (sender,))]


def checkpoints(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [sender for (sender,) in connection.execute("SELECT sender_id FROM conversation_checkpoints")]


def store_in(tmp_path: Path, name: str = "ours.db"):
    return ForgettingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / name))


def long_conversation(questions: int, first_extra=()) -> list[list]:
    return [session_start(START), question(0, *first_extra), *(question(n) for n in range(1, questions))]


def test_a_long_conversation_is_read_from_its_checkpoint_and_stored_whole(tmp_path):
    ours = store_in(tmp_path)
    rasas = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    turns = long_conversation(60, [SlotSet("body_part", "calf", timestamp=START)])
    for store in (ours, rasas):
        play(store, "me", turns)

    assert stored_data(tmp_path / "ours.db", "me") == stored_data(tmp_path / "rasa.db", "me"), "not stored whole"
    full, theirs = asyncio.run(ours.retrieve_full_tracker("me")), asyncio.run(rasas.retrieve_full_tracker("me"))
    assert list(full.events) == list(theirs.events)

    latest = read(ours, "me")
    assert KEEP_TURNS <= turns_read(latest) < MOVE_AT_TURNS, "the checkpoint did not move with the conversation"
    assert prefix_length(latest.events) > 0
    assert latest.current_slot_values() == theirs.current_slot_values(), "a slot from before the checkpoint was lost"
    assert latest.get_slot("body_part") == "calf"
    assert latest.latest_message.text == "question 59"


def test_what_is_read_stays_short_however_long_the_conversation(tmp_path):
    store = store_in(tmp_path)
    lengths = []
    play(store, "me", [session_start(START)])
    for block in range(6):
        play(store, "me", [question(block * 20 + n) for n in range(20)])
        lengths.append(len(read(store, "me").events))
    # After 120 turns, no more than after the first 20 (give or take a carried slot).
    assert max(lengths) < lengths[0] + len(question(0)), lengths


def test_a_form_stays_in_view_whole_until_keep_turns_after_it_ended(tmp_path):
    store = store_in(tmp_path)
    form_start = [
        UserUttered("my calf cramps", {"name": "describe_symptom", "confidence": 1.0}, timestamp=START + 5),
        ActionExecuted("symptom_form", timestamp=START + 6),
        ActiveLoop("symptom_form", timestamp=START + 6),
        ActionExecuted("action_listen", timestamp=START + 7),
    ]
    interruptions = [question(n, ActionExecuted("symptom_form"), ActiveLoop("symptom_form")) for n in range(1, 31)]
    form_end = question(31, ActionExecuted("symptom_form"), ActiveLoop(None))
    play(store, "me", [session_start(START), form_start, *interruptions, form_end])

    during = read(store, "me")
    assert during.latest_message.text == "question 31" and any(
        isinstance(event, UserUttered) and event.text == "my calf cramps" for event in during.events
    ), "the checkpoint moved into the middle of the check"

    play(store, "me", [question(n) for n in range(32, 32 + MOVE_AT_TURNS)])
    after = read(store, "me")
    assert after.active_loop_name is None and turns_read(after) < MOVE_AT_TURNS, "the finished check is still read"


def test_an_emergency_answer_before_the_checkpoint_is_still_seen_by_the_feedback(tmp_path):
    store = store_in(tmp_path)
    emergency = BotUttered("get help now", metadata={"utter_action": feedback.EMERGENCY_RESPONSE}, timestamp=START)
    play(store, "me", long_conversation(40, [emergency]))
    latest = read(store, "me")
    assert turns_read(latest) < MOVE_AT_TURNS
    assert feedback.had_emergency(event.as_dict() for event in latest.events)


def test_a_new_session_after_a_checkpoint_is_read_alone(tmp_path):
    store = store_in(tmp_path)
    play(store, "me", long_conversation(40, [SlotSet("body_part", "calf", timestamp=START)]))
    assert checkpoints(tmp_path / "ours.db") == ["me"]
    later = START + 3000
    play(store, "me", [[*session_start(later), *question(300)]])
    latest = read(store, "me")
    assert isinstance(latest.events[1], SessionStarted) and prefix_length(latest.events) == 0
    assert latest.get_slot("body_part") is None, "a slot of the earlier session came back"
    assert turns_read(latest) == 1


def test_forgetting_deletes_the_checkpoint_with_the_conversation(tmp_path):
    store = store_in(tmp_path)
    play(store, "me", long_conversation(40))
    play(store, "someone-else", long_conversation(40))
    assert sorted(checkpoints(tmp_path / "ours.db")) == ["me", "someone-else"]
    confirm = [UserUttered("yes", {"name": "affirm", "confidence": 1.0}), ActionExecuted(FORGET_RESPONSE)]
    play(store, "me", [confirm])
    assert checkpoints(tmp_path / "ours.db") == ["someone-else"]
    assert read(store, "me") is None and stored_data(tmp_path / "ours.db", "me") == []


def test_retention_deletes_the_checkpoints_of_the_conversations_it_deletes(tmp_path):
    store = store_in(tmp_path)
    play(store, "old", long_conversation(40))
    store.delete_inactive_since(time.time() - 60)  # "old" ended about 50 minutes ago
    assert checkpoints(tmp_path / "ours.db") == [] and stored_data(tmp_path / "ours.db", "old") == []


def test_the_long_conversation_cases_play_past_a_checkpoint():
    cases = yaml.safe_load((PROJECT / "tests/conversations/long_conversation.yml").read_text(encoding="utf-8"))["cases"]
    for case in cases:
        questions = [step for step in case["steps"] if step.get("bot") == "Article section"]
        assert len(questions) > MOVE_AT_TURNS, case["case"]
