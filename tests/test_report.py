"""The report: what document.json keeps of where things were read, the pages it writes, and
those pages in a real browser (Debian's chromium, headless) after their script has run."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil

import pytest

from pipeline.report import write_report

from .browser import Browser, find_chromium
from .report_fixtures import HEAD, LEFT, REPAIRED_NOTE_LINE, REPAIRED_NOTE_TOP, REPAIRED_TOP, make_batch, repaired_places

NEAR = 8.0
"""Points: a marker's box is estimated from its place in its line, within about a glyph."""


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    raw, clean, placed = make_batch(tmp_path_factory.mktemp("report"))
    result = write_report(clean, raw)
    return raw, clean, placed, result


def document(clean, doc_id):
    return json.loads((clean / doc_id / "document.json").read_text(encoding="utf-8"))


def manifest(clean):
    with (clean / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- provenance in document.json -----------------------------------------------------------


def test_each_marker_box_stands_where_the_pdf_printed_it(batch):
    _, clean, placed, _ = batch
    footnotes = {f["marker"]: f for f in document(clean, "drawn")["footnotes"]}
    assert set(footnotes) == set(placed)
    for marker, where in placed.items():
        box = footnotes[marker]["box"]
        assert box["page"] == where.page
        x0, top, _, bottom = box["box"]
        assert abs(x0 - where.x) < NEAR, (marker, box, where)
        assert top < where.top and bottom > where.top - 12  # on its line, above the baseline


def test_every_marker_box_lies_in_its_block_box(batch):
    _, clean, _, _ = batch
    doc = document(clean, "briefing-interior-enforcement-print")
    blocks = {b["id"]: b for b in doc["blocks"]}
    assert len(doc["footnotes"]) == 17
    for footnote in doc["footnotes"]:
        page, (x0, top, x1, bottom) = footnote["box"]["page"], footnote["box"]["box"]
        outer = [p["box"] for p in blocks[footnote["block"]]["boxes"] if p["page"] == page]
        assert outer, footnote
        bx0, btop, bx1, bbottom = outer[0]
        assert bx0 - 1 <= x0 and x1 <= bx1 + 1 and btop - 1 <= top and bottom <= bbottom + 1, footnote


def test_notes_keep_the_box_they_were_read_from(batch):
    _, clean, _, _ = batch
    notes = document(clean, "drawn")["notes"]
    assert [(n["marker"], n["page"]) for n in notes] == [("1", 1), ("2", 3)]
    for note in notes:
        x0, top, _, bottom = note["box"]
        assert x0 == pytest.approx(72.0, abs=1) and 695 < top < bottom < 730


def test_removed_running_heads_and_page_numbers_are_kept_with_their_place(batch):
    _, clean, _, _ = batch
    doc = document(clean, "drawn")
    removed = [(r["page"], r["kind"], r["text"]) for r in doc["removed_lines"]]
    assert removed == [(1, "running_line", HEAD), (1, "page_number", "1"), (3, "running_line", HEAD), (3, "page_number", "3")]
    assert all(r["box"][1] < 50 or r["box"][1] > 740 for r in doc["removed_lines"])
    sample = document(clean, "briefing-interior-enforcement-print")
    assert len(sample["removed_lines"]) == sample["stats"]["headers_footers_removed"]


def test_a_rejoined_hyphenation_is_marked_at_its_line_end(batch):
    _, clean, _, _ = batch
    block = document(clean, "drawn")["blocks"][0]
    assert "immigration detainers" in block["text"]
    [rejoined] = block["rejoined"]
    assert rejoined["page"] == 1 and 100 < rejoined["box"][1] < 118  # the line "… on immi-"


def test_each_character_repair_is_kept_with_its_block_and_place(batch):
    _, clean, _, _ = batch
    doc = document(clean, "drawn")
    marks = [(block["id"], mark) for block in doc["blocks"] for mark in block.get("repairs", [])]
    expected = repaired_places()
    assert sorted(mark["kind"] for _, mark in marks) == sorted(kind for kind, _ in expected)
    assert doc["stats"]["ligatures_fixed"] == 3 and doc["stats"]["broken_hyphens_fixed"] == 1  # one in note 1
    blocks = {b["id"]: b for b in doc["blocks"]}
    for (kind, x), (block_id, mark) in zip(expected, sorted(marks, key=lambda pair: pair[1]["box"][0])):
        assert mark["kind"] == kind and mark["page"] == 3
        assert mark["found"] in ("\ufb01", "\u2010")
        x0, top, x1, bottom = mark["box"]
        assert abs(x0 - x) < NEAR, (mark, x)
        assert top < REPAIRED_TOP < bottom + 3
        assert any(p["page"] == 3 and p["box"][0] - 1 <= x0 and x1 <= p["box"][2] + 1 for p in blocks[block_id]["boxes"])


def test_a_repair_in_a_note_is_kept_with_the_note(batch):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _, clean, _, _ = batch
    doc = document(clean, "drawn")
    note = doc["notes"][0]
    assert note["text"].endswith("The court's finding was not appealed.")
    [mark] = note["repairs"]
    assert (mark["kind"], mark["page"], mark["found"]) == ("ligatures_fixed", 1, "\ufb01")
    x = LEFT + stringWidth(REPAIRED_NOTE_LINE[:REPAIRED_NOTE_LINE.index("\ufb01")], "DejaVuSans", 8.0)
    assert abs(mark["box"][0] - x) < NEAR and mark["box"][1] < REPAIRED_NOTE_TOP < mark["box"][3] + 3


def test_a_marker_in_a_table_cell_stands_where_it_was_printed(batch):
    _, clean, _, _ = batch
    doc = document(clean, "detainers-by-county-data-brief")
    [footnote] = [f for f in doc["footnotes"] if f.get("cell")]
    table = next(b for b in doc["blocks"] if b["id"] == footnote["block"])
    row, column = footnote["cell"]
    with (clean / "detainers-by-county-data-brief" / table["csv"]).open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[row][column] == "1,301"  # the marker follows this figure
    page, (x0, top, x1, bottom) = footnote["box"]["page"], footnote["box"]["box"]
    assert page == footnote["page"] == 2
    [outer] = [p["box"] for p in table["boxes"] if p["page"] == page]
    assert outer[0] < x0 < x1 < outer[2] and outer[1] < top < bottom < outer[3]
    assert x1 - x0 < 6 and bottom - top < 8  # one small raised glyph, not the table's corner
    assert x1 < outer[2] - 50  # in its column (the third of four), far from the table's right edge


def test_a_page_without_text_is_a_warning_with_its_page(batch):
    _, clean, _, _ = batch
    warnings = document(clean, "drawn")["warnings"]
    assert [(w["kind"], w["page"]) for w in warnings] == [("page_without_text", 2)]
    assert {row["id"]: row["warnings"] for row in manifest(clean)}["drawn"] == "1"


def test_text_exports_get_no_boxes(batch):
    _, clean, _, _ = batch
    doc = document(clean, "briefing-interior-enforcement")
    assert not any("boxes" in b or "rejoined" in b for b in doc["blocks"])
    assert not any("box" in f for f in doc["footnotes"])


# --- the files the report writes -----------------------------------------------------------


def test_every_document_gets_a_page_and_every_pdf_page_an_image_under_300_kb(batch):
    _, clean, _, result = batch
    folder = clean / "report"
    assert (folder / "index.html").exists()
    ok = [row for row in manifest(clean) if row["status"] == "ok"]
    assert result.written == len(ok) and result.without_pages == 0
    for row in ok:
        assert (folder / f"{row['id']}.html").exists()
        if row["kind"] == "pdf":
            images = sorted((folder / row["id"]).glob("p*.jpg"))
            assert len(images) == int(row["pages"])
            assert all(image.stat().st_size <= 300_000 for image in images)
    assert not (folder / "damaged.html").exists()


def test_a_second_report_draws_only_the_documents_that_changed(batch, tmp_path):
    _, clean, _, _ = batch
    copy = tmp_path / "clean"
    shutil.copytree(clean, copy)
    raw = batch[0]
    again = write_report(copy, raw)
    assert again.written == 0 and again.kept == 4
    changed = copy / "drawn" / "document.json"
    changed.write_text(changed.read_text(encoding="utf-8").replace("State v. Doe", "State v. Roe"), encoding="utf-8")
    again = write_report(copy, raw)
    assert again.written == 1 and again.kept == 3
    assert "State v. Roe" in (copy / "report" / "drawn.html").read_text(encoding="utf-8")


def test_pages_load_nothing_from_the_network(batch):
    _, clean, _, _ = batch
    for page in (clean / "report").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"(?:src|href|url)\s*[=(]\s*[\"']?(?:https?:)?//", html), page.name
        assert "<script src" not in html and "<link rel=\"stylesheet\"" not in html


