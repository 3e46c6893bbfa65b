"""The bench's own logic, without servers: what makes a run partial, the target checks, the report, and the
scenarios' reading of the bot's replies."""

import json

import pytest

from bench import report, scenarios
from bench.run_bench import parse_args
from harness.rest_driver.client import Reply


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--action-server", "sdk"],
        ["--rebuild-stock"],
        ["--concurrency", "1, 8, 32"],
        ["--turns", "200", "--block", "50", "--duration", "30", "--cold-starts", "3"],
    ],
)
def test_a_run_with_the_full_numbers_on_this_project_is_full(argv):
    args = parse_args(argv)
    assert not args.partial
    assert args.action_server == "sdk"  # as the project starts its action server


@pytest.mark.parametrize(
    "argv",
    [
        ["--quick"],
        ["--action-server", "rasa"],
        ["--skip-training"],
        ["--ours-project", "/tmp/copy"],
        ["--turns", "100"],
        ["--block", "25"],
        ["--duration", "20"],
        ["--cold-starts", "1"],
        ["--concurrency", "1,8"],
    ],
)
def test_any_other_setting_makes_the_run_partial(argv):
    assert parse_args(argv).partial


def test_quick_means_small_numbers_and_no_training():
    args = parse_args(["--quick"])
    assert (args.turns, args.duration, args.cold_starts, args.skip_training) == (40, 5.0, 1, True)


@pytest.mark.parametrize(
    "argv",
    [
        ["--turns", "0"],
        ["--block", "-1"],
        ["--duration", "0"],
        ["--cold-starts", "0"],
        ["--concurrency", ""],
        ["--concurrency", "8,zero"],
        ["--concurrency", "0,8"],
        ["--action-server", "docker"],
    ],
)
def test_nonsense_settings_are_refused(argv, capsys):
    with pytest.raises(SystemExit):
        parse_args(argv)
    assert "error" in capsys.readouterr().err


def full_run(**ours_changes):
    """What a run collects, with ours at the given stock ratios (e.g. article_p50=0.5)."""
    latency = {"p50_ms": 40.0, "p95_ms": 60.0, "p99_ms": 80.0, "rasa_cpu_ms_per_turn": 20.0, "errors": 0}
    load = {"turns_per_second": 10.0, "p95_ms": 1000.0, "rasa_cpu_ms_per_turn": 25.0, "errors": 0}
    stock = {
        "cold_start_s": 30.0,
        "rasa_peak_rss_mb": 1000.0,
        "model_mb": 20.0,
        "training": {"cold_s": 70.0, "nlu_change_s": 40.0},
        "latency": {"stock": latency},
        "concurrency": {w: dict(load) for w in ("1", "8", "32")},
    }
    r = {
        "article_p50": 0.5,
        "interview_p50": 1.0,
        "p95_32": 0.6,
        "throughput_32": 1.5,
        "cold_start": 0.5,
        "memory": 0.7,
        **ours_changes,
    }
    ours = {
        "cold_start_s": 30.0 * r["cold_start"],
        "rasa_peak_rss_mb": 1000.0 * r["memory"],
        "model_mb": 15.0,
        "training": {"cold_s": 60.0, "nlu_change_s": 50.0},
        "latency": {
            "article": {**latency, "p50_ms": 40.0 * r["article_p50"], "actions_cpu_ms_per_turn": 2.0},
            "interview": {**latency, "p50_ms": 40.0 * r["interview_p50"]},
        },
        "concurrency": {w: dict(load) for w in ("1", "8", "32")},
        "action_server": {"peak_rss_mb": 100.0, "start_s": 0.3, "import": {"total_s": 0.2}},
        "spelling": {"p50_ms": 0.4, "p95_ms": 0.9},
        "growth": {"early_p50_ms": 30.0, "late_p50_ms": 40.0, "late_over_early": 1.33},
    }
    ours["concurrency"]["32"].update(turns_per_second=10.0 * r["throughput_32"], p95_ms=1000.0 * r["p95_32"])
    return {"stock": stock, "ours": ours}


def statuses(run):
    return {check["figure"]: check["status"] for check in report.check_targets(report.build_figures(run))}


def test_every_target_judges_a_figure_of_a_full_run():
    assert set(statuses(full_run()).values()) == {"PASS"}
    keys = {figure["key"] for figure in report.build_figures(full_run())}
    assert {target.figure for target in report.RATIO_TARGETS + report.ABSOLUTE_TARGETS} <= keys


@pytest.mark.parametrize(
    "ratio, past, at, figure",
    [
        ("article_p50", 0.81, 0.8, "latency_article_p50_ms"),
        ("interview_p50", 1.61, 1.6, "latency_interview_p50_ms"),
        ("p95_32", 0.81, 0.8, "concurrency_32_p95_ms"),
        ("throughput_32", 1.29, 1.3, "concurrency_32_turns_per_s"),  # throughput: higher is better
        ("cold_start", 0.81, 0.8, "cold_start_s"),
        ("memory", 0.81, 0.8, "rasa_peak_rss_mb"),
    ],
)
def test_a_ratio_past_its_gate_misses_and_one_at_the_gate_passes(ratio, past, at, figure):
    missed = statuses(full_run(**{ratio: past}))
    assert missed[figure] == "MISS"
    assert {status for key, status in missed.items() if key != figure} == {"PASS"}
    assert statuses(full_run(**{ratio: at}))[figure] == "PASS"


