"""Rasa's SQL tracker store (SQLite in endpoints.yml, PostgreSQL in endpoints.scale-out.yml) that forgets.

1. "Forget me". Once a person has confirmed, the bot answers with FORGET_RESPONSE (data/rules/privacy.yml). When
   the turn that holds that answer is saved, this store deletes every event of the conversation instead of
   saving the turn. The deletion has to happen here: the action server cannot reach the tracker store, and Rasa
   saves the turn after its last action, so a deletion made any earlier would be written back at once. `save`
   runs inside the conversation's lock (Agent.handle_message holds the lock store's lock for the whole turn), so
   no other Rasa server can be appending to the same conversation meanwhile. The confirmation is a plain
   response, so forgetting works in every channel and even with the action server down.
2. Retention. `delete_inactive_since` removes whole conversations whose latest event is older than a cutoff
   (scripts/purge_conversations.py, `make purge-conversations`). A conversation still in use is never cut in half.
"""

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

FORGET_RESPONSE = "utter_conversation_deleted"


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
        await super().save(tracker)

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
