"""Tables as pandas DataFrames and Parquet files.

:func:`table_to_frame` keeps every cell as printed (strings, like the CSV);
:func:`typed_frame` parses each column whose non-empty cells are all numbers as printed
(``1,234``, ``(3)``, ``12.5%``) into nullable floats, the form the Python API
(:func:`pipeline.table_frame`) and the Parquet files give. pandas and pyarrow are imported
only here, when a frame is asked for.
"""

from __future__ import annotations

import io
from collections import Counter
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


PARQUET_NEEDS = "writing tables as Parquet needs pyarrow: pip install 'citable-text[parquet]'"


def has_parquet_engine() -> bool:
    """Whether pyarrow, which pandas writes Parquet with, is installed."""
    import importlib.util

    return importlib.util.find_spec("pyarrow") is not None


def parquet_bytes(table: Table) -> bytes:
    """The typed table (:func:`typed_frame`) as the bytes of a Parquet file. Raises
    ``RuntimeError`` naming the extra to install when pyarrow is missing."""
    if not has_parquet_engine():
        raise RuntimeError(PARQUET_NEEDS)
    buffer = io.BytesIO()
    typed_frame(table).to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()
