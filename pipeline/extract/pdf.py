"""The PDF reader: characters and their geometry → pages of :class:`~pipeline.model.Line`.

Built on :mod:`pipeline.extract.chars`, never on a text dump, because every decision the
later stages need is geometric:

* words come from the gaps between glyphs (some PDFs have no space characters at all);
* lines come from glyphs that share a band on the page, so a raised superscript stays on
  its line and becomes a footnote marker (``"policies\\ue00014\\ue001 and"``);
* reading order comes from column gutters (vertical whitespace bands), so two columns are
  never interleaved;
* the footnote area (small type at the foot of a column, often under a short rule) gets
  ``region="footnote"``, and paragraph ends become ``kind="gap"`` lines.

Each page is laid out in the order header → body → footnotes → footer, so that the
structure stage finds running heads and page numbers among the first and last lines.
Line-end hyphens and ligature glyphs are left as printed: later stages repair them.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from pipeline import patterns
from pipeline.errors import DocumentError
from pipeline.extract.chars import Char, CharSource, PdfplumberSource, Rule, SourcePage
from pipeline.model import Box, Extraction, Line, Page, Region, Source, Table
from pipeline.settings import ExtractSettings
from pipeline.tables import inside_any, merge_continued_tables

# --- layout constants, each in units of the font size (em) unless named otherwise ---------
WORD_GAP = 0.15
"""A gap wider than this between two glyphs is a word space. Spaces are ≥ 0.2 em even in
tight justified text, while kerning stays under 0.1 em (measured on the real corpus)."""
SPACE_GLYPH_GAP = 0.05
"""A space character counts only where the glyphs around it leave a gap: some producers
draw a stray space over a ligature (``défi nir``), with the next letter touching it."""
SEGMENT_GAP = 1.0
"""A gap wider than this splits a row into segments: column gutters and table cells are
wider, word spaces are not."""
GUTTER_WIDTH = 0.6
"""The narrowest whitespace band between two columns (word spaces are ~0.25 em)."""
COLUMNS_PER_SECTION = 16
"""Column streams are numbered section × this + column; 0 is the full-width flow."""
PROSE_SHARE = 0.15
"""A row segment at least this share of the text width is a line of prose (for finding
columns); narrower ones are table cells, labels and page numbers."""
SUPERSCRIPT_SIZE = 0.85
"""A superscript is drawn at most this fraction of its line's size…"""
SUPERSCRIPT_RISE = 0.18
"""…with its baseline raised by at least this fraction of the line's size."""
SMALL_TYPE = 0.92
"""A line set at most this fraction of the page's body size is small type (footnotes)."""
PARAGRAPH_SPACE = 0.3
"""A line whose space above exceeds normal line spacing by this share starts a paragraph."""
MARGIN_SHARE = 0.13
"""Running heads and footers sit within this share of the page height from its edge…"""
MARGIN_GAP = 1.5
"""…set off from the body by a gap of at least this many of their own line heights (a
paragraph space is smaller, so a first paragraph near the top stays body)…"""
MARGIN_ROWS = 2
"""…and are at most this many rows on each side."""

SPACE_CHARS = frozenset(" \u00a0\t\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000")
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
UNICODE_SUPERSCRIPT_RUN = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]”’\"'])([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
"""Superscript digits after a letter or punctuation: ``policies¹⁴`` (``km²`` is excepted
below)."""
MARKER_TEXT = re.compile(r"^(?:\d{1,3}|[ivxl]{1,7}|[IVX]{1,7}|[*†‡§¶]{1,3})$")
"""What a raised run may say to count as a footnote marker: ``12``, ``xiv``, ``*``, ``††``.
Ordinal endings (``th``, ``er``) and trademarks are raised too, but are not markers."""
UNIT_WORDS = frozenset({"km", "m", "cm", "mm", "ft", "in", "mi", "yd", "sq", "m3", "km3"})
"""Words after which a raised 2 or 3 is an exponent (``km2``), not a marker."""
NOTE_START = re.compile(r"^(?:\ue000[^\ue001]{1,8}\ue001|(?:\d{1,3}|[ivxlc]{1,7}|[*†‡§]{1,3})[.)]?\s)")
"""A footnote's first line: its marker, raised or printed: ``¹ See…``, ``12. See…``."""
LIST_START = re.compile(r"^(?:[•▪◦●○■□‣⁃∙·\-–—*]\s+)?(?:\(?\w{1,4}[.)]\s+)?")


@dataclass(frozen=True)
class Row:
    """Glyphs that share a horizontal band on the page, left to right."""

    chars: tuple[Char, ...]

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)


@dataclass(frozen=True)
class TextLine:
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

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def bold(self) -> bool:
        glyphs = [c for c in self.chars if c.text not in SPACE_CHARS]
        return bool(glyphs) and all(c.bold for c in glyphs)


@dataclass
class PageStats:
    cid_glyphs: int = 0
    rotated_chars_dropped: int = 0
    superscript_markers: int = 0
    unmapped: bool = False
    glyphs: int = 0


@dataclass
class ReaderStats:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, value: int) -> None:
        if value:
            self.counts[name] = self.counts.get(name, 0) + value


