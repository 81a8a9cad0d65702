# Every target bootstraps .venv with nothing but python3 -m venv and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint format eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	$(BIN)/claimgraph ingest examples/corpus --db demo.db
	$(BIN)/claimgraph summary --db demo.db

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Quality on the public dev sets in ../shared/eval (see docs/evaluation.md).
eval: $(STAMP)
	$(BIN)/claimgraph eval attribution --data $(SHARED)/eval/polnear/dev
	$(BIN)/claimgraph eval plover --data $(SHARED)/eval/plover_gsr/PLOVER_GSR_dev.json

bench: $(STAMP)
	$(BIN)/python bench/bench_analyze.py

clean:
	rm -rf $(VENV) demo.db .pytest_cache .ruff_cache build src/*.egg-info
