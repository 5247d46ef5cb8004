# The two commands: `make run` and `make test`. Both set up .venv (and the system libraries Qt needs) first; `make
# test` also builds the PyInstaller bundle and runs the frozen smoke test (again only when something it is built
# from changed: the package, build.spec, the pins).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUNDLE := dist/wethrive/wethrive
SMOKED := dist/.smoke-passed
# What the bundle is built from: a change to any of these rebuilds it (compiled files excluded: tests write them).
PACKAGE_FILES := $(shell find wethrive_desktop -type f -not -path '*/__pycache__/*' -not -name '*.pyc')

.PHONY: run test setup lint bench bundle bundle-smoke clean

# Every package at the exact version of constraints.txt (pyproject.toml has the ranges); `package` is PyInstaller.
$(STAMP): pyproject.toml constraints.txt scripts/system-deps.sh
	./scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,package]'
	touch $(STAMP)

setup: $(STAMP)

# Compiled first (quick when nothing changed), so even where PYTHONDONTWRITEBYTECODE is set the app starts from
# bytecode, as the installed bundle does, instead of compiling ~150 modules on every start.
run: $(STAMP)
	$(BIN)/python -m compileall -q wethrive_desktop
	$(BIN)/wethrive

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest
	$(MAKE) --no-print-directory bundle-smoke

# The one-folder app in dist/wethrive/ (README, "Building the bundle"); about 1.5 minutes on 2 cores.
$(BUNDLE): $(STAMP) build.spec $(PACKAGE_FILES) LICENSE $(wildcard data/icons/*)
	$(BIN)/pyinstaller --noconfirm --log-level WARN build.spec
	touch $@

bundle: $(BUNDLE)

# The frozen smoke test (scripts/smoke_bundle.py), about 30 s; its stamp keeps a rerun on the same bundle quick.
$(SMOKED): $(BUNDLE) scripts/smoke_bundle.py
	$(BIN)/python scripts/smoke_bundle.py dist/wethrive
	touch $@

bundle-smoke: $(SMOKED)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) build dist *.egg-info
