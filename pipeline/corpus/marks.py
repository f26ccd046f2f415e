"""The corpus pass: after a batch, mark near-duplicates and boilerplate over every written
document, the old ones included, without processing any document again.

It reads a document's folder only when its fingerprint is not kept yet (a new or redone
document); it rewrites a ``document.json`` only when the document's boilerplate blocks
changed (a flag ``"boilerplate": true`` on each, and their count in ``stats``), each file
whole, by a rename. Near-duplicates go to the manifest, not into the documents.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.corpus.boilerplate import boilerplate_blocks, boilerplate_keys
from pipeline.corpus.datasheet import DATASHEET
from pipeline.corpus.duplicates import NearDuplicate, cluster_candidates, local_candidates, near_duplicates
from pipeline.corpus.fingerprints import (
    Fingerprint,
    fingerprint_folder,
    load_fingerprints,
    marked_with,
    marks_key,
    save_fingerprints,
    store_key,
)
from pipeline.manifest import folder_stamp
from pipeline.settings import CorpusSettings
from pipeline.write import record_json, write_text_atomically

BOILERPLATE_STAT = "boilerplate_blocks"


@dataclass(frozen=True)
class Written:
    """A document of the batch that has a folder: its id and its source's hash."""

    doc_id: str
    sha256: str


@dataclass(frozen=True)
class CorpusMarks:
    """What the corpus pass found."""

    near: dict[str, NearDuplicate]
    boilerplate: dict[str, tuple[str, ...]]
    """Document id → its boilerplate block ids (documents without any are left out)."""
    rewritten: dict[str, list[int]]
    """Document id → the new stamp of a folder whose ``document.json`` was rewritten."""
    repeated: list[tuple[int, str]]
    """The boilerplate blocks, most printed first: how many documents print each, and its text."""


def mark_corpus(
    clean: Path, written: Sequence[Written], settings: CorpusSettings, pipeline_key: str, client: object | None = None,
) -> CorpusMarks:
    """Find near-duplicates and boilerplate among ``written`` (in manifest order), flag the
    boilerplate blocks in their ``document.json`` and keep every fingerprint for next time.
    ``client``: a Dask client, to find the near-duplicate candidates on its cluster."""
    key = store_key(settings, pipeline_key)
    fingerprints = current_fingerprints(clean, written, settings, load_fingerprints(clean, key))
    candidates = cluster_candidates(fingerprints, settings, client) if client is not None else local_candidates(fingerprints, settings)
    near = near_duplicates(fingerprints, settings, candidates)
    keys = boilerplate_keys(fingerprints, {doc_id: mark.original for doc_id, mark in near.items()}, settings)
    kept, marked, rewritten = [], {}, {}
    for fingerprint in fingerprints:
        blocks = boilerplate_blocks(fingerprint, keys)
        if blocks != fingerprint.boilerplate:
            stamp = flag_boilerplate(clean / fingerprint.doc_id, blocks)
            if stamp is None:
                continue
            rewritten[fingerprint.doc_id] = stamp
            fingerprint = replace(fingerprint, boilerplate=blocks, stamp=tuple(stamp))
        if blocks:
            marked[fingerprint.doc_id] = blocks
        kept.append(fingerprint)
    save_fingerprints(clean, key, kept, settings.num_perm, marks_key(settings, pipeline_key))
    return CorpusMarks(near, marked, rewritten, repeated_texts(clean, fingerprints, keys, marked))


def marks_stand(clean: Path, written: Sequence[Written], settings: CorpusSettings, pipeline_key: str) -> bool:
    """True when the last corpus pass was over exactly these documents with these settings
    and its datasheet is there: a batch that redid nothing need not run it again (its rows,
    read back from the manifest, keep their marks)."""
    last = marked_with(clean)
    return (
        last is not None and last[0] == marks_key(settings, pipeline_key)
        and last[1] == [document.doc_id for document in written] and (clean / DATASHEET).is_file()
    )


