"""Score a run of the pipeline against the hand-made gold of real pages (``tests/gold_real/``).

    python benchmarks/score_real.py                 # run the pipeline on the gold documents, score
    python benchmarks/score_real.py --clean DIR     # score an existing run (DIR/<doc-id>/...)
    python benchmarks/score_real.py --write         # also write the table into BENCHMARKS.md
    python benchmarks/score_real.py --json FILE     # also write the figures as JSON

Per document and overall:
- **WER**: word error rate of the body text (headings, paragraphs, list items) of the gold pages;
  the run's blocks on those pages are aligned to the gold with free text before and after (a
  paragraph that starts on a page outside the gold costs nothing). Tables are left out on both
  sides; a run's block made of a figure's words (chart labels) is left out of WER and counted
  as ``fig`` instead.
- **boundaries**: precision and recall of paragraph / heading / list item starts.
- **types**: share of the gold blocks found whose type the run got right.
- **markers**: precision and recall of footnote markers (marker, page) on the gold pages.
- **linked**: share of the gold markers found whose note text is the gold note's (≥ 90 % alike).
- **heads**: running heads, page numbers and printer lines of the gold left in the run's text.
- **whole doc: markers with note**: over the whole document, not only the gold pages, the
  markers the run found and how many of them carry a note's text.
- **artifacts**: strings the gold lists as artifacts (rotated margin text read as words), and
  ``(cid:N)``, U+FFFD and private-use glyphs, left in the run's text of the gold pages.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold_real"
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
BODY_KINDS = ("heading", "paragraph", "list_item", "other")
GENERIC_ARTIFACT = re.compile(r"\(cid:\d+\)|\ufffd|[\ue000-\uf8ff]")
NOTE_ALIKE = 0.9


@dataclass(frozen=True)
class GoldBlock:
    kind: str  # heading, paragraph, list_item, other, table, figure, furniture, artifact, note, note+
    text: str
    continued: bool = False
    marker: str = ""


@dataclass(frozen=True)
class GoldPage:
    number: int
    blocks: tuple[GoldBlock, ...]
    markers: tuple[tuple[str, int, str, str], ...]  # marker, page, anchor, note


@dataclass
class Score:
    """Counts for one document (or the sum over all of them)."""

    words: int = 0
    word_errors: int = 0
    gold_boundaries: int = 0
    found_boundaries: int = 0
    run_boundaries: int = 0
    right_boundaries: int = 0
    typed: int = 0
    typed_right: int = 0
    gold_markers: int = 0
    run_markers: int = 0
    matched_markers: int = 0
    gold_notes: int = 0
    linked_notes: int = 0
    heads: int = 0
    heads_left: int = 0
    artifacts_left: int = 0
    figure_blocks: int = 0
    doc_markers: int = 0
    doc_markers_with_note: int = 0
    pages: int = 0
    details: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)

    def figures(self) -> dict[str, float | int]:
        def share(num: int, den: int) -> float:
            return round(100.0 * num / den, 1) if den else 100.0

        return {
            "pages": self.pages,
            "words": self.words,
            "wer": round(100.0 * self.word_errors / self.words, 2) if self.words else 0.0,
            "boundary_recall": share(self.found_boundaries, self.gold_boundaries),
            "boundary_precision": share(self.right_boundaries, self.run_boundaries),
            "types": share(self.typed_right, self.typed),
            "marker_recall": share(self.matched_markers, self.gold_markers),
            "marker_precision": share(self.matched_markers, self.run_markers),
            "notes_linked": share(self.linked_notes, self.gold_notes),
            "heads_left": self.heads_left,
            "heads": self.heads,
            "artifacts_left": self.artifacts_left,
            "figure_blocks": self.figure_blocks,
            "doc_markers": self.doc_markers,
            "doc_markers_with_note": self.doc_markers_with_note,
        }


# ---------------------------------------------------------------- gold


def read_gold_page(path: Path) -> GoldPage:
    """One page file: ``kind: text`` lines; ``note M: text``; ``paragraph+`` continues a block."""
    blocks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, _, text = line.partition(": ")
        kind, _, marker = head.partition(" ")
        continued = kind.endswith("+") and kind != "note+"
        blocks.append(GoldBlock(kind.rstrip("+") if continued else kind, text.strip(), continued, marker))
    markers_path = path.with_suffix(".markers.csv")
    rows: list[tuple[str, int, str, str]] = []
    if markers_path.exists():
        with markers_path.open(encoding="utf-8", newline="") as handle:
            rows = [(r["marker"], int(r["page"]), r["anchor"], r["note"]) for r in csv.DictReader(handle)]
    return GoldPage(int(path.stem.split(".")[0][1:]), tuple(blocks), tuple(rows))


def read_gold() -> dict[str, list[GoldPage]]:
    gold = {}
    for folder in sorted(p for p in GOLD.iterdir() if p.is_dir()):
        pages = [read_gold_page(p) for p in sorted(folder.glob("p*.txt"))]
        if pages:
            gold[folder.name] = pages
    return gold


def gold_notes(pages: list[GoldPage]) -> list[tuple[str, int, str, str]]:
    """Marker rows with each note completed by its run-on on the next gold page."""
    rows = []
    by_page = {page.number: page for page in pages}
    for page in pages:
        following = by_page.get(page.number + 1)
        run_on = " ".join(b.text for b in following.blocks if b.kind == "note+") if following else ""
        last_note = next((b.marker for b in reversed(page.blocks) if b.kind == "note"), None)
        for marker, number, anchor, note in page.markers:
            if run_on and marker == last_note:
                note = join_run_on(note, run_on)
            rows.append((marker, number, anchor, note))
    return rows


def join_run_on(text: str, more: str) -> str:
    if text.endswith("-") and more[:1].islower():
        return text[:-1] + more
    return f"{text} {more}"


# ---------------------------------------------------------------- text


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for old, new in (("‘‘", '"'), ("’’", '"'), ("“", '"'), ("”", '"'), ("’", "'"), ("‘", "'"), ("–", "-"), ("—", "-")):
        text = text.replace(old, new)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return normalize(text).split()


def strip_label(block: dict) -> str:
    """A block's text without a list item's bullet (``- ``): the gold drops bullets and keeps
    printed labels (``1)``, ``(a)``) in the text."""
    text = block.get("text", "")
    if block.get("type") == "list_item" and block.get("label") in ("-", "•") and text.startswith(block["label"]):
        text = text[len(block["label"]):].lstrip()
    return text


# ---------------------------------------------------------------- the run


@dataclass(frozen=True)
class RunBlock:
    kind: str
    text: str
    pages: tuple[int, ...]


def read_run(folder: Path) -> tuple[list[RunBlock], list[dict[str, str]]]:
    document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    blocks = [RunBlock(b["type"], strip_label(b), tuple(b.get("pages") or ())) for b in document["blocks"]]
    with (folder / "footnotes.csv").open(encoding="utf-8", newline="") as handle:
        notes = list(csv.DictReader(handle))
    return blocks, notes


def contiguous_runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def is_figure_text(block: RunBlock, figure_words: set[str]) -> bool:
    words = tokens(block.text)
    return bool(words) and sum(w in figure_words for w in words) >= 0.8 * len(words)


# ---------------------------------------------------------------- scoring


def align(gold: list[str], run: list[str]) -> tuple[int, dict[int, int], dict[int, int], int, int]:
    """Word errors of ``gold`` against the best-matching stretch of ``run``.

    Returns errors, gold→run and run→gold index maps of aligned words, and the stretch's ends.
    Text of the run before the first and after the last matching word is free.
    """
    matcher = difflib.SequenceMatcher(None, gold, run, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return len(gold), {}, {}, 0, 0
    lead = blocks[0].a
    start = max(0, blocks[0].b - lead)
    tail = len(gold) - (blocks[-1].a + blocks[-1].size)
    end = min(len(run), blocks[-1].b + blocks[-1].size + tail)
    window = run[start:end]
    matcher = difflib.SequenceMatcher(None, gold, window, autojunk=False)
    errors = 0
    to_run: dict[int, int] = {}
    to_gold: dict[int, int] = {}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or op == "replace":
            for k in range(max(i2 - i1, j2 - j1)):
                gi, rj = i1 + min(k, i2 - i1 - 1), j1 + min(k, j2 - j1 - 1)
                if k < i2 - i1:
                    to_run.setdefault(gi, rj + start)
                if k < j2 - j1:
                    to_gold.setdefault(rj + start, gi)
            if op == "replace":
                errors += max(i2 - i1, j2 - j1)
        elif op == "delete":
            errors += i2 - i1
            for gi in range(i1, i2):
                to_run.setdefault(gi, j1 + start)
        else:
            errors += j2 - j1
            for rj in range(j1, j2):
                to_gold.setdefault(rj + start, i1)
    return errors, to_run, to_gold, start, end


def score_stretch(pages: list[GoldPage], run_blocks: list[RunBlock], score: Score) -> None:
    """Words, boundaries and types over consecutive gold pages."""
    numbers = {page.number for page in pages}
    figure_words = {w for page in pages for b in page.blocks if b.kind == "figure" for w in tokens(b.text)}
    body = [b for b in run_blocks if set(b.pages) & numbers and b.kind not in ("table", "separator")]
    figures = [b for b in body if is_figure_text(b, figure_words)]
    score.figure_blocks += len(figures)
    body = [b for b in body if b not in figures]
    gold_words: list[str] = []
    gold_starts: dict[int, GoldBlock] = {}
    for page in pages:
        for block in page.blocks:
            if block.kind not in BODY_KINDS:
                continue
            if not block.continued and tokens(block.text):
                gold_starts[len(gold_words)] = block
            gold_words += tokens(block.text)
    run_words: list[str] = []
    run_starts: dict[int, RunBlock] = {}
    for block in body:
        if tokens(block.text):
            run_starts[len(run_words)] = block
        run_words += tokens(block.text)
    errors, to_run, to_gold, start, end = align(gold_words, run_words)
    score.words += len(gold_words)
    score.word_errors += errors
    score.gold_boundaries += len(gold_starts)
    for index, block in gold_starts.items():
        target = to_run.get(index)
        if target in run_starts:
            score.found_boundaries += 1
            score.typed += 1
            if same_type(block.kind, run_starts[target].kind):
                score.typed_right += 1
            else:
                score.details.append(f"type {block.kind}→{run_starts[target].kind}: {block.text[:50]}")
        else:
            score.details.append(f"boundary missed: {block.text[:60]}")
    gold_index = set(gold_starts)
    for index in run_starts:
        if start < index < end or (index == start and start > 0):
            score.run_boundaries += 1
            if to_gold.get(index) in gold_index:
                score.right_boundaries += 1
            else:
                score.details.append(f"boundary extra: {' '.join(run_words[index:index + 8])}")


def same_type(gold_kind: str, run_kind: str) -> bool:
    if gold_kind == "other":
        return run_kind in ("other", "paragraph")
    return gold_kind == run_kind


def score_markers(pages: list[GoldPage], run_notes: list[dict[str, str]], score: Score) -> None:
    numbers = {page.number for page in pages}
    gold = gold_notes(pages)
    run = [r for r in run_notes if r.get("page", "").isdigit() and int(r["page"]) in numbers]
    score.gold_markers += len(gold)
    score.run_markers += len(run)
    unused = list(run)
    for marker, page, anchor, note in gold:
        same = [r for r in unused if r["marker"] == marker and int(r["page"]) == page]
        if not same:
            score.details.append(f"marker missed: {marker} p{page} after {anchor}")
            continue
        best = next((r for r in same if r["anchor"] == anchor), same[0])
        unused.remove(best)
        score.matched_markers += 1
        if note:
            score.gold_notes += 1
            ratio = difflib.SequenceMatcher(None, normalize(note), normalize(best["note"]), autojunk=False).ratio()
            if ratio >= NOTE_ALIKE:
                score.linked_notes += 1
            else:
                score.details.append(f"note {marker} p{page} wrong: {best['note'][:60]!r}")
    for r in unused:
        score.details.append(f"marker extra: {r['marker']} p{r['page']} after {r['anchor']}")


def score_furniture(pages: list[GoldPage], run_blocks: list[RunBlock], run_notes: list[dict[str, str]], score: Score) -> None:
    for page in pages:
        here = [b for b in run_blocks if page.number in b.pages]
        texts = [normalize(b.text) for b in here]
        texts += [normalize(r["note"]) for r in run_notes if r.get("page") == str(page.number)]
        joined = "\n".join(texts)
        for block in page.blocks:
            wanted = normalize(block.text)
            if block.kind == "furniture":
                score.heads += 1
                if furniture_left(wanted, texts, joined):
                    score.heads_left += 1
                    score.details.append(f"head left p{page.number}: {wanted[:60]}")
            elif block.kind == "artifact" and len(wanted) >= 3 and wanted in joined:
                score.artifacts_left += 1
                score.details.append(f"artifact left p{page.number}: {wanted}")
        generic = len(GENERIC_ARTIFACT.findall(joined))
        score.artifacts_left += generic
        if generic:
            score.details.append(f"{generic} unmapped glyphs left p{page.number}")


def furniture_left(wanted: str, texts: list[str], joined: str) -> bool:
    """A page number counts when it stands as a block; a longer head when it appears at all."""
    if len(wanted.split()) == 1 and len(wanted) <= 4:
        return wanted in texts
    return wanted in joined


def score_document(pages: list[GoldPage], folder: Path) -> Score:
    run_blocks, run_notes = read_run(folder)
    score = Score(pages=len(pages))
    by_number = {page.number: page for page in pages}
    for stretch in contiguous_runs(sorted(by_number)):
        score_stretch([by_number[n] for n in stretch], run_blocks, score)
    score_markers(pages, run_notes, score)
    score_furniture(pages, run_blocks, run_notes, score)
    score.doc_markers = len(run_notes)
    score.doc_markers_with_note = sum(1 for row in run_notes if row.get("note", "").strip())
    return score


def doc_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def run_pipeline(names: list[str], clean: Path) -> None:
    """Run the pipeline on the gold documents (whole documents: heads repeat across pages)."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for name in names:
            (raw / f"{name}.pdf").symlink_to(CORPUS / f"{name}.pdf")
        # the raw folder holds links to the corpus: --follow-links reads them
        command = [sys.executable, "-m", "pipeline", "run", str(raw), str(clean), "--force", "-q", "--follow-links"]
        subprocess.run(command, check=True, cwd=ROOT)


