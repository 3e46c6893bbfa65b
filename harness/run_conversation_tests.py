"""Plays the end-to-end conversation cases (tests/conversations/*.yml) against the real bot over REST.

Starts one action server and one Rasa server on free ports, with a throwaway tracker store and Rasa's HTTP API
behind a random token (to read slots back). Cases run several at a time, each as its own conversation; a case that
stops the action server runs alone afterwards. Every failing step is printed with a diff (- expected, + actual)
and the whole reply; the JUnit XML report goes to results/conversations.xml. Exits non-zero on any failure.

Once every case has passed, `make report`'s markers run over the conversations just played (the real bot's own
events) and must count what the cases expect (harness/case_figures.py).

Usage: run_conversation_tests.py [PATH ...] [-k TEXT] [--workers N]
"""

import argparse
import asyncio
import concurrent.futures
import sys
import time
import urllib.error
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from rasa.shared.core.domain import Domain

from harness.bot_servers import PROJECT, Bot, running_bot
from harness.case_figures import disagreements
from harness.conversation_cases import (
    Case,
    CaseFormatError,
    Mismatch,
    Step,
    Vocabulary,
    check_reply,
    check_slots,
    describe_reply,
    load_cases,
)
from harness.junit_report import JUnitCase, write_junit
from harness.rest_driver.client import Reply, send, tracker
from ops import conversation_report

CASES = PROJECT / "tests" / "conversations"
JUNIT = PROJECT / "results" / "conversations.xml"
# Rasa works one message at a time per core; a few conversations at once keep it busy while others wait on I/O.
WORKERS = 4
# A turn that needs the model and the action server takes a second or two on a loaded 2-core machine.
TURN_TIMEOUT = 120


@dataclass
class StepOutcome:
    step: Step
    mismatches: list[Mismatch] = field(default_factory=list)
    reply: Reply | None = None
    error: str | None = None  # the step could not be played


