"""Write a document as the output contract says: text.txt, text.md, document.json,
footnotes.csv and tables/*.csv, into a temporary folder that is then renamed into place,
so a reader of ``clean/`` never sees half a document.

The folder helpers come in steps (:func:`stage_files`, :func:`publish_folder`) so that a batch
can have a worker process fill the folder and its own process record it and put it in place.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.version import STAGES, __version__

if TYPE_CHECKING:  # only annotations here: a batch with nothing to do never loads the model's users
    from pipeline.model import (
        Block,
        Box,
        Document,
        DocumentWarning,
        Footnote,
        FootnoteRef,
        Note,
        PageBox,
        RemovedLine,
        RepairMark,
        Source,
        Table,
    )

FileContent = str | bytes
"""A file of a document's folder: text (written as UTF-8), or bytes (a Parquet table)."""

FOOTNOTE_COLUMNS = ["marker", "page", "block", "offset", "anchor", "note"]
CITATION_COLUMNS = ["citation", "page", "block", "start", "end", "reference_block", "reference"]


def document_record(document: Document) -> dict[str, Any]:
    """``document.json`` as a dictionary, keys in the contract's order."""
    record = {
        "id": document.id,
        "source": source_record(document.source),
        "metadata": document.metadata,
        "blocks": [block_record(block) for block in document.blocks],
        "footnotes": [footnote_record(f) for f in document.footnotes],
        "notes": [note_record(n) for n in document.notes],
        "warnings": [warning_record(w) for w in document.warnings],
        "removed_lines": [removed_record(r) for r in document.removed],
        "stats": document.stats,
        "pipeline": {"version": __version__, "stages": list(STAGES), "settings": document.settings},
    }
    if document.citations:  # only in documents that cite by author and year
        record["citations"] = [asdict(citation) for citation in document.citations]
    return record


def box_list(box: Box | None) -> list[float] | None:
    """A box as ``[x0, top, x1, bottom]`` in PDF points from the page's top left."""
    return None if box is None else [box.x0, box.top, box.x1, box.bottom]


def place_record(place: PageBox) -> dict[str, Any]:
    return {"page": place.page, "box": box_list(place.box)}


def note_record(note: Note) -> dict[str, Any]:
    record: dict[str, Any] = {"marker": note.marker, "page": note.page, "text": note.text}
    if note.box is not None:
        record["box"] = box_list(note.box)
    if note.repairs:
        record["repairs"] = [repair_record(mark) for mark in note.repairs]
    return record


def removed_record(line: RemovedLine) -> dict[str, Any]:
    """A running head, footer or page number the structure stage dropped, where it stood."""
    return {"page": line.page, "kind": line.kind, "text": line.text, "box": box_list(line.box)}


def warning_record(warning: DocumentWarning) -> dict[str, Any]:
    """One entry of ``warnings``: its kind, the page and block it is on (``null`` when it
    concerns the whole document), and what was seen."""
    return {"kind": warning.kind, "page": warning.page, "block": warning.block, "detail": warning.detail}


def footnote_record(footnote: Footnote) -> dict[str, Any]:
    """One footnote of ``document.json``; a marker in a table names its cell (row, column
    of the table's CSV, header row 0), the offset being within that cell."""
    record: dict[str, Any] = {"marker": footnote.marker, "block": footnote.block, "offset": footnote.offset,
                              "page": footnote.page, "anchor": footnote.anchor, "note": footnote.note}
    if footnote.cell is not None:
        record["cell"] = list(footnote.cell)
    if footnote.box is not None:
        record["box"] = place_record(footnote.box)
    return record


def ref_record(ref: FootnoteRef) -> dict[str, Any]:
    record: dict[str, Any] = {"marker": ref.marker, "offset": ref.offset}
    if ref.cell is not None:
        record["cell"] = list(ref.cell)
    if ref.box is not None:
        record["box"] = place_record(ref.box)
    return record


