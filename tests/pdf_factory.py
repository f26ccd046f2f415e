"""Build small PDFs with reportlab whose text and layout are known by construction.

Tests describe each line as spans (text, size, font, rise) placed at an explicit position,
so the expected reader output is exact: a superscript is a span with a smaller size and a
rise, a footnote rule is a stroke, a column is a left edge. Coordinates are given from the
page's top (``top`` is the baseline's distance from the top edge), like the reader's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US letter, in points


@dataclass(frozen=True)
class Span:
    """A run of text in one font; ``rise`` lifts it off the baseline (a superscript)."""

    text: str
    size: float = 10.0
    font: str = "Times-Roman"
    rise: float = 0.0


def sup(marker: str, size: float = 6.0, rise: float = 4.0) -> Span:
    """A superscript footnote marker, as word processors set one."""
    return Span(marker, size=size, rise=rise)


def bold(text: str, size: float = 10.0) -> Span:
    return Span(text, size=size, font="Times-Bold")


class PdfBuilder:
    """Write a PDF page by page; ``save`` returns its path. Output is deterministic."""

    def __init__(self, path: Path, *, title: str = "", author: str = "", subject: str = "", encrypt: str = "") -> None:
        from reportlab.pdfgen import canvas

        self.path = path
        kwargs: dict[str, object] = {"pagesize": (PAGE_WIDTH, PAGE_HEIGHT), "invariant": 1}
        if encrypt:
            from reportlab.lib.pdfencrypt import StandardEncryption

            kwargs["encrypt"] = StandardEncryption(encrypt, canPrint=1)
        self.canvas = canvas.Canvas(str(path), **kwargs)
        if title:
            self.canvas.setTitle(title)
        if author:
            self.canvas.setAuthor(author)
        if subject:
            self.canvas.setSubject(subject)
        self.pages = 1

    def line(self, x: float, top: float, *spans: Span | str, size: float = 10.0, font: str = "Times-Roman") -> float:
        """Draw spans one after another on a baseline ``top`` points below the page top.

        Plain strings take the given size and font. Returns the x where the line ends.
        """
        text = self.canvas.beginText(x, PAGE_HEIGHT - top)
        for span in spans:
            if isinstance(span, str):
                span = Span(span, size=size, font=font)
            text.setFont(span.font, span.size)
            text.setRise(span.rise)
            text.textOut(span.text)
        text.setRise(0)
        self.canvas.drawText(text)
        return float(text.getX())

    def words(self, x: float, top: float, words: list[str], *, gap: float, size: float = 10.0) -> None:
        """Draw each word on its own, ``gap`` points apart, with no space characters at all
        (as some PDF producers do)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        for word in words:
            self.canvas.setFont("Times-Roman", size)
            self.canvas.drawString(x, PAGE_HEIGHT - top, word)
            x += stringWidth(word, "Times-Roman", size) + gap

    def letters(self, x: float, top: float, word: str, *, gap: float, size: float = 10.0) -> None:
        """Draw a word one glyph at a time with ``gap`` points of extra tracking."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        for letter in word:
            self.canvas.setFont("Times-Roman", size)
            self.canvas.drawString(x, PAGE_HEIGHT - top, letter)
            x += stringWidth(letter, "Times-Roman", size) + gap

    def rule(self, x0: float, x1: float, top: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, PAGE_HEIGHT - top, x1, PAGE_HEIGHT - top)

    def rectangle(self, x: float, top: float, width: float, height: float) -> None:
        self.canvas.rect(x, PAGE_HEIGHT - top - height, width, height, stroke=1, fill=0)

    def picture(self, x: float, top: float, width: float, height: float) -> None:
        """Paint a grey image (no frame, no text): a photograph or a chart kept as a picture."""
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        image = Image.new("RGB", (40, 20), (150, 150, 150))
        self.canvas.drawImage(ImageReader(image), x, PAGE_HEIGHT - top - height, width, height)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.pages += 1

    def save(self) -> Path:
        self.canvas.showPage()
        self.canvas.save()
        return self.path


def paragraph_lines(
    builder: PdfBuilder, x: float, top: float, lines: list[str], *, leading: float = 12.0, size: float = 10.0, indent: float = 0.0
) -> float:
    """Draw prepared lines (the first one indented by ``indent``); return the next baseline."""
    for index, text in enumerate(lines):
        builder.line(x + (indent if index == 0 else 0.0), top, text, size=size)
        top += leading
    return top
