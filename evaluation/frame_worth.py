"""What each group of hand-written question frames is worth, on the persona questions: the share answered with a
right section with every group in place, and without each group in turn. A group that moves no figure (dev or
held out: the counted half or the holdout) no longer earns its place: delete it.

The classifier runs once per question (the NLU pipeline without its guard); the guard and the answer are then
worked out again for each group left out, in process, as addons/input_guard.py and action_answer_question do.
Single, two-part and not-covered questions count (follow-ups need a conversation), each read whole (not the
question clauses the pipeline also reads alone). The held-out figures are printed, never their failures; `--show dev`
prints dev's only, for use while improving the bot. Usage: python -m evaluation.frame_worth [--show dev]
"""

import argparse
import asyncio
import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import structlog
from rasa.core.agent import Agent
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.input_guard import InputGuard
from evaluation.evaluate_understanding import cited_sections
from evaluation.persona_set import SPLITS, PersonaQuestion, persona_questions
from muscle_triage.understanding import answerability, question_answering, question_reading
from muscle_triage.understanding.wording import normalise

PROJECT = Path(__file__).resolve().parent.parent
KINDS = ("single", "two_part", "not_covered")
ALL_GROUPS = "none"


@contextlib.contextmanager
def _without(group: str) -> Iterator[None]:
    """The question frames with one group left out: an intent's strong frames, or the named causes and steps."""
    names = ("STRONG_FRAMES", "NAMED_CAUSES", "PREVENTION_STEPS")
    saved = {name: getattr(question_reading, name) for name in names}
    never = question_reading.re.compile(r"(?!x)x")
    if group in ("every strong frame", "every frame"):
        question_reading.STRONG_FRAMES = ()
    if group in ("every frame", "named causes and steps"):
        question_reading.NAMED_CAUSES = ()
        question_reading.PREVENTION_STEPS = never
    if group.startswith("strong:"):
        intent = group.removeprefix("strong:")
        question_reading.STRONG_FRAMES = tuple(pair for pair in saved["STRONG_FRAMES"] if pair[0] != intent)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(question_reading, name, value)


def groups() -> list[str]:
    strong = [f"strong:{intent}" for intent, _ in question_reading.STRONG_FRAMES]
    return [ALL_GROUPS, *strong, "named causes and steps", "every strong frame", "every frame"]


def _classified(agent: Agent, text: str) -> dict:
    """The parse before the guard: the classifier's own intent, ranking and entities."""
    with _guard_off():
        return asyncio.run(agent.parse_message(text))


@contextlib.contextmanager
def _guard_off() -> Iterator[None]:
    process = InputGuard.process
    InputGuard.process = lambda self, messages: messages  # type: ignore[method-assign]
    try:
        yield
    finally:
        InputGuard.process = process  # type: ignore[method-assign]


def _answer_right(question: PersonaQuestion, parsed: dict) -> bool:
    message = Message(
        data={
            TEXT: parsed["text"],
            INTENT: parsed["intent"],
            INTENT_RANKING_KEY: parsed.get("intent_ranking") or [],
            ENTITIES: parsed.get("entities") or [],
        }
    )
    intent = InputGuard.intent_for(message) or parsed["intent"]["name"]
    said = normalise(parsed["text"])
    gap = answerability.uncovered(said) if intent in question_reading.QUESTION_INTENTS else None
    if question.kind == "not_covered":
        return intent not in question_reading.QUESTION_INTENTS or bool(gap)
    if gap or intent not in question_reading.QUESTION_INTENTS:
        return False
    cited: set[str] = set()
    for asked in question_reading.questions_asked(said, intent):
        answer = question_answering.answer_question(asked, parsed.get("entities") or [], said)
        if answer:
            cited |= set(cited_sections(answer.render()))
    return all(cited & set(part) for part in question.parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(PROJECT / "models" / "model.tar.gz"))
    parser.add_argument(
        "--show",
        choices=["both", "dev"],
        default="both",
        help="dev: print dev's and the counted half's shares, never the holdout's",
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))  # Rasa's parse logs
    agent = Agent.load(args.model)
    questions = [question for question in persona_questions() if question.kind in KINDS]
    parsed = [_classified(agent, question.text) for question in questions]
    figures: dict[str, dict[str, float]] = {}
    for group in groups():
        with _without(group):
            right = [_answer_right(question, parse) for question, parse in zip(questions, parsed, strict=True)]
        figures[group] = {
            split: round(
                sum(ok for ok, q in zip(right, questions, strict=True) if q.split == split)
                / max(1, sum(q.split == split for q in questions)),
                3,
            )
            for split in SPLITS
        }
    base = figures[ALL_GROUPS]
    splits = ("dev", "counted") if args.show == "dev" else ("dev", "counted", "holdout")
    print(f"{'frames left out':<36}" + "".join(f" {split:>8}" for split in splits))
    for group, shares in figures.items():
        shown = "".join(f" {shares[split]:>8.3f}" for split in splits)
        change = " ".join(f"{shares[split] - base[split]:+.3f}" for split in splits)
        print(f"{group:<36}{shown}   ({change})")
    (PROJECT / "results").mkdir(exist_ok=True)
    (PROJECT / "results" / "frame_worth.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
