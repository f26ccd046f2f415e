"""Table PDFs in the styles real reports use, made with reportlab's platypus, every cell known.

Each builder writes one PDF to the path it is given and returns what a user would expect from
it: the tables (header rows flattened as ``Top / Sub``, numbers as printed, an empty cell as
``""``), their pages and captions, and the phrases of prose that must stay in the body text.
Tables are set the way report generators set them: ``platypus.Table`` with a ``TableStyle``
(full grid, booktabs rules, zebra fills, a filled header with white text, spans, ``repeatRows``)
inside a ``SimpleDocTemplate`` or a two-frame page; canvas drawing only for what platypus
cannot do (a footnote at the page bottom, tab stops, dot leaders).

The builders are plain data: ``STYLES`` (PDFs with tables) and ``NEGATIVES`` (PDFs a user
would not want any table from) map a style's name to its builder; the tests
(``tests/test_table_styles.py``) and the scorer (``benchmarks/score_table_styles.py``) both
read them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGE = (612.0, 792.0)  # US letter, points


@dataclass(frozen=True)
class ExpectedTable:
    """One table as a user would want it: rows of cells, the header (flattened) first."""

    rows: tuple[tuple[str, ...], ...]
    pages: tuple[int, ...] = (1,)
    caption: str | None = None

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max(len(row) for row in self.rows)


@dataclass(frozen=True)
class Expected:
    """What one PDF must give: its tables in reading order, the prose that must stay in the
    body text, the notes printed at page bottoms, and the page count (a check on the builder)."""

    tables: tuple[ExpectedTable, ...]
    body: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    """(marker, note text) of each footnote printed at a page bottom."""
    pages: int = 1


# --- shared pieces --------------------------------------------------------------------------

INTRO = (
    "This section summarises the records that local offices released under the public records "
    "law. Where an office did not answer within the statutory period, it is left out of the "
    "figures, which should be read with that caveat in mind."
)
AFTER = (
    "The figures above are the offices' own counts. They were not audited, and several offices "
    "changed the way they counted people held on a detainer during the period under review."
)
MORE = (
    "Advocates who reviewed the records noted that the share of people released on bond rose "
    "in the second half of the period, after the state court ruled on the practice of holding "
    "people past their release dates."
)


def styles() -> dict[str, Any]:
    """Body, heading and cell paragraph styles, as a report template defines them."""
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    sheet = getSampleStyleSheet()
    return {
        "body": ParagraphStyle("body", parent=sheet["Normal"], fontName="Times-Roman", fontSize=10, leading=13,
                               spaceAfter=8),
        "heading": ParagraphStyle("heading", parent=sheet["Heading2"], fontName="Helvetica-Bold", fontSize=13,
                                  leading=16, spaceAfter=8),
        "cell": ParagraphStyle("cell", parent=sheet["Normal"], fontName="Helvetica", fontSize=9, leading=11),
        "caption": ParagraphStyle("caption", parent=sheet["Normal"], fontName="Helvetica-Bold", fontSize=9.5,
                                  leading=12, spaceAfter=4),
        "source": ParagraphStyle("source", parent=sheet["Normal"], fontName="Helvetica-Oblique", fontSize=8,
                                 leading=10, spaceBefore=4, spaceAfter=10),
    }


def document(path: Path, *, pagesize: tuple[float, float] = PAGE, **kwargs: Any) -> Any:
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=72, rightMargin=72, topMargin=72,
                             bottomMargin=72, invariant=1, title="Detention report", **kwargs)


def table(data: Sequence[Sequence[Any]], commands: Sequence[tuple[Any, ...]], **kwargs: Any) -> Any:
    from reportlab.platypus import Table, TableStyle

    base = [("FONTNAME", (0, 0), (-1, -1), "Helvetica"), ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    return Table([list(row) for row in data], style=TableStyle(base + list(commands)), hAlign="LEFT", **kwargs)


def rows_of(data: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in data)


def right_align_numbers() -> list[tuple[Any, ...]]:
    """Every column but the first right-aligned, header included, as figures are set."""
    return [("ALIGN", (1, 0), (-1, -1), "RIGHT")]


def booktabs_rules() -> list[tuple[Any, ...]]:
    """A heavy rule above the header, a light one under it, a heavy one under the last row."""
    return [("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
            ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black")]


# --- styles ------------------------------------------------------------------------------


def build_full_grid(path: Path) -> Expected:
    """Every border drawn (``GRID``): the easiest case, the one every tool should get."""
    from reportlab.platypus import Paragraph

    s = styles()
    data = [
        ["County", "Detained", "Released", "Transferred"],
        ["Alamance", "412", "388", "24"],
        ["Buncombe", "1,086", "1,002", "84"],
        ["Cabarrus", "97", "90", "7"],
        ["Durham", "2,310", "2,145", "165"],
        ["Forsyth", "655", "601", "54"],
    ]
    grid = table(data, [("GRID", (0, 0), (-1, -1), 0.5, "black")] + right_align_numbers(), colWidths=[110, 80, 80, 80])
    document(path).build([Paragraph("Detention by county", s["heading"]), Paragraph(INTRO, s["body"]), grid,
                          Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=("Detention by county", INTRO, AFTER))


def build_booktabs(path: Path) -> Expected:
    """Only three horizontal rules: above and below the header, below the last row (the
    LaTeX ``booktabs`` look that many think tanks copy); no vertical line at all."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [
        ["Program", "Participants", "Completed", "Rate"],
        ["Legal orientation", "1,240", "1,013", "81.7%"],
        ["Know your rights", "3,502", "2,988", "85.3%"],
        ["Bond assistance", "418", "301", "72.0%"],
        ["Family reunification", "96", "88", "91.7%"],
        ["Court accompaniment", "755", "640", "84.8%"],
    ]
    rules = [("LINEABOVE", (0, 0), (-1, 0), 1.2, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
             ("LINEBELOW", (0, -1), (-1, -1), 1.2, "black")]
    grid = table(data, rules + right_align_numbers(), colWidths=[140, 80, 80, 60])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(INTRO, AFTER))


