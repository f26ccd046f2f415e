"""Text objects pdfium's text page leaves out: spaces set on their own, put back as pdfminer
reads them, and glyphs pdfium has no shape for, which only the reference engine can read.

pdfium's text page skips every text object whose glyphs have no ink box (bounds no wider
than a hundredth of a point). Two kinds of object are like that:

* a word space set as a text object of its own (``( ) Tj`` between two runs, the way some
  typesetters write a space after a closing quote or before French ``?``, ``:`` and
  ``;``): when the next run starts close enough, pdfium makes up no space either, and two
  words run together (``“‘[w]here``, ``alcalose?``, ``1.Mise``). pdfminer reads the space
  like any glyph; here each such object becomes one space glyph at its origin, as wide as
  the font's space, one font size tall from the font's descent (pdfminer's box), in
  painting order among the page's glyphs;
* glyphs of a font that is not embedded and that pdfium has no substitute for (the
  Japanese gazette's vertical Ryumin-Light: 2,600 text objects, none on the text page).
  pdfium's API gives no character codes for a text object (``FPDFTextObj_GetText`` reads
  the text page, so it is empty too): such a page is read by the reference engine.

The two are told apart by the font's space: a Latin space is at most half an em wide; a
font whose "space" pdfium measures as a full em (vertical CJK fonts) sets no Latin spaces.
"""

from __future__ import annotations

import ctypes
from typing import Any

from pipeline.extract.chars import Char
from pipeline.extract.pdfium_chars import GlyphReader, TextStyle

Read = list[tuple[Char, TextStyle]]

WIDEST_SPACE = 0.6
"""A space wider than this share of an em is no word space (see the module's docstring)."""


def blank_spaces(reader: GlyphReader, blanks: list[tuple[int, int, tuple[float, float]]]) -> tuple[Read, int]:
    """The space glyphs that the text objects in ``blanks`` ((painting order, address,
    origin) of each text object without ink) stand for, in painting order, and how many of
    those objects cannot be a space (text the text page lost)."""
    spaces: Read = []
    lost = 0
    for _order, address, origin in blanks:
        space = blank_space(reader, address, origin)
        if space is None:
            lost += 1
        else:
            spaces.append(space)
    spaces.sort(key=lambda item: item[1].order)
    return spaces, lost


def with_blank_spaces(read: Read, spaces: Read) -> Read:
    """The page's glyphs ``read`` with the ``spaces`` (in painting order) each placed before
    the first glyph painted after it."""
    if not spaces:
        return read
    out: Read = []
    at = 0
    for item in read:
        while at < len(spaces) and spaces[at][1].order < item[1].order:
            out.append(spaces[at])
            at += 1
        out.append(item)
    return out + spaces[at:]


def blank_space(reader: GlyphReader, address: int, origin: tuple[float, float]) -> tuple[Char, TextStyle] | None:
    """The space glyph a text object without ink stands for, with its object's style; None
    for one that cannot be a word space: set sideways, or in a font whose space is wider
    than :data:`WIDEST_SPACE` of an em."""
    style = reader.style(address)
    width = space_width(reader.raw, address)
    if not style.upright or style.turned or style.size <= 0 or not 0 < width <= WIDEST_SPACE:
        return None
    ox, oy = origin
    font = style.font
    bottom = oy - font.descent * style.size
    char = Char(" ", ox, ox + width * style.size, bottom - style.size, bottom, style.size, font.fontname, True, (ox, oy),
                font.weight, font.italic, style.render_mode, style.fill, style.angle)
    return char, style


def space_width(raw: Any, address: int) -> float:
    """The advance of the space of the text object's font, for a size of one point (0 when
    pdfium cannot say)."""
    obj = ctypes.cast(ctypes.c_void_p(address), raw.FPDF_PAGEOBJECT)
    font = raw.FPDFTextObj_GetFont(obj)
    width = ctypes.c_float()
    if font and raw.FPDFFont_GetGlyphWidth(font, ord(" "), ctypes.c_float(1.0), width):
        return float(width.value)
    return 0.0
