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


def sideways_header_table(builder: PdfBuilder, x: float, top: float, labels: Sequence[str],
                          rows: Sequence[Sequence[str]]) -> float:
    """A ruled matrix whose narrow columns have their headers turned 90° (read bottom to
    top), the first column an upright ``Action`` header. Returns the grid's bottom."""
    c = builder.canvas
    c.setLineWidth(0.5)
    widths = [200.0] + [28.0] * len(labels)
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    header_height, row_height = 90.0, 18.0
    bottom = top + header_height + row_height * len(rows)
    for y in [top, top + header_height] + [top + header_height + row_height * (i + 1) for i in range(len(rows))]:
        builder.rule(xs[0], xs[-1], y)
    for xv in xs:
        c.line(xv, 792 - top, xv, 792 - bottom)
    builder.line(x + 4, top + 12, "Action", size=9)
    for left, label in zip(xs[1:], labels):
        c.saveState()
        c.translate(left + 18, 792 - (top + header_height - 4))
        c.rotate(90)
        c.setFont("Times-Roman", 9)
        c.drawString(0, 0, label)
        c.restoreState()
    for r, row in enumerate(rows):
        for left, cell in zip(xs, row):
            if cell:
                builder.line(left + 4, top + header_height + row_height * r + 12, cell, size=9)
    return bottom


def open_sided_table(builder: PdfBuilder, x: float, top: float, groups: Sequence[tuple[str, Sequence[Sequence[str]]]]
                     ) -> float:
    """A statistical table in the census and Eurostat manner: every rule runs the full width,
    but vertical lines stand only between the figure columns; the group label column on the
    left (``2019`` beside its rows) and the last figure column on the right have none. Rules
    divide the groups; rows within a group are not ruled. Header: ``Group | Sex | Held |
    Released | Share``. Returns the bottom rule."""
    c = builder.canvas
    c.setLineWidth(0.5)
    xs = [x, x + 60, x + 130, x + 200, x + 270, x + 340]  # the last edge is never drawn
    row_height = 14.0
    y = top
    builder.rule(xs[0], xs[-1], y)
    for left, name in zip(xs, ["Group", "Sex", "Held", "Released", "Share"]):
        builder.line(left + 4, y + 11, name, size=9)
    y += 16
    inner_tops = [top]
    for label, rows in groups:
        builder.rule(xs[0], xs[-1], y)
        inner_tops.append(y)
        builder.line(xs[0] + 4, y + row_height * len(rows) / 2 + 4, label, size=9)
        for r, row in enumerate(rows):
            for left, cell in zip(xs[1:], row):
                builder.line(left + 4, y + row_height * r + 11, cell, size=9)
        y += row_height * len(rows)
    builder.rule(xs[0], xs[-1], y)
    for xv in xs[1:-1]:
        c.line(xv, 792 - top, xv, 792 - y)
    return y


def boxed_figure(builder: PdfBuilder, x: float, top: float, lines: Sequence[str], caption: str) -> float:
    """A diagram drawn as boxes holding text (a flow of steps), captioned ``Figure N``
    under it. Returns the caption's baseline."""
    height = 16.0 * len(lines) + 10
    builder.rectangle(x, top, 300, height)
    builder.rectangle(x + 150, top + 6, 140, height - 12)
    for i, text in enumerate(lines):
        builder.line(x + 6, top + 16 + 16 * i, text, size=9)
        builder.line(x + 156, top + 16 + 16 * i, text.upper(), size=9)
    return builder.line(x, top + height + 14, caption, size=9) and top + height + 14
