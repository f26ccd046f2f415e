"""Generated broken text exports whose clean text and footnote rows are known exactly.

Each export is printed from clean blocks by :mod:`tests.export_factory` with one family of
artifacts (glue, hyphens, page breaks, encodings, marker styles); the pipeline must give
back the clean text, the blocks and the footnote rows, and leave every trap alone.
"""

from __future__ import annotations

import csv

import pytest

import pipeline
from pipeline.batch import run_batch
from pipeline.normalize import repair_text
from pipeline.settings import NormalizeSettings

from .export_factory import Heading, Item, Note, Paragraph, Separator, Variant, make_export

# --- the documents -------------------------------------------------------------------

LOWER_ROMAN = [
    Paragraph(
        "This briefing addresses the January 25th White House Executive Order{i} regarding immi{-}gration "
        "enforcement in the interior of the United States and the Department of Homeland Security memo{ii} "
        "operationalizing that order in Hawaii and in every other state. The policies put forward in these two "
        "documents constitute an assault on immigrants and a threat to the safety of all communities."
    ),
    Paragraph(
        "The very premise on which these policies rely is false. Immigrants in fact make us a safer and stronger "
        "nation.{iii} A driver who hailed a taxi counted six patrol cars outside the courthouse that morning."
    ),
    Paragraph(
        "As the Administration vows to pursue a “nationalist” agenda and to “deconstruct”{iv} the rights-respecting "
        "norms of government, a grave responsibility falls to our elected officials and to the courts."
    ),
    Heading("KEY PROVISIONS"),
    Paragraph("This briefing focuses on three particularly dangerous areas of the interior enforcement order:"),
    Item(
        "Throwing away meaningful priorities: the categories are so broad that crimes by non-{/}citizens and "
        "long-term residents are treated alike, and the list includes anyone charged with an offense.{v}",
        label="1)",
    ),
    Item(
        "The mass marketing of 287(g) agreements: Levi Strauss never signed one, but investigation after "
        "investigation{vi} has found 287(g) agreements to result in rampant racial profiling and civil "
        "rights abuses in county after county, year after year, from Maricopa County to Alamance County and "
        "beyond, whatever the sheriff’s office promised in its public statements about the program.",
        label="2)",
    ),
    Heading("REAL LIFE CONSEQUENCES: rampant illegalities and undermining of public safety"),
    Paragraph(
        "These policies will trigger violations of law by local and federal actors under 8 U.S.C. § 1373, "
        "and the states;{vii} will bear the cost of 2017–2018 and of every year after it."
    ),
    Separator(),
    Paragraph("Questions: Contact the policy office at the address on the cover."),
]
LOWER_ROMAN_NOTES = [
    Note("i", "Executive Order 13768 of January 25, 2017."),
    Note("ii", "Memorandum of the Secretary, February 20, 2017."),
    Note("iii", "See the study of crime rates and immigration in large cities."),
    Note("iv", "Remarks at the conference."),
    Note("v", "Memorandum, section A."),
    Note("vi", "Department of Justice findings."),
    Note("vii", "Ibid."),
]

UPPER_ROMAN = [
    Heading("DETENTION STANDARDS"),
    Paragraph(
        "Title VI of the Civil Rights Act forbids discrimination in programs that receive federal money, and "
        "every detention contract that the agency signs is such a program.{I} Since World War II the courts have "
        "read it broadly, and the agency’s own inspectors agree with them on this point.{II}"
    ),
    Paragraph(
        "Nothing in the new policy reflects that reading. The detention standards of 2011 were written after the "
        "deaths of people in custody, and “performance-based”{III} standards were meant to prevent more of them. "
        "They read like a decree of Louis XIV rather than the rules of a modern agency, and the inspectors’ "
        "reports show that nobody enforces them in the facilities that hold most people today."
    ),
    Item("detainees must see a doctor within 24 hours of arrival;{IV}", label="a)", bullet=None),
    Item("no one may be held in isolation for more than fifteen days.", label="b)", bullet=None),
    Paragraph(
        "Congress should require public reports on every facility, every month, and end the contracts of those "
        "that fail two inspections in a row. Title VI gives it the means to do so today."
    ),
]

