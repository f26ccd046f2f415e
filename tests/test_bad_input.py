"""Bad inputs in a batch: each becomes a failed manifest row, the rest of the batch goes on."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from pipeline.batch import run_batch

from .export_factory import Heading, Paragraph, Variant, make_export

GOOD = make_export(
    [Heading("KEY PROVISIONS"), Paragraph("Immigrants make us a safer and stronger nation.{i} Local police agree.")]
).data
OTHER = make_export([Paragraph("Support localities exercising their discretion."), Paragraph("Contact the office.")], Variant()).data
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
UNDECODABLE = b"\x81\x8d\x8f\x90\x9d" * 40
BAD = {
    "empty.txt": b"",
    "image.txt": PNG,
    "undecodable.txt": UNDECODABLE,
    "blank.txt": " \t\n\u00a0\n\n   \n".encode(),
}


def read_manifest(clean):
    with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def read_corpus(clean):
    return [json.loads(line) for line in (clean / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "good.txt").write_bytes(GOOD)
    (folder / "other.txt").write_bytes(OTHER)
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    return folder


def test_bad_files_fail_alone(raw, tmp_path):
    clean = tmp_path / "clean"
    run_batch(raw, clean)
    manifest = read_manifest(clean)
    assert {i: row["status"] for i, row in manifest.items()} == {
        "blank": "failed", "empty": "failed", "good": "ok", "image": "failed", "other": "ok", "undecodable": "failed",
    }
    for doc_id in ("blank", "empty", "image", "undecodable"):
        error = manifest[doc_id]["error"]
        assert error and "\n" not in error, doc_id
        assert not (clean / doc_id).exists(), doc_id
    assert "empty" in manifest["empty"]["error"]
    assert "PNG" in manifest["image"]["error"] or "binary" in manifest["image"]["error"]
    assert "undecodable" in manifest["undecodable"]["error"]
    assert "white space" in manifest["blank"]["error"] or "no text" in manifest["blank"]["error"]
    assert manifest["good"]["error"] == ""
    assert [record["id"] for record in read_corpus(clean)] == ["good", "other"]
    assert not [p for p in clean.rglob("*") if p.name.startswith((".tmp-", ".old-"))]
    assert sorted(p.name for p in clean.iterdir() if p.is_dir()) == ["good", "other"]


def test_command_exits_1_and_names_each_failure(raw, tmp_path):
    clean = tmp_path / "clean"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(raw), str(clean), "--jobs", "1"], capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    failures = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("failed")]
    assert len(failures) == 4, failures
    for name in BAD:
        assert sum(name in line for line in failures) == 1, (name, failures)
    assert "2 ok, 0 skipped, 4 failed" in result.stdout


def test_rerun_skips_unchanged_redoes_changed_and_drops_removed(raw, tmp_path):
    clean = tmp_path / "clean"
    run_batch(raw, clean)
    good_text = (clean / "good" / "text.txt").read_text(encoding="utf-8")

    rows, _ = run_batch(raw, clean)
    status = {row["id"]: row["status"] for row in rows}
    assert status["good"] == status["other"] == "skipped"
    assert status["empty"] == "failed"  # a failure is tried again, and fails again
    assert (clean / "good" / "text.txt").read_text(encoding="utf-8") == good_text
    assert [record["id"] for record in read_corpus(clean)] == ["good", "other"]
    assert read_corpus(clean)[0]["text"] == good_text

    (raw / "good.txt").write_bytes(make_export([Paragraph("A changed brief about local police.")]).data)
    (raw / "other.txt").unlink()
    rows, _ = run_batch(raw, clean)
    status = {row["id"]: row["status"] for row in rows}
    assert status["good"] == "ok"
    assert "other" not in status
    assert (clean / "good" / "text.txt").read_text(encoding="utf-8") == "A changed brief about local police.\n"
    assert not (clean / "other").exists()
    assert "other" not in read_manifest(clean)
    assert [record["id"] for record in read_corpus(clean)] == ["good"]


def test_failed_file_that_was_good_before_loses_its_folder(raw, tmp_path):
    clean = tmp_path / "clean"
    run_batch(raw, clean)
    (raw / "good.txt").write_bytes(b"")
    rows, _ = run_batch(raw, clean)
    assert {row["id"]: row["status"] for row in rows}["good"] == "failed"
    assert not (clean / "good").exists()
    assert [record["id"] for record in read_corpus(clean)] == ["other"]


def test_id_collisions_take_the_relative_path(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "a.txt").write_bytes(GOOD)
    (raw / "sub" / "a.txt").write_bytes(OTHER)
    (raw / "Brief 2017 (final).txt").write_bytes(GOOD + b"\nA final paragraph of its own.\n")  # not a copy of a.txt
    clean = tmp_path / "clean"
    rows, _ = run_batch(raw, clean)
    assert sorted((row["id"], row["source"], row["status"]) for row in rows) == [
        ("a-txt", "raw/a.txt", "ok"), ("brief-2017-final-", "raw/Brief 2017 (final).txt", "ok"),
        ("sub-a-txt", "raw/sub/a.txt", "ok"),
    ]
    for doc_id in ("a-txt", "sub-a-txt", "brief-2017-final-"):
        document = json.loads((clean / doc_id / "document.json").read_text(encoding="utf-8"))
        assert document["id"] == doc_id
    assert json.loads((clean / "sub-a-txt" / "document.json").read_text(encoding="utf-8"))["source"]["path"] == "raw/sub/a.txt"
