"""The PDF reader on PDFs whose ground truth is known by construction (see pdf_factory),
plus a corpus-wide smoke test over the real PDFs in ../shared/corpus/real."""

from __future__ import annotations

import csv
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.errors import DocumentError
from pipeline.extract.chars import Char
from pipeline.extract.pdf import read_pdf
from pipeline.model import Extraction, Line, Source
from pipeline.patterns import MARKER_CLOSE, MARKER_OPEN
from pipeline.settings import ExtractSettings
from tests.pdf_factory import PdfBuilder, Span, bold, paragraph_lines, sup

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / ".." / "shared" / "corpus" / "real"


def marked(marker: str) -> str:
    return MARKER_OPEN + marker + MARKER_CLOSE


def read(path: Path, **settings: object) -> Extraction:
    source = Source(path=str(path), sha256="", kind="pdf", bytes=path.stat().st_size)
    return read_pdf(path, ExtractSettings(**settings), source=source)  # type: ignore[arg-type]


def texts(lines: tuple[Line, ...] | list[Line], *, gaps: bool = False) -> list[str]:
    """Line texts in order; gap lines shown as "¶" when asked for."""
    return ["¶" if line.kind == "gap" else line.text for line in lines if gaps or line.kind != "gap"]


# --- words and lines -----------------------------------------------------------------------


def test_words_come_from_gaps_when_the_pdf_has_no_space_characters(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "nospace.pdf")
    pdf.words(72, 100, ["The", "current", "issue", "and", "full", "text"], gap=2.6)
    pdf.letters(72, 130, "tracking", gap=0.6)  # tight tracking must not split the word
    pdf.line(72, 160, "A normal line with spaces.")
    lines = read(pdf.save()).pages[0].lines
    assert texts(lines) == ["The current issue and full text", "tracking", "A normal line with spaces."]


def test_font_size_bold_box_and_indent(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "fonts.pdf")
    pdf.line(72, 100, bold("KEY PROVISIONS", size=14))
    pdf.line(90, 130, "An indented line of body text.")
    pdf.line(72, 142, "A line at the left edge of the body text column.")
    lines = [line for line in read(pdf.save()).pages[0].lines if line.kind == "text"]
    heading, indented, plain = lines
    assert heading.bold and heading.font_size == 14.0
    assert not indented.bold and indented.font_size == 10.0
    assert indented.indent == pytest.approx(18.0, abs=0.5) and plain.indent == pytest.approx(0.0, abs=0.5)
    assert heading.box is not None and heading.box.x0 == pytest.approx(72.0, abs=0.5)
    assert heading.box.top < heading.box.bottom < indented.box.top  # type: ignore[union-attr]


def test_line_end_hyphens_are_left_as_printed(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "hyphen.pdf")
    paragraph_lines(pdf, 72, 100, ["These policies target every undocumented immi-", "grant in the interior."])
    assert texts(read(pdf.save()).pages[0].lines) == [
        "These policies target every undocumented immi-",
        "grant in the interior.",
    ]


# --- superscript markers -------------------------------------------------------------------

MARKER_CASES = [
    # (spans of one line, expected text) — every marker style, after words and punctuation
    ((Span("the policies"), sup("14"), Span(" and the memo")), f"the policies{marked('14')} and the memo"),
    ((Span("the Executive Order"), sup("xiv"), Span(" of January")), f"the Executive Order{marked('xiv')} of January"),
    ((Span("a federal misdemeanor."), sup("1"), Span(" Because")), f"a federal misdemeanor.{marked('1')} Because"),
    ((Span("Per Curiam:"), sup("*"), Span(" The court")), f"Per Curiam:{marked('*')} The court"),
    ((Span("the “nationalist”"), sup("†"), Span(" agenda")), f"the “nationalist”{marked('†')} agenda"),
    ((Span("profiling"), sup("‡"), Span(", and")), f"profiling{marked('‡')}, and"),
    ((Span("several notes"), sup("1,2"), Span(" apply")), f"several notes{marked('1')}{marked('2')} apply"),
    ((Span("policies¹² and"),), f"policies{marked('12')} and"),
    # negative cases: raised text that is not a marker, and digits that are not raised
    ((Span("the 25"), sup("th"), Span(" of January")), "the 25th of January"),
    ((Span("an area of 5 km"), sup("2"), Span(" in all")), "an area of 5 km² in all"),
    ((Span("an area of 5 km² in all"),), "an area of 5 km² in all"),
    ((Span("the plane R"), sup("2"), Span(" is open")), "the plane R² is open"),
    ((Span("then the preimage f"), sup("1"), Span("(U) is open")), "then the preimage f¹(U) is open"),
    ((Span("section 287(g) of the Act"),), "section 287(g) of the Act"),
    ((Span("Title VI applies"),), "Title VI applies"),
]