def current_fingerprints(
    clean: Path, written: Sequence[Written], settings: CorpusSettings, kept: dict[str, Fingerprint],
) -> list[Fingerprint]:
    """A fingerprint for every written document: the kept one while its source and folder
    are unchanged, else one read from the folder."""
    found = []
    for document in written:
        folder = clean / document.doc_id
        stamp = folder_stamp(folder)
        fingerprint = kept.get(document.doc_id)
        if fingerprint is None or fingerprint.source_sha256 != document.sha256 or list(fingerprint.stamp) != stamp:
            fingerprint = fingerprint_folder(folder, document.doc_id, document.sha256, settings)
        if fingerprint is not None:
            found.append(fingerprint)
    return found


def flag_boilerplate(folder: Path, blocks: tuple[str, ...]) -> list[int] | None:
    """Rewrite a ``document.json`` with exactly ``blocks`` flagged as boilerplate and their
    count in ``stats`` (no count when there are none, as a document never marked has none);
    return the folder's new stamp (``None``: the folder is gone)."""
    path = folder / "document.json"
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    flagged = set(blocks)
    for block in record.get("blocks", []):
        if block.get("id") in flagged:
            block["boilerplate"] = True
        else:
            block.pop("boilerplate", None)
    stats = record.setdefault("stats", {})
    if blocks:
        stats[BOILERPLATE_STAT] = len(blocks)
    else:
        stats.pop(BOILERPLATE_STAT, None)
    write_text_atomically(path, record_json(record))
    return folder_stamp(folder)


def repeated_texts(clean: Path, fingerprints: Sequence[Fingerprint], keys: set[int], marked: dict[str, tuple[str, ...]]) -> list[tuple[int, str]]:
    """Each boilerplate block's text (from the first document that prints it) and how many
    documents print it, most printed first: what the datasheet shows."""
    counts: dict[int, int] = {}
    first: dict[int, tuple[str, str]] = {}
    for fingerprint in fingerprints:
        for block, key in set(zip(fingerprint.block_ids, fingerprint.block_keys)):
            if key in keys:
                counts[key] = counts.get(key, 0) + 1
                first.setdefault(key, (fingerprint.doc_id, block))
    texts = []
    for key, (doc_id, block_id) in first.items():
        text = block_text(clean / doc_id, block_id)
        if text is not None:
            texts.append((counts[key], text))
    return sorted(texts, key=lambda item: (-item[0], item[1]))


def block_text(folder: Path, block_id: str) -> str | None:
    try:
        record = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return next((block.get("text", "") for block in record.get("blocks", []) if block.get("id") == block_id), None)


def corpus_text(folder: Path, drop: tuple[str, ...]) -> str | None:
    """The document's clean text without the blocks ``drop`` (its ``text.txt`` otherwise):
    the corpus text under ``--drop-boilerplate``."""
    try:
        record = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    dropped = set(drop)
    parts = [b["text"] for b in record.get("blocks", []) if b.get("type") != "table" and b.get("id") not in dropped]
    return "\n\n".join(parts) + "\n" if parts else ""


def marked_outcome(row: dict[str, str], record: str | None, marks: CorpusMarks, settings: CorpusSettings, clean: Path) -> tuple[dict[str, str], str | None]:
    """A written document's manifest row and corpus record with the corpus pass's marks:
    its near-duplicate columns; its record left out under ``--dedup drop``, and its text
    without boilerplate under ``--drop-boilerplate`` (a record whose text a earlier run cut
    is made whole again)."""
    near = marks.near.get(row["id"])
    row = dict(row, near_duplicate_of=near.original if near else "", similarity=f"{near.similarity:.3f}" if near else "")
    if record is None or (near is not None and settings.dedup == "drop"):
        return row, None
    blocks = marks.boilerplate.get(row["id"], ())
    if not blocks and row["id"] not in marks.rewritten:
        return row, record
    text = corpus_text(clean / row["id"], blocks if settings.drop_boilerplate else ())
    if text is None:
        return row, record
    fields = json.loads(record)
    fields["text"] = text
    return row, json.dumps(fields, ensure_ascii=False)
