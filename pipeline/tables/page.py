"""The page the table finder reads: the reader's glyphs and strokes, as pdfplumber's finder takes them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.patterns import RAISED_MARKER
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

    def crop(self, bbox: tuple[float, float, float, float]) -> "GlyphPage":
        """The glyphs whose centre lies in ``bbox`` and the strokes that touch it."""
        x0, top, x1, bottom = bbox
        edges = [e for e in self.edges if e["x1"] >= x0 and e["x0"] <= x1 and e["bottom"] >= top and e["top"] <= bottom]
        return GlyphPage(self.page_number, bbox, chars_inside(self.chars, bbox), edges, chars_inside(self.rotated, bbox))

    def extract_words(self, **options: Any) -> list[dict[str, Any]]:
        from pdfplumber.utils import extract_words

        return list(extract_words(self.chars, **options))

    def find_tables(self, options: dict[str, Any]) -> list[Any]:
        from pdfplumber.table import TableFinder
        from pdfplumber.table import TableSettings as FinderSettings

        return list(TableFinder(self, FinderSettings.resolve(options)).tables)  # type: ignore[arg-type]


def mark_raised_markers(glyphs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    r"""The glyphs with each footnote marker set raised and smaller right after a word
    (``Mecklenburg¹``, ``1,234²``) wrapped in the marker sentinels the body uses, so that
    the marker leaves the cell's text and becomes a footnote reference, and a figure is
    never read with its marker glued on (``1,2342``).

    >>> g = lambda t, x, bottom, size: {"text": t, "x0": x, "x1": x + size / 2, "bottom": bottom, "size": size}
    >>> "".join(c["text"] for c in mark_raised_markers([g("4", 10, 100, 9), g("2", 14.5, 97, 6)]))
    '4\ue0002\ue001'
    """
    out = list(glyphs)  # a glyph is copied only when its text changes
    index = 1
    while index < len(out):
        base = out[index - 1]
        size = out[index].get("size") or 0
        if not 0 < size <= 0.8 * (base.get("size") or 0):
            index += 1  # the common case: not smaller than the glyph before
            continue
        run_end = index
        while run_end < len(out) and is_raised_after(out[run_end - 1] if run_end > index else base, out[run_end], base):
            run_end += 1
        text = "".join(g["text"] for g in out[index:run_end])
        if run_end > index and RAISED_MARKER.match(text) and base["text"].strip():
            out[index] = {**out[index], "text": "\ue000" + out[index]["text"]}
            out[run_end - 1] = {**out[run_end - 1], "text": out[run_end - 1]["text"] + "\ue001"}
            index = run_end
        index += 1
    return out


def is_raised_after(previous: dict[str, Any], glyph: dict[str, Any], base: dict[str, Any]) -> bool:
    """Whether ``glyph`` follows ``previous`` on the same line, smaller than the word's
    glyph ``base`` and raised above its baseline."""
    size = base.get("size") or 0
    return (
        0 < (glyph.get("size") or 0) <= 0.8 * size
        and -1 <= glyph["x0"] - previous["x1"] <= 0.3 * size
        and glyph["bottom"] <= base["bottom"] - 0.15 * size
        and glyph["bottom"] >= base["bottom"] - size
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
