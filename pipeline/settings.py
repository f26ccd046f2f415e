"""One frozen settings object per stage, each default with the reason for it.

The effective settings are written into every ``document.json`` so that a result can be
reproduced; :func:`Settings.as_dict` gives that record.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

MARKER_STYLES = ("roman-lower", "roman-upper", "arabic", "symbol")
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
    """A page whose characters are mostly unmapped ``(cid:NN)`` glyphs is reported, not written."""
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
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    normalize: NormalizeSettings = field(default_factory=NormalizeSettings)
    structure: StructureSettings = field(default_factory=StructureSettings)

    def as_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["structure"]["marker_styles"] = list(self.structure.marker_styles)
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
            if values.get("pdf_engine", PDF_ENGINES[0]) not in PDF_ENGINES:
                raise ValueError(f"unknown PDF engine {values['pdf_engine']!r} (known: {list(PDF_ENGINES)})")
            result = replace(result, **{stage: replace(current, **values)})
        return result
