"""The pages of a PDF as small images, for the report: pypdfium2 renders, Pillow compresses.

A corpus report holds thousands of pages, so each is a JPEG at a modest scale (about 90
dots an inch) and quality: a page of text stays well under 300 KB and is still sharp enough
to read a footnote marker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

RENDER_SCALE = 1.25
"""Pixels per PDF point: 90 dpi, readable on a screen, small on disk."""
JPEG_QUALITY = 70
"""Text stays legible; a letter page of text is about 100 KB."""
LARGEST_SIDE = 1600
"""A poster-sized page is rendered down to this many pixels on its longer side."""


@dataclass(frozen=True)
class PageImage:
    """One rendered page: its file name (relative to the report folder) and its size in points."""

    number: int
    file: str
    width: float
    height: float


def render_pages(pdf: Path, folder: Path, prefix: str) -> list[PageImage]:
    """Render every page of ``pdf`` into ``folder`` as ``<prefix>/p<N>.jpg``; return their sizes.

    Raises ``OSError`` or pypdfium2's error for a file it cannot open; the report then shows
    the document without its page images.
    """
    import pypdfium2 as pdfium

    target = folder / prefix
    target.mkdir(parents=True, exist_ok=True)
    images = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                scale = min(RENDER_SCALE, LARGEST_SIDE / max(width, height, 1.0))
                bitmap = page.render(scale=scale)
                name = f"p{index + 1}.jpg"
                bitmap.to_pil().convert("RGB").save(target / name, "JPEG", quality=JPEG_QUALITY, optimize=True)
                images.append(PageImage(index + 1, f"{prefix}/{name}", float(width), float(height)))
            finally:
                page.close()
    finally:
        document.close()
    return images
