"""Many documents: discovery, ids, the cache, and the batch's one process that puts
folders in place.

The stages know nothing of this module. Workers (:mod:`pipeline.workers`) turn each file
into a staged folder or a failed row; only this process puts folders in place (whole, by a
rename) and keeps the manifest, the corpus and their journal (:mod:`pipeline.manifest`), so
that they always agree with the folders, even after a ``kill -9``. A rerun skips what is
unchanged without reading it.

Rows are in the order of the sources' paths, never in the order documents finish, so the
same inputs give the same ``corpus.jsonl`` whatever ``--jobs`` and however the run was
interrupted and resumed.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cache import Cache, SourceIndex, cached_outcome, settings_key
from pipeline.clean_folder import check_folders, drop_planted_links, lock_clean, unlink_links_on_the_way
from pipeline.discovery import Input, discover, recorded_ids
from pipeline.errors import BatchStopped
from pipeline.manifest import WRITTEN, Ledger, read_recorded
from pipeline.settings import CorpusSettings, Settings
from pipeline.source import document_id
from pipeline.version import __version__
from pipeline.workers import (
    Limits,
    Outcome,
    Task,
    empty_row,
    failed_outcome,
    is_disk_full,
    process_input,
    run_dask,
    run_isolated,
    stage_outcome,
    staging_folder,
)
from pipeline.write import checked_name, write_text_atomically

if TYPE_CHECKING:
    from pipeline.corpus.marks import CorpusMarks

CHECKPOINT_SECONDS = 30.0
"""Rewrite manifest.csv and corpus.jsonl this often while a batch runs, for readers that open
them directly (the journal keeps the record exact in between, and bounds what a kill loses
to nothing) …"""
CHECKPOINT_SHARE = 0.05
"""… but spend at most this share of the batch's time on it: a corpus of gigabytes is
rewritten less often."""
STAGES_FOLDER = ".stages"
"""Intermediate results of the stage commands and ``--keep-stages``: ``clean/.stages/<id>/``."""


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    footnotes: int = 0
    tables: int = 0
    seconds: float = 0.0
    pages_done: int = 0
    """Pages processed by this run (skipped documents' pages not counted): the rate's numerator."""

    def line(self) -> str:
        rate = self.pages_done / self.seconds if self.seconds else 0.0
        duplicates = f", {self.counts['duplicate']} duplicate" if self.counts["duplicate"] else ""
        return (
            f"{self.counts['ok']} ok, {self.counts['skipped']} skipped, {self.counts['failed']} failed{duplicates}; "
            f"{self.pages} pages, {self.footnotes} footnotes, {self.tables} tables in {self.seconds:.1f} s ({rate:.1f} pages/s)"
        )


def run_batch(
    raw: Path | Sequence[Path], clean: Path, settings: Settings | None = None, *, jobs: int = 1, force: bool = False,
    only: str | None = None, report: Callable[[Outcome], None] | None = None,
    limits: Limits | None = None, dask: str | None = None, announce: Callable[[int, int], None] | None = None,
    task: Task | None = None, follow_links: bool = False, corpus: CorpusSettings | None = None,
) -> tuple[list[dict[str, str]], Summary]:
    """Process every input under ``raw`` (a folder, or files named one by one) into ``clean``;
    return the manifest rows and a summary.

    Each document runs in a worker process (``jobs`` of them) under ``limits``; with ``dask``
    (a scheduler address, or ``"local"``) the documents run on a Dask cluster instead.
    ``announce(total, todo)`` is called once the cache has been checked, ``report(outcome)``
    once per input, as it is done. ``task`` replaces :func:`process_input` (the stage commands).
    ``follow_links`` reads links that lead out of ``raw`` (never into ``clean``). An input whose
    bytes an earlier input already has is not processed (``duplicate``); after the batch, the
    corpus pass marks near-duplicates and boilerplate over every written document and writes
    the datasheet (``corpus``).

    Raises :class:`~pipeline.clean_folder.CleanInUse` when another batch holds ``clean``, and
    :class:`~pipeline.errors.BatchStopped` when its disk is full (what was written is kept).
    """
    settings = settings or Settings()
    limits = limits or Limits()
    check_arguments(raw, clean, jobs)
    started = time.perf_counter()
    clean.mkdir(parents=True, exist_ok=True)
    with lock_clean(clean):
        batch = Batch(raw, clean, settings, only=only, force=force, follow_links=follow_links, corpus=corpus or CorpusSettings(),
                      dask=dask)
        batch.announce(announce, report)
        runner = (
            run_dask(batch.todo, settings, dask, task or process_input, clean=clean, timeout=limits.timeout) if dask
            else run_isolated(batch.todo, settings, jobs, limits, task or process_input, clean=clean)
        )
        batch.run(runner, report)
    return batch.rows(), batch.summary(started)


def stage_inputs(raw: Path, clean: Path, only: str | None) -> list[Input]:
    """The inputs of a stage command: as a batch finds them, with the ids CLEAN gave them."""
    drop_planted_links(clean)
    return discover(raw, only, clean=clean, kept=recorded_ids(read_recorded(clean).rows))


def check_arguments(raw: Path | Sequence[Path], clean: Path, jobs: int) -> None:
    if isinstance(raw, Path) and not raw.is_dir():
        raise ValueError(f"raw folder not found: {raw}")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    for folder in [raw] if isinstance(raw, Path) else [path for path in raw if path.is_dir()]:
        check_folders(folder, clean)


def discover_inputs(
    raw: Path | Sequence[Path], only: str | None = None, *, clean: Path | None = None, kept: dict[str, str] | None = None,
    follow_links: bool = False,
) -> list[Input]:
    """:func:`~pipeline.discovery.discover` for a folder; for inputs named one by one
    (``pipeline run a.pdf b.pdf out/``, as marker and docling accept), the folders among them
    discovered, and each file with its id and its path as ``<its folder's name>/<its name>``.
    Raises ``ValueError`` naming a path that is not there."""
    if isinstance(raw, Path):
        return discover(raw, only, clean=clean, kept=kept, follow_links=follow_links)
    for path in raw:
        if not path.exists():
            raise ValueError(f"input not found: {path}")
    found = [item for folder in raw if folder.is_dir() for item in discover(folder, only, clean=clean, kept=kept, follow_links=follow_links)]
    files = [path for path in raw if not path.is_dir()]
    ids = Counter([document_id(p.stem) for p in files] + [item.doc_id for item in found])
    for path in files:
        shown = (Path(path.resolve().parent.name) / path.name).as_posix()
        doc_id = (kept or {}).get(shown) or (document_id(path.stem) if ids[document_id(path.stem)] == 1 else document_id(shown))
        found.append(Input(path=path, doc_id=doc_id, shown_path=shown))
    return sorted(found, key=lambda item: item.shown_path)


class Batch:
    """One batch over a locked CLEAN: its inputs, what the cache already holds, and the
    record it keeps as each document is done."""

    def __init__(
        self, raw: Path | Sequence[Path], clean: Path, settings: Settings, *, only: str | None, force: bool, follow_links: bool,
        corpus: CorpusSettings, dask: str | None = None,
    ) -> None:
        drop_planted_links(clean)
        remove_leftovers(clean)
        self.clean, self.only, self.settings, self.corpus, self.dask = clean, only, settings, corpus, dask
        self.partial = only is not None or not isinstance(raw, Path)
        """Only part of what CLEAN holds (``--only``, or files named one by one): the other
        documents' folders and rows stay."""
        self.ledger = Ledger(clean)
        self.manifest_before = self.ledger.recorded.manifest
        kept = recorded_ids(self.ledger.recorded.rows)
        self.inputs = discover_inputs(raw, only, clean=clean, kept=kept, follow_links=follow_links)
        if not self.partial:
            for doc_id in stale_folders(clean, {item.doc_id for item in self.inputs}):
                self.ledger.remove_later(doc_id)
        self.hashes = SourceIndex(clean)
        self.key = settings_key(settings)
        self.cache = Cache(clean=clean, settings=settings.as_dict(), key=self.key, hashes=self.hashes, recorded=self.ledger.recorded)
        self.previous = dict(self.ledger.recorded.rows), dict(self.ledger.recorded.records)
        self.outcomes: dict[str, Outcome] = {}
        self.refused = [item for item in self.inputs if item.problem]
        duplicates = exact_duplicate_inputs([item for item in self.inputs if not item.problem], self.hashes)
        for item in self.inputs:
            if item.doc_id in duplicates:
                self.outcomes[item.doc_id] = duplicate_outcome(item, duplicates[item.doc_id], self.hashes)
                self.ledger.remove_later(item.doc_id)
        self.todo = [item for item in self.inputs
                     if not item.problem and item.doc_id not in duplicates and not self.take_cached(item, force)]
        self.marks: CorpusMarks | None = None
        self.stats = {item.doc_id: source_stat(item) for item in self.todo}
        self.todo = largest_first(self.todo, self.stats)
        self.written = 0

    def take_cached(self, item: Input, force: bool) -> bool:
        cached = None if force else cached_outcome(item, self.cache)
        if cached is not None:
            self.outcomes[item.doc_id] = cached
        return cached is not None

    def announce(self, announce: Callable[[int, int], None] | None, report: Callable[[Outcome], None] | None) -> None:
        """Say how much there is to do, and report the documents the cache already holds."""
        if announce:
            announce(len(self.inputs), len(self.todo) + len(self.refused))
        if report:
            for item in self.inputs:
                if item.doc_id in self.outcomes:
                    report(self.outcomes[item.doc_id])

    def run(self, runner: Generator[tuple[Input, Outcome], None, None], report: Callable[[Outcome], None] | None) -> None:
        """Record each outcome as it comes, checkpointing now and then, and always at the end."""
        last, cost = time.monotonic(), 0.0
        stopped: BatchStopped | None = None
        try:
            for item in self.refused:
                self.record(item, failed_outcome(item, item.problem, 0.0), report)
            for item, outcome in runner:
                self.record(item, outcome, report)
                elapsed = time.monotonic() - last
                if elapsed >= CHECKPOINT_SECONDS and cost <= CHECKPOINT_SHARE * elapsed:
                    began = time.monotonic()
                    self.checkpoint()
                    last, cost = time.monotonic(), time.monotonic() - began
            with self.stopping_on_a_full_disk():
                self.checkpoint()  # the journal emptied before the corpus pass rewrites any document.json
                self.mark_corpus()
        except BatchStopped as error:
            stopped = error
        finally:
            runner.close()  # stops the workers, also on Ctrl-C
            self.finish(stopped)
        if self.marks is not None:
            with self.stopping_on_a_full_disk():
                self.describe_corpus()

    @contextmanager
    def stopping_on_a_full_disk(self) -> Iterator[None]:
        """A full disk met while writing turns into the batch's one-line stop."""
        try:
            yield
        except OSError as error:
            if is_disk_full(error):
                raise self.disk_full() from None
            raise

    def record(self, item: Input, outcome: Outcome, report: Callable[[Outcome], None] | None) -> None:
        """Put a document's folder in place (or record its failure) and its journal line."""
        with self.stopping_on_a_full_disk():
            outcome = self.put_in_place(item, outcome)
        self.outcomes[item.doc_id] = Outcome(row=outcome.row, corpus_record=outcome.corpus_record)
        if report:
            report(outcome)

    def put_in_place(self, item: Input, outcome: Outcome) -> Outcome:
        if outcome.disk_full:
            raise self.disk_full()
        if outcome.stage_files is not None:
            write_stage_files(self.clean, item, outcome.stage_files)
        if outcome.files is not None:  # sent back whole (Dask): staged here
            outcome = stage_outcome(outcome, staging_folder(self.clean, item.doc_id))
            if outcome.disk_full:
                raise self.disk_full()
        stat = self.stats.get(item.doc_id)
        if outcome.staged is not None:
            stamp = self.ledger.publish(item.doc_id, outcome.row, outcome.staged)
            self.hashes.remember(item, stat, outcome.row, [self.key, *stamp] if stamp else None)
            self.written += 1
        else:
            self.ledger.fail(item.doc_id, outcome.row)
            if not item.problem:
                self.hashes.remember(item, stat, outcome.row)
        return outcome

    def disk_full(self) -> BatchStopped:
        done = len(self.outcomes)
        return BatchStopped(
            f"disk full: stopped after writing {self.written} documents ({done} of {len(self.inputs)} inputs done); "
            f"free space on {self.clean} and run again to go on"
        )

    def checkpoint(self) -> None:
        """Manifest and corpus as the folders stand now: documents done, and the earlier
        rows of documents not yet redone that still hold."""
        rows, records = current_record(self.clean, self.inputs, self.outcomes, self.previous, partial=self.partial)
        self.ledger.write(rows, records)

    def finish(self, stopped: BatchStopped | None) -> None:
        """The last checkpoint and the hash index; on a full disk the journal keeps the record
        when the manifest cannot be written, and the batch stops with one line."""
        try:
            self.checkpoint()
            self.ledger.close()
            self.hashes.save({item.shown_path for item in self.inputs} if not self.partial else set(self.hashes.entries))
        except OSError as error:
            self.ledger.close()
            if not is_disk_full(error):
                raise
            stopped = stopped or self.disk_full()
        if stopped is not None:
            raise stopped

    def mark_corpus(self) -> None:
        """Run the corpus pass over every written document of CLEAN (with ``--only``, those
        this run left alone too) and put its marks in the rows and records the manifest is
        written from; a rewritten ``document.json`` keeps its folder trusted by the next run.
        Nothing is done when nothing changed (no document redone, the manifest as it was)
        and the last pass still stands."""
        from pipeline.corpus.marks import Written, mark_corpus, marked_outcome, marks_stand

        rows, records = current_record(self.clean, self.inputs, self.outcomes, self.previous, partial=self.partial)
        written = [Written(row["id"], row["sha256"]) for row in rows if row["status"] in WRITTEN]
        changed = bool(self.todo) or self.ledger.recorded.manifest != self.manifest_before
        if not changed and marks_stand(self.clean, written, self.corpus, self.key):
            return
        if self.dask:
            from pipeline.workers import dask_client

            with dask_client(self.dask, self.clean) as client:
                marks = mark_corpus(self.clean, written, self.corpus, self.key, client)
        else:
            marks = mark_corpus(self.clean, written, self.corpus, self.key)
        previous_rows, previous_records = self.previous
        for row in rows:
            if row["status"] not in WRITTEN:
                continue
            if row["id"] in marks.rewritten:
                self.hashes.remember_folder(row["source"], [self.key, *marks.rewritten[row["id"]]])
            marked_row, record = marked_outcome(row, records.get(row["id"]), marks, self.corpus, self.clean)
            if row["id"] in self.outcomes:
                self.outcomes[row["id"]] = Outcome(row=marked_row, corpus_record=record)
            else:  # a document this run left alone (--only): the checkpoint reads it from here
                previous_rows[row["id"]] = marked_row
                if record is None:
                    previous_records.pop(row["id"], None)
                else:
                    previous_records[row["id"]] = record
        self.marks = marks

    def describe_corpus(self) -> None:
        """Write ``DATASHEET.md`` for CLEAN as it now stands."""
        from dataclasses import asdict

        from pipeline.corpus.datasheet import CorpusFacts, record_metadata, write_datasheet

        assert self.marks is not None
        rows, records = current_record(self.clean, self.inputs, self.outcomes, self.previous, partial=self.partial)
        facts = CorpusFacts(
            rows=rows, metadata={doc_id: record_metadata(record) for doc_id, record in records.items()},
            repeated=self.marks.repeated, boilerplate_blocks=sum(len(blocks) for blocks in self.marks.boilerplate.values()),
            boilerplate_documents=len(self.marks.boilerplate),
            settings={"document": self.settings.as_dict(), "corpus": asdict(self.corpus)}, version=__version__,
        )
        write_datasheet(self.clean, facts)

    def rows(self) -> list[dict[str, str]]:
        return [self.outcomes[item.doc_id].row for item in self.inputs]

    def summary(self, started: float) -> Summary:
        summary = Summary(seconds=time.perf_counter() - started)
        for row in self.rows():
            summary.counts[row["status"]] += 1
            if row["status"] != "failed":
                summary.pages += int(row["pages"] or 0)
                summary.footnotes += int(row["footnotes"] or 0)
                summary.tables += int(row["tables"] or 0)
            if row["status"] == "ok":
                summary.pages_done += int(row["pages"] or 0)
        return summary


def exact_duplicate_inputs(inputs: list[Input], hashes: SourceIndex) -> dict[str, str]:
    """``{id: id of the earlier input with the same bytes, read the same way}``; an unreadable
    or empty input is left to its worker, which says why it cannot be read. The same bytes as
    ``x.pdf`` and as ``x.txt`` are read differently (a PDF, a text export), so they are not
    duplicates of one another."""
    from pipeline.corpus.exact import exact_duplicates

    hashed = []
    for item in inputs:
        try:
            if item.path.stat().st_size:
                sha256, kind = hashes.lookup(item)
                hashed.append((item.doc_id, f"{kind}:{sha256}"))
        except OSError:
            continue
    return exact_duplicates(hashed)


def duplicate_outcome(item: Input, original: str, hashes: SourceIndex) -> Outcome:
    """The row of an input not processed because ``original`` has the same bytes."""
    sha256, kind = hashes.lookup(item)
    row = empty_row(item)
    row.update(sha256=sha256, kind=kind, status="duplicate", duplicate_of=original, seconds="0.000")
    return Outcome(row=row)


def source_stat(item: Input) -> os.stat_result | None:
    try:
        return item.path.stat()
    except OSError:
        return None


def largest_first(todo: list[Input], stats: dict[str, os.stat_result | None]) -> list[Input]:
    """The inputs by size, largest first: the last documents to finish are then small ones,
    so that no worker is left alone with a long document at the end of the batch."""
    return sorted(todo, key=lambda item: -(stats[item.doc_id].st_size if stats[item.doc_id] else 0))  # type: ignore[union-attr]


def current_record(
    clean: Path, inputs: list[Input], outcomes: dict[str, Outcome], previous: tuple[dict[str, dict[str, str]], dict[str, str]],
    *, partial: bool,
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The manifest rows and corpus records as the folders stand: this run's outcomes, the
    earlier rows of inputs not yet redone whose folders are still there, and, for ``--only``,
    the rows of the inputs it left out."""
    previous_rows, previous_records = previous
    rows, records = [], {}
    for item in inputs:
        outcome = outcomes.get(item.doc_id)
        if outcome is not None:
            row, record = outcome.row, outcome.corpus_record
        elif item.doc_id in previous_rows and still_holds(clean, previous_rows[item.doc_id], item):
            row, record = previous_rows[item.doc_id], previous_records.get(item.doc_id)
        else:
            continue
        rows.append(row)
        if record is not None:
            records[row["id"]] = record
    if partial:
        done = {row["id"] for row in rows}
        kept = [row for doc_id, row in previous_rows.items() if doc_id not in done]
        records.update({row["id"]: previous_records[row["id"]] for row in kept if row["id"] in previous_records})
        rows = sorted(rows + kept, key=lambda row: row["source"])
    return rows, records


def still_holds(clean: Path, row: dict[str, str], item: Input) -> bool:
    """An earlier row of an input not redone this run still holds: a failure (so that an
    interrupted batch keeps the rows of failed inputs), or a folder that is still there."""
    if row.get("source") != item.shown_path:
        return False
    return row["status"] not in WRITTEN or (clean / item.doc_id / "document.json").exists()


def write_stage_files(clean: Path, item: Input, files: dict[str, str]) -> None:
    """Replace each stage file of a document whole, leaving the other stages' files be;
    never through a link planted in CLEAN."""
    for name, content in files.items():
        path = clean / STAGES_FOLDER / item.doc_id / checked_name(name)
        unlink_links_on_the_way(clean, path)
        write_text_atomically(path, content)


# --- leftovers and removed inputs --------------------------------------------------------


def remove_leftovers(clean: Path) -> None:
    """Remove what interrupted writes left: staging folders, retired folders, temporary files."""
    for entry in clean.iterdir():
        if entry.name.startswith((".tmp-", ".old-")):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def stale_folders(clean: Path, ids: set[str]) -> list[str]:
    """Output folders of inputs that are gone (the ledger removes them once the manifest no longer lists them)."""
    return [
        entry.name for entry in clean.iterdir()
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in ids and (entry / "document.json").exists()
    ]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
