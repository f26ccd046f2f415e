"""Split footnote markers out of the text: ``Orderi`` → ``Order`` + a reference to note i.

Exports glue markers to the word or punctuation before them (``memoii``, ``nation.iii``,
``“deconstruct”iv``, ``policies14``). Many words end in letters that read as roman numerals
(``Hawaii``, ``taxi``, ``six``), so a glued tail is a marker only when the evidence says so:

1. the sequence: markers run i, ii, iii … (or 1, 2, 3 …) in document order, so a candidate
   must be the next expected marker of its style (or one or two further, to resynchronise
   after a marker the export lost, with stronger evidence);
2. the word list, in the block's language: a tail is not a marker when the whole word is a
   word (``Hawaii``, ``taxi``, French ``parmi``, Italian ``migranti``) — wordfreq's
   frequency decides. For a language wordfreq has no list for, no word list can say so:
   a letter glued to a word is taken only as the marker the unbroken sequence expects
   (:func:`letters_proven_by_sequence`);
3. geometry, in PDFs: a PDF prints its markers raised, so a letter glued to a word at the
   baseline is part of the word (``Fazzini``, ``Danqi``); only raised runs are taken.

Markers that a reader already recognised from geometry (PDF superscripts, wrapped in
private-use characters) and Unicode superscript digits are taken without question.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex

from pipeline import patterns
from pipeline.patterns import ANCHOR_WORD, STEM
from pipeline.structure.numerals import SUPERSCRIPT_DIGITS, SYMBOL_SEQUENCE, marker_style_and_value
from pipeline.words import ENGLISH, Lexicon

WHOLE_WORD_LIMIT = 2.0
"""A glued word at least this frequent (Zipf) is a word, not word + marker (``taxi`` 4.2,
``certiorari`` 2.5); ``Orderi`` and ``memoii`` are 0."""
STEM_WORD_LIMIT = 2.0
"""To resynchronise the sequence, the stem must be a word at least this frequent."""

BOUNDARY = r"(?=[\s,.;:!?)\]”’\"]|$)"
SECTION_SIGNS = frozenset({"§", "§§", "¶"})
CLOSING = frozenset("”’\"')]")
SENTENCE_PUNCTUATION = frozenset(".,;:!?")
MARKER_SEPARATORS = frozenset({",", ";"})
"""What may stand between two markers at one place (``⁷,⁸``): it goes with them."""


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    marker: str
    style: str
    value: int | None
    stem: str
    kind: str  # "certain", "glued" or "punctuation"
    written: bool = False
    """Written in superscript characters (``policies¹⁴``) rather than raised by a PDF's reader."""


@dataclass(frozen=True)
class MarkerHit:
    start: int
    end: int
    marker: str
    raised: bool = True
    """Whether the reader saw the marker raised (or as a superscript character); a symbol
    glued to a word (``used*``) is taken unraised, and needs a note to stay a marker."""
    citation: bool = False
    """A bracketed citation of a numbered reference list (``[12]``), not a note's marker."""


def is_plausible(candidate: Candidate, *, strict: bool, lexicon: Lexicon = ENGLISH) -> bool:
    """Whether the words around a candidate allow it to be a marker (see the module doc)."""
    if candidate.kind == "certain":
        return True
    if candidate.kind == "punctuation":
        return True
    stem = candidate.stem
    if len(stem) < 2:
        return False
    if candidate.style == "roman-upper" and not stem[-1].islower():
        return False  # "XIV", "WWII": upper-case numerals after capitals are words
    if candidate.style == "arabic" and not stem[-1].islower():
        return False  # "G20", "CO2", "H1N1"
    if candidate.style != "symbol" and lexicon.frequency(stem + candidate.marker) >= (
        1.0 if candidate.style == "arabic" else WHOLE_WORD_LIMIT
    ):
        return False
    if strict:
        return stem[0].isupper() or lexicon.frequency(stem) >= STEM_WORD_LIMIT
    return True


