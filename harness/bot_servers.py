"""Starts the trained bot (Rasa server with the REST channel, plus the action server) for scripts and tests."""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import yaml

from harness.ports import claim_port, holder, listens_on

PROJECT = Path(__file__).resolve().parent.parent
BIN = PROJECT / ".venv" / "bin"
MODEL = PROJECT / "models" / "model.tar.gz"
LOGS = PROJECT / "results" / "logs"


def free_port() -> int:
    """A port for a server to listen on: unused now, and claimed for this process until it exits, so that no other
    run on this machine is handed it meanwhile (harness/ports.py)."""
    return claim_port()


def wait_until(
    check, seconds: float, what: str, process: subprocess.Popen | None = None, interval: float = 0.5
) -> None:
    """Polls `check()` every `interval` seconds until it is true; fails if `process` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode} before it was ready")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(interval)
    raise TimeoutError(f"{what} was not ready after {seconds:.0f} s")


def wait_until_serving(
    process: subprocess.Popen, port: int, ready, seconds: float, what: str, interval: float = 0.5
) -> None:
    """wait_until `ready()`, and then that it is `process` (or a process below it) that listens on `port`: a server
    whose port was taken exits, and meanwhile whatever held the port could pass for it. The errors say who holds
    the port."""
    try:
        wait_until(ready, seconds, what, process, interval)
    except (RuntimeError, TimeoutError) as error:
        raise type(error)(f"{error} ({holder(port)})") from None
    if not listens_on(process.pid, port):
        raise RuntimeError(f"{what} (pid {process.pid}) is not what answers on port {port}: {holder(port)}")


def http_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=3) as response:
        return response.status == 200


# Rasa's `GET /` answers even when the model failed to load; this route of our REST channel (addons/channels.py)
# answers 200 only with the model loaded, and needs no HTTP API.
READY_PATH = "/webhooks/rest/ready"


def model_loaded(rasa_url: str) -> bool:
    """Whether the Rasa server answers with its model loaded. Rasa answers no request before it has tried to load
    the model, so an answer without one is final: that raises RuntimeError rather than waiting on."""
    try:
        return http_ok(rasa_url + READY_PATH)
    except urllib.error.HTTPError as error:
        raise RuntimeError(
            f"the Rasa server at {rasa_url} came up not ready: HTTP {error.code} from {READY_PATH} (503: no model)"
        ) from None


class ManagedProcess:
    """A server process whose output goes to a log file under results/logs."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], cwd: Path | None = None):
        """`cwd` is the working directory (default: the project), e.g. another bot's project folder."""
        LOGS.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.log_path = LOGS / f"{name}.log"
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command, cwd=cwd or PROJECT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                # Its whole process group (its own session): a Rasa server with SANIC_WORKERS > 1 would leave its
                # workers running if only the main process were killed.
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def bot_env(actions_port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ACTIONS_PORT=str(actions_port),
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
    )
    env.update(extra or {})
    return env


def started(
    server: ManagedProcess, ready, seconds: float, what: str, interval: float = 0.5, port: int | None = None
) -> ManagedProcess:
    """Waits until `ready()` is true (and, given its `port`, until the server itself listens there:
    wait_until_serving); on failure shows the end of the server's log and stops it."""
    try:
        if port is None:
            wait_until(ready, seconds, what, server.process, interval)
        else:
            wait_until_serving(server.process, port, ready, seconds, what, interval)
    except Exception:
        print(server.log_tail(), file=sys.stderr)
        server.stop()
        raise
    return server


def start_action_server(port: int, name: str = "action_server", extra_env=None) -> ManagedProcess:
    """`extra_env` adds environment variables, e.g. SANIC_HOST=127.0.0.1 to listen on loopback only."""
    server = ManagedProcess(
        # rasa_sdk directly, not through Rasa's CLI (docs/performance.md, "Starting the action server").
        name,
        [str(BIN / "python"), "-m", "rasa_sdk", "--port", str(port), "--actions", "actions"],
        bot_env(port, extra_env),
    )
    return started(server, lambda: http_ok(f"http://localhost:{port}/health"), 90, "the action server", port=port)


