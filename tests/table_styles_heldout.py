"""A HELD-OUT set of table PDFs: styles the table code was never tuned on, every cell known.

:mod:`tests.table_styles` holds the styles ``pipeline/tables.py`` was tuned on; measuring on
them says little about PDFs nobody here has seen. These builders differ from them the way real
reports differ from one another: raw canvas drawing at our own coordinates as well as
platypus; Times, Courier and an embedded TrueType font (Vera, shipped with reportlab) beside
Helvetica; 6.5 to 11 pt type; tight and airy paddings; centred and decimal-aligned columns;
bold total rows, section-label rows, three-level headers, cmidrule-style partial rules,
three-page tables with ``(continued)`` captions, side-by-side tables, a three-column page.

The conventions of :mod:`tests.table_styles` hold (header rows flattened as ``Top / Sub``, or
``Top / Middle / Sub`` for three levels; numbers as printed, U+2212 minus included; an empty
cell as ``""``; a footnote marker left out of its cell). Two decisions a user would make are
written down where they arise:

- a row that spans all columns as a section label (``Northern region``) is one row of the
  table, its label in the first cell and the other cells empty, so that the CSV keeps the
  grouping in place (``section_label_rows``);
- a narrow two-column table set centred with a bold header and no rules is a table: it has
  a header and a figure in every row, and a reader would cite it
  (``narrow_centred_no_rules``). Two columns of left-aligned words without a header, as a
  form or a letter sets them, are not (the negatives).

``HELDOUT_STYLES`` and ``HELDOUT_NEGATIVES`` map names to builders exactly as ``STYLES`` and
``NEGATIVES`` do; ``tests/test_table_styles_heldout.py`` and ``benchmarks/score_table_styles.py
--set heldout`` read them. Do not tune the pipeline on these files: when a style here is
fixed, add a fresh held-out style in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.table_styles import PAGE, Expected, ExpectedTable, rows_of

WIDTH, HEIGHT = PAGE

# --- prose (new wording: nothing here appears in tests/table_styles.py) ---------------------

OPENING = (
    "Between the spring of 2021 and the end of 2022 the clinic tracked every asylum hearing "
    "held at the three immigration courts of the region. Volunteers sat in the public gallery, "
    "noted the outcome of each case and later checked their notes against the court calendar."
)
CLOSING = (
    "Grant rates varied far more between judges of the same court than between the courts "
    "themselves, a pattern that earlier studies of the national caseload had also described."
)
MIDDLE = (
    "Outcomes also depended on whether a person had a lawyer at the first hearing, since most "
    "applicants who appeared alone were not told that they could ask for more time to prepare."
)
LATER = (
    "The clinic shared these results with the chief judge of each court before publication and "
    "received written comments from two of them, which are reproduced in the appendix."
)
LIST_ITEMS = [
    "Publish the grant rate of every judge each quarter, as the federal courts already do.",
    "Give every person in removal proceedings a list of free legal services at the first hearing.",
    "Hold no hearing by video unless the person agrees to it in writing after speaking to a lawyer.",
]
THREE_COLUMN_PROSE = [
    ("Rural counties hold most of the people detained in the state, yet they receive the smallest "
    "share of the money set aside for legal services and interpreters."),
    ("Sheriffs in these counties told the authors that they depend on the daily payment for each "
    "bed to keep their jails open, and that the contracts were hard to refuse."),
    ("Families travel for hours to visit, often to find that visits were moved to video without "
    "notice, and that the video booths were out of order on the day they came."),
    ("Several jails charge for each minute of a phone call, so that one call a week to a lawyer "
    "costs more than a family earns in a day of farm work during the season."),
    ("The state inspection office visited each jail once in the period, always after giving notice, "
    "and found problems with medical care in half of the jails it saw."),
]


# --- drawing helpers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """Where a canvas column sets its text: ``x`` is the left edge (``l``), the right edge
    (``r``), the centre (``c``) or the decimal point (``d``)."""

    x: float
    align: str = "l"


def draw_cells(c: Any, y: float, cells: Sequence[str], columns: Sequence[Column], font: str, size: float) -> None:
    """One row of a canvas table at baseline ``y`` (points from the page bottom)."""
    c.setFont(font, size)
    for text, column in zip(cells, columns):
        if not text:
            continue
        if column.align == "l":
            c.drawString(column.x, y, text)
        elif column.align == "r":
            c.drawRightString(column.x, y, text)
        elif column.align == "c":
            c.drawCentredString(column.x, y, text)
        else:
            c.drawAlignedString(column.x, y, text, pivotChar=".")


def draw_prose(c: Any, text: str, x: float, y: float, width: float, *, font: str = "Times-Roman",
               size: float = 10.0, leading: float = 13.0) -> float:
    """A paragraph wrapped at ``width`` points, first baseline at ``y``; returns the baseline
    after it, one blank line below."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.setFont(font, size)
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and stringWidth(candidate, font, size) > width:
            c.drawString(x, y, line)
            y -= leading
            line = word
        else:
            line = candidate
    if line:
        c.drawString(x, y, line)
        y -= leading
    return y - leading * 0.6


