"""Tables in the styles real reports use, read as a new user reads them: ``pipeline.process``,
then the files the contract promises (``document.json``, ``tables/<id>.csv``, ``text.txt``).

Every PDF is made by :mod:`tests.table_styles` with reportlab's platypus, so every cell is known
by construction. Each style is asserted cell by cell (with its shape, pages and caption), its
table text must not come back in the body, and its prose must stay there. A style the pipeline
gets wrong today is an ``xfail(strict=True)`` whose reason says what goes wrong, so that the
mark flips to a failure the day it is fixed.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from typing import Any

import pytest

import pipeline
from pipeline.write import write_document
from tests.table_styles import NEGATIVES, STYLES, Expected

pytest.importorskip("reportlab")


@dataclass(frozen=True)
class Output:
    """What a user finds after processing one PDF: the expectation it was built with, the
    table blocks of ``document.json`` with their CSV cells, the notes, and ``text.txt``."""

    expected: Expected
    pages: int
    tables: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    text: str


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Build, process and write each style once; every test of the style reads the result."""
    cache: dict[str, Output] = {}

    def output(style: str) -> Output:
        if style not in cache:
            folder = tmp_path_factory.mktemp(style)
            expected = {**STYLES, **NEGATIVES}[style](folder / f"{style}.pdf")
            written = write_document(pipeline.process(folder / f"{style}.pdf"), folder / "clean")
            record = json.loads((written / "document.json").read_text(encoding="utf-8"))
            tables = []
            for block in record["blocks"]:
                if block["type"] == "table":
                    with (written / block["csv"]).open(encoding="utf-8", newline="") as handle:
                        tables.append({**block, "cells": [tuple(row) for row in csv.reader(handle)]})
            cache[style] = Output(expected, record["metadata"]["pages"], tables, record["notes"],
                                  (written / "text.txt").read_text(encoding="utf-8"))
        return cache[style]

    return output


def collapse(text: str) -> str:
    return " ".join(text.split())


def params(names: list[str], failing: dict[str, str]) -> list[Any]:
    """One parameter per style, marked ``xfail(strict=True)`` with its diagnosis when known."""
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=failing[name])) if name in failing else name
            for name in names]


# What the pipeline gets wrong today, style by style (see the module docstring). Function
# names are those of pipeline/tables.py.

UNRULED_RIGHT_ALIGNED = (
    "text_grids hands the band to pdfplumber's `text` strategy, whose column edges fall inside a right-aligned "
    "header of several words ({header}); has_narrow_gutter then rejects the whole grid, so no table is found and "
    "its rows are read into the body text"
)

CELLS_WRONG = {
    "zebra_no_lines": (
        "no table: the row fills are rectangles, so may_be_ruled passes and ruled_grids returns a one-column grid "
        "(each row one cell) that clean_grid later rejects; find_page_tables has already put that grid's box in "
        "`taken`, so the text search over the same band is skipped"
    ),
    "two_column_page": (
        "no table: aligned_bands joins the table's rows with the right column's prose lines on the same baselines "
        "into one band 78-532 pt wide; the text grid over it cuts prose words and is rejected (cuts_words, "
        "cuts_through_prose), and the table's rows are interleaved into the right column's paragraphs"
    ),
    "footnote_in_cell": (
        "superscript markers are glued to the cell text: 'Mecklenburg1' for 'Mecklenburg', '1,2342' for '1,234' "
        "(join_cell cleans the cell's characters as plain text; the reader's superscript handling never sees them)"
    ),
    "between_prose": UNRULED_RIGHT_ALIGNED.format(header="'With counsel', 'Without counsel'") + " (second table)",
    "multiword_header_no_lines": UNRULED_RIGHT_ALIGNED.format(header="'With counsel', 'Without counsel', 'All cases'"),
    "two_pages_row_rules": UNRULED_RIGHT_ALIGNED.format(header="'Average daily population'") + " (on both pages)",
    "wrapped_header_booktabs": (
        "no table: the header cells wrap onto two lines over right-aligned figures; the `text` strategy's column "
        "edges cut words ('Av|erage', 'Releas|ed') and cuts_words rejects the grid"
    ),
    "wrapped_cells_row_rules": (
        "no table: only horizontal rules (may_be_ruled needs 3 vertical strokes), and aligned_bands finds no band "
        "because wrapped cells leave continuation lines with fewer than two wide gaps and a run allows only one "
        "such line between rows"
    ),
    "two_column_key_values": (
        "no table: a two-column table without vertical rules can only be found by the text search, which needs "
        "min_columns=3; its caption 'Table 1: …' and cells go to the body text"
    ),
}

