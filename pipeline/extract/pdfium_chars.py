"""A pdfium text page's glyphs as the reader's :class:`~pipeline.extract.chars.Char`, with
pdfminer's boxes.

pdfium's text page knows each glyph's origin and a "loose" box (origin to advance across,
font ascent to descent up and down). pdfminer, and so the pdfplumber source, makes a glyph
one font size tall from its descent, and measures its advance with the PDF's ``/Widths``.
The steps here turn the one into the other in plain passes over lists of numbers; a
:class:`Char` is built once per glyph at the end.
"""

from __future__ import annotations

import ctypes
import math
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from pipeline.extract.chars import Char
from pipeline.patterns import SOFT_HYPHEN

Matrix = tuple[float, float, float, float, float, float]

BOX_AND_ORIGIN = struct.Struct("=4f2d")
"""pdfium's loose box of a glyph (``FS_RECTF``: left, top, right, bottom) and its origin
(x, y), as the reader asks for them into one buffer."""
FOUR_FLOATS = struct.Struct("=4f")
OBJECT_FACTS = struct.Struct("=7f4I")
"""A text object's font size, its matrix (``FS_MATRIX``: a, b, c, d, e, f) and its fill
colour (r, g, b, a), as the reader asks for them into one buffer."""

ITALIC_FLAG = 1 << 6
"""The font descriptor's Italic flag (PDF 32000-1, table 123)."""

LINE_BREAKS = frozenset("\r\n")

SURROGATE = re.compile("[\ud800-\udfff]")
"""A UTF-16 code unit that is half of a character outside the Basic Multilingual Plane."""

LINE_END_HYPHEN = "\ufffe"
"""pdfium's code for a hyphen that ends a line: the glyph printed is a hyphen-minus."""

MAYBE_GENERATED = frozenset(" \x02")
"""Characters pdfium may have made up itself (a space between words, a soft hyphen)."""


@dataclass(frozen=True, slots=True)
class FontFacts:
    """What pdfium says about a font, read once per font."""

    fontname: str
    weight: int
    italic: bool
    embedded: bool
    descent: float
    """The font's descent for a size of one point (negative: below the baseline)."""


@dataclass(frozen=True, slots=True)
class TextStyle:
    """What every glyph of one text object shares, read once per object."""

    font: FontFacts
    render_mode: int
    fill: tuple[int, int, int, int]
    size: float
    upright: bool
    """Upright as the page is displayed (after its ``/Rotate``)."""
    turned: bool
    """Set sideways in the PDF's own space (where pdfium's loose box is wrong)."""
    angle: float
    order: int
    """Painting order of the text object on the page (images painted later can hide it)."""
    axes: tuple[float, float, float, float] = (1.0, 0.0, 0.0, 1.0)
    """The text's baseline and upward directions in PDF space, each of length one."""


# A glyph while it is being fitted: text, x0, x1, top, bottom, origin x, origin y, style.
Glyph = list[Any]
TEXT, X0, X1, TOP, BOTTOM, OX, OY, STYLE = range(8)


