"""Ports for the servers that tests, evaluations and `make scale-out` start on this machine, and who listens on one.

Ports used to be picked by binding port 0 and closing the socket again. That gives a port of the kernel's ephemeral
range (/proc/sys/net/ipv4/ip_local_port_range, 32768-60999 by default), the range it also takes every other
program's port 0 and every outgoing connection's local port from, and the port is free only at that moment: a Rasa
server binds its port after loading the model, minutes later, and a store restarted under load binds its port again
after its outage. Two runs side by side (worktrees, clones, `make test`'s suites) could be handed the same port, and
a server that found its port taken exited while the other run's server answered in its place.

So `claim_port` takes a port from just below the ephemeral range, where the kernel hands out none by itself, and
claims it with an exclusive lock (flock) on a file of its own in CLAIMS, which this process holds until it exits (the
kernel drops the lock then, even after SIGKILL). A port whose file another process holds, or that anything uses at
the moment (listening, connected or lingering, on any address), is passed over.

`listening_pids` and `holder` read /proc to say which processes listen on a port, so that a server is taken as
started only when it is its own process that answers on its port (harness/bot_servers.py, `started`).
"""

import fcntl
import os
import random
import socket
import tempfile
from pathlib import Path

from harness.processes import process_tree

CLAIMS = Path(tempfile.gettempdir()) / "muscle-triage-ports"
SPAN = 10_000  # ports below the ephemeral range to choose from
_claimed: dict[int, int] = {}  # port -> the descriptor of its claim file, open (and locked) while this process runs


def ephemeral_range() -> tuple[int, int]:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999  # Linux's default


def unused(port: int) -> bool:
    """Whether nothing uses `port` now: a bind to every address without SO_REUSEADDR fails for a port in use on any
    address, connections and lingering ones (TIME_WAIT) included."""
    with socket.socket() as sock:
        try:
            sock.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def claim_port() -> int:
    """A port below the ephemeral range, unused now and claimed for this process until it exits."""
    low = ephemeral_range()[0]
    first = max(1024, low - SPAN)
    CLAIMS.mkdir(exist_ok=True)
    for port in random.sample(range(first, low), low - first):
        if port in _claimed:
            continue
        descriptor = os.open(CLAIMS / str(port), os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another process's
            os.close(descriptor)
            continue
        if unused(port):
            _claimed[port] = descriptor
            return port
        os.close(descriptor)  # drops the lock
    raise RuntimeError(f"no port between {first} and {low - 1} is free and unclaimed (claims: {CLAIMS})")


def _listening_inodes(port: int) -> set[str]:
    """The inodes of the TCP sockets listening on `port`, on any address (IPv4 and IPv6)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    return inodes


def listening_pids(port: int) -> set[int]:
    """The processes that hold a socket listening on `port` (all of them when run as root; else those this user
    may look into)."""
    sockets = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    found = set()
    if not sockets:
        return found
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            if any(os.readlink(fd) in sockets for fd in fd_dir.iterdir()):
                found.add(int(fd_dir.parent.name))
        except OSError:  # ended meanwhile, or not ours to read
            continue
    return found


def holder(port: int) -> str:
    """Who listens on `port`, for an error message: pids and command lines, or that nobody does."""
    pids = listening_pids(port)
    if not pids:
        return f"nothing listens on port {port}"
    described = []
    for pid in sorted(pids):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            command = "?"
        described.append(f"pid {pid} ({command[:160]})")
    return f"port {port} is held by " + ", ".join(described)


def listens_on(pid: int, port: int) -> bool:
    """Whether process `pid`, or a process below it, listens on `port`."""
    return bool(listening_pids(port) & process_tree(pid))