ARABIC = [
    Paragraph(
        "Local police depend on the trust of the communities they serve. The sheriff’s office in the county spent "
        "$1.5 million on overtime in 2017. Its financial officers counted the cost of every detainer request,{1} and "
        "the conflict with federal agents grew through the COVID-19 emergency and the 287(g) review of "
        "2017–2018, when the café owners on Main Street closed early."
    ),
    Paragraph(
        "The résumé of the program is short. Officers found that detainers{2} were issued without a warrant, and "
        "the “hold”{3} lasted two days on average."
    ),
    Item("no cooperation without a judicial warrant;", label="-"),
    Item("no questions about status at traffic stops.", label="-"),
    Item("Report every request to the county board.{4}", label="1.", bullet=None),
    Item("Publish the figures each quarter.", label="2.", bullet=None),
]
ARABIC_NOTES = [
    Note("1", "County budget report."),
    Note("2", "Records obtained under the public records act."),
    Note("3", "Interview with the public defender."),
    Note("4", "Model ordinance, section 3."),
]

SYMBOLS = [
    Paragraph(
        "Sanctuary policies do not shelter crime: they keep victims and witnesses talking to the police.{*} The "
        "studies agree across cities of every size,{†} and the police chiefs who wrote them “trust”{‡} their own "
        "figures more than any political speech about the subject."
    ),
    Heading("WHAT LOCALITIES CAN DO"),
    Item("limit the information shared with federal agents;", label="(i)", bullet=None),
    Item("refuse detainer requests that lack a warrant.", label="(ii)", bullet=None),
    Paragraph(
        "Such limits are lawful, long-standing and common. They were upheld in court in 2018, and the "
        "rights-respecting cities that adopted them saw no rise in crime in the years that followed them."
    ),
]
SYMBOLS_NOTES = [
    Note("*", "Survey of police chiefs."),
    Note("†", "Meta-analysis of city crime data."),
    Note("‡", "Testimony before the committee."),
]

CP1252 = [
    Paragraph(
        "The “public charge” rule changed in 2019. Families withdrew from programs they were entitled to,{i} and "
        "the clinics’ records show it: visits fell, and the state’s § 12 hearing could not explain why."
    ),
    Paragraph(
        "Doctors saw fewer children that winter.{ii} The rule’s defenders called it “self-sufficiency”,{iii} "
        "but the numbers for 2017–2018 tell another story."
    ),
    Item("Restore the old guidance.", label="1.", bullet=None),
    Item("Fund outreach by trusted messengers.", label="2.", bullet=None),
]
CP1252_NOTES = [
    Note("i", "Survey of clinics, 2019."),
    Note("ii", "Hospital records."),
    Note("iii", "Press release of the agency."),
]

PLAIN = [
    Heading("COURT ACCESS"),
    Paragraph(
        "Arrests at courthouses keep witnesses away.{1} Judges in several states have asked the agency to stop, "
        "and the chief justice wrote that such arrests undermine the courts’ work. The number of immi{-}grants "
        "who skip hearings rose after the arrests began, and the courts have no way to compel them to come "
        "back, as every clerk of court in the state will tell anyone who asks about it. Advocates for "
        "non-{/}citizens call the practice a trap."
    ),
    Item("stay out of courthouses;", label="-"),
    Item("use video hearings where possible.{2}", label="-"),
    Separator(),
    Paragraph("Prepared by the access to justice team."),
]

