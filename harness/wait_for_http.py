"""Waits until a URL answers 200, or exits 1 after the given number of seconds. Usage: URL SECONDS"""

import sys

from harness.bot_servers import http_ok, wait_until

if __name__ == "__main__":
    url, seconds = sys.argv[1], float(sys.argv[2])
    try:
        wait_until(lambda: http_ok(url), seconds, url)
    except TimeoutError as timeout:
        print(timeout, file=sys.stderr)
        sys.exit(1)
