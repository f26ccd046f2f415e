"""A batch as a corpus: exact and near duplicates, boilerplate across documents, Parquet
shards, the datasheet, and the same marks on a Dask cluster and after adding documents."""

from __future__ import annotations

import csv
import json
import random
import re
import shutil
from pathlib import Path

import pytest

from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.corpus.duplicates import cluster_candidates, local_candidates
from pipeline.corpus.fingerprints import Fingerprint, signature_of
from pipeline.settings import CorpusSettings
from tests.conftest import ROOT

WORDS = ["county", "detention", "federal", "court", "immigrant", "policy", "report", "agency", "hearing", "appeal", "judge", "record", "custody", "release", "bond", "family", "community", "officer", "state", "city", "program", "school", "health", "worker", "labor", "housing", "budget", "public", "safety", "rights", "law", "order", "notice", "statute", "rule", "data", "survey", "study", "finding", "trend", "share", "number", "person", "people", "year", "month", "week", "region"]

DISCLAIMER = (
    "About the Council: the Council is an independent nonprofit organisation that has worked since {year} for fair and "
    "humane immigration laws; nothing in this brief is legal advice."
)
QUOTED = "The statute says plainly that no person shall be held longer than forty-eight hours without a hearing before a judge."


def prose(seed: int, paragraphs: int = 4) -> list[str]:
    """Paragraphs of words no other seed shares in the same order: unrelated texts."""
    chooser = random.Random(seed)
    return [" ".join(chooser.choice(WORDS) for _ in range(40)).capitalize() + "." for _ in range(paragraphs)]


