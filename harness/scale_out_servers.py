"""The parts of the scale-out deployment, each on loopback: PostgreSQL, Redis, Rasa servers, nginx.

harness/scale_out_deployment.py puts them together (`make scale-out`, tests/scale_out, evaluation/scale_figures.py):
  PostgreSQL: initdb (password auth), postgres, createdb  -> the tracker store
  Redis: redis-server without persistence                 -> the lock store
  nginx: deploy/nginx.conf with the Rasa servers' addresses -> the load balancer (harness/scale_out_nginx.py)
PostgreSQL refuses to run as root, so as root its processes run as the `postgres` user (the Debian package
creates it). Each `stop()` also ends what it started."""

import concurrent.futures
import contextlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

from harness.bot_servers import (
    PROJECT,
    ManagedProcess,
    start_action_server,
    start_rasa_server,
    wait_until_serving,
)

if TYPE_CHECKING:
    import psycopg2.extensions
    import redis
    import sqlalchemy as sa

PACKAGES = ("postgresql", "redis-server", "nginx")
# Several Rasa processes load the model at once, on 2 cores that other jobs share: 4 minutes was seen.
RASA_READY_SECONDS = 600
LOOPBACK = "127.0.0.1"
POSTGRES_OS_USER = "postgres"


def end(process: subprocess.Popen | None, first: int, seconds: float) -> None:
    """Sends `first` to a running server, then SIGKILL to its process group if it has not ended in `seconds`."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(first)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- binaries ---------------------------------------------------------------------------------------------------
def postgres_bin_dir() -> Path | None:
    """Debian keeps the server binaries in /usr/lib/postgresql/<version>/bin, off the PATH; newest wins."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    on_path = shutil.which("postgres")
    return Path(on_path).resolve().parent if on_path else None


def redis_server_bin() -> Path | None:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    return Path(found) if found else None


def nginx_bin() -> Path | None:
    """Debian's nginx is in /usr/sbin, which is not on every user's PATH."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    return Path(found) if found else None


def _binaries_present() -> bool:
    pg = postgres_bin_dir()
    return bool(
        pg
        and all((pg / name).exists() for name in ("initdb", "postgres", "createdb"))
        and redis_server_bin()
        and nginx_bin()
    )


def ensure_binaries() -> None:
    """Installs the Debian packages with ops/ensure_packages.sh if needed; raises, naming them, if it can't."""
    if _binaries_present():
        return
    script = PROJECT / "ops" / "ensure_packages.sh"
    result = subprocess.run([str(script), *PACKAGES], capture_output=True, text=True)
    if result.returncode != 0 or not _binaries_present():
        raise RuntimeError(
            f"The scale-out setup needs the Debian packages {', '.join(PACKAGES)} (PostgreSQL, Redis and nginx), "
            f"and they could not be installed:\n{result.stdout}{result.stderr}"
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
        self.process: subprocess.Popen | None = None
        self._log = None

    def _as_server_user(self) -> dict:
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
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                self.user,
                f"--pwfile={password_file}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
                "--no-instructions",
            ],
            cwd=self.root,
            check=True,
            capture_output=True,
            **drop,
        )
        password_file.unlink()
        self._serve()
        wait_until_serving(self.process, self.port, self._create_database, 60, "PostgreSQL")

    def _serve(self) -> None:
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                str(self.bin / "postgres"),
                "-D",
                str(self.data),
                "-p",
                str(self.port),
                "-c",
                f"listen_addresses={LOOPBACK}",
                "-c",
                f"unix_socket_directories={self.sockets}",
            ],
            cwd=self.root,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **self._as_server_user(),
        )

    def restart(self, down_seconds: float) -> None:
        """Stops the server, leaves it down for `down_seconds`, and starts it again on the same data and port;
        raises, naming what holds the port, unless it is this server that takes logins there again."""
        self.stop()
        time.sleep(down_seconds)
        self._serve()
        wait_until_serving(self.process, self.port, self._accepts_logins, 60, "PostgreSQL, started again")

    def _accepts_logins(self) -> bool:
        import psycopg2

        try:
            psycopg2.connect(
                host=LOOPBACK, port=self.port, user=self.user, password=self.password, dbname=self.database
            ).close()
        except psycopg2.OperationalError:
            return False
        return True

    def _create_database(self) -> bool:
        result = subprocess.run(
            [str(self.bin / "createdb"), "-h", LOOPBACK, "-p", str(self.port), "-U", self.user, self.database],
            env={**os.environ, "PGPASSWORD": self.password},
            capture_output=True,
            text=True,
        )
        return result.returncode == 0

    def env(self) -> dict[str, str]:
        return {
            "POSTGRES_HOST": LOOPBACK,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_DB": self.database,
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
        }

    def stop(self) -> None:
        end(self.process, signal.SIGINT, 30)  # PostgreSQL's "fast" shutdown
        if self._log:
            self._log.close()


