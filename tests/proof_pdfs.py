"""Print proofs written with reportlab, each with its clean twin.

A proof is a book's pages as the printer sends them back: a 6 × 9 in trim on a letter sheet,
crop marks at the trim's corners, the layout program's slug line (``14773_01_1-174_r9jm.qxd
2/10/04 3:46 PM Page 4``) in the bleed, and line numbers in the margin, every line or every
fifth, set small at each line's baseline close to the text (left, right, or mirrored:
outside on each page). The twin is the same document drawn with none of these marks, so
whatever the reader makes of the twin is what it must make of the proof.

:func:`write_proof` writes a book's pages (hyphenated line ends so that a number falls
between a word's halves, footnotes under a rule); :func:`write_pleading` a court filing on
pleading paper (numbers 1–28 down the left margin beside a double rule). Both draw the twin
when ``marks`` is false.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from tests.pdf_factory import PAGE_HEIGHT, PdfBuilder, Span, sup

TRIM_LEFT, TRIM_TOP, TRIM_WIDTH, TRIM_HEIGHT = 90.0, 72.0, 432.0, 648.0
"""The 6 × 9 in trim box on the letter sheet, from the sheet's top left."""
TEXT_LEFT, TEXT_WIDTH = TRIM_LEFT + 54.0, 324.0
BODY, NOTE, LEADING, NOTE_LEADING = 10.0, 8.0, 12.0, 9.5
WORDS = (
    "the agency county court detention report records officials policy standards review hearing federal state "
    "residents program funding enforcement clinic counsel petition order appeal data request office board"
).split()
LONG_WORDS = (
    "Armstrong administration constitutional investigation representatives neighbourhood "
    "responsibilities immigration commissioners correspondence"
).split()
NOTE_WORDS = "see letter memorandum report hearing testimony order statement records office survey".split()
SLUGS = (
    "14773_01_1-174_r9jm.qxd 2/10/04 3:46 PM Page {page}",
    "Chapter3_final.indd {page} 3/14/11 10:22:05 AM",
    "BOOK-proof_ch02.qxp 11/3/2009 9:05 AM Page {page}",
)


@dataclass(frozen=True)
class ProofLayout:
    """How one proof is marked: where its line numbers stand, how often, in what size."""

    every: int
    """Number every line (1) or every fifth (5)."""
    sides: str
    """``left``, ``right`` or ``mirrored`` (left on odd pages, right on even ones)."""
    restart: bool
    """Numbers start again at 1 on each page (else they run on through the book)."""
    size: float
    gap: float
    """Points between a number and the text beside it."""
    number_notes: bool
    """The footnotes' lines are numbered too."""
    slug: str
    slug_place: str
    """``foot`` or ``head`` of the sheet, in the bleed outside the trim, or ``rotated``."""

    @staticmethod
    def of(seed: int) -> ProofLayout:
        rng = random.Random(seed * 7919 + 1)
        return ProofLayout(
            every=rng.choice((1, 1, 5)), sides=rng.choice(("left", "right", "mirrored")), restart=rng.random() < 0.5,
            size=rng.choice((6.0, 7.0, 8.0)), gap=rng.choice((5.0, 7.0, 10.0)), number_notes=rng.random() < 0.4,
            slug=rng.choice(SLUGS), slug_place=rng.choice(("foot", "foot", "head", "rotated")),
        )


