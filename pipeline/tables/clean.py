"""A raw grid cleaned into rows: the order of the cleaning steps, in one place."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.model import Box, Table
from pipeline.settings import NormalizeSettings, TableSettings
from pipeline.tables.figures import is_numeric
from pipeline.tables.grid import Grid
from pipeline.tables.header import count_header_rows, flatten_header, join_wrapped_header
from pipeline.tables.rows import (
    carry_group_labels,
    drop_repeated_rows,
    fold_interleaved_columns,
    group_label_columns,
    join_cell,
    join_continuation_rows,
    split_stacked_rows,
    spread_copy,
)


@dataclass(frozen=True)
class CleanRows:
    """A grid's rows once cleaned, before the verdict: header rows first."""

    rows: list[list[str]]
    header_count: int


def clean_grid(grid: Grid, settings: TableSettings, normalize: NormalizeSettings, stats: Counter[str]) -> CleanRows:
    """Cells joined and repaired, spans resolved, spacers dropped, header found, in that
    order (each step is a function of :mod:`~pipeline.tables.rows` or
    :mod:`~pipeline.tables.header`)."""
    raw, spans = split_stacked_rows(grid.rows, grid.spans or [[""] * len(row) for row in grid.rows])
    rows = [[join_cell(cell, normalize, stats) for cell in row] for row in raw]
    if not grid.ruled and len(grid.row_tops) == len(rows):
        rows, spans = join_wrapped_rows(rows, spans, grid)
    header_count = count_header_rows(rows, spans, settings)
    rows = resolve_spans(rows, spans, header_count)
    rows, header_count = drop_spacers(rows, header_count)
    rows = fold_interleaved_columns(rows, header_count)
    rows, header_count = drop_repeated_rows(rows, header_count)
    if not grid.ruled and header_count <= 1:
        joined = join_wrapped_header(rows)
        header_count = 1 if len(joined) < len(rows) else header_count
        rows = joined
    if header_count > 1:
        rows = [flatten_header(rows[:header_count])] + rows[header_count:]
    if not grid.ruled:
        rows = carry_group_labels(rows, 1 if header_count else 0)
    return CleanRows(rows, header_count)


def join_wrapped_rows(rows: list[list[str]], spans: list[list[str]], grid: Grid) -> tuple[list[list[str]], list[list[str]]]:
    """The body lines of a grid of text lines joined into rows (:func:`join_continuation_rows`),
    then the blank rows the text strategy leaves between lines dropped. The header's lines
    are left to the header rules (group labels, a wrapped header)."""
    head = next((r for r, row in enumerate(rows) if any(is_numeric(cell) for cell in row if cell)), 0)
    body, body_spans = join_continuation_rows(rows[head:], spans[head:], grid.row_tops[head:], grid.size)
    rows, spans = rows[:head] + body, spans[:head] + body_spans
    kept = [r for r, row in enumerate(rows) if any(row)]
    return [rows[r] for r in kept], [spans[r] for r in kept]


def resolve_spans(rows: list[list[str]], spans: list[list[str]], header_count: int) -> list[list[str]]:
    """Give a merged cell's text to every cell it covers in the header (``2019`` over
    ``Held | Released``), and a group label merged down to each row of its group; a merged
    cell of the body is otherwise left blank.

    >>> resolve_spans([["2019", ""], ["Held", "Released"]], [["", "left"], ["", ""]], 1)
    [['2019', '2019'], ['Held', 'Released']]
    """
    for r in range(len(rows)):
        labels = group_label_columns(spans[r]) if r > header_count else 0
        for c in range(len(rows[r])):
            kind = spans[r][c] if c < len(spans[r]) else ""
            if r < header_count and kind == "left" and c > 0:
                rows[r][c] = rows[r][c - 1]
            elif r < header_count and kind == "up" and r > 0 or c < labels:
                rows[r][c] = rows[r - 1][c]
    return rows


def drop_spacers(rows: list[list[str]], header_count: int) -> tuple[list[list[str]], int]:
    """Drop the empty rows and columns (spacers a drawing leaves) and the columns that hold
    only a copy of a header spread over them (:func:`spread_copy`); every row as wide as
    the widest.

    >>> drop_spacers([["County", "", "Held"], ["", "", ""], ["Wake", "", "12"]], 1)
    ([['County', 'Held'], ['Wake', '12']], 1)
    """
    keep_rows = [r for r, row in enumerate(rows) if any(row)]
    keep_cols = [c for c in range(max((len(r) for r in rows), default=0))
                 if any(c < len(row) and row[c] for row in rows) and not spread_copy(rows, c, header_count)]
    header_count = sum(1 for r in keep_rows if r < header_count)
    return [[rows[r][c] if c < len(rows[r]) else "" for c in keep_cols] for r in keep_rows], header_count


def grid_table(grid: Grid, cleaned: CleanRows, page_number: int) -> Table:
    """The table a cleaned grid makes, on its page, where the grid lies."""
    x0, top, x1, bottom = grid.bbox
    return Table(
        rows=tuple(tuple(row) for row in cleaned.rows), pages=(page_number,), has_header=cleaned.header_count > 0,
        box=Box(x0, top, x1, bottom), page_order=top,
    )
