"""`make shell` as a person runs it, in a pseudo-terminal: the first screen is the greeting and nothing else, the
server's output is in results/logs/, "forget me" works there too, "Was this helpful?" leaves typing alone, and after a
check "summary" gives the summary for a doctor as text.

The test starts `make shell` itself (action server, Rasa, the chat) on free ports, with the conversations in a
SQLite file of its own (ENDPOINTS=...), answers the terminal's cursor-position queries as a terminal would, and
stops everything at the end, also on failure.
"""

import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from harness.bot_servers import STORE_FILE, endpoints_with_store_in, free_port

PROJECT = Path(__file__).resolve().parents[2]
SHELL_LOG = PROJECT / "results" / "logs" / "shell.log"
COLUMNS, ROWS = 250, 60  # wide enough that no line of the greeting wraps
STARTUP = 300  # seconds: the first run loads TensorFlow and the model on a busy 2-core machine
REPLY = 60
CURSOR_POSITION_REQUEST = b"\x1b[6n"
DOWN, ENTER = "\x1b[B", "\r"
# What must never reach the person's screen.
NOISE = re.compile(r"warning|deprecat|\bINFO\b|\bDEBUG\b|traceback|tensorflow|sanic|cuda|\d{4}-\d\d-\d\d \d\d:", re.I)


def screen_text(raw: bytes) -> str:
    """The terminal output as text: cursor moves to the right become spaces, other control sequences go."""
    text = raw.decode("utf-8", errors="replace")
    text = re.sub(r"\x1b\[(\d*)C", lambda match: " " * int(match.group(1) or 1), text)
    text = re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>()][0-9A-B]?", "", text)
    return text.replace("\r", "")


