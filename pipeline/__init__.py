"""pipeline: clean, structured text from PDFs and broken text exports of PDFs.

The API mirrors the stages: ``process(path) -> Document`` runs extract → normalize →
structure on one file; ``clean_text(text) -> str`` cleans one string; ``write_document``
(in :mod:`pipeline.write`) writes a document as the output contract says.

The three names are loaded on first use, so that ``pipeline --help`` and a batch rerun with
nothing to do never load the stages.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
DISTRIBUTION = "pipeline"
"""The name this project is installed by (``pip install DISTRIBUTION``), for hints that name
an extra; set where the name on PyPI is chosen."""

if TYPE_CHECKING:
    from pipeline.model import Document
    from pipeline.process import clean_text, process

__all__ = ["Document", "__version__", "clean_text", "process"]


def __getattr__(name: str) -> Any:
    """``Document`` and ``clean_text``, imported when first asked for."""
    if name == "Document":
        from pipeline.model import Document

        return Document
    if name == "clean_text":
        from pipeline.process import clean_text

        return clean_text
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


class _Package(types.ModuleType):
    """The package, whose ``process`` is always the function, loaded on first use.

    Importing the submodule ``pipeline.process`` sets the package's attribute of that name
    to the submodule; a property with a setter that ignores it keeps ``pipeline.process(path)``
    working whoever imports the submodule first (``sys.modules`` still holds the submodule).
    """

    @property
    def process(self) -> Any:
        from pipeline.process import process

        return process

    @process.setter
    def process(self, value: Any) -> None:
        pass


sys.modules[__name__].__class__ = _Package
