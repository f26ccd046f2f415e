"""Running heads and page furniture on generated PDFs whose truth is known by construction:
mirrored odd/even heads, a section's own head, a first page's masthead, printer lines, and a
paragraph that runs across a removed head with its line-end hyphen rejoined."""

from __future__ import annotations

from pathlib import Path

import pipeline

from .pdf_factory import PdfBuilder

TEMPLATE = [
    "The {0} examined whether the statute reached conduct abroad and found that the text",
    "said nothing of the kind to the {0}, so the presumption against extraterritoriality held.",
    "The parties disputed the record at length, and the {0} made findings on each disputed",
    "point that the court of appeals reviewed for clear error and left undisturbed as to the {0}.",
]
NOUNS = ["court", "panel", "tribunal", "bench", "referee", "magistrate", "arbiter", "board"]


def body(n: int) -> list[str]:
    """Four lines of prose that differ from page to page (identical lines would be furniture)."""
    return [line.format(NOUNS[n % len(NOUNS)]) for line in TEMPLATE]


def law_review(path: Path, pages: int, *, first_page: int = 493, unheaded: int = 0) -> Path:
    """A law-review article: even pages headed ``494 Albany Law Review [Vol. 70``, odd pages
    ``2007] Cite Unseen 493``, the first ``unheaded`` pages without a head; each page's last
    line ends with a hyphen that the next page's first line completes."""
    pdf = PdfBuilder(path)
    for n in range(pages):
        number = first_page + n
        if n:
            pdf.new_page()
        if n < unheaded:
            pass
        elif number % 2:
            pdf.line(72, 60, "2007]")
            pdf.line(250, 60, "Cite Unseen")
            pdf.line(520, 60, str(number))
        else:
            pdf.line(72, 60, str(number))
            pdf.line(230, 60, "Albany Law Review")
            pdf.line(480, 60, "[Vol. 70")
        top = 100
        first = f"ity of the {NOUNS[(n + 5) % len(NOUNS)]} agreed with that reading of the record." if n else "Page one opens the article here."
        pdf.line(72, top, first)
        top += 14
        for sentence in body(n):
            pdf.line(72, top, sentence)
            top += 14
        if n < pages - 1:
            pdf.line(72, top, f"The {NOUNS[(n + 3) % len(NOUNS)]} then wrote that the discussion continues with the major-")
    return pdf.save()


def test_mirrored_heads_of_odd_and_even_pages_are_both_removed(tmp_path: Path) -> None:
    # each head on 3 of 8 pages: fewer than half of all pages, but all pages of its side
    document = pipeline.process(law_review(tmp_path / "review.pdf", 8, unheaded=2))
    assert "Cite Unseen" not in document.text
    assert "Albany Law Review" not in document.text
    assert "2007]" not in document.text and "[Vol. 70" not in document.text


def test_a_paragraph_runs_across_a_removed_head_and_its_hyphen_is_rejoined(tmp_path: Path) -> None:
    document = pipeline.process(law_review(tmp_path / "review.pdf", 4))
    assert "continues with the majority of the arbiter agreed" in document.text
    assert "major-" not in document.text
    joined = [b for b in document.blocks if "majority of the arbiter" in b.text]
    assert joined and all(len(b.pages) == 2 for b in joined)


def test_a_section_head_over_three_pages_is_removed_but_headings_stay(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "opinion.pdf")
    for n in range(8):
        if n:
            pdf.new_page()
        pdf.line(250, 60, "Syllabus" if n < 3 else "Opinion of the Court")
        if n in (1, 4):
            pdf.line(72, 90, "Facts" if n == 1 else "Discussion", size=12, font="Times-Bold")
        top = 110
        for sentence in body(n):
            pdf.line(72, top, sentence)
            top += 14
        pdf.line(300, 740, str(n + 1))
    document = pipeline.process(pdf.save())
    assert "Syllabus" not in document.text
    assert "Opinion of the Court" not in document.text
    assert "Facts" in document.text and "Discussion" in document.text


