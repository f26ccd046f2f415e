"""Scanned pages: a character source that reads pages without a usable text layer by OCR.

:class:`OcrFallbackSource` wraps another :class:`~pipeline.extract.chars.CharSource`. Pages
whose text layer is usable pass through untouched; a page with no text, with text that is
mostly unmapped glyphs (``(cid:NN)``), or every page when the user asks for it (an
invisible OCR layer they do not trust), is rendered with pypdfium2 and read by Tesseract.
Tesseract's symbols (:mod:`~pipeline.extract.hocr`) become :class:`~pipeline.extract.chars.Char`
objects in PDF points (:mod:`~pipeline.extract.ocr_chars`), so
rows, columns, raised markers, page regions, paragraphs and tables are found by the same
code as for a born-digital page.

Tesseract runs offline from Debian's ``tesseract-ocr`` and its language data (the Makefile
and ``.ci/run`` install them); nothing is downloaded at run time. It runs one page at a
time in a child process limited to one thread, inside the batch's worker, so a scan never
holds more than one rendered page in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.extract.chars import Char, CharSource, Picture, Rule, SourcePage, Stroke
from pipeline.extract.deskew import deskewed
from pipeline.extract.hocr import OcrLine, drop_edge_bars, mean_confidence, mend_bullets, mend_list_keys, parse_hocr
from pipeline.extract.ink_mends import mended_by_ink
from pipeline.extract.ink_sizes import sized_by_ink
from pipeline.extract.ocr_chars import chars_from_ocr, find_rules, full_digit_height
from pipeline.extract.raised_ink import read_raised_ink
from pipeline.extract.ruled_cells import find_ruled_table, without_rules
from pipeline.model import DocumentWarning

OCR_MODES = ("auto", "off", "force")

TESSERACT_LANGUAGES = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld"}
"""ISO 639-1 (``metadata.language``) to Tesseract's language data names."""

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


def run_tesseract(image: Any, language: str, psm: int | None = None, dpi: int | None = None) -> str:
    """The page's hOCR with a box per symbol, from Tesseract limited to one thread (``psm``:
    a page segmentation mode other than the automatic one; ``dpi``: the image's resolution,
    for a crop Tesseract cannot guess it from).

    One thread because the batch already runs one worker per core: Tesseract's own
    threads would only fight them (a page took ten times longer on a loaded machine).
    """
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    config = "-c hocr_char_boxes=1" + (f" --psm {psm}" if psm else "") + (f" --dpi {dpi}" if dpi else "")
    hocr = pytesseract.image_to_pdf_or_hocr(image, extension="hocr", lang=language, config=config)
    return hocr.decode("utf-8") if isinstance(hocr, bytes) else str(hocr)


# --- the character source ------------------------------------------------------------------


@dataclass
class OcrPage:
    """A page read by OCR: characters from Tesseract, rules (footnote separators) and a
    ruled table's strokes found in the image."""

    number: int
    width: float
    height: float
    _chars: list[Char]
    _rules: list[Rule] = field(default_factory=list)
    _strokes: list[Stroke] = field(default_factory=list)

    def chars(self) -> list[Char]:
        return self._chars

    def rules(self) -> list[Rule]:
        return self._rules

    def strokes(self) -> list[Stroke]:
        return self._strokes

    def images(self) -> list[Picture]:
        return []  # the page is the image: its text is what OCR read


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
    _pdfium: Any = None

    @property
    def page_count(self) -> int:
        return int(self.base.page_count)

    def metadata(self) -> dict[str, str]:
        return dict(self.base.metadata())

    @property
    def warnings(self) -> list[DocumentWarning]:
        """What the wrapped engine warned of (hidden text)."""
        return list(getattr(self.base, "warnings", ()))

    def pages(self) -> Iterator[SourcePage]:
        for page in self.base.pages():
            if needs_ocr(page, self.mode, self.cid_share) and check_ocr_engine(self.mode, self.language) and self.has_ink(page.number):
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
            raise DocumentError("no text", f"OCR failed on page {page.number}: {detail[:120]}") from error

    def read_page(self, page: SourcePage) -> OcrPage:
        page_image = deskewed(self.render(page.number))
        table = find_ruled_table(page_image, self.dpi)
        image = without_rules(page_image, table)
        lines, language = self.recognise(image)
        lines = read_raised_ink(image, mended_by_ink(image, drop_edge_bars(lines)), full_digit_height)
        lines = mend_bullets(mend_list_keys(sized_by_ink(image, lines)))
        rules = find_rules(page_image, 72.0 / self.dpi)
        del image, page_image
        chars = chars_from_ocr(lines, 72.0 / self.dpi)
        self.records.append(OcrPageRecord(page.number, mean_confidence(lines), language, sum(len(x.words) for x in lines)))
        return OcrPage(page.number, page.width, page.height, chars, rules, list(table.strokes))

    def has_ink(self, number: int) -> bool:
        """Whether the page shows anything at all, told from a thumbnail (18 dpi, a few
        milliseconds): a blank page is not worth Tesseract's second, and a file of
        thousands of blank pages must not read as thousands of scans."""
        thumbnail = self.render(number, dpi=BLANK_CHECK_DPI)
        darkest, _ = thumbnail.getextrema()
        return bool(darkest < BLANK_LEVEL)

    def render(self, number: int, dpi: int | None = None) -> Any:
        """The page as a grey image at the OCR resolution, or ``dpi`` (pypdfium2 renders it)."""
        import pypdfium2

        if self._pdfium is None:
            try:
                self._pdfium = pypdfium2.PdfDocument(str(self.path))
            except Exception as error:
                raise DocumentError("damaged", f"cannot render page {number} for OCR: {error}") from error
        page = self._pdfium[number - 1]
        try:
            return page.render(scale=(dpi or self.dpi) / 72.0, grayscale=True).to_pil()
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
        raise DocumentError("no text", f"OCR language {'+'.join(missing)!r} not installed (installed: {known})")


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
    if not ocr_available():  # under auto the page stays as it is, and the reader says why
        if mode == "force":
            raise DocumentError("no text", "OCR forced but Tesseract is not installed (apt-get install tesseract-ocr)")
        return False
    if language:
        check_ocr_language(language)
    return True


def ocr_metadata(records: Sequence[OcrPageRecord]) -> dict[str, Any]:
    """What ``document.json`` says of OCR: the engine, and each page read with its confidence."""
    return {
        "engine": f"tesseract {tesseract_version() or ''}".strip(),
        "pages": [{"page": r.page, "confidence": r.confidence, "language": r.language, "words": r.words} for r in records],
    }


BLANK_CHECK_DPI = 18
BLANK_LEVEL = 200
"""A thumbnail whose darkest pixel is lighter than this (of 255) is a blank page: paper
tone and faint show-through stay above it, any printed letter goes below."""

LOW_CONFIDENCE = 70.0
"""Below this mean word confidence a page read by OCR deserves a look: clean print scans
read at 90–96, a faded fax or a skewed photocopy falls under 70."""


def ocr_warnings(metadata: dict[str, Any]) -> tuple[DocumentWarning, ...]:
    """A ``low_ocr_confidence`` warning for each page read by OCR with a poor confidence (a
    page where OCR read no word is a ``page_without_text``, not a poor reading)."""
    record = metadata.get("ocr")
    if not isinstance(record, dict):
        return ()
    return tuple(
        DocumentWarning("low_ocr_confidence", f"mean OCR confidence {page['confidence']:.0f}%", page=int(page["page"]))
        for page in record.get("pages", ()) if page.get("words", 1) and float(page["confidence"]) < LOW_CONFIDENCE
    )

