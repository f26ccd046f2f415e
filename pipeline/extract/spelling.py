"""Spelling one line's text from its glyphs.

Word spaces come from the gaps between glyphs; a raised run becomes a wrapped footnote
marker (``"policies\\ue00014\\ue001"``) unless it is an exponent (``R²``, ``km2``), an
ordinal ending or a fraction; a bullet drawn from a symbol font or an unmapped glyph at a
line's start becomes ``•``; a right-to-left line (Arabic, Hebrew) is put in reading order.
The line's baseline is taken from its full-size glyphs, so superscripts do not pull it up.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Sequence

from pipeline import patterns
from pipeline.extract.chars import Char
from pipeline.extract.text_lines import SEGMENT_GAP, SPACE_CHARS, PageStats, TextLine
from pipeline.patterns import DINGBAT_FONT, LEFT_TO_RIGHT_RUN, MARKER_TEXT, SINGLE_LETTER_END, UNICODE_SUPERSCRIPT_RUN, UNIT_WORDS

# Measures in units of the font size (em) unless named otherwise.
WORD_GAP = 0.15
"""A gap wider than this between two glyphs is a word space. Spaces are ≥ 0.2 em even in
tight justified text, while kerning stays under 0.1 em (measured on the real corpus)."""
SPACE_GLYPH_GAP = 0.05
"""A space character counts only where the glyphs around it leave a gap: some producers
draw a stray space over a ligature (``défi nir``), with the next letter touching it."""
SUPERSCRIPT_SIZE = 0.85
"""A superscript is drawn at most this fraction of its line's size…"""
SUPERSCRIPT_RISE = 0.18
"""…with its baseline raised by at least this fraction of the line's size."""

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPERSCRIPT_FORMS = str.maketrans("0123456789+-−=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱⁿ")
EXPONENT_MARK = "\ue002"
"""Follows an exponent written in superscript characters while its line is spelled, so that
:func:`wrap_unicode_superscripts` leaves it as text; removed once the line is spelled."""


def row_baseline(chars: Sequence[Char]) -> float:
    """The line's baseline, from its full-size glyphs (superscripts would pull it up)."""
    glyphs = [c for c in chars if c.text not in SPACE_CHARS] or list(chars)
    largest = max(c.size for c in glyphs)
    return statistics.median(c.bottom for c in glyphs if c.size >= largest * SUPERSCRIPT_SIZE)


def make_line(chars: tuple[Char, ...], column: int, stats: PageStats) -> TextLine:
    chars = tuple(sorted(chars, key=lambda c: c.x0))
    glyphs = [c for c in chars if c.text not in SPACE_CHARS]
    size = statistics.median(c.size for c in glyphs)
    baseline = row_baseline(chars)
    # On a slanted line (a cover's diagonal title) every later letter sits higher: none of
    # them is a superscript.
    slanted = is_slanted(glyphs, size)
    marker_baseline = baseline if not slanted else float("-inf")
    text, word_starts, markers = spell_line(chars, size, marker_baseline, slanted=slanted)
    stats.superscript_markers += markers
    return TextLine(chars, text, size, baseline, column, tuple(word_starts))


def is_slanted(glyphs: Sequence[Char], size: float) -> bool:
    """Full-size glyphs whose bottoms spread over more than half the type size."""
    bottoms = [c.bottom for c in glyphs if c.size >= size * SUPERSCRIPT_SIZE]
    return len(bottoms) >= 3 and max(bottoms) - min(bottoms) > 0.5 * size


def is_right_to_left(text: str) -> bool:
    """Mostly Arabic or Hebrew letters (checked only when such a letter is present)."""
    if not any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in text):
        return False
    rtl = sum(1 for ch in text if unicodedata.bidirectional(ch) in ("R", "AL"))
    ltr = sum(1 for ch in text if unicodedata.bidirectional(ch) == "L")
    return rtl > ltr