def rule(c: Any, x0: float, x1: float, y: float, width: float = 0.5) -> None:
    c.setLineWidth(width)
    c.line(x0, y, x1, y)


def canvas(path: Path) -> Any:
    from reportlab.pdfgen import canvas as pdf_canvas

    return pdf_canvas.Canvas(str(path), pagesize=PAGE, invariant=1)


def sheet() -> dict[str, Any]:
    """Paragraph styles of a template unlike the tuned set's: Times body at 10.5 pt, a serif
    heading, Helvetica cells at 8 pt."""
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()["Normal"]
    return {
        "body": ParagraphStyle("hbody", parent=base, fontName="Times-Roman", fontSize=10.5, leading=14,
                               spaceAfter=9),
        "heading": ParagraphStyle("hheading", parent=base, fontName="Times-Bold", fontSize=14, leading=18,
                                  spaceAfter=6),
        "caption": ParagraphStyle("hcaption", parent=base, fontName="Times-Bold", fontSize=10, leading=13,
                                  spaceAfter=5),
        "cell": ParagraphStyle("hcell", parent=base, fontName="Times-Roman", fontSize=9, leading=10.5),
        "headcell": ParagraphStyle("hheadcell", parent=base, fontName="Times-Bold", fontSize=9, leading=10.5),
    }


def doc(path: Path, **kwargs: Any) -> Any:
    from reportlab.platypus import SimpleDocTemplate

    margins = {"leftMargin": 66, "rightMargin": 66, "topMargin": 80, "bottomMargin": 70}
    margins.update({k: kwargs.pop(k) for k in list(kwargs) if k in margins})
    return SimpleDocTemplate(str(path), pagesize=PAGE, invariant=1, title="Hearing report", **margins, **kwargs)


def platypus_table(data: Sequence[Sequence[Any]], commands: Sequence[tuple[Any, ...]], *, font: str = "Helvetica",
                   bold: str = "Helvetica-Bold", size: float = 9, h_align: str = "LEFT", **kwargs: Any) -> Any:
    """A platypus table with the given font, its first row bold; ``commands`` come last."""
    from reportlab.platypus import Table, TableStyle

    base = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), size * 1.2), ("FONTNAME", (0, 0), (-1, 0), bold)]
    return Table([list(row) for row in data], style=TableStyle(base + list(commands)), hAlign=h_align, **kwargs)


def register_vera() -> tuple[str, str]:
    """Vera (a TrueType font shipped with reportlab, embedded as a subset): the standard
    Type 1 fonts have no U+2212 minus sign."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in ("Vera", "VeraBd"):  # each on its own: another module may have registered one
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, f"{name}.ttf"))
    return "Vera", "VeraBd"


# --- styles ------------------------------------------------------------------------------


def build_total_row_bold(path: Path) -> Expected:
    """Times throughout, a caption ``Table 1.`` above, a heavy rule above the header and
    under the table, and a bold ``Total`` row with a thin rule above it."""
    from reportlab.platypus import Paragraph

    s = sheet()
    caption = "Table 1. Asylum hearings by court, 2021–2022"
    data = [
        ["Court", "Hearings", "Granted", "Denied", "Grant rate"],
        ["Atlanta", "1,406", "98", "1,308", "7.0%"],
        ["Charlotte", "2,215", "512", "1,703", "23.1%"],
        ["Memphis", "874", "201", "673", "23.0%"],
        ["Total", "4,495", "811", "3,684", "18.0%"],
    ]
    commands = [("LINEABOVE", (0, 0), (-1, 0), 1.2, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.4, "black"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, "black"), ("LINEBELOW", (0, -1), (-1, -1), 1.2, "black"),
                ("FONTNAME", (0, -1), (-1, -1), "Times-Bold"), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    grid = platypus_table(data, commands, font="Times-Roman", bold="Times-Bold", size=10,
                          colWidths=[120, 70, 70, 70, 75])
    doc(path).build([Paragraph(OPENING, s["body"]), Paragraph(caption, s["caption"]), grid,
                     Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data), caption=caption),), body=(OPENING, CLOSING))


def build_section_label_rows(path: Path) -> Expected:
    """Rows that span all columns as section labels (``Northern region``), bold on a grey
    band, between the data rows; 8.5 pt Helvetica, a rule under the header and the table.
    Each label is a row of its own: the label in the first cell, the others empty."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    data = [
        ["Facility", "Beds", "Held on 1 July", "Deaths"],
        ["Northern region", "", "", ""],
        ["Batavia", "650", "512", "0"],
        ["Elizabeth", "300", "288", "1"],
        ["Moshannon", "1,878", "1,402", "2"],
        ["Southern region", "", "", ""],
        ["Folkston", "1,118", "1,090", "0"],
        ["Stewart", "1,752", "1,611", "3"],
        ["Irwin", "1,201", "0", "0"],
    ]
    sections = [1, 5]
    commands: list[tuple[Any, ...]] = [("LINEBELOW", (0, 0), (-1, 0), 0.8, "black"),
                                       ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black"),
                                       ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    for r in sections:
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), "#E4E4E4"),
                     ("FONTNAME", (0, r), (-1, r), "Helvetica-Bold")]
    grid = platypus_table(data, commands, size=8.5, colWidths=[130, 60, 90, 60])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12),
                     Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(OPENING, CLOSING))


