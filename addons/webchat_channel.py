"""Rasa's socketio input channel, fixed for the web chat: custom payloads arrive, other sites' pages don't.

1. Custom payloads. Rasa 3.6's SocketIOOutput.send_custom_json calls ``sio.emit(event, **json_message)``: it
   expects a payload shaped like emit()'s own arguments (``{"data": {...}}``, see RasaHQ/rasa#3823). The triage
   action sends ``{"triage": {...}}`` (muscle_triage/triage/reply.py), which made emit() raise a TypeError, so the card
   never reached the browser and any later message of the same reply was lost. Here such a payload is emitted
   as the message itself, which is what rasa-webchat hands to its customComponent. Payloads in Rasa's own
   ``{"data": ...}`` shape still go out as before.
2. Origins. ``rasa run --cors`` only covers HTTP (socket.io's long-polling); browsers apply no CORS to
   WebSockets, and Rasa's channel accepts a socket.io connection from any page. Here a connection whose
   Origin header is not in WEB_ORIGIN (default http://localhost:8000, see addons/web_origins.py) is
   refused; clients that send no Origin (scripts, curl) are not browsers and are let in, as before.

3. Never silent, like the REST channel (addons/channels.py): a turn with no reply gets an apology. A message event
   the channel cannot read (not an object, no session, a `message` that is not text, metadata that is not JSON)
   gets a short answer to the sending socket instead of an exception and silence, and an over-long message is cut
   before the NLU pipeline, as on REST.
4. A response's `metadata` (domain.yml) reaches the browser with its text: utter_emergency's `alert: true` makes
   the page announce it at once, as an alert (web/chat-access.js). Rasa's channel sent the text alone.

Everything else is Rasa's channel unchanged, and it keeps the name ``socketio``. credentials.yml enables it as
``addons.webchat_channel.SocketIOInput`` (``rasa run`` puts the working directory on sys.path, and the
Makefile runs it from the project root).
"""

import json
import logging
from typing import Any, Optional

from rasa.core.channels import socketio

from addons.channels import capped, never_silent
from addons.web_origins import web_origins

logger = logging.getLogger(__name__)

UNREADABLE_EVENT = (
    "Sorry, that message didn't come through in a form I can read. Please type it again. If you have difficulty "
    "breathing, call your local emergency number now."
)
# The keyword arguments of python-socketio's AsyncServer.emit() that Rasa's convention may fill.
EMIT_ARGUMENTS = frozenset({"data", "to", "room", "skip_sid", "namespace", "callback"})


class SocketIOOutput(socketio.SocketIOOutput):
    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        metadata = kwargs.get("metadata")
        if not metadata:
            await super().send_text_message(recipient_id, text, **kwargs)
            return
        for message_part in text.strip().split("\n\n"):  # as Rasa's channel splits a text
            await self._send_message(recipient_id, {"text": message_part, "metadata": metadata})

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        if set(json_message) <= EMIT_ARGUMENTS:
            await super().send_custom_json(recipient_id, dict(json_message), **kwargs)
        else:
            await self._send_message(recipient_id, json_message)


class SocketIOInput(socketio.SocketIOInput):
    def __init__(self, *args: Any, allowed_origins: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_origins = list(allowed_origins) if allowed_origins is not None else web_origins()

    def origin_allowed(self, origin: str | None) -> bool:
        return not origin or "*" in self.allowed_origins or origin in self.allowed_origins

    def get_output_channel(self) -> Optional["socketio.OutputChannel"]:
        channel = super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt) if channel is not None else None

    def blueprint(self, on_new_message):  # type: ignore[no-untyped-def]
        answer = never_silent(on_new_message)

        async def with_our_output(message):  # type: ignore[no-untyped-def]
            # Rasa's handler builds its own SocketIOOutput for each user message; swap in ours.
            message.output_channel = SocketIOOutput(message.output_channel.sio, self.bot_message_evt)
            return await answer(message)

        blueprint = super().blueprint(with_our_output)
        sio = self.sio
        namespace = self.namespace or "/"
        rasa_connect = sio.handlers[namespace]["connect"]

        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if not self.origin_allowed(origin):
                logger.warning(f"Refused a socket.io connection from {origin}: not in WEB_ORIGIN.")
                return False
            return await rasa_connect(sid, environ, auth)

        sio.on("connect", connect, namespace=self.namespace)
        rasa_user_uttered = sio.handlers[namespace][self.user_message_evt]

        async def user_uttered(sid: str, data: Any = None) -> None:
            readable = _readable(data, self.session_persistence, self.metadata_key)
            if readable is None:
                await sio.emit(self.bot_message_evt, {"text": UNREADABLE_EVENT}, room=sid, namespace=self.namespace)
                return
            await rasa_user_uttered(sid, readable)

        sio.on(self.user_message_evt, user_uttered, namespace=self.namespace)
        return blueprint


def _readable(data: Any, needs_session: bool, metadata_key: str) -> dict[str, Any] | None:
    """The message event as Rasa's handler can take it (text capped, metadata an object), or None."""
    if not isinstance(data, dict) or (needs_session and not isinstance(data.get("session_id"), str)):
        return None
    metadata = data.get(metadata_key, {})
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            metadata = {}
    # Capped here as well as in never_silent: Rasa's handler strips the text on the way, which a number breaks.
    readable = {**data, "message": capped(data.get("message"))}
    readable[metadata_key] = metadata if isinstance(metadata, dict) else {}
    return readable
