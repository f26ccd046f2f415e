"""Lines into blocks: paragraphs reflowed across line and page breaks, headings, lists.

A paragraph ends where the source says so: a separator line (a line of glyph spacing in
exports like the seed, a bare empty line in exports that have none of those, a vertical
gap in PDFs), or a line that ends with a sentence and a longer glyph-spacing run than the
document's usual one, or a change of type size or weight. A page break alone never ends a
paragraph: ``pages`` then lists both pages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from pipeline import patterns
from pipeline.model import BlockType, Box, Line, PageBox
from pipeline.settings import StructureSettings
from pipeline.structure.hyphenation import join_line
from pipeline.words import ENGLISH, Lexicon

STRONG_BULLETS = frozenset("•▪◦●○■□‣⁃∙➢►▶✓✔❖➤\uf0b7\uf0a7\uf076\uf0d8\uf0fc")
"""Glyphs that are only ever bullets; the private-use ones are Symbol and Wingdings bullets
that Word-made PDFs export as they are (U+F0B7 is Symbol's bullet)."""
HEADING_SIZE_RATIO = 1.12
"""A line set this much larger than the body type is a heading."""


@dataclass(frozen=True)
class DraftBlock:
    """A block while the structure stage works on it: its lines, joined text and pages."""

    lines: tuple[Line, ...]
    text: str
    page_starts: tuple[tuple[int, int], ...]
    """``(offset, page)`` for each page the text enters, in order."""
    type: BlockType = "paragraph"
    level: int | None = None
    label: str | None = None
    dehyphenated: int = 0
    line_starts: tuple[int, ...] = ()
    """Where each line's text begins in ``text`` (to place a marker on its line)."""
    rejoined: tuple[PageBox, ...] = ()
    """The line ends where a hyphen was dropped to rejoin a word."""

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(page for _, page in self.page_starts))

    def page_at(self, offset: int) -> int:
        """The page on which the character at ``offset`` was printed."""
        page = self.page_starts[0][1]
        for start, number in self.page_starts:
            if start <= offset:
                page = number
        return page


@dataclass(frozen=True)
class Layout:
    """What the whole document says about its own conventions."""

    separator_kind: str
    """``gap`` when the document has glyph-spacing-only lines (they then separate
    paragraphs and bare empty lines do not), else ``blank``."""
    usual_trailing_gap: int
    body_font_size: float | None
    full_line: int = 0
    """The length of a full line (the 80th percentile of text line lengths), set only when
    the document has no separator lines at all: then a sentence that ends on a line cut well
    short of it is the only trace of a paragraph end left."""

    @classmethod
    def of(cls, lines: list[Line]) -> Layout:
        text_lines = [line for line in lines if line.kind == "text"]
        gaps = Counter(line.trailing_gap for line in text_lines)
        sizes = Counter(round(line.font_size * 2) / 2 for line in text_lines if line.font_size)
        separators = any(line.kind != "text" for line in lines)
        lengths = sorted(len(line.text) for line in text_lines)
        return cls(
            separator_kind="gap" if any(line.kind == "gap" for line in lines) else "blank",
            usual_trailing_gap=gaps.most_common(1)[0][0] if gaps else 0,
            body_font_size=sizes.most_common(1)[0][0] if sizes else None,
            full_line=lengths[int(0.8 * (len(lengths) - 1))] if lengths and not separators and len(lengths) >= 10 else 0,
        )


def is_list_start(text: str, previous: Line | None) -> bool:
    """A line that opens a list item: a bullet or a label, where an item can begin.

    Dash and star bullets and labels (``1)``, ``a.``) open an item only after a line that
    ended a sentence or clause, so a wrapped line that starts with ``– for example`` stays
    in its paragraph.
    """
    if text[:1] in STRONG_BULLETS:
        return True
    if not (patterns.BULLET.match(text) or patterns.LIST_LABEL.match(text)):
        return False
    return previous is None or bool(patterns.TERMINAL_PUNCTUATION.search(previous.text))


def is_caps_line(text: str) -> bool:
    """Mostly upper-case letters: ``KEY PROVISIONS``, ``TAKE ACTION``.

    >>> is_caps_line("KEY PROVISIONS"), is_caps_line("Key provisions")
    (True, False)
    """
    if len(text) > 160:
        return False
    upper = len(patterns.UPPER_LETTER.findall(text))
    lower = len(patterns.LOWER_LETTER.findall(text))
    return upper >= 2 and upper >= 4 * lower


