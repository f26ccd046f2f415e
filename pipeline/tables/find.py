"""The orchestration: which searches run on a page, in what order, and what each found, counted."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pipeline.extract.chars import SourcePage
from pipeline.model import Box, Caption, PageTables, Table
from pipeline.normalize import clean_line_text
from pipeline.patterns import FIGURE_CAPTION
from pipeline.settings import NormalizeSettings, TableSettings
from pipeline.tables.across import rule_stacks, rules_only_grids
from pipeline.tables.captions import caption_near, caption_words
from pipeline.tables.clean import clean_grid, grid_table
from pipeline.tables.geometry import chars_to_lines, clamped, overlaps
from pipeline.tables.grid import Grid
from pipeline.tables.gutters import aligned_bands, figure_column_bands, text_grids
from pipeline.tables.marker_places import with_marker_places
from pipeline.tables.page import glyph_page
from pipeline.tables.ruled import may_be_ruled, ruled_grids, with_row_labels
from pipeline.tables.verdict import is_mathematics, rejection

logger = logging.getLogger(__name__)


def find_source_page_tables(
    page: SourcePage, *, settings: TableSettings | None = None, normalize: NormalizeSettings | None = None,
    stats: Counter[str] | None = None,
) -> PageTables:
    """The tables of a page of any character source, from its glyphs and strokes alone
    (:func:`~pipeline.tables.page.glyph_page`), so that pdfplumber never builds its
    dictionaries of every object on the page.

    A table that the finder cannot lay out is counted (``table_errors``), not fatal: the
    page's text is still read, only that table is missing.
    """
    stats = stats if stats is not None else Counter()
    try:
        return find_page_tables(glyph_page(page), settings=settings, normalize=normalize, stats=stats)
    except Exception as error:  # noqa: BLE001  (the table finder on a malformed page)
        stats["table_errors"] += 1
        logger.warning("page %d: tables not read (%s: %s); the page's text is read without them",
                       page.number, type(error).__name__, error)
        return PageTables()


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
    search = Search(page, settings, normalize, stats)
    found: list[tuple[Grid, Table]] = []
    over_prose: list[Box] = []
    if settings.ruled and may_be_ruled(page.edges):
        grids, over_prose = ruled_grids(page, settings)
        found += search.accepted(grids)
    if settings.ruled:
        found += search_rules_across(search, [Box(*grid.bbox) for grid, _ in found] + over_prose)
    if settings.unruled:
        # tables kept from the ruled search and frames over prose hide a band; row fills
        # that ruled nothing must not stop the text search over the same lines
        found += search_unruled(search, [Box(*grid.bbox) for grid, _ in found] + over_prose)
    return with_captions(search, sorted(found, key=lambda pair: pair[0].bbox[1]))


@dataclass(frozen=True)
class Search:
    """What every search on one page shares: the page, the settings, the counts."""

    page: Any
    settings: TableSettings
    normalize: NormalizeSettings
    stats: Counter[str]

    def accepted(self, grids: list[Grid], settings: TableSettings | None = None) -> list[tuple[Grid, Table]]:
        return accepted(grids, self.page, settings or self.settings, self.normalize, self.stats)


def is_free(region: Sequence[float], taken: list[Box]) -> bool:
    """Whether a region overlaps none of the boxes already taken by a table or a frame."""
    return not any(overlaps(region, (box.x0, box.top, box.x1, box.bottom)) for box in taken)


def search_rules_across(search: Search, taken: list[Box]) -> list[tuple[Grid, Table]]:
    """Tables ruled only across (:mod:`~pipeline.tables.across`), where no ruled table is."""
    found: list[tuple[Grid, Table]] = []
    # the widest first: a subtotal's short rules over the figures lie inside the table's own
    for region in sorted(rule_stacks(search.page.edges, search.settings), key=lambda r: r[0] - r[2]):
        if is_free(region, taken):
            kept = search.accepted(rules_only_grids(search.page, region, search.settings))
            found += kept
            taken = taken + [Box(*grid.bbox) for grid, _ in kept]
    return found


def search_unruled(search: Search, taken: list[Box]) -> list[tuple[Grid, Table]]:
    """Tables without rules (:mod:`~pipeline.tables.gutters`): bands of aligned columns,
    then two-column tables of labels and figures, where no table is yet."""
    page, settings = search.page, search.settings
    found: list[tuple[Grid, Table]] = []
    lines = chars_to_lines(page.chars)  # once for both band searches
    bands = aligned_bands(page.chars, settings, lines=lines)
    if not bands:
        search.stats["table_text_search_skipped"] += 1
    for band in bands:
        if is_free(band, taken):
            found += search.accepted(text_grids(page, band, settings))
    taken = taken + [Box(*grid.bbox) for grid, _ in found] + [Box(*band) for band in bands]
    two = replace(settings, min_columns=2)
    for band in figure_column_bands(lines, settings):
        if is_free(band, taken):
            # two columns are enough beside a column of figures
            grids = [replace(grid, framed=True) for grid in text_grids(page, band, two)]
            found += search.accepted(grids, two)
    return found


def with_captions(search: Search, found: list[tuple[Grid, Table]]) -> PageTables:
    """The tables with their captions, top to bottom; a boxed diagram whose caption says
    ``Figure`` is dropped (counted as ``tables_rejected_as_figures``)."""
    page, settings, stats = search.page, search.settings, search.stats
    tables: list[Table] = []
    captions: list[Caption] = []
    for grid, table in found:
        box = table.box or Box(*grid.bbox)
        bbox = (box.x0, box.top, box.x1, box.bottom)
        words = caption_words(page, bbox, settings)
        caption = caption_near(page, bbox, settings=settings, words=words)
        if caption is None and caption_near(page, bbox, settings=settings, pattern=FIGURE_CAPTION, words=words):
            stats["tables_rejected_as_figures"] += 1  # a boxed diagram: its caption says so
            continue
        if caption is not None and caption.box not in [c.box for c in captions]:
            table = replace(table, caption=clean_line_text(caption.text, search.normalize, stats))
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
        cleaned = clean_grid(grid, settings, normalize, stats)
        reason = rejection(cleaned.rows, grid.ruled, settings, framed=grid.framed)
        if reason is not None:
            stats["tables_rejected"] += 1
            stats[f"tables_rejected_{reason}"] += 1
            continue
        table = grid_table(grid, cleaned, page.page_number)
        if grid.ruled:
            table = with_row_labels(table, page, settings, normalize, stats)
        kept.append((grid, with_marker_places(table, page)))
    return kept
