#!/usr/bin/env bash
# Finds the Chromium that the browser tests (tests/e2e) drive and prints its path; installs Debian's chromium
# package with apt-get when it is missing and this runs as root. CHROMIUM=/path/to/chromium overrides the search.
# Playwright's own browser download is not used (it cannot be fetched here).
set -euo pipefail

find_chromium() {
  local candidate
  for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if find_chromium; then exit 0; fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package for the browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another apt-get (the scale-out packages, another user) may hold dpkg's lock: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >&2
  if find_chromium; then exit 0; fi
fi

echo "Chromium is missing: install Debian's 'chromium' package (as root: apt-get install -y chromium)," >&2
echo "or set CHROMIUM to a Chromium binary, then run 'make test-e2e' again." >&2
exit 1
