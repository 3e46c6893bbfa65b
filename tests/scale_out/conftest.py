"""Real servers for the scale-out tests: throwaway PostgreSQL and Redis, one action server, two Rasa servers, nginx.

The steps are the ones docs/deployment.md, "Starting it" gives for a deployment, on loopback and free ports
(harness/scale_out_servers.py): PostgreSQL (tracker store), Redis (lock store), one action server, two Rasa
servers with endpoints.scale-out.yml and SANIC_WORKERS=1 (here with --enable-api, so the tests can read
conversations back), and nginx with deploy/nginx.conf in front of them. Missing Debian packages are installed
with ops/ensure_packages.sh; if that is impossible the session fails, naming them. Everything started here
is stopped, and the temp dir removed, at the end, also when a test fails.
"""

import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from harness.bot_servers import MODEL, ManagedProcess, free_port
from harness.scale_out_servers import (
    LOOPBACK,
    ThrowawayNginx,
    ThrowawayPostgres,
    ThrowawayRedis,
    ensure_binaries,
    start_rasa_servers,
    stop_all,
)

RASA_INSTANCES = 2
# One Sanic worker per Rasa server, as docs/deployment.md, "Sanic workers or more servers" says for the web chat:
# each worker keeps its own socket.io sessions, so with two the long-polling requests of one browser reach the
# wrong one.
SANIC_WORKERS = "1"
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
def redis_server(scale_out_root) -> Iterator[ThrowawayRedis]:
    server = ThrowawayRedis(scale_out_root, free_port())
    try:
        server.start()
        yield server
    except BaseException:
        _show_logs(server.log_path)
        raise
    finally:
        server.stop()


@pytest.fixture(scope="session")
def stores(scale_out_root, redis_server) -> Iterator[dict[str, str]]:
    """PostgreSQL + Redis; yields the environment variables endpoints.scale-out.yml reads."""
    postgres = ThrowawayPostgres(scale_out_root, free_port())
    try:
        postgres.start()
        yield {**postgres.env(), **redis_server.env()}
    except BaseException:
        _show_logs(postgres.log_path)
        raise
    finally:
        postgres.stop()


class Cluster:
    def __init__(
        self,
        urls: list[str],
        servers: list[ManagedProcess],
        store_env: dict[str, str],
        balancer: ThrowawayNginx,
        actions_port: int,
        web_port: int,
        start_rasa: Callable[[int], ManagedProcess],
    ):
        self.urls = urls  # the Rasa servers, directly
        self.servers = servers  # the action server, then the Rasa servers
        self.store_env = store_env
        self.balancer = balancer  # nginx with deploy/nginx.conf in front of both Rasa servers
        self.actions_port = actions_port
        self.web_port = web_port  # the port a chat page may be served on: its origin is in WEB_ORIGIN
        self.sanic_workers = SANIC_WORKERS
        self._start_rasa = start_rasa

    def kill(self, index: int) -> None:
        """SIGKILL to Rasa server `index` and its Sanic workers (its process group), as a crash would do."""
        server = self.servers[1 + index]
        os.killpg(server.process.pid, signal.SIGKILL)
        server.stop()  # only reaps it and closes its log

    def restart(self, index: int) -> None:
        """Starts Rasa server `index` again, on its port, as it was started first."""
        self.servers[1 + index] = self._start_rasa(index)


@pytest.fixture(scope="session")
def cluster(stores, scale_out_root) -> Iterator[Cluster]:
    """One action server and two Rasa servers (1 worker each) sharing the stores, all started at once,
    with nginx in front."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first", pytrace=False)
    actions_port, web_port, balancer_port = free_port(), free_port(), free_port()
    rasa_ports = [free_port() for _ in range(RASA_INSTANCES)]
    web_origin = f"http://localhost:{web_port}"

    def start(ports: list[int], name: str, action_server: bool = False) -> list[ManagedProcess]:
        return start_rasa_servers(
            ports,
            actions_port,
            name,
            stores,
            "endpoints.scale-out.yml",
            extra_args=["--cors", web_origin],
            extra_env={"WEB_ORIGIN": web_origin, "SANIC_WORKERS": SANIC_WORKERS},
            action_server=action_server,
        )

    try:
        servers = start(rasa_ports, "scale_out", action_server=True)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    balancer = ThrowawayNginx(scale_out_root, balancer_port, rasa_ports)
    try:
        balancer.start()
        yield Cluster(
            [f"http://{LOOPBACK}:{port}" for port in rasa_ports],
            servers,
            stores,
            balancer,
            actions_port,
            web_port,
            lambda index: start([rasa_ports[index]], f"scale_out_again_{index}")[0],
        )
    except BaseException:
        _show_logs(balancer.log_path, balancer.prefix / "stderr.log")
        raise
    finally:
        balancer.stop()
        stop_all(servers)
