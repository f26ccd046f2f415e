"""Assembling a page's :class:`~pipeline.model.Line` list, with paragraph breaks.

The page is laid out header → body → footnotes → footer. A paragraph starts after extra
vertical space or at a first-line indent (not a hanging indent under a bullet), and ends
where a column's last line stops short after a full stop; each break becomes a
``kind="gap"`` line. Each line keeps its box, size, indent and space above.
"""

from __future__ import annotations

import statistics
from dataclasses import replace
from itertools import pairwise

from pipeline import patterns
from pipeline.extract.text_lines import SPACE_CHARS, TextLine
from pipeline.model import Box, Line, Region

# Measures in units of the font size (em) unless named otherwise.
PARAGRAPH_SPACE = 0.3
"""A line whose space above exceeds normal line spacing by this share starts a paragraph."""



def assemble_page(
    number: int,
    header: list[TextLine],
    body: list[TextLine],
    notes: list[TextLine],
    footer: list[TextLine],
) -> list[Line]:
    """Lay the page out as header → body → footnotes → footer, with gap lines at paragraph
    ends and before each note."""
    pitch = normal_pitch(body + notes)
    out: list[Line] = []

    def gap(region: Region) -> None:
        if out and out[-1].kind != "gap":
            out.append(Line(text="", page=number, kind="gap", region=region))

    # No gap lines next to the running head and footer: once the structure stage drops
    # them, a gap there would end a paragraph that runs on to the next page.
    for line in header:
        out.append(to_line(line, number, None, None))
    left_edges = column_left_edges(body + notes)
    right_edges = column_right_edges(body)
    for index, line in enumerate(body):
        if is_stray_point(line):
            gap("body")
            continue
        previous = body[index - 1] if index else None
        following = body[index + 1] if index + 1 < len(body) else None
        space = space_before(previous, line, pitch)
        indent = line.x0 - left_edges.get(line.column, line.x0)
        centered = is_centered_short_line(line, left_edges, right_edges) and not shares_left_edge(line, previous, following)
        if centered or starts_paragraph(previous, line, following, space, left_edges, pitch) or indented_after_finished_line(
            previous, line, left_edges, right_edges
        ):
            gap("body")
        out.append(to_line(line, number, indent, space))
        if centered or (following is None or following.column != line.column) and ends_paragraph(line, right_edges):
            gap("body")
    for index, line in enumerate(notes):
        previous = notes[index - 1] if index else None
        space = space_before(previous, line, pitch)
        if previous is None or patterns.FOOTNOTE_LINE_START.match(line.text) or (space or 0) >= PARAGRAPH_SPACE:
            gap("footnote")
        out.append(to_line(line, number, line.x0 - left_edges.get(line.column, line.x0), space))
    for line in footer:
        out.append(to_line(line, number, None, None))
    while out and out[-1].kind == "gap":
        out.pop()
    while out and out[0].kind == "gap":
        out.pop(0)
    if out:
        out[0] = replace(out[0], starts_page=True)
    return out


def is_stray_point(line: TextLine) -> bool:
    """A body line that is a lone full stop or comma (the FAA handbook's ``.`` left on the
    blank line over a heading): a mark the typesetter left behind, which says nothing and
    would glue the heading under it to the paragraph above. It stands for the blank line it
    sits on. Separators (``*``, ``***``) are not such marks.

    >>> from pipeline.extract.text_lines import TextLine
    >>> [is_stray_point(TextLine((), text, 10.0, 0.0, 0)) for text in (".", " , ", "*", "a.")]
    [True, True, False, False]
    """
    return line.text.strip() in (".", ",")


def to_line(line: TextLine, page: int, indent: float | None, space: float | None) -> Line:
    return Line(
        text=line.text,
        page=page,
        region=line.region,
        box=Box(round(line.x0, 2), round(line.top, 2), round(line.x1, 2), round(line.bottom, 2)),
        font_size=round(type_size(line), 2),
        bold=line.bold,
        italic=line.italic,
        indent=round(indent, 2) if indent is not None else None,
        space_before=round(space, 2) if space is not None else None,
    )


def type_size(line: TextLine) -> float:
    """The line's type size, leaving out capitals set smaller than its largest glyphs.

    Small capitals (``FOR FURTHER INFORMATION CONTACT:``, ``JUSTICE SOTOMAYOR``) are capital
    letters in a smaller size; a line that opens with such a label is still in body type, and
    counting them would read a change of type size, hence a heading, where there is none.
    """
    glyphs = [c for c in line.chars if c.text not in SPACE_CHARS]
    largest = max(c.size for c in glyphs)
    kept = [c for c in glyphs if not (c.text.isupper() and c.size < 0.9 * largest)]
    return statistics.median(c.size for c in kept or glyphs)


def normal_pitch(lines: list[TextLine]) -> float:
    """Normal line spacing as a multiple of the font size (1.2 when a page has too few lines).

    The most common baseline step between same-size neighbours in one column: a
    double-spaced brief with single-spaced quotes and captions keeps its double spacing
    as normal, so its lines are not each taken for a paragraph.
    """
    ratios = []
    for previous, line in pairwise(lines):
        step = line.baseline - previous.baseline
        if previous.column == line.column and abs(previous.size - line.size) < 0.5 and 0 < step < 3 * line.size:
            ratios.append(step / line.size)
    if len(ratios) < 2:
        return 1.2
    bins: dict[int, list[float]] = {}
    for ratio in ratios:
        bins.setdefault(round(ratio * 20), []).append(ratio)  # steps of 0.05 line heights
    fullest = max(bins.values(), key=lambda members: (len(members), -members[0]))
    return statistics.median(fullest)


