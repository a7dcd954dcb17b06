"""The glossary on the built site: term markers in both languages, the glossary pages,
the tooltips in Chromium, and bad glossary data stopping the build."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, copy_project, mkdocs_build
from kf.core.glossary import load_glossary, sort_key

LANGS = ("fr", "en")
GLOSSARY = load_glossary((ROOT / "data/glossary.yml").read_text(encoding="utf-8"), "data/glossary.yml", LANGS)


def lang_of(path: str) -> str:
    return "en" if path.startswith("en/") else "fr"


def glossary_path(lang: str) -> str:
    return "glossaire/" if lang == "fr" else "en/glossaire/"


# --------------------------------------------------------------------------- data


def test_glossary_data_is_valid_and_complete():
    assert GLOSSARY.problems == []
    assert len(GLOSSARY.entries) >= 35
    required = (
        "ketamine esketamine nmda-receptor glutamate central-sensitization wind-up allodynia "
        "hyperalgesia fibromyalgia rheumatoid-arthritis autoimmune-disease inflammation dmard "
        "methotrexate crps off-label anaesthetic infusion dissociation placebo active-placebo rct "
        "double-blind case-report systematic-review meta-analysis guideline hepatotoxicity cystitis "
        "schedule-iii stupefiant acr-criteria eular has ansm fda ema pain-scale"
    ).split()
    assert set(required) <= set(GLOSSARY.entries)
    forms = {code: {f for e in GLOSSARY.entries.values() for f in e.langs[code].forms} for code in LANGS}
    for form in ("hors AMM", "SDRC", "PR", "EVA", "récepteurs NMDA", "sommation temporelle", "stupéfiant"):
        assert form in forms["fr"], form
    for form in ("off-label", "CRPS", "RA", "VAS", "NRS", "NMDA receptors", "temporal summation"):
        assert form in forms["en"], form


# --------------------------------------------------------------------------- built site


def markers(doc):
    return doc.css("span.kf-term")


@pytest.mark.parametrize("lang", LANGS)
def test_markers_carry_the_definition_in_the_page_language(site, lang):
    home = site.html("" if lang == "fr" else "en/")
    found = markers(home)
    assert len(found) >= 3
    for marker in found:
        link = marker.css_first("a.kf-term__link")
        tip = marker.css_first(".kf-term__tip")
        entry_id = link.attributes["href"].rsplit("#", 1)[1]
        assert link.attributes["href"] == f"glossaire/#{entry_id}"  # relative, in the same language
        assert link.attributes["aria-describedby"] == tip.attributes["id"] == f"kf-def-{entry_id}"
        assert tip.attributes["role"] == "tooltip" and "hidden" in tip.attributes
        assert tip.text() == GLOSSARY.entries[entry_id].langs[lang].definition


@pytest.mark.parametrize("lang", LANGS)
def test_definitions_in_tooltips_stay_out_of_the_search_index(site, lang):
    from kf.core.search_index import indexed_pages

    definition = GLOSSARY.entries["ketamine"].langs[lang].definition
    pages = {p["path"] for p in indexed_pages(site.dir)[lang] if definition[:40] in p["text"]}
    assert pages == {("" if lang == "fr" else "en/") + "glossaire/"}  # found on the glossary page only, not on every page using the word


def test_every_marker_is_a_first_occurrence_outside_skipped_contexts(site):
    checked = 0
    for path in site.pages():
        doc = site.html(path)
        ids = [m.css_first("a").attributes["href"].rsplit("#", 1)[1] for m in markers(doc)]
        assert len(ids) == len(set(ids)), f"{path}: a term is marked twice"
        for marker in markers(doc):
            ancestors, node = [], marker.parent
            while node is not None:
                ancestors.append(node.tag)
                node = node.parent
            assert not set(ancestors) & {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre"}, (path, ancestors)
            checked += 1
        if path.endswith("glossaire/"):
            assert ids == [], "the glossary page marks no terms"
    assert checked


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_lists_every_entry_in_alphabetical_order(site, lang):
    other = "en" if lang == "fr" else "fr"
    doc = site.html(glossary_path(lang))
    dts = doc.css("article dl.kf-glossary > dt")
    assert {dt.attributes["id"] for dt in dts} == set(GLOSSARY.entries)
    terms = [GLOSSARY.entries[dt.attributes["id"]].langs[lang].term for dt in dts]
    assert terms == sorted(terms, key=sort_key)
    ids = {n.attributes["id"] for n in doc.css("[id]")}
    for dt in dts:
        entry = GLOSSARY.entries[dt.attributes["id"]]
        assert dt.css_first("dfn").text().casefold() == entry.langs[lang].term.casefold()
        other_term = dt.css_first(f"span[lang={other}]")
        if entry.langs[other].term != entry.langs[lang].term:
            assert other_term is not None and other_term.text() == entry.langs[other].term
        dd = dt.next
        while dd.tag != "dd":
            dd = dd.next
        assert dd.css_first("p").text() == entry.langs[lang].definition
        see = [a.attributes["href"] for a in dd.css(".kf-glossary__see a")]
        assert see == [f"#{s}" for s in entry.see_also]
        assert all(href[1:] in ids for href in see)


def test_french_glossary_names_the_english_term(site):
    dt = site.html("glossaire/").css_first("dt#nmda-receptor")
    assert dt.text() == "Récepteur NMDA (en anglais\u00a0: NMDA receptor)"
    dt = site.html("en/glossaire/").css_first("dt#nmda-receptor")
    assert dt.text() == "NMDA receptor (in French: récepteur NMDA)"


def test_french_glossary_sorts_accented_words_with_their_letter(site):
    doc = site.html("glossaire/")
    letter_e = doc.css_first("h2#e")
    node, terms = letter_e.next, []
    while node is not None and node.tag != "h2":
        if node.tag == "dl":
            terms += [d.text() for d in node.css("dt dfn")]
        node = node.next
    assert "Eskétamine" in terms and "Échelle de douleur" in terms and "Étude observationnelle" in terms
    assert terms.index("Échelle de douleur") < terms.index("Effet indésirable") < terms.index("EMA")


# --------------------------------------------------------------------------- builds that must fail

BAD_GLOSSARY = """\
- id: placebo
  fr: {term: placebo, definition: Faux traitement.}
  en: {term: placebo, definition: Dummy treatment.}
