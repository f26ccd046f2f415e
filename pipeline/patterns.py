"""Every text pattern of the pipeline, compiled once, each with a comment and an example.

Written with the ``regex`` module for its Unicode properties (``\\p{L}``, ``\\p{Lu}``).
"""

from __future__ import annotations

import regex

# A marker that a reader has already recognised (a PDF superscript) travels in the line
# text wrapped in two private-use characters, so that no repair can shift or eat it:
# "policies\ue00014\ue001" is "policies" with the superscript marker "14".
MARKER_OPEN = "\ue000"
MARKER_CLOSE = "\ue001"
KNOWN_MARKER = regex.compile("\ue000([^\ue000\ue001]{1,8})\ue001")

# --- glyph spacing -------------------------------------------------------------------
# The whitespace characters that exporters put between glyphs or words: tab, space, NBSP,
# the typographic spaces U+2000–U+200A, narrow NBSP, medium math space, ideographic space.
SPACE_CHARS = "\t \u00a0\u2000-\u200a\u202f\u205f\u3000"
# A run of them that is not a single plain space: "word\t \u00a0word", "word  word".
GLYPH_SPACING_RUN = regex.compile(f" *[\t\u00a0\u2000-\u200a\u202f\u205f\u3000][{SPACE_CHARS}]*| {{2,}}")
ONLY_SPACE = regex.compile(f"^[{SPACE_CHARS}]+$")

# --- hyphens ---------------------------------------------------------------------------
# A hyphen that came out as several code points: "rights-\u2010\u2011respecting", or the
# Unicode hyphen U+2010 / non-breaking hyphen U+2011 alone: all mean "-".
BROKEN_HYPHEN = regex.compile("[-\u2010\u2011]*[\u2010\u2011][-\u2010\u2011]*")
SOFT_HYPHEN = "\u00ad"

# --- invisible characters --------------------------------------------------------------
# Zero-width space, word joiner, BOM inside text, Mongolian vowel separator: never content.
ZERO_WIDTH = regex.compile("[\u200b\u2060\ufeff\u180e]")
# ZWNJ/ZWJ carry meaning inside Arabic, Indic and emoji sequences; between Latin letters
# or at a word edge they are only an exporter's leftovers: "foo\u200cbar".
LATIN_JOINER = regex.compile(r"(?<=[\p{Latin}\p{P}\s]|^)[\u200c\u200d]+|[\u200c\u200d]+(?=[\p{Latin}\p{P}\s]|$)")
CONTROL_CHARS = regex.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")

# --- mojibake and ligatures (gates for ftfy) -------------------------------------------
# UTF-8 read as cp1252 or Latin-1 leaves a lead byte à–ô followed by a continuation
# byte's cp1252 face: "â€™" for "’", "Ã©" for "é". Only lines that show this go to ftfy.
MOJIBAKE_HINT = regex.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]|[\u0080-\u009f]|\ufffd"
)
# A quick gate before MOJIBAKE_HINT: any character that can start or be mojibake at all.
MOJIBAKE_GATE = regex.compile("[\u00c2-\u00f4\u0080-\u009f\ufffd]")
# Latin ligature glyphs U+FB00–U+FB06: "ﬁ", "ﬂ", "ﬃ".
LIGATURE = regex.compile("[\ufb00-\ufb06]")
# Straight-quote conversion, only when the settings ask for it: ‘ ’ “ ” → ' ".
CURLY_SINGLE = regex.compile("[\u2018\u2019\u201a\u201b]")
CURLY_DOUBLE = regex.compile("[\u201c\u201d\u201e\u201f]")

# --- blocks ----------------------------------------------------------------------------
# A separator line: "***", "* * *", "———", "___".
SEPARATOR = regex.compile(r"^(?:[*•·\-_=~—–#]\s?){3,}$")
# A bullet at a line start, then a space: "• text", "▪ text", "– text".
BULLET = regex.compile(r"^[•▪◦●○■□‣⁃∙·\-–—*]\s+")
# A list label at a line start: "1)", "1.", "(1)", "a)", "(a)", "(iv)", "iv.", "A)".
LIST_LABEL = regex.compile(
    r"^(?:\(\d{1,3}\)|\d{1,3}[.)]|\([a-z]\)|[a-z]\)|[a-z]\.(?=\s)|\((?:[ivx]{1,5})\)|(?:[ivx]{1,5})[.)]|\([A-Z]\)|[A-Z]\))(?=\s)"
)
# A numbered section heading such as "2.1 Scope": two or more dotted numbers.
SECTION_NUMBER = regex.compile(r"^\d+(?:\.\d+)+\.?\s")
# Words for the heading tests: "KEY PROVISIONS", "REAL LIFE CONSEQUENCES: rampant …".
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
CAPS_LEAD = regex.compile(r"^(?:[\p{Lu}\d][\p{Lu}\d'’&\-]*\s+){1,8}?[\p{Lu}\d][\p{Lu}\d'’&\-]*:\s")
TERMINAL_PUNCTUATION = regex.compile(r"[.!?…:;][\"'”’)\]]*$")
SENTENCE_END = regex.compile(r"[.!?…][\"'”’)\]]*$")

