"""Footnotes over whole documents, one regression test per kind of failure.

The PDFs are made here with reportlab, so the notes and their markers are known by
construction; the briefs of ``benchmarks/generated_briefs.py`` mix the kinds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import pipeline

from .conftest import ROOT
from .pdf_factory import PdfBuilder, Span, sup

NOTE = 8.0


def notes_of(document: pipeline.Document) -> list[tuple[str, int | None, str]]:
    return [(f.marker, f.page, f.note) for f in document.footnotes]


def test_full_width_notes_under_two_columns_are_notes(tmp_path: Path) -> None:
    """Notes set across the page under a page in two columns: no body line above them in
    their own column stream, and short notes cut into other streams by their length."""
    pdf = PdfBuilder(tmp_path / "two-columns.pdf")
    pdf.line(72, 100, Span("A Brief on County Detention", size=14, font="Times-Bold"), sup("*", size=8, rise=5))
    pdf.line(72, 130, "The county held more people in", sup("1"), " the spring.")
    pdf.line(72, 142, "The board did not answer the letters.")
    pdf.line(318, 130, "The clinic filed a petition that", sup("2"), " week.")
    pdf.line(318, 142, "The court has not ruled on it yet.")
    pdf.rule(72, 200, 660)
    pdf.line(72, 672, sup("*", size=5, rise=3), Span(" Prepared by the clinic.", size=NOTE))
    pdf.line(72, 682, sup("1", size=5, rise=3),
             Span(" County jail records for March to June 2020, obtained under the public records law by the clinic's", size=NOTE))
    pdf.line(72, 692, Span("students, with the sheriff's letter of 2020.", size=NOTE))
    pdf.line(72, 702, sup("2", size=5, rise=3), Span(" Petition of 4 May 2020.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [
        ("*", 1, "Prepared by the clinic."),
        ("1", 1, "County jail records for March to June 2020, obtained under the public records law by the clinic's "
                 "students, with the sheriff's letter of 2020."),
        ("2", 1, "Petition of 4 May 2020."),
    ]
    assert "Petition of" not in document.text and "Prepared" not in document.text


def test_a_note_area_that_opens_with_a_continued_note_and_has_no_rule(tmp_path: Path) -> None:
    """The page's note area opens with the end of the previous page's last note, with no
    rule above it: it is still the note area, and the continuation joins that note."""
    pdf = PdfBuilder(tmp_path / "continued.pdf")
    pdf.line(72, 150, "The agency rewrote its standards in secret", sup("1"), " last year.")
    pdf.line(72, 162, "Advocates learned of it from a leaked memorandum.")
    pdf.rule(72, 200, 690)
    pdf.line(72, 702, sup("1", size=5, rise=3), Span(" Memorandum of the field office director, March 2019, which the", size=NOTE))
    pdf.line(72, 712, Span("agency never published and which local newspapers first", size=NOTE))
    pdf.new_page()
    pdf.line(72, 150, "The clinics asked the courts to order its release", sup("2"), " this spring.")
    pdf.line(72, 162, "The courts have not ruled on the request yet.")
    pdf.line(72, 690, Span("reported in the spring of 2020.", size=NOTE))
    pdf.line(72, 700, sup("2", size=5, rise=3), Span(" Petition filed in the district court.", size=NOTE))
    pdf.line(72, 712, Span("See also the clinic's letter of 2020, p. 15.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [
        ("1", 1, "Memorandum of the field office director, March 2019, which the agency never published and which "
                 "local newspapers first reported in the spring of 2020."),
        ("2", 2, "Petition filed in the district court. See also the clinic's letter of 2020, p. 15."),
    ]
    assert "reported in the spring" not in document.text and "p. 15" not in document.text


def test_generated_briefs_in_mixed_layouts_link_every_note(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.generated_briefs import write_brief
    from tests.scan_factory import word_error_rate

    for seed in (0, 7, 8, 12):
        path, truth, body = write_brief(tmp_path / f"brief-{seed}.pdf", seed)
        document = pipeline.process(path)
        assert [(f.marker, f.note) for f in document.footnotes] == truth
        read = " ".join(block.text for block in document.blocks if block.table is None)
        assert word_error_rate(" ".join(body), read) <= 0.005  # the bar for generated briefs


def test_markers_and_notes_left_unlinked_are_listed_as_warnings(tmp_path: Path) -> None:
    """A marker without its note, a note without its marker and a gap in the sequence are
    listed for a person to look at, and the spurious marker shifts no other note."""
    pdf = PdfBuilder(tmp_path / "unlinked.pdf")
    pdf.line(72, 150, "The county held more people", sup("1"), " in the spring than", sup("2"), " ever before.")
    pdf.line(72, 162, "The board did not answer the letters", sup("4"), " sent by the clinic.")
    pdf.rule(72, 200, 680)
    pdf.line(72, 695, sup("1", size=5, rise=3), Span(" County jail records.", size=NOTE))
    pdf.line(72, 705, sup("3", size=5, rise=3), Span(" Letter of the sheriff.", size=NOTE))
    pdf.line(72, 715, sup("4", size=5, rise=3), Span(" Letters of 2020.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("1", 1, "County jail records."), ("2", 1, ""), ("4", 1, "Letters of 2020.")]
    assert [(w.kind, w.detail, w.page) for w in document.warnings] == [
        ("marker_without_note", "marker 2", 1),
        ("note_without_marker", "note 3: Letter of the sheriff.", 1),
        ("marker_sequence_gap", "marker 2 then 4", 1),
    ]


def test_official_journal_notes_keyed_by_raised_numbers_in_parentheses(tmp_path: Path) -> None:
    """The EU's Official Journal prints ``(¹)`` in the text and before each note, and
    numbers the notes anew on every page: all are found, linked, and leave the text."""
    pdf = PdfBuilder(tmp_path / "journal.pdf")
    pdf.line(72, 150, "Having regard to the opinion of the Committee (", sup("1"), "),")
    pdf.line(72, 162, "and to the opinion of the Committee of the Regions (", sup("2"), "),")
    pdf.rule(72, 130, 690)
    pdf.line(72, 702, Span("(", size=NOTE), sup("1", size=5, rise=3), Span(") OJ C 229, 31.7.2012, p. 90.", size=NOTE))
    pdf.line(72, 712, Span("(", size=NOTE), sup("2", size=5, rise=3), Span(") OJ C 391, 18.12.2012, p. 127.", size=NOTE))
    pdf.new_page()
    pdf.line(72, 150, "Directive 95/46/EC of the Council (", sup("1"), ") seeks to harmonise the protection of")
    pdf.line(72, 162, "fundamental rights and freedoms of natural persons in respect of processing.")
    pdf.rule(72, 130, 700)
    pdf.line(72, 712, Span("(", size=NOTE), sup("1", size=5, rise=3), Span(") Directive 95/46/EC of 24 October 1995.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [
        ("1", 1, "OJ C 229, 31.7.2012, p. 90."),
        ("2", 1, "OJ C 391, 18.12.2012, p. 127."),
        ("1", 2, "Directive 95/46/EC of 24 October 1995."),
    ]
    assert "Council seeks to harmonise" in document.text and "()" not in document.text
    assert "OJ C" not in document.text and document.warnings == ()


def test_a_court_cover_star_note_in_body_type_is_linked(tmp_path: Path) -> None:
    """A court filing's cover prints counsel's ``*`` note in body type, glued to its first
    word and with no rule: it is the note of the ``*`` after the counsel's name."""
    pdf = PdfBuilder(tmp_path / "cover.pdf", title="Motion")
    pdf.line(72, 120, "MARTIN S. SCHENKER")
    pdf.line(72, 136, "JEFF GUTKIN")
    pdf.line(72, 152, "MARIA BERNWANGER", sup("*", size=8, rise=5))
    pdf.line(72, 168, "COOLEY LLP")
    pdf.line(72, 184, "101 California Street, 5th Floor")
    pdf.line(72, 200, "San Francisco, CA 94111")
    pdf.line(200, 600, "Counsel for Plaintiffs-Appellees")
    pdf.line(170, 616, "*Admission before this Court currently pending")
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("*", 1, "Admission before this Court currently pending")]
    assert "Admission" not in document.text and document.warnings == ()


