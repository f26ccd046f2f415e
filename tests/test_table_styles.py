"""Tables in the styles real reports use, read as a new user reads them: ``pipeline.process``,
then the files the contract promises (``document.json``, ``tables/<id>.csv``, ``text.txt``).

Every PDF is made by :mod:`tests.table_styles` with reportlab's platypus, so every cell is known
by construction. Each style is asserted cell by cell (with its shape, pages and caption), its
table text must not come back in the body, and its prose must stay there. A style the pipeline
gets wrong today is an ``xfail(strict=True)`` whose reason says what goes wrong, so that the
mark flips to a failure the day it is fixed.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import pipeline
from pipeline.write import write_document
from tests.table_styles import NEGATIVES, STYLES, Expected

pytest.importorskip("reportlab")


@dataclass(frozen=True)
class Output:
    """What a user finds after processing one PDF: the expectation it was built with, the
    table blocks of ``document.json`` with their CSV cells, the notes, and ``text.txt``."""

    expected: Expected
    pages: int
    tables: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    text: str
    footnotes: list[dict[str, Any]]
    markdown: str


def read_output(builder: Callable[[Path], Expected], folder: Path, name: str) -> Output:
    """Build one PDF, process it and write it; read back what a user would open."""
    expected = builder(folder / f"{name}.pdf")
    written = write_document(pipeline.process(folder / f"{name}.pdf"), folder / "clean")
    record = json.loads((written / "document.json").read_text(encoding="utf-8"))
    tables = []
    for block in record["blocks"]:
        if block["type"] == "table":
            with (written / block["csv"]).open(encoding="utf-8", newline="") as handle:
                tables.append({**block, "cells": [tuple(row) for row in csv.reader(handle)]})
    return Output(expected, record["metadata"]["pages"], tables, record["notes"],
                  (written / "text.txt").read_text(encoding="utf-8"), record["footnotes"],
                  (written / "text.md").read_text(encoding="utf-8"))


def outputs_of(builders: dict[str, Callable[[Path], Expected]], tmp_path_factory: pytest.TempPathFactory
               ) -> Callable[[str], Output]:
    """Build, process and write each style once; every test of the style reads the result."""
    cache: dict[str, Output] = {}

    def output(style: str) -> Output:
        if style not in cache:
            cache[style] = read_output(builders[style], tmp_path_factory.mktemp(style), style)
        return cache[style]

    return output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return outputs_of({**STYLES, **NEGATIVES}, tmp_path_factory)


def check_cells(out: Output) -> None:
    """Every table found, every cell as expected, with its shape, pages and caption."""
    assert out.pages == out.expected.pages, "the builder laid the PDF out as intended"
    assert len(out.tables) == len(out.expected.tables), [t["cells"] for t in out.tables]
    for got, want in zip(out.tables, out.expected.tables):
        assert [tuple(map(collapse, row)) for row in got["cells"]] == list(want.rows)
        assert (got["n_rows"], got["n_cols"]) == (want.n_rows, want.n_cols)
        assert got["has_header"] is True
        assert tuple(got["pages"]) == want.pages
        assert got.get("caption") == want.caption


def check_body(out: Output) -> None:
    """No table cell or caption read again as body text; the prose kept."""
    text = collapse(out.text)
    left = sorted(cell for cell in distinctive_cells(out.expected) if re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", text))
    assert left == [], "table cells read again as body text"
    for table in out.expected.tables:
        assert table.caption is None or table.caption not in text
    for phrase in out.expected.body:
        assert collapse(phrase) in text


def check_no_table(out: Output) -> None:
    """No table from aligned text that is not one, and every entry kept in the body."""
    assert out.pages == out.expected.pages
    assert out.tables == []
    text = collapse(out.text)
    for phrase in out.expected.body:
        assert collapse(phrase) in text


def collapse(text: str) -> str:
    return " ".join(text.split())


def params(names: list[str], failing: dict[str, str]) -> list[Any]:
    """One parameter per style, marked ``xfail(strict=True)`` with its diagnosis when known."""
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=failing[name])) if name in failing else name
            for name in names]


# What the pipeline gets wrong today, style by style (see the module docstring). Function
# names are those of pipeline/tables.py.

CELLS_WRONG: dict[str, str] = {}

BODY_WRONG: dict[str, str] = {}


@pytest.mark.parametrize("style", params(list(STYLES), CELLS_WRONG))
def test_every_table_is_found_with_its_cells_shape_pages_and_caption(style: str, outputs: Any) -> None:
    check_cells(outputs(style))


def distinctive_cells(expected: Expected) -> set[str]:
    """Cells whose text cannot appear in the prose by chance: three characters or more, and
    not part of a phrase that the body must keep (a year in a caption and a source note)."""
    prose = " ".join(expected.body)
    return {cell for table in expected.tables for row in table.rows for cell in row
            if len(cell) >= 3 and not re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", prose)}


@pytest.mark.parametrize("style", params(list(STYLES), BODY_WRONG))
def test_table_text_stays_out_of_the_body_and_prose_stays_in(style: str, outputs: Any) -> None:
    check_body(outputs(style))


def test_notes_of_markers_in_cells_are_notes_not_body(outputs: Any) -> None:
    out = outputs("footnote_in_cell")
    assert [(n["marker"], n["text"]) for n in out.notes] == list(out.expected.notes)
    for _, note in out.expected.notes:
        assert note not in out.text


def test_markers_in_cells_are_footnotes_linked_to_their_notes(outputs: Any) -> None:
    """``Mecklenburg¹`` and ``1,234²``: each marker is a footnote of the table block that
    names its cell (row, column of the CSV) and carries its note; the pipe table in
    ``text.md`` holds the reference where the marker stood."""
    out = outputs("footnote_in_cell")
    [table] = out.tables
    notes = dict(out.expected.notes)
    assert [(f["marker"], f["block"], f["cell"], f["offset"], f["anchor"], f["note"]) for f in out.footnotes] == [
        ("1", table["id"], [1, 0], len("Mecklenburg"), "Mecklenburg", notes["1"]),
        ("2", table["id"], [2, 1], len("1,234"), "234", notes["2"]),  # the contract's anchor: letters and digits
    ]
    assert [(r["marker"], r["cell"]) for r in table["footnote_refs"]] == [("1", [1, 0]), ("2", [2, 1])]
    assert "| Mecklenburg[^1] | 2,806 | 2,511 |" in out.markdown
    assert "| Wake | 1,234[^2] | 1,190 |" in out.markdown
    assert f"[^1]: {notes['1']}" in out.markdown


@pytest.mark.parametrize("style", params(list(NEGATIVES), {}))
def test_aligned_text_that_is_not_a_table_gives_none(style: str, outputs: Any) -> None:
    """A bulleted list set at tab stops and a table of contents with dot leaders line up in
    columns, but a reader wants them as text: no table, every entry kept in the body."""
    check_no_table(outputs(style))
