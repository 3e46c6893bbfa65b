"""Two marker conditions for markers.yml that Rasa 3.6's own cannot express: what the bot said.

Rasa 3.6's conditions see user intents (`intent`), actions the policies chose (`action`) and whether a slot holds a
value (`slot_was_set`, whatever the value). A response sent from inside a custom action or the form, such as the
question the form asks, "I'm not sure" from the article search or the emergency answer inside a symptom-check
result, is no action of its own: it is a bot message (BotUttered) that names its response in its metadata
(`utter_action`, rasa/core/actions/action.py). The triage level is only in the result message's custom payload.

  bot_said: <response name>   the bot sent this domain response (from a rule, the form or a custom action)
  triage_result: <level>      the bot sent a symptom-check result at this level

Importing this module registers both with Rasa's MarkerRegistry, so `Marker.from_path("markers.yml")` reads them
and they combine with Rasa's operators (and, or, not, seq, at_least_once, never). `rasa evaluate markers` itself
does not import it; `make report` (ops/conversation_report.py) does.
"""

from rasa.core.evaluation.marker_base import ConditionMarker, MarkerRegistry
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event

from muscle_triage.triage.schema import LEVELS

RESPONSE_KEY = "utter_action"


def response_of(event: Event) -> str | None:
    """The domain response a bot message came from, if it came from one."""
    return (event.metadata or {}).get(RESPONSE_KEY) if isinstance(event, BotUttered) else None


def triage_level_of(event: Event) -> str | None:
    """The level of the symptom-check result a bot message carries, if it carries one."""
    if not isinstance(event, BotUttered):
        return None
    custom = (event.data or {}).get("custom") or {}
    return (custom.get("triage") or {}).get("level") if isinstance(custom, dict) else None


@MarkerRegistry.configurable_marker
class BotSaidMarker(ConditionMarker):
    """Applies at a bot message sent from the given domain response."""

    @staticmethod
    def positive_tag() -> str:
        return "bot_said"

    def validate_against_domain(self, domain: Domain) -> bool:
        return self.text in domain.responses

    def _non_negated_version_applies_at(self, event: Event) -> bool:
        return response_of(event) == self.text


@MarkerRegistry.configurable_marker
class TriageResultMarker(ConditionMarker):
    """Applies at a bot message that carries a symptom-check result at the given level."""

    @staticmethod
    def positive_tag() -> str:
        return "triage_result"

    def validate_against_domain(self, domain: Domain) -> bool:
        return self.text in LEVELS

    def _non_negated_version_applies_at(self, event: Event) -> bool:
        return triage_level_of(event) == self.text
