"""Markers found and real, and letters lost, on seed-style exports in five languages.

The exports are the ones the tests generate (``tests/multilingual_exports.py``): French,
Italian, Spanish, Portuguese and German briefs with glued markers and trap words that end
in i, v or x. Prints, per language and overall, the markers found (of the real ones), the
share of found markers that are real, the letters lost and the language detected.

    python benchmarks/multilingual_markers.py
"""

from __future__ import annotations

import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pipeline  # noqa: E402
from tests.export_factory import make_export  # noqa: E402
from tests.multilingual_exports import LANGUAGES, SEED_VARIANT  # noqa: E402


def letters_lost(expected: str, got: str) -> int:
    """Letters cut off the ends of words: the clean text's words side by side with the
    expected ones (a marker left glued to a word adds letters and is not counted here)."""
    lost = 0
    for want, have in zip(expected.split(), got.split()):
        if want != have and want.startswith(have):
            lost += sum(1 for ch in want[len(have):] if unicodedata.category(ch).startswith("L"))
    return lost


def main() -> None:
    total_real = total_found = total_right = total_lost = 0
    with tempfile.TemporaryDirectory() as folder:
        for code, blocks in LANGUAGES.items():
            export = make_export(blocks, SEED_VARIANT)
            path = Path(folder) / f"{code}.txt"
            path.write_bytes(export.data)
            document = pipeline.process(path)
            want = {(row[0], row[2], row[3]) for row in export.footnotes}
            got = {(f.marker, f.block, str(f.offset)) for f in document.footnotes}
            right = len(want & got)
            lost = letters_lost(export.text, document.text)
            exact = "exact" if document.text == export.text else "differs"
            print(f"{code}: {right}/{len(want)} markers found, {right}/{len(got)} of those found real, "
                  f"{lost} letters lost, text {exact}, language {document.metadata.get('language')}")
            total_real += len(want)
            total_found += len(got)
            total_right += right
            total_lost += lost
    print(f"all: {total_right}/{total_real} = {total_right / total_real:.0%} found, "
          f"{total_right}/{total_found} = {total_right / max(1, total_found):.0%} of those found real, {total_lost} letters lost")


if __name__ == "__main__":
    main()