def build_three_level_header(path: Path) -> Expected:
    """Canvas drawing in 9 pt Times: ``Fiscal year 2022`` over ``Adults`` and ``Minors``,
    each over ``Held`` and ``Released``; partial rules under the spanning cells, booktabs
    rules above, under the header and under the table; figures right-aligned."""
    c = canvas(path)
    y = draw_prose(c, OPENING, 72, HEIGHT - 80, 468)
    left, right = 72.0, 432.0
    edges = [72.0, 192.0, 252.0, 312.0, 372.0, 432.0]  # column borders; figures end 6 pt inside
    columns = [Column(left)] + [Column(edges[i + 1] - 6, "r") for i in range(1, 5)]
    top = y - 4
    rule(c, left, right, top, 1.0)
    c.setFont("Times-Roman", 9)
    c.drawCentredString((edges[1] + edges[5]) / 2, top - 12, "Fiscal year 2022")
    rule(c, edges[1] + 3, edges[5] - 3, top - 16, 0.4)
    c.drawCentredString((edges[1] + edges[3]) / 2, top - 27, "Adults")
    c.drawCentredString((edges[3] + edges[5]) / 2, top - 27, "Minors")
    rule(c, edges[1] + 3, edges[3] - 3, top - 31, 0.4)
    rule(c, edges[3] + 3, edges[5] - 3, top - 31, 0.4)
    sub = ["Held", "Released", "Held", "Released"]
    draw_cells(c, top - 42, ["Facility", *sub], columns, "Times-Roman", 9)
    rule(c, left, right, top - 47, 0.5)
    body = [
        ["Dilley", "1,120", "1,004", "1,406", "1,390"],
        ["Karnes", "812", "790", "688", "655"],
        ["Berks", "96", "91", "104", "99"],
        ["Homestead", "0", "0", "2,350", "2,301"],
        ["Carrizo Springs", "0", "0", "1,210", "1,188"],
    ]
    baseline = top - 60
    for row in body:
        draw_cells(c, baseline, row, columns, "Times-Roman", 9)
        baseline -= 13
    rule(c, left, right, baseline + 8, 1.0)
    draw_prose(c, CLOSING, 72, baseline - 14, 468)
    c.showPage()
    c.save()
    header = ("Facility", *(f"Fiscal year 2022 / {group} / {s}" for group, s in zip(
        ["Adults", "Adults", "Minors", "Minors"], sub)))
    return Expected((ExpectedTable((header,) + rows_of(body)),), body=(OPENING, CLOSING))