def build_zebra(path: Path) -> Expected:
    """Alternate rows filled (``ROWBACKGROUNDS``) and no line anywhere: the fills are
    rectangles, so a ruling-line finder sees row boxes but no column borders."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [
        ["State", "Facilities", "Beds", "Avg. stay (days)"],
        ["Texas", "24", "12,460", "38.5"],
        ["Louisiana", "9", "7,215", "44.1"],
        ["California", "7", "6,890", "52.3"],
        ["Georgia", "5", "4,402", "41.0"],
        ["Arizona", "6", "4,118", "36.7"],
        ["New Mexico", "3", "1,940", "29.8"],
    ]
    fills = [("ROWBACKGROUNDS", (0, 1), (-1, -1), ["#FFFFFF", "#E8EEF4"]),
             ("BACKGROUND", (0, 0), (-1, 0), "#C9D6E3")]
    grid = table(data, fills + right_align_numbers(), colWidths=[110, 70, 70, 100])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(INTRO, AFTER))


def build_filled_header(path: Path) -> Expected:
    """A dark header band with white bold text, body rows with no lines, one rule under the
    last row: the house style of many advocacy reports."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [
        ["Agency", "Requests", "Granted", "Denied", "Pending"],
        ["Sheriff", "214", "120", "61", "33"],
        ["Police department", "187", "142", "30", "15"],
        ["County jail", "96", "40", "44", "12"],
        ["State prison", "58", "21", "29", "8"],
        ["Juvenile detention", "23", "19", "2", "2"],
    ]
    band = [("BACKGROUND", (0, 0), (-1, 0), "#1F3A5F"), ("TEXTCOLOR", (0, 0), (-1, 0), "#FFFFFF"),
            ("LINEBELOW", (0, -1), (-1, -1), 0.75, "#1F3A5F")]
    grid = table(data, band + right_align_numbers(), colWidths=[130, 65, 65, 65, 65])
    document(path).build([Paragraph("Records requests", s["heading"]), Paragraph(INTRO, s["body"]), Spacer(1, 6),
                          grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=("Records requests", INTRO, AFTER))


def build_number_formats(path: Path) -> Expected:
    """Right-aligned figures as budgets print them (``1,234``, ``12.5%``, ``(3)``, ``—``,
    ``$4.2m``) and empty cells, with a hairline under every row and no vertical line."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [
        ["Budget line", "FY2020", "FY2021", "Change", "Share"],
        ["Detention operations", "$2.8bn", "$3.1bn", "10.7%", "61.2%"],
        ["Alternatives to detention", "$4.2m", "$3.9m", "($0.3m)", "0.1%"],
        ["Detention beds funded", "34,000", "41,500", "7,500", "—"],
        ["Facilities closed", "5", "2", "(3)", "—"],
        ["Oversight staff", "12", "", "—", ""],
        ["Legal access grants", "1,234", "1,388", "12.5%", "0.0%"],
    ]
    rules = [("LINEBELOW", (0, 0), (-1, -1), 0.25, "#888888"), ("LINEABOVE", (0, 0), (-1, 0), 0.25, "#888888")]
    grid = table(data, rules + right_align_numbers(), colWidths=[150, 65, 65, 65, 55])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(INTRO, AFTER))


def build_wrapped_cells(path: Path) -> Expected:
    """Cells that wrap onto two or three lines (``Paragraph`` in cells), full grid."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    texts = [
        ["Recommendation", "Responsible agency", "Status"],
        ["End the use of county jails for civil immigration detention", "County commissioners", "Not started"],
        ["Publish monthly counts of people held on detainers, by facility and nationality",
         "Sheriff's office and state department of corrections", "Partly done"],
        ["Fund legal representation for everyone facing removal", "State legislature", "Bill introduced"],
        ["Stop transfers to distant facilities without notice to counsel", "Field office director", "Refused"],
    ]
    data = [[Paragraph(cell, s["cell"]) for cell in row] for row in texts]
    grid = table(data, [("GRID", (0, 0), (-1, -1), 0.5, "black")], colWidths=[180, 130, 80])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(texts)),), body=(INTRO, AFTER))


