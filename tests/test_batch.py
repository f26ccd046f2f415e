"""Batches that archivists can trust: isolation, determinism, crash safety, incremental reruns.

One batch of 40+ inputs (variants of the seed export, small reportlab PDFs) with bad ones
mixed in: each bad one becomes a failed row with a one-line reason, and the rest is written.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch import discover, run_batch
from pipeline.manifest import JOURNAL, Ledger, folder_stamp
from pipeline.manifest import read_manifest as read_current
from pipeline.process import process
from pipeline.workers import Limits

from .conftest import SEED, require

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
UNDECODABLE = b"\x81\x8d\x8f\x90\x9d" * 40
SENTENCES = [
    "Immigrants make us a safer and stronger nation.", "Local police agree with the sheriff.",
    "Support localities exercising their discretion.", "Demand accountability for enforcement operations.",
    "Combat efforts to force cooperation.", "Questions go to the office in Chicago.",
]
"""Distinct per page: a line repeated on every page would be dropped as a running header."""
TIMEOUT = 3.0
"""Far above a brief's time (0.07 s) even on a loaded machine, far below ``slow.txt``'s."""
SLOW_COPIES = 800
"""The seed export repeated this often takes about a minute, far past ``TIMEOUT``."""


def seed_bytes() -> bytes:
    return require(SEED / "briefing-interior-enforcement.txt").read_bytes()


def seed_variants(count: int, *, copies: int = 1) -> dict[str, bytes]:
    """The seed export with one word changed per variant, so each has its own hash and text."""
    seed = seed_bytes()
    return {f"brief-{n:02d}.txt": seed.replace(b"Washtenaw,", f"Washtenaw-{n},".encode(), 1) * copies for n in range(count)}


def make_pdf(path: Path, pages: int, *, encrypt: str | None = None, label: str = "") -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    document = canvas.Canvas(str(path), invariant=1, encrypt=encrypt)
    for page in range(pages):
        first, second = SENTENCES[(2 * page) % len(SENTENCES)], SENTENCES[(2 * page + 1) % len(SENTENCES)]
        document.drawString(72, 700, f"{first} ({label})")
        document.drawString(72, 686, second)
        document.showPage()
    document.save()


def read_manifest(clean: Path) -> dict[str, dict[str, str]]:
    with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def output_bytes(clean: Path) -> dict[str, bytes]:
    """Every per-document file and corpus.jsonl: what must not depend on how the batch ran."""
    return {
        p.relative_to(clean).as_posix(): p.read_bytes()
        for p in sorted(clean.rglob("*"))
        if p.is_file() and not p.relative_to(clean).parts[0].startswith(".") and p.name != "manifest.csv"
    }


def assert_consistent(clean: Path, *, killed: bool = False) -> None:
    """The folders and the record of them agree exactly: every folder has its row, every row
    that says written has its folder and describes it (same source hash), and corpus.jsonl
    holds each folder's text in manifest order. After a kill the record is what a reader gets
    from :func:`pipeline.manifest.read_manifest` (the files with the journal folded in), and
    manifest.csv alone may lag but never lists a missing folder; hidden staging folders of
    the documents in flight may remain, for the next run to remove."""
    folders = {p.name for p in clean.iterdir() if p.is_dir() and not p.name.startswith(".")}
    rows, lines = read_current(clean)
    written = {row["id"]: row for row in rows if row["status"] in ("ok", "skipped")}
    assert set(written) == folders
    for doc_id, row in written.items():
        document = json.loads((clean / doc_id / "document.json").read_text(encoding="utf-8"))
        assert document["source"]["sha256"] == row["sha256"], doc_id
    corpus = [json.loads(line) for line in lines]
    assert [record["id"] for record in corpus] == sorted(written, key=lambda i: written[i]["source"])
    for record in corpus:
        assert record["text"] == (clean / record["id"] / "text.txt").read_text(encoding="utf-8")
    if (clean / "manifest.csv").exists():
        on_file = read_manifest(clean)
        assert {i for i, row in on_file.items() if row["status"] in ("ok", "skipped")} <= folders
    if killed:
        return
    assert list(read_manifest(clean).values()) == rows
    assert (clean / "corpus.jsonl").read_text(encoding="utf-8") == "".join(line + "\n" for line in lines)
    assert not (clean / JOURNAL).exists()
    assert not [p for p in clean.iterdir() if p.name.startswith((".tmp-", ".old-"))]


BAD = {
    "empty.txt": ("empty", b""),
    "image.pdf": ("PNG", PNG),
    "undecodable.txt": ("undecodable", UNDECODABLE),
}


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "raw"
    folder.mkdir()
    for name, data in seed_variants(40).items():
        (folder / name).write_bytes(data)
    for name, (_, data) in BAD.items():
        (folder / name).write_bytes(data)
    (folder / "slow.txt").write_bytes(seed_bytes() * SLOW_COPIES)
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return folder
    for n in range(3):
        make_pdf(folder / f"leaflet-{n}.pdf", n + 1, label=f"number {n}")
    make_pdf(folder / "locked.pdf", 1, encrypt="secret")
    good = (folder / "leaflet-2.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 2])
    return folder


@pytest.fixture(scope="module")
def warm() -> None:
    """Load the lazily loaded word lists once, here: forked workers then start warm, and the
    short timeout measures documents, not imports."""
    process(SEED / "briefing-interior-enforcement.txt")


@pytest.fixture(scope="module")
def first_run(raw, warm, tmp_path_factory):
    clean = tmp_path_factory.mktemp("first") / "clean"
    rows, summary = run_batch(raw, clean, jobs=2, limits=Limits(timeout=TIMEOUT, max_memory=2048))
    return clean, rows, summary


def test_each_bad_input_fails_alone_with_a_one_line_reason(raw, first_run):
    clean, rows, summary = first_run
    manifest = read_manifest(clean)
    assert len(manifest) == len(discover(raw)) >= 44
    for name, (reason, _) in BAD.items():
        row = manifest[name.rsplit(".", 1)[0]]
        assert row["status"] == "failed" and reason in row["error"], row
    assert manifest["slow"]["status"] == "failed"
    assert manifest["slow"]["error"] == f"over the time limit: took more than {TIMEOUT:g} s (--timeout)"
    assert manifest["slow"]["sha256"]  # a killed document still gets its hash in the manifest
    if "locked" in manifest:
        assert manifest["locked"]["status"] == "failed" and "encrypted" in manifest["locked"]["error"]
        assert manifest["truncated"]["status"] == "failed" and manifest["truncated"]["error"]
    for row in manifest.values():
        assert "\n" not in row["error"]
        if row["status"] == "failed":
            assert row["error"] and not (clean / row["id"]).exists()
    good = [i for i in manifest if i.startswith(("brief-", "leaflet-"))]
    assert len(good) >= 40
    for doc_id in good:
        assert manifest[doc_id]["status"] == "ok", manifest[doc_id]
        assert (clean / doc_id / "text.txt").read_text(encoding="utf-8")
    assert summary.counts["ok"] == len(good)
    assert summary.counts["failed"] == len(manifest) - len(good)
    assert [row["source"] for row in rows] == sorted(row["source"] for row in rows)
    assert_consistent(clean)


def test_jobs_1_and_jobs_2_write_identical_bytes(raw, first_run, tmp_path):
    clean, _, _ = first_run
    other = tmp_path / "clean"
    run_batch(raw, other, jobs=1, only="[bl]*")  # the good ones (brief-*, leaflet-*) and locked
    run_batch(raw, other, jobs=1, only="[!bl]*", limits=Limits(timeout=TIMEOUT))
    assert output_bytes(other) == output_bytes(clean)
    assert read_manifest(other).keys() == read_manifest(clean).keys()


def test_unchanged_inputs_are_skipped_changed_ones_redone(raw, first_run, tmp_path):
    clean = tmp_path / "clean"
    run_batch(raw, clean, jobs=2, only="brief-*")
    before = output_bytes(clean)
    rows, summary = run_batch(raw, clean, jobs=2, only="brief-*")
    assert {row["status"] for row in rows} == {"skipped"}
    assert summary.counts["skipped"] == 40
    assert output_bytes(clean) == before
    index = json.loads((clean / ".sources.json").read_text(encoding="utf-8"))
    assert len(index) == 40
    # same size and time, other content: trusted (that is what the index is for) ...
    # ... but a new time means hashing again, and new content means a new document
    path = raw / "brief-07.txt"
    original = path.read_bytes()
    try:
        path.write_bytes(original.replace(b"Washtenaw-7,", b"Washtenaw-70,", 1))  # not another input's bytes
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
        rows, _ = run_batch(raw, clean, jobs=2, only="brief-*")
        status = {row["id"]: row["status"] for row in rows}
        assert status.pop("brief-07") == "ok"
        assert set(status.values()) == {"skipped"}
        assert "Washtenaw-70" in (clean / "brief-07" / "text.txt").read_text(encoding="utf-8")
    finally:
        path.write_bytes(original)
    assert_consistent(clean)


def test_changed_settings_redo_every_document(raw, tmp_path):
    from pipeline.settings import Settings

    clean = tmp_path / "clean"
    run_batch(raw, clean, only="brief-0*")
    rows, _ = run_batch(raw, clean, Settings.from_mapping({"normalize": {"straighten_quotes": True}}), only="brief-0*")
    assert {row["status"] for row in rows} == {"ok"}
    document = json.loads((clean / "brief-01" / "document.json").read_text(encoding="utf-8"))
    assert document["pipeline"]["settings"]["normalize"]["straighten_quotes"] is True
    assert "“" not in (clean / "brief-01" / "text.txt").read_text(encoding="utf-8")


def test_a_document_over_the_memory_limit_fails_and_the_batch_goes_on(tmp_path):
    """Run from a fresh process: this one's heap, grown by other tests, would blur the limit."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "big.txt").write_bytes(seed_bytes() * 400)
    (raw / "small.txt").write_bytes(seed_bytes())
    command = run_command(raw, tmp_path / "clean", "--jobs", "1", "--max-memory", "150")
    _, err = command.communicate(timeout=120)
    assert command.returncode == 1, err
    assert "failed  raw/big.txt: over the memory limit: needed more than 150 MB (--max-memory)" in err
    manifest = read_manifest(tmp_path / "clean")
    assert manifest["small"]["status"] == "ok"
    assert manifest["big"]["error"] == "over the memory limit: needed more than 150 MB (--max-memory)"


