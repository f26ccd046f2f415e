"""Tesseract's hOCR read into lines, words and symbols with their boxes in pixels.

Tesseract's word text is reliable; its symbol boxes are approximate; specks of dust come
back as doubtful punctuation. The rules here keep the words and drop the specks, so that
:mod:`pipeline.extract.ocr_chars` can turn them into the reader's characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.patterns import HOCR_BOX, HOCR_CLASS, HOCR_NUMBER, OCR_LIST_KEY_COMMA, WEB_ENDING

SPECK_CONFIDENCE = 60.0
"""Below this confidence a word of punctuation alone is taken for dust or a stain."""



@dataclass(frozen=True)
class OcrSymbol:
    """One symbol Tesseract read, with its ink box in pixels (``x0, top, x1, bottom``)."""

    text: str
    box: tuple[float, float, float, float]
    raised: bool = False
    confidence: float = 100.0
    """Read again alone as a footnote marker (see :mod:`pipeline.extract.raised_ink`)."""


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: tuple[float, float, float, float]
    confidence: float
    symbols: tuple[OcrSymbol, ...]


@dataclass(frozen=True)
class OcrLine:
    """A line as Tesseract saw it: its words, its baseline and its text size, in pixels."""

    words: tuple[OcrWord, ...]
    baseline: float
    """The baseline's height at the line's middle: every glyph of the line is set on it, so
    a page scanned a little askew still gives straight rows."""
    size: float
    slope: float = 0.0
    middle: float = 0.0

    def baseline_at(self, x: float) -> float:
        """Where the (possibly tilted) baseline runs under ``x``."""
        return self.baseline + self.slope * (x - self.middle)




def parse_hocr(hocr: str) -> list[OcrLine]:
    """Lines, words and symbols from Tesseract's hOCR (``ocr_line``, ``ocrx_word``, ``ocrx_cinfo``).

    >>> html = ("<span class='ocr_line' title=\\"bbox 10 10 200 40; baseline 0 -8; x_size 30\\">"
    ...         "<span class='ocrx_word' title='bbox 10 12 60 32; x_wconf 91'>"
    ...         "<span class='ocrx_cinfo' title='x_bboxes 10 12 30 32; x_conf 99'>H</span>"
    ...         "<span class='ocrx_cinfo' title='x_bboxes 32 12 60 32; x_conf 98'>i</span></span></span>")
    >>> line = parse_hocr(html)[0]
    >>> line.baseline, line.size, line.words[0].text, line.words[0].confidence
    (32.0, 30.0, 'Hi', 91.0)
    """
    import html as html_module

    lines: list[OcrLine] = []
    words: list[OcrWord] = []
    symbols: list[OcrSymbol] = []
    line_geometry: tuple[float, float, float, float] | None = None
    word_head: tuple[tuple[float, float, float, float], float] | None = None

    def close_word() -> None:
        nonlocal word_head
        if word_head is not None:
            for part in split_glued_words(symbols):
                trim_specks(part)
                if part:
                    box = (part[0].box[0], word_head[0][1], part[-1].box[2], word_head[0][3])
                    words.append(OcrWord("".join(s.text for s in part), box, word_head[1], tuple(part)))
        symbols.clear()
        word_head = None

    def close_line() -> None:
        close_word()
        if line_geometry is not None and words:
            lines.append(OcrLine(tuple(words), *line_geometry))
        words.clear()

    for match in HOCR_CLASS.finditer(hocr):
        kind, title, text = match.group("kind"), match.group("title"), match.group("text")
        box = box_of(title)
        if kind in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"):
            close_line()
            line_geometry = line_baseline_and_size(title, box)
        elif kind == "ocrx_word":
            close_word()
            confidence = HOCR_NUMBER["x_wconf"].search(title)
            word_head = (box, float(confidence.group(1)) if confidence else 0.0)
        elif kind == "ocrx_cinfo" and text is not None:
            symbol = html_module.unescape(text)
            confidence = HOCR_NUMBER["x_conf"].search(title)
            if symbol.strip():
                symbols.append(OcrSymbol(symbol, box, confidence=float(confidence.group(1)) if confidence else 100.0))
    close_line()
    return lines


def split_glued_words(symbols: list[OcrSymbol]) -> list[list[OcrSymbol]]:
    """A Tesseract word cut where it glued two words at doubtful punctuation between
    letters (dust in the word gap read as ``hold.ICE``). Not at wide ink gaps: Tesseract's
    symbol boxes are too rough for that (measured: it split ``lawma kers``).

    >>> s = [OcrSymbol(c, (x, 0, x + 8, 10), confidence=c == "." and 30.0 or 99.0) for c, x in zip("to.it", range(0, 50, 10))]
    >>> ["".join(x.text for x in part) for part in split_glued_words(s)]
    ['to', 'it']
    """
    parts: list[list[OcrSymbol]] = [[]]
    for index, symbol in enumerate(symbols):
        previous = parts[-1][-1] if parts[-1] else None
        following = symbols[index + 1] if index + 1 < len(symbols) else None
        if (previous is not None and following is not None and is_doubtful_mark(symbol)
                and previous.text.isalpha() and following.text.isalpha()) or is_dust_stop(symbols, index):
            parts.append([])
            continue
        if index and is_glued_sentence_end(symbols, index):
            parts.append([])
        parts[-1].append(symbol)
    return [part for part in parts if part]


def is_dust_stop(symbols: Sequence[OcrSymbol], index: int) -> bool:
    """A full stop glued between two words' letters with a lower-case word after it: no
    sentence goes on that way, and an abbreviation's stop follows a single letter
    (``e.g``), so it is dust in the word gap read with confidence (``seems.to``,
    ``ways.in``). A web or mail name (``ice.gov``, ``a@b.org``) keeps its dot.

    >>> s = lambda text: [OcrSymbol(c, (0, 0, 1, 1)) for c in text]
    >>> is_dust_stop(s("seems.to"), 5), is_dust_stop(s("e.g."), 1), is_dust_stop(s("ice.gov"), 3)
    (True, False, False)
    """
    before, after = dot_sides(symbols, index)
    return after[:1].islower() and len(before) >= 2 and before[-2:].isalpha() and after[:2].isalpha() and not WEB_ENDING.match(after)


def is_glued_sentence_end(symbols: Sequence[OcrSymbol], index: int) -> bool:
    """Whether the word is cut before ``symbols[index]``: a capital after a full stop that
    follows a word of two letters or more (``decade.Undocumented``, ``hold.ICE``): a
    sentence end whose space OCR lost, or dust; either way two words, the stop kept."""
    if index < 2 or not symbols[index].text[:1].isupper():
        return False
    before, after = dot_sides(symbols, index - 1)
    return len(before) >= 2 and before[-2:].isalpha() and after[:2].isalpha() and not WEB_ENDING.match(after)


def dot_sides(symbols: Sequence[OcrSymbol], index: int) -> tuple[str, str]:
    """The word's text before and after a lone full stop at ``index`` (``("", "")`` when the
    symbol is no full stop, or the word has other dots, slashes or an ``@``)."""
    text = "".join(s.text for s in symbols)
    if symbols[index].text != "." or text.count(".") != 1 or any(ch in text for ch in "@/:"):
        return "", ""
    return "".join(s.text for s in symbols[:index]), "".join(s.text for s in symbols[index + 1:])


def mend_list_keys(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Lines opening with a note list's key whose full stop OCR read as a comma (``ix,
    Court decisions``), the stop put back, so the list is read on to its end."""
    out = []
    for line in lines:
        words = [w for w in line.words if not is_speck(w)]
        if len(words) > 1 and OCR_LIST_KEY_COMMA.match(words[0].text) and words[1].text[:1].isupper():
            key = words[0]
            symbols = (*key.symbols[:-1], replace(key.symbols[-1], text="."))
            words[0] = replace(key, text=key.text[:-1] + ".", symbols=symbols)
        out.append(replace(line, words=tuple(words)))
    return out