- id: placebo
  fr: {term: placebo actif, definition: Faux traitement.}
  en: {term: active placebo, definition: Dummy treatment.}
- id: sham
  fr: {term: simulacre, variants: [Placebo], definition: Faux geste.}
  en: {term: sham, definition: A fake procedure.}
- id: glutamate
  see_also: [nmda-receptr]
  fr: {term: glutamate, definition: Un messager.}
- id: allodynia
  fr: {term: allodynie}
  en: {term: allodynia, definition: Pain from a light touch.}
"""


def test_bad_glossary_data_stops_the_build_with_its_lines(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data/glossary.yml").write_text(BAD_GLOSSARY, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    expected = [
        "data/glossary.yml:4: the id 'placebo' is already used by the entry on line 1",
        "data/glossary.yml:7: 'Placebo' (fr) is claimed by two entries, 'placebo' (line 1) and 'sham'",
        "data/glossary.yml:10: the entry 'glutamate' has no 'en:' block",
        "data/glossary.yml:14: 'allodynia' (fr) has no 'definition:'",
    ]
    for message in expected:
        assert message in result.stderr, result.stderr


def test_unknown_see_also_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    data = (project / "data/glossary.yml").read_text(encoding="utf-8")
    data = data.replace("see_also: [nmda-receptor]", "see_also: [nmda-receptr]", 1)
    (project / "data/glossary.yml").write_text(data, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode != 0
    assert "names 'nmda-receptr', which is not a glossary id. Did you mean 'nmda-receptor'?" in result.stderr


def test_unknown_marker_and_missing_glossary_marker_fail(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/en/glossaire/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- kf:glossary -->", "<!-- kf:glosary -->"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode != 0
    assert "docs/en/glossaire/index.md:12: unknown marker <!-- kf:glosary -->" in result.stderr
    assert "docs/en/glossaire/index.md:6: the glossary page has no <!-- kf:glossary --> line" in result.stderr


def test_fallback_page_keeps_the_definitions_of_its_own_language(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/fr/articles/provisoire.md").write_text(
        "---\ntitle: Provisoire\ndescription: Une page provisoire.\nlast_reviewed: 2026-11-01\nnext_review: 2027-11-01\nreviewer: Équipe éditoriale\ntranslation_pending: true\n---\n\n# Provisoire\n\nL’allodynie et la PR.\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      - articles/index.md\n", "      - articles/index.md\n      - articles/provisoire.md\n"
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode == 0, result.stderr
    doc = LexborHTMLParser((tmp_path / "out/en/articles/provisoire/index.html").read_text(encoding="utf-8"))
    found = {m.css_first("a").text(): m for m in doc.css("span.kf-term")}
    assert set(found) == {"allodynie", "PR"}
    tip = found["allodynie"].css_first(".kf-term__tip")
    assert tip.text() == GLOSSARY.entries["allodynia"].langs["fr"].definition
    # the link stays in the reader's site: the English glossary, which also gives the French term
    assert found["allodynie"].css_first("a").attributes["href"] == "../../glossaire/#allodynia"


# --------------------------------------------------------------------------- in the browser


KETAMINE = "a.kf-term__link[href$='#ketamine']"


def first_term(page):
    """The home page's glossary word « kétamine » / "ketamine" and its definition."""
    link = page.locator(KETAMINE).first
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    return link, tip


