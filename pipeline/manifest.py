"""The batch's record of its documents: ``manifest.csv``, ``corpus.jsonl`` and their journal.

``manifest.csv`` and ``corpus.jsonl`` are rewritten whole and atomically, now and then while a
batch runs and at its end: rewriting them after every document would cost a batch of n
documents n² work. In between, each document whose folder changes gets one line in
``CLEAN/.journal.jsonl``, appended and flushed *before* its new folder is put in place, with
the stamp of that folder (:func:`folder_stamp`). A line whose stamp the folder bears is done;
one whose stamp it does not bear was cut short by a kill, and the document's earlier row
still holds. Folders leave in the other order: the folder of a document that failed or whose
input is gone is removed only once a manifest without its row has been written.

So the three together say exactly what the folders hold at any instant, even after a
``kill -9``, and no row ever names a missing folder. :func:`read_manifest` reads them so, for
anyone who looks while a batch runs or after one was killed; the next batch folds the journal
in and removes it.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pipeline.write import publish_folder, remove_folder, write_text_atomically

MANIFEST_COLUMNS = [
    "id", "source", "sha256", "kind", "status", "error", "pages", "words", "blocks", "footnotes", "tables", "seconds", "warnings",
    "ocr_pages", "duplicate_of", "near_duplicate_of", "similarity", "failure", "repaired", "pages_lost",
]
MANIFEST = "manifest.csv"
CORPUS = "corpus.jsonl"
JOURNAL = ".journal.jsonl"
"""Hidden, like the hash index: ``clean/``'s folders are documents, its visible files the contract's."""
WRITTEN = ("ok", "skipped")
"""The statuses of documents that have a folder."""
CORPUS_ID_START = '{"id": "'


def corpus_record(document: dict[str, Any], text: str) -> str:
    """One line of ``corpus.jsonl``: id, text, source and metadata, in that order."""
    return json.dumps({"id": document["id"], "text": text, "source": document["source"], "metadata": document["metadata"]}, ensure_ascii=False)


def corpus_id(line: str) -> str:
    """The id of a corpus line, read off its start, where :func:`corpus_record` puts it: ids
    need no escaping (``[a-z0-9-]``), so a rerun need not parse every document's text.

    >>> corpus_id('{"id": "brief-01", "text": "Immigrants make us safer."}')
    'brief-01'
    """
    if line.startswith(CORPUS_ID_START):
        end = line.find('"', len(CORPUS_ID_START))
        if end > 0:
            return line[len(CORPUS_ID_START) : end]
    return str(json.loads(line)["id"])


def folder_stamp(folder: Path) -> list[int] | None:
    """Size and modification time (ns) of a folder's ``document.json`` and ``text.txt``;
    ``None`` when either is missing.

    Every write of a folder makes new files, so an unchanged stamp means the folder was not
    rewritten: the journal tells a folder that was put in place from one that was not by it,
    and a rerun trusts an unchanged folder without reading it.
    """
    stamp = []
    for name in ("document.json", "text.txt"):
        try:
            stat = (folder / name).stat()
        except OSError:
            return None
        stamp += [stat.st_size, stat.st_mtime_ns]
    return stamp


def read_folder(folder: Path) -> tuple[dict[str, Any], str] | None:
    """``document.json`` (parsed) and ``text.txt`` of an output folder; ``None`` when either
    is missing or damaged."""
    try:
        document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
        text = (folder / "text.txt").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    return document, text


def manifest_text(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def split_lines(text: str) -> list[str]:
    """Lines ended by ``\\n`` only: ``str.splitlines`` would also cut a corpus record at a
    U+2028 in its text, which ``json.dumps(ensure_ascii=False)`` leaves unescaped.

    >>> split_lines('{"text": "a\\u2028b"}\\n{"text": "c"}\\n')
    ['{"text": "a\\u2028b"}', '{"text": "c"}']
    """
    lines = text.split("\n")
    return lines[:-1] if lines and not lines[-1] else lines


@dataclass
class Recorded:
    """What ``manifest.csv``, ``corpus.jsonl`` and the journal say, by document id."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    records: dict[str, str] = field(default_factory=dict)
    manifest: str = ""
    """``manifest.csv`` as read or last written: an unchanged manifest is not rewritten."""
    corpus: list[str] = field(default_factory=list)
    """The lines of ``corpus.jsonl`` as read or last written, likewise."""


def read_recorded(clean: Path) -> Recorded:
    """The manifest and the corpus of ``clean``, with the journal of a killed batch folded in
    (empty when there are none, or they are damaged: that only costs a rerun time)."""
    recorded = Recorded()
    try:
        manifest = (clean / MANIFEST).read_text(encoding="utf-8")
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(manifest, newline=""))}
        corpus = split_lines((clean / CORPUS).read_text(encoding="utf-8"))
        records = {corpus_id(line): line for line in corpus}
    except (OSError, ValueError, KeyError):
        pass
    else:
        recorded = Recorded(rows=rows, records=records, manifest=manifest, corpus=corpus)
    for entry in read_journal(clean):
        fold_entry(recorded, clean, entry)
    return recorded


