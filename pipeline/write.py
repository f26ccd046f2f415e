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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__

if TYPE_CHECKING:  # only annotations here: a batch with nothing to do never loads the model's users
    from pipeline.model import Block, Document, DocumentWarning, Footnote, FootnoteRef, Source, Table

STAGES = ["extract", "normalize", "structure", "write"]
FOOTNOTE_COLUMNS = ["marker", "page", "block", "offset", "anchor", "note"]


def document_record(document: Document) -> dict[str, Any]:
    """``document.json`` as a dictionary, keys in the contract's order."""
    return {
        "id": document.id,
        "source": source_record(document.source),
        "metadata": document.metadata,
        "blocks": [block_record(block) for block in document.blocks],
        "footnotes": [footnote_record(f) for f in document.footnotes],
        "notes": [{"marker": n.marker, "page": n.page, "text": n.text} for n in document.notes],
        "warnings": [warning_record(w) for w in document.warnings],
        "stats": document.stats,
        "pipeline": {"version": __version__, "stages": STAGES, "settings": document.settings},
    }


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
    return record


def ref_record(ref: FootnoteRef) -> dict[str, Any]:
    record: dict[str, Any] = {"marker": ref.marker, "offset": ref.offset}
    if ref.cell is not None:
        record["cell"] = list(ref.cell)
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
    record = document_record(document)
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


def document_files(document: Document) -> Iterator[tuple[str, str]]:
    """Every file of the document's folder as ``(relative path, content)``, made one at a
    time so that a large document's files are never all in memory together."""
    yield "text.txt", document.text
    yield "text.md", markdown(document)
    yield "document.json", document_json(document)
    yield "footnotes.csv", footnotes_csv(document)
    for block in document.blocks:
        if block.type == "table" and block.table is not None:
            yield f"tables/{block.id}.csv", table_csv(block.table)


def write_document(document: Document, clean: Path) -> Path:
    """Write the document's folder under ``clean`` atomically; return the folder."""
    return write_files(document_files(document), clean / document.id)


def write_files(files: Iterable[tuple[str, str]], target: Path) -> Path:
    """Write files into a temporary sibling folder, then swap it in for ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = stage_files(files, Path(tempfile.mkdtemp(prefix=f".tmp-{target.name}-", dir=target.parent)))
    try:
        publish_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def stage_files(files: Iterable[tuple[str, str]], staging: Path) -> Path:
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


def fill_folder(files: Iterable[tuple[str, str]], folder: Path) -> None:
    """Write each ``(relative path, content)`` as UTF-8 with ``\\n`` line ends; the folder
    gets the usual ``rwxr-xr-x`` (a temporary folder is made private)."""
    for name, content in files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
    os.chmod(folder, 0o755)


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
    retired = target.with_name(f".old-{target.name}-{os.getpid()}")
    os.replace(target, retired)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)


def remove_folder(folder: Path) -> None:
    """Remove a folder at once: renamed to a hidden ``.old-`` name first, so that a kill
    during the deletion leaves no half folder under its own name (the next batch removes it)."""
    if not folder.exists():
        return
    retired = folder.with_name(f".old-{folder.name.lstrip('.')}-{os.getpid()}")
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


def write_text_atomically(path: Path, content: str) -> None:
    """Replace one file whole: write a temporary file beside it, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="\n", dir=path.parent, prefix=f".tmp-{path.name}-", delete=False)
    try:
        with handle:
            handle.write(content)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
