"""`make report`: markers.yml over a tracker store seeded with known conversations (tests/report_seed.py), every
figure checked against them; no sender id anywhere, no message text unless asked for.

The same seed goes through PostgreSQL in tests/scale_out/test_report_postgresql.py.
"""

import asyncio
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from rasa.core.evaluation.marker_base import Marker
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet

from harness.bot_servers import PROJECT, endpoints_with_store_in
from ops import conversation_report
from ops.report_figures import Figures, Session, add_conversation
from ops.report_page import summary_rows
from tests.report_seed import EXPECTED, EXPECTED_TEXTS, PRIVATE_TEXTS, SENDERS, seed_store_in

DOMAIN = Domain.load(str(PROJECT / "domain.yml"))
MARKERS = conversation_report.load_markers(PROJECT / "markers.yml", DOMAIN)


@pytest.fixture(scope="module")
def seeded_endpoints(tmp_path_factory) -> Path:
    """The project's endpoints.yml (its tracker store class) on a SQLite file of its own, seeded."""
    return seed_store_in(tmp_path_factory.mktemp("report_store"))


def run_report(endpoints: Path, out: Path, monkeypatch, capsys, *extra: str) -> str:
    monkeypatch.setattr(
        sys, "argv", ["conversation_report.py", "--endpoints", str(endpoints), "--out", str(out), *extra]
    )
    assert conversation_report.main() == 0
    return capsys.readouterr().out


def test_every_figure_of_the_report_matches_the_seeded_conversations(seeded_endpoints, tmp_path, monkeypatch, capsys):
    stdout = run_report(seeded_endpoints, tmp_path, monkeypatch, capsys)
    assert json.loads((tmp_path / "figures.json").read_text(encoding="utf-8")) == EXPECTED
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    for what, figure in EXPECTED_ROWS:
        assert re.search(rf"^{re.escape(what)} +{re.escape(figure)}$", stdout, re.MULTILINE), (what, figure)
        assert f"<td>{what.strip()}</td><td>{figure}</td>" in page.replace("&quot;", '"').replace("&#x27;", "'")
    for chart in ("outcomes.png", "dropout.png", "rated_down_and_not_sure.png"):
        assert (tmp_path / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f'src="{chart}"' in page


# The summary table, row by row, as the seeded conversations make it (percentages of the 8 checks started).
EXPECTED_ROWS = [
    ("Conversations", "9"),
    ("Sessions", "10"),
    ("Symptom checks started", "8"),
    ("  Result: self-care", "1 (12%)"),
    ("  Result: see a specialist", "1 (12%)"),
    ("  Result: emergency", "1 (12%)"),
    ("  Cut short by the emergency answer", "1 (12%)"),
    ("  Stopped by the person", "2 (25%)"),
    ("  Left unfinished", "2 (25%)"),
    ("  Stopped at: how long one episode lasts", "1"),
    ("  Stopped at: how much it hurts", "1"),
    ("  Left unfinished at: whether you have any trouble breathing", "1"),
    ("  Left unfinished at: how long it has been going on", "1"),
    ("Emergency answers shown", "3"),
    ("Sessions with an emergency answer", "3"),
    ('Messages answered "I\'m not sure"', "3"),
    ('Check answers taken as "not sure"', "2"),
    ("  at: whether you have any trouble breathing", "1"),
    ("  at: how often it happens", "1"),
    ("Questions asked again in plainer words", "3"),
    ("  at: whether you have any trouble breathing", "1"),
    ("  at: how long one episode lasts", "1"),
    ("  at: how often it happens", "1"),
    ("Answers rated helpful", "1"),
    ("Answers rated not helpful", "4"),
    ("  about: What causes them?", "2"),
    ("  about: How can I prevent them?", "1"),
    ("  about: a symptom-check result", "1"),
]


def test_the_summary_table_lists_every_row_in_order(seeded_endpoints):
    figures = asyncio.run(conversation_report.report_figures(seeded_endpoints, MARKERS, DOMAIN, with_text=False))
    assert summary_rows(figures) == EXPECTED_ROWS


def test_no_sender_id_and_no_message_text_without_with_text(seeded_endpoints, tmp_path, monkeypatch, capsys):
    stdout = run_report(seeded_endpoints, tmp_path, monkeypatch, capsys)
    outputs = [stdout] + [path.read_bytes().decode("latin-1") for path in tmp_path.iterdir()]
    for output in outputs:
        lowered = output.lower()
        assert not [sender for sender in SENDERS if sender in output]
        assert not [text for text in PRIVATE_TEXTS if text.lower() in lowered]


def test_with_text_shows_the_messages_but_still_no_sender_id(seeded_endpoints, tmp_path, monkeypatch, capsys):
    stdout = run_report(seeded_endpoints, tmp_path, monkeypatch, capsys, "--with-text")
    figures = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert figures == {**EXPECTED, **EXPECTED_TEXTS}
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Message text is shown because" in page
    for output in [stdout, page, (tmp_path / "figures.json").read_text(encoding="utf-8")]:
        assert not [sender for sender in SENDERS if sender in output]


def test_the_report_never_writes_rasas_own_marker_csv_which_holds_sender_ids(
    seeded_endpoints, tmp_path, monkeypatch, capsys
):
    run_report(seeded_endpoints, tmp_path, monkeypatch, capsys)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "dropout.png",
        "figures.json",
        "index.html",
        "outcomes.png",
        "rated_down_and_not_sure.png",
    ]


