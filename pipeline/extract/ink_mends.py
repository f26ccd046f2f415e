"""What the page's ink says that OCR invented or missed at a line's edges.

A scan at 150 dpi with dust gives Tesseract blots it reads as punctuation with confidence
(``Brief on Detention *`` read with 66 %), and line-end hyphens it drops (``immi`` for
``immi-``, so the reader cannot join ``immi-grants``). Both are told from the ink in the
binarised page: a speck is smaller than any printed mark; a hyphen is a short bar at half the
x-height right after the line's last letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.extract.hocr import OcrLine, OcrSymbol, OcrWord
from pipeline.extract.ink_sizes import INK as CORE_INK
from pipeline.extract.ink_sizes import SIZE_PER_X_HEIGHT, ink_height, measured_line
from pipeline.patterns import OCR_CAPITAL_ROMAN_KEY

FAINT_INK = 190
"""Grey level (of 255) under which blurred ink still counts (as for raised marks)."""

SPECK_SHARE = 0.4
"""A word of punctuation alone whose ink, across and down, is under this fraction of the
line's x-height is a speck of dust, however sure Tesseract was (a blot two pixels wide). A
printed bullet, dash or asterisk is larger."""

HYPHEN_REACH = 0.8
"""How far after the line's last word (fraction of the x-height) a dropped hyphen may start."""

HYPHEN_SHAPE = 1.5
"""A hyphen's ink is at least this many times as wide as it is tall…"""

HYPHEN_WIDTH = 1.2
"""…and at most this fraction of the x-height wide (a dash is longer)…"""

HYPHEN_LEVEL = (0.2, 1.0)
"""…and stands between these fractions of the x-height above the baseline (Tesseract may set
a 150-dpi baseline a few pixels low)."""


def mended_by_ink(image: Any, lines: Sequence[OcrLine]) -> list[OcrLine]:
    """The lines without specks of dust read as words, and with their lost end hyphens;
    each line measured in its ink first (Tesseract's size and baseline are rough at 150 dpi)."""
    import numpy as np

    grey = np.asarray(image.convert("L"))
    core, faint = grey < CORE_INK, grey < FAINT_INK
    out = []
    for line in lines:
        measured = measured_line(core, line)
        mended = with_lost_hyphen(faint, without_specks(faint, without_leading_dust(lowered_roman_key(core, measured))))
        if mended.words:
            out.append(replace(mended, size=line.size, baseline=line.baseline))
    return out


def x_height(line: OcrLine) -> float:
    """The line's x-height in pixels (its size is on ``x_size``'s scale)."""
    return line.size / SIZE_PER_X_HEIGHT


def without_specks(dark: Any, line: OcrLine) -> OcrLine:
    """The line without the words that are only a speck of dust (see :data:`SPECK_SHARE`)."""
    limit = SPECK_SHARE * x_height(line)
    return replace(line, words=tuple(w for w in line.words if any(ch.isalnum() for ch in w.text) or ink_extent(dark, w.box) >= limit))


SMALL_LETTER_HEIGHT = 1.2
"""A letter whose ink is at most this many x-heights tall is a small letter, not a capital
(a capital stands 1.4 x-heights or more in book and sans faces)."""


def lowered_roman_key(dark: Any, line: OcrLine) -> OcrLine:
    """The line with a list key read in roman capitals put in small letters when its ``X``
    and ``V`` stand no taller than the line's x-height (``XIV.`` read from ``xiv.`` on a
    note list of small roman keys, which cut the list there).

    >>> import numpy as np
    >>> from pipeline.extract.hocr import OcrSymbol as S
    >>> page = np.zeros((120, 200), dtype=bool)
    >>> page[82:100, 10:24] = page[82:100, 40:54] = True
    >>> key = OcrWord("XIV.", (10, 70, 60, 100), 90.0, (S("X", (10, 82, 24, 100)), S("I", (26, 70, 30, 100)), S("V", (40, 82, 54, 100)), S(".", (56, 96, 60, 100))))
    >>> lowered_roman_key(page, OcrLine((key,), 100.0, 36.0)).words[0].text
    'xiv.'
    """
    if not line.words or not OCR_CAPITAL_ROMAN_KEY.match(line.words[0].text):
        return line
    key = line.words[0]
    heights = [ink_height(dark, s.box) for s in key.symbols if s.text in "XV"]
    if not heights or max(heights) > SMALL_LETTER_HEIGHT * x_height(line):
        return line
    lowered = OcrWord(key.text.lower(), key.box, key.confidence, tuple(replace(s, text=s.text.lower()) for s in key.symbols))
    return replace(line, words=(lowered, *line.words[1:]))


