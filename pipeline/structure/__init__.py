"""The structure stage: repaired lines in, blocks with footnote references and notes out.

Order of work, one named pass each (:func:`structure` runs them; :data:`PASSES` lists the
middle ones): running headers, footers and page numbers are dropped and the footnote area
set apart (:func:`drop_furniture`); a titled notes section is taken out of the body; body
lines are grouped into blocks and typed, and footnote markers found in them by one running
sequence over the whole document; notes printed at page bottoms and an untitled closing run
of notes are taken out; then tables are placed among the blocks and each marker is linked to
its note (:func:`link_footnotes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pipeline.language import block_languages, guess_language, likely_languages, sentence_language
from pipeline.model import (
    Block,
    Citation,
    DocumentWarning,
    Extraction,
    Footnote,
    FootnoteRef,
    Line,
    Note,
    Page,
    PageBox,
    RemovedLine,
    Table,
)
from pipeline.settings import StructureSettings
from pipeline.structure.author_year import link_citations
from pipeline.structure.blocks import DraftBlock, Layout, classify, lines_into_blocks, rank_heading_levels
from pipeline.structure.exponents import NONE, RaisedNumber, exponent_evidence, is_in_formula, keep_as_text, text_numbers
from pipeline.structure.furniture import drop_running_furniture
from pipeline.structure.hyphenation import WrittenHyphens, WrittenPrefixes
from pipeline.structure.markers import MarkerHit, anchor_word, find_markers, remove_markers, split_cell_markers
from pipeline.structure.notes import (
    PlacedMarker,
    choose_notes,
    drop_repeated_note_lines,
    linking_warnings,
    note_lines_in_body,
    page_bottom_note_lines,
    parse_notes,
    rejoin_stray_notes,
    split_joined_marker,
    split_notes_section,
    stray_note_area_lines,
    untitled_notes_section,
)
from pipeline.structure.numerals import SYMBOL_SEQUENCE, marker_style_and_value
from pipeline.structure.provenance import figure_text_lines, marker_place, page_boxes, removed_lines, table_boxes
from pipeline.structure.references import (
    body_lines_in_list,
    cited_enough,
    cited_entries,
    find_citations,
    find_parenthesised_citations,
    merge_citations,
    parse_entries,
    split_reference_list,
)
from pipeline.tables.continued import merge_continued_tables
from pipeline.words import Lexicon

NUMBER_STYLES = frozenset({"arabic", "roman-lower", "roman-upper"})
"""The marker styles an exponent can take (a raised ``*`` is never a power)."""


def is_letter(marker: str) -> bool:
    """A marker that is one lower-case letter other than a roman numeral's (``a``, ``b``)."""
    return len(marker) == 1 and "a" <= marker <= "z" and marker not in "ivxlc"


@dataclass(frozen=True)
class Structure:
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    notes: tuple[Note, ...]
    stats: dict[str, int]
    removed: tuple[RemovedLine, ...] = ()
    warnings: tuple[DocumentWarning, ...] = ()
    language: str = "und"
    """The document's language (ISO 639-1, ``und`` when unknown)."""
    citations: tuple[Citation, ...] = ()
    """Author–year citations in the body, each with the reference entry it cites."""


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
    unraised_numbers: bool = True
    """False for a PDF's text layer, whose markers are raised: a plain number is the text's
    (a page read by OCR has no raised glyphs: there the sequence decides)."""

    @classmethod
    def of(cls, body: list[Line], kind: str, ocr: bool = False) -> Reading:
        text = "\n".join(line.text for line in body)
        return cls(guess_language(text), likely_languages(text), WrittenHyphens(text), WrittenPrefixes(text), kind != "pdf",
                   kind != "pdf" or ocr)


@dataclass(frozen=True)
class Work:
    """The structure stage's work in progress, handed from one pass to the next."""

    body: list[Line]
    """The body's lines, in reading order; the passes take note lines out of it."""
    notes: list[Note]
    tables: tuple[Table, ...]
    stats: dict[str, int]
    notes_section: bool = False
    """Whether the body had a titled notes section (``Notes``, ``Endnotes``)."""
    drafts: list[DraftBlock] = field(default_factory=list)
    hits: list[list[MarkerHit]] = field(default_factory=list)
    """Per draft block, the footnote markers found in its text."""
    removed: tuple[RemovedLine, ...] = ()
    """The running heads, feet and page numbers dropped, with where they stood (for the report)."""
    kind: str = "text"
    """The source's kind: in a PDF a letter glued to a word is never a marker."""
    ocr: bool = False
    """Whether most pages of the document were read by OCR (their markers are not raised;
    a text layer's one OCR'd stamp page does not make its plain numbers markers)."""
    reading: Reading | None = None
    """The document's languages and written forms, read once the notes section is out."""
    languages: list[str | None] = field(default_factory=list)
    """Per draft block, its language when it differs from the document's."""
    references: list[Note] = field(default_factory=list)
    """The entries of a numbered reference list closing the document, which the body's
    bracketed citations (``[12]``) point to."""