def space_before(previous: TextLine | None, line: TextLine, pitch: float) -> float | None:
    """Extra space above a line, in line heights: 0 for normal spacing, 1 for a blank line."""
    if previous is None or previous.baseline >= line.baseline:
        return None
    if previous.column != line.column and 0 not in (previous.column, line.column):
        return None
    expected = pitch * max(previous.size, line.size)
    return (line.baseline - previous.baseline - expected) / expected


def column_left_edges(lines: list[TextLine]) -> dict[int, float]:
    edges: dict[int, list[float]] = {}
    for line in lines:
        edges.setdefault(line.column, []).append(line.x0)
    return {column: sorted(xs)[len(xs) // 10] for column, xs in edges.items()}


def column_right_edges(lines: list[TextLine]) -> dict[int, float]:
    edges: dict[int, list[float]] = {}
    for line in lines:
        edges.setdefault(line.column, []).append(line.x1)
    return {column: sorted(xs)[len(xs) * 9 // 10] for column, xs in edges.items()}


def ends_paragraph(line: TextLine, right_edges: dict[int, float]) -> bool:
    """The last line of a column ends its paragraph when it stops well short of the right
    edge after a full stop: nothing else can tell, since the next line is on another
    column or page (a paragraph that runs on fills its last line here)."""
    if line.x1 >= right_edges.get(line.column, line.x1) - 3 * line.size:
        return False
    return bool(patterns.SENTENCE_END.search(patterns.KNOWN_MARKER.sub("", line.text)))


def is_centered_short_line(line: TextLine, left_edges: dict[int, float], right_edges: dict[int, float]) -> bool:
    """A word or two centred in its column, well in from both edges: a section number or a
    title set on its own (``I``, ``A``, ``Syllabus``), a block of its own even without space
    around it. A paragraph's last line starts at the edge and is never centred; a longer
    centred line is more often one line of a centred title (``HERRMANN ET AL.``)."""
    left, right = left_edges.get(line.column), right_edges.get(line.column)
    if left is None or right is None or right - left <= 0 or len(line.text.split()) > 2:
        return False
    em = line.size
    before, after = line.x0 - left, right - line.x1
    return line.x1 - line.x0 < 0.4 * (right - left) and min(before, after) > 3 * em and abs(before - after) < 1.5 * em


def shares_left_edge(line: TextLine, *neighbours: TextLine | None) -> bool:
    """A neighbour in the same column starts where the line starts but is centred elsewhere:
    the line is the short last line of a paragraph set beside a picture, not a centred title."""
    middle = (line.x0 + line.x1) / 2
    return any(
        other is not None and other.column == line.column and abs(other.x0 - line.x0) < 0.3 * line.size
        and abs((other.x0 + other.x1) / 2 - middle) > line.size
        for other in neighbours
    )


def indented_after_finished_line(
    previous: TextLine | None, line: TextLine, left_edges: dict[int, float], right_edges: dict[int, float]
) -> bool:
    """An indented line after a line that stopped short after a full stop starts a paragraph,
    even when that line was indented itself (a one-line paragraph: ``JUSTICE SOTOMAYOR delivered
    the opinion of the Court.`` / ``The Red River Compact …``); so does a line set out into the
    margin, left of the column's edge (the syllabus's ``Held:``)."""
    if previous is None or previous.column != line.column:
        return False
    indent = line.x0 - left_edges.get(line.column, line.x0)
    outdented = indent <= -0.5 * line.size
    return (outdented or 0.8 * line.size <= indent <= 8 * line.size) and ends_paragraph(previous, right_edges)


def starts_paragraph(
    previous: TextLine | None,
    line: TextLine,
    following: TextLine | None,
    space: float | None,
    left_edges: dict[int, float],
    pitch: float,
) -> bool:
    """A paragraph starts after extra vertical space, or with a first-line indent.

    An indented line counts only between two lines at the column's left edge, and not
    when it lines up with the text after a bullet or label above (a hanging indent).
    """
    if previous is None:
        return False
    if space is not None and space >= PARAGRAPH_SPACE:
        return True
    if previous.region != line.region:
        return True
    if opens_with_run_in_label(previous, line):
        return True
    if following is None or not (previous.column == line.column == following.column):
        return False
    left = left_edges.get(line.column, line.x0)
    em = line.size
    indented = 0.8 * em <= line.x0 - left <= 8 * em
    if not (indented and following.x0 - left < 0.3 * em):
        return False
    if not (previous.x0 - left < 0.3 * em or is_one_line_paragraph(previous, line)):
        return False
    return not hangs_under_label(previous, line)


def is_one_line_paragraph(previous: TextLine, line: TextLine) -> bool:
    """The line above is indented just as far as this paragraph's first line: it was a
    paragraph of one line (``JUSTICE SOTOMAYOR delivered the opinion of the Court.``), not
    the first line of a block quote, whose next line would stay indented too."""
    return abs(previous.x0 - line.x0) < 0.3 * line.size and not patterns.LIST_START.match(previous.text)


def opens_with_run_in_label(previous: TextLine, line: TextLine) -> bool:
    """A line opening with a capitals label and a colon after a finished sentence starts a
    paragraph even without space above: ``… on these products.`` / ``DATES: The FAA must…``."""
    return bool(patterns.RUN_IN_LABEL.match(line.text) and patterns.TERMINAL_PUNCTUATION.search(previous.text.rstrip()))


def hangs_under_label(previous: TextLine, line: TextLine) -> bool:
    """True when ``line`` starts where the text after ``previous``'s bullet or label starts."""
    label = patterns.LIST_START.match(previous.text)
    if not label or not label.group(0).strip():
        return False
    words_in_label = len(label.group(0).split())
    if words_in_label >= len(previous.word_starts):
        return False
    return abs(previous.word_starts[words_in_label] - line.x0) < 0.5 * line.size
