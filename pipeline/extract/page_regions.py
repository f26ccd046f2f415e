"""Which region of the page a line belongs to: running head, body, footnotes or footer.

Running heads and footers are the rows set apart at the page's top and bottom edges; the
footnote area is the small type (or the lines under a short rule) at the foot of each
column, and the page-number line under it is page furniture.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline import patterns
from pipeline.extract.chars import Rule
from pipeline.extract.text_lines import Row, TextLine

# Measures in units of the font size (em) unless named otherwise.
SMALL_TYPE = 0.92
"""A line set at most this fraction of the page's body size is small type (footnotes)."""
MARGIN_SHARE = 0.13
"""Running heads and footers sit within this share of the page height from its edge…"""
MARGIN_GAP = 1.5
"""…set off from the body by a gap of at least this many of their own line heights (a
paragraph space is smaller, so a first paragraph near the top stays body)…"""
MARGIN_ROWS = 2
"""…and are at most this many rows on each side."""


def split_margins(rows: list[Row], height: float) -> tuple[list[Row], list[Row], list[Row]]:
    """Split off running heads (top) and footers (bottom) from the body.

    A margin row sits within :data:`MARGIN_SHARE` of the page edge and is set apart from
    the body by a clear gap (:data:`MARGIN_GAP`); at most :data:`MARGIN_ROWS` rows a side.
    Putting them first and last keeps a right-aligned running head from landing in
    the second column.
    """
    header_end = 0
    for index in range(min(MARGIN_ROWS, len(rows) - 1)):
        row, below = rows[index], rows[index + 1]
        if row.bottom > height * MARGIN_SHARE:
            break
        if below.top - row.bottom >= MARGIN_GAP * (row.bottom - row.top):
            header_end = index + 1
    footer_start = len(rows)
    for index in range(len(rows) - 1, max(header_end, len(rows) - 1 - MARGIN_ROWS), -1):
        row, above = rows[index], rows[index - 1]
        if row.top < height * (1 - MARGIN_SHARE):
            break
        if row.top - above.bottom >= MARGIN_GAP * (row.bottom - row.top):
            footer_start = index
    return rows[:header_end], rows[header_end:footer_start], rows[footer_start:]


# --- footnotes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteArea:
    """One column's candidate footnote area: its note lines, the page furniture found
    under them, the separator drawn with characters above them (dropped), if any, and
    whether the area shows a note's evidence on its own (a rule above, a marker)."""

    lines: list[TextLine]
    furniture: list[TextLine]
    text_rule: TextLine | None
    evident: bool


def split_footnotes(
    lines: list[TextLine], body_size: float, rules: list[Rule], height: float
) -> tuple[list[TextLine], list[TextLine], list[TextLine]]:
    """Split each column's trailing run of footnotes off its body; return body, notes and
    the page furniture found under the notes.

    A run is the small type at a column's foot (see :func:`find_note_area`); a run without
    evidence of its own counts when it stands beside or right above an area that has it
    (the last line of a note that runs on from the page before, set apart in a column
    stream of its own). A page-number line close under the notes (too close to count as a
    footer by spacing) is handed back to go last.
    """
    areas = [find_note_area([line for line in lines if line.column == column], lines, body_size, rules, height)
             for column in sorted({line.column for line in lines})]
    evident = [area for area in areas if area is not None and area.evident]
    taken = evident + [area for area in areas if area is not None and not area.evident and touches_any(area, evident)]
    dropped: set[int] = set()
    notes: list[TextLine] = []
    tail: list[TextLine] = []
    for area in taken:
        dropped |= {id(line) for line in area.lines + area.furniture} | ({id(area.text_rule)} if area.text_rule else set())
        notes.extend(replace(line, region="footnote") for line in area.lines)
        tail.extend(area.furniture)
    body = [line for line in lines if id(line) not in dropped]
    return body, order_note_lines(notes), tail


