"""Rasa's SQL tracker store (SQLite in endpoints.yml, PostgreSQL in endpoints.scale-out.yml) that forgets.

1. "Forget me". Once a person has confirmed, the bot answers with FORGET_RESPONSE (data/rules/privacy.yml). When
   the turn that holds that answer is saved, this store deletes every event of the conversation instead of
   saving the turn. The deletion has to happen here: the action server cannot reach the tracker store, and Rasa
   saves the turn after its last action, so a deletion made any earlier would be written back at once. `save`
   runs inside the conversation's lock (Agent.handle_message holds the lock store's lock for the whole turn), so
   no other Rasa server can be appending to the same conversation meanwhile. The confirmation is a plain
   response, so forgetting works in every channel and even with the action server down.
2. Retention. `delete_inactive_since` removes whole conversations whose latest event is older than a cutoff
   (ops/purge_conversations.py, `make purge-conversations`). A conversation still in use is never cut in half.
3. Speed. Every turn reads the conversation and saves its new events. Rasa's own store does both through the ORM
   (a query object and its cache key for every query, a count, one flushed object per event), and turning each
   stored event back into an Event walks all of Event's subclasses: 16 ms a turn on SQLite. Here the same table,
   rows and queries are SQLAlchemy Core statements built once, and event classes are looked up by type name:
   7.5 ms (`bench/sqlite_turn_cost.py`; docs/performance.md, "Saving a turn").
4. A long conversation. Each turn Rasa reads the latest session from here and works over every event of it, so a
   turn's cost grew with the conversation. `retrieve` hands it the conversation from its checkpoint on instead, a
   prefix that carries the slots over and then the stored events after the checkpoint; `save` moves the checkpoint
   forward once enough turns have followed it (addons/conversation_checkpoint.py says where and why). The events
   table still holds every event: the full tracker, "forget me", retention and the markers report read it whole.
"""

import functools
import json

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import all_subclasses

from addons.conversation_checkpoint import next_checkpoint, prefix_length

FORGET_RESPONSE = "utter_conversation_deleted"

_EVENTS = SQLTrackerStore.SQLEvent.__table__
_OF_SENDER = _EVENTS.c.sender_id == sa.bindparam("sender_id")
_LATEST_SESSION_START = (
    sa.select(sa.func.max(_EVENTS.c.timestamp))
    .where(_OF_SENDER, _EVENTS.c.type_name == SessionStarted.type_name)
    .scalar_subquery()
)
# Rasa's own rule (SQLTrackerStore._event_query): the latest session is every event from the latest SessionStarted
# on, or all events when there is none; ordered by id, as timestamps need not be unique.
_IN_LATEST_SESSION = sa.or_(_EVENTS.c.timestamp >= _LATEST_SESSION_START, _LATEST_SESSION_START.is_(None))
_ALL_SESSIONS_DATA = sa.select(_EVENTS.c.data).where(_OF_SENDER).order_by(_EVENTS.c.id)
_LATEST_SESSION_DATA = _ALL_SESSIONS_DATA.where(_IN_LATEST_SESSION)
_LATEST_SESSION_COUNT = sa.select(sa.func.count()).select_from(_EVENTS).where(_OF_SENDER, _IN_LATEST_SESSION)
_INSERT = _EVENTS.insert()

# One row per conversation that has one: the id of the last stored event the prefix (a JSON list of events)
# stands for. Conversations read from a checkpoint are the events after that id, the prefix first.
_CHECKPOINTS = sa.Table(
    "conversation_checkpoints",
    sa.MetaData(),
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("event_id", sa.Integer, nullable=False),
    sa.Column("prefix", sa.Text, nullable=False),
)
_CHECKPOINT_OF_SENDER = _CHECKPOINTS.c.sender_id == sa.bindparam("sender_id")
_CHECKPOINT = sa.select(_CHECKPOINTS.c.event_id, _CHECKPOINTS.c.prefix).where(_CHECKPOINT_OF_SENDER)
_AFTER_CHECKPOINT = _EVENTS.c.id > sa.select(_CHECKPOINTS.c.event_id).where(_CHECKPOINT_OF_SENDER).scalar_subquery()
_SINCE_CHECKPOINT_ROWS = (
    sa.select(_EVENTS.c.type_name, _EVENTS.c.data).where(_OF_SENDER, _AFTER_CHECKPOINT).order_by(_EVENTS.c.id)
)
_SINCE_CHECKPOINT_COUNT = sa.select(sa.func.count()).select_from(_EVENTS).where(_OF_SENDER, _AFTER_CHECKPOINT)
# The id of the stored event at position `position` of what was read (from the checkpoint on, or the latest session).
_NTH_ID = {
    after_checkpoint: sa.select(_EVENTS.c.id)
    .where(_OF_SENDER, _AFTER_CHECKPOINT if after_checkpoint else _IN_LATEST_SESSION)
    .order_by(_EVENTS.c.id)
    .offset(sa.bindparam("position"))
    .limit(1)
    for after_checkpoint in (True, False)
}


# The key of the PostgreSQL advisory lock that create_tables holds (any number of our own; "muscle" in ASCII).
TABLES_LOCK = 0x6D7573636C65


