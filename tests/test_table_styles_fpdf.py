"""The fpdf2 table styles of :mod:`tests.table_styles_fpdf`, read as a new user reads them:
``pipeline.process``, then ``document.json``, ``tables/<id>.csv`` and ``text.txt``.

The assertions are those of :mod:`tests.test_table_styles_blind` (every cell, the shape,
pages and caption; no table text in the body; the prose kept; no table from the negatives),
on PDFs drawn by a second engine, fpdf2, and built without reading the table code. A style
the pipeline gets wrong is an ``xfail(strict=True)`` whose reason says, from the output
alone, which cells or what shape go wrong, so that the mark flips to a failure the day it is
fixed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.table_styles_fpdf import FPDF_NEGATIVES, FPDF_STYLES
from tests.test_table_styles import Output, collapse, distinctive_cells, params
from tests.test_table_styles_heldout import read_output

pytest.importorskip("fpdf")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Build, process and write each style once; every test of the style reads the result."""
    cache: dict[str, Output] = {}
    builders = {**FPDF_STYLES, **FPDF_NEGATIVES}

    def output(style: str) -> Output:
        if style not in cache:
            cache[style] = read_output(builders[style], tmp_path_factory.mktemp(style), style)
        return cache[style]

    return output


# What the pipeline gets wrong on the fpdf2 set, style by style, as seen from its output
# (the table code was not read).

CELLS_WRONG: dict[str, str] = {
    "no_inner_rules_fill_columns": (
        "rows run together in the unfilled columns: with NO_HORIZONTAL_LINES (outer box, rules down, no rules "
        "between body rows) and every other column tinted, the first body row's Crop cell is 'Wheat Barley Oats "
        "Oilseed rape Potatoes Sugar beet' and its 2022 cell all six 2022 figures, the Crop and 2022 cells of the "
        "five rows below are ''; the tinted 2021 and 2023 columns are split right (7 x 4, header, caption right)"),
}

BODY_WRONG: dict[str, str] = {}

NEGATIVES_WRONG: dict[str, str] = {}


@pytest.mark.parametrize("style", params(list(FPDF_STYLES), CELLS_WRONG))
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


@pytest.mark.parametrize("style", params(list(FPDF_STYLES), BODY_WRONG))
def test_table_text_stays_out_of_the_body_and_prose_stays_in(style: str, outputs: Any) -> None:
    out = outputs(style)
    text = collapse(out.text)
    left = sorted(cell for cell in distinctive_cells(out.expected) if re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", text))
    assert left == [], "table cells read again as body text"
    for table in out.expected.tables:
        assert table.caption is None or table.caption not in text
    for phrase in out.expected.body:
        assert collapse(phrase) in text


@pytest.mark.parametrize("style", params(list(FPDF_NEGATIVES), NEGATIVES_WRONG))
def test_aligned_text_that_is_not_a_table_gives_none(style: str, outputs: Any) -> None:
    """A memo's ``To:`` / ``From:`` lines and two signatures side by side, and an article
    in two balanced columns: aligned, but text to a reader."""
    out = outputs(style)
    assert out.pages == out.expected.pages
    assert out.tables == []
    text = collapse(out.text)
    for phrase in out.expected.body:
        assert collapse(phrase) in text
