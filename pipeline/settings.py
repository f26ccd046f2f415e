"""One frozen settings object per stage, each default with the reason for it.

The effective settings are written into every ``document.json`` so that a result can be
reproduced; :func:`Settings.as_dict` gives that record.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

MARKER_STYLES = ("roman-lower", "roman-upper", "arabic", "symbol")
TABLE_FORMATS = ("csv", "parquet")
PDF_ENGINES = ("pdfium", "pdfplumber")


@dataclass(frozen=True)
class ExtractSettings:
    leading_space_page_starts: bool = True
    """Some exporters start each page with one space instead of a form feed (the seed does);
    turned off automatically when too many lines start that way to be page starts."""
    max_page_start_share: float = 0.2
    """Above this share of lines starting with one space, a leading space is indentation."""
    pdf_dedupe_chars: bool = True
    """Fake-bold PDFs draw each glyph twice, slightly offset; pdfplumber's ``dedupe_chars``
    removes the copies."""
    pdf_cid_page_share: float = 0.5
    """A page whose characters are mostly unmapped ``(cid:NN)`` glyphs is reported, not written
    (or read by OCR, when OCR is on)."""
    ocr: str = "auto"
    """``auto`` reads by OCR only the pages without a usable text layer (no text, or mostly
    unmapped glyphs); ``force`` reads every page by OCR (an invisible OCR layer one does not
    trust); ``off`` never does, and such a document fails with ``no text layer``."""
    ocr_language: str = ""
    """Tesseract's language data for OCR (``eng``, ``fra``, ``eng+fra``); empty: guessed from
    the first page read, among the languages installed."""
    ocr_dpi: int = 300
    """The resolution scans are rendered at for OCR: Tesseract reads 10-point type best at
    300 dpi; lower is faster but loses small footnote markers."""
    pdf_engine: str = "pdfplumber"
    """Which engine draws a PDF's characters: ``pdfplumber`` (pdfminer.six, the reference)
    or ``pdfium`` (faster; the layout above them is the same). pdfplumber stays the default
    until both give the same output on the whole corpus (README, "Engines")."""


@dataclass(frozen=True)
class NormalizeSettings:
    straighten_quotes: bool = False
    """Archivists want the typography of the source: curly quotes stay curly unless asked."""
    fix_mojibake: bool = True
    """ftfy repairs UTF-8 read as cp1252 (``â€™`` → ``’``); it only runs on lines that show
    a sign of it, which keeps clean text fast."""
    fix_ligatures: bool = True
    """``ﬁ`` → ``fi``: ligature glyphs break search and word counts."""


@dataclass(frozen=True)
class StructureSettings:
    marker_styles: tuple[str, ...] = MARKER_STYLES
    """Footnote marker styles to look for in the text (PDF superscripts are always taken)."""
    furniture_min_share: float = 0.5
    """A line at a page's top or bottom is a running header/footer when it repeats (digits
    aside) on at least this share of the pages."""
    furniture_depth: int = 3
    """How many lines at each page's top and bottom may be running headers or footers."""
    dehyphenate: bool = True
    """Rejoin words split at line ends (``immi-`` / ``gration``) when the joined word is a word."""
    heading_max_words: int = 14
    """A standalone line longer than this is a paragraph, not a heading."""



@dataclass(frozen=True)
class TableSettings:
    """How tables are found and cleaned; every default tuned on the test PDFs and the corpus."""

    ruled: bool = True
    """Look for tables drawn with ruling lines (pdfplumber's ``lines`` strategy): cheap and
    exact where a producer drew the grid."""
    unruled: bool = True
    """Look for tables without lines, by aligned columns (the ``text`` strategy)."""
    snap_tolerance: float = 3.0
    """Ruling lines this close (points) are one line: producers draw cell borders twice."""
    min_column_gap: float = 9.0
    """A horizontal gap between glyphs at least this wide (points) may be a column gutter.
    Word spaces of justified 10-12 pt prose stay under about 6 pt."""
    min_gap_ems: float = 0.9
    """... and at least this many font sizes wide, so large type needs wider gutters."""
    min_columns: int = 3
    """An unruled table has at least this many columns: two columns of text are a
    two-column page, not a table."""
    min_rows: int = 3
    """An unruled table has at least this many rows with aligned columns."""
    max_row_gap_lines: float = 2.6
    """Rows of one unruled table are at most this many line heights apart."""
    header_lines_above: int = 2
    """Lines with fewer gutters just above an aligned block are taken in as its header."""
    max_cell_words: int = 12
    """A cell with more words than this is a sentence, not a table cell."""
    max_long_cell_share: float = 0.2
    """A table with more sentence cells than this share of its non-empty cells is prose."""
    min_ruled_cells: int = 6
    """A ruled grid with fewer filled cells is a chart legend or a text box, not a table."""
    min_short_share: float = 0.6
    """In an unruled table at least this share of cells have at most four words."""
    max_header_rows: int = 3
    """At most this many rows are flattened into one header (``Top / Sub``)."""
    caption_distance: float = 30.0
    """A caption line lies within this many points above or below its table."""
    caption_reach: float = 90.0
    """A ``Table N`` line with its title lines under it may start this far above its table."""
    max_caption_lines: int = 4
    """At most this many lines (``Table N``, the title, a units line) make a caption."""
    row_label_reach: float = 250.0
    """How far left of a ruled table its row labels may start, in points."""
    max_math_share: float = 0.08
    """A region with more than this share of its glyphs in math fonts is formulas."""
    max_symbol_cell_share: float = 0.3
    """A table with more than this share of cells holding no letter or digit (leader dots,
    bullets, operators) is a contents page or a formula, not data."""
    min_row_cell_share: float = 0.5
    """In a table found without a full grid, at least this share of rows fill two cells or
    more: lines of prose under a wide gap fill one."""
    min_rule_table_width: float = 100.0
    """Rules narrower than this (points) are underlines or separators, not a table's rules."""
    max_rule_gap: float = 120.0
    """Two rules of one width this far apart or less (points) may frame one table's rows."""
    min_open_row: float = 6.0
    """Vertical lines that run on this far (points) past a table's first or last rule
    cover a row whose border was never drawn."""
    min_open_column: float = 15.0
    """Rules that run on this far (points) past a table's last vertical line cover one
    more column, whose right border was never drawn."""


