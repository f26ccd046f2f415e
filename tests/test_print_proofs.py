"""Print proofs and pleading paper: the margin's line numbers and the printer's slug line
are page furniture, and nothing else numbered in a margin is.

Each proof of ``tests/proof_pdfs.py`` is read beside its clean twin (the same document
drawn without line numbers, crop marks or slug line): the twin's output is the truth.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline import patterns

from .pdf_factory import PdfBuilder, Span, sup
from .proof_pdfs import SLUGS, ProofLayout, write_pleading, write_proof
from .scan_factory import word_error_rate


def glued_numbers(text: str) -> list[str]:
    """Words where letters and digits meet (``Arm-2``, ``2strong``)."""
    return [w for w in text.split() if any(c.isdigit() for c in w) and any(c.isalpha() for c in w)]


def read_pair(tmp_path: Path, seed: int, pages: int = 3, layout: ProofLayout | None = None, short_last: bool = False
              ) -> tuple[pipeline.Document, pipeline.Document]:
    proof = write_proof(tmp_path / f"proof-{seed}.pdf", seed, pages=pages, layout=layout, short_last=short_last).path
    twin = write_proof(tmp_path / f"twin-{seed}.pdf", seed, pages=pages, layout=layout, marks=False, short_last=short_last).path
    return pipeline.process(proof), pipeline.process(twin)


def assert_reads_as_twin(proof: pipeline.Document, twin: pipeline.Document) -> None:
    assert word_error_rate(twin.text, proof.text) == 0.0
    assert proof.text == twin.text
    assert glued_numbers(proof.text) == glued_numbers(twin.text)
    assert [(f.marker, f.page, f.note) for f in proof.footnotes] == [(f.marker, f.page, f.note) for f in twin.footnotes]
    everything = proof.text + " ".join(f.note for f in proof.footnotes)
    assert not patterns.SLUG_LINE.search(everything)


@pytest.mark.parametrize("seed", [0, 1, 3, 4])
def test_a_proof_reads_as_its_clean_twin(tmp_path: Path, seed: int) -> None:
    """Line numbers left, right, mirrored, every line or every fifth: gone, with no word
    halves kept apart by one, and every marker linked to its note as in the twin."""
    proof, twin = read_pair(tmp_path, seed)
    assert_reads_as_twin(proof, twin)
    assert proof.stats["line_numbers_removed"] >= 3 * 15 // ProofLayout.of(seed).every
    assert "line_numbers_removed" not in twin.stats


@pytest.mark.parametrize("sides", ["left", "mirrored"])
def test_a_lone_line_number_on_a_chapter_s_short_last_page_is_dropped(tmp_path: Path, sides: str) -> None:
    """Every fifth line numbered, anew on each page: the last page holds one paragraph and
    one number, too few for a column of its own; it stands where the earlier pages' numbers
    stood, so it goes too."""
    layout = ProofLayout(5, sides, True, 7.0, 6.0, False, SLUGS[0], "foot")
    proof, twin = read_pair(tmp_path, 5, pages=3, layout=layout, short_last=True)
    assert_reads_as_twin(proof, twin)
    assert [r.text for r in proof.removed if r.kind == "line_number" and r.page == 3] == ["5"]


def test_a_proof_read_by_pdfium_reads_as_its_twin(tmp_path: Path) -> None:
    """The rule stands on the reader's rows, above the character source: both engines agree."""
    from dataclasses import replace

    from pipeline.settings import Settings

    settings = Settings()
    settings = replace(settings, extract=replace(settings.extract, pdf_engine="pdfium"))
    proof = pipeline.process(write_proof(tmp_path / "proof.pdf", 0).path, settings)
    twin = pipeline.process(write_proof(tmp_path / "twin.pdf", 0, marks=False).path, settings)
    assert_reads_as_twin(proof, twin)
    assert proof.stats["line_numbers_removed"] == pipeline.process(tmp_path / "proof.pdf").stats["line_numbers_removed"]


def test_the_line_numbers_are_kept_as_removed_furniture_with_their_place(tmp_path: Path) -> None:
    """The report strikes what was dropped: each number is listed with its page and box."""
    proof, _ = read_pair(tmp_path, 2, pages=1)
    numbers = [r for r in proof.removed if r.kind == "line_number"]
    assert [int(r.text) for r in numbers] == list(range(1, len(numbers) + 1))
    assert len(numbers) == proof.stats["line_numbers_removed"] >= 15
    assert all(r.page == 1 and r.box is not None and r.box.x1 < 144 for r in numbers)  # left of the text column


def test_a_slug_line_on_a_page_alone_is_dropped(tmp_path: Path) -> None:
    """A proof of one page: its slug line (at the sheet's head, in the bleed) repeats on no
    other page, and goes as a printer's line all the same."""
    layout = ProofLayout.of(1)
    assert layout.slug_place == "head"
    proof, twin = read_pair(tmp_path, 1, pages=1)
    assert_reads_as_twin(proof, twin)
    assert any(patterns.SLUG_LINE.search(r.text) and r.kind == "running_line" for r in proof.removed)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_slug_pattern_takes_each_layout_program_s_line(slug: str) -> None:
    assert patterns.SLUG_LINE.search(slug.format(page=4))