@pytest.mark.parametrize(("spans", "expected"), MARKER_CASES, ids=[case[1][:24] for case in MARKER_CASES])
def test_superscript_markers_are_wrapped_where_they_stood(tmp_path: Path, spans: tuple[Span, ...], expected: str) -> None:
    pdf = PdfBuilder(tmp_path / "marker.pdf")
    pdf.line(72, 100, *spans)
    assert texts(read(pdf.save()).pages[0].lines) == [expected]


def test_raised_fraction_numerator_is_not_a_marker(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "fraction.pdf")
    pdf.line(72, 100, Span("sizes up to "), sup("1"), Span("\u2044"), Span("4", size=6, rise=-1), Span(" inch"))
    assert MARKER_OPEN not in texts(read(pdf.save()).pages[0].lines)[0]


# --- footnotes, headers and footers --------------------------------------------------------


def build_report(path: Path, pages: int = 5, *, footer: str = "Page {n} of {total}") -> Path:
    """A report with a running head, a footer with page numbers, superscript markers in the
    body and their notes at the page bottom under a short rule."""
    pdf = PdfBuilder(path, title="Interior Enforcement", author="NIJC", subject="Executive orders")
    for n in range(1, pages + 1):
        if n > 1:
            pdf.new_page()
        pdf.line(72, 40, "Interior Enforcement Briefing", size=9)
        top = paragraph_lines(pdf, 72, 90, [f"Paragraph on page {n} opens here and runs to the", "end of its line."])
        pdf.line(72, top + 12, Span(f"A claim on page {n} with a source"), sup(str(n)), Span(" and more text."))
        pdf.line(72, top + 24, Span("A second claim"), sup("*"), Span(" cites another source."))
        pdf.rule(72, 216, 650)
        pdf.line(72, 668, sup(str(n), size=5, rise=3), Span(f" Note {n}: Executive Order 13768, 2017.", size=8))
        pdf.line(72, 678, Span("which continues on a second line.", size=8))
        pdf.line(72, 690, sup("*", size=5, rise=3), Span(" The asterisk note.", size=8))
        pdf.line(280, 750, footer.format(n=n, total=pages), size=9)
    return pdf.save()


def test_footnotes_under_a_rule_get_the_footnote_region(tmp_path: Path) -> None:
    page = read(build_report(tmp_path / "report.pdf", pages=1)).pages[0]
    notes = [line for line in page.lines if line.region == "footnote" and line.kind == "text"]
    assert texts(notes) == [
        f"{marked('1')} Note 1: Executive Order 13768, 2017.",
        "which continues on a second line.",
        f"{marked('*')} The asterisk note.",
    ]
    body = [line for line in page.lines if line.region == "body" and line.kind == "text"]
    assert f"A claim on page 1 with a source{marked('1')} and more text." in texts(body)
    # each note starts after a gap line, so the structure stage sees where one note ends
    order = texts(page.lines, gaps=True)
    assert order[order.index(texts(notes)[0]) - 1] == "¶"
    assert order[order.index(texts(notes)[2]) - 1] == "¶"


def test_page_number_set_close_under_the_notes_still_comes_last(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "close-footer.pdf")
    paragraph_lines(pdf, 72, 600, ["Body text of the memorandum, with a claim", "and its source."])
    pdf.line(72, 700, sup("1", size=5, rise=3), Span(" Pub. L. No. 105-304, 112 Stat. 2860.", size=8))
    pdf.line(72, 712, "Copyright Office Summary December 1998 Page 1", size=10)
    lines = [line for line in read(pdf.save()).pages[0].lines if line.kind == "text"]
    assert [(line.text, line.region) for line in lines[-2:]] == [
        (f"{marked('1')} Pub. L. No. 105-304, 112 Stat. 2860.", "footnote"),
        ("Copyright Office Summary December 1998 Page 1", "body"),
    ]


