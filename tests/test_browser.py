"""What only a browser shows: the real site in headless Chromium, served on 127.0.0.1
under a sub-path like a GitHub Pages project site."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from kf.core.search_index import part_key

from kf.devtools.local_site import type_search

pytestmark = pytest.mark.browser


def html_lang(page):
    return page.evaluate("document.documentElement.lang")


@pytest.mark.parametrize("start", ["", "a-propos/", "glossaire/"])
def test_language_switch_goes_to_the_same_page_and_back(site, page, start):
    page.goto(site.url + start)
    page.click("header a.kf-lang__link[hreflang=en]")
    page.wait_for_url(site.url + "en/" + start)
    assert html_lang(page) == "en"
    page.click("header a.kf-lang__link[hreflang=fr]")
    page.wait_for_url(site.url + start)
    assert html_lang(page) == "fr"


def search(page, query):
    """Type a query in Material's search box and return the result links."""
    return type_search(page, query)


def test_search_on_french_pages_finds_french_pages_only(site, page):
    page.goto(site.url + "a-propos/")
    results = search(page, "ketamine")  # no accent: the pages say « kétamine »
    assert results, "“ketamine” should find the French pages that say “kétamine”"
    assert all(r.startswith(site.url) and not r.startswith(site.url + "en/") for r in results), results


def test_search_on_english_pages_finds_english_pages_only(site, page):
    page.goto(site.url + "en/a-propos/")
    results = search(page, "ketamine")
    assert results
    assert all(r.startswith(site.url + "en/") for r in results), results


def test_search_folds_accents_and_splits_elisions(site, page):
    page.goto(site.url)
    # « d’information » on the home page: the elision is split off
    assert any(urlsplit(r).path == urlsplit(site.url).path for r in search(page, "information"))
    # accents and capitals in the query do not matter either
    assert search(page, "KÉTAMINE") == search(page, "ketamine")
    # a plain query that matches nothing gives no results rather than an error
    assert search(page, "zzzzqqqq") == []


@pytest.mark.parametrize("prefix, lang, other", [("", "fr", "en"), ("en/", "en", "fr")])
def test_search_index_is_the_reader_language_only(site, page, prefix, lang, other):
    page.goto(site.url + prefix)
    search(page, "ketamine")
    fetched = [u[len(site.url + "search/"):] for u in page.requests if u.startswith(site.url + "search/")]
    keys = json.loads((site.dir / "search" / lang / "terms.json").read_text(encoding="utf-8"))["index"]["keys"]
    part = f"{lang}/index/{part_key('ketamine', keys)}.json"
    assert f"{lang}/terms.json" in fetched and part in fetched, fetched
    assert any(u.startswith(f"{lang}/pages/") for u in fetched), fetched
    assert all(u.startswith(f"{lang}/") for u in fetched), fetched  # nothing of the other language
    # the part of the index of « ketamine » only, not the whole index
    assert [u for u in fetched if "/index/" in u] == [part], fetched


def test_search_ranks_a_page_by_its_title_not_by_its_figure(site, page):
    # the NMDA article's figure says « kétamine » three times (its text); Pagefind, the
    # search before this one, counted it like the title and put that article first for
    # every such query. The index has each page's text, not its images' text.
    page.goto(site.url)
    pages = list(dict.fromkeys(urlsplit(r).path for r in search(page, "c'est quoi la ketamine")))
    assert pages[0] == urlsplit(site.url + "articles/quest-ce-que-la-ketamine/").path, pages[:3]


