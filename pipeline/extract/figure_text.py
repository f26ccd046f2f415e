"""Chart words: the labels, legends and axis numbers printed inside a figure.

A chart's words are no prose: read as body text they become headings (``## Ireland Italy``)
and one-word paragraphs (``1200``) between two paragraphs, and cut a paragraph that runs on
past the figure. A figure is a drawn frame (a rectangle of strokes) or a picture; the lines
that stand inside one are its words when most of them are labels (:func:`is_label`) and few
open in lower case. A box of prose (a sidebar, a boxed quotation) stays body text. The lines
found are set apart as ``region="figure"``; the structure stage keeps them out of the text and
lists them in ``document.json`` with where they stood.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline import patterns
from pipeline.extract.chars import Char, SourcePage, Stroke
from pipeline.extract.text_lines import TextLine
from pipeline.model import Box

LABEL_SHARE = 0.6
"""A frame or picture is a figure when at least this share of the lines inside it are labels…"""
PROSE_LINE_SHARE = 0.1
"""…and at most this share of them look like prose: open in lower case (a run-on line) or
end a sentence. A flyer's page framed by a border is prose in short lines."""
LABEL_WORDS = 8
"""A label has at most this many words, no sentence punctuation after its fourth word…"""
AXIS_LINES = 3
"""A drawn frame is a chart when at least this many lines inside it are only numbers."""
PAGE_WIDE = 0.95
"""A picture this wide (a share of the page's width) is the page's background, not a figure…"""
BACKDROP_SHARE = 1 / 3
"""…and so is one that covers this share of the page or more: a cover's photograph, with the
authors' names set on it."""


def figure_areas(page: SourcePage) -> tuple[list[Box], list[Box]]:
    """Where figures may stand, as (all areas, the pictures among them): the page's pictures
    and its drawn frames (:func:`drawn_frames`), but a backdrop (:func:`is_backdrop`) and the
    frame drawn round it."""
    pictures = [Box(p.x0, p.top, p.x1, p.bottom) for p in page.images()]
    backdrops = [box for box in pictures if is_backdrop(box, page.width, page.height)]
    frames = [box for box in drawn_frames(page.strokes()) if not any(same_box(box, backdrop) for backdrop in backdrops)]
    kept = [box for box in pictures if box not in backdrops]
    return kept + frames, kept


def is_backdrop(box: Box, width: float, height: float) -> bool:
    """A picture as wide as the page (:data:`PAGE_WIDE`) or covering a third of it
    (:data:`BACKDROP_SHARE`): text set on it is the page's own (a cover's authors)."""
    wide = box.x1 - box.x0
    return wide >= PAGE_WIDE * width or wide * (box.bottom - box.top) >= BACKDROP_SHARE * width * height


def same_box(a: Box, b: Box) -> bool:
    return all(abs(u - v) <= 3 for u, v in zip((a.x0, a.top, a.x1, a.bottom), (b.x0, b.top, b.x1, b.bottom)))


def drawn_frames(strokes: Sequence[Stroke]) -> list[Box]:
    """The rectangles drawn with strokes: for each width of horizontal stroke, the highest
    and the lowest such stroke, when vertical strokes close both sides between them (a
    chart's frame, its plot area, a legend's box). Gridlines share the plot's width and
    make no frame of their own."""
    by_width: dict[tuple[int, int], list[Stroke]] = {}
    for stroke in strokes:
        if stroke.orientation == "h" and stroke.x1 - stroke.x0 >= 40:
            by_width.setdefault((round(stroke.x0), round(stroke.x1)), []).append(stroke)
    sides = [s for s in strokes if s.orientation == "v" and s.bottom - s.top >= 20]
    frames = []
    for group in by_width.values():
        top, bottom = min(s.top for s in group), max(s.bottom for s in group)
        x0, x1 = min(s.x0 for s in group), max(s.x1 for s in group)
        if bottom - top >= 20 and closes(sides, x0, top, bottom) and closes(sides, x1, top, bottom):
            frames.append(Box(x0, top, x1, bottom))
    return frames


