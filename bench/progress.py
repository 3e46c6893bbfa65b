"""The bench's progress display: one line per stage on stderr, live detail on a terminal."""

import sys
import threading
import time


class Progress:
    """One line per stage on stderr; on a terminal the current line also shows live detail."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.stage = ""
        self._stage_started = self.started
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
