"""Many documents: discovery, ids, the cache, worker processes, atomic output, manifest.

The stages know nothing of this module. A worker turns one file into the contents of its
output folder (or a one-line error); only the batch writes to ``clean/``, so each folder
appears whole or not at all, and ``manifest.csv`` and ``corpus.jsonl`` are rewritten whole
at the end, always in agreement with the folders.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from pipeline import __version__
from pipeline.errors import DocumentError
from pipeline.process import describe_source, document_id, process
from pipeline.settings import Settings
from pipeline.write import document_files, write_files, write_text_atomically

INPUT_SUFFIXES = (".pdf", ".txt", ".text")
MANIFEST_COLUMNS = ["id", "source", "sha256", "kind", "status", "error", "pages", "words", "blocks", "footnotes", "tables", "seconds"]


@dataclass(frozen=True)
class Input:
    path: Path
    doc_id: str
    shown_path: str
    """The path relative to the raw folder's parent: ``raw/x.pdf``."""


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a manifest row, and the folder's files when it is new."""

    row: dict[str, str]
    files: dict[str, str] | None = None
    corpus_record: str | None = None


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    footnotes: int = 0
    tables: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        return (
            f"{self.counts['ok']} ok, {self.counts['skipped']} skipped, {self.counts['failed']} failed; "
            f"{self.pages} pages, {self.footnotes} footnotes, {self.tables} tables in {self.seconds:.1f} s ({rate:.1f} pages/s)"
        )


def discover(raw: Path, only: str | None = None) -> list[Input]:
    """Every PDF and text export under ``raw``, with its contract id.

    Two inputs that would share an id (``a.pdf`` and ``a.txt``) each take their path
    relative to ``raw``, extension included, as the id instead (``a-pdf``, ``a-txt``).
    """
    paths = sorted(
        p for p in raw.rglob("*")
        if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(raw).parts)
    )
    if only:
        paths = [p for p in paths if fnmatch(p.name, only) or fnmatch(str(p.relative_to(raw)), only)]
    ids = Counter(document_id(p.stem) for p in paths)
    inputs = []
    for path in paths:
        relative = path.relative_to(raw)
        doc_id = document_id(path.stem)
        if ids[doc_id] > 1:
            doc_id = document_id(relative.as_posix())
        inputs.append(Input(path=path, doc_id=doc_id, shown_path=(Path(raw.name) / relative).as_posix()))
    return inputs


def process_input(item: Input, settings: Settings) -> Outcome:
    """Turn one input into its outcome; never raises for a bad document."""
    started = time.perf_counter()
    row = {column: "" for column in MANIFEST_COLUMNS}
    row.update(id=item.doc_id, source=item.shown_path)
    try:
        source = describe_source(item.path, item.shown_path)
        row.update(sha256=source.sha256, kind=source.kind)
        document = process(item.path, settings, doc_id=item.doc_id, shown_path=item.shown_path)
        files = dict(document_files(document))
    except DocumentError as error:
        row.update(status="failed", error=one_line(str(error)), seconds=f"{time.perf_counter() - started:.3f}")
        return Outcome(row=row)
    except Exception as error:  # a bug or a pathological file: report it, keep the batch going
        row.update(status="failed", error=one_line(f"{type(error).__name__}: {error}"), seconds=f"{time.perf_counter() - started:.3f}")
        return Outcome(row=row)
    row.update(
        status="ok", pages=str(document.metadata.get("pages", "")), words=str(len(document.text.split())),
        blocks=str(len(document.blocks)), footnotes=str(len(document.footnotes)), tables=str(len(document.tables)),
        seconds=f"{time.perf_counter() - started:.3f}",
    )
    record = corpus_record(json.loads(files["document.json"]), files["text.txt"])
    return Outcome(row=row, files=files, corpus_record=record)


def one_line(message: str) -> str:
    return " ".join(message.split())[:300] or "unknown error"


def corpus_record(document: dict, text: str) -> str:
    return json.dumps({"id": document["id"], "text": text, "source": document["source"], "metadata": document["metadata"]}, ensure_ascii=False)


