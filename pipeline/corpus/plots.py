"""The datasheet's plots, as SVG files beside it: pages per document, documents per
language, documents per year. Drawn with matplotlib (its non-interactive Agg/SVG backend),
with the date and random ids left out of the files, so that the same corpus gives the same
bytes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.manifest import WRITTEN
from pipeline.write import write_text_if_changed


def svg_of(figure: Any) -> str:
    import io

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def draw_plots(clean: Path, rows: list[dict[str, str]], metadata: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """Write the plots; return ``(file name, title)`` for each drawn (none for an empty corpus)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    written = [row for row in rows if row["status"] in WRITTEN]
    if not written:
        return []
    drawn = []
    with matplotlib.rc_context():
        # from matplotlib's defaults, whatever else in this process set: the same corpus,
        # the same bytes
        matplotlib.rcdefaults()
        matplotlib.rcParams.update({"svg.hashsalt": "pipeline-datasheet", "font.size": 9})
        pages = [int(row["pages"] or 0) for row in written]
        figure, axes = plt.subplots(figsize=(6, 2.6))
        axes.hist(pages, bins=min(30, max(1, len(set(pages)))), color="#4C72B0")
        axes.set_xlabel("pages")
        axes.set_ylabel("documents")
        drawn.append(save(clean, figure, "pages", "Pages per document"))
        languages = Counter(str(metadata[row["id"]].get("language") or "und") for row in written if row["id"] in metadata)
        drawn.append(bar(clean, languages, "languages", "Documents per language"))
        years = Counter(str(metadata[row["id"]].get("created") or "")[:4] or "unknown" for row in written if row["id"] in metadata)
        drawn.append(bar(clean, years, "years", "Documents per year", by_name=True))
    plt.close("all")
    return drawn


def bar(clean: Path, counts: Counter[str], name: str, title: str, *, by_name: bool = False) -> tuple[str, str]:
    import matplotlib.pyplot as plt

    items = sorted(counts.items()) if by_name else sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:20]
    figure, axes = plt.subplots(figsize=(6, 2.6))
    axes.bar([label for label, _ in items], [count for _, count in items], color="#55A868")
    axes.set_ylabel("documents")
    axes.tick_params(axis="x", labelrotation=45)
    return save(clean, figure, name, title)


def save(clean: Path, figure: Any, name: str, title: str) -> tuple[str, str]:
    import matplotlib.pyplot as plt

    figure.suptitle(title)
    file_name = f"DATASHEET-{name}.svg"
    write_text_if_changed(clean / file_name, svg_of(figure))
    plt.close(figure)
    return file_name, title