# --- entry point -------------------------------------------------------------------------


def read_pdf(
    path: Path,
    settings: ExtractSettings,
    *,
    source: Source,
    engine: CharSource | None = None,
) -> Extraction:
    """Read a PDF into pages of lines. Raises :class:`DocumentError` for a bad PDF.

    ``engine`` supplies the characters (pdfplumber unless given); pages are read and
    laid out one at a time, so memory does not grow with the page count.
    """
    engine = engine or PdfplumberSource(dedupe_chars=settings.pdf_dedupe_chars)
    stats = ReaderStats()
    pages: list[Page] = []
    tables: list[Table] = []
    glyphs = unmapped_pages = pages_with_glyphs = 0
    with engine.open(path) as document:
        if document.page_count == 0:
            raise DocumentError("PDF has no pages")
        raw_metadata = document.metadata()
        for source_page in document.pages():
            page, page_stats = read_page(source_page, settings)
            pages.append(page)
            tables += source_page.tables().tables
            glyphs += page_stats.glyphs
            pages_with_glyphs += page_stats.glyphs > 0
            unmapped_pages += page_stats.unmapped
            stats.add("cid_glyphs", page_stats.cid_glyphs)
            stats.add("rotated_chars_dropped", page_stats.rotated_chars_dropped)
            stats.add("pdf_superscript_markers", page_stats.superscript_markers)
    check_text_layer(glyphs, len(pages), pages_with_glyphs, unmapped_pages)
    stats.add("unmapped_pages", unmapped_pages)
    for name, count in sorted(getattr(document, "table_stats", {}).items()):
        stats.add(name, count)
    metadata = clean_metadata(raw_metadata, len(pages))
    return Extraction(
        source=source, pages=tuple(pages), metadata=metadata, tables=tuple(merge_continued_tables(tables)), stats=stats.counts,
    )


def check_text_layer(glyphs: int, page_count: int, pages_with_glyphs: int, unmapped_pages: int) -> None:
    """Refuse documents whose text cannot be read without OCR.

    A scan may still carry a stray glyph or two (a stamp, a page label), so a document
    with fewer than three glyphs a page counts as having no text layer.
    """
    if pages_with_glyphs and unmapped_pages >= pages_with_glyphs:
        raise DocumentError("text layer is unmapped glyphs (cid:NN); OCR needed")
    if glyphs < 3 * page_count:
        raise DocumentError("no text layer (scanned?)")


def read_page(source_page: SourcePage, settings: ExtractSettings) -> tuple[Page, PageStats]:
    stats = PageStats()
    chars = keep_layout_chars(source_page.chars(), stats)
    exclude = source_page.tables().exclude
    if exclude:  # a table's cells and caption are the table's, not the body's
        chars = [c for c in chars if not inside_any(c, exclude)]
    stats.glyphs = sum(1 for c in chars if c.text not in SPACE_CHARS)
    width, height = source_page.width, source_page.height
    if stats.glyphs and stats.cid_glyphs / max(1, stats.glyphs) >= settings.pdf_cid_page_share:
        stats.unmapped = True
        return Page(source_page.number, (), width, height), stats
    if not stats.glyphs:
        return Page(source_page.number, (), width, height), stats
    rows = group_rows(chars)
    body_size = dominant_size(chars)
    header, body_rows, footer = split_margins(rows, height)
    in_body = {id(c) for row in body_rows for c in row.chars}
    body_chars = [c for c in chars if id(c) in in_body]  # drawing order, which vertical text needs
    if is_vertical_writing(body_chars):
        lines_in_order = lay_out_vertical(body_chars, body_size)
    else:
        lines_in_order = lay_out_body(body_rows, body_size, stats)
    body, notes, tail = split_footnotes(lines_in_order, body_size, source_page.rules(), height)
    margin_line = lambda row: make_line(row.chars, 0, stats)
    footer_lines = [margin_line(r) for r in footer]
    notes += [replace(line, region="footnote") for line in footer_lines if opens_with_raised_marker(line)]
    lines = assemble_page(
        source_page.number,
        [margin_line(r) for r in header],
        body,
        notes,
        tail + [line for line in footer_lines if not opens_with_raised_marker(line)],
    )
    return Page(source_page.number, tuple(lines), width, height), stats


# --- glyphs ------------------------------------------------------------------------------


def keep_layout_chars(chars: Sequence[Char], stats: PageStats) -> list[Char]:
    """Drop glyphs that are not part of the reading flow, counting why.

    Rotated glyphs are margin stamps ("Downloaded from …", printer slugs) that would
    otherwise come out one letter per line; glyphs with no size cannot be placed.
    """
    kept = []
    for char in chars:
        if not char.upright:
            stats.rotated_chars_dropped += 1
            continue
        if char.size <= 0 or char.bottom <= char.top:
            continue
        if char.unmapped:
            stats.cid_glyphs += 1
        kept.append(char)
    return kept


