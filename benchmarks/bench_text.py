"""Speed and memory of the whole pipeline on a 10 MB text export, beside ftfy.fix_text.

Builds the input by repeating the seed export (../shared/seed) to 10 MB, then in one run
times (best of --repeat) the whole pipeline (read, normalize, structure, write to a temporary
folder) and ``ftfy.fix_text`` alone on the same text, and prints MB/s for both, their
ratio, and the pipeline's peak traced memory against the input size.

    python benchmarks/bench_text.py [--mb 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
import tracemalloc
from pathlib import Path

import ftfy

from pipeline import process
from pipeline.write import write_document

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "briefing-interior-enforcement.txt"


def build_input(folder: Path, megabytes: float) -> Path:
    seed = SEED.read_bytes()
    copies = int(megabytes * 1_000_000 // len(seed)) + 1
    path = folder / "repeated-seed.txt"
    path.write_bytes(seed * copies)
    return path


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def time_ftfy(text: str, repeat: int) -> float:
    return best_of(repeat, lambda: ftfy.fix_text(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        path = build_input(folder_path, args.mb)
        size = path.stat().st_size
        text = path.read_text(encoding="utf-8")

        def run_pipeline() -> None:
            write_document(process(path), folder_path / "clean")

        pipeline_seconds = best_of(args.repeat, run_pipeline)
        ftfy_seconds = time_ftfy(text, args.repeat)
        del text
        gc.collect()
        tracemalloc.start()
        run_pipeline()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    megabytes = size / 1_000_000
    print(f"input: {megabytes:.1f} MB (the seed export repeated)")
    print(f"pipeline (read+normalize+structure+write): {pipeline_seconds:.2f} s, {megabytes / pipeline_seconds:.2f} MB/s")
    print(f"ftfy.fix_text alone:                       {ftfy_seconds:.2f} s, {megabytes / ftfy_seconds:.2f} MB/s")
    print(f"ratio (pipeline speed / ftfy speed): {ftfy_seconds / pipeline_seconds:.2f}  (target >= 2.0)")
    print(f"peak traced memory: {peak / 1e6:.0f} MB = {peak / size:.1f}x the input  (target < 10x)")


if __name__ == "__main__":
    main()