def test_an_empty_store_gives_a_report_of_zeros(tmp_path, monkeypatch, capsys):
    endpoints = endpoints_with_store_in(tmp_path)
    stdout = run_report(endpoints, tmp_path / "out", monkeypatch, capsys)
    assert "Symptom checks started" in stdout
    assert json.loads((tmp_path / "out" / "figures.json").read_text())["conversations"] == 0


# --- the markers themselves ------------------------------------------------------------------------------------------
def test_markers_yml_negates_only_with_the_not_operator():
    """Rasa 3.6.21 reads the negated tags as their positive forms, silently; this shows it, and keeps them out."""
    for negated, positive in (
        ("slot_was_not_set", "slot_was_set"),
        ("not_action", "action"),
        ("never", "at_least_once"),
    ):
        config = {negated: "x"} if negated != "never" else {negated: [{"action": "x"}]}
        assert Marker.from_config(config, name="m").get_tag() == positive  # the negation is lost
    text = (PROJECT / "markers.yml").read_text(encoding="utf-8")
    for tag in ("slot_was_not_set", "not_action", "not_intent", "never", "at_least_one_not"):
        assert f"{tag}:" not in text


def test_a_check_start_is_counted_once_however_many_turns_the_form_runs():
    """The form runs on every answer; only its run with no question pending starts a check (the `not` works)."""
    events = [
        ActionExecuted("action_session_start"),
        ActionExecuted("symptom_form"),
        SlotSet("requested_slot", "breathing_difficulty"),
        ActionExecuted("symptom_form"),
        SlotSet("requested_slot", "pain_level"),
        ActionExecuted("symptom_form"),
    ]
    [session] = conversation_report.sessions_of(MARKERS, events)
    assert list(session.at("check_started")) == [1]
    figures = Figures()
    add_conversation(figures, [session])
    assert figures.checks_started == 1 and figures.outcomes == Counter(left_unfinished=1)
    assert figures.dropped_at["left_unfinished"] == Counter(pain_level=1)


def test_a_result_without_a_check_is_no_completed_check():
    """The emergency answer outside a check sends a result too; it completes nothing."""
    session = Session(
        events=[ActionExecuted("action_explain_emergency")] * 3,
        moments={"emergency_shown": [0], "result_emergency": [2]},
    )
    figures = Figures()
    add_conversation(figures, [session])
    assert figures.checks_started == 0 and sum(figures.outcomes.values()) == 0
    assert figures.emergency_answers == 1
