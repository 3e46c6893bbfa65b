"""End-to-end conversation cases (tests/conversations/*.yml): the format, and what a reply must show.

A case is a conversation of steps. Each step sends one user message (`user:`) or presses a button of the previous
reply (`button:`, its title), or stops or starts the action server (`action_server: down | up`); then it states
what the bot's reply must show. The runner (harness/run_conversation_tests.py) plays the cases against real servers;
this module only reads the files and compares one reply with one step, so it is tested without servers.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from harness.rest_driver.client import Reply

# What a step may check, besides its message. Lists may be given as one value.
CHECKS = {
    "utter": "responses the reply must include (domain response names)",
    "not_utter": "responses the reply must not include",
    "asks": "the symptom-check question the reply ends on (its slot), or null for none",
    "bot": "text fragments the reply must contain (case ignored)",
    "bot_matches": "regular expressions the reply's text must match (re.search)",
    "triage": "fields of the triage payload (level, contraction, subtype), or null for no result",
    "slots": "slot values stored after this step (read back through Rasa's HTTP API; a mapping: those keys)",
}
SENDS = ("user", "button", "action_server")
ACTION_SERVER_STATES = ("down", "up")
TRIAGE_FIELDS = ("level", "contraction", "subtype")
LIST_CHECKS = ("utter", "not_utter", "bot", "bot_matches")


class _Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 booleans, as Rasa reads its own files: only true and false, so `user: no` is the word "no"."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class CaseFormatError(ValueError):
    """A case file that does not follow the format; names the file and the case."""


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, as a person counts them in the file
    sends: str  # "user", "button" or "action_server"
    value: str
    checks: Mapping[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        if self.sends == "action_server":
            return f"action server {self.value}"
        return f'{self.sends}: "{_shorten(self.value, 60)}"'


@dataclass(frozen=True)
class Case:
    name: str
    file: Path
    steps: tuple[Step, ...]

    @property
    def suite(self) -> str:
        return self.file.stem

    @property
    def controls_action_server(self) -> bool:
        """Such a case must run alone: every other conversation shares that action server."""
        return any(step.sends == "action_server" for step in self.steps)

    @property
    def reads_slots(self) -> bool:
        return any("slots" in step.checks for step in self.steps)


@dataclass(frozen=True)
class Mismatch:
    check: str
    expected: Any
    actual: Any

    def diff(self) -> list[str]:
        """The expected value after "-", what the bot did after "+", one line each."""
        return (
            [f"  {self.check}:"]
            + [f"  - {line}" for line in _lines(self.expected)]
            + [f"  + {line}" for line in _lines(self.actual)]
        )


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.splitlines() or [repr(value)]
    if isinstance(value, Mapping):
        return [f"{key}: {value[key]!r}" for key in value] or ["{}"]
    return [repr(value)]


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


# --- reading the files -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Vocabulary:
    """What the domain defines, so that a misspelt name fails when the files are read, not silently in a
    `not_utter` that could then never fail."""

    responses: frozenset[str]
    slots: frozenset[str]

    @classmethod
    def of_domain(cls, domain_path: Path) -> "Vocabulary":
        domain = yaml.safe_load(domain_path.read_text(encoding="utf-8"))
        return cls(frozenset(domain.get("responses") or {}), frozenset(domain.get("slots") or {}) | {"requested_slot"})


def load_cases(paths: Sequence[Path], vocabulary: Vocabulary) -> list[Case]:
    """Every case of the given files (or of the *.yml files in given folders), in file order."""
    files = sorted({file for path in paths for file in ([path] if path.is_file() else path.glob("*.yml"))}, key=str)
    if not files:
        raise CaseFormatError(f"no conversation case files in {', '.join(map(str, paths))}")
    cases = [case for file in files for case in _cases_of(file, vocabulary)]
    seen: set[str] = set()
    for case in cases:
        if case.name in seen:
            raise CaseFormatError(f"{case.file}: two cases are named {case.name!r}; names must be unique")
        seen.add(case.name)
    return cases


def _cases_of(file: Path, vocabulary: Vocabulary) -> list[Case]:
    try:
        content = yaml.load(file.read_text(encoding="utf-8"), Loader=_Yaml12Loader) or {}
    except yaml.YAMLError as error:
        raise CaseFormatError(f"{file}: not valid YAML: {error}") from None
    if not isinstance(content, dict) or not isinstance(content.get("cases"), list) or not content["cases"]:
        raise CaseFormatError(f"{file}: expected a top-level `cases:` list with at least one case")
    cases = []
    for index, raw in enumerate(content["cases"], start=1):
        where = f"{file}, case {index}"
        if not isinstance(raw, dict) or not isinstance(raw.get("case"), str) or not raw["case"].strip():
            raise CaseFormatError(f"{where}: each case needs a `case:` name")
        where = f"{file}, case {raw['case']!r}"
        unknown = set(raw) - {"case", "steps"}
        if unknown:
            raise CaseFormatError(f"{where}: unknown key(s) {sorted(unknown)}")
        steps = raw.get("steps")
        if not isinstance(steps, list) or not steps:
            raise CaseFormatError(f"{where}: `steps:` must be a non-empty list")
        cases.append(
            Case(
                raw["case"].strip(),
                file,
                tuple(
                    _step(number, step, f"{where}, step {number}", vocabulary) for number, step in enumerate(steps, 1)
                ),
            )
        )
    return cases


def _step(number: int, raw: Any, where: str, vocabulary: Vocabulary) -> Step:
    if not isinstance(raw, dict):
        raise CaseFormatError(f"{where}: a step is a mapping, e.g. {{user: hello, utter: utter_greet}}")
    sends = [key for key in SENDS if key in raw]
    if len(sends) != 1:
        raise CaseFormatError(f"{where}: a step has exactly one of {', '.join(SENDS)}")
    unknown = set(raw) - set(SENDS) - set(CHECKS)
    if unknown:
        raise CaseFormatError(f"{where}: unknown key(s) {sorted(unknown)}; a step may check {sorted(CHECKS)}")
    value = raw[sends[0]]
    if sends[0] == "action_server":
        if value not in ACTION_SERVER_STATES or len(raw) > 1:
            raise CaseFormatError(f"{where}: `action_server:` is `down` or `up`, alone in its step")
    elif not isinstance(value, str):
        raise CaseFormatError(f"{where}: `{sends[0]}:` needs text (quote it if YAML reads it as something else)")
    elif sends[0] == "user" and len(raw) == 1:
        raise CaseFormatError(f"{where}: a message step must check something ({', '.join(CHECKS)})")
    checks = {key: raw[key] for key in CHECKS if key in raw}
    for key in LIST_CHECKS:
        if key in checks:
            checks[key] = [str(item) for item in _as_list(checks[key])]
    _validate_checks(checks, where, vocabulary)
    return Step(number, sends[0], value, checks)


def _validate_checks(checks: Mapping[str, Any], where: str, vocabulary: Vocabulary) -> None:
    for name in checks.get("utter", []) + checks.get("not_utter", []):
        if name not in vocabulary.responses:
            raise CaseFormatError(f"{where}: {name!r} is not a response in domain.yml")
    if checks.get("asks") is not None and checks["asks"] not in vocabulary.slots:
        raise CaseFormatError(f"{where}: `asks: {checks['asks']}` is not a slot in domain.yml")
    for pattern in checks.get("bot_matches", []):
        try:
            re.compile(pattern)
        except re.error as error:
            raise CaseFormatError(f"{where}: bad regular expression {pattern!r}: {error}") from None
    if "triage" in checks and checks["triage"] is not None:
        if not isinstance(checks["triage"], dict) or not checks["triage"] or set(checks["triage"]) - set(TRIAGE_FIELDS):
            raise CaseFormatError(f"{where}: `triage:` maps some of {TRIAGE_FIELDS} to values, or is null")
    if "slots" in checks:
        if not isinstance(checks["slots"], dict) or not checks["slots"]:
            raise CaseFormatError(f"{where}: `slots:` maps slot names to the values they must hold")
        for slot in checks["slots"]:
            if slot not in vocabulary.slots:
                raise CaseFormatError(f"{where}: {slot!r} is not a slot in domain.yml")


# --- checking a reply ----------------------------------------------------------------------------------------------
def check_reply(step: Step, reply: Reply) -> list[Mismatch]:
    """What in the reply differs from what the step expects (slots are checked apart, from the tracker)."""
    checks, found = step.checks, []
    responses = list(reply.responses)
    missing = [name for name in checks.get("utter", []) if name not in responses]
    if missing:
        found.append(Mismatch("utter", missing, responses))
    unwanted = [name for name in checks.get("not_utter", []) if name in responses]
    if unwanted:
        found.append(Mismatch("not_utter", f"none of {checks['not_utter']}", responses))
    if "asks" in checks and reply.asked != checks["asks"]:
        found.append(Mismatch("asks", checks["asks"], reply.asked))
    lowered = reply.text.casefold()
    absent = [fragment for fragment in checks.get("bot", []) if fragment.casefold() not in lowered]
    if absent:
        found.append(Mismatch("bot", absent, reply.text))
    unmatched = [pattern for pattern in checks.get("bot_matches", []) if not re.search(pattern, reply.text)]
    if unmatched:
        found.append(Mismatch("bot_matches", unmatched, reply.text))
    if "triage" in checks:
        found += _triage_mismatches(checks["triage"], reply.triage)
    return found


def _triage_mismatches(expected: Mapping[str, Any] | None, payload: Mapping[str, Any] | None) -> list[Mismatch]:
    if expected is None:
        return [] if payload is None else [Mismatch("triage", None, _triage_fields(payload))]
    if payload is None:
        return [Mismatch("triage", dict(expected), "no triage payload")]
    actual = _triage_fields(payload)
    if any(actual.get(key) != value for key, value in expected.items()):
        return [Mismatch("triage", dict(expected), {key: actual.get(key) for key in expected})]
    return []


def _triage_fields(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {key: payload.get(key) for key in TRIAGE_FIELDS}


def _holds(expected: Any, stored: Any) -> bool:
    """A stored value matches, or for an expected mapping holds those keys with matching values (the rest of a
    slot such as `feedback`, e.g. the rated answer's whole text, need not be written out)."""
    if isinstance(expected, Mapping):
        return isinstance(stored, Mapping) and all(_holds(value, stored.get(key)) for key, value in expected.items())
    return expected == stored


def check_slots(expected: Mapping[str, Any], stored: Mapping[str, Any]) -> list[Mismatch]:
    wrong = {slot: stored.get(slot) for slot, value in expected.items() if not _holds(value, stored.get(slot))}
    if not wrong:
        return []
    return [Mismatch("slots", {slot: expected[slot] for slot in wrong}, wrong)]


def describe_reply(reply: Reply, limit: int = 160) -> list[str]:
    """The reply, one line per message: its response name (or "text") and the start of its text."""
    lines = []
    for message in reply.messages:
        custom = message.get("custom") or {}
        if message.get("text"):
            content = message["text"]
        elif "triage" in custom:
            content = "triage payload " + ", ".join(f"{k}={custom['triage'].get(k)}" for k in TRIAGE_FIELDS)
        else:
            content = str(custom)
        lines.append(f"    [{message.get('response') or 'text'}] {_shorten(content, limit)}")
    return lines or ["    (no messages)"]