def build_cmidrule_only(path: Path) -> Expected:
    """The only lines on the page are partial rules under the two group headers (LaTeX's
    ``\\cmidrule``), a narrow empty column keeping them apart; centred figures in 8.5 pt."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    data = [
        ["", "Detained", "", "", "Released", ""],
        ["Region", "2020", "2021", "", "2020", "2021"],
        ["Piedmont", "3,410", "2,980", "", "3,102", "2,744"],
        ["Coastal plain", "1,215", "1,388", "", "1,090", "1,301"],
        ["Mountains", "402", "377", "", "388", "360"],
        ["Sandhills", "640", "702", "", "611", "655"],
    ]
    commands = [("SPAN", (1, 0), (2, 0)), ("SPAN", (4, 0), (5, 0)), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("LINEBELOW", (1, 0), (2, 0), 0.5, "black"), ("LINEBELOW", (4, 0), (5, 0), 0.5, "black"),
                ("FONTNAME", (0, 1), (-1, 1), "Helvetica-Bold")]
    grid = platypus_table(data, commands, size=8.5, colWidths=[110, 60, 60, 14, 60, 60])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 6), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    header = ("Region", "Detained / 2020", "Detained / 2021", "Released / 2020", "Released / 2021")
    body = [tuple(cell for i, cell in enumerate(row) if i != 3) for row in data[2:]]
    return Expected((ExpectedTable((header,) + tuple(body)),), body=(OPENING, CLOSING))


INSPECTED = ["Adelanto", "Aurora", "Batavia", "Bluebonnet", "Broward", "Buffalo", "Calhoun", "Cibola", "Conroe",
             "Denver", "Eloy", "Florence", "Glades", "Irwin", "Jena", "Krome", "Laredo", "Limestone", "Moshannon",
             "Otero", "Richwood", "Stewart", "Tacoma", "Torrance", "Winn"]
KINDS = ["Processing Center", "County Jail", "Annex", "Contract Facility", "Staging Center", "Service Center"]


def inspection_rows() -> list[list[str]]:
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    rows = []
    for i in range(130):
        name = f"{INSPECTED[i % len(INSPECTED)]} {KINDS[i // len(INSPECTED)]}"
        rows.append([name, ["TX", "GA", "LA", "AZ", "NY", "CA", "FL"][i % 7], str(1 + (i * 7) % 5),
                     str((i * 13) % 17), f"{months[(i * 5) % 12]} {2018 + (i * 3) % 5}"])
    return rows


def build_three_pages_continued(path: Path) -> Expected:
    """Canvas drawing: a 130-row table over three pages, 8 pt Helvetica, its caption on the
    first page and ``Table 4 (continued)`` over the repeated header on the next two, a rule
    under each header and under the last row, ``Page N`` at the foot of every page."""
    caption = "Table 4: Inspections of detention facilities, 2018–2022"
    header = ["Facility", "State", "Inspections", "Deficiencies", "Last inspection"]
    columns = [Column(72), Column(250), Column(340, "r"), Column(420, "r"), Column(440)]
    rows = inspection_rows()
    c = canvas(path)
    page, index = 1, 0
    y = draw_prose(c, OPENING, 72, HEIGHT - 80, 468)
    while index < len(rows):
        c.setFont("Helvetica-Bold", 9)
        c.drawString(72, y, caption if page == 1 else "Table 4 (continued)")
        y -= 16
        draw_cells(c, y, header, columns, "Helvetica-Bold", 8)
        rule(c, 72, 520, y - 4, 0.6)
        y -= 15
        while index < len(rows) and y > 80:
            draw_cells(c, y, rows[index], columns, "Helvetica", 8)
            y -= 11.5
            index += 1
        if index == len(rows):
            rule(c, 72, 520, y + 7, 0.6)
            draw_prose(c, CLOSING, 72, y - 14, 468)
        c.setFont("Helvetica", 8)
        c.drawCentredString(WIDTH / 2, 40, f"Page {page}")
        c.showPage()
        page += 1
        y = HEIGHT - 72
    c.save()
    return Expected((ExpectedTable(rows_of([header, *rows]), pages=(1, 2, 3), caption=caption),),
                    body=(OPENING, CLOSING), pages=3)


def build_empty_corner(path: Path) -> Expected:
    """A full grid in 10 pt Times whose first header cell is empty (the stub column has no
    heading), the years centred over centred figures, airy padding."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    data = [
        ["", "2019", "2020", "2021", "2022"],
        ["Bond granted", "1,204", "388", "912", "1,377"],
        ["Bond denied", "2,611", "1,090", "1,884", "2,046"],
        ["No bond hearing", "5,930", "3,112", "4,478", "4,905"],
        ["Released on parole", "744", "1,560", "1,031", "822"],
    ]
    commands = [("GRID", (0, 0), (-1, -1), 0.6, "#444444"), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    grid = platypus_table(data, commands, font="Times-Roman", bold="Times-Bold", size=10,
                          colWidths=[130, 64, 64, 64, 64])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(OPENING, CLOSING))


def build_negative_numbers(path: Path) -> Expected:
    """Vera (embedded TrueType), 9 pt: losses in parentheses ``(1,234)``, changes with a
    true minus sign ``−5.2`` (U+2212), figures aligned on the decimal point; booktabs rules."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    font, bold = register_vera()
    data = [
        ["Program", "Budget 2022", "Budget 2023", "Difference", "Change (%)"],
        ["Legal orientation", "12,480", "11,246", "(1,234)", "\u22129.9"],
        ["Detention standards", "3,050", "3,210", "160", "5.2"],
        ["Case management", "28,700", "27,210", "(1,490)", "\u22125.2"],
        ["Alternatives", "440,100", "527,000", "86,900", "19.7"],
        ["Medical care", "315,600", "312,404", "(3,196)", "\u22121.0"],
    ]
    commands = [("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"), ("ALIGN", (1, 0), (-1, 0), "RIGHT"),
                ("ALIGN", (1, 1), (3, -1), "RIGHT"), ("ALIGN", (4, 1), (4, -1), "DECIMAL"),
                ("RIGHTPADDING", (4, 1), (4, -1), 18)]
    grid = platypus_table(data, commands, font=font, bold=bold, size=9, colWidths=[120, 75, 75, 70, 70])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(OPENING, CLOSING))


def build_units_in_header(path: Path) -> Expected:
    """A statistical release in 8 pt Courier: units in the header (``Amount ($m)``,
    ``Share (%)``), dollar and percent signs in the cells, a hairline under every row,
    tight padding."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    data = [
        ["Contractor", "Amount ($m)", "Share (%)", "Per bed ($)", "Change"],
        ["GEO Group", "1,204.5", "38.2", "$142", "+4.1%"],
        ["CoreCivic", "986.0", "31.3", "$138", "+2.7%"],
        ["MTC", "212.8", "6.8", "$121", "-0.4%"],
        ["LaSalle", "188.1", "6.0", "$97", "+11.9%"],
        ["Counties", "556.3", "17.7", "$88", "-3.2%"],
    ]
    commands = [("LINEBELOW", (0, 0), (-1, -1), 0.3, "#666666"), ("LINEABOVE", (0, 0), (-1, 0), 0.3, "#666666"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    grid = platypus_table(data, commands, font="Courier", bold="Courier-Bold", size=8,
                          colWidths=[90, 80, 70, 80, 60])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(OPENING, CLOSING))


def build_text_matrix(path: Path) -> Expected:
    """A policy comparison matrix: three text columns of short phrases that wrap, Times
    9 pt, separated by vertical rules only, with one rule under the header."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    texts = [
        ["Practice", "Harris County", "Travis County", "Dallas County"],
        ["Honours detainers", "Yes, for every charge", "Only for violent felonies", "No, since 2019"],
        ["Notifies the agency of release dates", "Always", "When asked in writing", "Never"],
        ["Lets agents into the jail", "Yes, with a desk in the booking area", "Only with a judicial warrant",
         "No"],
        ["Interview consent form", "None", "Spanish and English", "Seven languages"],
    ]
    cells = [[Paragraph(t, s["headcell"] if r == 0 else s["cell"]) for t in row] for r, row in enumerate(texts)]
    commands = [("LINEAFTER", (0, 0), (2, -1), 0.5, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, "black")]
    grid = platypus_table(cells, commands, colWidths=[130, 115, 115, 110])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(texts)),), body=(OPENING, CLOSING))


def build_blanks_and_dashes(path: Path) -> Expected:
    """No lines, no fills, 10 pt Helvetica: centred columns with cells left blank here and
    there and ``—`` where a facility reported none."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    data = [
        ["Facility", "Medical", "Legal", "Visits", "Deaths"],
        ["Otero", "14", "", "212", "—"],
        ["Torrance", "9", "3", "", "1"],
        ["Cibola", "", "—", "87", "—"],
        ["Eloy", "22", "6", "301", ""],
        ["Florence", "5", "—", "—", "2"],
    ]
    grid = platypus_table(data, [("ALIGN", (1, 0), (-1, -1), "CENTER")], size=10, colWidths=[110, 70, 70, 70, 70])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(OPENING, CLOSING))


