"""NLU guard, last in the pipeline: it settles what the classifier cannot be trusted with.

- The person's own breathing trouble becomes the emergency, whatever else the message says; a classifier's
  emergency with no word about breathing, or with breathing said outright to be fine, is not one.
- Unreadable messages (empty, emoji, code or markup, another language, far too long) go to the fallback.
- A question framed in a way the classifier did not learn ("what sets it off?", "tips so I don't get ...") gets
  the intent its frame names, and a "bot challenge" that never addresses the bot is not one.

Every decision comes from pure modules of muscle_triage.understanding (turn_reading, question_reading,
input_check), tested without Rasa. Making them here, in NLU, means the emergency rule and its response
need no action server.
"""

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.question_clauses import QUESTION_CLAUSES, gather_clauses
from addons.stateless_component import StatelessComponent
from muscle_triage.understanding import (
    answer_readers,
    answerability,
    breathing,
    conversation_requests,
    follow_ups,
    input_check,
    question_reading,
    topic_gaps,
    turn_reading,
)
from muscle_triage.understanding.aspect_questions import aspects_asked
from muscle_triage.understanding.question_clauses import clauses_read_alone
from muscle_triage.understanding.wording import Said, normalise

FALLBACK_INTENT = "nlu_fallback"
EMERGENCY_INTENT = "report_emergency"
SYMPTOM_INTENT = "describe_symptom"
STOP_INTENT = "stop"
AFFIRM_INTENT = "affirm"
DENY_INTENT = "deny"
SUMMARY_INTENT = "ask_summary"
FORGET_INTENT = "forget_conversation"
# Where the article speaks of breathing trouble: its warning signs, and whether contractions are harmless.
BREATHING_ANSWERS = ("ask_when_specialist", "ask_harmless")
# What the classifier makes of a follow-up it cannot place: it is not about the bot, and not off-topic.
FOLLOW_UP_FROM = frozenset({"out_of_scope", "nlu_fallback", "ask_capabilities"})
YES_NO_OR_RATING = frozenset({"affirm", "deny", "rate_helpful", "rate_unhelpful"})
# Not "what? no" or "why not" (a yes): these question words open a question about the last answer.
OPENS_WITH_A_QUESTION = re.compile(r"^(?:and |so |but |ok |okay )*(?:when|how|which|where)\b")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class InputGuard(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        # Each question clause's intent, as the classifier read it alone, stays on its message
        # (addons/question_clauses.py).
        kept = gather_clauses(messages, _clause_question)
        for message in kept:
            intent = message.get(INTENT) or {}
            corrected = self.intent_for(message)
            if corrected and corrected != intent.get("name"):
                message.set(INTENT, {"name": corrected, "confidence": 1.0}, add_to_output=True)
        return kept

    @staticmethod
    def intent_for(message: Message) -> str | None:
        """The intent the message should have, or None to keep the classifier's."""
        text = message.get(TEXT) or ""
        said = normalise(text)
        intent = message.get(INTENT) or {}
        name = intent.get("name")
        ranking = [entry.get("name") for entry in message.get(INTENT_RANKING_KEY) or []]
        if name == EMERGENCY_INTENT and breathing.asked_about(said):
            # "should I get help if a spasm causes trouble breathing?": a question, and no trouble reported. The
            # classifier heard breathing trouble: of the two answers that speak of it, its next guess.
            return next((other for other in ranking if other in BREATHING_ANSWERS), "ask_when_specialist")
        if name == EMERGENCY_INTENT and breathing.read(said) is None and _answers_no_trouble(said, message):
            return SYMPTOM_INTENT  # "no, i breath well": the answer to "any trouble breathing?" is no
        if name == EMERGENCY_INTENT:
            name = question_reading.corrected_intent(said, name, ranking) or name
        # The person's own breathing trouble wins over anything else the message might be (even a very long one).
        turn = turn_reading.read_turn(said, name, intent.get("confidence") or 0.0, message.get(ENTITIES) or [], None)
        breathes = turn.values.get("breathing_difficulty")
        if breathes is True:
            return EMERGENCY_INTENT
        if name == EMERGENCY_INTENT and breathes is False:
            # "my calf cramps but I have no trouble breathing": said outright, with no trouble named anywhere.
            return SYMPTOM_INTENT
        if input_check.problem(text):
            return FALLBACK_INTENT
        if name not in question_reading.QUESTION_INTENTS and breathing.asked_about(said):
            # "is it true a spasm in the chest can make it hard to breathe?": a question, and no trouble reported
            return "ask_when_specialist"
        if meta := turn_reading.meta_question(said):
            if meta == "clarify" and name in FOLLOW_UP_FROM and follow_ups.follows_up(said):
                # "how it does that? I don't understand the mechanism": more of the last answer (in a symptom check,
                # its question in plainer words: the check reads the words, whatever the intent)
                return follow_ups.FOLLOW_UP_INTENT
            return name  # "why do you ask?" belongs to the symptom check's question, not to the article
        if conversation_requests.asks_for_source(said):
            # "who actually wrote this stuff, is it legit?", even when it names a kind of doctor ("a sports doc or
            # some random blog?")
            return "ask_source"
        gap = answerability.uncovered(said)
        if (
            gap
            # about muscles, or an article's step named with it: "how many litres water i must drink in the heat"
            and (
                question_reading.about_muscles(said)
                or gap in topic_gaps.NEED_NO_MUSCLE
                or question_reading.PREVENTION_STEPS.search(said)
            )
            and (
                gap == answerability.REMEDIES
                or question_reading.QUESTION_SHAPE.search(said)
                or not question_reading.FIRST_PERSON.search(said)  # "heat or ice on cramp": nobody's own account
            )
        ):
            # "can I take ibuprofen for a cramp?": a question the article does not answer, even when it names a
            # symptom; the answering action says so (and offers the check when it is someone's own symptom).
            # A follow-up stays one: the answering action judges it with the last answer's topic ("which meds tho",
            # after what brings spasms on, asks which medicines the article names as a cause).
            answering = {*question_reading.QUESTION_INTENTS, follow_ups.FOLLOW_UP_INTENT}
            return (
                name
                if name in answering
                else next((other for other in ranking if other in answering), "ask_when_specialist")
            )
        if name == FORGET_INTENT and not conversation_requests.asks_to_forget(said):
            # "he said about a 5": no word of forgetting or deleting, so the conversation stays
            return _next_guess(ranking, FORGET_INTENT)
        if name == SUMMARY_INTENT and not conversation_requests.names_a_summary(said):
            # "since the summer": no summary asked for; the classifier's next guess
            return _next_guess(ranking, SUMMARY_INTENT)
        if follow_ups.read_with_last_question(said):
            # "and a twitch?", "And a spasm? Harold used to wince": the last question, about the other kind, even where
            # a clause alone reads as that kind's definition; "an example of that?": the last answer's
            return follow_ups.FOLLOW_UP_INTENT
        clause_intents = message.get(QUESTION_CLAUSES) or []
        agreed = set(clause_intents)
        if (
            len(agreed) == 1
            and agreed <= set(question_reading.QUESTION_INTENTS)
            and (
                name == SYMPTOM_INTENT
                or name in question_reading.NOT_QUESTIONS
                or name in agreed  # asked with no "?" after a story: "... all night, can bad posture really cause them"
                or not _framed_in_a_question(name, clauses_read_alone(text))
            )
        ):
            # The question clauses, each read alone, agree; the whole message, story and all, was read otherwise:
            # "my dad gets back spasms all the time, does it mess up your whole life?", "if I go to doctor for these
            # spasms, how they will find the reason? what all checking they will do?". An account's answer offers
            # the check.
            return agreed.pop()
        asked_apart = [each for each in clause_intents if each in question_reading.QUESTION_INTENTS]
        if len(set(asked_apart)) >= 2:
            # Two article questions, even told with an account ("my partner's legs cramp up loads, could bad
            # circulation be to blame and would stretching help her"): both are answered, and the answer offers the
            # check.
            return name if name in question_reading.QUESTION_INTENTS else asked_apart[0]
        if name == STOP_INTENT and (yes_or_no := answer_readers.yes_or_no_not_stop(said)) is not None:
            return AFFIRM_INTENT if yes_or_no else DENY_INTENT  # "nah, it's strong enough": an answer, not "stop"
        if name == STOP_INTENT and question_reading.asks_how_to_stop_them(said):
            return "ask_prevention"  # "and how I can stop this to happen?"
        if name == STOP_INTENT and (
            turn_reading.recounts_a_symptom(
                turn_reading.read_turn(said, None, 0.0, message.get(ENTITIES) or [], None), said
            )
            or turn_reading.gives_a_scale_answer(said)
        ):
            # "calf cramped again at km 14, had to stop n walk", "long enough that I have to stop, roughly one to three
            # minutes": an account or an answer, not "stop"
            return SYMPTOM_INTENT
        if name not in question_reading.QUESTION_INTENTS and aspects_asked(said):
            # "do twitches hurt? mine just feel weird", "my leg feels weak after. is that a thing?": a question about
            # how spasms and twitches show themselves, even told with one's own; the answer offers the check.
            return question_reading.ASPECT_QUESTION
        if follow_ups.picks_from_last_answer(said) and (
            name == SYMPTOM_INTENT or name in FOLLOW_UP_FROM or _unframed_question_guess(name, said)
        ):
            # "would my night cramps be one of those?", "which one's a normal calf cramp then?", "and which of those
            # would a calf cramp in the night be?": whatever a word of it suggested to the classifier, or none, it
            # picks from the last answer
            return follow_ups.FOLLOW_UP_INTENT
        if (
            (follow_ups.carries_on(said) or follow_ups.points_back(said))
            and _unframed_question_guess(name, said)
            and not question_reading.names_muscle_symptom(said)
        ):
            # "and what else usually comes along with it?": more about what the last answer told of, whatever a word
            # of it suggested to the classifier; a question its words frame ("and is it dangerous?") is that one
            return follow_ups.FOLLOW_UP_INTENT
        if name in YES_NO_OR_RATING and OPENS_WITH_A_QUESTION.search(said):
            return follow_ups.FOLLOW_UP_INTENT  # "when not?", "when is it not": no "no", a question about the answer
        if (
            name not in follow_ups.ADVICE
            and follow_ups.follows_up(said)
            and follow_ups.asks_what_to_do(said)
            and not question_reading.names_muscle_symptom(said)
            and not _strongly_framed(said)
        ):
            # "how do I chill out then lol", "ok and for not have it, what I must do?": what to do about what the last
            # answer told of, whatever a word of it suggested to the classifier
            return follow_ups.FOLLOW_UP_INTENT
        if (
            name == follow_ups.FOLLOW_UP_INTENT
            and not follow_ups.follows_up(said)
            and not (follow_ups.bare_question(said) and not question_reading.names_muscle_symptom(said))
        ):
            # Nothing in it points back to an answer ("calf muscle spaz when I push off"), and it is no bare "why
            # though": the classifier's next guess.
            return _next_guess(ranking, name)
        if (
            name in (SYMPTOM_INTENT, question_reading.ASPECT_QUESTION)
            and follow_ups.asks_what_if(said)
            and not question_reading.describes_own_symptom(said)
            and not _strongly_framed(said)
        ):
            return follow_ups.FOLLOW_UP_INTENT  # "and if it's only the odd one now and then?": no account, a question
        if (
            (name in FOLLOW_UP_FROM or name == "bot_challenge" and not question_reading.BOT_WORDS.search(said))
            and follow_ups.follows_up(said)
            and not question_reading.names_muscle_symptom(said)
            and not turn_reading.names_place_and_feeling(turn)  # "got a knot in my shoulder that seizes up": an account
        ):
            return follow_ups.FOLLOW_UP_INTENT  # "eg?", "which ones tho": the answer before gives the topic
        if (
            (name in question_reading.NOT_QUESTIONS or name == SYMPTOM_INTENT or _unframed_question_guess(name, said))
            and turn_reading.names_place_and_feeling(turn)
            and not question_reading.names_muscle_symptom(said)
            and not question_reading.QUESTION_SHAPE.search(said)
        ):
            return SYMPTOM_INTENT  # "legs jerk when stretched. SCI.": where and what, in words no list names
        if name in question_reading.NOT_QUESTIONS and question_reading.names_muscle_symptom(said):
            # A spasm, cramp or twitch in any wording is never "I'm not sure I understood": a question about it
            # gets the article, anything else starts the check.
            return question_reading.corrected_intent(said, SYMPTOM_INTENT, ranking, 0.0) or SYMPTOM_INTENT
        # A name the guard already corrected (an emergency without breathing) is as sure as the guard is.
        confidence = (intent.get("confidence") or 0.0) if name == intent.get("name") else 1.0
        corrected = question_reading.corrected_intent(said, name, ranking, confidence)
        if corrected is None and name in question_reading.NOT_QUESTIONS and question_reading.tells_of_own_muscle(said):
            # What one's own muscles do, in words no list names ("a funny little ticking in the top of my arm, like a
            # tiny moth under the skin", "my cav tightend on my run"), is never off-topic or "I'm not sure I
            # understood": unsure, the check is the safe side.
            return SYMPTOM_INTENT
        return corrected or name


def _clause_question(clause: Message, read_before: list[str | None]) -> str | None:
    ranking = clause.get(INTENT_RANKING_KEY) or [clause.get(INTENT) or {}]
    return question_reading.clause_question(
        [(entry.get("name"), entry.get("confidence") or 0.0) for entry in ranking],
        normalise(clause.get(TEXT) or ""),
        read_before,
    )


def _answers_no_trouble(said: Said, message: Message) -> bool:
    """Read as the answer to "any trouble breathing?", the message says no ("no, i breath well")."""
    answer = turn_reading.read_turn(said, None, 0.0, message.get(ENTITIES) or [], "breathing_difficulty")
    return answer.values.get("breathing_difficulty") is False


def _next_guess(ranking: list[str | None], rejected: str | None) -> str | None:
    """The classifier's next guess after the one rejected, or an account. Never the emergency: by the time a guess is
    rejected, the breathing reader has found no trouble ("since summer break" is not "summary", nor "breathe")."""
    return (
        next((other for other in ranking if other not in (rejected, EMERGENCY_INTENT)), SYMPTOM_INTENT)
        or SYMPTOM_INTENT
    )


def _framed_in_a_question(intent: str | None, clauses: list[str]) -> bool:
    """Whether a strong frame for the intent is in one of the question clauses, not in the story around them ("if I
    go to doctor for these spasms" frames a visit to the doctor, but asks nothing)."""
    return any(
        found == (intent, question_reading.STRONG)
        for clause in clauses
        for found in question_reading.frame_intents(Said(clause))
    )


def _strongly_framed(said: Said) -> bool:
    return any(sureness == question_reading.STRONG for _, sureness in question_reading.frame_intents(said))


def _unframed_question_guess(name: str | None, said: Said) -> bool:
    """An article question the classifier guessed from a word ("stretched"), in a message no frame calls one."""
    return name in question_reading.QUESTION_INTENTS and not _strongly_framed(said)
