"""The generated training variations: up to date with the examples they come from, and each one still the question
it wraps."""

from ops.write_nlu_variations import (
    ABOUT_MY_OWN,
    SYMPTOM_INTENT,
    TARGET,
    generated_text,
    plain,
    questions,
    stories,
    variations,
)


def test_the_variations_are_generated_from_the_current_training_examples():
    assert TARGET.read_text(encoding="utf-8") == generated_text(), "out of date, run `make variations`"


def test_each_variation_holds_one_of_its_intents_questions_whole():
    asked = questions()
    for intent, examples in variations().items():
        assert examples, intent
        if intent not in asked:
            continue  # the accounts that ask about one's own symptom
        for example in examples:
            assert any(question in example for question in asked[intent]), (intent, example)


def test_no_story_speaks_of_breathing_or_asks_anything():
    told = [plain(story).lower() for story in stories()]
    assert len(told) >= 30
    assert not [story for story in told if "breath" in story or "?" in story]


def test_the_accounts_asking_about_ones_own_symptom_start_the_check():
    accounts = variations()[SYMPTOM_INTENT]
    assert len(accounts) >= 40
    assert all(any(account.endswith(ask) for ask in ABOUT_MY_OWN) for account in accounts)