@dataclass
class MarkerSequence:
    """The next marker expected in each style, as the document goes on."""

    styles: tuple[str, ...]
    expected: dict[str, int]
    lexicon: Lexicon = ENGLISH
    """The word lists of the block being searched (its language's, then English)."""
    glued_letters: bool = True
    """Whether a letter glued to a word may be a marker at all (False in PDFs: geometry)."""
    unraised_numbers: bool = True
    """Whether a number not seen raised may be a marker (False in a PDF's text layer)."""
    sentence_language: Callable[[str], str] | None = None
    """Tells the language of the words around a glued letter about to be taken (a German
    paragraph may quote an Italian sentence: ``migranti`` must be looked up in Italian)."""

    @classmethod
    def start(cls, styles: tuple[str, ...], *, glued_letters: bool = True) -> MarkerSequence:
        return cls(styles, {style: 1 for style in ("roman-lower", "roman-upper", "arabic", "symbol")},
                   glued_letters=glued_letters)

    def takes(self, candidate: Candidate) -> bool:
        """Whether the candidate is the marker the sequence expects here."""
        if candidate.kind == "certain":
            # a PDF's reader wrapped every superscript that is a marker: those it left
            # are exponents (``km²``, ``x²``)
            return self.unraised_numbers or not candidate.written
        if candidate.style not in self.styles or candidate.value is None:
            return False
        if not self.allows_unraised_number(candidate):
            return False
        if candidate.style == "symbol":
            return is_plausible(candidate, strict=False)
        if not self.allows_letters(candidate):
            return False
        expected = self.expected[candidate.style]
        # The first marker of a style opens its sequence: it needs a real word before it
        # ("Orderi", not "certiorari"), as a resynchronisation one or two further does.
        if candidate.value == expected and is_plausible(candidate, strict=expected == 1, lexicon=self.lexicon):
            return True
        if not self.lexicon.known and candidate.kind == "glued":
            return False  # no word list to vouch for a stem: no resynchronisation on letters
        if expected < candidate.value <= expected + 2 and is_plausible(candidate, strict=True, lexicon=self.lexicon):
            return True
        # numbering that restarts (a new chapter)
        return (candidate.style == "arabic" and candidate.value == 1 and expected > 3
                and is_plausible(candidate, strict=True, lexicon=self.lexicon))

    def allows_letters(self, candidate: Candidate) -> bool:
        """Whether a roman candidate glued to a word may be taken at all: never in a PDF
        (its markers are raised: :attr:`glued_letters`), and in a language without a word
        list only as the very marker the sequence expects, the first one proven by the
        next (:func:`letters_proven_by_sequence`)."""
        if candidate.kind != "glued" or not candidate.style.startswith("roman"):
            return True
        if not self.glued_letters:
            return False
        if self.lexicon.known:
            return True
        return candidate.value == self.expected[candidate.style]

    def allows_unraised_number(self, candidate: Candidate) -> bool:
        """Whether a number the reader did not see raised may be a marker: never in a PDF,
        whose reader wraps every raised run as a marker, so a plain number after
        punctuation is the text's (``1.1 Security`` in a table of contents, ``32.2`` in a
        chart, ``Art. V(A)1`` in an opinion); in a text export, which lost the raising,
        the sequence and the punctuation decide, as in a page read by OCR, whose text has no
        raised glyphs."""
        return self.unraised_numbers or candidate.style != "arabic"

    def pattern(self) -> regex.Pattern[str]:
        """A pattern for every marker this sequence can take next, and the certain ones."""
        key = tuple(sorted(self.expected.items()))
        return next_marker_pattern(key, self.styles)

    def take(self, reading: Candidate) -> None:
        if reading.value is not None and reading.style in self.expected:
            self.expected[reading.style] = reading.value + 1


