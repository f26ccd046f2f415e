"""The table-or-not verdict: each named rule with grids it rejects and grids it lets through,
and each rejection counted under its own name in a document's stats."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.settings import TableSettings
from pipeline.tables.find import find_tables
from pipeline.tables.verdict import VERDICT_RULES, Candidate, rejection
from tests.pdf_factory import PdfBuilder
from tests.table_pdfs import ruled_table

SETTINGS = TableSettings()
RULES = dict(VERDICT_RULES)

FIGURES = [["County", "Held", "Released"], ["Wake", "12", "4"], ["Kent", "3", "9"], ["Dare", "7", "1"]]
SENTENCE = "the agency held every person it arrested on a detainer until the court had ruled on bond"

# (rule, rows, ruled, framed): the rule rejects these ...
REJECTED = [
    ("too_small", [["County", "Held"], ["Wake", "12"]], False, False),
    ("too_small", [["County"], ["Wake"], ["Kent"]], True, False),
    ("empty", [["", ""], ["", ""]], True, False),
    ("sentences", [["Note", SENTENCE], ["Also", SENTENCE], ["And", SENTENCE]], True, False),
    ("cut_figures", [["2019", "20", ".4"], ["2020", "31", ".7"], ["2021", "12", ".1"]], True, False),
    ("too_few_cells", [["County", "Held"], ["Wake", "12"]], True, False),
    ("form", [["Name:", "Stewart", "Operator:", "CoreCivic"], ["County:", "Stewart", "Beds:", "1,752"]], True, False),
    ("filler", [["Contents", ". . . . .", "3"], ["Methods", ". . . . .", "7"], ["Results", "…", "9"]], True, False),
    ("lone_cells", [["Introduction", "", ""], ["the agency said", "", ""], ["more prose here", "", ""],
                    ["County", "Held", "Freed"]], False, False),
    ("few_short_cells", [["one two three four five", "a b c d e", "x"], ["one two three four five", "a b c d e", "y"],
                         ["one two three four five", "a b c d e", "z"]], False, False),
    ("sparse", [["County", "Held", "", "", ""], ["Wake", "12", "", "", ""], ["Kent", "3", "", "", ""]], False, False),
]

# ... and lets these through (a near miss of the same rule)
KEPT = [
    ("too_small", [["County", "Held"], ["Wake", "12"]], True, False),
    ("too_small", [["County", "Held"], ["Wake", "12"], ["Kent", "3"]], False, True),
    ("empty", FIGURES, True, False),
    ("sentences", [["Note", SENTENCE], ["Wake", "12"], ["Kent", "3"], ["Dare", "7"], ["Hyde", "2"]], True, False),
    ("cut_figures", [["2019", "20.4", "1"], ["2020", "31.7", "2"], ["2021", "12.1", "3"]], True, False),
    ("too_few_cells", FIGURES, True, False),
    ("form", [["County", "Held"], ["Wake:", "12"], ["Kent", "3"]], True, False),
    ("filler", [["County", "Held", "Freed"], ["Wake", "–", "4"], ["Kent", "3", "*"], ["Dare", "7", "1"]], True, False),
    ("lone_cells", FIGURES, False, False),
    ("lone_cells", [["Introduction", "", ""], ["prose", "", ""]], True, False),
    ("few_short_cells", FIGURES, False, False),
    ("few_short_cells", [["one two three four five", "a b c d e"]] * 3, True, False),
    ("sparse", FIGURES, False, False),
    ("sparse", [["County", "Held", "", "", ""], ["Wake", "12", "", "", ""]], True, False),
]


@pytest.mark.parametrize(("rule", "rows", "ruled", "framed"), REJECTED)
def test_rule_rejects_what_is_not_a_table(rule: str, rows: list[list[str]], ruled: bool, framed: bool) -> None:
    assert RULES[rule](Candidate(rows, ruled, framed), SETTINGS)
    assert rejection(rows, ruled, SETTINGS, framed=framed) == rule  # and it is the first rule to say so


@pytest.mark.parametrize(("rule", "rows", "ruled", "framed"), KEPT)
def test_rule_lets_a_table_through(rule: str, rows: list[list[str]], ruled: bool, framed: bool) -> None:
    assert not RULES[rule](Candidate(rows, ruled, framed), SETTINGS)


def test_every_rule_has_cases_both_ways() -> None:
    assert {name for name, _ in VERDICT_RULES} == {case[0] for case in REJECTED} == {case[0] for case in KEPT}


def test_a_table_passes_every_rule() -> None:
    assert rejection(FIGURES, False, SETTINGS) is None
    assert rejection(FIGURES, True, SETTINGS) is None


def test_a_rejection_is_counted_under_its_rule(tmp_path) -> None:
    """A ruled box holding two short cells is a text box: counted as ``too_few_cells``."""
    import pdfplumber

    pdf = PdfBuilder(tmp_path / "box.pdf")
    ruled_table(pdf, 72, 100, [114, 114], [["Name", "Value"], ["Ann", ""]])
    pdf.save()
    stats: Counter[str] = Counter()
    with pdfplumber.open(tmp_path / "box.pdf") as document:
        assert find_tables(document.pages[0], stats=stats) == []
    assert stats["tables_rejected_too_few_cells"] == 1
    assert stats["tables_rejected"] == 1