def build_wide_small(path: Path) -> Expected:
    """Ten columns in 7 pt type under a light inner grid and a box: a yearly series."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    years = [str(y) for y in range(2014, 2022)]
    counties = ["Alamance", "Buncombe", "Cabarrus", "Durham", "Forsyth", "Gaston", "Guilford"]
    data = [["County", *years, "Change"]]
    for i, county in enumerate(counties):
        values = [(37 * (i + 3) * (k + 5)) % 2900 + 40 for k in range(8)]
        change = f"{(values[-1] - values[0]) / values[0] * 100:.1f}%"
        data.append([county, *(f"{v:,}" for v in values), change])
    grid = table(data, [("FONTSIZE", (0, 0), (-1, -1), 7), ("INNERGRID", (0, 0), (-1, -1), 0.25, "#999999"),
                        ("BOX", (0, 0), (-1, -1), 0.5, "black")] + right_align_numbers(),
                 colWidths=[62] + [41] * 8 + [46])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(INTRO, AFTER))


def build_spanned_header(path: Path) -> Expected:
    """A two-row header with ``SPAN``: ``Facility`` down both rows, ``Adults`` and ``Minors``
    each across two sub-columns; flattened as ``Adults / Men``."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [
        ["Facility", "Adults", "", "Minors", ""],
        ["", "Men", "Women", "Accompanied", "Unaccompanied"],
        ["Stewart", "1,752", "0", "0", "0"],
        ["Dilley", "0", "1,120", "1,406", "0"],
        ["Karnes", "310", "502", "688", "0"],
        ["Homestead", "0", "0", "0", "2,350"],
    ]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (2, 0)),
                ("SPAN", (3, 0), (4, 0)), ("FONTNAME", (0, 1), (-1, 1), "Helvetica-Bold"),
                ("ALIGN", (1, 0), (-1, 1), "CENTER"), ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
                ("BACKGROUND", (0, 0), (-1, 1), "#DDDDDD")]
    grid = table(data, commands, colWidths=[100, 60, 60, 85, 95])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    rows = [("Facility", "Adults / Men", "Adults / Women", "Minors / Accompanied", "Minors / Unaccompanied")]
    return Expected((ExpectedTable(tuple(rows) + rows_of(data[2:])),), body=(INTRO, AFTER))


