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
