"""Input channels that never leave a person without an answer.

When a turn ends with no bot message at all (the action server is down, or an action failed), the person gets
an apology instead of silence. The conversation state is untouched, so the same conversation continues once
the action server is back. credentials.yml uses this REST channel in place of the built-in `rest`; the web chat's
Socket.IO channel (addons/webchat_channel.py) wraps its turns the same way.

The REST channel also names the domain response behind each message (`"response": "utter_ask_pain_level"`), so
clients and tests recognise a question or the emergency answer by name, not by its wording.

Hostile input is stopped at the channel, before the NLU pipeline spends anything on it: a REST body over
MAX_BODY_BYTES gets a 413, a body that is not a JSON object with a string `message` a 400 (Rasa's channel gave a
500 or a silent `200 []`), and a message over input_check.MAX_CHARACTERS is cut to one character more than that,
so the pipeline answers it as too long without tokenizing 300 KB first (which blocked the server for minutes).

A store that fails (the tracker store's database, the lock store's Redis: restarted, unreachable) fails the turn
as a whole: Rasa saves a turn's events at its end in one transaction, so nothing of it is saved, and what the
turn said is void. The person gets TRY_AGAIN instead: over REST alone, with 503 and Retry-After (Rasa's channel
gave `200 []`, or the turn's replies although they were never saved). Rasa wraps every tracker store in a
FailSafeTrackerStore that would take a conversation it cannot read for a new one, and keep a turn it cannot save
in the server's memory; `fail_loudly` makes its errors fail the turn instead.

`GET /webhooks/rest/ready` says whether the model is loaded (200) or not (503). Rasa's `GET /` answers even when the
model failed to load, and its `GET /status` needs the HTTP API, which is off by default.
"""

import json
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any, NoReturn

import sqlalchemy.exc
from rasa.core.channels import rest
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.lock_store import LockError
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, response
from sanic.request import Request

from muscle_triage.understanding.input_check import MAX_CHARACTERS

# A message the assistant reads is at most MAX_CHARACTERS (up to 4 bytes each in UTF-8, escaped in JSON up to 12),
# plus a sender id and metadata: 64 KB leaves room for all of it.
MAX_BODY_BYTES = 64 * 1024

logger = logging.getLogger(__name__)

APOLOGY = (
    "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment. "
    "If you have difficulty breathing, call your local emergency number now."
)
TRY_AGAIN = (
    "Sorry, I couldn't take that in: part of me is restarting. Please try again in a moment. "
    "If you have difficulty breathing, call your local emergency number now."
)
# A store a turn needs could not be used: the tracker store's database, or the lock store (Redis errors reach
# Rasa as its LockError, as does a conversation locked for longer than the lock lifetime).
STORE_FAILED = (sqlalchemy.exc.DBAPIError, LockError)
RETRY_AFTER_SECONDS = 2


class _CountingOutput(OutputChannel):
    """Passes every message on to the real output channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    def name(self) -> str:  # type: ignore[override]  # channel-specific responses see the real channel
        return self.inner.name()

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)


class _NamedResponses(_CountingOutput):
    """REST replies that carry the name of the domain response they came from (Rasa passes it as utter_action)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        name = message.get("utter_action")
        collected: list[dict[str, Any]] = self.inner.messages
        first_new = len(collected)
        await super().send_response(recipient_id, message)
        if name:
            for sent in collected[first_new:]:
                sent["response"] = name


def capped(text: Any) -> str:
    """The message as the pipeline may read it: text, and never so long that reading it costs more than refusing it."""
    if not isinstance(text, str):
        return ""
    return text[: MAX_CHARACTERS + 1]


def never_silent(
    on_new_message: Callable[[UserMessage], Awaitable[Any]], output: type[_CountingOutput] = _CountingOutput
) -> Callable[[UserMessage], Awaitable[bool]]:
    async def handle(message: UserMessage) -> bool:
        """Runs the turn; False if a store failed, so that nothing of it was saved (TRY_AGAIN was sent)."""
        message.text = capped(message.text)
        counting = output(message.output_channel)
        message.output_channel = counting
        try:
            await on_new_message(message)
        except STORE_FAILED as error:
            logger.warning(f"A turn was not saved, a store failed: {error!r}")
            await counting.inner.send_response(message.sender_id, {"text": TRY_AGAIN})
            return False
        if counting.sent == 0:
            await counting.inner.send_response(message.sender_id, {"text": APOLOGY})
        return True

    return handle


