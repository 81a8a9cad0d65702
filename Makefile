# Every target bootstraps .venv with nothing but python3 -m venv and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
# PyTorch's CPU build (the transformer cue tagger runs on the CPU). On this
# project's machines 2.13.0 is that build and lies on disk; on PyPI elsewhere
# a plain `torch` is a CUDA build of several GB.
TORCH ?= torch==2.13.0

.PHONY: demo test lint format eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q $(TORCH)
	$(BIN)/pip install -q -e '.[dev,corroboration,postgres,feeds,web,browser,spark,parquet,transformer]'
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

# Speed and memory (docs/performance.md): one article vs bare spaCy; the
# pipeline vs bare nlp.pipe and the runner with 1 and 2 processes; peak memory
# at two corpus sizes (scaled down here: the full size is
# `$(BIN)/python bench/bench_memory.py`, 1,000 vs 10,000 articles, about an hour);
# Spark local[1] vs local[2] (needs Java 17+); then, when ../shared is there,
# attribution beside textacy. Corpora are generated into temporary folders.
bench: $(STAMP)
	$(BIN)/python bench/bench_analyze.py
	$(BIN)/python bench/bench_throughput.py --articles 120
	$(BIN)/python bench/bench_memory.py --small 200 --large 2000
	@echo "full size: $(BIN)/python bench/bench_memory.py (1,000 vs 10,000 articles)"
	@if command -v java >/dev/null; then $(BIN)/python bench/bench_spark.py; \
	else echo "skipping the Spark benchmark: no java on PATH"; fi
	@if [ -d $(SHARED)/eval/polnear/dev ]; then \
		$(BIN)/pip install -q -e '.[bench]' && \
		$(BIN)/python bench/bench_textacy_quotes.py --data $(SHARED)/eval/polnear/dev; \
	else echo "skipping the textacy comparison: $(SHARED)/eval/polnear/dev not found"; fi

clean:
	rm -rf $(VENV) demo.db .pytest_cache .ruff_cache build src/*.egg-info