def opens_list_item(previous: Line, line: Line, layout: Layout) -> bool:
    """A bullet or a label where an item can begin (:func:`is_list_start`)."""
    return is_list_start(line.text, previous)


def touches_separator(previous: Line, line: Line, layout: Layout) -> bool:
    """A separator line (``***``, ``———``) is a block of its own."""
    return bool(patterns.SEPARATOR.match(line.text) or patterns.SEPARATOR.match(previous.text))


def follows_long_trailing_gap(previous: Line, line: Line, layout: Layout) -> bool:
    """The line before ended with a longer glyph-spacing run than the document's usual one,
    and a sentence ended there or a new one starts: an export's paragraph end."""
    text, before = line.text, previous.text
    return previous.trailing_gap > layout.usual_trailing_gap and bool(
        patterns.TERMINAL_PUNCTUATION.search(before) or text[:1].isupper() or text[:1].isdigit()
    )


def follows_short_sentence_line(previous: Line, line: Line, layout: Layout) -> bool:
    """In an export without separators, a sentence ended on a line cut well short of a full
    one, and a capital starts the next: the only trace of a paragraph end left."""
    before = previous.text
    return bool(layout.full_line and len(before) < 0.75 * layout.full_line and patterns.SENTENCE_END.search(before)
                and line.text[:1].isupper())


def follows_short_title_line(previous: Line, line: Line, layout: Layout) -> bool:
    """In an export without separators, a title-case line cut short with no closing
    punctuation: a heading."""
    before = previous.text
    return bool(layout.full_line and len(before) < 0.6 * layout.full_line
                and not patterns.TERMINAL_PUNCTUATION.search(before) and is_title_case(before, patterns.WORD.findall(before)))


def is_caps_line_after_sentence(previous: Line, line: Line, layout: Layout) -> bool:
    """A short line in capitals after a sentence's end: a heading (``KEY PROVISIONS``)."""
    text = line.text
    return bool(text.count(" ") < 12 and text[:3] == text[:3].upper()
                and patterns.TERMINAL_PUNCTUATION.search(previous.text) and is_caps_line(text))


def changes_type_size(previous: Line, line: Line, layout: Layout) -> bool:
    """The type size changes by more than a tenth: a heading begins or ends."""
    if not (previous.font_size and line.font_size):
        return False
    return abs(previous.font_size - line.font_size) > 0.1 * max(previous.font_size, line.font_size)


def ends_bold_line(previous: Line, line: Line, layout: Layout) -> bool:
    """A bold line without closing punctuation, then one in the body weight: a run-in heading."""
    return previous.bold and not line.bold and not patterns.TERMINAL_PUNCTUATION.search(previous.text)


def ends_italic_line(previous: Line, line: Line, layout: Layout) -> bool:
    """A short title-case line all in italics, with the upright paragraph it heads right under
    it at the same left edge: a heading set in the body's size (the FAA handbook's ``Boots
    Self-Locking Nut``, with no space under it). An italic phrase that opens a line and runs
    on upright on the same line is a paragraph's lead-in and splits nothing; an italic line
    followed by a column break, a gap or another indent (``Counsel for Plaintiffs-Appellees``
    closing a signature, ``versus`` in a caption) is no heading either. Cut off, the line is
    a block of one title-case line, which :func:`heading_level` reads as a heading."""
    if not (previous.italic and not line.italic and previous.box and line.box and previous.page == line.page):
        return False
    size = previous.font_size or 10.0
    under = 0 <= line.box.top - previous.box.bottom < 1.5 * size and abs(line.box.x0 - previous.box.x0) < 0.5 * size
    text = previous.text
    return under and not patterns.TERMINAL_PUNCTUATION.search(text) and is_title_case(text, patterns.WORD.findall(text))


def follows_caps_heading(previous: Line, line: Line, layout: Layout) -> bool:
    """A short line in capitals (at most twelve words, not a ``CAPS LEAD:`` sentence), then
    one that is not (nor the next line of a contact block): the heading ends."""
    before = previous.text
    return bool(before.count(" ") < 12 and before[:3] == before[:3].upper() and is_caps_line(before)
                and not is_caps_line(line.text) and not patterns.CAPS_LEAD.match(before)
                and len(patterns.WORD.findall(before)) <= 12 and not is_contact_line(line.text))


def is_contact_line(text: str) -> bool:
    """An e-mail address, a telephone line or a street address without a sentence end: the
    next line of a counsel block (``BREE BERNWANGER`` / ``bbernwanger@lccrsf.org``), so the
    name in capitals above it is no heading."""
    return bool(patterns.CONTACT_LINE.match(text.strip())) and not patterns.SENTENCE_END.search(text.strip())