def wrap_hyphenated(rng: random.Random, words: list[str], width: float, size: float, indent: float = 0.0) -> list[str]:
    """Lines of at most ``width`` points (the first ``indent`` shorter); a long word that
    does not fit is often cut with a hyphen (``Arm-`` / ``strong``), as a typesetter does."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []

    def fits(text: str) -> bool:
        return stringWidth(text, "Times-Roman", size) <= width - (indent if not lines else 0.0)

    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if not current or fits(trial):
            current = trial
            continue
        if len(word) >= 8 and rng.random() < 0.8:
            for cut in range(len(word) - 3, 2, -1):
                if fits(f"{current} {word[:cut]}-"):
                    lines.append(f"{current} {word[:cut]}-")
                    word = word[cut:]
                    break
            else:
                lines.append(current)
        else:
            lines.append(current)
        current = word
    return lines + [current] if current else lines


def paragraph_words(rng: random.Random) -> list[str]:
    words = []
    for _ in range(rng.randint(38, 60)):
        words.append(rng.choice(LONG_WORDS) if rng.random() < 0.18 else rng.choice(WORDS))
    words[0] = words[0].capitalize()
    words[-1] += "."
    return words


@dataclass
class ProofTruth:
    """The file written and its notes, by construction, as (marker, text) in order."""

    path: Path
    notes: list[tuple[str, str]]


class ProofDrawer:
    """Draws the book's pages, the marks only when ``marks``."""

    def __init__(self, path: Path, seed: int, marks: bool, layout: ProofLayout | None = None) -> None:
        self.pdf = PdfBuilder(path)
        self.layout = layout or ProofLayout.of(seed)
        self.rng = random.Random(seed)
        self.marks = marks
        self.count = 0  # lines numbered so far (the book's count when numbers run on)

    def number(self, page: int, top: float, x0: float, x1: float) -> None:
        """Count one line; draw its number beside it in the margin when it is due."""
        self.count += 1
        if not self.marks or self.count % self.layout.every:
            return
        from reportlab.pdfbase.pdfmetrics import stringWidth

        text = str(self.count)
        right = self.layout.sides == "right" or (self.layout.sides == "mirrored" and page % 2 == 0)
        width = stringWidth(text, "Times-Roman", self.layout.size)
        x = x1 + self.layout.gap if right else x0 - self.layout.gap - width
        self.pdf.line(x, top, Span(text, size=self.layout.size))

    def furniture(self, page: int) -> None:
        """The printer's marks around the trim: crop marks and the slug line."""
        if not self.marks:
            return
        left, right = TRIM_LEFT, TRIM_LEFT + TRIM_WIDTH
        top, bottom = TRIM_TOP, TRIM_TOP + TRIM_HEIGHT
        for x, y, dx, dy in ((left, top, -1, -1), (right, top, 1, -1), (left, bottom, -1, 1), (right, bottom, 1, 1)):
            self.pdf.rule(x + dx * 6, x + dx * 30, y, width=0.25)
            self.pdf.canvas.setLineWidth(0.25)
            self.pdf.canvas.line(x, PAGE_HEIGHT - y - dy * 6, x, PAGE_HEIGHT - y - dy * 30)
        slug = self.layout.slug.format(page=page)
        if self.layout.slug_place == "rotated":
            canvas = self.pdf.canvas
            canvas.saveState()
            canvas.translate(TRIM_LEFT - 40, PAGE_HEIGHT - bottom)
            canvas.rotate(90)
            canvas.setFont("Helvetica", 7)
            canvas.drawString(0, 0, slug)
            canvas.restoreState()
        else:
            where = bottom + 24 if self.layout.slug_place == "foot" else top - 30
            self.pdf.line(TRIM_LEFT, where, Span(slug, size=7, font="Helvetica"))

    def draw(self, pages: int, short_last: bool = False) -> ProofTruth:
        notes: list[tuple[str, str]] = []
        marker = 0
        for page in range(1, pages + 1):
            if self.layout.restart:
                self.count = 0
            self.furniture(page)
            head = "A History of County Detention" if page % 2 else "Chapter One"
            self.pdf.line(TEXT_LEFT, TRIM_TOP + 40, Span(head, size=9, font="Times-Italic"))
            self.pdf.line(TEXT_LEFT + TEXT_WIDTH - 12, TRIM_TOP + 40, Span(str(page + 10), size=9))
            top = TRIM_TOP + 70
            page_notes: list[tuple[str, str]] = []
            for _ in range(1 if short_last and page == pages else 6):
                lines = wrap_hyphenated(self.rng, paragraph_words(self.rng), TEXT_WIDTH - 8, BODY, indent=14)
                if top + LEADING * len(lines) > TRIM_TOP + TRIM_HEIGHT - 160:
                    break
                marker += 1
                hit = self.rng.choice([i for i, text in enumerate(lines) if not text.endswith("-")])
                for index, text in enumerate(lines):
                    x = TEXT_LEFT + (14 if index == 0 else 0)
                    if index == hit:
                        self.pdf.line(x, top, text, sup(str(marker)))
                    else:
                        self.pdf.line(x, top, text)
                    self.number(page, top, TEXT_LEFT, TEXT_LEFT + TEXT_WIDTH)
                    top += LEADING
                top += 4
                note = " ".join(self.rng.choice(NOTE_WORDS) for _ in range(self.rng.randint(5, 26))).capitalize()
                page_notes.append((str(marker), f"{note}, p. {marker + 3}."))
            self.draw_notes(page, page_notes)
            notes += page_notes
            if page < pages:
                self.pdf.new_page()
        return ProofTruth(self.pdf.save(), notes)

    def draw_notes(self, page: int, notes: list[tuple[str, str]]) -> None:
        from benchmarks.generated_briefs import wrap

        lines: list[tuple[str, str]] = []
        for marker, text in notes:
            lines += [(marker if i == 0 else "", part) for i, part in enumerate(wrap(text, TEXT_WIDTH - 10, NOTE))]
        top = TRIM_TOP + TRIM_HEIGHT - 50 - NOTE_LEADING * len(lines)
        self.pdf.rule(TEXT_LEFT, TEXT_LEFT + 100, top - 10)
        for marker, text in lines:
            if marker:
                self.pdf.line(TEXT_LEFT, top, sup(marker, size=5, rise=3), Span(" " + text, size=NOTE))
            else:
                self.pdf.line(TEXT_LEFT, top, Span(text, size=NOTE))
            if self.layout.number_notes:
                self.number(page, top, TEXT_LEFT, TEXT_LEFT + TEXT_WIDTH)
            top += NOTE_LEADING


