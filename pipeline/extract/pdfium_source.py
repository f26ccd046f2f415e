"""The fast character source: pdfium (through pypdfium2's raw API) behind :mod:`~pipeline.extract.chars`.

pdfium interprets content streams in C, several times faster than pdfminer. This module
copies what the reader needs out of it into the same :class:`~pipeline.extract.chars.Char`
and :class:`~pipeline.extract.chars.Rule` values the pdfplumber source gives, in the same
coordinates (pdfplumber's: origin at the top left of the page as displayed), so that the
stages above cannot tell the engines apart:

* a glyph's box is pdfminer's box: from its origin to its advance across, and one font
  size tall from the font's descent up (pdfium's "loose" box gives the same width and
  bottom; its top comes from the font's ascent, so the top is set from the size instead);
* drawn lines and rectangles become rules and stroke edges from their path segments,
  each sub-path on its own, as pdfminer splits them;
* characters that no reader sees (render mode invisible, white on white, or covered by an
  image drawn later) are taken out of a page that also has visible text and reported as a
  ``hidden_text`` warning; a page whose only text is hidden (an OCR layer over a scan)
  keeps it, with the warning, so its text is never mixed with visible text (the rule both
  sources apply: :mod:`~pipeline.extract.hidden_text`);
* spaces set as text objects of their own, which the text page skips, are put back, and a
  page with text the text page cannot read is read by the reference engine
  (:mod:`~pipeline.extract.pdfium_spaces`).

Pages are loaded one at a time and their text page and page handles closed before the
next, so memory stays flat over long documents.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.extract.chars import (
    Char,
    PdfplumberDocument,
    PdfplumberSource,
    Picture,
    Rule,
    SourcePage,
    Stroke,
    check_pdf_header,
    drop_duplicate_chars,
    parse_xmp,
)
from pipeline.extract.hidden_text import keep_seen_text
from pipeline.extract.pdfium_chars import GlyphReader
from pipeline.extract.pdfium_spaces import blank_spaces, with_blank_spaces
from pipeline.model import DocumentWarning

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)




def multiply(first: Matrix, second: Matrix) -> Matrix:
    """``first`` then ``second``, as PDF matrices compose (row vectors)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def page_transform(mediabox: tuple[float, float, float, float], rotation: int) -> tuple[Matrix, float, float]:
    """The matrix from PDF user space to pdfplumber's page space, and the page's width and height.

    pdfminer lays a page out rotated as displayed and relative to its media box; pdfplumber
    then flips it so that ``top`` grows downwards and shifts it back by the media box's
    corner. Composing both here gives the very numbers the pdfplumber source reads.

    >>> page_transform((0, 0, 612, 792), 0)
    ((1.0, 0.0, 0.0, -1.0, 0.0, 792.0), 612.0, 792.0)
    """
    x0, x1 = sorted((float(mediabox[0]), float(mediabox[2])))
    y0, y1 = sorted((float(mediabox[1]), float(mediabox[3])))
    # pdfminer's page matrix (PDFPageInterpreter.process_page)
    layout: Matrix = {
        90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
        180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
        270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
    }.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
    nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
    # pdfplumber: x = X + mediabox x0; top = height - Y + mediabox top, with its inverted box
    flip: Matrix = (1.0, 0.0, 0.0, -1.0, nx0, ny1 - 2 * ny0)
    return multiply(layout, flip), nx1 - nx0, ny1 - ny0


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def describe_pdfium_error(error: BaseException) -> DocumentError:
    """Turn a pypdfium2 error into the manifest's kind and one-line reason (the one place for it)."""
    import pypdfium2.raw as raw

    code = getattr(error, "err_code", None)
    if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
        return DocumentError("encrypted", "the PDF needs a password")
    if code == raw.FPDF_ERR_FILE:
        return DocumentError("unreadable", "pdfium cannot open the file")
    detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return DocumentError("damaged", f"{detail[:120]} (pdfium)")


@dataclass
class PageDrawing:
    """A page's drawn objects in painting order: rules, stroke edges, and what can hide text."""

    rules: list[Rule] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)
    images: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    """(painting order, x0, top, x1, bottom) of every image."""
    fills: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    """(painting order, box) of every filled or stroked path whose colour is not white: a ground for white text."""
    text_order: dict[int, int] = field(default_factory=dict)
    """Painting order of each text object, by its handle's address."""
    blank_text: list[tuple[int, int, tuple[float, float]]] = field(default_factory=list)
    """(painting order, handle's address, origin) of each text object without ink: a space
    set on its own, which pdfium's text page skips (:mod:`~pipeline.extract.pdfium_spaces`)."""


@dataclass
class PdfiumPage:
    """One page as the reader wants it; pdfium's handles are already closed."""

    number: int
    width: float
    height: float
    _chars: list[Char]
    _rules: list[Rule]
    _strokes: list[Stroke] = field(default_factory=list)
    hidden_chars: int = 0
    _images: list[Picture] = field(default_factory=list)

    def chars(self) -> list[Char]:
        return self._chars

    def rules(self) -> list[Rule]:
        return self._rules

    def strokes(self) -> list[Stroke]:
        return self._strokes

    def images(self) -> list[Picture]:
        return self._images


