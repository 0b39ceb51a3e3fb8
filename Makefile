# Two commands: `make run` serves the app, `make test` runs everything CI runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

# The first Chromium found: $CHROMIUM, then the usual system names.
CHROMIUM ?= $(firstword $(wildcard $(shell command -v chromium chromium-browser google-chrome 2>/dev/null) /usr/bin/chromium))
export CHROMIUM

.PHONY: run test lint format bench screenshots browser axe clean cluster mutate

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

# Mutation testing of the domain (followup/, not followup/ui/), outside `make test`: every module, or one
# with `make mutate MODULE=spreadsheet`. Mutants run against the fast unit tests listed under
# [tool.mutmut] in pyproject.toml; results stay in mutants/ (`.venv/bin/mutmut show NAME` shows one).
MODULE ?=
MUTATE_JOBS ?= 2
MUTATE_MODULES := $(if $(MODULE),$(MODULE),$(filter-out __init__,$(basename $(notdir $(wildcard followup/*.py)))))

mutate: $(VENV)/.installed-dev
	@mkdir -p mutants; for module in $(MUTATE_MODULES); do \
		echo "== followup/$$module.py"; \
		$(VENV)/bin/mutmut run --max-children $(MUTATE_JOBS) "followup.$$module.*" > mutants/run-$$module.log 2>&1 \
			|| echo "(no mutants or a failed run: see mutants/run-$$module.log)"; \
	done
	$(PY) -m tools.mutation_score --survivors $(MUTATE_MODULES)

screenshots: browser
	$(PY) -m tests.e2e.screenshots docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/e2e/node_modules mutants