def to_logical_order(glyphs: Sequence[str]) -> str:
    """Spell a line from its glyph texts (left to right on the page) in reading order.

    PDFs draw glyphs left to right, so a line of Arabic comes out backwards (``ةغلب``).
    Reversing the line puts the Arabic right; the Latin words and numbers inside it are
    then reversed back, and a glyph that stands for several letters (the lam-alef
    ligature) keeps its own letters in order. Mostly left-to-right lines are left alone.

    >>> to_logical_order(["P", "y", "t", "h", "o", "n", " ", "ة", "ج", "م", "ر", "ب", "ل", "ا", " ", "ة", "غ", "ل", "ب"])
    'بلغة البرمجة Python'
    >>> to_logical_order(["T", "i", "t", "l", "e", " ", "V", "I"])
    'Title VI'
    """
    text = "".join(glyphs)
    if not is_right_to_left(text):
        return text
    pre_reversed = "".join(g[::-1] if len(g) > 1 and is_right_to_left(g) else g for g in glyphs)
    return LEFT_TO_RIGHT_RUN.sub(lambda match: match.group(0)[::-1], pre_reversed[::-1])


def is_superscript(char: Char, size: float, baseline: float) -> bool:
    """Smaller than the line and sitting above its baseline: both, or a capital letter
    next to small caps or a subscript would count."""
    return char.size <= size * SUPERSCRIPT_SIZE and char.bottom <= baseline - size * SUPERSCRIPT_RISE


def spell_line(chars: Sequence[Char], size: float, baseline: float, *, slanted: bool = False) -> tuple[str, list[float], int]:
    """Spell a line from its glyphs: spaces from gaps, raised runs as wrapped markers.

    On a slanted line (a cover's diagonal title) the glyph boxes overlap, so there are no
    gaps to see: there the space characters are the word spaces (``Freies Wissen``).

    Returns the text, the x where each word starts (for hanging indents) and the number of
    markers found.
    """
    pieces: list[str] = []
    word_starts: list[float] = []
    markers = 0
    right: float | None = None  # right edge of the last glyph spelled
    pending_space = False
    run: list[Char] = []  # a raised run not yet decided
    run_spaced = False  # was there a word space before the raised run?

    def close_run() -> None:
        nonlocal markers, right, run_spaced
        if not run:
            return
        raised = "".join(c.text for c in run).strip()
        before = "".join(pieces)
        exponent = is_exponent(run, chars, before, run_spaced, size)
        wrapped = None if exponent else wrap_markers(raised, before, text_after(run, chars), spaced=run_spaced)
        if wrapped is None:
            if run_spaced and pieces:
                pieces.append(" ")
            pieces.append(to_superscript(raised) + EXPONENT_MARK if exponent or is_power(raised, before) else raised)
        else:
            while pieces and pieces[-1] == " ":
                pieces.pop()  # a marker belongs to the word before it
            pieces.append(wrapped)
            markers += wrapped.count(patterns.MARKER_OPEN)
        right = max(c.x1 for c in run)
        run.clear()

    small, raised_below = size * SUPERSCRIPT_SIZE, baseline - size * SUPERSCRIPT_RISE  # is_superscript's bounds
    for char in chars:
        if char.text in SPACE_CHARS:
            pending_space = True
            continue
        if char.text.startswith("(cid:") and char.unmapped:
            if not pieces and right is None:
                pieces.append("•")  # an unmapped glyph opening a line is almost always a bullet
                word_starts.append(char.x0)
                pending_space = True
            # Dropped, but it still fills its space: no word break is invented around it.
            right = char.x1 if right is None else max(right, char.x1)
            continue
        if not pieces and right is None and is_bullet_glyph(char):
            pieces.append("•")
            word_starts.append(char.x0)
            right = char.x1
            pending_space = True
            continue
        gap = char.x0 - right if right is not None else 0.0
        em = char.size if char.size < size else size
        spaced = (pending_space and (slanted or gap > SPACE_GLYPH_GAP * em)) or gap > WORD_GAP * em
        if char.size <= small and char.bottom <= raised_below:  # is_superscript, inlined for speed
            if run and spaced and gap > SEGMENT_GAP * size:
                close_run()
            if not run:
                run_spaced = spaced
            run.append(char)
            right = char.x1
            pending_space = False
            continue
        close_run()
        if pieces and spaced:
            pieces.append(" ")
        if not pieces or pieces[-1] == " ":
            word_starts.append(char.x0)
        pieces.append(char.text)
        right = char.x1 if right is None else max(right, char.x1)
        pending_space = False
    close_run()
    text = to_logical_order(pieces).strip()
    text, unicode_markers = wrap_unicode_superscripts(text)
    return text.replace(EXPONENT_MARK, ""), word_starts, markers + unicode_markers


