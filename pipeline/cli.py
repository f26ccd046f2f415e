"""The command line: ``pipeline run [RAW] [CLEAN]``, and one command per stage.

Exit status: 0 when every document is ``ok`` or ``skipped``, 1 when any ``failed``, 2 for
bad usage (a missing folder, a bad option, a bad settings file), 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, TextIO

RUN_EXAMPLES = """examples:
  pipeline run                                  # raw/ -> clean/, all cores
  pipeline run ~/briefs out/ --jobs 4 --timeout 120 --max-memory 4096
  pipeline run --only '*.pdf' --force           # redo the PDFs only
  pipeline run raw clean --quiet                # failures and the summary only
  pipeline run raw clean --dask local           # a local Dask cluster
  pipeline run raw clean --dask tcp://10.0.0.5:8786
  pipeline run raw clean --keep-stages          # also keep clean/.stages/<id>/*.jsonl

settings: RAW/pipeline.toml, RAW/pyproject.toml [tool.pipeline], or the same two in
RAW's parent (the first found), or --settings FILE; e.g. pipeline.toml:
  [normalize]
  straighten_quotes = true

exit status: 0 all ok or skipped, 1 some failed, 2 bad usage, 130 interrupted
"""

STAGE_EXAMPLES = """examples:
  pipeline extract raw clean      # clean/.stages/<id>/extract.jsonl
  pipeline normalize raw clean    # extract.jsonl -> normalize.jsonl
  pipeline structure raw clean    # normalize.jsonl -> structure.jsonl
  pipeline write raw clean        # structure.jsonl -> clean/<id>/, manifest.csv, corpus.jsonl

Each stage reads what the one before it left under CLEAN/.stages/<doc-id>/, one JSON
object a line, so a stage can be inspected, edited or rerun alone. 'pipeline run' does
all four in memory (add --keep-stages to keep the files).
"""

STAGE_HELP = {
    "extract": "read each input into CLEAN/.stages/<id>/extract.jsonl (one line per text line)",
    "normalize": "repair the characters of extract.jsonl into normalize.jsonl",
    "structure": "group normalize.jsonl into blocks, footnotes and notes: structure.jsonl",
    "write": "write the output folders, manifest.csv and corpus.jsonl from structure.jsonl",
}


def build_parser() -> argparse.ArgumentParser:
    from pipeline import __version__

    parser = argparse.ArgumentParser(
        prog="pipeline", description="Clean, structured text from PDFs and broken text exports of PDFs.",
        epilog=RUN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run", help="process every PDF and text export under RAW into CLEAN",
        description="Process every PDF (.pdf) and text export (.txt) under RAW, recursively, into CLEAN: "
        "one folder per document (text.txt, text.md, document.json, footnotes.csv, tables/), "
        "plus manifest.csv and corpus.jsonl. Unchanged documents are skipped. Each document runs in "
        "a worker process that is killed past --timeout or --max-memory; the batch goes on.",
        epilog=RUN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(run)
    add_workers(run)
    run.add_argument("--force", action="store_true", help="redo every document, ignoring the cache")
    run.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'")
    run.add_argument("--keep-stages", action="store_true", help="also write CLEAN/.stages/<id>/{extract,normalize,structure}.jsonl")
    for name, help_text in STAGE_HELP.items():
        stage = commands.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
            epilog=STAGE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add_common(stage)
        if name == "extract":
            add_workers(stage)
    return parser


def add_common(command: argparse.ArgumentParser) -> None:
    command.add_argument("raw", nargs="?", default="raw", type=Path, help="input folder (default: raw/)")
    command.add_argument("clean", nargs="?", default="clean", type=Path, help="output folder (default: clean/)")
    command.add_argument("--only", metavar="GLOB", help="only inputs whose name or relative path matches GLOB")
    command.add_argument("--settings", metavar="FILE", type=Path, help="settings file (default: pipeline.toml or pyproject.toml by RAW)")
    command.add_argument("--engine", choices=("pdfium", "pdfplumber"), default=None,
                         help="PDF character engine (default: the settings' pdf_engine, pdfplumber)")
    output = command.add_mutually_exclusive_group()
    output.add_argument("--quiet", "-q", action="store_true", help="print only failures and the summary")
    output.add_argument("--verbose", "-v", action="store_true", help="print a line for every document, skipped ones too")


def add_workers(command: argparse.ArgumentParser) -> None:
    command.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: all cores)")
    command.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                         help="fail a document that takes longer, and replace its worker (default: 300; 0: none)")
    command.add_argument("--max-memory", type=int, default=2048, metavar="MB",
                         help="address space per worker; a document needing more fails (default: 2048; 0: none)")


def stop_on_sigterm() -> None:
    """``kill PID`` stops the batch like Ctrl-C: workers stopped, manifest written."""
    import signal

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def main(argv: list[str] | None = None) -> int:
    stop_on_sigterm()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        parser.error(f"raw folder not found: {args.raw}")
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    if getattr(args, "timeout", 0) < 0 or getattr(args, "max_memory", 0) < 0:
        parser.error("--timeout and --max-memory must not be negative")
    try:
        settings = load_settings(args)
    except (OSError, ValueError) as error:
        parser.error(str(error))
    try:
        if args.command == "run":
            return run(args, settings)
        from pipeline.stages import run_stage

        progress = Progress(args)
        _, summary = run_stage(args.command, args.raw, args.clean, settings, only=args.only, report=progress.report,
                                  announce=progress.announce, **worker_options(args))
        progress.close()
        return finish(summary, args)
    except KeyboardInterrupt:
        print("interrupted: the documents written so far are kept, and skipped on the next run", file=sys.stderr)
        return 130


def load_settings(args: argparse.Namespace) -> Any:
    from pipeline.config import find_settings
    from pipeline.config import load_settings as load_file

    if args.settings:
        settings = load_file(args.settings)
    else:
        settings, path = find_settings(args.raw)
        if path and args.verbose:
            print(f"settings from {path}", file=sys.stderr)
    return with_engine(settings, getattr(args, "engine", None))


def with_engine(settings: Any, engine: str | None) -> Any:
    """``--engine`` overrides the settings file's ``pdf_engine``."""
    from dataclasses import replace

    return replace(settings, extract=replace(settings.extract, pdf_engine=engine)) if engine else settings