@dataclass(frozen=True)
class WriteSettings:
    table_formats: tuple[str, ...] = ("csv",)
    """The files each table is written as under ``tables/``: ``csv`` (the printed text of
    every cell; the output contract's file) and ``parquet`` (columns typed where every cell is
    a number as printed; needs pyarrow, the ``parquet`` extra)."""


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    normalize: NormalizeSettings = field(default_factory=NormalizeSettings)
    structure: StructureSettings = field(default_factory=StructureSettings)
    tables: TableSettings = field(default_factory=TableSettings)
    write: WriteSettings = field(default_factory=WriteSettings)

    def as_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["structure"]["marker_styles"] = list(self.structure.marker_styles)
        record["write"]["table_formats"] = list(self.write.table_formats)
        return record

    @classmethod
    def from_mapping(cls, mapping: dict[str, Any]) -> Settings:
        """Build settings from a ``[tool.pipeline]`` table: ``{"normalize": {...}, ...}``.

        Unknown stages or keys raise ``ValueError`` naming them, so a typo in a settings
        file is never silently ignored.
        """
        stages = {f.name: f for f in fields(cls)}
        result = cls()
        for stage, values in mapping.items():
            if stage not in stages:
                raise ValueError(f"unknown settings section {stage!r} (expected one of {sorted(stages)})")
            current = getattr(result, stage)
            known = {f.name for f in fields(current)}
            unknown = set(values) - known
            if unknown:
                raise ValueError(f"unknown setting(s) {sorted(unknown)} in [{stage}] (known: {sorted(known)})")
            values = dict(values)
            if "marker_styles" in values:
                styles = tuple(values["marker_styles"])
                bad = [s for s in styles if s not in MARKER_STYLES]
                if bad:
                    raise ValueError(f"unknown marker style(s) {bad} (known: {list(MARKER_STYLES)})")
                values["marker_styles"] = styles
            if "table_formats" in values:
                values["table_formats"] = table_formats(values["table_formats"])
            if values.get("pdf_engine", PDF_ENGINES[0]) not in PDF_ENGINES:
                raise ValueError(f"unknown PDF engine {values['pdf_engine']!r} (known: {list(PDF_ENGINES)})")
            result = replace(result, **{stage: replace(current, **values)})
        return result


@dataclass(frozen=True)
class CorpusSettings:
    """How a batch is turned into a corpus. Kept apart from :class:`Settings`: these choices
    never change one document's text, so changing them redoes no document."""

    dedup: str = "mark"
    """``mark``: near-duplicates stay in the corpus, named in the manifest (nothing is lost);
    ``drop``: they are left out of ``corpus.jsonl`` and the Parquet export (their folders stay)."""
    near_duplicate_threshold: float = 0.8
    """Estimated Jaccard similarity of word 5-grams above which two texts are near-duplicates:
    a brief's export and its PDF score about 1.0, a re-issued report with a new cover 0.9,
    two briefs of one organisation on one subject well under 0.5."""
    shingle_words: int = 5
    """Words per shingle: short enough to survive small edits, long enough that shared
    phrases (``the Department of Homeland Security``) do not make unrelated texts alike."""
    num_perm: int = 128
    """MinHash permutations: the estimate's standard error is about 1/sqrt(128) = 0.09."""
    boilerplate_min_documents: int = 3
    """A block is boilerplate when at least this many documents print it (near-duplicates of
    one another count once). Two documents sharing a paragraph is a quotation, not a template."""
    boilerplate_min_words: int = 4
    """Shorter blocks (``Introduction``, ``Table of contents``) repeat by nature, not by template."""
    drop_boilerplate: bool = False
    """Leave boilerplate blocks out of the corpus text (``corpus.jsonl``, Parquet); ``text.txt``
    keeps them either way."""

    def __post_init__(self) -> None:
        if self.dedup not in ("mark", "drop"):
            raise ValueError(f"dedup must be 'mark' or 'drop', got {self.dedup!r}")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ValueError(f"near_duplicate_threshold must be in (0, 1], got {self.near_duplicate_threshold}")
        if self.boilerplate_min_documents < 2:
            raise ValueError(f"boilerplate_min_documents must be at least 2, got {self.boilerplate_min_documents}")
def table_formats(formats: Any) -> tuple[str, ...]:
    """The table formats asked for, checked: ``["csv", "parquet"]`` or ``"csv,parquet"``.

    >>> table_formats("csv,parquet")
    ('csv', 'parquet')
    """
    names = tuple(name.strip() for name in (formats.split(",") if isinstance(formats, str) else formats) if name.strip())
    bad = [name for name in names if name not in TABLE_FORMATS]
    if bad or not names:
        raise ValueError(f"unknown table format(s) {bad or names!r} (known: {', '.join(TABLE_FORMATS)})")
    return tuple(dict.fromkeys(names))