class GlyphReader:
    """Reads the glyphs of one pdfium text page (handles owned by the caller)."""

    def __init__(self, raw: Any, text_page: Any, transform: Matrix, text_order: dict[int, int]) -> None:
        self.raw = raw
        self.text_page = text_page
        self.transform = transform
        self.text_order = text_order
        self.fonts: dict[int, FontFacts] = {}
        status = ctypes.c_int
        self.font_address = bare_function(raw.FPDFTextObj_GetFont, ctypes.c_void_p)
        # A text object's facts by bare calls into one reused buffer, read in one unpack.
        self.font_size = bare_function(raw.FPDFTextObj_GetFontSize, status)
        self.matrix = bare_function(raw.FPDFPageObj_GetMatrix, status)
        self.fill_colour = bare_function(raw.FPDFPageObj_GetFillColor, status)
        self.render_mode = bare_function(raw.FPDFTextObj_GetTextRenderMode, status)
        self.facts = ctypes.create_string_buffer(OBJECT_FACTS.size)
        at = ctypes.addressof(self.facts)
        # where size (float), matrix (six floats) and colour (four unsigned ints) go
        self.fact_places = [ctypes.c_void_p(at + offset) for offset in (0, 4, 28, 32, 36, 40)]
        self.shared: dict[tuple[Any, ...], TextStyle] = {}

    def font(self, font_address: int) -> FontFacts:
        """What pdfium says about the font at ``font_address``, read once per font."""
        facts = self.fonts.get(font_address)
        if facts is None:
            raw = self.raw
            font = ctypes.cast(ctypes.c_void_p(font_address), raw.FPDF_FONT)
            name = ctypes.create_string_buffer(256)
            raw.FPDFFont_GetBaseFontName(font, name, 256)
            facts = self.fonts[font_address] = FontFacts(
                fontname=name.value.decode("latin-1"),
                weight=raw.FPDFFont_GetWeight(font),
                italic=bool(raw.FPDFFont_GetFlags(font) & ITALIC_FLAG),
                embedded=bool(raw.FPDFFont_GetIsEmbedded(font)),
                descent=font_descent(raw, font),
            )
        return facts

    def object_facts(self, handle: Any) -> tuple[float, tuple[float, float, float, float], tuple[int, int, int, int]]:
        """A text object's font size, matrix (a, b, c, d) and fill colour; zeros for what
        pdfium cannot say. ``handle`` is the object's address as a ``c_void_p``."""
        buffer = self.facts
        ctypes.memset(buffer, 0, OBJECT_FACTS.size)
        size_at, matrix_at, red_at, green_at, blue_at, alpha_at = self.fact_places
        self.font_size(handle, size_at)
        self.matrix(handle, matrix_at)
        self.fill_colour(handle, red_at, green_at, blue_at, alpha_at)
        size, a, b, c, d, _e, _f, *fill = OBJECT_FACTS.unpack_from(buffer)
        return size, (a, b, c, d), (fill[0], fill[1], fill[2], fill[3])

    def style(self, address: int) -> TextStyle:
        """Font, size, colour and direction of the text object at ``address``.

        The size is pdfminer's: the font size scaled by the text matrix (``Tf`` is often 1
        and the matrix does the scaling). Text objects that share font, size, matrix,
        colour and render mode (most of a page's) share the worked-out values."""
        handle = ctypes.c_void_p(address)
        size, matrix, fill = self.object_facts(handle)
        font_address, render_mode = self.font_address(handle), self.render_mode(handle)
        key = (font_address, render_mode, size, matrix, fill)
        shared = self.shared.get(key)
        if shared is None:
            shared = self.shared[key] = self.work_out_style(self.font(font_address), render_mode, size, matrix, fill)
        return new_style(shared.font, shared.render_mode, shared.fill, shared.size, shared.upright, shared.turned,
                         shared.angle, self.text_order.get(address, 0), shared.axes)

    def work_out_style(self, font: FontFacts, render_mode: int, size: float, matrix: tuple[float, float, float, float],
                       fill: tuple[int, int, int, int]) -> TextStyle:
        """The style of text objects with these facts (painting order not yet set)."""
        a, b, c, d = matrix
        # as the page is displayed (pdfminer's upright and size are taken after /Rotate)
        ta, tb, tc, td = self.transform[0], -self.transform[1], self.transform[2], -self.transform[3]
        ea, eb, ec, ed = a * ta + b * tc, a * tb + b * td, c * ta + d * tc, c * tb + d * td
        return TextStyle(
            font=font,
            render_mode=render_mode,
            fill=fill,
            size=size * abs(ed) if (eb == 0 and ec == 0) else size * math.hypot(ec, ed),
            upright=ea * ed > 0 and eb * ec <= 0,
            turned=not (a * d > 0 and b * c <= 0),
            angle=round(math.degrees(math.atan2(eb, ea)), 2),
            order=0,
            axes=(a / (math.hypot(a, b) or 1), b / (math.hypot(a, b) or 1), c / (math.hypot(c, d) or 1), d / (math.hypot(c, d) or 1)),
        )

    def read(self) -> list[tuple[Char, TextStyle]]:
        """Every glyph pdfium found, in content order, with its text object's style.

        pdfium adds characters of its own (spaces between words, line breaks) that
        pdfminer does not: those marked generated are left out.
        """
        raw, text_page = self.raw, self.text_page
        count = raw.FPDFText_CountChars(text_page)
        if count <= 0:
            return []
        text = page_text(raw, text_page, count)
        # The per-glyph calls bare (no argument types: pointers are passed as ready-made
        # c_void_p objects, indexes as plain ints), about a third cheaper than checked calls;
        # pypdfium2's own wrappers cost more than the calls themselves. Box and origin land
        # in one buffer, read in one unpack.
        index_type = ctypes.c_int
        get_object = bare_function(raw.FPDFText_GetTextObject, ctypes.c_void_p)
        loose_box = bare_function(raw.FPDFText_GetLooseCharBox, index_type)
        char_origin = bare_function(raw.FPDFText_GetCharOrigin, index_type)
        map_error = bare_function(raw.FPDFText_HasUnicodeMapError, index_type)
        generated = bare_function(raw.FPDFText_IsGenerated, index_type)
        buffer = ctypes.create_string_buffer(BOX_AND_ORIGIN.size)
        rect_at = ctypes.addressof(buffer)  # FS_RECTF: left, top, right, bottom (floats)
        rect, x_at, y_at = (ctypes.c_void_p(rect_at + offset) for offset in (0, 16, 24))  # then the origin (doubles)
        unpack = BOX_AND_ORIGIN.unpack_from
        a, b, c, d, e, f = self.transform
        flat = b == 0 and c == 0
        glyphs: list[Glyph] = []
        tight: list[int] = []  # glyphs whose box is pdfium's ink box, not its loose box
        styles: dict[int, TextStyle] = {}
        page_pointer = ctypes.c_void_p(ctypes.cast(text_page, ctypes.c_void_p).value)
        last: Glyph = [None] * 8
        for index in range(count):
            glyph = text[index]
            if not glyph or glyph in LINE_BREAKS or (glyph in MAYBE_GENERATED and generated(page_pointer, index)):
                continue
            address = get_object(page_pointer, index)
            if not address:
                continue
            style = styles.get(address)
            if style is None:
                style = styles[address] = self.style(address)
            loose_box(page_pointer, index, rect)
            char_origin(page_pointer, index, x_at, y_at)
            left, top, right, bottom, px, py = unpack(buffer)
            if glyph == LINE_END_HYPHEN or glyph == SOFT_HYPHEN:  # a drawn soft hyphen prints as "-"
                glyph = "-"
            elif map_error(page_pointer, index) == 1:
                glyph = f"(cid:{ord(glyph)})"
            if style.turned:
                left, right, bottom, top = turned_box(left, right, bottom, top, px, py, style)
            # corners to the reader's space (an axis flip for upright text, a turn for rotated)
            xa, ya = a * left + c * bottom + e, b * left + d * bottom + f
            xb, yb = a * right + c * top + e, b * right + d * top + f
            ox, oy = a * px + c * py + e, b * px + d * py + f
            if last[STYLE] is style and last[OX] == ox and last[OY] == oy and glyph.strip():
                merge_split_glyph(last, glyph, xa if xa > xb else xb)
                continue
            last = [glyph, xa, xb, ya, yb, ox, oy, style] if xa <= xb else [glyph, xb, xa, ya, yb, ox, oy, style]
            if ya > yb:
                last[TOP], last[BOTTOM] = yb, ya
            glyphs.append(last)
            if flat and (left - px > 0.01 or px - left > 0.01) and style.upright:
                tight.append(len(glyphs) - 1)
        return settled(glyphs, tight, styles, text if isinstance(text, str) else "".join(text))


