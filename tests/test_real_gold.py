"""The hand-made gold of real pages (tests/gold_real/): the scorer, and figures no change may worsen.

The floors are the figures measured on the gold (BENCHMARKS.md, "Issue 10: real pages"); raise
them as fixes land, never lower them to let a change through.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import score_real  # noqa: E402


@dataclass(frozen=True)
class Floor:
    wer: float
    boundary_recall: float
    boundary_precision: float
    marker_recall: float
    marker_precision: float
    notes_linked: float
    heads_left: int


FLOORS = {
    "aclu-ninth-circuit-motion": Floor(wer=0.0, boundary_recall=75.0, boundary_precision=81.8, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "amnesty-urgent-action-honduras": Floor(wer=0.0, boundary_recall=96.6, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "chelsea-active-transport-plan-fr": Floor(wer=0.0, boundary_recall=100.0, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "dmca-copyright-office-summary": Floor(wer=0.07, boundary_recall=100.0, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "eu-sovereign-cds-report": Floor(wer=0.0, boundary_recall=100.0, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "faa-handbook-two-column-page": Floor(wer=0.0, boundary_recall=100.0, boundary_precision=90.9, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "federal-register-proposed-rule-2020": Floor(wer=1.03, boundary_recall=98.0, boundary_precision=98.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "fifth-circuit-per-curiam-opinion": Floor(wer=0.0, boundary_recall=96.3, boundary_precision=83.3, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "finland-education-policy-profile": Floor(wer=3.88, boundary_recall=100.0, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "german-cc-nc-license-guide": Floor(wer=0.27, boundary_recall=100.0, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "ibm-redbook-rcac-sampled": Floor(wer=0.15, boundary_recall=96.8, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "jstor-open-access-white-paper": Floor(wer=0.0, boundary_recall=96.8, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
    "scotus-slip-opinion-tarrant": Floor(wer=0.6, boundary_recall=93.3, boundary_precision=100.0, marker_recall=100.0, marker_precision=100.0, notes_linked=100.0, heads_left=0),
}


def test_gold_covers_twelve_documents_and_every_page_has_body_text():
    gold = score_real.read_gold()
    assert len(gold) >= 12
    assert sum(len(pages) for pages in gold.values()) >= 40
    for name, pages in gold.items():
        assert (score_real.CORPUS / f"{name}.pdf").name.endswith(".pdf")
        for page in pages:
            assert any(b.kind in score_real.BODY_KINDS for b in page.blocks), (name, page.number)


def gold_as_run(name: str, pages: list, folder: Path) -> None:
    """Write the gold of one document in the output contract's shape (a perfect run)."""
    blocks = []
    for page in pages:
        for block in page.blocks:
            if block.kind not in score_real.BODY_KINDS:
                continue
            if block.continued and blocks:
                blocks[-1]["text"] += " " + block.text
                blocks[-1]["pages"].append(page.number)
                continue
            blocks.append({"type": block.kind, "text": block.text, "pages": [page.number]})
    folder.mkdir(parents=True)
    (folder / "document.json").write_text(json.dumps({"blocks": blocks}), encoding="utf-8")
    with (folder / "footnotes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["marker", "page", "block", "offset", "anchor", "note"])
        for marker, number, anchor, note in score_real.gold_notes(pages):
            writer.writerow([marker, number, "", "", anchor, note])


def test_the_gold_scored_against_itself_is_perfect_and_a_damaged_copy_is_not(tmp_path):
    name, pages = "scotus-slip-opinion-tarrant", score_real.read_gold()["scotus-slip-opinion-tarrant"]
    gold_as_run(name, pages, tmp_path / "good")
    perfect = score_real.score_document(pages, tmp_path / "good").figures()
    assert perfect["wer"] == 0.0
    assert perfect["boundary_recall"] == perfect["boundary_precision"] == 100.0
    assert perfect["marker_recall"] == perfect["notes_linked"] == 100.0
    assert perfect["heads_left"] == 0
    # note 6 runs on from page 11 to page 12: the gold note is whole
    assert any(note.endswith("Dictionary 19 (1966).") for m, _, _, note in score_real.gold_notes(pages) if m == "6")
    damaged = tmp_path / "damaged"
    gold_as_run(name, pages, damaged)
    document = json.loads((damaged / "document.json").read_text(encoding="utf-8"))
    first, second = document["blocks"][2], document["blocks"][3]
    first["text"] += " Cite as: 569 U. S. ____ (2013) 3 " + second["text"]
    first["pages"] = sorted(set(first["pages"] + second["pages"] + [3]))
    del document["blocks"][3]
    (damaged / "document.json").write_text(json.dumps(document), encoding="utf-8")
    worse = score_real.score_document(pages, damaged).figures()
    assert worse["wer"] > 0.0
    assert worse["boundary_recall"] < 100.0
    assert worse["heads_left"] == 1


@pytest.fixture(scope="module")
def real_scores(tmp_path_factory):
    if not score_real.CORPUS.is_dir():
        pytest.skip(f"the real corpus is not at {score_real.CORPUS}")
    clean = tmp_path_factory.mktemp("real") / "clean"
    score_real.run_pipeline(sorted(score_real.read_gold()), clean)
    return score_real.score_all(clean)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_real_document_gets_worse(real_scores, name):
    figures = real_scores[name].figures()
    floor = FLOORS[name]
    assert figures["wer"] <= floor.wer + 0.01, real_scores[name].details
    assert figures["boundary_recall"] >= floor.boundary_recall - 0.05, real_scores[name].details
    assert figures["boundary_precision"] >= floor.boundary_precision - 0.05, real_scores[name].details
    assert figures["marker_recall"] >= floor.marker_recall - 0.05, real_scores[name].details
    assert figures["marker_precision"] >= floor.marker_precision - 0.05, real_scores[name].details
    assert figures["notes_linked"] >= floor.notes_linked - 0.05, real_scores[name].details
    assert figures["heads_left"] <= floor.heads_left, real_scores[name].details
