"""PDFs through the whole pipeline: exact clean text and exact footnote rows.

The PDFs are made here with reportlab, so their ground truth is known by construction, and
the seed briefing's PDF version in raw/ must give the seed export's hand-made gold.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.batch import run_batch

from .conftest import ROOT, SEED, require
from .pdf_factory import PdfBuilder, Span, paragraph_lines, sup

NOTE = 8.0


def rows(document: pipeline.Document) -> list[tuple]:
    return [(f.marker, f.page, f.block, f.offset, f.anchor, f.note) for f in document.footnotes]


def test_seed_pdf_gives_the_gold_text_and_markers_with_their_notes(tmp_path: Path) -> None:
    pdf = require(ROOT / "raw" / "briefing-interior-enforcement-print.pdf")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(pdf, raw)
    run_batch(raw, tmp_path / "clean", jobs=1)
    out = tmp_path / "clean" / "briefing-interior-enforcement-print"
    assert (out / "text.txt").read_text(encoding="utf-8") == require(SEED / "briefing-interior-enforcement.gold.txt").read_text(encoding="utf-8")
    with (out / "footnotes.csv").open(encoding="utf-8", newline="") as handle:
        got = list(csv.reader(handle))
    with (SEED / "briefing-interior-enforcement.gold.footnotes.csv").open(encoding="utf-8", newline="") as handle:
        want = list(csv.reader(handle))
    assert [row[:5] for row in got] == [row[:5] for row in want]
    assert all(row[5] for row in got[1:]), "every marker is linked to its endnote"
    assert got[17][5] == "Reports on immigration enforcement operations in Alexandria, VA."


def build_brief(path: Path) -> Path:
    """Two pages: running header and footer, superscript markers, footnotes under a rule,
    a paragraph that runs from page 1 to page 2, a word hyphenated at a line end."""
    pdf = PdfBuilder(path, title="Brief on Detention", author="Legal Clinic")
    for number in (1, 2):
        pdf.line(72, 50, "Brief on Detention", size=9)
        if number == 1:
            pdf.line(72, 90, Span("COURT ACCESS", size=14, font="Times-Bold"))
            pdf.line(72, 120, "Arrests at courthouses keep witnesses away from the courts", sup("1"), " and judges")
            pdf.line(72, 132, "in several states have asked the agency to stop. The number of immi-")
            pdf.line(72, 144, "grants who skip hearings rose after the arrests began, and the courts have")
            pdf.line(72, 156, "no way to compel them to come back.")
            pdf.line(72, 180, "Advocates call the practice a trap", sup("2"), " and the clinics report that families now")
            pdf.line(72, 192, "avoid the courthouse even when they are the victims of crimes, as every")
            pdf.rule(72, 200, 690)
            pdf.line(72, 705, sup("1", size=5, rise=3), Span(" Letter of the chief justice, 2019.", size=NOTE))
            pdf.line(72, 716, sup("2", size=5, rise=3), Span(" Survey of legal clinics, 2020.", size=NOTE))
        else:
            paragraph_lines(pdf, 72, 90, [
                "clerk of court in the state will tell anyone who asks about it.",
            ])
            pdf.line(72, 114, "The clinics recommend video hearings for every case.", sup("3"))
            pdf.rule(72, 200, 690)
            pdf.line(72, 705, sup("3", size=5, rise=3), Span(" Model rule on remote hearings.", size=NOTE))
        pdf.line(280, 750, f"Page {number} of 2", size=9)
        if number == 1:
            pdf.new_page()
    return pdf.save()


def test_generated_brief_exact_text_and_footnote_rows(tmp_path: Path) -> None:
    document = pipeline.process(build_brief(tmp_path / "brief.pdf"))
    assert document.text == (
        "COURT ACCESS\n\n"
        "Arrests at courthouses keep witnesses away from the courts and judges in several states have asked "
        "the agency to stop. The number of immigrants who skip hearings rose after the arrests began, and the "
        "courts have no way to compel them to come back.\n\n"
        "Advocates call the practice a trap and the clinics report that families now avoid the courthouse even "
        "when they are the victims of crimes, as every clerk of court in the state will tell anyone who asks "
        "about it.\n\n"
        "The clinics recommend video hearings for every case.\n"
    )
    assert rows(document) == [
        ("1", 1, "b2", 58, "courts", "Letter of the chief justice, 2019."),
        ("2", 1, "b3", 34, "trap", "Survey of legal clinics, 2020."),
        ("3", 2, "b4", 52, "case", "Model rule on remote hearings."),
    ]
    assert [(b.type, b.pages) for b in document.blocks] == [("heading", (1,)), ("paragraph", (1,)), ("paragraph", (1, 2)), ("paragraph", (2,))]
    assert document.metadata["title"] == "Brief on Detention" and document.metadata["pages"] == 2
    assert document.stats["headers_footers_removed"] == 4
    for furniture in ("Brief on Detention", "Page 1", "Page 2"):
        assert furniture not in document.text


@pytest.mark.parametrize("marker", ["iv", "†"])
def test_other_marker_styles_after_punctuation(tmp_path: Path, marker: str) -> None:
    pdf = PdfBuilder(tmp_path / "styles.pdf")
    pdf.line(72, 150, "The agency changed its rules in 2017.", sup(marker), " Nobody was told.")
    pdf.line(72, 162, "The clinics found out from their clients.")
    pdf.rule(72, 200, 690)
    pdf.line(72, 705, sup(marker, size=5, rise=3), Span(" Federal Register notice.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert document.text == "The agency changed its rules in 2017. Nobody was told. The clinics found out from their clients.\n"
    assert rows(document) == [(marker, 1, "b1", 37, "2017", "Federal Register notice.")]


def test_a_note_repeated_on_every_page_is_not_a_running_footer(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "ibid.pdf")
    claims = [
        ("The county jail held people past their release dates", "The sheriff has not answered the letters."),
        ("Detainer requests arrived without a judge's warrant", "Most of them named the wrong person."),
        ("Families learned of transfers only after the fact", "Lawyers could not reach their clients."),
    ]
    for number, (claim, follow) in enumerate(claims, start=1):
        if number > 1:
            pdf.new_page()
        pdf.line(72, 150, claim, sup(str(number)), " in the record.")
        pdf.line(72, 162, follow)
        pdf.rule(72, 200, 690)
        pdf.line(72, 705, sup(str(number), size=5, rise=3), Span(" Ibid.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert [(f.marker, f.page, f.note) for f in document.footnotes] == [("1", 1, "Ibid."), ("2", 2, "Ibid."), ("3", 3, "Ibid.")]
    assert "Ibid" not in document.text


def test_a_footnote_that_runs_on_to_the_next_page_is_one_note(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "long-note.pdf")
    pdf.line(72, 150, "The agency rewrote its detention standards in secret", sup("1"), " last year.")
    pdf.line(72, 162, "Advocates learned of it from a leaked memorandum.")
    pdf.rule(72, 200, 680)
    pdf.line(72, 695, sup("1", size=5, rise=3), Span(" Memorandum of the field office director, March 2019, which the", size=NOTE))
    pdf.line(72, 705, Span("agency has never published and which was first reported by local", size=NOTE))
    pdf.new_page()
    pdf.line(72, 150, "The clinics asked the courts to order its release", sup("2"), " this spring.")
    pdf.line(72, 162, "The courts have not ruled on the request yet.")
    pdf.rule(72, 200, 665)
    pdf.line(72, 680, Span("newspapers in the spring of 2020.", size=NOTE))
    pdf.line(72, 695, sup("2", size=5, rise=3), Span(" Petition filed in the district court.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert [(f.marker, f.page, f.note) for f in document.footnotes] == [
        ("1", 1, "Memorandum of the field office director, March 2019, which the agency has never published and "
                 "which was first reported by local newspapers in the spring of 2020."),
        ("2", 2, "Petition filed in the district court."),
    ]
    assert "newspapers" not in document.text
