"""The PDF reader's working types: rows of glyphs, laid-out lines, and per-page counts.

A :class:`Row` is glyphs that share a band on the page; a :class:`TextLine` is a row (or a
column's share of one) once spelled and placed in a column stream. The later steps of the
reader (:mod:`~pipeline.extract.rows`, :mod:`~pipeline.extract.reading_order`,
:mod:`~pipeline.extract.spelling`, :mod:`~pipeline.extract.page_regions`,
:mod:`~pipeline.extract.paragraphs`) all pass these around, so they live here, together with
the few measures more than one of those steps uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pipeline.extract.chars import Char
from pipeline.model import Region

# Measures in units of the font size (em) unless named otherwise.
SEGMENT_GAP = 1.0
"""A gap wider than this splits a row into segments: column gutters and table cells are
wider, word spaces are not."""
COLUMNS_PER_SECTION = 16
"""Column streams are numbered section × this + column; 0 is the full-width flow."""

SPACE_CHARS = frozenset(" \u00a0\t\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000")


class GlyphExtent:
    """The extent of a run of glyphs (``self.chars``): its right edge, top and bottom.

    Each is worked out once per line (the glyphs never change) and kept: the layout asks
    for them in every sort and comparison."""

    chars: tuple[Char, ...]

    @cached_property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @cached_property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @cached_property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)


@dataclass(frozen=True)
class Row(GlyphExtent):
    """Glyphs that share a horizontal band on the page, left to right."""

    chars: tuple[Char, ...]

    @property
    def x0(self) -> float:
        return self.chars[0].x0


@dataclass(frozen=True)
class TextLine(GlyphExtent):
    """One laid-out line: its glyphs, where it sits, and the text they spell."""

    chars: tuple[Char, ...]
    text: str
    size: float
    baseline: float
    column: int
    """Which column stream the line belongs to: 0 for full-width text, else one per
    column of each multi-column section (see :data:`COLUMNS_PER_SECTION`)."""
    word_starts: tuple[float, ...] = ()
    region: Region = "body"

    @cached_property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def bold(self) -> bool:
        glyphs = [c for c in self.chars if c.text not in SPACE_CHARS]
        return bool(glyphs) and all(c.bold for c in glyphs)

    @property
    def italic(self) -> bool:
        """Every glyph is italic, but for punctuation, which some setters keep upright."""
        glyphs = [c for c in self.chars if c.text not in SPACE_CHARS and c.text.isalnum()]
        return bool(glyphs) and all(c.slanted for c in glyphs)


@dataclass(frozen=True)
class Numbering:
    """A column of margin line numbers found on a page: its side, its band across the page,
    its type size and its step (1, 5…), so that a later page's lone number standing in the
    same band is known for one (a chapter's short last page numbered every fifth line)."""

    side: str
    x0: float
    x1: float
    size: float
    step: int


@dataclass
class PageStats:
    cid_glyphs: int = 0
    rotated_chars_dropped: int = 0
    superscript_markers: int = 0
    unmapped: bool = False
    glyphs: int = 0
    numbering: tuple[Numbering, ...] = ()
    """The columns of margin line numbers found on the page."""
