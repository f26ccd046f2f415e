"""Captions: the ``Table N`` lines above (or below) a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from pipeline.model import Box, Caption
from pipeline.patterns import TABLE_CAPTION
from pipeline.settings import TableSettings
from pipeline.structure.hyphenation import join_line
from pipeline.tables.geometry import clamped, group_lines


def caption_words(page: Any, bbox: Sequence[float], settings: TableSettings) -> list[dict[str, Any]]:
    """The words a caption of the table at ``bbox`` may be made of: those over its width in
    the band of the page above and below it (extracting every word of the page for each
    table was most of the time the caption search took)."""
    x0, top, x1, bottom = bbox
    around = page.crop(clamped((page.bbox[0], top - settings.caption_reach - 20, page.bbox[2],
                                bottom + settings.caption_distance + 20), page))
    return [w for w in around.extract_words(keep_blank_chars=False, use_text_flow=False)
            if w["x1"] > x0 - 20 and w["x0"] < x1 + 20]


def caption_near(page: Any, bbox: Sequence[float], *, settings: TableSettings | None = None,
                 pattern: regex.Pattern[str] = TABLE_CAPTION, words: list[dict[str, Any]] | None = None) -> Caption | None:
    """The table's caption: a ``Table N:`` line above ``bbox`` (x0, top, x1, bottom) with
    the title and unit lines that follow it down to the table (``Table 1.`` / ``Prevalence
    of …`` / ``(Numbers in thousands)``), or else a ``Table N:`` line just below it.
    ``words`` are :func:`caption_words`, when already at hand."""
    settings = settings or TableSettings()
    x0, top, x1, bottom = bbox
    words = words if words is not None else caption_words(page, bbox, settings)
    above = sorted(group_lines([w for w in words if top - settings.caption_reach <= w["bottom"] <= top + 1]),
                   key=lambda ln: ln[0]["top"])
    block = caption_block(above, top, settings, pattern)
    if block:
        return caption_of(block)
    below = sorted(group_lines([w for w in words if bottom - 1 <= w["top"] <= bottom + settings.caption_distance]),
                   key=lambda ln: ln[0]["top"])
    for line in below[:2]:
        if pattern.match(" ".join(w["text"] for w in line)):
            return caption_of([line])
    return None


def caption_block(lines: list[list[dict[str, Any]]], table_top: float, settings: TableSettings,
                  pattern: regex.Pattern[str] = TABLE_CAPTION) -> list[list[dict[str, Any]]]:
    """The lines from the last ``Table N`` line above a table down to the table, when they
    follow each other closely and the last sits within ``caption_distance`` of the table;
    otherwise none."""
    for start in reversed(range(len(lines))):
        if not pattern.match(" ".join(w["text"] for w in lines[start])):
            continue
        block = lines[start:]
        if len(block) > settings.max_caption_lines:
            return []
        tops = [min(w["top"] for w in ln) for ln in block]
        bottoms = [max(w["bottom"] for w in ln) for ln in block]
        gaps = [tops[i + 1] - bottoms[i] for i in range(len(block) - 1)]
        heights = [b - t for t, b in zip(tops, bottoms)]
        if table_top - bottoms[-1] > settings.caption_distance or any(g > 1.5 * max(heights) for g in gaps):
            return []
        return block
    return []


def caption_of(lines: list[list[dict[str, Any]]]) -> Caption:
    """Caption lines as one text (a line-end hyphen rejoined) and the box they cover."""
    text = ""
    for line in lines:
        text, _ = join_line(text, " ".join(w["text"] for w in line))
    every = [w for line in lines for w in line]
    box = Box(min(w["x0"] for w in every), min(w["top"] for w in every),
              max(w["x1"] for w in every), max(w["bottom"] for w in every))
    return Caption(text, box)
