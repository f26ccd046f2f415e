"""Footnote markers and their notes decided by evidence: what is raised, what stands on the
page, what the notes area holds. PDFs made here with reportlab, so the truth is known."""

from __future__ import annotations

from pathlib import Path

import pipeline
from pipeline.model import Note
from pipeline.structure.notes import choose_notes

from .pdf_factory import PdfBuilder, Span, sup

NOTE = 8.0


def notes_of(document: pipeline.Document) -> list[tuple[str, int | None, str]]:
    return [(f.marker, f.page, f.note) for f in document.footnotes]


def test_numbers_printed_on_the_line_are_never_markers_in_a_pdf(tmp_path: Path) -> None:
    """A PDF prints its markers raised: ``1.1 Security`` in a table of contents, ``32.2``
    closing a chart's row and ``Art. V(A)1`` in an opinion are the text's numbers."""
    pdf = PdfBuilder(tmp_path / "numbers.pdf")
    pdf.line(72, 100, "Chapter 1. Securing the data . . . . . . . . . . . 1")
    pdf.line(72, 112, "1.1 Security fundamentals. . . . . . . . . . . . . 2")
    pdf.line(72, 124, "1.2 Current state of security. . . . . . . . . . . 2")
    pdf.line(72, 150, "2030 26.6 41.2 32.2")
    pdf.line(72, 180, "The compact governs the river. See Art. V(A)1, id., at 88. Tarrant")
    pdf.line(72, 192, "suggests that this language shows the point", sup("1"), " the Court made.")
    pdf.rule(72, 200, 680)
    pdf.line(72, 695, sup("1", size=5, rise=3), Span(" See the compact of 1980.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("1", 1, "See the compact of 1980.")]
    assert "1.1 Security fundamentals" in document.text and "32.2" in document.text and "V(A)1, id." in document.text
    assert document.warnings == ()


def test_a_marker_without_a_note_takes_no_note_of_another_page() -> None:
    """A spurious ``1`` on page 2 must not take page 5's note 1 away from page 5's marker,
    and a marker never takes a note printed on an earlier page."""
    notes = [Note("1", "http://www.idtheftcenter.org", 5), Note("2", "http://www.ponemon.org/", 5), Note("3", "Ibid.", 1)]
    refs: list[tuple[str, int | None]] = [("1", 2), ("2", 2), ("1", 5), ("2", 5), ("3", 4)]
    assert choose_notes(refs, notes) == [None, None, 0, 1, None]
    # a note pushed to the page after its marker is still its note
    assert choose_notes([("4", 6)], [Note("4", "Pushed over the break.", 7)]) == [0]


def test_small_type_pages_after_the_last_note_is_no_note(tmp_path: Path) -> None:
    """A figure's caption in small type under a rule at a page's foot, two pages after the
    last note, is neither a note nor a run-on of the note three pages back: it stays in the
    body."""
    pdf = PdfBuilder(tmp_path / "caption.pdf")
    pdf.line(72, 150, "Recent headlines report on data breaches at the Resource Center", sup("1"), " this year.")
    pdf.line(72, 162, "The cost of a breach rose in every industry that was studied.")
    pdf.rule(72, 200, 690)
    pdf.line(72, 702, sup("1", size=5, rise=3), Span(" http://www.idtheftcenter.org", size=NOTE))
    pdf.new_page()
    pdf.line(72, 150, "The second chapter describes the roles that separate the duties.")
    pdf.line(72, 162, "Each role has its own function and its own user profile.")
    pdf.new_page()
    pdf.line(72, 150, "The third chapter shows the access control on the sample tables.")
    pdf.line(72, 162, "The figure below shows the table as the navigator lists it.")
    pdf.rule(72, 200, 590)
    pdf.line(72, 602, Span("Figure 3-11 Selecting the EMPLOYEES table from the navigator", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("1", 1, "http://www.idtheftcenter.org")]
    assert "Figure 3-11 Selecting the EMPLOYEES table" in document.text
    assert document.warnings == ()


def test_a_chart_axis_under_its_axis_line_is_no_note(tmp_path: Path) -> None:
    """A chart's bottom axis row (``0 0``) under the axis line looks like a note opening
    under a short rule; no words follow its number, so neither it nor the body paragraph
    after the chart is a note."""
    pdf = PdfBuilder(tmp_path / "chart.pdf")
    pdf.line(72, 100, "Figures 15 and 16 show the spreads for some European countries.")
    pdf.line(72, 112, "As expected, the differences are positively correlated.")
    for row, value in enumerate(("150 150", "100 100", "50 50")):
        pdf.line(83, 600 + 11 * row, Span(value, size=5.4))
    pdf.rule(90, 160, 634)
    pdf.line(89, 640, Span("0 0", size=5.4))
    pdf.line(72, 700, "Both measures reflect country risk. Assuming market efficiency, the two")
    pdf.line(72, 712, "markets would be closely related over the whole period considered.")
    document = pipeline.process(pdf.save())
    assert document.footnotes == () and document.notes == ()
    assert "Both measures reflect country risk" in document.text


def test_a_raised_number_closed_by_a_parenthesis_is_a_marker(tmp_path: Path) -> None:
    """Korean and Japanese documents print ``상해1)``, and key the note ``1) …``; a raised
    ``2)`` right before an opening parenthesis of the text is a marker too, not mathematics."""
    pdf = PdfBuilder(tmp_path / "closed.pdf")
    pdf.line(72, 150, "The insurers treat the disease as an accident", sup("1)"), " or as a disaster", sup("2)"), "(see below).")
    pdf.line(72, 162, "The courts have not yet ruled on the question.")
    pdf.rule(72, 200, 680)
    pdf.line(72, 695, Span("1) Standard terms of the insurers.", size=NOTE))
    pdf.line(72, 705, Span("2) Standard terms, table of disasters.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("1", 1, "Standard terms of the insurers."), ("2", 1, "Standard terms, table of disasters.")]
    assert "accident or as a disaster(see below)." in document.text


def test_notes_keyed_by_raised_letters_under_a_table(tmp_path: Path) -> None:
    """A table keys its notes by raised letters (``Wakeᵃ``) and prints them under itself in
    small type (``ᵃ Figures for January…``): each cell's marker takes its note, and the body
    paragraph after the notes stays body."""
    pdf = PdfBuilder(tmp_path / "letters.pdf")
    pdf.line(72, 100, "The table shows the people held in each county over the year.")
    pdf.line(72, 112, "Two counties reported their figures late in the spring.")
    for row in range(5):
        pdf.rule(72, 400, 140 + row * 20)
    for x in (72, 250, 400):
        pdf.canvas.line(x, 792 - 140, x, 792 - 220)
    rows = [("County", "Held", ""), ("Wake", "1,234", "a"), ("Durham", "987", ""), ("Orange", "456", "b")]
    for r, (county, held, key) in enumerate(rows):
        pdf.line(80, 155 + r * 20, county, *([sup(key)] if key else []))
        pdf.line(260, 155 + r * 20, held)
    pdf.line(72, 232, sup("a", size=5, rise=3), Span(" Figures for January to June only.", size=NOTE))
    pdf.line(72, 242, sup("b", size=5, rise=3), Span(" Reported by the sheriff in May.", size=NOTE))
    pdf.line(72, 280, "The clinic asked the board for the remaining figures in June.")
    document = pipeline.process(pdf.save())
    assert [(f.marker, f.cell, f.note) for f in document.footnotes] == [
        ("a", (1, 0), "Figures for January to June only."), ("b", (3, 0), "Reported by the sheriff in May."),
    ]
    assert "The clinic asked the board" in document.text and "Figures for January" not in document.text
    assert document.warnings == ()


def test_a_box_note_under_its_rule_and_a_symbol_without_a_note(tmp_path: Path) -> None:
    """A box sets its ``*`` note in small type under its own rule, mid-page, and the body
    goes on below: the note is linked and leaves the body. A ``*`` glued to a word on a page
    that prints no ``*`` note (a table's legend elsewhere) stays text, no marker."""
    pdf = PdfBuilder(tmp_path / "box.pdf")
    pdf.line(72, 100, "The interest rate charged for loans is still unknown, as are the purposes")
    pdf.line(72, 112, "for which it will be used*.")
    pdf.line(72, 130, "____________________________________")
    pdf.line(72, 146, Span("* See, for instance, W. Buiter (2010), Citigroup Economics, 23 June.", size=NOTE))
    pdf.line(72, 180, "Contagion effects of strains in the bond markets cannot be excluded.")
    pdf.line(72, 192, "They could act through the following channels in the coming year.")
    pdf.new_page()
    pdf.line(72, 100, "Assurer une qualité adéquate du réseau, en continu*, toute l'année.")
    pdf.line(72, 112, "Les responsables du transport actif suivent les travaux.")
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("*", 1, "See, for instance, W. Buiter (2010), Citigroup Economics, 23 June.")]
    assert "Contagion effects" in document.text and "Buiter" not in document.text
    assert "en continu*, toute" in document.text and document.warnings == ()


def test_bracketed_citations_are_linked_to_the_numbered_reference_list(tmp_path: Path) -> None:
    """A paper cites ``[2]``, ``[1, 3]`` and ``[2]`` again and lists its sources at the end
    under ``References``: each citation is a marker whose note is the entry it cites (an
    entry is cited more than once), the list leaves the body, and ``[1999]`` stays text."""
    pdf = PdfBuilder(tmp_path / "paper.pdf")
    pdf.line(72, 100, "Open access books reach more readers [2] than closed ones, as the")
    pdf.line(72, 112, "earlier studies [1, 3] found. The effect lasts for years [2].")
    pdf.line(72, 124, "The catalogue of [1999] lists none of them.")
    pdf.new_page()
    pdf.line(72, 100, Span("References", size=12, font="Times-Bold"))
    pdf.line(72, 120, "[1] M. Snijder, The deliverance of open access books, 2010.")
    pdf.line(72, 134, "[2] R. Emery, Open access monographs, 2017.")
    pdf.line(72, 148, "[3] E. Ferwerda, The OAPEN-NL project, 2014.")
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [
        ("2", 1, "R. Emery, Open access monographs, 2017."),
        ("1", 1, "M. Snijder, The deliverance of open access books, 2010."),
        ("3", 1, "E. Ferwerda, The OAPEN-NL project, 2014."),
        ("2", 1, "R. Emery, Open access monographs, 2017."),
    ]
    assert "reach more readers than closed ones, as the earlier studies found. The effect lasts for years." in document.text
    assert "[1999]" in document.text and "Snijder" not in document.text
    assert document.warnings == ()


def test_two_markers_side_by_side_are_two_markers(tmp_path: Path) -> None:
    """``⁷,⁸`` with the comma on the line, and ``⁹¹⁰`` set side by side with nothing between:
    four markers with their four notes, never ``910``, and no comma left in the text."""
    pdf = PdfBuilder(tmp_path / "side.pdf")
    pdf.line(72, 150, "The counties disputed the figures", sup("7"), ",", sup("8"), " and the board", sup("9"), sup("10"),
             " did not answer.")
    pdf.line(72, 162, "The clinic wrote again in the spring of that year.")
    pdf.rule(72, 200, 660)
    for index, marker in enumerate(("7", "8", "9", "10")):
        pdf.line(72, 672 + 10 * index, sup(marker, size=5, rise=3), Span(f" Letter number {marker}.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [(m, 1, f"Letter number {m}.") for m in ("7", "8", "9", "10")]
    assert "disputed the figures and the board did not answer." in document.text and document.warnings == ()


def test_a_numbered_list_on_a_page_whose_notes_are_found_stays_body(tmp_path: Path) -> None:
    """A page's marker has its note in the note area: the numbered list at the foot of the
    body (``1. Transitory communications;``) is a list, not the page's notes in body type."""
    pdf = PdfBuilder(tmp_path / "list.pdf")
    pdf.line(72, 150, "Title II adds a new section 512 to the Copyright Act", sup("1"), " to create four")
    pdf.line(72, 162, "new limitations on liability, based on the following categories:")
    pdf.line(90, 186, "1. Transitory communications;")
    pdf.line(90, 200, "2. System caching;")
    pdf.line(90, 214, "3. Information location tools.")
    pdf.rule(72, 200, 680)
    pdf.line(72, 695, sup("1", size=5, rise=3), Span(" The Fairness in Musical Licensing Act also adds a section 512.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("1", 1, "The Fairness in Musical Licensing Act also adds a section 512.")]
    assert "Transitory communications" in document.text and "Information location tools." in document.text
    assert document.warnings == ()


def test_numbers_in_parentheses_cite_the_numbered_reference_list(tmp_path: Path) -> None:
    """A Science-style article cites ``(1)``, ``(2)`` and ``(1)`` again and lists its sources
    under ``References`` in small type, one of its columns read after the list's heading:
    the citations link to their entries, an enumeration ``(1) … (2) …`` in the prose stays
    text, and the column set in body type stays in the body."""
    pdf = PdfBuilder(tmp_path / "science.pdf")
    pdf.line(72, 100, "Wiesner and York (1) concluded that the arms race has no technical solution.")
    pdf.line(72, 112, "Space is no escape (2), as the arithmetic shows. We must therefore (1) breed")
    pdf.line(72, 124, "less and (2) share more. The same point was made before (1).")
    pdf.line(72, 150, Span("References", size=8, font="Times-Bold"))
    pdf.line(72, 164, Span("1. J. B. Wiesner and H. F. York, Sci. Amer. 211, 27 (1964).", size=8))
    pdf.line(72, 174, Span("2. G. Hardin, J. Hered. 50, 68 (1959).", size=8))
    pdf.line(72, 200, "In a still more embryonic state is our recognition of the evils of the commons.")
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [
        ("1", 1, "J. B. Wiesner and H. F. York, Sci. Amer. 211, 27 (1964)."),
        ("2", 1, "G. Hardin, J. Hered. 50, 68 (1959)."),
        ("1", 1, "J. B. Wiesner and H. F. York, Sci. Amer. 211, 27 (1964)."),
    ]
    assert "Wiesner and York concluded" in document.text and "We must therefore (1) breed less and (2) share more." in document.text
    assert "In a still more embryonic state" in document.text and "G. Hardin, J. Hered" not in document.text


def test_raised_letters_in_body_text_key_their_notes(tmp_path: Path) -> None:
    """A report keys the notes of its body text by raised letters (``deathsᵃ``) and prints
    them at the page's foot: each letter takes its note. A raised letter with no note on
    its page (``1ᵉ`` is an ordinal anyway; ``Tabelleᵇ`` here has none) stays text."""
    pdf = PdfBuilder(tmp_path / "letters-body.pdf")
    pdf.line(72, 100, "The county reported more deaths", sup("a"), " than in the year before, and the")
    pdf.line(72, 112, "state counted fewer arrests", sup("b"), " over the same months.")
    pdf.rule(72, 200, 680)
    pdf.line(72, 695, sup("a", size=5, rise=3), Span(" Figures for January to June only.", size=NOTE))
    pdf.line(72, 707, sup("b", size=5, rise=3), Span(" Reported by the sheriff in May.", size=NOTE))
    pdf.new_page()
    pdf.line(72, 100, "Siehe die Tabelle", sup("c"), " auf der 1", sup("e"), " Seite.")
    document = pipeline.process(pdf.save())
    assert notes_of(document) == [("a", 1, "Figures for January to June only."), ("b", 1, "Reported by the sheriff in May.")]
    assert "more deaths than in the year before" in document.text and "Tabellec auf der 1e Seite." in document.text
