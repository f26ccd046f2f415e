"""A numbered reference list closing a document, and the bracketed citations that point to it.

Papers cite their sources as ``[12]``, ``[3, 4]`` or ``[7–9]`` and list them at the end under
``References`` as ``[1] …`` or ``1. …``. Each citation is then a marker whose note is the
entry it cites; unlike a footnote's, an entry is cited again and again. The list is taken
only when the body cites it (:data:`CITED_SHARE` of its entries), so a numbered list that
merely follows a heading called ``Sources`` stays body text.
"""

from __future__ import annotations

import regex

from pipeline import patterns
from pipeline.model import Line, Note
from pipeline.structure.hyphenation import join_line
from pipeline.structure.markers import MarkerHit
from pipeline.structure.notes import parse_note_start

LARGER_TYPE = 1.15
"""A line in a reference list set this much larger than its first entry is the body's."""
CITED_SHARE = 0.5
"""At least this share of the list's entries must be cited in the body (and two at least)."""


def split_reference_list(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Cut a numbered reference list closing the text off the body lines: its heading
    (``References``, ``Bibliography``, ``Literatur`` …) followed at once by entry 1 (``[1] …``
    or ``1. …``). Returns the body lines and the list's lines (heading left out); no cut
    when the last such heading is not followed by entry 1.

    >>> body, entries = split_reference_list([Line("Text [1].", 1), Line("References", 2), Line("[1] A. Smith, 2001.", 2)])
    >>> [line.text for line in body], [line.text for line in entries]
    (['Text [1].'], ['[1] A. Smith, 2001.'])
    """
    text_indexes = [i for i, line in enumerate(lines) if line.kind == "text"]
    for position in range(len(text_indexes) - 1, -1, -1):
        index = text_indexes[position]
        if not patterns.REFERENCES_HEADING.match(lines[index].text.strip()):
            continue
        following = text_indexes[position + 1] if position + 1 < len(text_indexes) else None
        start = parse_note_start(lines[following].text) if following is not None else None
        if start is not None and start.style == "arabic" and start.value == 1:
            return lines[:index], lines[index + 1 :]
        return lines, []
    return lines, []


def parse_entries(section: list[Line]) -> list[Note]:
    """The numbered entries of a reference list: a line opens the next entry when it starts
    with a number above the last one, by three at most (an entry whose number a reading
    lost, as an OCR layer's ``15.`` set inside another line); any other line runs on the
    entry before it.

    >>> [(n.marker, n.text) for n in parse_entries([Line("1. A. Smith,", 6), Line("2001.", 6), Line("3. B. Lee, 1999.", 6)])]
    [('1', 'A. Smith, 2001.'), ('3', 'B. Lee, 1999.')]
    """
    entries: list[Note] = []
    texts: list[str] = []
    last = 0
    for line in section:
        if line.kind != "text":
            continue
        start = parse_note_start(line.text)
        if start is not None and start.style == "arabic" and start.value is not None and last < start.value <= last + 3:
            entries.append(Note(start.marker, "", line.page))
            texts.append(start.text)
            last = start.value
        elif texts:
            texts[-1] = join_line(texts[-1], line.text)[0]
    return [Note(entry.marker, text.strip(), entry.page) for entry, text in zip(entries, texts)]


def find_citations(texts: list[str], entries: int) -> list[list[MarkerHit]]:
    """The bracketed citations of entries 1 to ``entries`` in each text, one hit per entry
    cited: ``[3, 4]`` is two, ``[7–9]`` three, all at one place. The first hit spans the
    bracket and the space before it, so that cutting it out leaves ``as shown.`` of
    ``as shown [3].``; the others stand where it ends.

    >>> hits = find_citations(["as shown [3, 4]. See [7–9] and [1999]."], 10)[0]
    >>> [(hit.marker, hit.start, hit.end) for hit in hits]
    [('3', 8, 15), ('4', 15, 15), ('7', 20, 26), ('8', 26, 26), ('9', 26, 26)]
    """
    found: list[list[MarkerHit]] = []
    for text in texts:
        hits: list[MarkerHit] = []
        for match in patterns.BRACKET_CITATION.finditer(text):
            numbers = cited_numbers(match.group(1))
            if not numbers or not all(1 <= number <= entries for number in numbers):
                continue
            start = match.start() - 1 if text[match.start() - 1 : match.start()] == " " else match.start()
            hits.append(MarkerHit(start, match.end(), str(numbers[0]), citation=True))
            hits += [MarkerHit(match.end(), match.end(), str(number), citation=True) for number in numbers[1:]]
        found.append(hits)
    return found


def find_parenthesised_citations(texts: list[str], entries: int) -> list[list[MarkerHit]]:
    """The citations printed as a number in parentheses (``Wiesner and York (1) concluded``,
    *Science*'s style) of entries 1 to ``entries``, told from an enumeration in the prose
    (``we must (1) … (2) …``) by the order in which such a list is cited: each source is
    numbered where it is first cited, so a number is a citation when it cites a source
    already cited or the next one (:func:`is_next_source`); a ``(1)`` followed in its block by
    ``(2)`` once sources are cited opens an enumeration, and that block's run 1, 2, 3 …
    stays text. Each hit spans the parentheses and the space before them.

    >>> texts = ["York (1) said so. Smith (2) agrees.", "We must (1) act, (2) wait.", "As York (1) said (3)."]
    >>> [[(hit.marker, hit.start) for hit in hits] for hits in find_parenthesised_citations(texts, 5)]
    [[('1', 4), ('2', 23)], [], [('1', 7), ('3', 16)]]
    """
    found: list[list[MarkerHit]] = []
    cited = 0  # the highest source cited so far
    for text in texts:
        numbers = [(match, int(match.group(1) or match.group(2))) for match in patterns.PARENTHESISED_NUMBER.finditer(text)]
        listed: set[int] = set()
        hits: list[MarkerHit] = []
        for position, (match, number) in enumerate(numbers):
            if cited >= 2 and not listed:
                listed = enumeration(numbers, position)
            if position in listed or not (1 <= number <= entries) or not is_next_source(number, cited):
                continue
            cited = max(cited, number)
            start = match.start() - 1 if text[match.start() - 1 : match.start()] == " " else match.start()
            hits.append(MarkerHit(start, match.end(), str(number), citation=True))
        found.append(hits)
    return found


def is_next_source(number: int, cited: int) -> bool:
    """A source already cited, or the next one (two further: a citation the OCR lost)."""
    return number <= cited + 3


def enumeration(numbers: list[tuple[regex.Match[str], int]], position: int) -> set[int]:
    """Positions of the run ``(1)``, ``(2)``, ``(3)`` … that opens at ``position`` of a block's
    numbers in parentheses and counts items, not sources; empty when none opens there."""
    if numbers[position][1] != 1 or position + 1 >= len(numbers) or numbers[position + 1][1] != 2:
        return set()
    run: set[int] = set()
    for later in range(position, len(numbers)):
        if numbers[later][1] != len(run) + 1:
            break
        run.add(later)
    return run


def body_lines_in_list(section: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split a reference list's lines into its own and the body's: a list is set in one
    small type, so lines in larger type among them (a column of the article read after the
    list's heading) are the body's and go back to it. Text exports know no sizes: all stay.

    >>> own, body = body_lines_in_list([Line("1. A. Smith, 2001.", 6, font_size=8.4), Line("In a still more", 6, font_size=11.5)])
    >>> [line.text for line in own], [line.text for line in body]
    (['1. A. Smith, 2001.'], ['In a still more'])
    """
    sizes = [line.font_size for line in section if line.kind == "text" and line.font_size]
    if not sizes:
        return section, []
    size = sizes[0]
    own = [line for line in section if line.kind != "text" or not line.font_size or line.font_size <= size * LARGER_TYPE]
    body = [line for line in section if line.kind == "text" and line.font_size and line.font_size > size * LARGER_TYPE]
    return own, body


def cited_numbers(inside: str) -> list[int]:
    """The entry numbers a bracket cites: ``3, 4`` → 3, 4; ``7–9`` → 7, 8, 9.

    >>> cited_numbers("3, 4"), cited_numbers("7–9"), cited_numbers("9-3")
    ([3, 4], [7, 8, 9], [])
    """
    numbers: list[int] = []
    for part in inside.replace(";", ",").split(","):
        part = part.strip()
        low, dash, high = part.replace("–", "-").partition("-")
        if dash:
            if not (low.isdigit() and high.isdigit() and int(low) < int(high) <= int(low) + 20):
                return []
            numbers += range(int(low), int(high) + 1)
        elif part.isdigit():
            numbers.append(int(part))
        else:
            return []
    return numbers


def merge_citations(own: list[MarkerHit], citations: list[MarkerHit]) -> list[MarkerHit]:
    """A block's markers and its citations in text order; a citation that overlaps a
    marker already found gives way."""
    kept = [c for c in citations if not any(c.start < m.end and m.start < c.end for m in own)]
    return sorted(own + kept, key=lambda hit: hit.start)


def cited_entries(refs: list[tuple[str, bool]], entries: list[Note]) -> list[int | None]:
    """For each ``(marker, is a citation)``, the index of the reference entry it cites (an
    entry is cited again and again); None for a footnote marker or an entry not listed."""
    by_number = {entry.marker: index for index, entry in enumerate(entries)}
    return [by_number.get(marker) if citation else None for marker, citation in refs]


def cited_enough(citations: list[list[MarkerHit]], entries: list[Note]) -> bool:
    """Whether the body cites the list: two entries at least, and :data:`CITED_SHARE` of them."""
    cited = {hit.marker for block in citations for hit in block}
    return len(cited) >= max(2, CITED_SHARE * len(entries))
