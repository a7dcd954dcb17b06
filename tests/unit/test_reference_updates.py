"""Notices about cited works (`update:` in data/references.yml): the checks, with their
lines, and what readers see (citations.py)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from kf.core.citations import UPDATE_TYPES, bibliography_html, entry_html, load_references, preview_text, render_citations, update_text

LANGS = ("fr", "en")

WORK = """\
- id: doe2020
  type: article-journal
  title: Ketamine for pain
  author: [{family: Doe, given: J}]
  issued: 2020
  container-title: J Test
  DOI: 10.1000/doe
  study_type: rct
  summary: {fr: Un résumé., en: A summary.}
"""


def load(update: str):
    return load_references(WORK + update, "data/references.yml", LANGS)


def test_a_recorded_retraction_is_read():
    bib = load("  update: {type: retraction, date: 2027-03-14, notice: 10.1000/retract}\n")
    assert bib.problems == []
    (update,) = bib.references["doe2020"].updates
    assert (update.type, update.date, update.notice, update.line) == ("retraction", (2027, 3, 14), "10.1000/retract", 10)


def test_several_notices_with_a_note():
    bib = load(
        "  update:\n"
        "    - {type: correction, date: 2025, notice: 10.1000/erratum}\n"
        "    - type: expression-of-concern\n"
        "      date: 2026-05-02\n"
        "      note: {fr: \"Les données d'un centre sont en cause.\", en: The data of one centre are in question.}\n"
    )
    assert bib.problems == []
    ref = bib.references["doe2020"]
    assert [u.type for u in ref.updates] == ["correction", "expression-of-concern"]
    assert ref.updates[1].note["fr"] == "Les données d’un centre sont en cause."


@pytest.mark.parametrize(
    "update, line, message",
    [
        ("  update: {type: retracted, date: 2027}\n", 10,
         "reference 'doe2020': unknown update type 'retracted'. Did you mean 'retraction'? Use one of: retraction,"),
        ("  update:\n    type: retraction\n    notice: https://doi.org/10.1/x\n", 11,
         "reference 'doe2020': the update needs the 'date' of the notice"),
        ("  update:\n    type: retraction\n    date: 2027\n    notice: https://doi.org/10.1/x\n", 13,
         "reference 'doe2020': malformed notice DOI 'https://doi.org/10.1/x'"),
        ("  update:\n    type: retraction\n    date: 2027\n    reason: fraud\n", 13,
         "reference 'doe2020': 'reason' is not a field of 'update'."),
        ("  update:\n    type: retraction\n    date: 2027\n    note: {fr: Seulement en français.}\n", 13,
         "reference 'doe2020': 'note' must give a short sentence in each language (fr, en)"),
        ("  update: retracted\n", 10, "reference 'doe2020': 'update' must be a block like"),
        ("  updates: {type: retraction, date: 2027}\n", 10, "'updates' is not a known field. Did you mean 'update'?"),
    ],
)
def test_bad_notices_are_reported_with_their_line(update, line, message):
    bib = load(update)
    assert "doe2020" not in bib.references
    assert any(p.line == line and message in p.message for p in bib.problems), [str(p) for p in bib.problems]
    assert all(str(p).startswith(f"data/references.yml:{p.line}: ") for p in bib.problems)


@pytest.mark.parametrize("kind", UPDATE_TYPES)
def test_every_type_has_its_wording_in_both_languages(kind):
    bib = load(f"  update: {{type: {kind}, date: 2027}}\n")
    (update,) = bib.references["doe2020"].updates
    fr, en = update_text(update, "fr"), update_text(update, "en")
    assert "2027" in fr and "2027" in en and fr != en
    if kind in ("retraction", "partial-retraction", "withdrawal", "expression-of-concern"):
        assert "nous revoyons les pages qui la citent" in fr and "we are reviewing the pages that cite it" in en


def test_the_retraction_wording_and_french_typography():
    bib = load("  update: {type: retraction, date: 2027, notice: 10.1000/retract}\n")
    update = bib.references["doe2020"].updates[0]
    assert update_text(update, "fr") == "Cette étude a été rétractée en 2027\u202f; nous revoyons les pages qui la citent."
    assert update_text(update, "en") == "This study was retracted in 2027; we are reviewing the pages that cite it."


@pytest.mark.parametrize("code", LANGS)
def test_readers_see_the_notice_wherever_the_work_appears(code):
    bib = load("  update: {type: retraction, date: 2027, notice: 10.1000/retract}\n")
    ref = bib.references["doe2020"]
    sentence = update_text(ref.updates[0], code)
    assert preview_text(ref, code).startswith(sentence)  # before anything else
    entry = LexborHTMLParser(entry_html(ref, code, "evidence/")).css_first("p.kf-ref__update--retraction")
    assert entry.attributes["role"] == "note" and sentence in entry.text()
    assert entry.css_first("a").attributes["href"] == "https://doi.org/10.1000/retract"
    page = render_citations("<p>Text<!--kf-cite:doe2020--></p>", bib, code, "evidence/").html
    doc = LexborHTMLParser(page)
    assert sentence in doc.css_first(".kf-ref__tip").text()
    assert sentence in doc.css_first("li#ref-doe2020 .kf-ref__update").text()
    listing = LexborHTMLParser(bibliography_html(bib, code, "evidence/", {}))
    assert sentence in listing.css_first("li#doe2020 .kf-ref__update").text()


def test_a_work_without_notice_shows_none():
    bib = load("")
    ref = bib.references["doe2020"]
    assert ref.updates == ()
    assert "kf-ref__update" not in entry_html(ref, "en", "evidence/")
