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
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.discovery import Input
from pipeline.errors import DocumentError, FailureKind, failure_kind, reason
from pipeline.manifest import MANIFEST_COLUMNS, corpus_record
from pipeline.settings import Settings
from pipeline.source import describe_source
from pipeline.version import DISTRIBUTION
from pipeline.write import FileContent, document_files, hidden_name, source_record, stage_files

if TYPE_CHECKING:  # multiprocessing is imported only when there is work for workers
    from multiprocessing.connection import Connection

WARM_UP_TEXT = (
    "Immigrants make us a safer and stronger nation.i Local police agree with immi-\n"
    "gration officers.ii\n\nNotes\ni A note.\nii Another note.\n"
)
"""A tiny document run once in the parent before workers are forked, so that every worker
starts with the word lists and lazy imports already loaded (shared, copy-on-write)."""


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a manifest row, and the folder's files when it is new."""

    row: dict[str, str]
    files: dict[str, FileContent] | None = None
    corpus_record: str | None = None
    stage_files: dict[str, str] | None = None
    """Intermediate results for ``clean/.stages/<id>/`` (``--keep-stages``, stage commands)."""
    staged: Path | None = None
    """The folder the files were written into instead (:func:`stage_outcome`), to be put in place."""
    disk_full: bool = False
    """The folder could not be written for want of space: the batch stops (a rerun goes on)."""


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
        before = unchanged_stat(item.path)
        source = describe_source(item.path, item.shown_path)
        row.update(sha256=source.sha256, kind=source.kind)
        document = process(item.path, settings, doc_id=item.doc_id, shown_path=item.shown_path, source=source)
        if unchanged_stat(item.path) != before:
            raise DocumentError("changed while read", "the file changed while it was read; run again to read it whole")
        files = dict(document_files(document))
    except DocumentError as error:
        if error.kind == "over the memory limit":
            # a reader that ran out of memory inside leaves the heap in no state to trust:
            # the worker is replaced, as for any MemoryError, and the parent words the row
            raise MemoryError(str(error)) from None
        return failed_row(row, str(error), started)
    except MemoryError:
        raise
    except RecursionError:
        return failed_row(row, reason("damaged", "objects nested without end (a loop in the page tree?)"), started)
    except OSError as error:
        return failed_row(row, reason("unreadable", error.strerror or str(error)), started)
    except Exception as error:  # noqa: BLE001  (a bug or a pathological file: report it, keep the batch going)
        return failed_row(row, reason("internal error", f"{error} ({type(error).__name__}); please report it with the file"), started)
    row.update(
        status="ok", pages=str(document.metadata.get("pages", "")), words=str(len(document.text.split())),
        blocks=str(len(document.blocks)), footnotes=str(len(document.footnotes)), tables=str(len(document.tables)),
        seconds=f"{time.perf_counter() - started:.3f}", warnings=str(len(document.warnings)),
        ocr_pages=str(document.stats.get("ocr_pages", 0)), **repair_columns(document),
    )
    record = corpus_record({"id": document.id, "source": source_record(document.source), "metadata": document.metadata}, document.text)
    return Outcome(row=row, files=files, corpus_record=record)


def failed_row(row: dict[str, str], error: str, started: float) -> Outcome:
    mark_failed(row, error)
    row.update(seconds=f"{time.perf_counter() - started:.3f}")
    return Outcome(row=row)


def mark_failed(row: dict[str, str], error: str) -> None:
    """Set a row's status, its one-line reason and the reason's kind (the ``failure`` column)."""
    row.update(status="failed", error=one_line(error), failure=failure_kind(error) or "internal error")


def unchanged_stat(path: Path) -> tuple[int, int, int]:
    """Size, modification time and inode: the same before and after reading means the file
    was hashed and parsed from the same bytes."""
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ino


def repair_columns(document: Any) -> dict[str, str]:
    """The manifest's ``repaired`` and ``pages_lost`` from a document's warnings."""
    return warning_columns([(warning.kind, warning.page) for warning in document.warnings])