DOCUMENTS = {
    "seed-like lower roman, endnotes": (LOWER_ROMAN, Variant(lines_per_page=12), LOWER_ROMAN_NOTES),
    "upper roman, UTF-16, double spaces, form feeds, headers and page numbers": (
        UPPER_ROMAN,
        Variant(
            glue="  ", separator="blank", page_break="formfeed", hyphen="\u2010", lines_per_page=8,
            header="Brief on Detention — page {n}", footer="{n}", encoding="utf-16",
        ),
        None,
    ),
    "arabic, NBSP glue, mojibake, ligatures, soft hyphens, zero-width, footers": (
        ARABIC,
        Variant(
            glue="\u00a0", page_break="formfeed", hyphen="-", lines_per_page=7, footer="Page {n} of {total}",
            mojibake=True, ligatures=True, soft_hyphens=True, zero_width=True, seed=3,
        ),
        ARABIC_NOTES,
    ),
    "symbols, thin spaces, lone U+2011, running headers": (
        SYMBOLS,
        Variant(glue="\u2009", hyphen="\u2011", lines_per_page=11, header="Brief on Policing — page {n}"),
        SYMBOLS_NOTES,
    ),
    "cp1252 file, tab glue, mojibake, soft hyphens": (
        CP1252,
        Variant(glue="\t ", page_break="formfeed", hyphen="-", encoding="cp1252", mojibake=True, soft_hyphens=True, seed=1,
                lines_per_page=5),
        CP1252_NOTES,
    ),
    "clean spaces, blank lines, line-end hyphenation, page-number footers": (
        PLAIN,
        Variant(glue="", separator="blank", page_break="formfeed", hyphen="-", lines_per_page=6, footer="- {n} -"),
        None,
    ),
}


@pytest.fixture(scope="module", params=list(DOCUMENTS), ids=list(DOCUMENTS))
def generated(request, tmp_path_factory):
    blocks, variant, notes = DOCUMENTS[request.param]
    export = make_export(blocks, variant, notes)
    path = tmp_path_factory.mktemp("export") / "export.txt"
    path.write_bytes(export.data)
    return export, pipeline.process(path)


def footnote_rows(document):
    return [
        (f.marker, "" if f.page is None else str(f.page), f.block, str(f.offset), f.anchor, f.note)
        for f in document.footnotes
    ]


def test_clean_text_is_exact(generated):
    export, document = generated
    assert document.text == export.text


def test_footnote_rows_are_exact(generated):
    export, document = generated
    assert footnote_rows(document) == export.footnotes


def test_blocks_have_type_label_and_pages(generated):
    export, document = generated
    got = [(b.type, b.label, list(b.pages)) for b in document.blocks]
    want = [(b.type, b.label, b.pages) for b in export.blocks]
    assert got == want


def test_every_document_has_several_pages_and_a_block_across_a_break():
    """Guards the generator: the page-break cases above are really exercised."""
    for name, (blocks, variant, notes) in DOCUMENTS.items():
        export = make_export(blocks, variant, notes)
        assert max(max(b.pages) for b in export.blocks) >= 2, name
        assert any(len(b.pages) == 2 for b in export.blocks), name


def test_every_marker_style_is_covered():
    markers = {row[0] for blocks, variant, notes in DOCUMENTS.values() for row in make_export(blocks, variant, notes).footnotes}
    assert {"i", "iv", "vii", "I", "IV", "1", "4", "*", "†", "‡"} <= markers


# --- single behaviours, one document each ----------------------------------------------


def process_export(tmp_path, blocks, variant=None, notes=None, name="export.txt"):
    export = make_export(blocks, variant or Variant(), notes)
    path = tmp_path / name
    path.write_bytes(export.data)
    return export, pipeline.process(path)


def test_endnotes_are_linked_and_leave_the_body(tmp_path):
    export, document = process_export(tmp_path, LOWER_ROMAN, Variant(lines_per_page=12), LOWER_ROMAN_NOTES)
    assert "Notes" not in document.text.split("\n")
    assert "Executive Order 13768" not in document.text
    assert [f.note for f in document.footnotes] == [note.text for note in LOWER_ROMAN_NOTES]


def test_running_headers_footers_and_page_numbers_are_removed(tmp_path):
    blocks, variant, notes = DOCUMENTS["upper roman, UTF-16, double spaces, form feeds, headers and page numbers"]
    export, document = process_export(tmp_path, blocks, variant, notes)
    assert "Brief on Detention" not in document.text
    assert all(not line.strip().isdigit() for line in document.text.splitlines())
    assert document.stats["headers_footers_removed"] > 0


