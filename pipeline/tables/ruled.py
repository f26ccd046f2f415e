"""Tables drawn with ruling lines: the grid the strokes rule, the borders left undrawn, the row labels outside."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.model import Box, Table
from pipeline.normalize import clean_line_text
from pipeline.patterns import DOT_LEADER, ROW_LABEL_TEXT
from pipeline.settings import NormalizeSettings, TableSettings
from pipeline.tables.geometry import group_lines, joined_rules
from pipeline.tables.grid import Grid, grid_of


def may_be_ruled(edges: Sequence[dict[str, Any]]) -> bool:
    """At least three horizontal and three vertical strokes: a single box around a text,
    or a rule under a heading, rules no table."""
    across = sum(1 for edge in edges if edge["orientation"] == "h")
    down = len(edges) - across
    return across >= 3 and down >= 3


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
