"""How pdfminer's glyphs are painted: what the pdfplumber source needs to tell hidden text
(:mod:`~pipeline.extract.hidden_text`) the way the pdfium source does.

pdfminer keeps each glyph's fill colour (``LTChar.graphicstate.ncolor``) but not its text
render mode: the mode lives in the interpreter's text state, which never reaches the
``LTChar`` (pdfplumber's chars have no render mode either). :func:`layout_with_render_modes`
lays the page out as pdfplumber does, with a device that notes the text state's render
mode on every glyph it makes. :class:`PaintTracker` then gives each run of glyphs painted
alike one shared :class:`RunPaint`, and collects the images and coloured shapes that can
hide a glyph or be its ground, all in painting order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.extract.hidden_text import Box


@dataclass(frozen=True, slots=True)
class RunPaint:
    """How a run of glyphs is painted (the :class:`~pipeline.extract.hidden_text.Paint` of
    the pdfplumber source)."""

    render_mode: int
    fill: tuple[int, int, int, int]
    order: int


@dataclass
class PaintTracker:
    """Painting order, glyph paints and grounds of one page, filled while its layout is walked
    (coordinates already the reader's: ``top`` grows downwards)."""

    images: list[Box] = field(default_factory=list)
    fills: list[Box] = field(default_factory=list)
    paints: list[RunPaint] = field(default_factory=list)
    """One per glyph, in the order the glyphs were read."""
    order: int = 0
    _last_key: Any = None
    _last: RunPaint | None = None

    def glyph(self, obj: Any) -> None:
        """Note the paint of the glyph ``obj`` (an ``LTChar``): the run's, when nothing else
        was painted since a glyph painted alike."""
        state = obj.graphicstate
        key = (getattr(obj, "render_mode", 0), colour_key(state.ncolor), state.ncs.name)
        if self._last is None or key != self._last_key:
            self.order += 1
            self._last_key = key
            self._last = RunPaint(key[0], rgba(key[1], key[2]), self.order)
        self.paints.append(self._last)

    def image(self, box: tuple[float, float, float, float]) -> None:
        self.order += 1
        self._last = None
        self.images.append((self.order, *box))

    def shape(self, obj: Any, box: tuple[float, float, float, float]) -> None:
        """A drawn path (``LTCurve``): filled in a colour that is not white, or stroked in one,
        it is a ground for white text (a stroke as wide as its line, as pdfium measures it)."""
        self.order += 1
        self._last = None
        fill_space, stroke_space = getattr(obj, "colour_spaces", ("DeviceGray", "DeviceGray"))
        if obj.fill and not is_white(obj.non_stroking_color, fill_space):
            self.fills.append((self.order, *box))
        if obj.stroke and not is_white(obj.stroking_color, stroke_space):
            half = float(obj.linewidth or 0) / 2
            x0, top, x1, bottom = box
            self.fills.append((self.order, x0 - half, top - half, x1 + half, bottom + half))


def colour_key(colour: Any) -> Any:
    """A colour as a hashable value (pdfminer gives a number, a tuple or a list)."""
    return tuple(colour) if isinstance(colour, list) else colour


def rgba(colour: Any, space: str = "DeviceGray") -> tuple[int, int, int, int]:
    """pdfminer's colour (components from 0 to 1 in the colour space named ``space``) as
    RGBA from 0 to 255, as pdfium gives it, near enough to tell white: a spot colour
    (``Separation``, ``DeviceN``) is as light as its tints are low (tint 1 is full ink, not
    white); black for what cannot be read (a pattern, an indexed colour): black is never
    taken for hidden.

    >>> rgba(1), rgba((1, 1, 1), "DeviceRGB"), rgba((0, 0, 0, 0), "DeviceCMYK"), rgba(1.0, "Separation")
    ((255, 255, 255, 255), (255, 255, 255, 255), (255, 255, 255, 255), (0, 0, 0, 255))
    """
    values = (colour,) if isinstance(colour, (int, float)) else colour
    if not isinstance(values, tuple) or not values or not all(isinstance(c, (int, float)) for c in values):
        return (0, 0, 0, 255)
    if space in ("Separation", "DeviceN"):
        values = (1.0 - max(float(c) for c in values),)
    elif space in ("Pattern", "Indexed") or (space not in DEVICE_SPACES and len(values) not in (1, 3, 4)):
        return (0, 0, 0, 255)
    if len(values) == 1:
        r = g = b = float(values[0])
    elif len(values) == 3:
        r, g, b = (float(c) for c in values)
    elif len(values) == 4:
        c, m, y, k = (float(v) for v in values)
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return (0, 0, 0, 255)
    return (channel(r), channel(g), channel(b), 255)


DEVICE_SPACES = frozenset({"DeviceGray", "CalGray", "DeviceRGB", "CalRGB", "DeviceCMYK", "ICCBased"})
"""Colour spaces whose components are gray, RGB or CMYK by their count."""


def channel(value: float) -> int:
    """A colour component from 0 to 1 as 0 to 255."""
    return round(255 * min(1.0, max(0.0, value)))


def is_white(colour: Any, space: str) -> bool:
    """Whether a shape's colour is white (as pdfium's source decides: every channel ≥ 250);
    a colour that cannot be read is not."""
    if colour is None:
        return False
    return min(rgba(colour_key(colour), space)[:3]) >= 250


def layout_with_render_modes(page: Any) -> Any:
    """pdfplumber's layout of ``page`` (an ``LTPage``, cached on the page as pdfplumber
    caches its own), each ``LTChar`` carrying ``render_mode``, the text render mode it was
    painted with."""
    if hasattr(page, "_layout"):
        return page._layout
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.utils.exceptions import PdfminerException

    device = render_mode_aggregator()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as error:
        raise PdfminerException(error) from error
    page._layout = device.get_result()
    return page._layout


@cache
def render_mode_aggregator() -> Any:
    """pdfplumber's layout device, noting the text state's render mode on every glyph it
    lays out (made once: pdfplumber is imported only when a PDF is read)."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class RenderModeAggregator(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
        render_mode = 0

        def render_string(self, textstate: Any, *args: Any, **kwargs: Any) -> None:
            self.render_mode = textstate.render
            super().render_string(textstate, *args, **kwargs)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            advance: float = super().render_char(*args, **kwargs)
            if self.render_mode:
                self.cur_item._objs[-1].render_mode = self.render_mode  # type: ignore[attr-defined]
            return advance

        def paint_path(self, gstate: Any, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            """Note the colour spaces on the shapes drawn (pdfminer keeps only the colours)."""
            before = len(self.cur_item._objs)
            super().paint_path(gstate, *args, **kwargs)
            for shape in self.cur_item._objs[before:]:
                shape.colour_spaces = (gstate.ncs.name, gstate.scs.name)  # type: ignore[attr-defined]

    return RenderModeAggregator
