"""The table-or-not verdict, as named rules counted one by one (like :data:`pipeline.normalize.REPAIRS`).

A search hands over a cleaned grid; each rule of :data:`VERDICT_RULES` says, in its own
name, why the grid is not a table, or lets it through. :func:`rejection` gives the name of
the first rule that rejects it, which :mod:`pipeline.tables.find` counts in ``stats`` as
``tables_rejected_<name>``, so a document's figures say why each region was left as text.
Two rules look at the page rather than at the cells and are counted the same way:
``as_formulas`` (:func:`is_mathematics`) and ``as_figures`` (a boxed diagram whose caption
says ``Figure``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pipeline.patterns import CUT_FIGURE, FILLER_CELL, LEADER_CELL, MATH_FONT
from pipeline.settings import TableSettings


@dataclass(frozen=True)
class Candidate:
    """A cleaned grid awaiting the verdict: its rows, and how it was found.

    ``ruled``: its rows were cut at drawn rules; ``framed``: rules bound it above and below
    (booktabs), or a column of figures stands beside its labels, so two columns are enough.
    """

    rows: list[list[str]]
    ruled: bool
    framed: bool = False

    @cached_property
    def cells(self) -> list[str]:
        """The non-empty cells, row by row."""
        return [cell for row in self.rows for cell in row if cell]

    @cached_property
    def n_cols(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def least_rows(self, settings: TableSettings) -> int:
        """A ruled grid may have two rows; one read from text lines needs ``min_rows``."""
        return 2 if self.ruled else settings.min_rows


def is_mathematics(chars: Sequence[dict[str, Any]], settings: TableSettings) -> bool:
    """Whether enough of a region's glyphs are set in math fonts to make it formulas."""
    glyphs = [c for c in chars if c["text"].strip()]
    math = sum(1 for c in glyphs if MATH_FONT.search(c.get("fontname", "")))
    return bool(glyphs) and math > settings.max_math_share * len(glyphs)


def is_form(rows: list[list[str]]) -> bool:
    """Whether the grid is a form's ``Label: value`` pairs laid side by side: two or more
    columns (or the first of two) whose every cell is a label ending in a colon, each
    followed by a column of values.

    >>> is_form([["Name:", "Stewart", "Operator:", "CoreCivic"], ["County:", "Stewart", "Beds:", "1,752"]])
    True
    >>> is_form([["County", "Held"], ["Wake", "12"]])
    False
    """
    width = max((len(row) for row in rows), default=0)
    labels = []
    for c in range(width - 1):
        cells = [row[c] for row in rows if c < len(row) and row[c]]
        if len(cells) >= 2 and all(cell.rstrip().endswith(":") for cell in cells):
            labels.append(c)
    return len(labels) >= 2 or (width == 2 and labels == [0])


# --- the rules: each returns True when the candidate is NOT a table -----------------------


def too_small(candidate: Candidate, settings: TableSettings) -> bool:
    """Fewer columns or rows than a table has: one column is a list, two unruled columns a
    two-column page; a ruled or framed grid may have two of each."""
    least_cols = 2 if candidate.ruled or candidate.framed else settings.min_columns
    return candidate.n_cols < least_cols or len(candidate.rows) < candidate.least_rows(settings)


def is_empty(candidate: Candidate, settings: TableSettings) -> bool:
    """No cell holds anything: a drawn box, a tint."""
    return not candidate.cells


def has_sentences(candidate: Candidate, settings: TableSettings) -> bool:
    """More than ``max_long_cell_share`` of the cells are sentences (over ``max_cell_words``
    words): prose boxed or cut into columns."""
    long = sum(1 for cell in candidate.cells if len(cell.split()) > settings.max_cell_words)
    return long > settings.max_long_cell_share * len(candidate.cells)


