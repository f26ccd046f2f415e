"""Batch throughput: pages/s with --jobs 1 and --jobs 2 over the same inputs, the speed-up,
and the time of an all-skipped rerun as a share of the first run.

Inputs: --count variants of the seed export (../shared/seed; one word changed in each, and
every fourth one repeated a few times so that documents differ in size), plus copies of
raw/briefing-interior-enforcement-print.pdf with a changed title when that file exists.

    python benchmarks/bench_batch.py [--count 40] [--pdfs 6]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pipeline.batch import Limits, run_batch

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "briefing-interior-enforcement.txt"
PDF = ROOT / "raw" / "briefing-interior-enforcement-print.pdf"


def build_inputs(raw: Path, count: int, pdfs: int) -> None:
    raw.mkdir(parents=True)
    seed = SEED.read_bytes()
    for n in range(count):
        text = seed.replace(b"Washtenaw,", f"Washtenaw-{n},".encode(), 1)
        (raw / f"brief-{n:03d}.txt").write_bytes(text * (1 + 3 * (n % 4 == 0)))
    if PDF.exists():
        data = PDF.read_bytes()
        for n in range(pdfs):
            # a same-length change keeps the cross-reference offsets right
            (raw / f"brief-{n:03d}.pdf").write_bytes(data.replace(b"Briefing", f"Brief{n:03d}"[:8].encode(), 1))


def timed(raw: Path, clean: Path, jobs: int) -> tuple[float, int]:
    started = time.perf_counter()
    _, summary = run_batch(raw, clean, jobs=jobs, limits=Limits(timeout=300, max_memory=2048))
    return time.perf_counter() - started, summary.pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40, help="text exports (default: 40)")
    parser.add_argument("--pdfs", type=int, default=6, help="PDF copies, when raw/ has the seed PDF (default: 6)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        build_inputs(raw, args.count, args.pdfs)
        inputs = sum(1 for _ in raw.iterdir())
        one, pages = timed(raw, Path(folder) / "clean-1", 1)
        two, _ = timed(raw, Path(folder) / "clean-2", 2)
        rerun, _ = timed(raw, Path(folder) / "clean-2", 2)
    print(f"{inputs} inputs, {pages} pages")
    print(f"--jobs 1: {one:6.2f} s  {pages / one:7.1f} pages/s")
    print(f"--jobs 2: {two:6.2f} s  {pages / two:7.1f} pages/s  (speed-up x{one / two:.2f})")
    print(f"all-skipped rerun: {rerun:.3f} s = {100 * rerun / two:.1f} % of the first --jobs 2 run")


if __name__ == "__main__":
    main()
