"""Columns found per band: a figure, a table or a full-width heading splits a page into bands,
each read column by column before the next (generated PDFs whose reading order is known)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pipeline

from .pdf_factory import PdfBuilder, paragraph_lines

WORDS = "the court held that every agency must read the record as a whole before it rules on".split()
LEFT, RIGHT = 72.0, 320.0


def prose(tag: str, count: int, words: int = 7) -> list[str]:
    """``count`` lines of prose, each opening with its tag and number (``aa0``, ``aa1`` …),
    the last one ending the paragraph."""
    lines = [" ".join([f"{tag}{i}", *WORDS[(i * 3) % 10:(i * 3) % 10 + words]]) for i in range(count)]
    lines[-1] += "."
    return lines


def two_columns(pdf: PdfBuilder, top: float, left: str, right: str, count: int = 10) -> float:
    paragraph_lines(pdf, LEFT, top, prose(left, count))
    return paragraph_lines(pdf, RIGHT, top, prose(right, count))


def tags_in_order(path: Path) -> list[str]:
    """The line tags of the document's body text, in the order the reader put them."""
    document = pipeline.process(path)
    text = " ".join(block.text for block in document.blocks if block.type != "table")
    return re.findall(r"\b([a-e]{2})\d+\b", text)


def runs(tags: list[str]) -> list[str]:
    """The tags with repeats folded: ``aa aa bb bb`` → ``aa bb``."""
    return [tag for index, tag in enumerate(tags) if index == 0 or tags[index - 1] != tag]


@pytest.mark.parametrize("figure", ["frame", "picture"])
def test_two_columns_above_a_full_width_figure_and_two_below(tmp_path: Path, figure: str) -> None:
    """The left column under the figure is read after the right column above it."""
    pdf = PdfBuilder(tmp_path / "figure.pdf")
    top = two_columns(pdf, 80, "aa", "bb")
    if figure == "frame":
        pdf.rectangle(72, top + 10, 468, 150)
    else:
        pdf.picture(72, top + 10, 468, 150)
    two_columns(pdf, top + 190, "cc", "dd")
    assert runs(tags_in_order(pdf.save())) == ["aa", "bb", "cc", "dd"]


def test_two_columns_above_a_full_width_table_and_two_below(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "table.pdf")
    top = two_columns(pdf, 80, "aa", "bb") + 20
    rows = [("State", "2019", "2020", "2021", "2022", "2023")]
    rows += [(f"Region {k}", *(str(100 * j + k) for j in range(1, 6))) for k in range(5)]
    for row in rows:
        for x, cell in zip((72, 160, 240, 320, 400, 480), row):
            pdf.line(x, top, cell)
        top += 14
    two_columns(pdf, top + 20, "cc", "dd")
    document = pipeline.process(pdf.save())
    assert [block.type for block in document.blocks].count("table") == 1
    assert runs(tags_in_order(pdf.path)) == ["aa", "bb", "cc", "dd"]


def test_two_columns_above_a_figure_and_three_below(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "three.pdf")
    top = two_columns(pdf, 80, "aa", "bb") + 10
    pdf.picture(72, top, 468, 150)
    top += 180
    for x, tag in ((72.0, "cc"), (235.0, "dd"), (398.0, "ee")):
        paragraph_lines(pdf, x, top, prose(tag, 10, words=4))
    assert runs(tags_in_order(pdf.save())) == ["aa", "bb", "cc", "dd", "ee"]


def test_a_full_width_heading_between_two_bands_of_columns(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "heading.pdf")
    top = two_columns(pdf, 80, "aa", "bb")
    pdf.line(72, top + 14, "A heading set across the whole width of the page over both columns", size=12)
    two_columns(pdf, top + 34, "cc", "dd")
    document = pipeline.process(pdf.save())
    assert [b.type for b in document.blocks].count("heading") == 1
    assert runs(tags_in_order(pdf.path)) == ["aa", "bb", "cc", "dd"]


def test_a_table_inside_one_column(tmp_path: Path) -> None:
    """The right column is read whole after the left one, table and all."""
    pdf = PdfBuilder(tmp_path / "column-table.pdf")
    top = paragraph_lines(pdf, LEFT, 80, prose("aa", 6)) + 10
    rows = [("State", "2019", "2020", "2021")] + [(f"Region {k}", str(100 + k), str(200 + k), str(300 + k)) for k in range(6)]
    for row in rows:
        for x, cell in zip((72, 140, 190, 240), row):
            pdf.line(x, top, cell)
        top += 14
    paragraph_lines(pdf, LEFT, top + 10, prose("cc", 8))
    paragraph_lines(pdf, RIGHT, 80, prose("bb", 30))
    document = pipeline.process(pdf.save())
    assert [block.type for block in document.blocks] == ["paragraph", "table", "paragraph"]
    assert runs(tags_in_order(pdf.path)) == ["aa", "cc", "bb"]


def test_a_figure_inside_one_column(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "column-figure.pdf")
    top = paragraph_lines(pdf, LEFT, 80, prose("aa", 8))
    pdf.picture(72, top + 5, 220, 120)
    paragraph_lines(pdf, LEFT, top + 140, prose("cc", 8))
    paragraph_lines(pdf, RIGHT, 80, prose("bb", 28))
    assert runs(tags_in_order(pdf.save())) == ["aa", "cc", "bb"]


def test_columns_whose_own_gaps_line_up_are_one_band(tmp_path: Path) -> None:
    """Each column closes a box with its own rule at the same height (the German guide's
    questions): nothing spans the space, so the columns run on through it."""
    pdf = PdfBuilder(tmp_path / "boxes.pdf")
    top = paragraph_lines(pdf, LEFT, 80, prose("aa", 6))
    paragraph_lines(pdf, RIGHT, 80, prose("bb", 6, words=6)[:-1] + ["bb5 the court held that"])
    pdf.rule(72, 290, top + 15)
    pdf.rule(320, 540, top + 15)
    paragraph_lines(pdf, LEFT, top + 60, prose("cc", 8))
    paragraph_lines(pdf, RIGHT, top + 60, prose("dd", 8))
    assert runs(tags_in_order(pdf.save())) == ["aa", "cc", "bb", "dd"]


def test_two_lines_under_a_figure_keep_the_columns_above(tmp_path: Path) -> None:
    """A band too short to show its own gutter (two lines under a picture) is read in the
    page's columns, not across."""
    pdf = PdfBuilder(tmp_path / "short.pdf")
    top = two_columns(pdf, 80, "aa", "bb") + 10
    pdf.picture(72, top, 468, 120)
    two_columns(pdf, top + 150, "cc", "dd", count=2)
    assert runs(tags_in_order(pdf.save())) == ["aa", "bb", "cc", "dd"]
