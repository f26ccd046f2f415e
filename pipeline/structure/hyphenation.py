"""Rejoin lines into running text, and words that a line end split.

``immi-`` / ``gration`` becomes ``immigration`` because the joined word is a word and is
more common than its parts; ``non-`` / ``citizens`` stays ``non-citizens`` because the
joined ``noncitizens`` is rarer than either part: the hyphen was the writer's.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline import patterns


@lru_cache(maxsize=65536)
def word_frequency(word: str) -> float:
    """The Zipf frequency of a word in English (0 for an unknown word), from wordfreq."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


def should_drop_hyphen(before: str, after: str) -> bool:
    """Whether ``before-`` at a line end and ``after`` at the next line's start are one word.

    >>> should_drop_hyphen("immi", "gration")
    True
    >>> should_drop_hyphen("non", "citizens")
    False
    >>> should_drop_hyphen("long", "term")
    False
    """
    joined = word_frequency(before + after)
    if joined == 0.0:
        return False
    return joined >= min(word_frequency(before), word_frequency(after))


def join_line(text: str, following: str, *, dehyphenate: bool = True) -> tuple[str, bool]:
    """Append the next line of a block to the text so far; say whether a hyphen was dropped.
    With ``dehyphenate`` off a line-end hyphen is always kept, as printed.

    >>> join_line("the immi-", "gration law")
    ('the immigration law', True)
    >>> join_line("crimes by non-", "citizens in")
    ('crimes by non-citizens in', False)
    >>> join_line("Executive", "Order")
    ('Executive Order', False)
    >>> join_line("the immi-", "gration law", dehyphenate=False)
    ('the immi-gration law', False)
    """
    if not text:
        return following, False
    if not following:
        return text, False
    if text.endswith("-") and not text.endswith("--"):
        if following[:1].isdigit():
            return text + following, False  # "COVID-" / "19", "2017-" / "2018"
        split = patterns.LINE_END_HYPHEN.search(text)
        start = patterns.LINE_START_WORD.match(following)
        if split and start:
            if dehyphenate and should_drop_hyphen(split.group(1), start.group(1)):
                return text[:-1] + following, True
            return text + following, False
        if split and following[:1].isupper():
            return text + following, False  # "Jean-" / "Paul", "Anti-" / "Defamation"

    if text.endswith(("—", "/")):
        return text + following, False
    return text + " " + following, False
