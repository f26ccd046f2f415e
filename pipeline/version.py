"""What ``document.json`` says of the pipeline that made it: its version and its stages."""

from __future__ import annotations

__version__ = "0.1.0"

STAGES = ("extract", "normalize", "structure", "write")
"""The stages in the order they run, as ``pipeline <stage>`` names them; a PDF's tables
are found during ``extract``, page by page, with the ``[tables]`` settings."""

DISTRIBUTION = "citable-text"
"""The name this project is installed by (``pip install DISTRIBUTION``), for hints that name
an extra: the import name ``pipeline`` is someone else's distribution on PyPI."""
