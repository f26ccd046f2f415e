"""Build raw/briefing-interior-enforcement-print.pdf from the hand-made gold, with reportlab.

The seed briefing exists only as a broken text export; this script typesets its gold
(../shared/seed/briefing-interior-enforcement.gold.json) as the PDF it came from, so the
PDF reader has a document whose every block, marker and page is known:

* body paragraphs, ALL-CAPS headings in bold and larger, list items printed ``• 1) …``
  with a hanging indent, a ``***`` separator;
* the 17 footnote markers as real superscripts (smaller type, raised baseline) right after
  the character at each gold offset, in lower-case roman;
* page breaks where the gold says a block starts on a new page; a block the gold shows on
  two pages is broken across the page after half of its lines;
* an "Endnotes" page listing ``i. …`` to ``xvii. …`` (short generic citations written for
  this seed, not the original's notes);
* a running footer and a page number on every page.

Output is deterministic (reportlab ``invariant=1``, fixed date string): rerunning gives the
same bytes. Run from the repository root: ``.venv/bin/python scripts/make_seed_pdf.py``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / ".." / "shared" / "seed" / "briefing-interior-enforcement.gold.json"
OUTPUT = ROOT / "raw" / "briefing-interior-enforcement-print.pdf"

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0
LEFT, RIGHT = 72.0, 540.0
TOP, BOTTOM = 72.0, 700.0  # baselines of the first and last body line
BODY, LEADING, HEADING = 10.0, 13.0, 12.5
MARKER_SIZE, MARKER_RISE = 6.5, 3.6
PARAGRAPH_SPACE, HEADING_SPACE = 8.0, 12.0
BULLET_X, LIST_TEXT_X = LEFT + 8.0, LEFT + 22.0
FOOTER = "Heartland Alliance · National Immigrant Justice Center"
CREATED = "D:201703"  # year and month only: the briefing followed the Feb. 20, 2017 memo; its day is unknown

NOTES = {
    "i": "Executive Order 13768, Enhancing Public Safety in the Interior of the United States, January 25, 2017.",
    "ii": "Department of Homeland Security, Enforcement of the Immigration Laws to Serve the National Interest, "
    "memorandum, February 20, 2017.",
    "iii": "Research on immigration and crime rates in U.S. communities.",
    "iv": "Public remarks by White House officials on the administration’s agenda, February 2017.",
    "v": "Immigration and Nationality Act § 275, 8 U.S.C. § 1325 (improper entry by an alien).",
    "vi": "Immigration and Nationality Act § 287(g), 8 U.S.C. § 1357(g).",
    "vii": "Reports on racial profiling under 287(g) agreements.",
    "viii": "U.S. Constitution, Tenth Amendment; Printz v. United States, 521 U.S. 898 (1997).",
    "ix": "Court decisions on the liability of localities that honor immigration detainers.",
    "x": "8 C.F.R. § 287.7(d) (detention of up to 48 hours).",
    "xi": "Executive Order 13768, Section 9 (sanctuary jurisdictions).",
    "xii": "Data on removals under the Secure Communities program over the past decade.",
    "xiii": "Research on the economic contributions of immigrants.",
    "xiv": "Statements by local law enforcement leaders on community trust policies.",
    "xv": "Reports on state and local cooperation with immigration enforcement.",
    "xvi": "Reports on immigration enforcement operations in El Paso, Texas.",
    "xvii": "Reports on immigration enforcement operations in Alexandria, VA.",
}


@dataclass(frozen=True)
class Piece:
    """Part of a word: plain text, or a superscript marker."""

    text: str
    marker: bool = False


def register_fonts() -> None:
    """Bitstream Vera ships with reportlab and carries a ToUnicode map, so bullets, curly
    quotes and the middle dot read back exactly (the built-in Type 1 fonts lose ``•``)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("Vera-Bold", "VeraBd.ttf"))


def split_words(text: str, refs: list[dict[str, object]]) -> list[list[Piece]]:
    """Cut a block's text into words, each a list of pieces with the markers placed right
    after the character at their gold offset."""
    at: dict[int, list[str]] = {}
    for ref in refs:
        at.setdefault(int(ref["offset"]), []).append(str(ref["marker"]))  # type: ignore[call-overload]
    words: list[list[Piece]] = []
    current: list[Piece] = []
    buffer = ""
    for index, char in enumerate(text):
        if char == " ":
            if buffer:
                current.append(Piece(buffer))
                buffer = ""
            if current:
                words.append(current)
            current = []
        else:
            buffer += char
        for marker in at.get(index + 1, ()):
            if buffer:
                current.append(Piece(buffer))
                buffer = ""
            current.append(Piece(marker, marker=True))
    if buffer:
        current.append(Piece(buffer))
    if current:
        words.append(current)
    return words


