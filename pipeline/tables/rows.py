"""Row cleanup: stacked rows split, wrapped cells joined, spacers and repeats dropped, group labels carried."""

from __future__ import annotations

from collections import Counter

from pipeline.normalize import clean_line_text
from pipeline.patterns import STACKED_VALUE
from pipeline.settings import NormalizeSettings
from pipeline.structure.hyphenation import join_line
from pipeline.tables.figures import is_numeric


def join_cell(cell: str | None, normalize: NormalizeSettings, stats: Counter[str]) -> str:
    """A cell's lines as one repaired string; a line-end hyphen is rejoined as in the body.

    >>> join_cell("Immi-\\ngration\\ncourt", NormalizeSettings(), Counter())
    'Immigration court'
    """
    if not cell:
        return ""
    text = ""
    for line in cell.split("\n"):
        text, _ = join_line(text, clean_line_text(line, normalize, stats))
    return text


def split_stacked_rows(rows: list[list[str | None]], spans: list[list[str]]
                       ) -> tuple[list[list[str | None]], list[list[str]]]:
    r"""Split a row whose figure cells each hold the same number (2+) of one-line values: a
    ruled table whose rows within a group were not ruled comes out of pdfplumber as one
    tall row. Cells of words to the left of the figures go along when they hold one line
    per value (row labels) or a single line (the group's label, carried by each row).

    >>> split_stacked_rows([["2019", "Men\nWomen", "1,204\n388", "20.5%\n19.7%"]], [["", "", "", ""]])
    ([['2019', 'Men', '1,204', '20.5%'], [None, 'Women', '388', '19.7%']], [['', '', '', ''], ['up', '', '', '']])
    """
    out: list[list[str | None]] = []
    out_spans: list[list[str]] = []
    for row, kinds in zip(rows, spans):
        depth = stacked_depth(row)
        if depth is None:
            out.append(list(row))
            out_spans.append(kinds)
            continue
        parts = [cell.split("\n") if cell else [] for cell in row]
        for i in range(depth):
            cells: list[str | None] = []
            cell_kinds: list[str] = []
            for part in parts:
                if len(part) == depth:
                    cells.append(part[i])
                    cell_kinds.append("")
                elif part and i > 0:  # the group's label, said once in the first row
                    cells.append(None)
                    cell_kinds.append("up")
                else:
                    cells.append(part[0] if part else "")
                    cell_kinds.append("")
            out.append(cells)
            out_spans.append(cell_kinds)
    return out, out_spans


def stacked_depth(row: list[str | None]) -> int | None:
    """How many rows a tall row stacks, or None when it is an ordinary row: at least two
    figure cells with the same number (2+) of one-line values, every figure cell alike, and
    only label cells (one line per value, or one line) to the left of the first figure."""
    parts = [cell.split("\n") if cell else [] for cell in row]
    stacked = [c for c, p in enumerate(parts) if len(p) > 1 and all(STACKED_VALUE.match(v) for v in p)]
    depth = max((len(parts[c]) for c in stacked), default=0)
    figures = [c for c in stacked if len(parts[c]) == depth]
    if len(figures) < 2:
        return None
    for c, p in enumerate(parts):
        if p and c not in figures and (c > figures[0] or len(p) not in (1, depth)):
            return None
    return depth


def join_continuation_rows(rows: list[list[str]], spans: list[list[str]], tops: list[float], size: float = 0.0
                           ) -> tuple[list[list[str]], list[list[str]]]:
    """Join the lines of one row of an unruled table whose cells wrap.

    Where rows are set apart by more than a line's leading, lines one leading apart
    (at most 1.35 type sizes) belong to one row, whichever cells they fill: a label in two
    lines beside figures centred on its second line is one row. Where rows are set as
    tight as lines, a line joins the row above only when it carries on that row's text
    cells: no figure, only cells the row fills with words, and closer under it than rows
    stand apart, or going on in lower case. A section label (``Northern region``) opens
    rows of its own.

    >>> join_continuation_rows([["Held on a", "4,102"], ["detainer", ""], ["Stopped", "1,877"]],
    ...                        [["", ""]] * 3, [100.0, 110.5, 126.0], 9.0)
    ([['Held on a detainer', '4,102'], ['Stopped', '1,877']], [['', ''], ['', '']])
    """
    filled = [r for r, row in enumerate(rows) if any(row)]
    gaps = [tops[b] - tops[a] for a, b in zip(filled, filled[1:])]
    leading = size * 1.35
    if size and gaps and min(gaps) <= leading and max(gaps) >= 1.25 * min(gaps):
        return join_close_lines(rows, spans, tops, min(leading, 0.5 * (min(gaps) + max(gaps))))
    full = [r for r in filled if sum(1 for cell in rows[r] if cell) >= 2]
    pitches = [tops[b] - tops[a] for a, b in zip(full, full[1:])]
    pitch = min(pitches) if pitches else None
    out: list[list[str]] = []
    out_spans: list[list[str]] = []
    last_top: float | None = None
    for r, row in enumerate(rows):
        if not any(row):
            out.append(row)
            out_spans.append(spans[r])
            continue
        previous = next((i for i in range(len(out) - 1, -1, -1) if any(out[i])), None)
        if previous is not None and last_top is not None and continues_row(out[previous], row, tops[r] - last_top, pitch):
            out[previous] = [join_line(a, b)[0] if a and b else a or b for a, b in zip(out[previous], row)]
        else:
            out.append(row)
            out_spans.append(spans[r])
        last_top = tops[r]
    return out, out_spans


