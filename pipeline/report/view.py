"""What one document's report page shows, read back from its output folder.

The report draws only what ``document.json`` says (blocks, markers, notes, removed lines,
tables, rejoined words, warnings) on the pages rendered from the source, so what a person
sees is exactly what the pipeline wrote, not a second reading of the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import patterns
from pipeline.report.pages import PageImage


@dataclass(frozen=True)
class Overlay:
    """One outlined box on a page image, placed in percent of the page so it scales with it."""

    kind: str
    """``block``, ``marker``, ``note``, ``removed``, ``rejoined``, ``repair``."""
    css: str
    left: float
    top: float
    width: float
    height: float
    label: str = ""
    title: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    tip: str = ""


@dataclass(frozen=True)
class PageView:
    image: PageImage
    overlays: list[Overlay]
    warnings: list[dict[str, Any]] = field(default_factory=list)
    ocr: dict[str, Any] | None = None
    """``document.json``'s record of the page when OCR read it (confidence, language, words)."""


@dataclass(frozen=True)
class Piece:
    """A run of a block's clean text, or a marker (then ``marker`` and ``note`` are set)."""

    text: str
    marker: str | None = None
    note: str = ""
    note_text: str = ""


def place(box: list[float], image: PageImage) -> tuple[float, float, float, float]:
    """A box in points as (left, top, width, height) in percent of the page image."""
    x0, top, x1, bottom = box
    width, height = image.width or 1.0, image.height or 1.0
    return (round(100 * x0 / width, 3), round(100 * top / height, 3),
            round(100 * max(x1 - x0, 0.5) / width, 3), round(100 * max(bottom - top, 0.5) / height, 3))


def note_ids(document: dict[str, Any]) -> list[str]:
    """For each footnote, the id (``n1`` …) of the note it is linked to, or ``""``.

    ``document.json`` links a footnote to its note by text; the first note with the same
    marker and text is the one it was linked to.
    """
    index: dict[tuple[str, str], str] = {}
    for number, note in enumerate(document.get("notes", []), start=1):
        index.setdefault((note["marker"], note["text"]), f"n{number}")
    return [index.get((f["marker"], f["note"]), "") if f["note"] else "" for f in document["footnotes"]]