def dominant_size(chars: Iterable[Char]) -> float:
    """The body text size: the largest size that holds a fifth of the page's glyphs.

    Not simply the most common size: on a page whose footnotes outrun the body text the
    footnote size is the most common one, and the body would then look like small type.
    """
    counts: dict[float, int] = {}
    for char in chars:
        if char.text not in SPACE_CHARS:
            key = round(char.size * 2) / 2
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return 10.0
    total = sum(counts.values())
    common = [size for size, count in counts.items() if count >= 0.2 * total]
    return max(common) if common else max(counts, key=lambda size: (counts[size], size))


def group_rows(chars: Sequence[Char]) -> list[Row]:
    """Cluster glyphs into rows by vertical overlap, so a raised superscript joins its line.

    Baselines alone would put a superscript on a row of its own; overlap with the row's
    band (at least half the smaller height) keeps it, while the next line, one leading
    further down, barely touches the band.
    """
    ordered = sorted((c for c in chars if c.text not in SPACE_CHARS), key=lambda c: c.top + c.bottom)
    spaces = [c for c in chars if c.text in SPACE_CHARS and c.x1 > c.x0]
    bands: list[list[float]] = []  # [top, bottom] per row
    members: list[list[Char]] = []
    for char in ordered:
        top, bottom = char.top, char.bottom
        height = bottom - top
        best, best_share = -1, 0.0
        # Most glyphs continue the latest row; only the last few rows can still overlap.
        for index in range(len(bands) - 1, max(-1, len(bands) - 5), -1):
            band = bands[index]
            overlap = min(band[1], bottom) - max(band[0], top)
            if overlap <= 0:
                continue
            share = overlap / max(0.01, min(band[1] - band[0], height))
            if share > best_share:
                best, best_share = index, share
                if share >= 0.99:
                    break
        if best_share < 0.5:
            bands.append([top, bottom])
            members.append([char])
        else:
            band = bands[best]
            band[0] = min(band[0], top)
            band[1] = max(band[1], bottom)
            members[best].append(char)
    attach_spaces(spaces, bands, members)
    order = {id(char): index for index, char in enumerate(chars)}
    rows = [Row(tuple(layer)) for m in members for layer in separate_overlaid_text(sorted(m, key=lambda c: c.x0), order)]
    return sorted(rows, key=lambda r: (row_baseline(r.chars), r.x0))


def separate_overlaid_text(row: list[Char], order: dict[int, int]) -> list[list[Char]]:
    """Split a row where two texts are drawn over each other (a court's filing stamp over
    its title, a cover's layered titles), which sorting by x would shuffle letter by letter
    (``United StaFtieftshCCoirucrutiotf Appeals``).

    Only rows whose glyphs overlap heavily are touched. Their glyphs are cut into runs in
    drawing order (a run ends where the pen jumps back left), and runs that overlap go to
    separate layers, each read as its own row.
    """
    glyphs = [c for c in row if c.text not in SPACE_CHARS]
    overlaps = sum(1 for a, b in pairwise(glyphs) if b.x0 < a.x1 - 0.4 * min(a.x1 - a.x0, b.x1 - b.x0) and a.x1 - a.x0 > 0.5)
    if overlaps < 2:
        return [row]
    runs: list[list[Char]] = []
    for char in sorted(row, key=lambda c: order.get(id(c), 0)):
        if not runs or char.x0 < runs[-1][-1].x0 - 0.5:
            runs.append([])
        runs[-1].append(char)
    layers: list[list[Char]] = []
    extents: list[list[tuple[float, float]]] = []
    for run in runs:
        x0, x1 = min(c.x0 for c in run), max(c.x1 for c in run)
        for layer, spans in zip(layers, extents):
            if all(x1 <= a + 0.5 or x0 >= b - 0.5 for a, b in spans):
                layer.extend(run)
                spans.append((x0, x1))
                break
        else:
            layers.append(list(run))
            extents.append([(x0, x1)])
    return [sorted(layer, key=lambda c: c.x0) for layer in layers if any(c.text not in SPACE_CHARS for c in layer)]


def attach_spaces(spaces: list[Char], bands: list[list[float]], members: list[list[Char]]) -> None:
    """Put each space glyph back into the row it belongs to: spaces mark word ends."""
    for space in spaces:
        for index, (top, bottom) in enumerate(bands):
            if top <= space.middle <= bottom:
                members[index].append(space)
                break


def row_baseline(chars: Sequence[Char]) -> float:
    """The line's baseline, from its full-size glyphs (superscripts would pull it up)."""
    glyphs = [c for c in chars if c.text not in SPACE_CHARS] or list(chars)
    largest = max(c.size for c in glyphs)
    return statistics.median(c.bottom for c in glyphs if c.size >= largest * SUPERSCRIPT_SIZE)


# --- page zones --------------------------------------------------------------------------


