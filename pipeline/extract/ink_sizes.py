"""A scanned line's type size measured in its ink, not taken from Tesseract's ``x_size``.

At 300 dpi Tesseract's ``x_size`` follows the print; at 150 dpi it comes out inflated and
nearly flat: a 7.5-point note line read 38–40 pixels against the 10-point body's 39–40,
so the reader could not tell the note area from the body. The x-height of the line's
letters, measured in the binarised page (the rows of the line's densest ink), still says 14
against 18 there. Each line's size is set from it, on the scale Tesseract gave the page;
and its baseline from where that ink ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.extract.hocr import OcrLine

SHORT_LETTERS = frozenset("acemnorsuvwxz")
"""Letters with neither ascender nor descender (nor a dot): their ink is the x-height."""

SIZE_PER_X_HEIGHT = 2.0
"""Tesseract's ``x_size`` of a clean 300-dpi line over its x-height (measured on Times: 38
pixels for an x-height of 19 on the body, 30 for 15 on the notes): a line's size from its
x-height alone, where no page scale is at hand."""

SHORT_SHARE = 0.3
"""A line whose letters are this share short ones (no ascender or descender) has its densest
ink between the x-line and the baseline; with fewer (capitals, a table row's figures) its
densest ink is as tall as a capital or a digit."""

MIN_LETTERS = 3
"""A line's size is measured on at least this many letters of a kind; fewer (a page number,
a lone key) keep Tesseract's size."""

INK = 128
"""Grey level (of 255) under which a pixel counts as ink when heights are measured: the core
of the stroke, so blur on a 150-dpi scan does not add to the height."""


def sized_by_ink(image: Any, lines: Sequence[OcrLine]) -> list[OcrLine]:
    """The lines with their size and baseline measured in the page's ink (see the module's
    docstring). Sizes stay on the scale Tesseract gave the page (the ratio of its sizes to
    the measured x-heights, over the page's words), so that only the differences between
    lines change: a note line as large as the body by ``x_size`` is smaller by its ink."""
    import numpy as np

    dark = np.asarray(image.convert("L")) < INK
    heights = [x_height_band(dark, line) for line in lines]
    ratios = sorted(line.size / (band[1] - band[0]) for line, band in zip(lines, heights) if band for _ in line.words)
    if not ratios:
        return list(lines)
    ratio = ratios[len(ratios) // 2]
    return [replace(line, size=ratio * (band[1] - band[0]), baseline=float(band[1]) + line.baseline - line.baseline_at(line.middle))
            if band else line for line, band in zip(lines, heights)]


def x_height_band(dark: Any, line: OcrLine) -> tuple[int, int] | None:
    """The rows from the line's x-line to its baseline, or ``None`` when the line has too few
    short letters to tell (a line of capitals or figures: its densest rows are a capital's)."""
    letters = [s.text for w in line.words for s in w.symbols if s.text.isalnum() and not s.raised]
    short = sum(1 for ch in letters if ch in SHORT_LETTERS)
    if short < MIN_LETTERS or short < SHORT_SHARE * len(letters):
        return None
    band = core_band(dark, line)
    return band if band and band[1] - band[0] > 1 else None


def measured_line(dark: Any, line: OcrLine) -> OcrLine:
    """One line with the size and baseline its letters' ink gives on the scale of
    :data:`SIZE_PER_X_HEIGHT` (kept as Tesseract read them when it has too few short letters)."""
    band = x_height_band(dark, line)
    if band is None:
        return line
    return replace(line, size=SIZE_PER_X_HEIGHT * (band[1] - band[0]), baseline=float(band[1]) + line.baseline - line.baseline_at(line.middle))


def core_band(dark: Any, line: OcrLine) -> tuple[int, int] | None:
    """The rows from the x-line to the baseline: where the ink under the line's short letters
    (``a``, ``e``, ``n``…) counts at least :data:`CORE_SHARE` of its densest row. Their
    neighbours' ascenders and descenders, taken in by Tesseract's rough symbol boxes at 150
    dpi (an ``i``'s box took in the ``s`` beside it), are thinner and fall under the share;
    figures, capitals and brackets are left out. ``None`` when they hold no ink."""
    import numpy as np

    top = max(0, int(min(w.box[1] for w in line.words)))
    bottom = int(max(w.box[3] for w in line.words)) + 1
    profile = np.zeros(max(0, bottom - top), dtype=np.int64)
    for word in line.words:
        for symbol in word.symbols:
            if symbol.text in SHORT_LETTERS and not symbol.raised:
                x0, x1 = max(0, int(symbol.box[0])), int(symbol.box[2]) + 1
                profile += dark[top:bottom, x0:x1].sum(axis=1)[: profile.size]
    if not profile.size or not profile.max():
        return None
    rows = np.flatnonzero(profile >= CORE_SHARE * profile.max())
    return int(rows[0]) + top, int(rows[-1]) + top + 1


CORE_SHARE = 0.4
"""A row of a line is in its core (x-height) band when it holds at least this share of the
ink of the line's densest row."""


def ink_rows(dark: Any, box: tuple[float, float, float, float]) -> tuple[int, int] | None:
    """The first inked row inside a box and the row after its last, in page pixels (``None``
    when the box holds no ink). Tesseract's baseline on a 150-dpi scan may stand a few pixels
    below the letters; their ink's bottom is the baseline.

    >>> import numpy as np
    >>> page = np.zeros((40, 40), dtype=bool)
    >>> page[10:29, 5:15] = True
    >>> ink_rows(page, (3, 2, 20, 35)), ink_rows(page, (30, 0, 39, 39))
    ((10, 29), None)
    """
    import numpy as np

    x0, top, x1, bottom = (max(0, int(round(v))) for v in box)
    rows = np.flatnonzero(dark[top:bottom + 1, x0:x1 + 1].any(axis=1))
    return (int(rows[0]) + top, int(rows[-1]) + top + 1) if rows.size else None


def ink_height(dark: Any, box: tuple[float, float, float, float]) -> int:
    """The height in pixels of the ink inside a box (0 when it holds none)."""
    rows = ink_rows(dark, box)
    return rows[1] - rows[0] if rows else 0
