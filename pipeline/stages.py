"""The stages one at a time, each leaving JSON Lines under ``clean/.stages/<doc-id>/``.

``extract.jsonl`` and ``normalize.jsonl``: a first line with the extraction's source,
metadata, stats, tables and page sizes, then one line per :class:`~pipeline.model.Line`
(``dataclasses.asdict``, so its ``page`` is on it). ``structure.jsonl``: a first line with
source, metadata and stats, then one line per block (``{"block": …}``), footnote
(``{"footnote": …}``) and note (``{"note": …}``). ``write`` turns that into the output
folder, exactly as ``pipeline run`` would.

Workers read the files of the stage before; only the batch process writes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from pipeline.batch import STAGES_FOLDER, Summary, run_batch, stage_inputs, write_stage_files
from pipeline.clean_folder import check_folders, lock_clean
from pipeline.errors import DocumentError
from pipeline.extract.ocr import ocr_warnings
from pipeline.manifest import corpus_record
from pipeline.model import (
    Block,
    Box,
    Citation,
    Document,
    DocumentWarning,
    Extraction,
    Footnote,
    FootnoteRef,
    Line,
    Note,
    Page,
    PageBox,
    RemovedLine,
    RepairMark,
    Source,
    Table,
)
from pipeline.normalize import normalize
from pipeline.process import describe_source, extract
from pipeline.settings import Settings
from pipeline.structure import Structure, structure
from pipeline.workers import Input, Limits, Outcome, empty_row, failed_outcome, one_line, process_input, run_isolated
from pipeline.write import FileContent, document_files

STAGE_FILES = {"extract": "extract.jsonl", "normalize": "normalize.jsonl", "structure": "structure.jsonl"}


def dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


# --- extract.jsonl and normalize.jsonl ---------------------------------------------------


def extraction_lines(extraction: Extraction) -> str:
    head = {
        "source": asdict(extraction.source), "metadata": extraction.metadata, "stats": extraction.stats,
        "tables": [asdict(table) for table in extraction.tables],
        "warnings": [asdict(warning) for warning in extraction.warnings],
        "pages": [{"number": p.number, "width": p.width, "height": p.height} for p in extraction.pages],
    }
    lines = [dumps(head)] + [dumps(asdict(line)) for page in extraction.pages for line in page.lines]
    return "\n".join(lines) + "\n"


def read_extraction(text: str) -> Extraction:
    records = [json.loads(line) for line in text.splitlines()]
    head, lines = records[0], [line_from(record) for record in records[1:]]
    pages = tuple(
        Page(number=p["number"], lines=tuple(line for line in lines if line.page == p["number"]), width=p["width"], height=p["height"])
        for p in head["pages"]
    )
    return Extraction(
        source=Source(**head["source"]), pages=pages, metadata=head["metadata"],
        tables=tuple(table_from(t) for t in head["tables"]), stats=head["stats"],
        warnings=tuple(DocumentWarning(**w) for w in head.get("warnings", ())),
    )


def line_from(record: dict[str, Any]) -> Line:
    box, repairs = record.pop("box"), record.pop("repairs", ())
    return Line(**record, box=Box(**box) if box else None, repairs=repairs_from(repairs))


def repairs_from(records: Any) -> tuple[RepairMark, ...]:
    return tuple(RepairMark(**{**r, "box": box_from(r.get("box"))}) for r in records)


def table_from(record: dict[str, Any]) -> Table:
    box = record.pop("box")
    more = tuple((page, Box(**part)) for page, part in record.pop("more_boxes", ()))
    markers = tuple(place_from(place) for place in record.pop("marker_boxes", ()))
    return Table(
        **{**record, "rows": tuple(tuple(row) for row in record["rows"]), "pages": tuple(record["pages"])},
        box=Box(**box) if box else None, more_boxes=more, marker_boxes=markers,
    )


# --- structure.jsonl ----------------------------------------------------------------------


def structure_lines(normalized: Extraction, result: Structure, metadata: dict[str, Any]) -> str:
    """The structure stage's output, with the metadata and stats the document will carry."""
    stats = dict(normalized.stats)
    stats.update(result.stats)
    head = {
        "source": asdict(normalized.source), "metadata": metadata, "stats": stats,
        "warnings": [asdict(w) for w in normalized.warnings], "removed": [asdict(r) for r in result.removed],
    }
    lines = [dumps(head)]
    lines += [dumps({"block": asdict(block)}) for block in result.blocks]
    lines += [dumps({"footnote": asdict(footnote)}) for footnote in result.footnotes]
    lines += [dumps({"note": asdict(note)}) for note in result.notes]
    lines += [dumps({"warning": asdict(warning)}) for warning in result.warnings]
    lines += [dumps({"citation": asdict(citation)}) for citation in result.citations]
    return "\n".join(lines) + "\n"