def source_record(source: Source) -> dict[str, Any]:
    """``source`` of ``document.json`` and ``corpus.jsonl``: path, sha256, kind, bytes (and the
    encoding a text export was read with)."""
    record: dict[str, Any] = {"path": source.path, "sha256": source.sha256, "kind": source.kind, "bytes": source.bytes}
    if source.encoding:
        record["encoding"] = source.encoding
    return record


def block_record(block: Block) -> dict[str, Any]:
    record: dict[str, Any] = {"id": block.id, "type": block.type}
    if block.type == "table" and block.table is not None:
        record.update(table_record(block.id, block.table))
        if block.footnote_refs:
            record["footnote_refs"] = [ref_record(r) for r in block.footnote_refs]
        add_places(record, block)
        return record
    record["text"] = block.text
    record["pages"] = list(block.pages)
    if block.level is not None:
        record["level"] = block.level
    if block.label is not None:
        record["label"] = block.label
    if block.footnote_refs:
        record["footnote_refs"] = [ref_record(r) for r in block.footnote_refs]
    if block.language is not None:
        record["language"] = block.language
    add_places(record, block)
    return record


def add_places(record: dict[str, Any], block: Block) -> None:
    """The block's provenance: ``boxes`` (one per page) and ``rejoined`` (line ends where a
    hyphenated word was rejoined), when the reader gave boxes; ``repairs`` (where
    ``normalize`` repaired characters), for every reader."""
    if block.boxes:
        record["boxes"] = [place_record(p) for p in block.boxes]
    if block.rejoined:
        record["rejoined"] = [place_record(p) for p in block.rejoined]
    if block.repairs:
        record["repairs"] = [repair_record(mark) for mark in block.repairs]


def repair_record(mark: RepairMark) -> dict[str, Any]:
    """One character repair: its kind, page, line (index on the page as read), the span in
    that line as read, what was read there, and (PDF) its box."""
    record: dict[str, Any] = {"kind": mark.kind, "page": mark.page, "line": mark.line, "start": mark.start,
                              "end": mark.end, "found": mark.found}
    if mark.box is not None:
        record["box"] = box_list(mark.box)
    return record


def table_record(block_id: str, table: Table) -> dict[str, Any]:
    record: dict[str, Any] = {
        "pages": list(table.pages),
        "csv": f"tables/{block_id}.csv",
        "n_rows": len(table.rows),
        "n_cols": max((len(row) for row in table.rows), default=0),
        "has_header": table.has_header,
    }
    if table.caption:
        record["caption"] = table.caption
    return record


def footnotes_csv(document: Document) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FOOTNOTE_COLUMNS)
    for f in document.footnotes:
        writer.writerow([f.marker, "" if f.page is None else f.page, f.block, f.offset, f.anchor, f.note])
    return buffer.getvalue()


