"""Putting a page's body rows in reading order.

Column gutters (vertical whitespace bands followed down the page) cut the page into
sections and columns, so two columns are never interleaved; a table row is read across;
Japanese or Chinese set in vertical columns is read top to bottom, right to left.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from pipeline.extract.chars import Char
from pipeline.extract.spelling import make_line
from pipeline.extract.text_lines import COLUMNS_PER_SECTION, SEGMENT_GAP, SPACE_CHARS, PageStats, Row, TextLine
from pipeline.model import Box

# Measures in units of the font size (em) unless named otherwise.
GUTTER_WIDTH = 0.6
"""The narrowest whitespace band between two columns (word spaces are ~0.25 em)."""
PROSE_SHARE = 0.15
"""A row segment at least this share of the text width is a line of prose (for finding
columns); narrower ones are table cells, labels and page numbers."""
BAND_GAP = 3.5
"""Empty space across the whole text width, this tall or taller, between two rows may split
the page into bands: a figure or a table (its glyphs left the body) stands there…"""
BAND_SPAN = 0.6
"""…when something drawn in it spans at least this share of the text's width."""


def split_segments(row: Row, size: float) -> list[tuple[Char, ...]]:
    """Cut a row at gaps wider than :data:`SEGMENT_GAP`: the pieces a gutter can separate."""
    segments: list[list[Char]] = []
    right = None
    for char in row.chars:
        if char.text in SPACE_CHARS:
            if segments:
                segments[-1].append(char)
            continue
        if right is None or char.x0 - right > SEGMENT_GAP * max(size, char.size):
            segments.append([])
        segments[-1].append(char)
        right = char.x1 if right is None else max(right, char.x1)
    return [tuple(s) for s in segments if any(c.text not in SPACE_CHARS for c in s)]


def glyph_extent(chars: Sequence[Char]) -> tuple[float, float]:
    glyphs = [c for c in chars if c.text not in SPACE_CHARS]
    return min(c.x0 for c in glyphs), max(c.x1 for c in glyphs)


@dataclass
class GutterRun:
    """A vertical whitespace band over consecutive rows: a candidate gutter between columns."""

    x0: float
    x1: float
    first_row: int
    last_row: int = -1
    left_widths: list[float] = field(default_factory=list)
    """Width of the segment just left of the band, in each row that has one."""
    right_widths: list[float] = field(default_factory=list)

    def overlaps(self, x0: float, x1: float) -> bool:
        return self.x0 < x1 and x0 < self.x1

    def is_gutter(self, least_width: float) -> bool:
        """Columns of prose on both sides: three lines or more on each, most of them wide
        (table cells, page numbers after dot leaders and list labels are narrow)."""
        if len(self.left_widths) < 3 or len(self.right_widths) < 3:
            return False
        return statistics.median(self.left_widths) >= least_width and statistics.median(self.right_widths) >= least_width


def free_bands(extents: list[tuple[float, float]], left: float, right: float) -> list[tuple[float, float]]:
    """The x-ranges of the text area that no segment of a row covers."""
    bands, cursor = [], left
    for x0, x1 in sorted(extents):
        if x0 > cursor:
            bands.append((cursor, x0))
        cursor = max(cursor, x1)
    if cursor < right:
        bands.append((cursor, right))
    return bands