# --- in a browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    executable, reason = find_chromium()
    if executable is None:
        if os.environ.get("CI") or os.environ.get("PIPELINE_REQUIRE_BROWSER"):
            pytest.fail(f"the report's browser tests must run here: {reason}")
        pytest.skip(reason)
    opened = Browser(executable)
    yield opened
    opened.close()


def assert_offline_and_clean(browser):
    foreign = [url for url in browser.requested_urls() if not url.startswith(("file://", "data:"))]
    assert foreign == [], foreign
    assert browser.console_errors() == []


def assert_not_blank(png: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 150))
    colours = image.getcolors(maxcolors=200 * 150)
    assert colours is not None
    commonest = max(count for count, _ in colours)
    assert len(colours) > 50 and commonest < 0.9 * 200 * 150


def test_index_lists_every_document_with_its_status_and_reason(batch, browser):
    _, clean, _, _ = batch
    browser.open(clean / "report" / "index.html")
    assert_offline_and_clean(browser)
    rows = browser.evaluate("""Array.from(document.querySelectorAll('#documents tbody tr')).map(r => ({
        id: r.dataset.id, status: r.dataset.status, reason: r.querySelector('.reason').textContent,
        link: (r.querySelector('a') || {}).href || ''}))""")
    expected = manifest(clean)
    assert [r["id"] for r in rows] == [row["id"] for row in expected]
    for shown, row in zip(rows, expected):
        assert shown["status"] == row["status"] and shown["reason"] == row["error"]
        assert bool(shown["link"]) == (row["status"] != "failed")
    assert next(r["reason"] for r in rows if r["id"] == "damaged").startswith("damaged: ")  # the failure kind, then its detail
    assert browser.evaluate("document.querySelectorAll('figure.plot svg').length") == 5
    assert_not_blank(browser.screenshot())