def has_cut_figures(candidate: Candidate, settings: TableSettings) -> bool:
    """More than a tenth of the cells are halves of a number (``20`` | ``.4``): a chart drawn
    with rectangles cuts its value labels apart."""
    fragments = sum(1 for cell in candidate.cells if CUT_FIGURE.fullmatch(cell))
    return fragments > 0.1 * len(candidate.cells)


def too_few_cells(candidate: Candidate, settings: TableSettings) -> bool:
    """A ruled grid with fewer than ``min_ruled_cells`` filled cells: a chart legend or a
    text box."""
    return candidate.ruled and len(candidate.cells) < settings.min_ruled_cells


def is_a_form(candidate: Candidate, settings: TableSettings) -> bool:
    """``Label: value`` pairs laid side by side (:func:`is_form`)."""
    return is_form(candidate.rows)


def is_filler(candidate: Candidate, settings: TableSettings) -> bool:
    """More than ``max_symbol_cell_share`` of the cells are leader dots, bullets, brackets or
    operators: a contents page or an index, a court caption's brackets, a formula."""
    symbols = sum(1 for cell in candidate.cells if FILLER_CELL.match(cell) or LEADER_CELL.search(cell))
    return symbols > settings.max_symbol_cell_share * len(candidate.cells)


def has_lone_cells(candidate: Candidate, settings: TableSettings) -> bool:
    """In a grid found without a full ruling, too few rows fill two cells or more: lines of
    prose under a wide gap fill one."""
    if candidate.ruled and not candidate.framed:
        return False
    rows = candidate.rows
    multi = sum(1 for row in rows if sum(1 for cell in row if cell) >= 2)
    return multi < min(candidate.least_rows(settings), len(rows)) or multi < settings.min_row_cell_share * len(rows)


def has_few_short_cells(candidate: Candidate, settings: TableSettings) -> bool:
    """In an unruled grid, fewer than ``min_short_share`` of the cells have at most four
    words: a text-strategy grid over prose."""
    if candidate.ruled:
        return False
    short = sum(1 for cell in candidate.cells if len(cell.split()) <= 4)
    return short < settings.min_short_share * len(candidate.cells)


def is_sparse(candidate: Candidate, settings: TableSettings) -> bool:
    """In an unruled grid, fewer than half the cells are filled: a text-strategy grid over
    prose cuts words apart into scattered fragments."""
    if candidate.ruled:
        return False
    return len(candidate.cells) < 0.5 * candidate.n_cols * len(candidate.rows)


Rule = Callable[[Candidate, TableSettings], bool]

VERDICT_RULES: tuple[tuple[str, Rule], ...] = (
    ("too_small", too_small),
    ("empty", is_empty),
    ("sentences", has_sentences),
    ("cut_figures", has_cut_figures),
    ("too_few_cells", too_few_cells),
    ("form", is_a_form),
    ("filler", is_filler),
    ("lone_cells", has_lone_cells),
    ("few_short_cells", has_few_short_cells),
    ("sparse", is_sparse),
)
"""The rules in the order they are asked; the first that rejects names the reason. Each
later rule may count on the earlier ones (``sentences`` on a grid with cells)."""


def rejection(rows: list[list[str]], ruled: bool, settings: TableSettings, *, framed: bool = False) -> str | None:
    """The name of the first rule that says the grid is not a table, or None for a table.

    >>> rejection([["County", "Held"], ["Wake", "12"], ["Kent", "3"], ["Dare", "7"]], True, TableSettings())
    >>> rejection([["County", "Held"], ["Wake", "12"]], False, TableSettings())
    'too_small'
    """
    candidate = Candidate(rows, ruled, framed)
    return next((name for name, rule in VERDICT_RULES if rule(candidate, settings)), None)


def looks_like_table(rows: list[list[str]], ruled: bool, settings: TableSettings, *, framed: bool = False) -> bool:
    """Whether no rule of :data:`VERDICT_RULES` rejects the grid."""
    return rejection(rows, ruled, settings, framed=framed) is None
