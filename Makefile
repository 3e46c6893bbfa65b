# Two commands for a new user: `make shell` (set up, train if needed, chat) and `make test` (set up, check everything).
SHELL := /bin/bash
.DEFAULT_GOAL := shell

PYTHON310 := $(shell command -v python3.10 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/model.tar.gz
# The spelling step corrects the training examples too, so its code and its words are inputs of the model.
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) addons/spelling.py \
  muscle_triage/understanding/spelling.py muscle_triage/understanding/shorthand.py \
  muscle_triage/knowledge/vocabulary.py muscle_triage/knowledge/causes.py \
  muscle_triage/knowledge/article_facts.yml

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

help: ## list the targets, one line each
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z0-9-]+):.*## (.*)/  \1|\2/' | \
	  awk -F'|' '{ printf "%-18s %s\n", $$1, $$2 }'

.PHONY: help setup train shell run web test chromium scale-out-packages validate pytest lint vocabulary test-stories test-conversations test-nlu test-triage test-understanding test-safety test-personas test-reliability test-e2e test-shell test-scale-out scale-out report lock clean purge-conversations

# uv installs the lock about three times faster than pip (parallel downloads, parallel byte-compiling); --no-deps,
# since the lock already holds every package, pip, setuptools and wheel included. uv's own pin comes from the lock.
UV_PIN := $(shell grep -m1 '^uv==' requirements.lock)
export UV_LINK_MODE := copy

