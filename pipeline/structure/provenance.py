"""Where things were read: boxes for blocks, markers and removed lines, for the report.

Nothing here changes what the structure stage finds; it only carries the readers' boxes
along so that a person can see, on the rendered page, where each block, marker and note
stood and what was dropped. Text exports have no boxes: their blocks get none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pipeline import patterns
from pipeline.model import Box, Line, Page, PageBox, RemovedLine, Table
from pipeline.structure.blocks import DraftBlock
from pipeline.structure.furniture import PAGE_NUMBER_KEY, furniture_key

MARKER_HEIGHT = 0.65
"""A raised marker fills about the upper two thirds of its line's height."""


def union(boxes: Iterable[Box]) -> Box | None:
    """The smallest box around all of ``boxes`` (``None`` for none).

    >>> union([Box(1, 2, 3, 4), Box(0, 3, 2, 9)])
    Box(x0=0, top=2, x1=3, bottom=9)
    """
    boxes = list(boxes)
    if not boxes:
        return None
    return Box(min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes), max(b.bottom for b in boxes))


def page_boxes(lines: Iterable[Line]) -> tuple[PageBox, ...]:
    """One box per page around a block's lines, pages in order (none for lines without boxes).

    A block in two columns of one page gets one box around both parts: the outline then
    shows the block's extent, which is what a reader checking provenance looks for.
    """
    by_page: dict[int, list[Box]] = {}
    for line in lines:
        if line.box is not None:
            by_page.setdefault(line.page, []).append(line.box)
    return tuple(PageBox(page, box) for page, boxes in by_page.items() if (box := union(boxes)) is not None)


def table_boxes(table: Table) -> tuple[PageBox, ...]:
    """A table's box on each page it spans."""
    first = (PageBox(table.pages[0], table.box),) if table.box is not None and table.pages else ()
    return first + tuple(PageBox(page, box) for page, box in table.more_boxes)


def text_width(text: str) -> float:
    """A line's width in average glyphs: a raised marker's glyphs are set smaller (about
    0.6 of the body's) and its wrapping characters take no room.

    >>> text_width("in time\ue0002\ue001 for")
    11.6
    """
    width = float(len(text))
    for match in patterns.KNOWN_MARKER.finditer(text):
        width -= 2 + 0.4 * len(match.group(1))
    return round(width, 3)


def marker_place(draft: DraftBlock, start: int, end: int) -> PageBox | None:
    """Where the marker at ``start:end`` of the draft's text was printed.

    Lines carry boxes, not glyph positions, so the marker's place along its line is
    estimated from its share of the line's characters; its height is the raised part of
    the line.
    """
    if not draft.line_starts:
        return None
    index = max(i for i, begin in enumerate(draft.line_starts) if begin <= start or i == 0)
    line = draft.lines[index]
    if line.box is None:
        return None
    box, length = line.box, max(1.0, text_width(line.text))
    width = box.x1 - box.x0
    begin = max(0, start - draft.line_starts[index])
    left = box.x0 + width * min(1.0, text_width(line.text[:begin]) / length)
    right = min(box.x1, left + max(3.0, width * text_width(line.text[begin:begin + end - start]) / length))
    return PageBox(line.page, Box(round(left, 2), box.top, round(max(right, left + 1), 2),
                                  round(box.top + MARKER_HEIGHT * (box.bottom - box.top), 2)))


def removed_lines(before: tuple[Page, ...], after: tuple[Page, ...]) -> tuple[RemovedLine, ...]:
    """The text lines that dropping the page furniture took away, page by page."""
    removed = []
    for page, kept_page in zip(before, after):
        kept = Counter((line.text, line.box) for line in kept_page.lines)
        for line in page.lines:
            if line.kind != "text":
                continue
            if kept[(line.text, line.box)] > 0:
                kept[(line.text, line.box)] -= 1
                continue
            removed.append(RemovedLine(page=line.page, text=line.text, kind=removed_kind(line), box=line.box))
    return tuple(removed)


def figure_text_lines(pages: tuple[Page, ...]) -> tuple[RemovedLine, ...]:
    """The words the reader found inside figures (``region="figure"``): out of the text, kept
    with where they stood."""
    return tuple(RemovedLine(page=line.page, text=line.text, kind="figure_text", box=line.box)
                 for page in pages for line in page.lines if line.kind == "text" and line.region == "figure")
def removed_kind(line: Line) -> Literal["page_number", "running_line", "line_number"]:
    """What a dropped line was: a margin's line number, a bare page number, or a running line."""
    if line.region == "margin":
        return "line_number"
    return "page_number" if furniture_key(line.text) == PAGE_NUMBER_KEY else "running_line"
