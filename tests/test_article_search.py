"""Free-text search finds the right passage for questions no intent covers, and refuses unrelated text."""

import pytest

from muscle_triage.knowledge import article_facts, article_search


@pytest.mark.parametrize(
    "question,topic,item",
    [
        ("what is electromyography used for", "diagnosis", None),
        ("does magnesium in food matter", "prevention", "diet"),
        ("upper motor neuron lesion stretch reflex", "twitch_types", "clonus"),
        ("menstrual cramps intestinal", "spasm_types", "smooth"),
    ],
)
def test_finds_the_passage(question, topic, item):
    hit = article_search.best_match(question)
    assert hit is not None
    assert (hit.passage.topic, hit.passage.item) == (topic, item)
    assert hit.answer().sources


@pytest.mark.parametrize("text", ["what's the weather in paris", "pizza recipe", "", "🙂🙂", "asdfgh qwerty"])
def test_unrelated_text_finds_nothing(text):
    assert article_search.best_match(text) is None


@pytest.mark.parametrize("text", ["cramp", "can spasms affect my sleep and daily tasks"])
def test_no_passage_when_two_are_about_as_close(text):
    """A wrong passage is worse than "not sure": the best must be at least twice as close as the next."""
    assert article_search.best_match(text) is None


@pytest.fixture
def fits(monkeypatch):
    """Counts how often the TF-IDF model is fitted, from a fresh process's point of view: no index yet."""
    from sklearn.feature_extraction import text

    calls = []

    class CountingVectorizer(text.TfidfVectorizer):
        def fit_transform(self, raw_documents, y=None):
            calls.append(len(raw_documents))
            return super().fit_transform(raw_documents, y)

    monkeypatch.setattr(text, "TfidfVectorizer", CountingVectorizer)
    article_search._index.cache_clear()
    yield calls
    article_search._index.cache_clear()  # the next test builds its own, with the real vectorizer


def test_index_is_built_once(fits):
    questions = ["cramp", "twitch", "what is electromyography used for", "pizza recipe"]
    hits = [article_search.best_match(question) for question in questions]
    assert fits == [len(article_facts.passages())]  # one fit, over every passage of the article
    assert hits[2] is not None and hits[-1] is None  # and the searches still work
