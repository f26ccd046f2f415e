"""Scanned pages: a character source that reads pages without a usable text layer by OCR.

:class:`OcrFallbackSource` wraps another :class:`~pipeline.extract.chars.CharSource`. Pages
whose text layer is usable pass through untouched; a page with no text, with text that is
mostly unmapped glyphs (``(cid:NN)``), or every page when the user asks for it (an
invisible OCR layer they do not trust), is rendered with pypdfium2 and read by Tesseract.
Tesseract's symbols become :class:`~pipeline.extract.chars.Char` objects in PDF points, so
rows, columns, raised markers, page regions, paragraphs and tables are found by the same
code as for a born-digital page.

Tesseract runs offline from Debian's ``tesseract-ocr`` and its language data (the Makefile
and ``.ci/run`` install them); nothing is downloaded at run time. It runs one page at a
time in a child process limited to one thread, inside the batch's worker, so a scan never
holds more than one rendered page in memory.
"""

from __future__ import annotations

import os
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.extract.chars import Char, CharSource, Rule, SourcePage, page_tables
from pipeline.model import DocumentWarning, PageTables
from pipeline.patterns import HOCR_BOX, HOCR_CLASS, HOCR_NUMBER

OCR_MODES = ("auto", "off", "force")

TESSERACT_LANGUAGES = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld"}
"""ISO 639-1 (``metadata.language``) to Tesseract's language data names."""

MARKER_SYMBOLS = frozenset("0123456789*†‡§¶")
"""Symbols that may stand raised after a word: a footnote marker glued to it by OCR."""

RAISED_RISE = 0.3
"""A symbol whose ink ends this fraction of the line's size above the baseline is raised."""

RAISED_HEIGHT = 0.8
"""…and is at most this fraction of a full-size digit's height (a superscript is small)."""

WORD_INSET = 0.06
"""How much narrower (a fraction of the line's size) each side of a word is drawn."""

SPECK_CONFIDENCE = 60.0
"""Below this confidence a word of punctuation alone is taken for dust or a stain."""

ASCENT, DESCENT = 0.8, 0.2
"""Where a font's box stands around its baseline, as fractions of its size, so that OCR
glyphs carry boxes like a PDF's (every glyph of a line the same height)."""


@dataclass(frozen=True)
class OcrSymbol:
    """One symbol Tesseract read, with its ink box in pixels (``x0, top, x1, bottom``)."""

    text: str
    box: tuple[float, float, float, float]
    raised: bool = False
    confidence: float = 100.0
    """Read again alone as a footnote marker (see :func:`reread_raised_marks`)."""


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: tuple[float, float, float, float]
    confidence: float
    symbols: tuple[OcrSymbol, ...]


@dataclass(frozen=True)
class OcrLine:
    """A line as Tesseract saw it: its words, its baseline and its text size, in pixels."""

    words: tuple[OcrWord, ...]
    baseline: float
    """The baseline's height at the line's middle: every glyph of the line is set on it, so
    a page scanned a little askew still gives straight rows."""
    size: float
    slope: float = 0.0
    middle: float = 0.0

    def baseline_at(self, x: float) -> float:
        """Where the (possibly tilted) baseline runs under ``x``."""
        return self.baseline + self.slope * (x - self.middle)


@dataclass(frozen=True)
class OcrPageRecord:
    """Which page was read by OCR, in which language, and Tesseract's mean word confidence."""

    page: int
    confidence: float
    language: str
    words: int


