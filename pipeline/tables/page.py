"""The page the table finder reads: the reader's glyphs and strokes, as pdfplumber's finder takes them.

A character source gives only :class:`~pipeline.extract.chars.Char` glyphs and
:class:`~pipeline.extract.chars.Stroke` strokes (:class:`~pipeline.extract.chars.SourcePage`);
:func:`glyph_page` makes of them the page pdfplumber's finder reads, whichever engine drew them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from pipeline.extract.chars import Char, SourcePage, Stroke
from pipeline.extract.spelling import MARKER_TEXT, is_superscript
from pipeline.patterns import MARKER_CLOSE, MARKER_OPEN
from pipeline.tables.geometry import chars_inside


class GlyphPage:
    """A page as pdfplumber's table finder reads it, made from the reader's own glyphs and
    strokes (dicts), so that the finder never makes pdfplumber build every object of the page.

    It offers what :func:`find_page_tables` and the finder use: ``chars``, ``edges``,
    ``bbox``, ``crop``, ``extract_words`` and ``find_tables``.
    """

    def __init__(self, page_number: int, bbox: tuple[float, float, float, float], chars: list[dict[str, Any]],
                 edges: list[dict[str, Any]], rotated: list[dict[str, Any]] | None = None) -> None:
        self.page_number = page_number
        self.bbox = bbox
        self.width, self.height = bbox[2] - bbox[0], bbox[3] - bbox[1]
        self.chars = chars
        self.edges = edges
        self.rotated = rotated or []
        """Glyphs set sideways (column headers turned 90°), in the order they were drawn;
        kept apart so that the ``text`` strategy's words see only upright type."""
        self._middles: tuple[list[float], list[int]] | None = None

    def crop(self, bbox: tuple[float, float, float, float]) -> GlyphPage:
        """The glyphs whose centre lies in ``bbox`` and the strokes that touch it."""
        x0, top, x1, bottom = bbox
        edges = [e for e in self.edges if e["x1"] >= x0 and e["x0"] <= x1 and e["bottom"] >= top and e["top"] <= bottom]
        return GlyphPage(self.page_number, bbox, self.chars_inside(bbox), edges, chars_inside(self.rotated, bbox))

    def chars_inside(self, bbox: tuple[float, float, float, float]) -> list[dict[str, Any]]:
        """:func:`~pipeline.tables.geometry.chars_inside` for this page's glyphs, by bisection:
        the glyphs are sorted by their middle height once, since the finder crops a page
        many times (a ruled form: a thousand crops of a page of 6,000 glyphs)."""
        if self._middles is None:
            order = sorted(range(len(self.chars)), key=lambda i: (self.chars[i]["top"] + self.chars[i]["bottom"]) / 2)
            self._middles = ([(self.chars[i]["top"] + self.chars[i]["bottom"]) / 2 for i in order], order)
        heights, order = self._middles
        x0, top, x1, bottom = bbox
        band = sorted(order[bisect_left(heights, top):bisect_right(heights, bottom)])
        chars = self.chars
        return [chars[i] for i in band if x0 <= (chars[i]["x0"] + chars[i]["x1"]) / 2 <= x1]

    def extract_words(self, **options: Any) -> list[dict[str, Any]]:
        from pdfplumber.utils import extract_words

        return list(extract_words(self.chars, **options))

    def find_tables(self, options: dict[str, Any]) -> list[Any]:
        from pdfplumber.table import TableFinder
        from pdfplumber.table import TableSettings as FinderSettings

        return list(TableFinder(self, FinderSettings.resolve(options)).tables)  # type: ignore[arg-type]


def glyph_page(page: SourcePage) -> GlyphPage:
    """The page as the finder reads it, from what every character source gives: the
    reader's :class:`~pipeline.extract.chars.Char` glyphs and its
    :class:`~pipeline.extract.chars.Stroke` strokes. Raised footnote markers are wrapped in
    the body's sentinels first (:func:`mark_raised_markers`); glyphs set sideways are kept
    apart."""
    chars = page.chars()
    texts = [table_glyph_text(chars, index) for index in range(len(chars))]
    upright = [index for index, char in enumerate(chars) if char.upright and texts[index]]
    marked = mark_raised_markers([chars[i] for i in upright], [texts[i] for i in upright])
    rotated = [glyph_of(char, texts[i]) for i, char in enumerate(chars) if not char.upright and texts[i]]
    return GlyphPage(page.number, (0.0, 0.0, page.width, page.height),
                     [glyph_of(chars[i], text) for i, text in zip(upright, marked)],
                     [edge_of(stroke) for stroke in page.strokes()], rotated)


def glyph_of(char: Char, text: str) -> dict[str, Any]:
    """A glyph as pdfplumber's finder reads it (a dict), with the text the finder gets."""
    return {"text": text, "x0": char.x0, "x1": char.x1, "top": char.top, "bottom": char.bottom, "doctop": char.top,
            "size": char.size, "fontname": char.fontname, "upright": char.upright}


