"""The corpus as Parquet shards, one row per document, for the tools that load corpora.

pandas, pyarrow, DuckDB and Hugging Face ``datasets`` read a folder of Parquet files as
they are (``datasets.load_dataset("parquet", data_dir=OUT)``). A row holds what
``corpus.jsonl`` holds (the same ``text``) and what a corpus user filters on: language,
pages, the source's hash, title and date, the document's warnings and its blocks as a
nested column (each block with its type, text, pages and boilerplate flag; a table's text
is its CSV).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.manifest import CORPUS, read_manifest

SHARD_ROWS = 5000
"""Documents per shard: a few hundred megabytes of text at most, so that a reader can
stream the corpus shard by shard and a failed copy costs one shard."""
SHARD_NAME = "corpus-{index:05d}.parquet"


def parquet_schema() -> Any:
    """The shards' schema, fixed so that every shard has the same columns even when one
    holds no warnings or no titles."""
    import pyarrow as pa

    block = pa.struct([
        ("id", pa.string()), ("type", pa.string()), ("text", pa.string()), ("pages", pa.list_(pa.int32())),
        ("level", pa.int32()), ("label", pa.string()), ("language", pa.string()), ("boilerplate", pa.bool_()),
    ])
    warning = pa.struct([("kind", pa.string()), ("page", pa.int32()), ("block", pa.string()), ("detail", pa.string())])
    return pa.schema([
        ("id", pa.string()), ("text", pa.string()), ("language", pa.string()), ("pages", pa.int32()),
        ("sha256", pa.string()), ("source", pa.string()), ("title", pa.string()), ("created", pa.string()),
        ("warnings", pa.list_(warning)), ("blocks", pa.list_(block)),
        ("near_duplicate_of", pa.string()), ("similarity", pa.float32()),
    ])


def document_row(record: dict[str, Any], document: dict[str, Any], manifest_row: dict[str, str]) -> dict[str, Any]:
    """One Parquet row: the corpus record's text, the rest from ``document.json``."""
    metadata = document.get("metadata", {})
    blocks = [
        {
            "id": block["id"], "type": block["type"], "text": block.get("text", ""),
            "pages": block.get("pages", []), "level": block.get("level"), "label": block.get("label"),
            "language": block.get("language"), "boilerplate": bool(block.get("boilerplate", False)),
        }
        for block in document.get("blocks", [])
    ]
    return {
        "id": record["id"], "text": record["text"], "language": metadata.get("language"), "pages": metadata.get("pages"),
        "sha256": document.get("source", {}).get("sha256"), "source": document.get("source", {}).get("path"),
        "title": metadata.get("title"), "created": metadata.get("created"),
        "warnings": document.get("warnings", []), "blocks": blocks,
        "near_duplicate_of": manifest_row.get("near_duplicate_of") or None,
        "similarity": float(manifest_row["similarity"]) if manifest_row.get("similarity") else None,
    }


def corpus_rows(clean: Path) -> Iterator[dict[str, Any]]:
    """A Parquet row for each record of ``corpus.jsonl``, in its order (what the batch put in
    the corpus: near-duplicates dropped or not, boilerplate in the text or not)."""
    rows, records = read_manifest(clean)
    by_id = {row["id"]: row for row in rows}
    for line in records:
        record = json.loads(line)
        folder = clean / record["id"]
        document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
        for block in document.get("blocks", []):
            if block.get("type") == "table" and block.get("csv"):
                block["text"] = table_text(folder, block["csv"])
        yield document_row(record, document, by_id.get(record["id"], {}))


def table_text(folder: Path, csv_path: str) -> str:
    """A table block's CSV, read from the document's own ``tables/`` folder only."""
    try:
        return (folder / "tables" / Path(csv_path).name).read_text(encoding="utf-8")
    except OSError:
        return ""


def export_parquet(clean: Path, out: Path, shard_rows: int = SHARD_ROWS) -> list[Path]:
    """Write ``clean``'s corpus into ``out`` as Parquet shards; return their paths.

    Each shard is written under a temporary name and renamed when whole; shards of an earlier
    export that this one does not make again are removed, so ``out`` is the corpus as it is.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not (clean / CORPUS).is_file():
        raise ValueError(f"no {CORPUS} in {clean}: run 'pipeline run' into it first")
    out.mkdir(parents=True, exist_ok=True)
    schema = parquet_schema()
    written: list[Path] = []
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        path = out / SHARD_NAME.format(index=len(written))
        partial = out / f".tmp-{path.name}"
        pq.write_table(pa.Table.from_pylist(batch, schema=schema), partial, compression="zstd")
        partial.replace(path)
        written.append(path)
        batch.clear()

    for row in corpus_rows(clean):
        batch.append(row)
        if len(batch) >= shard_rows:
            flush()
    if batch or not written:
        flush()
    for stale in out.glob("corpus-*.parquet"):
        if stale not in written:
            stale.unlink()
    return written
