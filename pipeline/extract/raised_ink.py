"""Footnote markers on a scanned page found from the ink, not from what OCR made of it.

Tesseract drops small superscripts or reads them as ``'``, ``’``, ``!``, ``°`` or ``?``:
half the markers of a scanned brief were lost that way. The rendered page says where they
are: a blot of ink standing above a line's baseline, too tall for dust or an ``i``'s dot,
too small for a letter, right after a word or opening a note line. Each such mark is cut
out, read alone as a marker (digits, roman numerals, ``*``), and given to the line as a small
raised symbol, so that the reader takes it for a superscript exactly as on a born-digital page.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pipeline.extract.hocr import OcrLine, OcrSymbol, OcrWord

INK_LEVEL = 190
"""A pixel darker than this (of 255) is ink: a superscript's thin strokes, blurred by the
scan, fall to 120–200 and break apart at a stricter level."""

MARK_RISE = 0.3
"""A mark's ink ends at least this fraction of the line's size above the baseline."""

MARK_TOP = 1.05
"""…and starts no higher than this (a superscript stands below a line's cap height plus a
little): ink higher up is the line above's descenders."""

MARK_MIN_HEIGHT, MARK_MAX_HEIGHT = 0.4, 0.85
"""A mark is this fraction of a full-size digit's height: dust, dots and quote marks are
smaller, letters larger."""

MARK_BODY_SHARE = 0.6
"""…and no taller than this fraction of the page's body text size: a superscript numeral is
under half of it, a full-size digit three quarters (a table's figures that OCR set on a
line of its own, under a misread shaded row, are not markers)."""

MARK_GAP = 0.3
"""Blots this close (fraction of the size) are one mark (``14``, ``iv``)."""

WORD_REACH = 0.6
"""A mark belongs to the word that ends this close before it (fraction of the size)."""

MARKER_WHITELIST = "0123456789*ivx"
"""What a mark may be read as: numerals, roman numerals, an asterisk."""

LOOKS_LIKE_A_MARK = frozenset("'’‘`!°?|lI1iJj*\"”“^™")
"""What Tesseract makes of a lone superscript (``'``, ``!``, ``°``, ``l``): symbols that a
mark's reading may replace. A letter or a digit read at full size is left alone."""


@dataclass(frozen=True)
class RaisedMark:
    """A blot of raised ink in pixels (``x0, top, x1, bottom``)."""

    box: tuple[int, int, int, int]
    parts: int = 1
    """How many separate strokes of full height it has (``14`` and ``iv`` two, ``v`` one)."""


def ink_mask(image: Any) -> Any:
    """The page as a boolean array, ``True`` where there is ink."""
    import numpy as np

    return np.asarray(image.convert("L")) < INK_LEVEL


Blot = tuple[int, int, int, int]
"""A connected piece of ink: ``x0, top, x1, bottom`` in pixels."""


def raised_blots(dark: Any, line: OcrLine, digit_height: float) -> list[Blot]:
    """The line's connected pieces of ink standing above its baseline, no taller than a
    superscript numeral: marks, their dots, quote marks, specks."""
    import numpy as np
    from scipy import ndimage

    size = line.size
    left = max(0, int(line.words[0].box[0] - size))
    right = min(dark.shape[1], int(line.words[-1].box[2] + 2 * size))
    top = max(0, int(min(w.box[1] for w in line.words) - 1.5 * size))
    bottom = min(dark.shape[0], int(line.baseline + 0.5 * size))
    if right <= left or bottom <= top:
        return []
    labels, _ = ndimage.label(dark[top:bottom, left:right], structure=np.ones((3, 3)))
    blots = []
    for found in ndimage.find_objects(labels):
        y0, y1, x0, x1 = found[0].start + top, found[0].stop + top, found[1].start + left, found[1].stop + left
        baseline = line.baseline_at((x0 + x1) / 2)
        height = y1 - y0
        if y1 <= baseline - MARK_RISE * size and y0 >= baseline - MARK_TOP * size and height <= MARK_MAX_HEIGHT * digit_height and x1 - x0 <= size:
            blots.append((x0, y0, x1, y1))
    return blots


