"""Author–year citations linked to the reference list they cite: in a PDF made here with
reportlab (its truth known by construction) and in a real journal article of the corpus."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import pipeline
from pipeline.patterns import CITED_YEAR, SURNAME
from pipeline.structure.author_year import find_cited, fold, reference_entries
from pipeline.write import write_document

from .pdf_factory import PdfBuilder, Span

CORPUS = Path(__file__).resolve().parent.parent / ".." / "shared" / "corpus" / "real"


def test_author_year_citations_link_to_their_entries(tmp_path: Path) -> None:
    """Parenthetical and narrative citations, two entries by one author told apart by the
    year's letter, two by one first author told apart by the second: each citation keeps
    its place in the text and names the block of the entry it cites; ``(January 2004)``
    and a citation of a work the list does not hold are no citations."""
    pdf = PdfBuilder(tmp_path / "article.pdf")
    pdf.line(72, 100, "Night work harms sleep (Smith and Jones, 2004; Lee et al., 2010a), as Smith (2004, p. 12)")
    pdf.line(72, 112, "and Lee et al. (2010b) found. The survey of (January 2004) agrees (Brown, 1999).")
    pdf.line(72, 124, "Later work (Smith and Park, 2004) disagrees with both.")
    pdf.new_page()
    pdf.line(72, 100, Span("References", size=12, font="Times-Bold"))
    entries = [
        "Lee, K., Park, S. and Kim, J. (2010a), “Sleep and shifts”, Ergonomics, Vol. 4.",
        "Lee, K., Park, S. and Kim, J. (2010b), “Shifts and families”, Ergonomics, Vol. 5.",
        "Smith, A. and Jones, B. (2004), Night Work, Wiley, London.",
        "Smith, A. and Park, C. (2004), Day Work, Wiley, London.",
    ]
    for index, entry in enumerate(entries):
        pdf.line(72, 124 + 24 * index, entry)
    document = pipeline.process(pdf.save())
    blocks = {block.id: block for block in document.blocks}
    found = [(c.text, c.reference[:22], c.page) for c in document.citations]
    assert found == [
        ("Smith and Jones, 2004", "Smith, A. and Jones, B", 1),
        ("Lee et al., 2010a", "Lee, K., Park, S. and ", 1),
        ("Smith (2004, p. 12)", "Smith, A. and Jones, B", 1),
        ("Lee et al. (2010b)", "Lee, K., Park, S. and ", 1),
        ("Smith and Park, 2004", "Smith, A. and Park, C.", 1),
    ]
    assert [c.reference[:38] for c in document.citations][1::2] == [
        "Lee, K., Park, S. and Kim, J. (2010a),", "Lee, K., Park, S. and Kim, J. (2010b),"]
    for c in document.citations:
        assert blocks[c.block].text[c.start : c.end] == c.text  # the citation stays in the text
        assert c.reference in blocks[c.reference_block].text and blocks[c.reference_block].pages == (2,)
    assert "(Smith and Jones, 2004; Lee et al., 2010a)" in document.text and document.stats["citations_unanswered"] == 2  # Brown, and "January 2004"


def test_citations_are_written_to_citations_csv(tmp_path: Path) -> None:
    pdf = PdfBuilder(tmp_path / "short.pdf")
    pdf.line(72, 100, "Shift work harms families (Costa, 2003; Finn, 1981).")
    pdf.line(72, 130, Span("References", size=12, font="Times-Bold"))
    pdf.line(72, 150, "Costa, G. (2003), “Shift work and occupational medicine”, Occupational Medicine, Vol. 53.")
    pdf.line(72, 170, "Finn, P. (1981), “The effects of shift work”, Monthly Labour Review, Vol. 104.")
    folder = write_document(pipeline.process(pdf.save()), tmp_path / "clean")
    rows = list(csv.DictReader((folder / "citations.csv").open(encoding="utf-8")))
    assert [(row["citation"], row["reference"][:8]) for row in rows] == [("Costa, 2003", "Costa, G"), ("Finn, 1981", "Finn, P.")]


def test_a_document_without_a_reference_list_has_no_citations(tmp_path: Path) -> None:
    """``(Smith, 2004)`` with no list to cite from: nothing to link, no ``citations.csv``."""
    export = tmp_path / "memo.txt"
    export.write_text("As shown before (Smith, 2004), it holds.\n\nNothing else follows.\n", encoding="utf-8")
    document = pipeline.process(export)
    assert document.citations == () and find_cited(document.text)[0].year == "2004"
    assert not (write_document(document, tmp_path / "clean") / "citations.csv").exists()


@pytest.mark.slow
def test_the_shift_work_article_links_its_author_year_citations() -> None:
    """The Emerald article cites by author and year and lists 43 references whose entries
    the reader sets several to a block: at least 65 citations are linked, each to an entry
    with the cited first author and year."""
    document = pipeline.process(CORPUS / "shift-work-article-missing-spaces.pdf")
    assert len(reference_entries(document.blocks)) >= 40
    assert len(document.citations) >= 65
    entries = {(entry.block, entry.text) for entry in reference_entries(document.blocks)}
    for citation in document.citations:
        year = CITED_YEAR.findall(citation.text)[-1]
        first = SURNAME.findall(citation.text)[1 if citation.text.startswith("Further") else 0]
        assert (citation.reference_block, citation.reference) in entries
        assert f"({year})" in citation.reference and fold(citation.reference).startswith(fold(first)), citation
