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

The steps live in their own modules, one idea each:
:mod:`~pipeline.extract.rows` (glyphs → rows), :mod:`~pipeline.extract.page_regions`
(running heads, footers and footnote areas), :mod:`~pipeline.extract.reading_order`
(columns and vertical writing), :mod:`~pipeline.extract.spelling` (a line's text and
its markers), :mod:`~pipeline.extract.paragraphs` (the page's lines with paragraph
breaks) and :mod:`~pipeline.extract.pdf_metadata`; their shared types are in
:mod:`~pipeline.extract.text_lines`. This module reads a document page by page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.extract.chars import CharSource, PdfplumberSource, SourcePage
from pipeline.extract.figure_text import figure_areas, set_figure_text_apart
from pipeline.extract.line_numbers import split_line_numbers
from pipeline.extract.page_regions import footer_note_lines, split_footnotes, split_margins
from pipeline.extract.paragraphs import assemble_page
from pipeline.extract.pdf_metadata import clean_metadata
from pipeline.extract.reading_order import is_vertical_writing, lay_out_body, lay_out_vertical
from pipeline.extract.rows import dominant_size, group_rows, keep_layout_chars
from pipeline.extract.spelling import make_line
from pipeline.extract.text_lines import SPACE_CHARS, Numbering, PageStats
from pipeline.model import Box, DocumentWarning, Extraction, Line, Page, PageTables, Source, Table
from pipeline.settings import ExtractSettings
from pipeline.tables import inside_any


@dataclass
class ReaderStats:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, value: int) -> None:
        if value:
            self.counts[name] = self.counts.get(name, 0) + value


# --- entry point -------------------------------------------------------------------------


TableFinder = Callable[[SourcePage, "Counter[str]"], PageTables]
"""Finds a page's tables from its glyphs and strokes, counting what it did; the process
passes one configured with the user's settings (:func:`pipeline.process.table_finder`)."""


def default_table_finder(page: SourcePage, stats: Counter[str]) -> PageTables:
    """The table finder with its default settings."""
    from pipeline.tables.find import find_source_page_tables

    return find_source_page_tables(page, stats=stats)


def read_pdf(
    path: Path,
    settings: ExtractSettings,
    *,
    source: Source,
    engine: CharSource | None = None,
    find_tables: TableFinder | None = default_table_finder,
) -> Extraction:
    """Read a PDF into pages of lines. Raises :class:`DocumentError` for a bad PDF.

    ``engine`` supplies the characters (pdfplumber unless given); pages are read and
    laid out one at a time, so memory does not grow with the page count. ``find_tables``
    finds each page's tables while the page is open (None: no tables are looked for).
    """
    engine = engine or reading_engine(settings)
    stats = ReaderStats()
    table_stats: Counter[str] = Counter()
    pages: list[Page] = []
    tables: list[Table] = []
    glyphs = unmapped_pages = pages_with_glyphs = 0
    warnings: list[DocumentWarning] = []
    with engine.open(path) as document:
        if document.page_count == 0:
            raise DocumentError("damaged", "the PDF has no pages")
        raw_metadata = document.metadata()
        rejected_seen = 0
        numbering: dict[str, Numbering] = {}  # the latest column of line numbers on each side
        for source_page in document.pages():
            found = find_tables(source_page, table_stats) if find_tables is not None else PageTables()
            page, page_stats = read_page(source_page, settings, found, tuple(numbering.values()))
            numbering.update((column.side, column) for column in page_stats.numbering)
            pages.append(page)
            page_tables = found.tables
            tables += page_tables
            page_glyphs = page_stats.glyphs + table_glyphs(page_tables)
            glyphs += page_glyphs
            pages_with_glyphs += page_glyphs > 0
            unmapped_pages += page_stats.unmapped
            warnings += page_warnings(source_page.number, page_stats, page_glyphs)
            warnings += rejected_table_warnings(source_page.number, table_stats.get("tables_rejected", 0) - rejected_seen)
            rejected_seen = table_stats.get("tables_rejected", 0)
            stats.add("cid_glyphs", page_stats.cid_glyphs)
            stats.add("rotated_chars_dropped", page_stats.rotated_chars_dropped)
            stats.add("pdf_superscript_markers", page_stats.superscript_markers)
    try:
        check_text_layer(glyphs, len(pages), pages_with_glyphs, unmapped_pages)
    except DocumentError as error:
        raise DocumentError(error.kind, f"{error.detail}{ocr_hint(settings, document)}") from None
    stats.add("unmapped_pages", unmapped_pages)
    for name, count in sorted(table_stats.items()):
        stats.add(name, count)
    metadata = clean_metadata(raw_metadata, len(pages))
    record_ocr(getattr(document, "records", ()), stats, metadata)
    return Extraction(
        source=source, pages=tuple(pages), metadata=metadata, tables=tuple(tables), stats=stats.counts,
        warnings=tuple(warnings) + tuple(getattr(document, "warnings", ())),
    )