def read_document(text: str, doc_id: str, settings: Settings) -> Document:
    records = [json.loads(line) for line in text.splitlines()]
    head = records[0]
    blocks = tuple(block_from(r["block"]) for r in records[1:] if "block" in r)
    footnotes = tuple(footnote_from(r["footnote"]) for r in records[1:] if "footnote" in r)
    notes = tuple(Note(**{**r["note"], "box": box_from(r["note"].get("box")), "repairs": repairs_from(r["note"].get("repairs", ()))})
                  for r in records[1:] if "note" in r)
    return Document(
        id=doc_id, source=Source(**head["source"]), metadata=head["metadata"], blocks=blocks, footnotes=footnotes,
        notes=notes, stats=head["stats"], settings=settings.as_dict(),
        warnings=tuple(DocumentWarning(**w) for w in head.get("warnings", ()))
        + tuple(DocumentWarning(**r["warning"]) for r in records[1:] if "warning" in r) + tuple(ocr_warnings(head["metadata"])),
        removed=tuple(RemovedLine(**{**r, "box": box_from(r["box"])}) for r in head.get("removed", ())),
        citations=tuple(Citation(**r["citation"]) for r in records[1:] if "citation" in r),
    )


def box_from(record: dict[str, Any] | None) -> Box | None:
    return Box(**record) if record else None


def place_from(record: dict[str, Any] | None) -> PageBox | None:
    return PageBox(record["page"], Box(**record["box"])) if record else None


def footnote_from(record: dict[str, Any]) -> Footnote:
    cell = record.get("cell")
    return Footnote(**{**record, "cell": tuple(cell) if cell else None, "box": place_from(record.get("box"))})


def block_from(record: dict[str, Any]) -> Block:
    table = record.pop("table")
    boxes, rejoined, repairs = record.pop("boxes", ()), record.pop("rejoined", ()), record.pop("repairs", ())
    refs = tuple(
        FootnoteRef(**{**r, "cell": tuple(r["cell"]) if r.get("cell") else None, "box": place_from(r.get("box"))})
        for r in record["footnote_refs"]
    )
    return Block(
        **{**record, "pages": tuple(record["pages"]), "footnote_refs": refs},
        table=table_from(table) if table else None,
        boxes=tuple(place_from(p) for p in boxes),  # type: ignore[misc]
        rejoined=tuple(place_from(p) for p in rejoined),  # type: ignore[misc]
        repairs=repairs_from(repairs),
    )


# --- one stage of one document ------------------------------------------------------------


def document_metadata(extraction: Extraction) -> dict[str, Any]:
    metadata = dict(extraction.metadata)
    metadata.setdefault("pages", len(extraction.pages))
    return metadata


def structure_document(normalized: Extraction, settings: Settings, metadata: dict[str, Any]) -> str:
    result = structure(normalized, settings.structure)
    metadata = dict(metadata)
    metadata.setdefault("language", result.language)
    return structure_lines(normalized, result, metadata)


def run_one_stage(stage: str, clean: Path, item: Input, settings: Settings) -> Outcome:
    """Run ``stage`` on one input: read the stage before's file, return this stage's file."""
    started = time.perf_counter()
    row = empty_row(item)
    folder = clean / STAGES_FOLDER / item.doc_id
    try:
        if stage == "extract":
            source = describe_source(item.path, item.shown_path)
            row.update(sha256=source.sha256, kind=source.kind)
            content = extraction_lines(extract(item.path, settings, source))
        elif stage == "normalize":
            extraction = read_extraction(read_stage(folder, "extract"))
            row.update(sha256=extraction.source.sha256, kind=extraction.source.kind)
            content = extraction_lines(normalize(extraction, settings.normalize))
        elif stage == "structure":
            normalized = read_extraction(read_stage(folder, "normalize"))
            row.update(sha256=normalized.source.sha256, kind=normalized.source.kind)
            extracted_metadata = json.loads(read_stage(folder, "extract").split("\n", 1)[0])
            metadata = dict(extracted_metadata["metadata"])
            metadata.setdefault("pages", len(extracted_metadata["pages"]))
            content = structure_document(normalized, settings, metadata)
        else:
            raise ValueError(f"unknown stage {stage!r}")
    except DocumentError as error:
        row.update(status="failed", error=one_line(str(error)), seconds=f"{time.perf_counter() - started:.3f}")
        return Outcome(row=row)
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001  (reported as a failed row, like the batch does)
        row.update(status="failed", error=one_line(f"{type(error).__name__}: {error}"), seconds=f"{time.perf_counter() - started:.3f}")
        return Outcome(row=row)
    row.update(status="ok", seconds=f"{time.perf_counter() - started:.3f}")
    return Outcome(row=row, stage_files={STAGE_FILES[stage]: content})


