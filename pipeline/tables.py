"""Every table of a PDF page as a clean :class:`~pipeline.model.Table`.

Layers, each computed from the one below (pdfplumber's model): the page's ruling lines give
ruled tables; where a page has none, a cheap pass over the characters' x positions looks for
lines with several wide gaps (aligned columns) and only those bands are handed to
pdfplumber's slower ``text`` strategy. Raw grids are then cleaned: merged cells spread or
blanked, multi-line cells joined, spacer rows and columns dropped, the header found (a
two-row header flattened as ``Top / Sub``), and a table that reads like prose rejected.

The PDF reader calls :func:`find_page_tables` on each pdfplumber page before releasing it and
drops from the body every character for which :func:`inside_any` is true against
:attr:`PageTables.exclude` (the tables and their caption lines), so no table text appears
again in the paragraphs. :func:`merge_continued_tables` then joins tables split by a page
break.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.model import Box, Caption, Page, PageTables, Table
from pipeline.patterns import KNOWN_MARKER
from pipeline.normalize import clean_line_text
from pipeline.settings import NormalizeSettings
from pipeline.structure.hyphenation import join_line

# Kept here until pipeline/patterns.py takes them (that module has another owner).
CAPTION = re.compile(
    r"^\s*(?:(?:Table|TABLE|Tab\.|Tableau|TABLEAU|Tabla|TABLA|Tabelle|TABELLE|Tabella|Tabel|Taula)\s+"
    r"(?>[A-Z]?[0-9]+(?:[.-][0-9]+)*|[IVXLC]+|[A-Z])\s*(?:[:.–—-]|$|\s+(?=[A-Z0-9*(“\"]))"
    r"|\[?(?:표|表)\s*[0-9]+\]?)"
)
"""A table caption's start: ``Table 2:``, ``Table 2.``, ``TABLE 2 –``, ``Table IV:``, ``Table 3.1``,
``Table 2-1 FUNCTION_USAGE``, ``Tableau 1 :``, ``Tabelle 3``, ``[표 1]``, ``表2``."""

NUMBER = re.compile(r"^[*†]*[(\[]?[-–−+]?[$€£]?\s?\d[\d,.\s]*%?[)\]]?[*†]*$")
"""A cell that is a number as printed: ``1,234``, ``12.5%``, ``(3)``, ``–0.5``, ``$40``, ``*2,247``."""

STACKED_VALUE = re.compile(r"^(?!.*[^\W\d_]{2})\S+$")
"""One value of a column that pdfplumber stacked into one cell: no space and no word
(``291,099``, ``*****``, ``(X)``, ``–``)."""

FIGURE_CAPTION = re.compile(r"^\s*(?:Figure|FIGURE|Fig\.|Chart|CHART|Exhibit|Diagram)\s+[0-9A-Z][\w.-]*\s*(?:[:.–—-]|\s|$)")
"""A figure's caption: ``Figure 3-5 Special registers …``, ``Fig. 2:``, ``Chart 4.``."""

YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
"""A year (``2005``): numeric, yet the usual content of a header cell."""


@dataclass(frozen=True)
class TableSettings:
    """How tables are found and cleaned; every default tuned on the test PDFs and the corpus."""

    ruled: bool = True
    """Look for tables drawn with ruling lines (pdfplumber's ``lines`` strategy): cheap and
    exact where a producer drew the grid."""
    unruled: bool = True
    """Look for tables without lines, by aligned columns (the ``text`` strategy)."""
    snap_tolerance: float = 3.0
    """Ruling lines this close (points) are one line: producers draw cell borders twice."""
    min_column_gap: float = 9.0
    """A horizontal gap between glyphs at least this wide (points) may be a column gutter.
    Word spaces of justified 10-12 pt prose stay under about 6 pt."""
    min_gap_ems: float = 0.9
    """... and at least this many font sizes wide, so large type needs wider gutters."""
    min_columns: int = 3
    """An unruled table has at least this many columns: two columns of text are a
    two-column page, not a table."""
    min_rows: int = 3
    """An unruled table has at least this many rows with aligned columns."""
    max_row_gap_lines: float = 2.6
    """Rows of one unruled table are at most this many line heights apart."""
    header_lines_above: int = 2
    """Lines with fewer gutters just above an aligned block are taken in as its header."""
    max_cell_words: int = 12
    """A cell with more words than this is a sentence, not a table cell."""
    max_long_cell_share: float = 0.2
    """A table with more sentence cells than this share of its non-empty cells is prose."""
    min_ruled_cells: int = 6
    """A ruled grid with fewer filled cells is a chart legend or a text box, not a table."""
    min_short_share: float = 0.6
    """In an unruled table at least this share of cells have at most four words."""
    max_header_rows: int = 3
    """At most this many rows are flattened into one header (``Top / Sub``)."""
    caption_distance: float = 30.0
    """A caption line lies within this many points above or below its table."""
    caption_reach: float = 90.0
    """A ``Table N`` line with its title lines under it may start this far above its table."""
    max_caption_lines: int = 4
    """At most this many lines (``Table N``, the title, a units line) make a caption."""
    row_label_reach: float = 250.0
    """How far left of a ruled table its row labels may start, in points."""
    max_math_share: float = 0.08
    """A region with more than this share of its glyphs in math fonts is formulas."""
    max_symbol_cell_share: float = 0.3
    """A table with more than this share of cells holding no letter or digit (leader dots,
    bullets, operators) is a contents page or a formula, not data."""
    min_row_cell_share: float = 0.5
    """In a table found without a full grid, at least this share of rows fill two cells or
    more: lines of prose under a wide gap fill one."""
    min_rule_table_width: float = 100.0
    """Rules narrower than this (points) are underlines or separators, not a table's rules."""
    max_rule_gap: float = 120.0
    """Two rules of one width this far apart or less (points) may frame one table's rows."""
    min_open_row: float = 6.0
    """Vertical lines that run on this far (points) past a table's first or last rule
    cover a row whose border was never drawn."""
    min_open_column: float = 15.0
    """Rules that run on this far (points) past a table's last vertical line cover one
    more column, whose right border was never drawn."""


@dataclass
class Grid:
    """A raw table as a strategy found it, before cleaning (internal)."""

    rows: list[list[str | None]]
    spans: list[list[str]] = field(default_factory=list)
    """Per cell: ``""`` for a cell of its own, ``"left"``/``"up"`` for one covered by a merged cell."""
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    ruled: bool = True
    framed: bool = False
    """Bounded above and below by rules (booktabs): two columns are enough to be a table."""
    row_tops: list[float] = field(default_factory=list)
    """Where each row starts (points from the page top), for the rows of text lines."""
    size: float = 0.0
    """The usual type size of the cells (points), for the rows of text lines."""


# --- public API --------------------------------------------------------------------------


def find_tables(
    page: Any, *, settings: TableSettings | None = None, normalize: NormalizeSettings | None = None,
    stats: Counter[str] | None = None,
) -> list[Table]:
    """The tables of one pdfplumber page, top to bottom, cells cleaned, captions attached."""
    return list(find_page_tables(page, settings=settings, normalize=normalize, stats=stats).tables)


def find_page_tables(
    page: Any, *, settings: TableSettings | None = None, normalize: NormalizeSettings | None = None,
    stats: Counter[str] | None = None,
) -> PageTables:
    """Like :func:`find_tables`, with the caption lines the body text must leave out.

    ``page`` is a pdfplumber page or a :class:`GlyphPage` (the reader's own glyphs and
    strokes): the ruled search runs only where enough strokes could rule a table, the text
    search only where a cheap check sees aligned columns.
    """
    settings = settings or TableSettings()
    normalize = normalize or NormalizeSettings()
    stats = stats if stats is not None else Counter()
    found: list[tuple[Grid, Table]] = []
    over_prose: list[Box] = []
    if settings.ruled and may_be_ruled(page.edges):
        grids, over_prose = ruled_grids(page, settings)
        found += accepted(grids, page, settings, normalize, stats)
    if settings.ruled:
        taken = [Box(*grid.bbox) for grid, _ in found] + over_prose
        # the widest first: a subtotal's short rules over the figures lie inside the table's own
        for region in sorted(rule_stacks(page.edges, settings), key=lambda r: r[0] - r[2]):
            if not any(overlaps(region, (box.x0, box.top, box.x1, box.bottom)) for box in taken):
                kept = accepted(rules_only_grids(page, region, settings), page, settings, normalize, stats)
                found += kept
                taken += [Box(*grid.bbox) for grid, _ in kept]
    if settings.unruled:
        # tables kept from the ruled search and frames over prose hide a band; row fills
        # that ruled nothing must not stop the text search over the same lines
        taken = [Box(*grid.bbox) for grid, _ in found] + over_prose
        lines = chars_to_lines(page.chars)  # once for both band searches
        bands = aligned_bands(page.chars, settings, lines=lines)
        if not bands:
            stats["table_text_search_skipped"] += 1
        for band in bands:
            if not any(overlaps(band, (box.x0, box.top, box.x1, box.bottom)) for box in taken):
                found += accepted(text_grids(page, band, settings), page, settings, normalize, stats)
        taken += [Box(*grid.bbox) for grid, _ in found] + [Box(*band) for band in bands]
        two = replace(settings, min_columns=2)
        for band in figure_column_bands(lines, settings):
            if not any(overlaps(band, (box.x0, box.top, box.x1, box.bottom)) for box in taken):
                grids = text_grids(page, band, two)
                for grid in grids:
                    grid.framed = True  # two columns are enough beside a column of figures
                found += accepted(grids, page, two, normalize, stats)
    tables: list[Table] = []
    captions: list[Caption] = []
    for grid, table in sorted(found, key=lambda pair: pair[0].bbox[1]):
        box = table.box or Box(*grid.bbox)
        bbox = (box.x0, box.top, box.x1, box.bottom)
        words = caption_words(page, bbox, settings)
        caption = caption_near(page, bbox, settings=settings, words=words)
        if caption is None and caption_near(page, bbox, settings=settings, pattern=FIGURE_CAPTION, words=words):
            stats["tables_rejected_as_figures"] += 1  # a boxed diagram: its caption says so
            continue
        if caption is not None and caption.box not in [c.box for c in captions]:
            table = replace(table, caption=clean_line_text(caption.text, normalize, stats))
            captions.append(caption)
        tables.append(table)
        stats["tables_found"] += 1
    return PageTables(tuple(tables), tuple(captions))


