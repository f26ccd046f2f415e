"""Table PDFs from a second PDF engine, fpdf2, built blind (without reading ``pipeline/tables.py``).

The other sets are all drawn by reportlab; this one is drawn by fpdf2's own table API
(``FPDF.table()``), so it measures how the pipeline does on another producer's conventions:
an A4 page in millimetres, each cell's border drawn as its own segments, fills painted per
cell, ``Tw`` word spacing in justified prose, spans made with ``TableSpan`` placeholders,
headings repeated on every page. Each builder sets one of fpdf2's ``borders_layout`` variants
(``ALL``, ``HORIZONTAL_LINES``, ``MINIMAL``, ``SINGLE_TOP_LINE``, ``NO_HORIZONTAL_LINES``,
``INTERNAL``, ``NONE``) or another option of the API (``cell_fill_mode``, ``headings_style``,
``col_widths``, ``text_align`` per column, ``line_height``, ``gutter_width``, ``colspan`` /
``rowspan``, ``repeat_headings``) between prose paragraphs written with ``multi_cell``, with
core fonts only (Helvetica, Times, Courier; latin-1 text).

The conventions of :mod:`tests.table_styles` hold: header rows flattened as ``Top / Sub``
(a heading spanning two columns heads each of them, a heading spanning both heading rows
stands alone); numbers as printed; an empty cell as ``""``; a group label merged over several
body rows carried by each row of its group; a wrapped cell is one cell; a table that goes on
over the next page is one table, its repeated heading dropped. The caption is the
``Table N: ...`` line set above a table.

``FPDF_STYLES`` and ``FPDF_NEGATIVES`` map names to builders exactly as ``STYLES`` and
``NEGATIVES`` do; ``tests/test_table_styles_fpdf.py`` and ``benchmarks/score_table_styles.py
--set fpdf`` read them. fpdf2 is imported inside the builders, so importing this module
does not need it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tests.table_styles import Expected, ExpectedTable, rows_of

# --- prose (new wording: nothing here appears in the other sets) ----------------------------

OPENING = (
    "The regional council publishes these figures each spring so that residents can see how the "
    "services they pay for are used. The counts come from the council's own registers and were "
    "checked against the invoices of the contractors that run several of the services."
)
CLOSING = (
    "Several branches changed their opening hours during the year, and the council warns that the "
    "figures for those branches are not comparable with the figures of earlier reports."
)
ASIDE = (
    "A resident who finds an error in these figures can write to the statistics unit, which answers "
    "every letter within a month and corrects the online edition of the report when needed."
)
HARBOUR = (
    "The harbour authority keeps a register of every vessel that calls at its ports. The register "
    "below gives the calls of the last full year and the tonnage that the vessels landed."
)
WARD = (
    "Hospital capacity was measured on the last Wednesday of March, when the health board counts the "
    "beds that are staffed and open to patients rather than the beds that exist on paper."
)
SCHOOLS = (
    "Pupil numbers are taken from the autumn census of schools, which every district returns to the "
    "education department by the middle of October."
)
FARMS = (
    "Harvest estimates come from the agricultural survey, in which a sample of farms reports the area "
    "sown and the crop gathered; the figures are rounded to the nearest hundred tonnes."
)
BIRDS = (
    "Volunteers counted the birds of the wetland reserve on four mornings in January, walking the same "
    "transects as in every winter since the survey began."
)
TRANSIT = (
    "Ridership on the tram and bus network recovered during the year, although the evening services "
    "still carry fewer passengers than they did before the timetable was cut."
)
GRANTS = (
    "The programmes listed below were funded from the council's development fund. Each is run by a "
    "lead agency that reports to the council twice a year on what it has spent and achieved."
)
SHELTER = (
    "The shelter network counts the people it houses on one night in each quarter, region by region, "
    "and the people it moves on to permanent homes during the quarter."
)
POPULATION = (
    "The population registers of the two census years are set side by side below, with the people who "
    "arrived in and left the province during each year."
)
CHARITIES = (
    "Every charity that is registered with the commission must name the municipality where it is based. "
    "The list that follows gives the count for each municipality of the province at the end of the year."
)
CHARITIES_AFTER = (
    "Municipalities with fewer than twenty registered charities are not shown separately in the online "
    "edition, but the full list above is kept in the printed report."
)
LABS = (
    "Water samples were taken at each treatment plant on the first Monday of every month and tested "
    "by the public laboratory for the substances that the drinking water directive names."
)


# --- helpers --------------------------------------------------------------------------------


def new_pdf() -> Any:
    """An A4 page in millimetres, fpdf2's default, with a 20 mm bottom margin."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    return pdf