FACILITY_PLACES = [
    "Adelanto", "Aurora", "Batavia", "Bluebonnet", "Broward", "Buffalo", "Calhoun", "Cibola", "Conroe", "Denver",
    "Eloy", "Elizabeth", "Florence", "Glades", "Irwin", "Jena", "Krome", "Laredo", "Limestone", "Mesa Verde",
    "Moshannon", "Northwest", "Otay Mesa", "Otero", "Pine Prairie", "Port Isabel", "Richwood", "River Correctional",
    "South Texas", "Stewart", "Tacoma", "Torrance", "Winn", "Yuba", "Adams", "Baker", "Bergen", "Carver",
    "Clinton", "Etowah", "Folkston", "Hudson", "Jackson", "LaSalle", "Nye",
]
STATES = ["CA", "CO", "NY", "TX", "FL", "NY", "LA", "NM", "TX", "CO", "AZ", "NJ", "AZ", "FL", "GA"]


def build_two_pages(path: Path) -> Expected:
    """A long table that runs on to the next page with its header repeated (``repeatRows=1``),
    a filled header and a light full grid, and a page-number footer on each page."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [["Facility", "State", "Operator", "Average daily population"]]
    for i, place in enumerate(FACILITY_PLACES):
        operator = ["GEO Group", "CoreCivic", "County", "LaSalle Corrections", "MTC"][i % 5]
        data.append([place, STATES[i % len(STATES)], operator, f"{(i * 173) % 1900 + 55:,}"])
    grid = table(data, [("GRID", (0, 0), (-1, -1), 0.25, "#777777"), ("BACKGROUND", (0, 0), (-1, 0), "#DDDDDD"),
                        ("ALIGN", (3, 0), (3, -1), "RIGHT")], colWidths=[130, 50, 120, 140], repeatRows=1)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont("Helvetica", 8)
        canvas.drawString(290, 40, f"Page {doc.page}")

    document(path).build([Paragraph("Facilities in use", s["heading"]), Paragraph(INTRO, s["body"]),
                          Paragraph(MORE, s["body"]), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])],
                         onFirstPage=footer, onLaterPages=footer)
    return Expected((ExpectedTable(rows_of(data), pages=(1, 2)),), body=("Facilities in use", INTRO, MORE, AFTER),
                    pages=2)


def build_caption_and_source(path: Path) -> Expected:
    """``Table 3: …`` set above the table, ``Source: …`` in small italics below it, booktabs
    rules; the caption is the table's, the source note stays text."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    caption = "Table 3: Use of detention beds by facility type, 2019–2021"
    source = "Source: agency detention statistics for fiscal years 2019 to 2021, compiled by the authors."
    data = [
        ["Facility type", "2019", "2020", "2021"],
        ["Private contract", "28,402", "19,115", "17,880"],
        ["Service processing", "4,010", "2,760", "2,904"],
        ["Intergovernmental", "16,330", "9,801", "8,677"],
        ["Family residential", "2,415", "1,170", "610"],
    ]
    grid = table(data, booktabs_rules() + right_align_numbers(), colWidths=[140, 70, 70, 70])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 4), Paragraph(caption, s["caption"]), grid,
                          Paragraph(source, s["source"]), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data), caption=caption),), body=(INTRO, source, AFTER))


