"""Row labels that a ruled table leaves outside its rulings become its first column."""

from __future__ import annotations

from pathlib import Path

import pipeline

from .pdf_factory import PdfBuilder

ROWS = (("All ages", "291,099", "303,858"), ("With a disability", "54,425", "56,672"), ("Severe disability", "34,947", "38,284"))


def build_statistical_table(path: Path, labels: list[str]) -> Path:
    """Figures ruled in a grid, labels to the left of it with leader dots, one per row."""
    pdf = PdfBuilder(path)
    pdf.line(72, 80, "The survey counted people with a disability in both years, as the table shows.")
    pdf.line(72, 92, "Both counts rose over the period, and the share stayed the same.")
    left, right, top, step = 250.0, 450.0, 130.0, 18.0
    for index in range(len(ROWS) + 2):  # rules above the header, under it and under each row
        pdf.rule(left, right, top + step * index)
    for x in (left, 350.0, right):
        pdf.canvas.line(x, 792 - top, x, 792 - (top + step * (len(ROWS) + 1)))
    pdf.line(260, top + 13, "2005")
    pdf.line(360, top + 13, "2010")
    for index, (_label, first, second) in enumerate(ROWS, start=1):
        baseline = top + step * index + 13
        if labels[index - 1]:
            pdf.line(72, baseline, labels[index - 1])
        pdf.line(260, baseline, first)
        pdf.line(360, baseline, second)
    pdf.line(72, 260, "The counts come from the survey of income and program participation.")
    return pdf.save()


def test_labels_left_of_the_rulings_become_the_first_column(tmp_path: Path) -> None:
    labels = [f"{label} . . . . . . . ." for label, _, _ in ROWS]
    document = pipeline.process(build_statistical_table(tmp_path / "table.pdf", labels))
    [block] = document.tables
    assert block.table.rows == (("", "2005", "2010"),) + ROWS
    assert "All ages" not in document.text and "291,099" not in document.text


def test_no_labels_when_they_do_not_line_up_one_per_row(tmp_path: Path) -> None:
    labels = ["All ages", "", "Severe disability"]
    document = pipeline.process(build_statistical_table(tmp_path / "table.pdf", labels))
    [block] = document.tables
    assert block.table.rows == (("2005", "2010"),) + tuple(row[1:] for row in ROWS)


def test_a_grid_whose_border_runs_through_words_is_no_table(tmp_path: Path) -> None:
    """A ruled frame whose right border runs through the words of the prose beside it is a
    box drawn over a page (the IRS instructions have such), not a table: it would keep
    ``on rollov`` and lose the rest of the line."""
    pdf = PdfBuilder(tmp_path / "box.pdf")
    pdf.line(60, 90, "Use the table below to figure the amount to enter on the line for each age group.")
    rows = [("55 or under", "300"), ("56-60", "260"), ("61-65", "240"), ("66-70", "220")]
    for index, (age, amount) in enumerate(rows):
        baseline = 128 + 18 * index
        pdf.line(60, baseline, age)
        pdf.line(190, baseline, amount)
        pdf.line(260, baseline, "on rollovers and other distributions")
    for index in range(len(rows) + 1):
        pdf.rule(50, 290, 114 + 18 * index)
    for x in (50.0, 180.0, 250.0, 290.0):  # the right border cuts "rollovers"
        pdf.canvas.line(x, 792 - 114, x, 792 - (114 + 18 * len(rows)))
    document = pipeline.process(pdf.save())
    assert document.tables == ()
    assert document.text.count("on rollovers and other distributions") == len(rows)
