"""evaluation/frame_worth.py leaves out one group of question frames at a time, and puts it back."""

from evaluation import frame_worth
from muscle_triage.understanding import question_reading
from muscle_triage.understanding.wording import normalise


def test_a_group_left_out_stops_framing_and_comes_back_afterwards():
    said = normalise("any tips so my eyelid stops twitching")
    assert "ask_prevention" in [intent for intent, _ in question_reading.frame_intents(said)]
    with frame_worth._without("strong:ask_prevention"):
        assert "ask_prevention" not in [intent for intent, _ in question_reading.STRONG_FRAMES]
    with frame_worth._without("every frame"):
        assert question_reading.frame_intents(said) == []
    assert "ask_prevention" in [intent for intent, _ in question_reading.frame_intents(said)]


def test_every_strong_frame_group_is_measured():
    groups = frame_worth.groups()
    assert groups[0] == frame_worth.ALL_GROUPS
    assert {f"strong:{intent}" for intent, _ in question_reading.STRONG_FRAMES} <= set(groups)
