"""What a server's process tree costs: CPU time and peak resident memory, read from /proc (no psutil)."""

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from harness.processes import process_tree


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def cpu_seconds(root: int | None) -> float:
    """User + system CPU time used so far by a process tree (from /proc/<pid>/stat)."""
    if root is None:
        return 0.0
    total = 0
    for pid in process_tree(root):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
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
        self.roots: dict[str, int] = {}
        self.peaks: dict[str, int] = {}
        self.processes: dict[str, int] = {}
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


class CpuMeter:
    """CPU time the Rasa server (and the action server) spend per turn, summed over measuring windows. Steadier
    than latency on a busy machine: time spent waiting for a CPU that others use is not counted."""

    def __init__(self, rasa_pid: int, actions_pid: int | None):
        self.rasa_pid, self.actions_pid = rasa_pid, actions_pid
        self.rasa = self.actions = 0.0
        self.turns = 0

    @contextlib.contextmanager
    def window(self, log) -> Iterator[None]:
        """Counts the CPU time used while the block runs, and the turns `log` (a scenarios.TurnLog) gained."""
        rasa, actions, turns = cpu_seconds(self.rasa_pid), cpu_seconds(self.actions_pid), log.turns
        try:
            yield
        finally:
            self.rasa += cpu_seconds(self.rasa_pid) - rasa
            self.actions += cpu_seconds(self.actions_pid) - actions
            self.turns += log.turns - turns

    def per_turn(self) -> dict:
        if not self.turns:
            return {}
        figures = {"rasa_cpu_ms_per_turn": round(1000 * self.rasa / self.turns, 1)}
        if self.actions_pid is not None:
            figures["actions_cpu_ms_per_turn"] = round(1000 * self.actions / self.turns, 1)
        return figures