def test_a_first_page_masthead_and_its_page_number_go_with_the_running_heads(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "register.pdf")
    pdf.line(72, 40, "47698", font="Times-Bold")
    pdf.line(72, 62, "Proposed Rules", size=16, font="Helvetica-Bold")
    pdf.line(400, 80, "Federal Register", size=8)
    pdf.line(400, 92, "Vol. 85, No. 152", size=8)
    pdf.line(400, 104, "Thursday, August 6, 2020", size=8)
    top = 140
    for sentence in body(0):
        pdf.line(72, top, sentence)
        top += 14
    for n in range(1, 4):
        pdf.new_page()
        pdf.line(72, 40, f"Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules {47698 + n}", size=9)
        top = 80
        for sentence in body(n):
            pdf.line(72, top, sentence)
            top += 14
    document = pipeline.process(pdf.save())
    for furniture in ("47698", "Federal Register", "Vol. 85", "Thursday, August 6", "Proposed Rules"):
        assert furniture not in document.text, furniture
    assert document.text.startswith("The court examined")


def test_a_cover_title_that_the_footer_repeats_stays(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "paper.pdf")
    pdf.line(72, 120, "The Impact of Open Access", size=30, font="Helvetica-Bold")
    pdf.line(72, 160, "White paper, December 2019", size=14)
    for n in range(1, 5):
        pdf.new_page()
        top = 80
        for sentence in body(n):
            pdf.line(72, top, sentence)
            top += 14
        pdf.line(72, 740, f"The Impact of Open Access Latin American Scholarship {n}", size=8, font="Helvetica-Bold")
    document = pipeline.process(pdf.save())
    assert "The Impact of Open Access" in document.text
    assert "Latin American Scholarship" not in document.text


def test_a_footer_with_a_year_over_part_of_a_report_is_removed(tmp_path: Path) -> None:
    """``Rapport final_2021`` under the first pages only (the annexes have none): fewer than half
    of all pages, but the same text, year included, page after page."""
    pdf = PdfBuilder(tmp_path / "rapport.pdf")
    for n in range(10):
        if n:
            pdf.new_page()
        top = 80
        for sentence in body(n):
            pdf.line(72, top, sentence)
            top += 14
        if n < 4:
            pdf.line(280, 760, "Rapport final_2021", size=7)
    document = pipeline.process(pdf.save())
    assert "Rapport final" not in document.text


def test_a_handbook_chapter_page_number_is_removed(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "handbook.pdf")
    top = 80
    for sentence in body(0):
        pdf.line(72, top, sentence)
        top += 14
    pdf.line(520, 760, "7-45", size=9)
    document = pipeline.process(pdf.save())
    assert "7-45" not in document.text
    assert document.text.startswith("The court examined")


def test_a_paragraph_runs_on_under_a_head_set_apart_by_space(tmp_path: Path) -> None:
    """A slip opinion: ``Cite as: 569 U. S. ____ (2013) 3`` then, after a space, ``Syllabus``; the
    paragraph from the page before goes on below both."""
    pdf = PdfBuilder(tmp_path / "slip.pdf")
    for n in range(5):
        if n:
            pdf.new_page()
        pdf.line(200, 50, f"Cite as: 569 U. S. ____ (2013) {n + 1}", size=9)
        pdf.line(280, 80, "Syllabus", size=9)
        top = 100
        lines = body(n)
        if n:
            lines = [f"the {NOUNS[(n + 2) % len(NOUNS)]} went on from the page before, as it must."] + lines
        for sentence in lines:
            pdf.line(72, top, sentence)
            top += 12
        pdf.line(72, top, f"Then the {NOUNS[(n + 6) % len(NOUNS)]} turned to the remedy and to")
    document = pipeline.process(pdf.save())
    assert "Syllabus" not in document.text and "Cite as" not in document.text
    assert "turned to the remedy and to the" in document.text