def build_side_by_side(path: Path) -> Expected:
    """Canvas drawing: two small tables side by side, each with its ``Table N:`` caption
    above it and a rule above and below its header and under its last row; 8.5 pt."""
    c = canvas(path)
    y = draw_prose(c, OPENING, 72, HEIGHT - 80, 468)
    captions = ["Table 5: Men in custody", "Table 6: Women in custody"]
    tables = [
        [["Age", "Held", "Released"], ["18–24", "1,402", "1,288"], ["25–34", "3,118", "2,870"],
         ["35–49", "2,215", "2,014"], ["50+", "611", "577"]],
        [["Age", "Held", "Released"], ["18–24", "388", "351"], ["25–34", "702", "690"],
         ["35–49", "541", "520"], ["50+", "97", "95"]],
    ]
    for left, caption, rows in zip((72.0, 324.0), captions, tables):
        columns = [Column(left), Column(left + 130, "r"), Column(left + 200, "r")]
        c.setFont("Helvetica-Bold", 9)
        c.drawString(left, y, caption)
        top = y - 8
        rule(c, left, left + 204, top, 0.8)
        draw_cells(c, top - 11, rows[0], columns, "Helvetica-Bold", 8.5)
        rule(c, left, left + 204, top - 15, 0.4)
        baseline = top - 27
        for row in rows[1:]:
            draw_cells(c, baseline, row, columns, "Helvetica", 8.5)
            baseline -= 12
        rule(c, left, left + 204, baseline + 8, 0.8)
    draw_prose(c, CLOSING, 72, baseline - 16, 468)
    c.showPage()
    c.save()
    return Expected(tuple(ExpectedTable(rows_of(rows), caption=caption) for caption, rows in zip(captions, tables)),
                    body=(OPENING, CLOSING))


def build_followed_by_list(path: Path) -> Expected:
    """A filled header band with white text and a hairline under each row, followed with no
    gap by a numbered list of recommendations that must stay text."""
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer

    s = sheet()
    data = [
        ["Judge", "Cases", "Granted", "Rate"],
        ["Judge A", "312", "12", "3.8%"],
        ["Judge B", "288", "141", "49.0%"],
        ["Judge C", "405", "63", "15.6%"],
        ["Judge D", "199", "88", "44.2%"],
    ]
    commands = [("BACKGROUND", (0, 0), (-1, 0), "#5B2C6F"), ("TEXTCOLOR", (0, 0), (-1, 0), "#FFFFFF"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, "#999999"), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    grid = platypus_table(data, commands, size=9.5, colWidths=[120, 70, 70, 70])
    items = ListFlowable([ListItem(Paragraph(item, s["body"])) for item in LIST_ITEMS], bulletType="1",
                         bulletFormat="%s.", leftIndent=18)
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, items, Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(OPENING, *LIST_ITEMS, CLOSING))


RUNNING_HEADER = "Asylum in the Southeast: Hearing Report 2022"


