"""Where ``normalize`` says it repaired a line: properties over lines of words joined by export
artifacts, and a PDF line's marks placed in its box."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.model import Box, Extraction, Line, Page, Source
from pipeline.normalize import REPAIRS, normalize
from pipeline.settings import NormalizeSettings

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["the", "sheriff", "county", "détainer", "Oğuz", "nation.", "2017–2018", "“trust”", "long-term"]
ARTIFACTS = ["\ufb01", "\ufb02", "\u2010", "-\u2010\u2011", "\u00ad", "\u200b", "\x07", "\t \u00a0", "  ", "\u02d8 g",
             "â€™", "Ã©"]
KINDS = {repair.stat: repair for repair in REPAIRS}


def document(lines: list[str], boxed: bool) -> Extraction:
    made = tuple(Line(text, 1, box=Box(72, 100 + 12 * i, 72 + 5 * max(len(text), 1), 110 + 12 * i) if boxed else None)
                 for i, text in enumerate(lines))
    return Extraction(Source("x", "0", "pdf" if boxed else "text", 1), (Page(1, made),))


line_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(ARTIFACTS)), min_size=1, max_size=12).map(" ".join)


@FAST
@given(st.lists(line_text, min_size=1, max_size=5), st.booleans())
@example(["\u2010 -\u2010\u2011 â€™ \u00ad"], True)  # once marked past the line's end
def test_every_mark_lies_in_its_line_and_names_a_repair_that_changes_what_it_found(lines, boxed):
    result = normalize(document(lines, boxed), NormalizeSettings())
    placed: Counter[str] = Counter()
    for index, line in enumerate(result.pages[0].lines):
        starts = [mark.start for mark in line.repairs]
        assert starts == sorted(starts)
        for mark in line.repairs:
            assert mark.line == index and mark.page == 1
            assert 0 <= mark.start < mark.end <= len(lines[index])
            assert mark.found == lines[index][mark.start:mark.end][:40]
            assert mark.kind in KINDS and (mark.box is not None) == boxed
            if mark.kind != "mojibake_fixed" and "â" not in lines[index] and "Ã" not in lines[index]:
                assert KINDS[mark.kind].apply(mark.found)[1] > 0, mark  # the repair changes what it found
            if boxed:
                assert 72 <= mark.box.x0 < mark.box.x1 <= 72 + 5 * max(len(lines[index]), 1)
            placed[mark.kind] += 1
    assert (placed["tab_artifacts_removed"] > 0) <= boxed  # glyph spacing is not placed in a text export
    for kind in ("ligatures_fixed", "broken_hyphens_fixed", "soft_hyphens_removed", "control_characters_removed"):
        assert bool(placed[kind]) == bool(result.stats.get(kind)), kind  # a repair counted is a repair placed


def test_a_mojibake_line_is_placed_by_comparison_in_the_line_as_read():
    line = "the sheriff\u00e2\u20ac\u2122s \ufb01nal word"
    [page] = normalize(document([line], True), NormalizeSettings()).pages
    marks = [(m.kind, m.found) for m in page.lines[0].repairs]
    assert page.lines[0].text == "the sheriff’s final word"
    assert marks == [("mojibake_fixed", "\u00e2\u20ac\u2122"), ("ligatures_fixed", "\ufb01")]