@pytest.mark.browser
def test_hover_shows_the_definition_and_it_stays_while_hovered(site, page):
    page.goto(site.url)
    link, tip = first_term(page)
    assert tip.is_hidden()
    below = page.locator("article p").last.bounding_box()
    link.hover()
    tip.wait_for(state="visible")
    # the definition, and beside it its close button (for fingers), which screen readers skip
    assert tip.inner_text() == GLOSSARY.entries["ketamine"].langs["fr"].definition
    close = link.locator("xpath=..").locator(".kf-tip__close")
    assert close.get_attribute("aria-hidden") == "true" and close.get_attribute("tabindex") == "-1"
    assert close.is_visible()
    assert page.locator("article p").last.bounding_box() == below  # nothing moved
    tip.hover()  # WCAG 1.4.13: the pointer can move onto the definition
    page.wait_for_timeout(500)
    assert tip.is_visible()
    page.emulate_media(media="print")  # printed pages show no tooltips
    assert tip.is_hidden()
    page.emulate_media(media="screen")
    page.mouse.move(1, 1)
    tip.wait_for(state="hidden")


@pytest.mark.browser
def test_keyboard_focus_shows_the_definition_and_escape_hides_it(site, page):
    from playwright.sync_api import expect

    page.goto(site.url + "en/")
    link, tip = first_term(page)
    expect(link).to_have_accessible_description(GLOSSARY.entries["ketamine"].langs["en"].definition)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({KETAMINE!r})"):
            break
    else:
        pytest.fail("Tab never reached a glossary term")
    focused_tip = page.locator("#" + page.evaluate("document.activeElement.getAttribute('aria-describedby')"))
    focused_tip.wait_for(state="visible")
    page.keyboard.press("Escape")
    focused_tip.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('kf-term__link')")  # focus stays
    # once shown and hidden, the description is still the definition alone (no "×")
    expect(link).to_have_accessible_description(GLOSSARY.entries["ketamine"].langs["en"].definition)
    page.keyboard.press("Enter")  # and the link still works from the keyboard
    page.wait_for_url("**/en/glossaire/#ketamine")


@pytest.mark.browser
def test_tap_shows_the_definition_then_a_second_tap_opens_the_entry(site, browser):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(site.url)
        link, tip = first_term(page)
        link.tap()
        tip.wait_for(state="visible")
        assert page.url == site.url  # the first tap did not follow the link
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits on a phone screen
        page.locator("h1").tap()  # a tap elsewhere closes it
        tip.wait_for(state="hidden")
        link.tap()
        tip.wait_for(state="visible")
        link.tap()
        page.wait_for_url(site.url + "glossaire/#ketamine")
        assert page.locator("dt#ketamine").is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_a_term_is_a_link_to_its_entry(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "en/")
        link, tip = first_term(page)
        link.hover()
        assert tip.is_hidden()
        link.click()
        page.wait_for_url(site.url + "en/glossaire/#ketamine")
        assert page.evaluate("document.querySelector(':target').id") == "ketamine"
    finally:
        context.close()


def test_missing_data_files_stop_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data/glossary.yml").unlink()
    (project / "data/references.yml").unlink()
    result = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "data/glossary.yml:1: the glossary data file is missing; restore it from the repository." in result.stderr
    assert "data/references.yml:1: the bibliography data file is missing; restore it from the repository." in result.stderr