def accepted(grids: list[Grid], page: Any, settings: TableSettings, normalize: NormalizeSettings,
             stats: Counter[str]) -> list[tuple[Grid, Table]]:
    """The grids that clean into tables, each with its table (a ruled one with the row
    labels left outside its rulings)."""
    kept = []
    for grid in grids:
        if is_mathematics(page.crop(clamped(grid.bbox, page)).chars, settings):
            stats["tables_rejected_as_formulas"] += 1  # a plot's axes, an aligned derivation
            continue
        table = clean_grid(grid, page.page_number, settings, normalize, stats)
        if table is None:
            stats["tables_rejected"] += 1
            continue
        if grid.ruled:
            table = with_row_labels(table, page, settings, normalize, stats)
        kept.append((grid, table))
    return kept


def clamped(bbox: Sequence[float], page: Any) -> tuple[float, float, float, float]:
    """``bbox`` cut to the page, as pdfplumber's ``crop`` requires."""
    x0, top, x1, bottom = page.bbox
    return (max(bbox[0], x0), max(bbox[1], top), min(bbox[2], x1), min(bbox[3], bottom))


def may_be_ruled(edges: Sequence[dict[str, Any]]) -> bool:
    """At least three horizontal and three vertical strokes: a single box around a text,
    or a rule under a heading, rules no table."""
    across = sum(1 for edge in edges if edge["orientation"] == "h")
    down = len(edges) - across
    return across >= 3 and down >= 3


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
        from pdfplumber.table import TableFinder, TableSettings as FinderSettings

        return list(TableFinder(self, FinderSettings.resolve(options)).tables)  # type: ignore[arg-type]


RAISED_MARKER = re.compile(r"^(?:\d{1,3}|[ivx]{1,5}|[a-z]|[*†‡§¶]{1,3})$")
"""What a raised run after a word may be to count as a footnote marker: ``1``, ``iv``, ``a``, ``*``."""


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


def chars_inside(chars: Iterable[dict[str, Any]], bbox: Sequence[float]) -> list[dict[str, Any]]:
    """The glyphs whose centre lies in ``bbox`` (x0, top, x1, bottom), in their order."""
    x0, top, x1, bottom = bbox
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


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


def inside_any(char_box: Any, table_boxes: Iterable[Box]) -> bool:
    """Whether a glyph's centre lies in one of the boxes (a table or a caption line).

    ``char_box`` is anything with ``x0, x1, top, bottom`` (a :class:`Box`, the reader's
    ``Char``) or a pdfplumber char dict.

    >>> inside_any(Box(12, 12, 18, 20), [Box(10, 10, 100, 50)])
    True
    >>> inside_any({"x0": 120, "x1": 125, "top": 12, "bottom": 20}, [Box(10, 10, 100, 50)])
    False
    """
    if isinstance(char_box, dict):
        x = (char_box["x0"] + char_box["x1"]) / 2
        y = (char_box["top"] + char_box["bottom"]) / 2
    else:
        x = (char_box.x0 + char_box.x1) / 2
        y = (char_box.top + char_box.bottom) / 2
    return any(b.x0 <= x <= b.x1 and b.top <= y <= b.bottom for b in table_boxes)


def caption_words(page: Any, bbox: Sequence[float], settings: TableSettings) -> list[dict[str, Any]]:
    """The words a caption of the table at ``bbox`` may be made of: those over its width in
    the band of the page above and below it (extracting every word of the page for each
    table was most of the time the caption search took)."""
    x0, top, x1, bottom = bbox
    around = page.crop(clamped((page.bbox[0], top - settings.caption_reach - 20, page.bbox[2],
                                bottom + settings.caption_distance + 20), page))
    return [w for w in around.extract_words(keep_blank_chars=False, use_text_flow=False)
            if w["x1"] > x0 - 20 and w["x0"] < x1 + 20]


def caption_near(page: Any, bbox: Sequence[float], *, settings: TableSettings | None = None,
                 pattern: re.Pattern[str] = CAPTION, words: list[dict[str, Any]] | None = None) -> Caption | None:
    """The table's caption: a ``Table N:`` line above ``bbox`` (x0, top, x1, bottom) with
    the title and unit lines that follow it down to the table (``Table 1.`` / ``Prevalence
    of …`` / ``(Numbers in thousands)``), or else a ``Table N:`` line just below it.
    ``words`` are :func:`caption_words`, when already at hand."""
    settings = settings or TableSettings()
    x0, top, x1, bottom = bbox
    words = words if words is not None else caption_words(page, bbox, settings)
    above = sorted(group_lines([w for w in words if top - settings.caption_reach <= w["bottom"] <= top + 1]),
                   key=lambda ln: ln[0]["top"])
    block = caption_block(above, top, settings, pattern)
    if block:
        return caption_of(block)
    below = sorted(group_lines([w for w in words if bottom - 1 <= w["top"] <= bottom + settings.caption_distance]),
                   key=lambda ln: ln[0]["top"])
    for line in below[:2]:
        if pattern.match(" ".join(w["text"] for w in line)):
            return caption_of([line])
    return None


def caption_block(lines: list[list[dict[str, Any]]], table_top: float, settings: TableSettings,
                  pattern: re.Pattern[str] = CAPTION) -> list[list[dict[str, Any]]]:
    """The lines from the last ``Table N`` line above a table down to the table, when they
    follow each other closely and the last sits within ``caption_distance`` of the table;
    otherwise none."""
    for start in reversed(range(len(lines))):
        if not pattern.match(" ".join(w["text"] for w in lines[start])):
            continue
        block = lines[start:]
        if len(block) > settings.max_caption_lines:
            return []
        tops = [min(w["top"] for w in ln) for ln in block]
        bottoms = [max(w["bottom"] for w in ln) for ln in block]
        gaps = [tops[i + 1] - bottoms[i] for i in range(len(block) - 1)]
        heights = [b - t for t, b in zip(tops, bottoms)]
        if table_top - bottoms[-1] > settings.caption_distance or any(g > 1.5 * max(heights) for g in gaps):
            return []
        return block
    return []


def caption_of(lines: list[list[dict[str, Any]]]) -> Caption:
    """Caption lines as one text (a line-end hyphen rejoined) and the box they cover."""
    text = ""
    for line in lines:
        text, _ = join_line(text, " ".join(w["text"] for w in line))
    every = [w for line in lines for w in line]
    box = Box(min(w["x0"] for w in every), min(w["top"] for w in every),
              max(w["x1"] for w in every), max(w["bottom"] for w in every))
    return Caption(text, box)


def merge_continued_tables(tables: list[Table], pages: Sequence[Page] = ()) -> list[Table]:
    """Join a table that a page break split: the first table of page n+1 continues the last
    table of page n when it has as many columns and either no header or the same header
    (which is dropped), and no caption of its own (but ``Table 4 (continued)``), and no body
    text stands between them (see :func:`text_between`; known only when ``pages`` are given).

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
            box = previous.box
            row_pages = tuple(previous.page_of_row(r) or 0 for r in range(len(previous.rows))) + (table.pages[0],) * len(rows)
            merged[-1] = replace(previous, rows=previous.rows + rows, row_pages=row_pages,
                                 pages=tuple(dict.fromkeys(previous.pages + table.pages)), box=box,
                                 more_boxes=previous.more_boxes + ((table.pages[0], table.box),) if table.box else previous.more_boxes)
        else:
            merged.append(table)
        last_piece = table
    return merged


def text_between(first: Table, then: Table, pages: Sequence[Page]) -> bool:
    """Whether body text stands after ``first`` on its page or before ``then`` on the next:
    a table that goes on over a page break fills its page to the foot and starts the next
    one, whereas a survey report's small tables, one a page under a question each, have
    prose and charts between them. Running heads and feet (the top and bottom tenth of a
    page) do not count. Without the pages, nothing is known to stand between."""
    by_number = {page.number: page for page in pages}
    before, after = by_number.get(first.pages[-1]), by_number.get(then.pages[0])
    if before is None or after is None or first.box is None or then.box is None:
        return False
    return (any(line.box.top > first.box.bottom for line in body_lines(before))
            or any(line.box.bottom < then.box.top for line in body_lines(after)))


def body_lines(page: Page) -> list[Any]:
    """A page's body lines with a box, running heads and feet (the top and bottom tenth of
    the page) left out."""
    height = page.height or max((line.box.bottom for line in page.lines if line.box), default=0.0)
    return [line for line in page.lines if line.region == "body" and line.box is not None and line.text.strip()
            and 0.1 * height < line.box.top and line.box.bottom < 0.9 * height]


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


CONTINUED = re.compile(r"\(?\b(?:continued|cont\.|cont'd|suite|fortsetzung|Forts\.|continuación)\)?", re.IGNORECASE)
"""What a caption says when its table goes on from the page before: ``(continued)``, ``(cont.)``."""


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
    number = re.compile(r"^\W*\w+\W+([\w.-]+?)[\s:.(]")
    a, b = number.match(first + " "), number.match(caption + " ")
    return a is not None and b is not None and a.group(1) == b.group(1)


def width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def parse_number(cell: str) -> float | None:
    """A cell's number, or None: thousands separators dropped, ``%`` dropped, parentheses and
    dashes as minus signs. Footnote stars and ``(X)`` are not numbers.

    >>> [parse_number(c) for c in ["1,234", "12.5%", "(3)", "–0.5", "2005", "(X)", "n/a", "1.2.3"]]
    [1234.0, 12.5, -3.0, -0.5, 2005.0, None, None, None]
    """
    text = cell.strip().replace("\u2212", "-").replace("–", "-").replace("\u00a0", "").replace(" ", "")
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    text = text.rstrip("%").lstrip("$€£")
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+", text):
        return None
    value = float(text.replace(",", ""))
    return -value if negative else value


def table_to_frame(table: Table) -> Any:
    """The table as a pandas DataFrame of strings, header as column names when it has one
    (a repeated name gets `` (2)``, an empty one ``column N``)."""
    import pandas as pd

    n = width(table)
    rows = [list(row) + [""] * (n - len(row)) for row in table.rows]
    if table.has_header and rows:
        seen: Counter[str] = Counter()
        columns = []
        for index, name in enumerate(rows[0]):
            name = name or f"column {index + 1}"
            seen[name] += 1
            columns.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
        return pd.DataFrame(rows[1:], columns=columns, dtype="string")
    return pd.DataFrame(rows, columns=[f"column {i + 1}" for i in range(n)], dtype="string")


def typed_frame(table: Table) -> Any:
    """:func:`table_to_frame` with every column whose non-empty cells are all numbers parsed."""
    import pandas as pd

    frame = table_to_frame(table)
    for column in frame.columns:
        values = [v for v in frame[column].tolist() if v]
        parsed = [parse_number(v) for v in values]
        if values and all(p is not None for p in parsed):
            frame[column] = pd.array([parse_number(v) if v else None for v in frame[column].tolist()], dtype="Float64")
    return frame


def write_parquet(table: Table, path: Path) -> bool:
    """Write the typed table to Parquet when pyarrow is importable; say whether it did."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    typed_frame(table).to_parquet(path, index=False)
    return True


