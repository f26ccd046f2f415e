"""Many documents: discovery, ids, the cache, worker processes, atomic output, manifest.

The stages know nothing of this module. A worker process turns one file into the contents
of its output folder (or a one-line error); a worker that hangs past the timeout or dies is
killed and replaced, and its document becomes a failed row. Only this process writes to
``clean/``: each folder appears whole or not at all (temporary folder, then rename), and
``manifest.csv`` and ``corpus.jsonl`` are rewritten whole, every few documents and at the
end, so that they always agree with the folders, even after a ``kill -9``.

Rows are in the order of the sources' paths, never in the order documents finish, so the
same inputs give the same ``corpus.jsonl`` whatever ``--jobs`` and however the run was
interrupted and resumed.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.errors import DocumentError
from pipeline.process import describe_source, document_id, process
from pipeline.settings import Settings
from pipeline.write import document_files, source_record, write_files, write_text_atomically

INPUT_SUFFIXES = (".pdf", ".txt", ".text")
MANIFEST_COLUMNS = ["id", "source", "sha256", "kind", "status", "error", "pages", "words", "blocks", "footnotes", "tables", "seconds"]
CHECKPOINT_DOCUMENTS = 25
"""Rewrite manifest.csv and corpus.jsonl after this many new documents …"""
CHECKPOINT_SECONDS = 10.0
"""… or this many seconds, whichever comes first: a killed batch loses no more bookkeeping
than that (its written folders are kept and skipped on the rerun in any case)."""
CHECKPOINT_SHARE = 0.1
"""At most this share of the batch's time goes to checkpoints: a corpus of gigabytes is
rewritten less often than every 25 documents."""
WARM_UP_TEXT = (
    "Immigrants make us a safer and stronger nation.i Local police agree with immi-\n"
    "gration officers.ii\n\nNotes\ni A note.\nii Another note.\n"
)
"""A tiny document run once in the parent before workers are forked, so that every worker
starts with the word lists and lazy imports already loaded (shared, copy-on-write)."""
SOURCE_INDEX = ".sources.json"
"""The hash cache, a hidden file in ``clean/`` (a file, not a folder: ``clean/``'s folders are documents)."""


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
    stage_files: dict[str, str] | None = None
    """Intermediate results for ``clean/.stages/<id>/`` (``--keep-stages``, stage commands)."""


Task = Callable[["Input", Settings], Outcome]
"""What a worker does to one input: :func:`process_input`, or one stage of it."""
STAGES_FOLDER = ".stages"


@dataclass(frozen=True)
class Limits:
    """What one document may cost before its worker is killed; ``None`` is no limit."""

    timeout: float | None = None
    """Seconds of wall time per document."""
    max_memory: int | None = None
    """Megabytes of address space per worker (``RLIMIT_AS``)."""

    def __post_init__(self) -> None:
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError(f"timeout must be positive, got {self.timeout}")
        if self.max_memory is not None and self.max_memory <= 0:
            raise ValueError(f"max_memory must be positive, got {self.max_memory}")


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
    """Every PDF and text export under ``raw``, with its contract id, in order of path.

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
    return sorted(inputs, key=lambda item: item.shown_path)


def process_input(item: Input, settings: Settings) -> Outcome:
    """Turn one input into its outcome; never raises for a bad document.

    ``MemoryError`` is let through: the worker that ran out of memory reports it with its
    limit and is then replaced, its heap being in no state to trust.
    """
    started = time.perf_counter()
    row = empty_row(item)
    try:
        source = describe_source(item.path, item.shown_path)
        row.update(sha256=source.sha256, kind=source.kind)
        document = process(item.path, settings, doc_id=item.doc_id, shown_path=item.shown_path, source=source)
        files = dict(document_files(document))
    except DocumentError as error:
        row.update(status="failed", error=one_line(str(error)), seconds=f"{time.perf_counter() - started:.3f}")
        return Outcome(row=row)
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001  (a bug or a pathological file: report it, keep the batch going)
        row.update(status="failed", error=one_line(f"{type(error).__name__}: {error}"), seconds=f"{time.perf_counter() - started:.3f}")
        return Outcome(row=row)
    row.update(
        status="ok", pages=str(document.metadata.get("pages", "")), words=str(len(files["text.txt"].split())),
        blocks=str(len(document.blocks)), footnotes=str(len(document.footnotes)), tables=str(len(document.tables)),
        seconds=f"{time.perf_counter() - started:.3f}",
    )
    record = corpus_record({"id": document.id, "source": source_record(document.source), "metadata": document.metadata}, files["text.txt"])
    return Outcome(row=row, files=files, corpus_record=record)


def empty_row(item: Input) -> dict[str, str]:
    row = {column: "" for column in MANIFEST_COLUMNS}
    row.update(id=item.doc_id, source=item.shown_path)
    return row


def failed_outcome(item: Input, error: str, seconds: float) -> Outcome:
    """The row of a document whose worker never answered (timed out, out of memory, crashed)."""
    row = empty_row(item)
    try:
        source = describe_source(item.path, item.shown_path)
        row.update(sha256=source.sha256, kind=source.kind)
    except OSError:
        pass
    row.update(status="failed", error=one_line(error), seconds=f"{seconds:.3f}")
    return Outcome(row=row)


def one_line(message: str) -> str:
    return " ".join(message.split())[:300] or "unknown error"


def corpus_record(document: dict[str, Any], text: str) -> str:
    return json.dumps({"id": document["id"], "text": text, "source": document["source"], "metadata": document["metadata"]}, ensure_ascii=False)


class SourceIndex:
    """SHA-256 and kind of each source, keyed by its size and modification time.

    A rerun over thousands of unchanged PDFs should not read them all again: a file whose
    size and ``mtime_ns`` match the record keeps its hash; any difference means hashing.
    Kept in ``clean/.sources.json``; a missing or damaged index only costs time.
    """

    def __init__(self, clean: Path) -> None:
        self.path = clean / SOURCE_INDEX
        try:
            self.entries: dict[str, list[Any]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.changed = False

    def lookup(self, item: Input) -> tuple[str, str]:
        """``(sha256, kind)`` of the input, hashing it only when it changed since last seen."""
        stat = item.path.stat()
        key = [stat.st_size, stat.st_mtime_ns]
        entry = self.entries.get(item.shown_path)
        if entry and entry[:2] == key:
            return entry[2], entry[3]
        source = describe_source(item.path, item.shown_path)
        self.entries[item.shown_path] = key + [source.sha256, source.kind]
        self.changed = True
        return source.sha256, source.kind

    def remember(self, item: Input, stat: os.stat_result | None, row: dict[str, str]) -> None:
        """Keep a hash a worker computed, under the size and time seen before it started:
        a file changed meanwhile has another time, so it is hashed again next time."""
        if stat is not None and row.get("sha256"):
            self.entries[item.shown_path] = [stat.st_size, stat.st_mtime_ns, row["sha256"], row["kind"]]
            self.changed = True

    def save(self, keep: set[str]) -> None:
        entries = {path: entry for path, entry in sorted(self.entries.items()) if path in keep}
        if self.changed or entries != self.entries:
            write_text_atomically(self.path, json.dumps(entries, separators=(",", ":")) + "\n")
            self.entries, self.changed = entries, False


def cached_outcome(item: Input, clean: Path, settings: Settings, hashes: SourceIndex | None = None) -> Outcome | None:
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
    if hashes is not None:
        sha256, kind = hashes.lookup(item)
    else:
        source = describe_source(item.path, item.shown_path)
        sha256, kind = source.sha256, source.kind
    if document["source"].get("sha256") != sha256:
        return None
    blocks = document["blocks"]
    row = empty_row(item)
    row.update(
        sha256=sha256, kind=kind, status="skipped",
        pages=str(document["metadata"].get("pages", "")), words=str(len(text.split())), blocks=str(len(blocks)),
        footnotes=str(len(document["footnotes"])), tables=str(sum(1 for b in blocks if b["type"] == "table")), seconds="0.000",
    )
    return Outcome(row=row, corpus_record=corpus_record(document, text))


def run_batch(
    raw: Path, clean: Path, settings: Settings | None = None, *, jobs: int = 1, force: bool = False,
    only: str | None = None, report: Callable[[Outcome], None] | None = None,
    limits: Limits | None = None, dask: str | None = None, announce: Callable[[int, int], None] | None = None,
    task: Task | None = None,
) -> tuple[list[dict[str, str]], Summary]:
    """Process every input under ``raw`` into ``clean``; return the manifest rows and a summary.

    Each document runs in a worker process (``jobs`` of them) under ``limits``; with ``dask``
    (a scheduler address, or ``"local"``) the documents run on a Dask cluster instead.
    ``announce(total, todo)`` is called once the cache has been checked, ``report(outcome)``
    once per input, as it is done. ``task`` replaces :func:`process_input` (the stage commands).
    """
    task = task or process_input
    settings = settings or Settings()
    limits = limits or Limits()
    if not raw.is_dir():
        raise ValueError(f"raw folder not found: {raw}")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    started = time.perf_counter()
    inputs = discover(raw, only)
    clean.mkdir(parents=True, exist_ok=True)
    if not only:
        remove_stale_folders(clean, {item.doc_id for item in inputs})
    hashes = SourceIndex(clean)
    previous = previous_outcomes(clean)
    outcomes: dict[str, Outcome] = {}
    todo = []
    for item in inputs:
        cached = None if force else cached_outcome(item, clean, settings, hashes)
        if cached is not None:
            outcomes[item.doc_id] = cached
        else:
            todo.append(item)
    if announce:
        announce(len(inputs), len(todo))
    if report:
        for item in inputs:
            if item.doc_id in outcomes:
                report(outcomes[item.doc_id])

    def checkpoint() -> None:
        """Manifest and corpus as the folders stand now: documents done, and the earlier
        rows of documents not yet redone whose folders are still there."""
        current = []
        for item in inputs:
            if item.doc_id in outcomes:
                current.append(outcomes[item.doc_id])
            elif item.doc_id in previous and (clean / item.doc_id / "document.json").exists():
                current.append(previous[item.doc_id])
        write_batch_files(clean, current, only is not None)

    stats = {}
    for item in todo:
        try:
            stats[item.doc_id] = item.path.stat()
        except OSError:
            stats[item.doc_id] = None  # type: ignore[assignment]
    since, last, cost = 0, time.monotonic(), 0.0
    runner: Generator[tuple[Input, Outcome], None, None] = (
        run_dask(todo, settings, dask, task) if dask else run_isolated(todo, settings, jobs, limits, task)
    )
    try:
        for item, outcome in runner:
            if outcome.stage_files is not None:
                write_stage_files(clean, item, outcome.stage_files)
            if outcome.files is not None:
                write_files(outcome.files.items(), clean / item.doc_id)
                outcome = Outcome(row=outcome.row, corpus_record=outcome.corpus_record)  # let the files go
            else:
                shutil.rmtree(clean / item.doc_id, ignore_errors=True)
            hashes.remember(item, stats[item.doc_id], outcome.row)
            outcomes[item.doc_id] = outcome
            if report:
                report(outcome)
            since += 1
            elapsed = time.monotonic() - last
            if (since >= CHECKPOINT_DOCUMENTS or elapsed >= CHECKPOINT_SECONDS) and cost <= CHECKPOINT_SHARE * elapsed:
                began = time.monotonic()
                checkpoint()
                since, last, cost = 0, time.monotonic(), time.monotonic() - began
    finally:
        runner.close()  # stops the workers, also on Ctrl-C
        checkpoint()
        hashes.save({item.shown_path for item in inputs} if not only else set(hashes.entries))
    rows = [outcomes[item.doc_id].row for item in inputs]
    summary = Summary(seconds=time.perf_counter() - started)
    for row in rows:
        summary.counts[row["status"]] += 1
        if row["status"] != "failed":
            summary.pages += int(row["pages"] or 0)
            summary.footnotes += int(row["footnotes"] or 0)
            summary.tables += int(row["tables"] or 0)
    return rows, summary


def write_stage_files(clean: Path, item: Input, files: dict[str, str]) -> None:
    """Replace each stage file of a document whole, leaving the other stages' files be."""
    for name, content in files.items():
        write_text_atomically(clean / STAGES_FOLDER / item.doc_id / name, content)


# --- worker processes -------------------------------------------------------------------


def serve(connection: Connection, task: Task, settings: Settings, max_memory: int | None, inherited: Connection | None = None) -> None:
    """A worker's life: take ``(index, input)`` from the pipe, send ``(index, outcome)`` back.

    ``inherited`` is the parent's end of the pipe, which a forked worker holds a copy of:
    closed, so that the worker sees the end of the pipe when the parent goes away.
    """
    import signal

    if inherited is not None:
        inherited.close()

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent()
    if max_memory:
        import resource

        limit = max_memory * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        try:
            connection.send((index, task(item, settings)))
        except MemoryError:
            connection.send((index, None))  # the parent words it, with the limit
            return


def die_with_parent() -> None:
    """Ask Linux to kill this worker when the batch dies, even by ``kill -9``: a worker stuck
    in a pathological PDF would otherwise outlive it, orphaned, for good."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


def warm_up() -> None:
    """Run a tiny document in this process, so that forked workers inherit loaded word lists."""
    from pipeline.process import clean_text

    try:
        clean_text(WARM_UP_TEXT)
    except Exception:  # noqa: BLE001, S110  (only an optimisation: a real document will show the bug)
        pass


class Worker:
    def __init__(self, context: Any, task: Task, settings: Settings, max_memory: int | None) -> None:
        self.connection, child = context.Pipe(duplex=True)
        inherited = self.connection if context.get_start_method() == "fork" else None
        self.process = context.Process(target=serve, args=(child, task, settings, max_memory, inherited), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, Input, float] | None = None

    def stop(self, *, kill: bool = False) -> None:
        if not kill and self.process.is_alive():
            try:
                self.connection.send(None)
            except OSError:
                kill = True
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def mp_context() -> Any:
    """``fork`` where there is one: a worker starts in milliseconds with the modules loaded."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_isolated(
    todo: list[Input], settings: Settings, jobs: int, limits: Limits, task: Task = process_input,
) -> Generator[tuple[Input, Outcome], None, None]:
    """Run each input in a worker process; yield outcomes as they come.

    The parent knows which input each worker holds and since when, so a worker past the
    timeout is killed, one that died (a segfault, the kernel's OOM killer) is noticed by
    its sentinel, and either way a new worker takes its place.
    """
    if not todo:
        return
    context = mp_context()
    if context.get_start_method() == "fork" and min(jobs, len(todo)) > 1:
        warm_up()
    pending = deque(enumerate(todo))
    workers = [Worker(context, task, settings, limits.max_memory) for _ in range(min(jobs, len(todo)))]
    try:
        while pending or any(w.task for w in workers):
            for worker in workers:
                if worker.task is None and pending:
                    index, item = pending.popleft()
                    worker.task = (index, item, time.monotonic())
                    worker.connection.send((index, item))
            busy = [w for w in workers if w.task]
            wait_for = None
            if limits.timeout is not None:
                now = time.monotonic()
                wait_for = max(0.0, min(w.task[2] + limits.timeout - now for w in busy if w.task))
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
            for position, worker in enumerate(workers):
                if worker.task is None:
                    continue
                index, item, started = worker.task
                elapsed = time.monotonic() - started
                outcome, replace = answer(worker, limits)
                if outcome is None and not replace:
                    if limits.timeout is None or elapsed < limits.timeout:
                        continue
                    outcome, replace = failed_outcome(item, f"timed out after {limits.timeout:g} s", elapsed), True
                elif outcome is None:
                    outcome = failed_outcome(item, died_reason(worker, limits), elapsed)
                elif outcome == "memory":
                    outcome = failed_outcome(item, f"out of memory (limit {limits.max_memory} MB)", elapsed)
                worker.task = None
                if replace:
                    worker.stop(kill=True)
                    workers[position] = Worker(context, task, settings, limits.max_memory)
                yield item, outcome
    finally:
        for worker in workers:
            worker.stop()


