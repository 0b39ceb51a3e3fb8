# Two commands: `make run` serves the app, `make test` runs everything CI runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

# The first Chromium found: $CHROMIUM, then the usual system names.
CHROMIUM ?= $(firstword $(wildcard $(shell command -v chromium chromium-browser google-chrome 2>/dev/null) /usr/bin/chromium))
export CHROMIUM

.PHONY: run test lint format bench screenshots browser axe clean cluster

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(PY) -m streamlit run app.py

# No system Chromium: fall back to Playwright's own download (needs an open network).
browser: $(VENV)/.installed-dev
	@if [ -n "$(CHROMIUM)" ]; then echo "Chromium: $(CHROMIUM)"; \
	else echo "No system Chromium; installing Playwright's."; $(PY) -m playwright install chromium; fi

# axe-core for the accessibility browser test, from the npm registry into tests/e2e/node_modules
# (git-ignored), at the version pinned in tests/e2e/package-lock.json.
AXE := tests/e2e/node_modules/axe-core/axe.min.js

$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	npm ci --prefix tests/e2e --no-audit --no-fund
	touch $@

axe: $(AXE)

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

test: lint browser axe
	$(PY) -m pytest

bench: $(VENV)/.installed-dev browser
	$(PY) -m bench

# PostgreSQL, two app replicas and nginx on free local ports, in a temporary folder; Ctrl-C ends it.
cluster: $(VENV)/.installed
	$(PY) -m deploy.cluster $(CLUSTER_ARGS)

screenshots: browser
	$(PY) -m tests.e2e.screenshots docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/e2e/node_modules