# --- finding grids -----------------------------------------------------------------------


def ruled_grids(page: Any, settings: TableSettings) -> tuple[list[Grid], list[Box]]:
    """The grids the page's strokes rule, and the boxes of those that are frames drawn over
    prose (:func:`cuts_through_prose`): no table is looked for there either."""
    ends = [{**edge, "orientation": "h"} for edge in open_end_edges(page.edges, settings)]
    options = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": settings.snap_tolerance,
               # the sides close from the top border to the bottom one, drawn or not
               "explicit_vertical_lines": open_side_edges(list(page.edges) + ends, settings),
               "explicit_horizontal_lines": ends}
    grids: list[Grid] = []
    over_prose: list[Box] = []
    for found in page.find_tables(options):
        if cuts_through_prose(found, page):
            over_prose.append(Box(*found.bbox))
        else:
            grids.append(grid_of(found))
    return grids, over_prose


def joined_rules(edges: Sequence[dict[str, Any]], tolerance: float, orientation: str = "h") -> list[list[float]]:
    """Strokes of one orientation as whole rules: ``[x0, x1, y]`` across, ``[top, bottom, x]``
    down. Producers often draw a rule piecewise, one segment per column or per row.

    >>> joined_rules([{"orientation": "h", "x0": 10, "x1": 50, "top": 100},
    ...               {"orientation": "h", "x0": 50, "x1": 90, "top": 100.4}], 3.0)
    [[10, 90, 100]]
    """
    start, end, at = ("x0", "x1", "top") if orientation == "h" else ("top", "bottom", "x0")
    rules: list[list[float]] = []
    for edge in sorted((e for e in edges if e["orientation"] == orientation), key=lambda e: (round(e[at]), e[start])):
        last = rules[-1] if rules else None
        if last is not None and abs(last[2] - edge[at]) <= tolerance and edge[start] <= last[1] + tolerance:
            last[1] = max(last[1], edge[end])
        else:
            rules.append([edge[start], edge[end], edge[at]])
    return rules


def open_side_edges(edges: Sequence[dict[str, Any]], settings: TableSettings) -> list[dict[str, Any]]:
    """The borders a ruled table leaves undrawn, as strokes from its top rule to its bottom
    rule.

    Statistical tables (the census's) rule their rows full width but draw no line after
    the last column, so the ``lines`` strategy would end the table at the last drawn
    vertical and lose that column. Where at least two of a table's rules run on past its
    rightmost vertical by a column's width and end together, the right side is closed
    there. On the left, rules that run on past the table mark either one label per row
    (left to :func:`with_row_labels`) or groups of rows (``1991`` over ``Men``, ``Women``,
    ``Total``): only rules that also divide the body into groups close the left side.
    """
    tolerance = settings.snap_tolerance
    # a rule drawn as a thin filled rectangle has two vertical "edges" as short as it is thick
    downs = [{"top": top, "bottom": bottom, "x0": x} for top, bottom, x in joined_rules(edges, tolerance, "v")
             if bottom - top > tolerance]
    rules = joined_rules(edges, tolerance)
    closing: list[dict[str, Any]] = []
    for side, least_rules in (("right", 2), ("left", 4)):
        for x, heights in rule_ends(rules, downs, side, settings).items():
            for run in one_table_runs(sorted({round(y, 1) for y in heights}), downs, tolerance):
                # drawn already, whole (not only beside the tinted rows a fill edges)
                covered = any(abs(d["x0"] - x) <= tolerance and d["top"] <= run[0] + tolerance
                              and d["bottom"] >= run[-1] - tolerance for d in downs)
                if len(run) >= least_rules and not covered:
                    closing.append({"object_type": "line", "x0": x, "x1": x, "top": run[0], "bottom": run[-1],
                                    "width": 0.0, "height": run[-1] - run[0]})
    return closing


def open_end_edges(edges: Sequence[dict[str, Any]], settings: TableSettings) -> list[dict[str, Any]]:
    """The top and bottom borders a table ruled only between its cells leaves undrawn: where
    two or more of its column lines run on past its first (or last) rule by a row's height
    and end together, a rule across the table's width is added there, so that the header
    row above the first rule and the last row under the last one stay in the table.

    Only column lines that cross the same two or more wide rules, inside them, count: the
    lines of a flowchart, joining one box to the next, cross no rule at all.
    """
    tolerance = settings.snap_tolerance
    downs = [d for d in joined_rules(edges, tolerance, "v") if d[1] - d[0] > tolerance]
    rules = [r for r in joined_rules(edges, tolerance) if r[1] - r[0] >= settings.min_rule_table_width]
    ends: dict[float, list[tuple[float, frozenset[int]]]] = {}
    for top, bottom, x in downs:
        inner = frozenset(i for i, r in enumerate(rules) if r[0] + settings.min_open_column <= x <= r[1] - settings.min_open_column
                          and top + tolerance < r[2] < bottom - tolerance)
        if len(inner) < 2:
            continue
        first, last = min(rules[i][2] for i in inner), max(rules[i][2] for i in inner)
        for end, overhang in ((top, first - top), (bottom, bottom - last)):
            if overhang >= settings.min_open_row:
                key = next((k for k in ends if abs(k - end) <= tolerance), round(end, 1))
                ends.setdefault(key, []).append((x, inner))
    closing = []
    for y, columns in ends.items():
        common = frozenset.intersection(*(inner for _, inner in columns))
        if len(columns) < 2 or len(common) < 2:
            continue
        x0, x1 = min(rules[i][0] for i in common), max(rules[i][1] for i in common)
        drawn = any(abs(r[2] - y) <= tolerance and r[0] <= x0 + tolerance and r[1] >= x1 - tolerance for r in rules)
        if not drawn:
            closing.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0})
    return closing


def one_table_runs(heights: list[float], downs: Sequence[dict[str, Any]], tolerance: float) -> list[list[float]]:
    """Rule heights split where no vertical stroke spans from one to the next: two tables
    one above the other whose rules end at the same margin are closed each on its own.

    >>> one_table_runs([10, 20, 80, 90], [{"top": 10, "bottom": 20}, {"top": 80, "bottom": 90}], 3)
    [[10, 20], [80, 90]]
    """
    runs: list[list[float]] = []
    for y in heights:
        if runs and any(d["top"] - tolerance <= runs[-1][-1] and d["bottom"] + tolerance >= y for d in downs):
            runs[-1].append(y)
        else:
            runs.append([y])
    return runs


def rule_ends(rules: list[list[float]], downs: Sequence[dict[str, Any]], side: str,
              settings: TableSettings) -> dict[float, list[float]]:
    """For each rule that crosses vertical strokes and runs on past the outermost one on
    ``side`` by at least ``min_open_column`` points: where it ends, with the heights of
    every such rule ending there."""
    tolerance = settings.snap_tolerance
    ends: dict[float, list[float]] = {}
    for x0, x1, y in rules:
        # the verticals inside the rule: a fill's edge at the rule's very end is not a border
        crossed = [d["x0"] for d in downs
                   if x0 + tolerance < d["x0"] < x1 - tolerance and d["top"] - tolerance <= y <= d["bottom"] + tolerance]
        if not crossed:
            continue
        end, overhang = (x1, x1 - max(crossed)) if side == "right" else (x0, min(crossed) - x0)
        if overhang < settings.min_open_column:
            continue
        key = next((k for k in ends if abs(k - end) <= tolerance), round(end, 1))
        ends.setdefault(key, []).append(y)
    return ends


def cuts_through_prose(found: Any, page: Any) -> bool:
    """Whether a grid's left or right border runs through words: a box drawn over a column
    of prose (``on rollov`` | ``er``) is cut off mid-word, a table's border never is."""
    x0, top, x1, bottom = found.bbox
    around = page.crop((max(0.0, x0 - 60), top, min(page.bbox[2], x1 + 60), bottom))
    words = around.extract_words(keep_blank_chars=False, use_text_flow=False)
    cut = sum(1 for w in words if any(w["x0"] + 1 < edge < w["x1"] - 1 for edge in (x0, x1)))
    return cut >= 2


DOT_LEADER = re.compile(r"(?:\s*\.){2,}\s*$")
"""Leader dots that run from a row label towards its figures: ``All ages . . . . . .``."""


ROW_LABEL_TEXT = re.compile(r"[^\W\d_]|^(?:1[89]|20)\d\d\b")
"""A row label holds a word or starts with a year: ``All ages``, ``2006 (*)``."""


def with_row_labels(table: Table, page: Any, settings: TableSettings, normalize: NormalizeSettings,
                    stats: Counter[str]) -> Table:
    """Add the row-label column that a ruled table leaves outside its rulings.

    Statistical tables often rule only their figures; each row's label stands to the left,
    on the row's baseline, often with leader dots. The lines of words left of the table
    become its first column only when there is exactly one per row (or one per body row,
    the header having none) and most of them hold words: a chart's axis figures or a
    column of prose beside the table never line up one for one.
    """
    if table.box is None or table.box.x0 < 20:
        return table
    box = table.box
    area = page.crop((max(0.0, box.x0 - settings.row_label_reach), box.top - 1, box.x0 - 1, box.bottom + 1))
    lines = group_lines(area.extract_words(keep_blank_chars=False, use_text_flow=False))
    labels = [DOT_LEADER.sub("", " ".join(w["text"] for w in line)).strip() for line in lines]
    boxes = [line for line, label in zip(lines, labels) if label]
    labels = [label for label in labels if label]
    body = len(table.rows) - (1 if table.has_header else 0)
    if len(labels) == body and table.has_header:
        labels = [""] + labels
    elif len(labels) != len(table.rows):
        return table
    if sum(1 for label in labels if ROW_LABEL_TEXT.search(label)) < 0.5 * len(labels):
        return table  # a chart's axis figures (450, 400, 350 …), not row labels
    if any(len(label.split()) > settings.max_cell_words for label in labels):
        return table
    stats["table_row_labels_added"] += 1
    labels = [clean_line_text(label, normalize, stats) for label in labels]
    left = min(w["x0"] for line in boxes for w in line)
    return replace(
        table, rows=tuple((label,) + tuple(row) for label, row in zip(labels, table.rows)),
        box=Box(left, box.top, box.x1, box.bottom),
    )


