"""`make bench`: our bot against the stock `rasa init` bot, side by side on this machine, in one run.

Both bots run from the project's venv on the same machine in the same run: cold starts alternate, and the two
servers, both up, take turns in short blocks, so that load from others hits both alike. The ratio ours/stock is
what the targets judge; absolute numbers move with whatever else the machine is doing. bench/README.md says what
every figure means, and what the profiles found.

  .venv/bin/python bench/run_bench.py            # the full run (what `make bench` does), ~11 minutes
  .venv/bin/python bench/run_bench.py --quick    # small numbers, no training: ~2 minutes, for development

A full run writes bench/results/<timestamp>.json and bench/results/latest.json; a reduced run (--quick, other
numbers, --skip-training, --ours-project, --action-server sdk) writes bench/results/<timestamp>.tmp
(git-ignored) and leaves latest.json alone.
"""

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
from rest_driver.client import Reply, send  # noqa: E402
from rest_driver.stats import percentile  # noqa: E402
from scripts.bot_servers import BIN, MODEL, PROJECT, ManagedProcess, bot_env, free_port  # noqa: E402

STOCK_DIR = BENCH / ".stock"  # git-ignored; rebuilt when missing or when the Rasa version changes
STOCK_PROJECT = STOCK_DIR / "project"
STOCK_MARKER = STOCK_DIR / "built.json"
STOCK_CREDENTIALS = STOCK_DIR / "credentials.rest.yml"
RESULTS = BENCH / "results"
MB = 1024 * 1024

# Targets on the ratio ours/stock measured in the same run, and absolute ones for our own parts.
RATIO_TARGETS = [
    ("latency_article_p50_ms", 1.3, "article-question p50 latency"),
    ("latency_interview_p50_ms", 1.6, "interview-turn p50 latency"),
    ("concurrency_32_p95_ms", 1.5, "p95 latency at 32 concurrent conversations"),
    ("cold_start_s", 1.1, "cold start"),
    ("rasa_peak_rss_mb", 1.15, "Rasa server peak resident memory"),
]
ABSOLUTE_TARGETS = [
    ("action_server_peak_rss_mb", 150, "MB", "action server peak resident memory"),
    # The issue asks for a fast import without a number; 1 s for rasa_sdk plus all our actions is ours.
    ("action_import_s", 1.0, "s", "action server import (rasa_sdk + actions)"),
    ("training_cold_s", 180, "s", "cold training of our bot"),
]

# --- what the simulated people say ---------------------------------------------------------------------------

# The stock bot's own domain: greet, mood, affirm/deny, bot challenge, goodbye (its data/nlu.yml).
STOCK_DIALOGUES = [
    ["hello", "I am feeling great", "bye"],
    ["hi", "I am sad", "yes"],
    ["hey there", "very unhappy", "no"],
    ["good morning", "are you a bot?", "goodbye"],
    ["hey", "my day was horrible", "no"],
    ["good evening", "perfect", "see you around"],
]
# Article questions across every article intent, plus two that no intent covers (the TF-IDF search answers).
ARTICLE_QUESTIONS = [
    "what is a muscle spasm?",
    "what exactly is a muscle twitch",
    "what's the difference between a spasm and a twitch?",
    "what types of muscle spasms are there",
    "what kinds of twitches exist",
    "what causes muscle spasms?",
    "are muscle twitches dangerous?",
    "when should I see a doctor about cramps",
    "how do doctors diagnose twitching",
    "how can I prevent muscle cramps",
    "how do people live with chronic spasms",
    "what is clonus",
    "can dehydration cause cramps",
    "is a twitch harmful",
    "what is a skeletal muscle spasm",
    "what are fasciculations",
    "how do I stop getting twitches",
    "which specialist treats muscle spasms",
    "what does an EMG test show",
    "why do my muscles twitch when I'm stressed",
    "does magnesium have anything to do with night time muscle tightness",
    "can lack of sleep make my eyelid flutter",
]
ARTICLE_QUESTIONS_PER_CONVERSATION = 6
# The interview is driven as scripts/evaluate_triage.py and scripts/load_test.py drive it: the bot's question
# text (the domain's utter_ask_<slot>) says which slot it asks. A vague opening gets every question asked.
INTERVIEW_OPENINGS = [
    "something weird is happening in my muscles",
    "I want to check a symptom",
    "I noticed something odd in one of my muscles",
]
INTERVIEW_ANSWERS = {
    "breathing_difficulty": "no", "sensation": "a cramp", "episode_duration": "about a minute",
    "pain_level": "mild", "pain_after": "no", "frequency": "just once", "history": "today",
    "muscle_weakness": "no", "visible_change": "no", "known_condition": "no",
}
BODY_PARTS = ["calf", "thigh", "hamstring", "foot", "toe", "leg", "shoulder", "arm", "hand", "neck", "lower back"]
MAX_INTERVIEW_TURNS = 20