def structure(extraction: Extraction, settings: StructureSettings) -> Structure:
    """Turn an extraction's repaired pages into typed blocks, footnotes and notes: the
    passes of :data:`PASSES`, in order, between :func:`drop_furniture` and :func:`link_footnotes`."""
    work = drop_furniture(extraction, settings)
    for step in PASSES:
        work = step(work, settings)
    return link_footnotes(work, settings)


def drop_furniture(extraction: Extraction, settings: StructureSettings) -> Work:
    """Drop running heads, feet, page numbers and the margin's line numbers; set the footnote area's lines apart as
    notes; join the tables that a page break split (which needs the heads gone: a head
    between two parts of a table does not keep them apart, a line of body text does)."""
    pages, headers, numbers = drop_running_furniture(extraction.pages, settings)
    stats = {"headers_footers_removed": headers + numbers, "page_numbers_removed": numbers}
    line_numbers = sum(line.region == "margin" for page in extraction.pages for line in page.lines)
    if line_numbers:  # only proofs and pleading paper have them: other documents' stats stay as they were
        stats["line_numbers_removed"] = line_numbers
    footnote_lines, strays = note_area_lines(pages, extraction, stats)
    body = [line if id(line) not in strays else replace(line, region="body")
            for page in pages for line in page.lines if line.region == "body" or id(line) in strays]
    tables = tuple(merge_continued_tables(list(extraction.tables), pages))
    return Work(body=body, notes=parse_notes(footnote_lines), tables=tables, stats=stats,
                removed=removed_lines(extraction.pages, pages) + figure_text_lines(pages), kind=extraction.source.kind,
                ocr=2 * extraction.stats.get("ocr_pages", 0) >= max(1, len(extraction.pages)))


def set_notes_section_apart(work: Work, settings: StructureSettings) -> Work:
    """Take a titled notes section (``Notes``, ``Endnotes``) out of the body, as notes."""
    body, section = split_notes_section(work.body)
    return replace(work, body=body, notes=work.notes + parse_notes(section), notes_section=bool(section))


def read_language(work: Work, settings: StructureSettings) -> Work:
    """Tell the body's language and the words it writes, for every word decision after."""
    return replace(work, reading=Reading.of(work.body, work.kind, work.ocr))


def draft_blocks(work: Work, settings: StructureSettings) -> Work:
    """Group and type the body's blocks, and find their footnote markers."""
    drafts, hits, languages = blocks_and_markers(work.body, settings, reading_of(work))
    return replace(work, drafts=drafts, hits=hits, languages=languages)


def take_page_bottom_notes(work: Work, settings: StructureSettings) -> Work:
    """Take out of the body the notes printed at page bottoms in body type (the markers on
    each page point to them), and draft the blocks again without them. A page whose
    markers all have their note in its note area has none: its numbered list
    (``3. Storage of information…``) is no note."""
    noted = {(note.marker, note.page) for note in work.notes}
    wanted = {page: markers for page, markers in markers_by_page(work.drafts, work.hits).items()
              if not all((marker, page) in noted for marker in markers)}
    bottom = page_bottom_note_lines(work.body, wanted)
    if not bottom:
        return work
    notes = sorted(work.notes + parse_notes_per_page([work.body[i] for i in sorted(bottom)]), key=lambda n: n.page or 0)
    body = [line for i, line in enumerate(work.body) if i not in bottom]
    drafts, hits, languages = blocks_and_markers(body, settings, reading_of(work))
    stats = {**work.stats, "page_footnote_lines": len(bottom)}
    return replace(work, body=body, notes=notes, drafts=drafts, hits=hits, stats=stats, languages=languages)