def settled(glyphs: list[Glyph], tight: list[int], styles: dict[int, TextStyle], text: str
            ) -> list[tuple[Char, TextStyle]]:
    """The page's glyphs as read, made into characters once the page's evidence is in: boxes
    ended at the font's descent, ink boxes placed, right-to-left runs put in drawing order,
    advances learnt (fonts not embedded) and fitted."""
    end_at_font_descent(glyphs)
    if tight:
        place_tight_boxes(glyphs, tight)
    glyphs = in_drawing_order(glyphs, text)
    if any(not style.font.embedded for style in styles.values()):
        learn_advances(glyphs)
    fit_advances(glyphs)
    return [(make_char(glyph), glyph[STYLE]) for glyph in glyphs]


def in_drawing_order(glyphs: list[Glyph], page_text: str = "") -> list[Glyph]:
    """Put right-to-left runs back in the order they are drawn, left to right, as pdfminer
    gives them: pdfium turns each text object holding Arabic or Hebrew letters into reading
    order, which the reader (built on drawing order) would scramble.

    ``page_text`` (every character pdfium read on the page) rules the page out at once when
    none of its distinct characters is right-to-left."""
    import unicodedata

    if page_text and not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in set(page_text)):
        return glyphs
    if not any(unicodedata.bidirectional(g[TEXT][:1] or " ") in ("R", "AL") for g in glyphs):
        return glyphs
    out: list[Glyph] = []
    start = 0
    for end in range(1, len(glyphs) + 1):
        if end == len(glyphs) or glyphs[end][STYLE] is not glyphs[start][STYLE]:
            run = glyphs[start:end]
            if any(unicodedata.bidirectional(g[TEXT][:1] or " ") in ("R", "AL") for g in run):
                run.sort(key=lambda g: (round(g[OY], 1), g[X0]))
            out += run
            start = end
    return out


