"""Faulty inputs told truly: how many of the fault folder's inputs (tests/fault_inputs.py) are
mis-reported by ``pipeline run``, and how many of ten real PDFs with twenty flipped bytes
each are read.

An input is mis-reported when it has no manifest row or more than one, when its status or
failure kind is not one a true report may give, or when its reason does not start with a
known kind; a file outside RAW whose text reaches ``corpus.jsonl`` counts too.

    python benchmarks/bench_faults.py
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

try:
    from pipeline.errors import failure_kind
except ImportError:  # before the failure kinds existed: no reason has a known kind

    def failure_kind(message: str) -> str:
        return ""
from tests.fault_inputs import SECRET, flip_bytes, make_fault_folder

REAL = ROOT.parent / "shared" / "corpus" / "real"
FLIPPED_SOURCES = [
    "aclu-ninth-circuit-motion.pdf", "amnesty-urgent-action-honduras.pdf", "dmca-copyright-office-summary.pdf",
    "fifth-circuit-per-curiam-opinion.pdf", "finland-education-policy-profile.pdf", "eu-sovereign-cds-report.pdf",
    "census-disability-report-2010.pdf", "federal-register-proposed-rule-2020.pdf", "chinese-quarterly-report-headers.pdf",
    "french-medical-doubled-chars.pdf",
]


def run(raw: Path, clean: Path) -> tuple[list[dict[str, str]], str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(raw), str(clean), "--jobs", "2", "--timeout", "60", "--max-memory", "700", "-q"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    rows = []
    if (clean / "manifest.csv").exists():
        with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    corpus = (clean / "corpus.jsonl").read_text(encoding="utf-8", errors="replace") if (clean / "corpus.jsonl").exists() else ""
    return rows, corpus, result.stderr


def misreported(rows: list[dict[str, str]], corpus: str, expected: dict[str, set[str]]) -> list[str]:
    found = Counter(row["source"] for row in rows)
    bad = [f"{source}: {found[source]} rows" for source in expected if found[source] != 1]
    for row in rows:
        accepted = expected.get(row["source"])
        if accepted is None:
            bad.append(f"{row['source']}: not an input")
            continue
        status = "ok" if row["status"] in ("ok", "skipped") else failure_kind(row["error"])
        if status not in accepted:
            bad.append(f"{row['source']}: {row['status']} {row['error']!r}, expected {sorted(accepted)}")
    if SECRET in corpus or "root:x:0:0" in corpus:
        bad.append("text from outside RAW in corpus.jsonl")
    return bad


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        raw, expected = make_fault_folder(Path(folder))
        rows, corpus, stderr = run(raw, Path(folder) / "clean")
        bad = misreported(rows, corpus, expected)
        tracebacks = stderr.count("Traceback")
        print(f"fault folder: {len(expected)} inputs, {len(bad)} mis-reported, {tracebacks} tracebacks")
        for line in bad:
            print("  " + line)
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        raw.mkdir()
        for seed, name in enumerate(FLIPPED_SOURCES, start=1):
            (raw / name).write_bytes(flip_bytes((REAL / name).read_bytes(), seed))
        rows, _, _ = run(raw, Path(folder) / "clean")
        read = sum(row["status"] == "ok" for row in rows)
        print(f"byte-flipped real PDFs: {read} of {len(FLIPPED_SOURCES)} read")
        for row in rows:
            print(f"  {row['source']}: {row['status']} {row['error']} {row.get('repaired', '')} {row.get('pages_lost', '')}".rstrip())


if __name__ == "__main__":
    main()
