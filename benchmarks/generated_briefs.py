"""Briefs in mixed layouts, written with reportlab, whose markers and notes are known.

Each seed gives one brief of three to five pages: one or two columns, notes under a short
rule or only in smaller type, a long note that runs on over the page break, a ``*`` note on
the title, and now and then two markers at one place (``3,4``). :func:`write_brief`
returns the file and the true ``(marker, note)`` pairs in document order.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.pdf_factory import PAGE_HEIGHT, PdfBuilder, Span, sup

WORDS = (
    "the agency county court detention report records officials policy standards review hearing federal state "
    "residents program funding enforcement clinic counsel petition order appeal data request office board"
).split()
NOTE_WORDS = "see letter memorandum report hearing testimony order statement records office survey".split()
BODY, NOTE, LEADING, NOTE_LEADING = 10.0, 8.0, 12.0, 9.5


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def note_text(rng: random.Random, number: int, long: bool) -> str:
    words = [rng.choice(NOTE_WORDS) for _ in range(rng.randint(24, 40) if long else rng.randint(4, 12))]
    return f"{' '.join(words).capitalize()} of {2000 + number % 20}, p. {number + 3}."


def wrap(text: str, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, "Times-Roman", size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current] if current else lines


def write_brief(path: Path, seed: int) -> tuple[Path, list[tuple[str, str]], list[str]]:
    """Write one brief; return its path, its true (marker, note) pairs in order and its
    body's true text, block by block in reading order (the title, then each paragraph)."""
    rng = random.Random(seed)
    pdf = PdfBuilder(path)
    columns = rng.choice((1, 2))
    width = 468.0 if columns == 1 else 222.0
    lefts = (72.0,) if columns == 1 else (72.0, 318.0)
    truth: list[tuple[str, str]] = []
    number = 0
    pdf.line(72, 90, Span("A Brief on County Detention", size=14, font="Times-Bold"), sup("*", size=8, rise=5))
    title_note = "Prepared by the clinic's students under supervision."
    truth.append(("*", title_note))
    body = ["A Brief on County Detention"]
    carry: list[str] = []  # the lines of a note running on to the next page
    pages = rng.randint(3, 5)
    for page in range(pages):
        notes: list[tuple[str, str]] = [("*", title_note)] if page == 0 else []
        top0 = 120.0 if page == 0 else 80.0
        for left in lefts:
            top = top0
            for _ in range(rng.randint(2, 3)):
                words = sentence(rng, rng.randint(30, 45)).split()
                # a marker after a word in the middle of the paragraph
                cut = rng.randint(8, len(words) - 4)
                number += 1
                marker = str(number)
                if rng.random() < 0.15:
                    number += 1
                    marker_text = f"{number - 1},{number}"
                    markers = [str(number - 1), str(number)]
                else:
                    marker_text, markers = marker, [marker]
                head = " ".join(words[:cut]) + ","
                tail = " ".join(words[cut:])
                body.append(head + " " + tail)
                lines = wrap(head + " " + tail, width - 8, BODY)
                # find the line holding the end of ``head``
                consumed, hit_line = 0, 0
                for index, text in enumerate(lines):
                    consumed += len(text.split())
                    if consumed >= cut:
                        hit_line = index
                        break
                for index, text in enumerate(lines):
                    if index == hit_line:
                        split_at = len(text.split()) - (consumed - cut)
                        parts = text.split()
                        first, rest = " ".join(parts[:split_at]), " ".join(parts[split_at:])
                        pdf.line(left, top, first, sup(marker_text), (" " + rest) if rest else "")
                    else:
                        pdf.line(left + (12 if index == 0 else 0), top, text)
                    top += LEADING
                top += 4
                for m in markers:
                    text = note_text(rng, int(m), long=rng.random() < 0.2)
                    notes.append((m, text))
                    truth.append((m, text))
        draw_notes(pdf, rng, notes, carry, page == pages - 1)
        if page < pages - 1:
            pdf.new_page()
    return pdf.save(), truth, body


def draw_notes(pdf: PdfBuilder, rng: random.Random, notes: list[tuple[str, str]], carry: list[str], last: bool) -> None:
    """The page's notes full width at its foot; the last long one may run on to the next page."""
    lines: list[tuple[str, str]] = [("", text) for text in carry]
    carry.clear()
    for marker, text in notes:
        for index, part in enumerate(wrap(text, 460, NOTE)):
            lines.append((marker if index == 0 else "", part))
    if not last and len(lines) > 3 and rng.random() < 0.5 and not lines[-1][0]:
        # the note's last line is printed on the next page
        carry.append(lines.pop()[1])
    top = PAGE_HEIGHT - 60 - NOTE_LEADING * len(lines)
    if rng.random() < 0.7:
        pdf.rule(72, 200, top - 10)
    for marker, text in lines:
        if marker:
            pdf.line(72, top, sup(marker, size=5, rise=3), Span(" " + text, size=NOTE))
        else:
            pdf.line(72, top, Span(text, size=NOTE))
        top += NOTE_LEADING
    pdf.line(300, PAGE_HEIGHT - 36, Span(str(pdf.pages), size=9))
