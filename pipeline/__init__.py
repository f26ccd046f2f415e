"""pipeline: clean, structured text from PDFs and broken text exports of PDFs.

The API mirrors the stages: ``process(path) -> Document`` runs extract → normalize →
structure on one file; ``clean_text(text) -> str`` cleans one string; ``write_document``
(in :mod:`pipeline.write`) writes a document as the output contract says; ``table_frame``
(in :mod:`pipeline.tables`) gives a table as a typed pandas DataFrame.
"""

from __future__ import annotations

from pipeline.model import Document
from pipeline.process import clean_text, process
from pipeline.version import __version__

__all__ = ["Document", "__version__", "clean_text", "process"]
