# Quick start: `make run` opens the app, `make test` runs every test.
# Both create .venv when it is missing and install what the project needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench bench-quick clean venv translations

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[gui,dev]"
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(PY) -m tlstudio

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -ra

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

bench-quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py --quick

# Refresh the translation sources (resources/i18n/*.ts, opened in Qt Linguist: pyside6-linguist);
# `pyside6-lrelease resources/i18n/tlstudio_pt_BR.ts` then makes the .qm file the app loads.
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate tlstudio/gui/*.py -ts resources/i18n/tlstudio_pt_BR.ts

clean:
	rm -rf $(VENV) build dist .pytest_cache
