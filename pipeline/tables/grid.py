"""The raw grid a strategy found, before cleaning, read from pdfplumber's table."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from pipeline.tables.geometry import chars_inside
from pipeline.tables.page import sideways_text


@dataclass(frozen=True)
class Grid:
    """A raw table as a strategy found it, before cleaning (internal). Frozen: a step that
    changes it (group labels spread, the grid marked unruled) returns a new one."""

    rows: list[list[str | None]]
    spans: list[list[str]] = field(default_factory=list)
    """Per cell: ``""`` for a cell of its own, ``"left"``/``"up"`` for one covered by a merged cell."""
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    ruled: bool = True
    framed: bool = False
    """Bounded above and below by rules (booktabs): two columns are enough to be a table."""
    row_tops: list[float] = field(default_factory=list)
    """Where each row starts (points from the page top), for the rows of text lines."""
    size: float = 0.0
    """The usual type size of the cells (points), for the rows of text lines."""


def grid_of(found: Any) -> Grid:
    """A pdfplumber table as rows of cell text, with where each ``None`` cell's text lives."""
    rows = cell_texts(found)
    spans: list[list[str]] = []
    boxes = [row.cells for row in found.rows]
    read_sideways_cells(rows, boxes, found.page)
    for r, row in enumerate(rows):
        kinds = []
        for c, cell in enumerate(row):
            if cell is not None or boxes[r][c] is not None:
                kinds.append("")
                continue
            left = next((b for b in reversed(boxes[r][:c]) if b is not None), None)
            x_start = column_start(boxes, c)
            kinds.append("left" if left is not None and x_start is not None and left[2] > x_start + 1 else "up")
        spans.append(kinds)
    move_off_slivers(rows, spans, column_widths(boxes))
    return Grid([list(r) for r in rows], spans, tuple(found.bbox), row_tops=[row.bbox[1] for row in found.rows])


def cell_texts(found: Any) -> list[list[str | None]]:
    """What pdfplumber's ``Table.extract()`` gives, without its scan of every glyph of the
    page for every row: the glyphs are sorted by their middle height once, and each row
    takes its band by bisection (a ruled form of 50 rows spent most of its table time there).
    A glyph belongs to a row or cell when its centre lies in it, left and top edges
    included, as pdfplumber decides; the glyphs of a cell keep the page's order."""
    from pdfplumber.utils import extract_text

    chars = found.page.chars
    middles = sorted(((c["top"] + c["bottom"]) / 2, i) for i, c in enumerate(chars))
    heights = [middle for middle, _ in middles]
    table: list[list[str | None]] = []
    for row in found.rows:
        x0, top, x1, bottom = row.bbox
        band = sorted(middles[i][1] for i in range(bisect_left(heights, top), bisect_left(heights, bottom)))
        row_chars = [chars[i] for i in band if x0 <= (chars[i]["x0"] + chars[i]["x1"]) / 2 < x1]
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            inside = [c for c in row_chars if cell[0] <= (c["x0"] + c["x1"]) / 2 < cell[2]
                      and cell[1] <= (c["top"] + c["bottom"]) / 2 < cell[3]]
            cells.append(extract_text(inside) if inside else "")
        table.append(cells)
    return table


def column_widths(boxes: list[list[Any]]) -> list[float]:
    """The width of each column of a pdfplumber grid, from the cells that cover it alone."""
    widths: list[float] = []
    for c in range(max((len(row) for row in boxes), default=0)):
        starts = [row[c][0] for row in boxes if c < len(row) and row[c] is not None]
        ends = [row[c + 1][0] for row in boxes if c + 1 < len(row) and row[c + 1] is not None]
        ends += [row[c][2] for row in boxes if c < len(row) and row[c] is not None and (c + 1 >= len(row))]
        widths.append(min(ends) - max(starts) if starts and ends else 0.0)
    return widths


def move_off_slivers(rows: list[list[str | None]], spans: list[list[str]], widths: list[float]) -> None:
    """Put a body cell's text in the main column of its span when the rest of the span is
    slivers: a Word table shades its header cells with fills set a few points inside their
    borders, whose edges cut every column into a sliver, the column and a sliver, so that a
    figure under ``Oui`` would land in the sliver before it and slide under the wrong head.

    >>> rows = [["", "Oui", ""], ["88", None, None]]
    >>> spans = [["", "", ""], ["", "left", "left"]]
    >>> move_off_slivers(rows, spans, [5.0, 105.0, 5.0]); rows[1], spans[1]
    (['', '88', None], ['', '', 'left'])
    """
    for r in range(1, len(rows)):
        for c, text in enumerate(rows[r]):
            if text is None or spans[r][c]:
                continue
            end = c + 1
            while end < len(rows[r]) and spans[r][end] == "left":
                end += 1
            if end - c < 2 or end > len(widths):
                continue
            main = max(range(c, end), key=lambda i: widths[i])
            if main != c and all(widths[i] <= 0.25 * widths[main] for i in range(c, end) if i != main):
                rows[r][main], rows[r][c] = text, ""
                spans[r][main] = ""
                for i in range(c + 1, main):
                    spans[r][i], rows[r][i] = "", ""


def read_sideways_cells(rows: list[list[str | None]], boxes: list[list[Any]], page: Any) -> None:
    """Give each cell set wholly sideways (a narrow column's header turned 90°) its text
    in reading order: pdfplumber's own reading spells it backwards (``LTCBOJ*``)."""
    rotated = getattr(page, "rotated", None)
    if rotated is None:  # a pdfplumber page keeps every glyph in ``chars``
        rotated = [c for c in page.chars if not c.get("upright", True)]
    if not rotated:
        return
    upright = [ch for ch in page.chars if ch.get("upright", True)]
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            sideways = chars_inside(rotated, box) if box is not None else []
            if sideways and not chars_inside(upright, box):
                rows[r][c] = sideways_text(sideways)


def column_start(boxes: list[list[Any]], c: int) -> float | None:
    starts = [row[c][0] for row in boxes if c < len(row) and row[c] is not None]
    return min(starts) if starts else None
