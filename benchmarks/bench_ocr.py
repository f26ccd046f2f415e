"""OCR of scanned pages: accuracy and speed on scans made from PDFs whose text is known.

Each source PDF is rendered, turned a little, dusted, blurred and wrapped back as an
image-only PDF (tests/scan_factory.py); the scan and its born-digital twin both go through
the pipeline, and the scan's text, markers, notes and blocks are compared with the twin's.
Speed is CPU seconds (this process and Tesseract's) per OCR page, so pages/s/core.

    python benchmarks/bench_ocr.py            # the generated brief and the samples in raw/
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline
from tests.scan_factory import f1, scan_pdf, word_error_rate
from tests.test_pdf_end_to_end import build_brief


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def markers(document: pipeline.Document) -> list[tuple[str, int | None]]:
    return [(f.marker, f.page) for f in document.footnotes]


def compare(name: str, twin: Path, dpi: int, folder: Path) -> None:
    truth = pipeline.process(twin)
    scan = scan_pdf(twin, folder / f"{twin.stem}-{dpi}.pdf", dpi=dpi)
    started, wall = cpu_seconds(), time.perf_counter()
    read = pipeline.process(scan)
    cpu, wall = cpu_seconds() - started, time.perf_counter() - wall
    pages = read.stats.get("ocr_pages", 0)
    linked = sum(1 for f in read.footnotes if f.note)
    same_blocks = [(b.type, b.pages) for b in truth.blocks] == [(b.type, b.pages) for b in read.blocks]
    confidence = [p["confidence"] for p in read.metadata["ocr"]["pages"]]  # type: ignore[index]
    print(f"| {name} | {dpi} | {pages} | {word_error_rate(truth.text, read.text):.2%} | "
          f"{f1(markers(truth), markers(read)):.0%} ({len(markers(read))}/{len(markers(truth))}) | {linked}/{len(read.footnotes)} | "
          f"{'yes' if same_blocks else 'no'} | {min(confidence):.0f}–{max(confidence):.0f} | {pages / cpu:.2f} | {wall / pages:.1f} |",
          flush=True)


def main() -> None:
    print("| source | dpi | OCR pages | WER | markers F1 (found/true) | notes linked | same blocks | confidence | pages/s/core | wall s/page |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        brief = build_brief(tmp / "generated-brief.pdf")
        sources = [("generated brief", brief), ("briefing print (raw/)", ROOT / "raw" / "briefing-interior-enforcement-print.pdf"),
                   ("detainers data brief (raw/)", ROOT / "raw" / "detainers-by-county-data-brief.pdf")]
        for name, pdf in sources:
            for dpi in (int(d) for d in (sys.argv[1:] or ["300", "200", "150"])):
                compare(name, pdf, dpi, tmp)


if __name__ == "__main__":
    main()
