#!/usr/bin/env bash
# Makes sure the given Debian packages are installed; installs the missing ones with apt-get.
# Usage: ops/ensure_packages.sh postgresql redis-server nginx
# Exits non-zero, naming the packages, when they are missing and cannot be installed (not root, no sudo, no apt).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 PACKAGE..." >&2
  exit 2
fi

missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

fail() {
  echo "ERROR: the Debian packages ${missing[*]} are required but not installed, and $1." >&2
  echo "Install them yourself, e.g.: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
}

if ! command -v apt-get >/dev/null 2>&1; then
  fail "apt-get is not available on this machine"
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "installing them needs root (run as root or with password-less sudo)"
fi

echo "Installing ${missing[*]} with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
# Another apt-get (a parallel test run, another user) may hold dpkg's lock: wait for it rather than fail.
wait_for_lock=(-o DPkg::Lock::Timeout=600)
"${as_root[@]}" apt-get "${wait_for_lock[@]}" update -qq || fail "'apt-get update' failed"
# --no-install-recommends keeps it small; policy-rc.d-less containers may print service warnings, which is fine:
# the tests start their own throwaway instances and never use the system services.
"${as_root[@]}" apt-get "${wait_for_lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" \
  || fail "'apt-get install' failed"
echo "Installed ${missing[*]}."