def split_margins(rows: list[Row], height: float) -> tuple[list[Row], list[Row], list[Row]]:
    """Split off running heads (top) and footers (bottom) from the body.

    A margin row sits within :data:`MARGIN_SHARE` of the page edge and is set apart from
    the body by a clear gap (:data:`MARGIN_GAP`); at most :data:`MARGIN_ROWS` rows a side.
    Putting them first and last keeps a right-aligned running head from landing in
    the second column.
    """
    header_end = 0
    for index in range(min(MARGIN_ROWS, len(rows) - 1)):
        row, below = rows[index], rows[index + 1]
        if row.bottom > height * MARGIN_SHARE:
            break
        if below.top - row.bottom >= MARGIN_GAP * (row.bottom - row.top):
            header_end = index + 1
    footer_start = len(rows)
    for index in range(len(rows) - 1, max(header_end, len(rows) - 1 - MARGIN_ROWS), -1):
        row, above = rows[index], rows[index - 1]
        if row.top < height * (1 - MARGIN_SHARE):
            break
        if row.top - above.bottom >= MARGIN_GAP * (row.bottom - row.top):
            footer_start = index
    return rows[:header_end], rows[header_end:footer_start], rows[footer_start:]


# --- columns and reading order -----------------------------------------------------------


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


def column_of(extent: tuple[float, float], gutters: Sequence[tuple[float, float]]) -> int:
    """The column a segment lies in, or -1 when it crosses a gutter."""
    x0, x1 = extent
    bounds = [float("-inf")] + [g for gutter in gutters for g in gutter] + [float("inf")]
    for index in range(0, len(bounds), 2):
        if x0 >= bounds[index] - 1 and x1 <= bounds[index + 1] + 1:
            return index // 2
    return -1


def lay_out_body(rows: list[Row], body_size: float, stats: PageStats) -> list[TextLine]:
    """Put the body rows in reading order: column by column within each section.

    A section is a run of rows that share the same gutters. Each column's lines collect
    until the section ends (or a table row interrupts it), and the columns are then
    emitted left to right. Rows outside any section (titles across the columns, single
    column text) are read top to bottom as column 0.
    """
    row_segments = [split_segments(row, body_size) for row in rows]
    row_extents = [[glyph_extent(s) for s in segments] for segments in row_segments]
    runs = find_gutter_runs(row_extents, body_size)
    ordered: list[TextLine] = []
    pending: dict[int, list[TextLine]] = {}
    sections: dict[tuple[tuple[float, float], ...], int] = {}

    def flush() -> None:
        for column in sorted(pending):
            ordered.extend(pending[column])
        pending.clear()

    current: tuple[tuple[float, float], ...] = ()
    for index, segments in enumerate(row_segments):
        if not segments:
            continue
        gutters = tuple(sorted((run.x0, run.x1) for run in runs if run.first_row <= index <= run.last_row))
        if gutters != current:
            flush()
            current = gutters
        if not gutters or is_table_row(segments, gutters):
            flush()
            ordered.append(make_line(tuple(c for s in segments for c in s), 0, stats))
            continue
        section = sections.setdefault(gutters, len(sections) + 1)
        by_column: dict[int, list[Char]] = {}
        for segment, extent in zip(segments, row_extents[index]):
            by_column.setdefault(column_of(extent, gutters), []).extend(segment)
        for column, chars in by_column.items():
            stream = section * COLUMNS_PER_SECTION + column if column >= 0 else 0
            pending.setdefault(stream, []).append(make_line(tuple(chars), stream, stats))
    flush()
    return ordered


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


# --- line text and superscript markers ---------------------------------------------------


def make_line(chars: tuple[Char, ...], column: int, stats: PageStats) -> TextLine:
    chars = tuple(sorted(chars, key=lambda c: c.x0))
    glyphs = [c for c in chars if c.text not in SPACE_CHARS]
    size = statistics.median(c.size for c in glyphs)
    baseline = row_baseline(chars)
    # On a slanted line (a cover's diagonal title) every later letter sits higher: none of
    # them is a superscript.
    marker_baseline = baseline if not is_slanted(glyphs, size) else float("-inf")
    text, word_starts, markers = spell_line(chars, size, marker_baseline)
    stats.superscript_markers += markers
    return TextLine(chars, text, size, baseline, column, tuple(word_starts))


def is_slanted(glyphs: Sequence[Char], size: float) -> bool:
    """Full-size glyphs whose bottoms spread over more than half the type size."""
    bottoms = [c.bottom for c in glyphs if c.size >= size * SUPERSCRIPT_SIZE]
    return len(bottoms) >= 3 and max(bottoms) - min(bottoms) > 0.5 * size


LEFT_TO_RIGHT_RUN = re.compile(
    r"[0-9A-Za-z\u00c0-\u024f\ue000\ue001](?:[0-9A-Za-z\u00c0-\u024f\ue000\ue001.,:;/%'’()\- ]*[0-9A-Za-z\u00c0-\u024f\ue000\ue001])?"
)
"""A run of Latin letters and digits (with the punctuation and spaces inside it) that keeps
its left-to-right order inside a right-to-left line: ``R``, ``Python``, ``2020``."""


def is_right_to_left(text: str) -> bool:
    """Mostly Arabic or Hebrew letters (checked only when such a letter is present)."""
    if not any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in text):
        return False
    rtl = sum(1 for ch in text if unicodedata.bidirectional(ch) in ("R", "AL"))
    ltr = sum(1 for ch in text if unicodedata.bidirectional(ch) == "L")
    return rtl > ltr


