"""Cleanup in the document's language and encoding: no letter lost, every marker found.

Exports in five languages printed in the seed's conventions (tests/multilingual_exports.py),
ftfy's own test cases as data, whole-file mojibake, PDFs made with reportlab, and a
property over clean sentences in several languages and scripts.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.process import process_text
from pipeline.structure.hyphenation import join_line
from pipeline.words import Lexicon

from .export_factory import Heading, Paragraph, Variant, make_export
from .multilingual_exports import LANGUAGES, SEED_VARIANT
from .pdf_factory import PdfBuilder, paragraph_lines, sup

FTFY_CASES = Path(__file__).resolve().parents[1].parent / "shared" / "ftfy-test-cases"


def letters(text: str) -> Counter[str]:
    return Counter(ch for ch in text if unicodedata.category(ch).startswith("L"))


def footnote_rows(document):
    return [(f.marker, "" if f.page is None else str(f.page), f.block, str(f.offset), f.anchor, f.note) for f in document.footnotes]


# --- exports in five languages -------------------------------------------------------------


@pytest.fixture(scope="module", params=list(LANGUAGES), ids=list(LANGUAGES))
def language_export(request, tmp_path_factory):
    export = make_export(LANGUAGES[request.param], SEED_VARIANT)
    path = tmp_path_factory.mktemp("lang") / f"{request.param}.txt"
    path.write_bytes(export.data)
    return request.param, export, pipeline.process(path)


def test_language_export_text_is_exact(language_export):
    _, export, document = language_export
    assert document.text == export.text


def test_language_export_markers_are_exact(language_export):
    _, export, document = language_export
    assert footnote_rows(document) == export.footnotes


def test_language_exports_span_several_pages():
    """Guards the generator: the markers' pages are really exercised."""
    for code, blocks in LANGUAGES.items():
        export = make_export(blocks, SEED_VARIANT)
        assert max(max(b.pages) for b in export.blocks) >= 2, code


def test_language_export_language_is_detected(language_export):
    code, _, document = language_export
    assert document.metadata["language"] == code
    assert all(block.language is None for block in document.blocks)


@pytest.mark.parametrize("code_page, glue", [
    ("cp1252", "Â\u00a0"), ("latin-1", "Â\u00a0"), ("mac_roman", "¬†"), ("cp1250", "Â\u00a0"),
])
def test_whole_file_mojibake_gives_the_same_text_and_blocks(tmp_path, code_page, glue):
    """A seed-style export saved after being decoded with the wrong code page (every glue
    ``\\t Â\\u00a0``, every ``é`` an ``Ã©``). Latin text decoded as cp1251 is not repaired:
    ftfy's badness test does not see ``Г©`` (see the README's limits)."""
    export = make_export(LANGUAGES["fr"], SEED_VARIANT)
    right = tmp_path / "right.txt"
    right.write_bytes(export.data)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(export.data.decode(code_page).encode("utf-8"))
    assert glue.encode() in broken.read_bytes()
    good, bad = pipeline.process(right), pipeline.process(broken)
    assert bad.text == good.text == export.text
    assert [(b.type, b.pages) for b in bad.blocks] == [(b.type, b.pages) for b in good.blocks]
    assert footnote_rows(bad) == footnote_rows(good)
    assert bad.stats.get("code_page_repaired") == 1


def test_a_block_in_another_language_carries_its_own(tmp_path):
    blocks = [
        Heading("Interior enforcement"),
        Paragraph("The executive order directs federal agencies to expand the enforcement of immigration law "
                  "in the interior of the country, and the counties must decide how to respond to it."),
        Paragraph("Les préfectures appliquent la loi de façon très inégale selon les départements, et les "
                  "associations demandent depuis longtemps une réforme complète de la procédure."),
        Paragraph("Local police departments have responded in different ways to these requests from the agency, "
                  "and some of them have refused to hold people beyond their release date without a warrant."),
    ]
    export = make_export(blocks, Variant())
    path = tmp_path / "mixed.txt"
    path.write_bytes(export.data)
    document = pipeline.process(path)
    assert document.metadata["language"] == "en"
    assert [b.language for b in document.blocks] == [None, None, "fr", None]
    from pipeline.write import block_record

    assert block_record(document.blocks[2])["language"] == "fr"
    assert "language" not in block_record(document.blocks[1])


# --- ftfy's own test cases, as data ------------------------------------------------------------