def join_close_lines(rows: list[list[str]], spans: list[list[str]], tops: list[float], within: float
                     ) -> tuple[list[list[str]], list[list[str]]]:
    """Rows of lines: each line no further than ``within`` below the line before joins its
    row, cell by cell."""
    out: list[list[str]] = []
    out_spans: list[list[str]] = []
    last_top: float | None = None
    widest = max((sum(1 for cell in row if cell) for row in rows), default=0)
    for r, row in enumerate(rows):
        if not any(row):
            continue
        if out and last_top is not None and tops[r] - last_top <= within and one_row(out[-1], row, widest):
            out[-1] = [join_line(a, b)[0] if a and b else a or b for a, b in zip(out[-1], row)]
        else:
            out.append(list(row))
            out_spans.append(spans[r])
        last_top = tops[r]
    return out, out_spans


def one_row(above: list[str], line: list[str], widest: int) -> bool:
    """Whether two close lines can be one row: one of them leaves cells empty (a wrapped
    cell's other line), and no column has a figure on both (a dense table's rows, set one
    leading apart, are full and stack figures)."""
    filled = [sum(1 for cell in row if cell) for row in (above, line)]
    if min(filled) >= widest:
        return False
    return not any(a and b and is_numeric(a) and is_numeric(b) for a, b in zip(above, line))


def continues_row(above: list[str], row: list[str], distance: float, pitch: float | None) -> bool:
    """Whether ``row`` is the next line of the cells of ``above`` (see :func:`join_continuation_rows`)."""
    cells = [(c, cell) for c, cell in enumerate(row) if cell]
    if not cells or any(is_numeric(cell) or not above[c] or is_numeric(above[c]) for c, cell in cells):
        return False
    if sum(1 for cell in above if cell) < 2:
        return False  # under a section label or another lone line: not a wrapped cell
    lower = cells[0][1][:1].islower()
    return lower or (pitch is not None and distance < 0.85 * pitch)


def group_label_columns(kinds: list[str]) -> int:
    """How many leading cells of a body row are covered by a cell merged down from above,
    the rest of the row having cells of its own: a group label (``1991`` over its ``Men``,
    ``Women``, ``Total`` rows) that each of its rows carries, so that every CSV row stands
    alone. A row shifted under merged cells all along (the EU CDS table) has none.

    >>> group_label_columns(["up", "", "", ""]), group_label_columns(["up", "", "up", ""])
    (1, 0)
    """
    count = 0
    while count < len(kinds) and kinds[count] == "up":
        count += 1
    return count if count < len(kinds) and "up" not in kinds[count:] else 0


def spread_copy(rows: list[list[str]], c: int, header_count: int) -> bool:
    """Whether column ``c`` holds nothing but a copy of its neighbour's header, spread over it
    from a merged header cell, and no figure or word below: a sliver the rulings left, not a
    column (``Synthèse des résultats`` over three sub-columns, one of which holds the body).

    >>> spread_copy([["Total", "Total"], ["", "12"]], 0, 1), spread_copy([["Total", "Total"], ["3", "12"]], 0, 1)
    (True, False)
    """
    if not header_count or any(c < len(row) and row[c] for row in rows[header_count:]):
        return False
    head = [row[c] if c < len(row) else "" for row in rows[:header_count]]
    for other in (c - 1, c + 1):
        if 0 <= other < len(rows[0]) and head == [row[other] if other < len(row) else "" for row in rows[:header_count]]:
            return any(other < len(row) and row[other] for row in rows[header_count:])
    return False


def fold_interleaved_columns(rows: list[list[str]], header_count: int) -> list[list[str]]:
    """Merge neighbouring columns that never both hold a cell in one row: a grid whose
    rows were drawn shifted by half a column (the EU CDS table) comes out of pdfplumber
    with every other cell empty.

    >>> fold_interleaved_columns([["", "Germany", "", "Spain"], ["Q2", "", "0.3", ""]], 0)
    [['Germany', 'Spain'], ['Q2', '0.3']]
    """
    if not rows:
        return rows
    c = 0
    while c < len(rows[0]) - 1:
        if all(not (row[c] and row[c + 1]) for row in rows) and all(any(row[i] for row in rows) for i in (c, c + 1)):
            rows = [row[:c] + [row[c] or row[c + 1]] + row[c + 2:] for row in rows]
        c += 1
    return rows


def drop_repeated_rows(rows: list[list[str]], header_count: int) -> tuple[list[list[str]], int]:
    """Drop a row identical to the one before it (a row drawn twice)."""
    out: list[list[str]] = []
    for index, row in enumerate(rows):
        if out and row == out[-1]:
            header_count -= 1 if index < header_count else 0
            continue
        out.append(row)
    return out, header_count


def carry_group_labels(rows: list[list[str]], header_count: int) -> list[list[str]]:
    """Give each row of a group the label printed only on its first row: with two columns of
    labels (``Africa | Eastern``, then ``| Western``), a first cell left blank beside a
    label and figures means the group above, so every CSV row stands alone.

    >>> carry_group_labels([["", "", "Men"], ["Africa", "Eastern", "1,204"], ["", "Western", "988"]], 1)
    [['', '', 'Men'], ['Africa', 'Eastern', '1,204'], ['Africa', 'Western', '988']]
    """
    body = rows[header_count:]
    if not body or min(len(row) for row in body) < 3:
        return rows
    stub = all(not is_numeric(row[1]) for row in body if row[1]) and any(not row[0] for row in body)
    if not stub or not all(row[0] and row[1] for row in body[:1]):
        return rows
    out = [list(row) for row in rows]
    for r in range(header_count + 1, len(out)):
        row = out[r]
        if not row[0] and row[1] and any(is_numeric(cell) for cell in row[2:] if cell):
            row[0] = out[r - 1][0]
    return out
