"""Score table extraction cell by cell on the styles of ``tests/table_styles.py``, the pipeline
beside pdfplumber's default ``page.extract_tables()`` and PyMuPDF's ``page.find_tables()`` (the
table finder pymupdf4llm uses, read through ``Table.to_markdown()`` as pymupdf4llm prints it;
skipped with a message when pymupdf4llm is not importable), in one run on the same PDFs.

Per style and tool:

- ``found``: tables the tool gave over the document / tables expected. For a table that runs
  over two pages a tool that leaves it in pieces shows ``2/1``.
- ``shape``: expected tables whose best match has exactly the expected rows × columns.
- ``cells``: the fraction of expected cells that the best-matching table holds exactly (after
  whitespace is collapsed; ``None`` counts as empty). Columns are compared by position, rows
  through a monotone alignment that maximises matched cells, so one extra or missing row (a
  two-row header left unflattened, a header repeated on a new page) costs that row, not
  every row below it. The best match of each expected table is the found table, on the
  table's pages, that holds most of its cells.

Negative styles (aligned text that is not a table) expect none: any table found is counted
as false.

    .venv/bin/python benchmarks/score_table_styles.py [STYLE ...]
    .venv/bin/python benchmarks/score_table_styles.py --set heldout [STYLE ...]
    .venv/bin/python benchmarks/score_table_styles.py --set blind [STYLE ...]
    .venv/bin/python benchmarks/score_table_styles.py --set fpdf [STYLE ...]

``--set heldout`` scores the held-out styles of ``tests/table_styles_heldout.py``, which the
table code was never tuned on: the honest measure of how it does on unseen PDFs. ``--set blind``
scores ``tests/table_styles_blind.py``, built without reading the table code at all, and ``--set fpdf``
``tests/table_styles_fpdf.py``, built blind too but drawn by fpdf2 instead of reportlab (needs fpdf2).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import unittest
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/table_styles.py

import pipeline
from tests.table_styles import NEGATIVES, STYLES, Expected
from tests.table_styles_blind import BLIND_NEGATIVES, BLIND_STYLES
from tests.table_styles_fpdf import FPDF_NEGATIVES, FPDF_STYLES
from tests.table_styles_heldout import HELDOUT_NEGATIVES, HELDOUT_STYLES

SETS = {"tuned": (STYLES, NEGATIVES), "heldout": (HELDOUT_STYLES, HELDOUT_NEGATIVES),
        "blind": (BLIND_STYLES, BLIND_NEGATIVES), "fpdf": (FPDF_STYLES, FPDF_NEGATIVES)}
"""Each set's styles with tables and its negatives."""

Rows = list[tuple[str, ...]]


@dataclass(frozen=True)
class Found:
    """One table as a tool gave it: the pages it covers and its cells, whitespace collapsed."""

    pages: tuple[int, ...]
    rows: Rows


def collapse(cell: object) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def normalised(rows: Sequence[Sequence[object]]) -> Rows:
    return [tuple(collapse(cell) for cell in row) for row in rows]


# --- tools -----------------------------------------------------------------------------------


def run_pipeline(path: Path) -> list[Found]:
    document = pipeline.process(path)
    return [Found(block.table.pages, normalised(block.table.rows)) for block in document.tables if block.table]


def run_pdfplumber(path: Path) -> list[Found]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [Found((page.page_number,), normalised(rows)) for page in pdf.pages for rows in page.extract_tables()]


def load_pymupdf() -> Callable[[Path], list[Found]] | None:
    try:
        import pymupdf
        import pymupdf4llm  # noqa: F401  (its table finder is PyMuPDF's; the import says it is the peer's setup)
    except ImportError as error:
        print(f"pymupdf4llm is not importable ({error}); skipping that peer "
              "(install it with: .venv/bin/pip install pymupdf4llm)", file=sys.stderr)
        return None

    def run_pymupdf(path: Path) -> list[Found]:
        found = []
        with pymupdf.open(path) as doc:
            for index, page in enumerate(doc):
                for table in page.find_tables().tables:
                    found.append(Found((index + 1,), markdown_rows(table.to_markdown())))
        return found

    return run_pymupdf