def _fail_the_turn(error: Exception) -> NoReturn:
    raise error


def fail_loudly(tracker_store: object) -> None:
    """A FailSafeTrackerStore's errors fail the turn, instead of a fresh conversation or one kept in memory."""
    if isinstance(tracker_store, FailSafeTrackerStore):
        tracker_store._on_tracker_store_error = _fail_the_turn  # the constructor's on_tracker_store_error


def malformed(request: Request) -> tuple[int, str] | None:
    """(status, reason) when a message request is not one the channel can answer, else None."""
    if len(request.body or b"") > MAX_BODY_BYTES:
        return 413, f"The request is larger than {MAX_BODY_BYTES // 1024} KB."
    if (request.content_type or "").split(";")[0].strip().lower() != "application/json":
        return 415, "Send the message as JSON (Content-Type: application/json)."
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return 400, "The request body is not valid JSON."
    if not isinstance(body, dict):
        return 400, 'The request body must be a JSON object: {"sender": "...", "message": "..."}.'
    if not isinstance(body.get("message"), str):
        return 400, 'The request needs a "message" that is a string.'
    if not isinstance(body.get("sender", "default"), str):
        return 400, 'The "sender" must be a string.'
    return None


class RestInput(rest.RestInput):
    """Rasa's REST channel (same /webhooks/rest/webhook URL), never silent, with response names, a 503 with
    TRY_AGAIN when a store fails, and a 4xx with a reason for a request it cannot answer."""

    def blueprint(self, on_new_message):  # type: ignore[no-untyped-def]
        handle = never_silent(on_new_message, output=_NamedResponses)
        blueprint = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @blueprint.listener("after_server_start")
        async def stores_fail_loudly(app, _loop):  # type: ignore[no-untyped-def]
            # Rasa loads the agent before the server starts; without a model there is none.
            agent = getattr(app.ctx, "agent", None)
            if agent is not None:
                fail_loudly(agent.tracker_store)

        @blueprint.middleware("request")
        async def refuse_malformed(request: Request):  # type: ignore[no-untyped-def]
            if request.method != "POST":
                return None
            problem = malformed(request)
            return response.json({"error": problem[1]}, status=problem[0]) if problem else None

        @blueprint.route("/", methods=["GET"])
        async def health(request: Request):  # type: ignore[no-untyped-def]
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["POST"])
        async def receive(request: Request):  # type: ignore[no-untyped-def]
            # Rasa's own receive, but for what a failed store gives.
            sender_id = await self._extract_sender(request)
            text = self._extract_message(request)
            input_channel = self._extract_input_channel(request)
            metadata = self.get_metadata(request)
            if bool_arg(request, "stream", default=False):
                stream = self.stream_response(handle, text, sender_id, input_channel, metadata)
                return response.stream(stream, content_type="text/event-stream")
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender_id, input_channel=input_channel, metadata=metadata)
            store_failed = False
            try:
                store_failed = not await handle(message)
            except (CancelledError, Exception):  # as in Rasa's channel: logged, and the replies so far sent
                logger.exception(f"The turn of message {text!r} failed.")
            if store_failed:
                return response.json(
                    [{"recipient_id": sender_id, "text": TRY_AGAIN}],
                    status=503,
                    headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
                )
            return response.json(collector.messages)

        @blueprint.route("/ready", methods=["GET"])
        async def ready(request: Request):  # type: ignore[no-untyped-def]
            # Rasa sets the agent when it has tried to load the model; without a model it is not ready.
            agent = getattr(request.app.ctx, "agent", None)
            loaded = agent is not None and agent.is_ready()
            return response.json({"ready": loaded}, status=200 if loaded else 503)

        return blueprint
