"""A full disk and a kill at every write: the batch stops cleanly, and the rerun gives the
same files as a batch never stopped.

The real full disk is a small tmpfs, mounted where the tests may (as root, in CI); a fake
that raises ``ENOSPC`` at the n-th write, and one that kills the batch there, run everywhere.
"""

from __future__ import annotations

import csv
import errno
import json
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch import run_batch
from pipeline.errors import BatchStopped

from .fault_inputs import TEXT_EXPORT

ROOT = Path(__file__).resolve().parents[1]


def make_raw(folder: Path, count: int, repeat: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"brief-{n}.txt").write_bytes(TEXT_EXPORT.replace(b"KEY", f"BRIEF {n}".encode()) * repeat)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def outputs(clean: Path) -> dict[str, object]:
    """The documents' files, the corpus and the manifest without its timings (a document the
    rerun found done is ``skipped`` where the uninterrupted batch said ``ok``)."""
    files: dict[str, object] = {
        p.relative_to(clean).as_posix(): p.read_bytes()
        for p in sorted(clean.rglob("*"))
        if p.is_file() and not p.relative_to(clean).parts[0].startswith(".") and p.name != "manifest.csv"
    }
    with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        files["manifest.csv"] = [
            {k: ("ok" if k == "status" and v == "skipped" else v) for k, v in row.items() if k != "seconds"} for row in csv.DictReader(handle)
        ]
    return files


def assert_no_torn_state(clean: Path) -> None:
    """No torn journal line, no half-written folder under a document's name."""
    journal = clean / ".journal.jsonl"
    if journal.exists():
        text = journal.read_text(encoding="utf-8")
        assert text == "" or text.endswith("\n")
        for line in text.splitlines():
            json.loads(line)
    for folder in clean.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            assert {"text.txt", "text.md", "document.json", "footnotes.csv"} <= {p.name for p in folder.iterdir()}, folder


# --- a fault at the n-th write ----------------------------------------------------------------

COUNTER = "PIPELINE_TEST_WRITE_COUNTER"


def faulty(original, action: str, at: int, batch_pid: int, counter: Path):
    """``original`` preceded by a count of writes (kept in a file: workers count too) and, at
    the ``at``-th, a full disk or a kill of the batch."""

    def wrapper(*args, **kwargs):
        with counter.open("ab") as handle:
            handle.write(b".")
        if counter.stat().st_size == at:
            if action == "kill":
                os.kill(batch_pid, signal.SIGKILL)
                os._exit(1)
            raise OSError(errno.ENOSPC, "No space left on device (test)")
        return original(*args, **kwargs)

    return wrapper


def batch_with_fault(raw: Path, clean: Path, action: str, at: int, counter: Path) -> None:
    """Run in a forked process: every write point of the batch and its workers counted."""
    import pipeline.batch
    import pipeline.manifest
    import pipeline.write

    pid = os.getpid()
    for module, name in ((pipeline.manifest, "publish_folder"), (pipeline.manifest, "remove_folder"),
                         (pipeline.manifest, "write_text_atomically"), (pipeline.batch, "write_text_atomically"),
                         (pipeline.write, "fill_folder")):
        setattr(module, name, faulty(getattr(module, name), action, at, pid, counter))
    pipeline.manifest.Ledger.append = faulty(pipeline.manifest.Ledger.append, action, at, pid, counter)
    try:
        run_batch(raw, clean, jobs=1)
    except BatchStopped:
        os._exit(3)
    os._exit(0)


def run_with_fault(raw: Path, clean: Path, action: str, at: int, counter: Path) -> int:
    counter.unlink(missing_ok=True)
    context = multiprocessing.get_context("fork")
    process = context.Process(target=batch_with_fault, args=(raw, clean, action, at, counter))
    process.start()
    process.join(120)
    return process.exitcode


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("writes")
    raw = make_raw(root / "raw", 3, 2)
    whole = root / "whole"
    run_batch(raw, whole, jobs=1)
    counter = root / "counter"
    assert run_with_fault(raw, root / "count", "none", 10**6, counter) == 0
    return raw, outputs(whole), counter.stat().st_size


@pytest.mark.parametrize("action", ["kill", "disk full"])
def test_a_fault_at_every_write_then_a_rerun_gives_the_same_files(small_batch, tmp_path, action):
    raw, expected, writes = small_batch
    assert writes >= 8
    for at in range(1, writes + 1):
        clean = tmp_path / f"clean-{at}"
        code = run_with_fault(raw, clean, action, at, tmp_path / "counter")
        assert code == (-signal.SIGKILL if action == "kill" else 3), (action, at, code)
        if clean.exists():
            assert_no_torn_state(clean)
        run_batch(raw, clean, jobs=1)
        assert outputs(clean) == expected, (action, at)


# --- a real full disk -------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 600 KB tmpfs (root only); unmounted after the test."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount_point)], capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root): the fake full disk above still runs")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


def test_a_full_disk_stops_the_batch_with_one_line_and_the_rerun_goes_on(tmp_path, small_disk):
    raw = make_raw(tmp_path / "raw", 8, 60)
    whole = tmp_path / "whole"
    run_batch(raw, whole, jobs=1)
    clean = small_disk / "clean"
    command = [sys.executable, "-m", "pipeline", "run", str(raw), str(clean), "--jobs", "1", "-q"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("failed ")]
    assert len(lines) == 1 and "disk full" in lines[0] and "run again" in lines[0], result.stderr
    assert_no_torn_state(clean)
    assert not [p for p in clean.iterdir() if p.name.startswith(".tmp-")]
    subprocess.run(["mount", "-o", "remount,size=20m", str(small_disk)], check=True)
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 1, result.stderr  # empty.txt fails, as in the uninterrupted run
    assert outputs(clean) == outputs(whole)
