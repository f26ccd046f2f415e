"""``CLEAN/DATASHEET.md``: a corpus card written from the batch's own records.

What an archive publishing the corpus must say of it (after "Datasheets for Datasets" and
Hugging Face's dataset cards): what is inside (documents, pages, words, languages, years,
sources), what was left out and why (failures by kind, duplicates), what was marked
(boilerplate), and how it was made (the pipeline's version and settings). Every figure is
counted from ``manifest.csv`` and ``corpus.jsonl``; nothing is typed by hand. A few plots
(``DATASHEET-*.svg`` beside it) show what a table would hide.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.manifest import WRITTEN
from pipeline.write import write_text_if_changed

DATASHEET = "DATASHEET.md"
LISTED = 25
"""Rows of a long list shown in full; the rest are counted."""

@dataclass(frozen=True)
class CorpusFacts:
    """What the datasheet says, counted once."""

    rows: list[dict[str, str]]
    metadata: dict[str, dict[str, Any]]
    """Document id → the ``metadata`` of its corpus record (language, created, title, …)."""
    repeated: list[tuple[int, str]]
    boilerplate_blocks: int
    boilerplate_documents: int
    settings: dict[str, Any]
    version: str


def record_metadata(line: str) -> dict[str, Any]:
    """The ``metadata`` of a corpus record, read from its end (where the record puts it)
    without decoding the document's text.

    >>> record_metadata('{"id": "a", "text": "…", "source": {}, "metadata": {"language": "en"}}')
    {'language': 'en'}
    """
    start = line.rfind('"metadata": ')
    if start < 0:
        return dict(json.loads(line).get("metadata", {}))
    value, _ = json.JSONDecoder().raw_decode(line, start + len('"metadata": '))
    return dict(value)


def failure_kind(error: str) -> str:
    """The kind of a failure: the reason before its detail (``truncated PDF: …`` → ``truncated PDF``).

    >>> failure_kind("encrypted PDF (no password)")
    'encrypted PDF (no password)'
    >>> failure_kind("damaged PDF: xref table not found")
    'damaged PDF'
    """
    return error.split(":", 1)[0].strip() or "unknown"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|").replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def counted(counter: Counter[str], limit: int = LISTED) -> list[tuple[str, int]]:
    """Most common first, ties by name; the rest folded into one ``(others)`` row."""
    items = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    if len(items) > limit:
        rest = sum(count for _, count in items[limit - 1 :])
        items = items[: limit - 1] + [("(others)", rest)]
    return items


def number(row: dict[str, str], column: str) -> int:
    try:
        return int(row.get(column) or 0)
    except ValueError:
        return 0


def composition(facts: CorpusFacts) -> str:
    status = Counter(row["status"] for row in facts.rows)
    written = [row for row in facts.rows if row["status"] in WRITTEN]
    near = sum(1 for row in written if row.get("near_duplicate_of"))
    totals = [
        ("inputs (manifest rows)", len(facts.rows)),
        ("documents in the corpus folder (ok or skipped)", len(written)),
        ("failed", status["failed"]),
        ("exact duplicates (same bytes, not processed)", status["duplicate"]),
        ("near-duplicates (nearly the same text)", near),
        ("pages", sum(number(row, "pages") for row in written)),
        ("words", sum(number(row, "words") for row in written)),
        ("footnote markers", sum(number(row, "footnotes") for row in written)),
        ("tables", sum(number(row, "tables") for row in written)),
        ("warnings", sum(number(row, "warnings") for row in written)),
        ("pages read by OCR", sum(number(row, "ocr_pages") for row in written)),
        ("boilerplate blocks (in how many documents)", f"{facts.boilerplate_blocks} ({facts.boilerplate_documents})"),
    ]
    return "## Composition\n\n" + table(["what", "count"], totals)


def languages(facts: CorpusFacts) -> str:
    words: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for row in facts.rows:
        if row["id"] in facts.metadata:
            language = str(facts.metadata[row["id"]].get("language") or "und")
            documents[language] += 1
            words[language] += number(row, "words")
    rows = [(language, count, words[language]) for language, count in counted(documents)]
    return "## Languages\n\nOf the texts in `corpus.jsonl`; ISO 639-1 codes from the text (`und`: not determined).\n\n" + table(["language", "documents", "words"], rows)


def years(facts: CorpusFacts) -> str:
    found: Counter[str] = Counter()
    for row in facts.rows:
        if row["id"] in facts.metadata:
            created = str(facts.metadata[row["id"]].get("created") or "")
            found[created[:4] if created[:4].isdigit() else "unknown"] += 1
    rows = sorted(found.items())
    return "## Years\n\nOf the texts in `corpus.jsonl`, from each file's own creation date (PDF metadata); text exports carry none.\n\n" + table(["year", "documents"], rows)


def sources(facts: CorpusFacts) -> str:
    found: Counter[str] = Counter()
    for row in facts.rows:
        parts = row["source"].split("/")
        folder = "/".join(parts[:2]) if len(parts) > 2 else parts[0]
        found[f"{folder} ({row['kind'] or 'unread'})"] += 1
    return "## Sources\n\nBy the folder the input came from and its kind.\n\n" + table(["folder (kind)", "inputs"], counted(found))


def failures(facts: CorpusFacts) -> str:
    failed = [row for row in facts.rows if row["status"] == "failed"]
    if not failed:
        return "## Failures\n\nNone: every input was read."
    kinds = Counter(failure_kind(row["error"]) for row in failed)
    example: dict[str, str] = {}
    for row in failed:
        example.setdefault(failure_kind(row["error"]), row["source"])
    rows = [(kind, count, example.get(kind, "")) for kind, count in counted(kinds)]
    return "## Failures\n\nEach failed input has its full reason in `manifest.csv`.\n\n" + table(["kind", "inputs", "for example"], rows)


def duplicates(facts: CorpusFacts) -> str:
    pairs = [(row["source"], row["duplicate_of"], "same bytes") for row in facts.rows if row.get("duplicate_of")]
    pairs += [(row["source"], row["near_duplicate_of"], f"similarity {row['similarity']}") for row in facts.rows if row.get("near_duplicate_of")]
    if not pairs:
        return "## Duplicates\n\nNone found."
    shown = pairs[:LISTED]
    more = f"\n\n… and {len(pairs) - LISTED} more (see `manifest.csv`)." if len(pairs) > LISTED else ""
    return "## Duplicates\n\n" + table(["input", "a copy of", "how"], shown) + more


def boilerplate(facts: CorpusFacts) -> str:
    if not facts.repeated:
        return "## Boilerplate\n\nNo block is printed in enough documents to be boilerplate."
    rows = [(count, text[:160] + ("…" if len(text) > 160 else "")) for count, text in facts.repeated[:LISTED]]
    return (
        "## Boilerplate\n\nBlocks printed in many documents (a disclaimer, an \"about us\", a contact block), marked "
        "`\"boilerplate\": true` in each `document.json`; the most printed:\n\n" + table(["documents", "block"], rows)
    )


def provenance(facts: CorpusFacts) -> str:
    settings = json.dumps(facts.settings, indent=2, sort_keys=True)
    return f"## How it was made\n\n`pipeline` {facts.version}, with these settings:\n\n```json\n{settings}\n```"


def plots(clean: Path, facts: CorpusFacts) -> str:
    """Draw the plots beside the datasheet; return their Markdown (none without matplotlib)."""
    try:
        from pipeline.corpus.plots import draw_plots
    except ImportError:
        return ""
    drawn = draw_plots(clean, facts.rows, facts.metadata)
    if not drawn:
        return ""
    return "## Plots\n\n" + "\n\n".join(f"![{title}]({name})" for name, title in drawn)


INTRODUCTION = (
    "# Datasheet of this corpus\n\nA corpus made by `pipeline` from the inputs listed in `manifest.csv`; "
    "the texts are in `corpus.jsonl` (and, exported, as Parquet shards), one folder per document beside them."
)


def datasheet_text(clean: Path, facts: CorpusFacts) -> str:
    sections = [
        INTRODUCTION,
        composition(facts), languages(facts), years(facts), sources(facts), failures(facts), duplicates(facts),
        boilerplate(facts), plots(clean, facts), provenance(facts),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def write_datasheet(clean: Path, facts: CorpusFacts) -> Path:
    path = clean / DATASHEET
    write_text_if_changed(path, datasheet_text(clean, facts))
    return path