def test_notes_in_body_size_type_under_a_short_rule(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "same-size-notes.pdf")
    paragraph_lines(
        pdf,
        72,
        500,
        [f"Body line {i} of a double-spaced brief set in one size, as the court rules ask" for i in range(1, 6)],
        leading=24,
    )
    pdf.rule(72, 216, 612)
    pdf.line(72, 630, sup("1"), Span(" 60 days after the order fell on a Sunday."))
    lines = [line for line in read(pdf.save()).pages[0].lines if line.kind == "text"]
    assert (lines[-1].text, lines[-1].region) == (f"{marked('1')} 60 days after the order fell on a Sunday.", "footnote")
    assert all(line.region == "body" for line in lines[:-1])


@pytest.mark.parametrize("footer", ["Page {n} of {total}", "- {n} -"])
def test_running_head_first_and_footer_last_on_every_page(tmp_path: Path, footer: str) -> None:
    extraction = read(build_report(tmp_path / "report.pdf", footer=footer))
    assert len(extraction.pages) == 5
    for page in extraction.pages:
        lines = [line for line in page.lines if line.kind == "text"]
        assert lines[0].text == "Interior Enforcement Briefing" and page.lines[0].starts_page
        assert lines[-1].text == footer.format(n=page.number, total=5)
        assert lines[-1].region == "body" and lines[-2].region == "footnote"
        assert sum(line.starts_page for line in page.lines) == 1


def test_metadata_from_the_info_dictionary(tmp_path: Path) -> None:
    metadata = read(build_report(tmp_path / "report.pdf", pages=2)).metadata
    assert metadata == {
        "title": "Interior Enforcement",
        "author": "NIJC",
        "subject": "Executive orders",
        "created": "2000-01-01",  # reportlab's invariant mode stamps this date
        "pages": 2,
    }


# --- paragraphs ----------------------------------------------------------------------------


def test_gap_lines_mark_paragraph_ends_but_not_hanging_indents(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "paragraphs.pdf")
    top = paragraph_lines(pdf, 72, 100, ["First paragraph, first line of text that is long", "and its end."])
    top = paragraph_lines(pdf, 72, top + 10, ["Second paragraph after extra space, a long line", "and its end."])
    # first-line indent with no extra space: a new paragraph
    third = ["Third paragraph opens with an indent of one em", "and goes on at the", "left edge."]
    top = paragraph_lines(pdf, 72, top, third, indent=14)
    # a list item with a hanging indent: its second line lines up after the label
    pdf.line(72, top, "• 1) Throwing away meaningful enforcement priorities:")
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pdf.line(72 + stringWidth("• 1) ", "Times-Roman", 10), top + 12, "the categories are in fact so broad.")
    pdf.line(72, top + 24, "Closing line at the left edge after the list item.")
    lines = read(pdf.save()).pages[0].lines
    assert texts(lines, gaps=True) == [
        "First paragraph, first line of text that is long",
        "and its end.",
        "¶",
        "Second paragraph after extra space, a long line",
        "and its end.",
        "¶",
        "Third paragraph opens with an indent of one em",
        "and goes on at the",
        "left edge.",
        "• 1) Throwing away meaningful enforcement priorities:",
        "the categories are in fact so broad.",
        "Closing line at the left edge after the list item.",
    ]
    spaced = next(line for line in lines if line.text.startswith("Second"))
    assert spaced.space_before is not None and spaced.space_before > 0.5


def test_paragraph_broken_across_a_page_has_no_gap_at_the_break(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "break.pdf")
    paragraph_lines(pdf, 72, 700, ["This paragraph starts near the bottom of page one", "and continues on the"])
    pdf.line(300, 760, "1", size=9)
    pdf.new_page()
    paragraph_lines(pdf, 72, 72, ["next page without any break in the sentence, and", "ends here."])
    pdf.line(300, 760, "2", size=9)
    first, second = read(pdf.save()).pages
    # no gap before the page number: once it is dropped, a gap would end the paragraph
    assert texts(first.lines, gaps=True) == [
        "This paragraph starts near the bottom of page one",
        "and continues on the",
        "1",
    ]
    assert second.lines[0].starts_page and second.lines[0].text.startswith("next page")
    assert texts(second.lines, gaps=True)[:2] == ["next page without any break in the sentence, and", "ends here."]


# --- columns -------------------------------------------------------------------------------


