"""Which part of the article answers a question: intent picks the topic, the words pick single items."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from muscle_triage.knowledge import article_facts, causes, vocabulary
from muscle_triage.understanding import question_reading
from muscle_triage.understanding.aspect_questions import aspects_asked
from muscle_triage.understanding.question_clauses import without_asides
from muscle_triage.understanding.question_reading import ASPECT_QUESTION, SOURCE_INTENT
from muscle_triage.understanding.wording import Said, all_matches

INTENT_TOPICS: dict[str, tuple[str, ...]] = {
    "ask_spasm_definition": ("spasm_definition",),
    "ask_twitch_definition": ("twitch_definition",),
    "ask_difference": ("overview", "difference"),
    "ask_spasm_types": ("spasm_types",),
    "ask_twitch_types": ("twitch_types",),
    # The article names twitch triggers beside the list of causes, so a general "why" gets both.
    "ask_causes": ("causes", "twitch_triggers"),
    "ask_harmless": ("harmless",),
    "ask_when_specialist": ("specialist",),
    "ask_diagnosis": ("diagnosis",),
    "ask_prevention": ("prevention",),
    "ask_living_with": ("living_with",),
}

# A question that names a kind of spasm or twitch ("why does clonus happen?", "types of spasm: clonus?") is
# about that kind, whatever else it asks: its item may come from the kinds, beyond the intent's own topics.
KIND_TOPICS = ("spasm_types", "twitch_types")

# Entities whose values name single article items (see article_facts.yml).
ITEM_ENTITIES = frozenset(
    {"contraction_type", "symptom_aspect", "cause", "condition", "prevention_step", "warning_sign"}
)


# Items named in the question's own words: the causes' everyday names, kinds of spasm or twitch, prevention steps.
ITEM_PATTERNS = causes.cause_patterns() + vocabulary.item_patterns()


KINDS = frozenset(article_facts.item_names("spasm_types") + article_facts.item_names("twitch_types"))


def _item_values(entities: Iterable[Mapping[str, Any]], said: Said) -> list[str]:
    values = [str(e.get("value")) for e in entities if e.get("entity") in ITEM_ENTITIES and e.get("value")]
    return list(dict.fromkeys(values + all_matches(said, ITEM_PATTERNS) + aspects_asked(said)))


# The article names some things only as prevention steps, though people ask about them as causes ("can bad
# posture cause back spasms?"): the step's item answers that. It names others only as causes, though people ask
# how to avoid them ("would cutting out coffee help?"): the cause's item answers that, before the steps the
# article does suggest (it suggests none against that cause).
EXTRA_ITEM_TOPICS: dict[str, tuple[str, ...]] = {
    "ask_causes": ("prevention",),
    "ask_prevention": ("causes", "twitch_triggers"),
}
WHOLE_ANSWER_AFTER_EXTRAS = frozenset({"ask_prevention"})


# Questions about what a thing is or why it happens: one that names a kind gets that kind. How a doctor tests, when
# to see one, how to prevent it: the article answers those for every kind alike.
ABOUT_THE_THING = question_reading.GENERAL_INTENTS | {"ask_causes", "ask_harmless"}


def _allowed(pair: tuple[str, str], value: str, intent: str, topics: tuple[str, ...], extras: tuple[str, ...]) -> bool:
    """An item within the intent's topics (or their extras); or a kind of spasm or twitch named by name."""
    return pair[0] in topics + extras or (value in KINDS and pair[0] in KIND_TOPICS and intent in ABOUT_THE_THING)


