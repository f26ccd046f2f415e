"""Character-level repairs, each a small named function that counts what it changed.

Every repair takes a string and returns the repaired string with the number of repairs it
made. :data:`REPAIRS` runs them in a declared order; the counts are the ``stats`` of
``document.json``, so the figures are honest by construction. Repairs never touch line
ends, so a page's lines can be repaired in one pass over the page's text.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from pipeline import patterns
from pipeline.model import FOUND_LIMIT, Box, Extraction, Line, Page, RepairMark
from pipeline.settings import NormalizeSettings


def remove_control_characters(text: str) -> tuple[str, int]:
    """Drop C0 control characters other than tab, line feed and form feed: never content.

    >>> remove_control_characters("a\\x07b")
    ('ab', 1)
    """
    return patterns.CONTROL_CHARS.subn("", text)


def remove_zero_width(text: str) -> tuple[str, int]:
    """Drop zero-width spaces, word joiners and stray BOMs; exporters scatter them.

    ZWJ and ZWNJ are kept inside non-Latin words, where they shape the script.

    >>> remove_zero_width("non\\u200bsense")
    ('nonsense', 1)
    >>> remove_zero_width("\\u0645\\u06cc\\u200c\\u062e\\u0648\\u0627\\u0647\\u0645")[1]
    0
    """
    count = 0
    if "\u200b" in text or "\u2060" in text or "\ufeff" in text or "\u180e" in text:
        text, count = patterns.ZERO_WIDTH.subn("", text)
    if "\u200c" in text or "\u200d" in text:
        text, joiners = patterns.LATIN_JOINER.subn("", text)
        count += joiners
    return text, count


def remove_soft_hyphens(text: str) -> tuple[str, int]:
    """Drop U+00AD soft hyphens: they mark where a word may break, they are not letters.

    >>> remove_soft_hyphens("immi\\u00adgration")
    ('immigration', 1)
    """
    count = text.count(patterns.SOFT_HYPHEN)
    return (text.replace(patterns.SOFT_HYPHEN, ""), count) if count else (text, 0)


def fix_broken_hyphens(text: str) -> tuple[str, int]:
    """Turn hyphens exported as several code points (``-\\u2010\\u2011``) or as U+2010/U+2011
    into one ``-``; dashes (– —) and minus signs are left alone.

    >>> fix_broken_hyphens("rights-\\u2010\\u2011respecting")
    ('rights-respecting', 1)
    >>> fix_broken_hyphens("2017–2018 long-term")
    ('2017–2018 long-term', 0)
    """
    if "\u2010" not in text and "\u2011" not in text:
        return text, 0
    return patterns.BROKEN_HYPHEN.subn("-", text)


def collapse_glyph_spacing(text: str) -> tuple[str, int]:
    """Turn every run of tabs, NBSPs, typographic spaces and repeated spaces into one space.

    Exporters glue words with such runs (the seed with ``\\t \\u00a0``). The count is the
    number of artifact units (each tab starts one), so ``\\t \\u00a0\\t \\u00a0`` counts 2.

    >>> collapse_glyph_spacing("Order\\t \\u00a0regarding\\t \\u00a0\\t \\u00a0")
    ('Order regarding ', 3)
    >>> collapse_glyph_spacing("one two")
    ('one two', 0)
    """
    if "\t" not in text and "  " not in text and not patterns.ODD_SPACE.search(text):
        return text, 0
    units = text.count("\t")
    residue = text.replace("\t \u00a0", "\t")  # the commonest unit, folded fast
    if "  " in residue or patterns.ODD_SPACE.search(residue):
        units += len(patterns.TABLESS_SPACING_RUN.findall(residue))
        return patterns.GLYPH_SPACING_RUN.sub(" ", residue), units
    residue = residue.replace("\t", " ")  # only tabs were left: plain string work is faster
    if "  " in residue:
        residue = patterns.SPACE_RUN.sub(" ", residue)
    return residue, units


def fix_ligatures(text: str) -> tuple[str, int]:
    """Spell out Latin ligature glyphs (``ﬁ`` → ``fi``) with ftfy; they break search.

    >>> fix_ligatures("ﬁnancial")
    ('financial', 1)
    """
    count = len(patterns.LIGATURE.findall(text))
    if not count:
        return text, 0
    from ftfy.fixes import fix_latin_ligatures

    return fix_latin_ligatures(text), count


def fix_mojibake(text: str) -> tuple[str, int]:
    """Repair text that was decoded with the wrong encoding (``â€™`` → ``’``) with ftfy.

    ftfy runs only on the lines its own badness test finds bad (:func:`encoding.is_mojibake`):
    UTF-8 read as cp1252, Mac Roman (``g√¢teaux``), cp1250 (``LiĂ¨ge``), Cyrillic code pages
    (``вЂ™``), twice over; curly quotes, dashes and ``§`` are kept as they are. The count is
    the number of lines it changed.

    >>> fix_mojibake("the sheriffâ€™s office")
    ('the sheriff’s office', 1)
    >>> fix_mojibake("“deconstruct” § 1373 – été")
    ('“deconstruct” § 1373 – été', 0)
    >>> fix_mojibake("Le Vigne di Zam√≤")
    ('Le Vigne di Zamò', 1)
    """
    from pipeline.encoding import could_be_mojibake, fix_line, is_mojibake, suspects

    if not could_be_mojibake(text):
        return text, 0
    changed = 0
    pieces: list[str] = []
    position = 0  # the text up to here is copied or repaired already
    for match in suspects().finditer(text):
        if match.start() < position:
            continue  # a line already looked at
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        line = text[start:end]
        fixed = fix_line(line) if is_mojibake(line) else line
        changed += fixed != line
        pieces += [text[position:start], fixed]
        position = end
    if not changed:
        return text, 0
    pieces.append(text[position:])
    return "".join(pieces), changed


COMBINING = {"\u02d8": "\u0306", "\u02c7": "\u030c", "\u02db": "\u0328", "\u02d9": "\u0307", "\u02da": "\u030a",
             "\u02dd": "\u030b", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u00af": "\u0304", "\u00b8": "\u0327"}
"""Each spacing accent and the combining mark it stands for."""


def compose_accents(text: str) -> tuple[str, int]:
    """Put an accent that was set as a glyph of its own back on its letter: ``O˘ guz`` →
    ``Oğuz``. Only where the letter and the accent make one precomposed character, and only
    accents that are never punctuation: acute, grave and diaeresis double as apostrophes and
    quotes (``it´s``, ``scars´ stones``) and are left alone. Counted as ``accents_composed``.

    >>> compose_accents("O˘ guz and Dvoˇ rák")
    ('Oğuz and Dvořák', 2)
    >>> compose_accents("it´s a ¨word¨ ˘")
    ('it´s a ¨word¨ ˘', 0)
    """
    if not patterns.SPACING_ACCENT.search(text):
        return text, 0
    count = 0

    def compose(match: regex.Match[str]) -> str:
        nonlocal count
        composed = unicodedata.normalize("NFC", match.group(2) + COMBINING[match.group(1)])
        if len(composed) != 1:
            return match.group()
        count += 1
        return composed

    return patterns.SPACING_ACCENT.sub(compose, text), count


def straighten_quotes(text: str) -> tuple[str, int]:
    """Turn curly quotes into straight ones; only when the settings ask for it.

    >>> straighten_quotes("“a” ‘b’")
    ('"a" \\'b\\'', 4)
    """
    text, single = patterns.CURLY_SINGLE.subn("'", text)
    text, double = patterns.CURLY_DOUBLE.subn('"', text)
    return text, single + double


@dataclass(frozen=True)
class Repair:
    stat: str
    apply: Callable[[str], tuple[str, int]]
    enabled: Callable[[NormalizeSettings], bool] = lambda settings: True


REPAIRS: tuple[Repair, ...] = (
    Repair("control_characters_removed", remove_control_characters),
    Repair("zero_width_removed", remove_zero_width),
    Repair("mojibake_fixed", fix_mojibake, lambda s: s.fix_mojibake),
    Repair("ligatures_fixed", fix_ligatures, lambda s: s.fix_ligatures),
    Repair("accents_composed", compose_accents),
    Repair("soft_hyphens_removed", remove_soft_hyphens),
    Repair("broken_hyphens_fixed", fix_broken_hyphens),
    Repair("tab_artifacts_removed", collapse_glyph_spacing),
    Repair("quotes_straightened", straighten_quotes, lambda s: s.straighten_quotes),
)
"""The repairs in the order they run: mojibake first (its repair can produce any of the
characters the later repairs look for), glyph spacing last but one."""


def repair_text(text: str, settings: NormalizeSettings, stats: Counter[str] | None = None) -> str:
    """Run every enabled repair over ``text``, adding their counts to ``stats``."""
    for repair in REPAIRS:
        if repair.enabled(settings):
            text, count = repair.apply(text)
            if stats is not None and count:
                stats[repair.stat] += count
    return text


def clean_line_text(text: str, settings: NormalizeSettings, stats: Counter[str] | None = None) -> str:
    """Repair one line (or table cell) and strip the spaces at its ends."""
    return repair_text(text, settings, stats).strip(" ")


def normalize(extraction: Extraction, settings: NormalizeSettings) -> Extraction:
    """Repair the text of every line, page by page; record the counts in ``stats``."""
    stats: Counter[str] = Counter(extraction.stats)
    for repair in REPAIRS:
        if repair.enabled(settings):
            stats.setdefault(repair.stat, 0)
    pages = tuple(normalize_page(page, settings, stats) for page in extraction.pages)
    return replace(extraction, pages=pages, stats=dict(stats))


def normalize_page(page: Page, settings: NormalizeSettings, stats: Counter[str]) -> Page:
    if not page.lines:
        return page
    texts = [line.text for line in page.lines]
    repaired = repair_text("\n".join(texts), settings, stats).split("\n")
    if len(repaired) != len(texts):  # a repair must never add or remove a line end
        raise AssertionError(f"page {page.number}: a repair changed the number of lines")
    lines = []
    for index, (line, new) in enumerate(zip(page.lines, repaired)):
        new = new.strip(" ")
        lines.append(line if new == line.text else line.with_text(new, repair_marks(line, index, settings)))
    return replace(page, lines=tuple(lines))


def repair_marks(line: Line, index: int, settings: NormalizeSettings) -> tuple[RepairMark, ...]:
    """Where each repair changed ``line`` (the ``index``-th of its page), for the report.

    The page was repaired in one pass; only a line that changed is gone over again, repair
    by repair, and each repair's changes are placed in the line as read (a character
    diff, carried back through the repairs before it).
    """
    text = line.text
    origin = list(range(len(text) + 1))  # each position of ``text`` in the line as read
    marks: list[RepairMark] = []
    for repair in REPAIRS:
        if not repair.enabled(settings):
            continue
        new, count = repair.apply(text)
        if not count or new == text:
            continue
        spans, origin = changed_spans(text, new, origin)
        for start, end in spans:
            found = line.text[start:end][:FOUND_LIMIT]
            marks.append(RepairMark(repair.stat, line.page, index, start, end, found, span_box(line, start, end)))
        text = new
    return tuple(marks)


def changed_spans(before: str, after: str, origin: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """The spans of the line as read that ``before`` → ``after`` changed (changes one
    space apart are one span), and the origin of each position of ``after``.

    >>> changed_spans("a\\t \\u00a0b\\t \\u00a0c", "a b c", list(range(10)))[0]
    [(1, 4), (5, 8)]
    """
    spans: list[tuple[int, int]] = []
    carried: list[int] = []
    done = 0  # the end of the last change in ``before``
    for i1, i2, j1, j2 in local_changes(before, after):
        carried += origin[done:i1]
        carried += [origin[i1]] * (j2 - j1)
        start, end = origin[i1], max(origin[i2], origin[i1] + 1)
        if spans and before[done:i1] in ("", " "):
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
        done = i2
    carried += origin[done:]
    return spans, carried


RESYNC_RUN = 64
"""The longest run of characters a repair replaces at once (a run of spaces), looked for
before the slow general diff is called."""


def local_changes(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """The regions ``before[i1:i2]`` replaced by ``after[j1:j2]``, in order.

    Repairs replace short runs (``\\t \\u00a0`` by a space, ``ﬁ`` by ``fi``), so equal
    stretches are skipped by slices and each change is closed at the nearest place where
    they agree again; a line where that fails is left to :mod:`difflib`.

    >>> local_changes("the ﬁnal\\t \\u00a0word", "the final word")
    [(4, 5, 4, 6), (8, 9, 9, 9), (10, 11, 10, 10)]
    """
    changes: list[tuple[int, int, int, int]] = []
    i = j = 0
    while True:
        run = common_run(before, i, after, j)
        i, j = i + run, j + run
        if i >= len(before) or j >= len(after):
            break
        resync = nearest_agreement(before, i, after, j)
        if resync is None:
            return changes + general_changes(before, i, after, j)
        changes.append((i, i + resync[0], j, j + resync[1]))
        i, j = i + resync[0], j + resync[1]
    if i < len(before) or j < len(after):
        changes.append((i, len(before), j, len(after)))
    return changes


def common_run(before: str, i: int, after: str, j: int) -> int:
    """How many characters agree from ``before[i]`` and ``after[j]`` on (slices that double
    while they agree, then halve)."""
    length, step, growing = 0, 4, True
    limit = min(len(before) - i, len(after) - j)
    while step:
        if length + step <= limit and before[i + length:i + length + step] == after[j + length:j + length + step]:
            length += step
            step = step * 2 if growing else step // 2
        else:
            growing = False
            step //= 2
    return length


def nearest_agreement(before: str, i: int, after: str, j: int) -> tuple[int, int] | None:
    """The fewest characters (of ``before``, of ``after``) to skip from a difference so
    that both agree again (or both end); a repair puts at most four characters in."""
    ends = len(before), len(after)
    for total in range(1, RESYNC_RUN + 5):
        for taken in range(min(total, 4) + 1):
            skipped = total - taken
            a, b = i + skipped, j + taken
            if skipped <= RESYNC_RUN and ((a < ends[0] and b < ends[1] and before[a] == after[b]) or (a, b) == ends):
                return skipped, taken
    return None


def general_changes(before: str, i: int, after: str, j: int) -> list[tuple[int, int, int, int]]:
    """The changes in what is left of two texts, by :mod:`difflib` (slow on long lines)."""
    from difflib import SequenceMatcher

    opcodes = SequenceMatcher(None, before[i:], after[j:], autojunk=False).get_opcodes()
    return [(i + i1, i + i2, j + j1, j + j2) for op, i1, i2, j1, j2 in opcodes if op != "equal"]


def span_box(line: Line, start: int, end: int) -> Box | None:
    """A span's place on the page, from its share of the line's characters (PDF lines only)."""
    if line.box is None or not line.text:
        return None
    box, length = line.box, len(line.text)
    width = box.x1 - box.x0
    left = box.x0 + width * start / length
    right = max(left + 2.0, box.x0 + width * end / length)
    return Box(round(left, 2), box.top, round(min(right, box.x1), 2), box.bottom)
