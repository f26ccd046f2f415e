"""Block typing in text exports: lists, headings and paragraphs, with negative cases."""

from __future__ import annotations

import pytest

import pipeline


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        # bullets that Word-made PDFs export as Symbol/Wingdings private-use glyphs, or glued
        ("Steps:\n\n\uf0b7 Call the clinic.\n\n\u27a2Write to the board.\n", "Steps:\n\n- Call the clinic.\n\n- Write to the board.\n"),
        ("• 1) First item.\n\n• 2) Second item.\n", "1) First item.\n\n2) Second item.\n"),
        ("(a) One.\n\n(b) Two.\n", "(a) One.\n\n(b) Two.\n"),
        # a dash that opens a wrapped line inside a sentence is no bullet
        ("The list\n– for example – includes all.\n", "The list – for example – includes all.\n"),
    ],
)
def test_list_items(text: str, clean: str) -> None:
    assert pipeline.clean_text(text) == clean


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("KEY PROVISIONS\n\nThe order does three things.\n", ["heading", "paragraph"]),
        ("REAL LIFE CONSEQUENCES: rampant illegalities\n\nThey will follow.\n", ["heading", "paragraph"]),
        ("Executive Summary\n\nThe order does three things.\n", ["heading", "paragraph"]),
        ("These policies make all of us less safe.\n\nThe order does three things.\n", ["paragraph", "paragraph"]),
        ("***\n\nQuestions: contact the clinic.\n", ["separator", "paragraph"]),
    ],
)
def test_block_types(tmp_path, text: str, types: list[str]) -> None:
    path = tmp_path / "export.txt"
    path.write_text(text, encoding="utf-8")
    assert [block.type for block in pipeline.process(path).blocks] == types


def test_a_form_feed_at_the_very_start_opens_no_empty_page(tmp_path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(b"\fFirst page line.\r\n\r\nSecond paragraph ends here.\r\n\fPage two text here.\r\n")
    document = pipeline.process(path)
    assert document.metadata["pages"] == 2
    assert [block.pages for block in document.blocks] == [(1,), (1, 2)]


def test_dehyphenate_off_keeps_the_line_end_hyphen() -> None:
    """``[structure] dehyphenate = false`` keeps a hyphen split at a line end as printed."""
    from pipeline.process import process_text
    from pipeline.settings import Settings, StructureSettings

    text = "Sheriffs held them under the new immi-\ngration law for two days.\n"
    joined = process_text(text)
    kept = process_text(text, Settings(structure=StructureSettings(dehyphenate=False)))
    assert joined.blocks[0].text == "Sheriffs held them under the new immigration law for two days."
    assert joined.stats["dehyphenated"] == 1
    assert kept.blocks[0].text == "Sheriffs held them under the new immi-gration law for two days."
    assert kept.stats["dehyphenated"] == 0