def make_char(glyph: Glyph) -> Char:
    """The reader's glyph with pdfminer's box: one font size tall from the descent up
    (pdfium's loose top is at the font's ascent instead); a sideways glyph's size is its
    height on the page, as pdfminer measures it."""
    text, x0, x1, top, bottom, ox, oy, style = glyph
    size = style.size
    if style.upright:
        top = bottom - size
    else:
        size = bottom - top
    font = style.font
    return new_char(text, x0, x1, top, bottom, size, font.fontname, style.upright, (ox, oy), font.weight, font.italic,
                    style.render_mode, style.fill, style.angle)


def slot_builder(cls: type) -> Any:
    """A function that makes a frozen slotted dataclass from all its fields in order, about
    twice as fast as calling the class: a frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__``; this sets the slots through their descriptors. The
    result is the same object (equal, hashable, immutable afterwards)."""
    names = [item.name for item in fields(cls)]
    setters = {f"set_{name}": getattr(cls, name).__set__ for name in names}
    body = "\n".join(f"    set_{name}(made, {name})" for name in names)
    source = f"def build({', '.join(names)}):\n    made = new(cls)\n{body}\n    return made\n"
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls, **setters}
    exec(source, scope)  # noqa: S102  (made from the dataclass's own field names)
    return scope["build"]


new_char = slot_builder(Char)
"""``Char(...)`` for the reader's hot loop (:func:`slot_builder`)."""
new_style = slot_builder(TextStyle)
"""``TextStyle(...)`` for each text object (:func:`slot_builder`)."""