def ftfy_cases(name: str) -> list:
    path = FTFY_CASES / f"{name}.json"
    if not path.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{path} is absent (ftfy's test cases, ../shared)"))]
    return [pytest.param(case, id=case["label"][:60]) for case in json.loads(path.read_text(encoding="utf-8"))]


KNOWN_STRUCTURE_CHANGES = {"Checkmark that almost looks okay as mojibake"}
"""Repaired, then a line that opens with ``✔`` is read as a bulleted list item (``- No
problems``): the structure stage's rule, not a repair."""


@pytest.mark.parametrize("case", ftfy_cases("negative"))
def test_ftfy_negative_cases_are_left_unchanged(case):
    """Unchanged but for what ftfy's own answer changes (a C1 control turned into ``…``)."""
    unchanged = {" ".join(case[key].split()) for key in ("original", "fixed") if key in case}
    assert pipeline.clean_text(case["original"]).strip() in unchanged


@pytest.mark.parametrize("case", ftfy_cases("in-the-wild") + ftfy_cases("synthetic"))
def test_ftfy_cases_are_repaired(case):
    wanted = {" ".join(case[key].split()) for key in ("fixed-encoding", "fixed") if key in case}
    got = pipeline.clean_text(case["original"]).strip()
    if case["label"] in KNOWN_STRUCTURE_CHANGES:
        assert got.lstrip("- ") in {w.lstrip("✔ ") for w in wanted}
        return
    assert got in wanted


# --- single rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "C'est vrai que nous n'en avons pas encore beaucoup parlé, et il est parmi nous aussi.",
    "I diritti dei migranti sono garantiti dalla Costituzione italiana e dai trattati.",
    "Tại sao giá hạt sầu riêng lại lên giá nhiều như vậy trong năm nay?",
    "Os migrantes que vivem aqui e ali enfrentam muitos obstáculos administrativos.",
])
def test_clean_text_keeps_every_letter_in_other_languages(text):
    assert pipeline.clean_text(text) == text + "\n"


def test_symbol_markers_survive_a_section_sign_used_as_text():
    text = ("The program*\t \u00a0rests on 8 U.S.C. § 1357(g), which lets local police act as agents.† "
            "Counties sign agreements‡ with the agency. Several authorities.§ Others refused.** "
            "Some withdrew.††\t \u00a0")
    document = process_text(text)
    assert [f.marker for f in document.footnotes] == ["*", "†", "‡", "§", "**", "††"]
    assert "8 U.S.C. § 1357(g)" in document.text


def test_a_language_without_a_word_list_splits_only_a_proven_sequence():
    khmer = Lexicon.of("km")
    assert not khmer.known
    from pipeline.structure.markers import find_markers

    hits = find_markers(["Le taxi reste ici.", "Orderi and nationii and moreiii."], ("roman-lower",), lexicons=[khmer, khmer])
    assert [[h.marker for h in block] for block in hits] == [[], ["i", "ii", "iii"]]
    hits = find_markers(["Le taxi reste ici."], ("roman-lower",), lexicons=[khmer])
    assert hits == [[]]


@pytest.mark.parametrize("before, after, language, joined", [
    ("the recomman-", "dations du rapport", "fr", "the recommandations du rapport"),
    ("les opé-", "rateurs", "fr", "les opérateurs"),
    ("die Staats-", "angehörigkeit", "de", "die Staatsangehörigkeit"),
    ("Verwaltungs-", "gerichte", "de", "Verwaltungsgerichte"),
    ("porte-", "parole", "fr", "porte-parole"),
    ("non-", "citizens", "en", "non-citizens"),
    ("EU-", "Recht", "de", "EU-Recht"),
])
def test_dehyphenation_in_the_text_language(before, after, language, joined):
    assert join_line(before, after, Lexicon.of(language))[0] == joined


def test_cjk_lines_join_without_a_space():
    """Chinese and Japanese always; Korean, which breaks lines at word spaces too, where the
    document writes the joined beginning inside a line (``돌입한``)."""
    from pipeline.structure.hyphenation import WrittenPrefixes

    korean = Lexicon.of("ko").with_written_words(WrittenPrefixes("정부는 이미 돌입한 단계라고 밝혔다"))
    assert join_line("정부는 새로운 단계에 돌", "입하였다", korean)[0] == "정부는 새로운 단계에 돌입하였다"
    assert join_line("보험약관상", "재해보험금", korean)[0] == "보험약관상 재해보험금"
    assert join_line("政府は新しい", "段階に入った")[0] == "政府は新しい段階に入った"


def test_names_ending_in_i_keep_their_letter_in_a_pdf(tmp_path):
    """No superscript, no marker: a PDF prints its markers raised."""
    builder = PdfBuilder(tmp_path / "names.pdf")
    lines = [
        "The court cited Judge Fazzini and the report on Dhirubhai Ambani, with the",
        "work of Danqi Chen and of Judge Kozinski, and the brief by Massanari and",
        "Nicoli on the enforcement of immigration law in the interior.",
    ]
    top = paragraph_lines(builder, 72, 100, lines)
    builder.line(72, top + 24, "A raised marker is still taken", sup("i"), " as the first note.")
    path = builder.save()
    document = pipeline.process(path)
    for name in ("Fazzini", "Dhirubhai", "Danqi", "Kozinski", "Massanari", "Nicoli"):
        assert name in document.text
    assert [f.marker for f in document.footnotes] == ["i"]


