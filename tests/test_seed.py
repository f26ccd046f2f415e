"""The seed export against its hand-made gold (../shared/seed)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest

from pipeline.batch import run_batch

from .conftest import SEED, require

NAME = "briefing-interior-enforcement"


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory):
    export = require(SEED / f"{NAME}.txt")
    raw = tmp_path_factory.mktemp("batch") / "raw"
    raw.mkdir()
    shutil.copy(export, raw)
    clean = raw.parent / "clean"
    rows, _ = run_batch(raw, clean)
    assert rows[0]["status"] == "ok", rows[0]
    return clean / NAME


def gold_json():
    return json.loads((SEED / f"{NAME}.gold.json").read_text(encoding="utf-8"))


def test_text_equals_gold(seed_output):
    text = (seed_output / "text.txt").read_text(encoding="utf-8")
    assert text == (SEED / f"{NAME}.gold.txt").read_text(encoding="utf-8")


def test_footnotes_equal_gold(seed_output):
    with (seed_output / "footnotes.csv").open(encoding="utf-8", newline="") as handle:
        got = [row[:5] for row in csv.reader(handle)]
    with (SEED / f"{NAME}.gold.footnotes.csv").open(encoding="utf-8", newline="") as handle:
        want = [row[:5] for row in csv.reader(handle)]
    assert len(want) == 18
    assert got == want


def test_blocks_equal_gold(seed_output):
    document = json.loads((seed_output / "document.json").read_text(encoding="utf-8"))
    gold = gold_json()
    optional = gold["gold_notes"]["optional_types"]
    assert len(document["blocks"]) == len(gold["blocks"])
    for got, want in zip(document["blocks"], gold["blocks"]):
        allowed = optional.get(want["id"], [want["type"]])
        assert got["type"] in allowed, (want["id"], got["type"])
        assert got["pages"] == want["pages"], want["id"]
        assert got["text"] == want["text"], want["id"]
        assert got.get("label") == want.get("label"), want["id"]
        assert got.get("footnote_refs", []) == want.get("footnote_refs", []), want["id"]


def test_document_json_follows_contract(seed_output):
    document = json.loads((seed_output / "document.json").read_text(encoding="utf-8"))
    assert document["id"] == NAME
    assert document["source"]["path"] == f"raw/{NAME}.txt"
    assert document["source"]["kind"] == "text"
    assert document["metadata"]["pages"] == 4
    assert document["metadata"]["language"] == "en"
    assert document["stats"]["tab_artifacts_removed"] == 1398
    assert document["stats"]["broken_hyphens_fixed"] == 3
    assert document["stats"]["footnote_markers"] == 17
    assert [b["id"] for b in document["blocks"]] == [f"b{i}" for i in range(1, len(document["blocks"]) + 1)]


def test_no_artifact_or_glued_marker_remains(seed_output):
    text = (seed_output / "text.txt").read_text(encoding="utf-8")
    for artifact in ("\t", "\u00a0", "\u2010", "\u2011", "\u200b"):
        assert artifact not in text
    for glued in ("Orderi ", "memoii", "nation.iii", "”iv", "state;xv", "Paso;xvi", "VA.xvii", "investigationvi"):
        assert glued not in text


def test_markdown_has_references_at_markers(seed_output):
    markdown = (seed_output / "text.md").read_text(encoding="utf-8")
    assert "Executive Order[^i] regarding" in markdown
    assert "stronger nation.[^iii]" in markdown
    assert "“deconstruct”[^iv]" in markdown
    assert "# KEY PROVISIONS" in markdown
    assert "1. Throwing away meaningful enforcement priorities" in markdown


def test_main_command_runs_on_shipped_samples(tmp_path):
    """`pipeline run` with no arguments reads raw/ and writes clean/ in the current folder."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(require(SEED / f"{NAME}.txt"), raw)
    result = subprocess.run([sys.executable, "-m", "pipeline", "run"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 ok, 0 skipped, 0 failed" in result.stdout
    assert (tmp_path / "clean" / NAME / "text.txt").read_text(encoding="utf-8") == (SEED / f"{NAME}.gold.txt").read_text(encoding="utf-8")
