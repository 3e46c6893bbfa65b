"""The forgetting tracker store (addons/tracker_store.py) and the retention purge, on real SQLite files.

Every check reads the database file itself with sqlite3, not through Rasa.
"""

import asyncio
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.tracker_store import FORGET_RESPONSE, ForgettingSQLTrackerStore, confirms_forgetting
from ops import purge_conversations

PROJECT = Path(__file__).resolve().parents[1]
DOMAIN = Domain.load(PROJECT / "domain.yml")
DAY = 86400


def turn(text: str, action: str, at: float):
    return [
        UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=at),
        ActionExecuted(action, timestamp=at + 0.1),
        BotUttered("a reply", timestamp=at + 0.2),
        ActionExecuted("action_listen", timestamp=at + 0.3),
    ]


def conversation(sender: str, *turns) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, slots=[])
    start = turns[0][0].timestamp - 1 if turns and turns[0] else time.time()
    tracker.update(ActionExecuted("action_session_start", timestamp=start))
    tracker.update(SessionStarted(timestamp=start))
    tracker.update(ActionExecuted("action_listen", timestamp=start))
    for events in turns:
        for event in events:
            tracker.update(event)
    return tracker


def stored(db: Path):
    """{sender: number of events} straight from the database file."""
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id").fetchall())


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "conversations.db"
    return ForgettingSQLTrackerStore(dialect="sqlite", db=str(db)), db


def save(store, tracker):
    asyncio.run(store.save(tracker))


def test_a_confirmed_deletion_removes_every_event_of_that_conversation_only(store):
    store, db = store
    now = time.time()
    mine = conversation(
        "me",
        turn("hello", "utter_greet", now - 3 * DAY),
        turn("what causes cramps", "action_answer_question", now - 60),
    )
    save(store, mine)
    # A second session of the same conversation, and someone else's conversation.
    for event in [
        ActionExecuted("action_session_start", timestamp=now - 50),
        SessionStarted(timestamp=now - 50),
        ActionExecuted("action_listen", timestamp=now - 50),
        *turn("delete my conversation", "utter_confirm_forget_conversation", now - 40),
    ]:
        mine.update(event)
    save(store, mine)
    save(store, conversation("someone-else", turn("hi", "utter_greet", now - 30)))
    before = stored(db)
    assert before["me"] == len(mine.events) and before["someone-else"] > 0

    for event in turn("yes", FORGET_RESPONSE, now - 10):
        mine.update(event)
    save(store, mine)

    after = stored(db)
    assert "me" not in after, "events of the forgotten conversation are still stored"
    assert after == {"someone-else": before["someone-else"]}


def test_a_turn_without_the_confirmation_is_saved_as_usual(store):
    store, db = store
    tracker = conversation("me", turn("delete my conversation", "utter_confirm_forget_conversation", time.time()))
    save(store, tracker)
    for event in turn("no", "utter_conversation_kept", time.time()):
        tracker.update(event)
    save(store, tracker)
    assert stored(db) == {"me": len(tracker.events)}


def test_only_the_latest_turn_counts_as_the_confirmation():
    tracker = conversation("me", turn("yes", FORGET_RESPONSE, time.time() - 5))
    assert confirms_forgetting(tracker)
    tracker.update(UserUttered("hi again", timestamp=time.time()))
    assert not confirms_forgetting(tracker)


def seed_old_and_new(store, now):
    """Two conversations last used 40 and 31 days ago, two used today and yesterday, and an old one in use again."""
    save(store, conversation("old-40-days", turn("hi", "utter_greet", now - 40 * DAY)))
    save(
        store,
        conversation(
            "old-31-days",
            turn("hi", "utter_greet", now - 31 * DAY),
            turn("what is a spasm", "action_answer_question", now - 31 * DAY + 600),
        ),
    )
    save(store, conversation("new-today", turn("hi", "utter_greet", now - 3600)))
    save(store, conversation("new-yesterday", turn("hi", "utter_greet", now - DAY)))
    save(
        store,
        conversation(
            "old-but-back-today",
            turn("hi", "utter_greet", now - 90 * DAY),
            turn("what is a twitch", "action_answer_question", now - 600),
        ),
    )


def test_retention_removes_whole_conversations_inactive_since_the_cutoff(store):
    store, db = store
    now = time.time()
    seed_old_and_new(store, now)
    before = stored(db)

    deleted = store.delete_inactive_since(now - 30 * DAY)

    assert sorted(deleted) == ["old-31-days", "old-40-days"]
    after = stored(db)
    assert after == {name: count for name, count in before.items() if not name.startswith("old-") or "back" in name}
    assert after["old-but-back-today"] == before["old-but-back-today"], "a conversation in use lost old events"


