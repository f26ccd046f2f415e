"""Where ``normalize`` repaired each line, for the report: :class:`~pipeline.model.RepairMark`.

``normalize`` repairs a page's text in one pass and counts; the page is gone over again here
with the repairs that changed it. Most repairs say by a pattern what they change
(``Repair.found_by``: a ligature glyph, a broken hyphen, a glyph-spacing run), so their
places are the pattern's matches in the page as read, each in its line. A line whose
mojibake was repaired (a repair without patterns: any character may have changed) is placed
by comparing its text before and after each repair instead (:func:`changed_spans`).

In a text export every word gap is a glyph-spacing run (the seed has 1,400 in 12 KB):
marking each would multiply ``document.json`` and a batch's memory, so glyph spacing is
placed only on lines with a box (PDFs), where it is rare; the report's raw view of an
export finds those runs by the same pattern (``patterns.GLYPH_SPACING_RUN``).
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from pipeline.model import FOUND_LIMIT, Box, Line, RepairMark

if TYPE_CHECKING:
    from pipeline.normalize import Repair

UNPLACED_IN_EXPORTS = frozenset({"tab_artifacts_removed"})
"""Repairs not placed on lines without a box (a text export's word gaps): see the module's doc."""


def page_repair_marks(lines: Sequence[Line], text: str, repairs: Sequence[Repair]) -> dict[int, tuple[RepairMark, ...]]:
    """Where each of ``repairs`` (those that changed the page) changed its ``lines``, whose
    text joined by line ends is ``text``: for each line index, its marks in line order.

    Each pattern runs once over the page; a line whose mojibake was repaired is placed by
    comparison instead (:func:`compared_spans`).
    """
    if not any(line.box is not None for line in lines):
        repairs = [repair for repair in repairs if repair.stat not in UNPLACED_IN_EXPORTS]
    if not repairs:
        return {}
    spans: dict[int, list[tuple[str, int, int]]] = {}
    compared: set[int] = set()
    if any(not repair.found_by for repair in repairs):
        for index, line in enumerate(lines):
            if any(not repair.found_by and repair.apply(line.text)[1] for repair in repairs):
                spans[index] = compared_spans(line.text, repairs)
                compared.add(index)
    starts = list(accumulate((len(line.text) + 1 for line in lines[:-1]), initial=0))
    for repair in repairs:
        for pattern in repair.found_by:
            for match in pattern.finditer(text):
                index = bisect_right(starts, match.start()) - 1
                line = lines[index]
                if index in compared or (line.box is None and repair.stat in UNPLACED_IN_EXPORTS):
                    continue
                if not repair.checked or repair.apply(match.group())[1]:
                    spans.setdefault(index, []).append((repair.stat, match.start() - starts[index], match.end() - starts[index]))
    return {index: line_marks(lines[index], index, found) for index, found in spans.items()}


def line_marks(line: Line, index: int, spans: list[tuple[str, int, int]]) -> tuple[RepairMark, ...]:
    """The marks of one line (the ``index``-th of its page), in the order of the line."""
    return tuple(RepairMark(kind, line.page, index, start, end, sys.intern(line.text[start:end][:FOUND_LIMIT]),
                            span_box(line, start, end)) for kind, start, end in sorted(spans, key=lambda s: s[1]))


def compared_spans(text: str, repairs: Sequence[Repair]) -> list[tuple[str, int, int]]:
    """Each repair's changes found by comparing the text before and after it, carried back
    to the line as read through the repairs before it."""
    origin = list(range(len(text) + 1))  # each position of ``text`` in the line as read
    spans = []
    for repair in repairs:
        new, count = repair.apply(text)
        if not count or new == text:
            continue
        changed, origin = changed_spans(text, new, origin)
        spans += [(repair.stat, start, end) for start, end in changed]
        text = new
    return spans


def changed_spans(before: str, after: str, origin: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """The spans of the line as read that ``before`` → ``after`` changed (changes one
    space apart are one span), and the origin of each position of ``after``.

    >>> changed_spans("a\\t \\u00a0b\\t \\u00a0c", "a b c", list(range(10)))[0]
    [(1, 4), (5, 8)]
    """
    spans: list[tuple[int, int]] = []
    carried: list[int] = []
    done = 0  # the end of the last change in ``before``
    for i1, i2, j1, j2 in local_changes(before, after):
        carried += origin[done:i1]
        carried += [origin[i1]] * (j2 - j1)
        start, end = line_span(origin, i1, i2)
        if spans and before[done:i1] in ("", " "):
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
        done = i2
    carried += origin[done:]
    return spans, carried


def line_span(origin: list[int], i1: int, i2: int) -> tuple[int, int]:
    """The span of the line as read behind ``before[i1:i2]``, at least one character and
    never past the line's end (characters put in after the last one mark the last one).

    >>> line_span([0, 1, 2, 3], 3, 3)
    (2, 3)
    """
    length = origin[-1]
    start = min(origin[i1], max(length - 1, 0))
    return start, min(max(origin[i2], start + 1), length)


RESYNC_RUN = 64
"""The longest run of characters a repair replaces at once (a run of spaces), looked for
before the slow general diff is called."""


def local_changes(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """The regions ``before[i1:i2]`` replaced by ``after[j1:j2]``, in order.

    Repairs replace short runs (``\\t \\u00a0`` by a space, ``ﬁ`` by ``fi``), so equal
    stretches are skipped by slices and each change is closed at the nearest place where
    they agree again; a line where that fails is left to :mod:`difflib`.

    >>> local_changes("the ﬁnal\\t \\u00a0word", "the final word")
    [(4, 5, 4, 6), (8, 9, 9, 9), (10, 11, 10, 10)]
    """
    changes: list[tuple[int, int, int, int]] = []
    i = j = 0
    while True:
        run = common_run(before, i, after, j)
        i, j = i + run, j + run
        if i >= len(before) or j >= len(after):
            break
        resync = nearest_agreement(before, i, after, j)
        if resync is None:
            return changes + general_changes(before, i, after, j)
        changes.append((i, i + resync[0], j, j + resync[1]))
        i, j = i + resync[0], j + resync[1]
    if i < len(before) or j < len(after):
        changes.append((i, len(before), j, len(after)))
    return changes


def common_run(before: str, i: int, after: str, j: int) -> int:
    """How many characters agree from ``before[i]`` and ``after[j]`` on (slices that double
    while they agree, then halve)."""
    length, step, growing = 0, 4, True
    limit = min(len(before) - i, len(after) - j)
    while step:
        if length + step <= limit and before[i + length:i + length + step] == after[j + length:j + length + step]:
            length += step
            step = step * 2 if growing else step // 2
        else:
            growing = False
            step //= 2
    return length


def nearest_agreement(before: str, i: int, after: str, j: int) -> tuple[int, int] | None:
    """The fewest characters (of ``before``, of ``after``) to skip from a difference so
    that both agree again (or both end); a repair puts at most four characters in. Among
    as many characters, a replacement of one run by another as long comes first: a lone
    agreeing character after a deletion is weaker evidence (``‐ -`` → ``- -`` replaces the
    first hyphen rather than deleting it and its space)."""
    ends = len(before), len(after)
    for total in range(1, RESYNC_RUN + 5):
        for taken in sorted(range(min(total, 4) + 1), key=lambda taken: abs(total - 2 * taken)):
            skipped = total - taken
            a, b = i + skipped, j + taken
            if skipped <= RESYNC_RUN and ((a < ends[0] and b < ends[1] and before[a] == after[b]) or (a, b) == ends):
                return skipped, taken
    return None


def general_changes(before: str, i: int, after: str, j: int) -> list[tuple[int, int, int, int]]:
    """The changes in what is left of two texts, by :mod:`difflib` (slow on long lines)."""
    from difflib import SequenceMatcher

    opcodes = SequenceMatcher(None, before[i:], after[j:], autojunk=False).get_opcodes()
    return [(i + i1, i + i2, j + j1, j + j2) for op, i1, i2, j1, j2 in opcodes if op != "equal"]


def span_box(line: Line, start: int, end: int) -> Box | None:
    """A span's place on the page, from its share of the line's characters (PDF lines only)."""
    if line.box is None or not line.text:
        return None
    box, length = line.box, len(line.text)
    width = box.x1 - box.x0
    left = box.x0 + width * start / length
    right = max(left + 2.0, box.x0 + width * end / length)
    return Box(round(left, 2), box.top, round(min(right, box.x1), 2), box.bottom)
