"""Author–year citations in the body, linked to the entries of the reference list they cite.

Papers in the social sciences cite as ``(Costa, 2003)``, ``(Frone et al., 1992; Zedeck,
1992)`` or ``Henderson and Burt (1998, p. 12)`` and list their sources at the end under
``References``, each entry opening with its authors and year (``Costa, G. (2003), …``).
Unlike a note's marker, a citation is part of the sentence: it stays in the text, and the
link is given beside it (``document.json``'s ``citations``, ``citations.csv``), with the
block that holds the entry, which stays in the body as the document printed it.

A citation is kept only when an entry answers it (same first author and year, the other
authors deciding between entries that share those), so that ``(January 2004)`` or
``(Table 2, 1998)`` never become citations.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

import regex

from pipeline import patterns
from pipeline.model import Block, Citation

ENTRY_HEAD = 240
"""An entry's authors and year stand in its first characters; a year later on (a title's,
a journal's volume) is not the entry's."""


@dataclass(frozen=True)
class Entry:
    """One entry of the reference list: the block that holds it, where it stands in that
    block's text, its authors' surnames (folded for comparison) and its year as printed
    (``2010a``)."""

    block: str
    start: int
    end: int
    text: str
    surnames: tuple[str, ...]
    year: str


@dataclass(frozen=True)
class Cited:
    """One author–year citation as found in a block's text, before it is looked up."""

    start: int
    end: int
    surnames: tuple[str, ...]
    more_authors: bool
    """``et al.``: more authors than named."""
    year: str


def fold(name: str) -> str:
    """A surname for comparison: case, accents, apostrophes and a possessive left out.

    >>> fold("Müller"), fold("O’Brien"), fold("Presser’s")
    ('muller', 'obrien', 'presser')
    """
    if name[-2:] in ("’s", "'s"):
        name = name[:-2]
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() or ch == "-")


def parse_entry(text: str) -> tuple[tuple[str, ...], str] | None:
    """The surnames and year that open a reference entry, or None.

    >>> parse_entry("Baltes, B. and Heydens-Gahir, H. (2003), “Reduction of work-family conflict”, Journal")
    (('baltes', 'heydens-gahir'), '2003')
    >>> parse_entry("Lee, K., Park, S. and Kim, J. 2010a. Sleep and shifts. Ergonomics 4, 1999.")
    (('lee', 'park', 'kim'), '2010a')
    >>> parse_entry("The survey ran from 2003 to 2005.") is None
    True
    """
    head = patterns.ENTRY_AUTHORS.match(text)
    if head is None:
        return None
    year = patterns.CITED_YEAR.search(text, head.end(), ENTRY_HEAD)
    if year is None:
        return None
    authors = text[: year.start()]
    surnames = tuple(fold(name) for name in patterns.SURNAME.findall(authors) if not is_initials(name))
    return (surnames, year.group()) if surnames else None


def is_initials(name: str) -> bool:
    """``B``, ``M.R``, ``J.-P``: initials, no surname."""
    return all(len(part) <= 1 for part in name.replace("-", ".").split(".") if part)


def reference_entries(blocks: tuple[Block, ...]) -> list[Entry]:
    """The entries of the reference list that closes the document: in the text blocks
    after its last ``References`` (``Bibliography``, ``Literatur`` …) heading, each place
    where a surname and initials open an entry (:func:`entries_of`)."""
    start = None
    for index, block in enumerate(blocks):
        if block.type != "table" and patterns.REFERENCES_HEADING.match(block.text.strip()):
            start = index + 1
    if start is None:
        return []
    return [entry for block in blocks[start:] if block.type != "table" for entry in entries_of(block)]


def entries_of(block: Block) -> list[Entry]:
    """The entries in one block of a reference list. A reader may set several entries in one
    block (a hanging indent it did not see): an entry opens wherever a surname and initials
    stand (``Costa, G.``) once the entry before has given its year, so the second author of
    ``Bohle, P. and Quinlan, M. (2000)`` opens none.

    >>> block = Block("b9", "paragraph", "Bohle, P. and Quinlan, M. (2000), Managing. Costa, G. (2003), Shift work.", (9,))
    >>> [(e.text, e.surnames, e.year) for e in entries_of(block)]
    [('Bohle, P. and Quinlan, M. (2000), Managing.', ('bohle', 'quinlan'), '2000'), ('Costa, G. (2003), Shift work.', ('costa',), '2003')]
    """
    text = block.text
    starts: list[tuple[int, tuple[tuple[str, ...], str]]] = []
    for match in patterns.ENTRY_OPENING.finditer(text):
        if starts and not patterns.CITED_YEAR.search(text, starts[-1][0], match.start()):
            continue
        parsed = parse_entry(text[match.start() :])
        if parsed is not None:
            starts.append((match.start(), parsed))
    ends = [begin for begin, _ in starts[1:]] + [len(text)]
    return [Entry(block.id, begin, end, text[begin:end].strip(), surnames, year)
            for (begin, (surnames, year)), end in zip(starts, ends)]


