"""The header: how many rows it has, group labels spread over their columns, several rows flattened to one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.patterns import UNITS
from pipeline.settings import TableSettings
from pipeline.structure.hyphenation import join_line
from pipeline.tables.figures import is_numeric
from pipeline.tables.geometry import line_phrases
from pipeline.tables.grid import Grid


def count_header_rows(rows: list[list[str]], spans: list[list[str]], settings: TableSettings) -> int:
    """How many rows at the top are header rows: text over a body with numbers (or, in a
    table of words, a top row whose cells never recur below); a row under merged cells
    (``2019`` spanning ``Held | Released``) is a header row too."""
    if len(rows) < 2:
        return 0
    first = [cell for cell in rows[0] if cell]
    if not first or any(is_numeric(cell) for cell in first):
        return 0
    body_numeric = any(is_numeric(cell) for row in rows[1:] for cell in row if cell)
    if not body_numeric and not distinct_first_row(rows):
        return 0
    count = 1
    while count < min(settings.max_header_rows, len(rows) - 1):
        merged_above = "left" in spans[count - 1] or "up" in spans[count]
        cells = [cell for cell in rows[count] if cell]
        if not merged_above or not cells or any(is_numeric(cell) for cell in cells):
            break
        count += 1
    return count


def distinct_first_row(rows: list[list[str]]) -> bool:
    """Without numbers, the top row is a header only when none of its cells recurs below."""
    below = {cell for row in rows[1:] for cell in row}
    return all(cell not in below for cell in rows[0] if cell) and len(rows) >= 3


def flatten_header(rows: list[list[str]]) -> list[str]:
    """Header rows as one: ``2019`` over ``Held`` gives ``2019 / Held``; a cell merged down
    (``County`` over itself) is said once.

    >>> flatten_header([["County", "2019", "2019"], ["County", "Held", "Released"]])
    ['County', '2019 / Held', '2019 / Released']
    """
    out = []
    for column in zip(*rows):
        parts: list[str] = []
        for part in column:
            if part and part not in parts:
                parts.append(part)
        out.append(" / ".join(parts))
    return out


def join_wrapped_header(rows: list[list[str]]) -> list[list[str]]:
    """Join the lines of an unruled table's header that wrapped (``Average daily`` over
    ``population``): the text strategy gives each line a row. The top row names every
    column but the first, the lines under it hold no figures and sit only under named
    columns, and the first row of figures comes right after.

    >>> join_wrapped_header([["Office", "Average daily", "Held on"], ["", "population", "bond"], ["Dallas", "3,480", "655"]])
    [['Office', 'Average daily population', 'Held on bond'], ['Dallas', '3,480', '655']]
    """
    first_figures = next((r for r, row in enumerate(rows) if any(is_numeric(cell) for cell in row if cell)), 0)
    if not 2 <= first_figures <= 3 or not all(rows[0][1:]):
        return rows
    wrapped = rows[1:first_figures]
    if any(is_numeric(cell) for row in wrapped for cell in row if cell):
        return rows
    if any(not any(row[1:]) for row in wrapped):
        return rows  # a line in the first column only is a section label (Northern region)
    header = list(rows[0])
    for row in wrapped:
        units = all(UNITS.match(cell) for cell in row if cell)  # (thousands) under each head
        for c, cell in enumerate(row):
            if cell and units and header[c]:
                header[c] = f"{header[c]} / {cell}"
            elif cell:
                header[c], _ = join_line(header[c], cell) if header[c] else (cell, None)
    return [header] + rows[first_figures:]


def spread_group_labels(grid: Grid, chars: Sequence[dict[str, Any]], edges: list[float], settings: TableSettings) -> Grid:
    """Read again the header rows above the lowest one of a grid of text lines, phrase by
    phrase, and give each group label the columns it stands over.

    The text strategy puts a label in the one column under its middle (or cuts it where it
    crosses a column edge), so ``Fiscal year 2022`` over four columns and ``Adults`` over two
    would head one each. Each column of figures goes to the label of its line whose middle
    is nearest; the label stands in the first of its columns and the others are marked as
    covered (``left``), as a merged cell of a ruled grid is, so the header is flattened as
    ``Fiscal year 2022 / Adults / Held``.
    """
    rows, tops = grid.rows, grid.row_tops
    first_figures = next((r for r, row in enumerate(rows) if any(c and is_numeric(c) for c in row)), 0)
    if first_figures < 2 or len(tops) != len(rows):
        return grid
    figures = {c for row in rows[first_figures:] for c, cell in enumerate(row) if cell and is_numeric(cell)}
    header_rows = [r for r in range(first_figures) if any(rows[r])]
    new_rows = [list(row) for row in rows]
    new_spans = [list(kinds) for kinds in grid.spans]
    for r in header_rows[:-1]:  # the lowest header line names its columns one by one
        end = tops[r + 1] if r + 1 < len(tops) else tops[r] + 1000
        line = [ch for ch in chars if tops[r] - 1 <= (ch["top"] + ch["bottom"]) / 2 < end and ch["text"].strip()]
        phrases = line_phrases(sorted(line, key=lambda ch: ch["x0"]), settings)
        owners = label_owners(phrases, edges, figures)
        if owners is None:
            continue
        new_rows[r] = [None if c and owner is not None and owners[c - 1] == owner else
                       (phrases[owner][2] if owner is not None else "") for c, owner in enumerate(owners)]
        new_spans[r] = ["left" if cell is None else "" for cell in new_rows[r]]
    return replace(grid, rows=new_rows, spans=new_spans)


def label_owners(phrases: list[tuple[float, float, str]], edges: list[float], figures: set[int]) -> list[int | None] | None:
    """For each column between ``edges``, the phrase of a header line that heads it: the
    nearest for a column of figures or one the phrase's middle falls in, else None. None
    when the line is no group labels: nothing on it, or one label over each column (a
    header line of its own level).

    >>> label_owners([(10, 50, "Fiscal year 2022")], [0, 20, 40, 60], {0, 1, 2})
    [0, 0, 0]
    >>> label_owners([(5, 15, "Held"), (25, 35, "Freed")], [0, 20, 40], {0, 1}) is None
    True
    """
    width = len(edges) - 1
    centres = [(a + b) / 2 for a, b, _ in phrases]
    homes = {c for c in range(width) for x in centres if edges[c] <= x < edges[c + 1]}
    if not phrases or (len(homes) == len(phrases) and figures <= homes):
        return None
    middles = [(edges[c] + edges[c + 1]) / 2 for c in range(width)]
    owners: list[int | None] = []
    for c in range(width):
        nearest = min(range(len(phrases)), key=lambda i: abs(centres[i] - middles[c]))
        inside = edges[c] <= centres[nearest] < edges[c + 1]
        owners.append(nearest if c in figures or inside else None)
    return owners