class DrawingReader:
    """Reads one loaded pdfium page's drawn objects: rules, strokes, images (handles owned by the caller)."""

    def __init__(self, page: Any, transform: Matrix) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.page = page
        self.transform = transform
        self.drawing = PageDrawing()

    # --- drawn objects -------------------------------------------------------------------

    def read_drawing(self) -> PageDrawing:
        raw = self.raw
        objects = [raw.FPDFPage_GetObject(self.page, i) for i in range(raw.FPDFPage_CountObjects(self.page))]
        self.walk(objects, IDENTITY, [0])
        return self.drawing

    def walk(self, objects: list[Any], parent: Matrix, order: list[int]) -> None:
        """Visit objects in painting order, descending into form XObjects with their matrix."""
        raw = self.raw
        for obj in objects:
            order[0] += 1
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                self.drawing.text_order[object_address(obj)] = order[0]
                self.note_blank_text(obj, parent, order[0])
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                self.read_path(obj, parent, order[0])
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.drawing.images.append((order[0], *self.object_box(obj)))
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                matrix = multiply(self.object_matrix(obj), parent)
                inner = [raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))]
                self.walk(inner, matrix, order)

    def note_blank_text(self, obj: Any, parent: Matrix, order: int) -> None:
        """Keep a text object whose glyphs have no ink (its bounds are no wider than a point:
        a space set as a text object of its own): pdfium's text page leaves such an object
        out, pdfminer reads its space, and without it two words can run together."""
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not self.raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top) or right.value - left.value >= 0.01:
            return
        origin = apply(multiply(parent, self.transform), left.value, bottom.value)
        self.drawing.blank_text.append((order, object_address(obj), origin))

    def object_matrix(self, obj: Any) -> Matrix:
        m = self.raw.FS_MATRIX()
        if not self.raw.FPDFPageObj_GetMatrix(obj, m):
            return IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def object_box(self, obj: Any) -> tuple[float, float, float, float]:
        """An object's bounds (page space) as (x0, top, x1, bottom) in the reader's space."""
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        self.raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        return self.box(left.value, bottom.value, right.value, top.value)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        xa, ya = apply(self.transform, left, bottom)
        xb, yb = apply(self.transform, right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)

    def read_path(self, obj: Any, parent: Matrix, order: int) -> None:
        """A path's sub-paths as pdfminer sees them: a flat wide one is a rule, every
        straight axis-aligned segment a stroke edge; a filled one grounds white text."""
        from pipeline.extract.chars import stroke_edges

        raw = self.raw
        matrix = multiply(multiply(self.object_matrix(obj), parent), self.transform)
        subpaths: list[list[tuple[float, float]]] = []
        x, y = ctypes.c_float(), ctypes.c_float()
        for i in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, i)
            if not raw.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            point = apply(matrix, x.value, y.value)
            if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO or not subpaths:
                subpaths.append([point])
            else:
                subpaths[-1].append(point)
            if raw.FPDFPathSegment_GetClose(segment) and subpaths[-1][0] != point:
                subpaths[-1].append(subpaths[-1][0])
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        for points in subpaths:
            if len(points) < 2:
                continue
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
            if bottom - top <= 2.5 and x1 - x0 >= 20:
                self.drawing.rules.append(Rule(x0, x1, top, bottom))
            # stroke_edges flips pdfminer's upward y; these points already grow downwards
            self.drawing.strokes += stroke_edges(Segments([(px, -py) for px, py in points]), 0.0, 0.0, 0.0)
            if fill_mode.value and not self.is_white(obj, raw.FPDFPageObj_GetFillColor):
                self.drawing.fills.append((order, x0, top, x1, bottom))
        if stroke.value and not self.is_white(obj, raw.FPDFPageObj_GetStrokeColor):
            self.drawing.fills.append((order, *self.stroke_box(obj, parent)))

    def stroke_box(self, obj: Any, parent: Matrix) -> tuple[float, float, float, float]:
        """Where a stroked path paints, its line width included: a line drawn 25 points wide
        in a colour is the ground of the white caption set on it (the Korean security
        report's figure titles), as much as a filled box is."""
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        self.raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        matrix = multiply(parent, self.transform)
        xa, ya = apply(matrix, left.value, bottom.value)
        xb, yb = apply(matrix, right.value, top.value)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)

    def is_white(self, obj: Any, getter: Any) -> bool:
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if not getter(obj, r, g, b, a):
            return False
        return r.value >= 250 and g.value >= 250 and b.value >= 250


@dataclass(frozen=True)
class Segments:
    """A sub-path's points shaped as :func:`~pipeline.extract.chars.stroke_edges` reads a
    pdfminer curve (y upwards: the reader's ``top`` negated, with height and offsets zero)."""

    pts: list[tuple[float, float]]

    @property
    def x0(self) -> float:
        return min(p[0] for p in self.pts)

    @property
    def x1(self) -> float:
        return max(p[0] for p in self.pts)

    @property
    def y0(self) -> float:
        return min(p[1] for p in self.pts)

    @property
    def y1(self) -> float:
        return max(p[1] for p in self.pts)


