"""What `make report` must count over the conversations the conversation cases play: the markers checked on Rasa's
own events (tests/report_seed.py writes its conversations by hand; these come from the real bot).

Each figure is derived from what the cases' steps expect, so it holds when every step that makes the bot do the
counted thing says so: a result (`triage: {level: ...}`), the emergency answer (`utter: utter_emergency` or an
emergency `triage:`), leaving the check (`utter: utter_interview_stopped`), "not sure" (`utter: utter_not_sure`),
an answer taken as not sure (`utter: utter_assume_...`) and a rating (`utter: utter_feedback_thanks / _sorry`).
A step that confirms "forget me" (`utter: utter_conversation_deleted`) takes everything before it out of the count.
The runner (harness/run_conversation_tests.py) compares them once every case has passed.
"""

from collections.abc import Sequence

from harness.conversation_cases import Case, Step
from ops.report_figures import Figures

NOT_SURE = ("utter_not_sure", "utter_default")
TAKEN_AS_NOT_SURE = ("utter_assume_not_sure", "utter_assume_breathing")
DELETED = "utter_conversation_deleted"


def _expects(step: Step, responses: Sequence[str]) -> bool:
    return any(name in step.checks.get("utter", []) for name in responses)


def _result_level(step: Step) -> str | None:
    return (step.checks.get("triage") or {}).get("level")


def _kept_steps(case: Case) -> list[Step]:
    """The steps whose events stay in the store: a confirmed "forget me" deletes the conversation up to and with
    its own turn, so only what follows it can be counted."""
    steps = list(case.steps)
    for index in range(len(steps) - 1, -1, -1):
        if _expects(steps[index], [DELETED]):
            return steps[index + 1 :]
    return steps


def expected_figures(cases: Sequence[Case]) -> dict[str, int]:
    kept = [_kept_steps(case) for case in cases]
    steps = [step for case_steps in kept for step in case_steps]
    return {
        "conversations": sum(1 for case_steps in kept if case_steps),
        "checks completed at self-care": sum(_result_level(step) == "self_care" for step in steps),
        "checks completed at see a specialist": sum(_result_level(step) == "specialist" for step in steps),
        "emergency answers": sum(
            _expects(step, ["utter_emergency"]) or _result_level(step) == "emergency" for step in steps
        ),
        "checks stopped": sum(_expects(step, ["utter_interview_stopped"]) for step in steps),
        'messages answered "not sure"': sum(_expects(step, NOT_SURE) for step in steps),
        'check answers taken as "not sure"': sum(_expects(step, TAKEN_AS_NOT_SURE) for step in steps),
        "ratings 👍": sum(_expects(step, ["utter_feedback_thanks"]) for step in steps),
        "ratings 👎": sum(_expects(step, ["utter_feedback_sorry"]) for step in steps),
    }


def counted_figures(figures: Figures) -> dict[str, int]:
    """The same figures, as the report counted them."""
    return {
        "conversations": figures.conversations,
        "checks completed at self-care": figures.outcomes["completed_self_care"],
        "checks completed at see a specialist": figures.outcomes["completed_specialist"],
        "emergency answers": figures.emergency_answers,
        "checks stopped": figures.outcomes["stopped"],
        'messages answered "not sure"': figures.fallbacks,
        'check answers taken as "not sure"': sum(figures.taken_as_not_sure.values()),
        "ratings 👍": figures.rated["helpful"],
        "ratings 👎": figures.rated["unhelpful"],
    }


def disagreements(cases: Sequence[Case], figures: Figures) -> list[str]:
    """One line per figure the report counted differently from what the cases expect."""
    expected, counted = expected_figures(cases), counted_figures(figures)
    return [
        f"{what}: the cases expect {expected[what]}, the report counted {counted[what]}"
        for what in expected
        if expected[what] != counted[what]
    ]
