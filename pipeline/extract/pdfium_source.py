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
  keeps it, with the warning, so its text is never mixed with visible text.

Pages are loaded one at a time and their text page and page handles closed before the
next, so memory stays flat over long documents.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.extract.chars import Char, Rule, check_pdf_header, drop_duplicate_chars, page_tables, parse_xmp
from pipeline.model import DocumentWarning, PageTables

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

INVISIBLE_MODES = frozenset({3, 7})
"""Render modes that paint nothing: 3 (invisible, as OCR layers use) and 7 (clip only)."""

ITALIC_FLAG = 1 << 6
"""The font descriptor's Italic flag (PDF 32000-1, table 123)."""

LINE_BREAKS = frozenset("\r\n")

LINE_END_HYPHEN = "\ufffe"
"""pdfium's code for a hyphen that ends a line: the glyph printed is a hyphen-minus."""


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


def describe_pdfium_error(error: BaseException) -> str:
    """Turn a pypdfium2 error into the manifest's one-line reason (the one place for it)."""
    import pypdfium2.raw as raw

    code = getattr(error, "err_code", None)
    if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
        return "encrypted PDF (no password)"
    if code == raw.FPDF_ERR_FILE:
        return "cannot open the file"
    detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"truncated or damaged PDF: {detail[:120]}"


@dataclass(frozen=True, slots=True)
class TextStyle:
    """What every glyph of one text object shares, read once per object."""

    fontname: str
    weight: int
    italic: bool
    render_mode: int
    fill: tuple[int, int, int, int]
    size: float
    descent: float
    upright: bool
    angle: float
    order: int
    embedded: bool = True


@dataclass
class PageDrawing:
    """A page's drawn objects in painting order: rules, stroke edges, and what can hide text."""

    rules: list[Rule] = field(default_factory=list)
    strokes: list[dict[str, Any]] = field(default_factory=list)
    images: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    """(painting order, x0, top, x1, bottom) of every image."""
    fills: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    """(painting order, box) of every filled path whose colour is not white: a ground for white text."""
    text_order: dict[int, int] = field(default_factory=dict)
    """Painting order of each text object, by its handle's address."""


@dataclass
class PdfiumPage:
    """One page as the reader wants it; pdfium's handles are already closed."""

    number: int
    width: float
    height: float
    _chars: list[Char]
    _rules: list[Rule]
    _tables: PageTables = PageTables()
    hidden_chars: int = 0

    def chars(self) -> list[Char]:
        return self._chars

    def rules(self) -> list[Rule]:
        return self._rules

    def tables(self) -> PageTables:
        return self._tables


