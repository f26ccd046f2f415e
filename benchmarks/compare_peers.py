"""The pipeline against its peers, side by side in one run, on the same PDFs.

Peers: pymupdf4llm's ``to_markdown`` (optional: not a project dependency; install it into
the venv with ``.venv/bin/pip install pymupdf4llm`` — version 2.x also pulls in pymupdf 2.x —
or the peer is skipped with a message) and pdfplumber's own ``page.extract_text()`` joined
by newlines. Documents:

1. ``raw/briefing-interior-enforcement-print.pdf``: the seed brief as a PDF (17 superscript
   lower-roman markers, an endnotes page, a running footer and a page number on every
   page); gold text ``../shared/seed/briefing-interior-enforcement.gold.txt``, gold markers
   ``…gold.footnotes.csv``, note texts from ``scripts/make_seed_pdf.py``.
2. Four briefs generated here with reportlab (``tests/pdf_factory.py``), whose truth is known
   by construction: arabic superscript markers with their notes at the page bottom under a
   rule, a running header and a "Page N of M" footer, paragraphs that cross page breaks,
   and a closing two-column page.
3. The real PDFs of ``../shared/corpus/real`` that have a ``*.groundtruth.md`` (word-sequence
   similarity), and three real filings with footnotes (notes left in the body).

Metrics, per tool: markers found, markers linked to their note, notes left in the body,
running header/footer/page-number lines left, paragraphs that cross a page break kept
whole, two-column paragraphs kept whole, glued markers (``Orderi``, ``word1from``), word
error against the clean text, and the corpus similarity. Each table prints as it is measured.

    .venv/bin/python benchmarks/compare_peers.py [--no-corpus]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/pdf_factory.py and scripts/make_seed_pdf.py

import pdfplumber

import pipeline

SEED_PDF = ROOT / "raw" / "briefing-interior-enforcement-print.pdf"
SEED = ROOT.parent / "shared" / "seed"
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
# real filings whose notes sit at the page bottoms (no upstream ground truth for the notes)
FILINGS = ["aclu-ninth-circuit-motion", "fifth-circuit-per-curiam-opinion", "jstor-open-access-white-paper"]

WORD = re.compile(r"\w+")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(HTML_COMMENT.sub(" ", text))]


def similarity(truth: str, text: str) -> float:
    return difflib.SequenceMatcher(None, words(truth), words(text), autojunk=False).ratio()


# --------------------------------------------------------------------------- tools
@dataclass
class Output:
    """What one tool gave for one PDF, in a common form.

    ``text``: the body as plain text, paragraphs separated by blank lines where the tool
    makes paragraphs at all. ``markers``: (marker, anchor word) pairs the tool marked as
    note references. ``links``: marker -> note text the tool tied to it.
    """

    text: str
    markers: list[tuple[str, str]] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)


def run_pipeline(path: Path) -> Output:
    document = pipeline.process(path)
    parts = []
    for block in document.blocks:  # as tests/test_pdf_corpus.py: table cells where their table stands
        if block.type == "table" and block.table is not None:
            parts.append("\n".join(" ".join(row) for row in block.table.rows))
        else:
            parts.append(block.text)
    markers = [(f.marker, (f.anchor or "").lower()) for f in document.footnotes]
    links = {f.marker: f.note for f in document.footnotes if f.note}
    return Output("\n\n".join(parts), markers, links)


def run_pdfplumber(path: Path) -> Output:
    # extract_text has no notion of a note reference: a superscript is just a smaller
    # character on a raised baseline, emitted in line with the word it follows. So it marks
    # no markers and links none; its markers show up under "glued markers" instead.
    with pdfplumber.open(path) as pdf:
        return Output("\n".join(page.extract_text() or "" for page in pdf.pages))


# pymupdf4llm marks a superscript span as <sup>…</sup> (2.x) or ^…^ / bare in older
# versions; a markdown footnote reference [^x] with a definition "[^x]: note" would be a link.
SUP = re.compile(r"<sup>\s*([^<]{1,8}?)\s*</sup>|\^([0-9ivxlcdm*†‡]{1,6})\^")
MD_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\](?!:)")
MD_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.+)$", re.MULTILINE)


def markdown_to_text(md: str) -> str:
    """Strip markdown syntax, keeping the words and the blank lines between paragraphs.

    A <sup> span is removed whole: pymupdf4llm recognised it as raised text, so counting it
    as a glued marker or as a stray word in the word error would be unfair to it.
    """
    text = SUP.sub("", md)
    text = MD_FOOTNOTE_REF.sub("", text)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)  # headings
        line = re.sub(r"^\s*(?:[-*+]|>)\s+", "", line)  # bullets, quotes
        if re.fullmatch(r"\s*(?:\*\s*){3,}|\s*(?:-\s*){3,}|\s*(?:_\s*){3,}", line):
            line = "***"  # a separator stays a separator
        elif re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line) and "-" in line:
            continue  # table rule
        line = line.replace("|", " ")
        line = re.sub(r"(\*\*|__|\*|`)", "", line) if line != "***" else line
        lines.append(line.strip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def load_pymupdf4llm():
    try:
        import pymupdf4llm

        return pymupdf4llm
    except ImportError as error:
        print(
            f"pymupdf4llm is not installed ({error}); skipping that peer. Install it with: .venv/bin/pip install pymupdf4llm",
            file=sys.stderr,
        )
        return None


def make_run_pymupdf4llm(module):
    def run(path: Path) -> Output:
        md = module.to_markdown(str(path), show_progress=False)
        # Markers: every <sup>x</sup> (or ^x^) right after a word counts as a marker found,
        # anchored on the word before it; whether it is a true marker is judged against the
        # ground truth by (marker, anchor). Links: only markdown footnotes "[^x]" with a
        # "[^x]: note" definition count; an endnote list printed as text ("i. Executive
        # Order…") is the note's text, but nothing in the output ties the marker to it.
        markers = []
        for match in SUP.finditer(md):
            marker = (match.group(1) or match.group(2) or "").strip().rstrip(",")
            before = WORD.findall(md[max(0, match.start() - 60) : match.start()])
            if before and md[match.start() - 1 : match.start()].strip():  # glued to a word or punctuation
                markers.append((marker, before[-1].lower()))
        definitions = {m.group(1): m.group(2).strip() for m in MD_FOOTNOTE_DEF.finditer(md)}
        for match in MD_FOOTNOTE_REF.finditer(md):
            before = WORD.findall(md[max(0, match.start() - 60) : match.start()])
            markers.append((match.group(1), before[-1].lower() if before else ""))
        return Output(markdown_to_text(MD_FOOTNOTE_DEF.sub("", md)), markers, definitions)

    return run


# --------------------------------------------------------------------------- ground truth
@dataclass
class Truth:
    name: str
    path: Path
    paragraphs: list[str]  # the clean body, in reading order, without markers or notes
    markers: list[tuple[str, str, str]]  # (marker, anchor, note)
    furniture: list[str]  # running header/footer strings
    crossing: list[int]  # indices of paragraphs that cross a page break
    columns: list[int] = field(default_factory=list)  # paragraphs on the two-column page
    pages: int = 0

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def seed_truth() -> Truth:
    import json

    from scripts.make_seed_pdf import FOOTER, NOTES

    gold = json.loads((SEED / "briefing-interior-enforcement.gold.json").read_text(encoding="utf-8"))
    blocks = gold["blocks"]
    with (SEED / "briefing-interior-enforcement.gold.footnotes.csv").open(encoding="utf-8") as handle:
        markers = [(row["marker"], row["anchor"].lower(), NOTES[row["marker"]]) for row in csv.DictReader(handle)]
    return Truth(
        name="seed brief (print PDF)",
        path=SEED_PDF,
        paragraphs=[block["text"] for block in blocks],
        markers=markers,
        furniture=[FOOTER],
        crossing=[i for i, block in enumerate(blocks) if len(block["pages"]) > 1],
        pages=5,
    )


SENTENCES = [
    "The agency adopted the rule without the notice and comment that the statute requires",
    "Local officials reported that families stopped attending clinics and schools after the announcement",
    "Advocates documented dozens of arrests at courthouses during the first months of the program",
    "The memorandum gives officers broad discretion but offers no guidance on how to exercise it",
    "Several counties ended their agreements after audits found serious violations of civil rights",
    "Funding conditions of this kind have been struck down by courts in every circuit that heard them",
    "Community groups responded by organizing legal clinics and rapid response networks",
    "The data released by the department cover only part of the period and omit key categories",
    "Researchers found no measurable effect on crime rates in the jurisdictions that joined",
    "The cost of detention has risen sharply while the backlog of pending cases keeps growing",
    "Judges have repeatedly questioned whether the detention requests meet constitutional standards",
    "Service providers describe a climate of fear that keeps victims from reporting crimes",
    "Legislators introduced bills that would restore meaningful limits on enforcement priorities",
    "The review panel recommended independent oversight and regular public reporting on outcomes",
    "Many of the people affected have lived in their communities for more than a decade",
    "The policy shifts responsibility to local police without giving them training or resources",
    "Officials could not say how many people were detained on the basis of mistaken identity",
    "Schools and hospitals were long treated as protected areas where enforcement did not take place",
    "The report draws on interviews with attorneys, organizers and affected residents across the region",
    "Transparency about these practices is the first condition of public accountability",
    "Employers in agriculture and construction warned of labor shortages during the harvest season",
    "The appeals board overturned most of the contested decisions on procedural grounds",
    "Faith leaders opened their buildings as shelters and meeting places for anxious families",
    "A coalition of mayors asked the department to publish the criteria it applies in each case",
]
NOTE_SOURCES = [
    "Department memorandum",
    "County audit",
    "Court of appeals decision",
    "State budget office estimate",
    "Survey of service providers",
    "Hearing transcript",
    "Statistics office data release",
    "Letter from mayors",
    "Study by university researchers",
    "Inspector general report",
    "Interview with an attorney",
    "Press release",
]
NOTE_TOPICS = [
    "on enforcement priorities",
    "of the cooperation agreement",
    "on detention requests",
    "on detention costs",
    "on reporting by crime victims",
    "of the judiciary committee",
    "on monthly removals",
    "to the secretary",
    "on crime rates",
    "on courthouse arrests",
    "on sensitive locations",
    "on funding conditions",
]
MONTHS = ["January", "March", "May", "June", "September", "November"]
NOTE_PLACES = [
    "Harris County",
    "Cook County",
    "Maricopa County",
    "Alamance County",
    "King County",
    "Dade County",
    "Travis County",
    "Wayne County",
    "Fulton County",
    "Hennepin County",
    "Essex County",
    "Pima County",
]


def generate_brief(folder: Path, index: int) -> Truth:
    """One generated brief: single-column pages then a two-column page, every page with a
    running header, a "Page N of M" footer and, below a rule, the notes of the markers on it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from tests.pdf_factory import PdfBuilder, Span, bold, sup

    rng = random.Random(1000 + index)
    size, leading = (10.0, 13.0) if index % 2 == 0 else (11.0, 14.0)
    single_pages = 3 + index % 2  # 3 or 4 single-column pages, then one two-column page
    pages = single_pages + 1
    header = ["Policy Brief", "Issue Paper", "Research Note", "Field Report"][
        index % 4
    ] + f" No. {index + 7} · Center for Community Justice"
    body_top, body_bottom, note_rule = 86.0, 640.0, 654.0
    columns_single = [(72.0, 468.0)]
    columns_double = [(72.0, 222.0), (318.0, 222.0)]
    font = "Times-Roman"

    def width(text: str, s: float = size) -> float:
        return stringWidth(text, font, s)

    # paragraphs as word lists; some words carry a marker (never the last word of a line
    # or page, which the layout cannot know yet, so the check below tolerates either)
    paragraphs: list[list[tuple[str, str]]] = []  # (word, marker or "")
    note_counter = 0
    notes: dict[str, str] = {}

    def new_paragraph(with_markers: bool) -> list[tuple[str, str]]:
        nonlocal note_counter
        sentences = rng.sample(SENTENCES, rng.randint(3, 6))
        tokens: list[tuple[str, str]] = []
        marked = set(rng.sample(range(len(sentences)), 1 if with_markers and rng.random() < 0.5 else 0))
        for s_index, sentence in enumerate(sentences):
            ws = (sentence + ".").split()
            for w_index, w in enumerate(ws):
                marker = ""
                if s_index in marked and w_index == len(ws) - 1:
                    note_counter += 1
                    marker = str(note_counter)
                    while True:  # notes are unique in a brief, as in real ones
                        note = f"{rng.choice(NOTE_SOURCES)} {rng.choice(NOTE_TOPICS)}, {rng.choice(NOTE_PLACES)}, {rng.choice(MONTHS)} {rng.randint(2009, 2017)}."
                        if note not in notes.values():
                            break
                    notes[marker] = note
                tokens.append((w, marker))
        return tokens

    # lay out: (page, x, top, [(word, marker)]) lines, paragraph by paragraph
    title = (
        f"{['Enforcement', 'Detention', 'Accountability', 'Community Trust'][index % 4]} at the Local Level: Brief {index + 1}"
    )
    lines: list[tuple[int, float, float, list[tuple[str, str]]]] = []
    para_pages: list[set[int]] = []
    column_paras: list[int] = []
    page, column, top = 1, 0, body_top + 24
    while True:
        two_col = page == pages
        frames = columns_double if two_col else columns_single
        paragraph = new_paragraph(with_markers=not two_col)
        p_index = len(paragraphs)
        paragraphs.append(paragraph)
        para_pages.append(set())
        if two_col:
            column_paras.append(p_index)
        x0, frame_width = frames[column]
        wrapped: list[list[tuple[str, str]]] = [[]]
        for word, marker in paragraph:
            trial = wrapped[-1] + [(word, marker)]
            text = " ".join(w for w, _ in trial) + "  " * sum(1 for _, m in trial if m)
            if wrapped[-1] and width(text) + (18.0 if len(wrapped) == 1 else 0.0) > frame_width:
                wrapped.append([])
            wrapped[-1].append((word, marker))
        if two_col and column == len(frames) - 1 and top + len(wrapped) * leading > body_bottom:
            paragraphs.pop()
            para_pages.pop()
            column_paras.pop()
            break
        room = int((body_bottom - top) // leading) + 1  # lines left on this page
        if not two_col and page < single_pages and room - len(wrapped) in (0, 1):
            paragraphs.pop()  # it would end on the page's last lines: take another, so
            para_pages.pop()  # that every break between single-column pages cuts a paragraph
            note_counter -= sum(1 for _, m in paragraph if m)
            continue
        if not two_col and page == single_pages and top + len(wrapped) * leading > body_bottom + leading:
            paragraphs.pop()  # the last single-column page ends with a whole paragraph,
            para_pages.pop()  # the two-column page starts afresh
            note_counter -= sum(1 for _, m in paragraph if m)
            page, column, top = page + 1, 0, body_top
            continue
        for line_index, tokens in enumerate(wrapped):
            if top > body_bottom:
                column += 1
                if column >= len(frames):
                    page, column = page + 1, 0
                    frames = columns_double if page == pages else columns_single
                x0, frame_width = frames[column]
                top = body_top
            lines.append((page, x0 + (18.0 if line_index == 0 else 0.0), top, tokens))
            para_pages[p_index].add(page)
            top += leading
        top -= leading
        top += leading + 6.0
        if top > body_bottom:
            column += 1
            if column >= len(frames):
                page, column, top = page + 1, 0, body_top
            else:
                top = body_top
        if page > pages:
            break

    path = folder / f"generated-brief-{index + 1}.pdf"
    builder = PdfBuilder(path, title=title)
    marker_anchor: list[tuple[str, str, str]] = []
    for number in range(1, pages + 1):
        builder.line(72, 40, Span(header, size=8.5, font="Times-Italic"))
        builder.rule(72, 540, 48, width=0.3)
        if number == 1:
            builder.line(72, body_top, bold(title, size=14))
        page_markers = []
        for line_page, x, line_top, tokens in lines:
            if line_page != number:
                continue
            spans: list = []
            plain: list[str] = []
            for word, marker in tokens:
                plain.append(word)
                if marker:
                    spans.append(Span(" ".join(plain), size=size))
                    spans.append(sup(marker, size=size * 0.6, rise=size * 0.4))
                    plain = [""]
                    page_markers.append(marker)
                    marker_anchor.append((marker, WORD.findall(word)[-1].lower(), notes[marker]))
            if plain and " ".join(plain).strip():
                spans.append(Span(" ".join(plain), size=size))
            builder.line(x, line_top, *spans)
        if page_markers:
            builder.rule(72, 216, note_rule, width=0.5)
            note_top = note_rule + 12
            for marker in page_markers:
                builder.line(72, note_top, sup(marker, size=5.0, rise=3.0), Span(" " + notes[marker], size=8.0))
                note_top += 10.0
        builder.line(270, 765, Span(f"Page {number} of {pages}", size=9.0))
        if number < pages:
            builder.new_page()
    builder.save()

    texts = [title] + [" ".join(w for w, _ in p) for p in paragraphs]
    return Truth(
        name=f"generated brief {index + 1}",
        path=path,
        paragraphs=texts,
        markers=marker_anchor,
        furniture=[header],
        crossing=[i + 1 for i, p in enumerate(para_pages) if len(p) > 1],
        columns=[i + 1 for i in column_paras],
        pages=pages,
    )


# --------------------------------------------------------------------------- metrics
def paragraphs_of(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def normalized_words(text: str, vocabulary: set[str], markers: set[str]) -> list[str]:
    """Words with markers taken off, so that the paragraph checks measure page breaks and
    columns, not markers (glued markers are counted on their own)."""
    out = []
    for word in words(text):
        if word not in vocabulary:
            if word in markers:
                continue
            for marker in markers:
                if word.endswith(marker) and word[: -len(marker)] in vocabulary:
                    word = word[: -len(marker)]
                    break
        out.append(word)
    return out


def whole_paragraphs(truth: Truth, output: Output, indices: list[int]) -> int:
    """How many of the given gold paragraphs appear unbroken inside one output paragraph
    (pdfplumber makes no paragraphs, so for it this is: its words run on uninterrupted)."""
    vocabulary = set(words(truth.text))
    markers = {m for m, _, _ in truth.markers}
    pieces = [" " + " ".join(normalized_words(p, vocabulary, markers)) + " " for p in paragraphs_of(output.text)]
    count = 0
    for index in indices:
        gold = " " + " ".join(words(truth.paragraphs[index])) + " "
        count += any(gold in piece for piece in pieces)
    return count


def markers_found(truth: Truth, output: Output) -> tuple[int, int]:
    """(true markers found, spurious ones): (marker, anchor) pairs matched as multisets."""
    gold = Counter((m, a) for m, a, _ in truth.markers)
    found = Counter(output.markers)
    hits = sum((gold & found).values())
    return hits, sum(found.values()) - hits


def markers_linked(truth: Truth, output: Output) -> int:
    def key(text: str) -> list[str]:
        return words(text)

    return sum(1 for m, _, note in truth.markers if m in output.links and key(output.links[m]) == key(note))


def notes_in_body(truth_notes: list[str], text: str) -> int:
    """Notes whose first eight words run on in the body text."""
    body = " " + " ".join(words(text)) + " "
    count = 0
    for note in truth_notes:
        head = words(note)[:8]
        count += len(head) >= 4 and (" " + " ".join(head) + " ") in body
    return count


def furniture_left(truth: Truth, text: str) -> int:
    count = sum(text.count(s) for s in truth.furniture)
    count += len(re.findall(r"Page \d+ of \d+", text))
    count += sum(1 for line in text.splitlines() if re.fullmatch(r"\s*\d{1,3}\s*", line))
    return count


def glued_markers(truth: Truth, text: str) -> int:
    """Markers stuck to their word in the text (``Orderi``, ``nation.iii``, ``word1``) or
    to the next one (``Reports1from``)."""
    count = 0
    for marker, anchor, _ in truth.markers:
        pattern = rf"{re.escape(anchor)}[.,;:”\"’)]*{re.escape(marker)}(?![a-z0-9])|{re.escape(anchor)}[.,;:”\"’)]*{re.escape(marker)}[A-Za-z]"
        if marker.isdigit():
            pattern = rf"(?i){re.escape(anchor)}[.,;:”\"’)]*{marker}(?!\d)"
        count += len(re.findall(pattern, text, flags=re.IGNORECASE if not marker.isdigit() else 0))
    return count


def word_error(truth: Truth, text: str) -> float:
    return 1.0 - similarity(truth.text, text)


# --------------------------------------------------------------------------- report
def table(title: str, rows: list[tuple[str, list[str]]], tools: list[str]) -> None:
    print(f"\n{title}")
    width = max(len(name) for name, _ in rows) + 2
    print(" " * width + "".join(f"{tool:>16}" for tool in tools))
    for name, cells in rows:
        print(f"{name:<{width}}" + "".join(f"{cell:>16}" for cell in cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--briefs", type=int, default=4, help="generated briefs (default: 4)")
    parser.add_argument("--no-corpus", action="store_true", help="skip the real PDFs")
    args = parser.parse_args()

    started = time.perf_counter()
    tools = {"pipeline": run_pipeline}
    module = load_pymupdf4llm()
    if module is not None:
        tools["pymupdf4llm"] = make_run_pymupdf4llm(module)
    tools["pdfplumber"] = run_pdfplumber
    names = list(tools)
    timings = Counter()

    def run_all(path: Path) -> dict[str, Output]:
        outputs = {}
        for tool, run in tools.items():
            t0 = time.perf_counter()
            outputs[tool] = run(path)
            timings[tool] += time.perf_counter() - t0
        return outputs

    with tempfile.TemporaryDirectory() as folder:
        truths = [seed_truth()] + [generate_brief(Path(folder), i) for i in range(args.briefs)]
        results = [(truth, run_all(truth.path)) for truth in truths]

    # per-document tables, one per metric
    def per_doc(title: str, cell) -> None:
        rows = [(truth.name, [cell(truth, outputs[tool]) for tool in names]) for truth, outputs in results]
        table(title, rows, names)

    print(
        f"pymupdf4llm {getattr(module, '__version__', '?') if module else 'missing'}, pdfplumber {pdfplumber.__version__}, pipeline {getattr(pipeline, '__version__', '?')}"
    )
    per_doc(
        "markers found of the true ones (+ spurious)",
        lambda t, o: "{}/{} (+{})".format(*markers_found(t, o)[:1], len(t.markers), markers_found(t, o)[1]),
    )
    per_doc("markers linked to their note text", lambda t, o: f"{markers_linked(t, o)}/{len(t.markers)}")
    per_doc("note texts left in the body", lambda t, o: f"{notes_in_body([n for _, _, n in t.markers], o.text)}/{len(t.markers)}")
    per_doc("running header/footer/page-number lines left", lambda t, o: str(furniture_left(t, o.text)))
    per_doc(
        "paragraphs crossing a page break kept whole",
        lambda t, o: f"{whole_paragraphs(t, o, t.crossing)}/{len(t.crossing)}",
    )
    per_doc(
        "two-column-page paragraphs kept whole",
        lambda t, o: f"{whole_paragraphs(t, o, t.columns)}/{len(t.columns)}" if t.columns else "-",
    )
    per_doc("glued markers in the text", lambda t, o: str(glued_markers(t, o.text)))
    per_doc("word error vs the clean text (1 - ratio)", lambda t, o: f"{word_error(t, o.text):.3f}")

    # totals over the seed and the generated briefs
    def total(fn) -> list[str]:
        return [str(sum(fn(t, outputs[tool]) for t, outputs in results)) for tool in names]

    n_markers = sum(len(t.markers) for t, _ in results)
    n_crossing = sum(len(t.crossing) for t, _ in results)
    n_columns = sum(len(t.columns) for t, _ in results)
    rows = [
        (f"markers found (of {n_markers})", total(lambda t, o: markers_found(t, o)[0])),
        ("spurious markers", total(lambda t, o: markers_found(t, o)[1])),
        (f"markers linked (of {n_markers})", total(markers_linked)),
        (f"notes left in body (of {n_markers})", total(lambda t, o: notes_in_body([n for _, _, n in t.markers], o.text))),
        ("furniture lines left", total(lambda t, o: furniture_left(t, o.text))),
        (f"page-crossing paragraphs whole (of {n_crossing})", total(lambda t, o: whole_paragraphs(t, o, t.crossing))),
        (f"two-column paragraphs whole (of {n_columns})", total(lambda t, o: whole_paragraphs(t, o, t.columns))),
        ("glued markers", total(lambda t, o: glued_markers(t, o.text))),
        (
            "mean word error",
            [f"{sum(word_error(t, outputs[tool].text) for t, outputs in results) / len(results):.3f}" for tool in names],
        ),
    ]
    table(f"TOTAL over {len(results)} PDFs ({sum(t.pages for t, _ in results)} pages)", rows, names)

    if not args.no_corpus and CORPUS.is_dir():
        rows = []
        sums = Counter()
        for truth_path in sorted(CORPUS.glob("*.groundtruth.md")):
            name = truth_path.name.removesuffix(".groundtruth.md")
            pdf = CORPUS / f"{name}.pdf"
            if not pdf.exists():
                continue
            truth = truth_path.read_text(encoding="utf-8")
            cells = []
            for tool, run in tools.items():
                t0 = time.perf_counter()
                try:
                    value = similarity(truth, run(pdf).text)
                    sums[tool] += value
                    cells.append(f"{value:.3f}")
                except Exception as error:  # noqa: BLE001 - a peer that fails on a file: say so, go on
                    cells.append(f"failed: {type(error).__name__}"[:15])
                timings[tool] += time.perf_counter() - t0
            rows.append((name, cells))
        rows.append(("mean", [f"{sums[tool] / max(1, len(rows)):.3f}" for tool in names]))
        table("corpus: word-sequence similarity to *.groundtruth.md (upstream tools' output, a yardstick)", rows, names)

        # real filings: notes the pipeline linked (marker + note text), and whether each
        # tool's body text carries those notes' words inline. The note list comes from the
        # pipeline itself (no upstream truth), so the pipeline's own 0 is by construction;
        # what the row shows is how much note text the peers mix into the body.
        rows = []
        for name in FILINGS:
            pdf = CORPUS / f"{name}.pdf"
            if not pdf.exists():
                continue
            outputs = run_all(pdf)
            notes = [note for note in outputs["pipeline"].links.values() if len(words(note)) >= 6]
            cells = [f"{notes_in_body(notes, outputs[tool].text)}/{len(notes)}" for tool in names]
            rows.append((name, cells))
            rows.append(
                (
                    "  markers found / linked",
                    [f"{len(outputs[t].markers)}/{len(outputs[t].links)}" for t in names],
                )
            )
        table("real filings: the pipeline's linked notes (>= 6 words) found inline in each tool's body", rows, names)

    print("\nseconds per tool (all documents):  " + "  ".join(f"{tool} {timings[tool]:.1f}" for tool in names))
    print(f"total {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