def closes(sides: Sequence[Stroke], x: float, top: float, bottom: float) -> bool:
    """Whether a vertical stroke at ``x`` runs from ``top`` to ``bottom`` (2 points either way)."""
    return any(abs(s.x0 - x) <= 2 and s.top <= top + 2 and s.bottom >= bottom - 2 for s in sides)


def is_label(text: str) -> bool:
    """A chart's label: an axis's numbers or dates, a legend's names, a short title.

    >>> [is_label(t) for t in ("450 450", "Jan-08 Jul-08 Jan-09", "Greece Spain 1000",
    ...                        "European sovereign 5-year CDS spreads (bp)")]
    [True, True, True, True]
    >>> is_label("the court held that, on the record as a whole, every agency")
    False
    """
    words = text.split()
    if not words:
        return False
    numeric = sum(1 for word in words if patterns.DIGITS.search(word))
    if 2 * numeric >= len(words):
        return True
    return len(words) <= LABEL_WORDS and not any(patterns.TERMINAL_PUNCTUATION.search(w) or w.endswith(",") for w in words[4:])


def glyph_in(char: Char, box: Box) -> bool:
    x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    return box.x0 - 1 <= x <= box.x1 + 1 and box.top - 1 <= y <= box.bottom + 1


def overlaps(line: TextLine, box: Box) -> bool:
    return line.x0 < box.x1 and box.x0 < line.x1 and line.top < box.bottom and box.top < line.bottom


def stands_in(line: TextLine, areas: Sequence[Box]) -> bool:
    """Whether each glyph of the line stands in one of ``areas``."""
    return bool(areas) and all(any(glyph_in(c, area) for area in areas) for c in line.chars if c.text.strip())


def set_figure_text_apart(lines: list[TextLine], areas: Sequence[Box], pictures: Sequence[Box] = ()) -> tuple[list[TextLine], list[TextLine]]:
    """Split a page's body lines into body and figure words (``region="figure"``).

    A line counts inside a figure when each of its glyphs stands in one of the page's
    figure areas: two charts set side by side share their rows (``450 450``). A drawn
    frame also holds sidebars and ruled tables (a table the finder left as text keeps its
    text): it is a figure only with an axis's numbers in it (:func:`has_axis_numbers`);
    a picture's own words are its callouts."""
    if not areas:
        return lines, []
    framed = [line for line in lines if stands_in(line, [a for a in areas if overlaps(line, a)])]
    taken: set[int] = set()
    for area in areas:
        members = [line for line in framed if any(glyph_in(c, area) for c in line.chars)]
        if is_figure(members) and (area in pictures or has_axis_numbers(members)):
            taken |= {id(line) for line in members}
    if not taken:
        return lines, []
    body = [line for line in lines if id(line) not in taken]
    return body, [replace(line, region="figure") for line in lines if id(line) in taken]


def is_figure(members: list[TextLine]) -> bool:
    """Lines inside one frame or picture are a figure's words when two or more stand there,
    most of them labels and hardly any like prose (:func:`is_prose_line`)."""
    if len(members) < 2:
        return False
    labels = sum(is_label(line.text) for line in members)
    prose = sum(is_prose_line(line.text) for line in members)
    return labels >= LABEL_SHARE * len(members) and prose <= PROSE_LINE_SHARE * len(members)


def has_axis_numbers(members: list[TextLine]) -> bool:
    """Three lines or more made only of numbers, percentages or dates (``1200``, ``450 450``,
    ``Jan-08 Jul-08``): a chart's axis. A ruled table's rows open with their labels
    (``Dare 7 1``), a sidebar's lines with words.

    >>> has_axis_numbers([TextLine((), t, 8.0, 0.0, 0) for t in ("1200", "800", "0% 10% 20%")])
    True
    """
    return sum(1 for line in members if all(patterns.DIGITS.search(word) for word in line.text.split())) >= AXIS_LINES


def is_prose_line(text: str) -> bool:
    """A line that opens in lower case (a sentence running on) or ends a sentence.

    >>> [is_prose_line(t) for t in ("renown service offerings to do what we can do for you.", "1200", "Source: Bloomberg")]
    [True, False, False]
    """
    text = text.strip()
    return text[:1].islower() or bool(patterns.SENTENCE_END.search(text))
