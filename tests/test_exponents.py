"""Raised numbers that are mathematics stay text; real footnote markers beside them keep
their notes. PDFs made here with reportlab, so the truth is known by construction."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import pipeline
from pipeline.extract.spelling import to_superscript
from pipeline.model import Note
from pipeline.patterns import MATH_FUNCTIONS, UNIT_WORDS
from pipeline.structure.exponents import CERTAIN, LIKELY, NONE, RaisedNumber, exponent_evidence, text_numbers

from .pdf_factory import PdfBuilder, Span, sup

NOTE = 8.0


def test_exponents_stay_text_beside_real_footnotes(tmp_path: Path) -> None:
    """A page with a unit's ``km²``, a variable's ``x²``, a torus ``T²``, a power ``10⁻³``
    and ``sin²``, beside two real markers whose notes stand at the page's foot: only the
    two markers are markers, each with its note, and every raised exponent stays in the text."""
    pdf = PdfBuilder(tmp_path / "exponents.pdf")
    pdf.line(72, 100, "The lake covers 120 km", sup("2"), " of the basin, as the survey found", sup("1"), ".")
    pdf.line(72, 112, "The area grows as x", sup("2"), " = y + 1 for every year of the model.")
    pdf.line(72, 124, "The torus T", sup("2"), " is a surface, and sin", sup("2"), " t + cos", sup("2"), " t = 1 holds.")
    pdf.line(72, 136, "The pressure fell to 10", sup("-3"), " bar at night, as the station reported", sup("2"), ".")
    pdf.rule(72, 200, 680)
    pdf.line(72, 695, sup("1", size=5, rise=3), Span(" Survey of the basin, 2004.", size=NOTE))
    pdf.line(72, 707, sup("2", size=5, rise=3), Span(" Station log, March 2005.", size=NOTE))
    document = pipeline.process(pdf.save())
    assert [(f.marker, f.anchor, f.note) for f in document.footnotes] == [
        ("1", "found", "Survey of the basin, 2004."), ("2", "reported", "Station log, March 2005."),
    ]
    text = document.text
    for kept in ("120 km² of the basin", "x² = y + 1", "torus T²", "sin² t + cos² t = 1", "10⁻³ bar"):
        assert kept in text, kept
    assert document.warnings == ()


def test_a_formula_page_without_notes_has_no_markers(tmp_path: Path) -> None:
    """Lecture notes with no notes at all: raised numbers inside formulas and after
    variables are the text's, none of them a marker without a note."""
    pdf = PdfBuilder(tmp_path / "lecture.pdf")
    pdf.line(72, 100, "Sei f(x) = 3x", sup("2"), " + 2x und g(x) = x", sup("3"), " fuer alle x.")
    pdf.line(72, 112, "Dann gilt P", sup("0"), " = P und A", sup("2"), " + B", sup("2"), " = C", sup("2"), " im Dreieck.")
    document = pipeline.process(pdf.save())
    assert document.footnotes == ()
    assert "3x² + 2x" in document.text and "A² + B² = C²" in document.text and "P⁰ = P" in document.text