def test_absolute_limits_are_strict_and_unmeasured_figures_are_skipped():
    run = full_run()
    run["ours"]["action_server"]["peak_rss_mb"] = 150.0
    del run["ours"]["training"], run["stock"]["training"]
    del run["ours"]["concurrency"]["32"]
    got = statuses(run)
    assert got["action_server_peak_rss_mb"] == "MISS"
    assert got["training_cold_s"] == "SKIP"
    assert got["concurrency_32_turns_per_s"] == got["concurrency_32_p95_ms"] == "SKIP"


def test_the_table_shows_every_figure_side_by_side_and_every_target():
    figures = report.build_figures(full_run(throughput_32=1.2))
    checks = report.check_targets(figures)
    text = report.table(figures, checks)
    assert "throughput, 32 concurrent (turns/s)" in text
    row = next(line for line in text.splitlines() if line.startswith("throughput, 32 concurrent"))
    assert row.split()[-3:] == ["10.0", "12.0", "1.20"]
    assert "  MISS  throughput at 32 concurrent conversations: ours/stock >= 1.3" in text
    assert "  PASS  action server peak resident memory < 150 MB" in text
    assert sum(line.startswith(("  PASS", "  MISS", "  SKIP")) for line in text.splitlines()) == len(checks)


def test_latency_summary_is_empty_without_turns():
    assert report.latency_summary([]) == {"turns": 0, "p50_ms": None, "p95_ms": None, "p99_ms": None, "mean_ms": None}
    assert report.latency_summary([0.1, 0.2, 0.3])["p50_ms"] == 200.0


def test_failed_turns_add_up_over_latency_and_load():
    run = full_run()
    run["ours"]["latency"]["interview"]["errors"] = 2
    run["stock"]["concurrency"]["8"]["errors"] = 3
    assert report.failed_turns(run) == 5


def test_only_a_full_run_replaces_latest_json(tmp_path):
    assert report.write_result("{}\n", tmp_path, "20261130-120000", partial=True) == [tmp_path / "20261130-120000.tmp"]
    assert not (tmp_path / "latest.json").exists()
    written = report.write_result('{"full": true}\n', tmp_path, "20261130-130000", partial=False)
    assert written == [tmp_path / "20261130-130000.json", tmp_path / "latest.json"]
    assert json.loads((tmp_path / "latest.json").read_text()) == {"full": True}


class FakeTurns:
    """Answers each message from a list of replies, and records the kinds the scenario timed them under."""

    def __init__(self, *replies):
        self.replies, self.kinds = list(replies), []

    def say(self, kind, text):
        self.kinds.append(kind)
        return Reply.of(self.replies.pop(0))


def asks(slot):
    return [{"text": f"{slot}?", "response": f"utter_ask_{slot}"}]


RESULT = [{"custom": {"triage": {"level": "self_care"}}}]


def test_the_symptom_check_is_the_drivers_interview_to_a_result():
    turns = FakeTurns(asks("breathing_difficulty"), asks("pain_level"), RESULT)
    scenarios.symptom_check(0)(turns)
    assert turns.kinds == ["interview"] * 3 and not turns.replies


def test_a_symptom_check_that_ends_without_a_result_is_off_script():
    with pytest.raises(scenarios.OffScript, match="no triage result"):
        scenarios.symptom_check(0)(FakeTurns(asks("breathing_difficulty"), [{"text": "Sorry?"}]))


def test_an_empty_reply_to_a_scripted_message_is_off_script():
    with pytest.raises(scenarios.OffScript, match="no answer"):
        scenarios.stock_dialogue(0)(FakeTurns([{"text": "Hey!"}], []))


def test_the_load_is_a_symptom_check_then_two_article_questions():
    turns = FakeTurns(asks("pain_level"), RESULT, [{"text": "an answer"}], [{"text": "another"}])
    scenarios.mixed_dialogue(0)(turns)
    assert turns.kinds == ["interview", "interview", "article", "article"]


def test_the_single_question_figure_sets_one_question_against_stocks_hello_there():
    run = full_run()
    run["stock"]["latency"]["stock_single"] = {"p50_ms": 50.0, "p95_ms": 80.0, "rasa_cpu_ms_per_turn": 40.0}
    run["ours"]["latency"]["article_single"] = {"p50_ms": 20.0, "p95_ms": 60.0, "rasa_cpu_ms_per_turn": 30.0}
    rows = {f["key"]: f for f in report.build_figures(run)}
    assert (rows["latency_single_p50_ms"]["stock"], rows["latency_single_p50_ms"]["ours"]) == (50.0, 20.0)
    assert rows["latency_single_p50_ms"]["ratio"] == 0.4 and rows["latency_single_p95_ms"]["ratio"] == 0.75
    assert rows["rasa_cpu_single_ms"]["ratio"] == 0.75
    assert rows["latency_article_p50_ms"]["stock"] == 40.0, "the full-conversation figure lost its own baseline"


def test_a_figure_of_zero_is_a_measurement_not_a_gap():
    run = full_run()
    run["ours"]["latency"]["article"]["actions_cpu_ms_per_turn"] = 0.0
    row = next(f for f in report.build_figures(run) if f["key"] == "actions_cpu_article_ms")
    assert row["ours"] == 0.0


@pytest.mark.parametrize(
    "figure, path, passing, missing",
    [
        ("spelling_step_p50_ms", ("spelling", "p50_ms"), 2.9, 3.0),
        ("growth_late_over_early", ("growth", "late_over_early"), 1.5, 1.51),
    ],
)
def test_the_spelling_step_and_the_growth_of_a_long_conversation_have_their_gates(figure, path, passing, missing):
    for value, expected in ((passing, "PASS"), (missing, "MISS")):
        run = full_run()
        run["ours"][path[0]][path[1]] = value
        assert statuses(run)[figure] == expected, value
