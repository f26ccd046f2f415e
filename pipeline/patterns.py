"""Every text pattern of the pipeline, compiled once, each with a comment and an example.

Written with the ``regex`` module for its Unicode properties (``\\p{L}``, ``\\p{Lu}``).
"""

from __future__ import annotations

import re

import regex

# A marker that a reader has already recognised (a PDF superscript) travels in the line
# text wrapped in two private-use characters, so that no repair can shift or eat it:
# "policies\ue00014\ue001" is "policies" with the superscript marker "14".
MARKER_OPEN = "\ue000"
MARKER_CLOSE = "\ue001"
KNOWN_MARKER = regex.compile("\ue000([^\ue000\ue001]{1,8})\ue001")
# A raised marker set between parentheses of body size, as the EU's Official Journal
# prints its notes' keys in the text and before each note: "the Council (\ue0004\ue001) seeks",
# "(\ue0001\ue001) OJ C 229, 31.7.2012, p. 90."
PARENTHESIZED_MARKER = regex.compile("\\(\ue000([^\ue000\ue001]{1,8})\ue001\\)")

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
SOFT_HYPHENS = regex.compile("\u00ad+")  # "immi\u00adgration": the soft hyphen (for the report's marks)

# --- invisible characters --------------------------------------------------------------
# Zero-width space, word joiner, BOM inside text, Mongolian vowel separator: never content.
ZERO_WIDTH = regex.compile("[\u200b\u2060\ufeff\u180e]")
# ZWNJ/ZWJ carry meaning inside Arabic, Indic and emoji sequences; between Latin letters
# or at a word edge they are only an exporter's leftovers: "foo\u200cbar".
LATIN_JOINER = regex.compile(r"(?<=[\p{Latin}\p{P}\s]|^)[\u200c\u200d]+|[\u200c\u200d]+(?=[\p{Latin}\p{P}\s]|$)")
CONTROL_CHARS = regex.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")

# --- accents set as separate glyphs --------------------------------------------------------
# LaTeX sets an accent it has no precomposed glyph for as a glyph of its own, which comes out
# beside its letter, often with a space: "O˘ guz" for "Oğuz", "Dvoˇ r´ak". Spacing accents
# that are never punctuation (breve, caron, ogonek, dot, ring, double acute, circumflex, small
# tilde, macron, cedilla), before an optional space and a Latin letter:
SPACING_ACCENT = regex.compile("([\u02d8\u02c7\u02db\u02d9\u02da\u02dd\u02c6\u02dc\u00af\u00b8]) ?(\\p{Latin})")
# Acute, grave and diaeresis are left alone: they double as apostrophes and quotes even with
# the same spacing ("scars´ stones", Greek "¨word¨", a backtick).

# --- ligatures (gate for ftfy) -----------------------------------------------------------
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
# Where one sentence ends and the next begins inside a text: "giá? C'est".
SENTENCE_BREAK = regex.compile(r"[.!?…。？！][\"'”’)\]]* ")

