"""The end-to-end conversation cases: their format, how a reply is checked, the JUnit report, and what they cover.

The cases themselves run against real servers in `make test-conversations` (harness/run_conversation_tests.py).
"""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

from harness.bot_servers import PROJECT
from harness.case_figures import disagreements, expected_figures
from harness.conversation_cases import (
    CaseFormatError,
    Vocabulary,
    check_reply,
    check_slots,
    describe_reply,
    load_cases,
)
from harness.junit_report import JUnitCase, write_junit
from harness.rest_driver.client import Reply
from harness.run_conversation_tests import CASES, CaseOutcome, StepOutcome, junit_cases
from muscle_triage.knowledge import article_facts
from ops.report_figures import Figures

VOCABULARY = Vocabulary.of_domain(PROJECT / "domain.yml")


def cases_from(tmp_path, text, name="cases.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_cases([path], VOCABULARY)


def one_step(tmp_path, step_yaml):
    [case] = cases_from(tmp_path, f"cases:\n  - case: c\n    steps:\n      - {step_yaml}\n")
    return case.steps[0]


QUESTION = {"text": "How much does it hurt?", "response": "utter_ask_pain_level"}
RESULT = {"custom": {"triage": {"level": "specialist", "contraction": "spasm", "subtype": "skeletal"}}}


# --- the format ------------------------------------------------------------------------------------------------------
def test_yes_and_no_are_words_as_rasa_reads_yaml_not_booleans(tmp_path):
    [case] = cases_from(
        tmp_path,
        "cases:\n  - case: c\n    steps:\n      - user: no\n        asks: null\n"
        "      - button: Yes\n        slots: {pain_after: false}\n",
    )
    assert (case.steps[0].value, case.steps[1].value) == ("no", "Yes")
    assert case.steps[1].checks["slots"] == {"pain_after": False}


def test_single_values_become_lists_and_the_step_knows_what_it_sends(tmp_path):
    step = one_step(tmp_path, "{user: hi, utter: utter_greet, bot: assistant}")
    assert step.sends == "user" and step.checks == {"utter": ["utter_greet"], "bot": ["assistant"]}
    assert step.describe() == 'user: "hi"'


@pytest.mark.parametrize(
    "step_yaml, problem",
    [
        ("{user: hi, uter: utter_greet}", "unknown key"),
        ("{user: hi, utter: utter_gret}", "not a response in domain.yml"),
        ("{user: hi, not_utter: utter_nothing}", "not a response in domain.yml"),
        ("{user: hi, asks: pain}", "not a slot"),
        ("{user: hi, slots: {pain: mild}}", "not a slot"),
        ("{user: hi, bot_matches: '(unclosed'}", "bad regular expression"),
        ("{user: hi, triage: {urgency: high}}", "triage"),
        ("{user: hi}", "must check something"),
        ("{user: hi, button: Yes, utter: utter_greet}", "exactly one of"),
        ("{utter: utter_greet}", "exactly one of"),
        ("{action_server: sideways}", "down"),
        ("{action_server: down, utter: utter_greet}", "alone in its step"),
    ],
)
def test_a_malformed_step_is_refused_when_the_files_are_read(tmp_path, step_yaml, problem):
    with pytest.raises(CaseFormatError, match=problem):
        one_step(tmp_path, step_yaml)


def test_case_names_must_be_unique_across_files(tmp_path):
    (tmp_path / "a.yml").write_text("cases:\n  - case: same\n    steps:\n      - {user: hi, utter: utter_greet}\n")
    (tmp_path / "b.yml").write_text("cases:\n  - case: same\n    steps:\n      - {user: hi, utter: utter_greet}\n")
    with pytest.raises(CaseFormatError, match="two cases are named"):
        load_cases([tmp_path], VOCABULARY)


def test_a_case_that_stops_the_action_server_is_marked_to_run_alone(tmp_path):
    [case] = cases_from(
        tmp_path,
        "cases:\n  - case: c\n    steps:\n      - action_server: down\n"
        "      - {user: hi, bot: Sorry}\n      - action_server: up\n",
    )
    assert case.controls_action_server


# --- checking a reply ------------------------------------------------------------------------------------------------
def test_a_matching_reply_has_no_mismatch(tmp_path):
    step = one_step(
        tmp_path,
        "{user: x, utter: utter_ask_pain_level, asks: pain_level, bot: hurt, "
        "bot_matches: '^How much', not_utter: utter_emergency}",
    )
    assert check_reply(step, Reply.of([QUESTION])) == []


def test_each_wrong_part_of_a_reply_is_reported_with_expected_and_actual(tmp_path):
    step = one_step(
        tmp_path,
        "{user: x, utter: utter_emergency, not_utter: utter_ask_pain_level, asks: null, "
        "bot: call now, bot_matches: 'emergency', triage: {level: emergency}}",
    )
    mismatches = {m.check: m for m in check_reply(step, Reply.of([QUESTION]))}
    assert set(mismatches) == {"utter", "not_utter", "asks", "bot", "bot_matches", "triage"}
    assert mismatches["utter"].expected == ["utter_emergency"]
    assert mismatches["utter"].actual == ["utter_ask_pain_level"]
    assert mismatches["asks"].actual == "pain_level"
    assert mismatches["triage"].actual == "no triage payload"
    diff = mismatches["bot"].diff()
    assert "  - ['call now']" in diff and "  + How much does it hurt?" in diff


def test_text_fragments_ignore_case_but_regular_expressions_do_not(tmp_path):
    assert check_reply(one_step(tmp_path, "{user: x, bot: HOW MUCH}"), Reply.of([QUESTION])) == []
    assert check_reply(one_step(tmp_path, "{user: x, bot_matches: 'HOW MUCH'}"), Reply.of([QUESTION]))


def test_triage_fields_are_compared_one_by_one_and_null_means_no_result(tmp_path):
    reply = Reply.of([{"text": "result"}, RESULT])
    assert check_reply(one_step(tmp_path, "{user: x, triage: {level: specialist, subtype: skeletal}}"), reply) == []
    [wrong] = check_reply(one_step(tmp_path, "{user: x, triage: {level: self_care, contraction: spasm}}"), reply)
    assert wrong.expected == {"level": "self_care", "contraction": "spasm"}
    assert wrong.actual == {"level": "specialist", "contraction": "spasm"}
    [unexpected] = check_reply(one_step(tmp_path, "{user: x, triage: null}"), reply)
    assert unexpected.actual["level"] == "specialist"


def test_slots_compare_stored_values_including_none():
    assert check_slots({"pain_level": "mild", "rephrase": None}, {"pain_level": "mild", "rephrase": None}) == []
    [wrong] = check_slots({"pain_level": "mild", "rephrase": None}, {"pain_level": "severe", "rephrase": "x"})
    assert wrong.expected == {"pain_level": "mild", "rephrase": None}
    assert wrong.actual == {"pain_level": "severe", "rephrase": "x"}


def test_an_expected_mapping_needs_only_its_own_keys_in_the_stored_value():
    stored = {"feedback": {"rating": "unhelpful", "answer": {"action": "action_answer_question", "answer": "long"}}}
    assert (
        check_slots({"feedback": {"rating": "unhelpful", "answer": {"action": "action_answer_question"}}}, stored) == []
    )
    [wrong] = check_slots({"feedback": {"rating": "helpful"}}, stored)
    assert wrong.actual == stored
    assert check_slots({"feedback": {"rating": "helpful"}}, {"feedback": None})


def test_the_reply_is_described_by_response_name_and_payload():
    lines = describe_reply(Reply.of([QUESTION, {"text": "plain"}, RESULT]))
    assert lines[0].strip().startswith("[utter_ask_pain_level] How much")
    assert lines[1].strip() == "[text] plain"
    assert "level=specialist" in lines[2]


def test_pressing_a_button_sends_its_payload():
    reply = Reply.of(
        [{"text": "q", "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]}]
    )
    assert reply.button_payload(" no ") == "/deny"
    assert reply.button_payload("Maybe") is None


# --- the JUnit report ------------------------------------------------------------------------------------------------
def test_junit_report_names_each_case_and_carries_the_failure_diff(tmp_path):
    [passing, failing] = cases_from(
        tmp_path,
        "cases:\n  - case: good\n    steps:\n      - {user: a, bot: x}\n"
        "  - case: bad\n    steps:\n      - {user: a, utter: utter_greet}\n"
        "      - {user: b, bot: y}\n",
    )
    good = CaseOutcome(passing, [StepOutcome(passing.steps[0])], 1.5)
    failed_step = StepOutcome(
        failing.steps[0], check_reply(failing.steps[0], Reply.of([QUESTION])), Reply.of([QUESTION])
    )
    bad = CaseOutcome(failing, [failed_step], 2.0)
    assert "1 later step(s) not played" in bad.report()
    path = tmp_path / "out" / "junit.xml"
    write_junit(path, "conversations", junit_cases([good, bad]), 3.5)
    suite = ElementTree.parse(path).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert cases["good"].find("failure") is None and cases["good"].get("classname") == "conversations.cases"
    failure = cases["bad"].find("failure")
    assert failure.get("message") == 'step 1 (user: "a"):'
    assert "- ['utter_greet']" in failure.text and "+ ['utter_ask_pain_level']" in failure.text


def test_a_step_that_could_not_be_played_is_an_error_not_a_failure(tmp_path):
    [case] = cases_from(tmp_path, "cases:\n  - case: c\n    steps:\n      - {user: a, bot: x}\n")
    outcome = CaseOutcome(case, [StepOutcome(case.steps[0], error="the bot did not answer: timeout")], 1.0)
    [result] = junit_cases([outcome])
    assert result.error and result.failure is None
    write_junit(tmp_path / "j.xml", "conversations", [result, JUnitCase("s", "ok", 0.1)], 1.1)
    assert ElementTree.parse(tmp_path / "j.xml").getroot().find("testsuite").get("errors") == "1"


# --- what the project's cases cover ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def project_cases():
    return load_cases([CASES], VOCABULARY)


def test_every_case_file_is_read_whole_and_names_only_what_the_domain_defines(project_cases):
    """A file left unread never runs, and a misspelt response in `not_utter` could never fail: every file of
    tests/conversations is read with all its cases, and every response and slot they name is in domain.yml."""
    domain = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
    responses, slots = set(domain["responses"]), set(domain["slots"]) | {"requested_slot"}
    for file in sorted(CASES.iterdir()):
        written = [raw["case"].strip() for raw in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]]
        assert [case.name for case in project_cases if case.file == file] == written, f"{file.name} was not read whole"
    for case in project_cases:
        for step in case.steps:
            named = step.checks.get("utter", []) + step.checks.get("not_utter", [])
            assert set(named) <= responses, (case.name, step.number, named)
            asked = {step.checks["asks"]} if step.checks.get("asks") else set()
            assert asked | set(step.checks.get("slots") or {}) <= slots, (case.name, step.number)


def test_every_article_topic_is_asked_in_some_case(project_cases):
    """Each topic's section title appears in what some case expects the bot to say."""
    facts = yaml.safe_load(Path(article_facts.__file__).with_name("article_facts.yml").read_text(encoding="utf-8"))
    expected = " ".join(
        fragment
        for case in project_cases
        for step in case.steps
        for fragment in step.checks.get("bot", []) + step.checks.get("bot_matches", [])
    )
    missing = [topic for topic, content in facts["topics"].items() if content["section"] not in expected]
    assert not missing, f"no conversation case expects an answer citing the section of: {missing}"


def test_the_cases_cover_emergencies_stop_unreadable_input_and_a_dead_action_server(project_cases):
    steps = [step for case in project_cases for step in case.steps]
    emergencies = [
        case for case in project_cases if any("utter_emergency" in step.checks.get("utter", []) for step in case.steps)
    ]
    first_message_emergency = [
        case for case in emergencies if "utter_emergency" in case.steps[0].checks.get("utter", [])
    ]
    assert first_message_emergency and len(emergencies) >= 4
    assert any("utter_interview_stopped" in step.checks.get("utter", []) for step in steps)
    assert any("utter_not_read" in step.checks.get("utter", []) for step in steps)
    assert any("utter_assume_not_sure" in step.checks.get("utter", []) for step in steps)
    assert any(case.controls_action_server for case in project_cases)
    assert any(step.sends == "button" for step in steps)


def test_the_documented_example_is_a_case_of_the_project(tmp_path, project_cases):
    """docs/testing.md, "Writing a conversation test" shows a real case (comments aside), so it cannot drift."""
    guide = (PROJECT / "docs" / "testing.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Writing a conversation test") :]
    example = section[section.index("```yaml\ncases:") + len("```yaml\n") : section.index("```\n", 8)]
    [shown] = cases_from(tmp_path, example)
    [real] = [case for case in project_cases if case.name == shown.name]
    assert [(step.sends, step.value, dict(step.checks)) for step in shown.steps] == [
        (step.sends, step.value, dict(step.checks)) for step in real.steps
    ]


# --- the report's markers over the conversations the cases play (harness/case_figures.py) ---------------------------
FIGURE_CASES = """
cases:
  - case: a result and a thumbs down
    steps:
      - user: my calf cramps
        asks: breathing_difficulty
      - user: no
        triage: {level: specialist}
      - button: 👎 No
        utter: utter_feedback_sorry
  - case: an emergency, as a result and as the answer
    steps:
      - user: my neck spasms
        asks: breathing_difficulty
      - user: "yes"
        utter: utter_emergency
        triage: {level: emergency}
      - user: I can't breathe
        utter: utter_emergency
      - user: do cats twitch?
        utter: utter_not_sure
"""


def test_the_figures_the_cases_expect_come_from_their_steps(tmp_path):
    cases = cases_from(tmp_path, FIGURE_CASES)
    expected = expected_figures(cases)
    assert expected["conversations"] == 2
    assert expected["checks completed at see a specialist"] == 1 and expected["checks completed at self-care"] == 0
    assert expected["emergency answers"] == 2  # one per step, whether it checks the response, the result or both
    assert expected['messages answered "not sure"'] == 1 and expected["ratings 👎"] == 1
    assert expected["ratings 👍"] == expected["checks stopped"] == 0


def test_the_report_must_count_what_the_cases_expect(tmp_path):
    cases = cases_from(tmp_path, FIGURE_CASES)
    figures = Figures(conversations=2, emergency_answers=2, fallbacks=1)
    figures.outcomes["completed_specialist"] = 1
    figures.rated["unhelpful"] = 1
    assert disagreements(cases, figures) == []
    figures.emergency_answers = 1
    assert disagreements(cases, figures) == ["emergency answers: the cases expect 2, the report counted 1"]


FORGOTTEN_CASES = """
cases:
  - case: an emergency, then forgotten, then a question
    steps:
      - user: I can't breathe
        utter: utter_emergency
      - user: delete my conversation
        utter: utter_confirm_forget_conversation
      - button: Yes, delete it
        utter: utter_conversation_deleted
      - user: do cats twitch?
        utter: utter_not_sure
  - case: forgotten at the end
    steps:
      - user: I can't breathe
        utter: utter_emergency
      - user: delete my conversation
        utter: utter_confirm_forget_conversation
      - button: Yes, delete it
        utter: utter_conversation_deleted
"""


def test_a_forgotten_conversation_counts_only_what_follows_the_deletion(tmp_path):
    expected = expected_figures(cases_from(tmp_path, FORGOTTEN_CASES))
    assert expected["emergency answers"] == 0
    assert expected['messages answered "not sure"'] == 1
    assert expected["conversations"] == 1  # the second case leaves nothing in the store