def build_between_prose(path: Path) -> Expected:
    """Two plain tables (no lines, no fills: platypus's default look) each between paragraphs
    of prose on one page."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    first = [
        ["Court", "Cases", "Represented", "Share"],
        ["Atlanta", "18,220", "2,915", "16.0%"],
        ["Charlotte", "9,480", "2,180", "23.0%"],
        ["Houston", "31,706", "6,024", "19.0%"],
        ["Memphis", "7,112", "1,067", "15.0%"],
    ]
    second = [
        ["Outcome", "With counsel", "Without counsel"],
        ["Relief granted", "1,812", "244"],
        ["Removal ordered", "2,406", "9,771"],
        ["Case closed", "611", "530"],
    ]
    document(path).build([
        Paragraph(INTRO, s["body"]), table(first, right_align_numbers(), colWidths=[110, 70, 80, 60]), Spacer(1, 8),
        Paragraph(MORE, s["body"]), table(second, right_align_numbers(), colWidths=[120, 90, 100]), Spacer(1, 8),
        Paragraph(AFTER, s["body"]),
    ])
    return Expected((ExpectedTable(rows_of(first)), ExpectedTable(rows_of(second))), body=(INTRO, MORE, AFTER))


TWO_COLUMN_PROSE = [
    ("Immigration courts heard more cases this year than in any year before, and the backlog grew in every "
     "state that reported its figures to the office in time for the annual review."),
    ("Counties that answered the request for records said that the numbers were not final, and that several "
     "offices had changed the way they kept their books during the period."),
    ("Most people held on a detainer were released within two days, but a small group were held for weeks "
     "while the agency decided whether to take custody of them."),
    ("The clinics that serve the region report that families now avoid the courthouse even when they are the "
     "victims of crimes, as every clerk of court will tell anyone who asks."),
    ("The state court's ruling left open whether a sheriff may hold a person past the release date on the "
     "strength of an administrative warrant alone."),
    ("Local officials who spoke to the authors said that the agreements were signed with little notice to the "
     "public and were renewed each year without a vote."),
]


def build_two_column_page(path: Path) -> Expected:
    """A two-column page of prose with a small booktabs table inside the left column."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

    s = styles()
    data = [
        ["Month", "Held", "Released"],
        ["January", "142", "131"],
        ["February", "128", "119"],
        ["March", "157", "140"],
        ["April", "133", "127"],
    ]
    grid = table(data, booktabs_rules() + right_align_numbers(), colWidths=[90, 60, 70])
    width = (PAGE[0] - 144 - 18) / 2
    frames = [Frame(72, 72, width, PAGE[1] - 144, id="left", leftPadding=0, rightPadding=0),
              Frame(72 + width + 18, 72, width, PAGE[1] - 144, id="right", leftPadding=0, rightPadding=0)]
    doc = BaseDocTemplate(str(path), pagesize=PAGE, invariant=1, pageTemplates=[PageTemplate("two", frames)])
    story: list[Any] = [Paragraph(p, s["body"]) for p in TWO_COLUMN_PROSE[:2]]
    story += [Spacer(1, 4), grid, Spacer(1, 10)]
    story += [Paragraph(p, s["body"]) for p in TWO_COLUMN_PROSE[2:]] * 3
    doc.build(story)
    return Expected((ExpectedTable(rows_of(data)),), body=tuple(TWO_COLUMN_PROSE))


def build_landscape(path: Path) -> Expected:
    """A landscape page carrying an eight-column table with a filled header and a full grid."""
    from reportlab.lib.pagesizes import landscape
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [
        ["State", "Agreements", "Task force", "Jail model", "Warrant service", "Detainers", "Removals", "Ended"],
        ["Florida", "67", "31", "28", "8", "12,410", "5,233", "0"],
        ["Texas", "58", "12", "40", "6", "21,880", "9,015", "2"],
        ["Georgia", "24", "3", "19", "2", "6,302", "2,777", "1"],
        ["North Carolina", "9", "0", "9", "0", "3,118", "1,402", "4"],
        ["Arizona", "4", "1", "3", "0", "2,990", "1,310", "3"],
    ]
    grid = table(data, [("GRID", (0, 0), (-1, -1), 0.5, "#333333"), ("BACKGROUND", (0, 0), (-1, 0), "#2E5E4E"),
                        ("TEXTCOLOR", (0, 0), (-1, 0), "#FFFFFF")] + right_align_numbers(),
                 colWidths=[100, 75, 75, 75, 95, 75, 75, 55])
    document(path, pagesize=landscape(PAGE)).build([
        Paragraph("Agreements by state", s["heading"]), Paragraph(INTRO, s["body"]), Spacer(1, 6), grid,
        Spacer(1, 10), Paragraph(AFTER, s["body"]),
    ])
    return Expected((ExpectedTable(rows_of(data)),), body=("Agreements by state", INTRO, AFTER))


