"""Shared paths: ``../shared`` is read in place, relative to the repository root."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed"
CORPUS = SHARED / "corpus" / "real"


def require(path: Path) -> Path:
    """Skip the test with a clear reason when the shared folder is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is not checked out beside the repository")
    return path


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the corpus similarities measured in this run (tests/test_pdf_corpus.py)."""
    from tests.test_pdf_corpus import SIMILARITIES

    if SIMILARITIES:
        terminalreporter.section("word-sequence similarity to the upstream ground truths")
        for name, similarity in sorted(SIMILARITIES.items()):
            terminalreporter.write_line(f"{similarity:.3f}  {name}")
