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
	$(BIN)/pip install -q -e '.[dev,corroboration,postgres,feeds,web,browser,spark,parquet]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	$(BIN)/claimgraph ingest examples/corpus --db demo.db
	$(BIN)/claimgraph summary --db demo.db

test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

format: $(STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

# Quality on the public dev sets in ../shared/eval (see docs/evaluation.md).
eval: $(STAMP)
	$(BIN)/claimgraph eval attribution --data $(SHARED)/eval/polnear/dev
	$(BIN)/claimgraph eval plover --data $(SHARED)/eval/plover_gsr/PLOVER_GSR_dev.json
	$(BIN)/claimgraph eval factuality --data $(SHARED)/eval/factuality
	$(BIN)/claimgraph eval time --data $(SHARED)/eval/tempeval3
	$(BIN)/claimgraph eval geo --data $(SHARED)/eval/geo/lgl/lgl.xml
	$(BIN)/claimgraph eval geo --data $(SHARED)/eval/geo/gwn/GWN.xml
	$(BIN)/claimgraph eval coref --data $(SHARED)/eval/ecbplus
	$(BIN)/claimgraph eval ecb-events --data $(SHARED)/eval/ecbplus

# Speed vs bare spaCy; then, when ../shared is there, attribution beside textacy.
bench: $(STAMP)
	$(BIN)/python bench/bench_analyze.py
	@if [ -d $(SHARED)/eval/polnear/dev ]; then \
		$(BIN)/pip install -q -e '.[bench]' && \
		$(BIN)/python bench/bench_textacy_quotes.py --data $(SHARED)/eval/polnear/dev; \
	else echo "skipping the textacy comparison: $(SHARED)/eval/polnear/dev not found"; fi

clean:
	rm -rf $(VENV) demo.db .pytest_cache .ruff_cache build src/*.egg-info
