"""The character source: the one place that knows which PDF engine draws the characters.

Everything above this module (:mod:`pipeline.extract.pdf`, the table finder and the later
stages) sees only :class:`Char`, :class:`Rule`, :class:`Stroke` and the :class:`SourcePage`
and :class:`CharSource` protocols, so another engine can feed the same characters without
any stage noticing. :class:`PdfplumberSource` is the implementation we ship: it opens one
page at a time, copies its characters, rules and strokes into plain frozen dataclasses and
releases the page, so memory does not grow with the page count.

Coordinates are PDF points with the origin at the page's top left (pdfplumber's
convention): ``top < bottom``, ``x0 < x1``.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pipeline.errors import DocumentError
from pipeline.model import DocumentWarning
from pipeline.patterns import BOLD_FONT, CID_GLYPH, ITALIC_FONT, SOFT_HYPHEN, XMP_FIELDS, XMP_ITEM

if TYPE_CHECKING:
    from pipeline.extract.pdfminer_paint import PaintTracker

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Char:
    """One glyph on a page, with the geometry the layout needs."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str = ""
    upright: bool = True
    # What only some engines give (pdfium does; pdfplumber leaves the defaults). The layout
    # reads none of these, so both engines lay a page out the same way.
    origin: tuple[float, float] | None = None
    """Where the glyph's baseline starts, in the same page coordinates."""
    weight: int = 0
    """The font's weight (400 regular, 700 bold); 0 when the engine does not say."""
    italic: bool = False
    render_mode: int = 0
    """The text render mode: 0 fill, 1 stroke, 3 invisible, 7 clip only."""
    fill: tuple[int, int, int, int] | None = None
    """Fill colour as RGBA, 0–255."""
    angle: float = 0.0
    """Rotation of the glyph in degrees, counter-clockwise."""

    @property
    def bold(self) -> bool:
        return bool(BOLD_FONT.search(self.fontname))

    @property
    def slanted(self) -> bool:
        """Set in an italic face: the engine says so, or the font's name does."""
        return self.italic or bool(ITALIC_FONT.search(self.fontname))

    @property
    def unmapped(self) -> bool:
        """True for a ``(cid:NN)`` glyph: the font gave no Unicode for it."""
        return self.text.startswith("(cid:") and bool(CID_GLYPH.match(self.text))

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal line drawn on the page (a footnote separator, a table border)."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Stroke:
    """One straight horizontal (``h``) or vertical (``v``) stroke drawn on the page: a side
    of a rectangle, a segment of a path, a line. A table's possible ruling."""

    orientation: Literal["h", "v"]
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Picture:
    """Where an image is painted on the page (a photograph, a chart or a figure kept as a
    picture): what stands between two bands of columns when no stroke does."""

    x0: float
    x1: float
    top: float
    bottom: float


class SourcePage(Protocol):
    """What a character source gives of one page: its size, its glyphs, its flat rules
    (footnote separators), its axis-aligned strokes (a table's possible rulings) and where
    its images stand. The table finder and the layout read nothing else, so any engine can
    feed them."""

    number: int
    width: float
    height: float

    def chars(self) -> list[Char]: ...

    def rules(self) -> list[Rule]: ...

    def strokes(self) -> list[Stroke]: ...

    def images(self) -> list[Picture]: ...


class CharSource(Protocol):
    """Opens a PDF and yields its pages one at a time.

    ``open`` raises :class:`~pipeline.errors.DocumentError` for a file that cannot be read
    (not a PDF, encrypted, damaged), so engines can be swapped without changing messages.
    """

    def open(self, path: Path) -> Any: ...