def rejected_table_warnings(number: int, rejected: int) -> list[DocumentWarning]:
    """A page where a table-like region (ruled cells, aligned columns) was not taken as a
    table: its text stays in the body, and a person may want to see whether a table was lost."""
    if rejected <= 0:
        return []
    if rejected == 1:
        detail = "a table-like region was not taken as a table; its text is read as body text"
    else:
        detail = f"{rejected} table-like regions were not taken as tables; their text is read as body text"
    return [DocumentWarning("table_rejected", detail, page=number)]


def page_warnings(number: int, stats: PageStats, glyphs: int) -> list[DocumentWarning]:
    """What a person should know about one page: it has no text (a scan or a picture among
    text pages), or some of its glyphs map to no Unicode (their letters are lost)."""
    if stats.unmapped:
        return [DocumentWarning("unmapped_glyphs", f"{stats.cid_glyphs} glyphs map to no character; page left out", page=number)]
    if not glyphs:
        return [DocumentWarning("page_without_text", "no text on this page (a scan or a picture?)", page=number)]
    if stats.cid_glyphs:
        return [DocumentWarning("unmapped_glyphs", f"{stats.cid_glyphs} glyphs map to no character", page=number)]
    return []


def char_source(settings: ExtractSettings) -> CharSource:
    """The engine the settings name: pdfplumber (the reference, by default) or pdfium."""
    if settings.pdf_engine == "pdfplumber":
        return PdfplumberSource(dedupe_chars=settings.pdf_dedupe_chars)
    from pipeline.extract.pdfium_source import PdfiumSource

    return PdfiumSource(dedupe_chars=settings.pdf_dedupe_chars)


def table_glyphs(tables: Sequence[Table]) -> int:
    """How many letters a page's tables hold: a page that is one table has a text layer,
    though none of it reaches the body's lines."""
    return sum(len(cell) - cell.count(" ") for table in tables for row in table.rows for cell in row)


def check_text_layer(glyphs: int, page_count: int, pages_with_glyphs: int, unmapped_pages: int) -> None:
    """Refuse documents whose text could not be read (OCR off, not installed, or it found
    nothing: :func:`ocr_hint` adds which).

    A scan may still carry a stray glyph or two (a stamp, a page label), so a document
    with fewer than three glyphs a page counts as having no text layer.
    """
    if pages_with_glyphs and unmapped_pages >= pages_with_glyphs:
        raise DocumentError("no text", "the text layer is unmapped glyphs (cid:NN); OCR needed")
    if glyphs < 3 * page_count:
        raise DocumentError("no text", f"no text layer on its {page_count} pages (blank pages, or a scan: OCR needed)")


def reading_engine(settings: ExtractSettings) -> CharSource:
    """The settings' engine's characters, with the pages that need it read by OCR unless OCR is off
    (Tesseract is looked for only when a page needs it)."""
    base = char_source(settings)
    from pipeline.extract.ocr import OcrFallbackSource

    if settings.ocr == "off":
        return base
    return OcrFallbackSource(base, mode=settings.ocr, language=settings.ocr_language, dpi=settings.ocr_dpi,
                             cid_share=settings.pdf_cid_page_share)


def ocr_hint(settings: ExtractSettings, document: object) -> str:
    """What OCR made of a document without text, for the failure's one-line reason."""
    from pipeline.extract.ocr import ocr_available

    if settings.ocr == "off":
        return "; OCR is off"
    if getattr(document, "records", None):
        return "; OCR found no text"
    return "" if ocr_available() else "; OCR unavailable: Tesseract is not installed"


def record_ocr(records: Sequence[Any], stats: ReaderStats, metadata: dict[str, Any]) -> None:
    """Count the pages read by OCR and say in the metadata which, with their confidence."""
    if records:
        from pipeline.extract.ocr import ocr_metadata

        stats.add("ocr_pages", len(records))
        metadata["ocr"] = ocr_metadata(records)