def find_note_area(
    members: list[TextLine], page_lines: list[TextLine], body_size: float, rules: list[Rule], height: float
) -> NoteArea | None:
    """The candidate footnote area at the foot of one column stream, or None.

    The run of small type at the column's foot is a candidate when it starts below the
    page's top fifth (or, high on a short column above a table, under a rule and with a
    marker) and follows at least one body line (of its own column, or, for notes
    set full width under a page in columns, of any column above it); it is evident when it
    sits under a horizontal rule or holds a note marker (:func:`holds_note_start`). Notes
    set in body-size type count when a short rule sits right above a line that opens with
    a marker. A line of underscores drawn as text (``________``) counts as that rule and
    is dropped.
    """
    end = len(members)
    while end > 0 and len(members) - end < 2 and is_furniture_line(members[end - 1], height):
        end -= 1
    start = end
    while start > 0 and is_small(members[start - 1], body_size):
        start -= 1
    if start == end:
        start = start_of_ruled_notes(members[:end], rules)
    run, above = members[start:end], members[:start]
    text_rule = None
    if run and is_text_rule(run[0]):
        text_rule = run.pop(0)
    elif run and above and is_text_rule(above[-1]):
        above = above[:-1]
        text_rule = members[start - 1]
    if not run:
        return None
    over = above[-1] if above else lowest_line_above(page_lines, run[0], body_size)
    if over is None or (not above and table_between(rules, over, run[0])):
        return None
    under_rule = text_rule is not None or has_rule_between(rules, over, run[0])
    if run[0].top < height * 0.2 and not (under_rule and opens_a_note(run[0])):
        return None  # small type high on the page is a notes area only under a rule, opening with a marker
    return NoteArea(cut_at_wide_gap(run), members[end:], text_rule, under_rule or holds_note_start(run, height))


def cut_at_wide_gap(run: list[TextLine]) -> list[TextLine]:
    """The note lines before the first wide gap in a run of small type: a note area is set
    solid, and small type far below it (a table's own notes under the table) stays text.

    A gap counts when it is wider than three of the lines' heights.
    """
    for index in range(1, len(run)):
        above, line = run[index - 1], run[index]
        if line.top - above.bottom > 3 * (line.bottom - line.top):
            return run[:index]
    return run


def table_between(rules: list[Rule], over: TextLine, first: TextLine) -> bool:
    """Three rules or more across the small type's width between the columns' last lines and
    it: a ruled table stands between, and the small type under it is the table's own notes
    (``Represents or rounds to zero.``), not the page's, whose separator is one short rule."""
    return sum(1 for rule in rules if over.bottom - 2 <= rule.top <= first.top + 2
               and rule.x0 < first.x1 and rule.x1 > first.x0) >= 3


def touches_any(area: NoteArea, others: list[NoteArea]) -> bool:
    """Whether a run of small type lies within a line's reach of a note area beside or
    below it: the same block of small type cut into two column streams."""
    first, last = area.lines[0], area.lines[-1]
    reach = 1.6 * (last.bottom - last.top)
    return any(other.lines[0].top - reach <= first.top and last.bottom <= other.lines[-1].bottom + reach
               for other in others)


def order_note_lines(notes: list[TextLine]) -> list[TextLine]:
    """A page's note lines in reading order: the column streams of one note area (a
    full-width area cut into streams by line length) merged top to bottom; notes at the
    foot of separate columns keep column order."""
    groups: list[list[TextLine]] = []
    for column in dict.fromkeys(line.column for line in notes):
        # a note area is read top to bottom, even where the layout put a short last line
        # of a note after the raised first line of the next
        stream = sorted((line for line in notes if line.column == column), key=lambda line: line.top)
        joined = next((group for group in groups if any(same_note_area(a, b) for a in group for b in stream)), None)
        if joined is None:
            groups.append(stream)
        else:
            joined.extend(stream)
            joined.sort(key=lambda line: (line.top, line.x0))
    return [line for group in groups for line in group]


def same_note_area(a: TextLine, b: TextLine) -> bool:
    """Two note lines of different streams that share some width and stand within two
    lines of each other belong to one note area."""
    reach = 2 * max(a.bottom - a.top, b.bottom - b.top)
    return a.x0 < b.x1 and b.x0 < a.x1 and abs(a.top - b.top) <= reach


def lowest_line_above(page_lines: list[TextLine], first: TextLine, body_size: float) -> TextLine | None:
    """The lowest body-size line of the page that ends above ``first`` and shares some of
    its width: notes set full width under two columns follow the columns' last lines."""
    above = [line for line in page_lines if line.bottom <= first.top + 1 and not is_small(line, body_size)
             and line.x0 < first.x1 and line.x1 > first.x0]
    return max(above, key=lambda line: line.bottom) if above else None


