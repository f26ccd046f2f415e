"""The pdfium glyph reader's own rules: characters outside the Basic Multilingual Plane,
which pdfium hands over as two UTF-16 code units at two character indexes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.pdfium_chars import pair_surrogates
from pipeline.process import process
from pipeline.settings import Settings

CORPUS = Path(__file__).resolve().parent.parent / ".." / "shared" / "corpus" / "real"


def utf16_units(text: str) -> str:
    """The text as pdfium's text page holds it: one item per UTF-16 code unit."""
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(int.from_bytes(data[i:i + 2], "little")) for i in range(0, len(data), 2))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_code_units_paired_give_back_every_character_at_its_first_index(text: str) -> None:
    units = utf16_units(text)
    paired = pair_surrogates(units)
    assert len(paired) == len(units)  # one item per index, as the reader walks them
    assert "".join(paired) == text
    assert all(len(item) <= 1 for item in paired)


def test_a_lone_surrogate_becomes_a_replacement_character_not_a_broken_string() -> None:
    assert pair_surrogates("a\udc54b\ud882") == ["a", "\ufffd", "b", "\ufffd"]


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "korean-assembly-issue-brief.pdf").is_file(), reason="corpus not found")
def test_the_korean_briefs_private_use_brackets_are_read_whole_by_pdfium() -> None:
    """The brief brackets its section title with U+F0854 and U+F0855 (a plane-15 private-use
    pair); pdfium used to give each as two lone surrogates, which cannot be written as UTF-8."""
    settings = Settings()
    settings = replace(settings, extract=replace(settings.extract, pdf_engine="pdfium", ocr="off"))
    text = process(CORPUS / "korean-assembly-issue-brief.pdf", settings).text
    assert "\U000f0854이슈와 논점\U000f0855" in text
    assert not any("\ud800" <= ch <= "\udfff" or ch == "\ufffd" for ch in text)
    text.encode("utf-8")  # writable as the output files are
