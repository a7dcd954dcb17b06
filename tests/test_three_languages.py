"""A third language needs no code change: a small site in French (default), English and
Spanish, built with the project's theme overrides and the kf-site plugin, has for every
language its language switch, hreflang links, sitemap entries, search index, 404 text,
glossary and references. The languages come from mkdocs-static-i18n's configuration and
the labels from src/kf/labels/<code>.yml, nowhere else."""

from __future__ import annotations

import re

import shutil
import xml.etree.ElementTree as ET

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, mkdocs_build, run_kf
from kf.core.citations import STUDY_TYPES
from kf.core.review import fingerprint
from kf.core.search_index import indexed_pages

URL = "http://127.0.0.1:9/sub/"
CODES = ("fr", "en", "es")
HOME = {"fr": "", "en": "en/", "es": "es/"}

CONFIG = """\
site_name: "Trois langues"
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
use_directory_urls: true
theme:
  name: material
  custom_dir: overrides
  language: fr
  font: false
  features: [navigation.sections, navigation.indexes]
extra:
  alternate: true
  generator: false
  repository: https://github.com/example/three-languages
  branch: main
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      reconfigure_material: false
      languages:
        - {locale: fr, default: true, name: Français, build: true, theme: {language: fr}}
        - {locale: en, name: English, build: true, site_name: "Three languages", theme: {language: en}}
        - {locale: es, name: Español, build: true, site_name: "Tres idiomas", theme: {language: es}}
  - kf-site
nav:
  - Accueil: index.md
  - Articles:
      - articles/index.md
      - articles/sommeil.md
  - Glossaire:
      - glossaire/index.md
  - Références:
      - references/index.md
      - references/niveaux-de-preuve.md
"""

TEXT = {
    "fr": {"home": "Accueil", "articles": "Articles", "title": "Le sommeil", "glossary": "Glossaire",
           "references": "Références", "evidence": "Niveaux de preuve",
           "body": "La kétamine agit sur le sommeil selon un travail fictif [@fixture2026]. Texte unique zzfrancais."},
    "en": {"home": "Home", "articles": "Articles", "title": "Sleep", "glossary": "Glossary",
           "references": "References", "evidence": "Levels of evidence",
           "body": "Ketamine acts on sleep according to a fictitious work [@fixture2026]. Unique text zzenglish."},
    "es": {"home": "Inicio", "articles": "Artículos", "title": "El sueño", "glossary": "Glosario",
           "references": "Referencias", "evidence": "Niveles de evidencia",
           "body": "La ketamina actúa sobre el sueño según un trabajo ficticio [@fixture2026]. Texto único zzespanol."},
}

GLOSSARY = """\
- id: ketamine
  fr: {term: kétamine, definition: Un médicament utilisé pour l'anesthésie.}
  en: {term: ketamine, definition: A medicine used for anaesthesia.}
  es: {term: ketamina, definition: Un medicamento usado para la anestesia.}
"""

REFERENCES = """\
- id: fixture2026
  type: report
  title: A fixture work for the three-language test
  author: [{literal: Test fixture}]
  issued: 2026
  study_type: narrative-review
  summary:
    fr: Un travail fictif, pour les tests.
    en: A fictitious work, for the tests.
    es: Un trabajo ficticio, para las pruebas.
"""


#: Each language's help numbers (core/care.py): every language needs its file.
HELP = """\
numbers:
  - id: eu-112
    kind: emergency
    how: call
    reach: "112"
    country: EU
    text: "{reach}"
    source: https://ec.europa.eu/information_society/activities/112/actions/index_en.htm
    where: fixture
    verified: 2026-12-08
  - id: report
    kind: report
    how: web
    reach: example.org
    country: EU
    text: "{reach}"
    source: https://example.org/
    where: fixture
    verified: 2026-12-08
"""


def front(title: str, code: str, source: str | None = None) -> str:
    lines = ["---", f'title: "{title}"', f'description: "{title}."', "last_reviewed: 2026-11-01",
             "next_review: 2027-11-01", "reviewer: Test"]
    if source is not None:
        lines += ["translated_from: fr/articles/sommeil.md", f"source_fingerprint: {fingerprint(source)}"]
    return "\n".join(lines + ["---", ""])