def find_gutter_runs(row_extents: list[list[tuple[float, float]]], size: float) -> list[GutterRun]:
    """Follow whitespace bands down the page and keep those that separate prose columns.

    A band starts in any row's free space and narrows to what each next row leaves free;
    it ends at the first row that covers it (a title across the columns, a table row).
    Working row by row finds columns in one part of a page (text above a table) and in
    columns whose baselines do not line up (each row then holds one column's line).
    """
    all_extents = [e for extents in row_extents for e in extents]
    if len(all_extents) < 6:
        return []
    left = min(x0 for x0, _ in all_extents)
    right = max(x1 for _, x1 in all_extents)
    narrowest = GUTTER_WIDTH * size
    least_width = max(PROSE_SHARE * (right - left), 6 * size)
    active: list[GutterRun] = []
    runs: list[GutterRun] = []
    for index, extents in enumerate(row_extents):
        free = free_bands(extents, left, right)
        still: list[GutterRun] = []
        for run in active:
            narrowed = [(max(run.x0, f0), min(run.x1, f1)) for f0, f1 in free]
            narrowed = [(a, b) for a, b in narrowed if b - a >= narrowest]
            if not narrowed:
                run.last_row = index - 1
                runs.append(run)
                continue
            run.x0, run.x1 = max(narrowed, key=lambda band: band[1] - band[0])
            if any(other.overlaps(run.x0, run.x1) for other in still):
                continue  # an older band already follows this whitespace
            still.append(run)
        for f0, f1 in free:
            if f1 - f0 >= narrowest and not any(r.overlaps(f0, f1) for r in still):
                still.append(GutterRun(f0, f1, index))
        for run in still:
            lefts = [x1 - x0 for x0, x1 in extents if x1 <= run.x0]
            rights = [x1 - x0 for x0, x1 in extents if x0 >= run.x1]
            if lefts:
                run.left_widths.append(max(lefts))
            if rights:
                run.right_widths.append(max(rights))
        active = still
    for run in active:
        run.last_row = len(row_extents) - 1
        runs.append(run)
    return [run for run in runs if run.is_gutter(least_width)]


def band_starts(rows: Sequence[Row], size: float, drawn: Sequence[Box] = ()) -> list[int]:
    """Where each band of the page starts (row indices, the first being 0).

    A figure or a table set across the columns leaves the page's text a wide empty space
    (a table's glyphs have left the body before layout) with something drawn in it; the
    columns above it and those below it are read apart, each band's columns in turn.
    Followed down the page as one gutter, the left column below a figure was read before
    the right column above it. Two columns whose own gaps happen to line up (a box's rule
    closing each column at the same height) are no band break: nothing drawn in the space
    spans the text's width (:func:`spans_the_gap`).
    """
    starts = [0]
    if not rows or not drawn:
        return starts
    left, right = min(row.x0 for row in rows), max(row.x1 for row in rows)
    bottom = float("-inf")
    for index, row in enumerate(rows):
        if index and row.top - bottom >= BAND_GAP * size and spans_the_gap(drawn, bottom, row.top, left, right):
            starts.append(index)
        bottom = max(bottom, row.bottom)
    return starts


def spans_the_gap(drawn: Sequence[Box], top: float, bottom: float, left: float, right: float) -> bool:
    """Whether a figure's frame or stroke, a table or a rule drawn between ``top`` and
    ``bottom`` reaches over most of the text's width (:data:`BAND_SPAN`)."""
    least = BAND_SPAN * (right - left)
    return any(top - 1 <= box.top and box.bottom <= bottom + 1 and min(box.x1, right) - max(box.x0, left) >= least
               for box in drawn)


def find_band_gutters(row_extents: list[list[tuple[float, float]]], starts: list[int], size: float) -> list[GutterRun]:
    """The gutter runs of each band (:func:`band_starts`), found in that band alone: a band's
    columns need not be those of the band above (two columns over a figure, three under it).

    A band too short to show columns of its own (two lines under a figure) keeps the gutters
    followed down the whole page, cut to its rows.
    """
    whole_page = find_gutter_runs(row_extents, size) if len(starts) > 1 else []
    runs: list[GutterRun] = []
    for start, end in zip(starts, [*starts[1:], len(row_extents)]):
        own = find_gutter_runs(row_extents[start:end], size)
        for run in own:
            run.first_row += start
            run.last_row += start
        if not own:
            own = [replace(run, first_row=max(run.first_row, start), last_row=min(run.last_row, end - 1))
                   for run in whole_page if run.first_row < end and run.last_row >= start]
        runs += own
    return runs