def score_all(clean: Path) -> dict[str, Score]:
    scores = {}
    for name, pages in read_gold().items():
        scores[name] = score_document(pages, clean / doc_id(name))
    total = Score()
    for score in scores.values():
        total.add(score)
    scores["all"] = total
    return scores


COLUMNS = (("pages", "pages"), ("words", "words"), ("wer", "WER %"), ("boundary_recall", "bound. R"),
           ("boundary_precision", "bound. P"), ("types", "types"), ("marker_recall", "markers R"),
           ("marker_precision", "markers P"), ("notes_linked", "linked"), ("heads_left", "heads left"),
           ("artifacts_left", "artifacts"), ("figure_blocks", "fig"), ("doc_markers_with_note", "whole doc: markers with note"))


def table(scores: dict[str, Score]) -> str:
    lines = ["| document | " + " | ".join(title for _, title in COLUMNS) + " |",
             "| --- |" + " --- |" * len(COLUMNS)]
    for name, score in scores.items():
        figures = score.figures()
        cells = []
        for key, _ in COLUMNS:
            value = figures[key]
            if key == "heads_left":
                value = f"{value}/{figures['heads']}"
            elif key == "doc_markers_with_note":
                value = f"{value}/{figures['doc_markers']}"
            cells.append(str(value))
        label = "**all**" if name == "all" else name
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