def test_notes_high_in_a_short_column_above_a_table(tmp_path: Path) -> None:
    """An agency report sets each column's notes under a short rule right below its few
    lines, above a table across the page: the notes are found although they stand high on
    the page, and the table's own notes far below stay text."""
    pdf = PdfBuilder(tmp_path / "report.pdf")
    columns = (
        (72, "8", "Table S2601A of the survey.", ("Were this population included in", "the survey, the count of people",
                                                   "with a disability presented in", "this report would likely be larger",
                                                   "than the one given here for the", "whole population in group quarters")),
        (318, "9", "The estimates are based on a sample.", ("About 38.3 million people, or", "twelve percent of them, had a",
                                                            "severe disability in the year", "and needed some assistance",
                                                            "with one or more activities of", "daily living or of the household")),
    )
    for left, marker, note, lines in columns:
        for index, text in enumerate(lines):
            if index == 2:
                pdf.line(left, 70 + 12 * index, text, sup(marker))
            else:
                pdf.line(left, 70 + 12 * index, text)
        pdf.rule(left, left + 60, 70 + 12 * len(lines))
        pdf.line(left, 82 + 12 * len(lines), sup(marker, size=5, rise=3), Span(" " + note, size=NOTE))
    for row in range(11):
        pdf.rule(72, 540, 220 + row * 25)
    for x in (72, 300, 540):
        pdf.canvas.line(x, 792 - 220, x, 792 - 470)
    for row in range(10):
        pdf.line(80, 238 + row * 25, f"Row {row + 1}")
        pdf.line(310, 238 + row * 25, f"{1000 + row * 37}")
    pdf.line(72, 560, Span("Represents or rounds to zero.", size=NOTE))
    pdf.line(72, 570, Span("Source: the survey of 2010.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("8", 1, "Table S2601A of the survey."), ("9", 1, "The estimates are based on a sample.")]
    assert "Represents or rounds to zero." in document.text


FIGURES = {
    # document: (markers found, markers that carry their note), measured with
    # benchmarks/score_documents.py; no change may make a document worse
    "aclu-ninth-circuit-motion": (2, 2),
    "fifth-circuit-per-curiam-opinion": (4, 4),
    "census-disability-report-2010": (7, 7),  # two notes' own keys under a table were read as markers
    "federal-register-proposed-rule-2020": (15, 15),  # the spurious `i` of "Transportasi" no longer read
    "scotus-slip-opinion-tarrant": (13, 13),  # "Art. V(A)1" and a rotated stamp's digit are no markers
    "dmca-copyright-office-summary": (3, 3),
    "eu-sovereign-cds-report": (5, 5),  # the box's `*` note; the table title's `*` has its note inline
    "korean-assembly-issue-brief": (9, 9),  # raised `1)` markers
    "ibm-redbook-rcac-sampled": (2, 2),  # the contents' `1.1` are no markers; the URL notes linked
    "jstor-open-access-white-paper": (4, 4),
    "tragedy-of-commons-ocr-layer": (19, 18),  # Science's `(12)` citations of its numbered reference list
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_real_footnoted_documents_keep_their_notes(name: str) -> None:
    path = ROOT / ".." / "shared" / "corpus" / "real" / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"corpus file missing: {path}")
    document = pipeline.process(path)
    markers, carried = FIGURES[name]
    assert len(document.footnotes) == markers
    assert sum(1 for f in document.footnotes if f.note) >= carried
    unlinked = sum(1 for f in document.footnotes if not f.note)
    assert sum(1 for w in document.warnings if w.kind == "marker_without_note") == unlinked


def test_a_note_line_opening_with_the_next_number_stays_in_its_note(tmp_path: Path) -> None:
    """A line of note 1 that opens with ``2 and…`` is not note 2 when marker 2 has its
    own note on the next page; a spurious ``1`` read later hides no gap in the sequence."""
    pdf = PdfBuilder(tmp_path / "stray.pdf")
    pdf.line(72, 150, "The Compact apportions the water of the subbasins", sup("1"), " among the States.")
    pdf.line(72, 162, "Each State may take its share of the undesignated water.")
    pdf.rule(72, 200, 680)
    pdf.line(72, 695, sup("1", size=5, rise=3), Span(" Within subbasins 1, 3 and 4, water was apportioned to one State; in subbasin", size=NOTE))
    pdf.line(72, 705, Span("2 and 40 percent of the water flowing into it went to the others.", size=NOTE))
    pdf.new_page()
    pdf.line(72, 150, "Under the Compact each State retains its right", sup("2"), " to the water.")
    pdf.line(72, 162, "The Court so held in an earlier case, as the parties agree.")
    pdf.rule(72, 200, 690)
    pdf.line(72, 705, sup("2", size=5, rise=3), Span(" Section 2.10 of the Compact.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [
        ("1", 1, "Within subbasins 1, 3 and 4, water was apportioned to one State; in subbasin 2 and 40 percent of "
                 "the water flowing into it went to the others."),
        ("2", 2, "Section 2.10 of the Compact."),
    ]
    assert document.warnings == ()


def corpus_pages(name: str, pages: list[int], tmp_path: Path) -> Path:
    """Some pages of a corpus PDF, copied into a new file under ``tmp_path``."""
    import pypdfium2

    path = ROOT / ".." / "shared" / "corpus" / "real" / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"corpus file missing: {path}")
    source = pypdfium2.PdfDocument(str(path))
    excerpt = pypdfium2.PdfDocument.new()
    excerpt.import_pages(source, pages)
    out = tmp_path / f"{name}-excerpt.pdf"
    excerpt.save(str(out))
    return out


@pytest.mark.slow
def test_official_journal_notes_on_the_gdpr_pages(tmp_path: Path) -> None:
    document = pipeline.process(corpus_pages("eu-gdpr-regulation-oj", [0, 1, 2], tmp_path))
    assert notes_of(document)[:2] == [("1", 1, "OJ C 229, 31.7.2012, p. 90."), ("2", 1, "OJ C 391, 18.12.2012, p. 127.")]
    assert [(f.marker, f.page) for f in document.footnotes] == [("1", 1), ("2", 1), ("3", 1), ("4", 1), ("1", 3), ("2", 3)]
    assert all(f.note for f in document.footnotes) and document.warnings == ()
    assert "Council seeks to harmonise" in document.text


@pytest.mark.slow
def test_federal_register_note_keeps_its_last_line_across_the_column(tmp_path: Path) -> None:
    document = pipeline.process(corpus_pages("federal-register-proposed-rule-2020", [0, 1, 2, 3], tmp_path))
    notes = {f.marker: f.note for f in document.footnotes}
    assert notes["14"].endswith("these items are commonly known as ‘‘reference’’ items.")
    assert notes["15"].startswith("All of the checklists that the FAA proposes to revise or add to the AFM")


@pytest.mark.slow
def test_census_notes_above_a_table_and_the_table_notes_stay_text(tmp_path: Path) -> None:
    document = pipeline.process(corpus_pages("census-disability-report-2010", [0], tmp_path))
    assert [f.marker for f in document.footnotes] == ["8", "9", "10"]
    assert document.footnotes[1].note.startswith("The estimates in this report (which may be shown in text")
    assert document.footnotes[1].note.endswith("unless otherwise noted.")
    assert not any("Represents or rounds" in f.note for f in document.footnotes)


def test_several_markers_at_one_place_are_several_markers(tmp_path: Path) -> None:
    """``1,2`` and ``3–5`` raised at one place cite notes 1 and 2, and 3 to 5: never one
    marker ``12`` or ``35``."""
    pdf = PdfBuilder(tmp_path / "several.pdf")
    pdf.line(72, 150, "The counties disputed the figures", sup("1,2"), " and the board", sup("3–5"), " did not answer.")
    pdf.line(72, 162, "The clinic wrote again in the spring of that year.")
    pdf.rule(72, 200, 660)
    for index, marker in enumerate("12345"):
        pdf.line(72, 672 + 10 * index, sup(marker, size=5, rise=3), Span(f" Letter number {marker}.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [(m, 1, f"Letter number {m}.") for m in "12345"]
    assert "board did not answer" in document.text and document.warnings == ()


def test_a_running_footer_under_the_note_rule_is_no_note(tmp_path: Path) -> None:
    """A white paper sets its running footer in small type under a rule on every page: it
    is read as the note area, but its recurring line is no note's text."""
    pdf = PdfBuilder(tmp_path / "footer.pdf")
    for page in range(1, 5):
        pdf.line(72, 150, f"Section {page} of the paper reports on the open access books", sup("1") if page == 1 else "", ".")
        pdf.line(72, 162, "and the readers they found in the years after their release.")
        pdf.rule(72, 200, 690)
        if page == 1:
            pdf.line(72, 702, sup("1", size=5, rise=3), Span(" Throughout this paper we refer to the press by its name.", size=NOTE))
        pdf.line(72, 716, Span(f"The Impact of Open Access Scholarship {page + 3}", size=NOTE))
        if page < 4:
            pdf.new_page()
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("1", 1, "Throughout this paper we refer to the press by its name.")]
    assert "The Impact of Open Access" not in document.text