def test_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "columns.pdf")
    pdf.line(72, 80, bold("A TITLE THAT SPANS BOTH OF THE COLUMNS BELOW IT", size=14))
    left = [f"Left column line {i} with several words in it" for i in range(1, 9)]
    right = [f"Right column line {i} with several words in it" for i in range(1, 9)]
    paragraph_lines(pdf, 72, 120, left)
    paragraph_lines(pdf, 320, 120, right)
    pdf.line(72, 240, "A closing line under both columns that is wide enough to cross the gutter between them.")
    lines = read(pdf.save()).pages[0].lines
    assert texts(lines) == [
        "A TITLE THAT SPANS BOTH OF THE COLUMNS BELOW IT",
        *left,
        *right,
        "A closing line under both columns that is wide enough to cross the gutter between them.",
    ]


def test_sidebar_box_is_kept_apart_from_the_body(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "sidebar.pdf")
    body = [f"Body text line {i} runs across the main column" for i in range(1, 7)]
    side = [f"Sidebar note {i} here" for i in range(1, 7)]
    paragraph_lines(pdf, 72, 100, body)
    pdf.rectangle(390, 88, 150, 80)
    paragraph_lines(pdf, 400, 100, side)
    assert texts(read(pdf.save()).pages[0].lines) == body + side


def test_columns_whose_baselines_do_not_line_up(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "offset-columns.pdf")
    left = [f"Left column line {i} with several words in it" for i in range(1, 9)]
    right = [f"Right column line {i} with several words in it" for i in range(1, 8)]
    paragraph_lines(pdf, 72, 100, left, leading=12)
    paragraph_lines(pdf, 320, 106, right, leading=13.5)  # half a line lower, other leading
    assert texts(read(pdf.save()).pages[0].lines) == left + right


def test_three_columns_above_a_table_are_read_column_by_column_and_the_table_apart(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "three-columns.pdf")
    columns = [[f"Column {c} line {i} has words" for i in range(1, 7)] for c in "ABC"]
    for x, lines in zip((72, 240, 408), columns):
        paragraph_lines(pdf, x, 100, lines)
    cells = ["Category", "2005", "2010", "Change", "Percent"]
    for row in range(3):
        for index, cell in enumerate(cells):
            pdf.line(72 + 95 * index, 200 + 12 * row, cell if row == 0 else f"{row * 10 + index}")
    extraction = read(pdf.save())
    # the three columns are prose, read column by column; the aligned figures below are a
    # table, taken out of the body text
    assert texts(extraction.pages[0].lines) == columns[0] + columns[1] + columns[2]
    [table] = extraction.tables
    assert table.rows == (tuple(cells), ("10", "11", "12", "13", "14"), ("20", "21", "22", "23", "24"))


def test_paragraph_ending_on_the_last_line_of_a_page_gets_a_gap(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "page-end.pdf")
    paragraph_lines(pdf, 72, 676, ["This paragraph ends on the last line of the page, and", "is done."])
    pdf.line(300, 760, "1", size=9)
    pdf.new_page()
    pdf.line(72, 72, "A new paragraph opens the next page.")
    first = read(pdf.save()).pages[0]
    assert texts(first.lines, gaps=True) == [
        "This paragraph ends on the last line of the page, and",
        "is done.",
        "¶",
        "1",
    ]


def test_fake_bold_glyphs_drawn_twice_read_once(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "fake-bold.pdf")
    pdf.line(72, 100, "Savoir definir")
    pdf.line(72.4, 100.3, "Savoir definir")  # the second pass of a fake-bold heading
    assert texts(read(pdf.save()).pages[0].lines) == ["Savoir definir"]


def test_dingbat_bullets_read_as_bullets(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "dingbats.pdf")
    pdf.line(72, 100, Span("l", font="ZapfDingbats"), Span("  Title I implements the treaties."))
    pdf.line(72, 112, Span("n", font="ZapfDingbats"), Span("  Title II limits liability."))
    assert texts(read(pdf.save()).pages[0].lines) == ["• Title I implements the treaties.", "• Title II limits liability."]


def test_blank_page_in_the_middle_reads_as_an_empty_page(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "blank.pdf")
    pdf.line(72, 100, "Page one text.")
    pdf.new_page()
    pdf.new_page()
    pdf.line(72, 100, "Page three text.")
    pages = read(pdf.save()).pages
    assert [texts(page.lines) for page in pages] == [["Page one text."], [], ["Page three text."]]


def test_junk_before_the_pdf_header_is_skipped(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "clean.pdf")
    pdf.line(72, 100, "Opinion of the court.")
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%%EOF\r\n" + pdf.save().read_bytes())
    assert texts(read(path).pages[0].lines) == ["Opinion of the court."]


