"""OCR words to the reader's characters: symbols in PDF points with font-like boxes,
raised footnote marks read again, and the rules drawn on a scanned page.

A page read by OCR goes through the same reader as a born-digital page, so everything the
reader needs from glyphs is rebuilt here: a line's glyphs share its size and baseline, a
small raised mark gets a small raised box, words are kept apart by a gap, and a footnote
separator drawn as a line is found in the image.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Sequence
from typing import Any

from pipeline.extract.chars import Char, Rule
from pipeline.extract.hocr import OcrLine, OcrSymbol, OcrWord, is_speck

MARKER_SYMBOLS = frozenset("0123456789*†‡§¶")
"""Symbols that may stand raised after a word: a footnote marker glued to it by OCR."""

RAISED_RISE = 0.3
"""A symbol whose ink ends this fraction of the line's size above the baseline is raised."""

RAISED_HEIGHT = 0.8
"""…and is at most this fraction of a full-size digit's height (a superscript is small)."""

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
    for line in lines:
        digit_height = full_digit_height(line)
        previous_word: OcrWord | None = None
        for word in (w for w in line.words if not is_speck(w)):
            if previous_word is not None:
                x = previous_word.box[2] * scale
                chars.append(Char(" ", x, x + 0.01, (line.baseline - ASCENT * line.size) * scale,
                                  (line.baseline + DESCENT * line.size) * scale, line.size * scale))
            chars += word_chars(word, line, digit_height, scale)
            previous_word = word
    return chars


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
            size = 0.6 * line.size
            bottom = symbol.box[3] + DESCENT * size
            out.append(Char(symbol.text, x0 * scale, x1 * scale, (bottom - size) * scale, bottom * scale, size * scale))
        else:
            out.append(Char(symbol.text, x0 * scale, x1 * scale, (line.baseline - ASCENT * line.size) * scale,
                            (line.baseline + DESCENT * line.size) * scale, line.size * scale))
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
    return symbol.box[3] <= baseline - RAISED_RISE * line.size and height <= RAISED_HEIGHT * digit_height


def raised_runs(word: OcrWord, line: OcrLine, digit_height: float) -> list[tuple[int, int]]:
    """Where a word has small symbols standing above the line at its start or end: the
    ``(start, stop)`` of each such run. Tesseract often misreads a superscript ``1`` as
    ``!`` or ``'`` when it glues it to the word, so these are read again alone."""

    def small_and_high(symbol: OcrSymbol) -> bool:
        baseline = line.baseline_at((symbol.box[0] + symbol.box[2]) / 2)
        return symbol.box[3] <= baseline - RAISED_RISE * line.size and symbol.box[3] - symbol.box[1] <= RAISED_HEIGHT * digit_height

    flags = [small_and_high(s) for s in word.symbols]
    runs = []
    end = len(flags)
    while end > 0 and flags[end - 1]:
        end -= 1
    if end < len(flags):
        runs.append((end, len(flags)))
    start = 0
    while start < end and flags[start]:
        start += 1
    if start:
        runs.append((0, start))
    return runs


def reread_raised_marks(image: Any, lines: list[OcrLine], language: str) -> list[OcrLine]:
    """Read each raised run again, cut out and enlarged, and keep the reading when it is a
    footnote marker (``1``, ``14``, ``iv``, ``*``): the small marks OCR gets wrong most
    often are the ones a researcher needs right. A quote mark stays a quote mark."""
    from pipeline.extract.spelling import MARKER_TEXT

    out = []
    for line in lines:
        digit_height = full_digit_height(line)
        words = []
        for word in line.words:
            symbols = list(word.symbols)
            for start, stop in raised_runs(word, line, digit_height):
                run = symbols[start:stop]
                if not worth_rereading(run, digit_height):
                    continue
                text = read_mark(image, run, line.size, language)
                if text and MARKER_TEXT.match(text) and not (is_quote_mark(run) and not text.isdigit()):
                    symbols[start:stop] = split_box(text, run)
            words.append(OcrWord("".join(x.text for x in symbols), word.box, word.confidence, tuple(symbols)))
        out.append(OcrLine(tuple(words), line.baseline, line.size, line.slope, line.middle))
    return out


QUOTE_MARKS = frozenset("'’‘\"”“`")


def is_quote_mark(run: Sequence[OcrSymbol]) -> bool:
    """A run Tesseract read as quote marks: re-read, it may only become a numeral (``1``),
    never a roman ``i`` or ``v``, which is what a real quote mark enlarged often looks like."""
    return all(symbol.text in QUOTE_MARKS for symbol in run)


def worth_rereading(run: Sequence[OcrSymbol], digit_height: float) -> bool:
    """A raised run tall enough to be a superscript numeral: an apostrophe or a closing
    quote is under half a digit's height and is left as read."""
    height = max(s.box[3] for s in run) - min(s.box[1] for s in run)
    return height >= 0.45 * digit_height or not is_quote_mark(run)


def read_mark(image: Any, run: Sequence[OcrSymbol], size: float, language: str) -> str:
    """The text of a few symbols, cut out with a margin and read enlarged as one word."""
    import pytesseract
    from PIL import Image

    pad = 0.25 * size
    x0, top = min(s.box[0] for s in run) - pad, min(s.box[1] for s in run) - pad
    x1, bottom = max(s.box[2] for s in run) + pad, max(s.box[3] for s in run) + pad
    crop = image.crop((int(x0), int(top), int(x1 + 1), int(bottom + 1)))
    crop = crop.resize((crop.width * 3, crop.height * 3), Image.Resampling.LANCZOS)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return str(pytesseract.image_to_string(crop, lang=language, config="--psm 8")).strip()


def split_box(text: str, run: Sequence[OcrSymbol]) -> list[OcrSymbol]:
    """New symbols for ``text`` sharing the box of the symbols they replace, marked raised."""
    x0, top = min(s.box[0] for s in run), min(s.box[1] for s in run)
    x1, bottom = max(s.box[2] for s in run), max(s.box[3] for s in run)
    step = (x1 - x0) / len(text)
    return [OcrSymbol(ch, (x0 + i * step, top, x0 + (i + 1) * step, bottom), raised=True) for i, ch in enumerate(text)]



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
