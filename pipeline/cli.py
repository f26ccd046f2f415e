"""The command line: ``pipeline run [RAW] [CLEAN]``, and one command per stage.

Exit status: 0 when every document is ``ok`` or ``skipped``, 1 when any ``failed``, 2 for
bad usage (a missing folder, a bad option, a bad settings file, RAW given as CLEAN, ``--dask``
without dask), 3 when the batch could not start or go on (CLEAN in use by another batch, disk
full; what was written is kept), 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, TextIO

RUN_EXAMPLES = """examples:
  pipeline run                                  # raw/ -> clean/, all cores
  pipeline run some/brief.pdf out/              # one file (or several) -> out/
  pipeline run raw clean --report               # and clean/report/index.html to look at
  pipeline run ~/briefs out/ --jobs 4 --timeout 120 --max-memory 4096
  pipeline run --only '*.pdf' --force           # redo the PDFs only
  pipeline run raw clean --quiet                # failures and the summary only
  pipeline run raw clean --dask local           # a local Dask cluster
  pipeline run raw clean --dask tcp://10.0.0.5:8786
  pipeline run raw clean --keep-stages          # also keep clean/.stages/<id>/*.jsonl
  pipeline run raw clean --dedup drop --drop-boilerplate   # a corpus with each text once, no templates
  pipeline export clean --to parquet shards/    # the corpus as Parquet shards
  pipeline run scans clean --ocr force --ocr-language fra   # OCR every page, in French

settings: RAW/pipeline.toml, RAW/pyproject.toml [tool.pipeline], or the same two in
RAW's parent (the first found), or --settings FILE; e.g. pipeline.toml:
  [normalize]
  straighten_quotes = true

exit status: 0 all ok, skipped or duplicate, 1 some failed or nothing found, 2 bad usage,
3 CLEAN in use or disk full, 130 interrupted
"""

REPORT_EXAMPLES = """examples:
  pipeline report                      # clean/report/index.html from clean/
  pipeline report out --raw ~/briefs   # where the sources are, for the page images
  pipeline report --force              # draw every document again

