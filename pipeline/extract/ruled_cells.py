"""Ruled tables on a scanned page: their rules found in the image, given to the table finder,
and cut away before the page is read.

Tesseract's page layout takes a ruled table's grid for pictures and drops cells, a cell's
footnote marker with them (the detainers brief lost ``1,301¹``). The page image shows the
table plainly: long thin runs of ink, across and down, that no letter makes, enclosing
cells. They are found with running sums over the binarised page (a morphological opening by
a line), given to the table finder as strokes (as a born-digital page's drawn rules), and
whitened in the image Tesseract reads, which then reads every cell, row by row.

Measured on the detainers brief's scan (300 dpi): reading each of the 37 cells alone on its
crop took 37 Tesseract runs (55 s on the loaded machine against 12 s for the page) and read
no more cells than one run over the page with its rules whitened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.extract.chars import Stroke

INK = 160
"""Grey level (of 255) under which a pixel counts as a rule's ink."""

RULE_LENGTH = 0.25
"""A rule runs at least this many inches unbroken (a cell's side in a table of numbers is
half an inch or more; a dash or a letter's stroke is far shorter)."""

RULE_THICKNESS = 0.03
"""…and is at most this many inches thick (a bar of shading is thicker)."""

MIN_CELLS = 4
"""A grid enclosing fewer cells than this is a frame or a box, not a table."""

ERASE_MARGIN = 1
"""Pixels whitened on each side of a rule's block box: its blurred edge."""


@dataclass(frozen=True)
class RuledTable:
    """A page's table rules: strokes in points for the table finder, boxes in pixels
    (``x0, top, x1, bottom``) to whiten before OCR, and the number of cells they enclose."""

    strokes: tuple[Stroke, ...] = ()
    boxes: tuple[tuple[int, int, int, int], ...] = ()
    cells: int = 0


def find_ruled_table(image: Any, dpi: int) -> RuledTable:
    """The page's table rules (across and down) and how many cells they enclose; empty when
    the page has no grid of at least :data:`MIN_CELLS` cells (a footnote separator alone,
    a frame)."""
    import numpy as np

    dark = pooled(np.asarray(image.convert("L")) < INK, POOL)
    dpi //= POOL
    length, thickness = max(10, int(RULE_LENGTH * dpi)), int(RULE_THICKNESS * dpi) + 1
    across, down = runs_at_least(dark, length, axis=1), runs_at_least(dark, length, axis=0)
    if not across.any() or not down.any():
        return RuledTable()
    grid = across | down
    cells = enclosed_cells(grid, thickness)
    if len(cells) < MIN_CELLS:
        return RuledTable()
    outer = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
    boxes = [b for b in (*run_boxes(across, thickness), *run_boxes(down, thickness)) if touches(b, outer, thickness)]
    scale = 72.0 / dpi
    strokes = tuple(Stroke("h" if x1 - x0 > bottom - top else "v", x0 * scale, x1 * scale, top * scale, bottom * scale)
                    for x0, top, x1, bottom in boxes)
    return RuledTable(strokes, tuple((x0 * POOL, top * POOL, x1 * POOL, bottom * POOL) for x0, top, x1, bottom in boxes), len(cells))


POOL = 3
"""The page is searched for rules in blocks of this many pixels a side (100 dpi from 300),
a block inked when any of its pixels is: a rule one pixel thick stays whole, and the search
takes a ninth of the time."""