def find_cited(text: str) -> list[Cited]:
    """The author–year citations of a text, in order: each author and year inside
    parentheses (``(Costa, 2003; Presser, 1987)`` is two), and each name before a
    parenthesised year (``Henderson and Burt (1998, p. 12)``).

    >>> [(text[c.start:c.end], c.surnames, c.year) for text in ["as shown (Costa, 2003; Frone et al., 1992a, 1993)."]
    ...  for c in find_cited(text)]
    [('Costa, 2003', ('costa',), '2003'), ('Frone et al., 1992a', ('frone',), '1992a'), ('Frone et al., 1992a, 1993', ('frone',), '1993')]
    >>> [(c.surnames, c.year) for c in find_cited("Henderson and Burt (1998, p. 12) found it.")]
    [(('henderson', 'burt'), '1998')]
    >>> [(c.surnames, c.year) for c in find_cited("Presser (1995, cited in Grosswald, 2002) and Presser’s (2003) view")]
    [(('presser',), '1995'), (('grosswald',), '2002'), (('presser',), '2003')]
    """
    found: list[Cited] = []
    for group in patterns.PARENTHESES.finditer(text):
        for part in patterns.CITATION_PART.finditer(text, group.start() + 1, group.end() - 1):
            found += cited_years(part, part.start(), part.end())
    for narrative in patterns.NARRATIVE_CITATION.finditer(text):
        found += cited_years(narrative, narrative.start(), narrative.end())
    return sorted(found, key=lambda cited: (cited.start, cited.end))


def cited_years(match: regex.Match[str], start: int, end: int) -> list[Cited]:
    """One citation per year of a matched author–year part (``Smith, 2004a, 2005``)."""
    names = match.group("names")
    surnames = tuple(fold(name) for name in patterns.SURNAME.findall(names) if not is_initials(name))
    more = "et al" in names
    offset = match.start("years") - start
    years = list(patterns.CITED_YEAR.finditer(match.group("years")))
    return [Cited(start, start + offset + year.end() if len(years) > 1 else end, surnames, more, year.group()) for year in years]


def entry_for(cited: Cited, entries: list[Entry]) -> Entry | None:
    """The entry a citation cites: same first author and year (a year without a letter
    answers only an entry without one), then the one whose other authors agree best (the
    named ones in order; ``et al.`` for three or more). A first name that answers no entry
    is tried without (a capitalised word opening the sentence)."""
    candidates = [e for e in entries if e.surnames[0] == cited.surnames[0] and e.year == cited.year]
    if not candidates:
        # "Further, MacEwen and Barling (1998)": a sentence's first word read as a name
        return entry_for(replace(cited, surnames=cited.surnames[1:]), entries) if len(cited.surnames) > 1 else None

    def agreement(entry: Entry) -> tuple[int, int]:
        named = sum(1 for a, b in zip(entry.surnames, cited.surnames) if a == b)
        count_fits = (len(entry.surnames) >= 3) if cited.more_authors else (len(entry.surnames) == len(cited.surnames))
        return named, int(count_fits)

    return max(candidates, key=agreement)


def link_citations(blocks: tuple[Block, ...], page_of: dict[str, list[tuple[int, int]]]) -> tuple[list[Citation], int]:
    """Every author–year citation in the body before the reference list that an entry
    answers, with that entry; and how many citations no entry answered. ``page_of`` gives,
    per block id, ``(offset, page)`` where each page begins in its text."""
    entries = reference_entries(blocks)
    if len(entries) < 2:
        return [], 0
    first_entry = {entry.block for entry in entries}
    citations: list[Citation] = []
    unanswered = 0
    for block in blocks:
        if block.id in first_entry:
            break
        if block.type == "table":
            continue
        for cited in find_cited(block.text):
            entry = entry_for(cited, entries)
            if entry is None:
                unanswered += 1
                continue
            citations.append(Citation(text=block.text[cited.start : cited.end], block=block.id, start=cited.start, end=cited.end,
                                      page=page_at(page_of.get(block.id, []), cited.start, block), reference_block=entry.block,
                                      reference=entry.text))
    return citations, unanswered


def page_at(starts: list[tuple[int, int]], offset: int, block: Block) -> int | None:
    """The page on which the character at ``offset`` of a block stands."""
    page = block.pages[0] if block.pages else None
    for start, number in starts:
        if start <= offset:
            page = number
    return page