def citations_csv(document: Document) -> str:
    """``citations.csv``: one row per author–year citation linked to its reference entry."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CITATION_COLUMNS)
    for c in document.citations:
        writer.writerow([c.text, "" if c.page is None else c.page, c.block, c.start, c.end, c.reference_block, c.reference])
    return buffer.getvalue()


def table_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(table.rows)
    return buffer.getvalue()


def markdown(document: Document) -> str:
    """``text.md``: headings, lists and pipe tables, with ``[^i]`` footnote references."""
    labels = footnote_labels(document)
    parts = []
    position = 0
    for block in document.blocks:
        if block.type == "table" and block.table is not None:
            parts.append(pipe_table(block.table, block.footnote_refs, labels[position:]))
            position += len(block.footnote_refs)
            continue
        text = block.text
        for index in range(len(block.footnote_refs) - 1, -1, -1):
            offset = block.footnote_refs[index].offset
            text = text[:offset] + f"[^{labels[position + index]}]" + text[offset:]
        position += len(block.footnote_refs)
        parts.append(markdown_block(block, text))
    notes = [f"[^{label}]: {footnote.note}" for label, footnote in zip(labels, document.footnotes) if footnote.note]
    body = "\n\n".join(parts)
    if notes:
        body += "\n\n" + "\n".join(notes)
    return body + "\n" if body else ""


def footnote_labels(document: Document) -> list[str]:
    """Markdown footnote labels: the marker, with ``-2``, ``-3`` … when a marker repeats."""
    seen: dict[str, int] = {}
    labels = []
    for footnote in document.footnotes:
        seen[footnote.marker] = seen.get(footnote.marker, 0) + 1
        count = seen[footnote.marker]
        labels.append(footnote.marker if count == 1 else f"{footnote.marker}-{count}")
    return labels


def markdown_block(block: Block, text: str) -> str:
    if block.type == "heading":
        return "#" * min(block.level or 1, 6) + " " + text
    if block.type == "list_item" and block.label:
        rest = text[len(block.label) :].lstrip() if text.startswith(block.label) else text
        if block.label == "-":
            return "- " + rest
        digits = block.label.strip("().")
        if digits.isdigit():
            return f"{digits}. {rest}"
        return f"- {block.label} {rest}"
    if block.type == "separator":
        return "***"
    if text[:1] in "#>" or (text[:1] in "-+*" and text[1:2] == " "):
        return "\\" + text
    return text


def pipe_table(table: Table, refs: Sequence[FootnoteRef] = (), labels: Sequence[str] = ()) -> str:
    """A Markdown pipe table, caption above it, ``[^i]`` where a marker stood in a cell."""
    width = max((len(row) for row in table.rows), default=0)
    if not width:
        return ""
    rows = [list(row) + [""] * (width - len(row)) for row in table.rows]
    for ref, label in reversed(list(zip(refs, labels))):
        if ref.cell is not None:
            r, c = ref.cell
            rows[r][c] = rows[r][c][: ref.offset] + f"[^{label}]" + rows[r][c][ref.offset :]
    header = rows[0] if table.has_header else [""] * width
    body = rows[1:] if table.has_header else rows

    def cells(row: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |"

    lines = [cells(header), "| " + " | ".join("---" for _ in range(width)) + " |"] + [cells(row) for row in body]
    if table.caption:
        lines.insert(0, table.caption + "\n")
    return "\n".join(lines)


def document_json(document: Document) -> str:
    """``document.json``: one key a line at the top, one block, footnote or note a line below.

    Readable in a pager and diffable, yet written by the C encoder (``indent`` would make
    ``json`` fall back to its slow pure-Python encoder on large documents).
    """
    return record_json(document_record(document))


def record_json(record: dict[str, Any]) -> str:
    """A ``document.json`` record in its layout (the corpus pass rewrites one in place)."""
    lines = ["{"]
    keys = list(record)
    for index, key in enumerate(keys):
        value = record[key]
        comma = "," if index < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            items = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in value)
            lines.append(f"  {json.dumps(key)}: [\n{items}\n  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def table_parquet(table: Table) -> bytes:
    """The table as a Parquet file (:func:`pipeline.tables.frames.typed_frame`)."""
    from pipeline.tables.frames import parquet_bytes

    return parquet_bytes(table)


def document_files(document: Document) -> Iterator[tuple[str, FileContent]]:
    """Every file of the document's folder as ``(relative path, content)``, made one at a
    time so that a large document's files are never all in memory together. Tables are
    written in the formats the document's settings name (``write.table_formats``)."""
    yield "text.txt", document.text
    yield "text.md", markdown(document)
    yield "document.json", document_json(document)
    yield "footnotes.csv", footnotes_csv(document)
    if document.citations:
        yield "citations.csv", citations_csv(document)
    written = document.settings.get("write")
    formats = written.get("table_formats", ["csv"]) if isinstance(written, dict) else ["csv"]
    for block in document.blocks:
        if block.type == "table" and block.table is not None:
            if "csv" in formats:
                yield f"tables/{block.id}.csv", table_csv(block.table)
            if "parquet" in formats:
                yield f"tables/{block.id}.parquet", table_parquet(block.table)


def write_document(document: Document, clean: Path) -> Path:
    """Write the document's folder under ``clean`` atomically; return the folder."""
    return write_files(document_files(document), clean / document.id)