LEADING_SPECKS = frozenset(".,·‘'`")
LEADING_GAP = 0.4
"""A stop, comma or quote mark opening a word that stands this far (fraction of the x-height) before the
word's first letter is a speck glued to the word (``.i.`` for a note's key ``i.``): a stop
opening a name (``.gov``) and an opening quote touch their letters."""


def without_leading_dust(line: OcrLine) -> OcrLine:
    """The line with a speck read as a stop or comma before a word's first letter taken off
    (see :data:`LEADING_GAP`); a word's text is otherwise kept as Tesseract read it.

    >>> from pipeline.extract.hocr import OcrSymbol as S
    >>> word = OcrWord(".i.", (285, 380, 319, 414), 13.0, (S(".", (285, 408, 291, 414)), S("i", (303, 380, 308, 409)), S(".", (314, 404, 319, 409))))
    >>> without_leading_dust(OcrLine((word,), 410.0, 39.0)).words[0].text
    'i.'
    """
    words = []
    for word in line.words:
        symbols = word.symbols
        if (len(symbols) > 1 and symbols[0].text in LEADING_SPECKS and symbols[1].text.isalnum()
                and symbols[1].box[0] - symbols[0].box[2] >= LEADING_GAP * x_height(line)):
            kept = symbols[1:]
            word = OcrWord("".join(s.text for s in kept), (kept[0].box[0], word.box[1], word.box[2], word.box[3]), word.confidence, kept)
        words.append(word)
    return replace(line, words=tuple(words))


def ink_extent(dark: Any, box: tuple[float, float, float, float]) -> int:
    """The larger of the ink's height and width inside a box, in pixels."""
    return max(ink_height(dark, box), ink_height(dark.T, (box[1], box[0], box[3], box[2])))


def with_lost_hyphen(dark: Any, line: OcrLine) -> OcrLine:
    """The line with a ``-`` put back after its last word when the ink shows one there that
    Tesseract dropped (``immi`` → ``immi-``), so the reader joins the word across lines."""
    if not line.words:
        return line
    last = line.words[-1]
    if not last.text[-1:].isalpha():
        return line
    bar = hyphen_after(dark, line, last)
    if bar is None:
        return line
    hyphen = OcrSymbol("-", bar)
    word = OcrWord(last.text + "-", (last.box[0], last.box[1], bar[2], last.box[3]), last.confidence, (*last.symbols, hyphen))
    return replace(line, words=(*line.words[:-1], word))


def hyphen_after(dark: Any, line: OcrLine, word: OcrWord) -> tuple[float, float, float, float] | None:
    """The box of a hyphen's ink right after ``word`` at the line's end, or ``None``: a bar
    wider than tall, no longer than a hyphen, at half the x-height, with no other ink beside."""
    import numpy as np

    xh = x_height(line)
    left, right = int(word.box[2]) + 1, int(word.box[2] + HYPHEN_REACH * xh + HYPHEN_WIDTH * xh) + 2
    baseline = line.baseline_at(word.box[2])
    top, bottom = int(baseline - 1.2 * xh), int(baseline + 0.3 * xh)
    if left >= dark.shape[1] or top < 0 or bottom > dark.shape[0]:
        return None
    window = dark[top:bottom, left:min(right, dark.shape[1])]
    start = past_the_word(window.any(axis=0))
    if start is None:
        return None
    left += start
    window = window[:, start:]
    rows, cols = np.flatnonzero(window.any(axis=1)), np.flatnonzero(window.any(axis=0))
    if not rows.size:
        return None
    height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    low, high = baseline - (top + rows[-1] + 1), baseline - (top + rows[0])
    if (cols[0] > HYPHEN_REACH * xh or width < HYPHEN_SHAPE * height or width > HYPHEN_WIDTH * xh
            or low < HYPHEN_LEVEL[0] * xh or high > HYPHEN_LEVEL[1] * xh or cols[-1] + 1 >= window.shape[1]):
        return None
    return (float(left + cols[0]), float(top + rows[0]), float(left + cols[-1] + 1), float(top + rows[-1] + 1))


def past_the_word(inked: Any) -> int | None:
    """The first column after the word's own ink: its last stroke may pass its box by a few
    pixels (an ``i`` blurred wide). ``None`` when ink runs on to the end.

    >>> import numpy as np
    >>> past_the_word(np.array([0, 1, 1, 0, 0, 1])), past_the_word(np.array([0, 0, 0, 0, 1, 1])), past_the_word(np.array([1, 1]))
    (3, 0, None)
    """
    import numpy as np

    inked = np.asarray(inked, dtype=bool)
    if not inked[:STROKE_OVERRUN].any():
        return 0
    after = np.flatnonzero(~inked[int(np.argmax(inked)):])
    return int(np.argmax(inked)) + int(after[0]) if after.size else None


STROKE_OVERRUN = 3
"""Ink this close (pixels) after a word's box is taken for the word's last stroke."""
