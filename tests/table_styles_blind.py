"""A BLIND set of table PDFs: built without reading ``pipeline/tables.py``, never tuned on.

:mod:`tests.table_styles` is the set the table code was tuned on and
:mod:`tests.table_styles_heldout` the first held-out set; this third set was written by
someone who had read only the README's promises (the ``### Tables`` section), the
conventions of the other two sets and the scorer, so it measures what a new user meets on
PDFs nobody here has seen. Each builder imitates one kind of published report closely: a
statistical annex with dotted row separators, a budget with indented items, subtotals and
red negatives, a units row under the header, a survey with an ``n =`` row, figures carrying
raised footnote letters, a comparison of check marks, a coloured header band over rows
parted by thin filled rectangles, a timeline with long wrapped events, a table that flows
from one column of the page into the next, a page turned with ``/Rotate 90``, twelve
columns in 6 pt, body cells merged over two rows, a caption and a ``Note:`` below the
table, a ledger with dot leaders, two unlabelled stub columns with a ``Total`` column, and
a plain-text report in Courier.

The conventions of :mod:`tests.table_styles` hold: header rows flattened as ``Top / Sub``;
numbers as printed; an empty cell as ``""``; a group label carried by each row of its group;
a footnote marker left out of its cell. The decisions a user would make here, written down:

- a units row under the header (``(thousands)`` under each column head) is a second header
  row and is flattened into the header: ``Arrivals / (thousands)``; the stub column, with
  no unit, keeps its head alone (``units_row_under_header``);
- a stub column whose group label is printed only on the first row of its group (``Africa``
  over ``Eastern`` and ``Western``) carries that label on every row of the group, as does a
  label merged over two rows of a ruled grid (``empty_header_stub_total``,
  ``merged_body_cells_ruled``);
- a ledger (``Salaries and wages ........ 1,204,500  1,310,200``) with column heads over
  its figures is a table: a reader cites its amounts by line and year. The leader dots are
  typography, not content, and leave the cells. A contents page (one column of page
  numbers, no head) stays text, as in the tuned set (``dot_leader_ledger``);
- the ``n =`` row of a survey is a row of the table, its label as printed (``n =``);
- the dashes and equals signs a plain-text report draws under its header and above its
  total are rules, not rows (``monospace_plain_text``);
- a table that runs from the foot of the left column to the top of the right one, its
  header repeated, is one table with one header (``split_across_columns``);
- a caption set below the table (``Table 7. …``) is the table's caption all the same; the
  ``Note:`` under it stays body text (``caption_below_with_note``).

``BLIND_STYLES`` and ``BLIND_NEGATIVES`` map names to builders exactly as ``STYLES`` and
``NEGATIVES`` do; ``tests/test_table_styles_blind.py`` and ``benchmarks/score_table_styles.py
--set blind`` read them. Do not tune the pipeline on these files: when a style here is
fixed, the set stops being blind for it, and a fresh style should take its place.
"""

from __future__ import annotations

import unittest
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tests.table_styles import PAGE, Expected, ExpectedTable, rows_of
from tests.table_styles_heldout import Column, canvas, draw_cells, draw_prose, rule

WIDTH, HEIGHT = PAGE

# --- prose (new wording: nothing here appears in the other two sets) ------------------------

LEAD = (
    "The statistical office revised its series on international migration this spring, after the "
    "national census of 2020 showed that earlier estimates had counted many seasonal workers twice. "
    "The figures below replace those published in the previous edition of this yearbook."
)
FOLLOW = (
    "Readers comparing these figures with older editions should note that the revision changed the "
    "totals for the smaller countries far more than for the larger ones, where the census and the "
    "registers already agreed."
)
ASIDE = (
    "Survey respondents were reached by telephone and online between the first of May and the end of "
    "June, and the answers were weighted to the population by age, sex, region and education."
)
SOURCE = "Source: national statistical offices; estimates of the regional migration observatory."
NOTE_TEXT = ("Note: Decisions are counted when they become final; appeals still pending at the end of "
             "the year are left out, so totals differ from the monthly bulletins.")

COUNTRIES = ["Albania", "Armenia", "Bolivia", "Cameroon", "Colombia", "Ecuador", "Georgia", "Jordan",
             "Kenya", "Lebanon", "Moldova", "Nepal", "Peru", "Senegal"]


def register_dejavu() -> tuple[str, str]:
    """DejaVu Sans (a system TrueType font with ✓ and ✗, embedded as a subset with its
    ToUnicode map). ZapfDingbats is no substitute: reportlab sets its ✔ and ✘ without a
    ToUnicode map, and every reader gets ``n`` for both, which would test reportlab, not us."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        folder = Path("/usr/share/fonts/truetype/dejavu")
        if not (folder / "DejaVuSans.ttf").exists():
            # pytest reports a unittest.SkipTest as a skip, with this reason
            raise unittest.SkipTest(f"DejaVu Sans not found in {folder}: the check-mark style needs a font with "
                                    "✓ and ✗ (Debian/Ubuntu: apt-get install fonts-dejavu-core)")
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def body_styles() -> dict[str, Any]:
    """A yearbook's template: a Times body at 10 pt, a Helvetica heading and cells."""
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()["Normal"]
    return {
        "body": ParagraphStyle("bbody", parent=base, fontName="Times-Roman", fontSize=10, leading=13.5,
                               spaceAfter=8),
        "heading": ParagraphStyle("bheading", parent=base, fontName="Helvetica-Bold", fontSize=12, leading=15,
                                  spaceAfter=6),
        "caption": ParagraphStyle("bcaption", parent=base, fontName="Helvetica-Bold", fontSize=9, leading=11,
                                  spaceBefore=4, spaceAfter=3),
        "cell": ParagraphStyle("bcell", parent=base, fontName="Helvetica", fontSize=8.5, leading=10.5),
        "boldcell": ParagraphStyle("bboldcell", parent=base, fontName="Helvetica-Bold", fontSize=8.5, leading=10.5),
        "note": ParagraphStyle("bnote", parent=base, fontName="Helvetica", fontSize=7.5, leading=9, spaceAfter=10),
    }


