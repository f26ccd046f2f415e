"""Figures as printed in a cell: whether a cell is a number, and its value."""

from __future__ import annotations

from pipeline.patterns import CELL_NUMBER, KNOWN_MARKER, PLAIN_NUMBER, YEAR


def is_numeric(cell: str) -> bool:
    """A figure as printed (a footnote marker on it does not count), not a year."""
    cell = KNOWN_MARKER.sub("", cell)
    return bool(CELL_NUMBER.match(cell)) and not YEAR.match(cell)


def parse_number(cell: str) -> float | None:
    """A cell's number, or None: thousands separators dropped, ``%`` dropped, parentheses and
    dashes as minus signs. Footnote stars and ``(X)`` are not numbers.

    >>> [parse_number(c) for c in ["1,234", "12.5%", "(3)", "–0.5", "2005", "(X)", "n/a", "1.2.3"]]
    [1234.0, 12.5, -3.0, -0.5, 2005.0, None, None, None]
    """
    text = cell.strip().replace("\u2212", "-").replace("–", "-").replace("\u00a0", "").replace(" ", "")
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    text = text.rstrip("%").lstrip("$€£")
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    if not PLAIN_NUMBER.fullmatch(text):
        return None
    value = float(text.replace(",", ""))
    return -value if negative else value
