"""What ``document.json`` says of the pipeline that made it: its version and its stages."""

from __future__ import annotations

__version__ = "0.1.0"

STAGES = ("extract", "normalize", "structure", "write")
"""The stages in the order they run, as ``pipeline <stage>`` names them; a PDF's tables
are found during ``extract``, page by page, with the ``[tables]`` settings."""
