"""Messages the assistant cannot read are recognised, and ordinary English is left alone."""

import pytest

from actions import input_check


@pytest.mark.parametrize(
    "text,problem",
    [
        ("", input_check.EMPTY),
        ("   \n\t ", input_check.EMPTY),
        ("\x00\x01\x07", input_check.EMPTY),
        ("😀😀😀", input_check.NO_WORDS),
        ("!!! ??? :-)", input_check.NO_WORDS),
        ("cramp " * 2000, input_check.TOO_LONG),
        ("¿Qué causa los calambres musculares?", input_check.NOT_ENGLISH),
        ("Warum zuckt mein Augenlid?", input_check.NOT_ENGLISH),
        ("Pourquoi mon œil tremble?", input_check.NOT_ENGLISH),
        ("mi pierna tiene calambres", input_check.NOT_ENGLISH),
        ("我的小腿抽筋了", input_check.NOT_ENGLISH),
        ("у меня судорога в ноге", input_check.NOT_ENGLISH),
    ],
)
def test_unreadable_messages(text, problem):
    assert input_check.problem(text) == problem


@pytest.mark.parametrize(
    "text",
    [
        "my calf cramps",
        "cramp",
        "no",
        "7/10",
        "is it ALS?",
        "I drink café con leche and my eye twitches",
        "<script>alert(1)</script> what is a spasm",
        "my 😣 calf cramps",
        "hello\x00 there",
    ],
)
def test_readable_messages(text):
    assert input_check.problem(text) is None