def read_stage(folder: Path, stage: str) -> str:
    path = folder / STAGE_FILES[stage]
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DocumentError("stage not run", f"no {STAGE_FILES[stage]}: run 'pipeline {stage}' first") from None


def write_from_stages(clean: Path, item: Input, settings: Settings) -> Outcome:
    """The ``write`` stage: the document's folder from its ``structure.jsonl``."""
    started = time.perf_counter()
    row = empty_row(item)
    try:
        document = read_document(read_stage(clean / STAGES_FOLDER / item.doc_id, "structure"), item.doc_id, settings)
        row.update(sha256=document.source.sha256, kind=document.source.kind)
        files = dict(document_files(document))
    except DocumentError as error:
        row.update(status="failed", error=one_line(str(error)), seconds=f"{time.perf_counter() - started:.3f}")
        return Outcome(row=row)
    row.update(
        status="ok", pages=str(document.metadata.get("pages", "")), words=str(len(document.text.split())),
        blocks=str(len(document.blocks)), footnotes=str(len(document.footnotes)), tables=str(len(document.tables)),
        seconds=f"{time.perf_counter() - started:.3f}", **review_counts(document),
    )
    return Outcome(row=row, files=files, corpus_record=corpus_record(json.loads(files["document.json"]), document.text))


def process_keeping_stages(item: Input, settings: Settings) -> Outcome:
    """:func:`~pipeline.batch.process_input` that also hands back the three stage files."""
    started = time.perf_counter()
    try:
        source = describe_source(item.path, item.shown_path)
        extraction = extract(item.path, settings, source)
        metadata = document_metadata(extraction)
        normalized = normalize(extraction, settings.normalize)
        stage_files = {"extract.jsonl": extraction_lines(extraction), "normalize.jsonl": extraction_lines(normalized)}
        stage_files["structure.jsonl"] = structure_document(normalized, settings, metadata)
        document = read_document(stage_files["structure.jsonl"], item.doc_id, settings)
        files = dict(document_files(document))
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001  (the plain path words the failure as a batch always does)
        return process_input(item, settings)
    outcome = write_outcome(item, document, files, started)
    return Outcome(row=outcome.row, files=files, corpus_record=outcome.corpus_record, stage_files=stage_files)


def review_counts(document: Document) -> dict[str, str]:
    """The manifest's ``warnings`` and ``ocr_pages`` for a document written stage by stage,
    as ``pipeline run`` fills them."""
    return {"warnings": str(len(document.warnings)), "ocr_pages": str(document.stats.get("ocr_pages", 0))}


def write_outcome(item: Input, document: Document, files: dict[str, FileContent], started: float) -> Outcome:
    row = empty_row(item)
    row.update(
        sha256=document.source.sha256, kind=document.source.kind, status="ok", pages=str(document.metadata.get("pages", "")),
        words=str(len(document.text.split())), blocks=str(len(document.blocks)), footnotes=str(len(document.footnotes)),
        tables=str(len(document.tables)), seconds=f"{time.perf_counter() - started:.3f}", **review_counts(document),
    )
    return Outcome(row=row, corpus_record=corpus_record(json.loads(files["document.json"]), document.text))


# --- many documents -----------------------------------------------------------------------


def run_batch_keeping_stages(raw: Path, clean: Path, settings: Settings, **options: Any) -> tuple[list[dict[str, str]], Summary]:
    return run_batch(raw, clean, settings, task=process_keeping_stages, **options)


def run_stage(
    stage: str, raw: Path, clean: Path, settings: Settings, *, only: str | None = None,
    report: Callable[[Outcome], None] | None = None, announce: Callable[[int, int], None] | None = None,
    jobs: int = 1, limits: Limits | None = None,
) -> tuple[list[dict[str, str]], Summary]:
    """Run one stage over every input; ``write`` also writes the manifest and the corpus."""
    if stage == "write":
        return run_batch(raw, clean, settings, only=only, report=report, announce=announce, jobs=jobs, limits=limits,
                         force=True, task=partial(write_from_stages, clean))
    started = time.perf_counter()
    check_folders(raw, clean)
    clean.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    rows = {}
    with lock_clean(clean):
        inputs = stage_inputs(raw, clean, only)
        if announce:
            announce(len(inputs), len(inputs))
        readable = [item for item in inputs if not item.problem]
        refused = [(item, failed_outcome(item, item.problem, 0.0)) for item in inputs if item.problem]
        for item, outcome in [*refused, *run_isolated(readable, settings, jobs, limits or Limits(), partial(run_one_stage, stage, clean))]:
            if outcome.stage_files:
                write_stage_files(clean, item, outcome.stage_files)
            rows[item.doc_id] = outcome.row
            summary.counts[outcome.row["status"]] += 1
            if report:
                report(outcome)
    summary.seconds = time.perf_counter() - started
    return [rows[item.doc_id] for item in inputs], summary
