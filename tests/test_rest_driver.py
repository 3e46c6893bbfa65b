"""The shared REST driver: reading replies by response name, driving a check, summarising latencies."""

import pytest
import yaml

from harness.bot_servers import PROJECT
from harness.rest_driver.client import Reply
from harness.rest_driver.interview import SELF_CARE_ANSWERS, FactSheet, run_interview
from harness.rest_driver.stats import percentile


def question(slot):
    return {"text": f"question about {slot}?", "response": f"utter_ask_{slot}"}


def result(level):
    return {"custom": {"triage": {"level": level, "contraction": "spasm", "subtype": "skeletal"}}}


def test_reply_recognises_the_question_by_its_response_name_not_its_wording():
    reply = Reply.of(
        [
            {"text": "Sorry, I didn't catch that.", "response": "utter_hint_pain_level"},
            {"text": "How much does it hurt?", "response": "utter_ask_pain_level"},
        ]
    )
    assert reply.asked == "pain_level"
    assert Reply.of([{"text": "How much does it hurt, from 0 to 10?"}]).asked is None
    assert reply.triage is None and not reply.emergency


def test_reply_recognises_the_emergency_by_response_or_result_level():
    assert Reply.of([{"text": "Call now.", "response": "utter_emergency"}]).emergency
    assert Reply.of([result("emergency")]).emergency
    assert not Reply.of([{"text": "⚠️ looks like a warning but is not the emergency response"}]).emergency
    assert Reply.of([result("self_care")]).triage["level"] == "self_care"


class ScriptedBot:
    """Asks the given slots in order (each as often as listed), then sends a result."""

    def __init__(self, slots, level="self_care"):
        self.slots, self.level, self.heard = list(slots), level, []

    def __call__(self, text):
        self.heard.append(text)
        if self.slots:
            return Reply.of([question(self.slots.pop(0))])
        return Reply.of([result(self.level)])


def test_interview_answers_each_question_from_the_fact_sheet_until_the_result():
    bot = ScriptedBot(["breathing_difficulty", "pain_level", "pain_level"])
    interview = run_interview(bot, "my calf cramps", FactSheet({"breathing_difficulty": "no", "pain_level": 3}))
    assert bot.heard == ["my calf cramps", "no", "3", "3"]
    assert interview.result["level"] == "self_care"
    assert interview.asked == ["breathing_difficulty", "pain_level", "pain_level"]
    assert interview.ask_counts["pain_level"] == 2
    assert "user: 3" in interview.transcript()


def test_interview_answers_an_unknown_question_with_i_dont_know_and_stops_on_a_reply_without_question():
    bot = ScriptedBot(["history"])
    bot_then_silent = lambda text: bot(text) if bot.slots else Reply.of([{"text": "All right."}])  # noqa: E731
    interview = run_interview(bot_then_silent, "hi", FactSheet({}))
    assert bot.heard == ["hi"] and interview.turns[-1][0] == "I don't know"
    assert interview.result is None and not interview.finished


def test_interview_gives_up_after_max_turns():
    interview = run_interview(lambda text: Reply.of([question("frequency")]), "hi", FactSheet({}), max_turns=5)
    assert len(interview.turns) == 5 and not interview.finished


def test_the_answerer_hears_how_often_the_question_was_asked():
    heard = []

    def answerer(slot, times):
        heard.append((slot, times))
        return "something"

    run_interview(ScriptedBot(["frequency", "frequency", "history"]), "hi", answerer)
    assert heard == [("frequency", 1), ("frequency", 2), ("history", 1)]


def test_the_self_care_sheet_answers_every_question_but_the_body_part():
    """Shared by the load test, the bench and the scale-out test, which each add a body part per person."""
    domain = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
    assert set(SELF_CARE_ANSWERS) == set(domain["forms"]["symptom_form"]["required_slots"]) - {"body_part"}
    with pytest.raises(TypeError):
        SELF_CARE_ANSWERS["pain_level"] = "severe"  # type: ignore[index]  # one caller cannot change it for all


@pytest.mark.parametrize(
    "values,share,expected",
    [
        ([], 0.5, None),
        ([3.0], 0.95, 3.0),
        ([5, 1, 4, 2, 3], 0.5, 3),
        ([5, 1, 4, 2, 3], 0.95, 5),
        (list(range(1, 101)), 0.95, 95),
    ],
)
def test_percentile_is_nearest_rank_and_none_when_empty(values, share, expected):
    assert percentile(values, share) == expected


def test_a_person_can_accept_the_offer_of_a_check_once():
    offer = Reply.of([{"text": "An answer."}, {"text": "Shall we check?", "response": "utter_offer_check"}])
    replies = iter([offer, Reply.of([question("breathing_difficulty")]), Reply.of([result("self_care")])])
    heard = []

    def bot(text):
        heard.append(text)
        return next(replies)

    interview = run_interview(
        bot, "why does my calf cramp?", FactSheet({"breathing_difficulty": "no"}), accept_offer="yes"
    )
    assert heard == ["why does my calf cramp?", "yes", "no"] and interview.result["level"] == "self_care"
    assert run_interview(lambda text: offer, "why?", FactSheet({})).turns[-1][0] == "why?"
