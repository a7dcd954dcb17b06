"""A notice recorded in data/references.yml (`update:`) shows in the built site, in both
languages, wherever the work appears: the citation preview, the reference list under
the page, and the bibliography page. Built from a copy of the project whose references
file records a (made-up) retraction; `make status` lists the pages citing the work."""

from __future__ import annotations

import datetime as dt

import pytest
from selectolax.lexbor import LexborHTMLParser

from kf.cli.checks.status import markdown, status
from conftest import copy_project, mkdocs_build

# 10.5555 is Crossref's prefix for test DOIs: never a real notice.
UPDATE = "  update: {type: retraction, date: 2027-03-14, notice: 10.5555/retraction-test}\n"
TEXT = {
    "fr": "Cette étude a été rétractée en 2027\u202f; nous revoyons les pages qui la citent.",
    "en": "This study was retracted in 2027; we are reviewing the pages that cite it.",
}
PREFIX = {"fr": "", "en": "en/"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("retracted") / "project")
    refs = project / "data/references.yml"
    text = refs.read_text(encoding="utf-8")
    assert "- id: orhurhu2019\n" in text
    refs.write_text(text.replace("- id: orhurhu2019\n", "- id: orhurhu2019\n" + UPDATE), encoding="utf-8")
    out = project / "site"
    result = mkdocs_build(project, out, "http://127.0.0.1:9/sub/")
    assert result.returncode == 0, result.stderr
    return project, out


def html(out, rel):
    return LexborHTMLParser((out / rel / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_notice_shows_in_previews_reference_lists_and_the_bibliography(built, lang):
    _, out = built
    page = html(out, PREFIX[lang] + "references/niveaux-de-preuve")
    assert page.css_first("html").attributes["lang"] == lang
    link = page.css_first('a.kf-ref__link[href="#ref-orhurhu2019"]')
    tip = page.css_first("#" + link.attributes["aria-describedby"])
    assert TEXT[lang] in tip.text()
    notice = page.css_first("li#ref-orhurhu2019 p.kf-ref__update--retraction")
    assert notice is not None and TEXT[lang] in notice.text()
    assert notice.css_first("a").attributes["href"] == "https://doi.org/10.5555/retraction-test"
    # other works carry no notice
    assert len(page.css("p.kf-ref__update")) == 1
    listing = html(out, PREFIX[lang] + "references")
    entry = listing.css_first("li#orhurhu2019 p.kf-ref__update")
    assert entry is not None and TEXT[lang] in entry.text()
    assert len(listing.css("p.kf-ref__update")) == 1
    # the other language's wording is not on this page
    other = TEXT["en" if lang == "fr" else "fr"]
    assert other not in page.html and other not in listing.html


def test_status_lists_the_pages_citing_a_retracted_work(built):
    project, _ = built
    items = status(project / "docs", today=dt.date(2026, 12, 1), references=project / "data/references.yml")
    cited = sorted(i.path for i in items if i.kind == "retracted")
    assert "docs/fr/references/niveaux-de-preuve.md" in cited and "docs/en/references/niveaux-de-preuve.md" in cited
    assert "docs/fr/articles/risques-de-la-ketamine.md" in cited
    detail = next(i.detail for i in items if i.kind == "retracted")
    assert "orhurhu2019" in detail and "retraction" in detail and "2027-03-14" in detail
    assert "Pages citing a retracted or questioned work" in markdown(items)


def test_a_bad_notice_stops_the_build_with_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    refs = project / "data/references.yml"
    text = refs.read_text(encoding="utf-8")
    bad = "  update:\n    type: retracted\n    date: 2027\n"
    refs.write_text(text.replace("- id: orhurhu2019\n", "- id: orhurhu2019\n" + bad), encoding="utf-8")
    line = text[: text.index("- id: orhurhu2019\n")].count("\n") + 3  # the line of 'type: retracted'
    result = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (
        f"data/references.yml:{line}: reference 'orhurhu2019': unknown update type 'retracted'. "
        "Did you mean 'retraction'?" in result.stderr
    ), result.stderr
