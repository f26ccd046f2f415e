"""Both character sources give the same glyphs for the same page: spaces set as text objects
of their own, descenders, fonts whose letters come from their program's built-in encoding,
and pages pdfium's text page cannot read (:mod:`pipeline.extract.pdfium_spaces`).

Each PDF is generated here with the kind of construction a corpus document showed; the
outputs of both engines are compared whole, and the glyphs where the engines differed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.extract.chars import Char, PdfplumberSource
from pipeline.extract.pdfium_source import PdfiumSource
from pipeline.process import process
from pipeline.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / ".." / "shared" / "corpus" / "real"


def engine(name: str) -> Settings:
    settings = Settings()
    return replace(settings, extract=replace(settings.extract, pdf_engine=name))


def page_chars(source: PdfplumberSource | PdfiumSource, path: Path) -> list[Char]:
    with source.open(path) as document:
        return [char for page in document.pages() for char in page.chars()]


def lone_space_pdf(path: Path) -> Path:
    """Words whose word space is a text object of its own, the next word drawn over its end
    (as the French medical chapter sets ``alcalose ?`` and the Supreme Court ``“ ‘[w]here``)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("Helvetica", 10)
    y = 700
    for first, second in [("Acidose ou alcalose", "?"), ("Relying on the canon of construction, Tarrant says \u201c", "\u2018where")]:
        c.drawString(72, y, first)
        end = 72 + c.stringWidth(first, "Helvetica", 10)
        c.drawString(end, y, " ")
        c.drawString(end + 1.25, y, second)
        y -= 14
    c.drawString(72, y, "A last line of plain words, so that the page has a body to lay out.")
    c.showPage()
    c.save()
    return path


def test_a_space_set_as_its_own_text_object_is_read_by_both_engines(tmp_path: Path) -> None:
    path = lone_space_pdf(tmp_path / "spaces.pdf")
    texts = {name: process(path, engine(name)).text for name in ("pdfplumber", "pdfium")}
    assert "alcalose ?" in texts["pdfplumber"]
    assert texts["pdfium"] == texts["pdfplumber"]


def test_the_lone_space_has_pdfminers_box(tmp_path: Path) -> None:
    """Where pdfminer puts it, as wide as the font's space, as tall as the glyphs beside it."""
    path = lone_space_pdf(tmp_path / "spaces.pdf")
    reference = [(round(c.x0, 2), round(c.x1, 2)) for c in page_chars(PdfplumberSource(), path) if c.text == " "]
    chars = page_chars(PdfiumSource(), path)
    assert [(round(c.x0, 2), round(c.x1, 2)) for c in chars if c.text == " "] == reference
    for before, space in zip(chars, chars[1:]):
        if space.text == " ":
            assert (space.top, space.bottom) == pytest.approx((before.top, before.bottom), abs=0.01)


def test_a_descender_ends_at_the_fonts_descent() -> None:
    """pdfium's loose box reaches down to the ink of a ``g`` whose tail goes below the font's
    descent (the IRS instructions' embedded Helvetica, by a tenth of a point: enough to
    put a word on another row); pdfminer's box, one font size tall from the descent, never
    does, and neither do the pdfium source's now."""
    from pipeline.extract.pdfium_chars import BOTTOM, FontFacts, TextStyle, end_at_font_descent

    font = FontFacts("Helvetica", 400, False, True, -0.207)
    style = TextStyle(font, 0, (0, 0, 0, 255), 9.5, True, False, 0.0, 1)
    baseline = 300.0
    h = ["h", 185.186, 190.468, 0.0, baseline + 1.9665, 185.186, baseline, style]
    g = ["g", 179.904, 185.186, 0.0, baseline + 2.080, 179.904, baseline, style]
    raised = ["1", 190.5, 193.0, 0.0, baseline - 3.0, 190.5, baseline - 4.0, style]
    end_at_font_descent([g, h, raised])
    assert g[BOTTOM] == pytest.approx(h[BOTTOM]) == pytest.approx(baseline + 0.207 * 9.5)
    assert raised[BOTTOM] == baseline - 3.0  # a box above its descent is left as pdfium gives it


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "irs-1040nr-instructions-2007.pdf").is_file(), reason="corpus not found")
def test_the_irs_instructions_descenders_sit_where_pdfminer_puts_them() -> None:
    path = CORPUS / "irs-1040nr-instructions-2007.pdf"
    with PdfplumberSource().open(path) as reference, PdfiumSource().open(path) as fast:
        theirs, ours = next(reference.pages()).chars(), next(fast.pages()).chars()
    bottoms = {(round(c.x0, 1), round(c.top), c.text): c.bottom for c in theirs if c.text in "gjpqy"}
    assert len(bottoms) > 200
    for c in ours:
        if c.text in "gjpqy":
            assert c.bottom == pytest.approx(bottoms[(round(c.x0, 1), round(c.top), c.text)], abs=0.02)


