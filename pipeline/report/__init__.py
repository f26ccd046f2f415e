"""The report: static pages under ``CLEAN/report/`` that show what the pipeline did.

``index.html`` lists every document of the manifest (failed ones with their reason) with
its figures and warnings, sortable and filterable, with plots of the batch;
``<doc-id>.html`` draws what was found (blocks, markers, notes, removed running heads,
tables, rejoined words) on the document's rendered pages (``<doc-id>/p<N>.jpg``), beside
its clean text, footnotes and warnings. Everything is in the pages or beside them (style,
script, plots inline): they open offline, and nothing is fetched.

A document's page is made again only when its ``document.json`` changed since the report
last drew it (``report/.stamps.json`` remembers), so a rerun over an unchanged corpus
rewrites only the index.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.write import write_text_atomically

REPORT_FOLDER = "report"
STAMPS = ".stamps.json"
STRUCTURE_REPAIRS = ("dehyphenated", "headers_footers_removed")
"""Stats of the structure stage that count repairs, beside the normalize stage's registry."""


@dataclass
class ReportResult:
    folder: Path
    written: int = 0
    kept: int = 0
    without_pages: int = 0

    @property
    def index(self) -> Path:
        return self.folder / "index.html"


@cache
def environment() -> Any:
    """The Jinja2 templates shipped in the package, HTML-escaped by default."""
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("pipeline.report", "templates"),
                              autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


@cache
def assets() -> dict[str, str]:
    """The stylesheet and the script, inlined in every page."""
    folder = resources.files("pipeline.report") / "templates"
    return {"css": (folder / "report.css").read_text(encoding="utf-8"), "js": (folder / "report.js").read_text(encoding="utf-8")}


def render(template: str, **values: Any) -> str:
    import markupsafe

    inline = {key: markupsafe.Markup(text) for key, text in assets().items()}
    return environment().get_template(template).render(**inline, **values)


def repair_names() -> tuple[str, ...]:
    from pipeline.normalize import REPAIRS

    return tuple(repair.stat for repair in REPAIRS) + STRUCTURE_REPAIRS


def document_summary(document: dict[str, Any]) -> dict[str, Any]:
    """What the index needs of a document, kept in the stamps so an unchanged one is not read again."""
    stats = document.get("stats", {})
    return {
        "markers": len(document["footnotes"]),
        "linked": sum(1 for f in document["footnotes"] if f.get("note")),
        "notes": len(document.get("notes", [])),
        "warnings": dict(Counter(w["kind"] for w in document.get("warnings", []))),
        "repairs": {name: stats[name] for name in repair_names() if stats.get(name)},
    }


def find_source(document: dict[str, Any], clean: Path, raw: Path | None, known: Path | None = None) -> Path | None:
    """The input file a document was made from: the one the run just read (``known``), else
    ``source.path``, which is relative to the raw folder's parent, usually the output folder's
    parent too."""
    path = Path(document["source"]["path"])
    candidates = [known] if known is not None else []
    candidates += [path] if path.is_absolute() else []
    if raw is not None:
        candidates += [raw.parent / path, raw / Path(*path.parts[1:])] if len(path.parts) > 1 else [raw / path]
    candidates += [clean.parent / path, Path.cwd() / path]
    return next((candidate for candidate in candidates if candidate.is_file()), None)


def write_document_page(document: dict[str, Any], clean: Path, folder: Path, raw: Path | None, known: Path | None = None) -> bool:
    """Write ``<id>.html`` (and the page images of a PDF); return whether pages were shown."""
    from pipeline.report.view import page_views, raw_pages, text_blocks

    doc_id = document["id"]
    source = find_source(document, clean, raw, known)
    images_folder = folder / doc_id
    if images_folder.exists():
        shutil.rmtree(images_folder)
    pages, raw_text_pages, missing = [], [], ""
    if source is None:
        missing = f"source file not found ({document['source']['path']}): give its folder with --raw to see the pages"
    elif document["source"]["kind"] == "pdf":
        try:
            from pipeline.report.pages import render_pages

            pages = page_views(document, render_pages(source, folder, doc_id))
        except Exception as error:  # noqa: BLE001  (a file the renderer cannot open: the page goes on without images)
            missing = f"pages could not be rendered: {type(error).__name__}: {error}"
    else:
        encoding = document["source"].get("encoding") or "utf-8"
        text = source.read_bytes().decode(encoding, errors="replace")
        extract_settings = document.get("pipeline", {}).get("settings", {}).get("extract", {})
        raw_text_pages = raw_pages(text, document, extract_settings)
    html = render(
        "document.html.j2", doc=document, pages=pages, raw_pages=raw_text_pages, missing=missing,
        blocks=text_blocks(document, clean / doc_id), tables=sum(1 for b in document["blocks"] if b["type"] == "table"),
    )
    write_text_atomically(folder / f"{doc_id}.html", html)
    return bool(pages or raw_text_pages)