def build_top_of_page(path: Path) -> Expected:
    """The table opens page 2, right under a running header and its rule; 11 pt Times in a
    box with a line under every row. Pages 1 and 3 are prose under the same header."""
    from reportlab.platypus import PageBreak, Paragraph

    s = sheet()
    data = [
        ["Court", "Judges", "Pending cases", "Median wait"],
        ["Atlanta", "8", "31,402", "4.1 years"],
        ["Charlotte", "6", "22,917", "3.6 years"],
        ["Memphis", "5", "18,260", "3.9 years"],
        ["New Orleans", "7", "27,744", "4.4 years"],
        ["Miami", "21", "88,015", "5.0 years"],
    ]
    commands = [("BOX", (0, 0), (-1, -1), 0.8, "black"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, "black"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    grid = platypus_table(data, commands, font="Times-Roman", bold="Times-Bold", size=11,
                          colWidths=[120, 60, 100, 90])

    def header(c: Any, document: Any) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(66, HEIGHT - 46, RUNNING_HEADER)
        c.drawRightString(WIDTH - 66, HEIGHT - 46, str(document.page))
        rule(c, 66, WIDTH - 66, HEIGHT - 52, 0.5)

    first = [Paragraph(p, s["body"]) for p in (OPENING, MIDDLE, LATER, CLOSING)] * 3
    doc(path, topMargin=60).build(first + [PageBreak(), grid, Paragraph(MIDDLE, s["body"]), PageBreak(),
                                           Paragraph(LATER, s["body"])], onFirstPage=header, onLaterPages=header)
    return Expected((ExpectedTable(rows_of(data), pages=(2,)),), body=(OPENING, MIDDLE, LATER, CLOSING), pages=3)


def build_narrow_centred(path: Path) -> Expected:
    """A narrow two-column table set centred, bold header, no rules and no fills, 10 pt:
    a table (see the module docstring)."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    data = [
        ["Country of citizenship", "People held"],
        ["Mexico", "41,210"],
        ["Guatemala", "22,874"],
        ["Honduras", "19,305"],
        ["El Salvador", "8,116"],
        ["India", "3,402"],
        ["Cuba", "2,958"],
    ]
    grid = platypus_table(data, [("ALIGN", (1, 0), (1, -1), "RIGHT")], size=10, h_align="CENTER",
                          colWidths=[140, 80])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(OPENING, CLOSING))


HEADER_NOTE = "Counts people held for more than 72 hours only."


def build_header_footnote(path: Path) -> Expected:
    """A footnote marker on a header cell (``Detained¹``) with its note under a short rule at
    the page bottom; a box around the table and a rule under the header, 9 pt Times."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    texts = [
        ["State", "Detained", "Deported", "Released"],
        ["Georgia", "6,302", "2,777", "3,118"],
        ["Alabama", "1,044", "615", "401"],
        ["South Carolina", "887", "402", "470"],
        ["Tennessee", "1,590", "733", "811"],
    ]
    cells: list[list[Any]] = [[Paragraph(t, s["headcell"]) for t in texts[0]]] + [list(r) for r in texts[1:]]
    cells[0][1] = Paragraph('Detained<super rise="3" size="6">1</super>', s["headcell"])
    commands = [("BOX", (0, 0), (-1, -1), 0.6, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    grid = platypus_table(cells, commands, font="Times-Roman", bold="Times-Bold", size=9,
                          colWidths=[120, 70, 70, 70])

    def note(c: Any, document: Any) -> None:
        rule(c, 66, 200, 96, 0.5)
        text = c.beginText(66, 84)
        text.setFont("Times-Roman", 5)
        text.setRise(3)
        text.textOut("1")
        text.setRise(0)
        text.setFont("Times-Roman", 8)
        text.textOut(" " + HEADER_NOTE)
        c.drawText(text)

    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])],
                    onFirstPage=note)
    return Expected((ExpectedTable(rows_of(texts)),), body=(OPENING, CLOSING), notes=(("1", HEADER_NOTE),))


