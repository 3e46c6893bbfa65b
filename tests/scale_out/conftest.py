"""Real servers for the scale-out tests: the deployment `make scale-out` starts (harness/scale_out_deployment.py).

Throwaway PostgreSQL (tracker store) and Redis (lock store), one action server, two Rasa servers with
endpoints.scale-out.yml and SANIC_WORKERS=1 (here with --enable-api, so the tests can read conversations back),
and nginx with deploy/nginx.conf in front of them, on loopback and free ports. Missing Debian packages are
installed with ops/ensure_packages.sh; if that is impossible the session fails, naming them. Everything started
here is stopped, and the temp dir removed, at the end, also when a test fails.
"""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import load_test
from harness.bot_servers import MODEL, free_port
from harness.scale_out_deployment import ScaleOutDeployment
from harness.scale_out_servers import ThrowawayRedis, ensure_binaries
from tests.scale_out.under_load import Load

RASA_INSTANCES = 2
FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture(scope="session")
def figures(request) -> list[str]:
    """Lines a test measured (counts, timings); printed at the end of the run."""
    return request.config.stash.setdefault(FIGURES, [])


def pytest_terminal_summary(terminalreporter, config) -> None:
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("scale-out figures")
        for line in lines:
            terminalreporter.write_line(line)


def _show_logs(*paths: Path) -> None:
    for log in paths:
        if log.exists():
            print(f"--- {log}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-20:]))


@pytest.fixture(scope="session")
def scale_out_root() -> Iterator[Path]:
    """A temp dir for the servers' data and logs; installs the Debian packages first if needed."""
    try:
        ensure_binaries()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    root = Path(tempfile.mkdtemp(prefix="rasa-scale-out-"))
    root.chmod(0o711)  # the postgres user (and nginx's workers) must reach their dirs inside
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def web_port() -> int:
    """The port a chat page may be served on: its origin is in the Rasa servers' WEB_ORIGIN."""
    return free_port()


@pytest.fixture(scope="session")
def deployment(scale_out_root, web_port) -> Iterator[ScaleOutDeployment]:
    """Not started yet: `stores` starts its stores, `cluster` its servers; all of it stops at the end."""
    started = ScaleOutDeployment(
        scale_out_root,
        RASA_INSTANCES,
        name="scale_out_tests",  # its logs apart from those of `make scale-out`, which a test runs meanwhile
        web_origins=(f"http://localhost:{web_port}",),
        enable_api=True,
    )
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="session")
def stores(deployment) -> dict[str, str]:
    """PostgreSQL + Redis; the environment variables endpoints.scale-out.yml reads."""
    try:
        deployment.start_stores()
    except BaseException:
        _show_logs(deployment.postgres.log_path, deployment.redis.log_path)
        raise
    return deployment.store_env


@pytest.fixture(scope="session")
def redis_server(deployment, stores) -> ThrowawayRedis:
    return deployment.redis


@pytest.fixture(scope="session")
def cluster(deployment, stores) -> ScaleOutDeployment:
    """One action server and two Rasa servers (1 worker each) sharing the stores, all started at once,
    with nginx in front."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first", pytrace=False)
    try:
        deployment.start_servers()
    except RuntimeError as error:
        _show_logs(deployment.balancer.log_path, deployment.balancer.prefix / "stderr.log")
        pytest.fail(str(error), pytrace=False)
    return deployment


@pytest.fixture(autouse=True)
def every_server_of_the_cluster_runs(request) -> None:
    """A test of the cluster starts with every server of it running: one that an earlier test left down fails the
    test at once, naming it, rather than as a refused connection somewhere inside."""
    if "cluster" not in request.fixturenames:
        return
    down = [
        f"{server.name} (exit code {server.process.returncode}, log {server.log_path})"
        for server in request.getfixturevalue("cluster").servers
        if server.process.poll() is not None
    ]
    if down:
        pytest.fail(f"an earlier test left servers of the cluster down: {', '.join(down)}", pytrace=False)


@pytest.fixture(scope="session")
def steady_load(cluster, figures) -> Load:
    """The load of the fault tests with nothing failing, once per session, after a warm-up conversation on each
    server (straight to it: its first turns load what a server loads lazily)."""
    for url in cluster.urls:
        warm = load_test.run([url], 1, 120, 0.0)
        assert warm["completed"] == 1, warm["error_samples"]
    load = Load(cluster.balancer.url)
    load.run()
    figures.append(load.summary("nothing failing"))
    assert not load.failures, (load.failures, load.errors)
    return load
