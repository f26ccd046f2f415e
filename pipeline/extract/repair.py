"""A damaged PDF gets a second chance: rebuilt by pdfium, then read as any other.

pdfminer (under pdfplumber) gives up on a broken cross-reference table, a flipped byte in an
object or a file cut short; pdfium rebuilds what it can of such files, as viewers do. When
the first reading fails as ``damaged``, pdfium opens the file and writes a repaired copy in
memory, which the usual character source reads page by page: a page that still cannot be
read is left out and named. The document then carries a ``repaired`` warning, and a
``pages_lost`` warning for each page left out, so the manifest and ``document.json`` say
what was done. When pdfium cannot open the file either, the reason says whether the file
was cut short (``truncated``: no end-of-file marker) or is broken within (``damaged``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import DocumentError, FailureKind
from pipeline.extract.chars import PdfplumberDocument, PdfplumberPage, PdfplumberSource, describe_pdf_error
from pipeline.model import DocumentWarning, Extraction, Source
from pipeline.settings import ExtractSettings

if TYPE_CHECKING:
    from pipeline.extract.pdf import TableFinder

END_MARKER = b"%%EOF"
READER_PACKAGES = ("pdfminer", "pdfplumber")
TAIL_BYTES = 2048
"""An end-of-file marker this close to the end means the file was not cut short."""


def read_pdf_or_repair(path: Path, settings: ExtractSettings, *, source: Source, find_tables: TableFinder | None = None) -> Extraction:
    """Read a PDF; when it is damaged, read pdfium's repair of it instead. ``find_tables``:
    the table finder (:func:`pipeline.extract.pdf.read_pdf`'s default when not given)."""
    from pipeline.extract.pdf import default_table_finder, read_pdf

    find_tables = find_tables or default_table_finder
    try:
        return read_pdf(path, settings, source=source, find_tables=find_tables)
    except DocumentError as error:
        if error.kind != "damaged":
            raise
        first = error
    except Exception as error:
        if not from_pdf_reader(error):
            raise
        first = describe_pdf_error(error)
    return read_repaired(path, settings, source, first, find_tables)


def from_pdf_reader(error: BaseException) -> bool:
    """An exception of pdfminer or pdfplumber (they raise their own, or ``TypeError`` and
    ``KeyError`` from deep inside, on a broken object): the file is damaged, not our code."""
    frames = []
    traceback = error.__traceback__
    while traceback is not None:
        frames.append(traceback.tb_frame.f_globals.get("__name__", ""))
        traceback = traceback.tb_next
    origin = frames[-1] if frames else type(error).__module__
    return origin.split(".")[0] in READER_PACKAGES or type(error).__module__.split(".")[0] in READER_PACKAGES


def read_repaired(path: Path, settings: ExtractSettings, source: Source, first: DocumentError, find_tables: TableFinder) -> Extraction:
    """The extraction of pdfium's repaired copy, with its ``repaired`` and ``pages_lost`` warnings."""
    from pipeline.extract.pdf import read_pdf

    data = path.read_bytes()
    repaired = repaired_copy(data)
    if repaired is None:
        raise DocumentError(damage_kind(data), damage_detail(data, first)) from None
    engine = RepairedSource(repaired, dedupe_chars=settings.pdf_dedupe_chars)
    try:
        extraction = read_pdf(path, settings, source=source, engine=engine, find_tables=find_tables)
    except DocumentError as error:
        if error.kind != "damaged":
            raise
        raise DocumentError(damage_kind(data), damage_detail(data, first)) from None
    lost = engine.lost_pages
    if len(lost) >= len(extraction.pages) + len(lost):
        raise DocumentError(first.kind, f"{first.detail}; no page could be read, even repaired")
    warnings = [DocumentWarning("repaired", f"the file was damaged ({first.detail}); read from pdfium's repair of it")]
    warnings += [DocumentWarning("pages_lost", "the page could not be read, even repaired", page=page) for page in lost]
    return replace(extraction, warnings=extraction.warnings + tuple(warnings))


def damage_kind(data: bytes) -> FailureKind:
    """``truncated`` for a file without its end-of-file marker (cut short), else ``damaged``.

    >>> damage_kind(b"%PDF-1.4 1 0 obj")
    'truncated'
    >>> damage_kind(b"%PDF-1.4 ... %%EOF\\n")
    'damaged'
    """
    return "damaged" if END_MARKER in data[-TAIL_BYTES:] else "truncated"


def damage_detail(data: bytes, first: DocumentError) -> str:
    """What the first reader said, after the missing end marker when the file was cut short."""
    return first.detail if damage_kind(data) == "damaged" else f"no end-of-file marker, cut short at {len(data)} bytes; {first.detail}"


def repaired_copy(data: bytes) -> bytes | None:
    """pdfium's rewrite of a PDF, cross-references rebuilt; ``None`` when pdfium cannot open
    it, or finds no page in it."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        document = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001  (pdfium's PdfiumError, or a password it asks for)
        return None
    try:
        if len(document) == 0:
            return None
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    except Exception:  # noqa: BLE001  (a file pdfium opens but cannot write out)
        return None
    finally:
        document.close()


class RepairedDocument(PdfplumberDocument):
    """A repaired copy read page by page; a page that cannot be read is left out and noted."""

    def __init__(self, pdf: Any, dedupe: bool, lost_pages: list[int]) -> None:
        super().__init__(pdf, dedupe)
        self.lost_pages = lost_pages

    def pages(self) -> Iterator[PdfplumberPage]:
        try:
            pages = list(self._pdf.pages)
        except Exception as error:
            raise describe_pdf_error(error) from error
        for index, page in enumerate(pages):
            try:
                yield self.read_page(index + 1, page)
            except DocumentError as error:
                if error.kind == "encrypted":
                    raise
                self.lost_pages.append(index + 1)
            except Exception:  # noqa: BLE001  (pdfplumber on a broken page object: the page is lost)
                self.lost_pages.append(index + 1)


class RepairedSource(PdfplumberSource):
    """The pdfplumber character source over a repaired copy held in memory."""

    def __init__(self, data: bytes, *, dedupe_chars: bool = True) -> None:
        super().__init__(dedupe_chars=dedupe_chars)
        self.data = data
        self.lost_pages: list[int] = []

    @contextmanager
    def open(self, path: Path) -> Iterator[RepairedDocument]:
        import pdfplumber

        try:
            pdf = pdfplumber.open(io.BytesIO(self.data))
            document = RepairedDocument(pdf, self.dedupe_chars, self.lost_pages)
        except DocumentError:
            raise
        except Exception as error:
            raise describe_pdf_error(error) from error
        try:
            yield document
        finally:
            pdf.close()