def build_column_shading(path: Path) -> Expected:
    """Shading on alternate columns only (the second and fourth), no line anywhere,
    9 pt Helvetica."""
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    data = [
        ["Month", "Arrests", "Book-ins", "Removals", "Releases"],
        ["January", "2,114", "1,980", "1,402", "512"],
        ["February", "1,987", "1,870", "1,355", "488"],
        ["March", "2,402", "2,215", "1,611", "570"],
        ["April", "2,290", "2,101", "1,580", "533"],
        ["May", "2,518", "2,330", "1,702", "601"],
    ]
    commands = [("BACKGROUND", (1, 0), (1, -1), "#DCE6F0"), ("BACKGROUND", (3, 0), (3, -1), "#DCE6F0"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    grid = platypus_table(data, commands, size=9, colWidths=[100, 70, 70, 70, 70])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(OPENING, CLOSING))


def build_three_column_page(path: Path) -> Expected:
    """A three-column page of justified 9 pt prose with a 6.5 pt booktabs table inside the
    middle column."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph, Spacer

    s = sheet()
    body = ParagraphStyle("narrow", parent=s["body"], fontSize=9, leading=11.5, alignment=TA_JUSTIFY)
    data = [
        ["Jail", "Beds", "Per diem"],
        ["Irwin", "1,201", "$45"],
        ["Stewart", "1,752", "$62"],
        ["Folkston", "1,118", "$71"],
        ["Baker", "220", "$88"],
    ]
    grid = platypus_table(data, [("LINEABOVE", (0, 0), (-1, 0), 0.8, "black"),
                                 ("LINEBELOW", (0, 0), (-1, 0), 0.4, "black"),
                                 ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black"), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)],
                          size=6.5, colWidths=[60, 44, 44])
    gutter = 14.0
    width = (WIDTH - 108 - 2 * gutter) / 3
    frames = [Frame(54 + i * (width + gutter), 60, width, HEIGHT - 130, id=f"c{i}", leftPadding=0, rightPadding=0)
              for i in range(3)]
    document = BaseDocTemplate(str(path), pagesize=PAGE, invariant=1, pageTemplates=[PageTemplate("three", frames)])
    story: list[Any] = [Paragraph(p, body) for p in THREE_COLUMN_PROSE * 2]
    story += [FrameBreak(), Paragraph(THREE_COLUMN_PROSE[0], body), Spacer(1, 4), grid, Spacer(1, 8)]
    story += [Paragraph(p, body) for p in THREE_COLUMN_PROSE[1:] * 2]
    story += [FrameBreak()] + [Paragraph(p, body) for p in THREE_COLUMN_PROSE * 2]
    document.build(story)
    return Expected((ExpectedTable(rows_of(data)),), body=tuple(THREE_COLUMN_PROSE))


def build_decimal_canvas(path: Path) -> Expected:
    """Canvas drawing in 11 pt Times: figures aligned on their decimal point under centred
    headers, one rule under the header and nothing else; the caption ``Table 2.`` above."""
    c = canvas(path)
    y = draw_prose(c, OPENING, 72, HEIGHT - 80, 468, size=11, leading=14)
    caption = "Table 2. Median days in custody by country of citizenship"
    c.setFont("Times-Bold", 11)
    c.drawString(72, y, caption)
    header = ["Citizenship", "Median days", "Mean days", "Share released"]
    centres = [0.0, 262.0, 352.0, 452.0]
    c.setFont("Times-Bold", 11)
    c.drawString(72, y - 22, header[0])
    for text, x in zip(header[1:], centres[1:]):
        c.drawCentredString(x, y - 22, text)
    rule(c, 72, 500, y - 27, 0.5)
    body = [
        ["Mexico", "12.5", "20.75", "0.31"],
        ["Guatemala", "41.0", "58.2", "0.18"],
        ["Haiti", "104.25", "131.5", "0.09"],
        ["Venezuela", "7.5", "9.25", "0.62"],
        ["India", "88.0", "97.125", "0.22"],
    ]
    columns = [Column(72)] + [Column(x, "d") for x in centres[1:]]
    baseline = y - 42
    for row in body:
        draw_cells(c, baseline, row, columns, "Times-Roman", 11)
        baseline -= 15
    draw_prose(c, CLOSING, 72, baseline - 12, 468, size=11, leading=14)
    c.showPage()
    c.save()
    return Expected((ExpectedTable((tuple(header),) + rows_of(body), caption=caption),), body=(OPENING, CLOSING))


def build_wrapped_row_labels(path: Path) -> Expected:
    """No lines, 9 pt Helvetica, top-aligned rows whose long row labels wrap onto a second
    line below their figures: each label is one cell of one row."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer

    s = sheet()
    label = ParagraphStyle("label", parent=s["cell"], fontName="Helvetica", fontSize=9, leading=10.5)
    texts = [
        ["Reason for detention", "Men", "Women", "Minors"],
        ["Arrested by local police and held on a detainer", "4,102", "611", "38"],
        ["Stopped at a checkpoint", "1,877", "402", "12"],
        ["Reported for a scheduled check-in and taken into custody", "966", "344", "0"],
        ["Transferred from state prison", "2,540", "121", "0"],
        ["Other or not recorded", "305", "88", "7"],
    ]
    cells: list[list[Any]] = [texts[0]] + [[Paragraph(row[0], label), *row[1:]] for row in texts[1:]]
    grid = platypus_table(cells, [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 5)], size=9, colWidths=[170, 60, 60, 60])
    doc(path).build([Paragraph(OPENING, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(CLOSING, s["body"])])
    return Expected((ExpectedTable(rows_of(texts)),), body=(OPENING, CLOSING))


# --- negatives: aligned text a user would not want as a table -------------------------------

FORM = [
    ("Name of facility:", "Stewart Detention Center", "Operator:", "CoreCivic"),
    ("Street address:", "146 CCA Road", "County:", "Stewart"),
    ("City and state:", "Lumpkin, Georgia", "Capacity:", "1,752 beds"),
    ("Date of visit:", "14 March 2022", "Visitors:", "Three"),
    ("Contact person:", "Warden's office", "Telephone:", "229 838 5000"),
]


def build_form(path: Path) -> Expected:
    """A visit form: bold labels ending in a colon and their values, two pairs a line, each
    value on a short rule to write on. A record of one visit, not a table."""
    c = canvas(path)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(72, HEIGHT - 80, "Facility visit record")
    y = draw_prose(c, MIDDLE, 72, HEIGHT - 104, 468)
    for label, value, label2, value2 in FORM:
        c.setFont("Helvetica-Bold", 9)
        c.drawString(72, y, label)
        c.drawString(330, y, label2)
        c.setFont("Helvetica", 9.5)
        c.drawString(160, y, value)
        c.drawString(390, y, value2)
        rule(c, 158, 310, y - 3, 0.3)
        rule(c, 388, 540, y - 3, 0.3)
        y -= 24
    draw_prose(c, LATER, 72, y - 10, 468)
    c.showPage()
    c.save()
    return Expected((), body=(MIDDLE, LATER, *(f"{a} {b}" for a, b, _, _ in FORM)))


SENDER = ["Southeast Hearing Project", "120 Peachtree Street", "Suite 400", "Atlanta, GA 30303"]
RECIPIENT = ["Chief Immigration Judge", "Office of the Chief Judge", "5107 Leesburg Pike", "Falls Church, VA 22041"]
POEM = [
    (0, "They asked my name and wrote it wrong,"),
    (24, "and asked again, and wrote it wrong;"),
    (0, "the room was cold, the day was long,"),
    (24, "and no one there could say how long."),
]


def build_letter(path: Path) -> Expected:
    """A letter: the recipient's address on the left and the sender's on the right on the
    same lines, then a quoted verse with alternate lines indented. Aligned, not a table."""
    c = canvas(path)
    c.setFont("Times-Roman", 11)
    for i, (recipient, sender) in enumerate(zip(RECIPIENT, SENDER)):
        c.drawString(72, HEIGHT - 90 - 14 * i, recipient)
        c.drawString(360, HEIGHT - 90 - 14 * i, sender)
    y = HEIGHT - 170
    c.drawString(72, y, "Dear Chief Judge,")
    y = draw_prose(c, LATER, 72, y - 22, 468, size=11, leading=14)
    for indent, line in POEM:
        c.setFont("Times-Italic", 11)
        c.drawString(108 + indent, y, line)
        y -= 14
    y = draw_prose(c, CLOSING, 72, y - 12, 468, size=11, leading=14)
    c.setFont("Times-Roman", 11)
    c.drawString(360, y - 10, "Yours sincerely,")
    c.showPage()
    c.save()
    return Expected((), body=(LATER, CLOSING, *RECIPIENT, *SENDER))


REFERENCES = [
    ("[1]", "American Immigration Council. Access to Counsel in Immigration Court. Washington, DC, 2016."),
    ("[2]", ("Eagly, Ingrid, and Steven Shafer. A National Study of Access to Counsel in Immigration Court. "
            "University of Pennsylvania Law Review 164, no. 1 (2015): 1 to 91.")),
    ("[3]", ("Human Rights Watch. Code Red: The Fatal Consequences of Dangerously Substandard Medical Care in "
            "Immigration Detention. New York, 2018.")),
    ("[4]", ("Ryo, Emily. Detained: A Study of Immigration Bond Hearings. Law and Society Review 50, no. 1 "
            "(2016): 117 to 153.")),
    ("[5]", ("Transactional Records Access Clearinghouse. Asylum Decisions by Judge, 2017 to 2022. Syracuse "
            "University, 2023.")),
]


def build_bibliography(path: Path) -> Expected:
    """A numbered bibliography in 9.5 pt Times: the labels in a column of their own, each
    entry's lines hanging at the same indent. A list of references, not a table."""
    c = canvas(path)
    c.setFont("Times-Bold", 13)
    c.drawString(72, HEIGHT - 80, "References")
    y = HEIGHT - 104
    for label, entry in REFERENCES:
        c.setFont("Times-Roman", 9.5)
        c.drawString(72, y, label)
        y = draw_prose(c, entry, 100, y, 440, size=9.5, leading=12)
    c.showPage()
    c.save()
    return Expected((), body=tuple(entry for _, entry in REFERENCES))


HELDOUT_STYLES: dict[str, Callable[[Path], Expected]] = {
    "total_row_bold": build_total_row_bold,
    "section_label_rows": build_section_label_rows,
    "three_level_header": build_three_level_header,
    "cmidrule_only": build_cmidrule_only,
    "three_pages_continued": build_three_pages_continued,
    "empty_first_header_cell": build_empty_corner,
    "negative_numbers": build_negative_numbers,
    "units_in_header_courier": build_units_in_header,
    "text_matrix_vertical_rules": build_text_matrix,
    "blanks_and_dashes": build_blanks_and_dashes,
    "side_by_side": build_side_by_side,
    "followed_by_numbered_list": build_followed_by_list,
    "top_of_page_running_header": build_top_of_page,
    "narrow_centred_no_rules": build_narrow_centred,
    "header_footnote_marker": build_header_footnote,
    "alternate_column_shading": build_column_shading,
    "three_column_page": build_three_column_page,
    "decimal_aligned_canvas": build_decimal_canvas,
    "wrapped_row_labels_no_rules": build_wrapped_row_labels,
}
"""Held-out PDFs with tables: each style's builder."""

HELDOUT_NEGATIVES: dict[str, Callable[[Path], Expected]] = {
    "form_label_values": build_form,
    "letter_addresses_verse": build_letter,
    "bibliography_hanging": build_bibliography,
}
"""Held-out PDFs with aligned text that is not a table: each must give none."""
