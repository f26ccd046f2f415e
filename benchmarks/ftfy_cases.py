"""ftfy's own test cases through ``pipeline.clean_text``: how many are repaired, how many
negative cases stay unchanged, and how many letters the cleanup lost.

Reads ``../shared/ftfy-test-cases/{in-the-wild,synthetic,negative}.json`` (from ftfy's
repository, under its Apache-2.0 licence). A case counts as repaired when the clean text
equals ftfy's expected text (``fixed-encoding`` where given, since the pipeline keeps curly
quotes, else ``fixed``) with its white space runs folded to one space, as every clean line is.

    python benchmarks/ftfy_cases.py [--show]
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path

import ftfy

from pipeline import clean_text

CASES = Path(__file__).resolve().parents[1].parent / "shared" / "ftfy-test-cases"


def expected_texts(case: dict) -> set[str]:
    """What a clean line may read: ftfy's answer with or without its quote straightening."""
    return {" ".join(case[key].split()) for key in ("fixed-encoding", "fixed") if key in case}


def letters(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch).startswith("L"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every case that fails")
    args = parser.parse_args()
    for name in ("in-the-wild", "synthetic", "negative"):
        cases = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
        good = ftfy_good = lost = 0
        for case in cases:
            got = clean_text(case["original"]).strip()
            wanted = expected_texts(case)
            if got in wanted:
                good += 1
            elif args.show:
                print(f"{name}: {case['label']}\n  in:   {case['original']!r}\n  got:  {got!r}\n  want: {sorted(wanted)!r}")
            if " ".join(ftfy.fix_text(case["original"]).split()) in wanted:
                ftfy_good += 1
            if letters(got) < min(letters(w) for w in wanted):
                lost += 1
        print(f"{name}: {good}/{len(cases)} right through clean_text (ftfy.fix_text alone: {ftfy_good}); "
              f"{lost} with fewer letters than expected")


if __name__ == "__main__":
    main()
