"""Find the notes of a document and link them to their markers.

Notes come as an endnotes section at the end (``Notes`` / ``Endnotes`` and lines that
start with the marker: ``iii. See …``) or, in PDFs, as footnote lines at a page's bottom
(the reader marks those lines ``region="footnote"``). A note runs on over the following
lines, and over a page break, until the next note starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import patterns
from pipeline.model import Box, DocumentWarning, Line, Note, RepairMark
from pipeline.structure.hyphenation import join_line
from pipeline.structure.numerals import marker_style_and_value
from pipeline.structure.provenance import union


@dataclass(frozen=True)
class NoteStart:
    marker: str
    style: str
    value: int | None
    text: str


def parse_note_start(text: str) -> NoteStart | None:
    """Read a note's first line: its marker and the text after it.

    >>> parse_note_start("iii. See the memo.")
    NoteStart(marker='iii', style='roman-lower', value=3, text='See the memo.')
    >>> parse_note_start("\\ue00012\\ue001 Ibid.").marker
    '12'
    >>> parse_note_start("(\ue0001\ue001) OJ C 229, 31.7.2012, p. 90.")
    NoteStart(marker='1', style='arabic', value=1, text='OJ C 229, 31.7.2012, p. 90.')
    >>> parse_note_start("*Admission before this Court currently pending").text
    'Admission before this Court currently pending'
    >>> parse_note_start("2017 was a year.") is None
    True
    """
    known = patterns.KNOWN_MARKER.match(text) or patterns.PARENTHESIZED_MARKER.match(text)
    if known:
        marker = known.group(1)
        style, value = marker_style_and_value(marker)
        return NoteStart(marker, style, value, text[known.end() :].strip())
    match = patterns.NOTE_START.match(text)
    if not match:
        glued = patterns.GLUED_SYMBOL_NOTE_START.match(text)
        return NoteStart(glued.group("m"), "symbol", 1, glued.group("text").strip()) if glued else None
    marker = match.group("m") or match.group("m2")
    style, value = marker_style_and_value(marker)
    if style == "other":
        return None
    return NoteStart(marker, style, value, match.group("text").strip())


def is_raised_key(text: str) -> bool:
    """Whether a note line opens with a key the reader saw raised (``¹ See…``, or
    ``(¹) OJ C 229…`` in the EU's Official Journal): a note's start, whatever its number."""
    return text.startswith(patterns.MARKER_OPEN) or bool(patterns.PARENTHESIZED_MARKER.match(text))


def parse_notes(lines: list[Line]) -> list[Note]:
    """Group note lines into notes: a line starts a note when it opens with the next marker.

    A line that opens with a number which is not the next marker (``2017 was …``)
    continues the note before it; a line that can continue no note (none yet, or the last
    one two pages back) is a note whose key was lost, with the key ``""``.
    """
    notes: list[Note] = []
    texts: list[str] = []
    boxes: list[list[Box]] = []  # where each note was read, on its first page (for the report)
    repairs: list[list[RepairMark]] = []  # where its characters were repaired (for the report)
    expected: dict[str, int] = {}
    last_page = 0

    def open_note(marker: str, text: str, page: int) -> None:
        """Start a note, with where it was read and repaired still to come."""
        notes.append(Note(marker=marker, text="", page=page))
        texts.append(text)
        boxes.append([])
        repairs.append([])

    for line in lines:
        if line.kind != "text":
            continue
        start = parse_note_start(line.text)
        opens = start is not None and (
            not notes
            or start.style == "symbol"
            or start.value == expected.get(start.style, 1)
            or is_raised_key(line.text)
            or (start.value == 1 and line.page != notes[-1].page)  # notes numbered per page
        )
        if start is not None and opens:
            open_note(start.marker, start.text, line.page)
            if start.value is not None:
                expected[start.style] = start.value + 1
        elif notes and line.page - last_page <= 1:
            texts[-1] = join_line(texts[-1], line.text)[0]
        else:  # a note whose key was lost (an OCR layer's "' Letter of…"): linked by its page
            open_note("", line.text, line.page)
        last_page = line.page  # every branch above leaves a note open: this line's
        if line.box is not None and line.page == notes[-1].page:
            boxes[-1].append(line.box)
        repairs[-1] += line.repairs
    return [Note(note.marker, patterns.KNOWN_MARKER.sub("", text).strip(), note.page, union(box), tuple(marks))
            for note, text, box, marks in zip(notes, texts, boxes, repairs)]


def stray_note_area_lines(lines: list[Line]) -> set[int]:
    """Indexes of note-area lines that belong to no note: on a page where no note opens,
    lines that cannot run on a note either, because no note line stands on the page before
    (a figure's labels or caption, a back cover's blurb, a regulation's text set in small
    type, read as a note area). A note runs on over one page break, not two: joined to the
    last note, such lines would swallow a page's text into a note three pages back. They go
    back to the body.

    >>> area = [Line("\ue0001\ue001 See the memo.", 5, region="footnote"), Line("Figure 3-11 Selecting", 7, region="footnote")]
    >>> sorted(stray_note_area_lines(area))
    [1]
    """
    opening = {line.page for line in lines if line.kind == "text" and opens_note(line.text)}
    stray: set[int] = set()
    gaps: list[int] = []  # the paragraph gaps before the next text line go with it
    last_note_page: int | None = None
    for index, line in enumerate(lines):
        if line.kind != "text":
            gaps.append(index)
            continue
        if line.page in opening or (last_note_page is not None and line.page - last_note_page <= 1):
            last_note_page = line.page
        else:
            stray.update(gaps + [index])
        gaps = []
    return stray


def opens_note(text: str) -> bool:
    """Whether a note-area line opens a note: its key, printed or raised."""
    return parse_note_start(text) is not None or is_raised_key(text)


REPEATED_NOTE_LINE_PAGES = 3
"""A line found in the note areas of at least this many pages is a running footer."""


def drop_repeated_note_lines(lines: list[Line], page_lines: list[Line]) -> list[Line]:
    """Leave out of the note lines a running footer read as part of the note area (set in
    small type under a rule, as the JSTOR white paper prints ``The Impact of Open Access
    … 7`` on every page): a note line whose text, numbers aside, recurs on several pages
    (``page_lines``: all the document's lines, furniture included) is no note's text."""
    # a short remnant ("p. .", "Ibid.") recurs in real notes: only a line of some length
    wanted = {key for line in lines if line.kind == "text" and len(key := without_digits(line.text)) >= 16}
    pages: dict[str, set[int]] = {}
    for line in page_lines:
        key = without_digits(line.text)
        if key in wanted:
            pages.setdefault(key, set()).add(line.page)
    return [line for line in lines
            if line.kind != "text" or len(pages.get(without_digits(line.text), ())) < REPEATED_NOTE_LINE_PAGES]


def without_digits(text: str) -> str:
    return "".join(ch for ch in text if not ch.isdigit()).strip()


def split_notes_section(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Cut a titled endnotes section (``Notes``, ``Endnotes``) off the body lines.

    The title must be followed by a line that starts with a marker. Returns the body lines
    and the section's lines (title excluded); see :func:`untitled_notes_section` for
    sections without a title.
    """
    text_indexes = [i for i, line in enumerate(lines) if line.kind == "text"]
    for position in range(len(text_indexes) - 1, -1, -1):
        index = text_indexes[position]
        if patterns.NOTES_HEADING.match(lines[index].text.strip()):
            following = text_indexes[position + 1] if position + 1 < len(text_indexes) else None
            if following is not None and parse_note_start(lines[following].text):
                return lines[:index], lines[index + 1 :]
    return lines, []


def untitled_notes_section(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """An untitled run of note lines at the end of the text, numbered from 1 (or i).

    Read backwards from the end: the run ends the document, so the search stops at the
    first stretch of more than six lines without a note start.
    """
    text_indexes = [i for i, line in enumerate(lines) if line.kind == "text"]
    starts: list[tuple[int, NoteStart]] = []
    since_start = 0
    for index in reversed(text_indexes):
        start = parse_note_start(lines[index].text)
        if start is None or start.style == "symbol":
            since_start += 1
            if since_start > 6:
                break
            continue
        since_start = 0
        starts.append((index, start))
    starts.reverse()
    for position, (index, start) in enumerate(starts):
        if start.value != 1:
            continue
        expected = 2
        for _, later in starts[position + 1 :]:
            if later.style == start.style and later.value == expected:
                expected += 1
        if expected >= 3:
            return lines[:index], lines[index:]
    return lines, []


def page_bottom_note_lines(lines: list[Line], markers_by_page: dict[int, list[str]]) -> set[int]:
    """Indexes of body lines that are footnotes printed at a page's bottom.

    Text exports keep a page's footnotes as its last lines: ``1 See …`` after the body.
    A page's bottom lines are notes when they start with exactly the markers found in that
    page's body, in the same order, and run to the page's end. Labels with a parenthesis
    (``2)``) are list items, never taken here.
    """
    found: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.kind == "text":
            by_page.setdefault(line.page, []).append(index)
    for page, markers in markers_by_page.items():
        indexes = by_page.get(page, [])
        wanted = list(markers)
        starts: list[int] = []
        # read the page upwards: the notes are the page's last lines
        for position in range(len(indexes) - 1, -1, -1):
            text = lines[indexes[position]].text
            start = parse_note_start(text)
            if start is not None and ")" not in text[: len(start.marker) + 2] and start.marker in wanted:
                starts.append(position)
                if start.marker == wanted[0]:
                    break
            elif len(indexes) - position > 4 * (len(starts) + 1):
                break
        if not starts:
            continue
        first = min(starts)
        opened = [parse_note_start(lines[indexes[p]].text) for p in sorted(starts)]
        # every marker of the page has its note, in order: a numbered list that happens
        # to start at 1 on a page with markers 1–4 is not its notes
        if [start.marker for start in opened if start] != wanted or first == 0:
            continue
        found.update(indexes[first : note_run_end(lines, indexes, first)])
    return found


def note_run_end(lines: list[Line], indexes: list[int], first: int) -> int:
    """Where a page's notes end: at the first line after them set in larger type than the
    note that opens them (a table's notes in small type, then the body again), else at the
    page's end. Text exports know no type sizes: their notes run to the page's end."""
    size = lines[indexes[first]].font_size
    for position in range(first + 1, len(indexes)):
        later = lines[indexes[position]].font_size
        if size is not None and later is not None and later > size * 1.1:
            return position
    return len(indexes)


SMALL_NOTE_TYPE = 0.95
"""A note set in the body is in smaller type than the body's: at most this share of it."""


def note_lines_in_body(lines: list[Line], wanted: dict[int, set[str]]) -> set[int]:
    """Indexes of body lines that are notes set in the body on their marker's page, away from
    the page's foot, with the lines after them in the same type: a table's notes under it
    (``¹ Age-adjustments followed…`` for a cell's ``¹``), a box's note under its own rule
    (``used*`` …, then ``* See, for instance, W. Buiter (2010)…``). ``wanted`` gives, per
    page, the markers that have no note there. A line counts when it is set in smaller type
    than the body's and opens with that marker raised, or with that symbol: a list bulleted
    with ``*`` is body type.
    """
    sizes = sorted(line.font_size for line in lines if line.kind == "text" and line.font_size)
    if not sizes:
        return set()
    body_size = sizes[len(sizes) // 2]
    found: set[int] = set()
    for index, line in enumerate(lines):
        keys = wanted.get(line.page)
        if not keys or line.kind != "text" or not line.font_size or line.font_size >= body_size * SMALL_NOTE_TYPE:
            continue
        start = parse_note_start(line.text)
        if start is None or start.marker not in keys or not (start.style == "symbol" or is_raised_key(line.text)):
            continue
        keys.discard(start.marker)
        found.add(index)
        for later in range(index + 1, len(lines)):
            following = lines[later]
            if following.kind != "text" or following.font_size != line.font_size or parse_note_start(following.text):
                break
            found.add(later)
    return found


def split_joined_marker(marker: str, page: int | None, notes: list[Note]) -> list[str]:
    """The markers a raised number stands for when two were set side by side with nothing
    between them (``910`` for notes 9 and 10, ``78`` for 7 and 8): split where the halves
    are consecutive numbers whose notes stand on the marker's page and no note there has the
    whole number; else the marker itself.

    >>> split_joined_marker("910", 1, [Note("9", "Letter.", 1), Note("10", "Order.", 1)])
    ['9', '10']
    >>> split_joined_marker("12", 1, [Note("1", "Letter.", 1), Note("2", "Order.", 1), Note("12", "Brief.", 1)])
    ['12']
    """
    if not marker.isdigit() or len(marker) < 2:
        return [marker]
    keys = {note.marker for note in notes if note.page == page or page is None}
    if marker in keys:
        return [marker]
    for cut in range(1, len(marker)):
        first, second = marker[:cut], marker[cut:]
        if not second.startswith("0") and int(second) == int(first) + 1 and first in keys and second in keys:
            return [first, second]
    return [marker]


def choose_notes(refs: list[tuple[str, int | None]], notes: list[Note]) -> list[int | None]:
    """The index of the note each reference ``(marker, page)`` takes, in order; None when none.

    Each note is used once. First every reference takes the first unused note with its
    marker on its own page (footnotes, numbered per page or running on); then each one left
    takes the first unused note with its marker on a later page (a note pushed to the next
    page, an endnotes section): never one of an earlier page, nor one that a reference of
    its own page took, so a marker without a note (``1.1`` of a table of contents read as
    a marker) shifts no note away from its marker. A marker still without a note takes a
    note of its page whose key was lost (key ``""``), in order.
    """
    used = [False] * len(notes)
    chosen: list[int | None] = [take_note(notes, used, marker, page, same_page=True) for marker, page in refs]
    for position, (marker, page) in enumerate(refs):
        if chosen[position] is None:
            chosen[position] = take_note(notes, used, marker, page, same_page=False)
    for position, (_, page) in enumerate(refs):
        if chosen[position] is None:
            chosen[position] = take_note(notes, used, "", page, same_page=True)
    return chosen


def take_note(notes: list[Note], used: list[bool], marker: str, page: int | None, *, same_page: bool) -> int | None:
    """The first unused note with ``marker`` on the marker's own page (or, with
    ``same_page=False``, on a later page), marked used; None when there is none."""
    for index, note in enumerate(notes):
        if used[index] or note.marker != marker:
            continue
        if (note.page == page or page is None) if same_page else comes_after(note.page, page):
            used[index] = True
            return index
    return None


def comes_after(note_page: int | None, marker_page: int | None) -> bool:
    """Whether a note may belong to a marker of another page: it stands on a later page
    (or either page is unknown)."""
    return note_page is None or marker_page is None or note_page > marker_page


def rejoin_stray_notes(notes: list[Note], chosen: list[int | None]) -> list[Note]:
    """Give back to the note before it a "note" that no marker took while its number's
    marker took another note: a line of a note that opens with a number (``5 and 40
    percent of the water…`` inside note 4) is that note's text, not note 5.

    Only a stray on the same page as the note before it is rejoined.
    """
    taken = {index for index in chosen if index is not None}
    linked_markers = {notes[index].marker for index in taken}
    out: list[Note] = []
    for index, note in enumerate(notes):
        stray = index not in taken and note.marker in linked_markers and note.marker.isdigit()
        if stray and out and out[-1].page == note.page and (index - 1) in taken:
            before = out.pop()
            out.append(Note(before.marker, join_line(before.text, f"{note.marker} {note.text}")[0], before.page,
                            union([box for box in (before.box, note.box) if box is not None]),
                            repairs=before.repairs + note.repairs))
            continue
        out.append(note)
    return out


@dataclass(frozen=True)
class PlacedMarker:
    """A marker as the warnings need it: printed form, page and block."""

    marker: str
    page: int | None
    block: str


def linking_warnings(markers: list[PlacedMarker], notes: list[Note], chosen: list[int | None]) -> list[DocumentWarning]:
    """What the linking could not settle, for a person to look at: markers left without a
    note, notes left without a marker, and gaps in a running numeric marker sequence
    (``3`` then ``5``: a marker the reader missed, or a number read as a marker).
    A sequence that starts again at ``1`` (notes numbered per page or per chapter) is no gap.
    A document that carries no note text at all (a text export without its notes) gets one
    warning for all its markers, not one each.
    """
    if markers and not notes:
        return [DocumentWarning("marker_without_note", f"{len(markers)} markers, and no note text in the document")]
    warnings = [
        DocumentWarning("marker_without_note", f"marker {m.marker}", m.page, m.block)
        for m, index in zip(markers, chosen) if index is None
    ]
    taken = {index for index in chosen if index is not None}
    warnings += [
        DocumentWarning("note_without_marker", f"note {note.marker}: {note.text[:60]}", note.page)
        for index, note in enumerate(notes) if index not in taken
    ]
    return warnings + sequence_gaps(markers)


def sequence_gaps(markers: list[PlacedMarker]) -> list[DocumentWarning]:
    """Gaps in the running numeric sequence: ``3`` then ``5``. A ``1`` starts the sequence
    anew (notes numbered per page or chapter) only when a ``2`` follows it; a lone ``1``
    inside the run (a number read as a marker) is passed over, so it hides no gap."""
    numbered = [(m, int(m.marker)) for m in markers if m.marker.isdigit()]
    warnings: list[DocumentWarning] = []
    previous = 0
    for position, (m, value) in enumerate(numbered):
        following = numbered[position + 1][1] if position + 1 < len(numbered) else None
        if value == 1 and previous > 1 and following != 2:
            continue
        if previous and value > previous + 1:  # a first marker above 1: an excerpt, no gap
            warnings.append(DocumentWarning("marker_sequence_gap", f"marker {previous} then {value}", m.page, m.block))
        previous = value
    return warnings
