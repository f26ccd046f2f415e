"""The command line: ``pipeline run [RAW] [CLEAN]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXAMPLES = """examples:
  pipeline run                      # raw/ -> clean/
  pipeline run ~/briefs out/ --jobs 4
  pipeline run --only '*.pdf' --force
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline", description="Clean, structured text from PDFs and broken text exports of PDFs.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from pipeline import __version__

    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run", help="process every PDF and text export under RAW into CLEAN",
        description="Process every PDF (.pdf) and text export (.txt) under RAW, recursively, into CLEAN: "
        "one folder per document (text.txt, text.md, document.json, footnotes.csv, tables/), "
        "plus manifest.csv and corpus.jsonl. Unchanged documents are skipped.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("raw", nargs="?", default="raw", type=Path, help="input folder (default: raw/)")
    run.add_argument("clean", nargs="?", default="clean", type=Path, help="output folder (default: clean/)")
    run.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: all cores)")
    run.add_argument("--force", action="store_true", help="redo every document, ignoring the cache")
    run.add_argument("--only", metavar="GLOB", help="only inputs whose name or relative path matches GLOB")
    output = run.add_mutually_exclusive_group()
    output.add_argument("--quiet", "-q", action="store_true", help="print only failures and the summary")
    output.add_argument("--verbose", "-v", action="store_true", help="print a line for every document")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args, parser)
    return 2


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pipeline.batch import default_jobs, run_batch

    if not args.raw.is_dir():
        parser.error(f"raw folder not found: {args.raw}")
    if args.jobs is not None and args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    jobs = args.jobs or default_jobs()

    def report(outcome) -> None:  # type: ignore[no-untyped-def]
        row = outcome.row
        if row["status"] == "failed":
            print(f"failed  {row['source']}: {row['error']}", file=sys.stderr)
        elif args.verbose or (not args.quiet and row["status"] == "ok"):
            print(f"{row['status']:7} {row['source']} -> {args.clean / row['id']} ({row['pages']} pages, {row['footnotes']} footnotes)")

    rows, summary = run_batch(args.raw, args.clean, jobs=jobs, force=args.force, only=args.only, report=report)
    print(summary.line())
    return 1 if summary.counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