class Terminal:
    """A command in a pseudo-terminal of COLUMNS x ROWS; collects everything it prints."""

    def __init__(self, command, env):
        import fcntl
        import struct
        import termios

        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.process = subprocess.Popen(
            command, cwd=PROJECT, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.output = b""
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.output += data
            if CURSOR_POSITION_REQUEST in data:  # prompt_toolkit asks where the cursor is, as terminals answer
                os.write(self.master, b"\x1b[1;1R")

    def text(self) -> str:
        with self.lock:
            return screen_text(self.output)

    def wait_for(self, pattern: str, seconds: float, start: int = 0) -> str:
        """Waits until `pattern` (a regex) shows up after character `start` of the text; returns all the text."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            text = self.text()
            if re.search(pattern, text[start:]):
                time.sleep(0.5)  # let the rest of the screen arrive
                return self.text()
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        tail = SHELL_LOG.read_text(errors="replace")[-3000:] if SHELL_LOG.exists() else ""
        raise AssertionError(
            f"{pattern!r} did not show up within {seconds} s. Screen:\n{self.text()[-3000:]}\n"
            f"End of {SHELL_LOG}:\n{tail}"
        )

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


def senders(database: Path) -> dict:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id").fetchall())


@pytest.fixture
def shell(tmp_path):
    endpoints = endpoints_with_store_in(tmp_path)
    database = tmp_path / STORE_FILE
    # Someone else's conversation, already in the store; "forget me" in the shell must leave it alone.
    import asyncio

    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from addons.tracker_store import ForgettingSQLTrackerStore

    other = DialogueStateTracker("someone-else", slots=[])
    for event in (ActionExecuted("action_listen"), UserUttered("hello"), ActionExecuted("utter_greet")):
        other.update(event)
    asyncio.run(ForgettingSQLTrackerStore(dialect="sqlite", db=str(database)).save(other))

    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(ROWS),
        "RASA_PORT": str(free_port()),
        "ACTIONS_PORT": str(free_port()),
    }
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    terminal = Terminal(["make", "--no-print-directory", "shell", f"ENDPOINTS={endpoints}"], env)
    try:
        yield terminal, database
    finally:
        terminal.stop()


def test_shell_shows_the_chat_and_nothing_else(shell):
    terminal, database = shell
    log_size = SHELL_LOG.stat().st_size if SHELL_LOG.exists() else 0

    first = terminal.wait_for(r"Type out your own message", STARTUP)
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    noisy = [line for line in lines if NOISE.search(line)]
    assert not noisy, f"the first screen shows more than the chat: {noisy}"
    assert lines[0] == "Type a message and press Enter (/stop quits).", lines[:3]
    assert "Hi! I'm an automated assistant, not a doctor." in first
    assert "If you have difficulty breathing along with a muscle spasm, call your local emergency number now." in first
    assert "What causes muscle spasms?" in first  # the example questions, as a menu
    # The server's output went to the log instead.
    assert SHELL_LOG.stat().st_size > log_size
    assert "Rasa server is up and running" in SHELL_LOG.read_text(errors="replace")[log_size:]

    # "Forget me": leave the menu for the text prompt, ask, confirm with the first choice.
    terminal.type(DOWN * 4 + ENTER)
    terminal.wait_for(r"Your input ->", REPLY, start=len(first))
    mark = len(terminal.text())
    terminal.type("please delete my conversation" + ENTER)
    terminal.wait_for(r"Yes, delete it", REPLY, start=mark)
    mine = [sender for sender in senders(database) if sender != "someone-else"]
    assert len(mine) == 1, senders(database)
    mark = len(terminal.text())
    terminal.type(ENTER)
    terminal.wait_for(r"I've deleted this conversation", REPLY, start=mark)
    time.sleep(1)
    assert senders(database) == {"someone-else": 3}, "the shell conversation is still in the store"

    # "Was this helpful?" in the terminal is a question in words, followed by the ordinary text prompt.
    terminal.wait_for(r"Your input ->", REPLY, start=mark)
    mark = len(terminal.text())
    terminal.type("what is a muscle twitch?" + ENTER)
    after = terminal.wait_for(
        r"Was this helpful\? \(yes or no; or just carry on\)[\s\S]*Your input ->", REPLY, start=mark
    )[mark:]
    assert "Article section" in after
    assert "Type out your own message" not in after, "the feedback question opened a menu"
    terminal.type("/stop" + ENTER)
    terminal.process.wait(timeout=60)
    assert terminal.process.returncode == 0


# The check's questions in the terminal and their answers: a menu choice by its title, or words typed at the prompt.
CHECK_ANSWERS = [
    ("difficulty breathing", "No"),
    ("Which muscle or part of your body", "my eyelid"),
    ("What does it feel like", "A flicker or twitch under the skin"),
    ("How long does one episode", "a couple of minutes"),
    ("How much does it hurt", "No pain"),
    ("stay for a long time after", "No"),
    ("How often does it happen", "Now and then"),
    ("How long has this been going on", "Less than a week"),
    ("feel weak", "No"),
    ("look different", "No"),
    ("known nerve or muscle condition", "No"),
]
MENU_CHOICE = re.compile(r"(\d+): (.+?) \(/")
FREE_TEXT = "Type out your own message"


def answer_in_terminal(terminal: Terminal, screen: str, answer: str) -> None:
    """Picks `answer` from the menu on `screen` (rasa shell lists "1: Title (/payload)"), or types it: at the
    prompt, or after choosing the menu's last entry, "Type out your own message..."."""
    if FREE_TEXT not in screen:
        terminal.type(answer + ENTER)
        return
    menu = screen[screen.rindex("(Use arrow keys)") :] if "(Use arrow keys)" in screen else screen
    choices = {title.strip(): int(number) for number, title in MENU_CHOICE.findall(menu)}
    downs = choices[answer] - 1 if answer in choices else len(choices)
    mark = len(terminal.text())
    # One key at a time: the menu redraws after each, and keys sent in one burst can be lost while it does.
    for key in [DOWN] * downs + [ENTER]:
        terminal.type(key)
        time.sleep(0.3)
    if answer not in choices:
        terminal.wait_for(r"Your input ->", REPLY, start=mark)
        terminal.type(answer + ENTER)


def test_after_a_check_the_shell_gives_the_summary_for_a_doctor(shell):
    terminal, _ = shell
    first = terminal.wait_for(FREE_TEXT, STARTUP)
    terminal.type(DOWN * 4 + ENTER)
    terminal.wait_for(r"Your input ->", REPLY, start=len(first))
    mark = len(terminal.text())
    own_words = "my eyelid keeps flickering"
    terminal.type(own_words + ENTER)
    unanswered = dict(CHECK_ANSWERS)
    for _ in range(len(CHECK_ANSWERS) + 1):
        # Wait for a question not answered yet, drawn in full (its menu or prompt after it): the answered menu's own
        # redraws also hold FREE_TEXT, and keys sent before the next menu is up are lost on a busy machine.
        next_question = "|".join(re.escape(question) for question in unanswered)
        ready = rf"(?:{next_question})[\s\S]*(?:{FREE_TEXT}|Your input ->)|Was this helpful\?[\s\S]*Your input ->"
        screen = terminal.wait_for(ready, REPLY, start=mark)[mark:]
        if "Was this helpful?" in screen:
            break
        question = [question for question in unanswered if question in screen][-1]
        mark = len(terminal.text())
        answer_in_terminal(terminal, screen, unanswered.pop(question))
    else:
        raise AssertionError("the check never ended")
    assert "It sounds most like a muscle twitch" in screen
    assert "You can say “summary” for a summary of this check to take to your doctor." in screen

    mark = len(terminal.text())
    terminal.type("show me a summary for my doctor" + ENTER)
    shown = terminal.wait_for(r"Source: “Beyond The Contractions[^\n]*\n[\s\S]*Your input ->", REPLY, start=mark)[mark:]
    today = datetime.now(timezone.utc).date()
    assert f"Summary for your doctor, {today.day} {today:%B %Y}" in shown  # the date
    assert "Result: Self-care." in shown  # the level
    assert f"• Where: “{own_words}” → eyelid" in shown  # the person's own words, next to the reading
    assert "• How long one episode lasts: “a couple of minutes” → seconds to minutes" in shown
    reasons = [line for line in shown.splitlines() if line.startswith("• You ")]
    assert reasons and all(re.search(r"\(“[^”]+”\)", line) for line in reasons), reasons  # each with its section
    assert "Frequent and persistent contractions" in shown  # a warning sign to watch for
    assert "This is not a diagnosis: I'm an automated assistant, not a doctor." in shown
    terminal.type("/stop" + ENTER)
    terminal.process.wait(timeout=60)
    assert terminal.process.returncode == 0