def turned_box(left: float, right: float, bottom: float, top: float, ox: float, oy: float,
               style: TextStyle) -> tuple[float, float, float, float]:
    """pdfminer's box for a glyph set sideways (PDF space, as left, right, bottom, top): its
    advance along the baseline, one font size across from the descent. pdfium's loose box
    for such a glyph is as wide across as along. The corners are single-precision floats,
    as pdfium's own box is."""
    ux, uy, nx, ny = style.axes
    advance = abs((right - left) * ux) + abs((top - bottom) * uy)
    low, high = style.font.descent * style.size, (style.font.descent + 1) * style.size
    xs = [ox + ux * along + nx * across for along in (0.0, advance) for across in (low, high)]
    ys = [oy + uy * along + ny * across for along in (0.0, advance) for across in (low, high)]
    return FOUR_FLOATS.unpack(FOUR_FLOATS.pack(min(xs), max(xs), min(ys), max(ys)))


def font_descent(raw: Any, font: Any) -> float:
    descent = ctypes.c_float()
    return descent.value if raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), descent) else 0.0


def end_at_font_descent(glyphs: list[Glyph]) -> None:
    """End an upright glyph's box at its font's descent below the baseline, as pdfminer does
    for every glyph: pdfium's loose box reaches further down to the glyph's own ink where
    that goes below the descent (Helvetica's ``g`` by a tenth of a point), which was enough
    to put a word on another row than its neighbours in the IRS instructions."""
    for glyph in glyphs:
        style = glyph[STYLE]
        if style.upright and not style.turned:
            bottom = glyph[OY] - style.font.descent * style.size
            if glyph[BOTTOM] > bottom + 0.01:
                glyph[BOTTOM] = bottom


def place_tight_boxes(glyphs: list[Glyph], tight: list[int]) -> None:
    """Put glyphs that pdfium could only measure by their ink (a fraction slash the font
    lacks) where pdfminer puts them: from their origin, on their text object's baseline
    offset; :func:`fit_advances` then ends them where the next glyph starts."""
    drop: dict[int, float] = {}
    tight_set = set(tight)
    wanted = {id(glyphs[index][STYLE]) for index in tight}
    for index, glyph in enumerate(glyphs):
        key = id(glyph[STYLE])
        if key in wanted and index not in tight_set and key not in drop:
            drop[key] = glyph[BOTTOM] - glyph[OY]
            if len(drop) == len(wanted):
                break  # every text object with a tight glyph has its offset
    for index in tight:
        glyph = glyphs[index]
        width = glyph[X1] - glyph[X0]
        glyph[X0], glyph[X1] = glyph[OX], glyph[OX] + width
        below = drop.get(id(glyph[STYLE]))
        if below is not None:
            glyph[BOTTOM] = glyph[OY] + below
            glyph[TOP] = glyph[BOTTOM] - glyph[STYLE].size


def merge_split_glyph(last: Glyph, text: str, right: float) -> None:
    """One glyph that pdfium spelled as several characters (a ligature ``ﬀ`` as ``f``, ``f``
    at one origin) is kept as one glyph with the joined text, as pdfminer gives it:
    otherwise the copies at one spot would be taken for a fake-bold double and a letter lost."""
    last[TEXT] += text
    last[X1] = max(last[X1], right)


def learn_advances(glyphs: list[Glyph]) -> None:
    """Give the glyphs of fonts that are not embedded the advance the PDF lays them out with.

    pdfium measures such a glyph with the substitute font it renders with (Garamond drawn
    with another serif face), not with the PDF's ``/Widths`` that pdfminer reads, so boxes
    run over the next letter and word gaps vanish. Where the next glyph of the same text
    object starts shows the PDF's advance; the commonest such step for each letter of a
    font and size is taken as its width, for the last letters of a run too.
    """
    steps: dict[tuple[int, float, str], dict[int, int]] = {}  # (font, size, letter) -> step in 1/100 pt -> count
    for glyph, following in zip(glyphs, glyphs[1:]):
        style = glyph[STYLE]
        if following[STYLE] is not style or style.font.embedded or not style.upright or glyph[TEXT].isspace():
            continue
        step = following[OX] - glyph[OX]
        if step > 0 and abs(following[OY] - glyph[OY]) <= 0.01:
            counts = steps.setdefault((id(style.font), style.size, glyph[TEXT]), {})
            hundredths = int(step * 100 + 0.5)
            counts[hundredths] = counts.get(hundredths, 0) + 1
    learned = {key: max(counts, key=counts.__getitem__) / 100 for key, counts in steps.items()}
    for glyph in glyphs:
        style = glyph[STYLE]
        if style.font.embedded or not style.upright:
            continue
        advance = learned.get((id(style.font), style.size, glyph[TEXT]))
        if advance is not None and abs(glyph[X1] - glyph[X0] - advance) > 0.01:
            glyph[X1] = glyph[X0] + advance