def soft_hyphen_pdf(path: Path) -> Path:
    """A paragraph whose line ends in a drawn soft hyphen (U+00AD, as the GDPR breaks
    ``technolo-``), in an embedded font whose ToUnicode map says so."""
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Vera", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("Vera", 10)
    lines = ["In order to prevent creating a serious risk of circumvention, the protection of",
             "natural persons should be technolo\u00ad",
             "gically neutral and should not depend on the techniques used by anyone."]
    for n, line in enumerate(lines):
        c.drawString(72, 700 - 12 * n, line)
    c.showPage()
    c.save()
    return path


def test_a_drawn_soft_hyphen_is_a_line_end_hyphen_with_both_engines(tmp_path: Path) -> None:
    path = soft_hyphen_pdf(tmp_path / "soft.pdf")
    texts = {name: process(path, engine(name)).text for name in ("pdfplumber", "pdfium")}
    assert "should be technologically neutral" in texts["pdfplumber"]
    assert texts["pdfium"] == texts["pdfplumber"]


def cjk_without_font_pdf(path: Path) -> Path:
    """Japanese set vertically in a CID font that is not embedded (as the gazette's
    Ryumin-Light): pdfium measures some of its text objects as no wider than a point and
    its text page leaves them out."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3", isVertical=True))
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("HeiseiMin-W3", 12)
    for n, line in enumerate(["官報の本文は縦に組まれている。", "日本国憲法の施行について", "内閣総理大臣の告示"]):
        c.drawString(500 - 18 * n, 700, line)
    c.showPage()
    c.save()
    return path


def test_a_page_pdfium_cannot_read_is_read_by_the_reference_engine(tmp_path: Path) -> None:
    path = cjk_without_font_pdf(tmp_path / "kanpo.pdf")
    texts = {name: process(path, engine(name)).text for name in ("pdfplumber", "pdfium")}
    assert "日本国憲法の施行について" in texts["pdfplumber"].replace("\n", "")
    assert texts["pdfium"] == texts["pdfplumber"]
    with PdfiumSource().open(path) as document:
        [page] = document.pages()
        assert type(page).__name__ == "PdfplumberPage"  # read by the reference engine


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "geotopo-german-lecture-notes.pdf").is_file(), reason="corpus not found")
def test_tex_math_fonts_are_read_with_their_built_in_encoding() -> None:
    """The lecture notes' CMSY10 and CMMI10 are compact Type 1 programs without an
    ``/Encoding``: read with their built-in encoding, the quantifiers and set signs the page
    shows come out, not the standard encoding's ``8``, ``9`` and ``;``."""
    path = CORPUS / "geotopo-german-lecture-notes.pdf"
    with PdfplumberSource().open(path) as document:
        pages = document.pages()
        next(pages)
        text = "".join(c.text for c in next(pages).chars())
    assert "Quantoren(∀,∃),Mengenschreibweisen(∪,∩,\\,∅," in text