$(VENV)/.installed: requirements.lock pyproject.toml
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 is required (Rasa 3.6 supports 3.8-3.10) but 'python3.10' was not found."; \
	  echo "Install it, e.g. 'pyenv install 3.10.13' (the .python-version file selects it), then run make again."; \
	  exit 1; fi
	$(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check $(UV_PIN)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation --editable .
	$(BIN)/uv pip check --quiet --python $(BIN)/python
	touch $@

setup: $(VENV)/.installed ## create .venv from requirements.lock (python3.10)

# Retrains only when the training data, domain or config changed.
$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(BIN)/rasa train --fixed-model-name model --out models
	touch $@

train: $(MODEL) ## train models/model.tar.gz, only when data/, domain.yml or config.yml changed

# The chat and nothing else: server output goes to results/logs/ (ops/shell.py).
shell: $(MODEL) ## set up, train if needed, and chat in the terminal (the default)
	@ops/with_action_server.sh $(BIN)/python -m ops.shell --model $(MODEL) --port $(RASA_PORT) \
	  --endpoints $(ENDPOINTS) \
	  || { echo "The chat stopped with an error; the end of results/logs/shell.log:"; tail -n 20 results/logs/shell.log; exit 1; }

run: $(MODEL) ## serve the REST channel on :RASA_PORT and the action server on :ACTIONS_PORT
	@echo "REST channel: http://localhost:$(RASA_PORT)/webhooks/rest/webhook (action server on :$(ACTIONS_PORT)); Ctrl-C stops both."
	ops/with_action_server.sh $(BIN)/rasa run --model $(MODEL) --port $(RASA_PORT) --credentials credentials.yml --endpoints endpoints.yml

# The web chat's widget (rasa-webchat, web/package-lock.json): `npm ci` again whenever the lock file changes.
WEB_DEPS := web/node_modules/.installed
$(WEB_DEPS): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is required for the web chat (Debian: apt-get install -y npm)."; exit 1; }
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The web chat on http://localhost:$(WEB_PORT): Rasa (REST + socketio), the action server and web/; Ctrl-C stops all.
# WEB_ORIGIN (default: this page's own origin) lists the pages Rasa accepts the chat from.
web: $(MODEL) $(WEB_DEPS) ## the web chat on http://localhost:WEB_PORT, with its servers
	$(BIN)/python -m ops.run_web

validate: setup ## rasa data validate --fail-on-warnings
	$(BIN)/rasa data validate --fail-on-warnings

# Tests that start servers run from their own targets: test-reliability, test-e2e, test-shell, test-scale-out. The unit
# tests need the installed environment only, no trained model.
pytest: setup ## unit tests (no servers, no model)
	$(BIN)/python -m pytest --ignore=tests/e2e --ignore=tests/scale_out --ignore=tests/reliability --ignore=tests/shell

test-stories: $(MODEL) ## conversation test stories (rasa test core)
	$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out results/stories

# End-to-end conversation cases (tests/conversations/*.yml) over REST against the real bot on free ports: replies,
# triage results and stored slots; every failing step with a diff; JUnit XML in results/conversations.xml.
test-conversations: $(MODEL) ## conversation cases against the real bot and action server (replies, results, slots)
	$(BIN)/python -m harness.run_conversation_tests

test-nlu: $(MODEL) ## NLU held-out set; fails below intent macro-F1 0.95
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu_holdout.yml --out results/nlu
	$(BIN)/python -m evaluation.check_nlu_results results/nlu/intent_report.json --min-macro-f1 0.95

test-triage: $(MODEL) ## triage vignettes through the running bot over REST
	$(BIN)/python -m evaluation.evaluate_triage --vignettes tests/triage_vignettes.yml

# Phrasings written apart from data/ (tests/understanding/): article questions, and simulated people who answer
# the symptom check in their own words, three seeds, over REST; fails below the gates in the script.
test-understanding: $(MODEL) ## questions and simulated people written apart from the training data, over REST
	$(BIN)/python -m evaluation.evaluate_understanding

# Breathing trouble in any wording (tests/safety/, written apart from the project from the article and a brief) over
# REST: every report gets the emergency, no fine answer or question does, every misspelled symptom opening is read.
test-safety: $(MODEL) ## the safety sets: breathing trouble in any wording, over REST
	$(BIN)/python -m evaluation.evaluate_safety

# The persona sets (tests/understanding/personas/, written blind by seven personas) over REST. Issue 21's gates are
# not met yet: the floors below are the holdout's figures at the last change, a little lower for training noise, and
# rise as the bot improves; the script prints every target not met (evaluation/evaluate_personas.py, TARGETS).
# Holdout at the last change measured (2026-12-07, twelfth session): questions 0.939, two-part and follow-up 0.879,
# understood 0.955, exact level 0.984, under-triage 0, wrong passages 1.
PERSONA_FLOORS := --questions 0.93 --two-part-and-follow-up 0.86 --understood-first-time 0.94 --exact-level 0.95 \
  --under-triage 0 --wrong-passage-not-covered 1
test-personas: $(MODEL) ## the persona sets: questions of every kind and symptom checks, over REST
	$(BIN)/python -m evaluation.evaluate_personas $(PERSONA_FLOORS)

# Bad input, restarts, a dead action server, the HTTP API's token and a model that does not load, against real
# servers on free ports.
test-reliability: $(MODEL) ## bad input, restarts, a dead action server, the API token, a broken model
	$(BIN)/python -m pytest tests/reliability

# Browser tests of the web chat: headless Debian Chromium, driven by Playwright; servers on free ports. The printed
# summary for a doctor is read back with pdftotext (poppler-utils, installed by the test when missing).
test-e2e: $(MODEL) $(WEB_DEPS) chromium ## the web chat in headless Chromium
	$(BIN)/python -m pytest tests/e2e

# `make shell` itself in a pseudo-terminal: the first screen, "forget me", the feedback question, and the summary for
# a doctor after a whole check.
test-shell: $(MODEL) ## make shell in a pseudo-terminal
	$(BIN)/python -m pytest tests/shell

# The deployment of `make scale-out` (docs/deployment.md, "Starting it") with two Rasa servers on free ports, the web
# chat through nginx in headless Chromium, and `make scale-out` itself; installs the Debian packages if missing.
test-scale-out: $(MODEL) $(WEB_DEPS) chromium scale-out-packages ## two Rasa servers on PostgreSQL and Redis behind nginx: a server killed, the stores restarted, a flood; make scale-out
	$(BIN)/python -m pytest tests/scale_out

# The deployment that scales out, on this machine (docs/deployment.md, "Starting it"): PostgreSQL,
# Redis, the action server, SERVERS Rasa servers and nginx on :RASA_PORT, the web chat on :WEB_PORT; Ctrl-C stops
# all of it. Its settings: deploy/scale-out.env.
scale-out: $(MODEL) $(WEB_DEPS) ## SERVERS (2) Rasa servers on PostgreSQL and Redis behind nginx, and the web chat
	$(BIN)/python -m ops.scale_out

# Debian packages of the browser and scale-out tests, installed with apt-get when missing; one apt-get at a time.
chromium:
	ops/ensure_chromium.sh >/dev/null
scale-out-packages: | chromium
	ops/ensure_packages.sh postgresql redis-server nginx

# Every suite after training, two at a time: a suite mostly keeps one core busy (its Rasa server), and this machine
# has two, so the suites take about 11 minutes instead of 19. The longest go first, so that both lanes end close
# together. Each suite's output is printed whole when it ends, and every suite runs even when one fails, so that a
# run shows all its failures.
SUITES := test-understanding test-scale-out test-e2e test-reliability pytest test-conversations test-safety test-shell \
  test-personas test-triage test-nlu test-stories
test: lint validate train ## set up and run every check
	@started=$$(date +%s); \
	  $(MAKE) --no-print-directory --jobs=2 --output-sync=target --keep-going $(SUITES) \
	  || { echo "Some checks failed: see the FAILED lines above."; exit 1; }; \
	  echo "All checks passed; the suites took $$(( $$(date +%s) - started )) s."

# How real conversations go: the markers of markers.yml over the tracker store of ENDPOINTS (endpoints.yml: SQLite in
# var/; endpoints.scale-out.yml: PostgreSQL, with the POSTGRES_* and REDIS_* variables set). A table on stdout, and
# results/report/index.html with PNG charts. No sender ids; message text only with REPORT_ARGS=--with-text.
report: setup ## markers over the tracker store: summary table and results/report/ (ENDPOINTS=..., REPORT_ARGS=--with-text)
	$(BIN)/python -m ops.conversation_report --endpoints $(ENDPOINTS) $(REPORT_ARGS)

# Our bot against the stock `rasa init` bot (built once into bench/.stock), side by side in one run, ~11 min;
# not part of `make test`. Table and PASS/MISS per target on stdout, JSON in bench/results (bench/README.md).
# BENCH_ARGS passes options, e.g. `make bench BENCH_ARGS=--quick` for small numbers.
.PHONY: bench
bench: $(MODEL) ## our bot against the stock rasa init bot (~11 min; BENCH_ARGS=--quick ~2 min)
	$(BIN)/python -m bench.run_bench $(BENCH_ARGS)

# Scale figures side by side (docs/deployment.md, "Measuring throughput"): one Rasa server, two behind nginx, one with
# SANIC_WORKERS=2, each under the load script's 32 people, round after round; about 10 min, not part of `make test`.
# SCALE_ARGS passes options, e.g. `make scale-figures SCALE_ARGS="--rounds 5"`.
.PHONY: scale-figures
scale-figures: $(MODEL) scale-out-packages ## one Rasa server, two behind nginx, SANIC_WORKERS=2, side by side (~10 min)
	$(BIN)/python -m evaluation.scale_figures --json results/scale/figures.json $(SCALE_ARGS)

vocabulary: setup ## write the NLU lookup tables and synonyms from muscle_triage/knowledge/ (vocabulary, causes)
	$(BIN)/python -m ops.write_nlu_vocabulary

# Lint, format, types and layers: ruff over the whole repo (ruff.toml; `ruff check --fix` and `ruff format` repair
# most of it), mypy (strict on muscle_triage/, pyproject.toml) and the import contracts of .importlinter.
lint: setup ## ruff, mypy (strict on the core) and the import layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Deletes the conversations with no activity for RETENTION_DAYS days (default 30) from the tracker store of
# ENDPOINTS (endpoints.scale-out.yml with its POSTGRES_* and REDIS_* variables for PostgreSQL). docs/privacy.md, "Retention".
RETENTION_DAYS ?= 30
purge-conversations: setup ## delete conversations idle for RETENTION_DAYS days (default 30)
	$(BIN)/python -m ops.purge_conversations --days $(RETENTION_DAYS) --endpoints $(ENDPOINTS)

# Regenerates the full lock from requirements.in in a throwaway venv.
lock: ## regenerate requirements.lock from requirements.in
	rm -rf /tmp/lock-venv && $(PYTHON310) -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install --quiet pip==24.0 && /tmp/lock-venv/bin/pip install --quiet -r requirements.in
	(echo "# Generated by 'make lock' from requirements.in on Python 3.10; install with 'make setup'."; \
	  /tmp/lock-venv/bin/pip freeze --all) > requirements.lock

clean: ## remove models, results and Rasa's cache
	rm -rf models results .rasa
