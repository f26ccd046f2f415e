"""Tables without rules, found by the gutters their aligned columns leave blank."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.settings import TableSettings
from pipeline.tables.figures import is_numeric
from pipeline.tables.geometry import chars_to_lines, clamped, free_stretches, line_height, line_words, usual_size, wide_gaps
from pipeline.tables.grid import Grid, grid_of
from pipeline.tables.header import spread_group_labels
from pipeline.tables.ruled import cuts_through_prose
from pipeline.tables.verdict import is_mathematics


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


def aligned(gaps: list[tuple[float, float]], reference: list[tuple[float, float]]) -> bool:
    """Whether two lines share at least two gutters (overlapping gaps)."""
    shared = sum(1 for a in gaps if any(a[0] < b[1] and b[0] < a[1] for b in reference))
    return shared >= min(2, len(gaps))


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
        grid = spread_group_labels(unruled(grid, crop.chars), crop.chars, [left] + cuts + [right], settings)
        grids.append(grid)
    return grids


def fits_words(found: Any, words: list[dict[str, Any]], page: Any, settings: TableSettings) -> bool:
    """Whether a text grid's columns leave the words whole: prose cut into columns is cut
    through its words, set word against word, or framed by a box whose border cuts it."""
    return not (cuts_words(found, words) or has_narrow_gutter(found, words, settings) or cuts_through_prose(found, page))


def unruled(grid: Grid, chars: Sequence[dict[str, Any]]) -> Grid:
    """Mark a grid as read from text lines, with the usual type size of its glyphs."""
    return replace(grid, ruled=False, size=usual_size(chars))


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
        cells = [cell for row in rows if c < len(row) and (cell := row[c])]
        alone = sum(1 for row in rows if c < len(row) and row[c] and not any(v for i, v in enumerate(row) if i != c))
        words = sum(len(cell.split()) for cell in cells)
        if cells and (alone >= 2 and words >= 4 * len(cells) or words >= 6 * len(cells)):
            return side
    return None