class DialogueError(Exception):
    """The bot answered, but not as the script expects (e.g. neither a question nor a triage result)."""


class Dialogue:
    """One simulated conversation: iterating yields (kind, message); `last_reply` holds the bot's answer to it."""

    def __init__(self, script: Callable[["Dialogue"], Iterator[Tuple[str, str]]]):
        self.last_reply: List[Dict] = []
        self._steps = script(self)

    def __iter__(self) -> Iterator[Tuple[str, str]]:
        return self._steps


Script = Callable[[Dialogue], Iterator[Tuple[str, str]]]


def scripted(kind: str, messages: Sequence[str]) -> Script:
    def steps(dialogue: Dialogue) -> Iterator[Tuple[str, str]]:
        for message in messages:
            yield kind, message
            if not any(m.get("text") or m.get("image") or m.get("custom") for m in dialogue.last_reply):
                raise DialogueError(f"no answer to {message!r}")
    return steps


def interview(index: int) -> Script:
    answers = {**INTERVIEW_ANSWERS, "body_part": f"my {BODY_PARTS[index % len(BODY_PARTS)]}"}

    def steps(dialogue: Dialogue) -> Iterator[Tuple[str, str]]:
        yield "interview", INTERVIEW_OPENINGS[index % len(INTERVIEW_OPENINGS)]
        for _ in range(MAX_INTERVIEW_TURNS):
            reply = Reply.of(dialogue.last_reply)
            if reply.triage is not None:
                return
            if reply.asked is None:
                raise DialogueError(f"neither a question nor a triage result: {reply.messages}")
            yield "interview", answers.get(reply.asked, "I don't know")
        raise DialogueError(f"no triage result after {MAX_INTERVIEW_TURNS} turns")
    return steps


def chain(*parts: Script) -> Script:
    def steps(dialogue: Dialogue) -> Iterator[Tuple[str, str]]:
        for part in parts:
            yield from part(dialogue)
    return steps


def article_questions(first: int, count: int) -> List[str]:
    return [ARTICLE_QUESTIONS[(first + i) % len(ARTICLE_QUESTIONS)] for i in range(count)]


def stock_dialogue(index: int) -> Dialogue:
    return Dialogue(scripted("stock", STOCK_DIALOGUES[index % len(STOCK_DIALOGUES)]))


def article_dialogue(index: int) -> Dialogue:
    per = ARTICLE_QUESTIONS_PER_CONVERSATION
    return Dialogue(scripted("article", article_questions(index * per, per)))


def interview_dialogue(index: int) -> Dialogue:
    return Dialogue(interview(index))


def mixed_dialogue(index: int) -> Dialogue:
    """What scripts/load_test.py simulates: a whole symptom check, then two article questions."""
    return Dialogue(chain(interview(index), scripted("article", article_questions(2 * index, 2))))


# --- progress display ----------------------------------------------------------------------------------------

