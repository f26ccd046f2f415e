"""Pages per second: the whole pipeline on PDFs against pdfplumber's plain ``extract_text``.

Runs ``pipeline.process`` over every PDF in ../shared/corpus/real (or the folder given)
and, in the same run, pdfplumber's ``page.extract_text()`` over the same pages, then
prints pages/s for both and their ratio, and the share of the pipeline's time spent in the
table pass (pages with no ruling lines and no aligned columns skip its expensive search). The pipeline reads each page's characters once
and lays them out itself, so it should keep up with (ratio >= 1.0) a plain text dump
that does none of the structure work.

    .venv/bin/python benchmarks/bench_pdf.py [corpus-dir] [--repeat N] [--engine pdfium|pdfplumber] [--profile] [--ocr off|auto]

``--engine`` picks the character engine (default: the settings' default, pdfplumber); the
last line gives the process's peak memory (one process: what one batch worker needs);
``--profile`` prints where the pipeline's time goes (cProfile, top functions by own time).

Files that the pipeline refuses (encrypted, scanned, damaged) or fails on are listed with
the reason and left out of both sums.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "real"


SETTINGS: list = [None]
PROFILER: list = [None]


def time_pipeline(path: Path) -> tuple[float, int] | str:
    """Seconds for ``pipeline.process`` and the page count, or why it was refused."""
    from pipeline.errors import DocumentError
    from pipeline.process import process

    start = time.perf_counter()
    try:
        if PROFILER[0] is not None:
            PROFILER[0].enable()
        try:
            document = process(path, SETTINGS[0])
        finally:
            if PROFILER[0] is not None:
                PROFILER[0].disable()
    except DocumentError as error:
        return f"refused: {error}"
    except Exception as error:  # noqa: BLE001  (a bug in a stage: report it, keep timing the others)
        return f"error: {type(error).__name__}: {error}"
    return time.perf_counter() - start, int(document.metadata.get("pages", 0))


TABLE_SECONDS = [0.0]


def time_table_pass() -> None:
    """Wrap the per-page table search with a timer (this benchmark only)."""
    import pipeline.tables.find as find

    search = find.find_source_page_tables

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return search(*args, **kwargs)
        finally:
            TABLE_SECONDS[0] += time.perf_counter() - start

    find.find_source_page_tables = timed


def time_pdfplumber(path: Path) -> float:
    """Seconds for pdfplumber to open the file and ``extract_text`` every page."""
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per file and tool")
    parser.add_argument("--engine", choices=("pdfium", "pdfplumber"), default=None, help="character engine (default: the settings', pdfplumber)")
    parser.add_argument("--profile", action="store_true", help="print the pipeline's top functions by own time")
    parser.add_argument("--ocr", choices=("off", "auto"), default="off",
                        help="OCR of pages with no text layer (default off: scans are refused and left out of both"
                             " sums, since extract_text reads nothing there; OCR speed is bench_ocr.py's)")
    args = parser.parse_args(argv)
    from dataclasses import replace

    from pipeline.settings import Settings

    settings = Settings()
    settings = replace(settings, extract=replace(settings.extract, ocr=args.ocr))
    if args.engine:
        settings = replace(settings, extract=replace(settings.extract, pdf_engine=args.engine))
    SETTINGS[0] = settings
    if args.profile:
        import cProfile

        PROFILER[0] = cProfile.Profile()
    paths = sorted(args.corpus.glob("*.pdf"))
    if not paths:
        print(f"no PDFs in {args.corpus}", file=sys.stderr)
        return 2
    import pdfplumber  # noqa: F401

    import pipeline.process  # noqa: F401  (import cost is not a per-page cost)

    time_table_pass()
    total_pages = 0
    total_pipeline = total_plumber = 0.0
    print(f"{'file':45} {'pages':>5} {'pipeline p/s':>12} {'pdfplumber p/s':>14} {'ratio':>6}")
    for path in paths:
        results = [time_pipeline(path) for _ in range(args.repeat)]
        failed = [result for result in results if isinstance(result, str)]
        if failed:
            print(f"{path.name[:45]:45}  -- {failed[0][:70]}")
            continue
        pages = results[0][1]  # type: ignore[index]
        ours = min(result[0] for result in results)  # type: ignore[index]
        try:
            theirs = min(time_pdfplumber(path) for _ in range(args.repeat))
        except Exception as error:  # noqa: BLE001  (pdfplumber refuses what our reader repairs)
            print(f"{path.name[:45]:45}  -- pdfplumber cannot read it: {str(error)[:50]}")
            continue
        total_pages += pages
        total_pipeline += ours
        total_plumber += theirs
        print(f"{path.name[:45]:45} {pages:5d} {pages / ours:12.1f} {pages / theirs:14.1f} {theirs / ours:6.2f}")
    ours_rate, theirs_rate = total_pages / total_pipeline, total_pages / total_plumber
    print(
        f"{'TOTAL':45} {total_pages:5d} {ours_rate:12.1f} {theirs_rate:14.1f} {ours_rate / theirs_rate:6.2f}"
        f"   (pipeline {total_pipeline:.1f} s, pdfplumber {total_plumber:.1f} s)"
    )
    print(f"table pass: {TABLE_SECONDS[0]:.1f} s, {TABLE_SECONDS[0] / max(total_pipeline, 1e-9):.0%} of the pipeline's time"
          " (all runs, failed files included)")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"engine {settings.extract.pdf_engine}, OCR {args.ocr}; peak memory of this process: {peak:.0f} MiB")
    if PROFILER[0] is not None:
        import pstats

        stats = pstats.Stats(PROFILER[0])
        total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
        rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:15]  # type: ignore[attr-defined]
        print("own time  share  function")
        for (filename, line, name), (_, _, own, _, _) in rows:
            print(f"{own:8.1f}s {own / total:6.1%}  {Path(filename).name}:{line} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