def read_page(source_page: SourcePage, settings: ExtractSettings, found: PageTables | None = None,
              numbering: Sequence[Numbering] = ()) -> tuple[Page, PageStats]:
    """One page's lines, laid out; the characters of the tables ``found`` on it and of
    their captions are left out of the body, and its margin's line numbers set apart (in
    the columns of ``numbering``, earlier pages' line numbers, a lone number counts)."""
    found = found or PageTables()
    stats = PageStats()
    chars = keep_layout_chars(source_page.chars(), stats)
    exclude = found.exclude
    if exclude:  # a table's cells and caption are the table's, not the body's
        chars = [c for c in chars if not inside_any(c, exclude)]
    stats.glyphs = sum(1 for c in chars if c.text not in SPACE_CHARS)
    width, height = source_page.width, source_page.height
    if stats.glyphs and stats.cid_glyphs / max(1, stats.glyphs) >= settings.pdf_cid_page_share:
        stats.unmapped = True
        return Page(source_page.number, (), width, height), stats
    if not stats.glyphs:
        return Page(source_page.number, (), width, height), stats
    margin_split = split_line_numbers(group_rows(chars), source_page.strokes, height, numbering)
    rows, stats.numbering = margin_split.rows, margin_split.numbering
    body_size = dominant_size(chars)
    header, body_rows, footer = split_margins(rows, height)
    in_body = {id(c) for row in body_rows for c in row.chars}
    body_chars = [c for c in chars if id(c) in in_body]  # drawing order, which vertical text needs
    if is_vertical_writing(body_chars):
        lines_in_order = lay_out_vertical(body_chars, body_size)
    else:
        lines_in_order = lay_out_body(body_rows, body_size, stats, drawn_boxes(source_page, found))
    body, notes, tail = split_footnotes(lines_in_order, body_size, source_page.rules(), height)
    body, figure_words = set_figure_text_apart(body, *figure_areas(source_page))
    footer_lines = [make_line(row.chars, 0, stats) for row in footer]
    footer_notes = footer_note_lines(notes, footer_lines)
    notes += [replace(line, region="footnote") for line in footer_notes]
    margin = [replace(make_line(row.chars, 0, stats), region="margin") for row in margin_split.numbers]
    lines = assemble_page(
        source_page.number,
        [make_line(row.chars, 0, stats) for row in header] + figure_words,
        body,
        notes,
        tail + [line for line in footer_lines if not any(line is note for note in footer_notes)] + margin,
    )
    boxes = [table.box for table in found.tables if table.box is not None]
    return Page(source_page.number, tuple(break_at_tables(lines, boxes)), width, height), stats


def drawn_boxes(source_page: SourcePage, found: PageTables) -> list[Box]:
    """What is drawn on the page that can stand between two bands of columns: its
    horizontal strokes (a figure's frame, a chart's axis, a rule), its images and its tables."""
    strokes = [Box(s.x0, s.top, s.x1, s.bottom) for s in source_page.strokes() if s.orientation == "h"]
    images = [Box(i.x0, i.top, i.x1, i.bottom) for i in source_page.images()]
    return strokes + images + [table.box for table in found.tables if table.box is not None]


def break_at_tables(lines: list[Line], tables: Sequence[Box]) -> list[Line]:
    """End the paragraph before a table and start a new one after it: the table's text has
    left the body, and without a gap the paragraph above it would run on into the one below
    (or, when the table ends the page, into the next page's first paragraph).

    A gap line goes before a body line with a table between it and the body line above, and
    after the page's last body line when a table stands below it.
    """
    if not tables:
        return lines
    out: list[Line] = []
    previous: Line | None = None
    for line in lines:
        if line.region == "body" and line.kind != "gap" and line.box is not None:
            above = previous.box.bottom if previous is not None and previous.box is not None else 0.0
            if any(above - 1 <= t.top and t.bottom <= line.box.top + 1 and overlaps_across(t, line.box) for t in tables):
                if out and out[-1].kind != "gap":
                    out.append(Line(text="", page=line.page, kind="gap", region="body"))
            previous = line
        out.append(line)
    if previous is not None and previous.box is not None and any(
            t.top >= previous.box.bottom - 1 and overlaps_across(t, previous.box) for t in tables):
        at = next(i for i, line in enumerate(out) if line is previous) + 1
        out.insert(at, Line(text="", page=previous.page, kind="gap", region="body"))
    return out


def overlaps_across(a: Box, b: Box) -> bool:
    """Whether two boxes share some width: a table beside a column of text does not stand
    between its lines."""
    return a.x0 < b.x1 and b.x0 < a.x1