def column_of(extent: tuple[float, float], gutters: Sequence[tuple[float, float]]) -> int:
    """The column a segment lies in, or -1 when it crosses a gutter."""
    x0, x1 = extent
    bounds = [float("-inf")] + [g for gutter in gutters for g in gutter] + [float("inf")]
    for index in range(0, len(bounds), 2):
        if x0 >= bounds[index] - 1 and x1 <= bounds[index + 1] + 1:
            return index // 2
    return -1


def lay_out_body(rows: list[Row], body_size: float, stats: PageStats, drawn: Sequence[Box] = ()) -> list[TextLine]:
    """Put the body rows in reading order: column by column within each section.

    A section is a run of rows of one band (:func:`band_starts`; ``drawn`` holds the
    boxes of the page's strokes and tables) that share the same gutters. Each column's
    lines collect until the section ends (or a table row interrupts it), and the columns
    are then emitted left to right. Rows outside any section (titles across the columns,
    single column text) are read top to bottom as column 0.
    """
    row_segments = [split_segments(row, body_size) for row in rows]
    row_extents = [[glyph_extent(s) for s in segments] for segments in row_segments]
    starts = band_starts(rows, body_size, drawn)
    runs = find_band_gutters(row_extents, starts, body_size)
    ordered: list[TextLine] = []
    pending: dict[int, list[TextLine]] = {}
    sections: dict[tuple[int, tuple[tuple[float, float], ...]], int] = {}

    def flush() -> None:
        for column in sorted(pending):
            ordered.extend(pending[column])
        pending.clear()

    stamp = find_side_stamp(row_extents, body_size)
    stamp_lines: list[TextLine] = []
    current: tuple[int, tuple[tuple[float, float], ...]] = (0, ())
    band = 0
    for index, segments in enumerate(row_segments):
        if index in starts:
            band = starts.index(index)
        if index in stamp:
            side = stamp[index]
            stamp_lines.append(make_line(segments[side], STAMP_STREAM, stats))
            segments = segments[:side] + segments[side + 1:]
            row_extents[index] = row_extents[index][:side] + row_extents[index][side + 1:]
            if index == max(stamp):
                flush()
                ordered.extend(line for line in ordered_rows_after(segments, stats))
                ordered.extend(sorted(stamp_lines, key=lambda line: line.top))
                continue
        if not segments:
            continue
        gutters = tuple(sorted((run.x0, run.x1) for run in runs if run.first_row <= index <= run.last_row))
        if (band, gutters) != current:
            flush()
            current = (band, gutters)
        if not gutters or is_table_row(segments, gutters):
            flush()
            ordered.append(make_line(tuple(c for s in segments for c in s), 0, stats))
            continue
        section = sections.setdefault(current, len(sections) + 1)
        by_column: dict[int, list[Char]] = {}
        for segment, extent in zip(segments, row_extents[index]):
            by_column.setdefault(column_of(extent, gutters), []).extend(segment)
        for column, chars in by_column.items():
            stream = section * COLUMNS_PER_SECTION + column if column >= 0 else 0
            pending.setdefault(stream, []).append(make_line(tuple(chars), stream, stats))
    flush()
    return ordered


STAMP_STREAM = 999 * COLUMNS_PER_SECTION
"""The stream of a side stamp's lines (see :func:`find_side_stamp`)."""


def ordered_rows_after(segments: list[tuple[Char, ...]], stats: PageStats) -> list[TextLine]:
    """What is left of the stamp's last row, read as one line before the stamp."""
    return [make_line(tuple(c for s in segments for c in s), 0, stats)] if segments else []