def heading(pdf: Any, text: str) -> None:
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def prose(pdf: Any, text: str, *, font: str = "Times", size: float = 11) -> None:
    """One justified paragraph (fpdf2 sets the spaces with ``Tw`` word spacing)."""
    pdf.set_font(font, size=size)
    pdf.multi_cell(0, size * 0.5, text, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def caption(pdf: Any, text: str) -> None:
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def fill(table: Any, data: Sequence[Sequence[Any]]) -> None:
    for values in data:
        row = table.row()
        for value in values:
            row.cell(value)


# --- styles ---------------------------------------------------------------------------------


def build_all_borders_caption(path: Path) -> Expected:
    """fpdf2's default: every cell boxed (``borders_layout="ALL"``), bold headings, a
    ``Table 1:`` caption above, columns of set widths, figures right-aligned per column."""
    pdf = new_pdf()
    heading(pdf, "Library services")
    prose(pdf, OPENING)
    title = "Table 1: Library loans by branch, 2023"
    caption(pdf, title)
    data = [
        ["Branch", "Books", "E-books", "Members", "Change"],
        ["Northgate", "48,210", "12,904", "6,315", "4.2%"],
        ["Riverside", "31,877", "9,115", "4,020", "-1.8%"],
        ["Old Town", "22,406", "7,380", "2,947", "0.6%"],
        ["Harbourside", "17,095", "5,662", "2,311", "12.5%"],
        ["Millbrook", "9,842", "3,018", "1,206", "(3.1%)"],
        ["All branches", "129,430", "38,079", "16,799", "2.9%"],
    ]
    pdf.set_font("Helvetica", size=10)
    with pdf.table(borders_layout="ALL", col_widths=(50, 28, 28, 28, 28),
                   text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, CLOSING)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data), caption=title),), body=("Library services", OPENING, CLOSING))


def build_horizontal_lines_zebra(path: Path) -> Expected:
    """Rules between every row and none down (``HORIZONTAL_LINES``), every other row filled
    light grey (``cell_fill_mode="ROWS"``), Times throughout, no caption."""
    pdf = new_pdf()
    prose(pdf, HARBOUR)
    data = [
        ["Port", "Vessel calls", "Tonnage landed", "Share of total"],
        ["Kingsport", "1,482", "612,400", "38.7%"],
        ["Eastwick", "904", "301,250", "19.0%"],
        ["Salt Bay", "655", "244,980", "15.5%"],
        ["Greyhaven", "512", "188,030", "11.9%"],
        ["Port Lennox", "347", "130,700", "8.3%"],
        ["Winmouth", "221", "104,115", "6.6%"],
    ]
    pdf.set_font("Times", size=11)
    with pdf.table(borders_layout="HORIZONTAL_LINES", cell_fill_mode="ROWS", cell_fill_color=225,
                   col_widths=(50, 35, 45, 40), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"), width=170) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, ASIDE)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data)),), body=(HARBOUR, ASIDE))


def build_minimal_rules(path: Path) -> Expected:
    """``MINIMAL``: a rule under the headings and rules between the columns, no outer box;
    Helvetica 9 with a caption."""
    pdf = new_pdf()
    prose(pdf, WARD)
    title = "Table 3: Hospital capacity, March 2024"
    caption(pdf, title)
    data = [
        ["Hospital", "Beds open", "Occupied", "Occupancy", "Nurses"],
        ["St Brendan's", "412", "389", "94.4%", "1,106"],
        ["Westfield General", "356", "318", "89.3%", "948"],
        ["Lakeside", "228", "221", "96.9%", "602"],
        ["Carrow Infirmary", "175", "149", "85.1%", "433"],
        ["Moorview", "96", "80", "83.3%", "251"],
    ]
    pdf.set_font("Helvetica", size=9)
    with pdf.table(borders_layout="MINIMAL", col_widths=(55, 25, 25, 25, 25), width=155,
                   text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, CLOSING)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data), caption=title),), body=(WARD, CLOSING))


