# Two commands for a new user: `make shell` (set up, train if needed, chat) and `make test` (set up, check everything).
SHELL := /bin/bash
.DEFAULT_GOAL := shell

PYTHON310 := $(shell command -v python3.10 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/model.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)

export RASA_PORT ?= 5005
export ACTIONS_PORT ?= 5055
export WEB_PORT ?= 8000
# rasa shell gives up on a reply after 10 s by default; the first reply loads the model.
export RASA_SHELL_STREAM_READING_TIMEOUT_IN_SECONDS ?= 120
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONHASHSEED := 0
# The endpoints (tracker store) of `make shell` and `make purge-conversations`.
ENDPOINTS ?= endpoints.yml

.PHONY: setup train shell run web test validate pytest test-stories test-nlu test-triage test-reliability test-e2e test-scale-out test-shell lock clean purge-conversations

$(VENV)/.installed: requirements.lock
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 is required (Rasa 3.6 supports 3.8-3.10) but 'python3.10' was not found."; \
	  echo "Install it, e.g. 'pyenv install 3.10.13' (the .python-version file selects it), then run make again."; \
	  exit 1; fi
	$(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check pip==24.0
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

setup: $(VENV)/.installed

# Retrains only when the training data, domain or config changed.
$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(BIN)/rasa train --fixed-model-name model --out models
	touch $@

train: $(MODEL)

# The chat and nothing else: server output goes to results/logs/ (scripts/shell.py).
shell: $(MODEL)
	@scripts/with_action_server.sh $(BIN)/python scripts/shell.py --model $(MODEL) --port $(RASA_PORT) \
	  --endpoints $(ENDPOINTS) \
	  || { echo "The chat stopped with an error; the end of results/logs/shell.log:"; tail -n 20 results/logs/shell.log; exit 1; }

run: $(MODEL)
	@echo "REST channel: http://localhost:$(RASA_PORT)/webhooks/rest/webhook (action server on :$(ACTIONS_PORT)); Ctrl-C stops both."
	scripts/with_action_server.sh $(BIN)/rasa run --model $(MODEL) --port $(RASA_PORT) --credentials credentials.yml --endpoints endpoints.yml

# The web chat's widget (rasa-webchat, web/package-lock.json): `npm ci` again whenever the lock file changes.
WEB_DEPS := web/node_modules/.installed
$(WEB_DEPS): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is required for the web chat (Debian: apt-get install -y npm)."; exit 1; }
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The web chat on http://localhost:$(WEB_PORT): Rasa (REST + socketio), the action server and web/; Ctrl-C stops all.
# WEB_ORIGIN (default: this page's own origin) lists the pages Rasa accepts the chat from.
web: $(MODEL) $(WEB_DEPS)
	$(BIN)/python scripts/run_web.py

validate: setup
	$(BIN)/rasa data validate --fail-on-warnings

# Tests that start servers run from their own targets: test-reliability, test-e2e, test-shell, test-scale-out.
pytest: $(MODEL)
	$(BIN)/python -m pytest --ignore=tests/e2e --ignore=tests/scale_out --ignore=tests/reliability --ignore=tests/shell

test-stories: $(MODEL)
	$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out results/stories

test-nlu: $(MODEL)
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu_holdout.yml --out results/nlu
	$(BIN)/python scripts/check_nlu_results.py results/nlu/intent_report.json --min-macro-f1 0.95

test-triage: $(MODEL)
	$(BIN)/python scripts/evaluate_triage.py --vignettes tests/triage_vignettes.yml

# Bad input, restarts, a dead action server and the HTTP API's token, against real servers on free ports.
test-reliability: $(MODEL)
	$(BIN)/python -m pytest tests/reliability

# Browser tests of the web chat: headless Debian Chromium, driven by Playwright; servers on free ports.
test-e2e: $(MODEL) $(WEB_DEPS)
	scripts/ensure_chromium.sh >/dev/null
	$(BIN)/python -m pytest tests/e2e

# `make shell` itself in a pseudo-terminal: the first screen, "forget me" and the feedback question there.
test-shell: $(MODEL)
	$(BIN)/python -m pytest tests/shell

# Two Rasa servers sharing throwaway PostgreSQL + Redis servers (README, "Deployment"); installs both if missing.
test-scale-out: $(MODEL)
	scripts/ensure_packages.sh postgresql redis-server
	$(BIN)/python -m pytest tests/scale_out

test: validate train pytest test-stories test-nlu test-triage test-reliability test-e2e test-shell test-scale-out
	@echo "All checks passed."

# Our bot against the stock `rasa init` bot (built once into bench/.stock), side by side in one run, ~11 min;
# not part of `make test`. Table and PASS/MISS per target on stdout, JSON in bench/results (bench/README.md).
# BENCH_ARGS passes options, e.g. `make bench BENCH_ARGS=--quick` for small numbers.
.PHONY: bench
bench: $(MODEL)
	$(BIN)/python bench/run_bench.py $(BENCH_ARGS)

# Deletes the conversations with no activity for RETENTION_DAYS days (default 30) from the tracker store of
# ENDPOINTS (endpoints.scale-out.yml with its POSTGRES_* variables for PostgreSQL). README, "Retention".
RETENTION_DAYS ?= 30
purge-conversations: setup
	$(BIN)/python scripts/purge_conversations.py --days $(RETENTION_DAYS) --endpoints $(ENDPOINTS)

# Regenerates the full lock from requirements.in in a throwaway venv.
lock:
	rm -rf /tmp/lock-venv && $(PYTHON310) -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install --quiet pip==24.0 && /tmp/lock-venv/bin/pip install --quiet -r requirements.in
	(echo "# Generated by 'make lock' from requirements.in on Python 3.10; install with 'make setup'."; \
	  /tmp/lock-venv/bin/pip freeze) > requirements.lock

clean:
	rm -rf models results .rasa