def pooled(dark: Any, size: int) -> Any:
    """The mask in blocks of ``size`` pixels a side, a block set when any pixel in it is.

    >>> import numpy as np
    >>> pooled(np.eye(4, dtype=bool), 2).astype(int).tolist()
    [[1, 0], [0, 1]]
    """
    height, width = dark.shape[0] // size * size, dark.shape[1] // size * size
    return dark[:height, :width].reshape(height // size, size, width // size, size).any(axis=(1, 3))


def touches(box: tuple[int, int, int, int], outer: tuple[int, int, int, int], reach: int) -> bool:
    """Whether a rule's box reaches the cells' outer box (a rule elsewhere on the page, a
    footnote separator, is no part of the table)."""
    return box[0] <= outer[2] + reach and outer[0] - reach <= box[2] and box[1] <= outer[3] + reach and outer[1] - reach <= box[3]


def runs_at_least(dark: Any, length: int, axis: int) -> Any:
    """The ink of ``dark`` lying in a run of at least ``length`` pixels along ``axis`` (1:
    across, 0: down): a morphological opening by a line, done with running sums (measured:
    15 s for scipy's ``binary_opening`` by a 75-pixel line on a 300-dpi page on the loaded
    machine, under a second so).

    >>> import numpy as np
    >>> runs_at_least(np.array([[1, 1, 1, 0, 1, 1, 1, 1]], dtype=bool), 4, axis=1).astype(int).tolist()
    [[0, 0, 0, 0, 1, 1, 1, 1]]
    >>> runs_at_least(np.array([[1], [1], [0]], dtype=bool), 2, axis=0).astype(int).tolist()
    [[1], [1], [0]]
    """
    import numpy as np

    size = dark.shape[axis]
    if size < length:
        return np.zeros_like(dark)
    sums = np.cumsum(dark, axis=axis, dtype=np.int32)
    sums = np.concatenate([np.zeros_like(sums.take([0], axis=axis)), sums], axis=axis)
    full = (sums.take(range(length, size + 1), axis=axis) - sums.take(range(size - length + 1), axis=axis)) == length
    began = np.cumsum(full, axis=axis, dtype=np.int32)  # runs begun at or before each start
    began = np.concatenate([np.zeros_like(began.take([0], axis=axis)), began], axis=axis)
    # pixel i is covered when a full run began at a start in [i - length + 1, i]
    index = np.arange(size)
    upto = np.minimum(index, size - length) + 1
    since = np.clip(index - length + 1, 0, size - length + 1)
    return (began.take(upto, axis=axis) - began.take(since, axis=axis)) > 0


def run_boxes(mask: Any, thickness: int) -> list[tuple[int, int, int, int]]:
    """Each connected run of a rule mask as a box in pixels (thick blots left out)."""
    from scipy import ndimage

    labels, _ = ndimage.label(mask)
    out = []
    for found in ndimage.find_objects(labels):
        top, bottom, x0, x1 = found[0].start, found[0].stop, found[1].start, found[1].stop
        if min(bottom - top, x1 - x0) <= thickness:
            out.append((int(x0), int(top), int(x1), int(bottom)))
    return out


def enclosed_cells(grid: Any, thickness: int) -> list[tuple[int, int, int, int]]:
    """The white regions wholly enclosed by the rules (``x0, top, x1, bottom`` in pixels): a
    region that reaches the rules' outer box is no cell."""
    import numpy as np
    from scipy import ndimage

    rows, cols = np.flatnonzero(grid.any(axis=1)), np.flatnonzero(grid.any(axis=0))
    top, left = int(rows[0]), int(cols[0])
    inside = ~grid[top:rows[-1] + 1, left:cols[-1] + 1]
    labels, _ = ndimage.label(inside)
    height, width = inside.shape
    cells = []
    for found in ndimage.find_objects(labels):
        y0, y1, x0, x1 = found[0].start, found[0].stop, found[1].start, found[1].stop
        if y0 and x0 and y1 < height and x1 < width and y1 - y0 > 2 * thickness and x1 - x0 > 2 * thickness:
            cells.append((x0 + left, y0 + top, x1 + left, y1 + top))
    return cells


def without_rules(image: Any, table: RuledTable) -> Any:
    """The page with its table rules whitened, for Tesseract to read the cells as text."""
    if not table.boxes:
        return image
    from PIL import ImageDraw

    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    for x0, top, x1, bottom in table.boxes:
        draw.rectangle((x0 - ERASE_MARGIN, top - ERASE_MARGIN, x1 + ERASE_MARGIN, bottom + ERASE_MARGIN), fill=255)
    return clean
