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
"""

import functools
import itertools
import json

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import all_subclasses

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

    async def save(self, tracker: DialogueStateTracker) -> None:
        if confirms_forgetting(tracker):
            self.delete_conversation(tracker.sender_id)
            return
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = session.execute(_LATEST_SESSION_COUNT, {"sender_id": tracker.sender_id}).scalar()
            rows = [self._row(tracker.sender_id, event) for event in itertools.islice(tracker.events, stored, None)]
            if rows:
                session.execute(_INSERT, rows)
                session.commit()

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
        query = _ALL_SESSIONS_DATA if fetch_events_from_all_sessions else _LATEST_SESSION_DATA
        with self.session_scope() as session:
            stored = [json.loads(data) for data in session.execute(query, {"sender_id": sender_id}).scalars()]
        if not (self.domain and stored):
            return None
        events = [event for event in map(_event, stored) if event is not None]
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    def delete_conversation(self, sender_id: str) -> int:
        """Deletes every event of one conversation (all its sessions); returns how many."""
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
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
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id.in_(inactive.scalar_subquery())).delete(
                    synchronize_session=False
                )
                session.commit()
        return senders