class Progress:
    """One line per stage on stderr; on a terminal the current line also shows live detail."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.stage = ""
        self._lock = threading.Lock()

    def _clock(self) -> str:
        seconds = int(time.monotonic() - self.started)
        return f"{seconds // 60:02d}:{seconds % 60:02d}"

    def begin(self, stage: str) -> None:
        with self._lock:
            self.done += 1
            self.stage = f"[{self.done:2d}/{self.total}] {stage}"
            self._stage_started = time.monotonic()
            if self.tty:
                sys.stderr.write(f"\r\033[K{self._clock()} {self.stage} ...")
            else:
                sys.stderr.write(f"{self._clock()} {self.stage} ...\n")
            sys.stderr.flush()

    def detail(self, text: str) -> None:
        if self.tty:
            with self._lock:
                sys.stderr.write(f"\r\033[K{self._clock()} {self.stage}: {text}")
                sys.stderr.flush()

    def end(self, summary: str) -> None:
        with self._lock:
            took = time.monotonic() - self._stage_started
            prefix = "\r\033[K" if self.tty else ""
            sys.stderr.write(f"{prefix}{self._clock()} {self.stage}: {summary} ({took:.0f} s)\n")
            sys.stderr.flush()

    def note(self, text: str) -> None:
        with self._lock:
            sys.stderr.write(("\r\033[K" if self.tty else "") + f"      {text}\n")
            sys.stderr.flush()


# --- memory from /proc ---------------------------------------------------------------------------------------

def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def process_tree(root: int) -> List[int]:
    """The root and all its descendants, from the parent pids in /proc/*/stat."""
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_seconds(root: Optional[int]) -> float:
    """User + system CPU time used so far by a process tree (from /proc/<pid>/stat)."""
    if root is None:
        return 0.0
    total = 0
    for pid in process_tree(root):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


class MemoryWatch:
    """Samples the resident memory (VmRSS) of process trees; keeps each tree's peak.

    A tree's peak is the larger of the highest sampled sum of VmRSS and the highest single VmHWM (the kernel's
    own high-water mark, which catches a spike between two samples).
    """

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.roots: Dict[str, int] = {}
        self.peaks: Dict[str, int] = {}
        self.processes: Dict[str, int] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def watch(self, label: str, pid: int) -> None:
        with self._lock:
            self.roots[label] = pid
            self.peaks[label] = 0
        self.sample(label)

    def sample(self, label: str) -> None:
        with self._lock:
            pid = self.roots.get(label)
        if pid is None:
            return
        tree = process_tree(pid)
        rss = sum(_status_kb(p, "VmRSS") for p in tree)
        hwm = max((_status_kb(p, "VmHWM") for p in tree), default=0)
        with self._lock:
            self.peaks[label] = max(self.peaks.get(label, 0), rss, hwm)
            self.processes[label] = max(self.processes.get(label, 0), len(tree))

    def unwatch(self, label: str) -> float:
        """Samples once more (the high-water mark), stops watching; returns the peak in MB."""
        self.sample(label)
        with self._lock:
            self.roots.pop(label, None)
            return self.peaks.get(label, 0) / 1024

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            for label in list(self.roots):
                self.sample(label)

    def close(self) -> None:
        self._stop.set()


# --- numbers -------------------------------------------------------------------------------------------------

def latency_summary(seconds: Sequence[float]) -> Dict:
    return {
        "turns": len(seconds),
        **{f"p{p}_ms": round(percentile(seconds, p / 100) * 1000, 1) if seconds else None for p in (50, 95, 99)},
        "mean_ms": round(statistics.mean(seconds) * 1000, 1) if seconds else None,
    }


class TurnLog:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: Dict[str, List[float]] = {}
        self.errors: List[str] = []
        self.turns = 0

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.turns += 1

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def drive(url: str, make_dialogue: Callable[[int], Dialogue], log: TurnLog,
          workers: int, max_turns: Optional[int] = None, seconds: Optional[float] = None,
          progress: Optional[Progress] = None, first_index: int = 0) -> float:
    """`workers` simulated people, each starting a new conversation when one ends, until `max_turns` turns in
    all or `seconds` have passed (a turn under way then still finishes). Returns the elapsed seconds."""
    started = time.perf_counter()
    deadline = started + seconds if seconds else None
    counter = iter(range(first_index, first_index + 10 ** 9))
    counter_lock = threading.Lock()
    sent = [0]

    def may_send() -> bool:
        with counter_lock:
            if max_turns is not None and sent[0] >= max_turns:
                return False
            if deadline is not None and time.perf_counter() >= deadline:
                return False
            sent[0] += 1
            return True

    def worker() -> None:
        while True:
            with counter_lock:
                index = next(counter)
            dialogue = make_dialogue(index)
            sender = f"bench-{index:05d}-{uuid.uuid4().hex[:8]}"
            try:
                for kind, message in dialogue:
                    if not may_send():
                        return
                    began = time.perf_counter()
                    try:
                        dialogue.last_reply = send(url, sender, message, timeout=300)
                    except (urllib.error.URLError, OSError, ValueError) as error:
                        log.error(f"{sender}: {message!r}: {error!r}")
                        dialogue.last_reply = []
                        break
                    log.add(kind, time.perf_counter() - began)
            except DialogueError as error:
                log.error(f"{sender}: {error}")

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        for thread in threads:
            thread.join(timeout=0.5)
        if progress is not None:
            elapsed = time.perf_counter() - started
            goal = f"/{max_turns}" if max_turns else f" in {elapsed:.0f}/{seconds:.0f} s"
            progress.detail(f"{log.turns}{goal} turns, {len(log.errors)} errors")
    return time.perf_counter() - started


# --- the two bots --------------------------------------------------------------------------------------------

def rasa_version() -> str:
    return importlib.metadata.version("rasa")


def env_for_bench(actions_port: int, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = bot_env(actions_port, extra)
    env.pop("RASA_CACHE_DIRECTORY", None)
    return env


def run_logged(command: List[str], cwd: Path, env: Dict[str, str], log_path: Path, progress: Progress,
               what: str) -> float:
    """Runs a command to completion with its output in `log_path`; returns its wall time in seconds."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        while process.poll() is None:
            progress.detail(f"{what}, {time.perf_counter() - started:.0f} s")
            time.sleep(1)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"{what} failed (exit {process.returncode}); log {log_path}:\n{tail}")
    return elapsed


def ensure_stock_bot(progress: Progress, rebuild: bool) -> Dict:
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
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(STOCK_PROJECT)], STOCK_PROJECT,
        env_for_bench(5055), STOCK_DIR / "init.log", progress, "creating and training the stock bot",
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


class Bot:
    """How to start one bot's Rasa server (and, for ours, what else it needs)."""

    def __init__(self, key: str, label: str, model: Path, cwd: Path, credentials: Path,
                 endpoints: Optional[Path]):
        self.key, self.label, self.model, self.cwd = key, label, model, cwd
        self.credentials, self.endpoints = credentials, endpoints

    def command(self, port: int) -> List[str]:
        command = [str(BIN / "rasa"), "run", "--model", str(self.model), "--port", str(port),
                   "--credentials", str(self.credentials)]
        if self.endpoints is not None:
            command += ["--endpoints", str(self.endpoints)]
        return command


def cold_start(bot: Bot, actions_port: int, name: str, timeout: float = 600) -> Tuple[ManagedProcess, str, float]:
    """Starts the Rasa server; seconds from process start to the first answer over the REST webhook."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = ManagedProcess(name, bot.command(port), env_for_bench(actions_port), cwd=bot.cwd)
    sender = f"bench-coldstart-{uuid.uuid4().hex[:8]}"
    while True:
        if server.process.poll() is not None:
            tail = server.log_tail()
            server.stop()
            raise RuntimeError(f"{bot.label} Rasa server exited with {server.process.returncode}:\n{tail}")
        try:
            reply = send(url, sender, "hello", timeout=timeout)
            if reply:
                return server, url, time.perf_counter() - started
        except (urllib.error.URLError, OSError, ValueError):
            pass
        if time.perf_counter() - started > timeout:
            server.stop()
            raise TimeoutError(f"{bot.label} Rasa server gave no answer within {timeout:.0f} s")
        time.sleep(0.05)


ACTION_SERVER_COMMANDS = {
    # As scripts/bot_servers.py, scripts/with_action_server.sh and scripts/run_web.py start it.
    "rasa": [str(BIN / "rasa"), "run", "actions", "--actions", "actions"],
    # The same server (rasa run actions hands over to rasa_sdk's main) without importing Rasa itself.
    "sdk": [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions"],
}


def start_action_server_timed(name: str, project: Path, how: str) -> Tuple[ManagedProcess, int, float]:
    """Starts the action server; seconds from process start to /health."""
    port = free_port()
    started = time.perf_counter()
    server = ManagedProcess(name, ACTION_SERVER_COMMANDS[how] + ["--port", str(port)], env_for_bench(port),
                            cwd=project)
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"the action server exited:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as response:
                if response.status == 200:
                    return server, port, time.perf_counter() - started
        except (urllib.error.URLError, OSError):
            pass
        if time.perf_counter() - started > 120:
            server.stop()
            raise TimeoutError("the action server was not healthy after 120 s")
        time.sleep(0.05)


def action_import_seconds(project: Path, repeats: int = 3) -> Dict:
    """Wall time of `import rasa_sdk, rasa_sdk.endpoint, actions.actions` in a fresh interpreter (median)."""
    code = (
        "import time, sys; t = time.perf_counter(); import rasa_sdk, rasa_sdk.endpoint; s = time.perf_counter();"
        " import actions.actions; a = time.perf_counter();"
        " print(s - t, a - s, len(sys.modules), 'sklearn' in sys.modules, 'tensorflow' in sys.modules)"
    )
    rows = []
    for _ in range(repeats):
        output = subprocess.run([str(BIN / "python"), "-c", code], cwd=project, env=env_for_bench(5055),
                                capture_output=True, text=True, check=True).stdout.split()
        rows.append((float(output[0]), float(output[1]), int(output[2]), output[3] == "True", output[4] == "True"))
    sdk = statistics.median(r[0] for r in rows)
    ours = statistics.median(r[1] for r in rows)
    return {"rasa_sdk_s": round(sdk, 3), "actions_s": round(ours, 3), "total_s": round(sdk + ours, 3),
            "modules": rows[-1][2], "imports_sklearn": rows[-1][3], "imports_tensorflow": rows[-1][4]}


def bench_endpoints(project: Path, directory: Path) -> Path:
    """The project's endpoints.yml with its SQLite tracker store moved into `directory` (leaves var/ alone)."""
    endpoints = yaml.safe_load((project / "endpoints.yml").read_text(encoding="utf-8"))
    store = endpoints.get("tracker_store") or {}
    if store.get("dialect") == "sqlite":
        store["db"] = str(directory / "conversations.db")
    path = directory / "endpoints.bench.yml"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


# --- training ------------------------------------------------------------------------------------------------

def add_nlu_example(path: Path, intent: str, example: str) -> None:
    """The one-line NLU change: one more example under `intent`, indented like its neighbours."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if re.match(rf"^\s*-\s*intent:\s*{re.escape(intent)}\s*$", line):
            for after in range(number + 1, len(lines)):
                match = re.match(r"^(\s*)-\s", lines[after])
                if match:
                    lines.insert(after, f"{match.group(1)}- {example}\n")
                    path.write_text("".join(lines), encoding="utf-8")
                    return
    raise ValueError(f"no examples of intent {intent!r} in {path}")


def measure_training(key: str, source: Path, parts: Sequence[str], nlu_file: str, progress: Progress,
                     label: str) -> Dict:
    """Cold training of a copy in a temp dir (own, empty .rasa cache), then again after a one-line NLU change."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-train-{key}-"))
    try:
        for part in parts:
            src = source / part
            if src.is_dir():
                shutil.copytree(src, work / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(src, work / part)
        env = env_for_bench(5055, {"RASA_CACHE_DIRECTORY": str(work / ".rasa" / "cache")})
        command = [str(BIN / "rasa"), "train", "--fixed-model-name", "model", "--out", str(work / "models")]
        logs = PROJECT / "results" / "logs"
        progress.begin(f"{label}: training, cold (empty cache)")
        cold = run_logged(command, work, env, logs / f"bench-train-{key}-cold.log", progress, "rasa train")
        size = (work / "models" / "model.tar.gz").stat().st_size
        progress.end(f"{cold:.0f} s, model {size / MB:.1f} MB")
        progress.begin(f"{label}: training after a one-line NLU change")
        add_nlu_example(work / nlu_file, "greet", "hello there bench")
        warm = run_logged(command, work, env, logs / f"bench-train-{key}-nlu-change.log", progress, "rasa train")
        progress.end(f"{warm:.0f} s")
        return {"cold_s": round(cold, 1), "nlu_change_s": round(warm, 1), "trained_model_bytes": size}
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- the run -------------------------------------------------------------------------------------------------

class CpuMeter:
    """CPU time the Rasa server (and the action server) spend per turn, summed over measuring windows. Steadier
    than latency on a busy machine: time spent waiting for a CPU that others use is not counted."""

    def __init__(self, rasa_pid: int, actions_pid: Optional[int]):
        self.rasa_pid, self.actions_pid = rasa_pid, actions_pid
        self.rasa = self.actions = 0.0
        self.turns = 0

    @contextlib.contextmanager
    def window(self, log: TurnLog) -> Iterator[None]:
        rasa, actions, turns = cpu_seconds(self.rasa_pid), cpu_seconds(self.actions_pid), log.turns
        try:
            yield
        finally:
            self.rasa += cpu_seconds(self.rasa_pid) - rasa
            self.actions += cpu_seconds(self.actions_pid) - actions
            self.turns += log.turns - turns

    def per_turn(self) -> Dict:
        if not self.turns:
            return {}
        figures = {"rasa_cpu_ms_per_turn": round(1000 * self.rasa / self.turns, 1)}
        if self.actions_pid is not None:
            figures["actions_cpu_ms_per_turn"] = round(1000 * self.actions / self.turns, 1)
        return figures


class Serving:
    """One bot's running Rasa server during the measurements."""

    def __init__(self, bot: Bot, server: ManagedProcess, url: str, actions_pid: Optional[int]):
        self.bot, self.server, self.url, self.actions_pid = bot, server, url, actions_pid


def measure_serving(serving: Dict[str, Serving], args, progress: Progress, run: Dict) -> None:
    """Sequential latency and throughput. Both servers are up at once and take turns in short blocks, so that a
    burst of load from someone else on the machine hits both bots rather than one."""
    stock, ours = serving["stock"], serving["ours"]
    # (figure kind, server, dialogues)
    sequential = [("stock", stock, stock_dialogue), ("article", ours, article_dialogue),
                  ("interview", ours, interview_dialogue)]
    loads = {"stock": stock_dialogue, "ours": mixed_dialogue}
    for _, target, make in sequential:  # warm-up, not counted
        drive(target.url, make, TurnLog(), workers=1, max_turns=12, first_index=90000)
    drive(ours.url, mixed_dialogue, TurnLog(), workers=1, max_turns=12, first_index=91000)

    progress.begin(f"sequential latency: {args.turns} turns each of stock / article / interview, "
                   f"in blocks of {args.block}")
    logs = {kind: TurnLog() for kind, _, _ in sequential}
    meters = {kind: CpuMeter(target.server.process.pid, target.actions_pid) for kind, target, _ in sequential}
    for block, first in enumerate(range(0, args.turns, args.block)):
        for kind, target, make in sequential:
            log = logs[kind]
            with meters[kind].window(log):
                drive(target.url, make, log, workers=1, max_turns=min(args.block, args.turns - first),
                      first_index=block * 100)
            progress.detail(f"{kind} {log.turns}/{args.turns} turns")
    lines = []
    for kind, target, _ in sequential:
        log = logs[kind]
        figures = {**latency_summary(log.latencies.get(kind, [])), **meters[kind].per_turn(),
                   "errors": len(log.errors), "error_samples": log.errors[:3]}
        run[target.bot.key].setdefault("latency", {})[kind] = figures
        lines.append(f"{kind} p50 {figures['p50_ms']} ms" + (f" ({len(log.errors)} errors)" if log.errors else ""))
    progress.end(", ".join(lines))

    for workers in args.concurrency:
        for target in (stock, ours):
            key = target.bot.key
            progress.begin(f"{target.bot.label}: {workers} concurrent conversations for {args.duration:.0f} s")
            log = TurnLog()
            meter = CpuMeter(target.server.process.pid, target.actions_pid)
            with meter.window(log):
                elapsed = drive(target.url, loads[key], log, workers=workers, seconds=args.duration,
                                progress=progress, first_index=workers * 1000)
            every = [s for values in log.latencies.values() for s in values]
            figures = {**latency_summary(every), **meter.per_turn(), "seconds": round(elapsed, 1),
                       "turns_per_second": round(len(every) / elapsed, 2), "errors": len(log.errors),
                       "error_samples": log.errors[:3]}
            run[key].setdefault("concurrency", {})[str(workers)] = figures
            progress.end(f"{figures['turns_per_second']} turns/s, p95 {figures['p95_ms']} ms"
                         + (f", {len(log.errors)} errors" if log.errors else ""))


def ratio(ours: Optional[float], stock: Optional[float]) -> Optional[float]:
    if ours is None or stock in (None, 0):
        return None
    return round(ours / stock, 3)


def build_figures(run: Dict) -> List[Dict]:
    """The table: one row per figure, stock and ours side by side."""
    stock, ours = run["stock"], run["ours"]
    rows = []

    def row(key, label, unit, stock_value, ours_value, better="lower"):
        rows.append({"key": key, "label": label, "unit": unit, "stock": stock_value, "ours": ours_value,
                     "ratio": ratio(ours_value, stock_value), "better": better})

    row("cold_start_s", "cold start, process to first answer (median)", "s",
        stock.get("cold_start_s"), ours.get("cold_start_s"))
    base = stock.get("latency", {}).get("stock", {})
    for kind, name in (("article", "article question"), ("interview", "interview turn")):
        figures = ours.get("latency", {}).get(kind, {})
        for p in (50, 95, 99):
            row(f"latency_{kind}_p{p}_ms", f"latency p{p}, {name} (stock: its own turns)", "ms",
                base.get(f"p{p}_ms"), figures.get(f"p{p}_ms"))
    for kind, name in (("article", "article question"), ("interview", "interview turn")):
        row(f"rasa_cpu_{kind}_ms", f"Rasa server CPU per {name}, sequential (stock: its own turns)", "ms",
            base.get("rasa_cpu_ms_per_turn"), ours.get("latency", {}).get(kind, {}).get("rasa_cpu_ms_per_turn"))
    for kind, name in (("article", "article question"), ("interview", "interview turn")):
        row(f"actions_cpu_{kind}_ms", f"action server CPU per {name}, sequential", "ms", None,
            ours.get("latency", {}).get(kind, {}).get("actions_cpu_ms_per_turn"))
    for workers in sorted({int(w) for w in list(stock.get("concurrency", {})) + list(ours.get("concurrency", {}))}):
        s = stock.get("concurrency", {}).get(str(workers), {})
        o = ours.get("concurrency", {}).get(str(workers), {})
        row(f"concurrency_{workers}_turns_per_s", f"throughput, {workers} concurrent", "turns/s",
            s.get("turns_per_second"), o.get("turns_per_second"), better="higher")
        row(f"concurrency_{workers}_p95_ms", f"latency p95, {workers} concurrent", "ms",
            s.get("p95_ms"), o.get("p95_ms"))
        row(f"concurrency_{workers}_rasa_cpu_ms", f"Rasa server CPU per turn, {workers} concurrent", "ms",
            s.get("rasa_cpu_ms_per_turn"), o.get("rasa_cpu_ms_per_turn"))
    row("rasa_peak_rss_mb", "Rasa server peak resident memory", "MB",
        stock.get("rasa_peak_rss_mb"), ours.get("rasa_peak_rss_mb"))
    row("action_server_peak_rss_mb", "action server peak resident memory", "MB", None,
        ours.get("action_server", {}).get("peak_rss_mb"))
    row("action_server_start_s", "action server start to /health", "s", None,
        ours.get("action_server", {}).get("start_s"))
    row("action_import_s", "import rasa_sdk + actions (fresh interpreter)", "s", None,
        ours.get("action_server", {}).get("import", {}).get("total_s"))
    row("training_cold_s", "training, cold (empty cache)", "s",
        stock.get("training", {}).get("cold_s"), ours.get("training", {}).get("cold_s"))
    row("training_nlu_change_s", "training after a one-line NLU change", "s",
        stock.get("training", {}).get("nlu_change_s"), ours.get("training", {}).get("nlu_change_s"))
    row("model_size_mb", "model size on disk (the served model)", "MB",
        stock.get("model_mb"), ours.get("model_mb"))
    return rows


def check_targets(figures: List[Dict]) -> List[Dict]:
    by_key = {f["key"]: f for f in figures}
    checks = []
    for key, limit, what in RATIO_TARGETS:
        value = by_key.get(key, {}).get("ratio")
        checks.append({"target": f"{what}: ours/stock <= {limit}", "figure": key, "value": value, "limit": limit,
                       "kind": "ratio", "status": "SKIP" if value is None else ("PASS" if value <= limit else "MISS")})
    for key, limit, unit, what in ABSOLUTE_TARGETS:
        value = by_key.get(key, {}).get("ours")
        status = "SKIP" if value is None else ("PASS" if value < limit else "MISS")
        checks.append({"target": f"{what} < {limit} {unit}", "figure": key, "value": value, "limit": limit,
                       "kind": "absolute", "status": status})
    return checks


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.{digits}f}"
    return str(value)


def print_table(figures: List[Dict], checks: List[Dict]) -> None:
    width = max(len(f"{f['label']} ({f['unit']})") for f in figures)
    print(f"\n{'figure':<{width}}  {'stock':>9}  {'ours':>9}  {'ours/stock':>10}")
    print("-" * (width + 34))
    for f in figures:
        print(f"{f['label'] + ' (' + f['unit'] + ')':<{width}}  {fmt(f['stock']):>9}  {fmt(f['ours']):>9}  "
              f"{fmt(f['ratio']):>10}")
    print("\ntargets")
    for check in checks:
        shown = fmt(check["value"]) if check["kind"] == "absolute" else f"ratio {fmt(check['value'])}"
        print(f"  {check['status']:<4}  {check['target']:<62}  {shown}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="small numbers for development: 40 turns, 5 s per concurrency level, 1 cold start, "
                             "no training")
    parser.add_argument("--turns", type=int, default=200, help="sequential turns per kind (default 200)")
    parser.add_argument("--block", type=int, default=50,
                        help="sequential turns per bot before the other takes its turn (default 50)")
    parser.add_argument("--duration", type=float, default=30, help="seconds per concurrency level (default 30)")
    parser.add_argument("--concurrency", default="1,8,32", help="concurrent conversations (default 1,8,32)")
    parser.add_argument("--cold-starts", type=int, default=3,
                        help="cold starts per bot, interleaved stock/ours; the median counts (default 3)")
    parser.add_argument("--skip-training", action="store_true", help="leave out the training-time figures")
    parser.add_argument("--rebuild-stock", action="store_true", help="rebuild the cached stock bot")
    parser.add_argument("--action-server", choices=sorted(ACTION_SERVER_COMMANDS), default="sdk",
                        help="how to start the action server: 'python -m rasa_sdk' as the project does (default), "
                             "or 'rasa run actions' (bench/README.md, finding 3)")
    parser.add_argument("--ours-project", metavar="DIR",
                        help="bench a copy of this project instead (e.g. one with a proposed change; see "
                             "bench/README.md); it needs its own models/model.tar.gz")
    args = parser.parse_args(argv)
    args.concurrency = [int(c) for c in str(args.concurrency).split(",") if c.strip()]
    if args.quick:
        args.turns, args.duration, args.cold_starts, args.skip_training = 40, 5.0, 1, True
    if args.cold_starts < 1 or args.turns < 1 or args.block < 1 or args.duration <= 0 or not args.concurrency:
        parser.error("--cold-starts, --turns, --block, --duration and --concurrency must be positive")
    # Only a run with the full numbers, on this project as it starts its servers, replaces latest.json.
    full = parser.parse_args([])
    args.partial = bool(
        args.quick or args.skip_training or args.ours_project or args.action_server != full.action_server
        or (args.turns, args.block, args.duration, args.cold_starts) != (full.turns, full.block, full.duration,
                                                                         full.cold_starts)
        or args.concurrency != [1, 8, 32]
    )
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    ours_project = Path(args.ours_project).resolve() if args.ours_project else PROJECT
    ours_model = ours_project / MODEL.relative_to(PROJECT)
    if not ours_model.exists():
        print(f"{ours_model} is missing: run `make train` first", file=sys.stderr)
        return 1
    began = time.perf_counter()
    stages = 1 + (0 if args.skip_training else 4) + 1 + 2 * args.cold_starts + 1 + 2 * len(args.concurrency)
    progress = Progress(stages)
    load_before = os.getloadavg()
    run: Dict = {"stock": {}, "ours": {}}

    marker = ensure_stock_bot(progress, args.rebuild_stock)
    stock_model = STOCK_PROJECT / marker["model"]
    if not args.skip_training:
        run["stock"]["training"] = measure_training(
            "stock", STOCK_PROJECT, ["config.yml", "domain.yml", "data"], "data/nlu.yml", progress, "stock")
        run["ours"]["training"] = measure_training(
            "ours", ours_project, ["config.yml", "domain.yml", "data", "addons", "actions"], "data/nlu/smalltalk.yml",
            progress, "ours")
    run["stock"]["model_mb"] = round(stock_model.stat().st_size / MB, 2)
    run["ours"]["model_mb"] = round(ours_model.stat().st_size / MB, 2)

    progress.begin("ours: action server import time and start")
    imports = action_import_seconds(ours_project)
    memory = MemoryWatch()
    scratch = Path(tempfile.mkdtemp(prefix="bench-run-"))
    action_server, actions_port, action_start = start_action_server_timed(
        "bench-ours-actions", ours_project, args.action_server)
    memory.watch("actions", action_server.process.pid)
    progress.end(f"import {imports['total_s']:.2f} s (rasa_sdk {imports['rasa_sdk_s']:.2f} s), "
                 f"start to /health {action_start:.1f} s")
    stock = Bot("stock", "stock", stock_model, STOCK_PROJECT, STOCK_CREDENTIALS, STOCK_PROJECT / "endpoints.yml")
    ours = Bot("ours", "ours", ours_model, ours_project, ours_project / "credentials.yml",
               bench_endpoints(ours_project, scratch))
    colds: Dict[str, List[float]] = {"stock": [], "ours": []}
    serving: Dict[str, Serving] = {}
    try:
        # Cold starts, stock and ours interleaved, so that load from others hits both alike; the servers of the
        # last round stay up for the rest.
        for round_number in range(1, args.cold_starts + 1):
            last = round_number == args.cold_starts
            for bot in (stock, ours):
                progress.begin(f"{bot.label}: cold start {round_number}" + (", then serving" if last else ""))
                server, url, seconds = cold_start(bot, actions_port, f"bench-{bot.key}-rasa")
                colds[bot.key].append(seconds)
                if last:
                    memory.watch(f"{bot.key}_rasa", server.process.pid)
                    serving[bot.key] = Serving(bot, server, url,
                                               action_server.process.pid if bot is ours else None)
                else:
                    server.stop()
                progress.end(f"first answer after {seconds:.1f} s")
        measure_serving(serving, args, progress, run)
    finally:
        for key, target in serving.items():
            run[key]["rasa_peak_rss_mb"] = round(memory.unwatch(f"{key}_rasa"), 1)
            run[key]["rasa_processes"] = memory.processes.get(f"{key}_rasa")
            target.server.stop()
        action_peak = memory.unwatch("actions")
        action_server.stop()
        memory.close()
        shutil.rmtree(scratch, ignore_errors=True)
    for key in ("stock", "ours"):
        run[key]["cold_start_samples_s"] = [round(s, 2) for s in colds[key]]
        run[key]["cold_start_s"] = round(statistics.median(colds[key]), 2)
    run["ours"]["action_server"] = {"peak_rss_mb": round(action_peak, 1), "start_s": round(action_start, 2),
                                    "import": imports}

    figures = build_figures(run)
    checks = check_targets(figures)
    total = time.perf_counter() - began
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "partial": args.partial,
        "settings": {"turns": args.turns, "duration_s": args.duration, "concurrency": args.concurrency,
                     "cold_starts": args.cold_starts, "training": not args.skip_training,
                     "action_server": " ".join(Path(c).name for c in ACTION_SERVER_COMMANDS[args.action_server])},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "rasa": rasa_version(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "stock_bot": {"model": str(stock_model.relative_to(PROJECT)), "built": marker.get("built")},
        "ours_project": str(ours_project),
        "run_seconds": round(total, 1),
        "figures": figures,
        "targets": checks,
        "details": run,
    }
    print_table(figures, checks)
    errors = sum(v.get("errors", 0) for bot in run.values()
                 for group in ("latency", "concurrency") for v in bot.get(group, {}).values())
    if errors:
        print(f"\nWARNING: {errors} turns failed or went off script; see error_samples in the JSON.")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(result, indent=2) + "\n"
    if args.partial:
        out = RESULTS / f"{stamp}.tmp"
        out.write_text(text)
    else:
        out = RESULTS / f"{stamp}.json"
        out.write_text(text)
        (RESULTS / "latest.json").write_text(text)
    print(f"\nWritten to {out.relative_to(PROJECT)}{'' if args.partial else ' and bench/results/latest.json'}; "
          f"the whole run took {total / 60:.1f} min.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