def width_of(word: list[Piece], font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(p.text, font, MARKER_SIZE if p.marker else size) for p in word)


def wrap(words: list[list[Piece]], first_width: float, width: float, font: str, size: float) -> list[list[list[Piece]]]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    space = stringWidth(" ", font, size)
    lines: list[list[list[Piece]]] = [[]]
    used = 0.0
    for word in words:
        limit = first_width if len(lines) == 1 else width
        needed = width_of(word, font, size) + (space if lines[-1] else 0.0)
        if lines[-1] and used + needed > limit:
            lines.append([])
            used = 0.0
            needed = width_of(word, font, size)
        lines[-1].append(word)
        used += needed
    return lines


class Typesetter:
    def __init__(self, path: Path) -> None:
        from reportlab.pdfgen import canvas

        self.canvas = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
        self.canvas.setTitle("Briefing: Interior Enforcement Executive Order and DHS Memo")
        self.canvas.setAuthor("National Immigrant Justice Center")
        self.canvas.setSubject("Immigration enforcement in the interior of the United States")
        self.canvas.setDateFormatter(lambda *_: CREATED)
        self.page = 1
        self.y = TOP

    def draw_line(self, x: float, words: list[list[Piece]], font: str, size: float) -> None:
        text = self.canvas.beginText(x, PAGE_HEIGHT - self.y)
        for index, word in enumerate(words):
            if index:
                text.setFont(font, size)
                text.setRise(0)
                text.textOut(" ")
            for piece in word:
                text.setFont("Vera" if piece.marker else font, MARKER_SIZE if piece.marker else size)
                text.setRise(MARKER_RISE if piece.marker else 0)
                text.textOut(piece.text)
        text.setRise(0)
        self.canvas.drawText(text)

    def footer(self) -> None:
        self.canvas.setFont("Vera", 8)
        self.canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 748, FOOTER)
        self.canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 762, str(self.page))

    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self.y = TOP

    def advance(self, space: float) -> None:
        if self.y != TOP:
            self.y += space

    def block(
        self,
        words: list[list[Piece]],
        *,
        font: str = "Vera",
        size: float = BODY,
        x: float = LEFT,
        first_x: float | None = None,
        break_after: int | None = None,
        bullet: bool = False,
    ) -> None:
        first_x = x if first_x is None else first_x
        lines = wrap(words, RIGHT - first_x, RIGHT - x, font, size)
        for index, line in enumerate(lines):
            if self.y > BOTTOM or (break_after is not None and index == break_after):
                self.new_page()
            if index == 0 and bullet:
                self.canvas.setFont("Vera", size)
                self.canvas.drawString(BULLET_X, PAGE_HEIGHT - self.y, "•")
            self.draw_line(first_x if index == 0 else x, line, font, size)
            self.y += LEADING if size <= BODY else size * 1.3

    def save(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.canvas.save()


def build(gold: dict[str, object], output: Path) -> None:
    register_fonts()
    page = Typesetter(output)
    for block in gold["blocks"]:  # type: ignore[attr-defined]
        pages = block["pages"]
        if pages[0] > page.page:
            page.new_page()
        words = split_words(block["text"], block.get("footnote_refs", []))
        # A block the gold shows on two pages is broken after half of its lines.
        lines = len(wrap(words, RIGHT - LEFT, RIGHT - LEFT, "Vera", BODY))
        break_after = max(1, lines // 2) if len(pages) > 1 else None
        kind = block["type"]
        if kind == "heading":
            page.advance(HEADING_SPACE)
            page.block(words, font="Vera-Bold", size=HEADING)
            page.y += 2.0
        elif kind == "list_item":
            page.advance(PARAGRAPH_SPACE)
            page.block(words, x=LIST_TEXT_X, break_after=break_after, bullet=True)
        elif kind == "separator":
            page.advance(PARAGRAPH_SPACE)
            page.canvas.setFont("Vera", BODY)
            page.canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - page.y, block["text"])
            page.y += LEADING
        else:
            page.advance(PARAGRAPH_SPACE)
            page.block(words, break_after=break_after)
    page.new_page()
    page.block([[Piece("Endnotes")]], font="Vera-Bold", size=HEADING)
    page.y += 4.0
    for marker, note in NOTES.items():
        page.advance(6.0)
        page.block(split_words(f"{marker}. {note}", []), size=9.0)
    page.save()


def main() -> int:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    build(gold, OUTPUT)
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