def write_text(path: Path, paragraphs: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def manifest(clean: Path) -> dict[str, dict[str, str]]:
    with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def corpus(clean: Path) -> dict[str, str]:
    lines = (clean / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["id"]: record["text"] for record in map(json.loads, lines)}


def flagged(clean: Path, doc_id: str) -> list[str]:
    document = json.loads((clean / doc_id / "document.json").read_text(encoding="utf-8"))
    return [block["text"] for block in document["blocks"] if block.get("boilerplate")]


def test_byte_identical_copies_are_processed_once_and_name_the_first(tmp_path):
    raw = tmp_path / "raw"
    write_text(raw / "brief.txt", prose(1))
    for name in ("copy-1.txt", "sub/Brief (copy).txt", "zz.txt"):
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(raw / "brief.txt", raw / name)
    write_text(raw / "other.txt", prose(2))
    clean = tmp_path / "clean"
    rows, summary = run_batch(raw, clean)
    found = manifest(clean)
    first = "brief"  # raw/brief.txt comes first in path order
    assert {doc_id: (row["status"], row["duplicate_of"]) for doc_id, row in found.items()} == {
        "brief": ("ok", ""), "copy-1": ("duplicate", first), "brief-copy-": ("duplicate", first),
        "zz": ("duplicate", first), "other": ("ok", ""),
    }
    assert summary.counts["duplicate"] == 3 and "3 duplicate" in summary.line()
    assert sorted(corpus(clean)) == ["brief", "other"]
    assert not (clean / "copy-1").exists() and not (clean / "zz").exists()
    assert {row["sha256"] for row in rows if row["status"] == "duplicate"} == {found["brief"]["sha256"]}


def test_an_export_and_the_pdf_of_one_brief_are_near_duplicates_and_both_kept(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for sample in ("briefing-interior-enforcement.txt", "briefing-interior-enforcement-print.pdf"):
        shutil.copyfile(ROOT / "raw" / sample, raw / sample)
    write_text(raw / "unrelated.txt", prose(3))
    clean = tmp_path / "clean"
    run_batch(raw, clean)
    found = manifest(clean)
    assert found["briefing-interior-enforcement"]["near_duplicate_of"] == "briefing-interior-enforcement-print"
    assert float(found["briefing-interior-enforcement"]["similarity"]) >= 0.95
    assert found["briefing-interior-enforcement-print"]["near_duplicate_of"] == ""
    assert found["unrelated"]["near_duplicate_of"] == ""
    assert sorted(corpus(clean)) == ["briefing-interior-enforcement", "briefing-interior-enforcement-print", "unrelated"]

    dropped = tmp_path / "dropped"
    assert main(["run", str(raw), str(dropped), "--dedup", "drop", "--quiet"]) == 0
    assert sorted(corpus(dropped)) == ["briefing-interior-enforcement-print", "unrelated"]
    assert manifest(dropped)["briefing-interior-enforcement"]["status"] == "ok"
    assert (dropped / "briefing-interior-enforcement" / "text.txt").exists()  # the folder stays: nothing lost


def test_a_reissued_report_with_a_new_cover_is_a_near_duplicate(tmp_path):
    raw = tmp_path / "raw"
    body = prose(4, paragraphs=8)
    write_text(raw / "report-2019.txt", ["Detention in the county, 2019 edition."] + body)
    write_text(raw / "report-2021-reissue.txt", ["Detention in the county: revised edition, with a new foreword by the director."] + body)
    write_text(raw / "report-2020.txt", ["Detention in the county, 2020 edition."] + prose(5, paragraphs=8))
    clean = tmp_path / "clean"
    run_batch(raw, clean)
    found = manifest(clean)
    assert found["report-2021-reissue"]["near_duplicate_of"] == "report-2019"  # the earlier in the manifest's order
    assert float(found["report-2021-reissue"]["similarity"]) >= 0.8
    assert found["report-2019"]["near_duplicate_of"] == "" and found["report-2020"]["near_duplicate_of"] == ""


def boilerplate_batch(raw: Path, documents: int, with_disclaimer: range) -> None:
    for n in range(documents):
        paragraphs = [f"Brief number {n} on {WORDS[n]} policy."] + prose(100 + n)
        if n in with_disclaimer:
            paragraphs.append(DISCLAIMER.format(year=1980 + n))  # the year differs: still one template
        if n in (0, 1):
            paragraphs.insert(2, QUOTED)  # two briefs quote the same statute
        write_text(raw / f"brief-{n:02d}.txt", paragraphs)


def test_a_paragraph_most_documents_print_is_boilerplate_in_all_of_them_and_only_there(tmp_path):
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    boilerplate_batch(raw, 6, range(1, 6))
    run_batch(raw, clean)
    for n in range(1, 6):
        assert flagged(clean, f"brief-{n:02d}") == [DISCLAIMER.format(year=1980 + n)]
        document = json.loads((clean / f"brief-{n:02d}" / "document.json").read_text(encoding="utf-8"))
        assert document["stats"]["boilerplate_blocks"] == 1
        assert DISCLAIMER.format(year=1980 + n) in (clean / f"brief-{n:02d}" / "text.txt").read_text(encoding="utf-8")
    assert flagged(clean, "brief-00") == []  # it does not print it; the statute two briefs quote is no template
    assert "boilerplate_blocks" not in json.loads((clean / "brief-00" / "document.json").read_text(encoding="utf-8"))["stats"]
    assert DISCLAIMER.format(year=1985) in corpus(clean)["brief-05"]

    dropped = tmp_path / "dropped"
    assert main(["run", str(raw), str(dropped), "--drop-boilerplate", "--quiet"]) == 0
    texts = corpus(dropped)
    assert all("About the Council" not in text for text in texts.values())
    assert QUOTED in texts["brief-01"]
    assert texts["brief-00"] == (dropped / "brief-00" / "text.txt").read_text(encoding="utf-8")
    assert "About the Council" in (dropped / "brief-03" / "text.txt").read_text(encoding="utf-8")
    datasheet = (dropped / "DATASHEET.md").read_text(encoding="utf-8")
    assert "| 5 | About the Council: the Council is an independent nonprofit" in datasheet


def test_adding_documents_updates_the_marks_of_old_ones_without_processing_them(tmp_path):
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    boilerplate_batch(raw, 4, range(1, 3))  # two printings of the disclaimer: not yet boilerplate
    run_batch(raw, clean)
    assert flagged(clean, "brief-01") == []
    write_text(raw / "brief-09.txt", ["Brief number 9."] + prose(109) + [DISCLAIMER.format(year=2024)])
    write_text(raw / "brief-10.txt", (raw / "brief-02.txt").read_text(encoding="utf-8").split("\n\n")[1:] + ["A new closing line."])
    rows, _ = run_batch(raw, clean)
    status = {row["id"]: row["status"] for row in rows}
    assert status == {"brief-00": "skipped", "brief-01": "skipped", "brief-02": "skipped", "brief-03": "skipped",
                      "brief-09": "ok", "brief-10": "ok"}
    assert flagged(clean, "brief-01") == [DISCLAIMER.format(year=1981)]  # an old document, marked now
    assert flagged(clean, "brief-09") == [DISCLAIMER.format(year=2024)]
    assert manifest(clean)["brief-10"]["near_duplicate_of"] == "brief-02"
    again, _ = run_batch(raw, clean)  # the rewritten document.json is trusted: nothing redone
    assert {row["status"] for row in again} == {"skipped"}
    assert flagged(clean, "brief-01") == [DISCLAIMER.format(year=1981)]


def test_parquet_shards_hold_the_texts_of_the_corpus(tmp_path):
    pa = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed: pip install pyarrow")
    import pandas

    raw, clean = tmp_path / "raw", tmp_path / "clean"
    boilerplate_batch(raw, 5, range(5))
    shutil.copyfile(ROOT / "raw" / "detainers-by-county-data-brief.pdf", raw / "detainers.pdf")
    assert main(["run", str(raw), str(clean), "--quiet"]) == 0
    from pipeline.corpus.export import export_parquet

    shards = export_parquet(clean, tmp_path / "out", shard_rows=2)
    assert [path.name for path in shards] == ["corpus-00000.parquet", "corpus-00001.parquet", "corpus-00002.parquet"]
    frame = pandas.read_parquet(tmp_path / "out")
    assert dict(zip(frame["id"], frame["text"])) == corpus(clean)
    table = pa.read_table(tmp_path / "out")
    assert table.column_names[:9] == ["id", "text", "language", "pages", "sha256", "source", "title", "created", "warnings"]
    detainers = frame[frame["id"] == "detainers"].iloc[0]
    assert detainers["pages"] == 2 and detainers["source"] == "raw/detainers.pdf" and len(detainers["sha256"]) == 64
    kinds = [block["type"] for block in detainers["blocks"]]
    table_block = detainers["blocks"][kinds.index("table")]
    assert table_block["text"].startswith("County,2019 / Held")
    brief = frame[frame["id"] == "brief-02"].iloc[0]
    assert [block["text"] for block in brief["blocks"] if block["boilerplate"]] == [DISCLAIMER.format(year=1982)]
    assert main(["export", str(clean), "--to", "parquet", str(tmp_path / "out")]) == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["corpus-00000.parquet"]  # stale shards gone


def test_the_datasheet_counts_the_batch_and_is_the_same_bytes_for_the_same_inputs(tmp_path):
    raw = tmp_path / "raw"
    boilerplate_batch(raw, 4, range(4))
    shutil.copyfile(raw / "brief-01.txt", raw / "copy-of-brief-01.txt")
    (raw / "empty.txt").write_bytes(b"")
    first, second = tmp_path / "first", tmp_path / "second"
    run_batch(raw, first)
    run_batch(raw, second, jobs=2)
    sheet = (first / "DATASHEET.md").read_text(encoding="utf-8")
    assert sheet == (second / "DATASHEET.md").read_text(encoding="utf-8")
    for name in ("pages", "languages", "years"):
        assert (first / f"DATASHEET-{name}.svg").read_bytes() == (second / f"DATASHEET-{name}.svg").read_bytes()
        assert f"](DATASHEET-{name}.svg)" in sheet
    assert "| inputs (manifest rows) | 6 |" in sheet
    assert "| failed | 1 |" in sheet and "| empty" in sheet
    assert "| exact duplicates (same bytes, not processed) | 1 |" in sheet
    assert "| raw/copy-of-brief-01.txt | brief-01 | same bytes |" in sheet
    assert re.search(r"^\| [a-z]+ \| 4 \| \d+ \|$", sheet, re.MULTILINE)  # one language row for the four texts (word soup: und)
    assert '"near_duplicate_threshold": 0.8' in sheet


def synthetic_fingerprints(count: int, settings: CorpusSettings) -> list[Fingerprint]:
    texts = [" ".join(prose(n, paragraphs=2)) for n in range(count)]
    texts += [texts[n] + " and one more closing sentence" for n in range(0, count, 7)]  # near copies
    return [Fingerprint(f"d{i}", "", signature_of(text, settings), (), ()) for i, text in enumerate(texts)]


def test_the_cluster_finds_the_candidates_the_local_index_finds():
    distributed = pytest.importorskip("dask.distributed", reason="dask.distributed is not installed: pip install 'pipeline[dask]'")
    settings = CorpusSettings()
    fingerprints = synthetic_fingerprints(60, settings)
    local = local_candidates(fingerprints, settings)
    assert local  # the near copies are found
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as client:
        assert cluster_candidates(fingerprints, settings, client) == local
