"""What the report adds to a batch: the time of ``write_report`` as a share of the batch's.

Inputs: the PDFs of ../shared/corpus/real (linked, not copied) and the samples in raw/.
The batch runs with --jobs workers (``run_batch``), then the report is written for all of
it (every page of every PDF rendered), then once more with nothing changed (the index
only). Each step is timed in this one process, after a warm-up batch on one file so that
imports are not counted against either side. The issue's bar: the report adds at most 25 %.

    python benchmarks/bench_report.py [--jobs 2] [--limit 0]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def link_inputs(raw: Path, limit: int) -> int:
    raw.mkdir(parents=True)
    sources = sorted(CORPUS.glob("*.pdf")) + sorted((ROOT / "raw").glob("*.*"))
    if limit:
        sources = sources[:limit]
    for source in sources:
        (raw / source.name).symlink_to(source.resolve())
    return len(sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N inputs (0: all)")
    args = parser.parse_args()

    from pipeline.batch import run_batch
    from pipeline.report import write_report

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        warm = root / "warm"
        warm.mkdir()
        (warm / "a.pdf").symlink_to((ROOT / "raw" / "detainers-by-county-data-brief.pdf").resolve())
        run_batch(warm, root / "warm-clean", follow_links=True)  # the inputs are links to the corpus
        write_report(root / "warm-clean", warm)

        count = link_inputs(root / "raw", args.limit)
        started = time.perf_counter()
        rows, summary = run_batch(root / "raw", root / "clean", jobs=args.jobs, follow_links=True)
        batch = time.perf_counter() - started
        started = time.perf_counter()
        result = write_report(root / "clean", root / "raw")
        report = time.perf_counter() - started
        started = time.perf_counter()
        write_report(root / "clean", root / "raw")
        rerun = time.perf_counter() - started
        images = sorted((root / "clean" / "report").rglob("p*.jpg"))
        sizes = sorted(image.stat().st_size for image in images)
        pages = sum(int(row["pages"] or 0) for row in rows if row["status"] == "ok")
        print(f"inputs {count}: {summary.line()}")
        print(f"batch (--jobs {args.jobs}) {batch:.1f} s; report {report:.1f} s ({result.written} documents, "
              f"{len(images)} page images) = {100 * report / batch:.0f} % of the batch; "
              f"unchanged rerun of the report {rerun:.2f} s")
        if sizes:
            print(f"page images: {pages} pages, median {sizes[len(sizes) // 2] / 1000:.0f} KB, "
                  f"largest {sizes[-1] / 1000:.0f} KB, total {sum(sizes) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
