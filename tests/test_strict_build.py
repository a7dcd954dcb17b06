"""Builds of a copy of the project with planted defects: `mkdocs build --strict` must
fail with a message an editor can act on (file, line, what, how to fix), and never
with a Python traceback. Also the opt-in fallback for a pending translation."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import copy_project, mkdocs_build

URL = "http://127.0.0.1:9/sub/"


def add_to_nav(project, entry: str):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      - articles/index.md\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + f"      - {entry}\n"), encoding="utf-8")


def write(project, rel, text):
    path = project / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build(project, tmp_path):
    result = mkdocs_build(project, tmp_path / "out", URL)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_page_missing_its_translation_fails(project, tmp_path):
    write(project, "fr/articles/seul.md", "# Seul\n\nUne page sans traduction.\n")
    add_to_nav(project, "articles/seul.md")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "docs/fr/articles/seul.md:1: this page has no English version" in result.stderr
    assert "docs/en/articles/seul.md is missing" in result.stderr
    assert "translation_pending: true" in result.stderr


def test_english_only_page_fails(project, tmp_path):
    write(project, "en/articles/alone.md", "# Alone\n")
    add_to_nav(project, "articles/alone.md")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "docs/en/articles/alone.md:1: this page has no French version" in result.stderr


def test_pending_translation_falls_back_marked_as_french(project, tmp_path):
    write(
        project,
        "fr/articles/nouveau.md",
        "---\ntitle: Nouveau\ndescription: Une page provisoire.\nlast_reviewed: 2026-11-01\nnext_review: 2027-11-01\nreviewer: Équipe éditoriale\ntranslation_pending: true\n---\n\n# Nouvelle page\n\nTexte provisoire unique zorglub.\n",
    )
    add_to_nav(project, "articles/nouveau.md")
    result = build(project, tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    page = LexborHTMLParser((out / "en/articles/nouveau/index.html").read_text(encoding="utf-8"))
    assert page.css_first("html").attributes["lang"] == "en"
    notice = page.css_first(".kf-fallback")
    assert "does not exist in English yet" in notice.text()
    [wrapper] = [n for n in page.css("article [lang]") if "zorglub" in n.text()]
    assert wrapper.attributes["lang"] == "fr"
    hreflangs = {n.attributes["hreflang"]: n.attributes["href"] for n in page.css('link[rel="alternate"][hreflang]')}
    assert hreflangs == {"fr": URL + "articles/nouveau/", "x-default": URL + "articles/nouveau/"}
    assert page.css_first('link[rel="canonical"]').attributes["href"] == URL + "articles/nouveau/"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" + URL + "en/articles/nouveau/</loc>" not in sitemap
    assert "<loc>" + URL + "articles/nouveau/</loc>" in sitemap
    from sitesearch import indexed_pages

    index = indexed_pages(out)
    assert not any("zorglub" in p["text"] for p in index["en"])  # a French text: not in the English search
    assert any("zorglub" in p["text"] for p in index["fr"])


def test_malformed_search_synonyms_fail_with_the_line(project, tmp_path):
    (project / "data" / "search-synonyms.yml").write_text("fr:\n  - [légal, loi]\n  - [loi]\n", encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "data/search-synonyms.yml:3: a group needs at least two different words or phrases" in result.stderr


def test_front_matter_that_is_not_yaml_fails(project, tmp_path):
    write(project, "fr/articles/index.md", "---\ntitle: Articles\ndescription: Les mots : définis\n---\n# Articles\n")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "docs/fr/articles/index.md:3: the front matter is not valid YAML" in result.stderr
    assert "Put quotes around a value" in result.stderr


def test_link_into_the_other_language_fails(project, tmp_path):
    write(project, "fr/articles/index.md", "# Articles\n\nLire [en anglais](../../en/a-propos/index.md).\n")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "docs/fr/articles/index.md:3: the link '../../en/a-propos/index.md' points into the English pages" in result.stderr
    assert "language link at the top of every page" in result.stderr


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("[x](nulle-part.md)", "nulle-part.md"),  # broken link
        ("[x](../a-propos/index.md#pas-de-titre)", "pas-de-titre"),  # broken anchor
        ("[x](/a-propos/)", "/a-propos/"),  # absolute link
        ("[x](../a-propos/)", "../a-propos/"),  # unrecognized link (not to a .md file)
    ],
)
def test_broken_links_fail(project, tmp_path, markdown, expected):
    write(project, "fr/articles/index.md", f"# Articles\n\n{markdown}\n")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "WARNING" in result.stderr and expected in result.stderr


def test_page_left_out_of_navigation_fails(project, tmp_path):
    for lang in ("fr", "en"):
        write(project, f"{lang}/articles/orpheline.md", "# Orpheline\n")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "articles/orpheline.md" in result.stderr and "nav" in result.stderr


def test_untitled_admonitions_are_translated(project, tmp_path):
    write(project, "fr/articles/index.md", "# Articles\n\n!!! warning\n\n    Texte.\n")
    write(project, "en/articles/index.md", "# Articles\n\n!!! warning\n\n    Text.\n")
    assert build(project, tmp_path).returncode == 0
    out = tmp_path / "out"
    fr = LexborHTMLParser((out / "articles/index.html").read_text(encoding="utf-8"))
    en = LexborHTMLParser((out / "en/articles/index.html").read_text(encoding="utf-8"))
    assert fr.css_first(".admonition-title").text() == "Attention"
    assert en.css_first(".admonition-title").text() == "Warning"