def test_layout_glyphs_match_pdfplumber_page_chars(tmp_path: Path) -> None:
    """The reader takes glyphs from pdfplumber's layout directly (faster than
    ``page.chars``); both must give the very same characters."""
    import pdfplumber

    from pipeline.extract.chars import chars_from_pdfplumber, read_layout

    path = build_report(tmp_path / "report.pdf", pages=1)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        expected = chars_from_pdfplumber(page.chars)
        assert read_layout(page)[0] == expected


# --- bad documents -------------------------------------------------------------------------


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("Just some notes, saved with the wrong extension.\n")
    with pytest.raises(DocumentError, match=r"^not a PDF: starts with 'Just some no'$"):
        read(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = build_report(tmp_path / "whole.pdf", pages=2).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(DocumentError, match=r"^damaged: "):
        read(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "locked.pdf", encrypt="secret")
    pdf.line(72, 100, "Confidential.")
    with pytest.raises(DocumentError, match=r"^encrypted: the PDF needs a password$"):
        read(pdf.save())


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "scan.pdf")
    pdf.rectangle(72, 72, 400, 600)  # stands in for a scanned image: marks but no glyphs
    with pytest.raises(DocumentError, match=r"^no text: no text layer on its 1 pages \(blank pages, or a scan: OCR needed\); OCR is off$"):
        read(pdf.save(), ocr="off")


# --- the character source can be swapped -----------------------------------------------------


@dataclass
class FakePage:
    number: int
    glyphs: list[Char]
    width: float = 612.0
    height: float = 792.0

    def chars(self) -> list[Char]:
        return self.glyphs

    def rules(self) -> list:  # type: ignore[type-arg]
        return []

    def strokes(self) -> list:  # type: ignore[type-arg]
        return []

    def images(self) -> list:  # type: ignore[type-arg]
        return []


@dataclass
class FakeDocument:
    page_list: list[FakePage]

    @property
    def page_count(self) -> int:
        return len(self.page_list)

    def pages(self):  # type: ignore[no-untyped-def]
        return iter(self.page_list)

    def metadata(self) -> dict[str, str]:
        return {"Title": "Fake", "CreationDate": "D:20170220120000Z"}


@dataclass
class FakeEngine:
    """A character source that is not pdfplumber: the reader must not notice."""

    document: FakeDocument

    @contextmanager
    def open(self, path: Path):  # type: ignore[no-untyped-def]
        yield self.document


def glyph_line(text: str, top: float, *, x: float = 72.0, size: float = 10.0) -> list[Char]:
    """Glyphs 5 pt wide, no space characters: a space in ``text`` is a 3 pt gap."""
    glyphs, left = [], x
    for piece in text:
        if piece == " ":
            left += 3.0
            continue
        glyphs.append(Char(piece, left, left + 5.0, top, top + size, size, "Fake"))
        left += 5.0
    return glyphs


def cid_line(count: int, top: float) -> list[Char]:
    return [Char(f"(cid:{n})", 72.0 + 6 * n, 77.0 + 6 * n, top, top + 10, 10, "Fake") for n in range(count)]


def read_fake(pages: list[FakePage]) -> Extraction:
    source = Source(path="fake.pdf", sha256="", kind="pdf", bytes=0)
    return read_pdf(Path("fake.pdf"), ExtractSettings(), source=source, engine=FakeEngine(FakeDocument(pages)))


def test_another_character_engine_feeds_the_same_reader() -> None:
    extraction = read_fake([FakePage(1, glyph_line("Hello wide world", 100))])
    assert texts(extraction.pages[0].lines) == ["Hello wide world"]
    assert extraction.metadata == {"title": "Fake", "created": "2017-02-20", "pages": 1}


def test_mostly_unmapped_page_is_dropped_and_counted() -> None:
    readable = FakePage(1, glyph_line("Readable text on page one", 100))
    unmapped = FakePage(2, cid_line(30, 100) + glyph_line("ok", 130))
    extraction = read_fake([readable, unmapped])
    assert texts(extraction.pages[0].lines) == ["Readable text on page one"]
    assert extraction.pages[1].lines == ()
    # the table finder reads this engine's pages too: no aligned columns, no text search
    assert extraction.stats == {"cid_glyphs": 30, "unmapped_pages": 1, "table_text_search_skipped": 2}


