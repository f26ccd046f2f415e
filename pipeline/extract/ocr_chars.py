"""OCR words to the reader's characters: symbols in PDF points with font-like boxes,
raised footnote marks read again, and the rules drawn on a scanned page.

A page read by OCR goes through the same reader as a born-digital page, so everything the
reader needs from glyphs is rebuilt here: a line's glyphs share its size and baseline, a
small raised mark gets a small raised box, words are kept apart by a gap, and a footnote
separator drawn as a line is found in the image.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.extract.chars import Char, Rule
from pipeline.extract.hocr import OcrLine, OcrSymbol, OcrWord, is_speck
from pipeline.extract.raised_ink import MARK_MIN_HEIGHT

MARKER_SYMBOLS = frozenset("0123456789*†‡§¶")
"""Symbols that may stand raised after a word: a footnote marker glued to it by OCR."""

RAISED_RISE = 0.3
"""A symbol whose ink ends this fraction of the line's size above the baseline is raised."""

RAISED_HEIGHT = 0.8
"""…and is at most this fraction of a full-size digit's height (a superscript is small),
and at least :data:`~pipeline.extract.raised_ink.MARK_MIN_HEIGHT` of it (a speck of dust
that OCR read as ``*`` is smaller)."""

WORD_INSET = 0.06
"""How much narrower (a fraction of the line's size) each side of a word is drawn."""

ASCENT, DESCENT = 0.8, 0.2
"""Where a font's box stands around its baseline, as fractions of its size, so that OCR
glyphs carry boxes like a PDF's (every glyph of a line the same height)."""



# --- symbols to characters ---------------------------------------------------------------


def chars_from_ocr(lines: Sequence[OcrLine], scale: float) -> list[Char]:
    """The page's characters in PDF points (``scale`` points a pixel), in reading order of
    Tesseract's lines, with a space between words.

    Every symbol of a line gets the line's size and a font box around its baseline, as a PDF
    glyph has; a small symbol standing above the baseline (a footnote marker, read alone or
    glued to its word) gets a small raised box, so the reader takes it for a superscript.
    The symbols of a word are widened to touch each other, so that no word is split by a
    gap between two letters' ink.
    """
    chars: list[Char] = []
    for line in steady_sizes(lines):
        digit_height = full_digit_height(line)
        previous_word: OcrWord | None = None
        for word in apart([w for w in line.words if not is_speck(w)]):
            if previous_word is not None:
                x = previous_word.box[2] * scale
                em = font_size(line)
                chars.append(Char(" ", x, x + 0.01, (line.baseline - ASCENT * em) * scale,
                                  (line.baseline + DESCENT * em) * scale, em * scale))
            chars += word_chars(word, line, digit_height, scale)
            previous_word = word
    return chars