def test_paragraph_across_a_page_break_is_one_block(tmp_path):
    blocks = [Paragraph(" ".join(["Local police depend on the trust of the communities they serve."] * 12))]
    export, document = process_export(tmp_path, blocks, Variant(page_break="formfeed", lines_per_page=5))
    assert len(document.blocks) == 1
    assert list(document.blocks[0].pages) == export.blocks[0].pages == [1, 2]


@pytest.mark.parametrize(
    ("item", "label", "text"),
    [
        (Item("Throwing away priorities.", label="1)"), "1)", "1) Throwing away priorities."),
        (Item("Throwing away priorities.", label="-"), "-", "- Throwing away priorities."),
        (Item("Throwing away priorities.", label="a)", bullet=None), "a)", "a) Throwing away priorities."),
        (Item("Throwing away priorities.", label="(i)", bullet=None), "(i)", "(i) Throwing away priorities."),
        (Item("Throwing away priorities.", label="1.", bullet=None), "1.", "1. Throwing away priorities."),
        (Item("Throwing away priorities.", label="-", bullet="▪"), "-", "- Throwing away priorities."),
    ],
)
def test_list_items_keep_their_label(tmp_path, item, label, text):
    blocks = [Paragraph("The order does three things:"), item, Paragraph("That is all it does.")]
    _, document = process_export(tmp_path, blocks)
    assert [(b.type, b.label, b.text) for b in document.blocks][1] == ("list_item", label, text)


@pytest.mark.parametrize(
    "heading",
    ["KEY PROVISIONS", "TAKE ACTION", "REAL LIFE CONSEQUENCES: rampant illegalities and undermining of public safety"],
)
def test_headings(tmp_path, heading):
    blocks = [Heading(heading), Paragraph("These policies will trigger rampant violations of law by local and federal actors.")]
    _, document = process_export(tmp_path, blocks)
    assert [(b.type, b.text) for b in document.blocks] == [
        ("heading", heading), ("paragraph", "These policies will trigger rampant violations of law by local and federal actors.")
    ]


@pytest.mark.parametrize("separator", ["***", "* * *"])
def test_separator_lines(tmp_path, separator):
    blocks = [Paragraph("Support localities."), Separator(separator), Paragraph("Questions: contact the office.")]
    _, document = process_export(tmp_path, blocks)
    assert [b.type for b in document.blocks] == ["paragraph", "separator", "paragraph"]
    assert document.blocks[1].text == separator


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings(tmp_path, encoding):
    blocks = [Paragraph("The sheriff’s “public charge” rule, § 1373 and 2017–2018 are kept as printed.{i}")]
    variant = Variant(glue="\t \u00a0" if encoding != "cp1252" else "\t ", hyphen="-", encoding=encoding)
    export, document = process_export(tmp_path, blocks, variant)
    assert document.text == export.text
    assert footnote_rows(document) == export.footnotes


@pytest.mark.parametrize(
    ("template", "clean"),
    [
        ("the immi{-}gration law", "the immigration law"),
        ("crimes by non-{/}citizens are rare", "crimes by non-citizens are rare"),
        ("the long-{/}term effects", "the long-term effects"),
        ("the rights-{/}respecting norms", "the rights-respecting norms"),
        ("during COVID-{/}19 and after", "during COVID-19 and after"),
        ("the enforce{-}ment priorities", "the enforcement priorities"),
    ],
)
def test_line_end_hyphenation(tmp_path, template, clean):
    blocks = [Paragraph(f"We read about {template} in the report.")]
    _, document = process_export(tmp_path, blocks, Variant(hyphen="-"))
    assert document.text == f"We read about {clean} in the report.\n"