def take_untitled_notes(work: Work, settings: StructureSettings) -> Work:
    """Take an untitled run of numbered lines closing the document as its notes, when the
    body's markers point to it and it has a note for (nearly) every marker: ``1. … 2. …``
    closing a document with four markers is a list."""
    if work.notes_section:
        return work
    shorter, untitled = untitled_notes_section(work.body)
    if not untitled:
        return work
    untitled_notes = parse_notes(untitled)
    found = {hit.marker for block_hits in work.hits for hit in block_hits}
    linked = sum(note.marker in found for note in untitled_notes)
    if not (linked * 2 >= len(untitled_notes) and linked >= 0.8 * len(found)):
        return work
    drafts, hits, languages = blocks_and_markers(shorter, settings, reading_of(work))
    return replace(work, body=shorter, notes=work.notes + untitled_notes, drafts=drafts, hits=hits, languages=languages)


def take_reference_list(work: Work, settings: StructureSettings) -> Work:
    """Take a numbered reference list closing the document out of the body (lines in the
    body's type among it go back: :func:`body_lines_in_list`), and the body's citations as
    markers pointing to its entries, when the body cites it (:func:`cited_enough`): bracketed
    (``[12]``, ``[3, 4]``), else in parentheses (``(12)``, :func:`find_parenthesised_citations`)."""
    if work.notes_section:
        return work
    body, section = split_reference_list(work.body)
    if not section:
        return work
    section, returned = body_lines_in_list(section)
    body = body + returned
    entries = parse_entries(section)
    drafts, hits, languages = blocks_and_markers(body, settings, reading_of(work))
    texts = [draft.text for draft in drafts]
    highest = max((int(entry.marker) for entry in entries), default=0)
    citations = find_citations(texts, highest)
    if not cited_enough(citations, entries):
        citations = find_parenthesised_citations(texts, highest)
        if not cited_enough(citations, entries):
            return work
    merged = [merge_citations(own, cited) for own, cited in zip(hits, citations)]
    return replace(work, body=body, drafts=drafts, hits=merged, languages=languages, references=entries)


def take_notes_set_in_body(work: Work, settings: StructureSettings) -> Work:
    """In a PDF, take out of the body the notes set in small type on their marker's page
    (a table's notes under it, a box's note: :func:`note_lines_in_body`), then let go of
    each unraised symbol that no note of its page is keyed by: ``En continu*`` in a table
    whose legend is elsewhere keeps its ``*`` as text instead of becoming a marker without
    a note."""
    if work.kind != "pdf":
        return work
    noted = {(note.marker, note.page) for note in work.notes}
    wanted: dict[int, set[str]] = {}
    for marker, page in placed_markers(work):
        if page is not None and (marker, page) not in noted:
            wanted.setdefault(page, set()).add(marker)
    taken = note_lines_in_body(work.body, wanted)
    if taken:
        notes = sorted(work.notes + parse_notes_per_page([work.body[i] for i in sorted(taken)]), key=lambda n: n.page or 0)
        body = [line for i, line in enumerate(work.body) if i not in taken]
        drafts, hits, languages = blocks_and_markers(body, settings, reading_of(work))
        work = replace(work, body=body, notes=notes, drafts=drafts, hits=hits, languages=languages)
        noted = {(note.marker, note.page) for note in work.notes}
    hits = [[hit for hit in block_hits
             if hit.raised or hit.marker not in SYMBOL_SEQUENCE or (hit.marker, draft.page_at(hit.start)) in noted]
            for draft, block_hits in zip(work.drafts, work.hits)]
    return replace(work, hits=hits)


def keep_exponents_as_text(work: Work, settings: StructureSettings) -> Work:
    """Give back to the text the raised numbers that are mathematics once the notes are
    known (:func:`~pipeline.structure.exponents.text_numbers`): ``T²``, ``km²``, ``x² =`` with
    no note of their number within reach, or beyond the notes their page holds; and the
    raised letters that no note of their page is keyed by."""
    places = [(d, i) for d, block_hits in enumerate(work.hits) for i, hit in enumerate(block_hits)
              if hit.raised and not hit.citation and (marker_style_and_value(hit.marker)[0] in NUMBER_STYLES or is_letter(hit.marker))]
    raised = []
    for d, i in places:
        draft, hit = work.drafts[d], work.hits[d][i]
        if is_letter(hit.marker):
            raised.append(RaisedNumber(hit.marker, draft.page_at(hit.start), NONE, False, letter=True))
            continue
        raised.append(RaisedNumber(hit.marker, draft.page_at(hit.start), exponent_evidence(draft.text, hit.start, hit.end, hit.marker),
                                   is_in_formula(draft.text, hit.start, hit.end)))
    dropped = text_numbers(raised, work.notes, endnotes=work.notes_section)
    if not dropped:
        return work
    by_draft: dict[int, set[int]] = {}
    for position in dropped:
        d, i = places[position]
        by_draft.setdefault(d, set()).add(i)
    drafts, hits = list(work.drafts), list(work.hits)
    for d, indexes in by_draft.items():
        drafts[d], hits[d] = keep_as_text(drafts[d], hits[d], indexes)
    return replace(work, drafts=drafts, hits=hits, stats={**work.stats, "exponents_kept_as_text": len(dropped)})


