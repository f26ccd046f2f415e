"""wordfreq's word lists held compactly: about 10 bytes a word instead of about 100.

wordfreq keeps a language's whole list as Python strings twice over (the list of frequency
bands behind ``top_n_list`` and the dict behind ``zipf_frequency``): 66 MiB for German,
33 MiB for English, which alone put a batch worker past its 150 MiB (BENCHMARKS.md, issue
14). Here each language's list is read once per process, when first asked for, into a
sorted array of the words' 64-bit hashes (BLAKE2b, stable across processes, unlike Python's
salted ``hash``) beside each word's frequency band, and the strings are dropped. The
answers are wordfreq's own, to the last bit: the same tokenizer, the same number handling,
the same band-to-frequency conversion and rounding. Two different words sharing a 64-bit
hash would share a frequency; among 634,502 German words the chance of any such pair is
about 1 in 10^8, and none occurs in any of wordfreq's lists (``tests/test_word_lists.py``
checks the German and English ones).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from hashlib import blake2b
from typing import Any

LEADING_WORDS = 1000
"""How many of a language's most frequent words (without digits) are kept as strings."""


def word_hash(word: str) -> int:
    """A word's stable 64-bit hash (the same in every process and on every machine).

    >>> word_hash("parmi") == word_hash("parmi") != word_hash("parmis")
    True
    """
    return int.from_bytes(hash_bytes(word), "little")


def hash_bytes(word: str) -> bytes:
    """The 8 bytes of a word's BLAKE2b digest, as :func:`word_hash` reads them (little-endian)."""
    return blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()


@dataclass(frozen=True)
class WordList:
    """One language's words as sorted hashes, each with its frequency band in centibels
    below certainty (wordfreq's band index: 0 is a frequency of 1, 100 is 1 in 10, …),
    and its most frequent words, in wordfreq's order, as strings."""

    hashes: array = field(repr=False)
    """The hashes, sorted, one per distinct word (8 bytes each)."""
    bands: array = field(repr=False)
    """The band of the word whose hash is at the same place (2 bytes each)."""
    leading: tuple[str, ...] = field(repr=False)

    def band(self, word: str) -> int | None:
        """The word's band, or None for a word not on the list (a bisect: one word at a
        time is how the callers ask, and their answers are cached)."""
        key = word_hash(word)
        place = bisect_left(self.hashes, key)
        if place < len(self.hashes) and self.hashes[place] == key:
            return self.bands[place]
        return None

    def commonest(self, count: int) -> tuple[str, ...]:
        """The ``count`` most frequent words without a digit, as wordfreq's ``top_n_list``."""
        if count > LEADING_WORDS:
            raise ValueError(f"only the {LEADING_WORDS} most frequent words are kept, not {count}")
        return self.leading[:count]


@cache
def word_list(language: str) -> WordList:
    """The language's word list, read from wordfreq's file once per process (the
    ``best`` list, as wordfreq's own functions read it; ``language`` is one of
    :func:`pipeline.words.word_list_languages`)."""
    import numpy as np
    from wordfreq import available_languages
    from wordfreq.numbers import has_digit_sequence

    hashes: list[Any] = []
    leading: list[str] = []
    sizes: list[int] = []
    for bucket in frequency_bands(available_languages("best")[language]):
        hashes.append(np.frombuffer(b"".join([hash_bytes(word) for word in bucket]), dtype="<u8"))
        sizes.append(len(bucket))
        if len(leading) < LEADING_WORDS:
            leading += [word for word in bucket if not has_digit_sequence(word)][: LEADING_WORDS - len(leading)]
    every = np.concatenate(hashes).astype(np.uint64, copy=False)  # native order, as array("Q") reads it
    del hashes
    order = np.argsort(every, kind="stable")
    every = every[order]
    bands = np.repeat(np.arange(len(sizes), dtype=np.uint16), sizes)[order]
    del order
    # a word listed in two bands keeps the later one, as wordfreq's dict does
    last = np.append(every[1:] != every[:-1], True)
    if not last.all():
        every, bands = every[last], bands[last]
    return WordList(packed("Q", every), packed("H", bands), tuple(leading))


def packed(typecode: str, numbers: Any) -> array:
    """A numpy array's numbers as a plain ``array`` (one copy; a bisect reads it without numpy)."""
    kept = array(typecode)
    kept.frombytes(memoryview(numbers).cast("B"))
    return kept


def frequency_bands(path: str) -> Iterator[list[str]]:
    """The bands of a wordfreq ``cBpack`` file one at a time (wordfreq's ``read_cBpack``
    reads the whole list into memory at once, 46 MiB of strings for German)."""
    import gzip

    import msgpack

    with gzip.open(path, "rb") as infile:
        unpacker = msgpack.Unpacker(infile, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"{path}: not a wordfreq word list (header {header!r})")
        for _ in range(count - 1):
            yield unpacker.unpack()


def zipf_frequency(word: str, language: str) -> float:
    """wordfreq's ``zipf_frequency(word, language)``, read from the compact list: the word
    tokenized as wordfreq does, its tokens' frequencies combined, rounded the same way.

    >>> zipf_frequency("parmi", "fr") > 4
    True
    """
    from wordfreq import cB_to_freq, freq_to_zipf, lossy_tokenize, zipf_to_freq

    minimum = zipf_to_freq(0.0)
    return round(freq_to_zipf(token_frequency(lossy_tokenize(word, language), language, minimum, cB_to_freq)), 2)


def token_frequency(tokens: list[str], language: str, minimum: float, cb_to_freq: Any) -> float:
    """wordfreq's ``_word_frequency`` on a word's tokens: ``minimum`` when a token is not on
    the list, else ``1 / (1/f1 + 1/f2 …)`` to three significant digits."""
    from wordfreq.numbers import digit_freq, smash_numbers

    if not tokens:
        return minimum
    table = word_list(language)
    one_over_result = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        band = table.band(smashed)
        if band is None:
            return minimum
        freq = cb_to_freq(-band)
        if smashed != token:
            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    unrounded = max(1.0 / one_over_result, minimum)
    if unrounded == 0.0:
        return 0.0
    return round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
