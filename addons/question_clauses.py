"""Early in the NLU pipeline: a message that asks two questions ("what causes cramps how do i stop em") has each
question clause added as a message of its own, so that every later component, the classifier among them, reads each
clause alone. The guard, last in the pipeline, takes them out again and leaves their intents on the message
(`question_clauses`), for the answering action to answer each question in order.

Rasa keeps only the first message of the list the pipeline returns (MessageProcessor._parse_message_with_graph).
Which clauses are questions is pure Python (muscle_triage.understanding.question_clauses).
"""

from collections.abc import Callable
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.stateless_component import StatelessComponent
from muscle_triage.understanding import input_check
from muscle_triage.understanding.question_clauses import PARSE_KEY, TEXTS_KEY, clauses_read_alone

CLAUSE_OF = "clause_of"  # on an added clause: the message it comes from
QUESTION_CLAUSES = PARSE_KEY  # on the message: each question clause's intent, in order
CLAUSE_TEXTS = TEXTS_KEY  # and each one's words, for its answer to be narrowed by them alone


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class QuestionClauseSplitter(StatelessComponent):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # the classifier learns from whole examples

    def process(self, messages: list[Message]) -> list[Message]:
        clauses = [
            Message(data={TEXT: clause, CLAUSE_OF: message})
            for message in messages
            if not input_check.problem(message.get(TEXT) or "")
            for clause in clauses_read_alone(message.get(TEXT) or "")
        ]
        return messages + clauses


def gather_clauses(messages: list[Message], read: Callable[[Message, list[Any]], Any]) -> list[Message]:
    """The messages without their added clauses; each keeps what `read(clause, read_before)` says of its clauses (given
    what it said of the clauses before), and their words, in order."""
    kept = []
    for message in messages:
        source = message.get(CLAUSE_OF)
        if source is None:
            kept.append(message)
        else:
            before = source.get(QUESTION_CLAUSES) or []
            source.set(QUESTION_CLAUSES, [*before, read(message, before)], add_to_output=True)
            source.set(CLAUSE_TEXTS, [*(source.get(CLAUSE_TEXTS) or []), message.get(TEXT)], add_to_output=True)
    return kept