@pytest.mark.parametrize("text", ["See the memo of 2/10/04 at 3:46 PM.", "Rule 12.fm applies", "report.pdf 2/10/04 3:46 PM"])
def test_the_slug_pattern_leaves_dates_and_times_in_text(text: str) -> None:
    assert not patterns.SLUG_LINE.search(text)


def test_pleading_paper_reads_as_the_filing_without_its_numbers(tmp_path: Path) -> None:
    """Numbers 1–28 down the left margin of every page, beside a double rule, the caption
    single-spaced across them: the filing reads as its twin and its numbered paragraphs stay."""
    proof = pipeline.process(write_pleading(tmp_path / "pleading.pdf"))
    twin = pipeline.process(write_pleading(tmp_path / "twin.pdf", marks=False))
    assert proof.text == twin.text
    assert proof.stats["line_numbers_removed"] == 56
    assert "1. Data detention" in proof.text and "UNITED STATES DISTRICT COURT" in proof.text


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # each example reads two PDFs: no shrinking
@given(
    every=st.sampled_from([1, 2, 5, 10]), sides=st.sampled_from(["left", "right", "mirrored"]),
    restart=st.booleans(), size=st.sampled_from([5.0, 6.5, 8.0, 9.0]), gap=st.sampled_from([4.0, 6.0, 12.0, 20.0]),
    number_notes=st.booleans(), slug=st.sampled_from(SLUGS), slug_place=st.sampled_from(["foot", "head", "rotated"]),
    seed=st.integers(0, 50),
)
def test_any_proof_layout_reads_as_its_twin(tmp_path: Path, every: int, sides: str, restart: bool, size: float,
                                            gap: float, number_notes: bool, slug: str, slug_place: str, seed: int) -> None:
    layout = ProofLayout(every, sides, restart, size, gap, number_notes, slug, slug_place)
    proof, twin = read_pair(tmp_path, seed, pages=2, layout=layout)
    assert_reads_as_twin(proof, twin)


# --- what stays: numbers in a margin that are content --------------------------------------


def test_numbered_paragraphs_and_a_one_line_list_with_bare_numbers_stay(tmp_path: Path) -> None:
    """``1.`` opening paragraphs, and a list whose bare numbers hang left of its items in body
    type: in step with the lines and outside the items' column, but set like the text."""
    pdf = PdfBuilder(tmp_path / "lists.pdf")
    top = 100.0
    for n in range(1, 4):
        pdf.line(72, top, f"{n}. The court held a hearing on the county's petition, and the board")
        pdf.line(72, top + 12, "answered every letter of the clinic before the deadline.")
        top += 30
    for n, item in enumerate(("Apples from the county farm", "Pears from the state orchard", "Plums from the clinic garden",
                              "Figs from the board's office"), start=1):
        pdf.line(72, top, str(n))
        pdf.line(90, top, item)
        top += 12
    document = pipeline.process(pdf.save())
    assert "line_numbers_removed" not in document.stats
    for n in range(1, 4):
        assert f"{n}. The court held" in document.text
    for n, word in enumerate(("Apples", "Pears", "Plums", "Figs"), start=1):
        assert f"{n} {word}" in document.text


def test_a_statute_s_section_numbers_in_the_margin_stay(tmp_path: Path) -> None:
    """A code prints each section's number small in the margin beside its first line: the
    numbers rise, stand outside the text column and are smaller, but mark sections, not
    lines, so they are content."""
    pdf = PdfBuilder(tmp_path / "statute.pdf")
    top = 100.0
    for section, lines in ((12, 3), (13, 2), (14, 4), (15, 1), (16, 3)):
        pdf.line(56, top, Span(str(section), size=7, font="Times-Bold"))
        for index in range(lines):
            pdf.line(72, top, "The board shall publish the standards and review them every year" if index < lines - 1
                     else f"as section {section} requires.")
            top += 12
        top += 6
    document = pipeline.process(pdf.save())
    assert "line_numbers_removed" not in document.stats
    for section in range(12, 17):
        assert f"{section} The board" in document.text or f"{section} as section" in document.text


def test_a_contents_page_keeps_its_page_numbers(tmp_path: Path) -> None:
    """A table of contents: page numbers right-aligned at the column's edge, rising, outside
    the titles, but not in step with the lines."""
    pdf = PdfBuilder(tmp_path / "contents.pdf")
    pdf.line(72, 90, Span("Contents", size=14, font="Times-Bold"))
    entries = [("Introduction", 1), ("The county's detention policy", 5), ("Hearings before the board", 9),
               ("The clinic's petition", 14), ("Records and data", 22), ("Conclusion", 31)]
    for index, (title, page) in enumerate(entries):
        pdf.line(72, 120 + 14 * index, title)
        pdf.line(530 - 5 * len(str(page)), 120 + 14 * index, str(page))
    document = pipeline.process(pdf.save())
    assert "line_numbers_removed" not in document.stats
    for title, page in entries:
        assert f"{title} {page}" in document.text


