# Two commands for a fresh clone: `make run` and `make test`. Each makes the virtual
# environment it needs in .venv (once) and installs the package into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench clean-output

$(BIN)/pipeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dask]'
	touch $@

run: $(BIN)/pipeline
	$(BIN)/pipeline run raw clean

test: $(BIN)/pipeline
	$(BIN)/python -m pytest

bench: $(BIN)/pipeline
	$(BIN)/python benchmarks/bench_text.py

clean-output:
	rm -rf clean/*/ clean/manifest.csv clean/corpus.jsonl