class PageReader:
    """Reads one loaded pdfium page into chars, rules and strokes (handles owned by the caller)."""

    def __init__(self, page: Any, text_page: Any, transform: Matrix) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.page = page
        self.text_page = text_page
        self.transform = transform
        self.styles: dict[int, TextStyle] = {}
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
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                self.read_path(obj, parent, order[0])
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.drawing.images.append((order[0], *self.object_box(obj)))
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                matrix = multiply(self.object_matrix(obj), parent)
                inner = [raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))]
                self.walk(inner, matrix, order)

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

    def is_white(self, obj: Any, getter: Any) -> bool:
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if not getter(obj, r, g, b, a):
            return False
        return r.value >= 250 and g.value >= 250 and b.value >= 250

    # --- characters ----------------------------------------------------------------------

    def style(self, obj: Any, address: int) -> TextStyle:
        """Font, size, colour and direction of a text object, read once and kept."""
        raw = self.raw
        font = raw.FPDFTextObj_GetFont(obj)
        name = ctypes.create_string_buffer(256)
        raw.FPDFFont_GetBaseFontName(font, name, 256)
        size = ctypes.c_float()
        raw.FPDFTextObj_GetFontSize(obj, size)
        a, b, c, d, _, _ = self.object_matrix(obj)
        upright = a * d > 0 and b * c <= 0
        scaled = size.value * abs(d) if (b == 0 and c == 0) else size.value * math.hypot(c, d)
        descent = ctypes.c_float()
        raw.FPDFFont_GetDescent(font, ctypes.c_float(scaled), descent)
        r, g, bl, al = (ctypes.c_uint() for _ in range(4))
        raw.FPDFPageObj_GetFillColor(obj, r, g, bl, al)
        return TextStyle(
            fontname=name.value.decode("latin-1"),
            weight=raw.FPDFFont_GetWeight(font),
            italic=bool(raw.FPDFFont_GetFlags(font) & ITALIC_FLAG),
            render_mode=raw.FPDFTextObj_GetTextRenderMode(obj),
            fill=(r.value, g.value, bl.value, al.value),
            size=scaled,
            descent=descent.value,
            upright=upright,
            angle=round(math.degrees(math.atan2(b, a)), 2),
            order=self.drawing.text_order.get(address, 0),
            embedded=bool(raw.FPDFFont_GetIsEmbedded(font)),
        )

    def read_chars(self) -> list[tuple[Char, TextStyle]]:
        """Every glyph pdfium found, in content order, with its text object's style.

        pdfium adds characters of its own (spaces between words, line breaks) that
        pdfminer does not: those marked generated are left out.
        """
        raw, text_page = self.raw, self.text_page
        count = raw.FPDFText_CountChars(text_page)
        if count <= 0:
            return []
        text = page_text(raw, text_page, count)
        get_object = text_object_getter(raw)
        rect = raw.FS_RECTF()
        loose_box = raw.FPDFText_GetLooseCharBox
        map_error = raw.FPDFText_HasUnicodeMapError
        generated = raw.FPDFText_IsGenerated
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        a, b, c, d, e, f = self.transform
        out: list[tuple[Char, TextStyle]] = []
        styles = self.styles
        for index in range(count):
            glyph = text[index]
            if glyph in LINE_BREAKS or ((glyph == " " or glyph == "\x02") and generated(text_page, index)):
                continue
            address = get_object(text_page, index)
            if not address:
                continue
            style = styles.get(address)
            if style is None:
                style = styles[address] = self.style(raw.FPDFText_GetTextObject(text_page, index), address)
            loose_box(text_page, index, rect)
            if glyph == LINE_END_HYPHEN:
                glyph = "-"
            elif map_error(text_page, index) == 1:
                glyph = f"(cid:{ord(glyph)})"
            raw.FPDFText_GetCharOrigin(text_page, index, origin_x, origin_y)
            # corners to the reader's space (an axis flip for upright text, a turn for rotated)
            xa, ya = a * rect.left + c * rect.bottom + e, b * rect.left + d * rect.bottom + f
            xb, yb = a * rect.right + c * rect.top + e, b * rect.right + d * rect.top + f
            x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
            top, bottom = (ya, yb) if ya <= yb else (yb, ya)
            size = style.size
            if style.upright and b == 0 and c == 0:
                # pdfminer's box: one font size tall, from the descent up (pdfium's loose
                # top is at the font's ascent instead)
                top = bottom - size
            elif not style.upright:
                size = bottom - top if b == 0 else x1 - x0
            ox, oy = a * origin_x.value + c * origin_y.value + e, b * origin_x.value + d * origin_y.value + f
            out.append((
                Char(glyph, x0, x1, top, bottom, size, style.fontname, style.upright, (ox, oy), style.weight,
                     style.italic, style.render_mode, style.fill, style.angle),
                style,
            ))
        return fit_advances(learn_advances(merge_split_glyphs(out)))


def fit_advances(read: list[tuple[Char, TextStyle]]) -> list[tuple[Char, TextStyle]]:
    """End a glyph where the next glyph on its baseline starts when pdfium's width runs past it.

    pdfium measures a glyph with the widths of the font it renders with; for a font that
    is not embedded (``ArialNarrow`` drawn with Arial) or whose program disagrees with the
    PDF's own ``/Widths`` (which pdfminer uses), glyphs would overlap and word gaps vanish.
    A copy of the same letter starting in the first half of the box is a fake-bold double
    drawn a fraction of a point further on, not the next letter.
    """
    fitted = list(read)
    for i in range(len(read) - 1):
        char, following = read[i][0], read[i + 1][0]
        if char.origin is None or following.origin is None or not char.upright:
            continue
        start = following.origin[0]
        if abs(following.origin[1] - char.origin[1]) > 0.01 or not char.x0 < start < char.x1 - 0.01:
            continue
        if following.text != char.text or start > char.x0 + 0.5 * (char.x1 - char.x0):
            fitted[i] = (replace(char, x1=start), read[i][1])
    return fitted


