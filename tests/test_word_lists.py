"""The compact word lists give wordfreq's own answers, for a fraction of its memory."""

from __future__ import annotations

import tracemalloc

import pytest
import wordfreq
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.language import COMMON_WORDS, common_words
from pipeline.word_lists import word_list, zipf_frequency
from pipeline.words import word_frequency, word_list_languages

TRICKY = ["Hawaii", "taxi", "parmi", "migranti", "immi", "gration", "don't", "l'on", "1990s", "B-52", "3.14",
          "Straße", "STRASSE", "e-mail", "co-operation", "", "  ", "§", "42", "2020", "Ünïcödé", "a\udb82b",
          "état-civil", "U.S.", "naïve", "word123", "ﬁnance", "Gruppenhomomorphismus", "Überdeckung"]


@pytest.mark.parametrize("language", ["de", "en", "fr", "it", "ru", "vi"])
def test_words_of_the_list_and_others_get_wordfreqs_frequency(language):
    words = list(wordfreq.iter_wordlist(language))
    sample = words[::211] + [word.upper() for word in words[:3000:13]] + [word + "s" for word in words[:3000:11]] + TRICKY
    assert [zipf_frequency(word, language) for word in sample] == [wordfreq.zipf_frequency(word, language) for word in sample]


@pytest.mark.slow
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_word_of_the_list_gets_wordfreqs_frequency(language):
    words = list(wordfreq.iter_wordlist(language))
    assert [zipf_frequency(word, language) for word in words] == [wordfreq.zipf_frequency(word, language) for word in words]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aeinrstuäöüßéçABZ019'-. "), max_size=14), st.sampled_from(["de", "en", "fr"]))
def test_any_string_gets_wordfreqs_frequency(word, language):
    assert word_frequency(word, language) == wordfreq.zipf_frequency(word.lower(), language)


@pytest.mark.parametrize("language", ["de", "en", "fr", "ar", "vi"])
def test_the_commonest_words_are_wordfreqs_top_words(language):
    assert common_words(language) == frozenset(wordfreq.top_n_list(language, COMMON_WORDS))


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_two_words_of_a_list_share_a_hash(language):
    assert len(word_list(language).hashes) == len(set(wordfreq.iter_wordlist(language)))


def test_the_german_list_is_built_and_kept_in_a_tenth_of_wordfreqs_memory():
    """wordfreq holds 66 MiB for German (its list and its dict of 634,502 words); the compact
    list keeps 10 bytes a word, and reading it never holds the whole list as strings."""
    word_list.cache_clear()
    tracemalloc.start()
    try:
        table = word_list("de")
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert table.band("gruppe") is not None
    assert kept < 8 * 2**20
    assert peak < 24 * 2**20


def test_every_language_with_a_word_list_is_read():
    for language in sorted(word_list_languages()):
        assert len(word_list(language).commonest(COMMON_WORDS)) == COMMON_WORDS
