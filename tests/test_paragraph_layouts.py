"""Paragraph boundaries on layouts real documents use, on generated PDFs whose truth is known."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import pipeline
from pipeline import patterns

from .pdf_factory import PdfBuilder, Span

RULE_PREAMBLE = [
    ("AGENCY: Federal Aviation", "Administration (FAA), DOT."),
    ("ACTION: Notice of proposed rulemaking", "(NPRM)."),
    ("SUMMARY: The FAA proposes to", "supersede Airworthiness Directive (AD)", "2018–23–51, which applies to all The", "Boeing Company Model 737–8 airplanes."),
    ("DATES: The FAA must receive comments", "on this proposed AD by September 21,", "2020."),
    ("ADDRESSES: You may send comments,", "using the procedures found in 14 CFR", "11.43 and 11.45."),
]


def test_run_in_capital_labels_start_paragraphs_without_space_above(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "rule.pdf")
    top = 80
    for paragraph in RULE_PREAMBLE:
        for line in paragraph:
            pdf.line(72, top, line, size=9)
            top += 10
    document = pipeline.process(pdf.save())
    assert [b.text.split(":")[0] for b in document.blocks] == ["AGENCY", "ACTION", "SUMMARY", "DATES", "ADDRESSES"]
    assert document.blocks[3].text == "DATES: The FAA must receive comments on this proposed AD by September 21, 2020."


def test_a_capital_word_inside_a_sentence_does_not_start_a_paragraph(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "prose.pdf")
    lines = ["The agency wrote to the court and said that the", "NOTICE: given in March was late, and the court", "agreed with the agency on every point raised."]
    for index, line in enumerate(lines):
        pdf.line(72, 80 + 12 * index, line)
    document = pipeline.process(pdf.save())
    assert len(document.blocks) == 1


@given(st.text(min_size=1, max_size=30))
def test_a_run_in_label_never_starts_lower_case(text: str) -> None:
    if text[:1].islower():
        assert not patterns.RUN_IN_LABEL.match(text)


def test_a_one_line_indented_paragraph_before_an_indented_one(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "opinion.pdf")
    lines = [
        (90, "JUSTICE SOTOMAYOR delivered the opinion of the Court."),
        (90, "The Red River Compact allocates water rights among the States within the Red"),
        (72, "River basin as it winds through Texas, Oklahoma, Arkansas, and Louisiana. We hold"),
        (72, "that the claims of the petitioner lack merit under the Compact and the laws."),
    ]
    for index, (x, text) in enumerate(lines):
        pdf.line(x, 80 + 12 * index, text)
    document = pipeline.process(pdf.save())
    assert [b.text[:20] for b in document.blocks] == ["JUSTICE SOTOMAYOR de", "The Red River Compac"]


def test_labelled_points_with_a_first_line_indent_are_paragraphs(tmp_path: Path) -> None:
    """A syllabus's ``(a)`` points wrap back to the margin: paragraphs; a hanging list stays a list."""
    pdf = PdfBuilder(tmp_path / "syllabus.pdf")
    lines = [
        (90, "(a) Tarrant claims that the section creates a borderless common in the subbasin"),
        (72, "in which each of the signatory States may cross each other's boundaries to reach"),
        (72, "a shared pool of water, subject to a cap of a quarter of the flow. Pp. 9-11."),
        (90, "(b) Because interstate compacts are construed under contract-law principles, the"),
        (72, "Court begins by examining the express terms of the Compact as the best evidence."),
    ]
    for index, (x, text) in enumerate(lines):
        pdf.line(x, 80 + 12 * index, text)
    top = 80 + 12 * len(lines) + 24
    for label, first, second in (("1.", "Apples are grown in the northern valleys,", "mostly on small farms."),
                                 ("2.", "Pears need a milder climate and come from", "the southern hills.")):
        pdf.line(72, top, f"{label} {first}")
        pdf.line(84, top + 12, second)
        top += 30
    document = pipeline.process(pdf.save())
    assert [(b.type, b.text[:3]) for b in document.blocks] == [
        ("paragraph", "(a)"), ("paragraph", "(b)"), ("list_item", "1. "), ("list_item", "2. "),
    ]


def test_a_centred_part_number_is_a_heading_of_its_own(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "opinion.pdf")
    body = [
        "The Compact allocates water rights among the States within the Red River basin",
        "as it winds through Texas, Oklahoma, Arkansas, and Louisiana. The petitioner, a",
        "state commerce. We hold that the claims of the petitioner lack merit and affirm",
        "the judgment of the Court of Appeals for the Tenth Circuit in all respects here.",
    ]
    after = [
        "The Red River begins in the Llano Estacado Mesa on the border between New Mexico",
        "and Texas. From this broad plain, it first runs through the Texas Panhandle and",
        "then marks the border between Texas and Oklahoma before it reaches Arkansas.",
    ]
    top = 80
    for text in body:
        pdf.line(72, top, text)
        top += 12
    for numeral in ("I", "A"):  # centred on the column, which runs from 72 to about 437
        pdf.line(72 + 175, top, numeral)
        top += 12
    for index, text in enumerate(after):
        pdf.line(90 if index == 0 else 72, top, text)
        top += 12
    document = pipeline.process(pdf.save())
    assert [(b.type, b.text[:12]) for b in document.blocks] == [
        ("paragraph", "The Compact "), ("heading", "I"), ("heading", "A"), ("paragraph", "The Red Rive"),
    ]


