"""One message over the REST channel, and what the bot's reply means."""

import functools
import http.client
import json
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

ASK_PREFIX = "utter_ask_"
EMERGENCY_RESPONSE = "utter_emergency"
CHECK_OFFER_RESPONSE = "utter_offer_check"


@functools.cache
def opener(source: str) -> urllib.request.OpenerDirector:
    """urllib's opener, its connections made from the local address `source`: a client of its own (nginx limits
    each client address), e.g. 127.0.0.2 towards a server on loopback."""

    class FromSource(urllib.request.HTTPHandler):
        def http_open(self, request):  # type: ignore[no-untyped-def]
            return self.do_open(functools.partial(http.client.HTTPConnection, source_address=(source, 0)), request)

    return urllib.request.build_opener(FromSource)


def send(rasa_url: str, sender: str, text: str, timeout: float = 30, source: str | None = None) -> list[dict[str, Any]]:
    """One user message over the REST channel; returns the bot's messages as the channel sent them. `source`: the
    local address to send from (see opener)."""
    body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    open_url = opener(source).open if source else urllib.request.urlopen
    with open_url(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def tracker(rasa_url: str, sender: str, token: str, timeout: float = 60) -> dict[str, Any]:
    """The conversation as Rasa stores it (slots, events), through the HTTP API of a server started with
    `--enable-api --auth-token`."""
    url = f"{rasa_url}/conversations/{urllib.parse.quote(sender)}/tracker?token={urllib.parse.quote(token)}"
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


@dataclass(frozen=True)
class Reply:
    """The bot's messages for one turn. The REST channel names the domain response behind each message
    (addons/channels.py), which is how a question or the emergency answer is recognised."""

    messages: tuple[dict[str, Any], ...]

    @classmethod
    def of(cls, messages: list[dict[str, Any]]) -> "Reply":
        return cls(tuple(messages))

    @property
    def responses(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m["response"] for m in self.messages if m.get("response")))

    @property
    def text(self) -> str:
        return "\n\n".join(m["text"] for m in self.messages if m.get("text"))

    @property
    def buttons(self) -> tuple[dict[str, Any], ...]:
        return tuple(button for m in self.messages for button in m.get("buttons") or ())

    def button_payload(self, title: str) -> str | None:
        """What pressing the button with this title sends (case and surrounding spaces ignored), or None."""
        wanted = title.strip().casefold()
        return next((b["payload"] for b in self.buttons if str(b.get("title", "")).strip().casefold() == wanted), None)

    @property
    def triage(self) -> dict[str, Any] | None:
        """The symptom check's result payload, if this turn gave one."""
        for message in self.messages:
            custom = message.get("custom") or {}
            if "triage" in custom:
                return custom["triage"]
        return None

    @property
    def asked(self) -> str | None:
        """The slot of the symptom-check question this turn ends on (its utter_ask_<slot> response)."""
        asked = [name[len(ASK_PREFIX) :] for name in self.responses if name.startswith(ASK_PREFIX)]
        return asked[-1] if asked else None

    @property
    def offers_check(self) -> bool:
        """The bot answered a question about the person's own muscles and offers the symptom check."""
        return CHECK_OFFER_RESPONSE in self.responses

    @property
    def emergency(self) -> bool:
        """The emergency answer: its response, or a result at the emergency level."""
        return EMERGENCY_RESPONSE in self.responses or (self.triage or {}).get("level") == "emergency"