def to_logical_order(glyphs: Sequence[str]) -> str:
    """Spell a line from its glyph texts (left to right on the page) in reading order.

    PDFs draw glyphs left to right, so a line of Arabic comes out backwards (``ةغلب``).
    Reversing the line puts the Arabic right; the Latin words and numbers inside it are
    then reversed back, and a glyph that stands for several letters (the lam-alef
    ligature) keeps its own letters in order. Mostly left-to-right lines are left alone.

    >>> to_logical_order(["P", "y", "t", "h", "o", "n", " ", "ة", "ج", "م", "ر", "ب", "ل", "ا", " ", "ة", "غ", "ل", "ب"])
    'بلغة البرمجة Python'
    >>> to_logical_order(["T", "i", "t", "l", "e", " ", "V", "I"])
    'Title VI'
    """
    text = "".join(glyphs)
    if not is_right_to_left(text):
        return text
    pre_reversed = "".join(g[::-1] if len(g) > 1 and is_right_to_left(g) else g for g in glyphs)
    return LEFT_TO_RIGHT_RUN.sub(lambda match: match.group(0)[::-1], pre_reversed[::-1])


def is_superscript(char: Char, size: float, baseline: float) -> bool:
    """Smaller than the line and sitting above its baseline: both, or a capital letter
    next to small caps or a subscript would count."""
    return char.size <= size * SUPERSCRIPT_SIZE and char.bottom <= baseline - size * SUPERSCRIPT_RISE


def spell_line(chars: Sequence[Char], size: float, baseline: float) -> tuple[str, list[float], int]:
    """Spell a line from its glyphs: spaces from gaps, raised runs as wrapped markers.

    Returns the text, the x where each word starts (for hanging indents) and the number of
    markers found.
    """
    pieces: list[str] = []
    word_starts: list[float] = []
    markers = 0
    right: float | None = None  # right edge of the last glyph spelled
    pending_space = False
    run: list[Char] = []  # a raised run not yet decided
    run_spaced = False  # was there a word space before the raised run?

    def close_run() -> None:
        nonlocal markers, right, run_spaced
        if not run:
            return
        raised = "".join(c.text for c in run).strip()
        before = "".join(pieces)
        wrapped = None if is_exponent(run, chars, before, run_spaced, size) else wrap_markers(raised, before)
        if wrapped is None:
            if run_spaced and pieces:
                pieces.append(" ")
            pieces.append(raised)
        else:
            while pieces and pieces[-1] == " ":
                pieces.pop()  # a marker belongs to the word before it
            pieces.append(wrapped)
            markers += wrapped.count(patterns.MARKER_OPEN)
        right = max(c.x1 for c in run)
        run.clear()

    for char in chars:
        if char.text in SPACE_CHARS:
            pending_space = True
            continue
        if char.unmapped:
            if not pieces and right is None:
                pieces.append("•")  # an unmapped glyph opening a line is almost always a bullet
                word_starts.append(char.x0)
                pending_space = True
            # Dropped, but it still fills its space: no word break is invented around it.
            right = char.x1 if right is None else max(right, char.x1)
            continue
        if not pieces and right is None and is_bullet_glyph(char):
            pieces.append("•")
            word_starts.append(char.x0)
            right = char.x1
            pending_space = True
            continue
        gap = char.x0 - right if right is not None else 0.0
        em = min(size, char.size)
        spaced = (pending_space and gap > SPACE_GLYPH_GAP * em) or gap > WORD_GAP * em
        if is_superscript(char, size, baseline):
            if run and spaced and gap > SEGMENT_GAP * size:
                close_run()
            if not run:
                run_spaced = spaced
            run.append(char)
            right = char.x1
            pending_space = False
            continue
        close_run()
        if pieces and spaced:
            pieces.append(" ")
        if not pieces or pieces[-1] == " ":
            word_starts.append(char.x0)
        pieces.append(char.text)
        right = char.x1 if right is None else max(right, char.x1)
        pending_space = False
    close_run()
    text = to_logical_order(pieces).strip()
    text, unicode_markers = wrap_unicode_superscripts(text)
    return text, word_starts, markers + unicode_markers


FRACTION_SLASHES = frozenset("\u2044/")
MATH_AFTER = frozenset("\u2044/(=+")
"""A glyph that, touching a raised numeral, makes it a numerator or an exponent:
``¼`` drawn as raised 1, ``⁄``, lowered 4; ``f⁻¹(U)``; ``x²=``."""


SINGLE_LETTER_END = re.compile(r"(?:^|[^\w’'])[^\W\d_]$")
"""Text ending in a one-letter symbol: ``R``, ``(g``, ``3x``, ``+z`` (not ``Order``)."""


def is_exponent(run: list[Char], chars: Sequence[Char], before: str, spaced: bool, size: float) -> bool:
    """Tell a raised run that is mathematics (or a fraction) from a footnote marker.

    An exponent sits on a single-letter symbol (``R²``, ``S¹``, ``f⁻¹``) or is followed
    at once by a fraction slash, a parenthesis or an operator; a footnote marker follows
    a word or punctuation and is followed by a space or punctuation. Lecture notes full
    of ``R²`` would otherwise get hundreds of false footnotes.
    """
    last = run[-1]
    following = [c for c in chars if c.x0 >= last.x1 - 0.5 and c not in run and c.text not in SPACE_CHARS]
    if following:
        after = min(following, key=lambda c: c.x0)
        if after.text in MATH_AFTER and after.x0 - last.x1 < WORD_GAP * size:
            return True
    return not spaced and bool(SINGLE_LETTER_END.search(before))