def test_index_sorts_and_filters(batch, browser):
    _, clean, _, _ = batch
    browser.open(clean / "report" / "index.html")
    order = "Array.from(document.querySelectorAll('#documents tbody tr')).map(r => r.dataset.id)"
    pages = "Array.from(document.querySelectorAll('#documents tbody tr')).map(r => r.cells[3].textContent)"
    header = "Array.from(document.querySelectorAll('#documents th')).find(th => th.textContent === 'pages')"
    browser.evaluate(f"{header}.click()")
    ascending = [int(p) for p in browser.evaluate(pages) if p]
    assert ascending == sorted(ascending) and len(ascending) == 4
    browser.evaluate(f"{header}.click()")
    assert [int(p) for p in browser.evaluate(pages) if p] == sorted(ascending, reverse=True)
    browser.evaluate("{ const s = document.getElementById('filter-status'); s.value = 'failed'; s.dispatchEvent(new Event('change')); }")
    visible = browser.evaluate("Array.from(document.querySelectorAll('#documents tbody tr')).filter(r => !r.hidden).map(r => r.dataset.id)")
    assert visible == ["damaged"]
    browser.evaluate("{ const s = document.getElementById('filter-status'); s.value = ''; s.dispatchEvent(new Event('change'));"
                     "const w = document.getElementById('filter-warned'); w.checked = true; w.dispatchEvent(new Event('change')); }")
    visible = browser.evaluate("Array.from(document.querySelectorAll('#documents tbody tr')).filter(r => !r.hidden).map(r => r.dataset.id)")
    assert visible == ["briefing-interior-enforcement", "drawn"]  # the export carries no note text for its markers
    assert len(browser.evaluate(order)) == 5