def build_indented_rows(path: Path) -> Expected:
    """Row labels in the first column with indented sub-rows (``LEFTPADDING``), group rows in
    bold, rules only above and below."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [
        ["Population", "2020", "2021", "Change"],
        ["Held in county jails", "4,210", "3,980", "(230)"],
        ["Men", "3,120", "2,940", "(180)"],
        ["Women", "1,090", "1,040", "(50)"],
        ["Held in private facilities", "9,870", "11,245", "1,375"],
        ["Men", "7,402", "8,310", "908"],
        ["Women", "2,468", "2,935", "467"],
        ["Total", "14,080", "15,225", "1,145"],
    ]
    commands: list[tuple[Any, ...]] = [
        ("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.5, "black"), ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"),
        ("FONTNAME", (0, 1), (-1, 1), "Helvetica-Bold"), ("FONTNAME", (0, 4), (-1, 4), "Helvetica-Bold"),
        ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
    ]
    commands += [("LEFTPADDING", (0, r), (0, r), 18) for r in (2, 3, 5, 6)]
    grid = table(data, commands + right_align_numbers(), colWidths=[160, 70, 70, 70])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(INTRO, AFTER))


NOTE_1 = "Includes people transferred from neighbouring counties."
NOTE_2 = "Estimate: the office reported the last quarter as a range."


def build_footnote_in_cell(path: Path) -> Expected:
    """Superscript markers in cells (``Mecklenburg¹``, ``1,234²``) with their notes under a
    short rule at the page bottom: the cell keeps its text without the marker and the number
    is not changed (``1,2342``); the notes are notes, not body text."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    texts = [
        ["County", "Detained", "Released"],
        ["Mecklenburg", "2,806", "2,511"],
        ["Wake", "1,234", "1,190"],
        ["Guilford", "977", "902"],
        ["Johnston", "388", "350"],
    ]
    cells: list[list[Any]] = [list(row) for row in texts]
    cells[1][0] = Paragraph('Mecklenburg<super rise="3" size="6">1</super>', s["cell"])
    cells[2][1] = Paragraph('1,234<super rise="3" size="6">2</super>', s["cell"])
    grid = table(cells, [("GRID", (0, 0), (-1, -1), 0.5, "black")], colWidths=[120, 80, 80])

    def notes(canvas: Any, doc: Any) -> None:
        canvas.setLineWidth(0.5)
        canvas.line(72, 100, 216, 100)
        for index, (marker, note) in enumerate((("1", NOTE_1), ("2", NOTE_2))):
            text = canvas.beginText(72, 88 - 11 * index)
            text.setFont("Times-Roman", 5)
            text.setRise(3)
            text.textOut(marker)
            text.setRise(0)
            text.setFont("Times-Roman", 8)
            text.textOut(" " + note)
            canvas.drawText(text)

    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])],
                         onFirstPage=notes)
    return Expected((ExpectedTable(rows_of(texts)),), body=(INTRO, AFTER), notes=(("1", NOTE_1), ("2", NOTE_2)))


def build_multiword_header(path: Path) -> Expected:
    """An unruled table (no lines, no fills) whose right-aligned figure columns carry headers of
    several words, wider than the figures under them."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [
        ["Outcome", "With counsel", "Without counsel", "All cases"],
        ["Relief granted", "1,812", "244", "2,056"],
        ["Removal ordered", "2,406", "9,771", "12,177"],
        ["Voluntary departure", "388", "1,025", "1,413"],
        ["Case closed", "611", "530", "1,141"],
    ]
    grid = table(data, right_align_numbers(), colWidths=[130, 90, 100, 80])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(INTRO, AFTER))


def build_wrapped_header(path: Path) -> Expected:
    """Booktabs rules over a header whose cells wrap onto two lines (``Average daily`` over
    ``population``): one header cell each, not two header rows."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    head = ParagraphStyle("head", parent=s["cell"], fontName="Helvetica-Bold", alignment=TA_RIGHT)
    header = ["Field office", "Average daily population", "Released on bond", "Median days held"]
    body = [
        ["Atlanta", "2,915", "412", "41"],
        ["Dallas", "3,480", "655", "37"],
        ["New Orleans", "4,024", "301", "52"],
        ["San Antonio", "2,106", "498", "33"],
        ["Seattle", "1,067", "220", "29"],
    ]
    cells: list[list[Any]] = [[Paragraph(header[0], s["cell"])] + [Paragraph(h, head) for h in header[1:]]] + body
    grid = table(cells, booktabs_rules() + right_align_numbers(), colWidths=[110, 75, 70, 60])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable((tuple(header),) + rows_of(body)),), body=(INTRO, AFTER))


