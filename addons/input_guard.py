"""NLU guard, last in the pipeline: unreadable messages go to the fallback, breathing trouble to the emergency,
and a symptom description that says outright that breathing is fine is not taken for an emergency.

Both decisions come from pure modules (actions/input_check.py, actions/symptom_parsing.py), so they are tested
without Rasa. Making them here, in NLU, means the emergency rule and its response need no action server.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions import input_check, symptom_parsing

FALLBACK_INTENT = "nlu_fallback"
EMERGENCY_INTENT = "report_emergency"
SYMPTOM_INTENT = "describe_symptom"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class InputGuard(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "InputGuard":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            overriding = self._intent_override(message)
            if overriding:
                message.set(INTENT, {"name": overriding, "confidence": 1.0}, add_to_output=True)
        return messages

    @staticmethod
    def _intent_override(message: Message) -> Optional[Text]:
        text = message.get(TEXT) or ""
        intent = message.get(INTENT) or {}
        # The person's own breathing trouble wins over anything else the message might be (even a very long one).
        turn = symptom_parsing.interpret_turn(
            text, intent.get("name"), intent.get("confidence") or 0.0, message.get(ENTITIES) or [], None
        )
        if turn.values.get("breathing_difficulty") is True:
            return None if intent.get("name") == EMERGENCY_INTENT else EMERGENCY_INTENT
        if intent.get("name") == EMERGENCY_INTENT and turn.values.get("breathing_difficulty") is False:
            # "my calf cramps but I have no trouble breathing": said outright, with no trouble named anywhere.
            return SYMPTOM_INTENT
        return FALLBACK_INTENT if input_check.problem(text) else None