@pytest.mark.parametrize("doc_id", ["drawn", "briefing-interior-enforcement-print", "detainers-by-county-data-brief"])
def test_a_pdf_page_draws_every_page_marker_note_and_removed_line(batch, browser, doc_id):
    _, clean, _, _ = batch
    doc = document(clean, doc_id)
    browser.open(clean / "report" / f"{doc_id}.html")
    assert_offline_and_clean(browser)
    widths = browser.evaluate("Array.from(document.querySelectorAll('img[data-page]')).map(i => [i.dataset.page, i.naturalWidth])")
    assert [int(page) for page, _ in widths] == list(range(1, doc["metadata"]["pages"] + 1))
    assert all(width > 300 for _, width in widths)
    markers = browser.evaluate("""Array.from(document.querySelectorAll('.page .marker[data-marker]')).map(m => ({
        marker: m.dataset.marker, note: m.dataset.note, page: m.closest('.page').id,
        tip: m.querySelector('.tip').textContent, noteText: m.dataset.note ? document.getElementById(m.dataset.note).textContent : ''}))""")
    assert len(markers) == len(doc["footnotes"])
    for shown, footnote in zip(sorted(markers, key=lambda m: m["marker"]), sorted(doc["footnotes"], key=lambda f: f["marker"])):
        assert shown["marker"] == footnote["marker"] and shown["page"] == f"page-{footnote['page']}"
        if footnote["note"]:
            assert shown["note"] and footnote["note"] in shown["noteText"] and shown["tip"] == footnote["note"]
    removed = browser.evaluate("document.querySelectorAll('.page .removed').length")
    assert removed == sum(1 for r in doc["removed_lines"] if r["box"])
    boxes = sum(len(b.get("boxes", [])) for b in doc["blocks"])
    assert browser.evaluate("document.querySelectorAll('.page .block[data-block]').length") == boxes
    tables = [b["id"] for b in doc["blocks"] if b["type"] == "table"]
    for table in tables:
        assert browser.evaluate(f"document.querySelectorAll('#csv-{table} table.csv tr').length") > 1
        assert browser.evaluate(f"document.querySelector('.page .t-table[data-block=\"{table}\"]') !== null")
    assert_not_blank(browser.screenshot())


def test_clicking_a_marker_opens_its_note(batch, browser):
    _, clean, _, _ = batch
    browser.open(clean / "report" / "drawn.html")
    shown = browser.evaluate("""(() => { const m = document.querySelector('.page .marker[data-marker="2"]');
        m.click(); const tip = m.querySelector('.tip'); return [getComputedStyle(tip).display, tip.textContent]; })()""")
    assert shown == ["block", "Public records requests of March 2020."]
    hidden = browser.evaluate("""(() => { document.body.click();
        return getComputedStyle(document.querySelector('.page .marker[data-marker="2"] .tip')).display; })()""")
    assert hidden == "none"