def warning_columns(warnings: list[tuple[str, int | None]]) -> dict[str, str]:
    """``repaired`` (``yes`` when the file was read from a repair) and ``pages_lost`` (the
    pages it lost, by number) from ``(kind, page)`` of each warning.

    >>> warning_columns([("repaired", None), ("pages_lost", 7), ("pages_lost", 3)])
    {'repaired': 'yes', 'pages_lost': '3 7'}
    """
    lost = sorted({page for kind, page in warnings if kind == "pages_lost" and page})
    return {"repaired": "yes" if any(kind == "repaired" for kind, _ in warnings) else "", "pages_lost": " ".join(map(str, lost))}


def empty_row(item: Input) -> dict[str, str]:
    row = {column: "" for column in MANIFEST_COLUMNS}
    row.update(id=item.doc_id, source=item.shown_path)
    return row


def failed_outcome(item: Input, error: str, seconds: float) -> Outcome:
    """The row of a document not read: refused at discovery, or whose worker never
    answered (over the time or memory limit, crashed). A refused input is not opened."""
    row = empty_row(item)
    if not item.problem:
        try:
            source = describe_source(item.path, item.shown_path)
            row.update(sha256=source.sha256, kind=source.kind)
        except OSError:
            pass
    mark_failed(row, error)
    row.update(seconds=f"{seconds:.3f}")
    return Outcome(row=row)


def limit_reason(kind: FailureKind, limits: Limits) -> str:
    """The reason of a document stopped by a limit, naming the limit."""
    if kind == "over the time limit":
        return reason(kind, f"took more than {limits.timeout:g} s (--timeout)")
    return reason(kind, f"needed more than {limits.max_memory} MB (--max-memory)")


def is_disk_full(error: BaseException) -> bool:
    """No space left (or over quota): the batch must stop, not fail document after document."""
    import errno

    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def one_line(message: str) -> str:
    return " ".join(message.split())[:300] or "unknown error"


def staging_folder(clean: Path, doc_id: str) -> Path:
    """Where a document's folder is written before it is put in place: hidden, beside it, and
    named for the document, so that the batch can remove it when its worker is killed."""
    return clean / hidden_name(".tmp-", doc_id)


def stage_outcome(outcome: Outcome, staging: Path) -> Outcome:
    """The outcome with its files written into ``staging`` instead of carried along.

    A worker does this itself and sends back only the row and the corpus record: the writing
    is spread over the workers' cores, and the batch process, which shares those cores, only
    renames a folder instead of receiving, unpickling and writing every document.
    """
    assert outcome.files is not None
    try:
        stage_files(outcome.files.items(), staging)
    except (OSError, ValueError) as error:
        row = dict(outcome.row, pages="", words="", blocks="", footnotes="", tables="", warnings="", ocr_pages="", repaired="", pages_lost="")
        mark_failed(row, reason("not written", f"the folder could not be written: {error}"))
        return Outcome(row=row, stage_files=outcome.stage_files, disk_full=is_disk_full(error))
    return Outcome(row=outcome.row, corpus_record=outcome.corpus_record, stage_files=outcome.stage_files, staged=staging)


def serve(connection: Connection, task: Task, settings: Settings, max_memory: int | None, inherited: Connection | None = None) -> None:
    """A worker's life: take ``(index, input, staging)`` from the pipe, send ``(index, outcome)``
    back, the files written into ``staging`` first when there is one.

    ``inherited`` is the parent's end of the pipe, which a forked worker holds a copy of:
    closed, so that the worker sees the end of the pipe when the parent goes away.
    """
    import signal

    from pipeline.clean_folder import close_inherited_locks

    if inherited is not None:
        inherited.close()
    close_inherited_locks()

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    quiet_pdf_readers()
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
            outcome = None
        if outcome is None:
            gc.collect()  # what the failed document held is unreachable now
            try:
                connection.send((index, None))  # the parent words it, with the limit
            except MemoryError:
                os._exit(1)  # not even room to say so: the parent sees the worker gone
            return


