"""A light guess of a document's language from its most common function words and script.

Enough for ``metadata.language`` in a corpus record; no model is downloaded or loaded.
"""

from __future__ import annotations

from collections import Counter

import regex

FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "as", "on", "are", "by", "this", "be"},
    "fr": {"le", "la", "les", "et", "des", "du", "est", "en", "une", "un", "pour", "dans", "que", "qui", "sur"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "auf", "für", "im"},
    "es": {"el", "la", "los", "las", "y", "de", "que", "en", "por", "con", "una", "para", "del", "se", "es"},
    "it": {"il", "di", "che", "e", "la", "per", "un", "non", "sono", "della", "gli", "con", "del", "le", "una"},
    "pt": {"o", "os", "da", "do", "que", "em", "para", "com", "uma", "não", "dos", "das", "ao", "se", "é"},
    "nl": {"de", "het", "een", "en", "van", "is", "dat", "op", "te", "zijn", "voor", "met", "niet", "die", "aan"},
}
SCRIPTS = (
    ("ar", regex.compile(r"\p{Arabic}")), ("zh", regex.compile(r"\p{Han}")), ("ja", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("ko", regex.compile(r"\p{Hangul}")), ("ru", regex.compile(r"\p{Cyrillic}")), ("el", regex.compile(r"\p{Greek}")),
    ("he", regex.compile(r"\p{Hebrew}")),
)
KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
WORD = regex.compile(r"\p{L}+")
SAMPLE = 20000


def guess_language(text: str) -> str:
    """An ISO 639-1 code, or ``und`` when the text gives too little to tell.

    >>> guess_language("The very premise on which these policies rely is false and the rest.")
    'en'
    >>> guess_language("Les politiques de la ville sont dans le rapport et pour les gens.")
    'fr'
    """
    sample = text[:SAMPLE]
    found = WORD.findall(sample)
    if not found:
        return "und"
    if KANA.search(sample):  # kana is Japanese only, even among many Han characters
        return "ja"
    letters = sum(len(word) for word in found)
    for code, script in SCRIPTS:
        if len(script.findall(sample)) > 0.3 * letters:
            return code
    words = Counter(word.lower() for word in found)
    scores = {code: sum(words[w] for w in vocabulary) for code, vocabulary in FUNCTION_WORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    total = sum(words.values())
    return best if scores[best] >= max(3, 0.1 * total) else "und"
