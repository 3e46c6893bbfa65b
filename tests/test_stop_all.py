"""harness/scale_out_servers.py's stop_all: the Sanic workers of a server killed with SIGKILL go too, and a process
group is only killed while the killed server's zombie still holds its id."""

import os
import signal
import subprocess
import sys
import time

from harness.processes import alive
from harness.scale_out_servers import killed_and_not_reaped, stop_all

# A stand-in Rasa server with one worker in its process group: prints the worker's pid, then waits.
SERVER_WITH_A_WORKER = (
    "import subprocess, sys, time\n"
    "worker = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
    "print(worker.pid, flush=True)\n"
    "time.sleep(60)\n"
)


class StandIn:
    """What stop_all uses of a ManagedProcess."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER_WITH_A_WORKER], stdout=subprocess.PIPE, text=True, start_new_session=True
        )
        self.worker = int(self.process.stdout.readline())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()


def test_the_workers_of_a_server_killed_with_sigkill_go_with_it():
    server = StandIn()
    os.kill(server.process.pid, signal.SIGKILL)  # the server alone, as the OOM killer would
    os.waitid(os.P_PID, server.process.pid, os.WEXITED | os.WNOWAIT)  # until it is a zombie, not reaped
    assert killed_and_not_reaped(server.process) and alive(server.worker)
    stop_all([server])
    deadline = time.monotonic() + 10
    while alive(server.worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(server.worker)


def test_a_reaped_server_is_not_taken_for_killed_so_no_group_that_may_be_another_processes_is_killed():
    server = StandIn()
    try:
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)  # reaped: its pid is free for any new process
        assert not killed_and_not_reaped(server.process)
    finally:
        os.kill(server.worker, signal.SIGKILL)
        server.stop()
