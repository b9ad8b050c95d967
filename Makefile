# Two commands for a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

# Where `make run` and `make serve` listen: PORT=8080 make run. Links in e-mail follow.
HOST ?= 127.0.0.1
PORT ?= 8000
SITE_URL ?= http://$(HOST):$(PORT)

# The embedded default: SQLite, no broker (tasks run in-process), mail to the console.
# Plain http on this machine: no redirect to https (production, behind a TLS proxy, keeps the default: on).
RUN_ENV := DEBUG=false SESSION_COOKIE_SECURE=false SECURE_SSL_REDIRECT=false ALLOWED_HOSTS=$(HOST),127.0.0.1,localhost \
	SITE_URL=$(SITE_URL) LOG_FORMAT=$${LOG_FORMAT:-text} SECRET_KEY="$$(cat .local-secret-key)"
# The production shape on this host (make serve): PostgreSQL and Redis here, unless the
# environment names others. Every value can be overridden by the environment.
SERVE_ENV := DEBUG=false SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-false} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-$(HOST),127.0.0.1,localhost} SITE_URL=$(SITE_URL) HOST=$(HOST) PORT=$(PORT) \
	DATABASE_URL=$${DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:5432/veerkracht} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .local-secret-key)}"
TEST_ENV := DEBUG=false SECRET_KEY=test-only-secret-key ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
	SECURE_SSL_REDIRECT=false \
	DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: run serve loadtest test deps run-deps system-packages venv runtime-venv check pytest bench messages clean-db lock

# Packages come from the lock files, every one pinned with its hashes (make lock renews them),
# installed by one pip per core (scripts/install-packages).
$(VENV)/.installed: requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	./scripts/step "Installing the development packages (requirements-dev.lock)" \
		./scripts/install-packages $(PY) requirements-dev.lock
	touch $@ $(VENV)/.installed-runtime

$(VENV)/.installed-runtime: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	./scripts/step "Installing the runtime packages (requirements.lock)" \
		./scripts/install-packages $(PY) requirements.lock
	touch $@

venv: $(VENV)/.installed

runtime-venv: $(VENV)/.installed-runtime

# Renew the lock files after a change to requirements.txt or requirements-dev.txt.
# LOCK_ARGS=--upgrade (or --upgrade-package NAME) also moves the unpinned dependencies on.
lock:
	test -x $(VENV)/bin/pip-compile || $(PY) -m pip install pip-tools==7.6.2
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links $(LOCK_ARGS) --output-file requirements.lock requirements.txt
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links $(LOCK_ARGS) --output-file requirements-dev.lock requirements-dev.txt
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links $(LOCK_ARGS) --output-file deploy/requirements-check.lock deploy/requirements-check.txt

system-packages:
	./scripts/install-system-packages

deps: system-packages venv

run-deps: system-packages runtime-venv

.local-secret-key:
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: run-deps .local-secret-key
	$(RUN_ENV) PY=$(PY) ./scripts/prepare --demo
	@echo "Portal: $(SITE_URL)  (demo users in README.md; Ctrl-C stops it)"
	$(RUN_ENV) $(VENV)/bin/gunicorn portal.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --timeout 180

# The production shape on this host: gunicorn, a Celery worker, Celery beat, PostgreSQL, Redis.
serve: run-deps .local-secret-key
	$(SERVE_ENV) VENV=$(VENV) PY=$(PY) ./scripts/serve

# The production shape under load (locust; see README.md, "Load test"), on a database of its own
# (veerkracht_loadtest, copied from a template every run) and port 8790. It stops by itself and
# stops what it started. LOADTEST_USERS=12 LOADTEST_DURATION=60s make loadtest for a short run.
LOADTEST_PORT ?= 8790
loadtest: venv .local-secret-key
	export DATABASE_URL=$${LOADTEST_DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:5432/veerkracht_loadtest} \
		CELERY_BROKER_URL=$${LOADTEST_BROKER_URL:-redis://127.0.0.1:6379/5}; \
	$(SERVE_ENV) PORT=$(LOADTEST_PORT) SITE_URL=http://127.0.0.1:$(LOADTEST_PORT) LOG_FORMAT=$${LOG_FORMAT:-text} \
		VENV=$(VENV) PY=$(PY) ./scripts/loadtest

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
