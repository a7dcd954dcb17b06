"""Unit tests of the pure bilingual logic (src/kf/core/ (pages, site_paths, language_links, link_checks))."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kf.core.pages import PENDING_KEY, Language, Sources, front_matter, listed_pages, nav_problems, scan_sources
from kf.core.language_links import alternates, language_links, sitemap_xml
from kf.core.link_checks import cross_language_link, link_line
from kf.core.site_paths import language_root, page_key, relative_url, site_path, site_root_path
from kf.core.problems import line_of

LANGS = (Language("fr", "Français", True), Language("en", "English"))
URL = "https://example.github.io/repo/"


def write(root, rel, text="# T\n"):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def sources(pages: dict[str, set[str]], fallbacks=None) -> Sources:
    return Sources(languages=LANGS, pages=pages, fallbacks=fallbacks or {})


@pytest.mark.parametrize(
    "key, code, expected",
    [
        ("index.md", "fr", ""),
        ("index.md", "en", "en/"),
        ("a-propos/index.md", "fr", "a-propos/"),
        ("a-propos/index.md", "en", "en/a-propos/"),
        ("articles/ketamine.md", "en", "en/articles/ketamine/"),
    ],
)
def test_site_path(key, code, expected):
    assert site_path(key, code, "fr") == expected


def test_page_key_splits_language_folder():
    assert page_key("en/a-propos/index.md", ["fr", "en"]) == ("en", "a-propos/index.md")
    assert page_key("index.md", ["fr", "en"]) == (None, "index.md")
    assert page_key("assets/x.md", ["fr", "en"]) == (None, "assets/x.md")


@pytest.mark.parametrize(
    "here, there, expected",
    [
        ("", "en/", "en/"),
        ("en/", "", "../"),
        ("a-propos/", "en/a-propos/", "../en/a-propos/"),
        ("en/a-propos/", "a-propos/", "../../a-propos/"),
        ("en/a/b/", "a/b/", "../../../a/b/"),
        ("a/", "a/", "./"),
    ],
)
def test_relative_url(here, there, expected):
    assert relative_url(here, there) == expected


def test_language_root_and_site_root():
    assert language_root("en/a-propos/", "en", "fr") == ".."
    assert language_root("a-propos/", "fr", "fr") == ".."
    assert language_root("", "fr", "fr") == "."
    assert language_root("en/", "en", "fr") == "."
    assert site_root_path("https://u.github.io/repo") == "/repo/"
    assert site_root_path("http://127.0.0.1:8000/") == "/"


def test_complete_translations_have_no_problem(tmp_path):
    for lang in ("fr", "en"):
        write(tmp_path, f"{lang}/index.md")
        write(tmp_path, f"{lang}/a/b.md")
    result = scan_sources(tmp_path, LANGS)
    assert result.problems == [] and result.fallbacks == {}
    assert result.pages["en"] == {"index.md", "a/b.md"}


def test_pages_missing_from_the_navigation_name_the_line_to_add(tmp_path):
    for lang in ("fr", "en"):
        write(tmp_path, f"{lang}/index.md")
        write(tmp_path, f"{lang}/articles/a.md")
        write(tmp_path, f"{lang}/articles/orpheline.md")
    write(tmp_path, "fr/a-propos/seule.md")  # in one language only: listed under the first that has it
    nav = [{"Accueil": "index.md"}, {"Articles": ["articles/a.md", {"Ailleurs": "https://example.org/x.md"}]}]
    assert listed_pages(nav) == {"index.md", "articles/a.md"}
    problems = nav_problems(scan_sources(tmp_path, LANGS), nav)
    assert [(p.path, p.line) for p in problems] == [("docs/fr/a-propos/seule.md", 1), ("docs/fr/articles/orpheline.md", 1)]
    assert 'not included in the "nav" configuration of mkdocs.yml' in problems[1].message
    assert "add the line `- articles/orpheline.md` under the right section of `nav:`" in problems[1].message
    assert nav_problems(scan_sources(tmp_path, LANGS), None) == []  # no nav: MkDocs lists every page
    # a page MkDocs does not expect in the navigation (not_in_nav, exclude_docs...)
    exempt = lambda path: path.startswith("fr/a-propos/")  # noqa: E731
    assert [p.path for p in nav_problems(scan_sources(tmp_path, LANGS), nav, exempt)] == ["docs/fr/articles/orpheline.md"]


def test_which_pages_mkdocs_does_not_expect_in_the_navigation():
    from kf.core.site_config import nav_exemptions

    assert nav_exemptions("site_name: x\n")("fr/a.md")  # MkDocs' default: a page left out fails nothing
    assert nav_exemptions("validation:\n  omitted_files: info\n")("fr/a.md")
    strict = nav_exemptions("validation:\n  nav:\n    omitted_files: warn\n"
                            "not_in_nav: |\n  /fr/cache.md\n  brouillon-*.md\nexclude_docs: |\n  notes/\n")
    assert strict("fr/cache.md") and strict("en/a/brouillon-1.md") and strict("fr/notes/x.md")
    assert not strict("en/cache.md") and not strict("fr/a.md")
    assert not nav_exemptions("validation:\n  omitted_files: warn\n")("fr/a.md")


def test_missing_english_page_names_file_and_fix(tmp_path):
    write(tmp_path, "fr/index.md")
    write(tmp_path, "en/index.md")
    write(tmp_path, "fr/articles/seul.md")
    [problem] = scan_sources(tmp_path, LANGS).problems
    text = str(problem)
    assert text.startswith("docs/fr/articles/seul.md:1: ")
    assert "docs/en/articles/seul.md is missing" in text
    assert "create docs/en/articles/seul.md" in text
    assert f"{PENDING_KEY}: true" in text


def test_missing_french_page_cannot_fall_back(tmp_path):
    write(tmp_path, "fr/index.md")
    write(tmp_path, "en/index.md")
    write(tmp_path, "en/only.md", f"---\n{PENDING_KEY}: true\n---\n# Only\n")
    [problem] = scan_sources(tmp_path, LANGS).problems
    assert str(problem).startswith("docs/en/only.md:1: this page has no French version")
    assert "docs/fr/only.md is missing" in str(problem)
    assert "only possible from the site's default language (French)" in str(problem)


def test_pending_translation_falls_back(tmp_path):
    write(tmp_path, "fr/index.md")
    write(tmp_path, "en/index.md")
    write(tmp_path, "fr/nouveau.md", f"---\ntitle: Nouveau\n{PENDING_KEY}: true\n---\n# Nouveau\n")
    result = scan_sources(tmp_path, LANGS)
    assert result.problems == []
    assert result.fallbacks == {"nouveau.md": "fr"}


def test_pending_must_be_true_not_a_string(tmp_path):
    write(tmp_path, "fr/index.md")
    write(tmp_path, "en/index.md")
    write(tmp_path, "fr/n.md", f"---\n{PENDING_KEY}: 'no'\n---\n")
    assert len(scan_sources(tmp_path, LANGS).problems) == 1


def test_front_matter_errors_have_lines():
    assert front_matter("---\ntitle: A\n---\n# A") == ({"title": "A"}, 3)
    assert front_matter("# no front matter") == ({}, 0)
    with pytest.raises(ValueError, match=r"^1: .*never ends"):
        front_matter("---\ntitle: A\n")
    with pytest.raises(ValueError, match=r"^3: .*not valid YAML"):
        front_matter("---\ntitle: A\nbad: [\n---\n")


def test_alternates_are_absolute_with_x_default():
    alts = alternates(sources({"fr": {"a.md"}, "en": {"a.md"}}), "a.md", URL)
    assert [(a.hreflang, a.url) for a in alts] == [
        ("fr", URL + "a/"),
        ("en", URL + "en/a/"),
        ("x-default", URL + "a/"),
    ]


def test_fallback_page_is_not_announced_in_the_other_language():
    site = sources({"fr": {"a.md"}, "en": set()}, {"a.md": "fr"})
    assert [a.hreflang for a in alternates(site, "a.md", URL)] == ["fr", "x-default"]
    # ...but the language switch still leads to the page shown in English
    assert [(lang.code, path) for lang, path in language_links(site, "a.md", "fr")] == [("en", "en/a/")]


def test_language_switch_points_to_same_page():
    site = sources({"fr": {"index.md", "a.md"}, "en": {"index.md", "a.md"}})
    assert [(lang.code, p) for lang, p in language_links(site, "a.md", "en")] == [("fr", "a/")]
    assert [(lang.code, p) for lang, p in language_links(site, "a.md", "fr")] == [("en", "en/a/")]


def test_sitemap_has_alternates_and_skips_fallbacks():
    site = sources({"fr": {"index.md", "a.md"}, "en": {"index.md"}}, {"a.md": "fr"})
    root = ET.fromstring(sitemap_xml(site, URL))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    assert locs == [URL + "a/", URL, URL + "en/"]
    home = root.findall("s:url", ns)[1]
    assert {(link.get("hreflang"), link.get("href")) for link in home.findall("x:link", ns)} == {
        ("fr", URL),
        ("en", URL + "en/"),
        ("x-default", URL),
    }


def test_percent_encoding_of_non_ascii_paths():
    site = sources({"fr": {"é.md"}, "en": {"é.md"}})
    assert alternates(site, "é.md", URL)[0].url == URL + "%C3%A9/"


@pytest.mark.parametrize(
    "href, src, expected",
    [
        ("../en/a.md", "fr/index.md", "en"),
        ("../../en/a/index.md#x", "fr/b/index.md", "en"),
        ("../../fr/", "en/b/index.md", "fr"),
        ("a.md", "fr/index.md", None),
        ("../a.md", "fr/b/c.md", None),
        ("https://example.org/en/a", "fr/index.md", None),
        ("#frag", "fr/index.md", None),
        ("mailto:x@example.org", "fr/index.md", None),
        ("../fr/a.md", "fr/index.md", None),
    ],
)
def test_cross_language_link(href, src, expected):
    assert cross_language_link(href, src, ["fr", "en"]) == expected


def test_line_of():
    assert line_of("a\nb [x](../en/y.md)\n", "../en/y.md") == 2
    assert line_of("a\n", "zzz") == 1


def test_a_link_is_found_on_the_line_where_it_is_written_as_a_link():
    page = ("---\ntitle: T\n---\n"
            "Voir [en anglais](../../en/a-propos/index.md).\n"  # 4: contains /a-propos/
            "Voir [ici](/a-propos/).\n"  # 5
            '<a href="/a-propos/">là</a>, `[code](/a-propos/)` et ![image](x.png)\n'  # 6: not links MkDocs checks
            "[ref]: /a-propos/ \"Titre\"\n"  # 7
            "Encore [ici]( /a-propos/ ) et [là](</a-propos/>).\n"  # 8
            '<div markdown><a href="y.md">y</a></div>\n')  # 9
    assert [link_line(page, "/a-propos/", n) for n in range(5)] == [5, 7, 8, 8, 8]
    fenced = "```markdown\n[ici](/a-propos/)\n```\n~~~~\n```\n[ici](/a-propos/)\n~~~~\nVoir [ici](/a-propos/).\n"
    assert link_line(fenced, "/a-propos/") == 8
    # a block in an admonition or a quote; an escaped backtick opens no code; a footnote is no link
    nested = ('!!! note\n\n    ```md\n    [a](x.md)\n    ```\n> ```\n> [a](x.md)\n> ```\n'
              'Un \\`[b](x.md)` ici.\n[^x.md]: x.md\n    [ref]: x.md\n')
    assert [link_line(nested, "x.md", n) for n in range(2)] == [9, 11]
    # a fence never closed opens no block: what follows is text
    assert link_line("```\nVoir [a](x.md).\n", "x.md") == 2
    assert link_line(page, "../../en/a-propos/index.md") == 4
    assert link_line(page, "x.png") == 6
    # only in HTML: there; not written as a link at all: the first line containing it
    assert link_line(page, "y.md") == 9
    assert link_line(page, "a-propos/index") == 4
    assert link_line(page, "absent.md") == 1


def test_broken_front_matter_is_reported_with_its_line(tmp_path):
    for lang in ("fr", "en"):
        write(tmp_path, f"{lang}/index.md")
    write(tmp_path, "en/g.md", "---\ntitle: G\ndescription: Words explained: ketamine\n---\n# G\n")
    write(tmp_path, "fr/g.md", "---\ntitle: G\n---\n# G\n")
    [problem] = scan_sources(tmp_path, LANGS).problems
    assert str(problem).startswith("docs/en/g.md:3: the front matter is not valid YAML")
    assert "Put quotes around a value" in str(problem)


def test_layout_problems_name_files_the_site_would_drop_or_duplicate(tmp_path):
    from kf.core.pages import Language, layout_problems

    langs = (Language("fr", "Français", True), Language("en", "English", False))
    docs = tmp_path / "docs"
    for rel in ("fr/articles/ok-page_2.md", "en/articles/ok-page_2.md", "assets/figures/x.svg", "notes.md",
                "js/app.js", "images/readme.md", "fr/articles/Kétamine test.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("# x\n", encoding="utf-8")
    found = {p.path: p.message for p in layout_problems(docs, langs)}
    assert set(found) == {"docs/notes.md", "docs/js/", "docs/images/readme.md", "docs/fr/articles/Kétamine test.md"}
    assert "outside the language folders" in found["docs/notes.md"]
    assert "taken for a language" in found["docs/js/"] and "docs/assets/" in found["docs/js/"]
    assert "lowercase letters without accents" in found["docs/fr/articles/Kétamine test.md"]
    assert layout_problems(tmp_path / "missing", langs) == []


def test_link_problems_say_what_is_wrong_and_how_to_fix_it():
    from kf.core.link_checks import link_problem

    files = {"fr/a-propos/index.md", "fr/a-propos/confidentialite.md", "assets/figures/x.svg"}
    dirs = {"fr", "fr/a-propos", "assets", "assets/figures"}

    def check(href, page="fr/a-propos/confidentialite.md"):
        return link_problem(href, page, lambda p: p in files or p in dirs, lambda p: p in dirs)

    assert check("index.md") is None and check("index.md#x") is None and check("#top") is None
    assert check("../../assets/figures/x.svg") is None and check("https://example.org/x") is None
    assert "goes to docs/fr/a-propos/nulle.md, which does not exist" in check("nulle.md")
    assert "absolute address" in check("/a-propos/")
    assert "points to a folder" in check("../a-propos/") and "Write 'index.md' instead" in check("../a-propos/")
    assert "outside the site's pages" in check("../../../x.md")


def test_anchor_problems_name_the_section_and_close_ids():
    from kf.core.link_checks import anchor_problem

    anchors = {"fr/a-propos/index.md": {"corrections", "contact", "__toc"}}

    def check(href, page="fr/a-propos/confidentialite.md"):
        return anchor_problem(href, page, anchors.get)

    assert check("index.md#corrections") is None and check("index.md") is None and check("#local") is None
    assert check("https://example.org/#x") is None and check("autre.md#x") is None  # missing file: link_problem
    problem = check("index.md#correction")
    assert "#correction of docs/fr/a-propos/index.md, which has no such section" in problem
    assert "Did you mean #corrections?" in problem and "__toc" not in problem
