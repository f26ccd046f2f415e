"""Tables continued over a page break, joined into one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.model import Page, Table
from pipeline.patterns import CAPTION_NUMBER, CONTINUED, KNOWN_MARKER


def merge_continued_tables(tables: list[Table], pages: Sequence[Page] = ()) -> list[Table]:
    """Join a table that a page break split: the first table of page n+1 continues the last
    table of page n when it has as many columns and either no header or the same header
    (which is dropped), and no caption of its own (but ``Table 4 (continued)``), and no body
    text stands between them (see :func:`text_between`; known only when ``pages`` are given, with their furniture
    dropped).

    >>> from pipeline.model import Box
    >>> a = Table((("County", "Held"), ("Wake", "12")), (1,), box=Box(0, 600, 100, 700), page_order=600)
    >>> b = Table((("County", "Held"), ("Kent", "3")), (2,), box=Box(0, 50, 100, 90), page_order=50)
    >>> merged = merge_continued_tables([a, b])
    >>> merged[0].rows, merged[0].pages
    ((('County', 'Held'), ('Wake', '12'), ('Kent', '3')), (1, 2))
    """
    ordered = sorted(tables, key=lambda t: (t.pages[0] if t.pages else 0, t.page_order))
    merged: list[Table] = []
    last_piece: Table | None = None  # the part of merged[-1] on its last page
    for table in ordered:
        previous = merged[-1] if merged else None
        if (previous is not None and last_piece is not None and continues(previous, table, ordered)
                and not text_between(last_piece, table, pages)):
            rows = table.rows[1:] if table.has_header and previous.has_header else table.rows
            places = table.marker_boxes[markers_in(table.rows[:len(table.rows) - len(rows)]):]
            box = previous.box
            row_pages = tuple(previous.page_of_row(r) or 0 for r in range(len(previous.rows))) + (table.pages[0],) * len(rows)
            merged[-1] = replace(previous, rows=previous.rows + rows, row_pages=row_pages,
                                 pages=tuple(dict.fromkeys(previous.pages + table.pages)), box=box,
                                 marker_boxes=previous.marker_boxes + places
                                 if len(previous.marker_boxes) == markers_in(previous.rows) else (),
                                 more_boxes=previous.more_boxes + ((table.pages[0], table.box),) if table.box else previous.more_boxes)
        else:
            merged.append(table)
        last_piece = table
    return merged


def markers_in(rows: tuple[tuple[str, ...], ...]) -> int:
    """How many footnote markers the cells of ``rows`` hold (a dropped repeated header's)."""
    return sum(len(KNOWN_MARKER.findall(cell)) for row in rows for cell in row)


def text_between(first: Table, then: Table, pages: Sequence[Page]) -> bool:
    """Whether body text stands after ``first`` on its page or before ``then`` on the next:
    a table that goes on over a page break fills its page to the foot and starts the next
    one, whereas a survey report's small tables, one a page under a question each, have
    prose and charts between them. Running heads and feet do not count (:func:`body_lines`). Without the pages, nothing is known to stand between."""
    by_number = {page.number: page for page in pages}
    before, after = by_number.get(first.pages[-1]), by_number.get(then.pages[0])
    if before is None or after is None or first.box is None or then.box is None:
        return False
    return (any(line.box.top > first.box.bottom for line in body_lines(before))
            or any(line.box.bottom < then.box.top for line in body_lines(after)))


def body_lines(page: Page) -> list[Any]:
    """A page's body lines with a box and some text: the pages given are the structure
    stage's, with running heads, feet and page numbers already dropped by
    :func:`pipeline.structure.furniture.drop_running_furniture` (the one running-head rule),
    so what is left here stands between two tables."""
    return [line for line in page.lines if line.region == "body" and line.box is not None and line.text.strip()]


def continues(previous: Table, table: Table, ordered: list[Table]) -> bool:
    if not previous.pages or not table.pages or table.pages[0] != previous.pages[-1] + 1:
        return False
    if width(previous) != width(table) or (table.caption and not continues_caption(previous.caption, table.caption)):
        return False
    last_on_page = [t for t in ordered if t.pages and t.pages[0] == previous.pages[-1]]
    first_on_next = [t for t in ordered if t.pages and t.pages[0] == table.pages[0]]
    if first_on_next[0] is not table or (last_on_page and last_on_page[-1].page_order > previous.page_order):
        return False
    if table.has_header:
        return previous.has_header and table.rows[0] == previous.rows[0]
    return True


def continues_caption(first: str | None, caption: str) -> bool:
    """Whether ``caption`` only says that the table captioned ``first`` goes on: ``Table 4
    (continued)`` under ``Table 4: Detention by county``.

    >>> continues_caption("Table 4: Detention by county", "Table 4 (continued)")
    True
    >>> continues_caption("Table 4: Detention by county", "Table 5: Releases")
    False
    """
    if not first or not CONTINUED.search(caption):
        return False
    a, b = CAPTION_NUMBER.match(first + " "), CAPTION_NUMBER.match(caption + " ")
    return a is not None and b is not None and a.group(1) == b.group(1)


def width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)
