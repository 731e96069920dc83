# Set-up is part of every target: a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint typecheck clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/corpus run docs/pipeline.toml
	$(BIN)/corpus report out/ -o out/report.html
	@echo "clean corpus, manifest, audit files and report.html in out/"

# Two processes (pytest-xdist): the suite in about half the time of one; `.venv/bin/pytest FILE` runs one file alone.
test: $(STAMP)
	$(BIN)/pytest -n 2

BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# 10,000 and 100,000 articles; `make bench BENCH_ARGS=--full` adds the 1,000,000 run.
bench: $(BENCH_STAMP)
	$(BIN)/corpus bench $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check corpus_tools cli tests

typecheck: $(STAMP)
	$(BIN)/mypy corpus_tools

clean:
	rm -rf $(VENV) out bench-out build *.egg-info
