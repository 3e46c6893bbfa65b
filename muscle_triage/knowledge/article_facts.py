"""The article's facts, loaded once from article_facts.yml and answered with their section titles.

Pure Python on purpose: no Rasa import, so the facts can be tested and reused (triage, search) on their own.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

FACTS_FILE = Path(__file__).with_name("article_facts.yml")


class UnknownFact(KeyError):
    """Raised for a topic or item the article does not have."""


@dataclass(frozen=True)
class Answer:
    text: str
    sources: tuple[str, ...]

    def render(self) -> str:
        """The answer as a person reads it: the facts, then where in the article they come from."""
        if not self.sources:
            return self.text
        quoted = ", ".join(f"“{title}”" for title in self.sources)
        label = "Article section" if len(self.sources) == 1 else "Article sections"
        return f"{self.text}\n\n{label}: {quoted}"


@dataclass(frozen=True)
class Passage:
    """One searchable unit of the article: a topic's summary and closing, or a single item."""

    topic: str
    item: str | None
    section: str
    text: str


@lru_cache(maxsize=1)
def _facts() -> dict[str, Any]:
    with FACTS_FILE.open(encoding="utf-8") as handle:
        facts: dict[str, Any] = yaml.safe_load(handle)
    return facts


def _topic(topic: str) -> dict[str, Any]:
    try:
        found: dict[str, Any] = _facts()["topics"][topic]
        return found
    except KeyError:
        raise UnknownFact(topic) from None


def _item(topic: str, item: str) -> dict[str, Any]:
    try:
        found: dict[str, Any] = _topic(topic)["items"][item]
        return found
    except KeyError:
        raise UnknownFact(f"{topic}/{item}") from None


def article_reference() -> str:
    """The article itself, as a person would look it up: its title and date."""
    return f"“{_facts()['article_title']}” ({_facts()['article_date']})"


def topic_names() -> tuple[str, ...]:
    return tuple(_facts()["topics"])


def item_names(topic: str) -> tuple[str, ...]:
    return tuple(_topic(topic).get("items", {}))


def has_item(topic: str, item: str) -> bool:
    return item in _topic(topic).get("items", {})


def section_title(topic: str, item: str | None = None) -> str:
    """The article section a fact is cited by: the item's own subsection if it has one, else the topic's."""
    if item is not None:
        return str(_item(topic, item).get("section", _topic(topic)["section"]))
    return str(_topic(topic)["section"])


def section_titles() -> frozenset[str]:
    """Every section title an answer can cite: each topic's and each item's own."""
    return frozenset(section_title(topic) for topic in topic_names()) | {
        section_title(topic, item) for topic in topic_names() for item in item_names(topic)
    }


def item_label(topic: str, item: str) -> str:
    return str(_item(topic, item)["label"])


def item_line(topic: str, item: str) -> str:
    """One item as a single sentence-like line: "Label: text"."""
    entry = _item(topic, item)
    return f"{entry['label']}: {entry['text']}"


def closing(topic: str) -> str | None:
    """What the article's section says after its list (its general advice), if anything."""
    return _topic(topic).get("closing")


def topic_statement(topic: str) -> str:
    """The topic in a few sentences, without its list: the summary, minus a sentence that only introduces the
    list ("...names four situations:") and would dangle on its own, then the closing."""
    sentences = re.split(r"(?<=[.:])\s+", _topic(topic)["summary"])
    kept = [sentence for sentence in sentences if not sentence.endswith(":")]
    kept += [closing(topic)] if closing(topic) else []
    return " ".join(kept) or _topic(topic)["summary"]


def topics_with_item(item: str) -> list[str]:
    """Topics that have an item of this name, in the order of the facts file."""
    return [name for name in topic_names() if item in _topic(name).get("items", {})]


def _unique(titles: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(titles))


def answer(topic: str, item: str | None = None) -> Answer:
    """A whole topic (its summary, every item, its closing) or one item on its own."""
    if item is not None:
        return Answer(item_line(topic, item), (section_title(topic, item),))
    return answer_items(topic, item_names(topic), include_summary=True)


def answer_items(topic: str, items: Sequence[str], include_summary: bool = False) -> Answer:
    """Several items of one topic, each on its own line, citing every section they come from."""
    if len(items) == 1 and not include_summary:
        return answer(topic, items[0])
    lines = [_topic(topic)["summary"]] if include_summary else []
    lines += [f"• {item_line(topic, item)}" for item in items]
    if include_summary and closing(topic):
        lines.append(closing(topic))
    sources = [section_title(topic)] if include_summary else []
    sources += [section_title(topic, item) for item in items]
    return Answer("\n".join(lines), _unique(sources))


def combine(answers: Sequence[Answer]) -> Answer:
    """Several answers as one message, sources merged in order."""
    return Answer(
        "\n\n".join(part.text for part in answers),
        _unique([title for part in answers for title in part.sources]),
    )


@lru_cache(maxsize=1)
def passages() -> tuple[Passage, ...]:
    """Every topic (summary and closing) and item as a passage, for free-text search."""
    found: list[Passage] = []
    for topic in topic_names():
        text = " ".join(part for part in (_topic(topic)["summary"], closing(topic)) if part)
        found.append(Passage(topic, None, section_title(topic), text))
        for item in item_names(topic):
            found.append(Passage(topic, item, section_title(topic, item), item_line(topic, item)))
    return tuple(found)


def locate(value: str, preferred_topic: str | None = None) -> list[tuple[str, str]]:
    """Where the article covers a word a person used, as (topic, item) pairs.

    The preferred topic (usually the one the question was about) wins when it has the item; then the aliases,
    which say where the article discusses a word, most relevant first; then every topic with an item of that name.
    """
    if preferred_topic is not None and has_item(preferred_topic, value):
        return [(preferred_topic, value)]
    aliases = _facts().get("aliases", {}).get(value)
    if aliases:
        return [tuple(key.split("/", 1)) for key in aliases]
    return [(topic, value) for topic in topics_with_item(value)]
