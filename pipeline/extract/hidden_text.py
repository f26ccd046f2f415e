"""Text that no reader sees: the one rule both character sources apply.

A PDF can carry text that prints nothing: render mode 3 (invisible, as OCR layers are set)
or 7 (clip only), white letters on a white page, letters an image is painted over. Each
source (:mod:`~pipeline.extract.chars` on pdfminer, :mod:`~pipeline.extract.pdfium_source`)
says, for every glyph, how it is painted (:class:`Paint`: render mode, fill colour and
painting order) and what else the page paints (:class:`Grounds`: images and coloured
shapes, in painting order); :func:`keep_seen_text` then decides for the page, the same way
whichever engine read it:

* hidden glyphs are left out of a page that also has visible text, and a ``hidden_text``
  warning says how many and why;
* a page whose only text is hidden (an OCR layer whose scan was removed) is read from it,
  with the warning, so that its text is never mixed with visible text;
* invisible text over an image painted before it is a scan's OCR layer: it stands for what
  the image shows, so it is read, and the warning says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from pipeline.extract.chars import Char
from pipeline.model import DocumentWarning

OCR_LAYER = "invisible over an image"

INVISIBLE_MODES = frozenset({3, 7})
"""Render modes that paint nothing: 3 (invisible, as OCR layers use) and 7 (clip only)."""

Box = tuple[int, float, float, float, float]
"""(painting order, x0, top, x1, bottom) of something painted on the page."""


class Paint(Protocol):
    """How one glyph is painted: what every glyph of a text run shares."""

    @property
    def render_mode(self) -> int: ...

    @property
    def fill(self) -> tuple[int, int, int, int]:
        """Fill colour as RGBA, 0–255."""
        ...

    @property
    def order(self) -> int:
        """Painting order on the page (compared with :class:`Grounds`' orders only)."""
        ...


class Grounds(Protocol):
    """What a page paints besides text, that can hide a glyph or be the ground of one."""

    @property
    def images(self) -> list[Box]: ...

    @property
    def fills(self) -> list[Box]:
        """Filled or stroked shapes whose colour is not white: a ground for white text."""
        ...


def is_hidden(char: Char, style: Paint, drawing: Grounds) -> str | None:
    """Why no reader sees this glyph, or ``None``: an invisible render mode, white fill with
    no coloured ground under it, or an image painted over it afterwards.

    Invisible text over an image painted before it is a scan's OCR layer: it stands for
    what the image shows, so it is read (:data:`OCR_LAYER`, counted for the warning)."""
    cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    if style.render_mode in INVISIBLE_MODES:
        over_image = any(order < style.order and x0 <= cx <= x1 and top <= cy <= bottom
                         for order, x0, top, x1, bottom in drawing.images)
        return OCR_LAYER if over_image else "invisible"
    if style.fill[3] == 0 or (min(style.fill[:3]) >= 250 and style.render_mode in (0, 4)):
        grounded = any(order < style.order and x0 <= cx <= x1 and top <= cy <= bottom for order, x0, top, x1, bottom in drawing.fills)
        grounded = grounded or any(order < style.order and x0 <= cx <= x1 and top <= cy <= bottom
                                   for order, x0, top, x1, bottom in drawing.images)
        if not grounded:
            return "white"
    if any(order > style.order and x0 <= cx <= x1 and top <= cy <= bottom for order, x0, top, x1, bottom in drawing.images):
        return "under an image"
    return None


def split_hidden(read: Sequence[tuple[Char, Paint]], drawing: Grounds) -> tuple[list[Char], list[Char], Counter[str]]:
    """The page's visible glyphs, its hidden ones, and how many were hidden for each reason.

    Only glyphs of a text run that is invisible, white or translucent, or on a page with
    images, are looked at one by one."""
    visible: list[Char] = []
    hidden: list[Char] = []
    reasons: Counter[str] = Counter()
    suspect: dict[int, bool] = {}
    for char, style in read:
        doubtful = suspect.get(id(style))
        if doubtful is None:
            doubtful = suspect[id(style)] = bool(
                style.render_mode or style.fill[3] < 255 or min(style.fill[:3]) >= 250 or drawing.images)
        why = is_hidden(char, style, drawing) if doubtful else None
        if why is None or why == OCR_LAYER:
            visible.append(char)
            if why is not None and char.text.strip():
                reasons[why] += 1
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
    if set(reasons) == {OCR_LAYER}:
        return DocumentWarning("hidden_text", f"{reasons[OCR_LAYER]} characters of an invisible text layer over an image "
                                              "(OCR of a scan?) read as the page's text", page=number)
    if any(c.text.strip() for c in visible):
        return DocumentWarning("hidden_text", f"{sum(reasons.values())} hidden characters left out ({why})", page=number)
    return DocumentWarning("hidden_text", f"the page's only text is hidden ({why}): read as its text layer", page=number)


def keep_seen_text(number: int, read: Sequence[tuple[Char, Paint]], drawing: Grounds
                   ) -> tuple[list[Char], int, DocumentWarning | None]:
    """The glyphs the reader should read on page ``number``, how many hidden ones were left
    out, and the page's ``hidden_text`` warning (None when nothing is hidden).

    The visible glyphs when the page has visible text; else every glyph (the hidden text
    is then the page's only text layer)."""
    visible, hidden, reasons = split_hidden(read, drawing)
    warning = hidden_warning(number, visible, hidden, reasons)
    return (visible if any(c.text.strip() for c in visible) else hidden), len(hidden), warning
