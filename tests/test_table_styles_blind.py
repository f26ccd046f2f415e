"""The blind table styles of :mod:`tests.table_styles_blind`, read as a new user reads them:
``pipeline.process``, then ``document.json``, ``tables/<id>.csv`` and ``text.txt``.

The assertions are those of :mod:`tests.test_table_styles` and
:mod:`tests.test_table_styles_heldout` (every cell, the shape, pages and caption; no table
text in the body; the prose kept; no table from the negatives), on PDFs built without
reading the table code. A style the pipeline gets wrong is an ``xfail(strict=True)`` whose
reason says, from the output alone, which cells or what shape go wrong, so that the mark
flips to a failure the day it is fixed (and the style should then be replaced by a fresh
one: a fixed style is no longer blind).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.table_styles_blind import BLIND_NEGATIVES, BLIND_STYLES
from tests.test_table_styles import check_body, check_cells, check_no_table, outputs_of, params

pytest.importorskip("reportlab")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return outputs_of({**BLIND_STYLES, **BLIND_NEGATIVES}, tmp_path_factory)


# What the pipeline gets wrong on the blind set, style by style, as seen from its output
# (the table code was not read).

NO_TABLE = "no table is found (see test_every_table_…[{0}]), so all its cells are read as paragraphs of text.txt"

CELLS_WRONG: dict[str, str] = {
    "monospace_plain_text": (
        "no table: a plain-text report in 9 pt Courier (one string a line, columns made with spaces, '-----' "
        "under the header and '=====' above TOTAL) gives nothing; expected 8 x 5 (OFFICE … AVG DAYS)"),
    "timeline_wrapped_events": (
        "no table: a Date | Event chronology (bold dates, events wrapped onto 2-3 lines, one rule under the "
        "header only, spacing between entries) gives nothing; expected 6 x 2"),
    "dot_leader_ledger": (
        "no table: a ledger with column heads 'Expenditure | 2022 | 2023', dot leaders from each label to two "
        "right-aligned amount columns and a bold total under short rules gives nothing; expected 9 x 3 (a "
        "judgement call, see tests/table_styles_blind.py: a contents page stays text, a ledger with heads is a "
        "table)"),
    "split_across_columns": (
        "two tables instead of one: the part at the top of the right column (header + Queensbury…Thornton, 5 x 3) "
        "comes FIRST in block order, before the part at the foot of the left column (header + Alder…Pinehurst, "
        "17 x 3); they are neither joined nor in reading order (expected one 21 x 3 table, header once)"),
}

BODY_WRONG: dict[str, str] = {style: NO_TABLE.format(style) for style in
                              ("monospace_plain_text", "timeline_wrapped_events", "dot_leader_ledger")}
BODY_WRONG.update({
})

NEGATIVES_WRONG: dict[str, str] = {}


@pytest.mark.parametrize("style", params(list(BLIND_STYLES), CELLS_WRONG))
def test_every_table_is_found_with_its_cells_shape_pages_and_caption(style: str, outputs: Any) -> None:
    check_cells(outputs(style))


@pytest.mark.parametrize("style", params(list(BLIND_STYLES), BODY_WRONG))
def test_table_text_stays_out_of_the_body_and_prose_stays_in(style: str, outputs: Any) -> None:
    check_body(outputs(style))


@pytest.mark.parametrize("style", params(list(BLIND_NEGATIVES), NEGATIVES_WRONG))
def test_aligned_text_that_is_not_a_table_gives_none(style: str, outputs: Any) -> None:
    """A two-column newsletter with pull quotes between rules, and a resolution's numbered
    paragraphs with hanging numbers: aligned, but text to a reader."""
    check_no_table(outputs(style))


def test_raised_letters_after_figures_are_footnotes_of_their_cells(outputs: Any) -> None:
    """``14,870ᵃ`` and ``2,988ᵇ``: the letters leave the cells, each is a footnote of the
    table naming its cell (row, column of the CSV) and carrying its note, and the notes at
    the page bottom are notes, not body text."""
    out = outputs("footnote_letters_raised")
    assert [(n["marker"], n["text"]) for n in out.notes] == list(out.expected.notes)
    notes = dict(out.expected.notes)
    for note in notes.values():
        assert note not in out.text
    [table] = out.tables
    assert [(f["marker"], f["block"], f["cell"], f["note"]) for f in out.footnotes] == [
        ("a", table["id"], [1, 1], notes["a"]), ("b", table["id"], [2, 2], notes["b"])]


@pytest.mark.xfail(strict=True, reason=(
    "two tables, the right column's part (Queensbury…Thornton) first in block order and the left column's part "
    "(Alder…Pinehurst) second; see CELLS_WRONG['split_across_columns']"))
def test_table_split_over_two_columns_is_one_table(outputs: Any) -> None:
    """The rows at the top of the right column go on from those at the foot of the left one:
    one table, its repeated header dropped, rows in reading order."""
    out = outputs("split_across_columns")
    [want] = out.expected.tables
    assert [t["cells"][1][0] for t in out.tables][:1] == [want.rows[1][0]], "the left column's part comes first"
    assert len(out.tables) == 1