def read_journal(clean: Path) -> list[dict[str, Any]]:
    """The journal's entries in order; a line cut short by a kill is left out."""
    try:
        text = (clean / JOURNAL).read_text(encoding="utf-8")
    except OSError:
        return []
    entries = []
    for line in split_lines(text):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("row"), dict):
            entries.append(entry)
    return entries


def fold_entry(recorded: Recorded, clean: Path, entry: dict[str, Any]) -> None:
    """Apply one journal line: a failure always, a written document only when its folder
    bears the line's stamp (else the kill came before the folder was put in place)."""
    row = entry["row"]
    doc_id = row["id"]
    if row.get("status") not in WRITTEN:
        recorded.rows[doc_id] = row
        recorded.records.pop(doc_id, None)
        return
    if entry.get("stamp") is None or folder_stamp(clean / doc_id) != entry["stamp"]:
        return
    found = read_folder(clean / doc_id)
    if found is not None:
        recorded.rows[doc_id] = row
        recorded.records[doc_id] = corpus_record(*found)


def read_manifest(clean: Path) -> tuple[list[dict[str, str]], list[str]]:
    """The manifest rows and the ``corpus.jsonl`` lines as the folders under ``clean`` stand
    right now, in the manifest's order.

    The same as reading the two files after a batch has finished; while a batch runs, or
    after one was killed, the journal adds what the files do not say yet.
    """
    recorded = read_recorded(clean)
    rows = sorted(recorded.rows.values(), key=lambda row: row["source"])
    rows = [row for row in rows if row["status"] not in WRITTEN or (clean / row["id"] / "document.json").exists()]
    return rows, [recorded.records[row["id"]] for row in rows if row["id"] in recorded.records]


class Ledger:
    """``manifest.csv``, ``corpus.jsonl`` and the journal of one batch, kept in step with its
    folders: :meth:`publish` and :meth:`fail` as each document is done, :meth:`write` now and
    then and at the end."""

    def __init__(self, clean: Path) -> None:
        self.clean = clean
        self.recorded = read_recorded(clean)
        self.journal: IO[bytes] | None = None
        self.removals: list[str] = []

    def publish(self, doc_id: str, row: dict[str, str], staged: Path) -> list[int] | None:
        """Put a document's staged folder in place, its journal line first; return its stamp."""
        stamp = folder_stamp(staged)
        self.append(row, stamp)
        publish_folder(staged, self.clean / doc_id)
        return stamp

    def fail(self, doc_id: str, row: dict[str, str]) -> None:
        """Record a document that has no folder now; an old folder of it goes at the next write."""
        self.append(row, None)
        self.remove_later(doc_id)

    def remove_later(self, doc_id: str) -> None:
        """Remove the document's folder once a manifest without it is written."""
        self.removals.append(doc_id)

    def append(self, row: dict[str, str], stamp: list[int] | None) -> None:
        """Add one whole line to the journal, or none: a write cut short (a full disk) is
        cut back off, so that no torn line is left for the next line to run into. The
        journal is never opened through a link."""
        line = (json.dumps({"row": row, "stamp": stamp}, ensure_ascii=False) + "\n").encode("utf-8")
        if self.journal is None:
            descriptor = os.open(self.clean / JOURNAL, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
            self.journal = os.fdopen(descriptor, "ab", buffering=0)
        size = os.fstat(self.journal.fileno()).st_size
        try:
            written = self.journal.write(line)
            if written != len(line):
                raise OSError(errno.ENOSPC, "the journal line was cut short")
        except OSError:
            os.ftruncate(self.journal.fileno(), size)
            raise

    def write(self, rows: list[dict[str, str]], records: dict[str, str]) -> None:
        """Rewrite the manifest and the corpus (each only when it changed), empty the journal,
        then remove the folders they no longer list."""
        manifest = manifest_text(rows)
        if manifest != self.recorded.manifest:
            write_text_atomically(self.clean / MANIFEST, manifest)
            self.recorded.manifest = manifest
        corpus = [records[row["id"]] for row in rows if row["id"] in records]
        if corpus != self.recorded.corpus or not (self.clean / CORPUS).exists():
            write_text_atomically(self.clean / CORPUS, "".join(line + "\n" for line in corpus))
            self.recorded.corpus = corpus
        self.close()
        (self.clean / JOURNAL).unlink(missing_ok=True)
        listed = {row["id"] for row in rows if row["status"] in WRITTEN}
        for doc_id in self.removals:
            if doc_id not in listed:
                remove_folder(self.clean / doc_id)
        self.removals = []

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
            self.journal = None