def build_single_top_line(path: Path) -> Expected:
    """``SINGLE_TOP_LINE``: one rule under the headings and nothing else; the rows are held
    together only by alignment. Times 10, the table narrower than the text and centred."""
    pdf = new_pdf()
    prose(pdf, SCHOOLS)
    data = [
        ["District", "Pupils", "Teachers", "Pupils per teacher"],
        ["Ashcombe", "8,415", "512", "16.4"],
        ["Brookvale", "6,990", "401", "17.4"],
        ["Cranleigh", "5,207", "338", "15.4"],
        ["Dunmore", "4,118", "246", "16.7"],
        ["Elmstead", "3,062", "201", "15.2"],
        ["Fairholme", "2,540", "149", "17.0"],
    ]
    pdf.set_font("Times", size=10)
    with pdf.table(borders_layout="SINGLE_TOP_LINE", width=130, col_widths=(40, 25, 25, 40),
                   text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, ASIDE)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data)),), body=(SCHOOLS, ASIDE))


def build_columns_fill_no_horizontal(path: Path) -> Expected:
    """``NO_HORIZONTAL_LINES``: an outer box, rules down between the columns and under the
    headings, no rules between body rows; every other column filled (``cell_fill_mode="COLUMNS"``);
    a caption."""
    pdf = new_pdf()
    prose(pdf, FARMS)
    title = "Table 5: Harvest by crop, tonnes"
    caption(pdf, title)
    data = [
        ["Crop", "2021", "2022", "2023"],
        ["Wheat", "412,300", "398,700", "421,900"],
        ["Barley", "233,100", "240,600", "228,400"],
        ["Oats", "61,800", "58,200", "63,500"],
        ["Oilseed rape", "94,600", "101,300", "88,700"],
        ["Potatoes", "310,400", "297,800", "305,100"],
        ["Sugar beet", "188,900", "176,200", "192,300"],
    ]
    pdf.set_font("Helvetica", size=10)
    with pdf.table(borders_layout="NO_HORIZONTAL_LINES", cell_fill_mode="COLUMNS", cell_fill_color=(222, 235, 247),
                   col_widths=(50, 35, 35, 35), width=155, text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, CLOSING)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data), caption=title),), body=(FARMS, CLOSING))


def build_no_borders(path: Path) -> Expected:
    """``NONE``: no rule at all, bold headings, columns of set widths, figures right-aligned:
    an unruled table from the table API."""
    pdf = new_pdf()
    prose(pdf, BIRDS)
    data = [
        ["Species", "Birds counted", "Transects", "Change on last winter"],
        ["Whooper swan", "214", "6", "+12"],
        ["Greylag goose", "1,806", "9", "-140"],
        ["Wigeon", "3,412", "11", "+388"],
        ["Teal", "2,275", "10", "+51"],
        ["Lapwing", "968", "7", "-203"],
        ["Curlew", "131", "5", "-9"],
    ]
    pdf.set_font("Helvetica", size=10)
    with pdf.table(borders_layout="NONE", col_widths=(45, 35, 30, 50), width=160,
                   text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, ASIDE)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data)),), body=(BIRDS, ASIDE))


def build_filled_heading_band(path: Path) -> Expected:
    """A dark blue heading band with white bold text (``headings_style``), ``INTERNAL``
    rules only (no outer box), even rows tinted (``cell_fill_mode="EVEN_ROWS"``), a caption."""
    from fpdf.fonts import FontFace

    pdf = new_pdf()
    prose(pdf, TRANSIT)
    title = "Table 7: Passenger journeys by line, thousands"
    caption(pdf, title)
    data = [
        ["Line", "Mode", "Weekday", "Saturday", "Sunday"],
        ["Red", "Tram", "84.2", "61.7", "40.3"],
        ["Green", "Tram", "71.9", "55.0", "33.8"],
        ["Route 4", "Bus", "22.6", "15.1", "9.4"],
        ["Route 11", "Bus", "18.3", "12.9", "7.7"],
        ["Route 27", "Bus", "9.8", "6.2", "3.1"],
        ["Night N1", "Bus", "2.4", "3.9", "3.6"],
    ]
    pdf.set_font("Helvetica", size=10)
    with pdf.table(borders_layout="INTERNAL", headings_style=FontFace(emphasis="BOLD", color=255, fill_color=(31, 56, 100)),
                   cell_fill_mode="EVEN_ROWS", cell_fill_color=(235, 240, 248), col_widths=(35, 30, 30, 30, 30),
                   text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, CLOSING)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data), caption=title),), body=(TRANSIT, CLOSING))