@pytest.mark.parametrize(("text", "start", "end", "marker", "evidence"), [
    ("an area of 5 km²", 15, 16, "2", CERTAIN),          # a unit
    ("a Torus T\ue0002\ue001 is", 9, 12, "2", CERTAIN),   # a one-letter symbol
    ("at 10⁻³ bar", 6, 7, "3", CERTAIN),                  # after a raised sign
    ("then x\ue0002\ue001= y", 6, 9, "2", CERTAIN),       # one letter, then an operator
    ("sin\ue0002\ue001 t", 3, 6, "2", CERTAIN),           # a function's power
    ("Seien (U0; P\ue0000\ue001)", 12, 15, "0", CERTAIN), # no note is numbered 0
    ("the 3x\ue0002\ue001; 2y", 6, 9, "2", LIKELY),       # letters and digits mixed
    ("since 1998\ue0001\ue001 the", 10, 13, "1", LIKELY), # a year may carry a marker
    ("the Order\ue0002\ue001 says", 9, 12, "2", NONE),    # a word: a marker
    ("in 2019.\ue0001\ue001 Then", 8, 11, "1", NONE),     # a sentence's end: a marker
    ("the Act (DMCA)\ue0001\ue001 was", 14, 17, "1", NONE),
    ("“deconstruct”\ue0004\ue001 it", 13, 16, "4", NONE),
    ("상해\ue0001\ue001이 보험", 2, 5, "1", NONE),        # a Korean particle glued after the marker
    ("각 목\ue0004\ue001에 규정된", 3, 6, "4", NONE),      # a one-syllable Korean word
])
def test_exponent_evidence(text: str, start: int, end: int, marker: str, evidence: int) -> None:
    assert exponent_evidence(text, start, end, marker) == evidence


def test_a_likely_exponent_gives_its_note_up_to_the_marker() -> None:
    """One note 1 on page 3, two raised 1s there: the one after a number (``4¹``) is the
    text's, the one after a word keeps the note, whichever comes first."""
    raised = [RaisedNumber("1", 3, LIKELY, False), RaisedNumber("1", 3, NONE, False), RaisedNumber("2", 4, LIKELY, True)]
    assert text_numbers(raised, [Note("1", "Ibid.", 3)], endnotes=False) == {0, 2}
    assert text_numbers(raised, [Note("1", "Ibid.", 3), Note("1", "Id.", 3), Note("2", "Ibid.", 4)], endnotes=False) == set()


def test_superscript_forms() -> None:
    assert [to_superscript(raised) for raised in ("2", "-3", "12", "ii", "xv")] == ["²", "⁻³", "¹²", "ⁱⁱ", "xv"]


def test_a_marker_in_parentheses_after_a_figure_is_a_marker() -> None:
    """The EU's ``19.8 %) (⁴).``: a raised number between parentheses is a marker, whatever
    stands before it."""
    assert exponent_evidence("EU-average: 19.8 %) (\ue0004\ue001). Almost", 20, 25, "4") == NONE


@given(word=st.text(alphabet="abcdefghjkmnopqrstuwyzäöüé", min_size=2, max_size=12), marker=st.integers(1, 399))
def test_a_marker_after_a_word_is_never_taken_for_an_exponent(word: str, marker: int) -> None:
    """Whatever the word (no unit, no function's name), a raised number glued to it and
    followed by a space is a marker's place, not an exponent's."""
    assume(word not in MATH_FUNCTIONS and word not in UNIT_WORDS)
    text = f"the {word}\ue000{marker}\ue001 says"
    start = 4 + len(word)
    assert exponent_evidence(text, start, start + len(str(marker)) + 2, str(marker)) == NONE


@pytest.mark.slow
def test_lecture_notes_full_of_mathematics_keep_their_few_notes() -> None:
    """The LaTeX lecture notes of the corpus (117 pages of topology) raise hundreds of
    exponents, primes and indices and print a handful of footnotes: 225 markers were found
    before exponents were weighed against the notes. The real notes keep their markers, and
    no more than 30 raised runs are left as markers."""
    path = Path(__file__).resolve().parent.parent / ".." / "shared" / "corpus" / "real" / "geotopo-german-lecture-notes.pdf"
    if not path.exists():
        pytest.skip(f"corpus file missing: {path}")
    document = pipeline.process(path)
    assert len(document.footnotes) <= 30
    linked = {(f.anchor, f.note[:30]) for f in document.footnotes}
    assert ("Metrik", "Diese Metrik wird auch „franzö") in linked
    assert ("Fallunterscheidung", "Siehe „Knot Theory and Its App") in linked
    assert "T²" in document.text
    assert document.stats["exponents_kept_as_text"] >= 150
