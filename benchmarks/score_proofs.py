"""Print proofs against their clean twins: what the margin's line numbers and the printer's
slug line leave in the output.

Each proof of ``tests/proof_pdfs.py`` (book pages with line numbers, crop marks and a slug
line; a complaint on pleading paper) is read beside its twin, the same document drawn
without the marks; the twin's output is the truth. Printed per document: the body's WER
against the twin, the numbers left in the text (digit words the twin has not), the words
with a number glued on (``Arm-2``), the slug lines left, and the twin's notes found alike.

    python benchmarks/score_proofs.py [--count 8]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class ProofScore:
    name: str
    words: int
    wer: float
    numbers_left: int
    glued: int
    slugs_left: int
    notes_alike: int
    notes: int


def digit_words(text: str) -> Counter[str]:
    return Counter(word for word in text.split() if any(ch.isdigit() for ch in word))


def glued_words(text: str) -> Counter[str]:
    """Words where letters and a number meet: ``Arm-2``, ``2strong``."""
    return Counter(word for word in text.split()
                   if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word))


def score_pair(name: str, proof_path: Path, twin_path: Path) -> ProofScore:
    import pipeline
    from pipeline import patterns
    from tests.scan_factory import word_error_rate

    proof, twin = pipeline.process(proof_path), pipeline.process(twin_path)
    proof_notes = [(f.marker, f.note) for f in proof.footnotes]
    twin_notes = [(f.marker, f.note) for f in twin.footnotes]
    everything = proof.text + "\n".join(note for _, note in proof_notes)
    return ProofScore(
        name=name,
        words=len(twin.text.split()),
        wer=word_error_rate(twin.text, proof.text),
        numbers_left=sum((digit_words(proof.text) - digit_words(twin.text)).values()),
        glued=sum((glued_words(proof.text) - glued_words(twin.text)).values()),
        slugs_left=len(patterns.SLUG_LINE.findall(everything)),
        notes_alike=sum((Counter(proof_notes) & Counter(twin_notes)).values()),
        notes=len(twin_notes),
    )


def score_all(count: int, folder: Path) -> list[ProofScore]:
    from tests.proof_pdfs import ProofLayout, write_pleading, write_proof

    scores = []
    for seed in range(count):
        layout = ProofLayout.of(seed)
        name = f"proof-{seed} ({layout.sides}, every {layout.every}, slug {layout.slug_place})"
        proof = write_proof(folder / f"proof-{seed}.pdf", seed).path
        twin = write_proof(folder / f"twin-{seed}.pdf", seed, marks=False).path
        scores.append(score_pair(name, proof, twin))
    for seed in range(3):  # one page alone: its slug line repeats nowhere
        name = f"one page, seed {seed} (slug {ProofLayout.of(seed).slug_place})"
        proof = write_proof(folder / f"page-{seed}.pdf", seed, pages=1).path
        twin = write_proof(folder / f"page-twin-{seed}.pdf", seed, marks=False, pages=1).path
        scores.append(score_pair(name, proof, twin))
    scores.append(score_pair("pleading paper", write_pleading(folder / "pleading.pdf"),
                             write_pleading(folder / "pleading-twin.pdf", marks=False)))
    return scores


def table(scores: list[ProofScore]) -> str:
    rows = ["| document | words | WER % | numbers left | glued | slug lines left | notes alike |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for s in scores:
        rows.append(f"| {s.name} | {s.words} | {100 * s.wer:.2f} | {s.numbers_left} | {s.glued} | {s.slugs_left} | "
                    f"{s.notes_alike}/{s.notes} |")
    words = sum(s.words for s in scores)
    wer = sum(s.wer * s.words for s in scores) / max(1, words)
    rows.append(f"| **all** | {words} | {100 * wer:.2f} | {sum(s.numbers_left for s in scores)} | "
                f"{sum(s.glued for s in scores)} | {sum(s.slugs_left for s in scores)} | "
                f"{sum(s.notes_alike for s in scores)}/{sum(s.notes for s in scores)} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=8, help="how many book proofs (seeds 0…count-1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        print(table(score_all(args.count, Path(tmp))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