def test_a_text_export_shows_its_raw_text_beside_the_clean_text(batch, browser):
    _, clean, _, _ = batch
    doc = document(clean, "briefing-interior-enforcement")
    browser.open(clean / "report" / "briefing-interior-enforcement.html")
    assert_offline_and_clean(browser)
    assert browser.evaluate("document.querySelectorAll('.export[data-page]').length") == doc["metadata"]["pages"]
    marks = [mark for block in doc["blocks"] for mark in block.get("repairs", [])]
    assert sorted(mark["kind"] for mark in marks) == ["broken_hyphens_fixed"] * 3  # glyph spacing is not placed in exports
    shown = browser.evaluate("""Array.from(document.querySelectorAll('.raw .repair[data-repair]')).map(r => [
        r.dataset.repair, r.textContent, r.title, r.closest('.export').dataset.page])""")
    placed = [s for s in shown if s[0] != "tab_artifacts_removed"]
    assert len(placed) == len(marks)
    for (kind, text, title, page), mark in zip(placed, sorted(marks, key=lambda m: (m["page"], m["line"], m["start"]))):
        assert kind == mark["kind"] and int(page) == mark["page"] and text == mark["found"]
        assert title.startswith("broken hyphens fixed: ")
    spacing = [text for kind, text, *_ in shown if kind == "tab_artifacts_removed"]
    assert len(spacing) > 1000 and all(set(text) <= set(" →·") for text in spacing)  # the seed's glyph spacing, run by run
    assert browser.evaluate("document.querySelector('.raw .repair').title").startswith("tab artifacts removed: ⟨U+0009⟩")
    refs = browser.evaluate("Array.from(document.querySelectorAll('aside .ref[data-marker]')).map(r => r.dataset.marker)")
    assert refs == [f["marker"] for f in doc["footnotes"]]
    assert_not_blank(browser.screenshot())


def test_rejected_table_regions_are_warnings_on_their_pages():
    from pipeline import process

    from .conftest import CORPUS, require

    document_ = process(require(CORPUS / "faa-handbook-two-column-page.pdf"))
    rejected = [w for w in document_.warnings if w.kind == "table_rejected"]
    assert rejected  # the table finder reads this page's figure callouts as a grid, then rejects it
    counted = sum(int(w.detail.split()[0]) if w.detail[0].isdigit() else 1 for w in rejected)
    assert counted == document_.stats.get("tables_rejected", 0)
    assert all(w.page == 1 for w in rejected)


def test_character_repairs_are_drawn_where_they_stand_named_on_hover(batch, browser):
    _, clean, _, _ = batch
    doc = document(clean, "drawn")
    browser.open(clean / "report" / "drawn.html")
    assert_offline_and_clean(browser)
    drawn = browser.evaluate("""Array.from(document.querySelectorAll('.page .repair[data-repair]')).map(r => ({
        kind: r.dataset.repair, title: r.title, page: r.closest('.page').id, left: parseFloat(r.style.left),
        width: r.getBoundingClientRect().width}))""")
    marks = [mark for part in doc["blocks"] + doc["notes"] for mark in part.get("repairs", [])]
    assert len(drawn) == len(marks) == 4
    for shown, mark in zip(sorted(drawn, key=lambda d: (d["page"], d["left"])), sorted(marks, key=lambda m: (m["page"], m["box"][0]))):
        assert shown["kind"] == mark["kind"] and shown["page"] == f"page-{mark['page']}" and shown["width"] > 0
        assert shown["title"].startswith(mark["kind"].replace("_", " ") + ": ")
        assert shown["left"] == pytest.approx(100 * mark["box"][0] / 612, abs=0.01)
    browser.evaluate("{ const b = document.querySelector('.layers input[data-layer=\"repair\"]'); b.click(); }")
    assert browser.evaluate("getComputedStyle(document.querySelector('.page .repair')).display") == "none"


