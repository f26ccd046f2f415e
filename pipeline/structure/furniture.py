"""Remove running headers, footers and page-number lines.

A line at a page's top or bottom that repeats from page to page (digits aside: ``Page 3 of
5`` and ``Page 4 of 5`` are the same line) is page furniture, not content. Only the first
and last few text lines of each page are candidates, so a sentence that happens to recur
in the body is never touched. A head may repeat on every page, on every other page (mirrored
heads of a book or law review: ``2007] Cite Unseen 493`` on the odd pages, ``494 Albany Law
Review [Vol. 70`` on the even ones) or only over the pages of one section (``Syllabus``);
a first page's masthead repeats pieces of the running head (``Federal Register``,
``Vol. 85, No. 152``) and its bare page number continues the heads' numbering.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from pipeline import patterns
from pipeline.model import Line, Page
from pipeline.settings import StructureSettings

PAGE_NUMBER_KEY = "<page number>"


def furniture_key(text: str) -> str:
    """The form under which a header or footer repeats: digits and page numbers folded.

    >>> furniture_key("Page 3 of 5")
    '<page number>'
    >>> furniture_key("Case: 19-16487, 03/23/2020, ID: 11641123, Page 3 of 15")
    'case: #-#, #/#/#, id: #, page # of #'
    >>> furniture_key("© Copyright IBM Corp. 2014. All rights reserved. xi")
    '© copyright ibm corp. #. all rights reserved. #'
    """
    text = fold_ocr_digits(" ".join(text.split()))
    if patterns.PAGE_NUMBER.match(text):
        return PAGE_NUMBER_KEY
    return patterns.EDGE_ROMAN.sub("#", patterns.DIGITS.sub("#", text.lower()))


def fold_ocr_digits(text: str) -> str:
    """A scanned page's footer with OCR's digit lookalikes read as digits, so that ``Page |
    of 2`` (a ``1`` read as a bar) is the same page-number line as ``Page 2 of 2``.

    >>> fold_ocr_digits("Page | of 2"), fold_ocr_digits("Report 2O19 l"), fold_ocr_digits("Oak | Elm")
    ('Page 1 of 2', 'Report 2019 1', 'Oak 1 Elm')
    """
    return patterns.OCR_ZERO.sub("0", patterns.OCR_ONE.sub("1", text))


FOOTER_MIN_WORDS = 4
"""A page's last line set in the notes' area is a footer candidate only when this long: a short
note that repeats (``Ibid.``, ``Id. at 5.``) is a note, not furniture."""
SECTION_HEAD_RUN = 3
"""A head that repeats over this many pages in a row (or every other page) is a section's
running head (``Syllabus``, ``Opinion of the Court``) even when the section is short."""
SECTION_HEAD_MIN_WORDS = 3
"""A head with digits must have this many words to count by run or by page parity, so that
``Article 12`` and ``Article 13`` opening consecutive pages stay headings."""


def edge_lines(page: Page, depth: int) -> list[int]:
    """Indexes of the first and last ``depth`` body text lines of a page, and of a footer
    printed below the page's notes."""
    # a footnote that repeats word for word on several pages ("Ibid.") is a note, not furniture
    text_indexes = [i for i, line in enumerate(page.lines) if line.kind == "text" and line.region == "body"]
    edges = text_indexes if len(text_indexes) <= depth else text_indexes[:depth] + text_indexes[-depth:]
    last = last_text_line(page)
    if last is not None and page.lines[last].region != "body" and len(page.lines[last].text.split()) >= FOOTER_MIN_WORDS:
        edges = edges + [last]
    return sorted(set(edges))


def last_text_line(page: Page) -> int | None:
    indexes = [i for i, line in enumerate(page.lines) if line.kind == "text"]
    return indexes[-1] if indexes else None


def repeating_keys(keys_per_page: list[dict[int, str]], numbers: list[int], share: float, static: set[str]) -> set[str]:
    """Keys that are page furniture: repeating over the document, over its odd or its even
    pages, or over a run of pages. ``static`` keys stand for one unchanged text everywhere."""
    counts = Counter(key for keys in keys_per_page for key in set(keys.values()))
    furniture = {key for key, count in counts.items() if count >= max(2, share * len(keys_per_page))}
    for parity in (0, 1):
        side = [keys for keys, number in zip(keys_per_page, numbers) if number % 2 == parity]
        side_counts = Counter(key for keys in side for key in set(keys.values()))
        furniture |= {key for key, count in side_counts.items()
                      if count >= max(3, share * len(side)) and may_repeat_by_section(key, static)}
    return furniture | section_run_keys(keys_per_page, numbers, static)


def may_repeat_by_section(key: str, static: set[str]) -> bool:
    """A head counted by parity or run: digit-free, unchanged from page to page (``Rapport
    final_2021``), or long enough not to be ``Article #``."""
    return "#" not in key or key in static or len(key.split()) >= SECTION_HEAD_MIN_WORDS


def static_keys(pages: tuple[Page, ...], keys_per_page: list[dict[int, str]]) -> set[str]:
    """Keys whose lines read the same, digits included, wherever they occur."""
    texts: dict[str, set[str]] = {}
    for page, keys in zip(pages, keys_per_page):
        for i, key in keys.items():
            texts.setdefault(key, set()).add(" ".join(page.lines[i].text.split()))
    return {key for key, variants in texts.items() if len(variants) == 1}


def section_run_keys(keys_per_page: list[dict[int, str]], numbers: list[int], static: set[str]) -> set[str]:
    """Keys on :data:`SECTION_HEAD_RUN` pages or more, each at most two pages after the last."""
    pages_of: dict[str, list[int]] = {}
    for keys, number in zip(keys_per_page, numbers):
        for key in set(keys.values()):
            pages_of.setdefault(key, []).append(number)
    found = set()
    for key, pages in pages_of.items():
        if key == PAGE_NUMBER_KEY or not may_repeat_by_section(key, static) or len(key) < 4:
            continue
        run = 1
        for before, after in zip(pages, pages[1:]):
            run = run + 1 if after - before <= 2 else 1
            if run >= SECTION_HEAD_RUN:
                found.add(key)
                break
    return found


def masthead_lines(page: Page, depth: int, furniture: set[str], own: set[str]) -> set[int]:
    """A page's top lines that each repeat a piece of one running head the page itself does not
    carry: a first page's masthead (``Federal Register`` / ``Vol. 85, No. 152`` / ``Thursday,
    August 6, 2020`` under heads ``Federal Register / Vol. 85, No. 152 / Thursday, …``). One
    such line alone (a cover's title that the footer repeats) stays."""
    top = [i for i, line in enumerate(page.lines) if line.kind == "text" and line.region == "body"][: depth + 3]
    keys = {i: furniture_key(page.lines[i].text) for i in top}
    for head in heads_spaced([key for key in furniture - own if len(key.split()) >= FOOTER_MIN_WORDS]):
        pieces = {i for i, key in keys.items()
                  if key != PAGE_NUMBER_KEY and len(key.split()) >= 2 and f" {key} " in f" {head} "}
        if len(pieces) >= 2:
            return pieces
    return set()


def heads_spaced(heads: list[str]) -> list[str]:
    """Running heads with their separators spaced out (``Register/Vol.`` → ``Register / Vol.``)."""
    return [" ".join(head.replace("/", " / ").split()) for head in heads]


def numbered_in_sequence(page: Page, index: int, neighbours: list[str]) -> bool:
    """A bare number at a page edge that continues the page numbers of the next or previous
    page's running head (``47698`` above a page headed ``… Proposed Rules 47699``)."""
    match = patterns.BARE_NUMBER.match(page.lines[index].text)
    if not match:
        return False
    number = int(match.group(1))
    wanted = {str(number + 1), str(number - 1)}
    return any(wanted & set(patterns.DIGITS.findall(text)) for text in neighbours)


def drop_running_furniture(pages: tuple[Page, ...], settings: StructureSettings) -> tuple[tuple[Page, ...], int, int]:
    """Drop repeating header/footer lines and page numbers at page edges.

    Returns the pages and the numbers of header/footer lines and page-number lines removed.
    A page-number line needs no repetition when the document has one page only.
    """
    if not pages:
        return pages, 0, 0
    pages = tuple(without_line_numbers(page) for page in pages)
    depth = settings.furniture_depth
    keys_per_page = [{i: furniture_key(page.lines[i].text) for i in edge_lines(page, depth)} for page in pages]
    static = static_keys(pages, keys_per_page)
    furniture = repeating_keys(keys_per_page, [page.number for page in pages], settings.furniture_min_share, static)
    if len(pages) == 1:
        furniture.add(PAGE_NUMBER_KEY)
    dropped_text = [[page.lines[i].text for i, key in keys.items() if key in furniture]
                    for page, keys in zip(pages, keys_per_page)]
    headers = numbers = 0
    result = []
    for n, (page, keys) in enumerate(zip(pages, keys_per_page)):
        neighbours = [text for m in (n - 1, n + 1) if 0 <= m < len(pages) for text in dropped_text[m]]
        drop = {i for i, key in keys.items()
                if key in furniture or numbered_in_sequence(page, i, neighbours) or is_slug_line(page.lines[i].text)}
        drop |= masthead_lines(page, depth, furniture, set(keys.values()))
        if not drop:
            result.append(page)
            continue
        for i in drop:
            if keys.get(i) == PAGE_NUMBER_KEY or patterns.BARE_NUMBER.match(page.lines[i].text):
                numbers += 1
            else:
                headers += 1
        drop |= gaps_beside_dropped_edges(page.lines, drop)
        kept = [line for i, line in enumerate(page.lines) if i not in drop]
        result.append(replace(page, lines=mark_page_start(kept)))
    return tuple(result), headers, numbers


def without_line_numbers(page: Page) -> Page:
    """The page without the margin's line numbers, which the reader set apart (region
    ``margin``, :mod:`pipeline.extract.line_numbers`): page furniture of a proof or of
    pleading paper, never text."""
    if all(line.region != "margin" for line in page.lines):
        return page
    return replace(page, lines=tuple(line for line in page.lines if line.region != "margin"))


def is_slug_line(text: str) -> bool:
    """The printer's slug line of a proof, dropped at a page's edge even where it does not
    repeat (a proof of one page, a slug whose file name changes with the chapter).

    >>> is_slug_line("14773_01_1-174_r9jm.qxd 2/10/04 3:46 PM Page 4"), is_slug_line("See the report of 2/10/04.")
    (True, False)
    """
    return bool(patterns.SLUG_LINE.search(text))


def gaps_beside_dropped_edges(lines: tuple[Line, ...], drop: set[int]) -> set[int]:
    """Paragraph gaps that only separated dropped heads from the page's first text.

    ``Cite as: 569 U. S. ____ (2013) 3`` / gap / ``Syllabus`` / text: once both heads go, the
    gap would end the paragraph that runs on from the page before. A gap between the page's
    last text and a dropped footer stays: it may say the paragraph ended on this page.
    """
    found = set()
    after_dropped = False
    for i, line in enumerate(lines):
        if i in drop:
            after_dropped = True
        elif line.kind == "gap":
            if after_dropped:
                found.add(i)
        else:
            break
    return found


def mark_page_start(lines: list[Line]) -> tuple[Line, ...]:
    """Keep the page-start flag on the first line that remains of the page."""
    if lines and not lines[0].starts_page:
        lines[0] = replace(lines[0], starts_page=True)
    return tuple(lines)
