"""Nothing lost, nothing let in, every failure told truly: faulty inputs through ``pipeline run``.

Inputs are made here (``tests/fault_inputs.py``): every input must have one manifest row,
every reason must be of a known kind, no file outside RAW may reach the output, and no
traceback may be printed.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import run_batch
from pipeline.clean_folder import lock_clean
from pipeline.discovery import Found, assign_ids, discover
from pipeline.errors import FAILURE_KINDS, failure_kind
from pipeline.settings import Settings
from pipeline.version import DISTRIBUTION
from pipeline.workers import Input, Outcome, process_input, stage_outcome

from .fault_inputs import SECRET, TEXT_EXPORT, flip_bytes, make_fault_folder

ROOT = Path(__file__).resolve().parents[1]


def pipeline_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", "run", *args], capture_output=True, text=True, cwd=ROOT, check=False)


def manifest_rows(clean: Path) -> list[dict[str, str]]:
    with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def output_bytes(clean: Path) -> dict[str, bytes]:
    return {
        p.relative_to(clean).as_posix(): p.read_bytes()
        for p in sorted(clean.rglob("*"))
        if p.is_file() and not p.relative_to(clean).parts[0].startswith(".")
    }


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    pytest.importorskip("reportlab")
    root = tmp_path_factory.mktemp("faults")
    raw, expected = make_fault_folder(root, bomb_megabytes=400)
    clean = root / "clean"
    result = pipeline_run(str(raw), str(clean), "--jobs", "2", "--timeout", "60", "--max-memory", "300")
    return raw, clean, expected, result


def test_every_input_has_one_row_with_a_true_reason(fault_run):
    _, clean, expected, result = fault_run
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    rows = manifest_rows(clean)
    assert sorted(row["source"] for row in rows) == sorted(expected)
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        if row["status"] == "failed":
            kind = failure_kind(row["error"])
            assert kind and row["failure"] == kind, row
            assert kind in expected[row["source"]], row
            assert "\n" not in row["error"]
        else:
            assert "ok" in expected[row["source"]], row


def test_nothing_from_outside_raw_gets_in(fault_run):
    _, clean, _, _ = fault_run
    corpus = (clean / "corpus.jsonl").read_text(encoding="utf-8")
    assert SECRET not in corpus and "root:x:0:0" not in corpus
    for path in clean.rglob("*.txt"):
        assert SECRET not in path.read_text(encoding="utf-8", errors="replace")


def test_names_that_give_one_id_each_keep_their_document(fault_run):
    _, clean, _, _ = fault_run
    by_source = {row["source"]: row for row in manifest_rows(clean)}
    first, second = by_source["raw/Same Name.txt"], by_source["raw/same-name.txt"]
    assert first["id"] != second["id"]
    assert "FIRST" in (clean / first["id"] / "text.txt").read_text(encoding="utf-8")
    assert "SECOND" in (clean / second["id"] / "text.txt").read_text(encoding="utf-8")
    records = [json.loads(line) for line in (clean / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({record["id"] for record in records}) == len(records)


def test_a_rerun_changes_nothing(fault_run, tmp_path):
    raw, clean, _, _ = fault_run
    before = output_bytes(clean)
    result = pipeline_run(str(raw), str(clean), "--jobs", "2", "--timeout", "60", "--max-memory", "300")
    assert "Traceback" not in result.stderr
    after = output_bytes(clean)
    assert before.keys() == after.keys()
    assert {k: v for k, v in before.items() if k != "manifest.csv"} == {k: v for k, v in after.items() if k != "manifest.csv"}


@pytest.mark.parametrize("seed", range(5))
def test_collision_rule_holds_whatever_the_order(seed):
    names = ["Same Name.txt", "same-name.txt", "same_name.txt", "report.pdf", "report.txt", "a/report.pdf"]
    found = [Found(path=Path("raw") / name, shown_path=f"raw/{name}", problem="") for name in names]
    expected = assign_ids(sorted(found, key=lambda item: item.shown_path), {})
    random.Random(seed).shuffle(found)
    ids = assign_ids(found, {})
    assert ids == expected
    assert len(set(ids.values())) == len(names)


def test_an_id_once_given_stays(tmp_path):
    pytest.importorskip("reportlab")
    from .fault_inputs import good_pdf

    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / "report.pdf").write_bytes(good_pdf(1, label="report"))
    run_batch(raw, clean)
    assert (clean / "report" / "text.txt").exists()
    (raw / "report.txt").write_bytes(TEXT_EXPORT)
    rows, _ = run_batch(raw, clean)
    assert {row["source"]: row["id"] for row in rows} == {"raw/report.pdf": "report", "raw/report.txt": "report-txt"}
    assert "report" in (clean / "report" / "text.txt").read_text(encoding="utf-8")


def test_clean_inside_raw_is_never_read(tmp_path):
    raw = tmp_path / "nested"
    raw.mkdir()
    (raw / "brief.txt").write_bytes(TEXT_EXPORT)
    for _ in range(2):
        rows, _ = run_batch(raw, raw / "clean")
    assert [row["source"] for row in rows] == ["nested/brief.txt"]
    assert pipeline_run(str(raw), str(raw)).returncode == 2


def test_a_long_id_whose_input_goes_does_not_stop_later_runs(tmp_path):
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    long_name = raw / ("x" * 240 + ".txt")
    long_name.write_bytes(TEXT_EXPORT)
    (raw / "other.txt").write_bytes(TEXT_EXPORT)
    run_batch(raw, clean)
    long_name.unlink()
    (raw / "other.txt").write_bytes(TEXT_EXPORT + b"More.\n")
    rows, _ = run_batch(raw, clean)
    rows, _ = run_batch(raw, clean)
    assert [row["status"] for row in rows] == ["skipped"]
    assert not [p for p in clean.iterdir() if p.name.startswith((".old-", ".tmp-"))]


def test_links_planted_in_clean_are_not_written_through(tmp_path):
    raw, clean, outside = tmp_path / "raw", tmp_path / "clean", tmp_path / "outside"
    for folder in (raw, clean, outside):
        folder.mkdir()
    (raw / "brief.txt").write_bytes(TEXT_EXPORT)
    (outside / "journal").write_text("mine\n", encoding="utf-8")
    (clean / ".journal.jsonl").symlink_to(outside / "journal")
    (clean / ".stages").symlink_to(outside, target_is_directory=True)
    result = pipeline_run(str(raw), str(clean), "--keep-stages", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["journal"]
    assert (outside / "journal").read_text(encoding="utf-8") == "mine\n"
    assert (clean / ".stages" / "brief" / "extract.jsonl").exists()


def test_a_table_file_name_that_would_leave_the_folder_is_not_written(tmp_path):
    item = Input(path=tmp_path / "x.txt", doc_id="x", shown_path="raw/x.txt")
    row = {"id": "x", "source": "raw/x.txt", "status": "ok", "error": ""}
    outcome = stage_outcome(Outcome(row=row, files={"text.txt": "a\n", "tables/../../../../x.csv": "1\n"}), tmp_path / "clean" / ".tmp-x")
    assert outcome.staged is None and outcome.row["failure"] == "not written"
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "clean" / ".tmp-x").exists()
    del item


def test_a_second_run_on_a_locked_clean_stops_with_one_line(tmp_path):
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    clean.mkdir()
    (raw / "brief.txt").write_bytes(TEXT_EXPORT)
    with lock_clean(clean):
        result = pipeline_run(str(raw), str(clean))
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0 and "another batch" in result.stderr
    assert not (clean / "brief").exists()


def test_dask_missing_is_one_line_and_status_2(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "brief.txt").write_bytes(TEXT_EXPORT)
    code = (
        "import sys; sys.modules['dask'] = None; sys.modules['dask.distributed'] = None\n"
        "from pipeline.cli import main\n"
        f"sys.exit(main(['run', {str(raw)!r}, {str(tmp_path / 'clean')!r}, '--dask', 'local']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and f"{DISTRIBUTION}[dask]" in result.stderr
    assert not (tmp_path / "clean" / "manifest.csv").exists()


def test_a_file_changed_while_read_is_not_kept_under_the_old_hash(tmp_path, monkeypatch):
    import importlib

    module = importlib.import_module("pipeline.process")
    path = tmp_path / "brief.txt"
    path.write_bytes(TEXT_EXPORT)
    original = module.process

    def process_while_it_changes(*args, **kwargs):
        document = original(*args, **kwargs)
        path.write_bytes(TEXT_EXPORT + b"A new paragraph written meanwhile.\n")
        return document

    monkeypatch.setattr(module, "process", process_while_it_changes)
    outcome = process_input(Input(path=path, doc_id="brief", shown_path="raw/brief.txt"), Settings())
    assert outcome.row["status"] == "failed" and outcome.row["failure"] == "changed while read"


def test_an_interrupted_batch_keeps_the_rows_of_failed_inputs(tmp_path):
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for n in range(3):
        (raw / f"brief-{n}.txt").write_bytes(TEXT_EXPORT * (n + 2))
    (raw / "empty.txt").write_bytes(b"")
    run_batch(raw, clean)

    def interrupt(outcome):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(raw, clean, force=True, report=interrupt)
    rows = {row["id"]: row for row in manifest_rows(clean)}
    assert rows["empty"]["status"] == "failed" and rows["empty"]["failure"] == "empty"
    assert len(rows) == 4


# --- mutated inputs -------------------------------------------------------------------------

SMALL_PDF: bytes | None = None


def small_pdf() -> bytes:
    global SMALL_PDF
    if SMALL_PDF is None:
        from .fault_inputs import good_pdf

        SMALL_PDF = good_pdf(2, label="mutated")
    return SMALL_PDF


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["pdf", "txt"]),
    seed=st.integers(0, 2**16),
    flips=st.integers(0, 40),
    cut=st.floats(0.0, 1.0),
)
def test_mutated_inputs_are_ok_or_fail_with_a_known_kind(kind, seed, flips, cut):
    pytest.importorskip("reportlab")
    data = small_pdf() if kind == "pdf" else TEXT_EXPORT
    data = flip_bytes(data, seed, flips) if flips else data
    data = data[: max(0, int(len(data) * cut))] if cut < 0.95 else data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"mutated.{kind}"
        path.write_bytes(data)
        outcome = process_input(Input(path=path, doc_id="mutated", shown_path=f"raw/mutated.{kind}"), Settings())
    row = outcome.row
    assert row["status"] in ("ok", "failed")
    if row["status"] == "failed":
        assert row["failure"] in FAILURE_KINDS and row["failure"] != "internal error", row["error"]


def test_discovery_lists_links_and_pipes_with_their_reason(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir()
    outside.mkdir()
    (outside / "x.txt").write_bytes(TEXT_EXPORT)
    (raw / "out.txt").symlink_to(outside / "x.txt")
    (raw / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(raw / "pipe.txt")
    problems = {item.shown_path: failure_kind(item.problem) for item in discover(raw)}
    assert problems == {"raw/loop.txt": "link loop", "raw/out.txt": "link outside RAW", "raw/pipe.txt": "unreadable"}
    followed = {item.shown_path: item.problem for item in discover(raw, follow_links=True)}
    assert followed["raw/out.txt"] == ""


def sleep_on_slow(item, settings):
    """A task for the Dask test: hangs on ``slow.txt``, reads the others."""
    import time as clock

    if item.path.name == "slow.txt":
        clock.sleep(120)
    return process_input(item, settings)


@pytest.mark.slow
def test_dask_local_keeps_its_scratch_in_clean_and_honours_the_timeout(tmp_path):
    pytest.importorskip("dask.distributed")
    from pipeline.workers import run_dask

    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    clean.mkdir()
    (raw / "slow.txt").write_bytes(TEXT_EXPORT)
    (raw / "brief.txt").write_bytes(TEXT_EXPORT)
    before = set(Path(tempfile.gettempdir()).iterdir())
    scratch_seen = []

    def outcomes():
        for item, outcome in run_dask(discover(raw), Settings(), "local", sleep_on_slow, clean=clean, timeout=8):
            scratch_seen.append((clean / ".dask-scratch").exists())
            yield item, outcome

    rows = {item.doc_id: outcome.row for item, outcome in outcomes()}
    assert rows["brief"]["status"] == "ok"
    assert rows["slow"]["failure"] == "over the time limit"
    assert any(scratch_seen) and not (clean / ".dask-scratch").exists()
    assert not {p for p in set(Path(tempfile.gettempdir()).iterdir()) - before if "dask" in p.name}