def create_tables(engine: sa.engine.Engine) -> None:
    """Creates the tables this store uses, Rasa's `events` and `conversation_checkpoints`, where they are missing.
    Rasa servers that start at the same moment on a new PostgreSQL database would each find a table missing and each
    create it, and all but one fail (a UniqueViolation on pg_type_typname_nsp_index: checking and creating are two
    steps, even with IF NOT EXISTS). On PostgreSQL the creation therefore runs under a transaction-level advisory
    lock, one server after another; a server that waited finds the tables there and creates nothing."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": TABLES_LOCK})
        _EVENTS.metadata.create_all(connection, tables=[_EVENTS])
        _CHECKPOINTS.metadata.create_all(connection)


@functools.cache
def _event_classes() -> dict[str, type[Event]]:
    """Event classes by type name, first one wins as in Event.resolve_by_type. Built on first use, once every
    event class is imported."""
    classes: dict[str, type[Event]] = {}
    for event_class in all_subclasses(Event):
        classes.setdefault(event_class.type_name, event_class)
    return classes


def _event(data: dict) -> Event | None:
    """Event.from_parameters, with the class found by name rather than by walking Event's subclasses."""
    event_class = _event_classes().get(data.get("event") or "")
    return event_class._from_parameters(data) if event_class else Event.from_parameters(data)


def confirms_forgetting(tracker: DialogueStateTracker) -> bool:
    """True when the latest turn (everything after the latest user message) gave the deletion's confirmation."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_RESPONSE:
            return True
    return False


class ForgettingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore, configured with the same keys (dialect, db, url, port, username, password, ...)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)  # creates `events` as Rasa does: when several race, it waits and tries again
        create_tables(self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if confirms_forgetting(tracker):
            self.delete_conversation(tracker.sender_id)
            return
        await self.stream_events(tracker)
        events = list(tracker.events)
        prefix = prefix_length(events)
        sender = {"sender_id": tracker.sender_id}
        with self.session_scope() as session:
            stored = session.execute(_SINCE_CHECKPOINT_COUNT if prefix else _LATEST_SESSION_COUNT, sender).scalar()
            new_events = events[prefix + stored :]
            if new_events:
                session.execute(_INSERT, [self._row(tracker.sender_id, event) for event in new_events])
                if not any(isinstance(event, SessionStarted) for event in new_events):
                    self._move_checkpoint(session, tracker.sender_id, events, prefix)
                session.commit()

    def _move_checkpoint(self, session: sa.orm.Session, sender_id: str, events: list[Event], prefix: int) -> None:
        """Moves the conversation's checkpoint forward once enough turns follow it. `events` after the prefix are
        the stored rows that were read (after the checkpoint, or the latest session's) and the turn just saved.
        Not in a turn that began a session: the next read starts from that session, with no checkpoint."""
        moved = next_checkpoint(events, prefix, self.domain.slots)
        if moved is None:
            return
        cut, new_prefix = moved
        position = {"sender_id": sender_id, "position": cut - prefix - 1}
        last_covered = session.execute(_NTH_ID[bool(prefix)], position).scalar()
        session.execute(_CHECKPOINTS.delete().where(_CHECKPOINT_OF_SENDER), {"sender_id": sender_id})
        prefix_json = json.dumps([event.as_dict() for event in new_prefix])
        checkpoint = {"sender_id": sender_id, "event_id": last_covered, "prefix": prefix_json}
        session.execute(_CHECKPOINTS.insert(), checkpoint)

    @staticmethod
    def _row(sender_id: str, event: Event) -> dict:
        """The row Rasa's SQLTrackerStore.save writes for an event."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        sender = {"sender_id": sender_id}
        with self.session_scope() as session:
            stored = None if fetch_events_from_all_sessions else self._since_checkpoint(session, sender)
            if stored is None:
                query = _ALL_SESSIONS_DATA if fetch_events_from_all_sessions else _LATEST_SESSION_DATA
                stored = [json.loads(data) for data in session.execute(query, sender).scalars()]
        if not (self.domain and stored):
            return None
        events = [event for event in map(_event, stored) if event is not None]
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    @staticmethod
    def _since_checkpoint(session: sa.orm.Session, sender: dict) -> list[dict] | None:
        """The checkpoint's prefix and the events after it; None without a checkpoint or when a session has
        begun since (the latest session is then read as usual)."""
        checkpoint = session.execute(_CHECKPOINT, sender).first()
        if checkpoint is None:
            return None
        rows = session.execute(_SINCE_CHECKPOINT_ROWS, sender).all()
        if any(type_name == SessionStarted.type_name for type_name, _ in rows):
            return None
        return json.loads(checkpoint.prefix) + [json.loads(data) for _, data in rows]

    def delete_conversation(self, sender_id: str) -> int:
        """Deletes every event of one conversation (all its sessions); returns how many."""
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.execute(_CHECKPOINTS.delete().where(_CHECKPOINT_OF_SENDER), {"sender_id": sender_id})
            session.commit()
        return deleted

    def delete_inactive_since(self, cutoff: float) -> list[str]:
        """Deletes the conversations whose latest event is older than `cutoff` (a Unix time); returns their ids."""
        inactive = (
            sa.select(self.SQLEvent.sender_id)
            .group_by(self.SQLEvent.sender_id)
            .having(sa.func.max(self.SQLEvent.timestamp) < cutoff)
        )
        with self.session_scope() as session:
            senders = [sender for (sender,) in session.execute(inactive)]
            if senders:
                session.execute(_CHECKPOINTS.delete().where(_CHECKPOINTS.c.sender_id.in_(inactive.scalar_subquery())))
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id.in_(inactive.scalar_subquery())).delete(
                    synchronize_session=False
                )
                session.commit()
        return senders