def learn_advances(read: list[tuple[Char, TextStyle]]) -> list[tuple[Char, TextStyle]]:
    """Give the glyphs of fonts that are not embedded the advance the PDF itself lays them
    out with.

    pdfium measures such a glyph with the substitute font it renders with (Garamond drawn
    with another serif face), not with the PDF's ``/Widths`` that pdfminer reads, so
    boxes run over the next letter and word gaps vanish. The PDF's advance shows where the
    next glyph of the same text object starts; the commonest such step for each letter of
    a font and size is taken as its width, for the last letters of a run too.
    """
    steps: dict[tuple[str, float, str], Counter[float]] = {}
    for (char, style), (following, next_style) in zip(read, read[1:]):
        if style.embedded or next_style is not style or char.origin is None or following.origin is None:
            continue
        step = following.origin[0] - char.origin[0]
        if char.upright and not char.text.isspace() and abs(following.origin[1] - char.origin[1]) <= 0.01 and step > 0:
            steps.setdefault((style.fontname, round(style.size, 2), char.text), Counter())[round(step, 2)] += 1
    if not steps:
        return read
    learned = {key: counts.most_common(1)[0][0] for key, counts in steps.items()}
    out = []
    for char, style in read:
        advance = learned.get((style.fontname, round(style.size, 2), char.text)) if not style.embedded else None
        if advance is not None and abs(char.x1 - char.x0 - advance) > 0.01:
            char = replace(char, x1=char.x0 + advance)
        out.append((char, style))
    return out


def merge_split_glyphs(read: list[tuple[Char, TextStyle]]) -> list[tuple[Char, TextStyle]]:
    """One glyph that pdfium spelled as several characters (a ligature ``ﬀ`` as ``f``, ``f``)
    back into one character with the joined text, as pdfminer gives it: otherwise the
    copies at the same spot would be taken for a fake-bold double and one letter lost."""
    merged: list[tuple[Char, TextStyle]] = []
    for char, style in read:
        if merged:
            last, last_style = merged[-1]
            if last_style is style and last.origin == char.origin and last.origin is not None and char.text.strip():
                merged[-1] = (replace(last, text=last.text + char.text, x1=max(last.x1, char.x1)), style)
                continue
        merged.append((char, style))
    return merged


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


def page_text(raw: Any, text_page: Any, count: int) -> str:
    """All of a page's characters in one call; one call per character only when a character
    outside the Basic Multilingual Plane makes the UTF-16 text longer than the count."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(0, written - 1) * 2].decode("utf-16-le", "replace")
    if len(text) == count:
        return text
    return "".join(chr(raw.FPDFText_GetUnicode(text_page, i) or 0xFFFD) for i in range(count))


def text_object_getter(raw: Any) -> Any:
    """``FPDFText_GetTextObject`` returning the object's address as an int (a dictionary key)
    instead of a ctypes pointer, which is slow to hash."""
    address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address)


def object_address(obj: Any) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def is_hidden(char: Char, style: TextStyle, drawing: PageDrawing) -> str | None:
    """Why no reader sees this glyph, or ``None``: an invisible render mode, white fill with
    no coloured ground under it, or an image painted over it afterwards."""
    if style.render_mode in INVISIBLE_MODES:
        return "invisible"
    cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    if style.fill[3] == 0 or (min(style.fill[:3]) >= 250 and style.render_mode in (0, 4)):
        grounded = any(order < style.order and x0 <= cx <= x1 and top <= cy <= bottom for order, x0, top, x1, bottom in drawing.fills)
        grounded = grounded or any(order < style.order and x0 <= cx <= x1 and top <= cy <= bottom
                                   for order, x0, top, x1, bottom in drawing.images)
        if not grounded:
            return "white"
    if any(order > style.order and x0 <= cx <= x1 and top <= cy <= bottom for order, x0, top, x1, bottom in drawing.images):
        return "under an image"
    return None


def split_hidden(read: list[tuple[Char, TextStyle]], drawing: PageDrawing) -> tuple[list[Char], list[Char], Counter[str]]:
    """The page's visible glyphs, its hidden ones, and how many were hidden for each reason."""
    visible: list[Char] = []
    hidden: list[Char] = []
    reasons: Counter[str] = Counter()
    for char, style in read:
        why = is_hidden(char, style, drawing) if (style.render_mode or style.fill[3] < 255 or min(style.fill[:3]) >= 250
                                                   or drawing.images) else None
        if why is None:
            visible.append(char)
        else:
            hidden.append(char)
            if char.text.strip():
                reasons[why] += 1
    return visible, hidden, reasons


