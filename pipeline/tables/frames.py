"""Tables as pandas DataFrames and Parquet files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.model import Table
from pipeline.tables.continued import width
from pipeline.tables.figures import parse_number


def table_to_frame(table: Table) -> Any:
    """The table as a pandas DataFrame of strings, header as column names when it has one
    (a repeated name gets `` (2)``, an empty one ``column N``)."""
    import pandas as pd

    n = width(table)
    rows = [list(row) + [""] * (n - len(row)) for row in table.rows]
    if table.has_header and rows:
        seen: Counter[str] = Counter()
        columns = []
        for index, name in enumerate(rows[0]):
            name = name or f"column {index + 1}"
            seen[name] += 1
            columns.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
        return pd.DataFrame(rows[1:], columns=columns, dtype="string")
    return pd.DataFrame(rows, columns=[f"column {i + 1}" for i in range(n)], dtype="string")


def typed_frame(table: Table) -> Any:
    """:func:`table_to_frame` with every column whose non-empty cells are all numbers parsed."""
    import pandas as pd

    frame = table_to_frame(table)
    for column in frame.columns:
        values = [v for v in frame[column].tolist() if v]
        parsed = [parse_number(v) for v in values]
        if values and all(p is not None for p in parsed):
            frame[column] = pd.array([parse_number(v) if v else None for v in frame[column].tolist()], dtype="Float64")
    return frame


def write_parquet(table: Table, path: Path) -> bool:
    """Write the typed table to Parquet when pyarrow is importable; say whether it did."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    typed_frame(table).to_parquet(path, index=False)
    return True
