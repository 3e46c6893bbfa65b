"""Free-text search over the article's passages, for questions that no intent covers.

The TF-IDF index is built once per process, on first use, never per message.
"""

import re
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import FrozenSet, List, Optional, Tuple

from actions import knowledge

# Below this cosine similarity a passage is too loosely related to offer as the answer.
MIN_SCORE = 0.15

_WORD = re.compile(r"[a-z]{2,}")
_SUFFIXES = ("ing", "ed", "es", "s")


def _terms(text: str, stop_words: FrozenSet[str]) -> List[str]:
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
    passage: knowledge.Passage
    score: float

    def answer(self) -> knowledge.Answer:
        return knowledge.answer(self.passage.topic, self.passage.item)


@lru_cache(maxsize=1)
def _index() -> Tuple:
    # Imported here so that the action server starts without loading scikit-learn.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    passages = knowledge.passages()
    documents = [f"{p.section} {p.text}" for p in passages]
    vectorizer = TfidfVectorizer(
        tokenizer=partial(_terms, stop_words=ENGLISH_STOP_WORDS),
        lowercase=False,
        token_pattern=None,
        sublinear_tf=True,
    )
    matrix = vectorizer.fit_transform(documents)
    return passages, vectorizer, matrix


def best_match(question: str) -> Optional[SearchHit]:
    """The passage closest to the question, or None when nothing is close enough."""
    passages, vectorizer, matrix = _index()
    scores = (matrix @ vectorizer.transform([question]).T).toarray().ravel()
    best = int(scores.argmax())
    if scores[best] < MIN_SCORE:
        return None
    return SearchHit(passages[best], float(scores[best]))