def hidden_warning(number: int, visible: list[Char], hidden: list[Char], reasons: Counter[str]) -> DocumentWarning | None:
    """The page's ``hidden_text`` warning, saying which text was kept."""
    if not reasons:
        return None
    why = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common())
    if any(c.text.strip() for c in visible):
        return DocumentWarning("hidden_text", f"{sum(reasons.values())} hidden characters left out ({why})", page=number)
    return DocumentWarning("hidden_text", f"the page's only text is hidden ({why}): read as its text layer", page=number)


class PdfiumDocument:
    """An open PDF: its pages one by one, its metadata, and what it warns about."""

    def __init__(self, pdf: Any, path: Path, dedupe: bool) -> None:
        self._pdf = pdf
        self._path = path
        self._dedupe = dedupe
        self.page_count = len(pdf)
        self.table_stats: Counter[str] = Counter()
        self.warnings: list[DocumentWarning] = []

    def pages(self) -> Iterator[PdfiumPage]:
        import pypdfium2.raw as raw

        for index in range(self.page_count):
            page = raw.FPDF_LoadPage(self._pdf.raw, index)
            if not page:
                raise DocumentError(f"truncated or damaged PDF: page {index + 1} cannot be loaded")
            text_page = raw.FPDFText_LoadPage(page)
            try:
                result = self.read_page(raw, page, text_page, index + 1)
            finally:
                # Closing both handles keeps memory flat over hundreds of pages.
                if text_page:
                    raw.FPDFText_ClosePage(text_page)
                raw.FPDF_ClosePage(page)
            yield result

    def read_page(self, raw: Any, page: Any, text_page: Any, number: int) -> PdfiumPage:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not raw.FPDFPage_GetMediaBox(page, left, bottom, right, top):
            left.value, bottom.value, right.value, top.value = 0.0, 0.0, 612.0, 792.0
        rotation = (raw.FPDFPage_GetRotation(page) % 4) * 90
        transform, width, height = page_transform((left.value, bottom.value, right.value, top.value), rotation)
        reader = PageReader(page, text_page, transform)
        drawing = reader.read_drawing()
        read = reader.read_chars() if text_page else []
        visible, hidden, reasons = split_hidden(read, drawing)
        warning = hidden_warning(number, visible, hidden, reasons)
        if warning is not None:
            self.warnings.append(warning)
        chars = visible if any(c.text.strip() for c in visible) else hidden
        if self._dedupe:
            chars = drop_duplicate_chars(chars)
        tables = self.find_tables(number, width, height, chars, drawing.strokes)
        return PdfiumPage(number, width, height, chars, drawing.rules, tables, len(hidden))

    def find_tables(self, number: int, width: float, height: float, chars: list[Char], strokes: list[dict[str, Any]]) -> PageTables:
        """The glue to the table finder, the same as the pdfplumber source's: the reader's
        own glyphs and the page's axis-aligned stroke edges."""
        return page_tables(number, width, height, chars, strokes, self.table_stats)

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
            raise DocumentError(describe_pdfium_error(error)) from error
        try:
            yield PdfiumDocument(pdf, path, self.dedupe_chars)
        finally:
            pdf.close()