def to_superscript(raised: str) -> str:
    """A raised run that is no marker, as text: in superscript characters when Unicode has
    them all (``2`` → ``²``, ``-3`` → ``⁻³``: ``km²``, ``10⁻³``), else as printed (``th``).

    >>> to_superscript("2"), to_superscript("-3"), to_superscript("ii"), to_superscript("th")
    ('²', '⁻³', 'ⁱⁱ', 'th')
    """
    written = raised.translate(SUPERSCRIPT_FORMS)
    return written if all(not ch.isascii() for ch in written) else raised


def is_unit_power(raised: str, before: str) -> bool:
    """A raised 2 or 3 after a unit (``km²``, ``m³``): an area or a volume.

    >>> is_unit_power("2", "100 km"), is_unit_power("2", "the Order")
    (True, False)
    """
    last_word = before.rstrip().rsplit(" ", 1)[-1] if before.strip() else ""
    return last_word.lower() in UNIT_WORDS and raised in {"2", "3"}


def is_power(raised: str, before: str) -> bool:
    """A raised run that is a power, no marker: a unit's (:func:`is_unit_power`) or a signed
    number (``10⁻³``, ``e⁺¹``: no note is keyed by a sign).

    >>> is_power("-3", "10"), is_power("−12", "10"), is_power("2", "100 km"), is_power("3", "Order")
    (True, True, True, False)
    """
    return is_unit_power(raised, before) or bool(patterns.SIGNED_NUMBER.match(raised))


MATH_AFTER = frozenset("\u2044/(=+")
"""A glyph that, touching a raised numeral, makes it a numerator or an exponent:
``¼`` drawn as raised 1, ``⁄``, lowered 4; ``f⁻¹(U)``; ``x²=``."""


def is_exponent(run: list[Char], chars: Sequence[Char], before: str, spaced: bool, size: float) -> bool:
    """Tell a raised run that is mathematics (or a fraction) from a footnote marker.

    An exponent sits on a single-letter symbol (``R²``, ``S¹``, ``f⁻¹``) or is followed
    at once by a fraction slash, a parenthesis or an operator; a footnote marker follows
    a word or punctuation and is followed by a space or punctuation. Lecture notes full
    of ``R²`` would otherwise get hundreds of false footnotes.
    """
    last = run[-1]
    following = [c for c in chars if c.x0 >= last.x1 - 0.5 and c not in run and c.text not in SPACE_CHARS]
    if following and last.text != ")":  # "6)(이하": a closed marker, then a parenthesis of the text
        after = min(following, key=lambda c: c.x0)
        if after.text in MATH_AFTER and after.x0 - last.x1 < WORD_GAP * size:
            return True
    return not spaced and bool(SINGLE_LETTER_END.search(before))


def is_bullet_glyph(char: Char) -> bool:
    """A line's first glyph is a bullet when it comes from a symbol font (and is not a
    Greek letter of the Symbol font) or sits in the Private Use Area.

    >>> is_bullet_glyph(Char("!", 0, 5, 0, 10, 10, "WPTypographicSymbols"))
    True
    >>> is_bullet_glyph(Char("α", 0, 5, 0, 10, 10, "SymbolMT"))
    False
    >>> is_bullet_glyph(Char("T", 0, 5, 0, 10, 10, "Garamond"))
    False
    """
    if "\ue000" <= char.text[:1] <= "\uf8ff":
        return True
    if not DINGBAT_FONT.search(char.fontname):
        return False
    return not (char.text.isalnum() and "symbol" in char.fontname.lower() and "typographic" not in char.fontname.lower())


def wrap_markers(raised: str, before: str, after: str = "", *, spaced: bool = False) -> str | None:
    """Wrap a raised run as one or more markers, or return None when it is not a marker.

    ``"14"`` → ``"\\ue00014\\ue001"``; ``"1,2"`` → two markers; ``"th"`` (an ordinal) and
    the ``2`` of ``km2`` stay plain text.

    >>> wrap_markers("xiv", "policies") == "\\ue000xiv\\ue001"
    True
    >>> wrap_markers("th", "25") is None
    True
    >>> wrap_markers("2", "100 km") is None
    True
    """
    raised = without_closing_parenthesis(raised)
    if is_letter_key(raised, before, after) or is_letter_marker(raised, before, spaced):
        return patterns.MARKER_OPEN + raised + patterns.MARKER_CLOSE
    parts = [number for p in re.split(r"[,\s]+", raised) if p for number in expand_marker_range(p)]
    if not parts or not all(MARKER_TEXT.match(p) for p in parts):
        return None
    if is_power(raised, before):
        return None
    return "".join(patterns.MARKER_OPEN + p + patterns.MARKER_CLOSE for p in parts)


