"""ops.import_written_examples: helper-written questions become training data with their entities marked, and
nothing that would teach breathing trouble as a question or score an evaluation on a training example."""

import yaml

from ops import import_written_examples as importer


def test_lookup_phrases_are_marked_with_their_entity_and_canonical_value():
    phrases = importer.phrase_entities()
    marked = importer.marked("my calves cramp after football, is it my lower back posture?", phrases)
    assert '[calves]{"entity": "body_part", "value": "calf"}' in marked
    assert '[football]{"entity": "cause", "value": "exercise"}' in marked
    assert '[lower back]{"entity": "body_part", "value": "lower_back"}' in marked  # the longest phrase, not "back"


def test_breathing_long_messages_copies_and_left_out_intents_stay_out(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "OUTPUT", tmp_path / "written.yml")
    written = tmp_path / "persona.yml"
    long_story = "so " + "and then " * 15 + "what is a spasm"
    written.write_text(
        yaml.safe_dump(
            {
                "persona": "test",
                "examples": {
                    "ask_harmless": ["chest spasm and I couldn't breathe, is that bad", "r these twitches bad"],
                    "ask_spasm_definition": [long_story, "what is a muscle spasm?"],
                    "ask_source": ["who wrote all this"],
                },
            }
        ),
        encoding="utf-8",
    )
    by_intent, left_out = importer.imported([written])
    assert by_intent == {"ask_harmless": ["r these twitches bad"]}
    assert left_out == {"intent": 1, "breathing": 1, "long": 1, "copy": 1}
    assert "r these twitches bad" in importer.rendered(by_intent)