def object_address(obj: Any) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


class PdfiumDocument:
    """An open PDF: its pages one by one, its metadata, and what it warns about."""

    def __init__(self, pdf: Any, path: Path, dedupe: bool) -> None:
        self._pdf = pdf
        self._path = path
        self._dedupe = dedupe
        self.page_count = len(pdf)
        self.warnings: list[DocumentWarning] = []
        self._closing = ExitStack()
        self._reference: PdfplumberDocument | None = None

    def pages(self) -> Iterator[SourcePage]:
        import pypdfium2.raw as raw

        for index in range(self.page_count):
            page = raw.FPDF_LoadPage(self._pdf.raw, index)
            if not page:
                raise DocumentError("damaged", f"page {index + 1} cannot be loaded (pdfium)")
            text_page = raw.FPDFText_LoadPage(page)
            try:
                result = self.read_page(raw, page, text_page, index + 1)
            finally:
                # Closing both handles keeps memory flat over hundreds of pages.
                if text_page:
                    raw.FPDFText_ClosePage(text_page)
                raw.FPDF_ClosePage(page)
            yield result

    def read_page(self, raw: Any, page: Any, text_page: Any, number: int) -> SourcePage:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not raw.FPDFPage_GetMediaBox(page, left, bottom, right, top):
            left.value, bottom.value, right.value, top.value = 0.0, 0.0, 612.0, 792.0
        rotation = (raw.FPDFPage_GetRotation(page) % 4) * 90
        transform, width, height = page_transform((left.value, bottom.value, right.value, top.value), rotation)
        reader = DrawingReader(page, transform)
        drawing = reader.read_drawing()
        glyphs = GlyphReader(raw, text_page, transform, drawing.text_order)
        spaces, lost = blank_spaces(glyphs, drawing.blank_text) if drawing.blank_text else ([], 0)
        if lost:
            return self.reference_page(number)
        read = with_blank_spaces(glyphs.read() if text_page else [], spaces)
        chars, hidden, warning = keep_seen_text(number, read, drawing)
        if warning is not None:
            self.warnings.append(warning)
        if self._dedupe:
            chars = drop_duplicate_chars(chars)
        pictures = [Picture(x0, x1, top, bottom) for _, x0, top, x1, bottom in drawing.images]
        return PdfiumPage(number, width, height, chars, drawing.rules, drawing.strokes, hidden, pictures)

    def reference_page(self, number: int) -> SourcePage:
        """Page ``number`` as the reference engine reads it, for a page holding text that
        pdfium's text page lost (:mod:`~pipeline.extract.pdfium_spaces`); its warnings join
        this document's. The PDF is opened with pdfplumber the first time, and closed with
        this document."""
        if self._reference is None:
            self._reference = self._closing.enter_context(PdfplumberSource(dedupe_chars=self._dedupe).open(self._path))
        reference = self._reference
        seen = len(reference.warnings)
        page = reference.read_page(number, reference._pdf.pages[number - 1])
        self.warnings += reference.warnings[seen:]
        return page

    def metadata(self) -> dict[str, str]:
        """The info dictionary, with XMP (read by pdfminer, which pdfium does not expose) as a
        fallback for missing keys, as the pdfplumber source gives it."""
        info: dict[str, str] = {}
        for key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate"):
            try:
                value = self._pdf.get_metadata_value(key)
            except Exception:  # noqa: BLE001  (an undecodable value is only a missed field)
                value = ""
            value = value.replace("\x00", "").strip()
            if value:
                info[key] = value
        if not all(key in info for key in ("Title", "Author", "Subject", "CreationDate")):
            for key, value in xmp_metadata(self._path).items():
                info.setdefault(key, value)
        return info


def xmp_metadata(path: Path) -> dict[str, str]:
    """Title, author, subject and creation date from the XMP packet, when there is one."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import resolve1

        with open(path, "rb") as handle:
            document = PDFDocument(PDFParser(handle))
            stream = resolve1(document.catalog.get("Metadata"))
            xml = stream.get_data().decode("utf-8", "replace") if stream is not None else ""
    except Exception:  # noqa: BLE001  (a broken XMP packet is only a missed fallback)
        return {}
    return parse_xmp(xml)


class PdfiumSource:
    """The :class:`~pipeline.extract.chars.CharSource` built on pdfium (pypdfium2)."""

    def __init__(self, *, dedupe_chars: bool = True) -> None:
        self.dedupe_chars = dedupe_chars

    @contextmanager
    def open(self, path: Path) -> Iterator[PdfiumDocument]:
        import pypdfium2 as pdfium

        with open(path, "rb") as handle:
            check_pdf_header(handle.read(1024))
        try:
            pdf = pdfium.PdfDocument(str(path))
        except Exception as error:
            raise describe_pdfium_error(error) from error
        try:
            document = PdfiumDocument(pdf, path, self.dedupe_chars)
            with document._closing:
                yield document
        finally:
            pdf.close()
