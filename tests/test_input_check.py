"""Messages the assistant cannot read are recognised, and ordinary English is left alone."""

import pytest

from muscle_triage.understanding import input_check


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
        ("ma jambe me fait mal pourquoi", input_check.NOT_ENGLISH),
        ("我的小腿抽筋了", input_check.NOT_ENGLISH),
        ("у меня судорога в ноге", input_check.NOT_ENGLISH),
        ("<script>alert(1)</script> what is a spasm", input_check.MARKUP),
        ("<b>ok</b>", input_check.MARKUP),
        ('{"answer": null}', input_check.MARKUP),
        ("SELECT * FROM symptoms;", input_check.MARKUP),
        ("console.log(x)", input_check.MARKUP),
        ("def cramp(x):", input_check.MARKUP),
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
        "my 😣 calf cramps",
        '/describe_symptom{"sensation": "cramp"}',
        "my calf cramps; it hurts",
        "I get cramps (mostly at night)",
        "pain = 5",
        "hello\x00 there",
        # Scots: "ma" and "nicht" are not French or German here
        "ma calf cramped up somethin terrible last nicht, whit wis that",
    ],
)
def test_readable_messages(text):
    assert input_check.problem(text) is None
