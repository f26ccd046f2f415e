"""Raised numbers that are mathematics, not footnote markers: ``km²``, ``x²``, ``T²``, ``10⁻³``.

A PDF's reader wraps every raised run as a marker unless the glyphs around it show an
exponent (:func:`pipeline.extract.spelling.is_exponent`); a text export's superscript digits
are markers whatever follows them. Lecture notes and papers raise numbers for other reasons
than notes, so once the notes are known a raised number is weighed on two kinds of evidence:

1. its place in the text: glued to a one-letter symbol (``T²``, ``3x²``, ``P⁰``), a unit
   (``km²``), a token that mixes letters and digits (``A0B⁰``), after a raised sign
   (``10⁻³``), before or after an operator (``x² =``, ``:= ¹``), or in a stretch of text
   dense with symbols and one-letter variables (:func:`is_in_formula`);
2. the notes: whether a note keyed by that number stands on the marker's page (or the
   next), or in an endnotes section.

A raised number with no note to take it that stands in a formula, and any raised number set
as an exponent beyond the notes its page holds, is the text's: it stays in the text, written
with superscript characters where Unicode has them (``km²``), never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from pipeline import patterns
from pipeline.extract.spelling import to_superscript
from pipeline.model import Note
from pipeline.patterns import MATH_SIGNS, UNIT_WORDS
from pipeline.structure.blocks import DraftBlock
from pipeline.structure.markers import MarkerHit

RAISED_SIGNS = frozenset("⁻⁺⁼⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹")
"""A superscript sign or digit just before a raised number makes it an exponent: ``10⁻³``."""
FORMULA_WINDOW = 24
"""Characters read each side of a raised number to tell whether it stands in a formula…"""
FORMULA_EVIDENCE = 3
"""…which takes at least this many operators and one-letter variables in that window."""
LONE_SIGNS = frozenset({"-", "!", ")", "\\", "|"})
"""Signs standing alone before a raised number in a formula (``(xQ − xP )²``, ``-²``)."""
ONE_LETTER_WORDS = frozenset("aAIàyoeiuOEU")
"""Letters that are words of prose on their own (``a``, ``I``, French ``à``, Spanish ``y``):
no sign of a formula."""


CERTAIN, LIKELY, NONE = 2, 1, 0
"""How strongly a raised number's place says exponent (:func:`exponent_evidence`)."""


@dataclass(frozen=True)
class RaisedNumber:
    """A raised marker about to be weighed: its printed value, its page, how strongly its
    place says exponent (:func:`exponent_evidence`) and whether it stands in a formula."""

    marker: str
    page: int | None
    exponent: int
    formula: bool
    letter: bool = False
    """A raised letter (``deathsᵃ``): a marker only when a note keyed by it is within reach."""


def exponent_evidence(text: str, start: int, end: int, marker: str) -> int:
    """How strongly the place of a raised number at ``text[start:end]`` says exponent:
    :data:`CERTAIN` for a power no note is keyed by (``T²``, ``sin²``, ``km²``, ``10⁻³``,
    ``x²=``, a raised 0), :data:`LIKELY` after a token with digits (``3x²``, ``A0B⁰``,
    ``4²``: a year may carry a marker), else :data:`NONE`.

    >>> exponent_evidence("a Torus T2 is", 9, 12, "2"), exponent_evidence("an area of 5 km²", 15, 16, "2")
    (2, 2)
    >>> exponent_evidence("at 10⁻³ bar", 6, 7, "3"), exponent_evidence("grad(F) = (3x2; 2y)", 13, 16, "2")
    (2, 1)
    >>> exponent_evidence("the Order2 says", 9, 12, "2"), exponent_evidence("in 2019.1 Then", 8, 11, "1")
    (0, 0)
    """
    if marker.strip("0") == "":
        return CERTAIN  # nobody numbers a note 0: a raised 0 is a prime or an index
    if text[start : start + 1] == "(":
        return NONE  # "(⁴)": the Official Journal's way of printing a marker
    before = text[:start]
    word = before.rsplit(None, 1)[-1].lstrip("([{") if before.strip() else ""
    token = word.lstrip("’'")  # "’i": an index after a prime
    following = text[end : end + 1]
    if before[-1:] in RAISED_SIGNS or (following.isascii() and following.isalnum()):
        # "10⁻³", "¹r": a marker is followed by a space or punctuation (a Korean particle
        # may follow one glued: "상해¹⁾이")
        return CERTAIN
    if (token.lower() in UNIT_WORDS and marker in {"2", "3"}) or is_power_base(token) or is_power_base(word):
        return CERTAIN
    after = text[end:].lstrip(" ")[:1]
    if (after and after in MATH_SIGNS) or before.rstrip(" ")[-1:] in MATH_SIGNS:
        return CERTAIN
    return LIKELY if any(ch.isdigit() for ch in token) and len(token) <= 6 and token[-1:].isalnum() else NONE