def test_a_letter_or_two_typed_fetches_no_index_but_a_glossary_abbreviation_is_searched(site, page):
    page.goto(site.url)
    meta = "document.querySelector('.md-search-result__meta').textContent"
    start = "Taper pour démarrer la recherche"
    page.click("input.md-search__input")
    page.wait_for_function(f"() => {meta}.includes({start!r})")  # search is ready
    before = len(page.requests)
    page.keyboard.type("d")  # the first letter of « douleur »: every word it begins
    page.wait_for_timeout(400)
    assert page.evaluate(meta).strip() == start
    assert not [u for u in page.requests[before:] if "/search/" in u]
    # « PR » is a glossary form of « polyarthrite rhumatoïde »: searched as such
    pages = list(dict.fromkeys(urlsplit(r).path for r in search(page, "PR")))
    assert urlsplit(site.url + "articles/polyarthrite-rhumatoide/").path in pages[:3], pages[:5]


@pytest.mark.parametrize(
    "prefix, query, expected",
    [
        ("", "fibromialgie", "articles/fibromyalgie/"),  # a typo
        ("", "polyartrite", "articles/polyarthrite-rhumatoide/"),
        ("en/", "rhumatoid arthritis", "en/articles/polyarthrite-rhumatoide/"),
        ("", "algodystrophie", "articles/ketamine-et-sdrc/"),  # a glossary variant the article does not use
        ("en/", "ketamine addiction", "en/articles/risques-de-la-ketamine/"),
        ("", "kétamine effets secondaires", "articles/quest-ce-que-la-ketamine/"),  # effets indésirables
        ("", "peut on devenir dependant a la ketamine", "articles/risques-de-la-ketamine/"),  # word family
        # "S-kétamine" (an eskétamine variant) is one word: "kétamine" alone does not bring up the depression article
        ("", "kétamine fibromyalgie", "articles/ketamine-et-fibromyalgie/"),
        ("", "est-ce que la kétamine est légale", "articles/ketamine-et-loi/"),  # a lay word (search-synonyms.yml)
        ("en/", "is ketamine legal", "en/articles/ketamine-et-loi/"),
        ("en/", "spravato", "en/articles/ketamine-et-depression/"),  # a brand name, in lower case
        ("", "lyrica", "articles/medicaments-de-la-fibromyalgie/"),  # brand names (glossary variants)
        ("en/", "cymbalta", "en/articles/medicaments-de-la-fibromyalgie/"),
        ("", "laroxyl", "articles/medicaments-de-la-fibromyalgie/"),
        ("en/", "savella", "en/articles/medicaments-de-la-fibromyalgie/"),
        ("", "fibro", "articles/fibromyalgie/"),  # the word patients use
        ("en/", "alternatives to ketamine", "en/"),  # the home page: "What helps instead?"
        ("", "quoi faire à la place", "articles/traiter-la-fibromyalgie/"),
    ],
)
def test_search_finds_what_patients_type(site, page, prefix, query, expected):
    page.goto(site.url + prefix)
    results = search(page, query)
    pages = list(dict.fromkeys(urlsplit(r).path for r in results))
    assert urlsplit(site.url + expected).path in pages[:3], pages[:5]


def test_search_results_show_title_and_snippet_with_the_words_found(site, page):
    page.goto(site.url + "en/")
    search(page, "bladder")
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text().strip()
    assert "bladder" in first.locator("p mark").first.inner_text().lower()
    assert page.inner_text(".md-search-result__meta").strip().endswith("matching documents")


def test_search_reads_oe_as_readers_type_it_and_marks_words_in_readable_snippets(site, page):
    page.goto(site.url)
    # the pages say « cœur »; readers often type « coeur »
    with_ligature = search(page, "cœur")
    assert with_ligature and search(page, "coeur") == with_ligature
    snippet = page.locator(".md-search-result__item p").first
    assert [m.lower() for m in snippet.locator("mark").all_inner_texts()] == ["cœur"]
    # the snippet goes on after the word found, and has no space before a full stop or
    # after an apostrophe (inline elements add none)
    text = snippet.inner_text()
    assert not text.rstrip(" …").lower().endswith("cœur"), text
    assert " ." not in text and "’ " not in text and " ," not in text, text
    # « S-kétamine » is one word of the index, and is marked as such in the snippet
    search(page, "S-kétamine")
    marks = page.locator(".md-search-result__item p mark").all_inner_texts()
    assert "S-kétamine" in marks, marks


