"""The data model: plain frozen dataclasses that the stages pass to one another.

Data flows one way: a reader turns a file into an :class:`Extraction` (pages of
:class:`Line`), ``normalize`` returns the same pages with repaired text, ``structure``
turns lines into :class:`Block` objects with :class:`FootnoteRef` and :class:`Note`
objects, and ``write`` serialises a :class:`Document`. Nothing is mutated in place;
every layer keeps its page numbers (and boxes, for PDFs), so every block carries its
provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LineKind = Literal["text", "gap", "blank"]
"""``text``: a line with words. ``gap``: a line that held only glyph-spacing artifacts or a
vertical gap (a paragraph separator). ``blank``: a bare empty line, which an export can
leave inside a paragraph."""

Region = Literal["body", "footnote", "figure", "margin"]
"""Where a line sits on its page: the main flow, the footnote area at the page bottom, inside
a figure (a chart's labels, legend and axis numbers: no body text), or the margin's line
numbers (a print proof's, pleading paper's), which the structure stage drops as page
furniture."""

BlockType = Literal["heading", "paragraph", "list_item", "table", "separator", "other"]

WarningKind = Literal[
    "marker_without_note",
    "note_without_marker",
    "marker_sequence_gap",
    "unmapped_glyphs",
    "hidden_text",
    "page_without_text",
    "low_ocr_confidence",
    "table_rejected",
    "repaired",
    "pages_lost",
]
"""What a person should look at in a document, from a small fixed set (the output contract's
``warnings``): a marker whose note was not found, a note no marker points to, a gap in a
marker sequence (``3`` then ``5``), glyphs the font maps to no Unicode, invisible or hidden
text, a page with no text, a page read by OCR with low confidence, a table-like region not
taken as a table, a damaged file that was repaired, pages a damaged file lost."""


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin at the page's top left (pdfplumber's convention)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PageBox:
    """Where something was read: a page (1-based) and a box on it (provenance for the report)."""

    page: int
    box: Box


@dataclass(frozen=True)
class RemovedLine:
    """A line the structure stage left out of the text (page furniture, a chart's words), kept
    so that a reader can see it."""

    page: int
    text: str
    kind: Literal["page_number", "running_line", "line_number", "figure_text"]
    """``page_number``: a bare page number; ``running_line``: a running head or footer (a
    printer's slug line too); ``line_number``: a number of the margin's line numbering;
    ``figure_text``: words printed inside a figure (a chart's labels, legend, axis numbers)."""
    box: Box | None = None


@dataclass(frozen=True, slots=True)
class RepairMark:
    """Where ``normalize`` repaired characters of a line: what it read there and which repair.

    ``kind`` is the repair's name in ``stats`` (``ligatures_fixed``, ``mojibake_fixed`` …);
    ``line`` the line's index on its page as the reader cut it, ``start``/``end`` the span in
    that line as read, so that a text export's raw line can be highlighted; ``box`` (PDF
    only) is the span's place, estimated from its share of the line's characters.
    """

    kind: str
    page: int
    line: int
    start: int
    end: int
    found: str
    """The characters as read (at most :data:`FOUND_LIMIT`), shown on hover."""
    box: Box | None = None


FOUND_LIMIT = 40


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page, as a reader saw it.

    Readers fill in what their source can tell; the structure stage uses whatever is set.
    ``text`` may carry footnote markers that a reader already recognised (a PDF superscript)
    wrapped as ``MARKER_OPEN + marker + MARKER_CLOSE`` (see :mod:`pipeline.patterns`), so
    that character repairs cannot shift them.
    """

    text: str
    page: int
    kind: LineKind = "text"
    starts_page: bool = False
    trailing_gap: int = 0
    """Glyph-spacing units that ended the line in a text export (a paragraph's last line
    often carries more than the others)."""
    region: Region = "body"
    box: Box | None = None
    font_size: float | None = None
    bold: bool = False
    indent: float | None = None
    """Left indent relative to the column's left edge, in points (PDF only)."""
    space_before: float | None = None
    """Vertical gap above the line relative to normal line spacing, in line heights (PDF only)."""
    repairs: tuple[RepairMark, ...] = ()
    """What ``normalize`` repaired in the line, and where (empty before ``normalize``)."""
    italic: bool = False
    """Every glyph of the line is set in an italic face (PDF only)."""

    def with_text(self, text: str, repairs: tuple[RepairMark, ...] = ()) -> Line:
        """The same line with other text (and the repairs that made it): ``dataclasses.replace``
        without its introspection, for ``normalize``, which makes a new line for nearly every
        line of a document."""
        return Line(
            text, self.page, self.kind, self.starts_page, self.trailing_gap, self.region, self.box,
            self.font_size, self.bold, self.indent, self.space_before, repairs, self.italic,
        )


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None


@dataclass(frozen=True)
class Source:
    path: str
    """Relative to the parent of the raw folder (``raw/x.pdf``) in a batch; as given otherwise."""
    sha256: str
    kind: Literal["text", "pdf"]
    bytes: int
    encoding: str | None = None


@dataclass(frozen=True)
class Table:
    """A table found by a reader: cells already cleaned, header row first when ``has_header``."""

    rows: tuple[tuple[str, ...], ...]
    pages: tuple[int, ...]
    has_header: bool = True
    caption: str | None = None
    box: Box | None = None
    page_order: float = 0.0
    """Where the table sits in its first page's reading order (its top, in points), so that
    the structure stage can place its block between the right paragraphs."""
    row_pages: tuple[int, ...] = ()
    """The page of each row, for a table joined over a page break (empty: all on ``pages[0]``)."""
    more_boxes: tuple[tuple[int, Box], ...] = ()
    """``(page, box)`` of each part after the first of a table joined over a page break."""
    marker_boxes: tuple[PageBox | None, ...] = ()
    """Where each footnote marker in the cells was printed, row by row and cell by cell (PDF
    only; ``None`` where it was not found)."""

    def page_of_row(self, row: int) -> int | None:
        """The page a row stands on (a footnote marker in it is on that page)."""
        if row < len(self.row_pages):
            return self.row_pages[row]
        return self.pages[0] if self.pages else None


@dataclass(frozen=True)
class Caption:
    text: str
    box: Box


@dataclass(frozen=True)
class PageTables:
    """What one page gave: its tables, their caption lines, and every box the body must skip."""

    tables: tuple[Table, ...] = ()
    captions: tuple[Caption, ...] = ()

    @property
    def exclude(self) -> tuple[Box, ...]:
        """Boxes whose characters belong to a table or a caption, not to the body text."""
        boxes = [t.box for t in self.tables if t.box is not None]
        return tuple(boxes) + tuple(c.box for c in self.captions)


@dataclass(frozen=True)
class Extraction:
    """What a reader hands on: pages of lines, tables and the file's own metadata."""

    source: Source
    pages: tuple[Page, ...]
    metadata: dict[str, str | int] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()
    stats: dict[str, int] = field(default_factory=dict)
    warnings: tuple[DocumentWarning, ...] = ()
    """What the reader saw that a person should look at (pages without text, unmapped
    glyphs, hidden text, a repaired file, pages lost)."""


@dataclass(frozen=True)
class FootnoteRef:
    marker: str
    offset: int
    cell: tuple[int, int] | None = None
    """For a marker in a table: its cell (row, column in ``Table.rows``); ``offset`` is then
    within that cell's text."""
    box: PageBox | None = None
    """Where the marker was printed (PDF only; estimated from its place in its line)."""


@dataclass(frozen=True)
class Block:
    id: str
    type: BlockType
    text: str
    pages: tuple[int, ...]
    level: int | None = None
    label: str | None = None
    footnote_refs: tuple[FootnoteRef, ...] = ()
    table: Table | None = None
    boxes: tuple[PageBox, ...] = ()
    """Where the block was read: one box per page it spans (PDF only)."""
    rejoined: tuple[PageBox, ...] = ()
    """Line ends where a word split by a hyphen was rejoined (the hyphen's place, PDF only)."""
    language: str | None = None
    """ISO 639-1 code of a block in another language than its document; None otherwise."""
    repairs: tuple[RepairMark, ...] = ()
    """Where ``normalize`` repaired characters of the block's lines (kind, line span, box)."""


@dataclass(frozen=True)
class Note:
    """The text of one footnote or endnote, as the document printed it."""

    marker: str
    text: str
    page: int | None = None
    box: Box | None = None
    """Where the note's lines stand on ``page`` (PDF only)."""
    repairs: tuple[RepairMark, ...] = ()
    """Where ``normalize`` repaired characters of the note's lines."""


@dataclass(frozen=True)
class Footnote:
    """A marker in the body linked to its note: one row of ``footnotes.csv``."""

    marker: str
    page: int | None
    block: str
    offset: int
    anchor: str
    note: str
    cell: tuple[int, int] | None = None
    """For a marker in a table cell: the cell (row, column), the offset being within it."""
    box: PageBox | None = None
    """Where the marker was printed (PDF only)."""


@dataclass(frozen=True)
class Citation:
    """An author–year citation in the body (``Costa, 2003``) and the entry of the reference
    list it cites: one row of ``citations.csv``. The citation stays in the block's text, at
    ``start:end``; the entry is the block ``reference_block``."""

    text: str
    block: str
    start: int
    end: int
    page: int | None
    reference_block: str
    reference: str


@dataclass(frozen=True)
class DocumentWarning:
    """One thing in a document that a person should look at (``document.json``'s ``warnings``)."""

    kind: WarningKind
    detail: str
    page: int | None = None
    block: str | None = None


@dataclass(frozen=True)
class Document:
    id: str
    source: Source
    metadata: dict[str, str | int]
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    notes: tuple[Note, ...]
    stats: dict[str, int]
    settings: dict[str, object]
    warnings: tuple[DocumentWarning, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    """Running heads, footers and page numbers the structure stage dropped."""
    citations: tuple[Citation, ...] = ()
    """Author–year citations in the body, each with the reference entry it cites."""

    @property
    def text(self) -> str:
        """The clean plain text, exactly as ``text.txt`` holds it."""
        parts = [block.text for block in self.blocks if block.type != "table"]
        return "\n\n".join(parts) + "\n" if parts else ""

    @property
    def tables(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.type == "table")
