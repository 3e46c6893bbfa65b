"""Which part of the article answers a question: intent picks the topic, entities pick single items."""

from typing import Dict, Iterable, List, Mapping, Optional, Tuple

from actions import knowledge

INTENT_TOPICS: Dict[str, Tuple[str, ...]] = {
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

# Entities whose values name single article items (see article_facts.yml).
ITEM_ENTITIES = frozenset(
    {"contraction_type", "symptom_aspect", "cause", "condition", "prevention_step", "warning_sign"}
)


def _item_values(entities: Iterable[Mapping]) -> List[str]:
    values = [str(e.get("value")) for e in entities if e.get("entity") in ITEM_ENTITIES and e.get("value")]
    return list(dict.fromkeys(values))


def _group_by_topic(pairs: Iterable[Tuple[str, str]]) -> Dict[str, List[str]]:
    grouped: Dict[str, List[str]] = {}
    for topic, item in pairs:
        items = grouped.setdefault(topic, [])
        if item not in items:
            items.append(item)
    return grouped


def answer_question(intent: str, entities: Iterable[Mapping] = ()) -> Optional[knowledge.Answer]:
    """The article's answer to an intent, narrowed to the items its entities name; None if not an article intent."""
    topics = INTENT_TOPICS.get(intent)
    if topics is None:
        return None
    pairs = [pair for value in _item_values(entities) for pair in knowledge.locate(value, topics[-1])]
    if pairs:
        grouped = _group_by_topic(pairs)
        return knowledge.combine([knowledge.answer_items(topic, items) for topic, items in grouped.items()])
    return knowledge.combine([knowledge.answer(topic) for topic in topics])
