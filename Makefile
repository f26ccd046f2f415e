# Two commands for a fresh clone: `make run` and `make test`. Each makes the virtual
# environment it needs in .venv (once) and installs the package into it. `make lint` runs
# ruff and mypy, as CI does before the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean-output browser ocr-engine

$(BIN)/pipeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dask,parquet,lint]'
	touch $@

run: $(BIN)/pipeline ocr-engine
	$(BIN)/pipeline run raw clean --report

# The report's tests drive a headless Chromium: Debian's, installed here when missing (as root).
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
		{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get update -qq && apt-get install -y -qq chromium; } || \
		echo "no chromium: the report's browser tests will be skipped"

# Tesseract and its language data (Debian packages) read scanned pages; without them a
# scan fails with "no text layer" and the OCR tests skip, so a failed install only warns.
ocr-engine:
	@bash scripts/install-ocr.sh || echo "warning: Tesseract not installed; scanned pages will not be read" >&2

test: $(BIN)/pipeline browser ocr-engine
	$(BIN)/python -m pytest

lint: $(BIN)/pipeline
	$(BIN)/ruff check pipeline tests benchmarks scripts
	$(BIN)/mypy

bench: $(BIN)/pipeline
	$(BIN)/python benchmarks/bench_text.py

clean-output:
	rm -rf clean/*/ clean/manifest.csv clean/corpus.jsonl clean/report