def build_wrapped_cells_row_rules(path: Path) -> Expected:
    """Cells that wrap onto two or three lines, a hairline under each row and no vertical
    line: each wrapped cell is one cell of one row."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    texts = [
        ["Finding", "Evidence", "Counties"],
        ["Detainers were honoured without a judicial warrant", "Jail logs and detainer forms for 2019", "14"],
        ["People were held past their release dates", "Booking records matched to release orders", "9"],
        ["Interpreters were not available at intake for most languages", "Interviews with staff", "21"],
        ["Phone calls to lawyers were charged at commercial rates", "Contracts with the phone vendor", "6"],
    ]
    data = [[Paragraph(cell, s["cell"]) for cell in row] for row in texts]
    rules = [("LINEBELOW", (0, 0), (-1, -1), 0.25, "#777777"), ("LINEABOVE", (0, 0), (-1, 0), 0.75, "black")]
    grid = table(data, rules, colWidths=[170, 150, 60])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 6), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(texts)),), body=(INTRO, AFTER))


def build_key_values(path: Path) -> Expected:
    """A two-column table of key figures (label, value) under booktabs rules with a caption:
    small, but a table a reader would cite."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    caption = "Table 1: Key figures, fiscal year 2021"
    data = [
        ["Measure", "Value"],
        ["People booked into detention", "169,523"],
        ["Average length of stay", "38.5 days"],
        ["Share with no criminal record", "72.4%"],
        ["Detention budget", "$3.1bn"],
        ["Deaths in custody", "5"],
    ]
    grid = table(data, booktabs_rules() + right_align_numbers(), colWidths=[200, 90])
    document(path).build([Paragraph(INTRO, s["body"]), Spacer(1, 4), Paragraph(caption, s["caption"]), grid,
                          Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data), caption=caption),), body=(INTRO, AFTER))