def raised_marks(blots: Sequence[Blot], size: float, digit_height: float) -> list[RaisedMark]:
    """The raised marks of a line: raised blots tall enough for a superscript numeral,
    grouped when close together, with the dots standing over them."""
    tall = [b for b in stacked(blots) if b[3] - b[1] >= MARK_MIN_HEIGHT * digit_height]
    return group_blots(sorted(tall), MARK_GAP * size)


def stacked(blots: Sequence[Blot]) -> list[Blot]:
    """Blots standing one over the other made one: the dot and stem of a roman ``i``, the
    pieces of a thin ``2`` that a scan at 150 dpi broke apart. Side by side (the two
    strokes of a closing quote) they stay apart, and small.

    >>> stacked([(10, 15, 13, 18), (10, 20, 14, 30), (0, 20, 4, 24)])
    [(0, 20, 4, 24), (10, 15, 14, 30)]
    """
    pieces: list[Blot] = []
    for blot in sorted(blots):
        for index, piece in enumerate(pieces):
            overlap = min(piece[2], blot[2]) - max(piece[0], blot[0])
            if overlap >= 0.5 * min(piece[2] - piece[0], blot[2] - blot[0]):
                pieces[index] = (min(piece[0], blot[0]), min(piece[1], blot[1]), max(piece[2], blot[2]), max(piece[3], blot[3]))
                break
        else:
            pieces.append(blot)
    return sorted(pieces)


def group_blots(blots: Sequence[Blot], gap: float) -> list[RaisedMark]:
    """Blots closer than ``gap`` side by side make one mark (the two digits of ``14``).

    >>> [m.box for m in group_blots([(0, 0, 5, 10), (7, 1, 12, 10), (40, 0, 45, 9)], 4)]
    [(0, 0, 12, 10), (40, 0, 45, 9)]
    """
    marks: list[list[int]] = []
    for x0, y0, x1, y1 in blots:
        if marks and x0 - marks[-1][2] <= gap:
            last = marks[-1]
            last[:] = [min(last[0], x0), min(last[1], y0), max(last[2], x1), max(last[3], y1), last[4] + 1]
        else:
            marks.append([x0, y0, x1, y1, 1])
    return [RaisedMark((m[0], m[1], m[2], m[3]), m[4]) for m in marks]


