"""Make broken text exports from clean, known text, so that tests know the exact answer.

A document is a list of blocks (:class:`Heading`, :class:`Paragraph`, :class:`Item`,
:class:`Separator`). Block texts are the CLEAN text, with a few placeholders in braces:

- ``{i}``, ``{IV}``, ``{3}``, ``{*}``: a footnote marker printed right there, glued to the
  word, punctuation or closing quote before it (``Order{i}``, ``nation.{iii}``, ``”{iv}``);
- ``{-}`` inside a word: the word is split at a line end with a hyphen (``immi{-}gration``
  prints ``immi-`` / ``gration``; the clean text has ``immigration``);
- ``{/}``: the line ends right here (``non-{/}citizens`` prints ``non-`` / ``citizens``).

:func:`make_export` prints the document the way broken exporters do (see :class:`Variant`)
and returns the file's bytes with the expected clean text, blocks and footnote rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

import regex

PLACEHOLDER = regex.compile(r"\{([^{}]+)\}")
WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+")
INNER_HYPHEN = regex.compile(r"(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])")


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Item:
    """A list item. ``label="-"`` is a bare bullet; ``bullet=None`` prints the label alone."""

    text: str
    label: str = "-"
    bullet: str | None = "•"


@dataclass(frozen=True)
class Separator:
    text: str = "***"


Block = Heading | Paragraph | Item | Separator


@dataclass(frozen=True)
class Note:
    marker: str
    text: str


@dataclass(frozen=True)
class Variant:
    """How the export is broken. The defaults reproduce the seed export."""

    glue: str = "\t \u00a0"
    """Between two words and at every line end ("" prints clean single spaces)."""
    separator: str = "gap"
    """Between blocks: ``gap`` (a line of glue only) or ``blank`` (an empty line)."""
    page_break: str = "space"
    """``space`` (a page's first line starts with one space) or ``formfeed``."""
    hyphen: str = "-\u2010\u2011"
    """How a real hyphen inside a word is printed."""
    lines_per_page: int = 10
    width: int = 90
    header: str | None = None
    """A running header printed atop every page; ``{n}`` is the page number."""
    footer: str | None = None
    """A footer (or page-number line) printed at every page's bottom; ``{n}``, ``{total}``."""
    notes_title: str = "Notes"
    soft_hyphens: bool = False
    zero_width: bool = False
    ligatures: bool = False
    mojibake: bool = False
    encoding: str = "utf-8"
    """``utf-8``, ``utf-8-sig``, ``utf-16`` (with BOM) or ``cp1252``."""
    seed: int = 0


@dataclass
class ExpectedBlock:
    type: str
    text: str
    pages: list[int]
    label: str | None = None


@dataclass
class Export:
    data: bytes
    printed: str
    blocks: list[ExpectedBlock]
    footnotes: list[tuple[str, str, str, str, str, str]]
    """``footnotes.csv`` rows: marker, page, block, offset, anchor, note (all strings)."""

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks) + "\n"


@dataclass
class Piece:
    """A run of printed characters that the wrapper never splits."""

    segments: list[tuple[str, str]]  # ("text", s) or ("marker", m)
    breaks_after: bool = False
    markers: list[tuple[str, int]] = field(default_factory=list)  # (marker, clean offset)

    @property
    def width(self) -> int:
        return sum(len(s) for _, s in self.segments)


def parse_template(template: str) -> tuple[str, list[Piece], list[tuple[str, int]]]:
    """The clean text, the printable pieces and the markers ``(marker, offset)`` of a template."""
    clean = ""
    markers: list[tuple[str, int]] = []
    pieces: list[Piece] = [Piece([])]
    position = 0
    for match in PLACEHOLDER.finditer(template):
        literal = template[position : match.start()]
        clean = add_literal(pieces, clean, literal)
        code = match.group(1)
        if code == "-":
            pieces[-1].segments.append(("text", "-"))
            pieces[-1].breaks_after = True
            pieces.append(Piece([]))
        elif code == "/":
            pieces[-1].breaks_after = True
            pieces.append(Piece([]))
        else:
            markers.append((code, len(clean)))
            pieces[-1].markers.append((code, len(clean)))
            pieces[-1].segments.append(("marker", code))
        position = match.end()
    clean = add_literal(pieces, clean, template[position:])
    return clean, [p for p in pieces if p.segments], markers