# --- the engine ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def tesseract_version() -> str | None:
    """Tesseract's version, or ``None`` when the program (or pytesseract) is missing."""
    try:
        import pytesseract

        return str(pytesseract.get_tesseract_version())
    except Exception:  # noqa: BLE001  (not installed is an answer, not an error)
        return None


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """The language data installed for Tesseract (``eng``, ``fra``, …)."""
    try:
        import pytesseract

        return frozenset(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001
        return frozenset()


def run_tesseract(image: Any, language: str) -> str:
    """The page's hOCR with a box per symbol, from Tesseract limited to one thread.

    One thread because the batch already runs one worker per core: Tesseract's own
    threads would only fight them (a page took ten times longer on a loaded machine).
    """
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    hocr = pytesseract.image_to_pdf_or_hocr(image, extension="hocr", lang=language, config="-c hocr_char_boxes=1")
    return hocr.decode("utf-8") if isinstance(hocr, bytes) else str(hocr)


def parse_hocr(hocr: str) -> list[OcrLine]:
    """Lines, words and symbols from Tesseract's hOCR (``ocr_line``, ``ocrx_word``, ``ocrx_cinfo``).

    >>> html = ("<span class='ocr_line' title=\\"bbox 10 10 200 40; baseline 0 -8; x_size 30\\">"
    ...         "<span class='ocrx_word' title='bbox 10 12 60 32; x_wconf 91'>"
    ...         "<span class='ocrx_cinfo' title='x_bboxes 10 12 30 32; x_conf 99'>H</span>"
    ...         "<span class='ocrx_cinfo' title='x_bboxes 32 12 60 32; x_conf 98'>i</span></span></span>")
    >>> line = parse_hocr(html)[0]
    >>> line.baseline, line.size, line.words[0].text, line.words[0].confidence
    (32.0, 30.0, 'Hi', 91.0)
    """
    import html as html_module

    lines: list[OcrLine] = []
    words: list[OcrWord] = []
    symbols: list[OcrSymbol] = []
    line_geometry: tuple[float, float, float, float] | None = None
    word_head: tuple[tuple[float, float, float, float], float] | None = None

    def close_word() -> None:
        nonlocal word_head
        if word_head is not None:
            for part in split_glued_words(symbols):
                trim_specks(part)
                if part:
                    box = (part[0].box[0], word_head[0][1], part[-1].box[2], word_head[0][3])
                    words.append(OcrWord("".join(s.text for s in part), box, word_head[1], tuple(part)))
        symbols.clear()
        word_head = None

    def close_line() -> None:
        close_word()
        if line_geometry is not None and words:
            lines.append(OcrLine(tuple(words), *line_geometry))
        words.clear()

    for match in HOCR_CLASS.finditer(hocr):
        kind, title, text = match.group("kind"), match.group("title"), match.group("text")
        box = box_of(title)
        if kind in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"):
            close_line()
            line_geometry = line_baseline_and_size(title, box)
        elif kind == "ocrx_word":
            close_word()
            confidence = HOCR_NUMBER["x_wconf"].search(title)
            word_head = (box, float(confidence.group(1)) if confidence else 0.0)
        elif kind == "ocrx_cinfo" and text is not None:
            symbol = html_module.unescape(text)
            confidence = HOCR_NUMBER["x_conf"].search(title)
            if symbol.strip():
                symbols.append(OcrSymbol(symbol, box, confidence=float(confidence.group(1)) if confidence else 100.0))
    close_line()
    return lines


def split_glued_words(symbols: list[OcrSymbol]) -> list[list[OcrSymbol]]:
    """A Tesseract word cut where it glued two words at doubtful punctuation between
    letters (dust in the word gap read as ``hold.ICE``). Not at wide ink gaps: Tesseract's
    symbol boxes are too rough for that (measured: it split ``lawma kers``).

    >>> s = [OcrSymbol(c, (x, 0, x + 8, 10), confidence=c == "." and 30.0 or 99.0) for c, x in zip("to.it", range(0, 50, 10))]
    >>> ["".join(x.text for x in part) for part in split_glued_words(s)]
    ['to', 'it']
    """
    parts: list[list[OcrSymbol]] = [[]]
    for index, symbol in enumerate(symbols):
        previous = parts[-1][-1] if parts[-1] else None
        following = symbols[index + 1] if index + 1 < len(symbols) else None
        if (previous is not None and following is not None and is_doubtful_mark(symbol)
                and previous.text.isalpha() and following.text.isalpha()):
            parts.append([])
            continue
        parts[-1].append(symbol)
    return [part for part in parts if part]


def trim_specks(symbols: list[OcrSymbol]) -> None:
    """Drop doubtful punctuation at a word's edges: dust glued to a word (``_i.``, ``‘makes``)."""
    while symbols and is_doubtful_mark(symbols[0]):
        symbols.pop(0)
    while symbols and is_doubtful_mark(symbols[-1]):
        symbols.pop()


def is_doubtful_mark(symbol: OcrSymbol) -> bool:
    """Punctuation Tesseract doubts, or an underscore: at a word's edge on a scan that is a
    speck or the end of a rule, never the print (a rule drawn under text is found as a rule)."""
    return symbol.text == "_" or (symbol.confidence < SPECK_CONFIDENCE and not symbol.text.isalnum())


def box_of(title: str) -> tuple[float, float, float, float]:
    match = HOCR_BOX.search(title)
    if not match:
        return (0.0, 0.0, 0.0, 0.0)
    x0, top, x1, bottom = (float(v) for v in match.groups())
    return (x0, top, x1, bottom)


def line_baseline_and_size(title: str, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A line's baseline at its middle (y in pixels), text size, baseline slope and middle x,
    from hOCR's ``baseline`` (``slope offset`` from the box's bottom left) and ``x_size``."""
    baseline = HOCR_NUMBER["baseline"].search(title)
    slope, offset = (float(baseline.group(1)), float(baseline.group(2))) if baseline else (0.0, 0.0)
    size = HOCR_NUMBER["x_size"].search(title)
    height = box[3] - box[1]
    middle = (box[0] + box[2]) / 2
    return box[3] + offset + slope * (middle - box[0]), float(size.group(1)) if size else max(1.0, height), slope, middle


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


def is_speck(word: OcrWord) -> bool:
    """Dust read as punctuation: a word with no letter or digit that Tesseract doubts.

    >>> is_speck(OcrWord("'", (0, 0, 2, 2), 31.0, ())), is_speck(OcrWord("—", (0, 0, 9, 2), 92.0, ()))
    (True, False)
    """
    return word.confidence < SPECK_CONFIDENCE and not any(ch.isalnum() for ch in word.text)


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


def mean_confidence(lines: Sequence[OcrLine]) -> float:
    """Tesseract's mean word confidence (0–100), each word weighted by its length."""
    weights = [(len(w.text), w.confidence) for line in lines for w in line.words if w.confidence >= 0]
    total = sum(n for n, _ in weights)
    return round(sum(n * c for n, c in weights) / total, 1) if total else 0.0


# --- the character source ------------------------------------------------------------------


@dataclass
class OcrPage:
    """A page read by OCR: characters from Tesseract, rules found in the image, tables found on them."""

    number: int
    width: float
    height: float
    _chars: list[Char]
    _rules: list[Rule] = field(default_factory=list)
    _tables: PageTables = PageTables()

    def chars(self) -> list[Char]:
        return self._chars

    def rules(self) -> list[Rule]:
        return self._rules

    def tables(self) -> PageTables:
        return self._tables


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


def needs_ocr(page: SourcePage, mode: str, cid_share: float) -> bool:
    """Whether a page is read by OCR: always under ``force``, never under ``off``; under
    ``auto`` when it has fewer than three readable glyphs, or mostly unmapped ones."""
    if mode == "force":
        return True
    if mode == "off":
        return False
    glyphs = [c for c in page.chars() if c.upright and c.text.strip()]
    unmapped = sum(1 for c in glyphs if c.unmapped)
    return len(glyphs) - unmapped < 3 or (bool(glyphs) and unmapped / len(glyphs) >= cid_share)


@dataclass
class OcrDocument:
    """Pages of the wrapped document, with those that need it replaced by OCR pages."""

    base: Any
    path: Path
    mode: str
    language: str
    dpi: int
    cid_share: float
    records: list[OcrPageRecord] = field(default_factory=list)
    ocr_stats: Counter[str] = field(default_factory=Counter)
    _pdfium: Any = None

    @property
    def page_count(self) -> int:
        return int(self.base.page_count)

    @property
    def table_stats(self) -> Counter[str]:
        return getattr(self.base, "table_stats", Counter()) + self.ocr_stats

    def metadata(self) -> dict[str, str]:
        return dict(self.base.metadata())

    def pages(self) -> Iterator[SourcePage]:
        for page in self.base.pages():
            if needs_ocr(page, self.mode, self.cid_share):
                yield self.read_page_safely(page)
            else:
                yield page

    def read_page_safely(self, page: SourcePage) -> OcrPage:
        """:meth:`read_page`, with an engine failure turned into the document's one-line reason."""
        try:
            return self.read_page(page)
        except DocumentError:
            raise
        except Exception as error:  # Tesseract crashed or refused the image
            detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise DocumentError(f"OCR failed on page {page.number}: {detail[:120]}") from error

    def read_page(self, page: SourcePage) -> OcrPage:
        image = self.render(page.number)
        lines, language = self.recognise(image)
        lines = reread_raised_marks(image, lines, language)
        rules = find_rules(image, 72.0 / self.dpi)
        del image
        chars = chars_from_ocr(lines, 72.0 / self.dpi)
        self.records.append(OcrPageRecord(page.number, mean_confidence(lines), language, sum(len(x.words) for x in lines)))
        tables = page_tables(page.number, page.width, page.height, chars, [], self.ocr_stats)
        return OcrPage(page.number, page.width, page.height, chars, rules, tables)

    def render(self, number: int) -> Any:
        """The page as a grey image at the OCR resolution (pypdfium2 renders it)."""
        import pypdfium2

        if self._pdfium is None:
            try:
                self._pdfium = pypdfium2.PdfDocument(str(self.path))
            except Exception as error:  # noqa: BLE001
                raise DocumentError(f"cannot render page {number} for OCR: {error}") from error
        page = self._pdfium[number - 1]
        try:
            return page.render(scale=self.dpi / 72.0, grayscale=True).to_pil()
        finally:
            page.close()

    def recognise(self, image: Any) -> tuple[list[OcrLine], str]:
        """Read a page; the language is the one set, or guessed from the first page read
        in English and then kept for the document."""
        if self.language:
            return parse_hocr(run_tesseract(image, self.language)), self.language
        lines = parse_hocr(run_tesseract(image, "eng"))
        detected = detect_language(lines)
        self.language = detected
        if detected != "eng":
            lines = parse_hocr(run_tesseract(image, detected))
        return lines, detected

    def close(self) -> None:
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None


def detect_language(lines: Sequence[OcrLine]) -> str:
    """The Tesseract language of a page read in English: its guessed language when that
    language's data is installed, else English."""
    from pipeline.language import guess_language

    text = " ".join(w.text for line in lines for w in line.words)
    code = TESSERACT_LANGUAGES.get(guess_language(text), "eng")
    return code if code in installed_languages() else "eng"


def check_ocr_language(language: str) -> None:
    """Refuse a language whose data is not installed, naming what is (``eng+fra`` allowed)."""
    missing = [part for part in language.split("+") if part and part not in installed_languages()]
    if missing:
        known = "+".join(sorted(installed_languages())) or "none"
        raise DocumentError(f"OCR language {'+'.join(missing)!r} not installed (installed: {known})")


class OcrFallbackSource:
    """A :class:`CharSource` that reads, with OCR, the pages of ``base`` that need it."""

    def __init__(self, base: CharSource, *, mode: str = "auto", language: str = "", dpi: int = 300,
                 cid_share: float = 0.5) -> None:
        if mode not in OCR_MODES:
            raise ValueError(f"unknown OCR mode {mode!r} (expected one of {list(OCR_MODES)})")
        self.base, self.mode, self.language, self.dpi, self.cid_share = base, mode, language, dpi, cid_share

    @contextmanager
    def open(self, path: Path) -> Iterator[OcrDocument]:
        with self.base.open(path) as document:
            ocr = OcrDocument(document, path, self.mode, self.language, self.dpi, self.cid_share)
            try:
                yield ocr
            finally:
                ocr.close()


def ocr_available() -> bool:
    return tesseract_version() is not None


def check_ocr_engine(mode: str, language: str) -> bool:
    """Whether OCR can run: under ``force`` a missing Tesseract or language is an error
    naming it; under ``auto`` a missing Tesseract only means no page is read by OCR."""
    if not ocr_available():
        if mode == "force":
            raise DocumentError("OCR forced but Tesseract is not installed (apt-get install tesseract-ocr)")
        return False
    if language:
        check_ocr_language(language)
    return True


def ocr_metadata(records: Sequence[OcrPageRecord]) -> dict[str, Any]:
    """What ``document.json`` says of OCR: the engine, and each page read with its confidence."""
    return {
        "engine": f"tesseract {tesseract_version() or ''}".strip(),
        "pages": [{"page": r.page, "confidence": r.confidence, "language": r.language} for r in records],
    }


LOW_CONFIDENCE = 70.0
"""Below this mean word confidence a page read by OCR deserves a look: clean print scans
read at 90–96, a faded fax or a skewed photocopy falls under 70."""


def ocr_warnings(metadata: dict[str, Any]) -> tuple[DocumentWarning, ...]:
    """A ``low_ocr_confidence`` warning for each page read by OCR with a poor confidence."""
    record = metadata.get("ocr")
    if not isinstance(record, dict):
        return ()
    return tuple(
        DocumentWarning("low_ocr_confidence", f"mean OCR confidence {page['confidence']:.0f}%", page=int(page["page"]))
        for page in record.get("pages", ()) if float(page["confidence"]) < LOW_CONFIDENCE
    )

