"""Notes in text exports: at page bottoms, in titled and untitled endnote sections."""

from __future__ import annotations

import pipeline

PAGE_BOTTOM_NOTES = (
    "The report found that detention rose sharply in 2019.1 Officials disputed the\n"
    "figures, citing their own records.2 The dispute continued into the\n"
    "following year.\n"
    "\n"
    "A second finding concerned the length of stay in county jails, which\n"
    "1 Immigration Detention Report, 2019, p. 4.\n"
    "2 Letter from the county sheriff, March 2020.\f"
    "rose by a third over the same period.3 The counties did not respond.\n"
    "\n"
    "3 County records obtained by request.\n"
)


def footnote_rows(text: str, tmp_path) -> tuple[str, list[tuple]]:
    path = tmp_path / "export.txt"
    path.write_text(text, encoding="utf-8")
    document = pipeline.process(path)
    return document.text, [(f.marker, f.page, f.block, f.offset, f.anchor, f.note) for f in document.footnotes]


def test_page_bottom_notes_are_linked_and_leave_the_body(tmp_path):
    text, rows = footnote_rows(PAGE_BOTTOM_NOTES, tmp_path)
    assert text == (
        "The report found that detention rose sharply in 2019. Officials disputed the figures, citing their own "
        "records. The dispute continued into the following year.\n\n"
        "A second finding concerned the length of stay in county jails, which rose by a third over the same "
        "period. The counties did not respond.\n"
    )
    assert rows == [
        ("1", 1, "b1", 53, "2019", "Immigration Detention Report, 2019, p. 4."),
        ("2", 1, "b1", 111, "records", "Letter from the county sheriff, March 2020."),
        ("3", 2, "b2", 106, "period", "County records obtained by request."),
    ]


def test_numbered_list_closing_a_document_is_not_its_notes(tmp_path):
    text, rows = footnote_rows(
        "Counties should act now.1 The state should follow.2 Cities, too.3\n\n"
        "1. Report every request.\n\n2. Publish the figures.\n",
        tmp_path,
    )
    assert "1. Report every request." in text and "2. Publish the figures." in text
    assert [row[0] for row in rows] == ["1", "2", "3"]
    assert all(row[5] == "" for row in rows)


def test_untitled_endnotes_after_the_body(tmp_path):
    text, rows = footnote_rows(
        "Counties should act now.1 The state should follow.2\n\n"
        "1 Letter of the county board, 2020.\n2 State law, section 4.\n",
        tmp_path,
    )
    assert text == "Counties should act now. The state should follow.\n"
    assert [(row[0], row[5]) for row in rows] == [("1", "Letter of the county board, 2020."), ("2", "State law, section 4.")]


def test_a_year_then_a_marker_then_a_sentence(tmp_path):
    text, rows = footnote_rows("It rose in 2019.1 Officials disputed it. It cost $1.5 Million and 1.5 Percent.\n", tmp_path)
    assert text == "It rose in 2019. Officials disputed it. It cost $1.5 Million and 1.5 Percent.\n"
    assert [row[:5] for row in rows] == [("1", 1, "b1", 16, "2019")]