def add_literal(pieces: list[Piece], clean: str, literal: str) -> str:
    """Append clean text, starting a new piece at every space (the wrapper's break points)."""
    for index, word in enumerate(literal.split(" ")):
        if index:
            clean += " "
            if pieces[-1].segments:
                pieces.append(Piece([]))
        if word:
            pieces[-1].segments.append(("text", word))
            clean += word
    return clean


def break_artifacts(word: str, variant: Variant, rng: random.Random) -> str:
    """Print one word the way the broken exporter does (markers are never passed here)."""
    word = INNER_HYPHEN.sub(lambda _: variant.hyphen, word)
    if variant.mojibake and ("’" in word or "é" in word):
        word = word.replace("’", "’".encode().decode("cp1252")).replace("é", "é".encode().decode("cp1252"))
    if variant.ligatures:
        word = word.replace("fi", "\ufb01").replace("fl", "\ufb02")
    letters = [i for i in range(1, len(word)) if word[i - 1].isalpha() and word[i].isalpha()]
    if variant.soft_hyphens and len(word) >= 8 and letters and rng.random() < 0.3:
        cut = letters[len(letters) // 2]
        word = word[:cut] + "\u00ad" + word[cut:]
    if variant.zero_width and len(word) >= 4 and letters and rng.random() < 0.15:
        cut = rng.choice(letters)
        word = word[:cut] + "\u200b" + word[cut:]
    return word


def print_piece(piece: Piece, variant: Variant, rng: random.Random) -> str:
    return "".join(s if kind == "marker" else break_artifacts(s, variant, rng) for kind, s in piece.segments)


@dataclass
class PrintedLine:
    text: str
    kind: str  # "text", "sep", "furniture"
    block: int | None = None
    markers: list[tuple[str, int]] = field(default_factory=list)


def wrap_block(prefix: str, template: str, block_index: int, variant: Variant, rng: random.Random) -> tuple[str, list[PrintedLine]]:
    """Wrap one block into printed lines (glue between words and at each line end)."""
    clean, pieces, _ = parse_template(template)
    glue = variant.glue or " "
    end = variant.glue
    lines: list[PrintedLine] = []
    current: list[str] = [prefix] if prefix else []
    markers: list[tuple[str, int]] = []
    width = len(prefix)
    for piece in pieces:
        if current and width + 1 + piece.width > variant.width:
            lines.append(PrintedLine(glue.join(current) + end, "text", block_index, markers))
            current, markers, width = [], [], 0
        current.append(print_piece(piece, variant, rng))
        markers = markers + piece.markers
        width += piece.width + (1 if width else 0)
        if piece.breaks_after:
            lines.append(PrintedLine(glue.join(current) + end, "text", block_index, markers))
            current, markers, width = [], [], 0
    if current:
        lines.append(PrintedLine(glue.join(current) + end, "text", block_index, markers))
    lines[-1].text += variant.glue  # a paragraph's last line carries a double run
    return clean, lines


def block_template(block: Block) -> tuple[str, str, str, str | None]:
    """(printed prefix, template, type, label) of a block."""
    if isinstance(block, Heading):
        return "", block.text, "heading", None
    if isinstance(block, Separator):
        return "", block.text, "separator", None
    if isinstance(block, Item):
        if block.label == "-":
            return "", f"{block.bullet} " + block.text, "list_item", "-"
        prefix = f"{block.bullet} " if block.bullet else ""
        return "", prefix + block.label + " " + block.text, "list_item", block.label
    return "", block.text, "paragraph", None


def clean_block_text(block: Block, clean: str) -> str:
    """The block text the pipeline must produce: bullets dropped, a bare bullet as ``- ``."""
    if isinstance(block, Item) and block.bullet and clean.startswith(block.bullet + " "):
        rest = clean[len(block.bullet) + 1 :]
        return "- " + rest if block.label == "-" else rest
    return clean


def paginate(lines: list[PrintedLine], variant: Variant) -> list[list[PrintedLine]]:
    """Cut lines into pages; a page never starts with a separator line."""
    pages: list[list[PrintedLine]] = [[]]
    for line in lines:
        full = len(pages[-1]) >= variant.lines_per_page
        if full and line.kind == "text":
            pages.append([])
        pages[-1].append(line)
    return pages


def make_export(blocks: list[Block], variant: Variant = Variant(), notes: list[Note] | None = None) -> Export:
    """Print ``blocks`` (and an endnotes section) as a broken export; see the module doc."""
    rng = random.Random(variant.seed)
    separator = PrintedLine(variant.glue if variant.separator == "gap" else "", "sep")
    lines: list[PrintedLine] = []
    cleans: list[tuple[str, str, str | None, list[tuple[str, int]]]] = []
    for index, block in enumerate(blocks):
        prefix, template, kind, label = block_template(block)
        clean, block_lines = wrap_block(prefix, template, index, variant, rng)
        _, _, markers = parse_template(template)
        text = clean_block_text(block, clean)
        shift = len(clean) - len(text)
        cleans.append((kind, text, label, [(m, offset - shift) for m, offset in markers]))
        if lines:
            lines.append(separator)
        lines.extend(block_lines)
    if notes:
        lines.append(separator)
        lines.append(PrintedLine(variant.notes_title + variant.glue, "text"))
        for note in notes:
            opening = note.marker if note.marker[0] in "*†‡" else note.marker + "."
            _, note_lines = wrap_block("", f"{opening} {note.text}", -1, note_variant(variant), rng)
            lines.extend(note_lines)
    pages = paginate(lines, variant)
    total = len(pages)
    page_of: dict[int, list[int]] = {}
    marker_pages: list[int] = []
    for number, page in enumerate(pages, start=1):
        for line in page:
            if line.block is not None and line.block >= 0:
                page_of.setdefault(line.block, [])
                if number not in page_of[line.block]:
                    page_of[line.block].append(number)
                marker_pages.extend(number for _ in line.markers)
    printed = render_pages(pages, variant, total)
    expected = []
    footnotes = []
    note_texts = {note.marker: clean_note_text(note.text) for note in notes or []}
    marker_index = 0
    for index, (kind, text, label, markers) in enumerate(cleans):
        block_id = f"b{index + 1}"
        expected.append(ExpectedBlock(kind, text, page_of[index], label))
        for marker, offset in markers:
            anchor = anchor_before(text, offset)
            page = marker_pages[marker_index]
            marker_index += 1
            footnotes.append((marker, str(page), block_id, str(offset), anchor, note_texts.get(marker, "")))
    return Export(data=encode(printed, variant.encoding), printed=printed, blocks=expected, footnotes=footnotes)


def note_variant(variant: Variant) -> Variant:
    """Notes are printed with glue and hyphens only."""
    return replace(variant, soft_hyphens=False, zero_width=False)


def clean_note_text(template: str) -> str:
    return parse_template(template)[0]


def anchor_before(text: str, offset: int) -> str:
    """The contract's anchor: the last word of letters/digits ending at or before ``offset``."""
    words = WORD.findall(text[:offset])
    return words[-1] if words else ""


def render_pages(pages: list[list[PrintedLine]], variant: Variant, total: int) -> str:
    """Add running headers/footers and join the pages with the variant's page breaks."""
    glue = variant.glue or " "
    rendered = []
    for number, page in enumerate(pages, start=1):
        texts = [line.text for line in page]
        if variant.header:
            texts.insert(0, variant.header.format(n=number, total=total).replace(" ", glue) + variant.glue)
        if variant.footer:
            texts.append(variant.footer.format(n=number, total=total).replace(" ", glue) + variant.glue)
        if variant.page_break == "space":
            texts[0] = " " + texts[0]
        rendered.append("\n".join(texts) + "\n")
    return ("\f" if variant.page_break == "formfeed" else "").join(rendered)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return text.encode("utf-16")  # with its BOM
    return text.encode(encoding)