BLOCK_STARTS = (
    opens_list_item, touches_separator, follows_long_trailing_gap, follows_short_sentence_line, follows_short_title_line,
    is_caps_line_after_sentence, changes_type_size, ends_bold_line, ends_italic_line, follows_caps_heading,
)
"""The signs that a line opens a new block although no separator line stands before it."""


def starts_new_block(previous: Line, line: Line, layout: Layout) -> bool:
    """Whether ``line`` opens a new block although no separator line stands before it: any
    sign of :data:`BLOCK_STARTS`."""
    return any(sign(previous, line, layout) for sign in BLOCK_STARTS)


def lines_into_blocks(lines: list[Line], layout: Layout, lexicon: Lexicon = ENGLISH, *, dehyphenate: bool = True) -> list[DraftBlock]:
    """Group body lines into draft blocks, joining each block's lines into one text (words
    split at line ends are rejoined with the document's word list, ``lexicon``, unless
    ``dehyphenate`` is off)."""
    blocks: list[DraftBlock] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(join_block(tuple(current), lexicon, dehyphenate=dehyphenate))
            current.clear()

    for line in lines:
        if line.kind != "text":
            if line.kind == layout.separator_kind or line.kind == "gap":
                flush()
            continue
        if current and starts_new_block(current[-1], line, layout):
            flush()
        current.append(line)
    flush()
    return blocks


def join_block(lines: tuple[Line, ...], lexicon: Lexicon = ENGLISH, *, dehyphenate: bool = True) -> DraftBlock:
    """Join a block's lines into running text, rejoining words split at line ends with the
    document's word list (unless ``dehyphenate`` is off: then ``immi-`` / ``gration`` stays
    ``immi-gration``)."""
    text = ""
    page_starts: list[tuple[int, int]] = []
    line_starts: list[int] = []
    rejoined: list[PageBox] = []
    dehyphenated = 0
    previous: Line | None = None
    for line in lines:
        if not page_starts or page_starts[-1][1] != line.page:
            offset = len(text) + (1 if text else 0)
            page_starts.append((offset, line.page))
        text, dropped = join_line(text, line.text, lexicon, dehyphenate=dehyphenate)
        line_starts.append(len(text) - len(line.text))
        dehyphenated += dropped
        if dropped and previous is not None and previous.box is not None:
            rejoined.append(hyphen_place(previous))
        previous = line
    return DraftBlock(lines=lines, text=text, page_starts=tuple(page_starts), dehyphenated=dehyphenated,
                      line_starts=tuple(line_starts), rejoined=tuple(rejoined))


def hyphen_place(line: Line) -> PageBox:
    """The end of a line whose hyphen was dropped: a box one glyph wide at its right edge."""
    assert line.box is not None
    box = line.box
    width = max(2.0, (box.x1 - box.x0) / max(1, len(line.text)))
    return PageBox(line.page, Box(round(box.x1 - width, 2), box.top, box.x1, box.bottom))


def classify(block: DraftBlock, layout: Layout, settings: StructureSettings) -> DraftBlock:
    """Decide a block's type (and a list item's label, a heading's level)."""
    text = block.text
    if patterns.SEPARATOR.match(text):
        return replace(block, type="separator")
    if text[:1] in STRONG_BULLETS or patterns.BULLET.match(text):
        rest = patterns.BULLET.sub("", text, count=1) if patterns.BULLET.match(text) else text[1:].lstrip()
        label = patterns.LIST_LABEL.match(rest)
        if label:
            return replace(shift_offsets(block, len(text) - len(rest)), type="list_item", label=label.group(), text=rest)
        return replace(shift_offsets(block, len(text) - len(rest) - 2), type="list_item", label="-", text="- " + rest)
    label = patterns.LIST_LABEL.match(text)
    if label and not wraps_back_under_label(block):
        return replace(block, type="list_item", label=label.group())
    level = heading_level(block, layout, settings)
    if level is not None:
        return replace(block, type="heading", level=level)
    if is_lone_section_numeral(block):
        return replace(block, type="heading", level=2)
    return block


def is_lone_section_numeral(block: DraftBlock) -> bool:
    """A block that is only a roman numeral or a capital letter (``I``, ``IV``, ``A``, ``B.``):
    the number of an opinion's or a report's part, set on its own line, which opens the part
    like a heading."""
    return len(block.lines) == 1 and bool(patterns.LONE_SECTION_NUMERAL.match(block.text))


