"""Regression cases for footnote markers in running text, one per bug found."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.process import process_text


def markers(text: str) -> tuple[str, list[str]]:
    document = process_text(text)
    return document.text.rstrip("\n"), [f.marker for f in document.footnotes]


@pytest.mark.parametrize(
    ("text", "clean", "found"),
    [
        # a hyphen is no place for a marker, even when the number is the next one expected
        ("The rule changed.1 The COVID-19 emergency came.", "The rule changed. The COVID-19 emergency came.", ["1"]),
        ("Counts rose1 in pages 2-3 of the report.", "Counts rose in pages 2-3 of the report.", ["1"]),
        # a marker after punctuation that follows a closing quote
        ("It called it “self-sufficiency”,i but no.", "It called it “self-sufficiency”, but no.", ["i"]),
        # the first marker of a style needs a real word before it
        ("The writ of certiorari was denied.", "The writ of certiorari was denied.", []),
        ("The Orderi was signed.", "The Order was signed.", ["i"]),
        # a sentence that ends in a year, then a marker
        ("Detention rose in 2019.1 Officials disputed it.", "Detention rose in 2019. Officials disputed it.", ["1"]),
        ("It cost $1.5 million.", "It cost $1.5 million.", []),
    ],
)
def test_markers_in_running_text(text: str, clean: str, found: list[str]) -> None:
    assert markers(text) == (clean, found)


def test_clean_text_removes_markers() -> None:
    assert pipeline.clean_text("The memoii and the Orderi") == "The memo and the Orderi\n"