@dataclass
class CaseOutcome:
    case: Case
    steps: list[StepOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed_steps(self) -> list[StepOutcome]:
        return [outcome for outcome in self.steps if outcome.mismatches or outcome.error]

    @property
    def passed(self) -> bool:
        return not self.failed_steps

    def report(self) -> str:
        """Each failing step: what was sent, the diff of expected and actual, and the whole reply."""
        lines = []
        for outcome in self.failed_steps:
            lines.append(f"step {outcome.step.number} ({outcome.step.describe()}):")
            if outcome.error:
                lines.append(f"  {outcome.error}")
            for mismatch in outcome.mismatches:
                lines += mismatch.diff()
            if outcome.reply is not None:
                lines += ["  reply:", *describe_reply(outcome.reply)]
        not_played = len(self.case.steps) - len(self.steps)
        if not_played:
            lines.append(f"({not_played} later step(s) not played: the conversation could not go on)")
        return "\n".join(lines)


def play(bot: Bot, case: Case) -> CaseOutcome:
    """One case as one new conversation. A step that cannot be played (no such button, no answer) ends it."""
    sender = f"case-{uuid.uuid4().hex[:12]}"
    outcome = CaseOutcome(case)
    started = time.monotonic()
    previous: Reply | None = None
    try:
        for step in case.steps:
            result = StepOutcome(step)
            outcome.steps.append(result)
            if step.sends == "action_server":
                (bot.stop_actions if step.value == "down" else bot.start_actions)()
                continue
            text = step.value
            if step.sends == "button":
                text = previous.button_payload(step.value) if previous else None
                if text is None:
                    titles = [b.get("title") for b in previous.buttons] if previous else []
                    result.mismatches.append(Mismatch("button", step.value, f"buttons offered: {titles}"))
                    break
            try:
                previous = result.reply = Reply.of(send(bot.url, sender, text, timeout=TURN_TIMEOUT))
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                result.error = f"the bot did not answer: {error!r}"
                break
            result.mismatches += check_reply(step, result.reply)
            if "slots" in step.checks:
                result.mismatches += check_slots(step.checks["slots"], tracker(bot.url, sender, bot.token)["slots"])
    finally:
        if case.controls_action_server and (bot.actions is None or bot.actions.process.poll() is not None):
            bot.start_actions()  # the cases after this one need it
        outcome.seconds = time.monotonic() - started
    return outcome


def play_all(bot: Bot, cases: list[Case], workers: int) -> list[CaseOutcome]:
    shared = [case for case in cases if not case.controls_action_server]
    alone = [case for case in cases if case.controls_action_server]
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        outcomes = list(pool.map(lambda case: show(play(bot, case)), shared))
    outcomes += [show(play(bot, case)) for case in alone]
    order = {case.name: index for index, case in enumerate(cases)}
    return sorted(outcomes, key=lambda outcome: order[outcome.case.name])


def show(outcome: CaseOutcome) -> CaseOutcome:
    mark = "ok  " if outcome.passed else "FAIL"
    print(f"{mark} {outcome.case.suite} › {outcome.case.name} ({outcome.seconds:.1f} s)", flush=True)
    if not outcome.passed:
        print("\n".join("     " + line for line in outcome.report().splitlines()), flush=True)
    return outcome


def junit_cases(outcomes: list[CaseOutcome]) -> list[JUnitCase]:
    results = []
    for outcome in outcomes:
        errors = [step for step in outcome.failed_steps if step.error and not step.mismatches]
        text = None if outcome.passed else outcome.report()
        results.append(
            JUnitCase(
                suite=outcome.case.suite,
                name=outcome.case.name,
                seconds=outcome.seconds,
                failure=text if not errors and text else None,
                error=text if errors else None,
            )
        )
    return results


REPORT_CHECK = "make report over these conversations counts what the cases expect"


def check_the_report(bot: Bot, cases: list[Case], outcomes: list[CaseOutcome]) -> JUnitCase | None:
    """The report's markers over the conversations just played; only after every case passed, since a failed
    case's conversation is not what it expects."""
    if not all(outcome.passed for outcome in outcomes):
        print(f"Not checked, since a case failed: {REPORT_CHECK}.", flush=True)
        return None
    started = time.monotonic()
    domain = Domain.load(str(PROJECT / "domain.yml"))
    markers = conversation_report.load_markers(PROJECT / "markers.yml", domain)
    figures = asyncio.run(conversation_report.report_figures(bot.endpoints, markers, domain, with_text=False))
    wrong = disagreements(cases, figures)
    print(f"{'ok  ' if not wrong else 'FAIL'} report › {REPORT_CHECK} ({time.monotonic() - started:.1f} s)", flush=True)
    for line in wrong:
        print(f"     {line}", flush=True)
    return JUnitCase("report", REPORT_CHECK, time.monotonic() - started, failure="\n".join(wrong) or None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[CASES], help="case files or folders")
    parser.add_argument("-k", dest="keyword", help="only the cases whose name contains this text")
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--junit", type=Path, default=JUNIT)
    args = parser.parse_args()
    try:
        cases = load_cases(args.paths, Vocabulary.of_domain(PROJECT / "domain.yml"))
    except CaseFormatError as error:
        print(f"Conversation cases are malformed: {error}", file=sys.stderr)
        return 2
    if args.keyword:
        cases = [case for case in cases if args.keyword.casefold() in case.name.casefold()]
        if not cases:
            print(f"No case name contains {args.keyword!r}.", file=sys.stderr)
            return 2
    started = time.monotonic()
    with running_bot("conversations", api=True) as bot:
        ready = time.monotonic()
        print(
            f"Bot ready after {ready - started:.0f} s; playing {len(cases)} cases, {args.workers} at a time.",
            flush=True,
        )
        outcomes = play_all(bot, cases, args.workers)
        played = time.monotonic()
        report_check = check_the_report(bot, cases, outcomes)
    total = time.monotonic() - started
    results = junit_cases(outcomes) + ([report_check] if report_check else [])
    write_junit(args.junit, "conversations", results, total)
    failed = [outcome for outcome in outcomes if not outcome.passed]
    steps = sum(len(outcome.case.steps) for outcome in outcomes)
    # The summary names the report check too: "48/48 cases passed" alone would hide a failing report.
    if report_check is None:
        report = "not checked, since a case failed"
    else:
        report = "failed" if report_check.failure else "passed"
    print(
        f"\nConversation tests: {len(outcomes) - len(failed)}/{len(outcomes)} cases passed ({steps} steps), "
        f"the report check {report}; "
        f"{total:.0f} s in all: {ready - started:.0f} s starting the servers, {played - ready:.0f} s playing. "
        f"JUnit report: {args.junit.relative_to(PROJECT) if args.junit.is_relative_to(PROJECT) else args.junit}"
    )
    for outcome in failed:
        print(f"FAILED: {outcome.case.suite} › {outcome.case.name}")
    if report_check and report_check.failure:
        print(f"FAILED: {report_check.suite} › {report_check.name}")
    return 1 if failed or (report_check and report_check.failure) else 0


if __name__ == "__main__":
    sys.exit(main())