def wraps_back_under_label(block: DraftBlock) -> bool:
    """The label's line is indented and the next line runs back to the left of where the
    label stands: a paragraph with a first-line indent that opens with ``(a)`` or ``1.``
    (the points of a court syllabus), not a list item, whose lines hang under its text or
    at least never start left of its label."""
    if len(block.lines) < 2:
        return False
    first, second = block.lines[0], block.lines[1]
    if first.box is None or second.box is None or first.page != second.page:
        return False
    size = first.font_size or 10.0
    return first.box.x0 - second.box.x0 > 0.8 * size


def shift_offsets(block: DraftBlock, removed: int) -> DraftBlock:
    """The block with its page and line offsets moved for ``removed`` characters cut from the
    front of its text."""
    return replace(
        block,
        page_starts=tuple((max(0, start - removed), page) for start, page in block.page_starts),
        line_starts=tuple(max(0, start - removed) for start in block.line_starts),
    )


def heading_level(block: DraftBlock, layout: Layout, settings: StructureSettings) -> int | None:
    """The heading level of a block, or None when it is not a heading.

    Size and weight decide in PDFs (level by size, see :func:`rank_heading_levels`); in
    text exports, a short ALL-CAPS line (level 1), a line that leads with ALL-CAPS words
    and a colon (``REAL LIFE CONSEQUENCES: rampant …``, level 1), a numbered section title
    (``2.1 Scope``) or a short title-case line without a full stop (level 2).
    """
    if len(block.text) > 25 * settings.heading_max_words:
        return None
    text = patterns.KNOWN_MARKER.sub("", block.text)
    words = patterns.WORD.findall(text)
    if not words or len(words) > settings.heading_max_words or len(block.lines) > 3:
        return None
    if patterns.SENTENCE_END.search(text) and not text.endswith("..."):
        return None
    size = block.lines[0].font_size
    if size and layout.body_font_size and size >= layout.body_font_size * HEADING_SIZE_RATIO:
        return 1
    if all(line.bold for line in block.lines) and (layout.body_font_size is not None):
        return 2
    if len(block.lines) > 2:
        return None
    if is_labelled_field(block, text):
        return None
    if is_caps_line(text) or patterns.CAPS_LEAD.match(text):
        return 1
    if patterns.SECTION_NUMBER.match(text):
        return 2
    if len(block.lines) == 1 and is_title_case(text, words):
        return 2
    return None


def is_labelled_field(block: DraftBlock, text: str) -> bool:
    """A PDF line that opens with a label in capitals and a colon and goes on after it in
    body type (``INDEX NUMBER: AMR 37/6674/2017``, ``PUBLICATION DATE: 5 July 2017``): a
    form's field, read as a paragraph. A reader sees the label lead into its value; a
    heading in a PDF is set larger or all in bold, which the size and weight tests above
    decide, and a label standing alone (``URGENT ACTION SUMMARY:``) stays a heading. A text
    export has no type to tell by: there ``REAL LIFE CONSEQUENCES: rampant …`` is a heading.
    """
    if block.lines[0].font_size is None:
        return False
    label = patterns.RUN_IN_LABEL.match(text)
    return label is not None and bool(text[label.end():].strip())


def is_title_case(text: str, words: list[str]) -> bool:
    """``Key Provisions``, ``The Role of Local Police``: capitalised words, no full stop."""
    if len(words) < 2 or len(words) > 10 or "." in text or text.endswith((",", ";")):
        return False
    if not text[:1].isupper():
        return False
    significant = [word for word in words if len(word) > 3 and word[0].isalpha()]
    if not significant:
        return False
    return sum(word[0].isupper() for word in significant) >= 0.75 * len(significant)


def rank_heading_levels(blocks: list[DraftBlock], layout: Layout) -> list[DraftBlock]:
    """In PDFs, number heading levels by type size: the largest size is level 1."""
    if layout.body_font_size is None:
        return blocks
    sizes = sorted(
        {round((b.lines[0].font_size or 0) * 2) / 2 for b in blocks if b.type == "heading" and b.lines[0].font_size},
        reverse=True,
    )
    ranked = {size: rank for rank, size in enumerate(sizes, start=1)}
    result = []
    for block in blocks:
        if block.type == "heading" and block.lines[0].font_size:
            size = round(block.lines[0].font_size * 2) / 2
            level = min(ranked.get(size, 1), 6)
            block = replace(block, level=level)
        result.append(block)
    return result