def test_a_worker_that_dies_is_replaced(tmp_path, monkeypatch):
    """A worker killed from outside (the kernel's OOM killer, a segfault) is a failed row."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in seed_variants(4).items():
        (raw / name).write_bytes(data)
    (raw / "slow.txt").write_bytes(seed_bytes() * SLOW_COPIES)
    from pipeline import workers

    original = workers.Worker.__init__
    victims = []

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        victims.append(self.process)

    monkeypatch.setattr(workers.Worker, "__init__", spy)

    def kill_slow_one(outcome):
        for process_ in victims:
            if process_.is_alive():
                os.kill(process_.pid, signal.SIGKILL)

    rows, _ = run_batch(raw, tmp_path / "clean", jobs=1, only="slow.txt", report=None, limits=Limits(timeout=30),
                        announce=lambda total, todo: __import__("threading").Timer(0.5, kill_slow_one, args=(None,)).start())
    assert rows[0]["status"] == "failed"
    assert rows[0]["error"] == "worker died: killed by SIGKILL"
    rows, _ = run_batch(raw, tmp_path / "clean", jobs=1, only="brief-*")
    assert {row["status"] for row in rows} == {"ok"}


def run_command(raw: Path, clean: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", str(raw), str(clean), "--quiet", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def survivors(clean: Path) -> list[int]:
    """Processes still running with ``clean`` on their command line (the batch's workers)."""
    deadline = time.monotonic() + 5
    while True:
        found = []
        for entry in Path("/proc").glob("[0-9]*"):
            try:
                if str(clean).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def document_folders(clean: Path) -> set[str]:
    return {p.name for p in clean.iterdir() if p.is_dir() and p.name.startswith("brief-")} if clean.exists() else set()


def journal_lines(clean: Path) -> int:
    try:
        return (clean / JOURNAL).read_bytes().count(b"\n")
    except OSError:
        return 0


def kill_when(command: subprocess.Popen, clean: Path, ready) -> None:
    """SIGKILL the batch as soon as ``ready(clean)`` holds; fail when it finished first."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and command.poll() is None:
        if ready(clean):
            break
        time.sleep(0.002)
    command.send_signal(signal.SIGKILL)
    command.wait()
    assert not survivors(clean), "a worker outlived the killed batch"
    if command.returncode != -signal.SIGKILL:
        pytest.fail("the batch finished before it could be killed: make the inputs larger")


def test_a_killed_batch_leaves_a_consistent_record_and_resumes_to_the_same_bytes(tmp_path):
    """Killed twice (the second time with the first kill's journal not yet folded in), the
    record always says exactly which folders are there; the third run finishes the rest."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in seed_variants(40, copies=4).items():
        (raw / name).write_bytes(data)
    (raw / "empty.txt").write_bytes(b"")
    whole = tmp_path / "whole"
    assert run_command(raw, whole, "--jobs", "2").wait(timeout=120) == 1  # empty.txt fails

    clean = tmp_path / "clean"
    kill_when(run_command(raw, clean, "--jobs", "1"), clean, lambda c: len(document_folders(c)) >= 8)
    assert_consistent(clean, killed=True)
    assert len(read_current(clean)[0]) >= 8  # the journal lists what manifest.csv does not yet

    kill_when(run_command(raw, clean, "--jobs", "2"), clean, lambda c: len(document_folders(c)) >= 24)
    written = document_folders(clean)
    assert_consistent(clean, killed=True)

    resumed = run_command(raw, clean, "--jobs", "2")
    assert resumed.wait(timeout=120) == 1
    manifest = read_manifest(clean)
    assert sum(row["status"] == "skipped" for row in manifest.values()) >= len(written)
    assert output_bytes(clean) == output_bytes(whole)
    assert_consistent(clean)


def test_a_batch_killed_while_redoing_changed_documents_keeps_rows_that_describe_the_folders(tmp_path):
    """Every input changed since the last run: each row must describe the folder that is
    there, old or new, whenever the batch is killed."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in seed_variants(30, copies=4).items():
        (raw / name).write_bytes(data)
    clean = tmp_path / "clean"
    assert run_command(raw, clean, "--jobs", "2").wait(timeout=120) == 0
    for path in raw.iterdir():
        path.write_bytes(path.read_bytes().replace(b"Washtenaw-", b"Washtenaw-revised-", 1))
    kill_when(run_command(raw, clean, "--jobs", "1"), clean, lambda c: journal_lines(c) >= 10)
    assert_consistent(clean, killed=True)
    revised = {row["id"] for row in read_current(clean)[0] if "revised" in (clean / row["id"] / "text.txt").read_text(encoding="utf-8")}
    assert 9 <= len(revised) < 30

    assert run_command(raw, clean, "--jobs", "2").wait(timeout=120) == 0
    assert_consistent(clean)
    assert all("revised" in (clean / doc_id / "text.txt").read_text(encoding="utf-8") for doc_id in read_manifest(clean))


def test_a_journal_line_whose_folder_never_got_in_place_is_ignored(tmp_path):
    """A kill between a document's journal line and the rename of its folder: the earlier row
    still describes the folder that is there; once the folder is in place, the line holds."""
    from pipeline.write import publish_folder, stage_files

    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in seed_variants(3).items():
        (raw / name).write_bytes(data)
    clean = tmp_path / "clean"
    run_batch(raw, clean)
    before = read_manifest(clean)
    files = {p.name: p.read_text(encoding="utf-8") for p in (clean / "brief-01").iterdir() if p.is_file()}
    other = "0" * 64
    files.update({"text.txt": "A new version.\n", "document.json": files["document.json"].replace(before["brief-01"]["sha256"], other)})
    staged = stage_files(files.items(), clean / ".tmp-brief-01")
    new_row = dict(before["brief-01"], sha256=other, words="3")
    ledger = Ledger(clean)
    ledger.append(new_row, folder_stamp(staged))
    ledger.close()
    rows, _ = read_current(clean)
    assert rows[1] == before["brief-01"]
    assert_consistent(clean, killed=True)

    publish_folder(staged, clean / "brief-01")
    rows, lines = read_current(clean)
    assert rows[1] == new_row
    assert json.loads(lines[1])["text"] == files["text.txt"]
    assert_consistent(clean, killed=True)

    rows, _ = run_batch(raw, clean)  # the folder's document.json names another source: redone
    assert [row["status"] for row in rows] == ["skipped", "ok", "skipped"]
    assert_consistent(clean)


def test_a_rerun_with_nothing_to_do_reads_no_folder_and_rewrites_nothing(raw, tmp_path, monkeypatch):
    from pipeline import cache

    clean = tmp_path / "clean"
    run_batch(raw, clean, only="brief-0*")
    run_batch(raw, clean, only="brief-0*")  # the rows now say skipped
    files = ["manifest.csv", "corpus.jsonl", ".sources.json"]
    times = {name: (clean / name).stat().st_mtime_ns for name in files}

    def unexpected(folder):
        raise AssertionError(f"read {folder}")

    with monkeypatch.context() as patch:
        patch.setattr(cache, "read_folder", unexpected)
        patch.setattr(cache, "describe_source", unexpected)
        rows, _ = run_batch(raw, clean, only="brief-0*")
    assert {row["status"] for row in rows} == {"skipped"}
    assert {name: (clean / name).stat().st_mtime_ns for name in files} == times

    # a folder edited by hand has another stamp: it is read again, and the corpus follows it
    text = clean / "brief-03" / "text.txt"
    text.write_text(text.read_text(encoding="utf-8") + "Edited by hand.\n", encoding="utf-8")
    rows, _ = run_batch(raw, clean, only="brief-0*")
    assert {row["status"] for row in rows} == {"skipped"}
    assert "Edited by hand." in read_current(clean)[1][3]
    assert_consistent(clean)


def test_leftovers_of_interrupted_writes_are_removed_at_start(raw, tmp_path):
    clean = tmp_path / "clean"
    run_batch(raw, clean, only="brief-00*")
    (clean / ".tmp-brief-01").mkdir()
    (clean / ".tmp-brief-01" / "text.txt").write_text("half", encoding="utf-8")
    (clean / ".old-brief-00-123").mkdir()
    (clean / ".tmp-manifest.csv-abc").write_text("half", encoding="utf-8")
    run_batch(raw, clean, only="brief-00*")
    assert_consistent(clean)


def test_sigterm_stops_the_batch_with_its_manifest_written(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in seed_variants(30, copies=4).items():
        (raw / name).write_bytes(data)
    clean = tmp_path / "clean"
    command = run_command(raw, clean, "--jobs", "2")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and command.poll() is None:
        if clean.exists() and sum(1 for p in clean.iterdir() if p.name.startswith("brief-")) >= 5:
            break
        time.sleep(0.005)
    command.terminate()
    _, err = command.communicate(timeout=60)
    if command.returncode == 0:
        pytest.fail("the batch finished before it could be stopped: make the inputs larger")
    assert command.returncode == 130, err
    assert "interrupted" in err
    assert not survivors(clean)
    assert_consistent(clean)  # the stopped batch wrote its manifest on the way out
    assert 5 <= len(read_manifest(clean)) < 30


def test_command_exit_status_and_summary(raw, tmp_path):
    clean = tmp_path / "clean"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(raw), str(clean), "--only", "brief-0*", "--jobs", "2"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "10 ok, 0 skipped, 0 failed" in result.stdout
    assert "pages/s" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(raw), str(clean), "--only", "*.txt", "--jobs", "2", "--timeout", f"{TIMEOUT:g}", "--quiet"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert f"failed  raw/slow.txt: over the time limit: took more than {TIMEOUT:g} s (--timeout)" in result.stderr
    assert "10 skipped" in result.stdout
    assert "ok " not in result.stdout.replace("ok,", "")  # --quiet: no line per document
