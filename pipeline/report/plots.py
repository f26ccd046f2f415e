"""The batch report's plots, drawn by matplotlib as inline SVG (no script, nothing fetched)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Plot:
    name: str
    svg: str


def svg_of(figure: object) -> str:
    """The figure as an SVG element (the XML prologue and DOCTYPE cut, so it can sit in HTML)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})  # type: ignore[attr-defined]
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    start, end = text.find("<metadata>"), text.find("</metadata>")
    return text[:start] + text[end + len("</metadata>"):] if 0 <= start < end else text


def finish_axes(axes: Any, title: str, xlabel: str, *, ylabel: str | None = None) -> None:
    """The report's one look for every plot: a small title on the left, small labels, no box."""
    axes.set_title(title, fontsize=10, loc="left")
    axes.set_xlabel(xlabel, fontsize=8)
    if ylabel:
        axes.set_ylabel(ylabel, fontsize=8)
    axes.tick_params(labelsize=7)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def bar_plot(name: str, title: str, counts: Counter[str] | dict[str, float], xlabel: str, *, most: int = 15) -> Plot:
    """Horizontal bars, largest first (at most ``most`` of them), or a note when empty."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:most]
    figure, axes = pyplot.subplots(figsize=(5.2, 0.5 + 0.28 * max(len(items), 2)))
    try:
        if items:
            labels = [label if len(label) <= 42 else label[:40] + "…" for label, _ in items][::-1]
            axes.barh(labels, [value for _, value in items][::-1], color="#2b7bd6")
        else:
            axes.text(0.5, 0.5, "none", ha="center", va="center", transform=axes.transAxes, color="#6a737d")
            axes.set_yticks([])
        finish_axes(axes, title, xlabel)
        return Plot(name, svg_of(figure))
    finally:
        pyplot.close(figure)


def histogram(name: str, title: str, values: list[float], xlabel: str) -> Plot:
    """A histogram of one figure per document (pages, seconds per page)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(5.2, 2.2))
    try:
        if values:
            axes.hist(values, bins=min(30, max(5, len(set(values)))), color="#16a085")
        else:
            axes.text(0.5, 0.5, "none", ha="center", va="center", transform=axes.transAxes, color="#6a737d")
        finish_axes(axes, title, xlabel, ylabel="documents")
        return Plot(name, svg_of(figure))
    finally:
        pyplot.close(figure)


def batch_plots(pages: list[float], seconds_per_page: list[float], repairs: Counter[str], failures: Counter[str],
                warnings: Counter[str]) -> list[Plot]:
    """The five plots of the batch page."""
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"  # text as text: smaller, and searchable
    matplotlib.rcParams["svg.hashsalt"] = "pipeline"  # the same batch gives the same SVG ids
    return [
        histogram("pages", "Pages per document", pages, "pages"),
        bar_plot("repairs", "Repairs by kind (all documents)", repairs, "count"),
        bar_plot("failures", "Failures by reason", failures, "documents"),
        histogram("time", "Time per page", seconds_per_page, "seconds per page"),
        bar_plot("warnings", "Warnings by kind", warnings, "count"),
    ]