def rule_stacks(edges: Sequence[dict[str, Any]], settings: TableSettings) -> list[tuple[float, float, float, float]]:
    """Regions bounded by horizontal rules of one width stacked one under another with no
    vertical stroke between them: a table ruled only across (booktabs' three rules, or a
    hairline under each row), as (x0, top, x1, bottom)."""
    tolerance = settings.snap_tolerance
    downs = [d for d in joined_rules(edges, tolerance, "v") if d[1] - d[0] > tolerance]
    stacks: list[list[list[float]]] = []
    reached: dict[int, float] = {}  # per stack: the lowest rule inside its width seen so far
    for rule in sorted(joined_rules(edges, tolerance), key=lambda r: r[2]):
        if rule[1] - rule[0] < settings.min_rule_table_width:
            continue
        stack = next((st for st in stacks if abs(st[-1][0] - rule[0]) <= tolerance and abs(st[-1][1] - rule[1]) <= tolerance
                      and rule[2] - reached[id(st)] <= settings.max_rule_gap), None)
        if stack is not None:
            stack.append(rule)
        else:
            stack = [rule]
            stacks.append(stack)
        # a shorter rule inside a wider stack's width (a subtotal's rule over the figures)
        # carries that stack on over a long table
        for st in stacks:
            if st[0][0] - tolerance <= rule[0] and rule[1] <= st[0][1] + tolerance and rule[2] - reached.get(id(st), rule[2]) <= settings.max_rule_gap:
                reached[id(st)] = rule[2]
    regions = []
    for stack in stacks:
        x0, x1 = min(r[0] for r in stack), max(r[1] for r in stack)
        top, bottom = stack[0][2], stack[-1][2]
        crossed = any(x0 + tolerance < d[2] < x1 - tolerance and d[0] < bottom and d[1] > top for d in downs)
        if len(stack) >= 2 and bottom - top > 10 and not crossed:
            regions.append((x0, top, x1, bottom))
    return regions


def has_legend_keys(crop: Any, width: float) -> bool:
    """Whether short strokes run through the middle of text lines in a framed region: the
    line samples of a chart's legend (``── Greece``), which a table's cells never hold."""
    lines = chars_to_lines(crop.chars)
    keys = 0
    for x0, x1, y in joined_rules(crop.edges, 3.0):
        if x1 - x0 < 0.5 * width and any(min(c["top"] for c in ln) + 1 < y < max(c["bottom"] for c in ln) - 1
                                         for ln in lines):
            keys += 1
    return keys >= 2


def rules_only_grids(page: Any, region: tuple[float, float, float, float], settings: TableSettings) -> list[Grid]:
    """A table ruled only across: columns cut at the gutters its lines leave blank, rows
    at its rules when a rule runs under every row (cells that wrap stay one cell), else at
    each line of text (booktabs, whose rules only frame the header and the body)."""
    x0, top, x1, bottom = region
    crop = page.crop((x0, max(top - 1, 0), x1, min(bottom + 1, page.height)))
    if not crop.chars or is_mathematics(crop.chars, settings) or has_legend_keys(crop, x1 - x0):
        return []
    cuts = column_cuts(crop.chars, replace(settings, min_columns=2, min_rows=2))
    if not cuts:
        return []
    rules = sorted({round(r[2], 1) for r in joined_rules(crop.edges, settings.snap_tolerance)
                    if r[1] - r[0] >= 0.9 * (x1 - x0)})
    lines = chars_to_lines(crop.chars)
    bands = [[line for line in lines if a < line[0]["bottom"] <= b + 1] for a, b in zip(rules, rules[1:])]
    row_ruled = (len(bands) >= 3 and max(len(band) for band in bands) <= 3
                 and not any(sum(1 for line in band if is_full_row(line, cuts, settings)) >= 2 for band in bands))
    pitch = max(b - a for a, b in zip(rules, rules[1:])) if row_ruled else 2.0 * usual_size(crop.chars)
    header_top = header_above_rules(page, (x0, rules[0] if rules else top, x1), pitch, settings)
    last_bottom = rows_below_rules(page, (x0, rules[-1] if rules else bottom, x1), pitch, settings)
    if header_top is not None or last_bottom is not None:
        if row_ruled:
            rules = ([header_top] if header_top is not None else []) + rules + ([last_bottom] if last_bottom is not None else [])
        crop = page.crop((x0, header_top if header_top is not None else max(top - 1, 0), x1,
                          last_bottom if last_bottom is not None else min(bottom + 1, page.height)))
        cuts = column_cuts(crop.chars, replace(settings, min_columns=2, min_rows=2)) or cuts
    left = min(c["x0"] for c in crop.chars) - 1  # the text strategy's row edges end where the words do
    right = max(c["x1"] for c in crop.chars) + 1
    options = {
        "vertical_strategy": "explicit", "explicit_vertical_lines": [left] + cuts + [right],
        "horizontal_strategy": "explicit" if row_ruled else "text",
        "explicit_horizontal_lines": rules if row_ruled else [],
        "min_words_horizontal": 1, "text_x_tolerance": 3, "text_y_tolerance": 3, "intersection_tolerance": 5,
    }
    if not row_ruled:
        options.pop("explicit_horizontal_lines")
    words = crop.extract_words()
    grids = []
    for found in crop.find_tables(options):
        if cuts_words(found, words):
            continue
        grid = grid_of(found)
        grid.ruled, grid.framed, grid.size = row_ruled, True, usual_size(crop.chars)
        if not row_ruled:
            spread_group_labels(grid, crop.chars, [left] + cuts + [right], settings)
        grids.append(grid)
    return grids


def header_above_rules(page: Any, first_rule: tuple[float, float, float], row_height: float,
                       settings: TableSettings) -> float | None:
    """Where the header of a table ruled only across starts, when no rule is drawn above it:
    the lines just over the first rule (up to three, a wrapped header) that are set in
    columns (a wide gap between their words). A short piece of a wrapped header cell
    (``18–29`` under ``Ages``) is taken with the line above it. A line of prose above the
    table has no such gap and is left out. None when there is no such line."""
    x0, y, x1 = first_rule
    above = page.crop(clamped((x0, max(y - 3 * row_height, 0), x1, y), page))
    top = None
    reach = y
    for line in sorted(chars_to_lines(above.chars), key=lambda ln: -ln[0]["bottom"])[:3]:
        if reach - line[0]["bottom"] > 1.5 * row_height:
            break
        width = max(c["x1"] for c in line) - min(c["x0"] for c in line)
        if wide_gaps(line, settings):
            top = min(c["top"] for c in line) - 1
        elif width > 0.3 * (x1 - x0):
            break
        reach = min(c["top"] for c in line)
    return top


def rows_below_rules(page: Any, last_rule: tuple[float, float, float], row_height: float,
                     settings: TableSettings) -> float | None:
    """Where a table ruled only across ends when its last row stands under its last rule (an
    ``n =`` row under a thin rule): the lines just below it that are set in columns, up to
    two. A source line or a note under the table has no wide gap and is left out."""
    x0, y, x1 = last_rule
    below = page.crop(clamped((x0, y, x1, y + 3 * row_height), page))
    end = None
    for line in sorted(chars_to_lines(below.chars), key=lambda ln: ln[0]["top"])[:2]:
        reach = y if end is None else end
        if min(c["top"] for c in line) - reach > 1.5 * row_height or not wide_gaps(line, settings):
            break
        end = max(c["bottom"] for c in line) + 1
    return end


def is_full_row(line: list[dict[str, Any]], cuts: list[float], settings: TableSettings) -> bool:
    """Whether a line fills (nearly) every column and holds a figure: a row of its own, never
    the second line of a wrapped cell."""
    phrases = line_phrases(line, settings)
    return len(phrases) >= max(2, len(cuts)) and any(is_numeric(text) for _, _, text in phrases)


def text_grids(page: Any, band: tuple[float, float, float, float], settings: TableSettings) -> list[Grid]:
    """Unruled tables in a band of aligned lines: the columns are cut at the gutters that
    every aligned row leaves blank (pdfplumber's ``text`` strategy would cut inside a
    right-aligned header of several words), the rows at each line of text."""
    x0, top, x1, bottom = band
    crop = page.crop((max(x0 - 2, 0), max(top - 2, 0), min(x1 + 2, page.width), min(bottom + 2, page.height)))
    if is_mathematics(crop.chars, settings):
        return []
    cuts = column_cuts(crop.chars, settings)
    if not cuts:
        return []
    # the outer lines hug the glyphs: the text strategy's row edges end where the words do
    left = min(c["x0"] for c in crop.chars) - 1
    right = max(c["x1"] for c in crop.chars) + 1
    options = {
        "vertical_strategy": "explicit", "horizontal_strategy": "text",
        "explicit_vertical_lines": [left] + cuts + [right],
        "min_words_horizontal": 1, "text_x_tolerance": 3, "text_y_tolerance": 3, "intersection_tolerance": 5,
    }
    words = crop.extract_words()
    found_tables = [f for f in crop.find_tables(options) if fits_words(f, words, page, settings)]
    if not found_tables:
        # gutters too narrow to be blank in every row (a dense tax table in 7 pt): columns
        # from the words' shared edges, pdfplumber's own text strategy
        fallback = {**options, "vertical_strategy": "text", "min_words_vertical": settings.min_rows}
        fallback.pop("explicit_vertical_lines")
        return [unruled(grid_of(f), crop.chars) for f in crop.find_tables(fallback) if fits_words(f, words, page, settings)]
    grids = []
    for found in found_tables:
        grid = grid_of(found)
        side = prose_column_side(grid.rows)
        if side and len(cuts) > 1 and runs_on_past(page, band, (cuts[-1], x1) if side == "right" else (x0, cuts[0])):
            # the lines of the next page column share the table's baselines: leave them out
            narrowed = (x0, top, cuts[-1], bottom) if side == "right" else (cuts[0], top, x1, bottom)
            grids += text_grids(page, narrowed, settings)
            continue
        grid = unruled(grid, crop.chars)
        spread_group_labels(grid, crop.chars, [left] + cuts + [right], settings)
        grids.append(grid)
    return grids


