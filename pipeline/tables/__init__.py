"""Every table of a PDF page as a clean :class:`~pipeline.model.Table`.

Layers, each computed from the one below (pdfplumber's model): the page's ruling lines give
ruled tables; where a page has none, a cheap pass over the characters' x positions looks for
lines with several wide gaps (aligned columns) and only those bands are handed to
pdfplumber's slower ``text`` strategy. Raw grids are then cleaned: merged cells spread or
blanked, multi-line cells joined, spacer rows and columns dropped, the header found (a
two-row header flattened as ``Top / Sub``), and a table that reads like prose rejected.

One module per idea; a newcomer looking for a rule finds it here:

============================  ==========================================================
:mod:`~.find`                 the orchestration: which searches run, what they found, counted
:mod:`~.page`                 the page the finder reads (the reader's glyphs and strokes)
:mod:`~.geometry`             boxes, glyphs grouped into lines, gaps, rules joined
:mod:`~.ruled`                tables drawn with ruling lines, borders left undrawn, row labels
:mod:`~.across`               tables ruled only across (booktabs, a hairline under each row)
:mod:`~.gutters`              tables without rules, by the gutters of aligned columns
:mod:`~.grid`                 the raw grid a strategy found, before cleaning
:mod:`~.clean`                a raw grid cleaned into rows and a header
:mod:`~.rows`                 row cleanup: stacked rows, wrapped cells, spacers, repeats
:mod:`~.header`               header rows counted, group labels spread, flattened to one row
:mod:`~.verdict`              the table-or-not verdict, as named, counted rules
:mod:`~.captions`             ``Table N`` captions above or below a table
:mod:`~.continued`            tables continued over a page break, joined
:mod:`~.figures`              whether a cell is a number, and its value
:mod:`~.frames`               tables as typed pandas DataFrames and Parquet files
============================  ==========================================================

The PDF reader drops from the body every character for which :func:`inside_any` is true
against :attr:`~pipeline.model.PageTables.exclude` (the tables and their caption lines), so
no table text appears again in the paragraphs. :func:`merge_continued_tables` then joins
tables split by a page break.
"""

from __future__ import annotations

from pipeline.settings import TableSettings
from pipeline.tables.captions import caption_near
from pipeline.tables.continued import merge_continued_tables
from pipeline.tables.figures import is_numeric, parse_number
from pipeline.tables.find import find_page_tables, find_tables
from pipeline.tables.frames import parquet_bytes, table_to_frame, typed_frame
from pipeline.tables.geometry import inside_any
from pipeline.tables.gutters import aligned_bands
from pipeline.tables.page import GlyphPage, mark_raised_markers

__all__ = [
    "GlyphPage", "TableSettings", "aligned_bands", "caption_near", "find_page_tables", "find_tables", "inside_any",
    "is_numeric", "mark_raised_markers", "merge_continued_tables", "parquet_bytes", "parse_number", "table_to_frame",
    "typed_frame",
]
