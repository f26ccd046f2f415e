"""From a page's glyphs to its rows: which glyphs take part, the body type size, and
the bands of glyphs that make up each row.

Rows are found by vertical overlap, so a raised superscript stays on its line; two texts
drawn over each other on one row (a filing stamp over a title) are read as separate rows.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise

from pipeline.extract.chars import Char
from pipeline.extract.spelling import SUPERSCRIPT_SIZE, row_baseline
from pipeline.extract.text_lines import SPACE_CHARS, PageStats, Row


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
        if char.text.startswith("(cid:") and char.unmapped:
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
    tops: list[float] = []  # per row: the top and bottom of its band
    bottoms: list[float] = []
    members: list[list[Char]] = []
    for char in ordered:
        top, bottom = char.top, char.bottom
        height = bottom - top
        best, best_share = -1, 0.0
        # Most glyphs continue the latest row; only the last few rows can still overlap.
        for index in range(len(tops) - 1, max(-1, len(tops) - 5), -1):
            band_top, band_bottom = tops[index], bottoms[index]
            overlap = (band_bottom if band_bottom < bottom else bottom) - (band_top if band_top > top else top)
            if overlap <= 0:
                continue
            smaller = band_bottom - band_top if band_bottom - band_top < height else height
            share = overlap / (smaller if smaller > 0.01 else 0.01)
            if share > best_share:
                best, best_share = index, share
                if share >= 0.99:
                    break
        if best_share < 0.5:
            tops.append(top)
            bottoms.append(bottom)
            members.append([char])
        else:
            if top < tops[best]:
                tops[best] = top
            if bottom > bottoms[best]:
                bottoms[best] = bottom
            members[best].append(char)
    attach_spaces(spaces, list(zip(tops, bottoms)), members)
    order: dict[int, int] = {}  # drawing order, filled only if a row has overlaid text
    rows = [
        Row(tuple(layer))
        for m in members
        for line in split_stacked_lines(sorted(m, key=lambda c: c.x0))
        for layer in separate_overlaid_text(line, order, chars)
    ]
    return sorted(rows, key=lambda r: (row_baseline(r.chars), r.x0))


def count_overlaps(glyphs: Sequence[Char]) -> int:
    """Neighbours (left to right) that cover each other by more than 40 % of the narrower."""
    return sum(1 for a, b in pairwise(glyphs) if b.x0 < a.x1 - 0.4 * min(a.x1 - a.x0, b.x1 - b.x0) and a.x1 - a.x0 > 0.5)


def split_stacked_lines(row: list[Char]) -> list[list[Char]]:
    """Split a row that holds two lines of one column, one above the other, by baseline.

    Rows are bands of vertical overlap over the whole page; where the columns' baselines do
    not line up (the Federal Register's three columns), a band can grow over two lines of one
    column, and its glyphs then cover each other. Cutting such a row at its distinct
    baselines keeps each line whole (``FOR FURTHER INFORMATION CONTACT: Ian`` stays above
    ``Won, Manager, …``). Raised markers and spaces go with the line they belong to.
    """
    glyphs = [c for c in row if c.text not in SPACE_CHARS]
    if count_overlaps(glyphs) < 2:
        return [row]
    largest = max(c.size for c in glyphs)
    full = sorted((c for c in glyphs if c.size >= largest * SUPERSCRIPT_SIZE), key=lambda c: c.bottom)
    clusters: list[list[Char]] = [[full[0]]]
    for previous, char in pairwise(full):
        if char.bottom - previous.bottom > 0.3 * min(previous.size, char.size):
            clusters.append([])
        clusters[-1].append(char)
    if len(clusters) == 1:
        return [row]
    baselines = [statistics.median(c.bottom for c in cluster) for cluster in clusters]
    placed = {id(c) for cluster in clusters for c in cluster}
    for char in row:
        if id(char) in placed:
            continue
        below = [i for i, base in enumerate(baselines) if base >= char.bottom - 0.15 * char.size]
        index = min(below, key=lambda i: baselines[i]) if below else len(baselines) - 1
        clusters[index].append(char)
    return [sorted(cluster, key=lambda c: c.x0) for cluster in clusters]


def separate_overlaid_text(row: list[Char], order: dict[int, int], page: Sequence[Char] = ()) -> list[list[Char]]:
    """Split a row where two texts are drawn over each other (a court's filing stamp over
    its title, a cover's layered titles), which sorting by x would shuffle letter by letter
    (``United StaFtieftshCCoirucrutiotf Appeals``).

    Only rows whose glyphs overlap heavily are touched. Their glyphs are cut into runs in
    drawing order (a run ends where the pen jumps back left), and runs that overlap go to
    separate layers, each read as its own row. ``order`` maps a glyph's ``id`` to its place
    in ``page`` (the page's glyphs in drawing order); it is filled here the first time a row needs it.
    """
    glyphs = [c for c in row if c.text not in SPACE_CHARS]
    if count_overlaps(glyphs) < 2:
        return [row]
    if not order:
        order.update((id(char), index) for index, char in enumerate(page))
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


def attach_spaces(spaces: list[Char], bands: list[tuple[float, float]], members: list[list[Char]]) -> None:
    """Put each space glyph back into the row it belongs to: spaces mark word ends.

    A space joins the first row (in the order rows were found) whose band holds its middle.
    Only the bands starting at most one band height above the middle can hold it, so they
    are found by bisection among the bands sorted by top instead of trying every row."""
    if not spaces or not bands:
        return
    by_top = sorted(range(len(bands)), key=lambda index: bands[index][0])
    tops = [bands[index][0] for index in by_top]
    tallest = max(bottom - top for top, bottom in bands)
    for space in spaces:
        middle = space.middle
        start, end = bisect_left(tops, middle - tallest - 1.0), bisect_right(tops, middle)
        holding = [by_top[k] for k in range(start, end) if middle <= bands[by_top[k]][1]]
        if holding:
            members[min(holding)].append(space)
