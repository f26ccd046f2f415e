"""Properties of the text rules, over words joined by random export artifacts.

Inputs are built from tokens that each know their clean spelling, so that ligature and
mojibake repairs can be accounted for: ``(printed, clean)``.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.process import process_text

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REAL_WORDS = [
    "the", "Executive", "Order", "regarding", "immigration", "enforcement", "police", "community", "nation.",
    "officials,", "policies;", "memo", "county", "detainer", "requests", "courts", "trust", "state", "Act",
]
TRAPS = [
    "Hawaii", "taxi", "six", "Levi", "Title VI", "Louis XIV", "World War II", "in 2017.", "287(g)", "COVID-19",
    "$1.5", "non-citizens", "long-term", "rights-respecting", "2017–2018", "“deconstruct”", "sheriff’s", "§",
    "8 U.S.C. § 1373", "civic", "alibi", "Mexico", "Ohio", "xi", "mix", "Vic", "XVI", "CO2", "G20",
]
GLUED = ["Orderi", "memoii", "nation.iii", "“deconstruct”iv", "state;v", "policies1", "requests,2", "victims*", "police.†"]
# (printed, clean) pairs for repairs that change letters: ligatures and mojibake.
REPAIRED = [
    ("\ufb01nancial", "financial"), ("con\ufb02ict", "conflict"), ("of\ufb01ce", "office"),
    ("sheriffâ€™s", "sheriff’s"), ("cafÃ©", "café"), ("rÃ©sumÃ©", "résumé"),
]
GLUE = ["\t \u00a0", "\t \u00a0\t \u00a0", " ", "  ", "\u00a0", "\u2009", " \u200b", "\t"]
FORBIDDEN = ("\t", "\u00a0", "\u2010", "\u2011", "\u00ad", "\u200b")


def break_word(word: str, hyphen: str, soft: bool) -> str:
    """Print a word's hyphens as ``hyphen``; put a soft hyphen in long words when asked."""
    word = word.replace("-", hyphen) if "-" in word and word[0].isalpha() else word
    if soft and len(word) >= 6 and word.isalpha():
        word = word[:3] + "\u00ad" + word[3:]
    return word


@st.composite
def tokens(draw, kinds=("real", "trap", "glued", "repaired")):
    kind = draw(st.sampled_from(kinds))
    if kind == "repaired":
        return draw(st.sampled_from(REPAIRED))
    word = draw(st.sampled_from({"real": REAL_WORDS, "trap": TRAPS, "glued": GLUED}[kind]))
    printed = break_word(word, draw(st.sampled_from(["-", "-\u2010\u2011", "\u2010", "\u2011"])), draw(st.booleans()))
    return printed, word


@st.composite
def exports(draw, min_words=3, max_words=25, kinds=("real", "trap", "glued", "repaired")):
    """A one-line export: tokens joined by glue, with a trailing glyph-spacing run."""
    parts = draw(st.lists(tokens(kinds), min_size=min_words, max_size=max_words))
    printed = ""
    clean = []
    for index, (word, spelled) in enumerate(parts):
        printed += (draw(st.sampled_from(GLUE)) if index else "") + word
        clean.append(spelled)
    return printed + draw(st.sampled_from(GLUE)), " ".join(clean)


def document_of(text: str):
    """What ``clean_text`` builds, with its footnotes: a one-page string export."""
    return process_text(text)


def letters_and_digits(text: str) -> Counter[str]:
    return Counter(c for c in text if c.isalnum())


WITHOUT_MARKERS = ("real", "trap", "repaired")


@FAST
@given(exports(kinds=WITHOUT_MARKERS))
def test_cleaning_is_idempotent(export):
    """Only for inputs without glued markers: a second pass restarts the marker sequence,
    so a tail that the first pass left (``Orderi Orderi``: the second ``i`` is not the
    expected ``ii``) is taken the second time. That case is kept on record below."""
    printed, _ = export
    once = pipeline.clean_text(printed)
    assert pipeline.clean_text(once) == once


@FAST
@given(exports())
def test_cleaning_keeps_every_letter_and_digit_but_the_markers(export):
    printed, spelled = export
    document = document_of(printed)
    markers = Counter(c for footnote in document.footnotes for c in footnote.marker if c.isalnum())
    expected = letters_and_digits(spelled)
    got = letters_and_digits(document.text)
    assert got + markers == expected, (sorted((got + markers - expected).elements()), sorted((expected - got - markers).elements()))


@FAST
@given(exports())
def test_output_holds_no_artifact(export):
    printed, _ = export
    cleaned = pipeline.clean_text(printed)
    for character in FORBIDDEN:
        assert character not in cleaned, repr(character)
    assert "  " not in cleaned


@FAST
@given(st.lists(exports(kinds=WITHOUT_MARKERS), min_size=1, max_size=5))
def test_cleaning_several_lines_is_idempotent_and_clean(lines):
    text = "\n".join(printed for printed, _ in lines)
    once = pipeline.clean_text(text)
    assert pipeline.clean_text(once) == once
    assert not any(character in once for character in FORBIDDEN)


@FAST
@given(st.lists(st.sampled_from(TRAPS + REAL_WORDS), min_size=3, max_size=20))
def test_clean_text_is_left_as_it_is(words):
    """Text with no artifact and no glued marker comes back unchanged (one paragraph)."""
    text = " ".join(words)
    assert pipeline.clean_text(text) == text + "\n"


def test_known_limit_marker_sequence_restarts_on_a_second_pass():
    """On record: cleaning twice removes a repeated glued marker that one pass keeps."""
    # long enough to be told English: a text too short to tell gets no word list, and then no
    # glued letter is taken without the next marker to prove it (see test_languages.py)
    text = "the\t \u00a0Orderi\t \u00a0Orderi\t \u00a0was signed by the president of the United States"
    once = pipeline.clean_text(text)
    assert once == "the Order Orderi was signed by the president of the United States\n"
    assert pipeline.clean_text(once) == "the Order Order was signed by the president of the United States\n"