def build_two_pages_row_rules(path: Path) -> Expected:
    """The long table of ``two_pages_repeat_header`` set with a hairline under each row and
    no vertical line, header repeated on the second page."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    data = [["Facility", "State", "Operator", "Average daily population"]]
    for i, place in enumerate(FACILITY_PLACES):
        operator = ["GEO Group", "CoreCivic", "County", "LaSalle Corrections", "MTC"][i % 5]
        data.append([place, STATES[i % len(STATES)], operator, f"{(i * 173) % 1900 + 55:,}"])
    grid = table(data, [("LINEBELOW", (0, 0), (-1, -1), 0.25, "#777777"), ("LINEBELOW", (0, 0), (-1, 0), 1.0, "black"),
                        ("ALIGN", (3, 0), (3, -1), "RIGHT")], colWidths=[130, 50, 120, 140], repeatRows=1)
    document(path).build([Paragraph("Facilities in use", s["heading"]), Paragraph(INTRO, s["body"]),
                          Paragraph(MORE, s["body"]), grid, Spacer(1, 10), Paragraph(AFTER, s["body"])])
    return Expected((ExpectedTable(rows_of(data), pages=(1, 2)),), body=("Facilities in use", INTRO, MORE, AFTER),
                    pages=2)


# --- negatives: pages a user would not want a table from ------------------------------------

BULLETS = [
    ("Detainers", "Ask the sheriff to decline requests that come without a judicial warrant."),
    ("Transparency", "Publish each month how many people were held and for how long."),
    ("Access", "Let lawyers and families visit on the same terms as for any other inmate."),
    ("Oversight", "Give the county's civilian board the power to inspect the jail at any time."),
    ("Budget", "Refuse new federal money for beds until the audit has been published."),
]


def build_tabbed_bullets(path: Path) -> Expected:
    """A bulleted list whose items set a term and its description at tab stops: aligned
    columns on the page, but a list of recommendations, not data. No table; every item stays
    in the body text."""
    from reportlab.pdfgen import canvas as pdf_canvas

    c = pdf_canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(72, PAGE[1] - 80, "What counties can do")
    c.setFont("Times-Roman", 10)
    lines = wrap_words(INTRO, 88)
    for i, line in enumerate(lines):
        c.drawString(72, PAGE[1] - 104 - 13 * i, line)
    top = 160.0
    for term, description in BULLETS:
        c.setFont("Times-Roman", 10)
        c.drawString(80, PAGE[1] - top, "\u2022")
        c.setFont("Times-Bold", 10)
        c.drawString(96, PAGE[1] - top, term)  # first tab stop
        c.setFont("Times-Roman", 10)
        c.drawString(180, PAGE[1] - top, description)  # second tab stop
        top += 18
    c.showPage()
    c.save()
    return Expected((), body=tuple(f"{term} {description}" for term, description in BULLETS))


CONTENTS = [
    ("Summary", "1", 0), ("Background", "3", 0), ("The agreements", "4", 1), ("Detainers", "6", 1),
    ("Findings", "9", 0), ("Length of detention", "10", 1), ("Transfers", "12", 1), ("Access to counsel", "14", 1),
    ("Recommendations", "17", 0), ("Methodology", "19", 0), ("Notes", "21", 0),
]


def build_contents_page(path: Path) -> Expected:
    """A table of contents: entries, dot leaders, right-aligned page numbers, sub-entries
    indented. A TOC is navigation, not a data table: no table, the entries stay text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas as pdf_canvas

    c = pdf_canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, PAGE[1] - 90, "Contents")
    top = 130.0
    right = PAGE[0] - 72
    for title, page, level in CONTENTS:
        font = "Times-Bold" if level == 0 else "Times-Roman"
        x = 72 + 18 * level
        c.setFont(font, 11)
        c.drawString(x, PAGE[1] - top, title)
        start = x + stringWidth(title, font, 11) + 6
        end = right - stringWidth(page, font, 11) - 6
        c.setFont("Times-Roman", 11)
        dot = stringWidth(". ", "Times-Roman", 11)
        count = int((end - start) / dot)
        c.drawString(end - count * dot, PAGE[1] - top, ". " * count)
        c.setFont(font, 11)
        c.drawRightString(right, PAGE[1] - top, page)
        top += 22 if level == 0 else 17
    c.showPage()
    c.save()
    return Expected((), body=tuple(title for title, _, _ in CONTENTS))


def wrap_words(text: str, width: int) -> list[str]:
    """Prose broken at spaces into lines of at most ``width`` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


STYLES: dict[str, Callable[[Path], Expected]] = {
    "full_grid": build_full_grid,
    "booktabs": build_booktabs,
    "zebra_no_lines": build_zebra,
    "filled_header": build_filled_header,
    "number_formats": build_number_formats,
    "wrapped_cells": build_wrapped_cells,
    "wide_small_font": build_wide_small,
    "spanned_header": build_spanned_header,
    "two_pages_repeat_header": build_two_pages,
    "caption_and_source": build_caption_and_source,
    "between_prose": build_between_prose,
    "two_column_page": build_two_column_page,
    "landscape": build_landscape,
    "indented_row_labels": build_indented_rows,
    "footnote_in_cell": build_footnote_in_cell,
    "multiword_header_no_lines": build_multiword_header,
    "wrapped_header_booktabs": build_wrapped_header,
    "wrapped_cells_row_rules": build_wrapped_cells_row_rules,
    "two_column_key_values": build_key_values,
    "two_pages_row_rules": build_two_pages_row_rules,
}
"""PDFs with tables: each style's builder."""

NEGATIVES: dict[str, Callable[[Path], Expected]] = {
    "tabbed_bullets": build_tabbed_bullets,
    "contents_page": build_contents_page,
}
"""PDFs with aligned text that is not a table: each must give none."""
