"""A numbered reference list closing a document, and the bracketed citations that point to it.

Papers cite their sources as ``[12]``, ``[3, 4]`` or ``[7–9]`` and list them at the end under
``References`` as ``[1] …`` or ``1. …``. Each citation is then a marker whose note is the
entry it cites; unlike a footnote's, an entry is cited again and again. The list is taken
only when the body cites it (:data:`CITED_SHARE` of its entries), so a numbered list that
merely follows a heading called ``Sources`` stays body text.
"""

from __future__ import annotations

from pipeline import patterns
from pipeline.model import Line, Note
from pipeline.structure.markers import MarkerHit
from pipeline.structure.notes import parse_note_start

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