# --- hyphenation -----------------------------------------------------------------------
# A word split at a line end: "immi-" + "gration". The part before must end in a letter.
LINE_END_HYPHEN = regex.compile(r"(\p{L}+)-$")
LINE_START_WORD = regex.compile(r"^(\p{Ll}[\p{L}]*)")
# A line that ends, or begins, with a Chinese, Japanese or Korean character: "돌" / "입하였다".
CJK_END = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]$")
CJK_START = regex.compile(r"^[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
# A Korean word, and the Hangul a line ends with: "돌" in "단계에 돌".
HANGUL_WORD = regex.compile(r"\p{Hangul}+")
HANGUL_END = regex.compile(r"\p{Hangul}+$")

# --- running headers, footers and page numbers ------------------------------------------
# A page-number line: "3", "- 3 -", "Page 3", "Page 3 of 5", "3 / 5", "iv", "[3]", and a
# chapter-page number as handbooks print them: "7-45".
PAGE_NUMBER = regex.compile(
    r"^\s*(?:page\s+|p\.\s*|seite\s+)?[-–—(\[]?\s*(?:\d{1,2}[-–]\d{1,3}|\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?\s*$",
    regex.IGNORECASE,
)
DIGITS = regex.compile(r"\d+")
# What OCR makes of a digit in a running footer: a lone bar or l for a 1 ("Page | of 2"),
# a letter O beside digits for a 0 ("2O19"). Folded only to compare furniture lines.
OCR_ONE = regex.compile(r"(?<![^\s(\[])[|l](?![^\s)\]])")
OCR_ZERO = regex.compile(r"(?<=\d)[Oo]|[Oo](?=\d)")
# A paragraph opened by a run-in label in capitals, one word or more, as rules and forms set
# them: "DATES: The FAA must receive comments", "FOR FURTHER INFORMATION CONTACT: Ian Won".
# (CAPS_LEAD above wants two words or more: a heading test for text exports.)
RUN_IN_LABEL = regex.compile(r"^\p{Lu}[\p{Lu} ]{2,40}:(?:\s|$)")
# A roman page number at either end of a running head or footer, as front matter numbers its
# pages: "© Copyright IBM Corp. 2014. All rights reserved. xi", "xii Preface".
ROMAN_BELOW_100 = r"(?=[ivxl])(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
EDGE_ROMAN = regex.compile(rf"(?:^{ROMAN_BELOW_100}(?=\s)|(?<=\s){ROMAN_BELOW_100}$)")
# A bare page number of five digits or fewer, as a journal numbers its pages: "47698".
BARE_NUMBER = regex.compile(r"^\s*(\d{1,6})\s*$")

# The printer's slug line a layout program prints on each page of a proof, outside the trim:
# a file name of QuarkXPress, InDesign, FrameMaker or PageMaker, then a date and a time, and
# the page ("14773_01_1-174_r9jm.qxd 2/10/04 3:46 PM Page 4", "Chapter3.indd 57 3/14/11 10:22:05 AM").
SLUG_LINE = regex.compile(
    r"\b[\w.-]+\.(?:qxd|qxp|indd|indb|fm|pmd|p65)\b.{0,24}?\b\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?",
    regex.IGNORECASE,
)
# A margin line number as a reader spells it: digits only, "5", "120" (never "5." or "iv").
LINE_NUMBER = regex.compile(r"^\d{1,4}$")

# --- notes -----------------------------------------------------------------------------
# The title of a notes section: "Notes", "Endnotes", "NOTES", "Footnotes", "Notes:".
# The heading of a reference list: "References", "Bibliography", "Works Cited", "Literatur".
REFERENCES_HEADING = regex.compile(
    r"^(?:references|reference list|bibliography|works cited|literature cited|literatur|literaturverzeichnis|"
    r"références|bibliographie|referencias|bibliografía)\s*:?$",
    regex.IGNORECASE,
)
# Operators and relations that make a stretch of text a formula: "x² = y", "0 ≤ t < ½".
MATH_SIGNS = frozenset("=<>≤≥≠≈≡+−×·÷^∈∉⊂⊆⊃∪∩→↦⇒∞∑∏∫√±∓∘")
# Words after which a raised 2 or 3 is an exponent ("km2", "m³"), not a marker.
UNIT_WORDS = frozenset({"km", "m", "cm", "mm", "µm", "nm", "dm", "ft", "in", "mi", "yd", "sq", "m3", "km3", "s", "m/s"})
# A raised number with its sign, a power: the "-3" of "10-3" printed 10⁻³.
SIGNED_NUMBER = regex.compile(r"^[-−+]\d{1,3}$")
# A word (two letters or more, maybe closed by punctuation) that a raised letter marker
# follows: "deaths" of "deathsᵃ", "total.” of "total.”ᵇ".
WORD_BEFORE_LETTER_MARKER = regex.compile(r"\p{L}{2,}[.,;:”’)]?$")
# Functions whose power is written on their name: "sin² φ", "log³ n".
MATH_FUNCTIONS = frozenset({"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan",
                            "log", "ln", "lg", "exp", "det", "tr"})
# Closing quotation marks: a marker after a quotation ("deconstruct”¹") is after a word.
CLOSING_QUOTES = frozenset("”’\"»“")
# A Latin or Greek letter standing alone, a formula's variable: the "x" and "t" of "x < t",
# "H" of "H(t; s)" (a one-syllable Korean word is a word).
LONE_LETTER = regex.compile(r"(?<![\p{L}\p{M}])[A-Za-z\u0370-\u03ff](?![\p{L}\p{M}])")
# A bracketed citation of numbered references: "[12]", "[3, 4]", "[7–9]" (the numbers inside).
BRACKET_CITATION = regex.compile(r"\[(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\]")
# --- author–year citations ----------------------------------------------------------
_PARTICLES = r"(?:(?:van|von|de|der|den|da|di|du|le|la|del)\s+)*"
_NAME = _PARTICLES + r"\p{Lu}[\p{L}’'\-]+"
_YEAR = r"(?<!\d)(?:1[6-9]|20)\d{2}(?:[a-z](?![\p{L}]))?(?![\d\p{L}])"
_NAMES = rf"{_NAME}(?:(?:,\s*{_NAME})*,?\s+(?:and|&|und)\s+{_NAME}|\s+et\s+al\.?)?"
# A year as a citation prints it: "2003", "2010a" (not "1005" of "pp. 1005-18", nor "20034").
CITED_YEAR = regex.compile(_YEAR)
# A surname or initials, capitalised: "Baltes", "Heydens-Gahir", "O’Brien", "M.R." (initials
# are told apart later).
SURNAME = regex.compile(r"\p{Lu}[\p{L}’'\-.]*")
# A reference entry opens with its first author's surname and a comma: "Baltes, B. and …",
# "van der Berg, J. (2004)".
ENTRY_AUTHORS = regex.compile(rf"^{_NAME},")
# Where a reference entry may open inside a block: a surname, a comma and initials, after
# a space or at the start ("… pp. 61-79. Boisard, P., Cartron, D. …").
ENTRY_OPENING = regex.compile(rf"(?:^|(?<=\s)){_NAME},\s+\p{{Lu}}\.")
# Text between parentheses, where author–year citations stand: "(Costa, 2003; Presser, 1987)".
PARENTHESES = regex.compile(r"\([^()]{4,400}\)")
# One author–year citation inside parentheses: "Costa, 2003", "Frone et al., 1992a, 1993",
# "Henderson and Burt 1998".
CITATION_PART = regex.compile(rf"(?P<names>{_NAMES}),?\s+(?P<years>{_YEAR}(?:,\s*{_YEAR})*)")
# A citation whose names stand in the sentence: "Henderson and Burt (1998, p. 12)", "Presser’s (2003)".
NARRATIVE_CITATION = regex.compile(rf"(?P<names>{_NAMES})(?:['’]s)?\s+\((?P<years>{_YEAR}(?:,\s*{_YEAR})*)(?:[,;][^()]{{0,40}})?\)")
# A number in parentheses after a word, as Science cites its references: "York (1) concluded";
# opening a text only before punctuation ("(10). Using…": a paragraph cut before it).
PARENTHESISED_NUMBER = regex.compile(r"(?<=\S ?)\((\d{1,3})\)|^\((\d{1,3})\)(?=[.,;:])")
NOTES_HEADING = regex.compile(r"^(?:end\s?notes|foot\s?notes|notes|references and notes)\s*:?$", regex.IGNORECASE)
# A raised range of note numbers, one place citing several notes: "3-5", "7–9" (notes
# 3, 4 and 5; 7, 8 and 9).
MARKER_RANGE = regex.compile(r"^(\d{1,3})[-–](\d{1,3})$")
# A note keyed by a symbol set close against its first word, as court covers print a
# counsel's note: "*Admission before this Court currently pending".
GLUED_SYMBOL_NOTE_START = regex.compile(r"^\s*(?P<m>\*{1,3}|†{1,2}|‡{1,2})(?P<text>\p{Lu}\S*(?:\s.*)?)$")
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

# --- the report --------------------------------------------------------------------------
# What the report highlights in a text export's raw text: glyph-spacing runs (tabs, NBSP,
# typographic spaces), broken hyphen sequences, zero-width and control characters:
# "rights-\u2010\u2011respecting\t \u00a0norms" has two.
REPORT_ARTIFACT = regex.compile(
    f"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000][{SPACE_CHARS}]*|-?[\u2010\u2011][-\u2010\u2011]*|[\u200b\u2060\ufeff\u180e\u00ad]+"
)
# --- PDF fonts, glyphs and metadata ----------------------------------------------------
# A font name that says bold: "Helvetica-Bold", "ArialMT,Bold", "Gotham-Black".
BOLD_FONT = regex.compile(r"bold|black|heavy", regex.IGNORECASE)
# A font name that says italic: "Times-Italic", "KIDKQO+Times-Italic", "Arial-ItalicMT", "Helvetica-Oblique".
ITALIC_FONT = regex.compile(r"italic|oblique", regex.IGNORECASE)
# A glyph the font cannot map to Unicode, as pdfminer spells it: "(cid:12)".
CID_GLYPH = regex.compile(r"^\(cid:\d+\)$")
# The few XMP fields the reader uses, each looked for only inside its own element:
# '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Brief</rdf:li></rdf:Alt></dc:title>'.
XMP_FIELDS = {
    "Title": regex.compile(r"<dc:title\b[^>]*>(.*?)</dc:title>", regex.DOTALL),
    "Author": regex.compile(r"<dc:creator\b[^>]*>(.*?)</dc:creator>", regex.DOTALL),
    "Subject": regex.compile(r"<dc:description\b[^>]*>(.*?)</dc:description>", regex.DOTALL),
    "CreationDate": regex.compile(r"<xmp:CreateDate>(.*?)</xmp:CreateDate>|xmp:CreateDate=\"([^\"]*)\"", regex.DOTALL),
}
# One value of an XMP list (rdf:Alt / rdf:Seq): "<rdf:li>Ann Lee</rdf:li>"; an empty
# "<rdf:li/>" is skipped.
XMP_ITEM = regex.compile(r"<rdf:li\b[^>]*?(?<!/)>(.*?)</rdf:li>", regex.DOTALL)
# A PDF date: "D:20170220120000Z" (year, then month and day when given).
PDF_DATE = regex.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# An ISO date at a string's start: "2017-02-20T12:00:00Z".
ISO_DATE = regex.compile(r"^(\d{4})-(\d{2})-(\d{2})")

# --- page regions and paragraphs --------------------------------------------------------
# A line that opens a footnote on the page, its marker raised or printed: "\ue0001\ue001See…",
# "12. See…", "* See…". Narrower than NOTE_START (no capital numerals, no "[4]"), because
# it decides on a page's lines, where "I think" must stay body text. A raised marker may
# stand in parentheses: "(¹) OJ C 229…", the EU's Official Journal.
FOOTNOTE_LINE_START = regex.compile(r"^(?:\(?\ue000[^\ue001]{1,8}\ue001|(?:\d{1,3}|[ivxlc]{1,7}|[*†‡§]{1,3})[.)]?\s)")
# A list item's bullet and label at a line start, either or both: "• ", "3) ", "• (a) ".
LIST_START = regex.compile(r"^(?:[•▪◦●○■□‣⁃∙·\-–—*]\s+)?(?:\(?\w{1,4}[.)]\s+)?")
# A lower-case Roman numeral, well formed: "iv", "xiv", "xc" (not "iiii", "vx").
# A line of a counsel's or an office's contact block: an e-mail address, a telephone or fax
# line, a street address: "bbernwanger@lccrsf.org", "Telephone: (415) 814-7631",
# "131 Steuart St #400" (no sentence ends in it).
CONTACT_LINE = regex.compile(
    r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:Telephone|Tel\.|Phone|Fax|Facsimile|Direct|E-?mail)\b:?.*"
    r"|\d{1,6}\s+\p{Lu}[\p{L}.]*(?:\s+[\p{L}\d#.,]+)*)$"
)
# A part's number set on its own line: "I", "IV", "A", "B." (not a lone "a", a word).
LONE_SECTION_NUMERAL = regex.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?$")
ROMAN = regex.compile(r"^c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")

