"""The word lists behind every "is this a word?" decision, in the document's language.

Markers (``Orderi`` or ``parmi``?) and dehyphenation (``immi-`` / ``gration``) ask how common
a word is. wordfreq answers for about 40 languages; for any other, :class:`Lexicon` knows it
has no list, and the callers fall back to their conservative rule (never split letters off a
word on the word list's say-so, keep a line-end hyphen).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field, replace
from functools import lru_cache


@lru_cache(maxsize=1)
def word_list_languages() -> frozenset[str]:
    """The ISO 639-1 codes wordfreq has a word list for (``en``, ``fr``, ``de``, ``vi`` …)."""
    from wordfreq import available_languages

    # Chinese, Japanese and Korean lists need tokenizers wordfreq does not install (jieba,
    # MeCab); their words end in no Latin letter a marker could be taken for anyway.
    return frozenset(code for code in available_languages("best") if len(code) == 2 and code not in ("ja", "zh", "ko"))


@lru_cache(maxsize=262144)
def word_frequency(word: str, language: str = "en") -> float:
    """The Zipf frequency of a word in a language (0 for an unknown word or language).

    >>> word_frequency("parmi", "fr") > 4
    True
    >>> word_frequency("parmi", "xx")
    0.0
    """
    if language not in word_list_languages():
        return 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), language)


@dataclass(frozen=True)
class Lexicon:
    """The word lists one decision consults: the text's language, then English (whose words —
    names of laws, agencies, quoted titles — turn up in documents of every language).

    ``known`` is False when the text's own language has no list: then no word list may
    decide that a word's last letters are not part of it.
    """

    languages: tuple[str, ...] = ("en",)
    known: bool = True
    written_hyphens: Container[tuple[str, str]] = field(default=frozenset(), compare=False, repr=False)
    """Compounds the document itself writes with a hyphen inside a line, as ``(first part,
    first five letters of the second)``: its own spelling outranks any word list."""

    written_words: Container[str] = field(default=frozenset(), compare=False, repr=False)
    """Beginnings of the words the document writes inside its lines (for Korean line joins)."""

    def with_written_hyphens(self, forms: Container[tuple[str, str]]) -> Lexicon:
        return replace(self, written_hyphens=forms)

    def with_written_words(self, prefixes: Container[str]) -> Lexicon:
        return replace(self, written_words=prefixes)

    @classmethod
    def of_text(cls, language: str, likely: tuple[str, ...]) -> Lexicon:
        """The lexicon of a text in ``language`` that may be written in part in the
        ``likely`` languages too: a word of any of them is a word (never split).

        >>> Lexicon.of_text("fr", ("fr", "it"))
        Lexicon(languages=('fr', 'it', 'en'), known=True)
        """
        own = cls.of(language)
        extra = tuple(code for code in likely if code in word_list_languages() and code not in own.languages)
        return cls((own.languages[0], *extra, *own.languages[1:]), own.known)

    @classmethod
    def of(cls, language: str) -> Lexicon:
        """The lexicon for a text in ``language`` (``und`` when unknown).

        >>> Lexicon.of("fr")
        Lexicon(languages=('fr', 'en'), known=True)
        >>> Lexicon.of("km").known
        False
        """
        if language == "en":
            return cls(("en",), True)
        if language in word_list_languages():
            return cls((language, "en"), True)
        return cls(("en",), False)

    def frequency(self, word: str) -> float:
        """The highest Zipf frequency of ``word`` in any of the lexicon's languages.

        >>> Lexicon.of("it").frequency("migranti") > 3
        True
        """
        return max(word_frequency(word, language) for language in self.languages)

    def own_frequency(self, word: str) -> float:
        """The Zipf frequency of ``word`` in the text's own language alone (for rejoining
        words split at a line end, which must be words of the text itself)."""
        return word_frequency(word, self.languages[0]) if self.known else 0.0


ENGLISH = Lexicon()
