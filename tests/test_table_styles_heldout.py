"""The held-out table styles of :mod:`tests.table_styles_heldout`, read as a new user reads
them: ``pipeline.process``, then ``document.json``, ``tables/<id>.csv`` and ``text.txt``.

The assertions are those of :mod:`tests.test_table_styles` (every cell, the shape, pages and
caption; no table text in the body; the prose kept; no table from the negatives), on PDFs
the table code was never tuned on. A style the pipeline gets wrong is an
``xfail(strict=True)`` whose reason says which cells go wrong and where in
``pipeline/tables.py``, so that the mark flips to a failure the day it is fixed.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import pipeline
from pipeline.write import write_document
from tests.table_styles import Expected
from tests.table_styles_heldout import HELDOUT_NEGATIVES, HELDOUT_STYLES
from tests.test_table_styles import Output, collapse, distinctive_cells, params

pytest.importorskip("reportlab")


def read_output(builder: Callable[[Path], Expected], folder: Path, name: str) -> Output:
    """Build one PDF, process it and write it; read back what a user would open."""
    expected = builder(folder / f"{name}.pdf")
    written = write_document(pipeline.process(folder / f"{name}.pdf"), folder / "clean")
    record = json.loads((written / "document.json").read_text(encoding="utf-8"))
    tables = []
    for block in record["blocks"]:
        if block["type"] == "table":
            with (written / block["csv"]).open(encoding="utf-8", newline="") as handle:
                tables.append({**block, "cells": [tuple(row) for row in csv.reader(handle)]})
    return Output(expected, record["metadata"]["pages"], tables, record["notes"],
                  (written / "text.txt").read_text(encoding="utf-8"), record["footnotes"],
                  (written / "text.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Build, process and write each style once; every test of the style reads the result."""
    cache: dict[str, Output] = {}
    builders = {**HELDOUT_STYLES, **HELDOUT_NEGATIVES}

    def output(style: str) -> Output:
        if style not in cache:
            cache[style] = read_output(builders[style], tmp_path_factory.mktemp(style), style)
        return cache[style]

    return output


# What the pipeline gets wrong on the held-out set, style by style. Function names are
# those of pipeline/tables.py.

NO_TABLE = "no table is found (see test_every_table_…[{0}]), so all its cells are read as paragraphs of text.txt"

CELLS_WRONG: dict[str, str] = {
    "narrow_centred_no_rules": (
        "no table: a two-column unruled table is rejected by design (TableSettings.min_columns = 3 in "
        "aligned_bands/column_cuts and looks_like_table unless framed); a bold header over a column of figures "
        "(every body row 'words | number') should be enough to accept two columns"),
}

BODY_WRONG: dict[str, str] = {style: NO_TABLE.format(style) for style in
                              ("narrow_centred_no_rules",)}

NEGATIVES_WRONG: dict[str, str] = {
}


@pytest.mark.parametrize("style", params(list(HELDOUT_STYLES), CELLS_WRONG))
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


@pytest.mark.parametrize("style", params(list(HELDOUT_STYLES), BODY_WRONG))
def test_table_text_stays_out_of_the_body_and_prose_stays_in(style: str, outputs: Any) -> None:
    out = outputs(style)
    text = collapse(out.text)
    left = sorted(cell for cell in distinctive_cells(out.expected) if re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", text))
    assert left == [], "table cells read again as body text"
    for table in out.expected.tables:
        assert table.caption is None or table.caption not in text
    for phrase in out.expected.body:
        assert collapse(phrase) in text


@pytest.mark.parametrize("style", params(list(HELDOUT_NEGATIVES), NEGATIVES_WRONG))
def test_aligned_text_that_is_not_a_table_gives_none(style: str, outputs: Any) -> None:
    """A form of label: value pairs, a letter with two address blocks and an indented verse,
    a bibliography with hanging indents: aligned, but text to a reader."""
    out = outputs(style)
    assert out.pages == out.expected.pages
    assert out.tables == []
    text = collapse(out.text)
    for phrase in out.expected.body:
        assert collapse(phrase) in text


def test_continued_captions_are_not_body_text(outputs: Any) -> None:
    """``Table 4 (continued)`` over the repeated header of pages 2 and 3 belongs to the table,
    not to the paragraphs."""
    out = outputs("three_pages_continued")
    assert "continued" not in out.text


def test_marker_on_a_header_cell_is_a_footnote_of_that_cell(outputs: Any) -> None:
    """``Detained¹`` in the header: the cell reads ``Detained``, the marker is a footnote of
    the table naming cell (0, 1) and carrying its note, and the note is not body text."""
    out = outputs("header_footnote_marker")
    assert [(n["marker"], n["text"]) for n in out.notes] == list(out.expected.notes)
    [(_, note)] = out.expected.notes
    assert note not in out.text
    [table] = out.tables
    assert [(f["marker"], f["block"], f["cell"], f["note"]) for f in out.footnotes] == [
        ("1", table["id"], [0, 1], note)]
