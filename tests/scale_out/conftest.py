"""Real servers for the scale-out test: throwaway PostgreSQL and Redis, one action server, two Rasa servers.

The steps are the ones the README's deployment section gives for a deployment, on loopback and free ports:
  1. PostgreSQL: initdb (password auth), postgres, createdb  -> the tracker store
  2. Redis: redis-server without persistence                 -> the lock store
  3. one action server (SANIC_HOST=127.0.0.1)
  4. N Rasa servers with endpoints.scale-out.yml, the stores' settings in POSTGRES_* / REDIS_* variables and
     SANIC_WORKERS=2 (here with --enable-api, so the test can read conversations back)
PostgreSQL refuses to run as root, so as root its processes run as the `postgres` user (the Debian package
creates it). Missing binaries are installed with scripts/ensure_packages.sh; if that is impossible the session
fails, naming the packages. Everything started here is stopped, and the temp dir removed, at the end.
"""

import concurrent.futures
import contextlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import pytest

from scripts.bot_servers import (
    MODEL, PROJECT, ManagedProcess, free_port, start_action_server, start_rasa_server, wait_until,
)

PACKAGES = ("postgresql", "redis-server")
RASA_INSTANCES = 2
SANIC_WORKERS = "2"  # per Rasa server, as the README's deployment section recommends for 2 cores
LOOPBACK = "127.0.0.1"
POSTGRES_OS_USER = "postgres"