def test_a_table_cell_marker_is_drawn_at_its_place_not_the_table_corner(batch, browser):
    _, clean, _, _ = batch
    doc = document(clean, "detainers-by-county-data-brief")
    [footnote] = [f for f in doc["footnotes"] if f.get("cell")]
    browser.open(clean / "report" / "detainers-by-county-data-brief.html")
    place = browser.evaluate(f"""(() => {{ const m = Array.from(document.querySelectorAll('.page .marker[data-marker="{footnote['marker']}"]'))
        .find(m => m.closest('.page').id === 'page-{footnote["page"]}'); const t = document.querySelector(
        '#page-{footnote["page"]} .t-table[data-block="{footnote['block']}"]'); const a = m.getBoundingClientRect(),
        b = t.getBoundingClientRect(), i = m.closest('.page').querySelector('img');
        return [a.left - b.left, b.right - a.right, a.top - b.top, i.getBoundingClientRect().width / Number(i.getAttribute('width'))]; }})()""")
    from_left, from_right, from_top, scale = place
    x0, top, _, _ = footnote["box"]["box"]
    [outer] = [p["box"] for p in next(b for b in doc["blocks"] if b["id"] == footnote["block"])["boxes"] if p["page"] == footnote["page"]]
    assert from_right > 40 and from_top > 100  # inside the table, far from its top right corner
    assert from_left == pytest.approx((x0 - outer[0]) * scale, abs=2)
    assert from_top == pytest.approx((top - outer[1]) * scale, abs=2)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """A batch of a generated brief and its scan (read by OCR), with its report."""
    from pipeline.batch import run_batch
    from pipeline.extract.ocr import ocr_available

    from .scan_factory import scan_pdf
    from .test_pdf_end_to_end import build_brief

    if not ocr_available():
        if os.environ.get("CI"):
            pytest.fail("Tesseract must be installed here (.ci/run installs it)")
        pytest.skip("Tesseract is not installed (scripts/install-ocr.sh installs it)")
    root = tmp_path_factory.mktemp("scanned")
    raw = root / "raw"
    raw.mkdir()
    scan_pdf(build_brief(raw / "brief.pdf"), raw / "scan.pdf", dpi=200, angle=0.3)
    run_batch(raw, root / "clean", jobs=1)
    write_report(root / "clean", raw)
    return root / "clean"


def test_pages_read_by_ocr_carry_a_badge_with_their_confidence(scanned, browser):
    doc = document(scanned, "scan")
    pages = {p["page"]: p for p in doc["metadata"]["ocr"]["pages"]}
    assert sorted(pages) == [1, 2]
    browser.open(scanned / "report" / "scan.html")
    assert_offline_and_clean(browser)
    badges = browser.evaluate("""Array.from(document.querySelectorAll('.page .ocr-badge')).map(b => [
        b.closest('.page').id, b.dataset.ocrConfidence, b.textContent, getComputedStyle(b).display, b.classList.contains('low')])""")
    assert [page for page, *_ in badges] == [f"page-{n}" for n in sorted(pages)]
    for page, confidence, text, display, low in badges:
        record = pages[int(page.split("-")[1])]
        assert float(confidence) == pytest.approx(record["confidence"], abs=0.05)
        assert text == f"OCR · mean confidence {round(record['confidence'])}%" and display != "none"
        assert low == (record["confidence"] < 70)  # the low_ocr_confidence warning's bar
    browser.open(scanned / "report" / "brief.html")
    assert browser.evaluate("document.querySelectorAll('.ocr-badge').length") == 0


def test_the_index_counts_the_pages_read_by_ocr(scanned, browser):
    browser.open(scanned / "report" / "index.html")
    column = browser.evaluate("Array.from(document.querySelectorAll('#documents th')).findIndex(th => th.textContent === 'OCR pages')")
    assert column > 0
    shown = dict(browser.evaluate(f"""Array.from(document.querySelectorAll('#documents tbody tr')).map(r => [
        r.dataset.id, r.cells[{column}].textContent])"""))
    assert shown == {row["id"]: row["ocr_pages"] for row in manifest(scanned)} == {"brief": "0", "scan": "2"}
    assert "(2 read by OCR)" in browser.evaluate("document.querySelector('header').textContent")
