"""Waits until a URL answers 200, or exits 1 after the given number of seconds. Usage: URL SECONDS"""

import sys
import time
import urllib.request


def wait_for(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


if __name__ == "__main__":
    sys.exit(0 if wait_for(sys.argv[1], float(sys.argv[2])) else 1)
