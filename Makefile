# kb: the verbs people expect. Every target creates .venv on first use.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: install run worker serve migrate import test test-sqlite test-postgres lint migrations-check eval bench loadtest background calibrate screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "kb needs $(PYTHON) (set PYTHON=... to use another)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

import: migrate
	$(PY) manage.py import_rst fixtures/

# Serves kb with the shipped knowledge on http://$(HOST), with one job worker beside it
# (stopped with the server). Without CELERY_BROKER_URL both use the embedded queue under var/.
# While it serves, var/serving-host holds HOST: `manage.py match` prints its links there
# (kb/match_command.py served_url; --base-url and KB_BASE_URL still win).
# Ctrl-C, or SIGTERM to make or to its shell, stops both: the server runs in the background
# and the shell waits for it, since a shell runs its trap only once its foreground command
# has ended (a new user's trial, 2026-12-07: `kill` left the server and the worker running);
# without the autoreloader, whose child process a signal to its parent leaves behind.
# The worker runs one job at a time in its own process (--pool solo): a signal to the whole
# group (SIGTERM to make's process group, as two trials stopped it) found a pool child of its
# own and the worker logged `ERROR ... ForkPoolWorker-1 exited with 'signal 15 (SIGTERM)'` on an
# orderly stop. A stop asked for (Ctrl-C, SIGTERM) is no failure: make exits 0, not "Error 143".
run: import
	$(PY) manage.py collectstatic --noinput --verbosity 0
	printf '%s\n' '$(HOST)' > var/serving-host
	$(PY) -m celery -A kb.celery worker --loglevel WARNING --pool solo & worker=$$!; \
	$(PY) manage.py runserver --noreload $(HOST) & server=$$!; \
	trap 'kill $$server $$worker 2>/dev/null; wait $$server $$worker 2>/dev/null; rm -f var/serving-host' EXIT; \
	trap 'exit 0' INT TERM; \
	wait $$server

# A job worker (README "Big logs, bundles and jobs"); run several, on several machines, with
# CELERY_BROKER_URL and DATABASE_URL shared. WORKER_CONCURRENCY processes each (default: cores).
WORKER_CONCURRENCY ?=
worker: migrate
	$(PY) -m celery -A kb.celery worker --loglevel INFO $(if $(WORKER_CONCURRENCY),--concurrency $(WORKER_CONCURRENCY))

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .

migrations-check: install
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run

eval: install
	$(PY) -m tests.eval.run_eval

# Derive where word evidence becomes confident (kb/matching/scoring.py's module doc)
calibrate: install
	$(PY) -m tests.eval.calibrate

# The background table of word commonness in ordinary logs (kb/matching/background.py)
background: install
	$(PY) -m kb.matching.background kb/matching/background.json tests/data/background/*

bench: install
	$(PY) -m tests.bench.bench_all

# Load and faults (README "Load and fault tests"): gunicorn on PostgreSQL driven by wrk, then a
# PostgreSQL restart under traffic. Needs wrk and a local PostgreSQL; recreates the database kb_load.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kb_load
LOAD_WORKERS ?= 2
LOAD_DURATION ?= 30
LOAD_CONNECTIONS ?= 50
loadtest: install
	$(PY) -m tests.load.loadtest --database-url $(LOAD_DATABASE_URL) --workers $(LOAD_WORKERS) \
		--duration $(LOAD_DURATION) --connections $(LOAD_CONNECTIONS)

# The README's screenshots, taken from a running kb (make run in another terminal; KB_URL=... otherwise).
screenshots: install
	$(PY) docs/screenshots/take.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
