#!/usr/bin/env bash
# Runs a command with the action server up beside it, and stops the action server when the command ends
# (normally, with an error, or on Ctrl-C). Usage: ops/with_action_server.sh COMMAND [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ACTIONS_PORT:=5055}"
BIN=.venv/bin
LOG=results/logs/action_server.log
mkdir -p results/logs
# rasa_sdk directly: the same action server as `rasa run actions`, without importing all of Rasa first.
"$BIN/python" -m rasa_sdk --port "$ACTIONS_PORT" --actions actions >"$LOG" 2>&1 &
ACTION_SERVER_PID=$!
trap 'kill "$ACTION_SERVER_PID" 2>/dev/null || true; wait "$ACTION_SERVER_PID" 2>/dev/null || true' EXIT INT TERM

"$BIN/python" -m harness.wait_for_http "http://localhost:${ACTIONS_PORT}/health" 90 \
  || { echo "The action server did not start; see $LOG" >&2; tail -n 20 "$LOG" >&2; exit 1; }
"$@"