@lru_cache(maxsize=512)
def next_marker_pattern(expected: tuple[tuple[str, int], ...], styles: tuple[str, ...]) -> regex.Pattern[str]:
    """Compile the pattern of the markers that may come next (see :func:`find_markers`)."""
    wanted = dict(expected)
    options: set[str] = set()
    for style in styles:
        if style == "symbol":
            options.update(SYMBOL_SEQUENCE)  # "§" and "**" too: a "§ 1357" stands after a space
            continue
        for value in range(wanted[style], wanted[style] + 3):
            options.add(to_marker(style, value))
        if style == "arabic" and wanted[style] > 3:
            options.add("1")
    alternatives = "|".join(regex.escape(option) for option in sorted(options, key=lambda o: (-len(o), o)))
    return regex.compile(
        "(?P<certain>\ue000(?P<known>[^\ue000\ue001]{1,8})\ue001|(?<=\\S)(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
        f"|(?:{alternatives}){BOUNDARY}"
    )


def to_marker(style: str, value: int) -> str:
    """The printed form of a marker value: ``to_marker("roman-lower", 14) == "xiv"``."""
    if style == "arabic":
        return str(value)
    numeral = ""
    for amount, letters in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= amount:
            numeral += letters
            value -= amount
    return numeral.upper() if style == "roman-upper" else numeral


def find_markers(
    texts: list[str], styles: tuple[str, ...], *, lexicons: list[Lexicon] | None = None, glued_letters: bool = True,
    sentence_language: Callable[[str], str] | None = None, unraised_numbers: bool = True,
) -> list[list[MarkerHit]]:
    """The markers of each text (blocks in document order), decided by one running sequence.

    The search looks only for what the sequence can take next (``xv``, ``xvi``, ``xvii``,
    ``15`` … and the symbols), so long documents are scanned fast; after each marker taken
    it goes on from there with the new expectation. ``lexicons`` gives each text's word
    lists (English when absent); ``glued_letters=False`` (PDFs) takes no letter glued to
    a word for a marker.
    """
    sequence = MarkerSequence.start(styles, glued_letters=glued_letters)
    sequence.sentence_language = sentence_language
    sequence.unraised_numbers = unraised_numbers
    result = []
    for index, text in enumerate(texts):
        if lexicons is not None:
            sequence.lexicon = lexicons[index]
        hits: list[MarkerHit] = []
        position = 0
        while position <= len(text):
            taken = next_taken(text, position, sequence, Following(texts, index))
            if taken is None:
                break
            sequence.take(taken)
            start, end = with_parentheses(text, taken)
            hits.append(MarkerHit(start, end, taken.marker, taken.kind == "certain"))
            position = taken.end
        result.append(hits)
    return result


def with_parentheses(text: str, candidate: Candidate) -> tuple[int, int]:
    """The span of a raised marker together with the body-size parentheses around it
    (``Council (⁴) seeks``, the EU's Official Journal): both go with the marker.

    >>> with_parentheses("Council (\ue0004\ue001) seeks", Candidate(9, 12, "4", "arabic", 4, "", "certain"))
    (8, 13)
    """
    start, end = candidate.start, candidate.end
    if candidate.kind == "certain" and text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return start - 1, end + 1
    return start, end
@dataclass(frozen=True)
class Following:
    """The texts from one block on, read only when a proof is looked for (not copied)."""

    texts: list[str]
    start: int

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.texts[self.start :])


def next_taken(text: str, position: int, sequence: MarkerSequence, rest: Following | list[str]) -> Candidate | None:
    """The first candidate from ``position`` on that the sequence takes.

    After a rejected match the search goes on one character further, not after the match:
    in ``dabeiii`` (German ``dabei`` + marker ``ii``) the reading ``dabe`` + ``iii`` comes
    first and is rejected, and ``ii`` starts inside it.
    """
    pattern = sequence.pattern()
    match = pattern.search(text, position)
    while match is not None:
        candidate = reading_at(text, match)
        if (candidate is not None and sequence.takes(candidate) and letters_proven_by_sequence(candidate, sequence, rest)
                and not is_word_of_its_sentence(text, candidate, sequence)):
            return expected_inside(text, candidate, sequence) or candidate
        match = pattern.search(text, match.start() + 1)
    return None


