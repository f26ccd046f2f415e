"""A batch made for the report's tests: the samples in raw/, a PDF whose every marker,
note, running head, page number and rejoined word is placed by construction, and a file
that fails."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT
from .pdf_factory import PdfBuilder, sup

HEAD = "Detainer Practice Review"
LEFT = 72.0


@dataclass(frozen=True)
class Placed:
    """Where the test PDF printed something: page, x of its left edge, baseline from the top."""

    page: int
    x: float
    top: float


def marker_line(builder: PdfBuilder, top: float, before: str, marker: str, after: str) -> Placed:
    """A body line with a raised marker after ``before``; returns where the marker stands."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    builder.line(LEFT, top, before, sup(marker), after)
    return Placed(builder.pages, LEFT + stringWidth(before, "Times-Roman", 10.0), top)


def running_furniture(builder: PdfBuilder) -> None:
    builder.line(LEFT, 40, HEAD, size=9)
    builder.line(300, 760, str(builder.pages), size=9)


REPAIRED_LINE = "Their \ufb01nal \ufb01gures are rights\u2010based counts of the year."
"""A line set with two ligature glyphs and a U+2010 hyphen, which ``normalize`` repairs."""
REPAIRED_TOP = 126.0
REPAIRED_NOTE_LINE = "The court's \ufb01nding was not appealed."
"""A second line of note 1 (page 1) with a ligature glyph."""
REPAIRED_NOTE_TOP = 722.0
REPAIRED_KINDS = {"\ufb01": "ligatures_fixed", "\u2010": "broken_hyphens_fixed"}


def register_dejavu() -> str:
    """DejaVu Sans, a system TrueType font that has the ligature and the U+2010 hyphen."""
    from .table_styles_blind import register_dejavu as register

    return register()[0]


def repaired_places() -> list[tuple[str, float]]:
    """Each repaired glyph of :data:`REPAIRED_LINE` (page 3): its repair and its left x."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = register_dejavu()
    return [(REPAIRED_KINDS[ch], LEFT + stringWidth(REPAIRED_LINE[:i], font, 10.0))
            for i, ch in enumerate(REPAIRED_LINE) if ch in REPAIRED_KINDS]


def build_drawn_pdf(path: Path) -> dict[str, Placed]:
    """Three pages: markers 1 and 2 with notes under a rule, a word split by a hyphen, a
    running head and page numbers, a line with glyphs ``normalize`` repairs
    (:data:`REPAIRED_LINE`), and a middle page with nothing on it."""
    builder = PdfBuilder(path, title="Drawn")
    placed: dict[str, Placed] = {}
    running_furniture(builder)
    builder.line(LEFT, 90, "The sheriff of the county received many detainers in the first quarter of the year,", size=10)
    placed["1"] = marker_line(builder, 102, "and the state court held that a detainer alone gives no authority", "1", " to keep a person")
    builder.line(LEFT, 114, "in custody. Several sheriffs then changed their written policies on immi-", size=10)
    builder.line(LEFT, 126, "gration detainers, and some stopped holding anyone on a detainer at all.", size=10)
    builder.rule(LEFT, 200, 700)
    builder.line(LEFT, 712, sup("1"), "State v. Doe, 123 N.E.3d 45 (2019).", size=8)
    builder.line(LEFT, REPAIRED_NOTE_TOP, REPAIRED_NOTE_LINE, size=8, font=register_dejavu())
    builder.new_page()
    builder.new_page()
    running_furniture(builder)
    builder.line(LEFT, 90, "The clinic asked each sheriff for the number of detainers received and honoured,", size=10)
    placed["2"] = marker_line(builder, 102, "and twelve of the twenty counties asked answered in time", "2", " for this review.")
    builder.line(LEFT, 114, "The others answered later or not at all, and are left out of the tables.", size=10)
    builder.line(LEFT, REPAIRED_TOP, REPAIRED_LINE, size=10, font=register_dejavu())
    builder.rule(LEFT, 200, 700)
    builder.line(LEFT, 712, sup("2"), "Public records requests of March 2020.", size=8)
    builder.save()
    return placed


def make_batch(root: Path) -> tuple[Path, Path, dict[str, Placed]]:
    """raw/ with the samples, the drawn PDF and a damaged PDF; clean/ after a batch."""
    from pipeline.batch import run_batch

    raw = root / "raw"
    raw.mkdir()
    for sample in sorted((ROOT / "raw").iterdir()):
        if sample.suffix in (".pdf", ".txt"):
            shutil.copy(sample, raw / sample.name)
    placed = build_drawn_pdf(raw / "drawn.pdf")
    (raw / "damaged.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    clean = root / "clean"
    run_batch(raw, clean)
    return raw, clean, placed
