"""First in the NLU pipeline: every later component reads the message with its spelling corrected.

The correction itself is pure Python (muscle_triage.understanding.spelling). This component applies it to the
message's text, in training and in conversation alike, so the classifier learns and reads the same words. The
tracker keeps what was typed: Rasa stores the UserMessage's own text in the UserUttered event, and this component
also leaves it in the parse data as `text_as_typed`.

A message the assistant cannot read anyway (another language, code, far too long: understanding.input_check) is left
as it is, so that no dictionary turns Spanish into English words.
"""

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from muscle_triage.understanding import input_check, spelling

TEXT_AS_TYPED = "text_as_typed"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class SpellingCorrector(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SpellingCorrector":
        spelling.load()  # at model load, not on the first message
        return cls()

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Retrains what follows when the correction changes: Rasa's cache sees the config and the data, not code."""
        return spelling.fingerprint()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            if example.get(TEXT):
                example.set(TEXT, corrected(example.get(TEXT)))
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            typed = message.get(TEXT) or ""
            fixed = corrected(typed)
            if fixed != typed:
                message.set(TEXT_AS_TYPED, typed, add_to_output=True)
                message.set(TEXT, fixed)
        return messages


def corrected(text: str) -> str:
    """The text with its spelling corrected, or as it is when the assistant cannot read it anyway."""
    return text if input_check.problem(text) else spelling.correct(text)