def drop_duplicate_chars(chars: list[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop the second copy of glyphs drawn twice at (almost) the same spot.

    Fake-bold PDFs draw each glyph twice, slightly offset, which doubles every letter
    (``SSaavvooiirr``). This is pdfplumber's ``dedupe_chars`` rule (same text, font and
    size, position within ``tolerance``), done with a grid lookup: pdfplumber restores
    the order with ``list.index``, which is quadratic and dominated long pages.
    Distinct neighbouring letters (``ll`` in ``all``) are a glyph width apart, so they stay.

    >>> a = Char("a", 10, 15, 0, 10, 10)
    >>> len(drop_duplicate_chars([a, Char("a", 10.4, 15.4, 0.3, 10.3, 10), Char("a", 16, 21, 0, 10, 10)]))
    2
    """
    suspects = may_be_duplicated(chars, tolerance) if may_have_copies(chars, tolerance) else []
    if not suspects:
        return list(chars)
    copies = {suspects[i] for i in copies_of_glyphs([chars[i] for i in suspects], tolerance)}
    return [char for i, char in enumerate(chars) if i not in copies] if copies else list(chars)


def copies_of_glyphs(chars: list[Char], tolerance: float) -> list[int]:
    """The places of the glyphs that repeat an earlier one at (almost) the same spot: same
    text, font and size, position within ``tolerance`` (:func:`drop_duplicate_chars`)."""
    copies: list[int] = []
    # Cells twice the tolerance wide: a copy within the tolerance lies in one of the four
    # cells around the glyph's corner, so four lookups replace a scan.
    cell = 2 * tolerance
    seen: dict[tuple[str, int, int], list[Char]] = {}
    for place, char in enumerate(chars):
        cx, cy = char.x0 / cell, char.top / cell
        ix, iy = int(cx), int(cy)
        nx = ix + 1 if cx - ix >= 0.5 else ix - 1
        ny = iy + 1 if cy - iy >= 0.5 else iy - 1
        duplicate = False
        for key in ((char.text, ix, iy), (char.text, nx, iy), (char.text, ix, ny), (char.text, nx, ny)):
            for other in seen.get(key, ()):
                if (
                    abs(other.x0 - char.x0) <= tolerance
                    and abs(other.top - char.top) <= tolerance
                    and other.fontname == char.fontname
                    and abs(other.size - char.size) < 0.01
                    and other.upright == char.upright
                ):
                    duplicate = True
                    break
            if duplicate:
                break
        if duplicate:
            copies.append(place)
        else:
            seen.setdefault((char.text, ix, iy), []).append(char)
    return copies


def may_have_copies(chars: list[Char], tolerance: float) -> bool:
    """Whether two glyphs of the same text may lie within ``tolerance`` of each other both
    across and down: decided for the whole page by two sorts of arrays, so that a page
    without fake bold (nearly every page) costs no lookup per glyph.

    The page is cut into bands three tolerances high, once from 0 and once shifted by half a
    band: two glyphs that close down share a band in one of the cuts, and sorted by text,
    band and x, two that close across then follow one another. (Sorting by text and x alone
    finds the same letter starting lines at one margin, or dot leaders aligned down a page.)

    >>> may_have_copies([Char("a", 10, 15, 0, 10, 10), Char("a", 10.5, 15.5, 40, 50, 10)], 1.0)
    False
    >>> may_have_copies([Char("a", 10, 15, 0, 10, 10), Char("a", 10.5, 15.5, 0.9, 10.9, 10)], 1.0)
    True
    """
    import numpy as np

    count = len(chars)
    if count < 2:
        return False
    texts = list(map(attrgetter("text"), chars))
    number = {text: index for index, text in enumerate(dict.fromkeys(texts))}
    code = np.fromiter(map(number.__getitem__, texts), dtype=np.int64, count=count)
    x0 = np.fromiter(map(attrgetter("x0"), chars), dtype=np.float64, count=count)
    top = np.fromiter(map(attrgetter("top"), chars), dtype=np.float64, count=count)
    band = 3 * tolerance
    for shift in (0.0, band / 2):
        bands = np.floor((top + shift) / band)
        order = np.lexsort((x0, bands, code))
        c, b, x = code[order], bands[order], x0[order]
        if np.any((c[1:] == c[:-1]) & (b[1:] == b[:-1]) & (x[1:] - x[:-1] <= tolerance)):
            return True
    return False


def may_be_duplicated(chars: list[Char], tolerance: float) -> list[int]:
    """The places of the glyphs that could be a copy of another, or have one: those with a
    glyph of the same text starting within ``tolerance`` across. One sort finds them for the
    whole page (sorted by text and x, such glyphs follow one another), so that the lookup
    per glyph runs on these few instead of every glyph of the page; a glyph left out has no
    copy and is no copy, so the outcome is the same.

    >>> may_be_duplicated([Char("a", 10, 15, 0, 10, 10), Char("b", 10, 15, 0, 10, 10), Char("a", 10.5, 15.5, 40, 50, 10)], 1.0)
    [0, 2]
    """
    starts = sorted(zip(map(attrgetter("text"), chars), map(attrgetter("x0"), chars), range(len(chars))))
    close = {place for a, b in zip(starts, starts[1:]) if a[0] == b[0] and b[1] - a[1] <= tolerance for place in (a[2], b[2])}
    return sorted(close)


# --- pdfplumber ------------------------------------------------------------------------


def check_pdf_header(head: bytes) -> int:
    """Return where ``%PDF-`` starts, or raise ``not a PDF`` naming what the file starts with.

    Readers tolerate junk before the header (the Missouri opinion starts with ``%%EOF``),
    so we look in the first kilobyte, as Acrobat does.

    >>> check_pdf_header(b"%PDF-1.4 ...")
    0
    >>> check_pdf_header(b"%%EOF\\r\\n%PDF-1.5")
    7
    """
    at = head.find(b"%PDF-")
    if at < 0:
        shown = head[:12].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise DocumentError("not a PDF", f"starts with {shown!r}") if head else DocumentError("empty", "the file has no bytes")
    return at


def describe_pdf_error(error: BaseException) -> DocumentError:
    """Turn a pdfminer/pdfplumber exception into the error whose kind and detail the manifest gives."""
    inner = error.args[0] if error.args and isinstance(error.args[0], BaseException) else error
    name = type(inner).__name__
    if "Password" in name or "Encryption" in name or "ExtractionNotAllowed" in name:
        return DocumentError("encrypted", "the PDF needs a password")
    if isinstance(inner, MemoryError):  # a stream that inflates past the memory limit (a deflate bomb)
        return DocumentError("over the memory limit", f"a stream inflates past --max-memory ({inner or 'MemoryError'})")
    detail = str(inner).strip().splitlines()[0] if str(inner).strip() else "unreadable structure"
    return DocumentError("damaged", f"{detail[:120]} ({name})")


@dataclass
class PdfplumberPage:
    """One page of a :class:`PdfplumberDocument`; the pdfplumber page is released after use."""

    number: int
    width: float
    height: float
    _chars: list[Char]
    _rules: list[Rule]
    _strokes: list[Stroke]
    _images: list[Picture] = field(default_factory=list)

    def chars(self) -> list[Char]:
        return self._chars

    def rules(self) -> list[Rule]:
        return self._rules

    def strokes(self) -> list[Stroke]:
        return self._strokes

    def images(self) -> list[Picture]:
        return self._images


def chars_from_pdfplumber(raw_chars: list[dict[str, Any]]) -> list[Char]:
    """Chars from pdfplumber's ``page.chars`` dictionaries (kept for comparison in tests)."""
    return [
        Char(
            text=c["text"],
            x0=float(c["x0"]),
            x1=float(c["x1"]),
            top=float(c["top"]),
            bottom=float(c["bottom"]),
            size=float(c["size"]),
            fontname=str(c.get("fontname") or ""),
            upright=bool(c.get("upright", True)),
        )
        for c in raw_chars
    ]


def read_layout(page: Any) -> tuple[list[Char], list[Rule], list[Stroke], list[Picture], PaintTracker]:
    """The page's glyphs, its flat rules, every axis-aligned stroke (a table's possible
    rulings), where its images stand and how the glyphs are painted (render mode, colour,
    what lies under or over them: :mod:`~pipeline.extract.hidden_text` tells hidden text
    from it), read from pdfplumber's parsed layout.

    The same numbers as ``page.chars`` (pdfplumber's own coordinate conversion, repeated
    here), without building its dictionaries: ``page.chars`` resolves every attribute of
    every object (colours, matrices, marked content) that the reader never looks at, which
    cost a quarter of the reading time on the corpus.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage

    from pipeline.extract.pdfminer_paint import PaintTracker, layout_with_render_modes

    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    chars: list[Char] = []
    rules: list[Rule] = []
    strokes: list[Stroke] = []  # every axis-aligned stroke: a table's possible rulings
    images: list[Picture] = []
    paint = PaintTracker()
    stack = list(reversed(layout_with_render_modes(page)._objs))
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if text == SOFT_HYPHEN:
                # A soft hyphen that is drawn prints as a hyphen (the GDPR's ``technolo-`` at a
                # line's end, which the reader took for a space): pdfium gives one, and so do we.
                text = "-"
            fontname = obj.fontname
            if isinstance(fontname, bytes):
                fontname = fontname.decode("latin-1")
            chars.append(
                Char(
                    text=text,
                    x0=obj.x0 + mb_x0,
                    x1=obj.x1 + mb_x0,
                    top=height - obj.y1 + mb_top,
                    bottom=height - obj.y0 + mb_top,
                    size=float(obj.size),
                    fontname=str(fontname or ""),
                    upright=bool(obj.upright),
                )
            )
            paint.glyph(obj)
        elif isinstance(obj, LTContainer):
            stack.extend(reversed(obj._objs))
        elif isinstance(obj, LTImage):
            images.append(Picture(obj.x0 + mb_x0, obj.x1 + mb_x0, height - obj.y1 + mb_top, height - obj.y0 + mb_top))
            paint.image((obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top))
        elif isinstance(obj, LTCurve):
            width, tall = obj.x1 - obj.x0, obj.y1 - obj.y0
            if tall <= 2.5 and width >= 20:
                # lines and rectangles are curves in pdfminer; a flat, wide one is a rule
                rules.append(Rule(obj.x0 + mb_x0, obj.x1 + mb_x0, height - obj.y1 + mb_top, height - obj.y0 + mb_top))
            strokes += stroke_edges(obj, height, mb_x0, mb_top)
            paint.shape(obj, (obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top))
    return chars, rules, strokes, images, paint


def stroke_edges(obj: Any, height: float, mb_x0: float, mb_top: float) -> list[Stroke]:
    """The axis-aligned strokes of a drawn line, rectangle or path: rectangles give four,
    paths one per straight horizontal or vertical segment."""
    from pdfminer.layout import LTRect

    if isinstance(obj, LTRect):
        x0, y0, x1, y1 = obj.x0, obj.y0, obj.x1, obj.y1
        points = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    else:
        points = list(getattr(obj, "pts", None) or [(obj.x0, obj.y0), (obj.x1, obj.y1)])
    edges: list[Stroke] = []
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        left, right = min(ax, bx) + mb_x0, max(ax, bx) + mb_x0
        top, bottom = height - max(ay, by) + mb_top, height - min(ay, by) + mb_top
        if abs(ay - by) < 0.5 and right - left > 0.5:
            edges.append(Stroke("h", left, right, top, bottom))
        elif abs(ax - bx) < 0.5 and bottom - top > 0.5:
            edges.append(Stroke("v", left, right, top, bottom))
    return edges


class PdfplumberDocument:
    def __init__(self, pdf: Any, dedupe: bool) -> None:
        from pipeline.extract.pdfminer_fonts import BuiltInEncodingResources

        pdf.rsrcmgr = BuiltInEncodingResources()  # fonts read as the page shows them
        self._pdf = pdf
        self._dedupe = dedupe
        self.page_count = len(pdf.pages)
        self.warnings: list[DocumentWarning] = []

    def pages(self) -> Iterator[PdfplumberPage]:
        for index, page in enumerate(self._pdf.pages):
            yield self.read_page(index + 1, page)

    def read_page(self, number: int, page: Any) -> PdfplumberPage:
        """One page's characters, rules and strokes; the pdfplumber page is released after."""
        try:
            chars, rules, strokes, images, paint = read_layout(page)
            chars = self.keep_seen_text(number, chars, paint)
            if self._dedupe:
                chars = drop_duplicate_chars(chars)
        except DocumentError:
            raise
        except Exception as error:
            raise describe_pdf_error(error) from error
        finally:
            # Releasing the parsed layout keeps memory flat over hundreds of pages.
            page.close()
        return PdfplumberPage(number, float(page.width), float(page.height), chars, rules, strokes, images)

    def keep_seen_text(self, number: int, chars: list[Char], paint: PaintTracker) -> list[Char]:
        """The page's glyphs without the hidden ones, by the rule both engines share
        (:func:`~pipeline.extract.hidden_text.keep_seen_text`); its warning is kept."""
        from pipeline.extract.hidden_text import keep_seen_text

        kept, _, warning = keep_seen_text(number, list(zip(chars, paint.paints)), paint)
        if warning is not None:
            self.warnings.append(warning)
        return kept

    def metadata(self) -> dict[str, str]:
        """The info dictionary, decoded to strings, with XMP as a fallback for missing keys."""
        info = {str(k): decode_pdf_value(v) for k, v in (self._pdf.metadata or {}).items()}
        info = {k: v for k, v in info.items() if v}
        for key, value in self.xmp_metadata().items():
            info.setdefault(key, value)
        return info

    def xmp_metadata(self) -> dict[str, str]:
        """Title, author, subject and creation date from the XMP packet, when there is one."""
        try:
            from pdfminer.pdftypes import resolve1

            stream = resolve1(self._pdf.doc.catalog.get("Metadata"))
            xml = stream.get_data().decode("utf-8", "replace") if stream is not None else ""
        except Exception as error:  # noqa: BLE001  (a broken XMP packet is only a missed fallback)
            logger.debug("XMP metadata not read: %s: %s", type(error).__name__, error)
            return {}
        return parse_xmp(xml)


def decode_pdf_value(value: Any) -> str:
    """A PDF info value as clean text: bytes decoded (UTF-16 with BOM, else Latin-1), names unquoted."""
    if isinstance(value, bytes):
        if value.startswith((b"\xfe\xff", b"\xff\xfe")):
            text = value.decode("utf-16", "replace")
        else:
            text = value.decode("latin-1")
    elif isinstance(value, (str, int, float)):
        text = str(value)
    else:
        name = getattr(value, "name", None)
        text = str(name) if name is not None else ""
    return text.replace("\x00", "").strip()




def parse_xmp(xml: str) -> dict[str, str]:
    """Read the few XMP fields we use with patterns: a full RDF parser is not worth it here.

    Each field is looked for only inside its own element, so an empty title never takes
    the next field's value.

    >>> parse_xmp('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Brief</rdf:li></rdf:Alt></dc:title>')
    {'Title': 'Brief'}
    >>> parse_xmp('<dc:title><rdf:Alt><rdf:li xml:lang="x-default"/></rdf:Alt></dc:title>'
    ...           '<dc:creator><rdf:Seq><rdf:li>Ann Lee</rdf:li></rdf:Seq></dc:creator>')
    {'Author': 'Ann Lee'}
    """
    import html

    found = {}
    for key, pattern in XMP_FIELDS.items():
        match = pattern.search(xml)
        if not match:
            continue
        inner = next((g for g in match.groups() if g is not None), "")
        if key != "CreationDate":
            items = [html.unescape(item).strip() for item in XMP_ITEM.findall(inner)]
            inner = "; ".join(item for item in items if item) if "<rdf:" in inner else html.unescape(inner)
        value = " ".join(inner.split())
        if value and "<" not in value:
            found[key] = value
    return found


class PdfplumberSource:
    """The :class:`CharSource` built on pdfplumber (and so pdfminer.six)."""

    def __init__(self, *, dedupe_chars: bool = True) -> None:
        self.dedupe_chars = dedupe_chars

    @contextmanager
    def open(self, path: Path) -> Iterator[PdfplumberDocument]:
        import pdfplumber

        with open(path, "rb") as handle:
            start = check_pdf_header(handle.read(1024))
            stream: Any = path
            if start:
                # Junk before the header shifts every xref offset; reading from the header
                # on puts them back where pdfminer expects them.
                handle.seek(start)
                stream = io.BytesIO(handle.read())
        try:
            pdf = pdfplumber.open(stream)
        except Exception as error:
            raise describe_pdf_error(error) from error
        try:
            try:
                document = PdfplumberDocument(pdf, self.dedupe_chars)
            except Exception as error:
                raise describe_pdf_error(error) from error
            yield document
        finally:
            pdf.close()