def yearbook(path: Path, **kwargs: Any) -> Any:
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(str(path), pagesize=PAGE, invariant=1, title="Migration yearbook", leftMargin=60,
                             rightMargin=60, topMargin=64, bottomMargin=64, **kwargs)


def grid_table(data: Sequence[Sequence[Any]], commands: Sequence[tuple[Any, ...]], *, font: str = "Helvetica",
               bold: str = "Helvetica-Bold", size: float = 8.5, **kwargs: Any) -> Any:
    from reportlab.platypus import Table, TableStyle

    base = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), size * 1.2), ("FONTNAME", (0, 0), (-1, 0), bold),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]
    return Table([list(row) for row in data], style=TableStyle(base + list(commands)), hAlign="LEFT", **kwargs)


# --- styles ------------------------------------------------------------------------------


def annex_values(i: int) -> list[str]:
    values = []
    for k in range(8):
        if (i * 3 + k) % 17 == 5:
            values.append("..")
            continue
        v = ((i * 37 + k * 11) % 97 - 40) / 10
        values.append(f"{v:.1f}" if v >= 0 else f"-{abs(v):.1f}")
    return values


def build_statistical_annex(path: Path) -> Expected:
    """A UN / World Bank annex table drawn on the canvas: ``Table A3.`` caption, a stub of 14
    countries and eight year columns in 7 pt Helvetica, ``..`` for data not available, a
    solid rule above and below the header and under the last row, and dotted (dashed) rules
    between the body rows."""
    c = canvas(path)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, HEIGHT - 70, "Statistical annex")
    y = draw_prose(c, LEAD, 60, HEIGHT - 92, 492)
    caption = "Table A3. Net migration rate per 1,000 population, 2015–2022"
    c.setFont("Helvetica-Bold", 8)
    c.drawString(60, y, caption)
    years = [str(year) for year in range(2015, 2023)]
    columns = [Column(60)] + [Column(220 + 44 * k, "r") for k in range(8)]
    top = y - 8
    rule(c, 60, 552, top, 0.8)
    draw_cells(c, top - 9, ["Country or area", *years], columns, "Helvetica-Bold", 7)
    rule(c, 60, 552, top - 13, 0.5)
    data = [["Country or area", *years]]
    row_y = top - 23
    for i, country in enumerate(COUNTRIES):
        row = [country, *annex_values(i)]
        data.append(row)
        draw_cells(c, row_y, row, columns, "Helvetica", 7)
        if i < len(COUNTRIES) - 1:
            c.saveState()
            c.setDash(1, 1.5)
            c.setStrokeColorRGB(0.45, 0.45, 0.45)
            rule(c, 60, 552, row_y - 3.5, 0.3)
            c.restoreState()
        row_y -= 11
    rule(c, 60, 552, row_y + 7.5, 0.8)
    c.setFont("Helvetica-Oblique", 7)
    c.drawString(60, row_y - 4, SOURCE)
    draw_prose(c, FOLLOW, 60, row_y - 28, 492)
    c.showPage()
    c.save()
    return Expected((ExpectedTable(rows_of(data), caption=caption),), body=("Statistical annex", LEAD, SOURCE, FOLLOW))