def markdown_rows(markdown: str) -> Rows:
    """The cells of a pipe table as pymupdf4llm writes it (``**bold**`` and ``<br>`` undone).

    PyMuPDF's ``Table.extract()`` splits a number's comma onto a line of its own and drops
    the spaces between words on these PDFs (``1086\\n,``, ``Legalorientation``), while its
    ``to_markdown()``, which pymupdf4llm prints, reads them right: the peer is scored on what
    its users see.

    >>> markdown_rows("|**County**|Held|\\n|---|---|\\n|Wake|1,234|\\n")
    [('County', 'Held'), ('Wake', '1,234')]
    """
    rows = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line.startswith("|") or re.fullmatch(r"\|(?:\s*:?-+:?\s*\|)+", line):
            continue
        cells = re.split(r"(?<!\\)\|", line.strip("|"))
        rows.append(tuple(collapse(re.sub(r"<br\s*/?>", " ", cell).replace("**", "").replace("\\|", "|")) for cell in cells))
    return rows


# --- scoring ---------------------------------------------------------------------------------


def matched_cells(expected: Rows, got: Rows) -> int:
    """Expected cells found at their column in the row aligned with theirs (monotone row
    alignment, each row used once, maximising the cells matched)."""
    n, m = len(expected), len(got)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            same = sum(1 for a, b in zip(expected[i], got[j]) if a == b)
            best[i][j] = max(best[i + 1][j], best[i][j + 1], same + best[i + 1][j + 1])
    return best[0][0]


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    shapes: int = 0
    cells: int = 0
    total_cells: int = 0
    seconds: float = 0.0

    def cell_share(self) -> float:
        return self.cells / self.total_cells if self.total_cells else 0.0

    def __str__(self) -> str:
        share = f"{self.cell_share():6.1%}" if self.total_cells else "     -"
        shape = f"{self.shapes}/{self.expected}" if self.expected else "-"
        return f"{self.found}/{self.expected:<2} {shape:>4} {share}"


def score(expected: Expected, found: list[Found]) -> Score:
    result = Score(found=len(found), expected=len(expected.tables))
    for table in expected.tables:
        want = [tuple(row) for row in table.rows]
        result.total_cells += sum(len(row) for row in want)
        candidates = [f for f in found if set(f.pages) & set(table.pages)]
        if not candidates:
            continue
        best = max(candidates, key=lambda f: matched_cells(want, f.rows))
        result.cells += matched_cells(want, best.rows)
        shape = (len(best.rows), max((len(r) for r in best.rows), default=0))
        result.shapes += shape == (table.n_rows, table.n_cols)
    return result


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("styles", nargs="*", help="style names (default: all)")
    parser.add_argument("--set", choices=list(SETS), default="tuned", dest="style_set",
                        help="the styles the table code was tuned on (default), the held-out ones, the blind ones, "
                             "or the blind ones drawn by fpdf2")
    args = parser.parse_args(argv)
    positives, negatives = SETS[args.style_set]
    builders = {**positives, **negatives}
    names = args.styles or list(builders)
    unknown = [name for name in names if name not in builders]
    if unknown:
        parser.error(f"unknown style(s): {', '.join(unknown)}; known: {', '.join(builders)}")

    tools: dict[str, Callable[[Path], list[Found]]] = {"pipeline": run_pipeline, "pdfplumber": run_pdfplumber}
    pymupdf = load_pymupdf()
    if pymupdf is not None:
        tools["pymupdf"] = pymupdf

    columns = "found shape  cells"
    print(f"{'style':<28}" + "".join(f" | {name:<18}" for name in tools))
    print(f"{'':<28}" + "".join(f" | {columns:<18}" for _ in tools))
    print("-" * (28 + 21 * len(tools)))
    totals = {name: Score() for name in tools}
    false_tables = dict.fromkeys(tools, 0)
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            path = Path(folder) / f"{name}.pdf"
            try:
                expected = builders[name](path)
            except unittest.SkipTest as reason:  # a style whose font this machine lacks
                print(f"{name:<28} | skipped: {reason}", flush=True)
                continue
            line = f"{name:<28}"
            for tool, run in tools.items():
                start = time.perf_counter()
                found = run(path)
                result = score(expected, found)
                result.seconds = time.perf_counter() - start
                if name in negatives:
                    false_tables[tool] += result.found
                total = totals[tool]
                total.found += result.found if name in positives else 0
                total.expected += result.expected
                total.shapes += result.shapes
                total.cells += result.cells
                total.total_cells += result.total_cells
                total.seconds += result.seconds
                line += f" | {result!s:<18}"
            print(line, flush=True)
    print("-" * (28 + 21 * len(tools)))
    print(f"{'all tables (cells: micro)':<28}" + "".join(f" | {totals[t]!s:<18}" for t in tools))
    print(f"{'false tables on negatives':<28}" + "".join(f" | {false_tables[t]:<18}" for t in tools))
    print(f"{'seconds':<28}" + "".join(f" | {totals[t].seconds:<18.2f}" for t in tools))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
