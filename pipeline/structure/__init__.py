"""The structure stage: repaired lines in, blocks with footnote references and notes out.

Order of work: running headers, footers and page numbers are dropped; the notes (an
endnotes section, PDF footnote lines) are set apart from the body; body lines are grouped
into blocks and typed; footnote markers are split out of the block texts by one running
sequence over the whole document; each marker is linked to its note.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from pipeline.language import block_languages, guess_language, likely_languages, sentence_language
from pipeline.model import Block, Extraction, Footnote, FootnoteRef, Line, Note, Table
from pipeline.settings import StructureSettings
from pipeline.structure.blocks import DraftBlock, Layout, classify, group_lines, rank_heading_levels
from pipeline.structure.furniture import drop_running_furniture
from pipeline.structure.hyphenation import WrittenHyphens, WrittenPrefixes
from pipeline.structure.markers import MarkerHit, anchor_word, find_markers, remove_markers, split_cell_markers
from pipeline.structure.notes import (
    link_notes,
    page_bottom_note_lines,
    parse_notes,
    split_notes_section,
    untitled_notes_section,
)
from pipeline.words import Lexicon


@dataclass(frozen=True)
class Structure:
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    notes: tuple[Note, ...]
    stats: dict[str, int]
    language: str = "und"
    """The document's language (ISO 639-1, ``und`` when unknown)."""


@dataclass(frozen=True)
class Reading:
    """What the marker and word decisions of one document need to know about it."""

    language: str
    likely: tuple[str, ...]
    """Every language the body may be written in, in part (their words are never split)."""
    written_hyphens: WrittenHyphens
    """The compounds the body writes with a hyphen inside its lines."""
    written_words: WrittenPrefixes
    """The beginnings of the Korean words the body writes inside its lines."""
    glued_letters: bool
    """False for PDFs, whose markers are raised: a letter glued to a word is the word's."""


def structure(extraction: Extraction, settings: StructureSettings) -> Structure:
    """Turn an extraction's repaired pages into typed blocks, footnotes and notes."""
    stats: Counter[str] = Counter()
    pages, headers, numbers = drop_running_furniture(extraction.pages, settings)
    stats["headers_footers_removed"] = headers + numbers
    stats["page_numbers_removed"] = numbers
    body = [line for page in pages for line in page.lines if line.region == "body"]
    footnote_lines = [line for page in pages for line in page.lines if line.region == "footnote"]

    body, section = split_notes_section(body)
    notes = parse_notes(footnote_lines) + parse_notes(section)
    body_text = "\n".join(line.text for line in body)
    reading = Reading(guess_language(body_text), likely_languages(body_text), WrittenHyphens(body_text),
                      WrittenPrefixes(body_text), extraction.source.kind != "pdf")
    drafts, hits, languages = blocks_and_markers(body, settings, reading)

    bottom = page_bottom_note_lines(body, markers_by_page(drafts, hits))
    if bottom:
        notes = sorted(notes + parse_notes_per_page([body[i] for i in sorted(bottom)]), key=lambda n: n.page or 0)
        body = [line for i, line in enumerate(body) if i not in bottom]
        drafts, hits, languages = blocks_and_markers(body, settings, reading)
        stats["page_footnote_lines"] = len(bottom)

    shorter, untitled = untitled_notes_section(body) if not section else (body, [])
    if untitled:
        untitled_notes = parse_notes(untitled)
        found = {hit.marker for block_hits in hits for hit in block_hits}
        linked = sum(note.marker in found for note in untitled_notes)
        # an untitled run of numbered lines is notes only when the body's markers point to
        # it and it has a note for (nearly) every marker: "1. … 2. …" closing a document
        # with four markers is a list
        if linked * 2 >= len(untitled_notes) and linked >= 0.8 * len(found):
            notes += untitled_notes
            body = shorter
            drafts, hits, languages = blocks_and_markers(body, settings, reading)

    blocks, refs = build_blocks(drafts, hits, place_tables(drafts, extraction.tables))
    note_texts = link_notes([(ref.marker, ref.page) for ref in refs], notes)
    footnotes = tuple(
        Footnote(marker=ref.marker, page=ref.page, block=ref.block, offset=ref.offset, anchor=ref.anchor, note=note,
                 cell=ref.cell)
        for ref, note in zip(refs, note_texts)
    )
    stats["dehyphenated"] = sum(d.dehyphenated for d in drafts)
    stats["footnote_markers"] = len(footnotes)
    stats["notes"] = len(notes)
    stats["notes_linked"] = sum(1 for note in note_texts if note)
    blocks = label_block_languages(blocks, languages)
    return Structure(blocks=blocks, footnotes=footnotes, notes=tuple(notes), stats=dict(stats), language=reading.language)


