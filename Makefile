# Two commands for a fresh clone: `make run` and `make test`. Each makes the virtual
# environment it needs in .venv (once) and installs the package into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench clean-output ocr-engine

$(BIN)/pipeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dask]'
	touch $@

run: $(BIN)/pipeline ocr-engine
	$(BIN)/pipeline run raw clean

test: $(BIN)/pipeline ocr-engine
	$(BIN)/python -m pytest

# Tesseract and its language data (Debian packages) read scanned pages; without them a
# scan fails with "no text layer" and the OCR tests skip, so a failed install only warns.
ocr-engine:
	@bash scripts/install-ocr.sh || echo "warning: Tesseract not installed; scanned pages will not be read" >&2

bench: $(BIN)/pipeline
	$(BIN)/python benchmarks/bench_text.py

clean-output:
	rm -rf clean/*/ clean/manifest.csv clean/corpus.jsonl