def test_all_pages_unmapped_raises() -> None:
    with pytest.raises(DocumentError, match=r"^no text: the text layer is unmapped glyphs \(cid:NN\); OCR needed(; .*)?$"):
        read_fake([FakePage(1, cid_line(40, 100)), FakePage(2, cid_line(40, 100))])


def test_a_few_unmapped_glyphs_are_dropped_and_a_leading_one_reads_as_a_bullet() -> None:
    glyphs = cid_line(1, 100) + glyph_line("first item", 100, x=90) + glyph_line("plain line here", 112)
    extraction = read_fake([FakePage(1, glyphs)])
    assert texts(extraction.pages[0].lines) == ["• first item", "plain line here"]
    assert extraction.stats["cid_glyphs"] == 1


def test_stray_space_glyph_over_a_ligature_does_not_split_the_word() -> None:
    fi = Char("ﬁ", 84.0, 89.0, 100, 110, 10, "Fake")
    stray_space = Char(" ", 86.5, 89.3, 100, 110, 10, "Fake")
    glyphs = glyph_line("de", 100, x=74.0) + [fi, stray_space] + glyph_line("nir now", 100, x=89.0)
    assert texts(read_fake([FakePage(1, glyphs)]).pages[0].lines) == ["deﬁnir now"]


# --- the seed briefing ------------------------------------------------------------------------

SEED_GOLD = REPO / ".." / "shared" / "seed" / "briefing-interior-enforcement.gold.json"


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="seed gold not found at ../shared/seed (relative to the repo root)")
def test_seed_briefing_pdf_has_its_17_markers_in_order_and_a_footer_on_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util
    import json
    import re
    import sys

    spec = importlib.util.spec_from_file_location("make_seed_pdf", REPO / "scripts" / "make_seed_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_seed_pdf", module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    path = tmp_path / "seed.pdf"
    module.build(json.loads(SEED_GOLD.read_text(encoding="utf-8")), path)
    extraction = read(path)
    body = [line.text for page in extraction.pages for line in page.lines]
    markers = [m for text in body for m in re.findall(MARKER_OPEN + "([^" + MARKER_CLOSE + "]+)" + MARKER_CLOSE, text)]
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii"]
    assert markers == roman
    for page in extraction.pages:
        last = [line.text for line in page.lines if line.kind == "text"][-2:]
        assert last == ["Heartland Alliance · National Immigrant Justice Center", str(page.number)]
    assert "Endnotes" in body and "xvii. Reports on immigration enforcement operations in Alexandria, VA." in body


# --- the real corpus -----------------------------------------------------------------------

BROKEN_BY_DESIGN = {
    "invalid-truncated.pdf": "damaged: ",
    "password-protected-test.pdf": "encrypted: ",
    "scanned-french-paragraph.pdf": "no text: ",
    "scanned-two-column-brochure.pdf": "no text: ",
    "scotus-slip-opinion-scanned.pdf": "no text: ",
}
"""Corpus files that must be refused, with the start of the reason, when OCR is off (the
scans are read by OCR otherwise: tests/test_ocr.py). The invisible-OCR file may be read
(its visible heading is real text) or refused."""


def corpus_pdfs() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(path.name for path in CORPUS.glob("*.pdf"))


def corpus_pages(name: str) -> int | None:
    with open(CORPUS / "MANIFEST.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["file"] == name and row["pages"]:
                return int(row["pages"])
    return None


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="real corpus not found at ../shared/corpus/real (relative to the repo root)")
@pytest.mark.parametrize("name", corpus_pdfs() or ["<no corpus>"])
def test_every_real_pdf_reads_or_is_refused_with_a_reason(name: str) -> None:
    path = CORPUS / name
    if name in BROKEN_BY_DESIGN:
        with pytest.raises(DocumentError) as error:
            read(path, ocr="off")
        assert str(error.value).startswith(BROKEN_BY_DESIGN[name])
        return
    try:
        extraction = read(path)
    except DocumentError as error:
        assert name == "invisible-ocr-text-layer.pdf", f"{name} refused: {error}"
        return
    assert extraction.metadata["pages"] == len(extraction.pages)
    expected = corpus_pages(name)
    if expected:
        assert len(extraction.pages) == expected
    assert any(line.kind == "text" for page in extraction.pages for line in page.lines)
    for page in extraction.pages:
        assert not page.lines or page.lines[0].starts_page
        assert all(line.page == page.number for line in page.lines)
        assert "\n" not in "".join(line.text for line in page.lines)