def edge_of(stroke: Stroke) -> dict[str, Any]:
    """A stroke as pdfplumber's finder reads an edge (a dict)."""
    return {"object_type": f"{stroke.orientation}_edge", "orientation": stroke.orientation, "x0": stroke.x0,
            "x1": stroke.x1, "top": stroke.top, "bottom": stroke.bottom, "width": stroke.x1 - stroke.x0,
            "height": stroke.bottom - stroke.top, "doctop": stroke.top}


def table_glyph_text(chars: Sequence[Char], index: int) -> str:
    """A glyph's text for the table finder: an unmapped glyph (``(cid:2)``) followed by a
    space is a bullet, as the body reads it at a line start; any other is left out rather
    than spelled ``(cid:2)`` in a cell."""
    char = chars[index]
    if not char.unmapped:
        return char.text
    following = chars[index + 1] if index + 1 < len(chars) else None
    if following is not None and (following.text in (" ", "\u00a0") or following.x0 - char.x1 > 0.2 * char.size):
        return "•"
    return ""


def mark_raised_markers(glyphs: Sequence[Char], texts: list[str]) -> list[str]:
    r"""The glyphs' texts with each footnote marker set raised and smaller right after a word
    (``Mecklenburg¹``, ``1,234²``) wrapped in the marker sentinels the body uses, so that
    the marker leaves the cell's text and becomes a footnote reference, and a figure is
    never read with its marker glued on (``1,2342``).

    What is raised is the body's rule (:func:`pipeline.extract.spelling.is_superscript`),
    and so is what a marker may say (:func:`is_cell_marker`).

    >>> "".join(mark_raised_markers([Char("4", 10, 14.5, 91, 100, 9), Char("2", 14.5, 17.5, 91, 97, 6)], ["4", "2"]))
    '4\ue0002\ue001'
    """
    out = list(texts)
    index = 1
    while index < len(glyphs):
        base = glyphs[index - 1]
        if not 0 < glyphs[index].size <= CELL_MARKER_SIZE * base.size:
            index += 1  # the common case: not smaller than the glyph before
            continue
        run_end = index
        while run_end < len(glyphs) and is_raised_after(glyphs[run_end - 1] if run_end > index else base,
                                                       glyphs[run_end], base):
            run_end += 1
        text = "".join(out[index:run_end])
        if run_end > index and is_cell_marker(text) and out[index - 1].strip():
            out[index] = MARKER_OPEN + out[index]
            out[run_end - 1] = out[run_end - 1] + MARKER_CLOSE
            index = run_end
        index += 1
    return out


def is_cell_marker(text: str) -> bool:
    """What a raised run in a cell may say to be a footnote marker: what the body takes
    (:data:`pipeline.extract.spelling.MARKER_TEXT`), or one lower-case letter, which tables
    use for their notes (``1,204ᵃ``) where the body's raised letters are ordinals (``25th``).

    >>> [is_cell_marker(t) for t in ["12", "iv", "a", "*", "th", "A"]]
    [True, True, True, True, False, False]
    """
    return bool(MARKER_TEXT.match(text)) or (len(text) == 1 and "a" <= text <= "z")


CELL_MARKER_SIZE = 0.8
"""A raised run in a cell is a marker only when set at most this share of its figure's size,
smaller than the body asks (:data:`~pipeline.extract.spelling.SUPERSCRIPT_SIZE`, 0.85):
significance stars set at 85 % after a coefficient (``0.988**``) belong to the figure, and
the cell keeps them."""


def is_raised_after(previous: Char, glyph: Char, base: Char) -> bool:
    """Whether ``glyph`` follows ``previous`` on the same line, raised and smaller than the
    word's glyph ``base`` (the body's test, :func:`~pipeline.extract.spelling.is_superscript`,
    with the cell's size :data:`CELL_MARKER_SIZE`), yet not above the top of it."""
    return (
        0 < glyph.size <= CELL_MARKER_SIZE * base.size
        and is_superscript(glyph, base.size, base.bottom)
        and -1 <= glyph.x0 - previous.x1 <= 0.3 * base.size
        and glyph.bottom >= base.bottom - base.size
    )


def sideways_text(chars: Sequence[dict[str, Any]]) -> str:
    """The text of glyphs turned 90°, read in the order they were drawn (which is their
    reading order whichever way they turn), a space where a new line or a gap starts.

    >>> g = lambda t, x, top: {"text": t, "x0": x, "x1": x + 9, "top": top, "bottom": top + 6, "size": 9}
    >>> sideways_text([g("N", 10, 50), g("o", 10, 44), g("A", 20, 80), g("l", 20, 74)])
    'No Al'
    """
    text = ""
    previous: dict[str, Any] | None = None
    for char in chars:
        if previous is not None and not text.endswith(" "):
            size = max(char.get("size", 0) or 0, 1.0)
            new_line = abs((char["x0"] + char["x1"]) / 2 - (previous["x0"] + previous["x1"]) / 2) > 0.5 * size
            gap = min(abs(char["top"] - previous["bottom"]), abs(previous["top"] - char["bottom"])) > 0.3 * size
            if new_line or gap:
                text += " "
        text += char["text"]
        previous = char
    return " ".join(text.split())