The report draws each PDF's pages from its source file (found beside CLEAN, or under --raw);
only documents whose document.json changed since the last report are drawn again.
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
    from pipeline.version import __version__

    parser = argparse.ArgumentParser(
        prog="pipeline", description="Clean, structured text from PDFs and broken text exports of PDFs.",
        epilog=RUN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"pipeline {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run", help="process every PDF and text export under RAW into CLEAN",
        description="Process every PDF (.pdf) and text export (.txt) under RAW, recursively (or the files named), into CLEAN: "
        "one folder per document (text.txt, text.md, document.json, footnotes.csv, tables/), "
        "plus manifest.csv and corpus.jsonl. Unchanged documents are skipped. Each document runs in "
        "a worker process that is killed past --timeout or --max-memory; the batch goes on.",
        epilog=RUN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_paths(run)
    add_options(run)
    add_workers(run)
    run.add_argument("--report", action="store_true", help="also write CLEAN/report/ (index.html and a page per document)")
    run.add_argument("--force", action="store_true", help="redo every document, ignoring the cache")
    run.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'")
    run.add_argument("--keep-stages", action="store_true", help="also write CLEAN/.stages/<id>/{extract,normalize,structure}.jsonl")
    add_safety_options(run)
    run.add_argument("--dedup", choices=("mark", "drop"), default="mark",
                     help="near-duplicates: name them in the manifest (mark, the default) or also leave them out of corpus.jsonl (drop)")
    run.add_argument("--drop-boilerplate", action="store_true",
                     help="leave blocks printed in many documents out of the corpus text (text.txt keeps them)")
    export = commands.add_parser(
        "export", help="write CLEAN's corpus as Parquet shards into OUT",
        description="Write the corpus of a finished batch (CLEAN/corpus.jsonl and each document's structure) as Parquet "
        "shards, one row per document: id, text, language, pages, sha256, source, title, created, warnings, blocks.",
    )
    export.add_argument("clean", type=Path, help="a folder written by 'pipeline run'")
    export.add_argument("--to", choices=("parquet",), required=True, help="the format (parquet)")
    export.add_argument("out", type=Path, help="the folder for the shards (corpus-00000.parquet, …)")
    report = commands.add_parser(
        "report", help="write CLEAN/report/: the batch and every document, with the pages drawn",
        description="Write static pages under CLEAN/report/ that open offline: index.html (every document of the "
        "manifest, sortable and filterable, with plots) and <doc-id>.html (its pages with blocks, markers, notes, "
        "removed heads and footers, tables drawn where they were found, beside its clean text, footnotes and warnings).",
        epilog=REPORT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("clean", nargs="?", default="clean", type=Path, help="output folder of a run (default: clean/)")
    report.add_argument("--raw", type=Path, metavar="RAW", help="the input folder, when the sources are not beside CLEAN")
    report.add_argument("--force", action="store_true", help="draw every document again")
    for name, help_text in STAGE_HELP.items():
        stage = commands.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
            epilog=STAGE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add_common(stage)
        if name == "extract":
            add_workers(stage)
    return parser


def add_ocr_options(command: argparse.ArgumentParser) -> None:
    """``--ocr`` and ``--ocr-language``: how pages without a text layer are read."""
    command.add_argument("--ocr", choices=("auto", "off", "force"), default=None,
                         help="read pages without a usable text layer with Tesseract (auto, the default), "
                         "never (off), or every page, ignoring an existing OCR layer (force)")
    command.add_argument("--ocr-language", metavar="LANG", default=None,
                         help="Tesseract language data for OCR, e.g. eng, fra, eng+deu (default: guessed per document)")


def apply_ocr_options(settings: Any, args: argparse.Namespace) -> Any:
    """The settings with the OCR options of the command line, which win over the settings file."""
    from dataclasses import replace

    changes = {key: value for key, value in (("ocr", getattr(args, "ocr", None)),
                                             ("ocr_language", getattr(args, "ocr_language", None))) if value is not None}
    return replace(settings, extract=replace(settings.extract, **changes)) if changes else settings


def add_common(command: argparse.ArgumentParser) -> None:
    command.add_argument("raw", nargs="?", default="raw", type=Path, help="input folder (default: raw/)")
    command.add_argument("clean", nargs="?", default="clean", type=Path, help="output folder (default: clean/)")
    add_options(command)


def add_paths(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="*", type=Path, metavar="RAW|FILE",
                         help="input folder (default: raw/) or input files, then the output folder (default: clean/)")


def split_paths(args: argparse.Namespace) -> tuple[Path | list[Path], Path]:
    """``run``'s positional paths as (inputs, output folder): none means raw/ and clean/; one is
    the input (a folder or a file); more are inputs followed by the output folder, as in ``cp``."""
    paths = args.paths
    if not paths:
        return Path("raw"), Path("clean")
    if len(paths) == 1:
        return (paths[0] if paths[0].is_dir() else [paths[0]]), Path("clean")
    inputs, clean = paths[:-1], paths[-1]
    if len(inputs) == 1 and inputs[0].is_dir():
        return inputs[0], clean
    return list(inputs), clean


def add_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--only", metavar="GLOB", help="only inputs whose name or relative path matches GLOB")
    command.add_argument("--settings", metavar="FILE", type=Path, help="settings file (default: pipeline.toml or pyproject.toml by RAW)")
    command.add_argument("--tables", metavar="FORMATS", help="write each table as these formats, comma-separated: "
                         "csv (default), parquet (typed columns; needs the parquet extra), e.g. csv,parquet")
    add_ocr_options(command)
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


def add_safety_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--follow-links", action="store_true",
                         help="also read files that links in RAW point to outside RAW (default: such links fail, unread)")


def run_problem(args: argparse.Namespace) -> str | None:
    """What keeps the command from running (RAW given as CLEAN, ``--dask`` without dask), as
    one line, or ``None``."""
    from pipeline.clean_folder import check_folders

    folders = [args.raw] if isinstance(args.raw, Path) else [path for path in args.raw if path.is_dir()]
    try:
        for folder in folders:
            check_folders(folder, args.clean)
    except ValueError as error:
        return str(error)
    if getattr(args, "dask", None):
        from pipeline.workers import dask_missing

        return dask_missing()
    return None


def run_guarded(args: argparse.Namespace, settings: Any) -> int:
    """Run the command; a batch that cannot start (CLEAN in use) or go on (disk full) ends
    with one line, status 3, what was written kept."""
    from pipeline.clean_folder import CleanInUse
    from pipeline.errors import BatchStopped

    try:
        return run_command(args, settings)
    except (CleanInUse, BatchStopped) as error:
        print(f"pipeline: {error}", file=sys.stderr)
        return 3


def run_command(args: argparse.Namespace, settings: Any) -> int:
    if args.command == "run":
        return run(args, settings)
    from pipeline.stages import run_stage

    progress = Progress(args)
    _, summary = run_stage(args.command, args.raw, args.clean, settings, only=args.only, report=progress.report,
                              announce=progress.announce, **worker_options(args))
    progress.close()
    return finish(summary, args)


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
    if args.command == "export":
        return export(args, parser)
    if args.command == "report":
        return report_command(args, parser)
    if args.command == "run":
        args.raw, args.clean = split_paths(args)
        if args.clean.is_file():
            parser.error(f"the last path is the output folder, but {args.clean} is a file (name the output folder last)")
        missing = [path for path in ([args.raw] if isinstance(args.raw, Path) else args.raw) if not path.exists()]
        if missing:
            parser.error(f"{'raw folder' if isinstance(args.raw, Path) else 'input'} not found: {missing[0]}")
    elif not args.raw.is_dir():
        parser.error(f"raw folder not found: {args.raw}")
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    if getattr(args, "timeout", 0) < 0 or getattr(args, "max_memory", 0) < 0:
        parser.error("--timeout and --max-memory must not be negative")
    configure_logging(args)
    try:
        settings = apply_ocr_options(with_table_formats(load_settings(args), args.tables), args)
    except (OSError, ValueError) as error:
        parser.error(str(error))
    problem = run_problem(args)
    if problem:
        print(f"pipeline: error: {problem}", file=sys.stderr)
        return 2
    try:
        return run_guarded(args, settings)
    except KeyboardInterrupt:
        print("interrupted: the documents written so far are kept, and skipped on the next run", file=sys.stderr)
        return 130


def load_settings(args: argparse.Namespace) -> Any:
    from pipeline.config import find_settings
    from pipeline.config import load_settings as load_file

    if args.settings:
        settings = load_file(args.settings)
    else:
        settings, path = find_settings(settings_folder(args.raw))
        if path and args.verbose:
            print(f"settings from {path}", file=sys.stderr)
    return with_engine(settings, getattr(args, "engine", None))


def with_engine(settings: Any, engine: str | None) -> Any:
    """``--engine`` overrides the settings file's ``pdf_engine``."""
    from dataclasses import replace

    return replace(settings, extract=replace(settings.extract, pdf_engine=engine)) if engine else settings


def settings_folder(raw: Path | list[Path]) -> Path:
    """Where settings are looked for: the raw folder, or the folder of the first file named."""
    if isinstance(raw, Path):
        return raw
    first = raw[0]
    return first if first.is_dir() else first.parent


def report_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not (args.clean / "manifest.csv").exists() and not (args.clean / ".journal.jsonl").exists():
        parser.error(f"no manifest.csv in {args.clean}: run 'pipeline run' first")
    try:
        result = write_report_with_progress(args.clean, args.raw, force=args.force)
    except KeyboardInterrupt:
        print("interrupted: the pages written so far are kept", file=sys.stderr)
        return 130
    print(report_line(result))
    return 0


def write_report_with_progress(clean: Path, raw: Path | list[Path] | None, *, force: bool = False, sources: dict[str, Path] | None = None) -> Any:
    """The report, with a bar on a terminal (drawing a corpus's pages takes a while)."""
    from pipeline.report import write_report

    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and sys.stderr.isatty() and sys.stdout.isatty():
            from tqdm import tqdm

            tqdm.monitor_interval = 0
            bar = tqdm(total=total, unit="doc", desc="report", file=sys.stderr, dynamic_ncols=True, leave=False)
        if bar is not None:
            bar.n = done
            bar.refresh()

    try:
        return write_report(clean, raw if isinstance(raw, Path) else None, force=force, sources=sources, progress=progress)
    finally:
        if bar is not None:
            bar.close()


def report_line(result: Any) -> str:
    kept = f", {result.kept} unchanged" if result.kept else ""
    missing = f" ({result.without_pages} without their pages: sources not found, see --raw)" if result.without_pages else ""
    return f"report: {result.index} ({result.written} documents drawn{kept}){missing}"
def configure_logging(args: argparse.Namespace) -> None:
    """Diagnostics (a page whose tables could not be read, a skipped metadata packet) go to
    stderr through :mod:`logging`: warnings by default, everything with --verbose, errors
    only with --quiet."""
    import logging

    level = logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def with_table_formats(settings: Any, formats: str | None) -> Any:
    """The settings with ``--tables`` applied; Parquet refused at once when pyarrow is missing."""
    from dataclasses import replace

    from pipeline.settings import table_formats
    from pipeline.tables.frames import PARQUET_NEEDS, has_parquet_engine

    if formats is not None:
        settings = replace(settings, write=replace(settings.write, table_formats=table_formats(formats)))
    if "parquet" in settings.write.table_formats and not has_parquet_engine():
        raise ValueError(PARQUET_NEEDS)
    return settings


def worker_options(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline.batch import default_jobs
    from pipeline.workers import Limits

    if not hasattr(args, "jobs"):
        return {}
    limits = Limits(timeout=args.timeout or None, max_memory=args.max_memory or None)
    return {"jobs": args.jobs or default_jobs(), "limits": limits}


def run(args: argparse.Namespace, settings: Any) -> int:
    from pipeline.batch import discover_inputs, run_batch
    from pipeline.settings import CorpusSettings

    inputs = discover_inputs(args.raw, args.only)
    if not inputs:
        where = args.raw if isinstance(args.raw, Path) else ", ".join(map(str, args.raw))
        only = f" matching {args.only!r}" if args.only else ""
        print(f"nothing found: no PDF (.pdf) or text export (.txt){only} in {where}", file=sys.stderr)
        return 1
    progress = Progress(args)
    options = worker_options(args)
    corpus = CorpusSettings(dedup=args.dedup, drop_boilerplate=args.drop_boilerplate)
    if args.keep_stages:
        from pipeline.stages import run_batch_keeping_stages

        rows, summary = run_batch_keeping_stages(args.raw, args.clean, settings, force=args.force, only=args.only,
                                                 report=progress.report, announce=progress.announce, dask=args.dask,
                                                 follow_links=args.follow_links, corpus=corpus, **options)
    else:
        rows, summary = run_batch(args.raw, args.clean, settings, force=args.force, only=args.only, report=progress.report,
                                  announce=progress.announce, dask=args.dask, follow_links=args.follow_links,
                                  corpus=corpus, **options)
    progress.close()
    report = None
    if args.report:
        report = write_report_with_progress(args.clean, args.raw, sources={item.doc_id: item.path for item in inputs})
    return finish(summary, args, rows, report)


def export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``pipeline export CLEAN --to parquet OUT``: one line naming the shards written."""
    from pipeline.corpus.export import export_parquet

    if not args.clean.is_dir():
        parser.error(f"clean folder not found: {args.clean}")
    try:
        shards = export_parquet(args.clean, args.out)
    except ImportError:
        parser.error("--to parquet needs pyarrow: pip install pyarrow (or the project's parquet extra)")
    except ValueError as error:
        parser.error(str(error))
    print(f"{len(shards)} Parquet shard(s) in {args.out}")
    return 0


def finish(summary: Any, args: argparse.Namespace, rows: list[dict[str, str]] | None = None, report: Any = None) -> int:
    print(summary.line())
    for line in warning_lines(rows or [], report is not None, args.clean):
        print(line)
    if report is not None:
        print(report_line(report))
    return 1 if summary.counts["failed"] else 0


WARNED_SHOWN = 10
"""The end summary names at most this many documents with warnings."""


def warning_lines(rows: list[dict[str, str]], reported: bool, clean: Path) -> list[str]:
    """The documents with warnings, named (the first few), and where to look at them."""
    warned = [row for row in rows if row["status"] != "failed" and int(row.get("warnings") or 0) > 0]
    if not warned:
        return []
    names = ", ".join(f"{row['id']} ({row['warnings']})" for row in warned[:WARNED_SHOWN])
    more = f" and {len(warned) - WARNED_SHOWN} more" if len(warned) > WARNED_SHOWN else ""
    hint = "" if reported else f"; see them with: pipeline report {clean}"
    return [f"{len(warned)} documents with warnings: {names}{more}{hint}"]


class Progress:
    """A bar on a terminal (tqdm when installed, else one carriage-return line on stderr),
    plain log lines otherwise, so that logs of cron jobs and CI stay readable."""

    def __init__(self, args: argparse.Namespace, stream: TextIO | None = None) -> None:
        self.args = args
        self.stream = stream or sys.stderr
        # a bar only for a person watching: quiet in logs, cron jobs and pipes
        self.interactive = self.stream.isatty() and sys.stdout.isatty()
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
        # the bar counts the documents to do, so that its time left is not fooled by skipped ones
        self.bar = tqdm(total=todo, unit="doc", file=self.stream, dynamic_ncols=True, desc="documents")

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
            if row["status"] != "skipped":
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
