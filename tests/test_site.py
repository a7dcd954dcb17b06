"""The real site, built once with `mkdocs build --strict` for a sub-path: its HTML,
sitemap and search indexes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest

LANG_OF = lambda path: "en" if path.startswith("en/") or path == "en/" else "fr"  # noqa: E731
OTHER = {"fr": "en", "en": "fr"}


def test_both_languages_have_the_same_pages(site):
    pages = site.pages()
    fr = {p for p in pages if LANG_OF(p) == "fr"}
    en = {p[len("en/") :] for p in pages if LANG_OF(p) == "en"}
    assert fr == en
    assert {"", "articles/", "glossaire/", "references/", "a-propos/"} <= fr


def test_html_lang_and_titles(site):
    for path in site.pages():
        tree = site.html(path)
        assert tree.css_first("html").attributes["lang"] == LANG_OF(path), path
    assert site.html("").css_first("title").text() == "Kétamine et douleur : les faits"
    assert site.html("en/").css_first("title").text() == "Ketamine and pain: the facts"
    assert site.html("glossaire/").css_first("title").text() == "Glossaire - Kétamine et douleur : les faits"
    assert site.html("en/glossaire/").css_first("title").text() == "Glossary - Ketamine and pain: the facts"


def test_site_description_and_ui_strings_per_language(site):
    fr, en = site.html(""), site.html("en/")
    assert "Des informations fiables" in fr.css_first('meta[name="description"]').attributes["content"]
    assert "Reliable, sourced" in en.css_first('meta[name="description"]').attributes["content"]
    # Material's own strings (search box) and our heading permalinks
    assert fr.css_first("input.md-search__input").attributes["placeholder"] == "Rechercher"
    assert en.css_first("input.md-search__input").attributes["placeholder"] == "Search"
    assert fr.css_first("a.headerlink").attributes["title"] == "Lien permanent vers cette section"
    assert en.css_first("a.headerlink").attributes["title"] == "Permanent link to this section"
    # Navigation section titles
    fr_nav = [n.text(strip=True) for n in fr.css("nav.md-nav--primary a")]
    en_nav = [n.text(strip=True) for n in en.css("nav.md-nav--primary a")]
    for word in ("Accueil", "Articles", "Glossaire", "Références", "À propos"):
        assert any(word in item for item in fr_nav), (word, fr_nav)
    for word in ("Home", "Articles", "Glossary", "References", "About"):
        assert any(word in item for item in en_nav), (word, en_nav)


def test_home_pages_say_what_the_site_is_not(site):
    assert "ne remplace pas un avis médical" in site.html("").body.text()
    assert "does not replace medical advice" in site.html("en/").body.text()


def test_hreflang_is_absolute_reciprocal_with_x_default(site):
    for path in site.pages():
        links = {
            n.attributes["hreflang"]: n.attributes["href"]
            for n in site.html(path).css('head link[rel="alternate"][hreflang]')
        }
        assert set(links) == {"fr", "en", "x-default"}, path
        own = site.url + path
        assert links[LANG_OF(path)] == own
        assert links["x-default"] == links["fr"]
        for lang, url in links.items():
            assert url.startswith(site.url), url  # absolute, under the sub-path
            target = url[len(site.url) :]
            back = {n.attributes["hreflang"]: n.attributes["href"] for n in site.html(target).css('link[rel="alternate"][hreflang]')}
            assert back == links, (path, target)
            if lang != "x-default":
                assert site.html(target).css_first("html").attributes["lang"] == lang


def test_language_switch_is_a_labelled_link_to_the_same_page(site):
    for path in site.pages():
        [link] = site.html(path).css("header a.kf-lang__link")
        lang = OTHER[LANG_OF(path)]
        assert link.attributes["lang"] == lang and link.attributes["hreflang"] == lang
        assert link.text(strip=True) == {"fr": "Français", "en": "English"}[lang]
        href = link.attributes["href"]
        assert not urlsplit(href).scheme and not href.startswith("/"), "relative, so it works under any prefix"
        target = urljoin(site.url + path, href)[len(site.url) :]
        expected = path[len("en/") :] if lang == "fr" else "en/" + path
        assert target == expected


def test_sitemap_has_absolute_alternates_and_x_default(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site.dir / "sitemap.xml").getroot()
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    assert sorted(locs) == sorted(site.url + p for p in site.pages())
    for url in root.findall("s:url", ns):
        alts = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(alts) == {"fr", "en", "x-default"}
        assert all(h.startswith(site.url) for h in alts.values())
        assert url.findtext("s:loc", namespaces=ns) in alts.values()


def test_search_index_per_language(site):
    """The search index (built after the last language build): one per language, each
    with that language's pages only, the article text only, and the search data of each
    language beside it."""
    from kf.core.search_index import indexed_pages, shard_file

    pages = indexed_pages(site.dir)
    assert set(pages) == {"fr", "en"}
    fr_urls = {p["path"] for p in pages["fr"]}
    en_urls = {p["path"] for p in pages["en"]}
    for code, urls in (("fr", fr_urls), ("en", en_urls)):
        terms = json.loads((site.dir / "search" / code / "terms.json").read_text(encoding="utf-8"))
        assert set(terms) == {"groups", "words", "stop", "messages", "index"}
        assert terms["index"]["docs"] == len(urls)
        # every part of the index that terms.json lists exists, and no other
        parts = {p.stem for p in (site.dir / "search" / code / "index").glob("*.json")}
        assert parts == {shard_file(key) for key in terms["index"]["keys"]} and len(parts) > 20
    # every page of the site but the 404 page, each in its own language's index
    assert fr_urls | en_urls == set(site.pages())
    assert all(not u.startswith("en/") for u in fr_urls) and all(u.startswith("en/") for u in en_urls)
    fr_titles = {p["title"] for p in pages["fr"]}
    en_titles = {p["title"] for p in pages["en"]}
    assert "Glossaire" in fr_titles and "Glossary" not in fr_titles
    assert "Glossary" in en_titles and "Glossaire" not in en_titles
    # the text of the article, not the menus, the header or the skip link
    home = next(p for p in pages["fr"] if p["path"] == "")
    assert "Aller au contenu" not in home["text"] and "Rechercher" not in home["text"]
    # each word has its family: « dépendance » and « dépendant » share a stem
    from kf.core.search_index import part_key

    keys = json.loads((site.dir / "search" / "fr" / "terms.json").read_text(encoding="utf-8"))["index"]["keys"]
    part = json.loads((site.dir / "search" / "fr" / "index" / f"{part_key('dependance', keys)}.json").read_text(encoding="utf-8"))
    assert part["dependance"][0] == part["dependant"][0]
    # Material's search (lunr, its worker) and Pagefind, the search before this one, are gone
    assert not (site.dir / "assets/javascripts/lunr").exists()
    assert not (site.dir / "assets/javascripts/workers").exists()
    assert not (site.dir / "pagefind").exists()
    assert not list(site.dir.rglob("*.wasm")) and not list(site.dir.rglob("*.pagefind"))
    fr_terms = json.loads((site.dir / "search" / "fr" / "terms.json").read_text(encoding="utf-8"))
    assert ["syndrome douloureux regional complexe", "sdrc", "algodystrophie"] == fr_terms["groups"][
        [g[0] for g in fr_terms["groups"]].index("syndrome douloureux regional complexe")][:3]
    assert "fibromyalgie" in fr_terms["words"] and fr_terms["messages"]["none"] == "Aucun document trouvé"


def test_search_is_indexed_once_after_the_last_language_build(site):
    lines = [line for line in site.log.splitlines() if "search: indexed" in line]
    assert len(lines) == 1, lines
    assert "en pages" in lines[0] and "fr pages" in lines[0]


def test_pages_point_search_at_the_site_index_in_their_language(site):
    for path in site.pages() + ["404.html"]:
        tree = site.html(path)
        script = tree.css_first("script[data-kf-search]")
        assert script is not None, path
        assert urljoin(site.url + path, script.attributes["data-kf-search"]) == site.url + "search/", path
        # search reads the index of the page's <html lang>
        if path != "404.html":
            assert tree.css_first("html").attributes["lang"] == LANG_OF(path), path
        # Material's own search is not set up: no worker, no form it would fetch an index for
        config = json.loads(tree.css_first("#__config").text())
        assert "search" not in config, path
        assert tree.css_first('form[name="search"]') is None, path


def test_single_404_page_with_both_languages(site):
    assert (site.dir / "404.html").exists()
    assert not (site.dir / "en" / "404.html").exists()
    tree = site.html("404.html")
    sections = {n.attributes["lang"]: n for n in tree.css("[data-kf-lang]")}
    assert set(sections) == {"fr", "en"}
    prefix = urlsplit(site.url).path
    assert sections["fr"].css_first("a").attributes["href"] == prefix
    assert sections["en"].css_first("a").attributes["href"] == prefix + "en/"
    assert sections["en"].css_first("form").attributes["action"] == prefix + "en/"
    # assets load from any depth
    for node in tree.css("script[src], link[rel=stylesheet]"):
        ref = node.attributes.get("src") or node.attributes.get("href")
        assert ref.startswith(prefix), ref


def _refs(tree, loads_only: bool = False):
    """Addresses a page names; with loads_only, only what the browser fetches by itself
    (src, srcset, <link href>, form actions), not the links a reader may follow."""
    for node in tree.css("[src], [href], [srcset], [action]"):
        for attr in ("src", "href", "action"):
            if not node.attributes.get(attr):
                continue
            if loads_only and attr == "href" and node.tag in ("a", "area"):
                continue
            yield node.attributes[attr]
        for part in (node.attributes.get("srcset") or "").split(","):
            if part.strip():
                yield part.split()[0]


@pytest.mark.parametrize("path", ["", "en/", "a-propos/", "en/a-propos/", "404.html"])
def test_nothing_is_loaded_from_another_host(site, path):
    tree = site.html(path)
    for ref in _refs(tree, loads_only=True):
        parts = urlsplit(ref)
        if parts.scheme in ("mailto", "tel", "data"):
            continue
        if parts.netloc:
            # only our own absolute URLs (canonical, hreflang) may name a host; links a
            # reader follows (a DOI, "edit on GitHub") are allowed, and load nothing
            assert ref.startswith(site.url), ref
    # and no Google Fonts: the theme uses system fonts
    assert "fonts.googleapis" not in site.path(path).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["", "en/a-propos/", "404.html"])
def test_content_security_policy(site, path):
    tree = site.html(path)
    metas = tree.css('meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1
    policy = dict(d.split(" ", 1) for d in metas[0].attributes["content"].split("; "))
    assert policy["default-src"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "worker-src" not in policy  # no web worker: search runs in the page (default-src 'none' forbids them)
    for value in policy.values():
        assert "http:" not in value and "https:" not in value and "*" not in value
    # it comes before any script, so it covers them all
    head = [n.tag for n in tree.css("head > *")]
    assert head.index("meta") < head.index("script")


def test_every_inline_script_is_allowed_and_no_build_marks_remain(site):
    """The last pass sets the menus and the text aside while it computes the policy:
    on every page, each inline script still has its hash in the policy, and nothing
    of that pass is left in the page."""
    import base64
    import hashlib

    for path in site.pages() + ["404.html"]:
        text = site.path(path).read_text(encoding="utf-8")
        assert "kf-aside" not in text and "kf-slot" not in text and "kf-cite:" not in text, path
        tree = site.html(path)
        policy = dict(d.split(" ", 1) for d in tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"].split("; "))
        for script in tree.css("script"):
            if "src" in script.attributes or script.attributes.get("type") in ("application/json", "application/ld+json"):
                continue
            digest = base64.b64encode(hashlib.sha256(script.text(deep=True).encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy["script-src"], (path, script.text()[:60])
        # section menus are named landmarks (overrides/partials/nav-item.html)
        for nav in tree.css("nav.md-nav[data-md-level]"):
            if nav.attributes.get("data-md-level") != "0":
                assert nav.attributes.get("aria-label") or tree.css_first("#" + nav.attributes.get("aria-labelledby", "x")).text(strip=True), path


def test_every_internal_link_resolves_under_the_sub_path(site):
    """Every relative or root-relative href/src of every page, 404 page included, lands on
    a file of the built site when the site is served under its sub-path."""
    prefix = urlsplit(site.url).path
    checked = 0
    for path in site.pages() + ["404.html"]:
        # GitHub Pages serves the 404 page at any depth: resolve its links from a deep one
        base = site.url + (path if path != "404.html" else "en/some/missing/page/")
        for ref in _refs(site.html(path)):
            parts = urlsplit(ref)
            if parts.scheme in ("mailto", "tel", "sms", "data") or (parts.netloc and not ref.startswith(site.url)):
                continue
            target = urljoin(base, ref)
            assert target.startswith(site.url), (path, ref, target)
            rel = urlsplit(target).path[len(prefix) :]
            assert site.path(rel).is_file(), (path, ref)
            checked += 1
    assert checked > 100
