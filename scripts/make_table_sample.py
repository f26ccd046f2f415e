"""Build raw/detainers-by-county-data-brief.pdf, a two-page data brief with a table, with reportlab.

A sample for ``make run`` that shows what the pipeline does with tables: a caption with its
units line, a two-row header (``2019`` and ``2020`` over ``Held | Released``), figures as
printed (``1,204``, ``(3)``, ``12.5%``), a footnote marker raised in a cell with its note
under a rule at the page bottom, and the table going on over the page break with its header
repeated. The figures are invented for the sample; the counties are real names.

Output is deterministic (reportlab ``invariant=1``). Run from the repository root:
``.venv/bin/python scripts/make_table_sample.py``.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "raw" / "detainers-by-county-data-brief.pdf"

INTRO = (
    "Sheriffs in twelve counties answered the clinic's records requests about immigration "
    "detainers. The table below gives, for each county, the people held on a detainer and the "
    "people released without one being honoured, in the two years before and after the state "
    "court's ruling."
)
CONTEXT = [
    "A detainer asks a jail to hold a person for up to two days past the time the person would "
    "otherwise be released, so that federal agents can take custody. It is a request, not a "
    "warrant signed by a judge, and sheriffs have answered it in very different ways.",
    "In 2019 most sheriffs in the state honoured every detainer they received. After the state "
    "court held that a detainer alone gives no authority to keep a person in custody, several "
    "sheriffs changed their written policies, and some stopped holding anyone on a detainer.",
    "The clinic asked each sheriff for the number of detainers received, the number honoured and "
    "the number of people released without a detainer being honoured, for both years. Twelve of "
    "the twenty counties asked answered within the statutory period.",
    "The counts are the sheriffs' own. Where a sheriff corrected a figure after answering, the "
    "corrected figure is given; where a sheriff gave a range, the note under the table says so.",
]
AFTER = (
    "Counties that honoured fewer detainers after the ruling did not see more arrests for "
    "violent offences; the clinic's full report sets out the method and the county letters."
)
NOTE = "Wake County reported the first quarter of 2020 as a range; the table gives its midpoint."

COUNTIES = [
    ("Alamance", "1,204", "311", "988", "402"),
    ("Buncombe", "388", "95", "301", "120"),
    ("Cabarrus", "640", "188", "512", "201"),
    ("Durham", "902", "344", "611", "530"),
    ("Forsyth", "1,017", "402", "866", "415"),
    ("Gaston", "455", "(3)", "398", "12"),
    ("Guilford", "977", "902", "704", "688"),
    ("Johnston", "350", "88", "290", "97"),
    ("Mecklenburg", "2,806", "2,511", "2,116", "1,980"),
    ("Orange", "212", "140", "150", "133"),
    ("Union", "598", "166", "477", "190"),
    ("Wake", "1,690", "1,190", "1,301", "1,255"),
]


def build(path: Path = OUTPUT) -> Path:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=10.5, leading=14, spaceAfter=8)
    title = ParagraphStyle("title", fontName="Times-Bold", fontSize=15, leading=19, spaceAfter=10)
    caption = ParagraphStyle("caption", fontName="Helvetica-Bold", fontSize=9.5, leading=12)
    units = ParagraphStyle("units", fontName="Helvetica-Oblique", fontSize=8.5, leading=11, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)

    header = [["County", "2019", "", "2020", ""], ["", "Held", "Released", "Held", "Released"]]
    rows: list[list[object]] = [list(row) for row in COUNTIES]
    rows[-1][3] = Paragraph('1,301<super rise="3" size="6">1</super>', cell)
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, 1), "Helvetica-Bold"), ("FONTNAME", (0, 2), (-1, -1), "Helvetica"),
        ("FONTSIZE", (0, 0), (-1, -1), 9), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("SPAN", (1, 0), (2, 0)), ("SPAN", (3, 0), (4, 0)), ("SPAN", (0, 0), (0, 1)),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
    ])
    table = Table(header + rows, colWidths=[130, 70, 70, 70, 70], repeatRows=2, style=style)

    def notes(canvas: object, _doc: object) -> None:
        canvas.setLineWidth(0.5)  # type: ignore[attr-defined]
        canvas.line(72, 96, 216, 96)  # type: ignore[attr-defined]
        text = canvas.beginText(72, 84)  # type: ignore[attr-defined]
        text.setFont("Times-Roman", 6)
        text.setRise(3)
        text.textOut("1")
        text.setRise(0)
        text.setFont("Times-Roman", 8)
        text.textOut(" " + NOTE)
        canvas.drawText(text)  # type: ignore[attr-defined]

    document = SimpleDocTemplate(str(path), pagesize=letter, invariant=1, title="Detainers by county",
                                 author="Immigrant Rights Clinic", leftMargin=72, rightMargin=72, topMargin=72,
                                 bottomMargin=250)
    story = [Paragraph("Detainers by county, 2019 and 2020", title), Paragraph(INTRO, body),
             *(Paragraph(text, body) for text in CONTEXT), Spacer(1, 6), Paragraph("Table 1: People held on detainers and released, by county", caption),
             Paragraph("(Number of people)", units), table, Spacer(1, 12), Paragraph(AFTER, body)]
    document.build(story, onLaterPages=notes)
    return path


if __name__ == "__main__":
    print(build())