def build_budget_subtotals(path: Path) -> Expected:
    """A municipal budget: items indented under their heads, bold subtotal rows with a rule
    above their figures, a double-weight total, negative variances printed in red
    parentheses; no vertical rule, 8.5 pt."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    data = [
        ["Line item", "2022 actual", "2023 budget", "Variance"],
        ["Salaries and wages", "4,812,300", "5,104,000", "291,700"],
        ["Employee benefits", "1,402,650", "1,388,100", "(14,550)"],
        ["Overtime", "318,900", "250,000", "(68,900)"],
        ["Personnel subtotal", "6,533,850", "6,742,100", "208,250"],
        ["Rent and leases", "612,000", "640,800", "28,800"],
        ["Utilities", "188,420", "171,000", "(17,420)"],
        ["Travel", "54,310", "62,500", "8,190"],
        ["Operations subtotal", "854,730", "874,300", "19,570"],
        ["Total expenditure", "7,388,580", "7,616,400", "227,820"],
    ]
    commands: list[tuple[Any, ...]] = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, "black"), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEABOVE", (1, 4), (-1, 4), 0.4, "black"), ("LINEABOVE", (1, 8), (-1, 8), 0.4, "black"),
        ("LINEABOVE", (0, 9), (-1, 9), 0.8, "black"), ("LINEBELOW", (0, 9), (-1, 9), 1.6, "black"),
        ("FONTNAME", (0, 4), (-1, 4), "Helvetica-Bold"), ("FONTNAME", (0, 8), (-1, 8), "Helvetica-Bold"),
        ("FONTNAME", (0, 9), (-1, 9), "Helvetica-Bold"),
    ]
    commands += [("LEFTPADDING", (0, r), (0, r), 16) for r in (1, 2, 3, 5, 6, 7)]
    commands += [("TEXTCOLOR", (3, r), (3, r), "#C00000") for r, row in enumerate(data) if row[3].startswith("(")]
    grid = grid_table(data, commands, colWidths=[170, 85, 85, 80])
    yearbook(path).build([Paragraph("Budget summary", s["heading"]), Paragraph(LEAD, s["body"]), Spacer(1, 4),
                          grid, Spacer(1, 12), Paragraph(FOLLOW, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=("Budget summary", LEAD, FOLLOW))


def build_units_row(path: Path) -> Expected:
    """A units row under the header, ``(thousands)`` in italics under every figure column
    (the parentheses of a unit, not of a negative), rules above the header, under the
    units row and under the last row; flattened as ``Arrivals / (thousands)``."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    header = ["Region", "Arrivals", "Departures", "Net flow", "Residents"]
    units = ["", "(thousands)", "(thousands)", "(thousands)", "(thousands)"]
    body = [
        ["Andean", "412.5", "380.2", "32.3", "6,204.1"],
        ["Caribbean", "98.0", "141.6", "-43.6", "2,877.4"],
        ["Central", "233.9", "190.3", "43.6", "4,410.0"],
        ["Southern Cone", "511.2", "402.7", "108.5", "9,126.8"],
        ["Northern", "77.4", "80.1", "-2.7", "1,015.3"],
    ]
    commands = [("LINEABOVE", (0, 0), (-1, 0), 0.9, "black"), ("LINEBELOW", (0, 1), (-1, 1), 0.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.9, "black"), ("FONTNAME", (0, 1), (-1, 1), "Helvetica-Oblique"),
                ("FONTSIZE", (0, 1), (-1, 1), 7.5), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    grid = grid_table([header, units, *body], commands, colWidths=[110, 80, 80, 80, 80])
    yearbook(path).build([Paragraph(LEAD, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(FOLLOW, s["body"])])
    flat = tuple(f"{head} / {unit}" if unit else head for head, unit in zip(header, units))
    return Expected((ExpectedTable((flat,) + rows_of(body)),), body=(LEAD, FOLLOW))


def build_survey_percentages(path: Path) -> Expected:
    """A survey topline (Pew style): statements down the side, groups of respondents across,
    percentages, and an ``n =`` row of unweighted counts under a thin rule; statements in
    wrapped Paragraphs, 8.5 pt, no vertical rule."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    header = ["% who agree that…", "All adults", "Men", "Women", "Ages 18–29", "Ages 65+"]
    body = [
        ["Immigrants strengthen the country through their work and talents", "58%", "55%", "61%", "71%", "44%"],
        ["The asylum system needs major changes", "67%", "69%", "65%", "59%", "74%"],
        ["Border security should be the top priority", "41%", "45%", "37%", "29%", "56%"],
        ["Undocumented residents should be able to stay legally", "62%", "58%", "66%", "70%", "51%"],
        ["n =", "2,011", "986", "1,025", "402", "511"],
    ]
    cells: list[list[Any]] = [[Paragraph(h, s["boldcell"]) for h in header]]
    cells += [[Paragraph(row[0], s["cell"]), *row[1:]] for row in body]
    commands = [("LINEBELOW", (0, 0), (-1, 0), 0.8, "#333333"), ("LINEABOVE", (0, -1), (-1, -1), 0.3, "#999999"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("TOPPADDING", (0, 1), (-1, -1), 5),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Oblique")]
    grid = grid_table(cells, commands, colWidths=[180, 55, 50, 50, 55, 55])
    yearbook(path).build([Paragraph("What the public thinks", s["heading"]), Paragraph(ASIDE, s["body"]),
                          Spacer(1, 4), grid, Spacer(1, 12), Paragraph(FOLLOW, s["body"])])
    return Expected((ExpectedTable((tuple(header),) + rows_of(body)),), body=("What the public thinks", ASIDE, FOLLOW))


NOTE_A = "Provisional figure, to be revised when the second quarter is reconciled."
NOTE_B = "Includes people resettled under the humanitarian visa programme."


def build_footnote_letters(path: Path) -> Expected:
    """Figures followed by raised footnote letters (``14,870ᵃ``, ``3,406ᵇ``), a box around
    the table and a rule under its header, 9 pt; the notes ``a`` and ``b`` are set under a
    short rule at the page bottom. The cells keep their figures without the letters."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    texts = [
        ["Country of origin", "Applications", "Granted", "Refused"],
        ["Afghanistan", "14,870", "9,102", "2,415"],
        ["Eritrea", "3,406", "2,988", "201"],
        ["Syria", "11,233", "8,776", "1,040"],
        ["Venezuela", "6,512", "1,930", "3,004"],
    ]
    cells: list[list[Any]] = [list(row) for row in texts]
    cells[1][1] = Paragraph('14,870<super rise="3" size="5.5">a</super>', s["cell"])
    cells[2][2] = Paragraph('2,988<super rise="3" size="5.5">b</super>', s["cell"])
    commands = [("BOX", (0, 0), (-1, -1), 0.6, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
                ("FONTSIZE", (0, 0), (-1, -1), 9)]
    grid = grid_table(cells, commands, colWidths=[130, 80, 80, 80])

    def notes(c: Any, _: Any) -> None:
        rule(c, 60, 200, 100, 0.5)
        for index, (marker, note) in enumerate((("a", NOTE_A), ("b", NOTE_B))):
            text = c.beginText(60, 88 - 10 * index)
            text.setFont("Helvetica", 5)
            text.setRise(3)
            text.textOut(marker)
            text.setRise(0)
            text.setFont("Helvetica", 7.5)
            text.textOut(" " + note)
            c.drawText(text)

    yearbook(path).build([Paragraph(LEAD, s["body"]), Spacer(1, 4), grid, Spacer(1, 12),
                          Paragraph(FOLLOW, s["body"])], onFirstPage=notes)
    return Expected((ExpectedTable(rows_of(texts)),), body=(LEAD, FOLLOW), notes=(("a", NOTE_A), ("b", NOTE_B)))


def build_check_marks(path: Path) -> Expected:
    """A comparison of safeguards by level of government: ✓ and ✗ (DejaVu Sans, embedded)
    centred in a light inner grid under a grey header, one cell of words (``Partial``)."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    font, bold = register_dejavu()
    yes, no = "\u2713", "\u2717"
    texts = [
        ["Safeguard", "Federal", "State", "County", "City"],
        ["Right to a lawyer at the first hearing", no, yes, yes, yes],
        ["Interpreter at intake", yes, yes, no, yes],
        ["Judicial warrant required", no, yes, "Partial", yes],
        ["Independent inspection", yes, no, no, yes],
        ["Published detention data", yes, yes, no, no],
    ]
    commands = [("INNERGRID", (0, 0), (-1, -1), 0.25, "#AAAAAA"), ("BOX", (0, 0), (-1, -1), 0.5, "#666666"),
                ("BACKGROUND", (0, 0), (-1, 0), "#D9D9D9"), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("FONTSIZE", (0, 0), (-1, -1), 9)]
    grid = grid_table(texts, commands, font=font, bold=bold, colWidths=[180, 60, 60, 60, 60])
    yearbook(path).build([Paragraph("Safeguards compared", s["heading"]), Paragraph(LEAD, s["body"]), Spacer(1, 4),
                          grid, Spacer(1, 12), Paragraph(FOLLOW, s["body"])])
    return Expected((ExpectedTable(rows_of(texts)),), body=("Safeguards compared", LEAD, FOLLOW))


def build_band_and_bars(path: Path) -> Expected:
    """Canvas drawing: the header in a teal band with white bold text, body rows parted only
    by white space, and a thin filled grey rectangle (not a stroked line) under every second
    row; 9 pt Helvetica, figures right-aligned."""
    c = canvas(path)
    y = draw_prose(c, LEAD, 60, HEIGHT - 80, 492)
    data = [
        ["Field office", "Cases received", "Decided", "Backlog", "Median wait"],
        ["Baltimore", "8,204", "6,977", "14,310", "412 days"],
        ["Chicago", "12,880", "10,046", "22,715", "388 days"],
        ["Denver", "5,117", "4,902", "7,608", "301 days"],
        ["Miami", "19,402", "15,230", "41,877", "517 days"],
        ["Newark", "10,955", "8,123", "19,046", "455 days"],
        ["Phoenix", "6,730", "6,512", "8,044", "266 days"],
        ["Seattle", "4,018", "3,866", "5,512", "240 days"],
    ]
    columns = [Column(68), Column(270, "r"), Column(345, "r"), Column(425, "r"), Column(540, "r")]
    top = y - 4
    c.setFillColorRGB(0.0, 0.42, 0.45)
    c.rect(60, top - 20, 492, 20, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    draw_cells(c, top - 13.5, data[0], columns, "Helvetica-Bold", 9)
    c.setFillColorRGB(0, 0, 0)
    row_y = top - 36
    for i, row in enumerate(data[1:]):
        draw_cells(c, row_y, row, columns, "Helvetica", 9)
        if i % 2 == 1:
            c.setFillColorRGB(0.72, 0.72, 0.72)
            c.rect(60, row_y - 6, 492, 0.8, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        row_y -= 19
    draw_prose(c, FOLLOW, 60, row_y - 14, 492)
    c.showPage()
    c.save()
    return Expected((ExpectedTable(rows_of(data)),), body=(LEAD, FOLLOW))


TIMELINE = [
    ["Date", "Event"],
    ["14 January 2021", ("The new administration suspends removals for one hundred days and orders a review of "
                         "enforcement priorities, to be completed by the end of April.")],
    ["26 January 2021", ("A federal district court in Texas blocks the suspension nationwide, finding that the "
                         "agency did not explain why it departed from the earlier policy.")],
    ["30 September 2021", ("New guidelines take effect: officers must weigh the length of residence, family ties "
                           "and any service in the armed forces before arresting anyone.")],
    ["10 June 2022", ("The appeals court leaves the guidelines in force while the case proceeds, and the agency "
                      "publishes its first quarterly report under them.")],
    ["23 June 2023", ("The Supreme Court rules that the states lacked standing to challenge the guidelines, "
                      "ending the litigation.")],
]


def build_timeline(path: Path) -> Expected:
    """A chronology: bold dates on the left, long events wrapping onto two and three lines on
    the right, no rule but one under the header, generous space between entries."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    cells = [[Paragraph(TIMELINE[0][0], s["boldcell"]), Paragraph(TIMELINE[0][1], s["boldcell"])]]
    cells += [[Paragraph(date, s["boldcell"]), Paragraph(event, s["cell"])] for date, event in TIMELINE[1:]]
    commands = [("LINEBELOW", (0, 0), (-1, 0), 0.6, "#555555"), ("BOTTOMPADDING", (0, 1), (-1, -1), 9)]
    grid = grid_table(cells, commands, colWidths=[100, 300])
    yearbook(path).build([Paragraph("Chronology", s["heading"]), Paragraph(LEAD, s["body"]), Spacer(1, 4), grid,
                          Spacer(1, 12), Paragraph(FOLLOW, s["body"])])
    return Expected((ExpectedTable(rows_of(TIMELINE)),), body=("Chronology", LEAD, FOLLOW))


COLUMN_PROSE = [
    ("Border regions recorded the sharpest changes. In the north, the closure of two crossings for most of the "
     "year pushed traffic towards the coastal route, where waiting times doubled."),
    ("Seasonal work remained the main reason for short stays, as in every year since the series began, although "
     "the share of stays for study rose for the third year running."),
    ("Regional offices reported their figures each month. Where an office missed a month, the observatory "
     "carried the previous figure forward and marked it as an estimate in the database."),
    ("The observatory will publish the detailed tables by district in the autumn, together with the revised "
     "figures for the two years before the census."),
]


def build_split_across_columns(path: Path) -> Expected:
    """A two-column page where a 20-row booktabs table starts near the foot of the left
    column and goes on at the top of the right column, its header repeated there
    (``repeatRows=1``): one table, one header."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

    s = body_styles()
    data = [["District", "Arrivals", "Departures"]]
    districts = ["Alder", "Birchwood", "Cedar Falls", "Dunmore", "Eastgate", "Fairview", "Glenrock", "Harbour",
                 "Ironbridge", "Juniper", "Kingsmoor", "Lakeside", "Millbrook", "Northfield", "Oakridge",
                 "Pinehurst", "Queensbury", "Riverside", "Stonebridge", "Thornton"]
    for i, district in enumerate(districts):
        data.append([district, f"{(i * 613) % 4000 + 210:,}", f"{(i * 389) % 3100 + 150:,}"])
    rules = [("LINEABOVE", (0, 0), (-1, 0), 0.9, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
             ("LINEBELOW", (0, -1), (-1, -1), 0.9, "black"), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    grid = grid_table(data, rules, colWidths=[95, 65, 70], repeatRows=1)
    width = (WIDTH - 120 - 20) / 2
    frames = [Frame(60, 64, width, HEIGHT - 128, id="left", leftPadding=0, rightPadding=0),
              Frame(60 + width + 20, 64, width, HEIGHT - 128, id="right", leftPadding=0, rightPadding=0)]
    template = BaseDocTemplate(str(path), pagesize=PAGE, invariant=1, pageTemplates=[PageTemplate("two", frames)])
    story: list[Any] = [Paragraph(p, s["body"]) for p in (LEAD, ASIDE, FOLLOW, *COLUMN_PROSE[:3])]
    story += [Spacer(1, 4), grid, Spacer(1, 10), Paragraph(COLUMN_PROSE[3], s["body"])]
    template.build(story)
    return Expected((ExpectedTable(rows_of(data)),), body=(LEAD, ASIDE, FOLLOW, *COLUMN_PROSE))


def build_rotated_page(path: Path) -> Expected:
    """A portrait page whose ``/Rotate 90`` turns it to landscape in the viewer, its content
    drawn turned (as landscape tables are bound into portrait reports): a heading, prose,
    and a nine-column full-grid table under a grey header."""
    from reportlab.pdfgen import canvas as pdf_canvas
    from reportlab.platypus import Paragraph

    s = body_styles()
    # reportlab swaps the media box of a page turned by 90 degrees: asking for a landscape
    # size gives a portrait /MediaBox [0 0 612 792] carrying /Rotate 90
    c = pdf_canvas.Canvas(str(path), pagesize=(HEIGHT, WIDTH), invariant=1)
    c.setPageRotation(90)
    c.translate(WIDTH, 0)
    c.rotate(90)  # x runs up the portrait page: left to right once the viewer turns it
    land_w, land_h = HEIGHT, WIDTH
    heading = Paragraph("Residence permits issued, by reason", s["heading"])
    heading.wrapOn(c, land_w - 120, 40)
    heading.drawOn(c, 60, land_h - 70)
    lead = Paragraph(LEAD, s["body"])
    _, lead_h = lead.wrapOn(c, land_w - 120, 200)
    lead.drawOn(c, 60, land_h - 82 - lead_h)
    data = [
        ["Reason", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022"],
        ["Family", "41,204", "43,918", "45,002", "47,310", "48,877", "31,406", "39,915", "50,228"],
        ["Work", "28,113", "30,240", "33,871", "36,002", "39,514", "22,860", "35,190", "44,701"],
        ["Study", "19,880", "20,415", "21,930", "22,418", "23,006", "12,345", "18,770", "24,512"],
        ["Protection", "12,406", "25,771", "18,302", "14,990", "13,285", "9,870", "11,402", "15,877"],
        ["Other", "6,210", "6,045", "5,980", "6,330", "6,512", "4,101", "5,244", "6,007"],
    ]
    grid = grid_table(data, [("GRID", (0, 0), (-1, -1), 0.5, "#444444"), ("BACKGROUND", (0, 0), (-1, 0), "#DDDDDD"),
                             ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("FONTSIZE", (0, 0), (-1, -1), 9)],
                      colWidths=[110] + [64] * 8)
    _, grid_h = grid.wrapOn(c, land_w - 120, 300)
    top = land_h - 82 - lead_h - 16
    grid.drawOn(c, 60, top - grid_h)
    after = Paragraph(FOLLOW, s["body"])
    _, after_h = after.wrapOn(c, land_w - 120, 200)
    after.drawOn(c, 60, top - grid_h - 16 - after_h)
    c.showPage()
    c.save()
    return Expected((ExpectedTable(rows_of(data)),), body=("Residence permits issued, by reason", LEAD, FOLLOW))


def build_wide_six_point(path: Path) -> Expected:
    """Twelve columns in 6 pt Helvetica (a district, ten years and a total), booktabs rules,
    tight padding, years centred over right-aligned figures."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    years = [str(year) for year in range(2013, 2023)]
    districts = ["Alder", "Birchwood", "Cedar Falls", "Dunmore", "Eastgate", "Fairview", "Glenrock", "Harbour"]
    data = [["District", *years, "Total"]]
    for i, district in enumerate(districts):
        values = [(53 * (i + 2) * (k + 3)) % 8800 + 120 for k in range(10)]
        data.append([district, *(f"{v:,}" for v in values), f"{sum(values):,}"])
    commands = [("FONTSIZE", (0, 0), (-1, -1), 6), ("LEADING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.4, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black"), ("ALIGN", (1, 0), (-1, 0), "CENTER"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    grid = grid_table(data, commands, colWidths=[52] + [36] * 10 + [42])
    yearbook(path).build([Paragraph(LEAD, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(FOLLOW, s["body"])])
    return Expected((ExpectedTable(rows_of(data)),), body=(LEAD, FOLLOW))


def build_merged_body_cells(path: Path) -> Expected:
    """A full grid whose stub cells are merged over two rows (``SPAN``), the label centred
    vertically beside its years; each row of the group carries the label."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    data = [
        ["Route", "Year", "Crossings", "Deaths", "Rescued"],
        ["Central Mediterranean", "2021", "67,040", "1,553", "32,407"],
        ["", "2022", "105,131", "1,417", "41,230"],
        ["Western Mediterranean", "2021", "18,466", "324", "6,101"],
        ["", "2022", "14,582", "280", "5,877"],
        ["Eastern Mediterranean", "2021", "20,373", "111", "9,042"],
        ["", "2022", "42,831", "378", "12,114"],
    ]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    commands += [("SPAN", (0, r), (0, r + 1)) for r in (1, 3, 5)]
    grid = grid_table(data, commands, size=9, colWidths=[140, 50, 75, 65, 70])
    yearbook(path).build([Paragraph(LEAD, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(FOLLOW, s["body"])])
    carried = [list(row) for row in data]
    for r in (2, 4, 6):
        carried[r][0] = carried[r - 1][0]
    return Expected((ExpectedTable(rows_of(carried)),), body=(LEAD, FOLLOW))


def build_caption_below(path: Path) -> Expected:
    """The caption set BELOW the table (``Table 7. …``, as many journals and government
    reports do), then a ``Note:`` paragraph in small type; rules above and below the table
    and under its header, 8.5 pt."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    caption = "Table 7. Asylum decisions by nationality, 2022"
    data = [
        ["Nationality", "Decisions", "Refugee status", "Subsidiary protection", "Rejected"],
        ["Afghan", "41,230", "22,106", "10,877", "8,247"],
        ["Iraqi", "12,904", "2,315", "1,802", "8,787"],
        ["Pakistani", "9,418", "402", "188", "8,828"],
        ["Syrian", "58,770", "38,115", "17,340", "3,315"],
        ["Turkish", "15,326", "4,870", "260", "10,196"],
    ]
    commands = [("LINEABOVE", (0, 0), (-1, 0), 0.8, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.4, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black"), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    grid = grid_table(data, commands, colWidths=[90, 70, 90, 120, 70])
    yearbook(path).build([Paragraph(LEAD, s["body"]), Spacer(1, 6), grid, Paragraph(caption, s["caption"]),
                          Paragraph(NOTE_TEXT, s["note"]), Paragraph(FOLLOW, s["body"])])
    return Expected((ExpectedTable(rows_of(data), caption=caption),), body=(LEAD, NOTE_TEXT, FOLLOW))


LEDGER = [
    ("Salaries and wages", "1,204,500", "1,310,200"),
    ("Pension contributions", "188,320", "201,775"),
    ("Office rent", "96,000", "99,840"),
    ("Interpretation services", "74,615", "88,090"),
    ("Travel and subsistence", "21,408", "19,950"),
    ("Printing and publications", "8,730", "6,115"),
    ("Audit fees", "12,000", "12,600"),
]


def build_dot_leader_ledger(path: Path) -> Expected:
    """A statement of expenditure in 10 pt Times: each item's label followed by dot leaders
    up to two right-aligned amount columns headed ``2022`` and ``2023``, a short rule over
    each amount column above the bold total. A table (see the module docstring)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c = canvas(path)
    c.setFont("Times-Bold", 13)
    c.drawString(72, HEIGHT - 80, "Statement of expenditure")
    y = draw_prose(c, LEAD, 72, HEIGHT - 102, 468)
    first, second = 430.0, 530.0
    c.setFont("Times-Bold", 10)
    c.drawString(72, y - 4, "Expenditure")
    c.drawRightString(first, y - 4, "2022")
    c.drawRightString(second, y - 4, "2023")
    row_y = y - 24
    dot = stringWidth(" .", "Times-Roman", 10)
    total = ("Total expenditure", "1,605,573", "1,738,570")
    for label, a, b in LEDGER:
        c.setFont("Times-Roman", 10)
        c.drawString(72, row_y, label)
        start = 72 + stringWidth(label, "Times-Roman", 10) + 4
        end = first - stringWidth("0,000,000", "Times-Roman", 10) - 6
        c.drawString(start, row_y, " ." * int((end - start) / dot))
        c.drawRightString(first, row_y, a)
        c.drawRightString(second, row_y, b)
        row_y -= 15
    rule(c, first - 55, first, row_y + 10, 0.5)
    rule(c, second - 55, second, row_y + 10, 0.5)
    c.setFont("Times-Bold", 10)
    c.drawString(72, row_y - 2, total[0])
    c.drawRightString(first, row_y - 2, total[1])
    c.drawRightString(second, row_y - 2, total[2])
    draw_prose(c, FOLLOW, 72, row_y - 32, 468)
    c.showPage()
    c.save()
    rows = (("Expenditure", "2022", "2023"), *LEDGER, total)
    return Expected((ExpectedTable(tuple(rows)),), body=("Statement of expenditure", LEAD, FOLLOW))


def build_empty_header_stub_total(path: Path) -> Expected:
    """Two stub columns (region, sub-region) with empty header cells over them, the region
    printed only on the first row of its group, and a bold ``Total`` column last; booktabs
    rules, 9 pt Times."""
    from reportlab.platypus import Paragraph, Spacer

    s = body_styles()
    data = [
        ["", "", "Men", "Women", "Children", "Total"],
        ["Africa", "Eastern", "1,204", "1,377", "2,018", "4,599"],
        ["", "Western", "988", "1,102", "1,460", "3,550"],
        ["", "Northern", "640", "512", "377", "1,529"],
        ["Asia", "Southern", "2,310", "2,006", "2,790", "7,106"],
        ["", "Western", "1,877", "1,640", "2,215", "5,732"],
        ["Americas", "Central", "702", "811", "930", "2,443"],
        ["", "South", "415", "466", "508", "1,389"],
    ]
    commands = [("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("FONTNAME", (-1, 0), (-1, -1), "Times-Bold"), ("LINEABOVE", (0, 4), (-1, 4), 0.25, "#999999"),
                ("LINEABOVE", (0, 6), (-1, 6), 0.25, "#999999")]
    grid = grid_table(data, commands, font="Times-Roman", bold="Times-Bold", size=9,
                      colWidths=[70, 70, 60, 60, 60, 60])
    yearbook(path).build([Paragraph(LEAD, s["body"]), Spacer(1, 4), grid, Spacer(1, 12), Paragraph(FOLLOW, s["body"])])
    carried = [list(row) for row in data]
    for r in range(2, len(carried)):
        if not carried[r][0]:
            carried[r][0] = carried[r - 1][0]
    return Expected((ExpectedTable(rows_of(carried)),), body=(LEAD, FOLLOW))


def build_monospace_report(path: Path) -> Expected:
    """A plain-text report printed to PDF: 9 pt Courier, each line one string padded with
    spaces, an upper-case title, dashes under the header and equals signs above the total
    (characters, not strokes)."""
    c = canvas(path)
    c.setFont("Courier", 9)
    header = ("OFFICE", "RECEIVED", "COMPLETED", "PENDING", "AVG DAYS")
    body = [
        ("ALBANY", "1,204", "1,088", "116", "41"),
        ("BUFFALO", "877", "802", "75", "38"),
        ("HARTFORD", "2,316", "2,004", "312", "57"),
        ("NEWARK", "5,940", "4,877", "1,063", "88"),
        ("PHILADELPHIA", "4,412", "3,906", "506", "63"),
        ("PITTSBURGH", "698", "661", "37", "29"),
    ]
    total = ("TOTAL", "15,447", "13,338", "2,109", "59")

    def line(cells: Sequence[str]) -> str:
        return cells[0].ljust(14) + "".join(cell.rjust(11) for cell in cells[1:])

    lines = ["QUARTERLY SUMMARY OF CASES BY OFFICE", "PERIOD: 01/01/2023 - 03/31/2023", "", line(header),
             "-" * 12 + "  " + "  ".join("-" * 9 for _ in range(4)), *(line(row) for row in body),
             "=" * 58, line(total), "", "END OF REPORT"]
    for i, text in enumerate(lines):
        c.drawString(72, HEIGHT - 80 - 11 * i, text)
    draw_prose(c, FOLLOW, 72, HEIGHT - 80 - 11 * len(lines) - 20, 468)
    c.showPage()
    c.save()
    return Expected((ExpectedTable((header, *body, total)),),
                    body=("QUARTERLY SUMMARY OF CASES BY OFFICE", "END OF REPORT", FOLLOW))


# --- negatives ----------------------------------------------------------------------------

NEWSLETTER = [
    ("The spring clinic in the market town drew more families than ever before. Volunteers from three law "
     "schools met people in the library, the parish hall and, on the busiest day, the car park."),
    ("Many of those who came had received letters they could not read. Some were notices of hearings "
     "months away; others asked for documents within ten days, and those came first."),
    ("The clinic's interpreters worked in eleven languages over the weekend, with two more available by "
     "telephone from the university's language centre in the city."),
    ("Next year the clinic hopes to open a second site in the valley, where the nearest lawyer who takes "
     "immigration cases is a two-hour drive away."),
    ("Donations of laptops and printers would help most; the clinic prints every form it files, and the "
     "library's printer broke on the first morning."),
]
QUOTES = ["\u201cI had carried that letter in my bag for a month.\u201d",
          "\u201cTwo hours with a volunteer did what a year of worry could not.\u201d"]


def build_newsletter(path: Path) -> Expected:
    """A two-column newsletter: a masthead, justified prose in both columns, and two pull
    quotes in large italics between rules set inside the columns. Text, not a table."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
    from reportlab.platypus.flowables import HRFlowable

    s = body_styles()
    justified = s["body"].clone("just", alignment=TA_JUSTIFY)
    quote = s["body"].clone("quote", fontName="Times-Italic", fontSize=15, leading=19, alignment=TA_CENTER,
                            spaceBefore=4, spaceAfter=4, textColor="#1F4E79")
    width = (WIDTH - 120 - 24) / 2
    frames = [Frame(60, 64, width, HEIGHT - 190, id="left", leftPadding=0, rightPadding=0),
              Frame(60 + width + 24, 64, width, HEIGHT - 190, id="right", leftPadding=0, rightPadding=0)]

    def masthead(c: Any, _: Any) -> None:
        c.setFont("Helvetica-Bold", 22)
        c.drawString(60, HEIGHT - 90, "Clinic News")
        c.setFont("Helvetica", 9)
        c.drawString(60, HEIGHT - 106, "Spring 2023 \u00b7 Issue 14")
        rule(c, 60, WIDTH - 60, HEIGHT - 114, 1.5)

    template = BaseDocTemplate(str(path), pagesize=PAGE, invariant=1,
                               pageTemplates=[PageTemplate("news", frames, onPage=masthead)])
    story: list[Any] = [Paragraph(NEWSLETTER[0], justified), Paragraph(NEWSLETTER[1], justified),
                        HRFlowable(width="100%", thickness=1, color="#1F4E79"), Paragraph(QUOTES[0], quote),
                        HRFlowable(width="100%", thickness=1, color="#1F4E79"), Paragraph(NEWSLETTER[2], justified),
                        Paragraph(NEWSLETTER[3], justified), HRFlowable(width="100%", thickness=1, color="#1F4E79"),
                        Paragraph(QUOTES[1], quote), HRFlowable(width="100%", thickness=1, color="#1F4E79"),
                        Paragraph(NEWSLETTER[4], justified)]
    story += [Paragraph(p, justified) for p in COLUMN_PROSE] * 2
    template.build(story)
    return Expected((), body=(*NEWSLETTER, *QUOTES, "Clinic News"))


RESOLUTION = [
    ("Welcomes the report of the Special Rapporteur on the human rights of migrants and the recommendations "
     "contained therein;"),
    "Calls upon all States to ensure that detention of migrants is used only as a measure of last resort;",
    ("Requests States to provide migrants in detention with access to legal counsel, interpreters and "
     "consular assistance without delay, and to inform them of these rights in a language they understand;"),
    "Encourages States to develop alternatives to detention, in particular for children and families;",
    ("Urges States to collect and publish disaggregated data on migrants in detention, including the length "
     "of detention and the reasons for it;"),
    "Invites the Special Rapporteur to report on the implementation of the present resolution;",
    ("Decides to continue its consideration of the question at its next session under the item on the "
     "promotion and protection of human rights;"),
    "Decides to remain seized of the matter.",
]


def build_numbered_paragraphs(path: Path) -> Expected:
    """Operative paragraphs of a resolution: numbers ``1.`` to ``8.`` right-aligned in a
    hanging column, each paragraph's lines aligned at the same indent, the first word in
    italics as the UN sets it. Text, not a table."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c = canvas(path)
    c.setFont("Times-Bold", 12)
    c.drawString(90, HEIGHT - 80, "The Human Rights Council,")
    y = HEIGHT - 106
    for number, paragraph in enumerate(RESOLUTION, start=1):
        c.setFont("Times-Roman", 10.5)
        c.drawRightString(100, y, f"{number}.")
        first, rest = paragraph.split(" ", 1)
        c.setFont("Times-Italic", 10.5)
        c.drawString(108, y, first)
        offset = stringWidth(first + " ", "Times-Italic", 10.5)
        words = rest.split()
        line, x0, lines = "", 108 + offset, []
        for word in words:
            candidate = f"{line} {word}".strip()
            if line and stringWidth(candidate, "Times-Roman", 10.5) > 540 - x0:
                lines.append((x0, line))
                line, x0 = word, 108
            else:
                line = candidate
        lines.append((x0, line))
        c.setFont("Times-Roman", 10.5)
        for x, text in lines:
            c.drawString(x, y, text)
            y -= 13.5
        y -= 7
    c.showPage()
    c.save()
    return Expected((), body=tuple(RESOLUTION))


BLIND_STYLES: dict[str, Callable[[Path], Expected]] = {
    "statistical_annex_dotted": build_statistical_annex,
    "budget_subtotals_red_parens": build_budget_subtotals,
    "units_row_under_header": build_units_row,
    "survey_percentages_n_row": build_survey_percentages,
    "footnote_letters_raised": build_footnote_letters,
    "check_marks_comparison": build_check_marks,
    "band_header_rect_rules": build_band_and_bars,
    "timeline_wrapped_events": build_timeline,
    "split_across_columns": build_split_across_columns,
    "rotated_page": build_rotated_page,
    "wide_6pt_twelve_columns": build_wide_six_point,
    "merged_body_cells_ruled": build_merged_body_cells,
    "caption_below_with_note": build_caption_below,
    "dot_leader_ledger": build_dot_leader_ledger,
    "empty_header_stub_total": build_empty_header_stub_total,
    "monospace_plain_text": build_monospace_report,
}
"""Blind PDFs with tables: each style's builder."""

BLIND_NEGATIVES: dict[str, Callable[[Path], Expected]] = {
    "newsletter_pull_quotes": build_newsletter,
    "numbered_paragraphs_hanging": build_numbered_paragraphs,
}
"""Blind PDFs with aligned text that is not a table: each must give none."""
