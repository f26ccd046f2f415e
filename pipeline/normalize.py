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
from pipeline.model import Extraction, Page
from pipeline.repair_places import page_repair_marks
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
    found_by: tuple[regex.Pattern[str], ...] = ()
    """The patterns whose matches are what the repair changes, to place it for the report
    (:mod:`pipeline.repair_places`); none: it is placed by comparing the text before and after."""
    checked: bool = False
    """Whether a match must be repaired on its own to count (not every spacing accent composes)."""


REPAIRS: tuple[Repair, ...] = (
    Repair("control_characters_removed", remove_control_characters, found_by=(patterns.CONTROL_CHARS,)),
    Repair("zero_width_removed", remove_zero_width, found_by=(patterns.ZERO_WIDTH, patterns.LATIN_JOINER)),
    Repair("mojibake_fixed", fix_mojibake, lambda s: s.fix_mojibake),
    Repair("ligatures_fixed", fix_ligatures, lambda s: s.fix_ligatures, found_by=(patterns.LIGATURE,)),
    Repair("accents_composed", compose_accents, found_by=(patterns.SPACING_ACCENT,), checked=True),
    Repair("soft_hyphens_removed", remove_soft_hyphens, found_by=(patterns.SOFT_HYPHENS,)),
    Repair("broken_hyphens_fixed", fix_broken_hyphens, found_by=(patterns.BROKEN_HYPHEN,)),
    Repair("tab_artifacts_removed", collapse_glyph_spacing, found_by=(patterns.GLYPH_SPACING_RUN,)),
    Repair("quotes_straightened", straighten_quotes, lambda s: s.straighten_quotes,
           found_by=(patterns.CURLY_SINGLE, patterns.CURLY_DOUBLE)),
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
    """Repair a page's lines in one pass over its text; each line that changed keeps where
    (:func:`pipeline.repair_places.page_repair_marks`, given only the repairs that changed the page)."""
    if not page.lines:
        return page
    texts = [line.text for line in page.lines]
    text = "\n".join(texts)
    counts: Counter[str] = Counter()
    repaired = repair_text(text, settings, counts).split("\n")
    if len(repaired) != len(texts):  # a repair must never add or remove a line end
        raise AssertionError(f"page {page.number}: a repair changed the number of lines")
    stats.update(counts)
    marks = page_repair_marks(page.lines, text, [repair for repair in REPAIRS if counts[repair.stat]])
    lines = []
    for index, (line, new) in enumerate(zip(page.lines, repaired)):
        new = new.strip(" ")
        lines.append(line if new == line.text else line.with_text(new, marks.get(index, ())))
    return replace(page, lines=tuple(lines))
