"""A policy that answers an emergency at once, even in the middle of the symptom form.

Rules do not fire while a form is active (RasaHQ/rasa#7557): Rasa would run the form, whose validation needs
the action server. This policy outranks the form for one case only, the report_emergency intent (which
addons/input_guard.py also sets for any message reporting breathing trouble): it predicts the emergency
response, then ends the form. Both are built into Rasa, so the emergency answer needs no action server. The rule
"Breathing difficulty in the middle of the interview" then adds the explanation.
"""

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class EmergencyPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # RulePolicy has priority 4; on equal confidence the higher priority wins.
        return {"priority": 5, "emergency_intent": "report_emergency", "emergency_response": "utter_emergency"}

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = self.next_action(tracker)
        if action is not None:
            probabilities[domain.index_for_action(action)] = 1.0
        # Loop predictions count as "no user" predictions and outrank all others; so must this one.
        return self._prediction(probabilities, is_no_user_prediction=action is not None)

    def next_action(self, tracker: DialogueStateTracker) -> str | None:
        """The emergency response right after an emergency message in a form; then the end of the form."""
        if tracker.active_loop_name is None:
            return None
        latest_action = tracker.latest_action_name
        if (
            latest_action == ACTION_LISTEN_NAME
            and tracker.latest_message.intent.get("name") == self.config["emergency_intent"]
        ):
            return self.config["emergency_response"]
        if latest_action == self.config["emergency_response"]:
            return ACTION_DEACTIVATE_LOOP_NAME
        return None