def split_joined_markers(work: Work, settings: StructureSettings) -> Work:
    """Read two markers set side by side as the two they are (``910`` → 9 and 10) when the
    page's notes say so (:func:`split_joined_marker`): both stand at the same place."""
    hits = []
    for draft, block_hits in zip(work.drafts, work.hits):
        split: list[MarkerHit] = []
        for hit in block_hits:
            markers = split_joined_marker(hit.marker, draft.page_at(hit.start), work.notes)
            split.append(replace(hit, marker=markers[0]))
            split += [MarkerHit(hit.end, hit.end, marker, hit.raised) for marker in markers[1:]]
        hits.append(split)
    return replace(work, hits=hits)


def placed_markers(work: Work) -> list[tuple[str, int | None]]:
    """Every marker found so far with its page: in the body's blocks, then in table cells."""
    placed: list[tuple[str, int | None]] = [
        (hit.marker, draft.page_at(hit.start)) for draft, block_hits in zip(work.drafts, work.hits) for hit in block_hits]
    for table in work.tables:
        placed += [(marker, table.page_of_row(row)) for marker, row, _, _ in split_cell_markers(table.rows)[1]]
    return placed


def link_footnotes(work: Work, settings: StructureSettings) -> Structure:
    """The final blocks, tables placed among them, each marker linked to its note, counted,
    with warnings for what stays unlinked."""
    blocks, refs = build_blocks(work.drafts, work.hits, place_tables(work.drafts, work.tables))
    footnotes, notes, warnings = link_markers(refs, work.notes, work.references)
    stats = dict(work.stats)
    stats["dehyphenated"] = sum(d.dehyphenated for d in work.drafts)
    stats["footnote_markers"] = len(footnotes)
    stats["notes"] = len(notes)
    stats["notes_linked"] = sum(1 for footnote in footnotes if footnote.note)
    citations, unanswered = link_citations(blocks, page_starts_by_block(blocks, work.drafts))
    if citations:
        stats["citations_linked"] = len(citations)
        stats["citations_unanswered"] = unanswered
    return Structure(blocks=label_block_languages(blocks, work.languages), footnotes=footnotes, notes=tuple(notes), stats=stats,
                     removed=work.removed, warnings=tuple(warnings), language=reading_of(work).language, citations=tuple(citations))


def page_starts_by_block(blocks: tuple[Block, ...], drafts: list[DraftBlock]) -> dict[str, list[tuple[int, int]]]:
    """Where each page begins in each text block's text (its draft's, markers still in:
    off by a marker's few characters at most)."""
    own = iter(drafts)
    return {block.id: list(next(own).page_starts) for block in blocks if block.type != "table"}


def reading_of(work: Work) -> Reading:
    """The work's reading, told now if no pass told it yet."""
    return work.reading or Reading.of(work.body, work.kind, work.ocr)


PASSES: tuple[Callable[[Work, StructureSettings], Work], ...] = (
    set_notes_section_apart,
    read_language,
    draft_blocks,
    take_page_bottom_notes,
    take_untitled_notes,
    take_reference_list,
    take_notes_set_in_body,
    keep_exponents_as_text,
    split_joined_markers,
)
"""The passes between :func:`drop_furniture` (extraction in) and :func:`link_footnotes`
(structure out), in the order they run."""


def note_area_lines(pages: tuple[Page, ...], extraction: Extraction, stats: dict[str, int]) -> tuple[list[Line], set[int]]:
    """The lines the reader found in note areas, without a running footer read among them,
    and the ids of the area lines that belong to no note (they go back to the body)."""
    lines = [line for page in pages for line in page.lines if line.region == "footnote"]
    kept = drop_repeated_note_lines(lines, [line for page in extraction.pages for line in page.lines])
    if len(kept) < len(lines):
        stats["note_area_footers_removed"] = len(lines) - len(kept)
    stray = stray_note_area_lines(kept)
    if stray:
        stats["note_area_lines_returned"] = sum(1 for index in stray if kept[index].kind == "text")
    return [line for index, line in enumerate(kept) if index not in stray], {id(kept[index]) for index in stray}