def read_raised_mark(image: Any, mark: RaisedMark) -> str:
    """The mark cut out tight, scaled to a standard height on white, and read as one marker
    (digits, roman numerals or ``*`` only). Measured: with a margin the crop takes in dust and
    neighbours' ink and Tesseract reads nothing; cut tight and told what it may be, it reads
    a lone superscript ``1`` or ``2`` right at any size."""
    import pytesseract
    from PIL import Image, ImageOps

    x0, top, x1, bottom = mark.box
    crop = image.convert("L").crop((x0 - 1, top - 1, x1 + 1, bottom + 1))
    scale = READ_HEIGHT / max(1, bottom - top)
    crop = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))), Image.Resampling.LANCZOS)
    crop = ImageOps.expand(crop, border=READ_HEIGHT // 2, fill=255)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    text = str(pytesseract.image_to_string(crop, config=f"--psm 8 -c tessedit_char_whitelist={MARKER_WHITELIST}")).strip()
    if not text:
        # a lone stroke read as a word may come back empty; as a single character it is read
        text = str(pytesseract.image_to_string(crop, config=f"--psm 10 -c tessedit_char_whitelist={MARKER_WHITELIST}")).strip()
    if mark.parts == 1 and len(text) > 1:
        # one stroke is one character: read as a word, a lone ``v`` came back ``vv``
        single = str(pytesseract.image_to_string(crop, config=f"--psm 10 -c tessedit_char_whitelist={MARKER_WHITELIST}")).strip()
        text = single if len(single) == 1 else text
    return text


READ_HEIGHT = 48
"""The height (pixels) a mark is scaled to before it is read: Tesseract reads text of
30–50 pixels best."""


def covered_symbols(word: OcrWord, mark: RaisedMark) -> list[int]:
    """Indexes of the word's symbols lying mostly over the mark (Tesseract's symbol boxes
    are rough: a ``p`` may reach into the superscript after it) and reaching up to it (the
    full stop under a marker set after it is not the marker)."""
    x0, _, x1, bottom = mark.box
    return [i for i, s in enumerate(word.symbols)
            if min(s.box[2], x1 + 2) - max(s.box[0], x0 - 2) >= 0.5 * max(1.0, s.box[2] - s.box[0]) and s.box[1] < bottom]


def place_mark(words: list[OcrWord], mark: RaisedMark, text: str, size: float, blots: Sequence[Blot]) -> bool:
    """Give the line's words the mark read as ``text``: at the end of the word it ends or
    follows (``courts!`` → ``courts¹``, ``trap`` → ``trap²``, ``case.`` → ``case.³``), or as
    a word of its own opening the line (a note's key). ``False`` when no word is near."""
    x0, top, x1, bottom = mark.box
    raised = [OcrSymbol(ch, (x0 + i * (x1 - x0) / len(text), top, x0 + (i + 1) * (x1 - x0) / len(text), bottom), raised=True)
              for i, ch in enumerate(text)]
    before = [i for i, w in enumerate(words) if w.box[0] < x0 + 2 and x0 - w.box[2] <= WORD_REACH * size]
    if before:
        word = words[before[-1]]
        kept = [s for s in word.symbols if s.box[2] <= x0 + 2 or not stands_for_mark(s, mark, blots)]
        if not kept:
            words[before[-1]] = OcrWord(text, (x0, top, x1, bottom), word.confidence, tuple(raised))
        else:
            words[before[-1]] = rebuilt(word, [*clipped(kept, x0), *raised])
        return True
    if words and not any(w.box[0] < x0 for w in words) and words[0].box[0] - x1 <= 2 * size:
        words.insert(0, OcrWord(text, (x0, top, x1, bottom), 90.0, tuple(raised)))
        return True
    return False


def stands_for_mark(symbol: OcrSymbol, mark: RaisedMark, blots: Sequence[Blot]) -> bool:
    """Whether a symbol OCR read over the mark is the mark misread (``!``, ``'``, ``"`` for a
    superscript ``1``, ``iii``, ``v``), to be replaced by its reading, rather than print of
    its own whose box took in the mark: a full stop, a letter, or a closing quote with ink
    left of the mark (``“deconstruct”ⁱᵛ``)."""
    if not (symbol.box[1] < mark.box[3] and may_be_a_mark(symbol)):
        return False
    return not own_ink(symbol, mark, blots)


def own_ink(symbol: OcrSymbol, mark: RaisedMark, blots: Sequence[Blot]) -> bool:
    """Whether raised ink of its own (a quote mark) stands in the symbol's box left of the
    mark; a letter's arm reaching there is part of the letter, not raised ink."""
    return any(symbol.box[0] - 2 <= (b[0] + b[2]) / 2 < mark.box[0] - 1 for b in blots)


def clipped(symbols: Sequence[OcrSymbol], x: float) -> list[OcrSymbol]:
    """The symbols with their boxes ending before ``x``: a letter's rough box may take in
    the superscript glued after it (``p`` of ``trap²``)."""
    return [replace(s, box=(s.box[0], s.box[1], max(s.box[0] + 1, min(s.box[2], x)), s.box[3])) for s in symbols]


def may_be_a_mark(symbol: OcrSymbol) -> bool:
    """Whether OCR's symbol over raised ink may be replaced by the ink's reading: what
    Tesseract makes of a lone superscript (``'``, ``!``, ``°``), or a numeral or roman
    numeral, which at this height is a superscript read as a full-size character."""
    return symbol.raised or symbol.text in LOOKS_LIKE_A_MARK or symbol.text in MARKER_WHITELIST or symbol.text.isdigit()


def rebuilt(word: OcrWord, symbols: Sequence[OcrSymbol]) -> OcrWord:
    """The word with new symbols, its box widened to hold them."""
    box = (min(word.box[0], symbols[0].box[0]), word.box[1], max(word.box[2], symbols[-1].box[2]), word.box[3])
    return OcrWord("".join(s.text for s in symbols), box, word.confidence, tuple(symbols))


def read_raised_ink(image: Any, lines: Sequence[OcrLine], digit_height_of: Any) -> list[OcrLine]:
    """The page's lines with every raised mark found in the ink read as a marker and placed
    (see :func:`place_mark`). A mark read as nothing a marker can be is left as OCR read it."""
    from pipeline.patterns import MARKER_TEXT

    dark = ink_mask(image)
    body_size = statistics.median(line.size for line in lines for _ in line.words) if lines else 0.0
    out = []
    for line in lines:
        words = list(line.words)
        blots = raised_blots(dark, line, digit_height_of(line))
        for mark in raised_marks(blots, line.size, digit_height_of(line)):
            if mark_under_letters(words, mark) or tallest_stroke(mark, blots) > MARK_BODY_SHARE * body_size:
                continue
            text = read_raised_mark(image, mark) or dotted_stem(mark, blots)
            if text and MARKER_TEXT.match(text):
                place_mark(words, mark, text, line.size, blots)
        out.append(OcrLine(tuple(words), line.baseline, line.size, line.slope, line.middle))
    return out


def dotted_stem(mark: RaisedMark, blots: Sequence[Blot]) -> str:
    """``i`` for a mark that is one thin stem with a dot over it, else ``""``: Tesseract reads
    nothing on the crop of a superscript ``i`` three pixels wide (the marker ``i`` of a
    scanned brief turned half a degree), yet no other marker has that shape.

    >>> dotted_stem(RaisedMark((1774, 263, 1777, 285)), [(1774, 263, 1777, 267), (1774, 269, 1777, 285)])
    'i'
    >>> dotted_stem(RaisedMark((10, 0, 20, 20)), [(10, 0, 20, 20)])
    ''
    """
    x0, top, x1, bottom = mark.box
    inside = sorted((b for b in blots if x0 <= b[0] and b[2] <= x1 and top <= b[1] and b[3] <= bottom), key=lambda b: b[1])
    if len(inside) != 2:
        return ""
    dot, stem = inside
    stem_height, dot_height = stem[3] - stem[1], dot[3] - dot[1]
    thin = stem[2] - stem[0] <= STEM_WIDTH * stem_height
    return "i" if thin and dot[3] <= stem[1] and dot_height < 0.5 * stem_height and abs(dot[0] - stem[0]) <= 2 else ""


STEM_WIDTH = 0.35
"""A stem is at most this fraction of its height wide."""


def tallest_stroke(mark: RaisedMark, blots: Sequence[Blot]) -> int:
    """The height of the mark's tallest piece of ink: its strokes without the dots over them
    (a sans-serif ``ⁱ``'s dot stands high)."""
    x0, top, x1, bottom = mark.box
    return max((b[3] - b[1] for b in blots if x0 <= b[0] and b[2] <= x1 and top <= b[1] and b[3] <= bottom), default=0)


def mark_under_letters(words: Sequence[OcrWord], mark: RaisedMark) -> bool:
    """Whether the mark lies within a word's letters, not at its edge (an accent, a stain
    over a word): such ink is not read again, which also spares Tesseract's time."""
    for word in words:
        covered = covered_symbols(word, mark)
        if covered and covered[0] > 0 and covered[-1] < len(word.symbols) - 1:
            return True
    return False
