"""Footnote marker values: roman numerals, arabic numbers and the symbol sequence."""

from __future__ import annotations

from pipeline import patterns

# Roman numerals 1–399 in their standard form: "i", "iv", "xiv", "xcix", "ccclxxxix".
SYMBOL_SEQUENCE = ("*", "†", "‡", "§", "‖", "¶", "**", "††", "‡‡")
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(text: str) -> int | None:
    """The value of a standard lower- or upper-case roman numeral, else None.

    >>> roman_value("xiv"), roman_value("XVII"), roman_value("iiii"), roman_value("civil")
    (14, 17, None, None)
    """
    lower = text.lower()
    if not lower or not patterns.ROMAN.match(lower):
        return None
    total = 0
    for index, char in enumerate(lower):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[lower[index + 1]] if index + 1 < len(lower) else 0
        total += -value if value < following else value
    return total


def marker_style_and_value(marker: str) -> tuple[str, int | None]:
    """Classify a marker as printed: ``("roman-lower", 3)`` for ``iii``, ``("arabic", 12)``…

    >>> marker_style_and_value("iii"), marker_style_and_value("12"), marker_style_and_value("†")
    (('roman-lower', 3), ('arabic', 12), ('symbol', 2))
    >>> marker_style_and_value("²")
    ('arabic', 2)
    """
    digits = marker.translate(SUPERSCRIPT_DIGITS)
    if digits.isdigit():
        return "arabic", int(digits)
    if marker in SYMBOL_SEQUENCE:
        return "symbol", SYMBOL_SEQUENCE.index(marker) + 1
    value = roman_value(marker)
    if value is not None:
        return ("roman-lower" if marker.islower() else "roman-upper"), value
    return "other", None
