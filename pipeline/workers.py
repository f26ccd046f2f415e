"""One input in a worker process, and the workers: local processes that can be killed, or Dask.

What a worker does to one input (:func:`process_input`, or a stage command's task) never
raises for a bad document: it becomes a failed row. A local worker writes the document's
folder into a hidden staging folder itself and sends back only the manifest row and the
corpus record (:func:`stage_outcome`); the batch (:mod:`pipeline.batch`) puts the folder in
place. A worker that hangs past the timeout or dies is killed and replaced, its staging
folder removed, and its document becomes a failed row. Dask workers send the files back
whole, for the client to write.
"""

from __future__ import annotations

import gc

import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import DocumentError
from pipeline.manifest import MANIFEST_COLUMNS, corpus_record
from pipeline.settings import Settings
from pipeline.source import describe_source
from pipeline.write import document_files, source_record, stage_files

if TYPE_CHECKING:  # multiprocessing is imported only when there is work for workers
    from multiprocessing.connection import Connection

WARM_UP_TEXT = (
    "Immigrants make us a safer and stronger nation.i Local police agree with immi-\n"
    "gration officers.ii\n\nNotes\ni A note.\nii Another note.\n"
)
"""A tiny document run once in the parent before workers are forked, so that every worker
starts with the word lists and lazy imports already loaded (shared, copy-on-write)."""


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
    staged: Path | None = None
    """The folder the files were written into instead (:func:`stage_outcome`), to be put in place."""


Task = Callable[["Input", Settings], Outcome]
"""What a worker does to one input: :func:`process_input`, or one stage of it."""
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


def process_input(item: Input, settings: Settings) -> Outcome:
    """Turn one input into its outcome; never raises for a bad document.

    ``MemoryError`` is let through: the worker that ran out of memory reports it with its
    limit and is then replaced, its heap being in no state to trust.
    """
    from pipeline.process import process

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
        seconds=f"{time.perf_counter() - started:.3f}", warnings=str(len(document.warnings)),
        ocr_pages=str(document.stats.get("ocr_pages", 0)),
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


def staging_folder(clean: Path, doc_id: str) -> Path:
    """Where a document's folder is written before it is put in place: hidden, beside it, and
    named for the document, so that the batch can remove it when its worker is killed."""
    return clean / f".tmp-{doc_id}"


def stage_outcome(outcome: Outcome, staging: Path) -> Outcome:
    """The outcome with its files written into ``staging`` instead of carried along.

    A worker does this itself and sends back only the row and the corpus record: the writing
    is spread over the workers' cores, and the batch process, which shares those cores, only
    renames a folder instead of receiving, unpickling and writing every document.
    """
    assert outcome.files is not None
    try:
        stage_files(outcome.files.items(), staging)
    except OSError as error:
        row = dict(outcome.row, status="failed", error=one_line(f"could not write the folder: {error}"))
        row.update(pages="", words="", blocks="", footnotes="", tables="")
        return Outcome(row=row, stage_files=outcome.stage_files)
    return Outcome(row=outcome.row, corpus_record=outcome.corpus_record, stage_files=outcome.stage_files, staged=staging)


def serve(connection: Connection, task: Task, settings: Settings, max_memory: int | None, inherited: Connection | None = None) -> None:
    """A worker's life: take ``(index, input, staging)`` from the pipe, send ``(index, outcome)``
    back, the files written into ``staging`` first when there is one.

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
        index, item, staging = message
        try:
            outcome = task(item, settings)
            if staging is not None and outcome.files is not None:
                outcome = stage_outcome(outcome, staging)
            connection.send((index, outcome))
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


def warm_up(todo: list[Input]) -> None:
    """Run a tiny document in this process, so that forked workers inherit loaded word lists,
    and load the PDF reader when the batch holds PDFs: once here, not once in every worker."""
    from pipeline.process import clean_text

    try:
        clean_text(WARM_UP_TEXT)
        if any(item.path.suffix.lower() == ".pdf" for item in todo):
            import pdfplumber  # noqa: F401
            import pypdfium2  # noqa: F401

            import pipeline.extract.pdf  # noqa: F401
            import pipeline.extract.pdfium_source  # noqa: F401
    except Exception:  # noqa: BLE001, S110  (only an optimisation: a real document will show the bug)
        pass
    # what is loaded now stays out of every worker's garbage collections, so their pages stay
    # shared with this process instead of being copied by the collector's bookkeeping
    gc.freeze()


class Worker:
    def __init__(self, context: Any, task: Task, settings: Settings, max_memory: int | None) -> None:
        self.connection, child = context.Pipe(duplex=True)
        inherited = self.connection if context.get_start_method() == "fork" else None
        self.process = context.Process(target=serve, args=(child, task, settings, max_memory, inherited), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, Input, float, Path | None] | None = None

    def give(self, index: int, item: Input, staging: Path | None) -> None:
        """Hand the worker one input; its time starts now."""
        self.task = (index, item, time.monotonic(), staging)
        self.connection.send((index, item, staging))

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
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_isolated(
    todo: list[Input], settings: Settings, jobs: int, limits: Limits, task: Task = process_input, *, clean: Path | None = None,
) -> Generator[tuple[Input, Outcome], None, None]:
    """Run each input in a worker process; yield outcomes as they come.

    The parent knows which input each worker holds and since when, so a worker past the
    timeout is killed, one that died (a segfault, the kernel's OOM killer) is noticed by
    its sentinel, and either way a new worker takes its place (and the folder it was
    writing under ``clean``, if any, is removed). A worker that answers gets its next input
    before the answer is handled, so it never waits for the parent.
    """
    if not todo:
        return
    from multiprocessing.connection import wait

    context = mp_context()
    if context.get_start_method() == "fork" and min(jobs, len(todo)) > 1:
        warm_up(todo)
    pending = deque(enumerate(todo))

    def give_next(worker: Worker) -> None:
        if pending:
            index, item = pending.popleft()
            worker.give(index, item, staging_folder(clean, item.doc_id) if clean is not None else None)

    workers = [Worker(context, task, settings, limits.max_memory) for _ in range(min(jobs, len(todo)))]
    try:
        for worker in workers:
            give_next(worker)
        while any(w.task for w in workers):
            busy = [w for w in workers if w.task]
            wait_for = None
            if limits.timeout is not None:
                now = time.monotonic()
                wait_for = max(0.0, min(w.task[2] + limits.timeout - now for w in busy if w.task))
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
            for position, worker in enumerate(workers):
                if worker.task is None:
                    continue
                _, item, started, staging = worker.task
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
                    if staging is not None:
                        shutil.rmtree(staging, ignore_errors=True)
                    workers[position] = Worker(context, task, settings, limits.max_memory)
                give_next(workers[position])
                yield item, outcome
    finally:
        for worker in workers:
            worker.stop()
            if worker.task is not None and worker.task[3] is not None:
                shutil.rmtree(worker.task[3], ignore_errors=True)  # the folder of a document not taken


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