def write_proof(path: Path, seed: int, *, marks: bool = True, pages: int = 3, layout: ProofLayout | None = None,
                short_last: bool = False) -> ProofTruth:
    """A book's ``pages`` pages, as a print proof (``marks``) or as its clean twin; the
    seed draws the words and, unless ``layout`` is given, the marks' layout; ``short_last``:
    the last page holds one paragraph only (a chapter's end)."""
    return ProofDrawer(path, seed, marks, layout).draw(pages, short_last)


PLEADING_LEFT, PLEADING_PITCH, PLEADING_FIRST = 86.0, 24.0, 84.0
"""Pleading paper: text's left edge, the numbered lines' pitch and the first one's baseline."""


def write_pleading(path: Path, *, marks: bool = True, pages: int = 2) -> Path:
    """A complaint on pleading paper: 1–28 down the left margin of every page, a double rule
    beside them and one on the right, the caption single-spaced across the numbered lines
    and the body double-spaced on them; a footer with the filing's title and page."""
    rng = random.Random(28)
    pdf = PdfBuilder(path)
    paragraph = 0
    for page in range(1, pages + 1):
        if marks:
            for n in range(1, 29):
                pdf.line(60 - 6 * len(str(n)), PLEADING_FIRST + (n - 1) * PLEADING_PITCH, Span(str(n), size=12))
            for x in (70.0, 72.5, 560.0):
                pdf.canvas.setLineWidth(0.5)
                pdf.canvas.line(x, PAGE_HEIGHT, x, 0)
        slot = 1
        if page == 1:
            top = PLEADING_FIRST
            for text in ("JANE Q. ADVOCATE (SBN 123456)", "COUNTY LEGAL AID SOCIETY", "101 Market Street, Suite 400",
                         "San Francisco, CA 94105", "Attorneys for Plaintiffs"):
                pdf.line(PLEADING_LEFT, top, Span(text, size=12))
                top += 14
            pdf.line(220, PLEADING_FIRST + 7 * PLEADING_PITCH, Span("UNITED STATES DISTRICT COURT", size=12, font="Times-Bold"))
            pdf.line(200, PLEADING_FIRST + 8 * PLEADING_PITCH, Span("NORTHERN DISTRICT OF CALIFORNIA", size=12, font="Times-Bold"))
            slot = 11
        while slot <= 26:
            paragraph += 1
            words = [rng.choice(WORDS) for _ in range(rng.randint(30, 50))]
            text = f"{paragraph}. " + " ".join(words).capitalize() + "."
            from benchmarks.generated_briefs import wrap

            for index, line in enumerate(wrap(text, 420, 12)):
                if slot > 28:
                    break
                pdf.line(PLEADING_LEFT + (36 if index == 0 else 0), PLEADING_FIRST + (slot - 1) * PLEADING_PITCH, Span(line, size=12))
                slot += 1
        pdf.rule(PLEADING_LEFT, 540, 740)
        pdf.line(230, 756, Span(f"COMPLAINT FOR DECLARATORY RELIEF - {page}", size=9))
        if page < pages:
            pdf.new_page()
    return pdf.save()
