"""The held-out table styles of :mod:`tests.table_styles_heldout`, read as a new user reads
them: ``pipeline.process``, then ``document.json``, ``tables/<id>.csv`` and ``text.txt``.

The assertions are those of :mod:`tests.test_table_styles` (every cell, the shape, pages and
caption; no table text in the body; the prose kept; no table from the negatives), on PDFs
the table code was never tuned on. A style the pipeline gets wrong is an
``xfail(strict=True)`` whose reason says which cells go wrong and where in
``pipeline/tables.py``, so that the mark flips to a failure the day it is fixed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.table_styles_heldout import HELDOUT_NEGATIVES, HELDOUT_STYLES
from tests.test_table_styles import check_body, check_cells, check_no_table, outputs_of, params

pytest.importorskip("reportlab")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return outputs_of({**HELDOUT_STYLES, **HELDOUT_NEGATIVES}, tmp_path_factory)


# What the pipeline gets wrong on the held-out set, style by style. Function names are
# those of pipeline/tables.py.


CELLS_WRONG: dict[str, str] = {
}

BODY_WRONG: dict[str, str] = {}

NEGATIVES_WRONG: dict[str, str] = {
}


@pytest.mark.parametrize("style", params(list(HELDOUT_STYLES), CELLS_WRONG))
def test_every_table_is_found_with_its_cells_shape_pages_and_caption(style: str, outputs: Any) -> None:
    check_cells(outputs(style))


@pytest.mark.parametrize("style", params(list(HELDOUT_STYLES), BODY_WRONG))
def test_table_text_stays_out_of_the_body_and_prose_stays_in(style: str, outputs: Any) -> None:
    check_body(outputs(style))


@pytest.mark.parametrize("style", params(list(HELDOUT_NEGATIVES), NEGATIVES_WRONG))
def test_aligned_text_that_is_not_a_table_gives_none(style: str, outputs: Any) -> None:
    """A form of label: value pairs, a letter with two address blocks and an indented verse,
    a bibliography with hanging indents: aligned, but text to a reader."""
    check_no_table(outputs(style))


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
