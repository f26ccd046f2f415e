"""pipeline: clean, structured text from PDFs and broken text exports of PDFs.

The API mirrors the stages: ``process(path) -> Document`` runs extract → normalize →
structure on one file; ``clean_text(text) -> str`` cleans one string; ``write_document``
(in :mod:`pipeline.write`) writes a document as the output contract says.
"""

__version__ = "0.1.0"

from pipeline.model import Document  # noqa: E402
from pipeline.process import clean_text, process  # noqa: E402

__all__ = ["Document", "__version__", "clean_text", "process"]
