"""Free-text search finds the right passage for questions no intent covers, and refuses unrelated text."""

import pytest

from actions import article_search


@pytest.mark.parametrize(
    "question,topic,item",
    [
        ("what is electromyography used for", "diagnosis", None),
        ("does magnesium in food matter", "prevention", "diet"),
        ("upper motor neuron lesion stretch reflex", "twitch_types", "clonus"),
        ("menstrual cramps intestinal", "spasm_types", "smooth"),
        ("can spasms affect my sleep and daily tasks", "living_with", None),
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


def test_index_is_built_once():
    article_search.best_match("cramp")
    article_search.best_match("twitch")
    assert article_search._index.cache_info().misses <= 1
