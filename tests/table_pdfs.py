"""Reportlab builders for table PDFs whose every cell is known by construction.

Each builder draws on a :class:`tests.pdf_factory.PdfBuilder` (coordinates from the page top)
and returns nothing; the tests hold the expected cells. Ruled grids are drawn as strokes,
cells as text set a few points inside their box.
"""

from __future__ import annotations

from collections.abc import Sequence

from tests.pdf_factory import PdfBuilder, paragraph_lines

PROSE = [
    "The county reports below were gathered from the sheriff offices that answered the",
    "request for records. Several offices did not answer within the statutory period and",
    "are not included in the counts, which should be read with that caveat in mind here.",
]


def ruled_table(builder: PdfBuilder, x: float, top: float, widths: Sequence[float], rows: Sequence[Sequence[str]],
                *, row_height: float = 18.0, size: float = 9.0) -> float:
    """A grid with every border drawn; a cell may hold several lines separated by ``\\n``
    (its row grows). Returns the grid's bottom."""
    heights = [max(row_height, 4 + 11 * max(len(cell.split("\n")) for cell in row)) for row in rows]
    edges_x = [x]
    for w in widths:
        edges_x.append(edges_x[-1] + w)
    y = top
    for row, height in zip(rows, heights):
        builder.rule(edges_x[0], edges_x[-1], y)
        for cell, left in zip(row, edges_x):
            for index, text in enumerate(cell.split("\n")):
                if text:
                    builder.line(left + 4, y + 11 + 11 * index, text, size=size)
        y += height
    builder.rule(edges_x[0], edges_x[-1], y)
    for ex in edges_x:
        builder.canvas.setLineWidth(0.5)
        builder.canvas.line(ex, 792 - top, ex, 792 - y)
    return y


def merged_header_table(builder: PdfBuilder, x: float, top: float, body: Sequence[Sequence[str]]) -> float:
    """``County`` over two header rows, ``2019`` and ``2020`` each over ``Held | Released``."""
    w, h = 80.0, 18.0
    xs = [x + w * i for i in range(6)]
    c = builder.canvas
    c.setLineWidth(0.5)

    def hline(x0: float, x1: float, y: float) -> None:
        c.line(x0, 792 - y, x1, 792 - y)

    def vline(xv: float, y0: float, y1: float) -> None:
        c.line(xv, 792 - y0, xv, 792 - y1)

    bottom = top + 2 * h + h * len(body)
    hline(xs[0], xs[5], top)
    hline(xs[1], xs[5], top + h)  # no line under "County": it spans both header rows
    for r in range(len(body) + 1):
        hline(xs[0], xs[5], top + 2 * h + h * r)
    for xv in (xs[0], xs[1], xs[3], xs[5]):
        vline(xv, top, bottom)
    for xv in (xs[2], xs[4]):
        vline(xv, top + h, bottom)  # "2019" and "2020" span two columns
    builder.line(xs[0] + 4, top + 22, "County", size=9)
    builder.line(xs[1] + 60, top + 12, "2019", size=9)
    builder.line(xs[3] + 60, top + 12, "2020", size=9)
    for i, label in enumerate(["Held", "Released", "Held", "Released"]):
        builder.line(xs[1 + i] + 4, top + h + 12, label, size=9)
    for r, row in enumerate(body):
        for i, cell in enumerate(row):
            builder.line(xs[i] + 4, top + 2 * h + h * r + 12, cell, size=9)
    return bottom


def aligned_table(builder: PdfBuilder, x: float, top: float, columns: Sequence[float], rows: Sequence[Sequence[str]],
                  *, leading: float = 14.0, size: float = 9.0) -> float:
    """An unruled table: each cell at its column's left edge (``columns`` are offsets from
    ``x``), one row every ``leading`` points. Returns the next baseline."""
    for row in rows:
        for offset, cell in zip(columns, row):
            if cell:
                builder.line(x + offset, top, cell, size=size)
        top += leading
    return top


def prose(builder: PdfBuilder, x: float, top: float, lines: Sequence[str] = PROSE) -> float:
    return paragraph_lines(builder, x, top, list(lines), leading=13.0, size=10.0)
