"""Tables ruled only across (booktabs' three rules, or a hairline under each row)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.settings import TableSettings
from pipeline.tables.figures import is_numeric
from pipeline.tables.geometry import chars_to_lines, clamped, joined_rules, line_phrases, usual_size, wide_gaps
from pipeline.tables.grid import Grid, grid_of
from pipeline.tables.gutters import column_cuts, cuts_words
from pipeline.tables.header import spread_group_labels
from pipeline.tables.verdict import is_mathematics


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
    two = replace(settings, min_columns=2, min_rows=2)
    cuts = column_cuts(crop.chars, two)
    if not cuts:
        return []
    rules = sorted({round(r[2], 1) for r in joined_rules(crop.edges, settings.snap_tolerance)
                    if r[1] - r[0] >= 0.9 * (x1 - x0)})
    row_ruled = rules_every_row(crop, rules, cuts, settings)
    pitch = max(b - a for a, b in zip(rules, rules[1:])) if row_ruled else 2.0 * usual_size(crop.chars)
    header_top = header_above_rules(page, (x0, rules[0] if rules else top, x1), pitch, settings)
    last_bottom = rows_below_rules(page, (x0, rules[-1] if rules else bottom, x1), pitch, settings)
    if header_top is not None or last_bottom is not None:
        if row_ruled:
            rules = [y for y in (header_top,) if y is not None] + rules + [y for y in (last_bottom,) if y is not None]
        crop = page.crop((x0, header_top if header_top is not None else max(top - 1, 0), x1,
                          last_bottom if last_bottom is not None else min(bottom + 1, page.height)))
        cuts = column_cuts(crop.chars, two) or cuts
    return across_grids(crop, cuts, rules if row_ruled else None, settings)


def rules_every_row(crop: Any, rules: list[float], cuts: list[float], settings: TableSettings) -> bool:
    """Whether the rules run under every row: three bands or more between them, each of at
    most three lines, and none holding two full rows (a wrapped cell's lines stay one row)."""
    lines = chars_to_lines(crop.chars)
    bands = [[line for line in lines if a < line[0]["bottom"] <= b + 1] for a, b in zip(rules, rules[1:])]
    return (len(bands) >= 3 and max(len(band) for band in bands) <= 3
            and not any(sum(1 for line in band if is_full_row(line, cuts, settings)) >= 2 for band in bands))


def across_grids(crop: Any, cuts: list[float], row_rules: list[float] | None, settings: TableSettings) -> list[Grid]:
    """The grids pdfplumber lays out in ``crop`` with columns cut at ``cuts`` and rows cut at
    ``row_rules`` (or at each line of text when None), those that cut no word."""
    left = min(c["x0"] for c in crop.chars) - 1  # the text strategy's row edges end where the words do
    right = max(c["x1"] for c in crop.chars) + 1
    options: dict[str, Any] = {
        "vertical_strategy": "explicit", "explicit_vertical_lines": [left] + cuts + [right],
        "horizontal_strategy": "explicit" if row_rules is not None else "text",
        "min_words_horizontal": 1, "text_x_tolerance": 3, "text_y_tolerance": 3, "intersection_tolerance": 5,
    }
    if row_rules is not None:
        options["explicit_horizontal_lines"] = row_rules
    words = crop.extract_words()
    grids = []
    for found in crop.find_tables(options):
        if cuts_words(found, words):
            continue
        grid = replace(grid_of(found), ruled=row_rules is not None, framed=True, size=usual_size(crop.chars))
        if row_rules is None:
            grid = spread_group_labels(grid, crop.chars, [left] + cuts + [right], settings)
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
