"""The knowledge module: every topic and item loads, answers, and cites a real article section."""

import re

import pytest
import yaml

from muscle_triage.knowledge import article_facts

# The article's own section titles; every citation must be one of these.
ARTICLE_SECTIONS = {
    "Defining Muscle Twitches And Spasms",
    "What Is A Muscle Spasm?",
    "What Are Muscle Twitches?",
    "How The Symptoms Of Muscle Spasms And Twitches Differ",
    "Pain, Intensity, And Duration",
    "Tightness Or Stiffness",
    "Range Of Motion",
    "Visible Movements",
    "Pain Response",
    "Affected Muscle Groups",
    "What Causes Muscles To Contract?",
    "Are These Contractions Harmless?",
    "What Warrants A Visit To A Specialist?",
    "Diagnosing The Cause Of Your Contractions",
    "Preventing Muscle Spasms And Twitches",
    "Living With Muscle Spasms And Twitches",
}

EXPECTED_ITEMS = {
    "spasm_types": ("skeletal", "smooth", "ischemic"),
    "twitch_types": ("spasticity", "clonus", "fasciculation"),
    "twitch_triggers": ("fatigue", "stress", "caffeine"),
    "difference": (
        "pain_duration",
        "tightness",
        "range_of_motion",
        "visibility",
        "pain_response",
        "weakness",
        "muscle_groups",
    ),
    "causes": (
        "nerve_damage",
        "dehydration",
        "strain_injury",
        "poor_circulation",
        "medication",
        "stress_anxiety",
        "medical_conditions",
    ),
    "harmless": ("chronic", "severe_pain", "breathing", "weakness"),
    "specialist": ("chronic", "severe_pain", "weakness", "breathing", "appearance_change"),
    "prevention": ("hydration", "stretching", "diet", "posture", "stress_reduction"),
}


def all_facts():
    for topic in article_facts.topic_names():
        yield topic, None
        for item in article_facts.item_names(topic):
            yield topic, item


def test_every_part_of_the_article_is_covered():
    assert set(article_facts.topic_names()) >= {
        "overview",
        "spasm_definition",
        "twitch_definition",
        "diagnosis",
        "living_with",
        *EXPECTED_ITEMS,
    }
    for topic, items in EXPECTED_ITEMS.items():
        assert article_facts.item_names(topic) == items


# The facts file as written, to check each answer against the entry it should come from.
FACTS = yaml.safe_load(article_facts.FACTS_FILE.read_text(encoding="utf-8"))["topics"]


def written(topic, item):
    """The entry's own words and the section it names (an item without one falls under its topic's)."""
    entry = FACTS[topic] if item is None else FACTS[topic]["items"][item]
    words = [entry["summary"]] if item is None else [entry["label"], entry["text"]]
    return words, entry.get("section", FACTS[topic]["section"])


@pytest.mark.parametrize("topic,item", list(all_facts()))
def test_every_fact_answers_with_a_real_section(topic, item):
    """The answer states that fact in the facts file's words and cites the article section the fact names."""
    answer = article_facts.answer(topic, item)
    items = list(FACTS[topic].get("items", {}))
    # A whole topic states its summary and every item; a single item itself and nothing else.
    stated = [(topic, None)] + [(topic, name) for name in items] if item is None else [(topic, item)]
    for fact in stated:
        words, _ = written(*fact)
        assert all(word in answer.text for word in words), f"{fact}: {words} not in {answer.text!r}"
    if item is not None:
        for other in set(items) - {item}:
            assert written(topic, other)[0][1] not in answer.text, f"{topic}/{item} also states {other}"
    assert set(answer.sources) == {written(*fact)[1] for fact in stated}
    assert set(answer.sources) <= ARTICLE_SECTIONS
    assert answer.render().splitlines()[-1].endswith(", ".join(f"“{title}”" for title in answer.sources))


def test_a_whole_topic_lists_every_item():
    answer = article_facts.answer("causes")
    for item in EXPECTED_ITEMS["causes"]:
        assert article_facts.item_label("causes", item) in answer.text
    assert answer.sources == ("What Causes Muscles To Contract?",)