# --- Redis ----------------------------------------------------------------------------------------------------
class ThrowawayRedis:
    """A Redis without persistence on 127.0.0.1:`port` that takes only clients with its random password."""

    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self.password = secrets.token_hex(12)
        self.log_path = root / "redis.log"
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self) -> None:
        import redis

        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                str(redis_server_bin()),
                "--port",
                str(self.port),
                "--bind",
                LOOPBACK,
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.root),
                "--requirepass",
                self.password,
            ],
            cwd=self.root,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        client = redis_client(self.env(), socket_timeout=2)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except (redis.exceptions.ConnectionError, redis.exceptions.AuthenticationError):
                return False  # not up yet, or another server (with another password) on the port

        wait_until_serving(self.process, self.port, answers, 30, "Redis")

    def restart(self, down_seconds: float) -> None:
        """Stops the server (and with it every lock: it keeps nothing), leaves it down for `down_seconds`, and
        starts it again on the same port; raises, naming what holds the port, unless it is this server that answers
        there again."""
        self.stop()
        time.sleep(down_seconds)
        self.start()

    def env(self) -> dict[str, str]:
        return {"REDIS_HOST": LOOPBACK, "REDIS_PORT": str(self.port), "REDIS_DB": "1", "REDIS_PASSWORD": self.password}

    def stop(self) -> None:
        end(self.process, signal.SIGTERM, 15)
        if self._log:
            self._log.close()


def postgres_connection(store_env: dict[str, str]) -> "psycopg2.extensions.connection":
    """A psycopg2 connection to the database that the POSTGRES_* variables name."""
    import psycopg2

    return psycopg2.connect(
        host=store_env["POSTGRES_HOST"],
        port=store_env["POSTGRES_PORT"],
        dbname=store_env["POSTGRES_DB"],
        user=store_env["POSTGRES_USER"],
        password=store_env["POSTGRES_PASSWORD"],
    )


def postgres_url(store_env: dict[str, str], database: str | None = None) -> "sa.engine.URL":
    """The SQLAlchemy URL of the PostgreSQL database that the POSTGRES_* variables (endpoints.scale-out.yml's)
    name, or of `database` on that server."""
    import sqlalchemy as sa

    return sa.engine.URL.create(
        "postgresql",
        username=store_env["POSTGRES_USER"],
        password=store_env["POSTGRES_PASSWORD"],
        host=store_env["POSTGRES_HOST"],
        port=int(store_env["POSTGRES_PORT"]),
        database=database or store_env["POSTGRES_DB"],
    )


def create_tracker_store_tables(store_env: dict[str, str]) -> None:
    """The tracker store's tables in the POSTGRES_* database, created once before the Rasa servers start
    (addons/tracker_store.py, create_tables), so that servers starting together find them there."""
    import sqlalchemy as sa

    from addons.tracker_store import create_tables

    engine = sa.create_engine(postgres_url(store_env))
    try:
        create_tables(engine)
    finally:
        engine.dispose()


def redis_client(store_env: dict[str, str], db: int | None = None, **settings) -> "redis.Redis":
    """A client of the Redis that the REDIS_* variables (endpoints.scale-out.yml's) name, on their database or `db`."""
    import redis

    return redis.Redis(
        host=store_env["REDIS_HOST"],
        port=int(store_env["REDIS_PORT"]),
        db=int(store_env["REDIS_DB"]) if db is None else db,
        password=store_env.get("REDIS_PASSWORD") or None,
        **settings,
    )


# --- Rasa servers -----------------------------------------------------------------------------------------------
def killed_and_not_reaped(process: subprocess.Popen) -> bool:
    """Whether `process` ended by SIGKILL and is still a zombie (looked at without reaping it)."""
    if process.returncode is not None:  # reaped already
        return False
    try:
        info = os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return False
    return info is not None and info.si_code == os.CLD_KILLED and info.si_status == signal.SIGKILL


def stop_all(servers: list[ManagedProcess]) -> None:
    for server in reversed(servers):
        if killed_and_not_reaped(server.process):
            # Killed, so it could not stop its Sanic workers; they are in its own process group. Its zombie still
            # holds its pid, so the group's id is nobody else's yet. (Once reaped, the pid is free, and a process
            # started since, another run's, may have it: pid_max is 32768 here.)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.process.pid, signal.SIGKILL)
        server.stop()


def start_rasa_servers(
    ports: list[int],
    actions_port: int,
    name: str,
    store_env: dict[str, str],
    endpoints: str,
    extra_args: list[str] = (),
    extra_env: dict[str, str] | None = None,
    action_server: bool = False,
) -> list[ManagedProcess]:
    """Rasa servers with `endpoints` (and, with `action_server`, the action server, first in the list), started
    at once on loopback; raises RuntimeError, with every one stopped, if one does not start."""
    started: list[ManagedProcess] = []
    errors: list[BaseException] = []
    env = {**store_env, **(extra_env or {})}
    with concurrent.futures.ThreadPoolExecutor(max_workers=1 + len(ports)) as pool:
        futures = []
        if action_server:
            futures.append(pool.submit(start_action_server, actions_port, f"{name}_actions", {"SANIC_HOST": LOOPBACK}))
        futures += [
            pool.submit(
                start_rasa_server,
                port,
                actions_port,
                f"{name}_rasa_{index}",
                ["--interface", LOOPBACK, *extra_args],
                env,
                endpoints,
                RASA_READY_SECONDS,
            )
            for index, port in enumerate(ports)
        ]
        interrupted = False
        for future in futures:
            while not future.done():
                try:
                    concurrent.futures.wait([future])
                except KeyboardInterrupt:  # Ctrl-C while loading: the server still starts, to be stopped below
                    interrupted = True
            try:
                started.append(future.result())
            except Exception as error:  # noqa: BLE001 - every server is stopped below either way
                errors.append(error)
    if interrupted or errors:
        stop_all(started)
        if interrupted:
            raise KeyboardInterrupt
        raise RuntimeError(f"A server did not start: {errors[0]!r} (logs: results/logs/{name}_*.log)")
    return started