def fit_advances(glyphs: list[Glyph]) -> None:
    """End a glyph where the next glyph on its baseline starts when pdfium's width runs past it
    (a letter of a font :func:`learn_advances` had no step for).

    A copy of the same letter starting in the first half of the box is a fake-bold double
    drawn a fraction of a point further on, not the next letter.
    """
    for glyph, following in zip(glyphs, glyphs[1:]):
        start = following[OX]
        if not glyph[X0] < start < glyph[X1] - 0.01 or abs(following[OY] - glyph[OY]) > 0.01 or not glyph[STYLE].upright:
            continue
        if following[TEXT] != glyph[TEXT] or start > (glyph[X0] + glyph[X1]) / 2:
            glyph[X1] = start


def page_text(raw: Any, text_page: Any, count: int) -> Sequence[str]:
    """A page's characters, one item per character index, in one call.

    pdfium spells a character outside the Basic Multilingual Plane (the private-use planes'
    ``U+F0854`` a Korean brief brackets its titles with) as two indexes, one per UTF-16 code
    unit: :func:`pair_surrogates` puts the character back at the first and leaves the second
    empty, so that no lone surrogate (printed as replacement marks, or refused by UTF-8)
    reaches the text. One call per character only when the UTF-16 text does not have one
    unit per index."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    written_units = buffer.raw[: max(0, written - 1) * 2]
    text = written_units.decode("utf-16-le", "surrogatepass")
    if len(text) == count and not SURROGATE.search(text):
        return text  # one character per index: nearly every page
    if written - 1 == count:  # one code unit per index, decoded unit by unit (none paired yet)
        units = "".join(map(chr, struct.unpack(f"<{count}H", written_units)))
    else:
        units = "".join(chr(raw.FPDFText_GetUnicode(text_page, i) or 0xFFFD) for i in range(count))
    return pair_surrogates(units)


def pair_surrogates(units: str) -> list[str]:
    """One item per UTF-16 code unit, a high surrogate followed by a low one joined into the
    character they spell (the low one's item left empty); a lone surrogate becomes U+FFFD.

    >>> pair_surrogates("a\\udb82\\udc54b")
    ['a', '\\U000f0854', '', 'b']
    >>> pair_surrogates("\\udc54") == ["\\ufffd"]
    True
    """
    out = list(units)
    for index, unit in enumerate(out):
        if "\ud800" <= unit <= "\udbff" and index + 1 < len(out) and "\udc00" <= out[index + 1] <= "\udfff":
            out[index] = chr(0x10000 + ((ord(unit) - 0xD800) << 10) + (ord(out[index + 1]) - 0xDC00))
            out[index + 1] = ""
        elif "\ud800" <= unit <= "\udfff":
            out[index] = "\ufffd"
    return out


def c_function(function: Any, result: Any, *arguments: Any) -> Any:
    """The same C function with plain types: a pointer comes back as an int (a dictionary
    key) instead of a ctypes object that is slow to make and to hash."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None  # a function pdfium exports has an address
    return ctypes.CFUNCTYPE(result, *arguments)(address)


def bare_function(function: Any, result: Any) -> Any:
    """The same C function with its result type only: called with ready-made ctypes pointers
    and plain ints (C ints), ctypes converts no argument through a type's ``from_param``."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None  # a function pdfium exports has an address
    return ctypes.CFUNCTYPE(result)(address)
