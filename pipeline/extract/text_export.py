"""Read a text export of a PDF, keeping every layout signal it still carries.

Such exports lose the page geometry but keep faint traces of it: a form feed or (in some
exporters) a line that begins with one space where a page starts, a longer glyph-spacing
run at the end of a paragraph's last line, a line that holds nothing but glyph spacing
between paragraphs. This reader decodes the bytes and turns those traces into
:class:`~pipeline.model.Line` fields. It repairs one thing only, first: a file that was
decoded with the wrong code page before it was saved is repaired as a whole
(:func:`pipeline.encoding.repair_code_page`), so that its glue and paragraphs are read on
the real text; every other repair is ``normalize``'s job.
"""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path

from pipeline import patterns
from pipeline.encoding import repair_code_page
from pipeline.errors import DocumentError
from pipeline.model import Extraction, Line, Page, Source
from pipeline.settings import ExtractSettings

# File signatures of things that are not text exports, whatever their name says.
BINARY_SIGNATURES = {
    b"%PDF": "a PDF file, not a text export",
    b"\x89PNG": "a PNG image, not a text export",
    b"\xff\xd8\xff": "a JPEG image, not a text export",
    b"PK\x03\x04": "a ZIP archive (or Office file), not a text export",
    b"GIF8": "a GIF image, not a text export",
    b"\x1f\x8b": "a gzip archive, not a text export",
}
CONTROL_SHARE_LIMIT = 0.05
"""Text exports hold almost no control characters; above this share the file is binary."""


def read_text_export(path: Path, settings: ExtractSettings, *, source: Source) -> Extraction:
    """Read one text export into pages of lines (the file is read into memory once)."""
    data = path.read_bytes()
    text, encoding = decode_export(data)
    del data
    text, repaired = repair_code_page(text)
    pages = split_pages(text, settings)
    if not any(line.kind == "text" for page in pages for line in page.lines):
        raise DocumentError("no text", "the file holds only white space")
    source = Source(source.path, source.sha256, source.kind, source.bytes, encoding)
    stats = {"code_page_repaired": 1} if repaired else {}
    return Extraction(source=source, pages=pages, metadata={"pages": len(pages)}, stats=stats)


def decode_export(data: bytes) -> tuple[str, str]:
    """Decode an export's bytes: UTF-8 or UTF-16 by their BOM, else UTF-8, else cp1252.

    Raises :class:`DocumentError` for an empty file, a binary file and bytes that none of
    those encodings read. Returns the text and the encoding's name.
    """
    if not data:
        raise DocumentError("empty", "the file has no bytes")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as error:
                raise DocumentError("undecodable", f"{encoding} BOM but invalid bytes at offset {error.start}") from None
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError("not text", f"binary file: {what}")
    if b"\x00" in data[:65536]:
        raise DocumentError("not text", "binary file: NUL bytes, not a text export")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as error:
            raise DocumentError(
                "undecodable", f"not UTF-8, UTF-16 or cp1252 (byte 0x{data[error.start]:02x} at offset {error.start})"
            ) from None
    sample = text[:65536]
    controls = len(patterns.CONTROL_CHARS.findall(sample))
    if controls > CONTROL_SHARE_LIMIT * len(sample):
        raise DocumentError("not text", f"binary file: {controls} control characters in the first {len(sample)} characters")
    return text, encoding


def split_pages(text: str, settings: ExtractSettings) -> tuple[Page, ...]:
    """Cut the text into pages at form feeds or, failing those, at one-space line starts."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        page_texts = [page.split("\n") for page in text.split("\f")]
        page_texts = [page[:-1] if page and page[-1] == "" else page for page in page_texts]
    else:
        page_texts = split_at_leading_spaces(text.split("\n"), settings)
    while page_texts and all(patterns.ONLY_SPACE.match(line) or not line for line in page_texts[-1]):
        page_texts.pop()  # a page break at the very end starts no page
    if len(page_texts) > 1 and all(patterns.ONLY_SPACE.match(line) or not line for line in page_texts[0]):
        page_texts.pop(0)  # nor does one at the very start ("\fFirst page …")
    unit = typical_spacing_run(page_texts)
    pages = []
    for number, raw_lines in enumerate(page_texts, start=1):
        lines = tuple(read_line(raw, number, index == 0, unit) for index, raw in enumerate(raw_lines))
        pages.append(Page(number=number, lines=lines))
    return tuple(pages)


def split_at_leading_spaces(lines: list[str], settings: ExtractSettings) -> list[list[str]]:
    """Split where a line begins with exactly one space: this exporter's page start.

    When more than ``max_page_start_share`` of the lines begin that way, the space is
    indentation and the text is one page. The leading space itself is dropped.
    """
    starts = [i for i, line in enumerate(lines) if is_page_start(line)]
    if not settings.leading_space_page_starts or not starts:
        return [lines]
    text_lines = sum(1 for line in lines if line.strip())
    if len(starts) > max(1, settings.max_page_start_share * text_lines):
        return [lines]
    pages: list[list[str]] = []
    if starts[0] != 0:
        pages.append(lines[: starts[0]])
    for begin, end in zip(starts, starts[1:] + [len(lines)]):
        pages.append([lines[begin][1:]] + lines[begin + 1 : end])
    return pages


def is_page_start(line: str) -> bool:
    """A line of one plain space followed by a non-space, or of a single space alone."""
    return line.startswith(" ") and (len(line) == 1 or line[1] not in patterns.SPACE_CHARS_SET)


def typical_spacing_run(page_texts: list[list[str]]) -> int:
    """The usual length of the glyph-spacing run between two words (1 for clean text).

    Measured on up to 2,000 lines: the seed's ``\\t \\u00a0`` runs give 3.
    """
    counts: Counter[int] = Counter()
    seen = 0
    for page in page_texts:
        for line in page:
            for run in patterns.INTERIOR_SPACE_RUN.findall(line.strip(patterns.SPACE_CHARS_STRIP)):
                counts[len(run)] += 1
            seen += 1
            if seen >= 2000:
                break
        if seen >= 2000:
            break
    return counts.most_common(1)[0][0] if counts else 1


def read_line(raw: str, page: int, starts_page: bool, unit: int) -> Line:
    """One raw line with its kind and the length of its trailing glyph-spacing run."""
    if not raw:
        return Line("", page, "blank", starts_page, 0)
    trailing = len(raw) - len(raw.rstrip(patterns.SPACE_CHARS_STRIP))
    gap = max(1, round(trailing / unit)) if trailing else 0
    if trailing == len(raw):
        return Line(raw, page, "gap", starts_page, gap)
    return Line(raw, page, "text", starts_page, gap)
