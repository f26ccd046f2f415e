"""One document, start to end: reader → normalize → structure → :class:`Document`.

This module knows nothing of batches: the batch layer decides where files come from and
where results go.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import DocumentError
from pipeline.extract.ocr import ocr_warnings
from pipeline.model import Document, Extraction, PageTables, Source
from pipeline.normalize import normalize
from pipeline.settings import Settings
from pipeline.source import describe_source, document_id
from pipeline.structure import structure
from pipeline.version import STAGES, __version__

if TYPE_CHECKING:
    from pipeline.extract.chars import SourcePage



def extract(path: Path, settings: Settings, source: Source) -> Extraction:
    """Run the reader that fits the file; a PDF's tables are found page by page with the
    user's table settings, their cells cleaned with the user's normalize settings."""
    if source.kind == "pdf":
        from pipeline.extract.repair import read_pdf_or_repair

        return read_pdf_or_repair(path, settings.extract, source=source, find_tables=table_finder(settings))
    from pipeline.extract.text_export import read_text_export

    return read_text_export(path, settings.extract, source=source)


def table_finder(settings: Settings) -> Callable[[SourcePage, Counter[str]], PageTables]:
    """The table step as the reader calls it on each open page: the finder of
    :mod:`pipeline.tables` with the user's table and normalize settings."""

    def find(page: SourcePage, stats: Counter[str]) -> PageTables:
        from pipeline.tables.find import find_source_page_tables

        return find_source_page_tables(page, settings=settings.tables, normalize=settings.normalize, stats=stats)

    return find


def process(
    path: str | Path, settings: Settings | None = None, *, doc_id: str | None = None, shown_path: str | None = None,
    source: Source | None = None,
) -> Document:
    """Process one PDF or text export into a :class:`Document`.

    Raises :class:`~pipeline.errors.DocumentError` with a one-line reason for a file that
    cannot be read (empty, binary, undecodable, encrypted, damaged, scanned). A caller that
    already hashed the file passes its ``source`` record so the file is not read twice.
    """
    path = Path(path)
    settings = settings or Settings()
    if not path.is_file():
        raise DocumentError("unreadable", "not a regular file")
    source = source or describe_source(path, shown_path)
    return build_document(extract(path, settings, source), settings, doc_id or document_id(path.stem))


def build_document(extraction: Extraction, settings: Settings, doc_id: str) -> Document:
    """Normalize and structure an extraction into the document that ``write`` serialises."""
    metadata = dict(extraction.metadata)
    metadata.setdefault("pages", len(extraction.pages))
    warnings = extraction.warnings
    normalized = normalize(extraction, settings.normalize)
    del extraction  # let the raw lines go before the structure stage builds its own
    result = structure(normalized, settings.structure)
    source, stats, warnings = normalized.source, dict(normalized.stats), normalized.warnings
    del normalized
    metadata.setdefault("language", result.language)
    stats.update(result.stats)
    return Document(
        id=doc_id,
        source=source,
        metadata=metadata,
        blocks=result.blocks,
        footnotes=result.footnotes,
        notes=result.notes,
        stats=stats,
        settings=settings.as_dict(),
        warnings=tuple(warnings) + tuple(result.warnings) + tuple(ocr_warnings(metadata)),
        removed=result.removed,
        citations=result.citations,
    )


def clean_text(text: str, settings: Settings | None = None) -> str:
    """Clean one string as if it were a one-page text export; return the clean text.

    Markers are removed from the text (use :func:`process` to keep them as references).

    >>> clean_text("rights-\\u2010\\u2011respecting\\t \\u00a0norms")
    'rights-respecting norms\\n'
    """
    return process_text(text, settings).text


def process_text(text: str, settings: Settings | None = None, *, doc_id: str = "text") -> Document:
    """Process one string as if it were a one-page text export (form feeds still split pages)."""
    from pipeline.encoding import repair_code_page
    from pipeline.extract.text_export import split_pages

    settings = settings or Settings()
    source = Source(path="<string>", sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), kind="text", bytes=len(text))
    text, repaired = repair_code_page(text)
    extraction = Extraction(source=source, pages=split_pages(text, settings.extract),
                            stats={"code_page_repaired": 1} if repaired else {})
    return build_document(extraction, settings, doc_id)


__all__ = ["STAGES", "__version__", "build_document", "clean_text", "describe_source", "document_id", "process", "process_text"]