DINGBAT_FONT = re.compile(r"wingdings|webdings|dingbat|zapf|typographicsymbols|symbol", re.IGNORECASE)
"""Fonts whose glyphs are pictures: their ``!``, ``¢`` or ``\uf0fc`` is a bullet drawn as
a symbol (WordPerfect's typographic symbols, Wingdings), not the letter it maps to."""


def is_bullet_glyph(char: Char) -> bool:
    """A line's first glyph is a bullet when it comes from a symbol font (and is not a
    Greek letter of the Symbol font) or sits in the Private Use Area.

    >>> is_bullet_glyph(Char("!", 0, 5, 0, 10, 10, "WPTypographicSymbols"))
    True
    >>> is_bullet_glyph(Char("α", 0, 5, 0, 10, 10, "SymbolMT"))
    False
    >>> is_bullet_glyph(Char("T", 0, 5, 0, 10, 10, "Garamond"))
    False
    """
    if "\ue000" <= char.text[:1] <= "\uf8ff":
        return True
    if not DINGBAT_FONT.search(char.fontname):
        return False
    return not (char.text.isalnum() and "symbol" in char.fontname.lower() and "typographic" not in char.fontname.lower())


def wrap_markers(raised: str, before: str) -> str | None:
    """Wrap a raised run as one or more markers, or return None when it is not a marker.

    ``"14"`` → ``"\\ue00014\\ue001"``; ``"1,2"`` → two markers; ``"th"`` (an ordinal) and
    the ``2`` of ``km2`` stay plain text.

    >>> wrap_markers("xiv", "policies") == "\\ue000xiv\\ue001"
    True
    >>> wrap_markers("th", "25") is None
    True
    >>> wrap_markers("2", "100 km") is None
    True
    """
    parts = [p for p in re.split(r"[,\s]+", raised) if p]
    if not parts or not all(MARKER_TEXT.match(p) for p in parts):
        return None
    last_word = before.rstrip().rsplit(" ", 1)[-1] if before.strip() else ""
    if last_word.lower() in UNIT_WORDS and raised in {"2", "3"}:
        return None
    return "".join(patterns.MARKER_OPEN + p + patterns.MARKER_CLOSE for p in parts)


def wrap_unicode_superscripts(text: str) -> tuple[str, int]:
    """Treat Unicode superscript digits after a word or punctuation as markers.

    >>> wrap_unicode_superscripts("policies¹⁴ and") == ("policies\\ue00014\\ue001 and", 1)
    True
    >>> wrap_unicode_superscripts("an area of 5 km²")
    ('an area of 5 km²', 0)
    """
    count = 0

    def wrap(match: re.Match[str]) -> str:
        nonlocal count
        word = text[: match.start()].rsplit(" ", 1)[-1]
        if word.lower() in UNIT_WORDS:
            return match.group(1)
        count += 1
        return patterns.MARKER_OPEN + match.group(1).translate(SUPERSCRIPT_DIGITS) + patterns.MARKER_CLOSE

    if not any(ch in text for ch in "⁰¹²³⁴⁵⁶⁷⁸⁹"):
        return text, 0
    return UNICODE_SUPERSCRIPT_RUN.sub(wrap, text), count


# --- footnotes ---------------------------------------------------------------------------


def split_footnotes(
    lines: list[TextLine], body_size: float, rules: list[Rule], height: float
) -> tuple[list[TextLine], list[TextLine], list[TextLine]]:
    """Split each column's trailing run of footnotes off its body; return body, notes and
    the page furniture found under the notes.

    A run is the small type at a column's foot: it counts when it starts in the lower part
    of the page, follows at least one body line, and either sits under a horizontal rule or
    opens with a note marker. Notes set in body-size type count when a short rule sits
    right above a line that opens with a marker. A line of underscores drawn as text
    (``________``) counts as that rule and is dropped. A page-number line close under the
    notes (too close to count as a footer by spacing) is handed back to go last.
    """
    body: list[TextLine] = list(lines)
    notes: list[TextLine] = []
    tail: list[TextLine] = []
    for column in sorted({line.column for line in lines}):
        members = [i for i, line in enumerate(body) if line.column == column]
        end = len(members)
        while end > 0 and len(members) - end < 2 and is_furniture_line(body[members[end - 1]], height):
            end -= 1
        start = end
        while start > 0 and is_small(body[members[start - 1]], body_size):
            start -= 1
        if start == end:
            start = start_of_ruled_notes([body[i] for i in members[:end]], rules)
        run = [body[i] for i in members[start:end]]
        above = [body[i] for i in members[:start]]
        text_rule = None
        if run and is_text_rule(run[0]):
            text_rule = run.pop(0)
        elif run and above and is_text_rule(above[-1]):
            text_rule = above.pop()
        if not run or not above or run[0].top < height * 0.2:
            continue
        under_rule = text_rule is not None or has_rule_between(rules, above[-1], run[0])
        opens_note = NOTE_START.match(run[0].text) and run[0].top >= height * 0.4
        if not (under_rule or opens_note):
            continue
        furniture = [body[i] for i in members[end:]]
        dropped = {id(line) for line in run + furniture} | ({id(text_rule)} if text_rule else set())
        body = [line for line in body if id(line) not in dropped]
        notes.extend(replace(line, region="footnote") for line in run)
        tail.extend(furniture)
    return body, notes, tail