def is_power_base(token: str) -> bool:
    """A token a raised number makes a power of whatever the notes say: one letter (``T``,
    ``x``, ``σ``), a prime (``f’``), a function's name (``sin``), a closing parenthesis
    after a variable (``(a)``, ``(xQ xP )``), signs alone (``-``, ``!``); not a word nor a
    word closed by punctuation (``Order``, ``(DMCA)``, ``2019.``).

    >>> [is_power_base(t) for t in ("T", "σ", "f’", "sin", "(a)", ")", "-", "Order", "(DMCA)", "2019.", "”", "%)", "목", "")]
    [True, True, True, True, True, True, True, False, False, False, False, False, False, False]
    """
    if not token:
        return False
    if token[-1] in "’'′":
        return len(token.rstrip("’'′")) <= 1
    if len(token) == 1 and patterns.SINGLE_LETTER_END.search(token):
        return True  # Latin or Greek: a one-syllable Korean word ("목⁴") takes markers
    if token.lower() in patterns.MATH_FUNCTIONS:
        return True
    if token.endswith(")") and "(" in token:
        return len(token.rstrip(")").rsplit("(", 1)[-1].strip()) <= 1
    return token in LONE_SIGNS or all(ch in MATH_SIGNS for ch in token)


def is_in_formula(text: str, start: int, end: int) -> bool:
    """Whether the text around a raised number is a formula: operators and one-letter
    variables, at least :data:`FORMULA_EVIDENCE` of them within :data:`FORMULA_WINDOW`
    characters either side (markers' wrapping left out).

    >>> is_in_formula("falls 0 t < \ue0001\ue001 und H(t; s) := 2", 12, 15)
    True
    >>> is_in_formula("the Court held in this case\ue0001\ue001 that the rule applies", 27, 30)
    False
    """
    window = patterns.KNOWN_MARKER.sub(" ", text[max(0, start - FORMULA_WINDOW) : start] + " " + text[end : end + FORMULA_WINDOW])
    signs = sum(1 for ch in window if ch in MATH_SIGNS)
    letters = sum(1 for match in patterns.LONE_LETTER.finditer(window) if match.group() not in ONE_LETTER_WORDS)
    return signs + letters >= FORMULA_EVIDENCE


def notes_by_key(notes: Iterable[Note]) -> dict[str, list[int | None]]:
    """The pages of the notes, by their key."""
    keyed: dict[str, list[int | None]] = {}
    for note in notes:
        keyed.setdefault(note.marker, []).append(note.page)
    return keyed


def notes_within_reach(pages: list[int | None], page: int | None, *, endnotes: bool) -> int:
    """How many notes of one key a marker on ``page`` may take: those on its page or the
    next (a note pushed over the page break), or any later one in an endnotes section."""
    if page is None:
        return len(pages)
    return sum(1 for at in pages if at is None or at in (page, page + 1) or (endnotes and at > page))


def text_numbers(raised: list[RaisedNumber], notes: list[Note], *, endnotes: bool) -> set[int]:
    """Indexes of the raised numbers that are the text's, not markers: each one certainly
    an exponent (:data:`CERTAIN`); each one likely an exponent, in a formula, or a raised
    letter, when no note of its key is within reach; and each one likely an exponent beyond the notes of its key
    within reach on its page (a marker ``¹`` after ``2019`` and a ``4¹`` on a page with one
    note 1: the ``4¹`` gives the note up)."""
    keyed = notes_by_key(notes)
    groups: dict[tuple[str, int | None], list[int]] = {}
    for index, number in enumerate(raised):
        groups.setdefault((number.marker, number.page), []).append(index)
    dropped: set[int] = set()
    for (marker, page), indexes in groups.items():
        reach = notes_within_reach(keyed.get(marker, []), page, endnotes=endnotes)
        if reach == 0:
            dropped.update(i for i in indexes if raised[i].exponent or raised[i].formula or raised[i].letter)
            continue
        dropped.update(i for i in indexes if raised[i].exponent == CERTAIN)
        kept = [i for i in indexes if i not in dropped]
        excess = len(kept) - reach
        dropped.update([i for i in kept if raised[i].exponent][: max(0, excess)])
    return dropped


def keep_as_text(draft: DraftBlock, hits: list[MarkerHit], dropped: set[int]) -> tuple[DraftBlock, list[MarkerHit]]:
    """The draft with the raised runs of its ``dropped`` hits written back into its text
    (:func:`to_superscript`), and its other hits, their offsets moved to match.

    >>> draft = DraftBlock((), "T\ue0002\ue001 and law\ue0001\ue001.", ((0, 1),), line_starts=(0,))
    >>> kept, hits = keep_as_text(draft, [MarkerHit(1, 4, "2"), MarkerHit(11, 14, "1")], {0})
    >>> kept.text, hits
    ('T² and law\ue0001\ue001.', [MarkerHit(start=9, end=12, marker='1', raised=True, citation=False)])
    """
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []  # (where a written run ended in the old text, change of length)
    position = 0
    for index in sorted(dropped):
        hit = hits[index]
        printed = draft.text[hit.start : hit.end]
        written = patterns.KNOWN_MARKER.sub(lambda match: to_superscript(match.group(1)), printed)
        pieces += [draft.text[position : hit.start], written]
        shifts.append((hit.end, len(written) - len(printed)))
        position = hit.end

    def moved(offset: int) -> int:
        return offset + sum(change for at, change in shifts if at <= offset)

    text = "".join(pieces) + draft.text[position:]
    kept = [replace(hit, start=moved(hit.start), end=moved(hit.end)) for index, hit in enumerate(hits) if index not in dropped]
    return replace(draft, text=text, page_starts=tuple((moved(start), page) for start, page in draft.page_starts),
                   line_starts=tuple(moved(start) for start in draft.line_starts)), kept