def build_wrapped_multi_line_cells(path: Path) -> Expected:
    """Boxed cells whose text wraps onto two to four lines (a description column, a lead
    agency column), ``line_height`` 1.4 times the font size, ``v_align`` top, a caption."""
    pdf = new_pdf()
    prose(pdf, GRANTS)
    title = "Table 8: Development fund programmes"
    caption(pdf, title)
    data = [
        ["Programme", "What it does", "Lead agency", "Budget"],
        ["Warm Homes", ("Insulates the lofts and walls of older houses whose owners receive a pension or a "
                        "disability allowance"), "Energy Advice Trust", "1,250,000"],
        ["First Steps", ("Places young people who left school without qualifications in paid trainee posts "
                         "with local employers"), "Youth Employment Office", "840,500"],
        ["Green Corridors", "Plants trees along the main roads into the city", "Parks Department", "312,000"],
        ["Open Doors", "Keeps community halls open in the evenings and pays a caretaker in each of them",
         "Federation of Community Associations", "275,750"],
    ]
    pdf.set_font("Helvetica", size=9)
    with pdf.table(borders_layout="ALL", col_widths=(30, 75, 40, 25), line_height=9 * 0.35 * 1.4, v_align="TOP",
                   text_align=("LEFT", "LEFT", "LEFT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, ASIDE)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data), caption=title),), body=(GRANTS, ASIDE))


def build_colspan_two_row_header(path: Path) -> Expected:
    """Two heading rows (``num_heading_rows=2``): ``Region`` merged down over both
    (``rowspan=2``), each year centred across its two columns (``colspan=2``); all borders;
    flattened as ``2022 / Housed``."""
    pdf = new_pdf()
    prose(pdf, SHELTER)
    title = "Table 9: People housed and moved on, by region"
    caption(pdf, title)
    sub = ["Housed", "Moved on", "Housed", "Moved on"]
    body = [
        ["North", "1,204", "388", "1,311", "402"],
        ["Midlands", "2,067", "615", "1,988", "671"],
        ["East", "943", "301", "1,020", "297"],
        ["South West", "1,512", "476", "1,598", "512"],
        ["Capital", "4,330", "1,102", "4,612", "1,187"],
    ]
    pdf.set_font("Helvetica", size=10)
    with pdf.table(num_heading_rows=2, col_widths=(50, 30, 30, 30, 30),
                   text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")) as table:
        top = table.row()
        top.cell("Region", rowspan=2, v_align="BOTTOM")
        top.cell("2022", colspan=2, align="CENTER")
        top.cell("2023", colspan=2, align="CENTER")
        fill(table, [sub, *body])
    pdf.ln(6)
    prose(pdf, CLOSING)
    pdf.output(str(path))
    flat = ("Region", "2022 / Housed", "2022 / Moved on", "2023 / Housed", "2023 / Moved on")
    return Expected((ExpectedTable((flat,) + rows_of(body), caption=title),), body=(SHELTER, CLOSING))


def build_rowspan_group_labels(path: Path) -> Expected:
    """A census year merged down over its ``Men``, ``Women`` and ``Total`` rows
    (``TableSpan.ROW`` in the body), all borders: each row carries its year."""
    from fpdf.enums import TableSpan

    pdf = new_pdf()
    prose(pdf, POPULATION)
    header = ["Year", "Group", "Residents", "Arrived", "Left"]
    body = [
        ["1991", "Men", "402,118", "8,340", "6,912"],
        [TableSpan.ROW, "Women", "418,664", "7,905", "6,488"],
        [TableSpan.ROW, "Total", "820,782", "16,245", "13,400"],
        ["2001", "Men", "417,530", "9,712", "7,301"],
        [TableSpan.ROW, "Women", "431,209", "9,158", "6,944"],
        [TableSpan.ROW, "Total", "848,739", "18,870", "14,245"],
    ]
    pdf.set_font("Helvetica", size=10)
    with pdf.table(col_widths=(25, 30, 35, 30, 30), width=150, v_align="MIDDLE",
                   text_align=("CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, [header, *body])
    pdf.ln(6)
    prose(pdf, ASIDE)
    pdf.output(str(path))
    carried = []
    year = ""
    for row in body:
        year = row[0] if isinstance(row[0], str) else year
        carried.append((year, *row[1:]))
    return Expected((ExpectedTable((tuple(header), *carried)),), body=(POPULATION, ASIDE))


MUNICIPALITIES = [
    "Abbotsford", "Alderley", "Ambleside", "Ashbourne", "Aylsham", "Bakewell", "Bampton", "Barnard Castle",
    "Beaminster", "Belford", "Bideford", "Bishops Castle", "Blandford", "Bourne", "Brampton", "Bridport",
    "Bromyard", "Buckfastleigh", "Bungay", "Burford", "Caistor", "Callington", "Chagford", "Chard",
    "Chipping Norton", "Clitheroe", "Cockermouth", "Crediton", "Crewkerne", "Dulverton", "Easingwold",
    "Eye", "Fakenham", "Faringdon", "Frome", "Garstang", "Glossop", "Hadleigh", "Halesworth", "Harleston",
    "Hawes", "Helmsley", "Holsworthy", "Honiton", "Hungerford", "Ilminster", "Kirkby Lonsdale", "Langport",
    "Launceston", "Ledbury", "Leek", "Lostwithiel", "Ludlow", "Malton", "Masham", "Midhurst",
]


def build_two_pages_repeat_headings(path: Path) -> Expected:
    """A long table in Times 10 that runs from the middle of page 1 onto page 2, its headings
    repeated on top of the second page (``repeat_headings=ON_TOP_OF_EVERY_PAGE``), all borders,
    a caption above its first part only."""
    pdf = new_pdf()
    heading(pdf, "Registered charities")
    prose(pdf, CHARITIES)
    prose(pdf, OPENING)
    title = "Table 11: Registered charities by municipality"
    caption(pdf, title)
    header = ["Municipality", "Charities", "Income (thousands)", "Volunteers"]
    body = [[name, f"{20 + (i * 37) % 180}", f"{(1200 + i * 733) % 9000 + 150:,}", f"{(i * 211) % 2400 + 35:,}"]
            for i, name in enumerate(MUNICIPALITIES)]
    pdf.set_font("Times", size=10)
    with pdf.table(repeat_headings="ON_TOP_OF_EVERY_PAGE", col_widths=(60, 30, 40, 35), width=165,
                   text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, [header, *body])
    pdf.ln(6)
    prose(pdf, CHARITIES_AFTER)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of([header, *body]), pages=(1, 2), caption=title),),
                    body=("Registered charities", CHARITIES, OPENING, CHARITIES_AFTER), pages=2)


def build_gutter_boxes_courier(path: Path) -> Expected:
    """Cells drawn as separate boxes with gaps between them (``gutter_width``,
    ``gutter_height``), Courier 9, a tight ``line_height``, a caption."""
    pdf = new_pdf()
    prose(pdf, LABS)
    title = "Table 12: Drinking water samples above the limit"
    caption(pdf, title)
    data = [
        ["Plant", "Samples", "Nitrate", "Lead", "Coliforms"],
        ["Hollins Weir", "48", "3", "0", "1"],
        ["Kestrel Moor", "48", "0", "2", "0"],
        ["Lowther", "36", "1", "0", "0"],
        ["Marsh End", "24", "5", "1", "2"],
        ["Netherby", "24", "0", "0", "0"],
    ]
    pdf.set_font("Courier", size=9)
    with pdf.table(gutter_width=2, gutter_height=1.5, line_height=4, col_widths=(45, 25, 25, 25, 30), width=160,
                   text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, CLOSING)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data), caption=title),), body=(LABS, CLOSING))


