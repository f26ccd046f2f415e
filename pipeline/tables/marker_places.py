"""Where the footnote markers in a table's cells were printed, for the report.

The page the table finder reads wraps each raised marker's glyphs in the body's sentinels
(:func:`pipeline.tables.page.mark_raised_markers`), so the glyphs themselves say where each
marker stands; a cell's marker is then drawn on the page where it was printed, not at the
table's corner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pipeline.model import Box, PageBox, Table
from pipeline.patterns import KNOWN_MARKER, MARKER_CLOSE, MARKER_OPEN

ROW_SLACK = 3.0
"""Points: glyphs whose tops differ by less stand on one row when markers are put in reading order."""


def with_marker_places(table: Table, page: Any) -> Table:
    """The table with the place of each marker in its cells (``Table.marker_boxes``, in the
    order the structure stage reads them: row by row, cell by cell), each matched to a
    printed marker of the same text inside the table, in reading order; ``None`` where
    none is found (a page read without the sentinels)."""
    wanted = [match.group(1) for row in table.rows for cell in row for match in KNOWN_MARKER.finditer(cell)]
    if not wanted or table.box is None:
        return table
    printed = sorted(printed_markers(page.chars, table.box), key=lambda found: (round(found[1].top / ROW_SLACK), found[1].x0))
    places: list[PageBox | None] = []
    for marker in wanted:
        index = next((k for k, (text, _) in enumerate(printed) if text == marker), None)
        places.append(None if index is None else PageBox(page.page_number, printed.pop(index)[1]))
    return replace(table, marker_boxes=tuple(places))


def printed_markers(glyphs: Iterable[dict[str, Any]], box: Box) -> list[tuple[str, Box]]:
    """Each wrapped marker whose glyphs stand inside ``box``: its text and the box around them.

    >>> glyph = lambda text, x: {"text": text, "x0": x, "x1": x + 3, "top": 100, "bottom": 106}
    >>> printed_markers([glyph("4", 10), glyph("\\ue0001", 13), glyph("2\\ue001", 16)], Box(0, 90, 50, 120))
    [('12', Box(x0=13, top=100, x1=19, bottom=106))]
    """
    found: list[tuple[str, Box]] = []
    run: list[dict[str, Any]] = []
    for glyph in glyphs:
        text = glyph["text"]
        if text.startswith(MARKER_OPEN):
            run = [glyph]
        elif run:
            run.append(glyph)
        if run and text.endswith(MARKER_CLOSE):
            place = Box(min(g["x0"] for g in run), min(g["top"] for g in run), max(g["x1"] for g in run), max(g["bottom"] for g in run))
            if box.x0 <= (place.x0 + place.x1) / 2 <= box.x1 and box.top <= (place.top + place.bottom) / 2 <= box.bottom:
                found.append(("".join(g["text"] for g in run).strip(MARKER_OPEN + MARKER_CLOSE), place))
            run = []
    return found
