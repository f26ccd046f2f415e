"""Footnotes over whole documents: how many markers carry their note, and what goes astray.

A few pages hide what goes wrong over fifty, so this scores whole footnoted PDFs from
``../shared/corpus/real`` and, for a truth known by construction, briefs generated with
reportlab in mixed layouts (one and two columns, notes that run on over a page break,
symbol notes, several markers at one place)::

    .venv/bin/python benchmarks/score_documents.py [--real NAME ...] [--briefs N] [--skip-real]

Per document it prints:

- ``markers``: footnote markers found in the body;
- ``carried``: the share of them whose note text was found and linked;
- ``in body``: body blocks that open with the marker of a note left unlinked (a note read
  as a paragraph or list item);
- ``orphan notes``: notes found but linked to no marker;
- ``duplicates``: numeric markers found more than once although the document numbers its
  notes in one running sequence (a note area read as body counts its markers twice).

For the generated briefs it prints the share of the true markers found with exactly their
true note (``linked``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / ".." / "shared" / "corpus" / "real"
FOOTNOTED = (
    "scotus-slip-opinion-tarrant",
    "dmca-copyright-office-summary",
    "aclu-ninth-circuit-motion",
    "fifth-circuit-per-curiam-opinion",
    "jstor-open-access-white-paper",
    "federal-register-proposed-rule-2020",
    "eu-gdpr-regulation-oj",
    "census-disability-report-2010",
    "eu-sovereign-cds-report",
    "korean-assembly-issue-brief",
    "tragedy-of-commons-ocr-layer",
    "ibm-redbook-rcac-sampled",
)


@dataclass(frozen=True)
class DocumentScore:
    name: str
    pages: int
    markers: int
    carried: int
    in_body: int
    orphan_notes: int
    duplicates: int
    warnings: int

    @property
    def share(self) -> float:
        return self.carried / self.markers if self.markers else 0.0


def score_document(name: str, document) -> DocumentScore:  # type: ignore[no-untyped-def]
    """The figures of one processed document (see the module's docstring)."""
    from pipeline.structure.notes import parse_note_start

    footnotes = document.footnotes
    unlinked = {f.marker for f in footnotes if not f.note}
    in_body = 0
    for block in document.blocks:
        if block.type not in ("paragraph", "list_item"):
            continue
        opening = f"{block.label} {block.text}" if block.label else block.text
        start = parse_note_start(opening)
        if start is not None and start.marker in unlinked and start.style != "symbol":
            in_body += 1
    linked_texts = Counter(f.note for f in footnotes if f.note)
    orphan = 0
    for note in document.notes:
        if linked_texts[note.text] > 0:
            linked_texts[note.text] -= 1
        else:
            orphan += 1
    numbers = [int(f.marker) for f in footnotes if f.marker.isdigit()]
    running = numbers and max(numbers) > len(numbers) * 0.5 and len(set(numbers)) > 3
    duplicates = len(numbers) - len(set(numbers)) if running else 0
    return DocumentScore(
        name, int(document.metadata.get("pages", 0)), len(footnotes), sum(1 for f in footnotes if f.note), in_body,
        orphan, duplicates, len(getattr(document, "warnings", ())),
    )


def score_real(names: list[str]) -> list[DocumentScore]:
    from pipeline.process import process

    return [score_document(name, process(CORPUS / f"{name}.pdf")) for name in names]


def print_table(scores: list[DocumentScore]) -> None:
    print("| document | pages | markers | carried | in body | orphan notes | duplicates | warnings |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in scores:
        print(f"| {s.name} | {s.pages} | {s.markers} | {s.carried} ({s.share:.0%}) | {s.in_body} | {s.orphan_notes} "
              f"| {s.duplicates} | {s.warnings} |")
    markers = sum(s.markers for s in scores)
    carried = sum(s.carried for s in scores)
    print(f"| **all** | {sum(s.pages for s in scores)} | {markers} | {carried} ({carried / max(markers, 1):.0%}) "
          f"| {sum(s.in_body for s in scores)} | {sum(s.orphan_notes for s in scores)} "
          f"| {sum(s.duplicates for s in scores)} | {sum(s.warnings for s in scores)} |")


def score_briefs(count: int, folder: Path) -> tuple[int, int, int, int, int]:
    """Generate ``count`` briefs, process them; return (true markers, found, linked right,
    body words, word errors): the body's words against the text the briefs were made of."""
    from benchmarks.generated_briefs import write_brief
    from pipeline.process import process
    from tests.scan_factory import word_error_rate

    truth_total = found_total = linked_total = words_total = errors_total = 0
    for seed in range(count):
        path, truth, body = write_brief(folder / f"brief-{seed}.pdf", seed)
        document = process(path)
        rows = [(f.marker, f.note) for f in document.footnotes]
        truth_total += len(truth)
        remaining = Counter(rows)
        markers = Counter(marker for marker, _ in rows)
        for marker, note in truth:
            if markers[marker] > 0:
                markers[marker] -= 1
                found_total += 1
            if remaining[(marker, note)] > 0:
                remaining[(marker, note)] -= 1
                linked_total += 1
        want = " ".join(body)
        words = len(want.split())
        words_total += words
        errors_total += round(word_error_rate(want, " ".join(b.text for b in document.blocks if b.table is None)) * words)
    return truth_total, found_total, linked_total, words_total, errors_total


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", nargs="*", default=list(FOOTNOTED), help="corpus names (without .pdf)")
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--briefs", type=int, default=20, help="how many generated briefs")
    args = parser.parse_args()
    if not args.skip_real:
        print_table(score_real(args.real))
    if args.briefs:
        with tempfile.TemporaryDirectory() as folder:
            truth, found, linked, words, errors = score_briefs(args.briefs, Path(folder))
        print(f"\ngenerated briefs ({args.briefs}): {truth} true markers, found {found} ({found / truth:.1%}), "
              f"linked to their true note {linked} ({linked / truth:.1%}); body WER {errors / words:.2%} "
              f"({errors} word errors in {words} words)")


if __name__ == "__main__":
    main()