def is_letter_key(raised: str, before: str, after: str) -> bool:
    """Whether a raised single letter is a note's key: one lower-case letter opening a line
    and followed by a capital or a digit, as a table's notes print theirs under it
    (``ᵃ Figures for January…``; the table's cells carry the markers). Inside a line a
    raised letter is an ordinal (``1ᵉ``, ``2ª``); before a lower-case word it is a word
    drawn small by an OCR layer (``ᵃ function of``): both kept as text.

    >>> is_letter_key("a", "", "F"), is_letter_key("b", "Wake", "F"), is_letter_key("a", "", "f")
    (True, False, False)
    """
    return len(raised) == 1 and "a" <= raised <= "z" and not before.strip() and (after[:1].isupper() or after[:1].isdigit())


def is_letter_marker(raised: str, before: str, spaced: bool) -> bool:
    """Whether a raised single letter glued to a word is a note's marker (``deathsᵃ``, a
    statistical report keying its notes by letters): a word of two letters or more, or
    its closing punctuation, before it. Not after a number (``1ᵉ``, ``2ª``: ordinals), nor
    after a space (an OCR layer's small word), nor a roman numeral's letter (taken as
    such). It stays a marker only when its page prints a note keyed by it (the structure
    stage gives it back to the text otherwise).

    >>> is_letter_marker("a", "the deaths", False), is_letter_marker("a", "the deaths", True), is_letter_marker("e", "1", False)
    (True, False, False)
    """
    return (len(raised) == 1 and "a" <= raised <= "z" and raised not in "ivxlc" and not spaced
            and bool(patterns.WORD_BEFORE_LETTER_MARKER.search(before)))


def text_after(run: list[Char], chars: Sequence[Char]) -> str:
    """The first glyph after a raised run (spaces skipped), or ``""`` at the line's end."""
    right = run[-1].x1
    following = [c for c in chars if c.x0 >= right - 0.5 and c not in run and c.text not in SPACE_CHARS]
    return min(following, key=lambda c: c.x0).text if following else ""


def without_closing_parenthesis(raised: str) -> str:
    """A raised number closed by a raised parenthesis is the number's marker: Korean and
    Japanese documents key their notes so (``상해1)``, note ``1) 손해보험의…``).

    >>> without_closing_parenthesis("1)"), without_closing_parenthesis("(a)"), without_closing_parenthesis("12")
    ('1', '(a)', '12')
    """
    return raised[:-1] if patterns.RAISED_CLOSED_NUMBER.match(raised) else raised


def expand_marker_range(raised: str) -> list[str]:
    """The markers a raised range stands for: one place that cites notes 7 to 9 (``7–9``)
    is three markers, never ``79``; anything else is itself.

    >>> expand_marker_range("7–9")
    ['7', '8', '9']
    >>> expand_marker_range("12")
    ['12']
    >>> expand_marker_range("9-3")
    ['9-3']
    """
    match = patterns.MARKER_RANGE.match(raised)
    if not match:
        return [raised]
    first, last = int(match.group(1)), int(match.group(2))
    if not first < last <= first + 20:
        return [raised]
    return [str(value) for value in range(first, last + 1)]


def wrap_unicode_superscripts(text: str) -> tuple[str, int]:
    """Treat Unicode superscript digits after a word or punctuation as markers.

    >>> wrap_unicode_superscripts("policies¹⁴ and") == ("policies\\ue00014\\ue001 and", 1)
    True
    >>> wrap_unicode_superscripts("an area of 5 km²")
    ('an area of 5 km²', 0)
    """
    count = 0

    def wrap(match: re.Match[str]) -> str:
        nonlocal count
        word = text[: match.start()].rsplit(" ", 1)[-1]
        if word.lower() in UNIT_WORDS:
            return match.group(1)
        count += 1
        return patterns.MARKER_OPEN + match.group(1).translate(SUPERSCRIPT_DIGITS) + patterns.MARKER_CLOSE

    if not any(ch in text for ch in "⁰¹²³⁴⁵⁶⁷⁸⁹"):
        return text, 0
    return UNICODE_SUPERSCRIPT_RUN.sub(wrap, text), count