BODY_WRONG = {
    "zebra_no_lines": ("the table is not found, so its cells are read as body text, where '44.1' and '52.3' lose their last "
                       "digit to false footnote markers ('44.', '52.')"),
    "two_column_page": "the table is not found: its rows are read into the prose of the right column",
    "between_prose": "the second table is not found, so its cells are read as body text",
    "multiword_header_no_lines": "the table is not found, so its cells are read as body text",
    "two_pages_row_rules": "the table is not found on either page, so all its cells are read as body text",
    "wrapped_header_booktabs": "the table is not found, so its cells are read as body text",
    "wrapped_cells_row_rules": "the table is not found, so its cells are read as body text",
    "two_column_key_values": "the table is not found, so its caption and cells are read as body text",
}


@pytest.mark.parametrize("style", params(list(STYLES), CELLS_WRONG))
def test_every_table_is_found_with_its_cells_shape_pages_and_caption(style: str, outputs: Any) -> None:
    out = outputs(style)
    assert out.pages == out.expected.pages, "the builder laid the PDF out as intended"
    assert len(out.tables) == len(out.expected.tables), [t["cells"] for t in out.tables]
    for got, want in zip(out.tables, out.expected.tables):
        assert [tuple(map(collapse, row)) for row in got["cells"]] == list(want.rows)
        assert (got["n_rows"], got["n_cols"]) == (want.n_rows, want.n_cols)
        assert got["has_header"] is True
        assert tuple(got["pages"]) == want.pages
        assert got.get("caption") == want.caption


def distinctive_cells(expected: Expected) -> set[str]:
    """Cells whose text cannot appear in the prose by chance: three characters or more, and
    not part of a phrase that the body must keep (a year in a caption and a source note)."""
    prose = " ".join(expected.body)
    return {cell for table in expected.tables for row in table.rows for cell in row
            if len(cell) >= 3 and not re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", prose)}


@pytest.mark.parametrize("style", params(list(STYLES), BODY_WRONG))
def test_table_text_stays_out_of_the_body_and_prose_stays_in(style: str, outputs: Any) -> None:
    out = outputs(style)
    text = collapse(out.text)
    left = sorted(cell for cell in distinctive_cells(out.expected) if re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", text))
    assert left == [], "table cells read again as body text"
    for table in out.expected.tables:
        assert table.caption is None or table.caption not in text
    for phrase in out.expected.body:
        assert collapse(phrase) in text


def test_notes_of_markers_in_cells_are_notes_not_body(outputs: Any) -> None:
    out = outputs("footnote_in_cell")
    assert [(n["marker"], n["text"]) for n in out.notes] == list(out.expected.notes)
    for _, note in out.expected.notes:
        assert note not in out.text


@pytest.mark.parametrize("style", params(list(NEGATIVES), {}))
def test_aligned_text_that_is_not_a_table_gives_none(style: str, outputs: Any) -> None:
    """A bulleted list set at tab stops and a table of contents with dot leaders line up in
    columns, but a reader wants them as text: no table, every entry kept in the body."""
    out = outputs(style)
    assert out.pages == out.expected.pages
    assert out.tables == []
    text = collapse(out.text)
    for phrase in out.expected.body:
        assert collapse(phrase) in text