# --- the property ------------------------------------------------------------------------------------

SENTENCES = [
    "C'est vrai que la question est parmi les plus débattues, et aussi la voix des deux parties.",
    "I diritti dei migranti sono garantiti, ma i centri civili restano pieni per questi motivi.",
    "Os migrantes que vivem aqui e ali enfrentam obstáculos; daqui a dois anos, a lei muda.",
    "Die Polizei ist frei, dabei aktiv und positiv, im Archiv der Partei.",
    "Yo fui testigo: así no se puede seguir, dijo el taxi de Luis.",
    "Tại sao giá hạt sầu riêng lại lên giá?",
    "Правительство приняло новый закон о миграции.",
    "政府は新しい段階に入った。",
    "정부는 새로운 단계에 돌입하였다.",
    "Η κυβέρνηση ψήφισε νέο νόμο για τη μετανάστευση.",
    "Hawaii, Title VI, and the taxi in 287(g) cases.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6))
def test_cleaning_clean_text_never_removes_a_letter(sentences):
    """Over sentences in several languages and scripts, mixed in one paragraph: a word of a
    sentence in another language than the paragraph's is looked up in its own."""
    text = " ".join(sentences)
    assert not letters(text) - letters(pipeline.clean_text(text))


@pytest.mark.parametrize("sentences", [
    ["Tại sao giá hạt sầu riêng lại lên giá?", SENTENCES[0], SENTENCES[0]],
    [SENTENCES[1], SENTENCES[3], SENTENCES[3], SENTENCES[3]],
])
def test_a_sentence_in_another_language_keeps_its_letters(sentences):
    """Found by the property above: Vietnamese ``Tại`` in a French paragraph, Italian
    ``migranti`` in a German one."""
    text = " ".join(sentences)
    assert pipeline.clean_text(text) == text + "\n"


def test_a_paragraph_mixing_scripts_keeps_its_latin_words():
    """Told Japanese as a whole, its Italian words are still looked up in Italian."""
    text = "I diritti dei migranti sono garantiti, ma i centri civili restano pieni. 政府は新しい段階に入った。"
    assert not letters(text) - letters(pipeline.clean_text(text))


def test_a_slanted_heading_keeps_its_word_spaces(tmp_path):
    """A cover title set on a diagonal: the glyph boxes overlap, the space characters are
    the only word breaks (``Freies Wissen dank`` came out ``FreiesWissendank``)."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "slanted.pdf"
    page = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    page.saveState()
    page.translate(100, 500)
    page.rotate(40)
    page.setFont("Helvetica-Bold", 24)
    page.drawString(0, 0, "Freies Wissen dank")
    page.restoreState()
    page.setFont("Helvetica", 10)
    page.drawString(72, 200, "Die Lizenzen erlauben die Nutzung der Werke unter bestimmten Bedingungen.")
    page.showPage()
    page.save()
    assert "Freies Wissen dank" in pipeline.process(path).text


def test_a_compound_the_document_writes_with_a_hyphen_keeps_it_at_a_line_end(tmp_path):
    """German ``nicht-`` / ``kommerzielle`` stays hyphenated when the guide writes
    ``nicht-kommerziell`` inside its lines, while ``Staats-`` / ``angehörigkeit`` joins."""
    blocks = [
        Heading("Lizenzen für freies Wissen"),
        Paragraph("Die Lizenz erlaubt nur die nicht-kommerzielle Nutzung der Werke. Wer ein Werk nicht-{/}kommerziell "
                  "nutzt, muss den Autor nennen, und die Staats{-}angehörigkeit des Autors spielt dabei keine Rolle."),
        Paragraph("Die Bedingungen der Lizenz gelten für alle Nutzer, auch für Vereine und Schulen in Deutschland."),
    ]
    export = make_export(blocks, Variant())
    path = tmp_path / "de.txt"
    path.write_bytes(export.data)
    document = pipeline.process(path)
    assert document.metadata["language"] == "de"
    assert document.text == export.text
    assert "nicht-kommerziell nutzt" in document.text and "Staatsangehörigkeit" in document.text


@pytest.mark.parametrize("text, clean", [
    ("Kemal O˘ guz and Antonín Dvoˇ rák", "Kemal Oğuz and Antonín Dvořák"),
    ("It was named „scars´ stones“ by the climbers", "It was named „scars´ stones“ by the climbers"),
    ("it´s a word and a ¨quoted¨ one", "it´s a word and a ¨quoted¨ one"),
])
def test_accents_set_as_separate_glyphs_are_composed(text, clean):
    assert pipeline.clean_text(text) == clean + "\n"
