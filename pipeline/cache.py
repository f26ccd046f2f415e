"""The cache: what a rerun trusts without reading the file or the folder again.

A document whose file, pipeline version and settings are unchanged since the last run is
``skipped``: its earlier manifest row and corpus record stand. :class:`SourceIndex` keeps
each source's hash under its size and modification time (and the stamp of the folder made
from it), so that a rerun over thousands of unchanged PDFs reads none of them;
:func:`cached_outcome` decides, reading a folder back only when its stamp changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.discovery import Input
from pipeline.manifest import WRITTEN, Recorded, corpus_record, folder_stamp, read_folder
from pipeline.settings import Settings
from pipeline.source import describe_source
from pipeline.version import __version__
from pipeline.workers import Outcome, empty_row, warning_columns
from pipeline.write import write_text_atomically

SOURCE_INDEX = ".sources.json"
"""The hash cache, a hidden file in ``clean/`` (a file, not a folder: ``clean/``'s folders are documents)."""


def settings_key(settings: Settings) -> str:
    """A short fingerprint of the pipeline version and the settings a folder was made with."""
    record = json.dumps({"version": __version__, "settings": settings.as_dict()}, sort_keys=True)
    return hashlib.sha256(record.encode("utf-8")).hexdigest()[:16]


class SourceIndex:
    """SHA-256 and kind of each source, keyed by its size and modification time, and the
    stamp of the output folder last made from it.

    A rerun over thousands of unchanged PDFs should not read them all again: a file whose
    size and ``mtime_ns`` match the record keeps its hash; any difference means hashing. Nor
    should it read their output folders: a folder whose :func:`~pipeline.manifest.folder_stamp`
    is the one recorded, made with the same version and settings, still has the manifest row
    and corpus record it had. Kept in ``clean/.sources.json``; a missing or damaged index
    only costs time.
    """

    def __init__(self, clean: Path) -> None:
        self.path = clean / SOURCE_INDEX
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        if not isinstance(entries, dict):
            entries = {}
        # entries of an older layout (lists) are dropped: their files are hashed once more
        self.entries: dict[str, dict[str, Any]] = {path: entry for path, entry in entries.items() if isinstance(entry, dict)}
        self.changed = len(self.entries) != len(entries)

    def trusted(self, item: Input) -> dict[str, Any] | None:
        """The input's entry when its size and time are unchanged (no hashing), else ``None``."""
        entry = self.entries.get(item.shown_path)
        if entry is None:
            return None
        try:
            stat = item.path.stat()
        except OSError:
            return None
        return entry if (entry["size"], entry["mtime"]) == (stat.st_size, stat.st_mtime_ns) else None

    def lookup(self, item: Input) -> tuple[str, str]:
        """``(sha256, kind)`` of the input, hashing it only when it changed since last seen."""
        entry = self.trusted(item)
        if entry is not None:
            return entry["sha256"], entry["kind"]
        stat = item.path.stat()
        source = describe_source(item.path, item.shown_path)
        self.entries[item.shown_path] = {"size": stat.st_size, "mtime": stat.st_mtime_ns, "sha256": source.sha256, "kind": source.kind}
        self.changed = True
        return source.sha256, source.kind

    def remember(self, item: Input, stat: os.stat_result | None, row: dict[str, str], output: list[Any] | None = None) -> None:
        """Keep a hash a worker computed, under the size and time seen before it started (a
        file changed meanwhile has another time, so it is hashed again next time), and the
        stamp of the folder made from it (``None``: it has none)."""
        if stat is not None and row.get("sha256"):
            self.entries[item.shown_path] = {"size": stat.st_size, "mtime": stat.st_mtime_ns, "sha256": row["sha256"], "kind": row["kind"]}
            self.changed = True
        self.remember_output(item, output)

    def remember_output(self, item: Input, output: list[Any] | None) -> None:
        self.remember_folder(item.shown_path, output)

    def remember_folder(self, shown_path: str, output: list[Any] | None) -> None:
        """Record the stamp of the folder made from the input at ``shown_path``."""
        entry = self.entries.get(shown_path)
        if entry is not None and entry.get("output") != output:
            if output is None:
                entry.pop("output", None)
            else:
                entry["output"] = output
            self.changed = True

    def save(self, keep: set[str]) -> None:
        entries = {path: entry for path, entry in sorted(self.entries.items()) if path in keep}
        if self.changed or entries != self.entries:
            write_text_atomically(self.path, json.dumps(entries, separators=(",", ":")) + "\n")
            self.entries, self.changed = entries, False


@dataclass(frozen=True)
class Cache:
    """What deciding that a document is unchanged needs: the earlier record and hashes, and
    the version and settings of this run."""

    clean: Path
    settings: dict[str, Any]
    key: str
    hashes: SourceIndex
    recorded: Recorded


def cached_outcome(item: Input, cache: Cache) -> Outcome | None:
    """The outcome of an earlier run, when the file, the version and the settings are unchanged."""
    folder = cache.clean / item.doc_id
    return unchanged_outcome(item, cache, folder) or verified_outcome(item, cache, folder)


def unchanged_outcome(item: Input, cache: Cache, folder: Path) -> Outcome | None:
    """The earlier row and record as they stand, without reading the folder or the file:
    the file's size and time, the folder's stamp and the settings are all as recorded."""
    entry = cache.hashes.trusted(item)
    if entry is None or entry.get("output") != [cache.key, *(folder_stamp(folder) or [])]:
        return None
    row, record = cache.recorded.rows.get(item.doc_id), cache.recorded.records.get(item.doc_id)
    if row is None or record is None or row["status"] not in WRITTEN or row["source"] != item.shown_path or row["sha256"] != entry["sha256"]:
        return None
    return Outcome(row=dict(row, status="skipped", error="", seconds="0.000"), corpus_record=record)


def verified_outcome(item: Input, cache: Cache, folder: Path) -> Outcome | None:
    """The outcome read back from the folder, when its version, settings and source hash
    are this run's; the folder's stamp is then recorded for the next rerun."""
    stamp = folder_stamp(folder)
    found = read_folder(folder)
    if found is None or stamp is None:
        return None
    document, text = found
    if document.get("pipeline", {}).get("version") != __version__ or document["pipeline"].get("settings") != cache.settings:
        return None
    if document["source"].get("path") != item.shown_path:
        return None
    sha256, kind = cache.hashes.lookup(item)
    if document["source"].get("sha256") != sha256:
        return None
    cache.hashes.remember_output(item, [cache.key, *stamp])
    blocks, warnings = document["blocks"], document.get("warnings", [])
    row = empty_row(item)
    row.update(
        sha256=sha256, kind=kind, status="skipped",
        pages=str(document["metadata"].get("pages", "")), words=str(len(text.split())), blocks=str(len(blocks)),
        footnotes=str(len(document["footnotes"])), tables=str(sum(1 for b in blocks if b["type"] == "table")), seconds="0.000",
        warnings=str(len(warnings)), ocr_pages=str(document.get("stats", {}).get("ocr_pages", 0)),
        **warning_columns([(warning.get("kind", ""), warning.get("page")) for warning in warnings]),
    )
    return Outcome(row=row, corpus_record=corpus_record(document, text))
