"""The corpus pass at scale: near-duplicates and boilerplate over synthetic documents.

Makes N documents of about 300 words (unrelated word soup from a seeded generator), one in
ten a near copy of an earlier one (a sentence added), and one in three printing one of five
"about us" paragraphs; then times, in one process, what the batch's corpus pass does:
MinHash signatures (datasketch), near-duplicate candidates (datasketch's MinHashLSH, and the
same bands grouped by a Dask shuffle on a local cluster with ``--dask``), confirmation, and
boilerplate counting, with the peak memory of the process. Checks that every planted copy
is found and no unrelated pair is.

    python benchmarks/bench_corpus.py --documents 100000 [--dask]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.corpus.boilerplate import boilerplate_keys
from pipeline.corpus.duplicates import cluster_candidates, local_candidates, near_duplicates
from pipeline.corpus.fingerprints import Fingerprint, block_key, signature_of
from pipeline.settings import CorpusSettings

VOCABULARY = ["".join(chr(97 + (n // 26**k) % 26) for k in range(3)) + "o" for n in range(5000)]
"""Letters only: block keys blank numbers, so ``w17`` and ``w42`` would be one word."""
ABOUT = [f"About the {name} Council: a nonprofit that has worked for fair immigration law since {1970 + n}; this is not legal advice."
         for n, name in enumerate(("Harbor", "Prairie", "Mountain", "River", "Valley"))]
REISSUE = "One more sentence added to the re-issued edition of this report."


def documents(count: int) -> tuple[list[tuple[str, list[str]]], dict[int, int]]:
    """``(id, paragraphs)`` for each document, and the planted near copies (copy → original)."""
    chooser = random.Random(7)
    made: list[tuple[str, list[str]]] = []
    planted = {}
    for n in range(count):
        if n % 10 == 9:
            original = chooser.randrange(n)
            while original in planted:
                original = chooser.randrange(n)
            planted[n] = original
            made.append((f"d{n}", made[original][1] + [REISSUE]))
            continue
        paragraphs = [" ".join(chooser.choice(VOCABULARY) for _ in range(60)) for _ in range(5)]
        if n % 3 == 0:
            paragraphs.append(ABOUT[n % 5])
        made.append((f"d{n}", paragraphs))
    return made, planted


def fingerprint(doc_id: str, paragraphs: list[str], settings: CorpusSettings) -> Fingerprint:
    ids = tuple(f"b{i}" for i in range(len(paragraphs)))
    return Fingerprint(doc_id, "", signature_of("\n\n".join(paragraphs), settings), ids, tuple(block_key(p) for p in paragraphs))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--dask", action="store_true", help="also find the candidates on a local Dask cluster")
    args = parser.parse_args()
    settings = CorpusSettings()
    made, planted = documents(args.documents)
    before = peak_mib()
    started, cpu_started = time.perf_counter(), time.process_time()
    fingerprints = [fingerprint(doc_id, paragraphs, settings) for doc_id, paragraphs in made]
    del made
    signed, cpu_signed = time.perf_counter(), time.process_time()
    candidates = local_candidates(fingerprints, settings)
    indexed = time.perf_counter()
    near = near_duplicates(fingerprints, settings, candidates)
    keys = boilerplate_keys(fingerprints, {doc_id: mark.original for doc_id, mark in near.items()}, settings)
    done, cpu_done = time.perf_counter(), time.process_time()
    found = {int(doc_id[1:]): int(mark.original[1:]) for doc_id, mark in near.items()}
    print(f"documents                 {args.documents}")
    print(f"signatures                {signed - started:8.1f} s  ({args.documents / (signed - started):,.0f} documents/s; "
          f"CPU {cpu_signed - cpu_started:.1f} s)")
    print(f"LSH candidates (local)    {indexed - signed:8.1f} s")
    print(f"confirm + boilerplate     {done - indexed:8.1f} s")
    print(f"whole pass                {done - started:8.1f} s  (CPU {cpu_done - cpu_started:.1f} s: the wall time on a shared machine is longer)")
    print(f"peak memory               {peak_mib():8.0f} MiB (documents made: {before:.0f} MiB)")
    print(f"planted copies found      {sum(1 for copy, original in planted.items() if found.get(copy) == original)} of {len(planted)}")
    print(f"unplanted marks           {sum(1 for copy in found if copy not in planted)}")
    planted_keys = {block_key(text) for text in [*ABOUT, REISSUE]}
    print(f"boilerplate keys          {len(keys)} (planted: {len(planted_keys)}, found of them: {len(keys & planted_keys)})")
    if args.dask:
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
            began = time.perf_counter()
            clustered = cluster_candidates(fingerprints, settings, client)
            print(f"LSH candidates (Dask, 2 workers) {time.perf_counter() - began:8.1f} s; same as local: {clustered == candidates}")


if __name__ == "__main__":
    main()
