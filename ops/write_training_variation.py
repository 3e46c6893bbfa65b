"""Writes training variation for the intent classifier from our own examples, so that no one writes it by hand:

- questions_in_stories.yml: an article question with a personal story before or after it ("my calf locked up at
  football last night, why can't you straighten your leg during a cramp?"). The question decides the intent: the
  bot answers it, then offers the check.
- symptoms_with_asks.yml: an account of a symptom with a plea attached ("my shoulder keeps seizing up, whats going
  on?"): the check, not an article answer.
- two_questions.yml: two article questions in one message, labelled with Rasa's multi-intents ("ask_causes+
  ask_prevention", config.yml's intent_split_symbol). The NLU guard routes the first part and the answering action
  answers every part (understanding.question_reading.questions_asked).
- everyday_typing.yml: every example once more as people type on a phone: lower case, txt-speak, a filler, an emoji,
  a slip of a key, no final punctuation.

Entity annotations are kept as they are, and only the words outside them change. The sources are data/nlu/*.yml,
so the generated files change whenever an example does: tests/test_training_variation.py fails when they are out
of date. Usage: .venv/bin/python -m ops.write_training_variation (or `make variation`).
"""

import itertools
import random
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from muscle_triage.understanding.question_reading import QUESTION_INTENTS

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = PROJECT / "data" / "nlu"
GENERATED = SOURCES / "generated"
HEADER = "# Generated from data/nlu/*.yml by ops.write_training_variation: edit the sources, then `make variation`.\n"
SEED = 20261206
SPLIT_SYMBOL = "+"  # config.yml, WhitespaceTokenizer's intent_split_symbol

STORIES_PER_INTENT = 40  # at least, per intent
EXAMPLES_PER_PAIR = 6
# Questions in stories never mention breathing: breathing trouble is the emergency, whatever else a message asks.
BREATHING = re.compile(r"breath|chest|lung|throat|swallow|air\b", re.IGNORECASE)
# Whose muscles a story is about: one's own, or someone close's ("my calf" becomes "my son's calf").
STORY_OWNERS = ("my ", "my ", "my ", "my son's ", "my daughter's ", "my mum's ", "my husband's ")
STORY_START = re.compile(r"^(?:my|i|i'm|i've|i'd|every|last|since|after|when)\b", re.IGNORECASE)
STORY_JOINS = (
    "{story}. {question}",
    "{story}, {question}",
    "{story}... {question}",
    "{question} {story}",
    "{question}? {story}",
    "{question} because {story}",
)
QUESTION_JOINS = (
    "{first} and {second}",
    "{first}? {second}",
    "{first}, also {second}",
    "{first} + {second}",
    "{first} n {second}",
    "{first}? and {second}",
    "{first}. oh and {second}",
    "{first} & {second}",
)
TXT_SPEAK = {
    "you": "u",
    "your": "ur",
    "are": "r",
    "and": "n",
    "to": "2",
    "for": "4",
    "because": "cuz",
    "please": "pls",
    "what": "wat",
    "why": "y",
    "i'm": "im",
    "don't": "dont",
    "can't": "cant",
    "really": "rly",
    "with": "w",
    "about": "abt",
    "thanks": "thx",
    "though": "tho",
}
FILLERS = ("hey ", "hi, ", "um ", "ok so ", "quick q ", "hello there ", "sorry to bother you but ", "so ")
EMOJI = (" 😅", " 😩", " 🙏", " 🤔", " 😬", " lol", " ??", " !!")

ANNOTATION = re.compile(r"\[[^\]]+\](?:\([^)]+\)|\{[^}]+\})")


