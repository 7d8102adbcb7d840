# Two commands on a fresh machine (Python 3.11, pip, apt):
#   make demo   build the graph of the documents in data/ into output/
#   make test   run the test suite (installs Chromium, a CJK font and Virtuoso through apt if missing)
#   make check  lint (ruff) and type-check (mypy)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo check test browser virtuoso clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(INSTALLED)

demo: $(INSTALLED)
	$(BIN)/skillgraph build data/documents --out output

check: $(INSTALLED)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wqy || scripts/install-browser.sh

virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || scripts/install-virtuoso.sh

test: $(INSTALLED) browser virtuoso
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build *.egg-info
