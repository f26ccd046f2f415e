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


def build_drawn_pdf(path: Path) -> dict[str, Placed]:
    """Three pages: markers 1 and 2 with notes under a rule, a word split by a hyphen, a
    running head and page numbers, and a middle page with nothing on it."""
    builder = PdfBuilder(path, title="Drawn")
    placed: dict[str, Placed] = {}
    running_furniture(builder)
    builder.line(LEFT, 90, "The sheriff of the county received many detainers in the first quarter of the year,", size=10)
    placed["1"] = marker_line(builder, 102, "and the state court held that a detainer alone gives no authority", "1", " to keep a person")
    builder.line(LEFT, 114, "in custody. Several sheriffs then changed their written policies on immi-", size=10)
    builder.line(LEFT, 126, "gration detainers, and some stopped holding anyone on a detainer at all.", size=10)
    builder.rule(LEFT, 200, 700)
    builder.line(LEFT, 712, sup("1"), "State v. Doe, 123 N.E.3d 45 (2019).", size=8)
    builder.new_page()
    builder.new_page()
    running_furniture(builder)
    builder.line(LEFT, 90, "The clinic asked each sheriff for the number of detainers received and honoured,", size=10)
    placed["2"] = marker_line(builder, 102, "and twelve of the twenty counties asked answered in time", "2", " for this review.")
    builder.line(LEFT, 114, "The others answered later or not at all, and are left out of the tables.", size=10)
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