def expected_inside(text: str, candidate: Candidate, sequence: MarkerSequence) -> Candidate | None:
    """A shorter glued reading that ends where ``candidate`` ends and is the very marker
    the sequence expects: ``dabei`` + ``ii`` rather than ``dabe`` + ``iii`` when ii is due.
    """
    if candidate.kind != "glued" or candidate.value == sequence.expected.get(candidate.style):
        return None
    wanted = to_marker(candidate.style, sequence.expected[candidate.style])
    start = candidate.end - len(wanted)
    if start <= candidate.start or text[start : candidate.end] != wanted:
        return None
    stem = STEM.search(text, max(0, start - 60), start)
    inner = Candidate(start, candidate.end, wanted, candidate.style, sequence.expected[candidate.style],
                      stem.group() if stem and stem.end() == start else "", "glued")
    return inner if sequence.takes(inner) else None


SENTENCE_WINDOW = 150
"""At most this many characters each side of a glued letter are read to tell the language
of its sentence (which ends at the nearest ``. ``, ``? `` or ``! `` either side)."""


def is_word_of_its_sentence(text: str, candidate: Candidate, sequence: MarkerSequence) -> bool:
    """Whether a glued roman tail, about to be taken, makes a word in the language of the
    words around it (a sentence in another language than its block: ``migranti`` in an
    Italian quotation inside a German paragraph). Asked only of candidates about to be
    taken, a few per document.

    >>> seq = MarkerSequence.start(("roman-lower",))
    >>> seq.sentence_language = lambda window: "it"
    >>> is_word_of_its_sentence("dei migranti sono", Candidate(11, 12, "i", "roman-lower", 1, "migrant", "glued"), seq)
    True
    """
    if sequence.sentence_language is None or candidate.kind != "glued" or not candidate.style.startswith("roman"):
        return False
    left = max(0, candidate.start - SENTENCE_WINDOW)
    breaks_before = [m.end() for m in patterns.SENTENCE_BREAK.finditer(text, left, candidate.start)]
    left = breaks_before[-1] if breaks_before else left
    after = patterns.SENTENCE_BREAK.search(text, candidate.end, candidate.end + SENTENCE_WINDOW)
    right = after.start() + 1 if after else candidate.end + SENTENCE_WINDOW
    language = sequence.sentence_language(text[left:right])
    if language in sequence.lexicon.languages:
        return False  # already asked
    return Lexicon.of(language).own_frequency(candidate.stem + candidate.marker) >= WHOLE_WORD_LIMIT


def letters_proven_by_sequence(candidate: Candidate, sequence: MarkerSequence, rest: Following | list[str]) -> bool:
    """In a language without a word list, the first glued letter marker (``i``) opens the
    sequence only when the next one (``ii``) follows later glued to a word or punctuation:
    the unbroken sequence is the proof that no word list can give.

    >>> seq = MarkerSequence.start(("roman-lower",))
    >>> seq.lexicon = Lexicon.of("km")
    >>> first = Candidate(4, 5, "i", "roman-lower", 1, "taxi", "glued")
    >>> letters_proven_by_sequence(first, seq, ["taxi and more"]), letters_proven_by_sequence(first, seq, ["Orderi and nationii."])
    (False, True)
    """
    if sequence.lexicon.known or candidate.kind != "glued" or not candidate.style.startswith("roman") or candidate.value != 1:
        return True
    following = to_marker(candidate.style, 2)
    proof = regex.compile(rf"[\p{{L}}.,;:”’)]{following}{BOUNDARY}")
    return any(proof.search(text) for text in rest)


