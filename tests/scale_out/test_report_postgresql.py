"""`make report ENDPOINTS=endpoints.scale-out.yml`: the same known conversations as tests/test_conversation_report.py,
written into PostgreSQL with Rasa's own tracker store class and read back by the report through the scale-out
endpoints file, give the same figures.

Uses the throwaway PostgreSQL server of this folder's conftest, in a database of its own, so the other scale-out
tests' conversations do not mix in.
"""

import json
import os
import subprocess
import sys

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain

from harness.bot_servers import PROJECT
from harness.scale_out_servers import LOOPBACK, postgres_bin_dir
from ops import conversation_report
from tests.report_seed import EXPECTED, SENDERS, seed

ENDPOINTS = PROJECT / "endpoints.scale-out.yml"
DATABASE = "report"


@pytest.fixture
def report_database(stores, monkeypatch) -> dict:
    """A database of its own on the scale-out PostgreSQL; endpoints.scale-out.yml's variables point at it."""
    subprocess.run(
        [
            str(postgres_bin_dir() / "createdb"),
            "-h",
            LOOPBACK,
            "-p",
            stores["POSTGRES_PORT"],
            "-U",
            stores["POSTGRES_USER"],
            DATABASE,
        ],
        env={**os.environ, "PGPASSWORD": stores["POSTGRES_PASSWORD"]},
        check=True,
        capture_output=True,
    )
    for name, value in {**stores, "POSTGRES_DB": DATABASE, "ACTIONS_PORT": "5055"}.items():
        monkeypatch.setenv(name, value)
    return stores


def test_the_report_reads_postgresql_through_the_scale_out_endpoints(report_database, tmp_path, monkeypatch, capsys):
    domain = Domain.load(str(PROJECT / "domain.yml"))
    store = TrackerStore.create(AvailableEndpoints.read_endpoints(str(ENDPOINTS)).tracker_store, domain=domain)
    assert store.engine.dialect.name == "postgresql"
    seed(store, domain)
    monkeypatch.setattr(sys, "argv", ["conversation_report.py", "--endpoints", str(ENDPOINTS), "--out", str(tmp_path)])
    assert conversation_report.main() == 0
    stdout = capsys.readouterr().out
    assert json.loads((tmp_path / "figures.json").read_text(encoding="utf-8")) == EXPECTED
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "postgresql" in page and report_database["POSTGRES_PASSWORD"] not in page + stdout
    assert not [sender for sender in SENDERS if sender in stdout + page]
