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

from typing import Any

import pytest

from tests.table_styles_fpdf import FPDF_NEGATIVES, FPDF_STYLES
from tests.test_table_styles import check_body, check_cells, check_no_table, outputs_of, params

pytest.importorskip("fpdf")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return outputs_of({**FPDF_STYLES, **FPDF_NEGATIVES}, tmp_path_factory)


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
    check_cells(outputs(style))


@pytest.mark.parametrize("style", params(list(FPDF_STYLES), BODY_WRONG))
def test_table_text_stays_out_of_the_body_and_prose_stays_in(style: str, outputs: Any) -> None:
    check_body(outputs(style))


@pytest.mark.parametrize("style", params(list(FPDF_NEGATIVES), NEGATIVES_WRONG))
def test_aligned_text_that_is_not_a_table_gives_none(style: str, outputs: Any) -> None:
    """A memo's ``To:`` / ``From:`` lines and two signatures side by side, and an article
    in two balanced columns: aligned, but text to a reader."""
    check_no_table(outputs(style))
