"""Both character engines give the same output: pdfplumber (the reference and default)
and pdfium (the fast one), compared file by file on ``text.txt``, ``footnotes.csv`` and every table CSV.

Every generated table PDF (the tuned, held-out, blind and fpdf2 sets with their negatives)
and the PDFs in ``raw/`` are compared in the quick suite; every corpus PDF in the slow one,
where the documents whose differences the README explains ("Engines") are listed with the
reason and only checked to read with both engines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import DocumentError
from pipeline.process import process
from pipeline.settings import Settings
from pipeline.write import document_files
from tests.table_styles import NEGATIVES, STYLES
from tests.table_styles_blind import BLIND_NEGATIVES, BLIND_STYLES
from tests.table_styles_fpdf import FPDF_NEGATIVES, FPDF_STYLES
from tests.table_styles_heldout import HELDOUT_NEGATIVES, HELDOUT_STYLES

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / ".." / "shared" / "corpus" / "real"

GENERATED: dict[str, Callable[[Path], object]] = {
    **{f"tuned-{k}": v for k, v in {**STYLES, **NEGATIVES}.items()},
    **{f"heldout-{k}": v for k, v in {**HELDOUT_STYLES, **HELDOUT_NEGATIVES}.items()},
    **{f"blind-{k}": v for k, v in {**BLIND_STYLES, **BLIND_NEGATIVES}.items()},
    **{f"fpdf-{k}": v for k, v in {**FPDF_STYLES, **FPDF_NEGATIVES}.items()},
}

KNOWN_DIFFERENCES = {
    "arabic-egypt-statement-bad-glyph-map.pdf": "pdfium orders right-to-left glyphs itself and places some "
                                                "Arabic glyphs elsewhere: letters move within the line",
    "arabic-r-python-article.pdf": "as above: right-to-left glyphs placed differently",
    "chelsea-active-transport-plan-fr.pdf": "a word gap made by moving the next word (no space glyph) in a font that "
                                            "is not embedded: the width the reader learns for such a font's letter "
                                            "from where the PDF places the next one spans the gap (`263résidents`, "
                                            "`accotements;je`, `Question 5:`)",
    "legal-aid-survey-form.pdf": "pdfplumber reads a hyphen before a checkbox answer that prints nothing "
                                 "(`- -There`; the rendered page shows none); pdfium leaves it out",
}
"""Corpus documents whose outputs differ, and why (the README's "Engines" section)."""

LOOKED_AT = {
    "korean-assembly-issue-brief.pdf": "two lines beside a two-column box interleave differently",
    "shift-work-article-missing-spaces.pdf": "pdfium's loose box of an italic `f` spans its ink (6.47 pt) where the "
                                             "PDF's width is 3.53 pt, closing the word gap after `of` (`ofAuckland`); "
                                             "FPDFFont_GetGlyphWidth gives the PDF's width",
    "jstor-open-access-white-paper.pdf": "a line-end hyphen kept by pdfium (`multi-volume`) that pdfplumber reads "
                                         "as a word break (`multi volume`)",
    "missouri-appeals-opinion-junk-header.pdf": "the caption's column of `)` beside the parties: with pdfplumber a "
                                                "lone `)` line breaks it into three paragraphs, pdfium reads one; "
                                                "pdfium's text page keeps one space of a run of spaces (44 fewer "
                                                "spaces on the page), pdfminer each",
    "eu-gdpr-regulation-oj.pdf": "one heading: `Data protection off icer` with pdfplumber, `officer` with pdfium",
    "federal-register-proposed-rule-2020.pdf": "a symbol font's `×` and bullets sit 2 points lower with pdfium, and a "
                                               "table's header word (`operators`) joins another row",
    "french-medical-doubled-chars.pdf": "a `fi` ligature with a space glyph drawn inside it ends at the space with "
                                        "pdfium (`défi nir`); some hyphens inside words are lost or moved "
                                        "(`acido basique`, `plu-s`)",
    "geotopo-german-lecture-notes.pdf": "its TeX math now reads the same; a raised `2` is lost with pdfplumber "
                                        "(`Torus T` for `T²`), and more not yet looked at",
    "ibm-redbook-rcac-sampled.pdf": "a font without a Unicode map (page 3): pdfminer reads its codes as `!`, `\"#`, "
                                    "pdfium reports them unmapped and leaves them out; the block numbers shift",
    "irs-1040nr-instructions-2007.pdf": "its rows now read the same (descenders); the engines find different tables",
}
"""Corpus documents whose outputs differ for reasons looked at and not yet fixed or explained
away (README, "Engines"): one reason why pdfplumber stays the default engine."""

NOT_YET_EXAMINED = {
    **{name: "text.txt differs between the engines; not yet examined (README, \"Engines\")"
       for name in ("german-cc-nc-license-guide.pdf",)},
    **LOOKED_AT,
}
"""Corpus documents whose outputs differ for reasons not yet looked into, or looked into and
not yet fixed (:data:`LOOKED_AT`): why pdfplumber stays the default engine. Measured
2026-11-29 (third round) with the slow test below."""


def outputs(path: Path, engine: str) -> dict[str, str]:
    """``text.txt``, ``footnotes.csv`` and the table CSVs of one document with one engine."""
    settings = Settings()
    settings = replace(settings, extract=replace(settings.extract, pdf_engine=engine))
    document = process(path, settings)
    return {name: text for name, text in document_files(document)
            if name in ("text.txt", "footnotes.csv") or name.startswith("tables/")}


def assert_same_output(path: Path) -> None:
    reference, fast = outputs(path, "pdfplumber"), outputs(path, "pdfium")
    assert sorted(fast) == sorted(reference)
    for name in reference:
        assert fast[name] == reference[name], f"{path.name}: {name} differs between the engines"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_table_pdfs_read_the_same_with_both_engines(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.pdf"
    GENERATED[name](path)
    assert_same_output(path)


@pytest.mark.parametrize("path", sorted((REPO / "raw").glob("*.pdf")), ids=lambda p: p.name)
def test_sample_pdfs_read_the_same_with_both_engines(path: Path) -> None:
    assert_same_output(path)


def test_the_reference_engine_stays_the_default_while_outputs_differ_on_the_corpus() -> None:
    assert Settings().extract.pdf_engine == "pdfplumber"
    with pytest.raises(ValueError, match="unknown PDF engine 'mupdf'"):
        Settings.from_mapping({"extract": {"pdf_engine": "mupdf"}})


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not found at ../shared/corpus/real")
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else [], ids=lambda p: p.name)
def test_corpus_pdfs_read_the_same_with_both_engines(path: Path) -> None:
    try:
        reference = outputs(path, "pdfplumber")
    except DocumentError as error:
        # refused by the reference: pdfium refuses it too, or reads what pdfminer cannot
        try:
            outputs(path, "pdfium")
        except DocumentError as fast_error:
            assert str(fast_error).split(" ")[0] == str(error).split(" ")[0] or "PDF" in str(fast_error)
        return
    fast = outputs(path, "pdfium")
    if path.name in KNOWN_DIFFERENCES or path.name in NOT_YET_EXAMINED:
        assert fast["text.txt"].strip(), KNOWN_DIFFERENCES.get(path.name) or NOT_YET_EXAMINED[path.name]
        return
    assert sorted(fast) == sorted(reference)
    for name in reference:
        assert fast[name] == reference[name], f"{path.name}: {name} differs between the engines"


def invisible_line(c: Any, x: float, y: float, words: str) -> None:
    """One line of 11 pt Helvetica in render mode 3 (invisible, as OCR layers are), in a
    saved graphics state: the render mode would outlive the text object."""
    c.saveState()
    text = c.beginText(x, y)
    text.setFont("Helvetica", 11)
    text.setTextRenderMode(3)
    text.textLine(words)
    c.drawText(text)
    c.restoreState()


def hidden_text_pdf(path: Path, *, visible: bool) -> Path:
    """A page with a visible paragraph (when ``visible``), a line in render mode 3 (as OCR
    layers are) and a white line on the white page."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    if visible:
        c.setFont("Helvetica", 11)
        for n, words in enumerate(["The visible paragraph tells the reader what the brief says,",
                                   "and nothing in it was hidden from anyone who printed it."]):
            c.drawString(72, 700 - 14 * n, words)
    invisible_line(c, 72, 600, "Invisible words that only a machine reads")
    white = c.beginText(72, 560)
    white.setFont("Helvetica", 11)
    white.setFillColorRGB(1, 1, 1)
    white.textLine("White words on a white page")
    c.drawText(white)
    c.showPage()
    c.save()
    return path


def engine(name: str) -> Settings:
    settings = Settings()
    return replace(settings, extract=replace(settings.extract, pdf_engine=name))


ENGINES = ("pdfplumber", "pdfium")


@pytest.mark.parametrize("name", ENGINES)
def test_hidden_text_is_left_out_of_a_page_with_visible_text_and_flagged(name: str, tmp_path: Path) -> None:
    document = process(hidden_text_pdf(tmp_path / "hidden.pdf", visible=True), engine(name))
    assert "visible paragraph" in document.text
    assert "Invisible" not in document.text and "White words" not in document.text
    [warning] = document.warnings
    assert (warning.kind, warning.page) == ("hidden_text", 1)
    assert "invisible" in warning.detail and "white" in warning.detail


@pytest.mark.parametrize("name", ENGINES)
def test_a_page_whose_only_text_is_hidden_is_read_from_it_and_flagged(name: str, tmp_path: Path) -> None:
    document = process(hidden_text_pdf(tmp_path / "layer.pdf", visible=False), engine(name))
    assert "Invisible words that only a machine reads" in document.text
    [warning] = document.warnings
    assert warning.kind == "hidden_text" and "only text is hidden" in warning.detail


def white_on_wide_line_pdf(path: Path, colour: tuple[float, float, float]) -> Path:
    """A paragraph, and a white caption set on a line 16 points wide in ``colour`` (as the
    Korean security report titles its figures) above it."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(72, 640, "The paragraph under the figure says what the figure shows.")
    c.setStrokeColorRGB(*colour)
    c.setLineWidth(16)
    c.line(150, 703.5, 450, 703.5)
    c.setFillColorRGB(1, 1, 1)
    c.drawString(160, 700, "Figure 4 Eight security technologies")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("name", ENGINES)
def test_white_text_on_a_line_drawn_wide_in_a_colour_is_read(name: str, tmp_path: Path) -> None:
    document = process(white_on_wide_line_pdf(tmp_path / "caption.pdf", (0.6, 0.3, 0.1)), engine(name))
    assert "Figure 4 Eight security technologies" in document.text
    assert document.warnings == ()


@pytest.mark.parametrize("name", ENGINES)
def test_white_text_on_a_white_line_stays_hidden(name: str, tmp_path: Path) -> None:
    document = process(white_on_wide_line_pdf(tmp_path / "caption.pdf", (1, 1, 1)), engine(name))
    assert "Figure 4" not in document.text
    assert [w.kind for w in document.warnings] == ["hidden_text"]


def ocr_layer_over_image_pdf(path: Path) -> Path:
    """A picture (a grey box standing for a scanned page) with an invisible line over it,
    as OCR tools lay their text over a scan, and a visible line beside it."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = path.with_suffix(".png")
    Image.new("RGB", (400, 60), (200, 200, 200)).save(image)
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "A caption printed under the scanned picture of the letter.")
    c.drawImage(ImageReader(str(image)), 72, 560, width=400, height=60)
    invisible_line(c, 80, 585, "Words the scan shows, as OCR read them")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("name", ENGINES)
def test_an_ocr_layer_over_a_picture_is_read_and_flagged(name: str, tmp_path: Path) -> None:
    document = process(ocr_layer_over_image_pdf(tmp_path / "scan.pdf"), engine(name))
    assert "Words the scan shows, as OCR read them" in document.text
    assert "A caption printed" in document.text
    [warning] = document.warnings
    assert warning.kind == "hidden_text" and "invisible text layer over an image" in warning.detail