# --- tables ----------------------------------------------------------------------------
# A table caption's start: "Table 2:", "Table 2.", "TABLE 2 –", "Table IV:", "Table 3.1",
# "Table 2-1 FUNCTION_USAGE", "Tableau 1 :", "Tabelle 3", "[표 1]", "表2".
TABLE_CAPTION = regex.compile(
    r"^\s*(?:(?:Table|TABLE|Tab\.|Tableau|TABLEAU|Tabla|TABLA|Tabelle|TABELLE|Tabella|Tabel|Taula)\s+"
    r"(?>[A-Z]?[0-9]+(?:[.-][0-9]+)*|[IVXLC]+|[A-Z])\s*(?:[:.–—-]|$|\s+(?=[A-Z0-9*(“\"]))"
    r"|\[?(?:표|表)\s*[0-9]+\]?)"
)
# A figure's caption: "Figure 3-5 Special registers …", "Fig. 2:", "Chart 4.".
FIGURE_CAPTION = regex.compile(r"^\s*(?:Figure|FIGURE|Fig\.|Chart|CHART|Exhibit|Diagram)\s+[0-9A-Z][\w.-]*\s*(?:[:.–—-]|\s|$)")
# What a caption says when its table goes on from the page before: "(continued)", "(cont.)".
CONTINUED = regex.compile(r"\(?\b(?:continued|cont\.|cont'd|suite|fortsetzung|Forts\.|continuación)\)?", regex.IGNORECASE)
# A caption's number, after its first word: "4" in "Table 4: Detention", "2-1" in "Table 2-1 (continued)".
CAPTION_NUMBER = regex.compile(r"^\W*\w+\W+([\w.-]+?)[\s:.(]")
# A cell that is a number as printed: "1,234", "12.5%", "(3)", "–0.5", "$40", "*2,247".
CELL_NUMBER = regex.compile(r"^[*†]*[(\[]?[-–−+]?[$€£]?\s?\d[\d,.\s]*%?[)\]]?[*†]*$")
# A bare number once signs, brackets and units are gone: "1,234", "12.5", ".5" (not "1.2.3").
PLAIN_NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
# A year ("2005"): numeric, yet the usual content of a header cell.
YEAR = regex.compile(r"^(?:1[89]|20)\d\d$")
# One value of a column that pdfplumber stacked into one cell: no space and no word
# ("291,099", "*****", "(X)", "–").
STACKED_VALUE = regex.compile(r"^(?!.*[^\W\d_]{2})\S+$")
# Leader dots that run from a row label towards its figures: "All ages . . . . . .".
DOT_LEADER = regex.compile(r"(?:\s*\.){2,}\s*$")
# A row label holds a word or starts with a year: "All ages", "2006 (*)".
ROW_LABEL_TEXT = regex.compile(r"[^\W\d_]|^(?:1[89]|20)\d\d\b")
# Fonts that set mathematics (TeX's math italic, symbols and extensions, their Latin Modern
# and STIX heirs, Cambria Math): displayed formulas align like columns, yet are no table.
# "CMMI10", "ABCDEF+CMSY8", "CambriaMath".
MATH_FONT = regex.compile(
    r"(?:^|\+)(?:CMMI|CMSY|CMEX|MSAM|MSBM|EUFM|RSFS|LMMathItalic|LMMathSymbols|STIXMath|CambriaMath)|Math", regex.IGNORECASE
)
# A header line of units in parentheses ("(thousands)", "(%)"): a header row of its own,
# flattened as "Arrivals / (thousands)", not the rest of a wrapped head.
UNITS = regex.compile(r"^\([^()]*\)$")
# A cell of leader dots, bullets, stars, brackets or bare operators: what a contents page, a
# dot diagram, a court caption's column of ")" or a formula cut into columns gives
# (". . . .", "•", ")"). Dashes ("–" for zero) and arrows are data; a table's few "*****"
# cells stay under the share allowed.
FILLER_CELL = regex.compile(r"^[\s.·•…:;,=+_~^*)(§]+$")
# A cell that ends in leader dots and page numbers: an entry of a contents page or an index
# ("Estimated tax penalty .......25"), laid out in columns but no table.
LEADER_CELL = regex.compile(r"(?:\.\s?){3,}\s*[\dIVXLCivxlc,\s–-]*$")
# A chart's value label cut apart by the rectangles it is drawn in: ".4", "20.".
CUT_FIGURE = regex.compile(r"\.\d+|\d+\.")
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
OCR_LIST_KEY_COMMA = regex.compile(rf"^(?:\d{{1,3}}|{ROMAN_BELOW_100}),$")
"""A note list's key whose full stop OCR read as a comma (a speck under it): ``ix,``."""
OCR_CAPITAL_ROMAN_KEY = regex.compile(r"^(?=[IVX]*[VX])[IVX]{1,6}\.$")
"""A list key in roman capitals with an ``X`` or a ``V`` (``XIV.``), whose case OCR may have
got wrong: a lower-case ``x`` or ``v`` has a capital's shape, only its height tells."""
WEB_ENDING = regex.compile(r"^(?:com|org|net|gov|edu|int|mil|io|uk|eu|de|fr|us|ca|html?|pdf)\W*$", regex.IGNORECASE)
"""What follows the dot of a web or file name (``ice.gov``, ``report.pdf``): not a speck."""