def answer(worker: Worker, limits: Limits) -> tuple[Any, bool]:
    """``(outcome, replace)``: the worker's answer if it sent one; ``replace`` when it is gone."""
    try:
        if worker.connection.poll():
            _, outcome = worker.connection.recv()
            return ("memory", True) if outcome is None else (outcome, False)
    except (EOFError, OSError):
        return None, True
    if not worker.process.is_alive():
        return None, True
    return None, False


def died_reason(worker: Worker, limits: Limits) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    if code is not None and code < 0:
        import signal

        name = signal.Signals(-code).name
        if -code == signal.SIGKILL and limits.max_memory:
            return f"worker killed by {name} (out of memory? limit {limits.max_memory} MB)"
        return f"worker killed by {name}"
    return f"worker exited with status {code}"


def run_dask(todo: list[Input], settings: Settings, address: str, task: Task = process_input) -> Generator[tuple[Input, Outcome], None, None]:
    """Run each input on a Dask cluster (``address`` of a scheduler, or ``local``).

    The workers must see the raw folder at the same absolute path (a shared file system);
    results come back to this process, which alone writes ``clean/``. Timeouts and memory
    limits are the cluster's business here (``dask worker --memory-limit``).
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise RuntimeError("--dask needs dask.distributed: pip install 'pipeline[dask]'") from error
    if not todo:
        return
    cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None) if address == "local" else None
    client = Client(cluster if cluster is not None else address)
    try:
        absolute = [Input(path=item.path.resolve(), doc_id=item.doc_id, shown_path=item.shown_path) for item in todo]
        futures = {client.submit(task, item, settings, pure=False, key=f"pipeline-{item.doc_id}-{index}"): original
                   for index, (item, original) in enumerate(zip(absolute, todo))}
        for future in as_completed(futures):
            item = futures[future]
            try:
                outcome = future.result()
            except Exception as error:  # noqa: BLE001  (the worker died, or the task failed on the cluster)
                outcome = failed_outcome(item, f"{type(error).__name__}: {error}", 0.0)
            future.release()
            yield item, outcome
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- manifest and corpus ----------------------------------------------------------------


def remove_stale_folders(clean: Path, ids: set[str]) -> None:
    """Remove output folders of inputs that are gone, and leftovers of interrupted writes."""
    for entry in clean.iterdir():
        if entry.name.startswith((".tmp-", ".old-")):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            continue
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in ids and (entry / "document.json").exists():
            shutil.rmtree(entry, ignore_errors=True)


def previous_outcomes(clean: Path) -> dict[str, Outcome]:
    """The rows and corpus records of the last manifest, by id (empty when there is none)."""
    try:
        with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
            rows = {row["id"]: row for row in csv.DictReader(handle)}
        records = {}
        for line in (clean / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
            records[json.loads(line)["id"]] = line
    except (OSError, ValueError, KeyError):
        return {}
    return {doc_id: Outcome(row=row, corpus_record=records.get(doc_id)) for doc_id, row in rows.items()}


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
    previous = previous_outcomes(clean)
    kept = [outcome.row for doc_id, outcome in previous.items() if doc_id not in done]
    for doc_id, outcome in previous.items():
        if doc_id not in done and outcome.corpus_record:
            records[doc_id] = outcome.corpus_record
    merged = sorted(kept + rows, key=lambda row: row["source"])
    return merged, records


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
