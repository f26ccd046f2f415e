"""An input file as the batch sees it before reading it: its id, its kind and its hash.

Kept apart from :mod:`pipeline.process` so that a rerun with nothing to do (every document
skipped) loads none of the stages.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.model import Source

NON_ID_CHARS = re.compile(r"[^a-z0-9]+")
"""``Brief 2017 (final)`` → ``brief-2017-final-``: the standard ``re`` module, not ``regex``,
which a rerun that skips everything would otherwise import for this one pattern."""


def document_id(name: str) -> str:
    """The contract's id: the name lowercased, each run outside ``[a-z0-9]`` as one ``-``.

    >>> document_id("Brief 2017 (final).PDF".rsplit(".", 1)[0])
    'brief-2017-final-'
    """
    return NON_ID_CHARS.sub("-", name.lower())


def file_kind(path: Path) -> str:
    """``pdf`` for PDFs (by name, or by their ``%PDF`` signature), else ``text``."""
    if path.suffix.lower() == ".pdf":
        return "pdf"
    with path.open("rb") as handle:
        return "pdf" if handle.read(5) == b"%PDF-" else "text"


def describe_source(path: Path, shown_path: str | None = None) -> Source:
    """The source record: path as shown, SHA-256 and size (the file is hashed in chunks)."""
    from pipeline.model import Source  # here: a rerun that hashes nothing never loads the model

    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return Source(path=shown_path or str(path), sha256=digest.hexdigest(), kind=file_kind(path), bytes=size)  # type: ignore[arg-type]