SECTION = "## Issue 10: real pages"


def write_benchmarks(text: str) -> None:
    """Replace the run's table under the issue's section (the section's notes stay)."""
    path = ROOT / "BENCHMARKS.md"
    content = path.read_text(encoding="utf-8")
    start, end = "<!-- score_real:start -->", "<!-- score_real:end -->"
    block = f"{start}\n{text}\n{end}"
    if start in content:
        head, rest = content.split(start, 1)
        content = head + block + rest.split(end, 1)[1]
    elif SECTION in content:
        content = content.replace(SECTION, f"{SECTION}\n\n{block}", 1)
    else:
        content = content.rstrip("\n") + f"\n\n{SECTION}\n\n{block}\n"
    path.write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", type=Path, help="an existing run's output folder")
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    parser.add_argument("--json", type=Path, help="write the figures per document as JSON")
    parser.add_argument("--details", action="store_true", help="print what was missed, per document")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        clean = args.clean
        if clean is None:
            clean = Path(tmp) / "clean"
            run_pipeline(sorted(read_gold()), clean)
        scores = score_all(clean)
    text = table(scores)
    print(text)
    if args.details:
        for name, score in scores.items():
            for line in score.details:
                print(f"{name}: {line}")
    if args.json:
        args.json.write_text(json.dumps({n: s.figures() for n, s in scores.items()}, indent=1) + "\n", encoding="utf-8")
    if args.write:
        write_benchmarks(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