def cached_outcome(item: Input, clean: Path, settings: Settings) -> Outcome | None:
    """The outcome of an earlier run, when the file, the version and the settings are unchanged."""
    folder = clean / item.doc_id
    try:
        document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
        text = (folder / "text.txt").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    if document.get("pipeline", {}).get("version") != __version__ or document["pipeline"].get("settings") != settings.as_dict():
        return None
    if document["source"].get("path") != item.shown_path:
        return None
    source = describe_source(item.path, item.shown_path)
    if document["source"].get("sha256") != source.sha256:
        return None
    blocks = document["blocks"]
    row = {column: "" for column in MANIFEST_COLUMNS}
    row.update(
        id=item.doc_id, source=item.shown_path, sha256=source.sha256, kind=source.kind, status="skipped",
        pages=str(document["metadata"].get("pages", "")), words=str(len(text.split())), blocks=str(len(blocks)),
        footnotes=str(len(document["footnotes"])), tables=str(sum(1 for b in blocks if b["type"] == "table")), seconds="0.000",
    )
    return Outcome(row=row, corpus_record=corpus_record(document, text))


def run_batch(
    raw: Path, clean: Path, settings: Settings | None = None, *, jobs: int = 1, force: bool = False,
    only: str | None = None, report: Callable[[Outcome], None] | None = None,
) -> tuple[list[dict[str, str]], Summary]:
    """Process every input under ``raw`` into ``clean``; return the manifest rows and a summary."""
    settings = settings or Settings()
    if not raw.is_dir():
        raise ValueError(f"raw folder not found: {raw}")
    started = time.perf_counter()
    inputs = discover(raw, only)
    clean.mkdir(parents=True, exist_ok=True)
    outcomes: dict[str, Outcome] = {}
    todo = []
    for item in inputs:
        cached = None if force else cached_outcome(item, clean, settings)
        if cached is not None:
            outcomes[item.doc_id] = cached
            if report:
                report(cached)
        else:
            todo.append(item)
    for item, outcome in run_all(todo, settings, jobs):
        if outcome.files is not None:
            write_files(outcome.files.items(), clean / item.doc_id)
        else:
            shutil.rmtree(clean / item.doc_id, ignore_errors=True)
        outcomes[item.doc_id] = outcome
        if report:
            report(outcome)
    rows = [outcomes[item.doc_id].row for item in inputs]
    if not only:
        remove_stale_folders(clean, {item.doc_id for item in inputs})
    write_batch_files(clean, [outcomes[item.doc_id] for item in inputs], only is not None)
    summary = Summary(seconds=time.perf_counter() - started)
    for row in rows:
        summary.counts[row["status"]] += 1
        if row["status"] != "failed":
            summary.pages += int(row["pages"] or 0)
            summary.footnotes += int(row["footnotes"] or 0)
            summary.tables += int(row["tables"] or 0)
    return rows, summary


def run_all(todo: list[Input], settings: Settings, jobs: int) -> Iterator[tuple[Input, Outcome]]:
    """Process inputs in worker processes (or in this one for ``jobs == 1``), in input order."""
    if jobs <= 1 or len(todo) <= 1:
        for item in todo:
            yield item, process_input(item, settings)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(process_input, item, settings) for item in todo]
        for item, future in zip(todo, futures):
            yield item, future.result()


def remove_stale_folders(clean: Path, ids: set[str]) -> None:
    """Remove output folders of inputs that are gone, and leftovers of interrupted writes."""
    for entry in clean.iterdir():
        if not entry.is_dir():
            continue
        if entry.name.startswith((".tmp-", ".old-")) or (not entry.name.startswith(".") and entry.name not in ids and (entry / "document.json").exists()):
            shutil.rmtree(entry, ignore_errors=True)


def write_batch_files(clean: Path, outcomes: list[Outcome], partial: bool) -> None:
    """Rewrite ``manifest.csv`` and ``corpus.jsonl`` whole (merged with the old ones for ``--only``)."""
    rows = [outcome.row for outcome in outcomes]
    records = {outcome.row["id"]: outcome.corpus_record for outcome in outcomes if outcome.corpus_record}
    if partial:
        rows, records = merge_previous(clean, rows, records)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text_atomically(clean / "manifest.csv", buffer.getvalue())
    lines = [records[row["id"]] for row in rows if row["id"] in records]
    write_text_atomically(clean / "corpus.jsonl", "".join(line + "\n" for line in lines))


def merge_previous(clean: Path, rows: list[dict[str, str]], records: dict[str, str]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Keep the rows and records of documents that ``--only`` left out of this run."""
    done = {row["id"] for row in rows}
    try:
        with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
            previous = [row for row in csv.DictReader(handle) if row["id"] not in done]
        for line in (clean / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
            record_id = json.loads(line)["id"]
            if record_id not in done:
                records[record_id] = line
    except (OSError, ValueError, KeyError):
        previous = []
    merged = sorted(previous + rows, key=lambda row: row["source"])
    return merged, records


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
