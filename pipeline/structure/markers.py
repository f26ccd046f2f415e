"""Split footnote markers out of the text: ``Orderi`` → ``Order`` + a reference to note i.

Exports glue markers to the word or punctuation before them (``memoii``, ``nation.iii``,
``“deconstruct”iv``, ``policies14``). Many words end in letters that read as roman numerals
(``Hawaii``, ``taxi``, ``six``), so a glued tail is a marker only when the evidence says so:

1. the sequence: markers run i, ii, iii … (or 1, 2, 3 …) in document order, so a candidate
   must be the next expected marker of its style (or one or two further, to resynchronise
   after a marker the export lost, with stronger evidence);
2. the word list: a tail is not a marker when the whole word is a word (``Hawaii``,
   ``taxi``, ``Levi``) — wordfreq's frequency decides.

Markers that a reader already recognised from geometry (PDF superscripts, wrapped in
private-use characters) and Unicode superscript digits are taken without question.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.structure.hyphenation import word_frequency
from pipeline.structure.numerals import marker_style_and_value

WHOLE_WORD_LIMIT = 2.5
"""A glued word at least this frequent (Zipf) is a word, not word + marker (``taxi`` 4.2)."""
STEM_WORD_LIMIT = 2.0
"""To resynchronise the sequence, the stem must be a word at least this frequent."""

TAIL = r"(?P<tail>[ivxlc]{1,7}|[IVXLC]{1,7}|\d{1,3}|[*†‡]{1,3})"
BOUNDARY = r"(?=[\s,.;:!?)\]”’\"]|$)"
# A marker glued to a word: "Orderi", "memoii", "policies14", "word*".
GLUED = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’*_])(?P<stem>\p{L}[\p{L}\p{M}'’]*?)" + TAIL + BOUNDARY)
# A marker after punctuation or a closing quote: "nation.iii", "state;xv", "”iv", "1373.12".
AFTER_PUNCTUATION = regex.compile(
    r"(?<=(?P<before>[\p{L}\p{N}\p{M}])[.,;:!?]|[\p{L}\p{N}.,;:!?][”’\"')\]])" + TAIL + BOUNDARY
)
# Markers that need no evidence: a reader's recognised marker, superscript digits.
CERTAIN = regex.compile("\ue000(?P<known>[^\ue000\ue001]{1,8})\ue001|(?<=\\S)(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    marker: str
    style: str
    value: int | None
    stem: str
    kind: str  # "certain", "glued" or "punctuation"


@dataclass(frozen=True)
class MarkerHit:
    start: int
    end: int
    marker: str


def glued_readings(match: regex.Match[str]) -> list[Candidate]:
    """Each way a glued tail can be read, longest marker first (``memoii``: ``ii``, ``i``)."""
    stem, tail = match.group("stem"), match.group("tail")
    readings = []
    for cut in range(len(tail)):
        marker = tail[cut:]
        style, value = marker_style_and_value(marker)
        if value is None or style == "other":
            continue
        if style in ("arabic", "symbol") and cut:
            continue  # "policies14" is 14, never 4
        readings.append(Candidate(match.start("tail") + cut, match.end(), marker, style, value, stem + tail[:cut], "glued"))
    return readings


def find_candidates(text: str) -> list[list[Candidate]]:
    """Every place in ``text`` where a marker may stand, each with its possible readings."""
    found: dict[int, list[Candidate]] = {}
    for match in CERTAIN.finditer(text):
        marker = match.group("known") or match.group("sup")
        style, value = marker_style_and_value(marker)
        found[match.end()] = [Candidate(match.start(), match.end(), marker, style, value, "", "certain")]
    for match in AFTER_PUNCTUATION.finditer(text):
        marker = match.group("tail")
        style, value = marker_style_and_value(marker)
        if value is None or match.end() in found:
            continue
        if style == "arabic" and (match.group("before") or "").isdigit():
            continue  # "$1.5", "10:30": a number, not a marker
        found[match.end()] = [Candidate(match.start("tail"), match.end(), marker, style, value, "", "punctuation")]
    for match in GLUED.finditer(text):
        if match.end() not in found:
            readings = glued_readings(match)
            if readings:
                found[match.end()] = readings
    return [found[end] for end in sorted(found)]


def is_plausible(candidate: Candidate, *, strict: bool) -> bool:
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
    if candidate.style != "symbol" and word_frequency(stem + candidate.marker) >= (
        1.0 if candidate.style == "arabic" else WHOLE_WORD_LIMIT
    ):
        return False
    if strict:
        return stem[0].isupper() or word_frequency(stem) >= STEM_WORD_LIMIT
    return True


@dataclass
class MarkerSequence:
    """The next marker expected in each style, as the document goes on."""

    styles: tuple[str, ...]
    expected: dict[str, int]

    @classmethod
    def start(cls, styles: tuple[str, ...]) -> "MarkerSequence":
        return cls(styles, {style: 1 for style in ("roman-lower", "roman-upper", "arabic", "symbol")})

    def choose(self, readings: list[Candidate]) -> Candidate | None:
        """The reading to take at one place, or None when none is a marker."""
        for reading in readings:
            if reading.kind == "certain":
                return reading
        for strict, window in ((False, 0), (True, 2)):
            for reading in readings:
                if reading.style not in self.styles or reading.value is None:
                    continue
                expected = self.expected[reading.style]
                if reading.style == "symbol":
                    if not strict and is_plausible(reading, strict=False):
                        return reading
                    continue
                if expected <= reading.value <= expected + window and is_plausible(reading, strict=strict):
                    return reading
                if (
                    strict and reading.style == "arabic" and reading.value == 1 and expected > 3
                    and is_plausible(reading, strict=True)
                ):
                    return reading  # numbering restarts (a new chapter)
        return None

    def take(self, reading: Candidate) -> None:
        if reading.value is not None and reading.style in self.expected:
            self.expected[reading.style] = reading.value + 1


def find_markers(texts: list[str], styles: tuple[str, ...]) -> list[list[MarkerHit]]:
    """The markers of each text (blocks in document order), decided by one running sequence."""
    sequence = MarkerSequence.start(styles)
    result = []
    for text in texts:
        hits = []
        for readings in find_candidates(text):
            chosen = sequence.choose(readings)
            if chosen is not None:
                sequence.take(chosen)
                hits.append(MarkerHit(chosen.start, chosen.end, chosen.marker))
        result.append(hits)
    return result


def remove_markers(text: str, hits: list[MarkerHit]) -> tuple[str, list[tuple[str, int, int]]]:
    """Cut the markers out of ``text``.

    Returns the clean text and, for each marker, ``(marker, offset in the clean text,
    offset in the original text)``. A marker that stood between two spaces takes one of
    them along, so no double space is left.

    >>> remove_markers("the Orderi regarding", [MarkerHit(9, 10, "i")])
    ('the Order regarding', [('i', 9, 9)])
    """
    pieces: list[str] = []
    refs = []
    length = 0
    position = 0
    for hit in hits:
        piece = text[position : hit.start]
        if piece.endswith(" ") and text[hit.end : hit.end + 1] in (" ", ""):
            piece = piece[:-1]
        pieces.append(piece)
        length += len(piece)
        refs.append((hit.marker, length, hit.start))
        position = hit.end
    pieces.append(text[position:])
    return "".join(pieces), refs


ANCHOR_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+")


def anchor_word(text: str, offset: int) -> str:
    """The word (letters and digits) that ends at or just before ``offset``.

    >>> anchor_word("a stronger nation.", 18)
    'nation'
    >>> anchor_word("“deconstruct” the", 13)
    'deconstruct'
    """
    words = list(ANCHOR_WORD.finditer(text, 0, offset))
    return words[-1].group() if words else ""