def steady_sizes(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """The lines a little larger than the page's common size set to it: Tesseract's
    ``x_size`` wanders by up to 15 % between lines of one paragraph (10.7 to 12.5 points on
    a 10-point page), and a line that came out large would be taken for a heading. The
    common size is that of most words; smaller lines (notes, running heads) and headings
    set clearly larger keep their size.

    >>> sizes = [line.size for line in steady_sizes([OcrLine((OcrWord("a", (0, 0, 1, 1), 9, ()),) * 5, 0, 41),
    ...          OcrLine((), 0, 46), OcrLine((), 0, 37), OcrLine((), 0, 58)])]
    >>> sizes
    [41, 41, 37, 58]
    """
    weighted = sorted(line.size for line in lines for _ in line.words)
    if not weighted:
        return list(lines)
    common = weighted[len(weighted) // 2]
    return [replace(line, size=common) if common < line.size <= (1 + SIZE_WANDER) * common else line for line in lines]


SIZE_WANDER = 0.16
"""How much larger than its true size Tesseract may make a line (a fraction)."""


def apart(words: Sequence[OcrWord]) -> list[OcrWord]:
    """The line's words with each box ending where the next word starts: Tesseract may
    stretch a word's box over the next word (``of`` reaching over the ``2`` of ``Page 1 of
    2``), and the reader would then glue the two (``of2``).

    >>> [w.box[2] for w in apart([OcrWord("of", (0, 0, 60, 9), 96.0, ()), OcrWord("2", (44, 0, 61, 9), 96.0, ())])]
    [43, 61]
    """
    out = list(words)
    for index in range(len(out) - 1):
        word, following = out[index], out[index + 1]
        if word.box[0] < following.box[0] < word.box[2]:
            out[index] = replace(word, box=(word.box[0], word.box[1], following.box[0] - 1, word.box[3]))
    return out


def font_size(line: OcrLine) -> float:
    """The line's font size (em) in pixels: Tesseract's ``x_size`` spans ascenders to
    descenders, about 0.9 of the em in book and sans faces (Times 0.90, Helvetica 0.93), so
    read as the size it made a scanned 10-point line 9.1 points and moved its spacing rules."""
    return line.size / X_SIZE_EM


X_SIZE_EM = 0.9


def full_digit_height(line: OcrLine) -> float:
    """The ink height of a full-size digit or capital on the line (about 0.7 of the size)."""
    heights = [s.box[3] - s.box[1] for w in line.words for s in w.symbols
               if (s.text.isupper() or s.text.isdigit()) and s.box[3] >= line.baseline_at(s.box[0]) - 0.15 * line.size]
    return statistics.median(heights) if heights else 0.7 * line.size


def word_chars(word: OcrWord, line: OcrLine, digit_height: float, scale: float) -> list[Char]:
    """A word's characters, laid over the word's box in reading order.

    Tesseract's word text is reliable but its symbol boxes are approximate (they overlap
    and sometimes come out of order), and the reader orders a row's glyphs by ``x``: so the
    word box is shared among the symbols in proportion to their ink widths, in text order.
    """
    symbols = word.symbols
    widths = [max(1.0, s.box[2] - s.box[0]) for s in symbols]
    total = sum(widths)
    # Tesseract's word boxes may touch ("fight" ends where "for" starts): drawn a little
    # narrower, two words always leave the gap that makes the reader put a space.
    inset = min(WORD_INSET * line.size, 0.25 * (word.box[2] - word.box[0]))
    left, span = word.box[0] + inset, max(1.0, word.box[2] - word.box[0] - 2 * inset)
    out = []
    for symbol, width in zip(symbols, widths):
        x0, x1 = left, left + span * width / total
        left = x1
        if is_raised(symbol, line, digit_height):
            size = 0.6 * font_size(line)
            bottom = symbol.box[3] + DESCENT * size
            out.append(Char(symbol.text, x0 * scale, x1 * scale, (bottom - size) * scale, bottom * scale, size * scale))
        else:
            em = font_size(line)
            out.append(Char(symbol.text, x0 * scale, x1 * scale, (line.baseline - ASCENT * em) * scale,
                            (line.baseline + DESCENT * em) * scale, em * scale))
    return out


def is_raised(symbol: OcrSymbol, line: OcrLine, digit_height: float) -> bool:
    """A marker symbol whose ink stops well above the baseline and is smaller than a digit.

    >>> line = OcrLine((), baseline=100.0, size=40.0)
    >>> is_raised(OcrSymbol("4", (0, 70, 10, 86)), line, 28.0), is_raised(OcrSymbol("4", (0, 72, 10, 100)), line, 28.0)
    (True, False)
    """
    if symbol.raised:
        return True
    if symbol.text not in MARKER_SYMBOLS:
        return False
    height = symbol.box[3] - symbol.box[1]
    baseline = line.baseline_at((symbol.box[0] + symbol.box[2]) / 2)
    return symbol.box[3] <= baseline - RAISED_RISE * line.size and MARK_MIN_HEIGHT * digit_height <= height <= RAISED_HEIGHT * digit_height


RULE_MIN_LENGTH = 40.0
"""A drawn rule is at least this long (points): a footnote separator is 1–2 inches."""
RULE_BAND = 2.0
"""Rows scanned together (points), so a rule on a page turned a little stays one run."""
RULE_CLEARANCE = 3.0
"""A rule has white this far (points) above and below it; a word's ink does not."""


def find_rules(image: Any, scale: float) -> list[Rule]:
    """Horizontal rules drawn on a scanned page, in points: long thin dark runs with white
    above and below, which the reader needs to find the footnote area under its separator.

    >>> from PIL import Image, ImageDraw
    >>> page = Image.new("L", (600, 400), 255)
    >>> ImageDraw.Draw(page).rectangle((50, 200, 350, 201), fill=0)
    >>> [(round(r.x0), round(r.x1)) for r in find_rules(page, 0.5)]
    [(25, 176)]
    """
    import numpy as np

    dark = np.asarray(image.convert("L")) < 128
    height = dark.shape[0]
    band, clearance = max(2, int(RULE_BAND / scale)), max(3, int(RULE_CLEARANCE / scale))
    found: list[Rule] = []
    for y in range(clearance, height - band - clearance, band // 2):
        row = dark[y:y + band].any(axis=0).astype(np.int8)
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row, [0]))))
        for start, stop in zip(edges[::2], edges[1::2]):
            if (stop - start) * scale < RULE_MIN_LENGTH:
                continue
            above, below = dark[y - clearance, start:stop].mean(), dark[y + band + clearance - 1, start:stop].mean()
            if above < 0.1 and below < 0.1:
                add_rule(found, Rule(start * scale, stop * scale, y * scale, (y + band) * scale))
    return found


def add_rule(found: list[Rule], rule: Rule) -> None:
    """Add a rule unless the band before already found it (bands overlap by half)."""
    for index, other in enumerate(found):
        if abs(other.top - rule.top) <= RULE_BAND and other.x0 < rule.x1 and rule.x0 < other.x1:
            found[index] = Rule(min(other.x0, rule.x0), max(other.x1, rule.x1), min(other.top, rule.top), max(other.bottom, rule.bottom))
            return
    found.append(rule)