def write_files(files: Iterable[tuple[str, FileContent]], target: Path) -> Path:
    """Write files into a temporary sibling folder, then swap it in for ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = stage_files(files, Path(tempfile.mkdtemp(prefix=hidden_name(".tmp-", target.name, "-"), dir=target.parent)))
    try:
        publish_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def stage_files(files: Iterable[tuple[str, FileContent]], staging: Path) -> Path:
    """Write files into the folder ``staging`` (made anew), to be put in place whole later by
    :func:`publish_folder`; nothing is left of it when writing fails."""
    shutil.rmtree(staging, ignore_errors=True)  # a leftover of a writer that was killed
    staging.mkdir(parents=True)
    try:
        fill_folder(files, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def fill_folder(files: Iterable[tuple[str, FileContent]], folder: Path) -> None:
    """Write each ``(relative path, content)``: text as UTF-8 with ``\\n`` line ends, bytes
    (a Parquet file) as they are; the folder gets the usual ``rwxr-xr-x`` (a temporary
    folder is made private)."""
    for name, content in files:
        path = folder / checked_name(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
            continue
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
    os.chmod(folder, 0o755)


def checked_name(name: str) -> str:
    """A file name of a document's folder, refused when it would land outside the folder
    (``../../x`` from an edited ``structure.jsonl``).

    >>> checked_name("tables/b12.csv")
    'tables/b12.csv'
    """
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or any(part in ("..", ".") for part in parts):
        raise ValueError(f"a file name that would leave the document's folder: {name!r}")
    return name


def hidden_name(prefix: str, name: str, suffix: str = "") -> str:
    """``prefix + name + suffix`` for a hidden helper file or folder, the name cut and given a
    hash when the whole would pass the file system's 255 bytes.

    >>> len(hidden_name(".old-", "x" * 250, "-12345").encode())
    108
    """
    whole = f"{prefix}{name}{suffix}"
    if len(whole.encode("utf-8", "surrogateescape")) <= 200:
        return whole
    import hashlib

    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"{prefix}{name[:80]}-{digest}{suffix}"[:120]


def publish_folder(staging: Path, target: Path) -> None:
    """Put the finished folder ``staging`` in ``target``'s place, whole.

    A new folder is renamed in. An old one is swapped with it in one step where the system
    can (so that ``target`` is never missing, not even for an instant), else renamed aside
    first; either way the old folder is then removed.
    """
    if not target.exists():
        os.replace(staging, target)
        return
    if exchange_paths(staging, target):
        remove_folder(staging)  # it holds the old folder now
        return
    retired = target.with_name(hidden_name(".old-", target.name, f"-{os.getpid()}"))
    os.replace(target, retired)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)


def remove_folder(folder: Path) -> None:
    """Remove a folder at once: renamed to a hidden ``.old-`` name first, so that a kill
    during the deletion leaves no half folder under its own name (the next batch removes it)."""
    if not folder.exists():
        return
    retired = folder.with_name(hidden_name(".old-", folder.name.lstrip("."), f"-{os.getpid()}"))
    os.replace(folder, retired)
    shutil.rmtree(retired, ignore_errors=True)


def exchange_paths(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2`` with ``RENAME_EXCHANGE``); ``False``
    where the system or the file system cannot, and nothing was changed."""
    renameat2 = linux_renameat2()
    if renameat2 is None:
        return False
    at_cwd, rename_exchange = -100, 2
    return renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0


@cache
def linux_renameat2() -> Any:
    """glibc's ``renameat2``, or ``None`` off Linux or on a libc without it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None


def write_text_if_changed(path: Path, content: str) -> bool:
    """Replace a file whole only when its content changes (a rerun that changes nothing
    leaves every file, and its time, as it was); return whether it was written."""
    try:
        if path.read_text(encoding="utf-8") == content:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    write_text_atomically(path, content)
    return True


def write_text_atomically(path: Path, content: str) -> None:
    """Replace one file whole: write a temporary file beside it, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="\n", dir=path.parent, prefix=hidden_name(".tmp-", path.name, "-"), delete=False)
    try:
        with handle:
            handle.write(content)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
