"""Builds of a copy of the project: the opt-in fallback for a pending translation, and
translated admonition titles. The battery of malformed inputs, each checked for its
message, is in test_bad_input.py."""

from __future__ import annotations

import json

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


def test_pending_translation_falls_back_marked_as_french(project, tmp_path):
    # The edit link, og:url and JSON-LD read the canonical address that the fallback step
    # sets: src/kf/mkdocs_adapter/plugin.py calls that step first (this test fails if not).
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
    # the link preview and the structured data give the same address (the original page)
    assert page.css_first('meta[property="og:url"]').attributes["content"] == URL + "articles/nouveau/"
    [ld] = [json.loads(n.text()) for n in page.css('script[type="application/ld+json"]')]
    assert ld["url"] == URL + "articles/nouveau/"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" + URL + "en/articles/nouveau/</loc>" not in sitemap
    assert "<loc>" + URL + "articles/nouveau/</loc>" in sitemap
    from kf.core.search_index import indexed_pages

    index = indexed_pages(out)
    assert not any("zorglub" in p["text"] for p in index["en"])  # a French text: not in the English search
    assert any("zorglub" in p["text"] for p in index["fr"])


def test_malformed_search_synonyms_fail_with_the_line(project, tmp_path):
    (project / "data" / "search-synonyms.yml").write_text("fr:\n  - [légal, loi]\n  - [loi]\n", encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "data/search-synonyms.yml:3: a group needs at least two different words or phrases" in result.stderr
    assert "nothing was built" in result.stderr  # checked with the other data files, before any page


def test_untitled_admonitions_are_translated(project, tmp_path):
    write(project, "fr/articles/index.md", "# Articles\n\n!!! warning\n\n    Texte.\n")
    write(project, "en/articles/index.md", "# Articles\n\n!!! warning\n\n    Text.\n")
    assert build(project, tmp_path).returncode == 0
    out = tmp_path / "out"
    fr = LexborHTMLParser((out / "articles/index.html").read_text(encoding="utf-8"))
    en = LexborHTMLParser((out / "en/articles/index.html").read_text(encoding="utf-8"))
    assert fr.css_first(".admonition-title").text() == "Attention"
    assert en.css_first(".admonition-title").text() == "Warning"


def test_problems_of_the_sources_stop_a_strict_build_before_any_page_is_made(project, tmp_path):
    """Front matter and data files are checked first, all at once. A strict build (CI, `make
    build`) stops there: nothing is written (the output folder is left as it was), and the
    problems that would only follow from these (a reference left out makes each of its
    citations "unknown") are not listed. Without --strict (as `make serve` rebuilds), the
    same problems are shown, once each, and the site is still made, so that the preview
    keeps working while an editor fixes them."""
    import os
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("the last good build", encoding="utf-8")

    references = project / "data" / "references.yml"
    text = references.read_text(encoding="utf-8")
    references.write_text(text.replace("  DOI: 10.1016/S0304-3959(99)00308-5", "  DOI: doi.org/10.1016/x"), encoding="utf-8")
    doi_line = text.split("\n").index("  DOI: 10.1016/S0304-3959(99)00308-5") + 1
    article = project / "docs" / "fr" / "articles" / "sensibilisation-centrale.md"
    lines = article.read_text(encoding="utf-8").split("\n")
    date_line = next(i for i, line in enumerate(lines) if line.startswith("next_review:"))
    lines[date_line] = "next_review: 21/11/2028"
    article.write_text("\n".join(lines), encoding="utf-8")
    glossary = project / "data" / "glossary.yml"
    glossary_lines = glossary.read_text(encoding="utf-8").split("\n")
    see_also = next(i for i, line in enumerate(glossary_lines) if line.strip().startswith("see_also:"))
    glossary_lines[see_also] = glossary_lines[see_also].split("see_also:")[0] + "see_also: [no-such-entry]"
    glossary.write_text("\n".join(glossary_lines), encoding="utf-8")
    problems = [f"data/references.yml:{doi_line}: ", f"docs/fr/articles/sensibilisation-centrale.md:{date_line + 1}: ",
                f"data/glossary.yml:{see_also + 1}: "]

    result = build(project, tmp_path)
    assert result.returncode != 0
    for where in problems:
        assert result.stderr.count(where) == 1, result.stderr
    assert "3 problem(s) in the pages or the data files (listed above); nothing was built" in result.stderr
    assert "unknown reference" not in result.stderr  # graven-nielsen2000, left out, is cited
    assert [p.name for p in out.rglob("*")] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "the last good build"

    preview = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "preview")], cwd=project,
                             env={**os.environ, "SITE_URL": URL, "NO_MKDOCS_2_WARNING": "1"},
                             capture_output=True, text=True, timeout=600)
    assert preview.returncode == 0, preview.stderr
    for where in problems:
        assert preview.stderr.count(where) == 1, preview.stderr
    assert (tmp_path / "preview" / "articles" / "sensibilisation-centrale" / "index.html").is_file()


def test_a_page_left_out_of_the_menu_fails_only_when_mkdocs_yml_says_so(project, tmp_path):
    """The navigation check follows MkDocs' own settings: `validation: omitted_files`
    (this site: warn) and `not_in_nav`."""
    for lang in ("fr", "en"):
        write(project, f"{lang}/a-propos/cachee.md", "# Cachée\n")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  omitted_files: warn\n" in text
    result = build(project, tmp_path)
    assert result.returncode != 0 and 'docs/fr/a-propos/cachee.md:1: this page is not included in the "nav"' in result.stderr
    config.write_text(text + "not_in_nav: |\n  /*/a-propos/cachee.md\n", encoding="utf-8")  # in every language folder
    assert build(project, tmp_path).returncode == 0
    config.write_text(text.replace("  omitted_files: warn\n", "  omitted_files: info\n"), encoding="utf-8")
    assert build(project, tmp_path).returncode == 0