# --- negatives ------------------------------------------------------------------------------

MEMO_ONE = (
    "The council agreed at its meeting in June that the statistics unit will publish its figures "
    "twice a year from now on, in spring and in autumn, and that each edition will say which "
    "registers the figures were drawn from."
)
MEMO_TWO = (
    "Heads of service are asked to send their returns to the unit by the end of the month before "
    "each edition, and to name one officer who can answer questions about them."
)


def build_memo_label_values(path: Path) -> Expected:
    """A memo: ``To:``, ``From:``, ``Date:``, ``Subject:`` labels in a column of their own
    (bold cells of fixed width), their values aligned beside them, a rule, prose, and two
    signatures set side by side. Aligned, but no table."""
    pdf = new_pdf()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "MEMORANDUM", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in [("To:", "Heads of service"), ("From:", "Head of the statistics unit"),
                         ("Date:", "14 June 2024"), ("Subject:", "Twice-yearly publication of figures")]:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(30, 7, label)
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.line(20, pdf.get_y(), 190, pdf.get_y())
    pdf.ln(6)
    prose(pdf, MEMO_ONE)
    prose(pdf, MEMO_TWO)
    pdf.ln(12)
    pdf.set_font("Times", size=11)
    for left, right in [("Margaret Oduya", "Tomasz Wielgosz"), ("Head of the statistics unit", "Chief executive")]:
        pdf.cell(85, 6, left)
        pdf.cell(85, 6, right, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return Expected((), body=("MEMORANDUM", MEMO_ONE, MEMO_TWO))


ARTICLE = [
    ("The old mill on the river was bought by the town in the spring, after standing empty for more "
     "than twenty years. Its walls are sound, the surveyors found, though the roof will have to be "
     "replaced before the first winter."),
    ("The town plans to open the ground floor as a market hall, with stalls for the farmers who now sell "
     "from the car park on Saturdays, and to let the upper floors to small workshops at low rents."),
    ("Residents who came to the open evening in the church hall asked that the mill race be cleared and "
     "that the path along the river be opened again, so that the building can be reached on foot."),
    ("The council will decide on the plans in the autumn, once the cost of the new roof is known and the "
     "heritage office has said which of the old machines must stay where they stand."),
]


def build_two_column_article(path: Path) -> Expected:
    """A newsletter article set in two justified columns with fpdf2's ``text_columns``, a
    headline across both: the lines of the two columns sit side by side, but it is prose."""
    pdf = new_pdf()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, "A new life for the old mill", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Times", size=11)
    with pdf.text_columns(ncols=2, gutter=8, text_align="J", line_height=1.25, balance=True) as columns:
        for paragraph in ARTICLE:
            with columns.paragraph(bottom_margin=4) as part:
                part.write(paragraph)
    pdf.output(str(path))
    return Expected((), body=("A new life for the old mill", *ARTICLE))


def build_internal_rules_plain(path: Path) -> Expected:
    """``INTERNAL`` rules only, no fill at all: the header above the first rule and the
    last row under the last one have no border of their own, nor have the outer columns."""
    pdf = new_pdf()
    prose(pdf, HARBOUR)
    data = [
        ["Port", "Calls", "Tonnage", "Share"],
        ["Northgate", "412", "88,210", "41%"],
        ["Eastquay", "265", "51,004", "24%"],
        ["Millbank", "198", "40,877", "19%"],
        ["Saltmarsh", "171", "34,506", "16%"],
    ]
    pdf.set_font("Helvetica", size=10)
    with pdf.table(borders_layout="INTERNAL", col_widths=(50, 30, 35, 30),
                   text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        fill(table, data)
    pdf.ln(6)
    prose(pdf, CLOSING)
    pdf.output(str(path))
    return Expected((ExpectedTable(rows_of(data)),), body=(HARBOUR, CLOSING))


FPDF_STYLES: dict[str, Callable[[Path], Expected]] = {
    "all_borders_caption": build_all_borders_caption,
    "horizontal_lines_zebra_rows": build_horizontal_lines_zebra,
    "minimal_inner_verticals": build_minimal_rules,
    "single_top_line": build_single_top_line,
    "no_inner_rules_fill_columns": build_columns_fill_no_horizontal,
    "no_borders": build_no_borders,
    "internal_rules_heading_band": build_filled_heading_band,
    "wrapped_multi_line_cells": build_wrapped_multi_line_cells,
    "colspan_two_row_header": build_colspan_two_row_header,
    "rowspan_group_labels": build_rowspan_group_labels,
    "two_pages_repeat_headings": build_two_pages_repeat_headings,
    "gutter_boxes_courier": build_gutter_boxes_courier,
    "internal_rules_plain": build_internal_rules_plain,
}
"""fpdf2 PDFs with tables: each style's builder."""

FPDF_NEGATIVES: dict[str, Callable[[Path], Expected]] = {
    "memo_label_values": build_memo_label_values,
    "two_column_article": build_two_column_article,
}
"""fpdf2 PDFs with aligned text that is not a table: each must give none."""