def blocks_and_markers(
    body: list[Line], settings: StructureSettings, reading: Reading,
) -> tuple[list[DraftBlock], list[list[MarkerHit]], list[str | None]]:
    """Group and type the body's blocks, then find their footnote markers, each block's
    words looked up in its own language. Returns the drafts, their markers and the
    language of each draft that differs from the document's."""
    layout = Layout.of(body)
    lexicon = (Lexicon.of_text(reading.language, reading.likely).with_written_hyphens(reading.written_hyphens)
               .with_written_words(reading.written_words))
    drafts = [classify(block, layout, settings) for block in group_lines(body, layout, lexicon)]
    drafts = rank_heading_levels(drafts, layout)
    texts = [d.text for d in drafts]
    languages = block_languages(texts, reading.language)
    lexicons = [Lexicon.of(own) if own else lexicon for own in languages]
    hits = find_markers(texts, settings.marker_styles, lexicons=lexicons, glued_letters=reading.glued_letters,
                        sentence_language=sentence_language)
    return drafts, hits, languages


def label_block_languages(blocks: tuple[Block, ...], languages: list[str | None]) -> tuple[Block, ...]:
    """Give each text block in another language than its document that language (the
    languages of the drafts, in order; table blocks stand between them)."""
    own = iter(languages)
    labelled = []
    for block in blocks:
        language = None if block.type == "table" else next(own, None)
        labelled.append(block if language is None else replace(block, language=language))
    return tuple(labelled)


def markers_by_page(drafts: list[DraftBlock], hits: list[list[MarkerHit]]) -> dict[int, list[str]]:
    """The markers found in the body, by the page they stand on, in order."""
    pages: dict[int, list[str]] = {}
    for draft, block_hits in zip(drafts, hits):
        for hit in block_hits:
            pages.setdefault(draft.page_at(hit.start), []).append(hit.marker)
    return pages


def parse_notes_per_page(lines: list[Line]) -> list[Note]:
    """Notes printed at page bottoms: each page's notes parsed on their own."""
    notes: list[Note] = []
    for page in dict.fromkeys(line.page for line in lines):
        notes += parse_notes([line for line in lines if line.page == page])
    return notes


def place_tables(drafts: list[DraftBlock], tables: tuple[Table, ...]) -> dict[int, list[Table]]:
    """For each table, the index of the draft block after which it stands (-1: first)."""
    placed: dict[int, list[Table]] = {}
    for table in tables:
        page, top = table.pages[0], table.page_order
        after = -1
        for index, draft in enumerate(drafts):
            first = draft.lines[0]
            first_top = first.box.top if first.box else 0.0
            if (first.page, first_top) < (page, top):
                after = index
        placed.setdefault(after, []).append(table)
    return placed


@dataclass(frozen=True)
class MarkerRef:
    """One marker found in the document, before its note is looked up."""

    marker: str
    page: int | None
    block: str
    offset: int
    anchor: str
    cell: tuple[int, int] | None = None


def build_blocks(
    drafts: list[DraftBlock], hits: list[list[MarkerHit]], tables: dict[int, list[Table]]
) -> tuple[tuple[Block, ...], list[MarkerRef]]:
    """Final blocks with ids ``b1``, ``b2`` … and the footnote rows, in document order."""
    blocks: list[Block] = []
    refs: list[MarkerRef] = []

    def add_tables(after: int) -> None:
        for table in tables.get(after, []):
            block_id = f"b{len(blocks) + 1}"
            rows, found = split_cell_markers(table.rows)
            refs.extend(MarkerRef(marker, table.page_of_row(r), block_id, offset, anchor_word(rows[r][c], offset), (r, c))
                        for marker, r, c, offset in found)
            blocks.append(Block(
                id=block_id, type="table", text="", pages=table.pages, table=replace(table, rows=rows),
                footnote_refs=tuple(FootnoteRef(marker, offset, (r, c)) for marker, r, c, offset in found),
            ))

    add_tables(-1)
    for index, (draft, block_hits) in enumerate(zip(drafts, hits)):
        block_id = f"b{len(blocks) + 1}"
        text, removed = remove_markers(draft.text, block_hits)
        block_refs = []
        for marker, offset, original in removed:
            block_refs.append(FootnoteRef(marker=marker, offset=offset))
            refs.append(MarkerRef(marker, draft.page_at(original), block_id, offset, anchor_word(text, offset)))
        blocks.append(
            Block(
                id=block_id, type=draft.type, text=text, pages=draft.pages, level=draft.level,
                label=draft.label, footnote_refs=tuple(block_refs),
            )
        )
        add_tables(index)
    return tuple(blocks), refs


__all__ = ["Structure", "structure"]