def opens_with_raised_marker(line: TextLine) -> bool:
    """A line at the page foot that starts with a superscript and text is a footnote set
    apart like a footer (a short note under a wide gap), not page furniture."""
    return line.text.startswith(patterns.MARKER_OPEN) and bool(NOTE_START.match(line.text))


def is_furniture_line(line: TextLine, height: float) -> bool:
    """A short line at the very foot of the page that carries a number: ``4``,
    ``Copyright Office Summary December 1998 Page 1``."""
    return line.top >= height * (1 - MARGIN_SHARE) and bool(patterns.DIGITS.search(line.text)) and len(line.text) <= 80


def start_of_ruled_notes(lines: list[TextLine], rules: list[Rule]) -> int:
    """Where body-size notes start: the first line under the lowest short rule of the
    column, when that line opens with a note marker; else the end (no notes)."""
    if len(lines) < 2:
        return len(lines)
    column_width = max(line.x1 for line in lines) - min(line.x0 for line in lines)
    for index in range(len(lines) - 1, 0, -1):
        short = [r for r in rules if r.width < 0.6 * column_width]
        if NOTE_START.match(lines[index].text) and has_rule_between(short, lines[index - 1], lines[index]):
            return index
    return len(lines)


def is_small(line: TextLine, body_size: float) -> bool:
    return line.size <= body_size * SMALL_TYPE or is_text_rule(line)


TEXT_RULE_CHARS = frozenset("_—―─ ")


def is_text_rule(line: TextLine) -> bool:
    """A separator drawn with characters: ``__________`` or ``——————``."""
    return len(line.text.replace(" ", "")) >= 3 and set(line.text) <= TEXT_RULE_CHARS


def has_rule_between(rules: list[Rule], above: TextLine, below: TextLine) -> bool:
    """A short horizontal stroke between the last body line and the first small line."""
    for rule in rules:
        if above.bottom - 2 <= rule.top <= below.top + 2 and rule.x0 < below.x1 and rule.x1 > below.x0:
            return True
    return False


# --- assembling the page -----------------------------------------------------------------


def assemble_page(
    number: int,
    header: list[TextLine],
    body: list[TextLine],
    notes: list[TextLine],
    footer: list[TextLine],
) -> list[Line]:
    """Lay the page out as header → body → footnotes → footer, with gap lines at paragraph
    ends and before each note."""
    pitch = normal_pitch(body + notes)
    out: list[Line] = []

    def gap(region: Region) -> None:
        if out and out[-1].kind != "gap":
            out.append(Line(text="", page=number, kind="gap", region=region))

    # No gap lines next to the running head and footer: once the structure stage drops
    # them, a gap there would end a paragraph that runs on to the next page.
    for line in header:
        out.append(to_line(line, number, None, None))
    left_edges = column_left_edges(body + notes)
    right_edges = column_right_edges(body)
    for index, line in enumerate(body):
        previous = body[index - 1] if index else None
        following = body[index + 1] if index + 1 < len(body) else None
        space = space_before(previous, line, pitch)
        indent = line.x0 - left_edges.get(line.column, line.x0)
        if starts_paragraph(previous, line, following, space, left_edges, pitch):
            gap("body")
        out.append(to_line(line, number, indent, space))
        if (following is None or following.column != line.column) and ends_paragraph(line, right_edges):
            gap("body")
    for index, line in enumerate(notes):
        previous = notes[index - 1] if index else None
        space = space_before(previous, line, pitch)
        if previous is None or NOTE_START.match(line.text) or (space or 0) >= PARAGRAPH_SPACE:
            gap("footnote")
        out.append(to_line(line, number, line.x0 - left_edges.get(line.column, line.x0), space))
    for line in footer:
        out.append(to_line(line, number, None, None))
    while out and out[-1].kind == "gap":
        out.pop()
    while out and out[0].kind == "gap":
        out.pop(0)
    if out:
        out[0] = replace(out[0], starts_page=True)
    return out


def to_line(line: TextLine, page: int, indent: float | None, space: float | None) -> Line:
    return Line(
        text=line.text,
        page=page,
        region=line.region,
        box=Box(round(line.x0, 2), round(line.top, 2), round(line.x1, 2), round(line.bottom, 2)),
        font_size=round(statistics.median(c.size for c in line.chars if c.text not in SPACE_CHARS), 2),
        bold=line.bold,
        indent=round(indent, 2) if indent is not None else None,
        space_before=round(space, 2) if space is not None else None,
    )