def start_rasa_server(
    port: int,
    actions_port: int,
    name: str = "rasa_server",
    extra_args: list[str] = (),
    extra_env=None,
    endpoints: str = "endpoints.yml",
    ready_seconds: float = 240,
    model: Path = MODEL,
) -> ManagedProcess:
    """`endpoints` picks the endpoints file (e.g. endpoints.scale-out.yml); `extra_env` fills its ${VARS};
    `ready_seconds` is how long it may take to load the model and answer. Ready means the model is loaded; a server
    that comes up without it is stopped and reported at once (RuntimeError)."""
    command = [
        str(BIN / "rasa"),
        "run",
        "--model",
        str(model),
        "--port",
        str(port),
        "--credentials",
        "credentials.yml",
        "--endpoints",
        endpoints,
        *extra_args,
    ]
    server = ManagedProcess(name, command, bot_env(actions_port, extra_env))
    return started(
        server, lambda: model_loaded(f"http://localhost:{port}"), ready_seconds, "the Rasa server", port=port
    )


STORE_FILE = "conversations.db"


def endpoints_with_store_in(directory: Path, project: Path = PROJECT) -> Path:
    """The project's endpoints.yml with its SQLite tracker store moved to `directory`/conversations.db: conversations
    of tests, evaluations and the bench never reach var/conversations.db, the store `make report` describes."""
    endpoints = yaml.safe_load((project / "endpoints.yml").read_text(encoding="utf-8"))
    store = endpoints.get("tracker_store") or {}
    if store.get("dialect") != "sqlite":
        raise ValueError(f"{project / 'endpoints.yml'} no longer keeps conversations in a SQLite file")
    store["db"] = str(directory / STORE_FILE)
    path = directory / "endpoints.throwaway.yml"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


class Bot:
    """The whole bot on free ports with a tracker store of its own in `directory`. With `api=True`, Rasa's HTTP API
    is on behind a random token, so the caller can read trackers back; nobody else knows the token. The action
    server can be stopped and started again on the same port (a dead action server)."""

    def __init__(self, directory: Path, name: str = "bot", api: bool = False):
        if not MODEL.exists():
            raise FileNotFoundError(f"{MODEL} is missing: run `make train` first")
        self.name = name
        self.endpoints = endpoints_with_store_in(directory)
        self.database = directory / STORE_FILE
        self.token = secrets.token_hex(16) if api else None
        self.actions_port, self.rasa_port = free_port(), free_port()
        self.url = f"http://localhost:{self.rasa_port}"
        self.actions: ManagedProcess | None = None
        self.rasa: ManagedProcess | None = None

    def start(self) -> "Bot":
        self.start_actions()
        self.start_rasa()
        return self

    def start_rasa(self) -> None:
        api = ["--enable-api", "--auth-token", self.token] if self.token else []
        self.rasa = start_rasa_server(
            self.rasa_port, self.actions_port, name=f"{self.name}_rasa", extra_args=api, endpoints=str(self.endpoints)
        )

    def restart_rasa(self) -> None:
        self.rasa.stop()
        self.start_rasa()

    def start_actions(self) -> None:
        self.actions = start_action_server(self.actions_port, name=f"{self.name}_actions")

    def stop_actions(self) -> None:
        self.actions.stop()

    def stop(self) -> None:
        for server in (self.rasa, self.actions):
            if server is not None:
                server.stop()


@contextlib.contextmanager
def running_bot(name: str = "bot", api: bool = False) -> Iterator[Bot]:
    """The whole bot on free ports with a throwaway tracker store; stopped (and the store deleted) at the end."""
    with tempfile.TemporaryDirectory(prefix=f"{name}-") as directory:
        bot = Bot(Path(directory), name, api)
        try:
            yield bot.start()
        finally:
            bot.stop()