def link_markers(
    refs: list[MarkerRef], notes: list[Note], references: list[Note] | None = None,
) -> tuple[tuple[Footnote, ...], list[Note], list[DocumentWarning]]:
    """Each marker with its note, or each citation with the reference it cites; the notes
    (stray note lines given back to their note, then the references) and the warnings for
    what stays unlinked."""
    references = references or []
    marks = [ref for ref in refs if not ref.citation]
    chosen = choose_notes([(ref.marker, ref.page) for ref in marks], notes)
    rejoined = rejoin_stray_notes(notes, chosen)
    if len(rejoined) < len(notes):
        notes = rejoined
        chosen = choose_notes([(ref.marker, ref.page) for ref in marks], notes)
    warnings = linking_warnings([PlacedMarker(ref.marker, ref.page, ref.block) for ref in marks], notes, chosen)
    texts = iter([notes[index].text if index is not None else "" for index in chosen])
    cited = cited_entries([(ref.marker, ref.citation) for ref in refs], references)
    warnings += [DocumentWarning("marker_without_note", f"citation [{ref.marker}]", ref.page, ref.block)
                 for ref, index in zip(refs, cited) if ref.citation and index is None]
    footnotes = tuple(
        Footnote(marker=ref.marker, page=ref.page, block=ref.block, offset=ref.offset, anchor=ref.anchor,
                 note=(references[index].text if index is not None else "") if ref.citation else next(texts),
                 cell=ref.cell, box=ref.box)
        for ref, index in zip(refs, cited)
    )
    return footnotes, notes + references, warnings


def blocks_and_markers(
    body: list[Line], settings: StructureSettings, reading: Reading,
) -> tuple[list[DraftBlock], list[list[MarkerHit]], list[str | None]]:
    """Group and type the body's blocks, then find their footnote markers, each block's
    words looked up in its own language. Returns the drafts, their markers and the
    language of each draft that differs from the document's."""
    layout = Layout.of(body)
    lexicon = (Lexicon.of_text(reading.language, reading.likely).with_written_hyphens(reading.written_hyphens)
               .with_written_words(reading.written_words))
    drafts = [classify(block, layout, settings) for block in lines_into_blocks(body, layout, lexicon, dehyphenate=settings.dehyphenate)]
    drafts = rank_heading_levels(drafts, layout)
    texts = [d.text for d in drafts]
    languages = block_languages(texts, reading.language)
    lexicons = [Lexicon.of(own) if own else lexicon for own in languages]
    hits = find_markers(texts, settings.marker_styles, lexicons=lexicons, glued_letters=reading.glued_letters,
                        sentence_language=sentence_language, unraised_numbers=reading.unraised_numbers)
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
    box: PageBox | None = None
    citation: bool = False
    """A bracketed citation of a reference list entry, not a note's marker."""


def cell_marker_places(table: Table, count: int) -> tuple[PageBox | None, ...]:
    """Where each of the ``count`` markers of a table's cells was printed (``None`` each
    when the reader did not say)."""
    return table.marker_boxes if len(table.marker_boxes) == count else (None,) * count


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
            places = cell_marker_places(table, len(found))
            refs.extend(MarkerRef(marker, table.page_of_row(r), block_id, offset, anchor_word(rows[r][c], offset), (r, c), place)
                        for (marker, r, c, offset), place in zip(found, places))
            blocks.append(Block(
                id=block_id, type="table", text="", pages=table.pages, table=replace(table, rows=rows),
                footnote_refs=tuple(FootnoteRef(marker, offset, (r, c), place) for (marker, r, c, offset), place in zip(found, places)),
                boxes=table_boxes(table),
            ))

    add_tables(-1)
    for index, (draft, block_hits) in enumerate(zip(drafts, hits)):
        block_id = f"b{len(blocks) + 1}"
        text, removed = remove_markers(draft.text, block_hits)
        block_refs = []
        for (marker, offset, original), hit in zip(removed, block_hits):
            place = marker_place(draft, hit.start, hit.end)
            block_refs.append(FootnoteRef(marker=marker, offset=offset, box=place))
            refs.append(MarkerRef(marker, draft.page_at(original), block_id, offset, anchor_word(text, offset), box=place,
                                  citation=hit.citation))
        blocks.append(
            Block(
                id=block_id, type=draft.type, text=text, pages=draft.pages, level=draft.level,
                label=draft.label, footnote_refs=tuple(block_refs), boxes=page_boxes(draft.lines), rejoined=draft.rejoined,
                repairs=tuple(mark for line in draft.lines for mark in line.repairs),
            )
        )
        add_tables(index)
    return tuple(blocks), refs


__all__ = ["Structure", "structure"]
