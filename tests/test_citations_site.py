"""Citations on the built site: numbered markers with previews, reference lists,
bibliography pages with "cited in" links, the evidence pages, bad data and unknown
keys stopping the build, and previews in Chromium."""

from __future__ import annotations

import pytest

from kf.core.citations import STUDY_TYPES, load_references
from conftest import ROOT, copy_project, mkdocs_build

LANGS = ("fr", "en")
BIB = load_references((ROOT / "data/references.yml").read_text(encoding="utf-8"), "data/references.yml", LANGS)
URL = "http://127.0.0.1:9/sub/"


def prefix(lang):
    return "" if lang == "fr" else "en/"


def test_bibliography_data_is_valid():
    assert BIB.problems == []
    assert len(BIB.references) >= 25
    assert {r.study_type for r in BIB.references.values()} >= {"meta-analysis", "systematic-review", "guideline", "rct", "case-report"}


@pytest.mark.parametrize("lang", LANGS)
def test_evidence_page_numbers_citations_and_lists_references(site, lang):
    doc = site.html(prefix(lang) + "references/niveaux-de-preuve/")
    links = doc.css("article span.kf-cite a.kf-ref__link")
    assert links, "the evidence page cites its examples"
    ids = {n.attributes["id"] for n in doc.css("[id]")}
    order: list[str] = []
    for link in links:
        key = link.attributes["href"].removeprefix("#ref-")
        if key not in order:
            order.append(key)
        assert link.text() == str(order.index(key) + 1)  # numbered by first citation
        assert link.attributes["href"][1:] in ids
        tip = doc.css_first("#" + link.attributes["aria-describedby"])
        assert tip.attributes["role"] == "tooltip"
        assert BIB.references[key].title.rstrip(".") in tip.text()
        assert STUDY_TYPES[BIB.references[key].study_type].labels[lang] in tip.text()
    entries = doc.css("section.kf-references-section ol.kf-references > li")
    assert [li.attributes["id"] for li in entries] == [f"ref-{k}" for k in order]
    for li in entries:
        backs = [a.attributes["href"] for a in li.css("a.kf-ref__back")]
        assert backs and all(b[1:] in ids for b in backs)
        badge = li.css_first("a.kf-badge")
        assert badge.attributes["href"].startswith("./#") and badge.attributes["href"][3:] in ids
    # the section is in the table of contents and has no glossary markers
    assert doc.css_first('nav.md-nav--secondary a[href="#references"]') is not None
    assert doc.css("section.kf-references-section .kf-term") == []
    # every study type has its section, which the badges link to
    assert {t for t in STUDY_TYPES} <= ids


def test_both_languages_cite_the_same_works_in_the_same_order(site):
    orders = []
    for lang in LANGS:
        doc = site.html(prefix(lang) + "references/niveaux-de-preuve/")
        orders.append([li.attributes["id"] for li in doc.css("ol.kf-references > li")])
    assert orders[0] == orders[1]


@pytest.mark.parametrize("lang", LANGS)
def test_bibliography_page_lists_every_reference_by_strength(site, lang):
    page = prefix(lang) + "references/"
    doc = site.html(page)
    entries = doc.css("article ul.kf-bibliography > li")
    assert {li.attributes["id"] for li in entries} == set(BIB.references)
    ranks = [STUDY_TYPES[BIB.references[li.attributes["id"]].study_type].rank for li in entries]
    assert ranks == sorted(ranks)
    assert BIB.references["hanna2018"].summary[lang] in doc.css_first("li#hanna2018").text()
    # "cited in" links lead to pages of the same language that cite the work
    hrefs = [a.attributes["href"] for a in doc.css("li#orhurhu2019 .kf-ref__cited-in a")]
    assert "niveaux-de-preuve/" in hrefs
    for href in hrefs:
        target = site.html(page + href)
        assert target.css_first("li#ref-orhurhu2019") is not None, href
        assert target.css_first("html").attributes["lang"] == lang
    assert doc.css_first("li#pickering2023 .kf-ref__cited-in a") is None  # not cited yet
    # badges link to the explanation of their type
    badge = doc.css_first("li#hanna2018 a.kf-badge")
    assert badge.attributes["href"] == "niveaux-de-preuve/#case-report"
    doi = doc.css_first("li#hanna2018 .kf-ref__ids a")
    assert doi.attributes["href"] == "https://doi.org/10.14740/jmc3017w"


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_holds_the_words_not_the_citation_markup(site, lang):
    from kf.core.search_index import indexed_pages

    pages = indexed_pages(site.dir)[lang]
    texts = " ".join(p["text"] for p in pages)
    assert "Orhurhu V et al." not in texts  # the preview's short author list
    assert "kf-cite" not in texts and "kf-ref" not in texts
    # a reference is found on the bibliography page, not again under every article citing it
    found = {p["path"] for p in pages if "Orhurhu V, Orhurhu MS" in p["text"]}
    assert found == {prefix(lang) + "references/"}
    # nor is every page title repeated under each work of the bibliography ("Cited in")
    assert not any(("Cité dans" in p["text"] or "Cited in" in p["text"]) for p in pages)


