"""Rejoin lines into running text, and words that a line end split.

``immi-`` / ``gration`` becomes ``immigration`` because the joined word is a word and is
more common than its parts; ``non-`` / ``citizens`` stays ``non-citizens`` because the
joined ``noncitizens`` is rarer than either part: the hyphen was the writer's. The words
are looked up in the text's own language (French ``recomman-`` / ``dations``, German
``Staats-`` / ``angehörigkeit``); in a language without a word list the hyphen stays.
Chinese, Japanese and Korean lines join without a space: their line breaks fall inside
words (``돌입하였다``).
"""

from __future__ import annotations

from pipeline import patterns
from pipeline.patterns import INNER_HYPHEN, LETTER_RUN
from pipeline.words import ENGLISH, Lexicon, word_frequency

__all__ = ["WrittenHyphens", "WrittenPrefixes", "join_line", "should_drop_hyphen", "word_frequency"]


class WrittenHyphens:
    """The compounds a text writes with a hyphen inside its lines, looked for only when a
    line-end hyphen is first in question (most documents never ask).

    >>> forms = WrittenHyphens("la licence nicht-kommerziell et une autre")
    >>> ("nicht", "komme") in forms, ("staats", "angeh") in forms
    (True, False)
    """

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._forms: set[tuple[str, str]] = set()

    def __contains__(self, pair: object) -> bool:
        if self._text is not None:
            text, self._text = self._text, None
            for match in INNER_HYPHEN.finditer(text):
                start = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
                after = LETTER_RUN.match(text, match.end())
                if after:
                    self._forms.add((text[start : match.start()].lower(), after.group().lower()[:5]))
        return pair in self._forms


CLOSED_COMPOUNDS = frozenset({"de", "nl", "sv", "da", "nb", "fi", "hu", "is"})
"""Languages that write compounds as one word: a line-end hyphen before a small letter is a
syllable break (``Verwaltungs-`` / ``gerichte``), a writer's hyphen comes before a capital
(``EU-`` / ``Recht``), so a known joined word or a known second part is enough."""


def should_drop_hyphen(before: str, after: str, lexicon: Lexicon = ENGLISH) -> bool:
    """Whether ``before-`` at a line end and ``after`` at the next line's start are one word.

    >>> should_drop_hyphen("immi", "gration")
    True
    >>> should_drop_hyphen("non", "citizens")
    False
    >>> should_drop_hyphen("long", "term")
    False
    >>> should_drop_hyphen("recomman", "dations", Lexicon.of("fr"))
    True
    >>> should_drop_hyphen("Verwaltungs", "gerichte", Lexicon.of("de"))
    True
    """
    if (before.lower(), after.lower()[:5]) in lexicon.written_hyphens:
        return False  # the document writes "nicht-kommerziell" so elsewhere
    joined = lexicon.own_frequency(before + after)
    if lexicon.languages[0] in CLOSED_COMPOUNDS and lexicon.known:
        return joined > 0.0 or lexicon.own_frequency(after) > 0.0
    if joined == 0.0:
        return False
    return joined >= min(lexicon.own_frequency(before), lexicon.own_frequency(after))


class WrittenPrefixes:
    """The beginnings of the Korean words a text writes inside its lines (``돌입`` of
    ``돌입한``), gathered when a line first ends in Hangul.

    >>> "돌입" in WrittenPrefixes("단계에 돌입한 와중에 다시"), "상재" in WrittenPrefixes("보험약관상 재해")
    (True, False)
    """

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._prefixes: set[str] = set()

    def __contains__(self, prefix: object) -> bool:
        if self._text is not None:
            text, self._text = self._text, None
            for line in text.split("\n"):
                for word in patterns.HANGUL_WORD.findall(line)[1:-1]:  # a line's ends may be broken words
                    self._prefixes.update(word[:end] for end in range(2, len(word) + 1))
        return prefix in self._prefixes


def joins_without_space(text: str, following: str, lexicon: Lexicon = ENGLISH) -> bool:
    """Whether two lines meet inside a word: between Chinese or Japanese characters always
    (they write no spaces); between Hangul syllables when the document writes the joined
    beginning inside a line elsewhere (``돌`` / ``입하였다`` → ``돌입…``: Korean breaks lines
    at word spaces too, ``보험약관상`` / ``재해보험금``).

    >>> joins_without_space("中国", "政府"), joins_without_space("end", "start")
    (True, False)
    >>> joins_without_space("단계에 돌", "입하였다", Lexicon(written_words=WrittenPrefixes("이미 돌입한 단계")))
    True
    >>> joins_without_space("보험약관상", "재해보험금", Lexicon(written_words=WrittenPrefixes("이미 돌입한 단계")))
    False
    """
    if text[-1:] < "\u1100" or following[:1] < "\u1100":  # below Hangul Jamo: no CJK letter
        return False
    if not patterns.CJK_END.search(text) or not patterns.CJK_START.match(following):
        return False
    if not patterns.HANGUL_END.search(text):
        return True
    last = patterns.HANGUL_END.search(text)
    return last is not None and last.group() + following[0] in lexicon.written_words


def join_line(text: str, following: str, lexicon: Lexicon = ENGLISH, *, dehyphenate: bool = True) -> tuple[str, bool]:
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
            if dehyphenate and should_drop_hyphen(split.group(1), start.group(1), lexicon):
                return text[:-1] + following, True
            return text + following, False
        if split and following[:1].isupper():
            return text + following, False  # "Jean-" / "Paul", "Anti-" / "Defamation"

    if text.endswith(("—", "/")) or joins_without_space(text, following, lexicon):
        return text + following, False
    return text + " " + following, False
