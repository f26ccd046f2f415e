"""pipeline: clean, structured text from PDFs and broken text exports of PDFs.

The API mirrors the stages: ``process(path) -> Document`` runs extract → normalize →
structure on one file; ``clean_text(text) -> str`` cleans one string; ``write_document``
(in :mod:`pipeline.write`) writes a document as the output contract says; ``table_frame``
(in :mod:`pipeline.tables`) gives a table as a typed pandas DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.model import Block, Document, Table
from pipeline.process import clean_text, process
from pipeline.version import __version__

if TYPE_CHECKING:
    import pandas

__all__ = ["Document", "__version__", "clean_text", "process", "table_frame"]


def table_frame(table: Table | Block) -> pandas.DataFrame:
    """A table (or a table block of :attr:`Document.tables`) as a pandas DataFrame: the
    header row as column names, each column whose cells are all numbers as printed parsed
    into numbers (``1,234`` → 1234.0, ``(3)`` → -3.0), the others kept as printed text.

    >>> from pipeline.model import Table
    >>> frame = table_frame(Table((("County", "Held"), ("Wake", "1,234"), ("Kent", "(3)")), (1,)))
    >>> frame["Held"].tolist(), frame["County"].tolist()
    ([1234.0, -3.0], ['Wake', 'Kent'])
    """
    from pipeline.tables.frames import typed_frame

    if isinstance(table, Block):
        if table.table is None:
            raise ValueError(f"block {table.id} is a {table.type}, not a table")
        table = table.table
    return typed_frame(table)
