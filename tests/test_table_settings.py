"""Table finding is a configured step: the user's settings reach it and are recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.process import process
from pipeline.settings import NormalizeSettings, Settings, TableSettings
from pipeline.write import write_document
from tests.pdf_factory import PdfBuilder
from tests.table_pdfs import prose, ruled_table

ROWS = [["County", "“Held”", "Released"], ["Wake", "12", "4"], ["Kent", "3", "9"], ["Dare", "7", "1"]]


@pytest.fixture
def quoted_table(tmp_path: Path) -> Path:
    builder = PdfBuilder(tmp_path / "quoted.pdf")
    top = prose(builder, 72, 72)
    ruled_table(builder, 72, top + 20, [120, 100, 100], ROWS)
    return builder.save()


def test_cells_are_cleaned_with_the_users_normalize_settings(quoted_table: Path) -> None:
    """``straighten_quotes = true`` straightens the cells as it does the body."""
    [curly] = process(quoted_table).tables
    [straight] = process(quoted_table, Settings(normalize=NormalizeSettings(straighten_quotes=True))).tables
    assert curly.table is not None and curly.table.rows[0][1] == "“Held”"
    assert straight.table is not None and straight.table.rows[0][1] == '"Held"'


def test_table_settings_reach_the_finder(quoted_table: Path) -> None:
    assert len(process(quoted_table).tables) == 1
    settings = Settings.from_mapping({"tables": {"ruled": False, "unruled": False}})
    assert settings.tables == TableSettings(ruled=False, unruled=False)
    document = process(quoted_table, settings)
    assert document.tables == ()
    assert "Released" in document.text  # not a table: its text stays in the body


def test_table_settings_are_recorded_in_document_json(quoted_table: Path, tmp_path: Path) -> None:
    settings = Settings(tables=TableSettings(min_columns=4))
    folder = write_document(process(quoted_table, settings), tmp_path / "out")
    record = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    assert record["pipeline"]["settings"]["tables"]["min_columns"] == 4
    assert record["pipeline"]["settings"]["tables"]["ruled"] is True


def test_an_unknown_table_setting_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown setting\(s\) \['min_colums'\] in \[tables\]"):
        Settings.from_mapping({"tables": {"min_colums": 2}})