# --- moved here from the modules that use them -------------------------------------------

# A word for shingles and block keys: letters and digits only, so that punctuation, quotes
# and dashes that one reader kept and another straightened do not tell two copies apart.
CORPUS_WORD = regex.compile(r"[\p{L}\p{N}]+")
# Numbers in a template change from one issue to the next (``© 2019``, ``© 2020``).
NUMBER_RUN = regex.compile(r"\p{N}+")
# The word a glued tail hangs on, searched backwards from the tail: "memo" in "memoii".
STEM = regex.compile(r"(?r)[\p{L}\p{M}'’]+")
# The anchor of a footnote row: the word (letters, digits, accents) that ends at or before
# a marker's offset: "Order" in "Executive Order".
ANCHOR_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+")
# A hyphen between two letters inside a line: ``nicht-kommerziell``, ``rights-respecting``.
INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_]{2})")
# A run of letters (no digits, no underscore): the words a hyphen joins.
LETTER_RUN = re.compile(r"[^\W\d_]+")
# Superscript digits after a letter or punctuation: ``policies¹⁴`` (``km²`` is excepted
# below).
UNICODE_SUPERSCRIPT_RUN = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]”’\"'])([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?![⁰¹²³⁴⁵⁶⁷⁸⁹\ue002])")
# What a raised run may say to count as a footnote marker: ``12``, ``xiv``, ``*``, ``††``.
# Ordinal endings (``th``, ``er``) and trademarks are raised too, but are not markers.
# A raised note number closed by a parenthesis, as Korean and Japanese documents print it: "1)".
RAISED_CLOSED_NUMBER = re.compile(r"^\d{1,3}\)$")
MARKER_TEXT = re.compile(r"^(?:\d{1,3}|[ivxl]{1,7}|[IVX]{1,7}|[*†‡§¶]{1,3})$")
# A run of Latin letters and digits (with the punctuation and spaces inside it) that keeps
# its left-to-right order inside a right-to-left line: ``R``, ``Python``, ``2020``.
LEFT_TO_RIGHT_RUN = re.compile(
    r"[0-9A-Za-z\u00c0-\u024f\ue000\ue001](?:[0-9A-Za-z\u00c0-\u024f\ue000\ue001.,:;/%'’()\- ]*[0-9A-Za-z\u00c0-\u024f\ue000\ue001])?"
)
# Text ending in a one-letter symbol, Latin or Greek: ``R``, ``(g``, ``3x``, ``+z``, ``σ``
# (not ``Order``, nor a one-syllable Korean word such as ``목``, which takes markers).
SINGLE_LETTER_END = re.compile(r"(?:^|[^\w’'])[A-Za-z\u0370-\u03ff]$")
# Fonts whose glyphs are pictures: their ``!``, ``¢`` or ```` is a bullet drawn as
# a symbol (WordPerfect's typographic symbols, Wingdings), not the letter it maps to.
DINGBAT_FONT = re.compile(r"wingdings|webdings|dingbat|zapf|typographicsymbols|symbol", re.IGNORECASE)
# What tells a block's language: its letters (``\p{L}``), without the marker brackets; fastText
# reads one line, so line ends (and tabs, glue) become single spaces; a Latin word in a line
# of another script (``R`` and ``Python`` in an Arabic sentence) is told on its own.
LETTER = regex.compile(r"\p{L}")
MARKUP = regex.compile("[\ue000\ue001]")
SPACES = regex.compile(r"\s+")
LATIN_WORD = regex.compile(r"\p{Latin}[\p{Latin}\p{M}'’]*")
