"""Which region of the page a line belongs to: running head, body, footnotes or footer.

Running heads and footers are the rows set apart at the page's top and bottom edges; the
footnote area is the small type (or the lines under a short rule) at the foot of each
column, and the page-number line under it is page furniture.
"""

from __future__ import annotations

from dataclasses import replace

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


def split_footnotes(
    lines: list[TextLine], body_size: float, rules: list[Rule], height: float
) -> tuple[list[TextLine], list[TextLine], list[TextLine]]:
    """Split each column's trailing run of footnotes off its body; return body, notes and
    the page furniture found under the notes.

    A run is the small type at a column's foot: it counts when it starts in the lower part
    of the page, follows at least one body line, and either sits under a horizontal rule or
    opens with a note marker. Notes set in body-size type count when a short rule sits
    right above a line that opens with a marker. A line of underscores drawn as text
    (``________``) counts as that rule and is dropped. A page-number line close under the
    notes (too close to count as a footer by spacing) is handed back to go last.
    """
    body: list[TextLine] = list(lines)
    notes: list[TextLine] = []
    tail: list[TextLine] = []
    for column in sorted({line.column for line in lines}):
        members = [i for i, line in enumerate(body) if line.column == column]
        end = len(members)
        while end > 0 and len(members) - end < 2 and is_furniture_line(body[members[end - 1]], height):
            end -= 1
        start = end
        while start > 0 and is_small(body[members[start - 1]], body_size):
            start -= 1
        if start == end:
            start = start_of_ruled_notes([body[i] for i in members[:end]], rules)
        run = [body[i] for i in members[start:end]]
        above = [body[i] for i in members[:start]]
        text_rule = None
        if run and is_text_rule(run[0]):
            text_rule = run.pop(0)
        elif run and above and is_text_rule(above[-1]):
            text_rule = above.pop()
        if not run or not above or run[0].top < height * 0.2:
            continue
        under_rule = text_rule is not None or has_rule_between(rules, above[-1], run[0])
        opens_note = patterns.FOOTNOTE_LINE_START.match(run[0].text) and run[0].top >= height * 0.4
        if not (under_rule or opens_note):
            continue
        furniture = [body[i] for i in members[end:]]
        dropped = {id(line) for line in run + furniture} | ({id(text_rule)} if text_rule else set())
        body = [line for line in body if id(line) not in dropped]
        notes.extend(replace(line, region="footnote") for line in run)
        tail.extend(furniture)
    return body, notes, tail


def opens_with_raised_marker(line: TextLine) -> bool:
    """A line at the page foot that starts with a superscript and text is a footnote set
    apart like a footer (a short note under a wide gap), not page furniture."""
    return line.text.startswith(patterns.MARKER_OPEN) and bool(patterns.FOOTNOTE_LINE_START.match(line.text))


def is_furniture_line(line: TextLine, height: float) -> bool:
    """A short line at the very foot of the page that carries a number: ``4``,
    ``Copyright Office Summary December 1998 Page 1``."""
    if opens_with_raised_marker(line):
        return False  # a note set close to the page's foot ("¹ Letter of 2019.") is a note
    return line.top >= height * (1 - MARGIN_SHARE) and bool(patterns.DIGITS.search(line.text)) and len(line.text) <= 80


def start_of_ruled_notes(lines: list[TextLine], rules: list[Rule]) -> int:
    """Where body-size notes start: the first line under the lowest short rule of the
    column, when that line opens with a note marker; else the end (no notes)."""
    if len(lines) < 2:
        return len(lines)
    column_width = max(line.x1 for line in lines) - min(line.x0 for line in lines)
    for index in range(len(lines) - 1, 0, -1):
        short = [r for r in rules if r.width < 0.6 * column_width]
        if patterns.FOOTNOTE_LINE_START.match(lines[index].text) and has_rule_between(short, lines[index - 1], lines[index]):
            return index
    return len(lines)


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