def marker_box(footnote: dict[str, Any], blocks: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """Where to draw a marker: its own box, else (a marker in a table cell) a small box at the
    top right of its block on its page."""
    if footnote.get("box"):
        return footnote["box"]
    for placed in blocks.get(footnote["block"], {}).get("boxes", []):
        if placed["page"] == footnote["page"]:
            _, top, x1, _ = placed["box"]
            return {"page": placed["page"], "box": [x1 - 6, top, x1, top + 6]}
    return None


def page_views(document: dict[str, Any], images: list[PageImage]) -> list[PageView]:
    """Every page image with what was found on it."""
    by_page: dict[int, list[Overlay]] = {image.number: [] for image in images}
    sizes = {image.number: image for image in images}

    def add(page: int | None, box: list[float] | None, kind: str, css: str, **extra: Any) -> None:
        if page in by_page and box:
            left, top, width, height = place(box, sizes[page])
            by_page[page].append(Overlay(kind, css, left, top, width, height, **extra))

    blocks = {block["id"]: block for block in document["blocks"]}
    for block in document["blocks"]:
        for placed in block.get("boxes", []):
            add(placed["page"], placed["box"], "block", f"block t-{block['type']}", label=block["id"],
                title=f"{block['id']} {block['type']}", attrs={"data-block": block["id"]})
        for placed in block.get("rejoined", []):
            add(placed["page"], placed["box"], "rejoined", "rejoined", title="hyphenated word rejoined")
        for mark in block.get("repairs", []):
            add(mark["page"], mark.get("box"), "repair", "repair", title=repair_title(mark),
                attrs={"data-repair": mark["kind"], "data-block": block["id"]})
    for line in document.get("removed_lines", []):
        add(line["page"], line["box"], "removed", "removed", title=f"removed {line['kind'].replace('_', ' ')}: {line['text']}")
    for number, note in enumerate(document.get("notes", []), start=1):
        add(note["page"], note.get("box"), "note", "note", label=f"note {note['marker']}", title=note["text"][:200],
            attrs={"id": f"n{number}-box", "data-note-box": f"n{number}"})
        for mark in note.get("repairs", []):
            add(mark["page"], mark.get("box"), "repair", "repair", title=repair_title(mark),
                attrs={"data-repair": mark["kind"], "data-in-note": f"n{number}"})
    for footnote, note in zip(document["footnotes"], note_ids(document)):
        placed = marker_box(footnote, blocks)
        if placed is None:
            continue
        add(placed["page"], placed["box"], "marker", "marker" + ("" if note else " unlinked"),
            attrs={"data-marker": footnote["marker"], "data-note": note},
            tip=footnote["note"] or f"marker {footnote['marker']}: no note found")
    warned: dict[int, list[dict[str, Any]]] = {}
    for warning in document.get("warnings", []):
        warned.setdefault(warning.get("page") or 0, []).append(warning)
    ocr = ocr_pages(document)
    return [PageView(image, by_page[image.number], warned.get(image.number, []), ocr.get(image.number)) for image in images]


def ocr_pages(document: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The pages OCR read, each with its record (``metadata.ocr.pages``: mean confidence …)
    and ``low``: whether its confidence is below the ``low_ocr_confidence`` warning's bar."""
    from pipeline.extract.ocr import LOW_CONFIDENCE

    record = document.get("metadata", {}).get("ocr")
    if not isinstance(record, dict):
        return {}
    return {int(page["page"]): {**page, "low": float(page.get("confidence", 0)) < LOW_CONFIDENCE}
            for page in record.get("pages", ()) if "page" in page}


def repair_marks(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every character repair ``document.json`` places: its blocks' and its notes'."""
    return [mark for part in (*document["blocks"], *document.get("notes", [])) for mark in part.get("repairs", [])]


def repair_title(mark: dict[str, Any]) -> str:
    """What a repair mark says on hover: the repair's kind and what was read there.

    >>> repair_title({"kind": "tab_artifacts_removed", "found": "\\t \\u00a0"})
    'tab artifacts removed: ⟨U+0009⟩ ⟨U+00A0⟩'
    """
    return f"{mark['kind'].replace('_', ' ')}: {visible(mark.get('found', ''))}"


def visible(text: str) -> str:
    """Characters as a person can see them: invisible and space-like ones by their code point."""
    return "".join(ch if ch.isprintable() and not ch.isspace() or ch == " " else f"⟨U+{ord(ch):04X}⟩" for ch in text)


def block_pieces(block: dict[str, Any], notes: dict[tuple[str, int], tuple[str, str]]) -> list[Piece]:
    """A block's clean text cut at its markers, each marker a piece of its own."""
    text, pieces, position = block.get("text", ""), [], 0
    for ref in sorted((r for r in block.get("footnote_refs", []) if "cell" not in r), key=lambda r: r["offset"]):
        offset = ref["offset"]
        pieces.append(Piece(text[position:offset]))
        note, note_text = notes.get((block["id"], offset), ("", ""))
        pieces.append(Piece("", marker=ref["marker"], note=note, note_text=note_text))
        position = offset
    pieces.append(Piece(text[position:]))
    return pieces


def text_blocks(document: dict[str, Any], folder: Path) -> list[dict[str, Any]]:
    """The clean text, block by block, with markers linked to their notes and tables as rows."""
    linked = {(f["block"], f["offset"]): (note, f["note"]) for f, note in zip(document["footnotes"], note_ids(document))}
    out = []
    for block in document["blocks"]:
        view: dict[str, Any] = {"id": block["id"], "type": block["type"], "level": block.get("level"),
                                "pages": block.get("pages", []), "pieces": block_pieces(block, linked)}
        if block["type"] == "table":
            view["rows"] = read_csv(folder / block["csv"]) if block.get("csv") else []
            view["caption"] = block.get("caption", "")
        out.append(view)
    return out


def read_csv(path: Path) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    except OSError:
        return []


def export_pages(raw_text: str, extract_settings: dict[str, Any]) -> list[list[str]]:
    """A text export's raw text cut into pages and lines as the reader cut it (form feeds,
    or the exporter's one-space page starts), with the settings the document was made with."""
    from pipeline.extract.text_export import split_pages
    from pipeline.settings import ExtractSettings

    try:
        settings = ExtractSettings(**extract_settings)
    except TypeError:  # made by another version: the defaults cut pages the usual way
        settings = ExtractSettings()
    return [[line.text for line in page.lines] for page in split_pages(raw_text, settings)]


RawRun = tuple[str, str, str]
"""A run of a raw page: (css class, text, what it says on hover)."""


def raw_pages(raw_text: str, document: dict[str, Any], extract_settings: dict[str, Any]) -> list[list[RawRun]]:
    """A text export's raw text, page by page, each page a list of runs: the characters
    ``normalize`` repaired highlighted with the repair's kind (``document.json``'s
    ``repairs``), other glyph-spacing and invisible characters highlighted, lines dropped
    as page furniture struck through."""
    dropped: dict[int, set[str]] = {}
    for removed_line in document.get("removed_lines", []):
        dropped.setdefault(removed_line["page"], set()).add(" ".join(removed_line["text"].split()))
    repairs: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for mark in repair_marks(document):
        repairs.setdefault((mark["page"], mark["line"]), []).append(mark)
    pages = []
    for number, lines in enumerate(export_pages(raw_text, extract_settings), start=1):
        runs: list[RawRun] = []
        for index, line in enumerate(lines):
            if line.strip() and " ".join(line.split()) in dropped.get(number, ()):
                runs.append(("removed", line, "removed as page furniture"))
            else:
                runs += repaired_runs(line, sorted(repairs.get((number, index), []), key=lambda m: m["start"]))
            runs.append(("", "\n", ""))
        pages.append([run for run in runs if run[1]])
    return pages


def repaired_runs(line: str, marks: list[dict[str, Any]]) -> list[RawRun]:
    """One raw line as runs: each repaired span (``repair``), and between them the
    artifacts no repair claimed (``artifact``), shown as they are."""
    runs: list[RawRun] = []
    position = 0
    for mark in marks:
        start, end = max(mark["start"], position), min(mark["end"], len(line))
        if start >= end:
            continue
        runs += artifact_runs(line[position:start])
        runs.append(("repair " + mark["kind"], shown(line[start:end]), repair_title(mark)))
        position = end
    return runs + artifact_runs(line[position:])


GLYPH_SPACING = "tab_artifacts_removed"


def artifact_runs(text: str) -> list[RawRun]:
    """Raw text no placed repair claimed: its glyph-spacing runs, which ``normalize``
    collapses everywhere but does not place in a text export (see
    :mod:`pipeline.repair_places`), found by the same pattern and shown as that repair;
    other invisible characters highlighted as they are."""
    runs: list[RawRun] = []
    position = 0
    for match in patterns.GLYPH_SPACING_RUN.finditer(text):
        runs += other_artifacts(text[position:match.start()])
        runs.append((f"repair {GLYPH_SPACING}", shown(match.group()), repair_title({"kind": GLYPH_SPACING, "found": match.group()})))
        position = match.end()
    return runs + other_artifacts(text[position:])


def other_artifacts(text: str) -> list[RawRun]:
    runs: list[RawRun] = []
    position = 0
    for match in patterns.REPORT_ARTIFACT.finditer(text):
        runs.append(("", text[position:match.start()], ""))
        runs.append(("artifact", shown(match.group()), "an invisible character or a broken hyphen"))
        position = match.end()
    runs.append(("", text[position:], ""))
    return runs


def shown(text: str) -> str:
    """Tabs and NBSPs drawn as ``→`` and ``·`` so that a highlighted run can be seen."""
    return text.replace("\t", "→").replace("\u00a0", "·")
