# Two commands do everything on a fresh machine (see README.md):
#   make demo   - set up .venv, build the example corpus into out/demo.db, print the timeline
#                 and write out/timeline.html
#   make test   - set up .venv and web/node_modules, then lint, type-check and run the test
#                 suite (what CI runs)
#   make web    - rebuild the web page's assets (web/ -> src/dateline/serve/static) with npm
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo test bench web clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

setup: $(BIN)/.installed

# web/node_modules, for TimelineJS (a devDependency): tests/test_timelinejs.py loads our
# TimelineJS export into it. npm ci writes its hidden lockfile last; newer than the lock, the
# install is current.
NODE_MODULES = web/node_modules/.package-lock.json
$(NODE_MODULES): web/package-lock.json
	npm ci --prefix web --no-audit --no-fund
	touch $@

demo: setup
	$(BIN)/dateline demo

test: setup $(NODE_MODULES)
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/mypy
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/ingest_speed.py

# The built assets are committed: only who changes web/ needs Node.js and npm.
web:
	cd web && npm ci && npm run build

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