# --------------------------------------------------------------------------- builds that must fail


def build(project, tmp_path):
    result = mkdocs_build(project, tmp_path / "out", URL)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_unknown_citation_key_stops_the_build_and_suggests(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/fr/articles/index.md").write_text("# Articles\n\nTexte.\n\nUn essai [@nopers2011; @hanna2018].\n", encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "docs/fr/articles/index.md:5: unknown reference '@nopers2011'. Did you mean @noppers2011" in result.stderr


def test_citations_in_code_and_escaped_are_not_checked(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/fr/articles/index.md").write_text(
        "# Articles\n\nOn écrit `[@inconnu]` ou \\[@inconnu] pour citer.\n\n```\n[@inconnu]\n```\n", encoding="utf-8"
    )
    result = build(project, tmp_path)
    assert result.returncode == 0, result.stderr
    out = (tmp_path / "out/articles/index.html").read_text(encoding="utf-8")
    assert "[@inconnu]" in out and "kf-references" not in out


BAD = """\
- id: doe2020
  type: article-journal
  title: A title
  author: [{family: Doe, given: J}]
  issued: 2020
  container-title: J Test
  DOI: doi.org/10.1000/x
  PMID: PM123
  study_type: anecdote
  summary: {fr: Un résumé.}
- id: doe2020
  type: article-journal
  author: [{family: Doe, given: J}]
  issued: 2020
  study_type: rct
  summary: {fr: Un résumé., en: A summary.}
"""


def test_bad_bibliography_data_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data/references.yml").write_text(BAD, encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0
    for message in [
        "data/references.yml:7: reference 'doe2020': malformed DOI 'doi.org/10.1000/x'",
        "data/references.yml:8: reference 'doe2020': malformed PMID 'PM123'",
        "data/references.yml:9: reference 'doe2020': unknown study_type 'anecdote'",
        "data/references.yml:10: reference 'doe2020': the summary in 'en' is missing",
        "data/references.yml:11: reference 'doe2020': 'title' is missing",
    ]:
        assert message in result.stderr, result.stderr


def test_evidence_page_must_explain_every_study_type(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/en/references/niveaux-de-preuve.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{#news}", ""), encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "docs/en/references/niveaux-de-preuve.md:6: the evidence page has no section for the study type 'news'" in result.stderr


def test_duplicate_reference_id_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    data = (project / "data/references.yml").read_text(encoding="utf-8")
    (project / "data/references.yml").write_text(data.replace("- id: hanna2016\n", "- id: hanna2018\n"), encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "the id 'hanna2018' is already used by the reference on line" in result.stderr


# --------------------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_citation_preview_on_hover_and_keyboard_focus(site, page):
    from playwright.sync_api import expect

    page.goto(site.url + "en/references/niveaux-de-preuve/")
    link = page.locator("a.kf-ref__link").first
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    ref = BIB.references[link.get_attribute("href").removeprefix("#ref-")]
    assert tip.is_hidden()
    link.hover()
    tip.wait_for(state="visible")
    assert ref.title.rstrip(".") in tip.inner_text()
    page.mouse.move(1, 1)
    tip.wait_for(state="hidden")
    expect(link).to_have_accessible_name("Reference 1")
    link.focus()
    tip.wait_for(state="visible")
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    page.keyboard.press("Enter")
    page.wait_for_url("**#ref-" + ref.id)
    assert page.evaluate("document.querySelector(':target').id") == "ref-" + ref.id


@pytest.mark.browser
def test_citation_preview_on_tap_then_reference_on_second_tap(site, browser):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        url = site.url + "references/niveaux-de-preuve/"
        page.goto(url)
        link = page.locator("a.kf-ref__link").first
        tip = page.locator("#" + link.get_attribute("aria-describedby"))
        link.tap()
        tip.wait_for(state="visible")
        assert page.url == url
        link.tap()
        page.wait_for_url(url + link.get_attribute("href"))
    finally:
        context.close()


def test_build_reports_references_that_no_page_cites(site):
    uncited = [line for line in site.log.splitlines() if "cited by no fr page" in line]
    assert len(uncited) == 1
    assert "pickering2023" in uncited[0] and "orhurhu2019" not in uncited[0]
