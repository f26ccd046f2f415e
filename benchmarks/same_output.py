"""Same output before and after a change: every corpus PDF's files with one engine, written
to a folder, then two such folders compared byte for byte.

A speed change must not change what users get. Snapshot the code before the change (a
``git archive`` of the commit unpacked somewhere, named with ``--source``), snapshot the
code after, compare:

    python benchmarks/same_output.py snapshot /tmp/before --source /tmp/base-tree [--engine pdfium]
    python benchmarks/same_output.py snapshot /tmp/after [--engine pdfium]
    python benchmarks/same_output.py compare /tmp/before /tmp/after

Each document's ``text.txt``, ``text.md``, ``document.json``, ``footnotes.csv`` and table
CSVs are written under ``<folder>/<pdf name>/``; a refused document writes ``refused.txt``
with the error, so a change in what is refused shows too. OCR is off (scans are refused at
once: OCR is not the reader's speed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "real"


def snapshot(out: Path, corpus: Path, engine: str) -> int:
    """Write every corpus PDF's files with ``engine`` under ``out``; the number of PDFs."""
    from dataclasses import replace

    from pipeline.errors import DocumentError
    from pipeline.process import process
    from pipeline.settings import Settings
    from pipeline.write import document_files

    settings = Settings()
    settings = replace(settings, extract=replace(settings.extract, pdf_engine=engine, ocr="off"))
    paths = sorted(corpus.glob("*.pdf"))
    for path in paths:
        folder = out / path.name
        folder.mkdir(parents=True, exist_ok=True)
        try:
            document = process(path, settings)
        except DocumentError as error:
            (folder / "refused.txt").write_text(f"{error}\n", encoding="utf-8")
            continue
        for name, content in document_files(document):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_bytes(content.encode("utf-8", "surrogatepass"))  # a lone surrogate shows as a difference, not a crash
        print(path.name, flush=True)
    return len(paths)


def compare(before: Path, after: Path) -> list[str]:
    """The files that differ, are missing or are new, as one line each."""
    old = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    new = {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    problems = [f"missing after: {p}" for p in sorted(old - new)] + [f"new after: {p}" for p in sorted(new - old)]
    problems += [f"differs: {p}" for p in sorted(old & new) if (before / p).read_bytes() != (after / p).read_bytes()]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot", help="write every corpus PDF's files into a folder")
    snap.add_argument("out", type=Path)
    snap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    snap.add_argument("--engine", choices=("pdfium", "pdfplumber"), default="pdfium")
    snap.add_argument("--source", type=Path, default=ROOT, help="the source tree to import pipeline from")
    both = commands.add_parser("compare", help="compare two snapshots byte for byte")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        sys.path.insert(0, str(args.source.resolve()))
        count = snapshot(args.out, args.corpus.resolve(), args.engine)
        print(f"{count} PDFs written under {args.out}")
        return 0
    problems = compare(args.before, args.after)
    print("\n".join(problems) if problems else "the same, byte for byte")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
