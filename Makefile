# Quick start: `make run` opens the app, `make test` runs every test.
# Both create .venv when it is missing and install what the project needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench bench-quick clean venv translations translations-build package

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[gui,dev]"
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP) translations-build
	$(PY) -m tlstudio

test: $(STAMP) translations-build
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -ra -n 2 --dist loadfile

test-fast: $(STAMP) translations-build
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

bench-quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py --quick

# Refresh the translation sources (resources/i18n/*.ts: new strings come in unfinished, existing
# translations are kept); translate them in Qt Linguist (pyside6-linguist resources/i18n/tlstudio_pt_BR.ts).
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate tlstudio/gui/*.py -ts resources/i18n/tlstudio_pt_BR.ts

# Compile the translations into the .qm files the app loads (build outputs, not in git): run, test
# and the packaging build need them; remade whenever a .ts is newer (tlstudio.gui.i18n.build_translations).
QM_FILES := $(patsubst %.ts,%.qm,$(wildcard resources/i18n/tlstudio_*.ts))
translations-build: $(QM_FILES)

resources/i18n/%.qm: resources/i18n/%.ts | $(STAMP)
	$(PY) -m tlstudio.gui.i18n

# The desktop install for this OS (PyInstaller, packaging/tlstudio.spec): dist/tlstudio/.
# `dist/tlstudio/tlstudio --self-test` checks it (docs/development.md, "Desktop install").
package: $(STAMP)
	$(PY) packaging/build.py

clean:
	rm -rf $(VENV) build dist .pytest_cache resources/i18n/*.qm
