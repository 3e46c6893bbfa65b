"""`make scale-out` as a user runs it: started in a terminal of its own, chatted with through nginx, a Rasa server
killed, then Ctrl-C.

The command prints where each part listens; the test reads those lines, not the code. It runs a whole symptom
check through nginx and kills Rasa server 2 (its process group, SIGKILL) after the third answer: the check
goes on, on server 1, without an error. Ctrl-C goes to the command's process group, as a terminal sends it;
afterwards none of the processes it started (the stores, the servers, nginx and their children) is left, and
none of its ports answers.
"""

import os
import queue
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
import uuid

import pytest

from harness import load_test
from harness.bot_servers import PROJECT, free_port, wait_until
from harness.processes import alive, process_tree
from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import SELF_CARE_ANSWERS, FactSheet, run_interview

READY_LINE = "Ctrl-C stops all of it."
START_SECONDS = 600  # two Rasa servers and the action server load at once, on cores other jobs share
STOP_SECONDS = 120
KILL_AFTER = 3  # turns
LISTENS = re.compile(r"^(nginx, for every client|Rasa server \d+|action server|Web chat): (http://[^\s)]+)")
PID = re.compile(r"^Rasa server (\d+): \S+ \(pid (\d+)")


def answers(url: str) -> bool:
    """Whether something accepts connections on the URL's host and port."""
    host, port = url.split("//")[1].split("/")[0].rsplit(":", 1)
    with socket.socket() as sock:
        return sock.connect_ex((host, int(port))) == 0


def read_until_ready(command: subprocess.Popen, output: list[str]) -> None:
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in command.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + START_SECONDS
    while READY_LINE not in output:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail(f"make scale-out was not ready after {START_SECONDS} s:\n" + "\n".join(output))
        if line is None:
            pytest.fail("make scale-out ended before it was ready:\n" + "\n".join(output))
        output.append(line)


def test_make_scale_out_serves_through_nginx_survives_a_killed_server_and_stops_on_ctrl_c():
    env = {**os.environ, "RASA_PORT": str(free_port()), "WEB_PORT": str(free_port()), "SERVERS": "2"}
    command = subprocess.Popen(
        ["make", "--no-print-directory", "scale-out"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal of its own
    )
    output: list[str] = []
    started: set[int] = set()
    try:
        read_until_ready(command, output)
        started = process_tree(command.pid) - {command.pid}
        listening = {match.group(1): match.group(2) for line in output if (match := LISTENS.match(line))}
        pids = {int(match.group(1)): int(match.group(2)) for line in output if (match := PID.match(line))}
        assert set(pids) == {1, 2}, output
        nginx = listening["nginx, for every client"]
        with urllib.request.urlopen(listening["Web chat"], timeout=10) as page:
            assert page.status == 200

        turns = []

        def say(text: str) -> Reply:
            turns.append(text)
            if len(turns) == KILL_AFTER + 1:
                os.killpg(pids[2], signal.SIGKILL)  # Rasa server 2 and its workers, as a crash would
                # Gone once its port refuses: until then a message could still be queued on its socket, and
                # be lost with it (a turn in flight at the crash, test_kill_under_load.py's subject).
                wait_until(lambda: not answers(listening["Rasa server 2"]), 10, "the killed server's end")
            return Reply.of(send(nginx, sender, text, timeout=120))

        sender = f"make-scale-out-{uuid.uuid4().hex[:6]}"
        answers_sheet = FactSheet({**SELF_CARE_ANSWERS, "body_part": "my calf"})
        interview = run_interview(say, load_test.OPENING, answers_sheet)
        assert len(turns) > KILL_AFTER + 1, turns
        assert interview.result and interview.result.get("level") == load_test.EXPECTED_LEVEL, interview
        assert not alive(pids[2])
    finally:
        if command.poll() is None:
            os.killpg(command.pid, signal.SIGINT)  # Ctrl-C
        try:
            command.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(command.pid, signal.SIGKILL)
            command.wait()
            pytest.fail(f"make scale-out had not stopped {STOP_SECONDS} s after Ctrl-C")
    left = sorted(pid for pid in started if alive(pid))
    assert not left, f"processes left after Ctrl-C: {left}"
    still = [url for url in listening.values() if answers(url)]
    assert not still, f"still answering after Ctrl-C: {still}"