def quiet_pdf_readers() -> None:
    """pdfminer and pdfplumber log each oddity of a damaged file; the manifest row says
    what matters, in one line, so their warnings are kept off the terminal."""
    import logging

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)


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
                    outcome, replace = failed_outcome(item, limit_reason("over the time limit", limits), elapsed), True
                elif outcome is None:
                    outcome = failed_outcome(item, died_reason(worker, limits), elapsed)
                elif outcome == "memory":
                    outcome = failed_outcome(item, limit_reason("over the memory limit", limits), elapsed)
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
            return reason("worker died", f"killed by {name} (out of memory? --max-memory {limits.max_memory} MB)")
        return reason("worker died", f"killed by {name}")
    return reason("worker died", f"exited with status {code}")


DASK_HINT = f"--dask needs the dask extra: pip install '{DISTRIBUTION}[dask]'"


def dask_missing() -> str | None:
    """The one-line hint when ``dask.distributed`` cannot be imported, else ``None``."""
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return DASK_HINT
    return None


@contextmanager
def dask_client(address: str, clean: Path | None = None) -> Iterator[Any]:
    """A client of the Dask cluster at ``address`` (a scheduler), or of a local cluster of
    worker processes (``local``) whose scratch space is ``CLEAN/.dask-scratch``; closed, with
    its cluster and scratch space, on the way out."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    scratch = (clean / ".dask-scratch") if clean is not None else None
    if address == "local":
        cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None,
                               local_directory=str(scratch) if scratch else None)
    client = Client(cluster if cluster is not None else address)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def run_dask(
    todo: list[Input], settings: Settings, address: str, task: Task = process_input, *, clean: Path | None = None,
    timeout: float | None = None,
) -> Generator[tuple[Input, Outcome], None, None]:
    """Run each input on a Dask cluster (``address`` of a scheduler, or ``local``).

    The workers must see the raw folder at the same absolute path (a shared file system);
    results come back to this process, which alone writes ``clean/``. A local cluster keeps
    its scratch space in ``CLEAN/.dask-scratch``. A document past ``timeout`` seconds fails
    as over the time limit and its task is cancelled (a local cluster's workers are stopped
    with the batch; a remote cluster's memory limits are its own: ``dask worker --memory-limit``).
    """
    if not todo:
        return
    with dask_client(address, clean) as client:
        yield from dask_results(client, todo, settings, task, timeout)


def dask_results(client: Any, todo: list[Input], settings: Settings, task: Task, timeout: float | None) -> Generator[tuple[Input, Outcome], None, None]:
    """Each input's outcome as its future finishes.

    No more futures are out than the cluster has threads, so that a future starts when it is
    submitted and its time is its own; one past ``timeout`` is cancelled and fails.
    """
    from dask.distributed import wait

    slots = max(1, sum(client.nthreads().values()))
    pending = deque(enumerate(todo))
    running: dict[Any, tuple[Input, float]] = {}
    while pending or running:
        while pending and len(running) < slots:
            index, item = pending.popleft()
            absolute = Input(path=item.path.resolve(), doc_id=item.doc_id, shown_path=item.shown_path)
            running[client.submit(task, absolute, settings, pure=False, key=f"pipeline-{item.doc_id}-{index}")] = (item, time.monotonic())
        deadline = None if timeout is None else min(begun for _, begun in running.values()) + timeout
        left = None if deadline is None else max(0.05, deadline - time.monotonic())
        try:
            done, _ = wait(list(running), timeout=left, return_when="FIRST_COMPLETED")
        except TimeoutError:  # dask's wait raises where concurrent.futures' returns
            done = set()
        for future in done:
            item, begun = running.pop(future)
            yield item, dask_outcome(future, item, time.monotonic() - begun)
        for future, (item, begun) in list(running.items()):
            if timeout is not None and time.monotonic() - begun >= timeout:
                future.cancel()
                del running[future]
                yield item, failed_outcome(item, reason("over the time limit", f"took more than {timeout:g} s (--timeout)"), timeout)


def dask_outcome(future: Any, item: Input, seconds: float) -> Outcome:
    try:
        outcome = future.result()
    except Exception as error:  # noqa: BLE001  (the worker died, or the task failed on the cluster)
        outcome = failed_outcome(item, reason("worker died", f"on the Dask cluster: {error} ({type(error).__name__})"), seconds)
    future.release()
    return outcome