def test_a_single_item_is_short_and_cites_its_subsection():
    answer = article_facts.answer("difference", "range_of_motion")
    assert answer.sources == ("Range Of Motion",)
    assert "Range of motion" in answer.text
    assert "Tightness" not in answer.text


def test_render_names_the_sections():
    rendered = article_facts.combine(
        [article_facts.answer("diagnosis"), article_facts.answer("prevention", "diet")]
    ).render()
    assert "Article sections: “Diagnosing The Cause Of Your Contractions”, “Preventing Muscle Spasms" in rendered


def test_unknown_facts_are_refused():
    with pytest.raises(article_facts.UnknownFact):
        article_facts.answer("headaches")
    with pytest.raises(article_facts.UnknownFact):
        article_facts.answer("causes", "sunburn")


def test_locate_prefers_the_question_topic_then_any_topic_then_aliases():
    assert article_facts.locate("weakness", "harmless") == [("harmless", "weakness")]
    assert article_facts.locate("medication", "twitch_triggers") == [("causes", "medication")]
    assert article_facts.locate("exercise") == [("spasm_types", "ischemic"), ("causes", "strain_injury")]
    assert article_facts.locate("sunburn") == []


def test_passages_cover_every_fact_once():
    passages = article_facts.passages()
    assert len(passages) == len(list(all_facts()))
    assert all(p.section in ARTICLE_SECTIONS for p in passages)


# --- the article's meaning, kept: its hedges, its advice, the parts a summary is easy to leave out -------------
# Items where the article says "can", "may", "often" or "sometimes": restated as a certainty they would say more.
HEDGED_ITEMS = [
    ("prevention", "hydration"),
    ("prevention", "stretching"),
    ("prevention", "diet"),
    ("prevention", "posture"),
    ("prevention", "stress_reduction"),
    ("difference", "tightness"),
    ("difference", "weakness"),
    ("difference", "pain_duration"),
    ("causes", "nerve_damage"),
    ("causes", "dehydration"),
    ("causes", "stress_anxiety"),
    ("specialist", "chronic"),
    ("specialist", "severe_pain"),
]
HEDGE = re.compile(r"\b(?:can|may|might|could|often|sometimes|usually|tend to)\b")


@pytest.mark.parametrize("topic,item", HEDGED_ITEMS)
def test_the_articles_hedges_are_kept(topic, item):
    text = article_facts.item_line(topic, item)
    # The part that makes the claim (after the label) must still be hedged.
    assert HEDGE.search(text.split(": ", 1)[1]), text


def test_harmless_tells_to_watch_and_seek_advice_as_the_article_does():
    statement = article_facts.topic_statement("harmless")
    assert "essential" in statement and "seek medical advice if necessary" in statement
    assert "persist" in statement and "change" in statement
    # The list's introduction is left out of the statement; the whole answer keeps it, then the items, then this.
    assert not statement.endswith(":") and "four situations" not in statement
    lines = article_facts.answer("harmless").text.splitlines()
    assert lines[0].endswith(":") and lines[-1] == article_facts.closing("harmless")


def test_specialist_ends_with_the_general_instruction():
    general = article_facts.closing("specialist")
    assert "persistent and concerning" in general and "medical attention" in general
    assert "proper diagnosis" in general
    assert article_facts.answer("specialist").text.splitlines()[-1] == general


def test_the_overview_keeps_the_introductions_two_points():
    summary = article_facts.answer("overview").text
    assert "discomfort or pain" in summary  # both kinds can hurt
    assert "use the two words for the same thing" in summary  # the words are often used interchangeably


def test_the_causes_start_with_why_muscles_contract_at_all():
    summary = article_facts.answer("causes").text.splitlines()[0]
    for reason in ("on purpose", "neurological conditions", "underlying health problems"):
        assert reason in summary


def test_a_topic_statement_without_a_closing_is_its_summary_minus_the_list_introduction():
    assert article_facts.closing("causes") is None
    assert article_facts.topic_statement("causes").startswith("Muscles contract for many reasons")
    assert "seven" not in article_facts.topic_statement("causes")
    assert article_facts.topic_statement("spasm_types") == article_facts.answer("spasm_types").text.splitlines()[0]
