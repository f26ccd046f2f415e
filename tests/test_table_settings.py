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


def test_run_writes_parquet_beside_csv_when_asked(quoted_table: Path, tmp_path: Path, capsys) -> None:
    """``--tables csv,parquet``: each table's CSV keeps the printed text, its Parquet file the
    typed columns; document.json records the formats."""
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    import pandas as pd

    from pipeline.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "quoted.pdf").write_bytes(quoted_table.read_bytes())
    clean = tmp_path / "clean"
    assert main(["run", str(raw), str(clean), "--jobs", "1", "--tables", "csv,parquet"]) == 0
    record = json.loads((clean / "quoted" / "document.json").read_text(encoding="utf-8"))
    [block] = [b for b in record["blocks"] if b["type"] == "table"]
    assert record["pipeline"]["settings"]["write"]["table_formats"] == ["csv", "parquet"]
    csv_text = (clean / "quoted" / block["csv"]).read_text(encoding="utf-8")
    assert csv_text.splitlines()[1] == "Wake,12,4"
    frame = pd.read_parquet(clean / "quoted" / "tables" / f"{block['id']}.parquet")
    assert list(frame.columns) == ["County", "“Held”", "Released"]
    assert frame["Released"].tolist() == [4.0, 9.0, 1.0] and frame["County"].tolist() == ["Wake", "Kent", "Dare"]


def test_csv_only_by_default(quoted_table: Path, tmp_path: Path) -> None:
    folder = write_document(process(quoted_table), tmp_path / "out")
    assert [p.suffix for p in (folder / "tables").iterdir()] == [".csv"]


def test_an_unknown_table_format_is_bad_usage(tmp_path: Path, capsys) -> None:
    from pipeline.cli import main

    (tmp_path / "raw").mkdir()
    with pytest.raises(SystemExit) as stop:
        main(["run", str(tmp_path / "raw"), str(tmp_path / "clean"), "--tables", "csv,xlsx"])
    assert stop.value.code == 2
    assert "unknown table format(s) ['xlsx']" in capsys.readouterr().err


def test_each_table_is_a_typed_dataframe_from_the_api(quoted_table: Path) -> None:
    import pipeline

    document = pipeline.process(quoted_table)
    [block] = document.tables
    frame = pipeline.table_frame(block)
    assert list(frame.columns) == ["County", "“Held”", "Released"]
    assert frame["“Held”"].tolist() == [12.0, 3.0, 7.0]
    assert str(frame["“Held”"].dtype) == "Float64" and frame["County"].tolist() == ["Wake", "Kent", "Dare"]


def test_a_page_the_finder_cannot_read_is_counted_and_logged(caplog) -> None:
    """A malformed page loses its tables, not its text: counted as ``table_errors`` and said
    through logging, naming the page."""
    import logging
    from collections import Counter

    from pipeline.extract.chars import Char
    from pipeline.tables.find import find_source_page_tables

    class BrokenStrokes:
        number, width, height = 7, 612.0, 792.0

        def chars(self) -> list[Char]:
            return [Char("x", 72, 77, 100, 110, 10)]

        def rules(self) -> list:  # type: ignore[type-arg]
            return []

        def strokes(self) -> list:  # type: ignore[type-arg]
            raise ValueError("a path with no points")

    stats: Counter[str] = Counter()
    with caplog.at_level(logging.WARNING, logger="pipeline.tables.find"):
        found = find_source_page_tables(BrokenStrokes(), stats=stats)
    assert found.tables == () and stats["table_errors"] == 1
    assert "page 7: tables not read (ValueError: a path with no points)" in caplog.text
