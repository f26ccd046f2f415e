"""Mojibake, found by ftfy's own badness detection and repaired by ftfy.

Two scales. A text export whose whole file was decoded with the wrong code page (every
``’`` a ``â€™``, every glue ``\\t Â\\u00a0``) is repaired as a whole before anything reads
its layout (:func:`repair_code_page`), so glue, pages and paragraphs are found on the real
text. Stray mojibake in an otherwise sound text is repaired line by line
(:func:`is_mojibake` is the gate, in ``normalize``).

The gate is ftfy's: :func:`ftfy.badness.is_bad`, the test ``fix_text`` itself uses. Since
that test costs about half a microsecond a character, a line goes to it only when it shows
what every one of ftfy's badness patterns needs (:func:`suspects`): a character of ftfy's
own mojibake categories followed at once by another non-ASCII character, or one of the few
characters that are bad alone (C1 controls, ``Ã``/``Â`` before a space, ``œ``), or an HTML
entity (decoded before the test, as ``fix_text`` does). The first look loses nothing.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

SAMPLE = 65536
"""Characters read to decide whether a whole file is mojibake."""
WHOLE_FILE_SHARE = 0.5
"""A file is repaired as a whole when at least this share of its suspect lines is bad…"""
WHOLE_FILE_MIN_LINES = 2
"""…and at least this many."""


@lru_cache(maxsize=1)
def suspects() -> re.Pattern[str]:
    """Where ftfy's badness test could match: a character of ftfy's mojibake categories (all
    but the common punctuation, plus ``√``, ``≈`` that its patterns name) followed by another
    non-ASCII character; a character bad alone (C1 controls, ``Ã``, ``Â``, ``Œ``, ``œ``,
    U+FFFD); an HTML entity.

    >>> bool(suspects().search("sheriffâ€™s")), bool(suspects().search("plain – “text” § 12’s"))
    (True, False)
    >>> bool(suspects().search("Î&frac14;s")), bool(suspects().search("voilÃ le"))
    (True, True)
    """
    from ftfy.badness import MOJIBAKE_CATEGORIES

    classes = "".join(chars for name, chars in MOJIBAKE_CATEGORIES.items() if name != "common")
    return re.compile(f"[{classes}√≈][^\x00-\x7f]|[\u0080-\u009fÃÂŒœ\ufffd]|&#?[A-Za-z0-9]+;")


@lru_cache(maxsize=1)
def suspect_chars() -> frozenset[str]:
    """Every character of :func:`suspects`' first class, and those bad alone, as a set."""
    pattern = suspects().pattern
    first_class = pattern[1 : pattern.index("][^")]
    chars = set(re.findall(r"(?s).", re.sub(r"(?s)(.)-(.)", lambda m: "".join(map(chr, range(ord(m[1]), ord(m[2]) + 1))), first_class)))
    return frozenset(chars | set("\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f"
                                 "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f"
                                 "ÃÂŒœ\ufffd"))


def could_be_mojibake(text: str) -> bool:
    """A quick first look (set and string work, no pattern): False when no character of
    ftfy's mojibake categories is followed by another non-ASCII one (or stands where it is
    bad alone) and no HTML entity is there to hide one — as on most English pages.

    >>> could_be_mojibake("the\u00a0“order” it’s – § 12 • text"), could_be_mojibake("sheriffâ€™s")
    (False, True)
    """
    if text.isascii():
        return False
    present = suspect_chars().intersection(text)
    if not present:
        return False
    if "&" in text or not present.isdisjoint("\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c"
                                              "\u008d\u008e\u008f\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099"
                                              "\u009a\u009b\u009c\u009d\u009e\u009fÃÂŒœ\ufffd"):
        return True
    for char in present:
        position = text.find(char)
        while position >= 0:
            if not text[position + 1 : position + 2].isascii():
                return True
            position = text.find(char, position + 1)
    return False


def is_mojibake(line: str) -> bool:
    """Whether ftfy would see mojibake in ``line`` (HTML entities inside it decoded first,
    as ``fix_text`` does: ``Î&frac14;s`` is ``Î¼s``, the mojibake of ``μs``).

    >>> is_mojibake("the sheriffâ€™s office"), is_mojibake("“deconstruct” § 1373 – été")
    (True, False)
    >>> is_mojibake("Î&frac14;s"), is_mojibake("AT&amp;T")
    (True, False)
    """
    from ftfy.badness import is_bad

    if "&" in line and ";" in line:
        line = html.unescape(line)
    return bool(suspects().search(line)) and is_bad(line)


@lru_cache(maxsize=1)
def line_config() -> Any:
    """ftfy's settings for a repair: encoding only, curly quotes, ligatures, widths and line
    breaks left to the pipeline's own repairs."""
    import ftfy

    return ftfy.TextFixerConfig(
        uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, fix_line_breaks=False,
        normalization="NFC", explain=False,
    )


def fix_line(line: str) -> str:
    """One line through ftfy (with HTML entities decoded where they sit inside mojibake)."""
    import ftfy

    if "&" in line and ";" in line and not is_mojibake_without_entities(line):
        line = html.unescape(line)
    return ftfy.fix_text(line, line_config())


def is_mojibake_without_entities(line: str) -> bool:
    """Whether ftfy sees mojibake in the line as it stands: if not, the line was chosen for
    mojibake hidden behind its HTML entities, which are decoded first."""
    from ftfy.badness import is_bad

    return bool(suspects().search(line)) and is_bad(line)


def repair_code_page(text: str) -> tuple[str, bool]:
    """Repair a whole text that was decoded with the wrong code page; say whether it was.

    The file counts as such when most of its lines that hold a suspect character are bad
    (:data:`WHOLE_FILE_SHARE`). ftfy finds the repair on those lines; the same repair is
    applied to the whole text at once, or, where it does not fit every line, ftfy repairs
    each line. Line ends and form feeds are kept.

    >>> repair_code_page("Order\\t Â\\u00a0regarding\\nthe sheriffâ€™s\\t Â\\u00a0office\\n")
    ('Order\\t \\xa0regarding\\nthe sheriff’s\\t \\xa0office\\n', True)
    >>> repair_code_page("plain text\\nwith an odd â€™ here\\nand more\\n")[1]
    False
    """
    sample_lines = [line for line in text[:SAMPLE].split("\n") if suspects().search(line)]
    bad = [line for line in sample_lines if is_mojibake(line)]
    if len(bad) < WHOLE_FILE_MIN_LINES or len(bad) < WHOLE_FILE_SHARE * len(sample_lines):
        return text, False
    import ftfy

    _, plan = ftfy.fix_encoding_and_explain("\n".join(bad))
    if plan:
        try:
            whole = ftfy.apply_plan(text, list(plan))  # type: ignore[arg-type]  # ExplanationStep is a (str, str) tuple
            if whole.count("\n") == text.count("\n") and whole.count("\f") == text.count("\f"):
                return whole, True
        except (UnicodeError, ValueError):
            pass
    lines = text.split("\n")
    return "\n".join(fix_line(line) if is_mojibake(line) else line for line in lines), True