def find_side_stamp(row_extents: list[list[tuple[float, float]]], size: float) -> dict[int, int]:
    """A clerk's filing stamp set beside a court's name: three or more rows in a row whose
    last piece is narrow, in the right half, centred on one axis and apart from the rest of
    its row, at least one of them alone on its row and one beside other text.

    Read across, the stamp's lines would be glued to the title's (``for the Fifth Circuit
    United States Court of Appeals``, ``No. 21-50498 Lyle W. Cayce``); it is read after the
    rows it stands beside instead. Returns the row index → the stamp piece's index.
    """
    extents = [e for row in row_extents for e in row]
    if len(extents) < 6:
        return {}
    left, right = min(x0 for x0, _ in extents), max(x1 for _, x1 in extents)
    width = right - left
    run: dict[int, int] = {}
    axis = 0.0
    for index, row in enumerate(row_extents):
        piece = side_piece(row, left + width / 2, 0.3 * width, 2 * size)
        if piece is not None:
            middle = sum(row[piece]) / 2
            if run and abs(middle - axis) <= 1.5 * size:
                run[index] = piece
                continue
        if is_stamp(run, row_extents):
            return run
        run, axis = ({index: piece}, sum(row[piece]) / 2) if piece is not None else ({}, 0.0)
    return run if is_stamp(run, row_extents) else {}


def side_piece(row: list[tuple[float, float]], middle: float, widest: float, gap: float) -> int | None:
    """The row's last piece when it is narrow, right of the middle and apart from the rest."""
    if not row or len(row) > 2:
        return None
    x0, x1 = row[-1]
    if x1 - x0 > widest or x0 < middle:
        return None
    if len(row) == 2 and x0 - row[0][1] < gap:
        return None
    return len(row) - 1


def is_stamp(run: dict[int, int], row_extents: list[list[tuple[float, float]]]) -> bool:
    alone = sum(1 for index in run if len(row_extents[index]) == 1)
    beside = len(run) - alone
    return len(run) >= 3 and alone >= 1 and beside >= 1


def is_table_row(segments: list[tuple[Char, ...]], gutters: tuple[tuple[float, float], ...]) -> bool:
    """More cells than columns (and a spare, for a justified line with one wide space):
    a table row, read across rather than split between the columns."""
    return len(segments) > len(gutters) + 2


# --- vertical writing ------------------------------------------------------------------


def is_cjk(text: str) -> bool:
    return bool(text) and ("\u3000" <= text[0] <= "\u9fff" or "\uf900" <= text[0] <= "\uffef")


def is_vertical_writing(chars: Sequence[Char]) -> bool:
    """Japanese or Chinese set in vertical columns: in drawing order, most CJK glyphs sit
    right below the one before, at the same x."""
    glyphs = [c for c in chars if c.text not in SPACE_CHARS]
    pairs = below = 0
    for a, b in pairwise(glyphs):
        if is_cjk(a.text) and is_cjk(b.text):
            pairs += 1
            below += abs(a.x0 - b.x0) < 0.3 * a.size and 0 < b.top - a.top < 1.6 * a.size
    return pairs >= 20 and below >= 0.5 * pairs


def lay_out_vertical(chars: Sequence[Char], size: float) -> list[TextLine]:
    """Read vertical writing: tiers top to bottom, in each tier the columns right to left,
    in each column the glyphs top to bottom. Each column becomes one line (its own stream,
    so no paragraph logic meant for horizontal lines applies)."""
    glyphs = sorted((c for c in chars if c.text not in SPACE_CHARS), key=lambda c: c.top)
    tiers: list[list[Char]] = []
    bottom = float("-inf")
    for char in glyphs:
        if not tiers or char.top - bottom > 1.5 * size:
            tiers.append([])
        tiers[-1].append(char)
        bottom = max(bottom, char.bottom)
    lines: list[TextLine] = []
    for tier in tiers:
        columns: list[list[Char]] = []
        for char in sorted(tier, key=lambda c: -(c.x0 + c.x1)):
            if not columns or abs((columns[-1][0].x0 + columns[-1][0].x1) - (char.x0 + char.x1)) / 2 > 0.5 * size:
                columns.append([])
            columns[-1].append(char)
        for column in columns:
            column.sort(key=lambda c: c.top)
            text = "".join(c.text for c in column)
            lines.append(
                TextLine(tuple(column), text, statistics.median(c.size for c in column), column[-1].bottom, len(lines) + 1)
            )
    return lines