def normal_pitch(lines: list[TextLine]) -> float:
    """Normal line spacing as a multiple of the font size (1.2 when a page has too few lines).

    The most common baseline step between same-size neighbours in one column: a
    double-spaced brief with single-spaced quotes and captions keeps its double spacing
    as normal, so its lines are not each taken for a paragraph.
    """
    ratios = []
    for previous, line in pairwise(lines):
        step = line.baseline - previous.baseline
        if previous.column == line.column and abs(previous.size - line.size) < 0.5 and 0 < step < 3 * line.size:
            ratios.append(step / line.size)
    if len(ratios) < 2:
        return 1.2
    bins: dict[int, list[float]] = {}
    for ratio in ratios:
        bins.setdefault(round(ratio * 20), []).append(ratio)  # steps of 0.05 line heights
    fullest = max(bins.values(), key=lambda members: (len(members), -members[0]))
    return statistics.median(fullest)


def space_before(previous: TextLine | None, line: TextLine, pitch: float) -> float | None:
    """Extra space above a line, in line heights: 0 for normal spacing, 1 for a blank line."""
    if previous is None or previous.baseline >= line.baseline:
        return None
    if previous.column != line.column and 0 not in (previous.column, line.column):
        return None
    expected = pitch * max(previous.size, line.size)
    return (line.baseline - previous.baseline - expected) / expected


def column_left_edges(lines: list[TextLine]) -> dict[int, float]:
    edges: dict[int, list[float]] = {}
    for line in lines:
        edges.setdefault(line.column, []).append(line.x0)
    return {column: sorted(xs)[len(xs) // 10] for column, xs in edges.items()}


def column_right_edges(lines: list[TextLine]) -> dict[int, float]:
    edges: dict[int, list[float]] = {}
    for line in lines:
        edges.setdefault(line.column, []).append(line.x1)
    return {column: sorted(xs)[len(xs) * 9 // 10] for column, xs in edges.items()}


def ends_paragraph(line: TextLine, right_edges: dict[int, float]) -> bool:
    """The last line of a column ends its paragraph when it stops well short of the right
    edge after a full stop: nothing else can tell, since the next line is on another
    column or page (a paragraph that runs on fills its last line here)."""
    if line.x1 >= right_edges.get(line.column, line.x1) - 3 * line.size:
        return False
    return bool(patterns.SENTENCE_END.search(patterns.KNOWN_MARKER.sub("", line.text)))


def starts_paragraph(
    previous: TextLine | None,
    line: TextLine,
    following: TextLine | None,
    space: float | None,
    left_edges: dict[int, float],
    pitch: float,
) -> bool:
    """A paragraph starts after extra vertical space, or with a first-line indent.

    An indented line counts only between two lines at the column's left edge, and not
    when it lines up with the text after a bullet or label above (a hanging indent).
    """
    if previous is None:
        return False
    if space is not None and space >= PARAGRAPH_SPACE:
        return True
    if previous.region != line.region:
        return True
    if following is None or not (previous.column == line.column == following.column):
        return False
    left = left_edges.get(line.column, line.x0)
    em = line.size
    indented = 0.8 * em <= line.x0 - left <= 8 * em
    at_left = lambda other: abs(other.x0 - left) < 0.3 * em
    if not (indented and at_left(previous) and at_left(following)):
        return False
    return not hangs_under_label(previous, line)


def hangs_under_label(previous: TextLine, line: TextLine) -> bool:
    """True when ``line`` starts where the text after ``previous``'s bullet or label starts."""
    label = LIST_START.match(previous.text)
    if not label or not label.group(0).strip():
        return False
    words_in_label = len(label.group(0).split())
    if words_in_label >= len(previous.word_starts):
        return False
    return abs(previous.word_starts[words_in_label] - line.x0) < 0.5 * line.size


# --- metadata ----------------------------------------------------------------------------

PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_pdf_date(value: str) -> str | None:
    """``D:20170220143000-05'00'`` → ``2017-02-20``; XMP's ``2017-02-20T14:30`` too.

    >>> parse_pdf_date("D:20170220143000-05'00'")
    '2017-02-20'
    >>> parse_pdf_date("2021-01-14T09:35:12-06:00")
    '2021-01-14'
    >>> parse_pdf_date("yesterday") is None
    True
    """
    value = value.strip()
    match = ISO_DATE.match(value)
    if match:
        year, month, day = match.groups()
    else:
        match = PDF_DATE.match(value)
        if not match or not match.group(2) or not match.group(3):
            return None
        year, month, day = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31 and 1900 <= int(year) <= 2200):
        return None
    return f"{year}-{month}-{day}"


def clean_metadata(info: dict[str, str], pages: int) -> dict[str, str | int]:
    """The fields of the output contract, only when the PDF says something."""
    metadata: dict[str, str | int] = {}
    for key, name in (("Title", "title"), ("Author", "author"), ("Subject", "subject")):
        value = " ".join(str(info.get(key, "")).split())
        if value:
            metadata[name] = value
    created = parse_pdf_date(str(info.get("CreationDate", "")))
    if created:
        metadata["created"] = created
    metadata["pages"] = pages
    return metadata