def _examples(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: dict[str, list[str]] = {}
    for block in data.get("nlu") or []:
        if "intent" in block:
            lines = (line.strip() for line in block["examples"].splitlines())
            found.setdefault(block["intent"], []).extend(line[2:].strip() for line in lines if line.startswith("- "))
    return found


def source_examples() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for path in sorted(SOURCES.glob("*.yml")):
        for intent, examples in _examples(path).items():
            merged.setdefault(intent, []).extend(examples)
    return merged


def _outside_annotations(example: str, change: Callable[[str], str]) -> str:
    """The example with `change` applied to the words between its entity annotations only."""
    pieces, last = [], 0
    for match in ANNOTATION.finditer(example):
        pieces += [change(example[last : match.start()]), match.group(0)]
        last = match.end()
    return "".join(pieces + [change(example[last:])])


def _plain_words(example: str) -> str:
    return ANNOTATION.sub(lambda match: match.group(0)[1 : match.group(0).index("]")], example)


def _bare(question: str) -> str:
    """A question without its final punctuation and its capital, to sit inside a longer message."""
    question = question.rstrip(" ?.!")
    return question[:1].lower() + question[1:] if not question[:2].isupper() else question


def _stories(examples: dict[str, list[str]]) -> list[str]:
    """Statements about someone's muscles, from the symptom examples: whole sentences with a body part or a
    sensation, and no breathing."""
    return [
        example.rstrip(" .!")
        for example in examples.get("describe_symptom", [])
        if "body_part" in example or "sensation" in example
        if not BREATHING.search(_plain_words(example)) and len(_plain_words(example).split()) >= 5
        if STORY_START.match(example)
    ]


def _owned(story: str, rng: random.Random) -> str:
    return rng.choice(STORY_OWNERS) + story[3:] if story.lower().startswith("my ") else story


def questions_in_stories(examples: dict[str, list[str]], rng: random.Random) -> dict[str, list[str]]:
    stories = _stories(examples)
    generated: dict[str, list[str]] = {}
    for intent in QUESTION_INTENTS:
        # A question about breathing beside a personal story could be someone's own breathing trouble: never taught
        # as a question.
        questions = [question for question in examples[intent] if not BREATHING.search(_plain_words(question))]
        made = []
        # Every question once, then more at random up to the minimum: an intent with few examples still gets enough.
        chosen = questions + [rng.choice(questions) for _ in range(STORIES_PER_INTENT - len(questions))]
        for question in chosen:
            story = _owned(_bare(rng.choice(stories)), rng)
            join = rng.choice(STORY_JOINS)
            made.append(join.format(story=story, question=_bare(question) + rng.choice(("?", "", "?"))))
        generated[intent] = made
    return generated


# What people add to an account of their own symptom: they want it looked at, which is the check's job.
CHECK_ASKS = (
    "whats going on",
    "what is this",
    "should i be worried",
    "is this normal",
    "help",
    "thoughts?",
    "any idea what it is",
    "is that bad",
    "what do you think",
    "should i see someone",
    "is it serious",
)
CHECK_ASK_JOINS = ("{story}, {ask}", "{story}. {ask}", "{story} {ask}", "{ask}? {story}")
SYMPTOM_INTENT = "describe_symptom"
ASKS_PER_STORY = 2


def symptoms_with_asks(examples: dict[str, list[str]], rng: random.Random) -> dict[str, list[str]]:
    """Accounts of a symptom with a plea attached ("my shoulder keeps seizing up, whats going on"): the check,
    not an article answer, even though they end in a question."""
    made = [
        rng.choice(CHECK_ASK_JOINS).format(story=_owned(_bare(story), rng), ask=rng.choice(CHECK_ASKS))
        for story in _stories(examples) * ASKS_PER_STORY
    ]
    return {SYMPTOM_INTENT: made}


def multi_intent(first: str, second: str) -> str:
    """The label of a message asking two article questions, in QUESTION_INTENTS order (DIET reads a label as the
    bag of its parts, so the order of the parts cannot be learned; the answering action orders the answers)."""
    return SPLIT_SYMBOL.join(sorted((first, second), key=QUESTION_INTENTS.index))


def question_pairs() -> list[tuple[str, str]]:
    return list(itertools.combinations(QUESTION_INTENTS, 2))


def two_questions(examples: dict[str, list[str]], rng: random.Random) -> dict[str, list[str]]:
    generated: dict[str, list[str]] = {}
    for first, second in question_pairs():
        made = []
        for index in range(EXAMPLES_PER_PAIR):
            one, other = rng.choice(examples[first]), rng.choice(examples[second])
            if index % 2:
                one, other = other, one  # both orders, under the one label
            joined = rng.choice(QUESTION_JOINS).format(first=one.rstrip(" ?.!"), second=_bare(other))
            made.append(joined + rng.choice(("?", "", "??")))
        generated[multi_intent(first, second)] = made
    return generated


def _txt_speak(words: str) -> str:
    return re.sub(r"[A-Za-z']+", lambda match: TXT_SPEAK.get(match.group(0).lower(), match.group(0)), words)


def _slip(words: str, rng: random.Random) -> str:
    """Two neighbouring letters swapped in one longer word, as a thumb does."""
    long_words = [match for match in re.finditer(r"[a-z]{6,}", words)]
    if not long_words:
        return words
    word = rng.choice(long_words)
    at = rng.randrange(word.start() + 1, word.end() - 2)
    return words[:at] + words[at + 1] + words[at] + words[at + 2 :]


def everyday_typing(examples: dict[str, list[str]], rng: random.Random) -> dict[str, list[str]]:
    generated: dict[str, list[str]] = {}
    for intent, sources in examples.items():
        made = []
        for example in sources:
            if len(_plain_words(example).split()) < 3:
                continue  # "y", "no", "ok": nothing to vary without changing what it says
            typed = _outside_annotations(example, str.lower)
            if rng.random() < 0.6:
                typed = _outside_annotations(typed, _txt_speak)
            if rng.random() < 0.4:
                typed = _outside_annotations(typed, lambda words: _slip(words, rng))
            typed = typed.rstrip(" ?.!")
            if rng.random() < 0.3:
                typed = rng.choice(FILLERS) + typed
            if rng.random() < 0.3:
                typed += rng.choice(EMOJI)
            if _plain_words(typed) != _plain_words(example):
                made.append(typed)
        if made:
            generated[intent] = made
    return generated


def _unique(examples: Iterable[str], taken: set[str]) -> list[str]:
    kept = []
    for example in examples:
        key = " ".join(_plain_words(example).lower().split())
        if key not in taken:
            taken.add(key)
            kept.append(example)
    return kept


def _nlu_file(generated: dict[str, list[str]], taken: set[str]) -> str:
    blocks = []
    for intent, made in generated.items():
        kept = _unique(made, taken)
        if kept:
            quoted = "".join(f"    - {example}\n" for example in kept)
            blocks.append(f"- intent: {intent}\n  examples: |\n{quoted}")
    return HEADER + 'version: "3.1"\n\nnlu:\n' + "".join(blocks)


def generated_files() -> dict[Path, str]:
    examples = source_examples()
    # A generated example never repeats a source example or another generated one: Rasa's validator rejects an
    # example listed under two intents.
    taken = {" ".join(_plain_words(example).lower().split()) for made in examples.values() for example in made}
    rng = random.Random(SEED)
    return {
        GENERATED / "questions_in_stories.yml": _nlu_file(questions_in_stories(examples, rng), taken),
        GENERATED / "two_questions.yml": _nlu_file(two_questions(examples, rng), taken),
        GENERATED / "symptoms_with_asks.yml": _nlu_file(symptoms_with_asks(examples, rng), taken),
        GENERATED / "everyday_typing.yml": _nlu_file(everyday_typing(examples, rng), taken),
    }


def main() -> int:
    GENERATED.mkdir(exist_ok=True)
    for path, text in generated_files().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
