"""Line numbers in a page's margin: a print proof's, or pleading paper's.

A proof numbers its lines in the margin (every line or every fifth, set small at each
line's baseline, close to the text, left or right or outside on mirrored pages); pleading
paper prints 1–28 down the left margin beside a double rule. Read as words, such a number
opens or closes every line: a hyphenated word's halves are kept apart (``Arm-2 strong``)
and a page of body text reads as notes keyed ``1``, ``2``, ``3``…

They are found before the page is laid out, from the rows of glyphs: a column of bare
numbers at the rows' outer ends, aligned, outside the text column (no other glyph of
their stretch of the page stands in the margin they occupy), in step with the lines (as
many rows between two numbers as their difference says, or one regular pitch per number),
and set apart as line numbers by one more sign: smaller than the text beside them,
counting in fives or tens, standing alone on rows without text, or beside a rule that
runs down the page.

What stays: numbered paragraphs (``1.`` is not a bare number), a list's or a table's
numbers (in the text column, in its type, without a rule down the page), a contents page's
page numbers (not in step with the lines), verse numbers inside the text, and a statute's
section numbers in the margin: they mark where a section starts, not where a line is, so
they are content (not in step with the lines either).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from pipeline import patterns
from pipeline.extract.chars import Char, Stroke
from pipeline.extract.text_lines import SPACE_CHARS, GlyphExtent, Numbering, Row

Side = Literal["left", "right"]

# Measures in points unless named otherwise.
ALIGNED = 2.0
"""Numbers whose aligned edges (right edges on the left side, left edges on the right) lie
this close stand in one column."""
MIN_CHAIN = 3
"""A column of fewer numbers than this on a page is left alone, but for two numbers far
apart counted exactly (:data:`COUNTED_PAIR`)."""
COUNTED_PAIR = 5
"""Two numbers alone in their column count when they differ by at least this much and
as many rows stand between them as the difference says (every tenth line: ``10``, ``20``)."""
IN_STEP_SHARE = 0.8
"""This share of neighbouring numbers must be in step with the lines."""
PITCH_SLACK = 1.0
"""How far a number may stand from the regular pitch of its column (pleading paper)."""
SMALLER = 0.9
"""Numbers at most this fraction of the size of the text beside them are set small."""
WORD_GAP = 0.2
"""A gap wider than this share of the type size ends a word (a number's digits touch)."""
RULE_SHARE = 0.75
"""A vertical rule beside the numbers runs down the page: at least this share of its height."""


@dataclass(frozen=True)
class MarginNumber(GlyphExtent):
    """A bare number at one end of a row: a candidate line number (its right edge, top and
    bottom from :class:`~pipeline.extract.text_lines.GlyphExtent`)."""

    row: int
    """The row's index among the page's rows (sorted by baseline)."""
    chars: tuple[Char, ...]
    value: int
    side: Side
    alone: bool
    """Whether the number is all its row holds."""

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def size(self) -> float:
        return statistics.median(c.size for c in self.chars)


@dataclass(frozen=True)
class MarginSplit:
    """A page's rows without their margin line numbers, the numbers (one row each), and
    the columns of numbers found (for the next pages)."""

    rows: list[Row]
    numbers: list[Row]
    numbering: tuple[Numbering, ...] = ()


def split_line_numbers(rows: list[Row], strokes: Callable[[], Sequence[Stroke]], height: float,
                       known: Sequence[Numbering] = ()) -> MarginSplit:
    """The page's rows without their margin line numbers, and the numbers, one row each.

    ``strokes`` gives the page's strokes (asked for only when a column of numbers needs a
    rule down the page to count); ``known`` are the columns of numbers earlier pages had,
    where a number too lonely to make a column of its own is taken too."""
    candidates = [number for index, row in enumerate(rows) for number in edge_numbers(index, row)]
    found: dict[int, MarginNumber] = {}
    numbering = []
    for chain in aligned_columns(candidates):
        if any(id(number.chars[0]) in found for number in chain):
            continue
        for run in line_number_runs(chain, rows, strokes, height):
            found.update((id(number.chars[0]), number) for number in run)
            numbering.append(numbering_of(run))
    for number in candidates:
        if id(number.chars[0]) not in found and in_known_column(number, known) and outside_text([number], rows):
            found[id(number.chars[0])] = number
    if not found:
        return MarginSplit(rows, [])
    taken = {id(char) for number in found.values() for char in number.chars}
    kept = [Row(rest) for row in rows if (rest := without_glyphs(row.chars, taken))]
    return MarginSplit(kept, [Row(number.chars) for number in sorted(found.values(), key=lambda n: n.top)], tuple(numbering))


def numbering_of(run: list[MarginNumber]) -> Numbering:
    step = Counter(b.value - a.value for a, b in pairwise(run)).most_common(1)[0][0]
    return Numbering(run[0].side, min(n.x0 for n in run), max(n.x1 for n in run),
                     statistics.median(n.size for n in run), step)


def in_known_column(number: MarginNumber, known: Sequence[Numbering]) -> bool:
    """Whether a number stands in the band of an earlier page's column of line numbers, in
    its type size, and is a multiple of its step."""
    return any(column.side == number.side and column.x0 - ALIGNED <= number.x0 and number.x1 <= column.x1 + ALIGNED
               and abs(column.size - number.size) <= 0.5 and number.value % column.step == 0 for column in known)


def without_glyphs(chars: tuple[Char, ...], taken: set[int]) -> tuple[Char, ...]:
    """A row's glyphs but the ``taken`` ones, and the spaces that only stood beside them."""
    rest = [c for c in chars if id(c) not in taken]
    glyphs = [c for c in rest if c.text not in SPACE_CHARS]
    if not glyphs:
        return ()
    left, right = min(c.x0 for c in glyphs), max(c.x1 for c in glyphs)
    return tuple(c for c in rest if c.text not in SPACE_CHARS or left <= c.x0 and c.x1 <= right)


def row_words(row: Row) -> list[list[Char]]:
    """A row's glyphs cut into words at spaces and at gaps (:data:`WORD_GAP`)."""
    words: list[list[Char]] = []
    previous: Char | None = None
    for char in sorted(row.chars, key=lambda c: c.x0):
        if char.text in SPACE_CHARS:
            previous = None
            continue
        if previous is None or char.x0 - previous.x1 > WORD_GAP * min(char.size, previous.size):
            words.append([])
        words[-1].append(char)
        previous = char
    return words


def edge_numbers(index: int, row: Row) -> list[MarginNumber]:
    """The bare numbers at a row's two ends (both sides for a number alone on its row),
    but for raised ones (a note's key)."""
    words = row_words(row)
    found = []
    for side, word in (("left", words[0]), ("right", words[-1])) if words else ():
        text = "".join(c.text for c in word)
        if side == "right" and after_leader_dots(words):
            continue  # a contents line's page number
        if patterns.LINE_NUMBER.match(text) and not is_raised(word, [c for w in words if w is not word for c in w]):
            found.append(MarginNumber(index, tuple(word), int(text), side, len(words) == 1))  # type: ignore[arg-type]
    return found


def after_leader_dots(words: list[list[Char]]) -> bool:
    """Whether a row's last word follows leader dots (``Special registers . . . . 18``): a
    contents line's page number. One full stop (a sentence's end) is no leader."""
    before = [c.text for word in words[:-1] for c in word][-2:]
    return len(before) == 2 and all(text in ".…·" for text in before)


RAISED_SIZE, RAISED_BY = 0.8, 0.15
"""A number at most this share of the text's size whose foot stands this share of the text's
size above the text's is raised: a note's key (``¹ Minutes of…``), not a line number, which
a proof sets on the line's baseline."""


def is_raised(number: list[Char], rest: list[Char]) -> bool:
    if not rest:
        return False
    size = statistics.median(c.size for c in rest)
    foot = statistics.median(c.bottom for c in rest)
    return (statistics.median(c.size for c in number) <= RAISED_SIZE * size
            and foot - max(c.bottom for c in number) >= RAISED_BY * size)


def aligned_columns(candidates: list[MarginNumber]) -> list[list[MarginNumber]]:
    """The candidates that stand in one column, each column top to bottom: numbers on the
    left aligned by their right edges (or left edges), on the right by their left edges
    (or right edges). Longest columns first."""
    columns = []
    for side in ("left", "right"):
        on_side = [n for n in candidates if n.side == side]
        for edge in ((lambda n: n.x1), (lambda n: n.x0)) if side == "left" else ((lambda n: n.x0), (lambda n: n.x1)):
            group: list[MarginNumber] = []
            for number in sorted(on_side, key=edge):
                if group and edge(number) - edge(group[0]) > ALIGNED:
                    columns.append(group)
                    group = []
                group.append(number)
            columns.append(group)
    return sorted((sorted(c, key=lambda n: n.top) for c in columns if len(c) >= 2), key=len, reverse=True)


def line_number_runs(chain: list[MarginNumber], rows: list[Row], strokes: Callable[[], Sequence[Stroke]],
                     height: float) -> list[list[MarginNumber]]:
    """The runs of an aligned column that are line numbers: rising numbers in step with the
    lines, outside the text column, and set apart by one more sign."""
    return [run for run in rising_runs(chain)
            if len(run) >= 2 and counts_lines(run) and in_step(run, rows) and outside_text(run, rows)
            and set_apart(run, rows, strokes, height)]


def rising_runs(chain: list[MarginNumber]) -> list[list[MarginNumber]]:
    """A column cut where its numbers stop rising (a column's numbering starting again)."""
    runs: list[list[MarginNumber]] = [[]]
    for number in chain:
        if runs[-1] and (number.value <= runs[-1][-1].value or number.row == runs[-1][-1].row):
            runs.append([])
        runs[-1].append(number)
    return runs


STEPS = (1, 2, 5, 10)
"""How line numberings count: every line, every other, every fifth, every tenth."""


def counts_lines(run: list[MarginNumber]) -> bool:
    """Whether the numbers count as a numbering of lines does: by a step of :data:`STEPS`,
    each number a multiple of it (``5, 10, 15``; not a contents page's ``1, 5, 9``)."""
    step = Counter(b.value - a.value for a, b in pairwise(run)).most_common(1)[0][0]
    return step in STEPS and all(number.value % step == 0 for number in run[1:])


def in_step(run: list[MarginNumber], rows: list[Row]) -> bool:
    """Whether the numbers count the lines: between two numbers stand as many rows as their
    difference says (every line counted, every fifth printed), or each number stands one
    regular pitch below the last, one by one (pleading paper, whose lines are the paper's, not
    the text's).

    A contents page's page numbers or a statute's section numbers do neither. A column of
    two numbers needs more: they are :data:`COUNTED_PAIR` or more apart, counted row by row."""
    if len(run) < MIN_CHAIN:
        a, b = run
        return b.value - a.value >= COUNTED_PAIR and b.row - a.row == b.value - a.value
    pitch = statistics.median((b.top - a.top) / (b.value - a.value) for a, b in pairwise(run))
    # pleading paper numbers each of its lines: a regular pitch counts only from one number to the next
    steps = [b.row - a.row == b.value - a.value or b.value - a.value == 1 and abs(b.top - a.top - pitch) <= PITCH_SLACK
             for a, b in pairwise(run)]
    return sum(steps) >= max(2, IN_STEP_SHARE * len(steps))


def outside_text(run: list[MarginNumber], rows: list[Row]) -> bool:
    """Whether the numbers stand outside the text column: no other glyph of the rows they
    span reaches into their margin. A list's numbers share their column's left edge with
    the text around them."""
    ids = {id(c) for number in run for c in number.chars}
    first, last = run[0].row, run[-1].row
    others = [c for row in rows[first:last + 1] for c in row.chars if id(c) not in ids and c.text not in SPACE_CHARS]
    if not others:
        return False
    if run[0].side == "left":
        return min(c.x0 for c in others) > max(number.x1 for number in run)
    return max(c.x1 for c in others) < min(number.x0 for number in run)


def set_apart(run: list[MarginNumber], rows: list[Row], strokes: Callable[[], Sequence[Stroke]], height: float) -> bool:
    """One more sign that the numbers are the margin's, not the text's: they are set smaller
    than the text beside them, count in steps of two or more, stand alone on several rows
    (pleading paper numbers its empty lines), or a rule runs down the page between them and
    the text."""
    ids = {id(c) for number in run for c in number.chars}
    beside = [c.size for number in run for c in rows[number.row].chars if id(c) not in ids and c.text not in SPACE_CHARS]
    if beside and statistics.median(number.size for number in run) <= SMALLER * statistics.median(beside):
        return True
    step = Counter(b.value - a.value for a, b in pairwise(run)).most_common(1)[0][0]
    if step >= 2 or sum(number.alone for number in run) >= MIN_CHAIN:
        return True
    return ruled_beside(run, strokes(), height)


def ruled_beside(run: list[MarginNumber], strokes: Sequence[Stroke], height: float) -> bool:
    """Whether a vertical rule runs down most of the page just past the numbers, on the
    text's side (pleading paper's double rule)."""
    if run[0].side == "left":
        edge = max(number.x1 for number in run)
        return any(s.orientation == "v" and edge <= s.x0 <= edge + 36 and s.bottom - s.top >= RULE_SHARE * height
                   for s in strokes)
    edge = min(number.x0 for number in run)
    return any(s.orientation == "v" and edge - 36 <= s.x1 <= edge and s.bottom - s.top >= RULE_SHARE * height
               for s in strokes)