def test_a_small_capitals_label_keeps_its_line_in_body_type(tmp_path: Path) -> None:
    """``FOR FURTHER INFORMATION CONTACT:`` in smaller capitals opens a paragraph, not a heading."""
    pdf = PdfBuilder(tmp_path / "rule.pdf")
    pdf.line(72, 80, "Comments will be available in the docket shortly after receipt.", size=9)
    pdf.line(72, 90, Span("FOR FURTHER INFORMATION CONTACT: ", size=7, font="Helvetica-Bold"),
             Span("Ian Won, Manager,", size=9), size=9)
    pdf.line(72, 100, "Seattle ACO Branch, FAA, 2200 South 216th St., Des Moines.", size=9)
    document = pipeline.process(pdf.save())
    assert [(b.type, b.text[:24]) for b in document.blocks] == [
        ("paragraph", "Comments will be availab"), ("paragraph", "FOR FURTHER INFORMATION "),
    ]
    assert document.blocks[1].text.endswith("Ian Won, Manager, Seattle ACO Branch, FAA, 2200 South 216th St., Des Moines.")



def test_columns_whose_baselines_do_not_line_up_keep_their_line_order() -> None:
    """The Federal Register's three columns are set on baselines a few points apart, so the
    page's rows span two lines of one column; each line must stay whole and in its place."""
    from pipeline.extract.chars import PdfplumberSource
    from pipeline.extract.rows import group_rows, keep_layout_chars
    from pipeline.extract.text_lines import PageStats

    from .conftest import SHARED, require

    path = require(SHARED / "corpus" / "real" / "federal-register-proposed-rule-2020.pdf")
    with PdfplumberSource().open(path) as document:
        first = next(iter(document.pages()))
        rows = group_rows(keep_layout_chars(first.chars(), PageStats()))
    texts = ["".join(c.text for c in row.chars if c.x0 > 215 and c.x1 < 392).strip() for row in rows]
    middle = [text for text in texts if text]
    at = middle.index("FORFURTHERINFORMATIONCONTACT: Ian")
    assert middle[at - 1:at + 3] == ["docket shortly after receipt.", "FORFURTHERINFORMATIONCONTACT: Ian",
                                     "Won, Manager, Seattle ACO Branch,", "FAA, 2200 South 216th St., Des Moines,"]


def test_a_counsel_block_stays_one_block(tmp_path: Path) -> None:
    """Names and firms in capitals over e-mail, street and telephone lines: no headings."""
    pdf = PdfBuilder(tmp_path / "counsel.pdf")
    blocks = [
        ["BREE BERNWANGER", "bbernwanger@lccrsf.org", "LAWYERS' COMMITTEE FOR", "CIVIL RIGHTS OF",
         "SAN FRANCISCO BAY AREA", "131 Steuart St #400", "San Francisco, CA 94105", "Telephone: (415) 814-7631"],
        ["JUDAH LAKIN", "judah@lakinwille.com", "AMALIA WILLE", "amalia@lakinwille.com", "LAKIN & WILLE LLP",
         "1939 Harrison Street, Suite 420", "Oakland, CA 94612", "Telephone: (510) 379-9216"],
    ]
    top = 100
    for block in blocks:
        for text in block:
            pdf.line(72, top, text, size=12)
            top += 16
        top += 16
    document = pipeline.process(pdf.save())
    assert [(b.type, b.text.split()[0]) for b in document.blocks] == [("paragraph", "BREE"), ("paragraph", "JUDAH")]


def test_a_clerks_stamp_beside_the_courts_name_is_read_after_it() -> None:
    """The Fifth Circuit's cover: the filing stamp's lines are not glued to the court's name."""
    from pipeline.extract.chars import PdfplumberSource
    from pipeline.extract.reading_order import lay_out_body
    from pipeline.extract.rows import dominant_size, group_rows, keep_layout_chars
    from pipeline.extract.text_lines import PageStats

    from .conftest import SHARED, require

    path = require(SHARED / "corpus" / "real" / "fifth-circuit-per-curiam-opinion.pdf")
    with PdfplumberSource().open(path) as document:
        first = next(iter(document.pages()))
        stats = PageStats()
        chars = keep_layout_chars(first.chars(), stats)
        lines = lay_out_body(group_rows(chars), dominant_size(chars), stats)
    texts = [line.text for line in lines]
    at = texts.index("for the Fifth Circuit")
    assert texts[at + 1:at + 8] == ["No. 21-50498", "United States Court of Appeals", "Fifth Circuit", "FILED",
                                    "March 16, 2022", "Lyle W. Cayce", "Clerk"]