def fits_words(found: Any, words: list[dict[str, Any]], page: Any, settings: TableSettings) -> bool:
    """Whether a text grid's columns leave the words whole: prose cut into columns is cut
    through its words, set word against word, or framed by a box whose border cuts it."""
    return not (cuts_words(found, words) or has_narrow_gutter(found, words, settings) or cuts_through_prose(found, page))


def unruled(grid: Grid, chars: Sequence[dict[str, Any]]) -> Grid:
    """Mark a grid as read from text lines, with the usual type size of its glyphs."""
    grid.ruled = False
    grid.size = usual_size(chars)
    return grid


def spread_group_labels(grid: Grid, chars: Sequence[dict[str, Any]], edges: list[float], settings: TableSettings) -> None:
    """Read again the header rows above the lowest one of a grid of text lines, phrase by
    phrase, and give each group label the columns it stands over.

    The text strategy puts a label in the one column under its middle (or cuts it where it
    crosses a column edge), so ``Fiscal year 2022`` over four columns and ``Adults`` over two
    would head one each. Each column of figures goes to the label of its line whose middle
    is nearest; the label stands in the first of its columns and the others are marked as
    covered (``left``), as a merged cell of a ruled grid is, so the header is flattened as
    ``Fiscal year 2022 / Adults / Held``.
    """
    rows, tops = grid.rows, grid.row_tops
    first_figures = next((r for r, row in enumerate(rows) if any(c and is_numeric(c) for c in row)), 0)
    if first_figures < 2 or len(tops) != len(rows):
        return
    width = len(edges) - 1
    middles = [(edges[c] + edges[c + 1]) / 2 for c in range(width)]
    figures = {c for row in rows[first_figures:] for c, cell in enumerate(row) if cell and is_numeric(cell)}
    header_rows = [r for r in range(first_figures) if any(rows[r])]
    for r in header_rows[:-1]:  # the lowest header line names its columns one by one
        end = tops[r + 1] if r + 1 < len(tops) else tops[r] + 1000
        line = [ch for ch in chars if tops[r] - 1 <= (ch["top"] + ch["bottom"]) / 2 < end and ch["text"].strip()]
        phrases = line_phrases(sorted(line, key=lambda ch: ch["x0"]), settings)
        centres = [(a + b) / 2 for a, b, _ in phrases]
        homes = {c for c in range(width) for x in centres if edges[c] <= x < edges[c + 1]}
        if not phrases or (len(homes) == len(phrases) and figures <= homes):
            continue  # a label over each column: a header line of its own level, not groups
        owners: list[int | None] = []
        for c in range(width):
            nearest = min(range(len(phrases)), key=lambda i: abs(centres[i] - middles[c]))
            inside = edges[c] <= centres[nearest] < edges[c + 1]
            owners.append(nearest if c in figures or inside else None)
        rows[r] = [None if c and owner is not None and owners[c - 1] == owner else
                   (phrases[owner][2] if owner is not None else "") for c, owner in enumerate(owners)]
        grid.spans[r] = ["left" if cell is None else "" for cell in rows[r]]


def line_phrases(line: list[dict[str, Any]], settings: TableSettings) -> list[tuple[float, float, str]]:
    """A line's phrases, split at gaps as wide as a column gutter: (x0, x1, text)."""
    phrases: list[list[Any]] = []
    for char in line:
        size = max(char.get("size") or 0, 1.0)
        if phrases and char["x0"] - phrases[-1][1] < max(settings.min_column_gap, settings.min_gap_ems * size):
            gap = char["x0"] - phrases[-1][1]
            phrases[-1][2] += (" " if gap > 0.2 * size else "") + char["text"]
            phrases[-1][1] = max(phrases[-1][1], char["x1"])
        else:
            phrases.append([char["x0"], char["x1"], char["text"]])
    return [(a, b, " ".join(text.split())) for a, b, text in phrases]


