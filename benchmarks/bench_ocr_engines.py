"""Tesseract or RapidOCR? Both engines on the same scans, plain text in reading order.

Each page of a scan made from a known PDF (tests/scan_factory.py) is rendered at 300 dpi
and read by Tesseract (Debian's tesseract-ocr, through pytesseract) and by RapidOCR
(rapidocr-onnxruntime, whose wheel ships its models); the words are compared with the
born-digital twin's text layer (pdfplumber's extract_text), and CPU time is measured.
RapidOCR is not a dependency: install it in a scratch environment to rerun this.

    python benchmarks/bench_ocr_engines.py
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from tests.scan_factory import scan_pdf, word_error_rate
from tests.test_pdf_end_to_end import build_brief


def cpu() -> float:
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def tesseract(image) -> str:  # type: ignore[no-untyped-def]
    import pytesseract

    return str(pytesseract.image_to_string(image, lang="eng"))


def rapid_reader():  # type: ignore[no-untyped-def]
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

    def read(image) -> str:  # type: ignore[no-untyped-def]
        import numpy as np

        result, _ = engine(np.asarray(image.convert("RGB")))
        boxes = sorted(result or [], key=lambda r: (round(min(p[1] for p in r[0]) / 20), min(p[0] for p in r[0])))
        return "\n".join(r[1] for r in boxes)

    return read


def main() -> None:
    import pdfplumber
    import pypdfium2

    engines = {"tesseract": tesseract, "rapidocr": rapid_reader()}
    print("| scan | dpi | engine | WER | CPU s/page |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        twins = [build_brief(tmp / "brief.pdf"), ROOT / "raw" / "briefing-interior-enforcement-print.pdf"]
        for twin in twins:
            with pdfplumber.open(twin) as pdf:
                truth = [page.extract_text() or "" for page in pdf.pages][:2]
            for dpi in (300, 150):
                scan = pypdfium2.PdfDocument(str(scan_pdf(twin, tmp / f"scan-{dpi}.pdf", dpi=dpi)))
                images = [scan[i].render(scale=300 / 72, grayscale=True).to_pil() for i in range(len(truth))]
                for name, read in engines.items():
                    started = cpu()
                    texts = [read(image) for image in images]
                    seconds = (cpu() - started) / len(images)
                    wer = word_error_rate(" ".join(truth), " ".join(texts))
                    print(f"| {twin.stem} | {dpi} | {name} | {wer:.1%} | {seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