def _group_by_topic(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for topic, item in pairs:
        items = grouped.setdefault(topic, [])
        if item not in items:
            items.append(item)
    return grouped


NOTHING_SAID = Said("")  # no words to narrow the answer by: the entities alone do


def words_of_each_question(
    said: Said, asked: Sequence[str], clause_intents: Sequence[str | None], clause_texts: Sequence[str]
) -> dict[str, Said]:
    """For a message that asks two questions, the words each question's answer is narrowed by: the whole message
    less the other question's clauses and any aside in brackets. What the other question names is that question's
    ("what brings them on, and how would cutting out coffee help?": the causes, not just caffeine); the story told
    around them is both questions' ("I take water tablets, might they be giving me cramps, and would drinking more
    help?"). How spasms and twitches differ is answered for every way the message names, so keeps the whole
    message. A question asked in two clauses, one of them in general, gets its whole topic (how they differ too:
    "twitches, any muscle or only some? are they always quick?" gets every way)."""
    if len(clause_intents) != len(clause_texts):
        return {}
    # Asked twice, once in general ("is that the caffeine? also what usually causes calf cramps"): the whole topic.
    words: dict[str, Said] = {
        intent: NOTHING_SAID
        for intent in asked
        if clause_intents.count(intent) >= 2
        and any(
            name == intent and not _item_values((), Said(text))
            for name, text in zip(clause_intents, clause_texts, strict=True)
        )
    }
    if len(asked) < 2:
        return words
    for intent in (name for name in asked if name != ASPECT_QUESTION and name not in words):
        own = without_asides(said)
        for name, text in zip(clause_intents, clause_texts, strict=True):
            if name != intent and name in asked:
                own = own.replace(text, " ")
        words[intent] = Said(" ".join(own.split()))
    return words


def answer_question(
    intent: str | None,
    entities: Iterable[Mapping[str, Any]] = (),
    said: Said = NOTHING_SAID,
    also_asked: Iterable[str] = (),
) -> article_facts.Answer | None:
    """The article's answer to an intent, narrowed to the items the question names within the intent's topics
    ("can Lipitor cause cramps?" gets the medication cause only); None if not an article intent.

    A topic that another question in the same message asks (`also_asked`) is that question's to answer: in "why does
    his back spasm and would sorting his posture help?", posture is the second answer's, and the first gets the
    causes."""
    if intent == SOURCE_INTENT:
        return article_facts.Answer(
            f"Everything I tell you comes from one article, {article_facts.article_reference()}, restated in my "
            "own words; each answer names the section it comes from. I'm an automated assistant, not a doctor.",
            (),
        )
    topics = INTENT_TOPICS.get(intent) if intent else None
    if intent is None or topics is None:
        return None
    answered_apart = {topic for other in also_asked if other != intent for topic in INTENT_TOPICS.get(other, ())}
    extras = tuple(topic for topic in EXTRA_ITEM_TOPICS.get(intent, ()) if topic not in answered_apart)
    pairs = [
        pair
        for value in _item_values(entities, said)
        for pair in article_facts.locate(value, topics[-1])
        if _allowed(pair, value, intent, topics, extras)
    ]
    if pairs:
        grouped = _group_by_topic(pairs)
        answers = [article_facts.answer_items(topic, items) for topic, items in grouped.items()]
        if intent in WHOLE_ANSWER_AFTER_EXTRAS and not set(grouped) & set(topics):
            answers += [article_facts.answer(topic) for topic in topics]
        return article_facts.combine(answers)
    return article_facts.combine([article_facts.answer(topic) for topic in topics])


def answers_in_order(
    asked: Sequence[str], entities: Iterable[Mapping[str, Any]], said: Said, own: Mapping[str, Said]
) -> list[article_facts.Answer]:
    """Each question's answer, in the order asked, each narrowed by its own words (`own`, else the whole message).
    Two questions get two answers: one that would repeat an answer already given, narrowed by the story told around
    both ("my wife gets period cramps, is that a spasm? what makes a muscle cramp in the first place?" names smooth
    muscle spasms for both), gets its whole topic instead."""
    answers: list[article_facts.Answer] = []
    for intent in asked:
        answer = answer_question(intent, [] if intent in own else entities, own.get(intent, said), asked)
        if answer is not None and answer in answers:
            answer = answer_question(intent, [], NOTHING_SAID, asked)
        if answer is not None:
            answers.append(answer)
    return answers
