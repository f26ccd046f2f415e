"""Batch throughput: pages/s with --jobs 1 and --jobs 2 over the same inputs, the speed-up,
and the time of an all-skipped rerun as a share of the first run.

Inputs: --count variants of the seed export (../shared/seed; one word changed in each, and
every fourth one repeated a few times so that documents differ in size), plus copies of
raw/briefing-interior-enforcement-print.pdf with a changed title when that file exists.

Each batch runs in a fresh Python process, as a user's would (word lists not yet loaded),
timed from the call of ``run_batch`` to its return; --repeat pairs of --jobs 1 and --jobs 2
alternate, so that a slower or busier stretch of the machine touches both. The all-skipped
rerun is timed the same way, and also as the whole command (``python -m pipeline run``,
interpreter start-up and imports included).

    python benchmarks/bench_batch.py [--count 40] [--pdfs 6] [--repeat 3]
    python benchmarks/bench_batch.py --corpus ../shared/corpus/real --engine pdfium [--repeat 2]

``--corpus`` batches the PDFs of a folder instead (linked, not copied; OCR off, so scans are
refused at once), ``--engine`` picks the PDF character engine (default: the settings').
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def link_corpus(raw: Path, corpus: Path) -> None:
    """The folder's PDFs, linked into ``raw``."""
    raw.mkdir(parents=True)
    for path in sorted(corpus.glob("*.pdf")):
        (raw / path.name).symlink_to(path.resolve())


def run_once(raw: Path, clean: Path, jobs: int, engine: str = "") -> None:
    """The child's side of :func:`timed`: one batch, its seconds and pages on stdout."""
    from dataclasses import replace

    from pipeline.batch import run_batch
    from pipeline.settings import Settings
    from pipeline.workers import Limits

    settings = Settings()
    if engine:
        settings = replace(settings, extract=replace(settings.extract, pdf_engine=engine, ocr="off"))
    started = time.perf_counter()
    _, summary = run_batch(raw, clean, settings, jobs=jobs, limits=Limits(timeout=300, max_memory=2048), follow_links=True)
    print(time.perf_counter() - started, summary.pages)


ENGINE = [""]


def timed(raw: Path, clean: Path, jobs: int) -> tuple[float, int]:
    """Seconds and pages of one batch run in a fresh process."""
    command = [sys.executable, __file__, "--once", str(raw), str(clean), str(jobs), ENGINE[0]]
    seconds, pages = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    return float(seconds), int(pages)


def timed_command(raw: Path, clean: Path, linked: bool = False) -> float:
    """Seconds of the whole ``pipeline run`` command, start-up included (``linked``: the
    inputs are links out of ``raw``, as ``--corpus`` makes them, which the command follows
    only when told)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(raw), str(clean), "--quiet", "--jobs", "2",
                           *(["--follow-links"] if linked else [])], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # 1: some inputs failed (a corpus's scans with OCR off), as the batch says
        raise SystemExit(f"pipeline run stopped with status {done.returncode}: {done.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40, help="text exports (default: 40)")
    parser.add_argument("--pdfs", type=int, default=6, help="PDF copies, when raw/ has the seed PDF (default: 6)")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of --jobs 1 and --jobs 2 runs (default: 3)")
    parser.add_argument("--corpus", type=Path, help="batch this folder's PDFs instead (OCR off)")
    parser.add_argument("--engine", choices=("pdfium", "pdfplumber"), default="", help="PDF character engine")
    parser.add_argument("--once", nargs=4, metavar=("RAW", "CLEAN", "JOBS", "ENGINE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        run_once(Path(args.once[0]), Path(args.once[1]), int(args.once[2]), args.once[3])
        return
    ENGINE[0] = args.engine or ("pdfplumber" if args.corpus else "")
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        if args.corpus:
            link_corpus(raw, args.corpus)
        else:
            build_inputs(raw, args.count, args.pdfs)
        print(f"{sum(1 for _ in raw.iterdir())} inputs", flush=True)
        speed_ups, firsts = [], []
        for n in range(args.repeat):
            one, pages = timed(raw, Path(folder) / f"clean-1-{n}", 1)
            two, _ = timed(raw, Path(folder) / f"clean-2-{n}", 2)
            speed_ups.append(one / two)
            firsts.append(two)
            print(f"{pages} pages  --jobs 1: {one:5.2f} s {pages / one:6.1f} pages/s   "
                  f"--jobs 2: {two:5.2f} s {pages / two:6.1f} pages/s   speed-up x{one / two:.2f}", flush=True)
        clean = Path(folder) / f"clean-2-{args.repeat - 1}"
        reruns = [timed(raw, clean, 2)[0] for _ in range(3)]
        commands = [timed_command(raw, clean, linked=bool(args.corpus)) for _ in range(3)]
    first = statistics.median(firsts)
    print(f"speed-up: median x{statistics.median(speed_ups):.2f}, range x{min(speed_ups):.2f}-{max(speed_ups):.2f}")
    print(f"all-skipped rerun: {1000 * min(reruns):.1f}-{1000 * max(reruns):.1f} ms = "
          f"{100 * min(reruns) / first:.2f}-{100 * max(reruns) / first:.2f} % of the median first --jobs 2 run ({first:.2f} s)")
    print(f"  as a command (start-up and imports included): {1000 * min(commands):.0f}-{1000 * max(commands):.0f} ms = "
          f"{100 * min(commands) / first:.1f}-{100 * max(commands) / first:.1f} %")


if __name__ == "__main__":
    main()