def test_batch_writes_the_generated_rows_to_footnotes_csv(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    export = make_export(LOWER_ROMAN, Variant(lines_per_page=12), LOWER_ROMAN_NOTES)
    (raw / "brief.txt").write_bytes(export.data)
    rows, _ = run_batch(raw, tmp_path / "clean")
    assert rows[0]["status"] == "ok", rows[0]
    assert (tmp_path / "clean" / "brief" / "text.txt").read_text(encoding="utf-8") == export.text
    with (tmp_path / "clean" / "brief" / "footnotes.csv").open(encoding="utf-8", newline="") as handle:
        got = [tuple(row) for row in csv.reader(handle)]
    assert got == [("marker", "page", "block", "offset", "anchor", "note")] + export.footnotes


# --- the character repairs, as a table ---------------------------------------------------

REPAIRS = [
    ("Order\t \u00a0regarding", "Order regarding"),
    ("Order  regarding", "Order regarding"),
    ("Order\u00a0regarding", "Order regarding"),
    ("Order\u2009regarding", "Order regarding"),
    ("Order\u202fregarding", "Order regarding"),
    ("rights-\u2010\u2011respecting", "rights-respecting"),
    ("rights\u2010respecting", "rights-respecting"),
    ("rights\u2011respecting", "rights-respecting"),
    ("immi\u00adgration", "immigration"),
    ("non\u200bsense", "nonsense"),
    ("word\u2060joiner", "wordjoiner"),
    ("\ufb01nancial con\ufb02ict", "financial conflict"),
    ("the sheriffâ€™s office", "the sheriff’s office"),
    ("a cafÃ© owner", "a café owner"),
    ("bell\x07ring", "bellring"),
]
UNCHANGED = [
    "long-term", "rights-respecting", "non-citizens", "2017–2018", "a dash — here", "Hawaii", "taxi", "six",
    "Levi", "Title VI", "Louis XIV", "World War II", "in 2017.", "287(g)", "COVID-19", "$1.5",
    "“deconstruct”", "the sheriff’s office", "8 U.S.C. § 1373", "été", "naïve café", "−5 °C", "don't",
]


@pytest.mark.parametrize(("text", "repaired"), REPAIRS)
def test_repairs(text, repaired):
    assert repair_text(text, NormalizeSettings()) == repaired


@pytest.mark.parametrize("text", UNCHANGED)
def test_repairs_leave_clean_text_alone(text):
    assert repair_text(text, NormalizeSettings()) == text


CLEANED = [
    ("rights-\u2010\u2011respecting\t \u00a0norms", "rights-respecting norms\n"),
    ("the Executive Orderi regarding immigration", "the Executive Order regarding immigration\n"),
    ("a safer and stronger nation.i We agree.", "a safer and stronger nation. We agree.\n"),
    ("to “deconstruct”i the norms", "to “deconstruct” the norms\n"),
    ("the states;i and the cities", "the states; and the cities\n"),
    ("the agency’s policyI is new", "the agency’s policy is new\n"),
    ("the detainer requests1 and warrants", "the detainer requests and warrants\n"),
    ("the victims* and witnesses", "the victims and witnesses\n"),
]
SENTENCES_WITH_TRAPS = [
    "We met in Hawaii last year and took a taxi to the six offices Levi named.",
    "Title VI and the reign of Louis XIV and World War II are history.",
    "The county spent $1.5 million in 2017. The 287(g) program ended during COVID-19.",
    "Crimes by non-citizens are rare, the long-term data show, in 2017–2018 as before.",
    "The rights-respecting norms of “good government” are the sheriff’s duty under § 1373.",
    "Hawaii passed the law in 2017. It took effect in 2018.",
    "The vote was six to two; the taxi union, Levi and Title VI advocates agreed.",
]


@pytest.mark.parametrize(("text", "cleaned"), CLEANED)
def test_clean_text_removes_glued_markers(text, cleaned):
    assert pipeline.clean_text(text) == cleaned


@pytest.mark.parametrize("text", SENTENCES_WITH_TRAPS)
def test_clean_text_leaves_traps_alone(text):
    assert pipeline.clean_text(text) == text + "\n"
