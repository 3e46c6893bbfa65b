"""The symptom check's slot schema (muscle_triage/triage/schema.py) is the one source of the check's slots: domain.yml's
slots, form and buttons are checked against it, and each button read back through the answer readers gives the
schema's option at the button's place."""

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from muscle_triage.triage import schema
from muscle_triage.understanding.turn_reading import read_turn
from muscle_triage.understanding.wording import normalise

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text(encoding="utf-8"))
PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$")


def pressed(payload: str, asked: str) -> object:
    """What the check stores when the button with this payload answers the question `asked`."""
    # Responses double their braces ({{ }}) because Rasa fills {placeholders}; the channel receives single ones.
    sent = payload.replace("{{", "{").replace("}}", "}")
    match = PAYLOAD.match(sent)
    assert match, f"not a button payload: {payload}"
    entities = [{"entity": name, "value": value} for name, value in json.loads(match["entities"] or "{}").items()]
    return read_turn(normalise(sent), match["intent"], 1.0, entities, asked).values.get(asked)


def test_the_report_and_the_slot_list_are_the_questions_plus_triggers():
    assert schema.SYMPTOM_SLOTS == (*[question.slot for question in schema.QUESTIONS], "triggers")
    assert [field.name for field in fields(schema.SymptomReport)] == [*schema.SYMPTOM_SLOTS, "assumed"]


def test_the_domain_has_a_slot_for_every_fact_and_the_form_asks_in_the_schemas_order():
    assert set(schema.SYMPTOM_SLOTS) <= set(DOMAIN["slots"])
    assert DOMAIN["forms"]["symptom_form"]["required_slots"] == [question.slot for question in schema.QUESTIONS]


@pytest.mark.parametrize("question", schema.QUESTIONS, ids=lambda question: question.slot)
def test_every_wording_of_a_question_offers_the_schemas_options_in_order(question):
    wordings = DOMAIN["responses"][f"utter_ask_{question.slot}"]
    assert len(wordings) >= 2, "a plain wording and a plainer one"
    for wording in wordings:
        payloads = [button["payload"] for button in wording.get("buttons", [])]
        assert [pressed(payload, question.slot) for payload in payloads] == list(question.options), wording["text"]


def test_worry_runs_from_the_calm_answer_to_the_worrying_one():
    assert schema.worry_rank("breathing_difficulty", True) > schema.worry_rank("breathing_difficulty", False)
    assert schema.worry_rank("pain_level", "severe") > schema.worry_rank("pain_level", "mild")
    assert schema.worry_rank("history", "weeks_or_longer") > schema.worry_rank("history", "days")
    assert schema.worry_rank("sensation", "cramp") == -1  # no sensation is more worrying than another
