"""Paragraph boundaries on layouts real documents use, on generated PDFs whose truth is known."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import pipeline
from pipeline import patterns

from .pdf_factory import PdfBuilder

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