def usual_size(chars: Sequence[dict[str, Any]]) -> float:
    """The median type size of some glyphs (0 when there are none)."""
    sizes = sorted(c.get("size") or 0 for c in chars if c["text"].strip())
    return float(sizes[len(sizes) // 2]) if sizes else 0.0


def runs_on_past(page: Any, band: tuple[float, float, float, float], column: tuple[float, float]) -> bool:
    """Whether full lines of text stand right above or below the band within ``column``:
    the neighbouring page column's paragraph goes on past the table, where a table's own
    column of wrapped labels stops with the table."""
    x0, top, x1, bottom = band
    left, right = column
    reach = 3 * max(12.0, (bottom - top) / 10)
    for area in ((left, max(top - reach, 0), right, top - 1), (left, bottom + 1, right, min(bottom + reach, page.height))):
        if area[3] <= area[1]:
            continue
        # glyphs of the whole width: a paragraph that runs across the table's columns
        # does not stay inside one of them
        wide = page.crop(clamped((x0, area[1], x1, area[3]), page)).chars
        for line in chars_to_lines(wide):
            start, end = min(c["x0"] for c in line), max(c["x1"] for c in line)
            if start >= left - 2 and end <= right + 2 and end - start >= 0.6 * (right - left):
                return True
    return False


def prose_column_side(rows: list[list[str | None]]) -> str | None:
    """Which outer column ("left" or "right") is a column of prose beside the table: its
    lines run on between the table's rows, where every other cell is empty, and they are
    phrases of several words."""
    width = max((len(row) for row in rows), default=0)
    if width < 3:
        return None
    for side, c in (("right", width - 1), ("left", 0)):
        cells = [row[c] for row in rows if c < len(row) and row[c]]
        alone = sum(1 for row in rows if c < len(row) and row[c] and not any(v for i, v in enumerate(row) if i != c))
        words = sum(len(cell.split()) for cell in cells)
        if cells and (alone >= 2 and words >= 4 * len(cells) or words >= 6 * len(cells)):
            return side
    return None


MATH_FONT = re.compile(r"(?:^|\+)(?:CMMI|CMSY|CMEX|MSAM|MSBM|EUFM|RSFS|LMMathItalic|LMMathSymbols|STIXMath|CambriaMath)"
                       r"|Math", re.IGNORECASE)
"""Fonts that set mathematics (TeX's math italic, symbols and extensions, their Latin Modern
and STIX heirs, Cambria Math): displayed formulas align like columns, yet are no table."""


def is_mathematics(chars: Sequence[dict[str, Any]], settings: TableSettings) -> bool:
    """Whether enough of a region's glyphs are set in math fonts to make it formulas."""
    glyphs = [c for c in chars if c["text"].strip()]
    math = sum(1 for c in glyphs if MATH_FONT.search(c.get("fontname", "")))
    return bool(glyphs) and math > settings.max_math_share * len(glyphs)


def column_cuts(chars: Sequence[dict[str, Any]], settings: TableSettings) -> list[float]:
    """Where to cut a band of aligned lines into columns: in each gutter left blank by
    every row with enough wide gaps, at the middle of its widest stretch that no word of
    the other lines (headers, wrapped cells) crosses, or at its middle when a header
    spans it."""
    lines = chars_to_lines(chars)
    need = settings.min_columns - 1
    rows = [line for line in lines if len(wide_gaps(line, settings)) >= need]
    if len(rows) < settings.min_rows:
        return []
    others = [word for line in lines if not any(line is row for row in rows) for word in line_words(line)]
    cuts = []
    for a, b in common_gutters(rows, settings):
        free = [f for f in free_stretches((a, b), others) if f[1] - f[0] >= settings.min_column_gap / 2]
        # no room beside the other lines' words: a group label spans the gutter, cut under it
        left, right = max(free, key=lambda f: f[1] - f[0]) if free else (a, b)
        cuts.append(round((left + right) / 2, 2))
    return cuts


def line_words(line: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """The x extents of a line's words: glyphs closer than a third of their size."""
    words: list[list[float]] = []
    for char in line:
        if words and char["x0"] - words[-1][1] < 0.33 * max(char.get("size", 0) or 0, 1.0):
            words[-1][1] = max(words[-1][1], char["x1"])
        else:
            words.append([char["x0"], char["x1"]])
    return [(a, b) for a, b in words]


def free_stretches(gutter: tuple[float, float], words: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of a gutter that no word covers.

    >>> free_stretches((10, 30), [(5, 14), (20, 22)])
    [(14, 20), (22, 30)]
    """
    free = [gutter]
    for w0, w1 in words:
        free = [piece for a, b in free for piece in ((a, min(b, w0)), (max(a, w1), b)) if piece[1] - piece[0] > 0.5]
    return free


def cuts_words(found: Any, words: list[dict[str, Any]]) -> bool:
    """Whether a text-strategy grid's column edges run through words: what it does to prose,
    never to a table whose columns are really aligned."""
    edges = sorted({round(cell[0], 1) for cell in found.cells} | {round(cell[2], 1) for cell in found.cells})
    x0, top, x1, bottom = found.bbox
    inner = [x for x in edges if x0 + 1 < x < x1 - 1]
    inside = [w for w in words if w["top"] >= top - 1 and w["bottom"] <= bottom + 1]
    header = header_bottom(inside, top)
    cut = sum(1 for w in inside if w["bottom"] > header and any(w["x0"] + 1 < x < w["x1"] - 1 for x in inner))
    return cut >= 3 or cut > 0.02 * max(len(inside), 1)


def header_bottom(words: list[dict[str, Any]], top: float) -> float:
    """Where a table's header ends: at the first figure below its top, provided that lies
    within five lines of it. A group label over two columns (``Detained`` over ``2020 |
    2021``) crosses a column cut there, as no word of the body does."""
    figures = [w["top"] for w in words if is_numeric(w["text"])]
    if not figures:
        return top
    first = min(figures)
    height = max((w["bottom"] - w["top"] for w in words), default=0.0)
    return first - 0.5 if first - top <= 6 * height else top


def has_narrow_gutter(found: Any, words: list[dict[str, Any]], settings: TableSettings) -> bool:
    """Whether two of a text-strategy grid's columns are no further apart than a word space.

    Lines of prose that happen to line up word for word (repeated phrases, form letters)
    give one "column" per word; a real table's columns are set apart by a gutter.
    """
    x0, top, x1, bottom = found.bbox
    inside = [w for w in words if w["top"] >= top - 1 and w["bottom"] <= bottom + 1]
    edges = sorted({round(cell[0], 1) for cell in found.cells if x0 + 1 < cell[0] < x1 - 1})
    for edge in edges:
        left = [w["x1"] for w in inside if w["x1"] <= edge + 1]
        right = [w["x0"] for w in inside if w["x0"] >= edge - 1]
        if left and right and min(right) - max(left) < settings.min_column_gap / 2:
            return True
    return False


def grid_of(found: Any) -> Grid:
    """A pdfplumber table as rows of cell text, with where each ``None`` cell's text lives."""
    rows = found.extract()
    spans: list[list[str]] = []
    boxes = [row.cells for row in found.rows]
    read_sideways_cells(rows, boxes, found.page)
    for r, row in enumerate(rows):
        kinds = []
        for c, cell in enumerate(row):
            if cell is not None or boxes[r][c] is not None:
                kinds.append("")
                continue
            left = next((b for b in reversed(boxes[r][:c]) if b is not None), None)
            x_start = column_start(boxes, c)
            kinds.append("left" if left is not None and x_start is not None and left[2] > x_start + 1 else "up")
        spans.append(kinds)
    move_off_slivers(rows, spans, column_widths(boxes))
    return Grid([list(r) for r in rows], spans, tuple(found.bbox), row_tops=[row.bbox[1] for row in found.rows])


def column_widths(boxes: list[list[Any]]) -> list[float]:
    """The width of each column of a pdfplumber grid, from the cells that cover it alone."""
    widths: list[float] = []
    for c in range(max((len(row) for row in boxes), default=0)):
        starts = [row[c][0] for row in boxes if c < len(row) and row[c] is not None]
        ends = [row[c + 1][0] for row in boxes if c + 1 < len(row) and row[c + 1] is not None]
        ends += [row[c][2] for row in boxes if c < len(row) and row[c] is not None and (c + 1 >= len(row))]
        widths.append(min(ends) - max(starts) if starts and ends else 0.0)
    return widths


def move_off_slivers(rows: list[list[str | None]], spans: list[list[str]], widths: list[float]) -> None:
    """Put a body cell's text in the main column of its span when the rest of the span is
    slivers: a Word table shades its header cells with fills set a few points inside their
    borders, whose edges cut every column into a sliver, the column and a sliver, so that a
    figure under ``Oui`` would land in the sliver before it and slide under the wrong head.

    >>> rows = [["", "Oui", ""], ["88", None, None]]
    >>> spans = [["", "", ""], ["", "left", "left"]]
    >>> move_off_slivers(rows, spans, [5.0, 105.0, 5.0]); rows[1], spans[1]
    (['', '88', None], ['', '', 'left'])
    """
    for r in range(1, len(rows)):
        for c, text in enumerate(rows[r]):
            if text is None or spans[r][c]:
                continue
            end = c + 1
            while end < len(rows[r]) and spans[r][end] == "left":
                end += 1
            if end - c < 2 or end > len(widths):
                continue
            main = max(range(c, end), key=lambda i: widths[i])
            if main != c and all(widths[i] <= 0.25 * widths[main] for i in range(c, end) if i != main):
                rows[r][main], rows[r][c] = text, ""
                spans[r][main] = ""
                for i in range(c + 1, main):
                    spans[r][i], rows[r][i] = "", ""


def read_sideways_cells(rows: list[list[str | None]], boxes: list[list[Any]], page: Any) -> None:
    """Give each cell set wholly sideways (a narrow column's header turned 90°) its text
    in reading order: pdfplumber's own reading spells it backwards (``LTCBOJ*``)."""
    rotated = getattr(page, "rotated", None)
    if rotated is None:  # a pdfplumber page keeps every glyph in ``chars``
        rotated = [c for c in page.chars if not c.get("upright", True)]
    if not rotated:
        return
    upright = [ch for ch in page.chars if ch.get("upright", True)]
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            sideways = chars_inside(rotated, box) if box is not None else []
            if sideways and not chars_inside(upright, box):
                rows[r][c] = sideways_text(sideways)


def column_start(boxes: list[list[Any]], c: int) -> float | None:
    starts = [row[c][0] for row in boxes if c < len(row) and row[c] is not None]
    return min(starts) if starts else None


def aligned_bands(chars: Sequence[dict[str, Any]], settings: TableSettings,
                  lines: list[list[dict[str, Any]]] | None = None) -> list[tuple[float, float, float, float]]:
    """Bands of the page whose lines show aligned columns, as (x0, top, x1, bottom); empty
    when no run of lines has enough wide gaps, so that prose pages skip the text strategy.

    The test is cheap: glyphs are grouped into lines by their bottom, and a line counts when
    it has ``min_columns - 1`` gaps wider than a gutter. A band is a run of ``min_rows`` such
    lines, plus the header lines just above it.
    """
    lines = lines if lines is not None else chars_to_lines(chars)
    gaps = [wide_gaps(line, settings) for line in lines]
    need = settings.min_columns - 1
    bands = []
    index = 0
    while index < len(lines):
        if len(gaps[index]) < need:
            index += 1
            continue
        run = [index]
        cursor = index + 1
        while cursor < len(lines):
            # measured from the line before, so that a wrapped cell's second line keeps the run
            height = line_height(lines[run[-1]])
            if lines[cursor][0]["top"] - lines[cursor - 1][0]["top"] > settings.max_row_gap_lines * height:
                break
            if len(gaps[cursor]) >= need and aligned(gaps[cursor], gaps[run[0]]):
                run.append(cursor)
            elif cursor - run[-1] > 2 or not any(len(gaps[k]) >= need for k in range(cursor + 1, min(cursor + 3, len(lines)))):
                break  # a cell wrapped onto two or three lines may sit between rows, not prose
            cursor += 1
        if len(run) >= settings.min_rows and len(common_gutters([lines[i] for i in run], settings)) >= need:
            first = run[0]
            for _ in range(settings.header_lines_above):
                above = first - 1
                if above < 0 or not gaps[above]:
                    break
                if lines[first][0]["top"] - lines[above][0]["top"] > settings.max_row_gap_lines * line_height(lines[above]):
                    break
                first = above
            members = [c for i in range(first, run[-1] + 1) for c in lines[i]]
            bands.append((min(c["x0"] for c in members), min(c["top"] for c in members),
                          max(c["x1"] for c in members), max(c["bottom"] for c in members)))
            index = run[-1] + 1
        else:
            index += 1
    return bands


def figure_column_bands(lines: list[list[dict[str, Any]]], settings: TableSettings) -> list[tuple[float, float, float, float]]:
    """Bands of a two-column table without rules, among a page's lines (:func:`chars_to_lines`):
    at least ``min_rows + 1`` lines in a row, each a label and a figure set apart by one
    gutter they share (``Mexico ... 41,210``), under a header line with the same gutter. Two
    columns of prose never end every line in a figure, so a two-column page gives none.
    """
    bands = []
    index = 0
    while index < len(lines):
        run = [index]
        cursor = index + 1
        while cursor < len(lines) and is_label_and_figure(lines[cursor], settings):
            if lines[cursor][0]["top"] - lines[cursor - 1][0]["top"] > settings.max_row_gap_lines * line_height(lines[cursor - 1]):
                break
            run.append(cursor)
            cursor += 1
        body = run[1:]
        header = lines[index]
        if (len(body) >= settings.min_rows + 1 and len(wide_gaps(header, settings)) == 1
                and not is_label_and_figure(header, settings)
                and len(common_gutters([lines[i] for i in run], settings)) == 1):
            members = [c for i in run for c in lines[i]]
            bands.append((min(c["x0"] for c in members), min(c["top"] for c in members),
                          max(c["x1"] for c in members), max(c["bottom"] for c in members)))
            index = cursor
        else:
            index += 1
    return bands


def is_label_and_figure(line: list[dict[str, Any]], settings: TableSettings) -> bool:
    """Whether a line is words, one wide gap, then a figure: a row of a two-column table."""
    gaps = wide_gaps(line, settings)
    if len(gaps) != 1:
        return False
    right = "".join(c["text"] for c in line if c["x0"] >= gaps[0][1] - 0.5).strip()
    left = "".join(c["text"] for c in line if c["x1"] <= gaps[0][0] + 0.5)
    return is_numeric(right) and any(ch.isalpha() for ch in left)


def common_gutters(lines: list[list[dict[str, Any]]], settings: TableSettings) -> list[tuple[float, float]]:
    """The x intervals left blank by every line: the gutters of real columns. Two prose
    columns share one (the page gutter) however wide their word spaces are."""
    left = min(line[0]["x0"] for line in lines)
    right = max(max(c["x1"] for c in line) for line in lines)
    free = [(left, right)]
    for line in lines:
        taken = [(c["x0"], c["x1"]) for c in line]
        narrowed = []
        for a, b in free:
            cuts = sorted((x0, x1) for x0, x1 in taken if x0 < b and x1 > a)
            start = a
            for x0, x1 in cuts:
                if x0 > start:
                    narrowed.append((start, x0))
                start = max(start, x1)
            if start < b:
                narrowed.append((start, b))
        free = narrowed
    # wider than a word space, which is 0.6 em in a typewriter face (4.8 pt at 8 pt Courier)
    least = max(settings.min_column_gap / 2, 0.65 * usual_size([c for line in lines for c in line]))
    return [(a, b) for a, b in free if b - a >= least and left < a and b < right]


def chars_to_lines(chars: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    ordered = sorted((c for c in chars if c.get("upright", True) and c["text"].strip()), key=lambda c: (round(c["bottom"]), c["x0"]))
    lines: list[list[dict[str, Any]]] = []
    for char in ordered:
        if lines and abs(lines[-1][0]["bottom"] - char["bottom"]) <= 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def wide_gaps(line: list[dict[str, Any]], settings: TableSettings) -> list[tuple[float, float]]:
    found = []
    for left, right in zip(line, line[1:]):
        gap = right["x0"] - left["x1"]
        if gap >= settings.min_column_gap and gap >= settings.min_gap_ems * max(left["size"], right["size"]):
            found.append((left["x1"], right["x0"]))
    return found


def aligned(gaps: list[tuple[float, float]], reference: list[tuple[float, float]]) -> bool:
    """Whether two lines share at least two gutters (overlapping gaps)."""
    shared = sum(1 for a in gaps if any(a[0] < b[1] and b[0] < a[1] for b in reference))
    return shared >= min(2, len(gaps))


def line_height(line: list[dict[str, Any]]) -> float:
    return max(c["bottom"] - c["top"] for c in line)


def overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def group_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if lines and abs(lines[-1][0]["bottom"] - word["bottom"]) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


# --- cleaning grids ----------------------------------------------------------------------


def clean_grid(grid: Grid, page_number: int, settings: TableSettings, normalize: NormalizeSettings,
               stats: Counter[str]) -> Table | None:
    """Cells joined and repaired, spans resolved, spacers dropped, header found; None when
    what the strategy found is not a table."""
    raw, spans = split_stacked_rows(grid.rows, grid.spans or [[""] * len(row) for row in grid.rows])
    rows = [[join_cell(cell, normalize, stats) for cell in row] for row in raw]
    if not grid.ruled and len(grid.row_tops) == len(rows):
        # the header's lines are left to the header rules (group labels, a wrapped header)
        head = next((r for r, row in enumerate(rows) if any(is_numeric(cell) for cell in row if cell)), 0)
        body, body_spans = join_continuation_rows(rows[head:], spans[head:], grid.row_tops[head:], grid.size)
        rows, spans = rows[:head] + body, spans[:head] + body_spans
        # the text strategy leaves a blank row between lines: gone before the header is counted
        kept = [r for r, row in enumerate(rows) if any(row)]
        rows, spans = [rows[r] for r in kept], [spans[r] for r in kept]
    header_count = count_header_rows(rows, spans, settings)
    for r in range(len(rows)):
        labels = group_label_columns(spans[r]) if r > header_count else 0
        for c in range(len(rows[r])):
            kind = spans[r][c] if c < len(spans[r]) else ""
            if r < header_count and kind == "left" and c > 0:
                rows[r][c] = rows[r][c - 1]
            elif r < header_count and kind == "up" and r > 0 or c < labels:
                rows[r][c] = rows[r - 1][c]
    keep_rows = [r for r, row in enumerate(rows) if any(row)]
    keep_cols = [c for c in range(max((len(r) for r in rows), default=0))
                 if any(c < len(row) and row[c] for row in rows) and not spread_copy(rows, c, header_count)]
    header_count = sum(1 for r in keep_rows if r < header_count)
    rows = [[rows[r][c] if c < len(rows[r]) else "" for c in keep_cols] for r in keep_rows]
    rows = fold_interleaved_columns(rows, header_count)
    rows, header_count = drop_repeated_rows(rows, header_count)
    if not grid.ruled and header_count <= 1:
        joined = join_wrapped_header(rows)
        header_count = 1 if len(joined) < len(rows) else header_count
        rows = joined
    if header_count > 1:
        rows = [flatten_header(rows[:header_count])] + rows[header_count:]
    if not grid.ruled:
        rows = carry_group_labels(rows, 1 if header_count else 0)
    if not looks_like_table(rows, grid.ruled, settings, framed=grid.framed):
        return None
    x0, top, x1, bottom = grid.bbox
    return Table(
        rows=tuple(tuple(row) for row in rows), pages=(page_number,), has_header=header_count > 0,
        box=Box(x0, top, x1, bottom), page_order=top,
    )


def group_label_columns(kinds: list[str]) -> int:
    """How many leading cells of a body row are covered by a cell merged down from above,
    the rest of the row having cells of its own: a group label (``1991`` over its ``Men``,
    ``Women``, ``Total`` rows) that each of its rows carries, so that every CSV row stands
    alone. A row shifted under merged cells all along (the EU CDS table) has none.

    >>> group_label_columns(["up", "", "", ""]), group_label_columns(["up", "", "up", ""])
    (1, 0)
    """
    count = 0
    while count < len(kinds) and kinds[count] == "up":
        count += 1
    return count if count < len(kinds) and "up" not in kinds[count:] else 0


def join_continuation_rows(rows: list[list[str]], spans: list[list[str]], tops: list[float], size: float = 0.0
                           ) -> tuple[list[list[str]], list[list[str]]]:
    """Join the lines of one row of an unruled table whose cells wrap.

    Where rows are set apart by more than a line's leading, lines one leading apart
    (at most 1.35 type sizes) belong to one row, whichever cells they fill: a label in two
    lines beside figures centred on its second line is one row. Where rows are set as
    tight as lines, a line joins the row above only when it carries on that row's text
    cells: no figure, only cells the row fills with words, and closer under it than rows
    stand apart, or going on in lower case. A section label (``Northern region``) opens
    rows of its own.

    >>> join_continuation_rows([["Held on a", "4,102"], ["detainer", ""], ["Stopped", "1,877"]],
    ...                        [["", ""]] * 3, [100.0, 110.5, 126.0], 9.0)
    ([['Held on a detainer', '4,102'], ['Stopped', '1,877']], [['', ''], ['', '']])
    """
    filled = [r for r, row in enumerate(rows) if any(row)]
    gaps = [tops[b] - tops[a] for a, b in zip(filled, filled[1:])]
    leading = size * 1.35
    if size and gaps and min(gaps) <= leading and max(gaps) >= 1.25 * min(gaps):
        return join_close_lines(rows, spans, tops, min(leading, 0.5 * (min(gaps) + max(gaps))))
    full = [r for r in filled if sum(1 for cell in rows[r] if cell) >= 2]
    pitches = [tops[b] - tops[a] for a, b in zip(full, full[1:])]
    pitch = min(pitches) if pitches else None
    out: list[list[str]] = []
    out_spans: list[list[str]] = []
    last_top: float | None = None
    for r, row in enumerate(rows):
        if not any(row):
            out.append(row)
            out_spans.append(spans[r])
            continue
        previous = next((i for i in range(len(out) - 1, -1, -1) if any(out[i])), None)
        if previous is not None and last_top is not None and continues_row(out[previous], row, tops[r] - last_top, pitch):
            out[previous] = [join_line(a, b)[0] if a and b else a or b for a, b in zip(out[previous], row)]
        else:
            out.append(row)
            out_spans.append(spans[r])
        last_top = tops[r]
    return out, out_spans


def join_close_lines(rows: list[list[str]], spans: list[list[str]], tops: list[float], within: float
                     ) -> tuple[list[list[str]], list[list[str]]]:
    """Rows of lines: each line no further than ``within`` below the line before joins its
    row, cell by cell."""
    out: list[list[str]] = []
    out_spans: list[list[str]] = []
    last_top: float | None = None
    widest = max((sum(1 for cell in row if cell) for row in rows), default=0)
    for r, row in enumerate(rows):
        if not any(row):
            continue
        if out and last_top is not None and tops[r] - last_top <= within and one_row(out[-1], row, widest):
            out[-1] = [join_line(a, b)[0] if a and b else a or b for a, b in zip(out[-1], row)]
        else:
            out.append(list(row))
            out_spans.append(spans[r])
        last_top = tops[r]
    return out, out_spans


def one_row(above: list[str], line: list[str], widest: int) -> bool:
    """Whether two close lines can be one row: one of them leaves cells empty (a wrapped
    cell's other line), and no column has a figure on both (a dense table's rows, set one
    leading apart, are full and stack figures)."""
    filled = [sum(1 for cell in row if cell) for row in (above, line)]
    if min(filled) >= widest:
        return False
    return not any(a and b and is_numeric(a) and is_numeric(b) for a, b in zip(above, line))


def continues_row(above: list[str], row: list[str], distance: float, pitch: float | None) -> bool:
    """Whether ``row`` is the next line of the cells of ``above`` (see :func:`join_continuation_rows`)."""
    cells = [(c, cell) for c, cell in enumerate(row) if cell]
    if not cells or any(is_numeric(cell) or not above[c] or is_numeric(above[c]) for c, cell in cells):
        return False
    if sum(1 for cell in above if cell) < 2:
        return False  # under a section label or another lone line: not a wrapped cell
    lower = cells[0][1][:1].islower()
    return lower or (pitch is not None and distance < 0.85 * pitch)


def spread_copy(rows: list[list[str]], c: int, header_count: int) -> bool:
    """Whether column ``c`` holds nothing but a copy of its neighbour's header, spread over it
    from a merged header cell, and no figure or word below: a sliver the rulings left, not a
    column (``Synthèse des résultats`` over three sub-columns, one of which holds the body).

    >>> spread_copy([["Total", "Total"], ["", "12"]], 0, 1), spread_copy([["Total", "Total"], ["3", "12"]], 0, 1)
    (True, False)
    """
    if not header_count or any(c < len(row) and row[c] for row in rows[header_count:]):
        return False
    head = [row[c] if c < len(row) else "" for row in rows[:header_count]]
    for other in (c - 1, c + 1):
        if 0 <= other < len(rows[0]) and head == [row[other] if other < len(row) else "" for row in rows[:header_count]]:
            return any(other < len(row) and row[other] for row in rows[header_count:])
    return False


def carry_group_labels(rows: list[list[str]], header_count: int) -> list[list[str]]:
    """Give each row of a group the label printed only on its first row: with two columns of
    labels (``Africa | Eastern``, then ``| Western``), a first cell left blank beside a
    label and figures means the group above, so every CSV row stands alone.

    >>> carry_group_labels([["", "", "Men"], ["Africa", "Eastern", "1,204"], ["", "Western", "988"]], 1)
    [['', '', 'Men'], ['Africa', 'Eastern', '1,204'], ['Africa', 'Western', '988']]
    """
    body = rows[header_count:]
    if not body or min(len(row) for row in body) < 3:
        return rows
    stub = all(not is_numeric(row[1]) for row in body if row[1]) and any(not row[0] for row in body)
    if not stub or not all(row[0] and row[1] for row in body[:1]):
        return rows
    out = [list(row) for row in rows]
    for r in range(header_count + 1, len(out)):
        row = out[r]
        if not row[0] and row[1] and any(is_numeric(cell) for cell in row[2:] if cell):
            row[0] = out[r - 1][0]
    return out


def join_wrapped_header(rows: list[list[str]]) -> list[list[str]]:
    """Join the lines of an unruled table's header that wrapped (``Average daily`` over
    ``population``): the text strategy gives each line a row. The top row names every
    column but the first, the lines under it hold no figures and sit only under named
    columns, and the first row of figures comes right after.

    >>> join_wrapped_header([["Office", "Average daily", "Held on"], ["", "population", "bond"], ["Dallas", "3,480", "655"]])
    [['Office', 'Average daily population', 'Held on bond'], ['Dallas', '3,480', '655']]
    """
    first_figures = next((r for r, row in enumerate(rows) if any(is_numeric(cell) for cell in row if cell)), 0)
    if not 2 <= first_figures <= 3 or not all(rows[0][1:]):
        return rows
    wrapped = rows[1:first_figures]
    if any(is_numeric(cell) for row in wrapped for cell in row if cell):
        return rows
    if any(not any(row[1:]) for row in wrapped):
        return rows  # a line in the first column only is a section label (Northern region)
    header = list(rows[0])
    for row in wrapped:
        units = all(UNITS.match(cell) for cell in row if cell)  # (thousands) under each head
        for c, cell in enumerate(row):
            if cell and units and header[c]:
                header[c] = f"{header[c]} / {cell}"
            elif cell:
                header[c], _ = join_line(header[c], cell) if header[c] else (cell, None)
    return [header] + rows[first_figures:]


UNITS = re.compile(r"^\([^()]*\)$")
"""A header line of units in parentheses (``(thousands)``, ``(%)``): a header row of its
own, flattened as ``Arrivals / (thousands)``, not the rest of a wrapped head."""


def fold_interleaved_columns(rows: list[list[str]], header_count: int) -> list[list[str]]:
    """Merge neighbouring columns that never both hold a cell in one row: a grid whose
    rows were drawn shifted by half a column (the EU CDS table) comes out of pdfplumber
    with every other cell empty.

    >>> fold_interleaved_columns([["", "Germany", "", "Spain"], ["Q2", "", "0.3", ""]], 0)
    [['Germany', 'Spain'], ['Q2', '0.3']]
    """
    if not rows:
        return rows
    c = 0
    while c < len(rows[0]) - 1:
        if all(not (row[c] and row[c + 1]) for row in rows) and all(any(row[i] for row in rows) for i in (c, c + 1)):
            rows = [row[:c] + [row[c] or row[c + 1]] + row[c + 2:] for row in rows]
        c += 1
    return rows


def drop_repeated_rows(rows: list[list[str]], header_count: int) -> tuple[list[list[str]], int]:
    """Drop a row identical to the one before it (a row drawn twice)."""
    out: list[list[str]] = []
    for index, row in enumerate(rows):
        if out and row == out[-1]:
            header_count -= 1 if index < header_count else 0
            continue
        out.append(row)
    return out, header_count


def join_cell(cell: str | None, normalize: NormalizeSettings, stats: Counter[str]) -> str:
    """A cell's lines as one repaired string; a line-end hyphen is rejoined as in the body.

    >>> join_cell("Immi-\\ngration\\ncourt", NormalizeSettings(), Counter())
    'Immigration court'
    """
    if not cell:
        return ""
    text = ""
    for line in cell.split("\n"):
        text, _ = join_line(text, clean_line_text(line, normalize, stats))
    return text


def split_stacked_rows(rows: list[list[str | None]], spans: list[list[str]]
                       ) -> tuple[list[list[str | None]], list[list[str]]]:
    r"""Split a row whose figure cells each hold the same number (2+) of one-line values: a
    ruled table whose rows within a group were not ruled comes out of pdfplumber as one
    tall row. Cells of words to the left of the figures go along when they hold one line
    per value (row labels) or a single line (the group's label, carried by each row).

    >>> split_stacked_rows([["2019", "Men\nWomen", "1,204\n388", "20.5%\n19.7%"]], [["", "", "", ""]])
    ([['2019', 'Men', '1,204', '20.5%'], [None, 'Women', '388', '19.7%']], [['', '', '', ''], ['up', '', '', '']])
    """
    out: list[list[str | None]] = []
    out_spans: list[list[str]] = []
    for row, kinds in zip(rows, spans):
        depth = stacked_depth(row)
        if depth is None:
            out.append(list(row))
            out_spans.append(kinds)
            continue
        parts = [cell.split("\n") if cell else [] for cell in row]
        for i in range(depth):
            cells: list[str | None] = []
            cell_kinds: list[str] = []
            for part in parts:
                if len(part) == depth:
                    cells.append(part[i])
                    cell_kinds.append("")
                elif part and i > 0:  # the group's label, said once in the first row
                    cells.append(None)
                    cell_kinds.append("up")
                else:
                    cells.append(part[0] if part else "")
                    cell_kinds.append("")
            out.append(cells)
            out_spans.append(cell_kinds)
    return out, out_spans


def stacked_depth(row: list[str | None]) -> int | None:
    """How many rows a tall row stacks, or None when it is an ordinary row: at least two
    figure cells with the same number (2+) of one-line values, every figure cell alike, and
    only label cells (one line per value, or one line) to the left of the first figure."""
    parts = [cell.split("\n") if cell else [] for cell in row]
    stacked = [c for c, p in enumerate(parts) if len(p) > 1 and all(STACKED_VALUE.match(v) for v in p)]
    depth = max((len(parts[c]) for c in stacked), default=0)
    figures = [c for c in stacked if len(parts[c]) == depth]
    if len(figures) < 2:
        return None
    for c, p in enumerate(parts):
        if p and c not in figures and (c > figures[0] or len(p) not in (1, depth)):
            return None
    return depth


def is_numeric(cell: str) -> bool:
    """A figure as printed (a footnote marker on it does not count), not a year."""
    cell = KNOWN_MARKER.sub("", cell)
    return bool(NUMBER.match(cell)) and not YEAR.match(cell)


def count_header_rows(rows: list[list[str]], spans: list[list[str]], settings: TableSettings) -> int:
    """How many rows at the top are header rows: text over a body with numbers (or, in a
    table of words, a top row whose cells never recur below); a row under merged cells
    (``2019`` spanning ``Held | Released``) is a header row too."""
    if len(rows) < 2:
        return 0
    first = [cell for cell in rows[0] if cell]
    if not first or any(is_numeric(cell) for cell in first):
        return 0
    body_numeric = any(is_numeric(cell) for row in rows[1:] for cell in row if cell)
    if not body_numeric and not distinct_first_row(rows):
        return 0
    count = 1
    while count < min(settings.max_header_rows, len(rows) - 1):
        merged_above = "left" in spans[count - 1] or "up" in spans[count]
        cells = [cell for cell in rows[count] if cell]
        if not merged_above or not cells or any(is_numeric(cell) for cell in cells):
            break
        count += 1
    return count



def distinct_first_row(rows: list[list[str]]) -> bool:
    """Without numbers, the top row is a header only when none of its cells recurs below."""
    below = {cell for row in rows[1:] for cell in row}
    return all(cell not in below for cell in rows[0] if cell) and len(rows) >= 3


def flatten_header(rows: list[list[str]]) -> list[str]:
    """Header rows as one: ``2019`` over ``Held`` gives ``2019 / Held``; a cell merged down
    (``County`` over itself) is said once.

    >>> flatten_header([["County", "2019", "2019"], ["County", "Held", "Released"]])
    ['County', '2019 / Held', '2019 / Released']
    """
    out = []
    for column in zip(*rows):
        parts: list[str] = []
        for part in column:
            if part and part not in parts:
                parts.append(part)
        out.append(" / ".join(parts))
    return out


def is_form(rows: list[list[str]]) -> bool:
    """Whether the grid is a form's ``Label: value`` pairs laid side by side: two or more
    columns (or the first of two) whose every cell is a label ending in a colon, each
    followed by a column of values.

    >>> is_form([["Name:", "Stewart", "Operator:", "CoreCivic"], ["County:", "Stewart", "Beds:", "1,752"]])
    True
    >>> is_form([["County", "Held"], ["Wake", "12"]])
    False
    """
    width = max((len(row) for row in rows), default=0)
    labels = []
    for c in range(width - 1):
        cells = [row[c] for row in rows if c < len(row) and row[c]]
        if len(cells) >= 2 and all(cell.rstrip().endswith(":") for cell in cells):
            labels.append(c)
    return len(labels) >= 2 or (width == 2 and labels == [0])


FILLER_CELL = re.compile(r"^[\s.·•…:;,=+_~^*)(§]+$")
"""A cell of leader dots, bullets, stars, brackets or bare operators: what a contents page,
a dot diagram, a court caption's column of ``)`` or a formula cut into columns gives. Dashes (``–`` for zero) and arrows are data;
a table's few ``*****`` cells stay under the share allowed."""


LEADER_CELL = re.compile(r"(?:\.\s?){3,}\s*[\dIVXLCivxlc,\s–-]*$")
"""A cell that ends in leader dots and page numbers: an entry of a contents page or an
index (``Estimated tax penalty .......25``), laid out in columns but no table."""


def looks_like_table(rows: list[list[str]], ruled: bool, settings: TableSettings, *, framed: bool = False) -> bool:
    """Reject what is not a table: too small, one column, or cells that are sentences."""
    n_cols = max((len(row) for row in rows), default=0)
    least_cols = 2 if ruled or framed else settings.min_columns
    least_rows = 2 if ruled else settings.min_rows
    if n_cols < least_cols or len(rows) < least_rows:
        return False
    cells = [cell for row in rows for cell in row if cell]
    if not cells:
        return False
    long = sum(1 for cell in cells if len(cell.split()) > settings.max_cell_words)
    if long > settings.max_long_cell_share * len(cells):
        return False
    # a chart drawn with rectangles cuts its value labels apart ("20" | ".4")
    fragments = sum(1 for cell in cells if re.fullmatch(r"\.\d+|\d+\.", cell))
    if fragments > 0.1 * len(cells):
        return False
    if ruled and len(cells) < settings.min_ruled_cells:
        return False
    if is_form(rows):
        return False
    symbols = sum(1 for cell in cells if FILLER_CELL.match(cell) or LEADER_CELL.search(cell))
    if symbols > settings.max_symbol_cell_share * len(cells):
        return False  # a contents page or an index, a court caption's brackets, a formula
    if not ruled or framed:
        multi = sum(1 for row in rows if sum(1 for cell in row if cell) >= 2)
        if multi < min(least_rows, len(rows)) or multi < settings.min_row_cell_share * len(rows):
            return False
    if not ruled:
        short = sum(1 for cell in cells if len(cell.split()) <= 4)
        if short < settings.min_short_share * len(cells):
            return False
        # a text-strategy grid over prose cuts words apart: few short cells, many fragments
        filled_share = len(cells) / (n_cols * len(rows))
        if filled_share < 0.5:
            return False
    return True