def test_a_word_of_the_text_is_not_taken_for_a_typo(site, page):
    # « affect » is in the text of English pages (in no title or heading): searched as
    # itself, not also as « effect », one edit away
    page.goto(site.url + "en/")
    search(page, "affect")
    marks = {m.lower() for m in page.locator(".md-search-result__item p mark").all_inner_texts()}
    assert marks and all(m.startswith("affect") for m in marks), marks


def test_search_dialog_keyboard(site, page):
    page.goto(site.url + "articles/fibromyalgie/")
    page.locator("body").press("/")  # / opens search, as in Material
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("vessie")
    # the results of "vessie" itself, not of a prefix typed on the way
    page.wait_for_function("() => document.querySelector('.md-search-result__list').dataset.kfQuery === 'vessie'"
                           " && document.querySelectorAll('.md-search-result__item a').length > 1")
    page.keyboard.press("ArrowDown")  # the arrows move through the results
    first = page.evaluate("document.querySelector('.md-search-result__item a').href")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") != first
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Escape")  # Escape closes it
    assert not page.evaluate("document.getElementById('__search').checked")
    page.locator("body").press("s")
    page.keyboard.press("Enter")  # Enter opens the first result
    page.wait_for_url(first)


@pytest.mark.parametrize(
    "missing, lang, title, home",
    [
        ("en/does-not-exist/", "en", "Page not found", "en/"),
        ("en/a/b/c", "en", "Page not found", "en/"),
        ("nexiste-pas/", "fr", "Page introuvable", ""),
        ("english/", "fr", "Page introuvable", ""),
    ],
)
def test_404_speaks_the_language_of_the_path(site, page, missing, lang, title, home):
    response = page.goto(site.url + missing)
    assert response.status == 404
    assert html_lang(page) == lang
    visible = page.locator(".kf-notfound__lang:visible")
    assert visible.count() == 1
    assert visible.locator("h1").inner_text() == title
    assert page.title().startswith(title)
    site_name = {"fr": "Kétamine et douleur : les faits", "en": "Ketamine and pain: the facts"}[lang]
    assert page.inner_text(".md-header__topic .md-ellipsis").strip() == site_name
    assert page.locator(".md-sidebar--primary nav").count() == 0  # no one-language menu
    visible.locator("a").first.click()
    page.wait_for_url(site.url + home)


def test_404_search_form_opens_search_in_that_language(site, page):
    page.goto(site.url + "en/missing-page/")
    form = page.locator(".kf-notfound__lang:visible form")
    form.locator("input").fill("ketamine")
    form.locator("button").click()
    page.wait_for_url(site.url + "en/?q=ketamine")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    assert links and all(r.startswith(site.url + "en/") for r in links)


def test_404_header_search_uses_the_path_language(site, page):
    page.goto(site.url + "en/gone/")
    results = search(page, "ketamine")
    assert results and all(r.startswith(site.url + "en/") for r in results)
    page.goto(site.url + "gone/")
    results = search(page, "ketamine")
    assert results and not any(r.startswith(site.url + "en/") for r in results)


@pytest.mark.parametrize("path", ["", "en/", "a-propos/", "en/glossaire/", "en/missing/", "missing/"])
def test_no_request_to_another_host_and_no_console_error(site, page, path):
    page.goto(site.url + path)
    page.wait_for_load_state("networkidle")
    search(page, "ketamine")  # loads the search worker and index too
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site.url))
    others = [u for u in page.requests if not (u.startswith(origin) or u.startswith("data:"))]
    assert others == []
    errors = [e for e in page.console_errors if "status of 404" not in e or "missing" not in path]
    assert errors == [], errors  # includes Content-Security-Policy violations