def document_key(path: Path) -> list[Any] | None:
    """What says a document changed: its ``document.json``'s size and time, and the version."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [__version__, stat.st_size, stat.st_mtime_ns]


def load_stamps(folder: Path) -> dict[str, Any]:
    try:
        stamps = json.loads((folder / STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamps if isinstance(stamps, dict) else {}


def write_report(
    clean: Path, raw: Path | None = None, *, force: bool = False, sources: dict[str, Path] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReportResult:
    """Write ``CLEAN/report/``: a page for each document that changed, and the index.

    ``raw`` is the input folder and ``sources`` the input file of each id, when known:
    they say where the PDFs to render are. ``progress(done, total)`` is called after each
    document drawn.
    """
    sources = sources or {}
    from pipeline.manifest import WRITTEN, read_manifest

    rows, _ = read_manifest(clean)
    folder = clean / REPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stamps = load_stamps(folder)
    result = ReportResult(folder)
    summaries: dict[str, dict[str, Any]] = {}
    total = sum(1 for row in rows if row["status"] in WRITTEN)
    for row in rows:
        if row["status"] not in WRITTEN:
            continue
        if progress is not None:
            progress(len(summaries), total)
        doc_id = row["id"]
        key = document_key(clean / doc_id / "document.json")
        stamp = stamps.get(doc_id)
        if not force and stamp and stamp.get("key") == key and (folder / f"{doc_id}.html").exists():
            summaries[doc_id] = stamp["summary"]
            result.kept += 1
            continue
        document = json.loads((clean / doc_id / "document.json").read_text(encoding="utf-8"))
        shown = write_document_page(document, clean, folder, raw, sources.get(doc_id))
        summaries[doc_id] = document_summary(document)
        stamps[doc_id] = {"key": key, "summary": summaries[doc_id]}
        result.written += 1
        result.without_pages += not shown
    for gone in set(stamps) - set(summaries):
        remove_document_page(folder, gone)
        del stamps[gone]
    write_text_atomically(folder / "index.html", index_page(rows, summaries))
    write_text_atomically(folder / STAMPS, json.dumps(stamps, sort_keys=True, separators=(",", ":")) + "\n")
    return result


def remove_document_page(folder: Path, doc_id: str) -> None:
    """A document that left the batch leaves the report too."""
    (folder / f"{doc_id}.html").unlink(missing_ok=True)
    shutil.rmtree(folder / doc_id, ignore_errors=True)


def failure_reason(error: str) -> str:
    """A failure's reason without what names one file, so that failures group by kind.

    >>> failure_reason("PDF is encrypted: needs a password")
    'PDF is encrypted'
    >>> failure_reason("timed out after 300 s")
    'timed out after # s'
    """
    from pipeline import patterns

    return patterns.DIGITS.sub("#", error.split(":")[0].strip()) or "unknown"


def index_row(row: dict[str, str], summary: dict[str, Any] | None) -> dict[str, Any]:
    pages = int(row["pages"] or 0)
    seconds = float(row["seconds"] or 0)
    view: dict[str, Any] = dict(row, link="", markers="", linked="", linked_share="", warning_kinds="",
                                seconds_per_page=f"{seconds / pages:.3f}" if pages and seconds else "")
    view["warnings"] = int(row.get("warnings") or 0)
    if summary is not None:
        view.update(link=f"{row['id']}.html", markers=summary["markers"], linked=f"{summary['linked']}/{summary['markers']}",
                    linked_share=f"{summary['linked'] / summary['markers']:.3f}" if summary["markers"] else "",
                    warning_kinds=", ".join(f"{kind} {count}" for kind, count in sorted(summary["warnings"].items())))
        view["warnings"] = sum(summary["warnings"].values())
    return view


def index_page(rows: list[dict[str, str]], summaries: dict[str, dict[str, Any]]) -> str:
    from pipeline.report.plots import batch_plots

    views = [index_row(row, summaries.get(row["id"])) for row in rows]
    repairs: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for summary in summaries.values():
        repairs.update(summary["repairs"])
        warnings.update(summary["warnings"])
    failures = Counter(failure_reason(row["error"]) for row in rows if row["status"] == "failed")
    pages = [float(row["pages"]) for row in rows if row["pages"] and row["status"] != "failed"]
    per_page = [float(v["seconds_per_page"]) for v in views if v["seconds_per_page"] and v["status"] == "ok"]
    plots = batch_plots(pages, per_page, repairs, failures, warnings)
    counts = Counter(row["status"] for row in rows)
    totals = {"pages": int(sum(pages)), "warnings": sum(v["warnings"] for v in views), "warned": sum(1 for v in views if v["warnings"]),
              "ocr": sum(int(row.get("ocr_pages") or 0) for row in rows if row["status"] != "failed")}
    return render("index.html.j2", rows=views, counts=counts, totals=totals, plots=plots, version=__version__)


__all__ = ["REPORT_FOLDER", "ReportResult", "write_report"]