# --- hyphenation -----------------------------------------------------------------------
# A word split at a line end: "immi-" + "gration". The part before must end in a letter.
LINE_END_HYPHEN = regex.compile(r"(\p{L}+)-$")
LINE_START_WORD = regex.compile(r"^(\p{Ll}[\p{L}]*)")

# --- running headers, footers and page numbers ------------------------------------------
# A page-number line: "3", "- 3 -", "Page 3", "Page 3 of 5", "3 / 5", "iv", "[3]".
PAGE_NUMBER = regex.compile(
    r"^\s*(?:page\s+|p\.\s*|seite\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?\s*$",
    regex.IGNORECASE,
)
DIGITS = regex.compile(r"\d+")

# --- notes -----------------------------------------------------------------------------
# The title of a notes section: "Notes", "Endnotes", "NOTES", "Footnotes", "Notes:".
NOTES_HEADING = regex.compile(r"^(?:end\s?notes|foot\s?notes|notes|references and notes)\s*:?$", regex.IGNORECASE)
# A note's first line: its marker, then the text: "iii. See …", "12 See …", "* See …",
# "[4] See …", "xvii Ibid."
NOTE_START = regex.compile(
    r"^\s*(?:\[(?P<m>[0-9]{1,3}|[ivxlc]{1,7}|[IVXLC]{1,7})\]|(?P<m2>[0-9]{1,3}|[ivxlc]{1,7}|[IVXLC]{1,7}|\*{1,3}|†{1,2}|‡{1,2}|§)[.)]?)\s+(?P<text>\S.*)$"
)

# For the text-export reader: the space characters as a set and as a strip() argument,
# and a run of them between two words ("word\t \u00a0word" → "\t \u00a0").
SPACE_CHARS_SET = frozenset("\t \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
SPACE_CHARS_STRIP = "".join(sorted(SPACE_CHARS_SET))
INTERIOR_SPACE_RUN = regex.compile(f"[{SPACE_CHARS}]+")
# Any space character other than tab and plain space (for a quick "is there work" test),
# and a glyph-spacing run with no tab in it (to count artifact units without a callback).
ODD_SPACE = regex.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
TABLESS_SPACING_RUN = regex.compile(
    "(?<![\t \u00a0\u2000-\u200a\u202f\u205f\u3000])(?:[ \u00a0\u2000-\u200a\u202f\u205f\u3000]*"
    "[\u00a0\u2000-\u200a\u202f\u205f\u3000][ \u00a0\u2000-\u200a\u202f\u205f\u3000]*| {2,})(?![\t \u00a0\u2000-\u200a\u202f\u205f\u3000])"
)
UPPER_LETTER = regex.compile(r"\p{Lu}")
LOWER_LETTER = regex.compile(r"\p{Ll}")
# Two or more plain spaces: "word  word".
SPACE_RUN = regex.compile(" {2,}")

# --- Tesseract's hOCR (scanned pages) ---------------------------------------------------

HOCR_CLASS = regex.compile(
    r"""<span class=['"](?P<kind>ocr\w*)['"][^>]*?title=(?P<q>['"])(?P<title>.*?)(?P=q)[^>]*>(?:(?P<text>[^<]*)</span>)?"""
)
"""An hOCR element, its title and, for a symbol, its text:
``<span class='ocrx_cinfo' title='x_bboxes 300 269 326 300; x_conf 99.5'>T</span>``."""
HOCR_BOX = regex.compile(r"(?:bbox|x_bboxes) (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
"""An element's box in pixels, left top right bottom: ``bbox 300 264 1991 309``."""
HOCR_NUMBER = {
    "x_wconf": regex.compile(r"x_wconf (-?[\d.]+)"),  # a word's confidence: ``x_wconf 96``
    "x_conf": regex.compile(r"x_conf (-?[\d.]+)"),  # a symbol's confidence: ``x_conf 99.57``
    "baseline": regex.compile(r"baseline (-?[\d.]+) (-?[\d.]+)"),  # slope and offset: ``baseline 0 -9``
    "x_size": regex.compile(r"x_size ([\d.]+)"),  # the line's text size in pixels: ``x_size 41``
}
"""Numbers in an hOCR title, by name."""
