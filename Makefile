# Two commands for a fresh clone: `make run` and `make test`. Each makes the virtual
# environment it needs in .venv (once) and installs the package into it. `make lint` runs
# ruff and mypy, as CI does before the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean-output

$(BIN)/pipeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dask,parquet,lint]'
	touch $@

run: $(BIN)/pipeline
	$(BIN)/pipeline run raw clean

test: $(BIN)/pipeline
	$(BIN)/python -m pytest

lint: $(BIN)/pipeline
	$(BIN)/ruff check pipeline tests benchmarks scripts
	$(BIN)/mypy

bench: $(BIN)/pipeline
	$(BIN)/python benchmarks/bench_text.py

clean-output:
	rm -rf clean/*/ clean/manifest.csv clean/corpus.jsonl
