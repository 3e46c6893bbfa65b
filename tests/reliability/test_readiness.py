"""A Rasa server counts as started only with its model loaded: one that comes up without it is reported at once,
by the starter of the tests and evaluations (harness/bot_servers.py) and by the bench's cold start."""

import time

import pytest

from bench.servers import Bot, cold_start
from harness.bot_servers import PROJECT, endpoints_with_store_in, free_port, start_rasa_server

# Rasa starts and fails to load a model in about 10 s here; the starters wait minutes for a model still loading,
# so failing well within this shows that they saw the failure instead of waiting it out.
REPORTED_WITHIN_SECONDS = 90


@pytest.fixture
def broken_model(tmp_path):
    model = tmp_path / "broken.tar.gz"
    model.write_bytes(b"not a trained model")
    return model


def test_a_rasa_server_whose_model_does_not_load_is_reported_not_ready(tmp_path, broken_model):
    began = time.monotonic()
    with pytest.raises(RuntimeError, match="not ready"):
        server = start_rasa_server(
            free_port(),
            free_port(),  # no action server: Rasa starts without one
            name="readiness_broken_model",
            endpoints=str(endpoints_with_store_in(tmp_path)),
            model=broken_model,
        )
        server.stop()  # reached only if the starter took the server for ready
    assert time.monotonic() - began < REPORTED_WITHIN_SECONDS


def test_the_bench_does_not_time_a_cold_start_without_a_model(tmp_path, broken_model):
    """Without a model our REST channel still answers, with its apology: that is no first answer."""
    ours = Bot("ours", broken_model, PROJECT, PROJECT / "credentials.yml", endpoints_with_store_in(tmp_path))
    began = time.monotonic()
    with pytest.raises(RuntimeError, match="not ready"):
        server, _, _ = cold_start(ours, free_port(), "readiness_bench_broken_model")
        server.stop()  # reached only if the bench took the server for ready
    assert time.monotonic() - began < REPORTED_WITHIN_SECONDS