def test_a_contents_page_with_leader_dots_keeps_its_page_numbers(tmp_path: Path) -> None:
    """The IBM Redbook's contents: page numbers after leader dots, rising by two from line to
    line (14, 16, 18), as if every other line were numbered."""
    pdf = PdfBuilder(tmp_path / "contents.pdf")
    entries = [("3.1 Explanation of access control", 14), ("3.1.1 Row permission and column masks", 14),
               ("3.1.2 Enabling and activating access control", 16), ("3.2 Special registers", 18),
               ("3.2.1 Registers of the session", 18), ("3.2.2 Built-in global variables", 19),
               ("3.3 Functions", 20), ("3.4 Permissions", 22), ("3.5 Masks", 24)]
    for index, (title, page) in enumerate(entries):
        pdf.line(72, 120 + 12 * index, title + " " + ". " * 20)
        pdf.line(530 - 5 * len(str(page)), 120 + 12 * index, str(page))
    document = pipeline.process(pdf.save())
    assert "line_numbers_removed" not in document.stats
    for _, page in entries:
        assert f" {page}\n" in document.text or f" {page} " in document.text


def test_a_table_s_row_numbers_stay(tmp_path: Path) -> None:
    """Rows numbered 1, 2, 3… in the first column of an unruled table, in body type."""
    pdf = PdfBuilder(tmp_path / "rows.pdf")
    pdf.line(72, 100, "The board counted the people held in each county facility last year.")
    for n, (county, held) in enumerate((("Alameda", 230), ("Butte", 41), ("Contra Costa", 188), ("Del Norte", 12),
                                        ("El Dorado", 57)), start=1):
        pdf.line(72, 120 + 12 * n, str(n))
        pdf.line(100, 120 + 12 * n, county)
        pdf.line(300, 120 + 12 * n, str(held))
    document = pipeline.process(pdf.save())
    assert "line_numbers_removed" not in document.stats
    words = " ".join([document.text] + [" ".join(" ".join(row) for row in t.table.rows) for t in document.tables if t.table])
    for n, county in enumerate(("Alameda", "Butte", "Contra Costa", "Del Norte", "El Dorado"), start=1):
        assert f"{n} {county}" in words


def test_verse_numbers_inside_the_text_stay(tmp_path: Path) -> None:
    """Numbers inside the text column (a code's verses, ``12`` opening a line flush with the
    text) are not in the margin."""
    pdf = PdfBuilder(tmp_path / "verses.pdf")
    lines = ["1 The board shall meet in public. 2 It shall keep minutes of", "every meeting. 3 The minutes shall be published",
             "within thirty days. 4 Any resident may ask for them.", "5 The clerk shall answer within ten days."]
    for index, text in enumerate(lines):
        pdf.line(72, 100 + 12 * index, text)
    document = pipeline.process(pdf.save())
    assert "line_numbers_removed" not in document.stats
    assert document.text.count(" ") >= sum(text.count(" ") for text in lines)
    for n in range(1, 6):
        assert f"{n} " in document.text


def test_a_raised_marker_opening_a_line_is_no_line_number(tmp_path: Path) -> None:
    """Footnote markers are raised and sit inside the text: they stay markers."""
    pdf = PdfBuilder(tmp_path / "markers.pdf")
    for index in range(4):
        pdf.line(72, 100 + 12 * index, "The board met in public", sup(str(index + 1)), " and kept its minutes of every meeting.")
    pdf.rule(72, 200, 690)
    for index in range(4):
        pdf.line(72, 702 + 9 * index, sup(str(index + 1), size=5, rise=3), Span(f" Minutes of meeting {index + 1}.", size=8))
    document = pipeline.process(pdf.save())
    assert "line_numbers_removed" not in document.stats
    assert [(f.marker, f.note) for f in document.footnotes] == [(str(n), f"Minutes of meeting {n}.") for n in range(1, 5)]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["aclu-ninth-circuit-motion.pdf", "fifth-circuit-per-curiam-opinion.pdf",
                                  "missouri-appeals-opinion-junk-header.pdf", "scotus-slip-opinion-tarrant.pdf"])
def test_court_filings_without_pleading_numbers_lose_nothing(name: str) -> None:
    """The corpus's court filings have no pleading line numbers: nothing is taken as one."""
    from .conftest import ROOT

    path = ROOT.parent / "shared" / "corpus" / "real" / name
    if not path.exists():
        pytest.skip(f"{path} not in the shared corpus")
    document = pipeline.process(path)
    assert "line_numbers_removed" not in document.stats
    assert not [r for r in document.removed if r.kind == "line_number"]
