# Two commands for a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

# The embedded default: SQLite, no broker (tasks run in-process), mail to the console.
RUN_ENV := DEBUG=false SESSION_COOKIE_SECURE=false ALLOWED_HOSTS=127.0.0.1,localhost \
	SECRET_KEY="$$(cat .local-secret-key)"
TEST_ENV := DEBUG=false SECRET_KEY=test-only-secret-key ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
	DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: run test deps system-packages venv check pytest bench messages clean-db

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

system-packages:
	./scripts/install-system-packages

deps: system-packages venv

.local-secret-key:
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: deps .local-secret-key
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(MANAGE) load_reference
	$(RUN_ENV) $(MANAGE) load_demo
	@echo "Portal: http://127.0.0.1:8000  (demo users in README.md)"
	$(RUN_ENV) $(VENV)/bin/gunicorn portal.wsgi --bind 127.0.0.1:8000 --workers 2 --threads 4 --timeout 180 \
		--access-logfile -

check: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(TEST_ENV) $(VENV)/bin/mypy
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

# The suite runs on one process per core (pytest-xdist), each with a test database of its own; the tests of
# one file stay on one process, so data a module builds once is built once. PYTEST_ARGS="-n0 ..." runs in one.
PYTEST_PARALLEL ?= --numprocesses auto --dist loadfile

pytest: venv
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

test: deps check pytest

bench: deps
	$(TEST_ENV) $(PY) -m benchmarks $(BENCH_ARGS)

messages: venv
	$(TEST_ENV) $(MANAGE) makemessages --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "staticfiles/*" \
		--ignore "tests/*" --ignore "benchmarks/*" --ignore "media/*"
	$(TEST_ENV) $(MANAGE) compilemessages --locale en --ignore ".venv/*"

clean-db:
	rm -f db.sqlite3