def reading_at(text: str, match: regex.Match[str]) -> Candidate | None:
    """The candidate that a match of :meth:`MarkerSequence.pattern` stands for, if any."""
    start, end = match.start(), match.end()
    if match.group("known"):
        marker = match.group("known")
        return Candidate(start, end, marker, *marker_style_and_value(marker), "", "certain")
    if match.group("sup"):
        marker = match.group("sup").translate(SUPERSCRIPT_DIGITS)
        return Candidate(start, end, marker, *marker_style_and_value(marker), "", "certain", written=True)
    tail = match.group()
    before = text[start - 1 : start]
    style, value = marker_style_and_value(tail)
    if not before or before.isspace():
        return None
    if style == "symbol" and tail in SECTION_SIGNS and text[end : end + 2].lstrip()[:1].isdigit():
        return None  # "frataraká§ 141", "U.S.C.§ 1357": the section sign before its number
    if before.isalpha() or unicodedata.category(before).startswith("M"):
        stem = STEM.search(text, max(0, start - 60), start)
        stem_text = stem.group() if stem and stem.end() == start else ""
        return Candidate(start, end, tail, style, value, stem_text, "glued")
    if before.isdigit() or (before not in CLOSING and before not in SENTENCE_PUNCTUATION):
        return None  # "COVID-19", "and/or 2", "50%1": a hyphen or slash is no place for a marker
    if before not in CLOSING and (start < 2 or not (text[start - 2].isalnum() or text[start - 2] in CLOSING)):
        return None  # punctuation must follow a word: "nation.iii", not " .5"
    if style == "arabic" and text[start - 2 : start - 1].isdigit():
        # "$1.5 million", "10:30": a number. But "in 2019.1 Officials": a sentence that
        # ends in a number, then a marker, then the next sentence.
        following = text[end : end + 2]
        if before != "." or not (following == "" or (following[:1] == " " and following[1:].isupper())):
            return None
    return Candidate(start, end, tail, style, value, "", "punctuation")


def remove_markers(text: str, hits: list[MarkerHit]) -> tuple[str, list[tuple[str, int, int]]]:
    """Cut the markers out of ``text``.

    Returns the clean text and, for each marker, ``(marker, offset in the clean text,
    offset in the original text)``. A marker that stood between two spaces takes one of
    them along, so no double space is left.

    >>> remove_markers("the Orderi regarding", [MarkerHit(9, 10, "i")])
    ('the Order regarding', [('i', 9, 9)])
    >>> remove_markers("figures\ue0007\ue001,\ue0008\ue001 and", [MarkerHit(7, 10, "7"), MarkerHit(11, 14, "8")])[0]
    'figures and'

    """
    pieces: list[str] = []
    refs: list[tuple[str, int, int]] = []
    length = 0
    position = 0
    for hit in hits:
        piece = text[position : hit.start]
        if refs and piece.strip() in MARKER_SEPARATORS:
            piece = ""  # "figures⁷,⁸": the comma between two markers goes with them
        if piece.endswith(" ") and text[hit.end : hit.end + 1] in (" ", ""):
            piece = piece[:-1]
        pieces.append(piece)
        length += len(piece)
        refs.append((hit.marker, length, hit.start))
        position = hit.end
    pieces.append(text[position:])
    return "".join(pieces), refs


def split_cell_markers(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[tuple[str, ...], ...], list[tuple[str, int, int, int]]]:
    """Cut the raised markers the PDF reader wrapped out of table cells.

    Returns the clean rows and, for each marker in reading order (row by row, cell by
    cell), ``(marker, row, column, offset in the clean cell)``.

    >>> split_cell_markers((("County", "Held"), ("Wake\ue0001\ue001", "1,234\ue0002\ue001")))
    ((('County', 'Held'), ('Wake', '1,234')), [('1', 1, 0, 4), ('2', 1, 1, 5)])
    """
    found: list[tuple[str, int, int, int]] = []
    clean_rows = []
    for r, row in enumerate(rows):
        clean_row = []
        for c, cell in enumerate(row):
            hits = [MarkerHit(m.start(), m.end(), m.group(1)) for m in patterns.KNOWN_MARKER.finditer(cell)]
            text, removed = remove_markers(cell, hits) if hits else (cell, [])
            found += [(marker, r, c, offset) for marker, offset, _ in removed]
            clean_row.append(text)
        clean_rows.append(tuple(clean_row))
    return tuple(clean_rows), found


def anchor_word(text: str, offset: int) -> str:
    """The word (letters and digits) that ends at or just before ``offset``.

    >>> anchor_word("a stronger nation.", 18)
    'nation'
    >>> anchor_word("“deconstruct” the", 13)
    'deconstruct'
    """
    words = list(ANCHOR_WORD.finditer(text, 0, offset))
    return words[-1].group() if words else ""