def write_site(root) -> None:
    (root / "mkdocs.yml").write_text(CONFIG + (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:", 1)[1]
                                     .join(["\nmarkdown_extensions:", ""]), encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "data").mkdir()
    (root / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (root / "data" / "references.yml").write_text(REFERENCES, encoding="utf-8")
    for code in CODES:
        (root / "data" / f"help-{code}.yml").write_text(HELP, encoding="utf-8")
    source = None
    for code in CODES:
        t = TEXT[code]
        docs = root / "docs" / code
        pages = {
            "index.md": f"# {t['home']}\n\n[{t['title']}](articles/sommeil.md)\n",
            "articles/index.md": f"# {t['articles']}\n\n[{t['title']}](sommeil.md)\n",
            "glossaire/index.md": f"# {t['glossary']}\n\n<!-- kf:glossary -->\n",
            "references/index.md": f"# {t['references']}\n\n<!-- kf:bibliography -->\n",
            "references/niveaux-de-preuve.md": f"# {t['evidence']}\n\n" + "".join(
                f"## {stype.labels[code]} {{#{stype.id}}}\n\n{stype.labels[code]}.\n\n" for stype in STUDY_TYPES.values()),
        }
        body = f"# {t['title']}\n\n{t['body']}\n"
        if code == "fr":
            source = front(t["title"], code) + body
            pages["articles/sommeil.md"] = source
        else:
            pages["articles/sommeil.md"] = front(t["title"], code, source) + body
        for rel, text in pages.items():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs / rel).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("three")
    write_site(root)
    result = mkdocs_build(root, root / "out", URL)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root


def html(built, path: str) -> LexborHTMLParser:
    file = built / "out" / path / "index.html" if not path.endswith(".html") else built / "out" / path
    return LexborHTMLParser(file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", CODES)
def test_every_language_has_its_pages_switch_and_hreflang(built, code):
    page = html(built, HOME[code] + "articles/sommeil")
    assert page.css_first("html").attributes["lang"] == code
    assert TEXT[code]["title"] in page.css_first("h1").text()
    switch = {a.attributes["hreflang"]: a.attributes["href"] for a in page.css("a[hreflang]")}
    others = [c for c in CODES if c != code]
    assert sorted(switch) == sorted(others)
    for other in others:  # relative links to the same page in each other language
        target = (built / "out" / HOME[code] / "articles/sommeil" / switch[other]).resolve()
        assert target == (built / "out" / HOME[other] / "articles/sommeil").resolve()
    alternates = {n.attributes["hreflang"]: n.attributes["href"] for n in page.css('link[rel="alternate"][hreflang]')}
    assert alternates == {**{c: URL + HOME[c] + "articles/sommeil/" for c in CODES}, "x-default": URL + "articles/sommeil/"}


def test_the_sitemap_lists_every_language_with_its_alternates(built):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(built / "out" / "sitemap.xml").getroot().findall("s:url", ns)
    locs = {u.find("s:loc", ns).text: u for u in urls}
    for code in CODES:
        entry = locs[URL + HOME[code] + "articles/sommeil/"]
        assert sorted(link.get("hreflang") for link in entry.findall("x:link", ns)) == sorted([*CODES, "x-default"])
    assert len(locs) == 6 * len(CODES)


def test_each_language_has_its_own_search_index(built):
    index = indexed_pages(built / "out")
    assert sorted(index) == sorted(CODES)
    for code, marker in (("fr", "zzfrancais"), ("en", "zzenglish"), ("es", "zzespanol")):
        assert any(marker in p["text"] for p in index[code])
        assert not any(marker in p["text"] for other in CODES if other != code for p in index[other])
    for code in CODES:  # the search script's words for each language
        assert (built / "out" / "search" / code / "terms.json").is_file()


def test_the_404_page_speaks_every_language(built):
    page = html(built, "404.html")
    sections = {n.attributes["data-kf-lang"]: n for n in page.css("[data-kf-lang]")}
    assert list(sections) == list(CODES)
    assert "Página no encontrada" in sections["es"].text()
    assert "Page not found" in sections["en"].text() and "Page introuvable" in sections["fr"].text()


@pytest.mark.parametrize("code", CODES)
def test_glossary_and_references_work_in_every_language(built, code):
    glossary = html(built, HOME[code] + "glossaire")
    term = {"fr": "kétamine", "en": "ketamine", "es": "ketamina"}[code]
    entries = glossary.css_first("article").text()
    assert term in entries.casefold()
    other = {"fr": "en anglais\u00a0: ketamine", "en": "in French: kétamine", "es": "en francés: kétamine"}[code]
    assert other in entries
    article = html(built, HOME[code] + "articles/sommeil")
    tooltip = article.css_first("a.kf-term__link")
    assert tooltip is not None and tooltip.text().lower() == term
    assert tooltip.attributes["href"] == "../../glossaire/#ketamine"  # the glossary of the same language
    definition = {"fr": "Un médicament utilisé", "en": "A medicine used", "es": "Un medicamento usado"}[code]
    assert definition in article.css_first(".kf-term__tip").text()  # the definition in the page's language
    headings = [h.text().strip("¶ ") for h in article.css("h2")]
    assert any(re.fullmatch(re.escape(TEXT[code]["references"]) + r" \(\d+\)", h) for h in headings), headings
    bibliography = html(built, HOME[code] + "references")
    cited_in = {"fr": "Cité dans", "en": "Cited in", "es": "Citado en"}[code]
    assert cited_in in bibliography.body.text() and TEXT[code]["title"] in bibliography.body.text()


def test_the_kf_command_reads_the_three_languages(built):
    for args in (("content", "--root", built), ("parity", "--docs", built / "docs"), ("status", "--docs", built / "docs")):
        result = run_kf(*args)
        assert result.returncode == 0, (args, result.stdout, result.stderr)


def test_a_language_without_labels_stops_the_build_with_the_file_to_add(tmp_path):
    write_site(tmp_path)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("{locale: es, name: Español,", "{locale: de, name: Deutsch,").replace("Tres idiomas", "Drei Sprachen")
    config = config.replace("theme: {language: es}", "theme: {language: de}")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.move(tmp_path / "docs" / "es", tmp_path / "docs" / "de")
    result = mkdocs_build(tmp_path, tmp_path / "out", URL)
    assert result.returncode != 0
    assert "the language 'de' has no interface labels" in result.stderr and "labels/de.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_plugin_without_mkdocs_static_i18n_stops_with_the_fix(tmp_path):
    write_site(tmp_path)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("  - i18n:"), config.index("  - kf-site")
    (tmp_path / "mkdocs.yml").write_text(config[:start] + config[end:], encoding="utf-8")
    result = mkdocs_build(tmp_path, tmp_path / "out", URL)
    assert result.returncode != 0
    assert "the kf-site plugin needs mkdocs-static-i18n: list `i18n` under `plugins:` in mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr
