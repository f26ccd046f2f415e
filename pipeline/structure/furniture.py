"""Remove running headers, footers and page-number lines.

A line at a page's top or bottom that repeats from page to page (digits aside: ``Page 3 of
5`` and ``Page 4 of 5`` are the same line) is page furniture, not content. Only the first
and last few text lines of each page are candidates, so a sentence that happens to recur
in the body is never touched.
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
    """
    text = " ".join(text.split())
    if patterns.PAGE_NUMBER.match(text):
        return PAGE_NUMBER_KEY
    return patterns.DIGITS.sub("#", text.lower())


def edge_lines(page: Page, depth: int) -> list[int]:
    """Indexes of the first and last ``depth`` body text lines of a page."""
    # a footnote that repeats word for word on several pages ("Ibid.") is a note, not furniture
    text_indexes = [i for i, line in enumerate(page.lines) if line.kind == "text" and line.region == "body"]
    if len(text_indexes) <= depth:
        return text_indexes
    return sorted(set(text_indexes[:depth] + text_indexes[-depth:]))


def drop_running_furniture(pages: tuple[Page, ...], settings: StructureSettings) -> tuple[tuple[Page, ...], int, int]:
    """Drop repeating header/footer lines and page numbers at page edges.

    Returns the pages and the numbers of header/footer lines and page-number lines removed.
    A page-number line needs no repetition when the document has one page only.
    """
    if not pages:
        return pages, 0, 0
    depth = settings.furniture_depth
    keys_per_page = [{i: furniture_key(page.lines[i].text) for i in edge_lines(page, depth)} for page in pages]
    counts = Counter(key for keys in keys_per_page for key in set(keys.values()))
    needed = max(2, settings.furniture_min_share * len(pages))
    furniture = {key for key, count in counts.items() if count >= needed}
    if len(pages) == 1:
        furniture.add(PAGE_NUMBER_KEY)
    headers = numbers = 0
    result = []
    for page, keys in zip(pages, keys_per_page):
        drop = {i for i, key in keys.items() if key in furniture}
        if not drop:
            result.append(page)
            continue
        for i in drop:
            if keys[i] == PAGE_NUMBER_KEY:
                numbers += 1
            else:
                headers += 1
        kept = [line for i, line in enumerate(page.lines) if i not in drop]
        result.append(replace(page, lines=mark_page_start(kept)))
    return tuple(result), headers, numbers


def mark_page_start(lines: list[Line]) -> tuple[Line, ...]:
    """Keep the page-start flag on the first line that remains of the page."""
    if lines and not lines[0].starts_page:
        lines[0] = replace(lines[0], starts_page=True)
    return tuple(lines)
