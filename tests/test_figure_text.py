"""A chart's words (labels, legend, axis numbers) stay out of the text and are listed with
where they stood; a box of prose stays text (generated PDFs, and the EU report's charts)."""

from __future__ import annotations

import json
from pathlib import Path

import pipeline
from pipeline.cli import main
from pipeline.extract.figure_text import drawn_frames, is_figure, is_label
from pipeline.extract.text_lines import TextLine

from .conftest import SHARED, require
from .pdf_factory import PdfBuilder, paragraph_lines

ABOVE = ["The spreads widened over the year as investors sought to hedge their",
         "positions against a further deterioration of credit in the region."]
BELOW = ["Looking ahead, the market may test the determination of the government",
         "to keep its budget on a sustainable path over the coming years."]


def chart(pdf: PdfBuilder, top: float) -> float:
    """A framed line chart: a title, a legend, axis numbers and dates, and its source."""
    pdf.rectangle(110, top, 380, 200)
    pdf.line(200, top + 18, "European sovereign CDS spreads (bp)", size=9)
    pdf.line(170, top + 45, "Greece", size=8)
    pdf.line(250, top + 45, "Spain", size=8)
    for index, value in enumerate(("1200", "800", "400", "0")):
        pdf.line(118, top + 40 + 35 * index, value, size=8)
    pdf.line(150, top + 178, "1-Sep-08     1-Mar-09     1-Sep-09     1-Mar-10", size=8)
    pdf.line(118, top + 194, "Source: Bloomberg", size=8)
    return top + 200


def test_a_charts_words_leave_the_text_and_are_listed(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "chart.pdf")
    top = paragraph_lines(pdf, 72, 100, ABOVE)
    top = chart(pdf, top + 10)
    paragraph_lines(pdf, 72, top + 25, BELOW)
    document = pipeline.process(pdf.save())
    assert [block.text.split()[0] for block in document.blocks] == ["The", "Looking"]
    assert "1200" not in document.text and "Greece" not in document.text
    listed = [line.text for line in document.removed if line.kind == "figure_text"]
    assert "1200" in listed and any("Greece" in text for text in listed)
    assert all(line.box is not None and line.page == 1 for line in document.removed if line.kind == "figure_text")


def test_a_box_of_prose_stays_text(tmp_path: Path) -> None:
    """A sidebar framed by a rule on each side is read, not set apart as a figure."""
    pdf = PdfBuilder(tmp_path / "box.pdf")
    pdf.rectangle(72, 100, 460, 90)
    paragraph_lines(pdf, 80, 120, ["Box 4: The stabilisation mechanism", "On 10 May the ministers unveiled a mechanism",
                                   "of up to EUR 500bn, which the Commission may",
                                   "lend to Members in need over the next three years."])
    document = pipeline.process(pdf.save())
    assert "unveiled a mechanism" in document.text
    assert not [line for line in document.removed if line.kind == "figure_text"]


def test_a_frame_is_found_from_its_strokes_and_gridlines_make_none() -> None:
    from pipeline.extract.chars import Stroke

    frame = [Stroke("h", 100, 300, 50, 50), Stroke("h", 100, 300, 250, 250),
             Stroke("v", 100, 100, 50, 250), Stroke("v", 300, 300, 50, 250)]
    gridlines = [Stroke("h", 120, 280, 50 + 20 * k, 50 + 20 * k) for k in range(1, 9)]
    boxes = drawn_frames(frame + gridlines)
    assert [(b.x0, b.top, b.x1, b.bottom) for b in boxes] == [(100, 50, 300, 250)]


def line(text: str) -> TextLine:
    return TextLine((), text, 8.0, 0.0, 0)


def test_labels_and_prose() -> None:
    assert is_figure([line("1200"), line("Greece Spain 1000"), line("Jan-08 Jul-08 Jan-09")])
    prose = ["We build confident, satisfied clients", "No one else has the vast consulting experience",
             "renown service offerings to do what we can do for you.", "Because no one else is IBM."]
    assert not is_figure([line(text) for text in prose])
    assert not is_label("the court held that, on the record as a whole, every agency")


def test_the_eu_reports_chart_words_are_no_headings(tmp_path: Path) -> None:
    """The report's six charts: no `## Ireland Italy`, no `1200` paragraph; the captions
    (`Figure 14 (data until 2 July 2010)`) and the paragraphs around them stay."""
    path = require(SHARED / "corpus" / "real" / "eu-sovereign-cds-report.pdf")
    document = pipeline.process(path)
    texts = [block.text for block in document.blocks]
    assert not any(text in ("Ireland Italy", "1200", "450 450", "Source: Bloomberg") for text in texts)
    assert "Figure 14 (data until 2 July 2010)" in texts
    assert any(text.startswith("Box 4: The European Financial Stabilisation Mechanism") for text in texts)
    listed = {line.text for line in document.removed if line.kind == "figure_text"}
    assert {"1200", "Ireland Italy"} <= listed


def test_figure_text_is_written_to_document_json(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    pdf = PdfBuilder(tmp_path / "raw" / "chart.pdf")
    top = paragraph_lines(pdf, 72, 100, ABOVE)
    chart(pdf, top + 10)
    pdf.save()
    assert main(["run", str(tmp_path / "raw"), str(tmp_path / "clean"), "-q"]) == 0
    written = json.loads((tmp_path / "clean" / "chart" / "document.json").read_text(encoding="utf-8"))
    kinds = {line["kind"] for line in written["removed_lines"]}
    assert "figure_text" in kinds
    assert "1200" not in (tmp_path / "clean" / "chart" / "text.txt").read_text(encoding="utf-8")
