"""harness/ports.py: ports no other run is handed meanwhile, and a server taken as started only when it is its own
process that listens on its port."""

import fcntl
import socket
import subprocess
import sys
import textwrap

import pytest

from harness import ports
from harness.bot_servers import wait_until_serving

# A child process that claims ports as the harness does, taking the candidates in order (not at random), prints
# them and holds them until its stdin closes.
CLAIMING_CHILD = textwrap.dedent(
    """
    import random, sys
    from harness import ports
    random.sample = lambda population, k: list(population)
    print(" ".join(str(ports.claim_port()) for _ in range(3)), flush=True)
    sys.stdin.read()
    """
)
# A child process that listens on the port given as its argument until its stdin closes.
LISTENING_CHILD = textwrap.dedent(
    """
    import socket, sys
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", int(sys.argv[1])))
    server.listen()
    print("listening", flush=True)
    sys.stdin.read()
    """
)


def child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def end(process: subprocess.Popen) -> None:
    process.stdin.close()
    process.wait(timeout=10)


def test_a_claimed_port_is_below_the_ephemeral_range_unused_and_never_handed_out_twice():
    low = ports.ephemeral_range()[0]
    claimed = [ports.claim_port() for _ in range(20)]
    assert len(set(claimed)) == 20
    assert all(1024 <= port < low for port in claimed)
    assert all(ports.unused(port) for port in claimed)


def test_a_port_another_process_claimed_is_not_handed_out_until_that_process_ends(monkeypatch):
    monkeypatch.setattr(ports.random, "sample", lambda population, k: list(population))
    other = child(CLAIMING_CHILD)
    try:
        theirs = [int(port) for port in other.stdout.readline().split()]
        assert len(theirs) == 3, theirs
        mine = [ports.claim_port() for _ in range(3)]  # the same candidates, in the same order
        assert not set(mine) & set(theirs), (mine, theirs)
    finally:
        end(other)
    # Their claims end with them (flock), though nobody deleted a file.
    assert all(lockable(port) for port in theirs)


def lockable(port: int) -> bool:
    """Whether no process holds the claim on `port`."""
    with open(ports.CLAIMS / str(port)) as claim:
        try:
            fcntl.flock(claim, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
    return True


def test_the_port_is_the_servers_only_when_its_own_process_listens_there():
    port = ports.claim_port()
    stranger = child(LISTENING_CHILD, str(port))
    bystander = child("import sys; sys.stdin.read()")
    try:
        assert stranger.stdout.readline().strip() == "listening"
        assert ports.listens_on(stranger.pid, port)
        assert not ports.listens_on(bystander.pid, port)
        assert f"pid {stranger.pid}" in ports.holder(port)

        def answers() -> bool:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True

        # The bystander never listens, but the stranger answers on its port: the harness must not take that for it.
        with pytest.raises(RuntimeError, match=rf"is not what answers on port {port}: port {port} is held by pid"):
            wait_until_serving(bystander, port, answers, 5, "the bystander")
        wait_until_serving(stranger, port, answers, 5, "the stranger")
    finally:
        end(stranger)
        end(bystander)
    assert ports.holder(port) == f"nothing listens on port {port}"