# --- binaries ---------------------------------------------------------------------------------------------------
def postgres_bin_dir() -> Optional[Path]:
    """Debian keeps the server binaries in /usr/lib/postgresql/<version>/bin, off the PATH; newest wins."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    on_path = shutil.which("postgres")
    return Path(on_path).resolve().parent if on_path else None


def redis_server_bin() -> Optional[Path]:
    found = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    return Path(found) if found else None


def _binaries_present() -> bool:
    pg = postgres_bin_dir()
    return bool(pg and all((pg / name).exists() for name in ("initdb", "postgres", "createdb")) and redis_server_bin())


def ensure_binaries() -> None:
    if _binaries_present():
        return
    script = PROJECT / "scripts" / "ensure_packages.sh"
    result = subprocess.run([str(script), *PACKAGES], capture_output=True, text=True)
    if result.returncode != 0 or not _binaries_present():
        pytest.fail(
            f"The scale-out test needs the Debian packages {' and '.join(PACKAGES)} (PostgreSQL and Redis "
            f"servers), and they could not be installed:\n{result.stdout}{result.stderr}",
            pytrace=False,
        )


# --- PostgreSQL ---------------------------------------------------------------------------------------------------
class ThrowawayPostgres:
    """A private cluster in `root`, listening on 127.0.0.1:`port` only, with password (scram) auth."""

    def __init__(self, root: Path, port: int, user: str = "rasa", database: str = "rasa"):
        self.bin = postgres_bin_dir()
        self.root, self.port, self.user, self.database = root, port, user, database
        self.password = secrets.token_hex(12)
        self.data = root / "pgdata"
        self.sockets = root / "pgsock"
        self.log_path = root / "postgres.log"
        self.process: Optional[subprocess.Popen] = None
        self._log = None

    def _as_server_user(self) -> Dict:
        """Popen arguments that drop root: postgres will not run as root."""
        if os.geteuid() != 0:
            return {}
        account = pwd.getpwnam(POSTGRES_OS_USER)
        return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}

    def _chown(self, *paths: Path) -> None:
        if os.geteuid() == 0:
            account = pwd.getpwnam(POSTGRES_OS_USER)
            for path in paths:
                os.chown(path, account.pw_uid, account.pw_gid)

    def start(self) -> None:
        self.data.mkdir()
        self.sockets.mkdir()
        password_file = self.root / "pgpass"
        password_file.write_text(self.password + "\n")
        password_file.chmod(0o600)
        self._chown(self.data, self.sockets, password_file)
        drop = self._as_server_user()
        subprocess.run(
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", self.user, f"--pwfile={password_file}",
             "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-instructions"],
            cwd=self.root, check=True, capture_output=True, **drop,
        )
        password_file.unlink()
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port),
             "-c", f"listen_addresses={LOOPBACK}", "-c", f"unix_socket_directories={self.sockets}"],
            cwd=self.root, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True, **drop,
        )
        wait_until(self._create_database, 60, "PostgreSQL", self.process)

    def _create_database(self) -> bool:
        result = subprocess.run(
            [str(self.bin / "createdb"), "-h", LOOPBACK, "-p", str(self.port), "-U", self.user, self.database],
            env={**os.environ, "PGPASSWORD": self.password}, capture_output=True, text=True,
        )
        return result.returncode == 0

    def env(self) -> Dict[str, str]:
        return {
            "POSTGRES_HOST": LOOPBACK, "POSTGRES_PORT": str(self.port), "POSTGRES_DB": self.database,
            "POSTGRES_USER": self.user, "POSTGRES_PASSWORD": self.password,
        }

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # "fast" shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self._log:
            self._log.close()


# --- Redis ----------------------------------------------------------------------------------------------------
class ThrowawayRedis:
    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self.log_path = root / "redis.log"
        self.process: Optional[subprocess.Popen] = None
        self._log = None

    def start(self) -> None:
        import redis

        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(redis_server_bin()), "--port", str(self.port), "--bind", LOOPBACK, "--save", "",
             "--appendonly", "no", "--dir", str(self.root)],
            cwd=self.root, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        client = redis.Redis(host=LOOPBACK, port=self.port, socket_timeout=2)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.exceptions.ConnectionError:
                return False

        wait_until(answers, 30, "Redis", self.process)

    def env(self) -> Dict[str, str]:
        return {"REDIS_HOST": LOOPBACK, "REDIS_PORT": str(self.port), "REDIS_DB": "1"}

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log:
            self._log.close()


# --- fixtures ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def stores() -> Iterator[Dict[str, str]]:
    """PostgreSQL + Redis; yields the environment variables endpoints.scale-out.yml reads."""
    ensure_binaries()
    root = Path(tempfile.mkdtemp(prefix="rasa-scale-out-"))
    root.chmod(0o711)  # the postgres user must reach its data dir inside
    postgres = ThrowawayPostgres(root, free_port())
    redis_server = ThrowawayRedis(root, free_port())
    try:
        postgres.start()
        redis_server.start()
        yield {**postgres.env(), **redis_server.env()}
    except BaseException:
        for log in (postgres.log_path, redis_server.log_path):
            if log.exists():
                print(f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-20:]))
        raise
    finally:
        redis_server.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


class Cluster:
    def __init__(self, urls: List[str], servers: List[ManagedProcess], store_env: Dict[str, str]):
        self.urls = urls
        self.servers = servers
        self.store_env = store_env


@pytest.fixture(scope="session")
def cluster(stores) -> Iterator[Cluster]:
    """One action server and two Rasa servers (2 workers each) sharing the stores, all started at once."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first", pytrace=False)
    actions_port = free_port()
    rasa_ports = [free_port() for _ in range(RASA_INSTANCES)]
    loopback_env = {"SANIC_HOST": LOOPBACK}
    started: List[ManagedProcess] = []
    errors: List[BaseException] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=1 + RASA_INSTANCES) as pool:
        futures = [pool.submit(start_action_server, actions_port, "scale_out_actions", loopback_env)]
        futures += [
            pool.submit(
                start_rasa_server, port, actions_port, f"scale_out_rasa_{index}",
                ["--interface", LOOPBACK, "--enable-api"], {**stores, "SANIC_WORKERS": SANIC_WORKERS},
                "endpoints.scale-out.yml",
            )
            for index, port in enumerate(rasa_ports)
        ]
        for future in futures:
            try:
                started.append(future.result())
            except BaseException as error:  # noqa: BLE001 - every server is stopped below either way
                errors.append(error)
    try:
        if errors:
            pytest.fail(f"A server did not start: {errors[0]!r} (logs: results/logs/scale_out_*.log)", pytrace=False)
        yield Cluster([f"http://{LOOPBACK}:{port}" for port in rasa_ports], started, stores)
    finally:
        for server in reversed(started):
            server.stop()
            if server.process.returncode == -signal.SIGKILL:
                # Killed, so it could not stop its Sanic workers; they are in its own process group.
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.process.pid, signal.SIGKILL)
