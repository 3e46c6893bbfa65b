"""Free-text search over the article's passages, for questions that no intent covers.

The TF-IDF index is built once per process, on first use, never per message.
"""

import re
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from muscle_triage.knowledge import article_facts

# A wrong passage is worse than an honest "not sure": the closest passage is offered only when it is close enough
# (cosine similarity) and at least twice as close as the next one. Measured on the dev questions of
# tests/understanding (wording written apart from the article): about 87% of the passages offered this way answer
# the question, against about 60% at the earlier 0.15 with no margin.
MIN_SCORE = 0.2
MAX_RUNNER_UP_SHARE = 0.5

_WORD = re.compile(r"[a-z]{2,}")
_SUFFIXES = ("ing", "ed", "es", "s")


def _terms(text: str, stop_words: frozenset[str]) -> list[str]:
    """Lowercased words with common English endings cut, so "sleeping" meets "sleep"."""
    terms = []
    for word in _WORD.findall(text.lower()):
        if word in stop_words:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        terms.append(word)
    return terms


@dataclass(frozen=True)
class SearchHit:
    passage: article_facts.Passage
    score: float

    def answer(self) -> article_facts.Answer:
        return article_facts.answer(self.passage.topic, self.passage.item)


@lru_cache(maxsize=1)
def _index() -> tuple[tuple[article_facts.Passage, ...], Any, Any]:  # scikit-learn is untyped
    # Imported here so that the action server starts without loading scikit-learn.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    passages = article_facts.passages()
    documents = [f"{p.section} {p.text}" for p in passages]
    vectorizer = TfidfVectorizer(
        tokenizer=partial(_terms, stop_words=ENGLISH_STOP_WORDS),
        lowercase=False,
        token_pattern=None,
        sublinear_tf=True,
    )
    matrix = vectorizer.fit_transform(documents)
    return passages, vectorizer, matrix


def best_match(question: str) -> SearchHit | None:
    """The passage closest to the question, or None when nothing is close enough."""
    passages, vectorizer, matrix = _index()
    scores = (matrix @ vectorizer.transform([question]).T).toarray().ravel()
    best, runner_up = (int(index) for index in scores.argsort()[::-1][:2])
    if scores[best] < MIN_SCORE or scores[runner_up] > MAX_RUNNER_UP_SHARE * scores[best]:
        return None
    return SearchHit(passages[best], float(scores[best]))