def worker_options(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline.batch import default_jobs
    from pipeline.workers import Limits

    if not hasattr(args, "jobs"):
        return {}
    limits = Limits(timeout=args.timeout or None, max_memory=args.max_memory or None)
    return {"jobs": args.jobs or default_jobs(), "limits": limits}


def run(args: argparse.Namespace, settings: Any) -> int:
    from pipeline.batch import run_batch

    progress = Progress(args)
    options = worker_options(args)
    if args.keep_stages:
        from pipeline.stages import run_batch_keeping_stages

        _, summary = run_batch_keeping_stages(args.raw, args.clean, settings, force=args.force, only=args.only,
                                                 report=progress.report, announce=progress.announce, dask=args.dask, **options)
    else:
        _, summary = run_batch(args.raw, args.clean, settings, force=args.force, only=args.only, report=progress.report,
                                  announce=progress.announce, dask=args.dask, **options)
    progress.close()
    return finish(summary, args)


def finish(summary: Any, args: argparse.Namespace) -> int:
    print(summary.line())
    return 1 if summary.counts["failed"] else 0


class Progress:
    """A bar on a terminal (tqdm when installed, else one carriage-return line on stderr),
    plain log lines otherwise, so that logs of cron jobs and CI stay readable."""

    def __init__(self, args: argparse.Namespace, stream: TextIO | None = None) -> None:
        self.args = args
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.bar: Any = None
        self.total = self.done = 0
        self.started = time.monotonic()

    def announce(self, total: int, todo: int) -> None:
        self.total = total
        if not self.interactive or self.args.quiet:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            return
        tqdm.monitor_interval = 0  # no monitor thread: workers are forked
        self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True)

    def report(self, outcome: Any) -> None:
        row = outcome.row
        self.done += 1
        line = None
        if row["status"] == "failed":
            line = f"failed  {row['source']}: {row['error']}"
        elif self.args.verbose or (not self.args.quiet and not self.interactive and row["status"] == "ok"):
            line = f"{row['status']:7} {row['source']} -> {self.args.clean / row['id']} ({row['pages']} pages, {row['footnotes']} footnotes)"
        if line:
            self.write(line, to_stderr=row["status"] == "failed")
        if self.bar is not None:
            self.bar.update(1)
        elif self.interactive and not self.args.quiet:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            self.stream.write(f"\r{self.done}/{self.total} documents ({rate:.1f}/s)\x1b[K")
            self.stream.flush()

    def write(self, line: str, *, to_stderr: bool) -> None:
        stream = sys.stderr if to_stderr else sys.stdout
        if self.bar is not None:
            self.bar.write(line, file=stream)
            return
        if self.interactive and not self.args.quiet:
            self.stream.write("\r\x1b[K")
        print(line, file=stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.interactive and not self.args.quiet and self.done:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


if __name__ == "__main__":
    sys.exit(main())
