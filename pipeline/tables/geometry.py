"""Geometry shared by every table search: boxes, glyphs grouped into lines, gaps, rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pipeline.model import Box
from pipeline.settings import TableSettings


def clamped(bbox: Sequence[float], page: Any) -> tuple[float, float, float, float]:
    """``bbox`` cut to the page, as pdfplumber's ``crop`` requires."""
    x0, top, x1, bottom = page.bbox
    return (max(bbox[0], x0), max(bbox[1], top), min(bbox[2], x1), min(bbox[3], bottom))


def overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def chars_inside(chars: Iterable[dict[str, Any]], bbox: Sequence[float]) -> list[dict[str, Any]]:
    """The glyphs whose centre lies in ``bbox`` (x0, top, x1, bottom), in their order."""
    x0, top, x1, bottom = bbox
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def inside_any(char_box: Any, table_boxes: Iterable[Box]) -> bool:
    """Whether a glyph's centre lies in one of the boxes (a table or a caption line).

    ``char_box`` is anything with ``x0, x1, top, bottom`` (a :class:`Box`, the reader's
    ``Char``) or a pdfplumber char dict.

    >>> inside_any(Box(12, 12, 18, 20), [Box(10, 10, 100, 50)])
    True
    >>> inside_any({"x0": 120, "x1": 125, "top": 12, "bottom": 20}, [Box(10, 10, 100, 50)])
    False
    """
    if isinstance(char_box, dict):
        x = (char_box["x0"] + char_box["x1"]) / 2
        y = (char_box["top"] + char_box["bottom"]) / 2
    else:
        x = (char_box.x0 + char_box.x1) / 2
        y = (char_box.top + char_box.bottom) / 2
    return any(b.x0 <= x <= b.x1 and b.top <= y <= b.bottom for b in table_boxes)


def group_lines(items: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Glyphs or words grouped into lines by their bottom (within 2 points), top to bottom,
    each line left to right: the one line grouper of the table finder.

    >>> w = lambda t, x, bottom: {"text": t, "x0": x, "bottom": bottom}
    >>> [[i["text"] for i in line] for line in group_lines([w("b", 50, 101), w("c", 10, 120), w("a", 10, 100)])]
    [['a', 'b'], ['c']]
    """
    lines: list[list[dict[str, Any]]] = []
    for item in sorted(items, key=lambda w: (round(w["bottom"]), w["x0"])):
        if lines and abs(lines[-1][0]["bottom"] - item["bottom"]) <= 2:
            lines[-1].append(item)
        else:
            lines.append([item])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def chars_to_lines(chars: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The lines of a region's upright glyphs (:func:`group_lines`); spaces and glyphs set
    sideways are left out."""
    return group_lines(c for c in chars if c.get("upright", True) and c["text"].strip())


def line_height(line: list[dict[str, Any]]) -> float:
    return max(c["bottom"] - c["top"] for c in line)


def usual_size(chars: Sequence[dict[str, Any]]) -> float:
    """The median type size of some glyphs (0 when there are none)."""
    sizes = sorted(c.get("size") or 0 for c in chars if c["text"].strip())
    return float(sizes[len(sizes) // 2]) if sizes else 0.0


def wide_gaps(line: list[dict[str, Any]], settings: TableSettings) -> list[tuple[float, float]]:
    found = []
    for left, right in zip(line, line[1:]):
        gap = right["x0"] - left["x1"]
        if gap >= settings.min_column_gap and gap >= settings.min_gap_ems * max(left["size"], right["size"]):
            found.append((left["x1"], right["x0"]))
    return found


def line_phrases(line: list[dict[str, Any]], settings: TableSettings) -> list[tuple[float, float, str]]:
    """A line's phrases, split at gaps as wide as a column gutter: (x0, x1, text)."""
    phrases: list[list[Any]] = []
    for char in line:
        size = max(char.get("size") or 0, 1.0)
        if phrases and char["x0"] - phrases[-1][1] < max(settings.min_column_gap, settings.min_gap_ems * size):
            gap = char["x0"] - phrases[-1][1]
            phrases[-1][2] += (" " if gap > 0.2 * size else "") + char["text"]
            phrases[-1][1] = max(phrases[-1][1], char["x1"])
        else:
            phrases.append([char["x0"], char["x1"], char["text"]])
    return [(a, b, " ".join(text.split())) for a, b, text in phrases]


def line_words(line: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """The x extents of a line's words: glyphs closer than a third of their size."""
    words: list[list[float]] = []
    for char in line:
        if words and char["x0"] - words[-1][1] < 0.33 * max(char.get("size", 0) or 0, 1.0):
            words[-1][1] = max(words[-1][1], char["x1"])
        else:
            words.append([char["x0"], char["x1"]])
    return [(a, b) for a, b in words]


def free_stretches(gutter: tuple[float, float], words: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of a gutter that no word covers.

    >>> free_stretches((10, 30), [(5, 14), (20, 22)])
    [(14, 20), (22, 30)]
    """
    free = [gutter]
    for w0, w1 in words:
        free = [piece for a, b in free for piece in ((a, min(b, w0)), (max(a, w1), b)) if piece[1] - piece[0] > 0.5]
    return free


def joined_rules(edges: Sequence[dict[str, Any]], tolerance: float, orientation: str = "h") -> list[list[float]]:
    """Strokes of one orientation as whole rules: ``[x0, x1, y]`` across, ``[top, bottom, x]``
    down. Producers often draw a rule piecewise, one segment per column or per row.

    >>> joined_rules([{"orientation": "h", "x0": 10, "x1": 50, "top": 100},
    ...               {"orientation": "h", "x0": 50, "x1": 90, "top": 100.4}], 3.0)
    [[10, 90, 100]]
    """
    start, end, at = ("x0", "x1", "top") if orientation == "h" else ("top", "bottom", "x0")
    rules: list[list[float]] = []
    for edge in sorted((e for e in edges if e["orientation"] == orientation), key=lambda e: (round(e[at]), e[start])):
        last = rules[-1] if rules else None
        if last is not None and abs(last[2] - edge[at]) <= tolerance and edge[start] <= last[1] + tolerance:
            last[1] = max(last[1], edge[end])
        else:
            rules.append([edge[start], edge[end], edge[at]])
    return rules