def test_purge_conversations_deletes_only_the_old_ones(tmp_path, capsys):
    db = tmp_path / "conversations.db"
    store = ForgettingSQLTrackerStore(dialect="sqlite", db=str(db))
    now = time.time()
    seed_old_and_new(store, now)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "action_endpoint:\n  url: http://localhost:${ACTIONS_PORT}/webhook\n"
        f"tracker_store:\n  type: addons.tracker_store.ForgettingSQLTrackerStore\n  dialect: sqlite\n  db: {db}\n",
        encoding="utf-8",
    )

    assert purge_conversations.main(["--endpoints", str(endpoints)]) == 0  # the default: 30 days
    assert "Deleted 2 conversation(s) with no activity in the last 30 days" in capsys.readouterr().out
    assert set(stored(db)) == {"new-today", "new-yesterday", "old-but-back-today"}

    assert purge_conversations.main(["--endpoints", str(endpoints), "--days", "0.5"]) == 0
    assert set(stored(db)) == {"new-today", "old-but-back-today"}


def test_make_purge_conversations_passes_days_and_endpoints_on(tmp_path):
    """The make target itself, run on a real store: its RETENTION_DAYS and ENDPOINTS reach the purge."""
    db = tmp_path / "conversations.db"
    seed_old_and_new(ForgettingSQLTrackerStore(dialect="sqlite", db=str(db)), time.time())
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: addons.tracker_store.ForgettingSQLTrackerStore\n  dialect: sqlite\n  db: {db}\n",
        encoding="utf-8",
    )

    def purge(days: str) -> None:
        subprocess.run(
            ["make", "--no-print-directory", "purge-conversations", f"RETENTION_DAYS={days}", f"ENDPOINTS={endpoints}"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )

    purge("35")
    assert set(stored(db)) == {"new-today", "new-yesterday", "old-31-days", "old-but-back-today"}
    purge("0.5")
    assert set(stored(db)) == {"new-today", "old-but-back-today"}


@pytest.mark.parametrize("days", ["0", "-3", "soon"])
def test_purge_refuses_a_number_of_days_that_makes_no_sense(days, capsys):
    with pytest.raises(SystemExit):
        purge_conversations.main(["--days", days])
    assert "--days" in capsys.readouterr().err


def conversation_in_turns(sender: str, start: float):
    """A conversation with everything a real one stores: two sessions, parse data, slots, the symptom check's form,
    buttons and a custom payload; as the turns Rasa saves one at a time."""
    parse = {
        "intent": {"name": "describe_symptom", "confidence": 0.91},
        "entities": [{"entity": "body_part", "value": "calf", "start": 3, "end": 7}],
        "text": "my calf cramps",
        "intent_ranking": [
            {"name": "describe_symptom", "confidence": 0.91},
            {"name": "ask_causes", "confidence": 0.05},
        ],
    }
    return [
        session_start(start),
        [
            UserUttered("my calf cramps", parse["intent"], parse["entities"], parse, timestamp=start + 1),
            SlotSet("body_part", "calf", timestamp=start + 1),
            ActionExecuted("symptom_form", timestamp=start + 2),
            ActiveLoop("symptom_form", timestamp=start + 2),
            SlotSet("requested_slot", "episode_duration", timestamp=start + 2),
            BotUttered(
                "How long does it last?", {"buttons": [{"title": "Seconds", "payload": "/inform"}]}, timestamp=start + 2
            ),
            ActionExecuted("action_listen", timestamp=start + 3),
        ],
        [
            UserUttered("a minute", {"name": "inform", "confidence": 0.8}, timestamp=start + 4),
            ActionExecuted("action_give_triage", timestamp=start + 5),
            BotUttered("result", {"custom": {"triage": {"level": "self_care"}}}, timestamp=start + 5),
            ActionExecuted("action_listen", timestamp=start + 6),
        ],
        session_start(start + 100),
        turn("what causes cramps", "action_answer_question", start + 101),
    ]


def session_start(at: float):
    return [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at),
        ActionExecuted("action_listen", timestamp=at),
    ]


def save_turn_by_turn(store, sender: str, start: float) -> None:
    """As Rasa's processor does: read the conversation back, add the turn, save."""
    for events in conversation_in_turns(sender, start):
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, slots=DOMAIN.slots)
        for event in events:
            tracker.update(event)
        save(store, tracker)


def rows(db: Path):
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()


def test_the_store_writes_and_reads_exactly_what_rasas_sql_store_does(tmp_path):
    """Our store's own save and retrieve (for speed) against Rasa's SQLTrackerStore, turn by turn."""
    ours = ForgettingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    rasas = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    start = time.time() - 3600
    for store in (ours, rasas):
        save_turn_by_turn(store, "me", start)
        save_turn_by_turn(store, "someone-else", start + 5)

    assert rows(tmp_path / "ours.db") == rows(tmp_path / "rasa.db")
    assert len(rows(tmp_path / "ours.db")) == 2 * sum(len(events) for events in conversation_in_turns("me", start))
    for sender in ("me", "someone-else"):
        for read in ("retrieve", "retrieve_full_tracker"):
            mine = asyncio.run(getattr(ours, read)(sender))
            theirs = asyncio.run(getattr(rasas, read)(sender))
            assert list(mine.events) == list(theirs.events), read
            assert mine.current_state() == theirs.current_state(), read
        latest = asyncio.run(ours.retrieve(sender))
        assert isinstance(latest.events[1], SessionStarted) and len(latest.events) == 3 + 4, "not the latest session"
        assert latest.get_slot("body_part") is None, "a slot of the earlier session came back"
    assert asyncio.run(ours.retrieve("nobody")) is None
