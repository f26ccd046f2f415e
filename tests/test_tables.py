"""Tables: synthetic PDFs with every cell known, the ICDAR 2013 ground truth of the corpus."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from pipeline.model import Box, Table
from pipeline.tables import (
    TableSettings,
    aligned_bands,
    caption_near,
    find_page_tables,
    find_tables,
    inside_any,
    merge_continued_tables,
    parquet_bytes,
    parse_number,
    table_to_frame,
    typed_frame,
)
from tests.conftest import CORPUS, require
from tests.pdf_factory import PdfBuilder
from tests.table_pdfs import (
    aligned_table,
    boxed_figure,
    merged_header_table,
    open_sided_table,
    prose,
    ruled_table,
    sideways_header_table,
)

pdfplumber = pytest.importorskip("pdfplumber")

HEADER = ("County", "Detained", "Released", "Share")


def open_pages(path: Path) -> list:
    pdf = pdfplumber.open(path)
    return pdf.pages


# --- synthetic PDFs ----------------------------------------------------------------------


@pytest.fixture
def ruled_pdf(tmp_path: Path) -> Path:
    builder = PdfBuilder(tmp_path / "ruled.pdf")
    top = prose(builder, 72, 72)
    builder.line(72, top + 14, "Table 1: Detention counts by county", size=10)
    top = ruled_table(builder, 72, top + 22, [110, 80, 80, 80, 60], [
        ["County", "Detained", "Released", "Share", ""],
        ["", "", "", "", ""],  # a spacer row, and the last column is a spacer column
        ["Wake", "1,234", "(3)", "12.5%", ""],
        ["Immi-\ngration court", "56", "7", "0.4%", ""],
    ])
    prose(builder, 72, top + 24)
    return builder.save()


def test_ruled_table_every_cell_and_caption(ruled_pdf: Path) -> None:
    stats: Counter[str] = Counter()
    [page] = open_pages(ruled_pdf)
    found = find_page_tables(page, stats=stats)
    [table] = found.tables
    assert table.rows == (
        HEADER,
        ("Wake", "1,234", "(3)", "12.5%"),
        ("Immigration court", "56", "7", "0.4%"),
    )
    assert table.has_header and table.pages == (1,)
    assert table.caption == "Table 1: Detention counts by county"
    assert table.box is not None and table.page_order == table.box.top
    assert table.box.x0 == pytest.approx(72) and table.box.x1 == pytest.approx(482)
    [caption] = found.captions
    assert caption.box.bottom <= table.box.top and caption.box.x0 == pytest.approx(72)
    assert found.exclude == (table.box, caption.box)
    assert stats["tables_found"] == 1


def test_table_and_caption_chars_are_excluded_from_the_body(ruled_pdf: Path) -> None:
    [page] = open_pages(ruled_pdf)
    found = find_page_tables(page)
    body = "".join(c["text"] for c in page.chars if not inside_any(c, found.exclude))
    assert "Detention" not in body and "1,234" not in body and "Wake" not in body
    assert "county" in body


def test_caption_near_reads_the_line_above(ruled_pdf: Path) -> None:
    [page] = open_pages(ruled_pdf)
    [table] = find_tables(page)
    caption = caption_near(page, (table.box.x0, table.box.top, table.box.x1, table.box.bottom))
    assert caption is not None and caption.text == "Table 1: Detention counts by county"


def test_unruled_aligned_table(tmp_path: Path) -> None:
    builder = PdfBuilder(tmp_path / "unruled.pdf")
    top = prose(builder, 72, 72)
    top = aligned_table(builder, 72, top + 20, [0, 140, 230, 320], [
        list(HEADER), ["Wake", "1,234", "(3)", "12.5%"], ["Durham", "56", "7", "0.4%"], ["Orange", "890", "12", "3.1%"],
    ])
    builder.line(72, top + 6, "Table 2. Counts as reported by each office", size=10)
    prose(builder, 72, top + 30)
    [page] = open_pages(builder.save())
    [table] = find_tables(page)
    assert table.rows == (
        HEADER, ("Wake", "1,234", "(3)", "12.5%"), ("Durham", "56", "7", "0.4%"), ("Orange", "890", "12", "3.1%"),
    )
    assert table.has_header
    assert table.caption == "Table 2. Counts as reported by each office"


def test_merged_header_cells_are_spread_and_flattened(tmp_path: Path) -> None:
    builder = PdfBuilder(tmp_path / "merged.pdf")
    merged_header_table(builder, 72, 100, [["Wake", "10", "2", "12", "3"], ["Kent", "4", "1", "5", "0"]])
    [page] = open_pages(builder.save())
    [table] = find_tables(page)
    assert table.rows == (
        ("County", "2019 / Held", "2019 / Released", "2020 / Held", "2020 / Released"),
        ("Wake", "10", "2", "12", "3"),
        ("Kent", "4", "1", "5", "0"),
    )


def test_table_across_a_page_break_is_one_table(tmp_path: Path) -> None:
    builder = PdfBuilder(tmp_path / "break.pdf")
    top = prose(builder, 72, 72)
    for _ in range(12):
        top = prose(builder, 72, top + 6)
    body_1 = [["Wake", "1,234", "(3)", "12.5%"], ["Durham", "56", "7", "0.4%"]]
    body_2 = [["Orange", "890", "12", "3.1%"], ["Kent", "4", "1", "0.1%"]]
    ruled_table(builder, 72, 640, [110, 80, 80, 80], [list(HEADER)] + body_1)
    builder.new_page()
    end = ruled_table(builder, 72, 72, [110, 80, 80, 80], [list(HEADER)] + body_2)
    prose(builder, 72, end + 24)
    pages = open_pages(builder.save())
    tables = [t for page in pages for t in find_tables(page)]
    assert [t.pages for t in tables] == [(1,), (2,)]
    [table] = merge_continued_tables(tables)
    assert table.pages == (1, 2)
    assert table.rows == (HEADER, *map(tuple, body_1 + body_2))


def test_two_column_prose_is_no_table(tmp_path: Path) -> None:
    builder = PdfBuilder(tmp_path / "columns.pdf")
    left = ["Immigration courts heard more cases this", "year than in any year before, and the",
            "backlog grew in every state that reported", "its figures to the office in time for the",
            "annual review of detention and release"] * 6
    right = ["Counties that answered the request for", "records said that the numbers were not",
             "final, and that several of the offices", "had changed the way they counted people",
             "held on a detainer during the period"] * 6
    for index, (a, b) in enumerate(zip(left, right)):
        builder.line(72, 72 + 13 * index, a)
        builder.line(320, 72 + 13 * index, b)
    [page] = open_pages(builder.save())
    stats: Counter[str] = Counter()
    assert find_tables(page, stats=stats) == []
    assert aligned_bands(page.chars, TableSettings()) == []
    assert stats["table_text_search_skipped"] == 1  # the cheap pre-check spared the text strategy


def test_prose_page_with_one_wide_gap_per_line_skips_the_text_search(tmp_path: Path) -> None:
    builder = PdfBuilder(tmp_path / "gap.pdf")
    for index in range(10):
        builder.line(72, 72 + 13 * index, "Section 287(g) agreements")
        builder.line(400, 72 + 13 * index, f"page {index}")
    [page] = open_pages(builder.save())
    assert aligned_bands(page.chars, TableSettings()) == []


# --- pure functions ----------------------------------------------------------------------


@pytest.mark.parametrize("cell, expected", [
    ("1,234", 1234.0), ("12.5%", 12.5), ("(3)", -3.0), ("–0.5", -0.5), ("-1,826", -1826.0), ("0", 0.0),
    ("$40", 40.0), (".5", 0.5),
    # negative cases: not numbers
    ("(X)", None), ("287(g)", None), ("2017–2018", None), ("Title VI", None), ("1.2.3", None), ("", None),
    ("12,34", None), ("*****", None),
])
def test_parse_number(cell: str, expected: float | None) -> None:
    assert parse_number(cell) == expected


def table(rows: list[list[str]], page: int, top: float, *, header: bool = True, caption: str | None = None) -> Table:
    return Table(tuple(map(tuple, rows)), (page,), has_header=header, caption=caption,
                 box=Box(72, top, 500, top + 100), page_order=top)


def test_merge_without_repeated_header() -> None:
    a = table([["County", "Held"], ["Wake", "12"]], 1, 600)
    b = table([["Kent", "3"]], 2, 60, header=False)
    [merged] = merge_continued_tables([a, b])
    assert merged.rows == (("County", "Held"), ("Wake", "12"), ("Kent", "3")) and merged.pages == (1, 2)


@pytest.mark.parametrize("second", [
    table([["County", "Held", "Released"], ["Kent", "3", "1"]], 2, 60),  # other column count
    table([["State", "Held"], ["Ohio", "3"]], 2, 60),  # another header: another table
    table([["County", "Held"], ["Kent", "3"]], 3, 60),  # not the next page
    table([["County", "Held"], ["Kent", "3"]], 2, 60, caption="Table 2: Releases"),  # its own caption
])
def test_tables_that_do_not_continue_stay_apart(second: Table) -> None:
    first = table([["County", "Held"], ["Wake", "12"]], 1, 600)
    assert len(merge_continued_tables([first, second])) == 2


def test_merge_takes_only_the_last_table_of_a_page() -> None:
    first = table([["County", "Held"], ["Wake", "12"]], 1, 100)
    last = table([["Region", "Cases"], ["North", "7"]], 1, 600)
    following = table([["County", "Held"], ["Kent", "3"]], 2, 60)
    assert len(merge_continued_tables([first, last, following])) == 3


@pytest.mark.parametrize("box, expected", [
    (Box(100, 100, 104, 110), True), ({"x0": 100, "x1": 104, "top": 100, "bottom": 110}, True),
    (Box(10, 100, 14, 110), False), (Box(100, 195, 104, 215), False),  # centre below the box
])
def test_inside_any(box: object, expected: bool) -> None:
    assert inside_any(box, [Box(72, 90, 500, 200)]) is expected


def test_frames_and_parquet(tmp_path: Path) -> None:
    t = table([["County", "Held", "Share", "County"], ["Wake", "1,234", "12.5%", "x"], ["Kent", "(3)", "", "y"]], 1, 0)
    frame = table_to_frame(t)
    assert list(frame.columns) == ["County", "Held", "Share", "County (2)"]
    assert frame["Held"].tolist() == ["1,234", "(3)"]
    typed = typed_frame(t)
    assert typed["Held"].tolist() == [1234.0, -3.0]
    assert typed["Share"].tolist()[0] == 12.5 and typed["County"].tolist() == ["Wake", "Kent"]
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    import pandas as pd

    target = tmp_path / "t.parquet"
    target.write_bytes(parquet_bytes(t))
    read = pd.read_parquet(target)
    assert read["Held"].tolist() == [1234.0, -3.0]
    assert read["County"].tolist() == ["Wake", "Kent"] and list(read.columns) == list(typed.columns)


def test_headerless_frame_numbers_its_columns() -> None:
    frame = table_to_frame(table([["Wake", "1"], ["Kent", "2"]], 1, 0, header=False))
    assert list(frame.columns) == ["column 1", "column 2"] and len(frame) == 2


# --- the corpus: ICDAR 2013 table ground truth ---------------------------------------------


def ground_truth(path: Path) -> list[dict]:
    """Each table region of an ICDAR 2013 ``*-str.xml``: page, shape, box (PDF coordinates,
    origin bottom left) and cells by (row, column)."""
    regions = []
    for table_el in ET.parse(path).getroot().iter("table"):
        for region in table_el.iter("region"):
            cells = {}
            boxes = []
            for cell in region.iter("cell"):
                row, col = int(cell.get("start-row")), int(cell.get("start-col"))
                end_row, end_col = int(cell.get("end-row", row)), int(cell.get("end-col", col))
                cells[row, col] = " ".join((cell.findtext("content") or "").split())
                box = cell.find("bounding-box")
                boxes.append([float(box.get(k)) for k in ("x1", "y1", "x2", "y2")])
                cells.setdefault((end_row, end_col), cells[row, col])
            n_rows = 1 + max(r for r, _ in cells)
            n_cols = 1 + max(c for _, c in cells)
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            regions.append({"page": int(region.get("page")), "shape": (n_rows, n_cols), "box": box, "cells": cells})
    return regions


# (file, table index in the ground truth) -> rows within `row_slack` (we flatten a two- or
# three-row header into one row; the ground truth keeps each) and at least `least_cols` of
# the ground truth's columns: all of them, since the columns a table leaves outside its
# rulings (row labels, groups of rows, a last column without a right border) are read.
ICDAR = [
    ("census-disability-report-2010", 0, 1, 11),
    ("census-disability-report-2010", 1, 2, 11),
    ("eu-sovereign-cds-report", 0, 1, 6),
    ("finland-education-policy-profile", 0, 0, 4),
    ("finland-education-policy-profile", 1, 0, 5),
    ("finland-education-policy-profile", 2, 1, 13),
    ("finland-education-policy-profile", 3, 1, 10),
    ("finland-education-policy-profile", 4, 0, 4),
]


@pytest.fixture(scope="module")
def corpus_tables() -> dict[str, list[Table]]:
    found: dict[str, list[Table]] = {}
    for name in {name for name, *_ in ICDAR}:
        path = CORPUS / f"{name}.pdf"
        if not path.exists():
            continue
        with pdfplumber.open(path) as pdf:
            found[name] = [t for page in pdf.pages for t in find_tables(page)]
            found[name + "#height"] = [float(pdf.pages[0].height)]  # type: ignore[list-item]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name, index, row_slack, least_cols", ICDAR)
def test_icdar_table_is_found_with_its_shape_and_cells(name: str, index: int, row_slack: int, least_cols: int,
                                                       corpus_tables: dict) -> None:
    require(CORPUS / f"{name}.pdf")
    truth = ground_truth(require(CORPUS / f"{name}.groundtruth-tables.xml"))[index]
    height = corpus_tables[name + "#height"][0]
    x0, y0, x1, y1 = truth["box"]
    region = (x0, height - y1, x1, height - y0)
    candidates = [t for t in corpus_tables[name] if truth["page"] in t.pages
                  and t.box.x0 < region[2] and region[0] < t.box.x1 and t.box.top < region[3] and region[1] < t.box.bottom]
    assert len(candidates) == 1, f"page {truth['page']}: {len(candidates)} tables over the ground-truth region"
    [found] = candidates
    rows = len(found.rows)
    cols = max(len(r) for r in found.rows)
    truth_rows, truth_cols = truth["shape"]
    assert abs(rows - truth_rows) <= row_slack, (rows, truth["shape"])
    assert least_cols <= cols <= truth_cols, (cols, truth["shape"])
    # a sample of body cells: every numeric ground-truth cell of the last row is in our last row
    last = truth_rows - 1
    expected = [v for (r, _), v in truth["cells"].items() if r == last and parse_number(v.strip("*")) is not None]
    assert expected, "the ground truth's last row has numbers"
    ours = set(found.rows[-1])
    assert sum(v in ours for v in expected) >= 0.5 * len(expected), (expected, found.rows[-1])


@pytest.mark.slow
def test_census_table_keeps_the_column_after_its_last_vertical_line(corpus_tables: dict) -> None:
    """Checked by eye on page 4 of the report: the rules run on past the last vertical line
    and cover ``Difference / Percent``, whose right border was never drawn; ``Table 1.``,
    its title and its units line, 40 points above the grid, are its caption."""
    require(CORPUS / "census-disability-report-2010.pdf")
    first = corpus_tables["census-disability-report-2010"][0]
    assert first.rows[0][-2:] == ("Difference / Number", "Difference / Percent")
    assert first.rows[1][-2:] == ("**12,760", "(X)")
    assert first.rows[3] == ("Severe disability", "34,947", "601", "12.0", "0.2", "38,284", "654", "12.6", "0.2",
                             "*3,337", "*0.6")
    assert first.rows[-1][-2:] == ("*1,196", "–0.3")
    assert first.caption == ("Table 1. Prevalence of Disability for Selected Age Groups: 2005 and 2010 "
                             "(Numbers in thousands)")
    second = corpus_tables["census-disability-report-2010"][1]
    assert second.caption == ("Table 2. Age-Adjusted and Unadjusted Disability Rates by Gender, Race, "
                              "Hispanic Origin: 2005 and 2010")
    assert second.rows[2] == ("Male", "17.9", "0.4", "17.6", "0.4", "–0.3", "17.3", "0.4", "17.4", "0.4", "0.2")


@pytest.mark.slow
def test_finland_group_labels_are_carried_by_each_row_of_their_group(corpus_tables: dict) -> None:
    """Checked by eye on page 4: ``1991`` stands once beside its Men, Women and Total rows,
    in a column whose rules run on past the grid; ``Services`` has no right border."""
    require(CORPUS / "finland-education-policy-profile.pdf")
    table = corpus_tables["finland-education-policy-profile"][1]
    assert table.rows[0] == ("", "", "Agriculture", "Industry", "Services")
    assert table.rows[1:4] == (("1991", "Men", "11.0", "40.7", "48.4"), ("1991", "Women", "6.6", "16.0", "77.4"),
                               ("1991", "Total", "8.9", "28.7", "62.4"))
    assert table.rows[-1] == ("2003", "Total", "4.9", "25.7", "69.4")
    assert table.caption == ("Table 2: Number of persons employed by sector of the economy with breakdown by "
                             "gender (in %)")


@pytest.mark.slow
def test_corpus_page_without_tables_gives_none() -> None:
    path = require(CORPUS / "faa-handbook-two-column-page.pdf")
    with pdfplumber.open(path) as pdf:
        assert [t for page in pdf.pages for t in find_tables(page)] == []


# --- tables as reports draw them: sideways headers, open sides, figures in boxes ----------


@pytest.fixture
def sideways_pdf(tmp_path: Path) -> Path:
    builder = PdfBuilder(tmp_path / "sideways.pdf")
    builder.line(72, 80, "Table 4: Who may run each command", size=10)
    sideways_header_table(builder, 72, 88, ["Administrator", "No authority"], [
        ["Start a monitor", "X", ""],
        ["Read the log", "X", "X"],
        ["Change a setting", "X", ""],
    ])
    return builder.save()


SIDEWAYS_ROWS = (
    ("Action", "Administrator", "No authority"),
    ("Start a monitor", "X", ""),
    ("Read the log", "X", "X"),
    ("Change a setting", "X", ""),
)


def test_sideways_header_cells_read_in_reading_order(sideways_pdf: Path) -> None:
    [page] = open_pages(sideways_pdf)
    [table] = find_tables(page)
    assert table.rows == SIDEWAYS_ROWS
    assert table.caption == "Table 4: Who may run each command"


def test_sideways_header_through_the_pdf_reader(sideways_pdf: Path) -> None:
    from pipeline.process import process

    document = process(sideways_pdf)
    [block] = document.tables
    assert block.table is not None and block.table.rows == SIDEWAYS_ROWS
    assert "Administrator" not in document.text and "rotartsinimdA" not in document.text


GROUPS = [
    ("2019", [["Men", "1,204", "311", "20.5%"], ["Women", "388", "95", "19.7%"]]),
    ("2020", [["Men", "1,017", "402", "28.3%"], ["Women", "301", "120", "28.5%"]]),
    ("2021", [["Men", "990", "385", "28.0%"], ["Women", "296", "99", "25.1%"]]),
]


@pytest.fixture
def open_sided_pdf(tmp_path: Path) -> Path:
    builder = PdfBuilder(tmp_path / "open.pdf")
    builder.line(72, 72, "Table 2.", size=10)
    builder.line(72, 86, "People held and released, by year and sex: 2019 to 2021", size=11)
    builder.line(72, 99, "(Counts of people)", size=9)
    bottom = open_sided_table(builder, 72, 110, GROUPS)
    prose(builder, 72, bottom + 30)
    return builder.save()


def test_open_sided_table_keeps_its_label_and_last_columns(open_sided_pdf: Path) -> None:
    """No vertical line left of the groups nor right of ``Share``: the rules that run on
    past the drawn lines still bound those columns, and each row carries its group."""
    [page] = open_pages(open_sided_pdf)
    [table] = find_tables(page)
    assert table.rows == (("Group", "Sex", "Held", "Released", "Share"),) + tuple(
        (label, *row) for label, rows in GROUPS for row in rows)
    assert table.caption == "Table 2. People held and released, by year and sex: 2019 to 2021 (Counts of people)"


def test_caption_lines_stay_out_of_the_body(open_sided_pdf: Path) -> None:
    from pipeline.process import process

    document = process(open_sided_pdf)
    assert "Counts of people" not in document.text and "People held" not in document.text
    assert "sheriff offices" in document.text


def test_a_boxed_figure_is_not_a_table(tmp_path: Path) -> None:
    builder = PdfBuilder(tmp_path / "figure.pdf")
    boxed_figure(builder, 72, 80, ["Signed on as Alice", "Calls the procedure", "Owner is Joe", "Returns to Alice"],
                 "Figure 3-5 Registers while a procedure runs")
    builder.line(72, 100, "")
    path = builder.save()
    [page] = open_pages(path)
    assert find_tables(page) == []


@pytest.fixture(scope="module")
def corpus_documents() -> dict[str, object]:
    """Whole documents through the pipeline (the reader's own glyphs, as a user runs it)."""
    from pipeline.process import process

    found: dict[str, object] = {}
    for name in ("ibm-redbook-rcac-sampled", "french-medical-doubled-chars", "chelsea-active-transport-plan-fr"):
        path = CORPUS / f"{name}.pdf"
        if path.exists():
            found[name] = process(path)
    return found


@pytest.mark.slow
def test_ibm_matrix_with_sideways_headers(corpus_documents: dict) -> None:
    """Checked by eye on page 9 of the redbook: five narrow columns headed sideways, an X
    where a function usage ID allows the action; the QIBM_DB_SECADM column holds no X at
    all and is still a column."""
    require(CORPUS / "ibm-redbook-rcac-sampled.pdf")
    tables = [b.table for b in corpus_documents["ibm-redbook-rcac-sampled"].tables]
    [matrix] = [t for t in tables if t.caption and t.caption.startswith("Table 2-2")]
    assert matrix.pages == (9,) and len(matrix.rows) == 13
    assert matrix.rows[0] == ("User action", "*JOBCTL", "QIBM_DB_SECADM", "QIBM_DB_SQLADM", "QIBM_DB_SYSMON",
                              "No Authority")
    assert matrix.rows[4] == ("STRDBMON or ENDDBMON commands targeting a job that matches the current user",
                              "X", "", "X", "X", "X")
    assert matrix.rows[-1] == ("CHANGE PLAN CACHE SIZE procedure (currently does not check authority)", "X", "", "X",
                               "", "")
    [usage] = [t for t in tables if t.caption == "Table 2-1 FUNCTION_USAGE view"]
    assert usage.rows[3][2].startswith("Usage setting: • ALLOWED: The user profile is allowed to use the function.")
    assert not any("(cid:" in cell for t in tables for row in t.rows for cell in row)
    assert not any(t.caption is None and t.pages == (11,) for t in tables), "Figure 3-5 is a diagram"


@pytest.mark.slow
def test_french_tables_keep_their_tableau_captions(corpus_documents: dict) -> None:
    """Checked by eye on page 2 of the medical handbook: ``Tableau 1 :`` over the normal
    values, arterial and venous."""
    require(CORPUS / "french-medical-doubled-chars.pdf")
    tables = [b.table for b in corpus_documents["french-medical-doubled-chars"].tables]
    assert [t.caption.split(" :")[0] for t in tables if t.caption] == [f"Tableau {n}" for n in range(1, 6)]
    first = tables[0]
    assert first.caption == "Tableau 1 : Valeurs normales des variables de l’équilibre acido-basique"
    assert first.rows[1:] == (("Artériel", "7,38 - 7,42", "37 - 43", "36 - 44", "22 - 26"),
                              ("Veineux", "7,32 - 7,38", "42 - 48", "42 - 50", "23 - 27"))


def test_tables_with_prose_between_pages_stay_apart(tmp_path: Path) -> None:
    """A survey report: one small table a page, each under its own question, all with the
    same header. Prose stands between them, so none goes on from the page before. (Each
    page's question is its own: the same lines at the top of every page would be a running
    head, which does not keep a table's parts apart.)"""
    from pipeline.process import process

    builder = PdfBuilder(tmp_path / "survey.pdf")
    questions = (["Question 4. The county should publish its detainer figures every month",
                  "so that residents can follow how many people are held and for how long."],
                 ["Question 5. The sheriff should report each release to the county board",
                  "within a week, with the reason the person was held and then released."])
    for page, (question, counts) in enumerate(zip(questions, (["152", "80", "18"], ["165", "69", "14"]))):
        if page:
            builder.new_page()
        top = prose(builder, 72, 72, question)
        ruled_table(builder, 72, top + 20, [110, 80, 80], [["Agree", "Neutral", "Disagree"], counts])
        prose(builder, 72, top + 90)
    document = process(builder.save())
    assert [(b.table.pages, b.table.rows) for b in document.tables if b.table] == [
        ((1,), (("Agree", "Neutral", "Disagree"), ("152", "80", "18"))),
        ((2,), (("Agree", "Neutral", "Disagree"), ("165", "69", "14"))),
    ]


@pytest.mark.slow
def test_word_table_figures_stay_under_their_heads(corpus_documents: dict) -> None:
    """Checked by eye on page 57 of the Chelsea plan: a Word table whose header shading is
    set inside the cell borders; 88, 179 and 267 stand under Oui, Non and Total (they slid
    one column left, under the wrong head); the survey's one-a-page tables stay apart."""
    require(CORPUS / "chelsea-active-transport-plan-fr.pdf")
    tables = [b.table for b in corpus_documents["chelsea-active-transport-plan-fr"].tables]
    oui = [t for t in tables if t.pages == (57,) and t.rows[0][1:] == ("Oui", "Non", "Total")]
    assert [t.rows for t in oui] == [(("Synthèse des résultats", "Oui", "Non", "Total"), ("", "88", "179", "267"))]
    survey = [t for t in tables if t.rows[0] == ("Totalement en accord", "En accord", "En désaccord",
                                                 "Totalement en désaccord", "Total")]
    assert len(survey) >= 18 and all(len(t.pages) == 1 and len(t.rows) == 2 for t in survey)
    assert ((38,), ("152", "80", "18", "5", "255")) in [(t.pages, t.rows[1]) for t in survey]


def load_table_sample():
    """``scripts/make_table_sample.py``, the builder of the table sample in ``raw/``."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "make_table_sample.py"
    spec = importlib.util.spec_from_file_location("make_table_sample", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_sample_reads_as_built(tmp_path: Path) -> None:
    """The sample in ``raw/``: a table over a page break with a two-row header, a marker in a
    cell on page 2 with its note there, and the paragraphs before and after the table kept
    apart (the table's text left the body, the paragraph must not run on across it)."""
    from pipeline.process import process

    sample = load_table_sample()
    document = process(sample.build(tmp_path / "sample.pdf"))
    [block] = document.tables
    table = block.table
    assert table is not None and table.pages == (1, 2)
    assert table.rows[0] == ("County", "2019 / Held", "2019 / Released", "2020 / Held", "2020 / Released")
    assert table.rows[1:] == tuple(sample.COUNTIES)
    assert table.caption == "Table 1: People held on detainers and released, by county (Number of people)"
    [footnote] = document.footnotes
    assert (footnote.marker, footnote.page, footnote.block, footnote.cell, footnote.note) == (
        "1", 2, block.id, (12, 3), sample.NOTE)
    texts = [b.text for b in document.blocks]
    position = [b.id for b in document.blocks].index(block.id)
    assert texts[position - 1] == sample.CONTEXT[-1]
    assert texts[position + 1] == sample.AFTER


def test_significance_stars_stay_in_their_figure_a_smaller_raised_marker_leaves() -> None:
    """Regression: stars set at 85 % after a coefficient (``0.988**``, the shift-work article)
    are the figure's, not footnote markers; a marker set smaller (``1,234²``) leaves the cell."""
    from pipeline.extract.chars import Char
    from pipeline.tables.page import mark_raised_markers

    figure = [Char(t, 10 + 4.2 * i, 14.2 + 4.2 * i, 91.5, 100, 8.47) for i, t in enumerate("0.988")]
    stars = [Char("*", 31.5 + 3.6 * i, 35.1 + 3.6 * i, 90, 97.3, 7.2) for i in range(2)]
    assert mark_raised_markers(figure + stars, list("0.988**")) == list("0.988**")
    marker = [Char("2", 31.5, 34.5, 90, 96, 5.5)]
    assert mark_raised_markers(figure + marker, list("0.9882"))[-1] == "\ue0002\ue001"
