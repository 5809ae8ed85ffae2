# 地方金融档案: `make run` serves the archive, `make test` proves it. Both set up
# everything they need (venv, packages, the embedded PostgreSQL) on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install install-dev run serve setup test lint format migrations-check pytest reset-db bench

help:
	@echo "make run    set up everything and serve on http://$(HOST):$(PORT)/"
	@echo "make test   lint, migration check and the test suite on real PostgreSQL"
	@echo "make bench  benchmark ingest and search against the peers (ITEMS=20000)"
	@echo "make lint | format | migrations-check | reset-db"

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required (set PYTHON=...)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

setup: install
	$(PY) manage.py setup_archive

run: setup serve

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

pytest: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint migrations-check pytest

# Deletes the embedded database's data folder (only when it is not in use).
reset-db:
	rm -rf .pgdata

# Ingest and search against icontains, pg_trgm, tantivy and the bare index, on a
# corpus of ITEMS generated items in .benchdata/ITEMS (reused when run again).
# The headline run is `make bench ITEMS=1000000` (hours). Niced: the box is shared.
ITEMS ?= 20000
bench: install-dev
	nice -n 10 $(PY) -m bench --items $(ITEMS) $(BENCH_ARGS)
