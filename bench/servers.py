"""The two bots' servers: the stock bot built once, how each Rasa server and our action server start, and how
long they take to answer."""

import importlib.metadata
import json
import shutil
import statistics
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from addons.channels import APOLOGY
from bench.progress import Progress
from harness.bot_servers import BIN, ManagedProcess, bot_env, free_port, http_ok, started
from harness.rest_driver.client import send

BENCH = Path(__file__).resolve().parent
STOCK_DIR = BENCH / ".stock"  # git-ignored; rebuilt when missing or when the Rasa version changes
STOCK_PROJECT = STOCK_DIR / "project"
STOCK_MARKER = STOCK_DIR / "built.json"
STOCK_CREDENTIALS = STOCK_DIR / "credentials.rest.yml"
# How often a starting server is asked whether it is ready: often enough for start times in tenths of a second.
POLL_SECONDS = 0.05
MB = 1024 * 1024

ACTION_SERVER_COMMANDS = {
    # The same server (rasa run actions hands over to rasa_sdk's main) without importing Rasa itself; as
    # harness/bot_servers.py, ops/with_action_server.sh and ops/run_web.py start it.
    "sdk": [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions"],
    # Through Rasa's CLI, for comparison (docs/performance.md, "Starting the action server").
    "rasa": [str(BIN / "rasa"), "run", "actions", "--actions", "actions"],
}
DEFAULT_ACTION_SERVER = "sdk"


def rasa_version() -> str:
    return importlib.metadata.version("rasa")


def env_for_bench(actions_port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = bot_env(actions_port, extra)
    env.pop("RASA_CACHE_DIRECTORY", None)
    return env


def run_logged(
    command: list[str], cwd: Path, env: dict[str, str], log_path: Path, progress: Progress, what: str
) -> float:
    """Runs a command to completion with its output in `log_path`; returns its wall time in seconds."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        while process.poll() is None:
            progress.detail(f"{what}, {time.perf_counter() - began:.0f} s")
            time.sleep(1)
    elapsed = time.perf_counter() - began
    if process.returncode != 0:
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"{what} failed (exit {process.returncode}); log {log_path}:\n{tail}")
    return elapsed


def ensure_stock_bot(progress: Progress, rebuild: bool) -> dict:
    """The stock bot from `rasa init --no-prompt` (which also trains it), built once and cached."""
    progress.begin("stock bot: rasa init --no-prompt (cached in bench/.stock)")
    version = rasa_version()
    if not rebuild and STOCK_MARKER.exists():
        marker = json.loads(STOCK_MARKER.read_text())
        if marker.get("rasa_version") == version and (STOCK_PROJECT / marker["model"]).exists():
            progress.end(f"cached ({marker['model']}, built {marker['built']})")
            return marker
    shutil.rmtree(STOCK_PROJECT, ignore_errors=True)
    STOCK_PROJECT.mkdir(parents=True)
    seconds = run_logged(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(STOCK_PROJECT)],
        STOCK_PROJECT,
        env_for_bench(5055),
        STOCK_DIR / "init.log",
        progress,
        "creating and training the stock bot",
    )
    models = sorted((STOCK_PROJECT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise RuntimeError(f"rasa init trained no model; see {STOCK_DIR / 'init.log'}")
    # Plain REST, nothing else (rasa init's credentials.yml also names the Rasa X/Enterprise channel).
    STOCK_CREDENTIALS.write_text("rest:\n")
    marker = {
        "rasa_version": version,
        "model": str(models[-1].relative_to(STOCK_PROJECT)),
        "built": time.strftime("%Y-%m-%d %H:%M:%S"),
        "init_seconds": round(seconds, 1),
    }
    STOCK_MARKER.write_text(json.dumps(marker, indent=2) + "\n")
    progress.end(f"built and trained in {seconds:.0f} s")
    return marker


@dataclass(frozen=True)
class Bot:
    """How to start one bot's Rasa server."""

    key: str  # "stock" or "ours": where its figures go
    model: Path
    cwd: Path
    credentials: Path
    endpoints: Path | None

    def command(self, port: int) -> list[str]:
        command = [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(self.model),
            "--port",
            str(port),
            "--credentials",
            str(self.credentials),
        ]
        if self.endpoints is not None:
            command += ["--endpoints", str(self.endpoints)]
        return command


@dataclass(frozen=True)
class Serving:
    """One bot's running Rasa server during the measurements."""

    bot: Bot
    server: ManagedProcess
    url: str
    actions_pid: int | None  # our action server, whose CPU counts with our turns; None for the stock bot


def cold_start(bot: Bot, actions_port: int, name: str, timeout: float = 600) -> tuple[ManagedProcess, str, float]:
    """Starts the Rasa server; seconds from process start to the first answer over the REST webhook."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sender = f"bench-coldstart-{uuid.uuid4().hex[:8]}"

    def answers() -> bool:
        try:
            reply = send(url, sender, "hello", timeout=timeout)
        except ValueError:  # a reply that is not JSON yet: not ready
            return False
        # Rasa answers no message before it has tried to load the model. Without a model, the stock REST channel
        # says nothing and ours apologises (addons/channels.py): a server that waiting will not mend.
        if all(message.get("text") in (None, APOLOGY) for message in reply):
            raise RuntimeError(f"the {bot.key} Rasa server came up not ready: no answer to hello, only {reply}")
        return True

    began = time.perf_counter()
    server = ManagedProcess(name, bot.command(port), env_for_bench(actions_port), cwd=bot.cwd)
    started(server, answers, timeout, f"the {bot.key} Rasa server", POLL_SECONDS)
    return server, url, time.perf_counter() - began


def start_action_server_timed(name: str, project: Path, how: str) -> tuple[ManagedProcess, int, float]:
    """Starts the action server; seconds from process start to /health."""
    port = free_port()
    began = time.perf_counter()
    server = ManagedProcess(name, ACTION_SERVER_COMMANDS[how] + ["--port", str(port)], env_for_bench(port), cwd=project)
    started(server, lambda: http_ok(f"http://127.0.0.1:{port}/health"), 120, "the action server", POLL_SECONDS)
    return server, port, time.perf_counter() - began


def action_import_seconds(project: Path, repeats: int = 3) -> dict:
    """Wall time of `import rasa_sdk, rasa_sdk.endpoint, actions.actions` in a fresh interpreter (median)."""
    code = (
        "import time, sys; t = time.perf_counter(); import rasa_sdk, rasa_sdk.endpoint; s = time.perf_counter();"
        " import actions.actions; a = time.perf_counter();"
        " print(s - t, a - s, len(sys.modules), 'sklearn' in sys.modules, 'tensorflow' in sys.modules)"
    )
    rows = []
    for _ in range(repeats):
        output = subprocess.run(
            [str(BIN / "python"), "-c", code],
            cwd=project,
            env=env_for_bench(5055),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        rows.append((float(output[0]), float(output[1]), int(output[2]), output[3] == "True", output[4] == "True"))
    sdk = statistics.median(r[0] for r in rows)
    ours = statistics.median(r[1] for r in rows)
    return {
        "rasa_sdk_s": round(sdk, 3),
        "actions_s": round(ours, 3),
        "total_s": round(sdk + ours, 3),
        "modules": rows[-1][2],
        "imports_sklearn": rows[-1][3],
        "imports_tensorflow": rows[-1][4],
    }