def holds_note_start(run: list[TextLine], height: float) -> bool:
    """Whether a run of small type in the page's lower part is notes: its first line opens
    with a marker, or a later line opens with a raised one (the area then opens with the
    end of a note continued from the page before)."""
    if run[0].top < height * 0.4:
        return False
    if opens_a_note(run[0]):
        return True
    return any(line.text.lstrip("(").startswith(patterns.MARKER_OPEN) and patterns.FOOTNOTE_LINE_START.match(line.text) for line in run[1:])


def footer_note_lines(notes: list[TextLine], footer: list[TextLine]) -> list[TextLine]:
    """The footer rows that are notes: a note set apart like a footer (a short note under
    a wide gap, :func:`opens_with_raised_marker`), or the note area's own last lines, set
    in its type size right under it (a tight leading reads as a gap to the margin test)."""
    taken: list[TextLine] = []
    last = notes[-1] if notes else None
    left = min((note.x0 for note in notes), default=None)
    for line in footer:
        follows = (last is not None and abs(line.size - last.size) < 0.5 and left is not None
                   and abs(line.x0 - left) < 2 and line.top - last.bottom <= 1.2 * (line.bottom - line.top))
        if opens_with_raised_marker(line) or follows:
            taken.append(line)
            last = line
            left = line.x0 if left is None else left
    return taken


def opens_with_raised_marker(line: TextLine) -> bool:
    """A line at the page foot that starts with a superscript and text is a footnote set
    apart like a footer (a short note under a wide gap), not page furniture."""
    return line.text.lstrip("(").startswith(patterns.MARKER_OPEN) and bool(patterns.FOOTNOTE_LINE_START.match(line.text))


def is_furniture_line(line: TextLine, height: float) -> bool:
    """A short line at the very foot of the page that carries a number: ``4``,
    ``Copyright Office Summary December 1998 Page 1``."""
    if opens_with_raised_marker(line):
        return False  # a note set close to the page's foot ("¹ Letter of 2019.") is a note
    if line.text.rstrip().endswith((".", ";")):
        return False  # a note's last line ("… survey of 2012, p. 15."): furniture ends in no sentence
    return line.top >= height * (1 - MARGIN_SHARE) and bool(patterns.DIGITS.search(line.text)) and len(line.text) <= 80


def start_of_ruled_notes(lines: list[TextLine], rules: list[Rule]) -> int:
    """Where body-size notes start: the first line under the lowest short rule of the
    column, when that line opens with a note marker; else the end (no notes)."""
    if len(lines) < 2:
        return len(lines)
    column_width = max(line.x1 for line in lines) - min(line.x0 for line in lines)
    for index in range(len(lines) - 1, 0, -1):
        short = [r for r in rules if r.width < 0.6 * column_width]
        if opens_a_note(lines[index]) and has_rule_between(short, lines[index - 1], lines[index]):
            return index
    return len(lines)


def opens_a_note(line: TextLine) -> bool:
    """Whether a line opens with a note's key followed by words: ``1 See…``, ``* Admission…``.
    A chart's axis row (``0 0``, ``50 100``) opens with a number too, but no words follow
    it; read as a note under the axis line drawn above it, it took a chart and the body
    paragraph below it for notes.

    >>> from pipeline.extract.text_lines import TextLine
    >>> [opens_a_note(TextLine((), text, 8.0, 0.0, 0, ())) for text in ("1 See the memo.", "0 0", "-50 -50")]
    [True, False, False]
    """
    match = patterns.FOOTNOTE_LINE_START.match(line.text)
    return match is not None and any(ch.isalpha() for ch in line.text[match.end():])


def is_small(line: TextLine, body_size: float) -> bool:
    return line.size <= body_size * SMALL_TYPE or is_text_rule(line)


TEXT_RULE_CHARS = frozenset("_—―─ ")


def is_text_rule(line: TextLine) -> bool:
    """A separator drawn with characters: ``__________`` or ``——————``."""
    return len(line.text.replace(" ", "")) >= 3 and set(line.text) <= TEXT_RULE_CHARS


def has_rule_between(rules: list[Rule], above: TextLine, below: TextLine) -> bool:
    """A short horizontal stroke between the last body line and the first small line."""
    for rule in rules:
        if above.bottom - 2 <= rule.top <= below.top + 2 and rule.x0 < below.x1 and rule.x1 > below.x0:
            return True
    return False
