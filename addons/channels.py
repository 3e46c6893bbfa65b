"""Input channels that never leave a person without an answer.

When a turn ends with no bot message at all (the action server is down, or an action failed), the person gets
an apology instead of silence. The conversation state is untouched, so the same conversation continues once
the action server is back. credentials.yml uses this REST channel in place of the built-in `rest`; the web chat's
Socket.IO channel (addons/webchat_channel.py) wraps its turns the same way.

The REST channel also names the domain response behind each message (`"response": "utter_ask_pain_level"`), so
clients and tests recognise a question or the emergency answer by name, not by its wording.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import rest
from rasa.core.channels.channel import OutputChannel, UserMessage

APOLOGY = (
    "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment. "
    "If you have difficulty breathing, call your local emergency number now."
)


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


def never_silent(
    on_new_message: Callable[[UserMessage], Awaitable[Any]], output: type[_CountingOutput] = _CountingOutput
) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handle(message: UserMessage) -> None:
        counting = output(message.output_channel)
        message.output_channel = counting
        await on_new_message(message)
        if counting.sent == 0:
            await counting.inner.send_response(message.sender_id, {"text": APOLOGY})

    return handle


class RestInput(rest.RestInput):
    """Rasa's REST channel (same /webhooks/rest/webhook URL), never silent, with response names."""

    def blueprint(self, on_new_message):  # type: ignore[no-untyped-def]
        return super().blueprint(never_silent(on_new_message, output=_NamedResponses))