def drop_edge_bars(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Lines without a lone bar ``|`` at their start or end: the edge of a table's cell, a
    crease or a stain, never print (``in fact make |``). A bar inside a line stays: a page
    footer's ``1`` may be read as one (``Page | of 2``)."""
    out = []
    for line in lines:
        words = list(line.words)
        while words and is_bar(words[-1]):
            words.pop()
        while words and is_bar(words[0]):
            words.pop(0)
        if words:
            out.append(replace(line, words=tuple(words)))
    return out


def is_bar(word: OcrWord) -> bool:
    return not word.text.strip("|")


BULLET_MISREADS = frozenset("¢")
"""What Tesseract makes of a list's bullet ``•`` opening a line: no line of prose opens so."""


def mend_bullets(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Lines opening with a bullet OCR misread (``¢ 1) Throwing away``), the bullet put back,
    so the line is read as a list item as on the born-digital page."""
    out = []
    for line in lines:
        words = list(line.words)
        if len(words) > 1 and words[0].text in BULLET_MISREADS:
            words[0] = replace(words[0], text="•", symbols=tuple(replace(s, text="•") for s in words[0].symbols[:1]))
        out.append(replace(line, words=tuple(words)))
    return out


def trim_specks(symbols: list[OcrSymbol]) -> None:
    """Drop doubtful punctuation at a word's edges: dust glued to a word (``_i.``, ``‘makes``),
    and a closing mark that is its last letter's ink read twice (see :func:`is_read_twice`)."""
    while symbols and is_doubtful_mark(symbols[0]):
        symbols.pop(0)
    while symbols and (is_doubtful_mark(symbols[-1]) or is_read_twice(symbols)):
        symbols.pop()


def is_read_twice(symbols: Sequence[OcrSymbol]) -> bool:
    """Whether the word's last symbol, punctuation, starts where the letter before it starts:
    the same ink read a second time (a footer's ``1`` read ``1}`` on a 150-dpi scan). Print's
    closing marks stand after the letter they close.

    >>> is_read_twice([OcrSymbol("1", (1252, 0, 1256, 27)), OcrSymbol("}", (1252, 0, 1260, 27))])
    True
    >>> is_read_twice([OcrSymbol("e", (0, 0, 10, 27)), OcrSymbol(".", (11, 20, 14, 27))])
    False
    """
    return len(symbols) > 1 and not symbols[-1].text.isalnum() and symbols[-1].box[0] <= symbols[-2].box[0]


def is_doubtful_mark(symbol: OcrSymbol) -> bool:
    """Punctuation Tesseract doubts, or an underscore: at a word's edge on a scan that is a
    speck or the end of a rule, never the print (a rule drawn under text is found as a rule)."""
    return symbol.text == "_" or (symbol.confidence < SPECK_CONFIDENCE and not symbol.text.isalnum()) or is_round_hyphen(symbol)


def is_round_hyphen(symbol: OcrSymbol) -> bool:
    """A hyphen whose ink is about as tall as it is wide: a printed hyphen is a bar at least
    twice as wide as it is thick, a speck of dust is round (``asked-the`` read with 99 %
    confidence from ``asked the`` and a dot between them).

    >>> is_round_hyphen(OcrSymbol("-", (751, 541, 755, 545))), is_round_hyphen(OcrSymbol("-", (1432, 538, 1442, 541)))
    (True, False)
    """
    width, height = symbol.box[2] - symbol.box[0], symbol.box[3] - symbol.box[1]
    return symbol.text in HYPHENS and width < HYPHEN_SHAPE * max(1.0, height)


HYPHENS = frozenset("-‐‑")
HYPHEN_SHAPE = 2.0
"""A printed hyphen's ink is at least this many times as wide as it is thick."""


def box_of(title: str) -> tuple[float, float, float, float]:
    match = HOCR_BOX.search(title)
    if not match:
        return (0.0, 0.0, 0.0, 0.0)
    x0, top, x1, bottom = (float(v) for v in match.groups())
    return (x0, top, x1, bottom)


def line_baseline_and_size(title: str, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A line's baseline at its middle (y in pixels), text size, baseline slope and middle x,
    from hOCR's ``baseline`` (``slope offset`` from the box's bottom left) and ``x_size``."""
    baseline = HOCR_NUMBER["baseline"].search(title)
    slope, offset = (float(baseline.group(1)), float(baseline.group(2))) if baseline else (0.0, 0.0)
    size = HOCR_NUMBER["x_size"].search(title)
    height = box[3] - box[1]
    middle = (box[0] + box[2]) / 2
    return box[3] + offset + slope * (middle - box[0]), float(size.group(1)) if size else max(1.0, height), slope, middle



def is_speck(word: OcrWord) -> bool:
    """Dust read as punctuation: a word with no letter or digit that Tesseract doubts.

    >>> is_speck(OcrWord("'", (0, 0, 2, 2), 31.0, ())), is_speck(OcrWord("—", (0, 0, 9, 2), 92.0, ()))
    (True, False)
    """
    return word.confidence < SPECK_CONFIDENCE and not any(ch.isalnum() for ch in word.text)



def mean_confidence(lines: Sequence[OcrLine]) -> float:
    """Tesseract's mean word confidence (0–100), each word weighted by its length."""
    weights = [(len(w.text), w.confidence) for line in lines for w in line.words if w.confidence >= 0]
    total = sum(n for n, _ in weights)
    return round(sum(n * c for n, c in weights) / total, 1) if total else 0.0
