"""The offline site check (src/kf/cli/checks/sitecheck.py) on a small fixture site with
planted defects and tricky valid links, on the real site, and through the CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kf.devtools.bench_sitecheck import make_material_site
from kf.cli.checks.sitecheck import _ancestors, _verdict_key, check_site, group_findings

from conftest import KF

ROOT = Path(__file__).resolve().parents[2]
URL = "http://example.org/sub/"


def page(lang: str, key: str, body: str, alternates: dict | None = None) -> str:
    """A page of the fixture site; key is its path without language ("", "a/")."""
    if alternates is None:
        alternates = {"fr": URL + key, "en": URL + "en/" + key, "x-default": URL + key}
    links = "".join(f'<link rel="alternate" hreflang="{h}" href="{u}">' for h, u in alternates.items())
    canonical = URL + ("" if lang == "fr" else "en/") + key
    return (
        f'<!doctype html><html lang="{lang}"><head><link rel="canonical" href="{canonical}">{links}'
        f'<link rel="stylesheet" href="{"../" * (key.count("/") + (lang == "en"))}css/site.css"></head>'
        f"<body>{body}</body></html>"
    )


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def fixture_site(tmp_path):
    root = tmp_path / "site"
    write(root, "css/site.css", "body{}")
    write(root, "img/ok.png", "png")
    write(root, "index.html", page("fr", "", '<a href="a/">a</a><a hreflang="en" href="en/">English</a>'))
    write(root, "en/index.html", page("en", "", '<a href="a/">a</a><a hreflang="fr" href="../">Français</a>'))
    write(root, "a/index.html", page("fr", "a/", '<h2 id="x">X</h2><p>ok</p>'))
    write(root, "en/a/index.html", page("en", "a/", '<h2 id="x">X</h2>'))
    # tricky but valid links
    valid = (
        '<h2 id="résumé">Résumé</h2><p id="fn:1">note</p><a name="legacy"></a>'
        '<a href="#r%C3%A9sum%C3%A9">1</a><a href="#résumé">2</a><a href="#fn:1">3</a><a href="#legacy">4</a>'
        '<a href="mailto:x@example.org">5</a><a href="../a/?q=1#x">6</a><a href="../donn%C3%A9es/">7</a>'
        '<a href="https://other.example/x">8</a><a href="' + URL + 'a/">9</a><a href="../a">10</a>'
        '<img src="../img/ok.png" srcset="../img/ok.png 1x, ../img/ok.png 2x" alt="">'
    )
    write(root, "données/index.html", page("fr", "données/", valid, {"fr": URL + "donn%C3%A9es/", "en": URL + "en/donn%C3%A9es/", "x-default": URL + "donn%C3%A9es/"}))
    write(root, "en/données/index.html", page("en", "données/", "<p>ok</p>", {"fr": URL + "donn%C3%A9es/", "en": URL + "en/donn%C3%A9es/", "x-default": URL + "donn%C3%A9es/"}))
    write(root, "sitemap.xml", f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{URL}a/</loc></url></urlset>')
    return root


DEFECTS = {
    "broken page link": ('<a href="../nope/">x</a>', "nope/index.html does not exist"),
    "broken anchor": ('<a href="../a/#missing">x</a>', "#missing is not an id in a/index.html"),
    "missing image": ('<img src="../img/none.png" alt="">', "img/none.png does not exist"),
    "wrong-case path": ('<a href="../A/">x</a>', "differs only in capitals: a/index.html"),
    "same-page anchor": ('<a href="#nothere">x</a>', "#nothere is not an id in this page"),
    "raw-HTML link": ('<div><a href="raw/page.html">x</a></div>', "b/raw/page.html does not exist"),
    "missing stylesheet": ('<link rel="stylesheet" href="../css/gone.css">', "css/gone.css does not exist"),
    "wrong-language link": ('<a href="../en/a/">x</a>', "links into the en pages from a fr page"),
}


@pytest.mark.parametrize("name", DEFECTS)
def test_each_planted_defect_is_found(fixture_site, name):
    markup, expected = DEFECTS[name]
    write(fixture_site, "b/index.html", page("fr", "b/", markup))
    write(fixture_site, "en/b/index.html", page("en", "b/", "<p>ok</p>"))
    findings = check_site(fixture_site)
    assert [f.page for f in findings] == ["b/index.html"], findings
    assert expected in findings[0].message


def test_broken_hreflang_is_found(fixture_site):
    bad = {"fr": URL + "b/", "en": URL + "en/missing/", "x-default": URL + "b/"}
    write(fixture_site, "b/index.html", page("fr", "b/", "<p>ok</p>", bad))
    write(fixture_site, "en/b/index.html", page("en", "b/", "<p>ok</p>"))
    messages = [str(f) for f in check_site(fixture_site)]
    assert any("b/index.html → http://example.org/sub/en/missing/: hreflang=en points to a page that does not exist" in m for m in messages)
    assert any("en/b/index.html" in m and "not reciprocal" in m for m in messages)


def test_relative_hreflang_missing_x_default_and_missing_pair(fixture_site):
    write(fixture_site, "b/index.html", page("fr", "b/", "<p>ok</p>", {"fr": "./", "en": URL + "en/a/"}))
    messages = [str(f) for f in check_site(fixture_site)]
    assert "b/index.html → ./: hreflang=fr must be an absolute URL" in messages
    assert "b/index.html: its hreflang alternates lack x-default" in messages
    assert "b/index.html: has no en version (en/b/index.html is missing)" in messages


def test_sitemap_addresses_must_exist(fixture_site):
    write(fixture_site, "sitemap.xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{URL}gone/</loc></url></urlset>')
    assert [str(f) for f in check_site(fixture_site)] == [f"sitemap.xml → {URL}gone/: this address does not exist in the site"]


def test_tricky_valid_links_pass(fixture_site):
    assert check_site(fixture_site) == []
    assert check_site(fixture_site, jobs=1) == []


def test_real_site_has_no_problem(site):
    assert check_site(site.dir) == []


def test_cli_exit_codes_and_json(fixture_site):
    ok = subprocess.run([*KF, "site", fixture_site], capture_output=True, text=True)
    assert ok.returncode == 0 and "0 problem(s)" in ok.stderr
    write(fixture_site, "a/index.html", page("fr", "a/", '<h2 id="x">X</h2><a href="#y">y</a>'))
    bad = subprocess.run([*KF, "site", fixture_site, "--json"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert json.loads(bad.stdout) == [{
        "page": "a/index.html", "link": "#y", "message": "#y is not an id in this page", "kind": "anchor",
        "target": "a/index.html#y", "count": 1, "examples": [{"page": "a/index.html", "link": "#y"}],
    }]
    missing = subprocess.run([*KF, "site", fixture_site / "nowhere"], capture_output=True, text=True)
    assert missing.returncode == 2 and "build the site first" in missing.stderr


# -- a site built the standard Material way: one project per language under /en/ and
# /fr/, Material's selector (extra.alternate) with relative hreflang links, a landing page
# at the root that belongs to no language, a sitemap per language folder

MATERIAL_URL = "http://example.org/"


def material_page(lang: str, key: str, body: str = "", selector_hreflang: bool = True) -> str:
    """A page as Material writes it from extra.alternate (partials/alternate.html, base.html)."""
    up = "../" * (1 + key.count("/"))
    alternates = "".join(f'<link rel="alternate" href="{up}{code}/" hreflang="{code}">' for code in ("en", "fr"))
    selector = "".join(
        f'<li class="md-select__item"><a href="{up}{code}/"'
        f'{f" hreflang={chr(34)}{code}{chr(34)}" if selector_hreflang else ""} class="md-select__link">{code}</a></li>'
        for code in ("en", "fr"))
    return (
        f'<!doctype html><html lang="{lang}"><head><link rel="canonical" href="{MATERIAL_URL}{lang}/{key}">'
        f"{alternates}</head><body><header><a href=\"{up}{lang}/\" class=\"md-logo\">Home</a>"
        f'<div class="md-select"><ul class="md-select__list">{selector}</ul></div></header>'
        f'<nav><a href="{up}">All languages</a></nav><main>{body}</main></body></html>'
    )


def material_site(root: Path, pages: dict[str, str] | None = None, selector_hreflang: bool = True) -> Path:
    """Landing page, and in each language a home and page a/ (bodies from `pages`,
    keyed "fr/a/" etc.)."""
    pages = pages or {}
    write(root, "index.html", '<!doctype html><html lang="en"><head>'
          f'<link rel="canonical" href="{MATERIAL_URL}"><link rel="alternate" hreflang="en" href="en/">'
          '<link rel="alternate" hreflang="fr" href="fr/"></head><body>'
          '<a href="en/" hreflang="en">English</a> <a href="fr/" hreflang="fr">Français</a></body></html>')
    for lang in ("en", "fr"):
        for key in ("", "a/"):
            write(root, f"{lang}/{key}index.html",
                  material_page(lang, key, pages.get(f"{lang}/{key}", ""), selector_hreflang))
        write(root, f"{lang}/sitemap.xml", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              f"<url><loc>{MATERIAL_URL}{lang}/</loc></url><url><loc>{MATERIAL_URL}{lang}/a/</loc></url></urlset>")
    return root


@pytest.mark.parametrize("selector_hreflang", [True, False], ids=["hreflang", "material-class-only"])
def test_material_language_selector_is_a_switch(tmp_path, selector_hreflang):
    findings = check_site(material_site(tmp_path, selector_hreflang=selector_hreflang))
    # the selector and the link to the landing page (no language) are not crossings, the
    # per-language sitemaps are found, the landing page needs no pair
    assert [f for f in findings if f.kind != "hreflang"] == []
    # what is left is real and grouped: Material's hreflang links are relative and there is
    # no x-default, the same on every page
    groups = sorted((g.message, g.target, g.count) for g in group_findings(findings))
    assert groups == [
        ("hreflang=en must be an absolute URL", "en/index.html", 5),
        ("hreflang=fr must be an absolute URL", "fr/index.html", 5),
        ("its hreflang alternates lack x-default", "", 5),
    ]


def test_material_site_real_crossing_is_reported(tmp_path):
    site = material_site(tmp_path, {"fr/a/": '<a href="../../en/a/">the English page</a>'})
    crossings = [str(f) for f in check_site(site) if f.kind == "language"]
    assert crossings == ["fr/a/index.html → ../../en/a/: links into the en pages from a fr page; "
                         "only the language switch may cross languages"]


def test_material_site_missing_sitemap_address_and_pair(tmp_path):
    site = material_site(tmp_path)
    (site / "en/a/index.html").unlink()
    messages = [str(f) for f in check_site(site) if f.kind in ("sitemap", "pair")]
    assert messages == ["fr/a/index.html: has no en version (en/a/index.html is missing)",
                        "en/sitemap.xml → http://example.org/en/a/: this address does not exist in the site"]


# -- one mistake in a template: one finding with a count

TEMPLATE_PAGES = 12


@pytest.fixture
def template_mistake(fixture_site):
    """Twelve French pages whose footer links into the English pages."""
    for n in range(TEMPLATE_PAGES):
        write(fixture_site, f"t{n:02d}/index.html", page("fr", f"t{n:02d}/", '<footer><a href="../en/a/">Legal</a></footer>'))
        write(fixture_site, f"en/t{n:02d}/index.html", page("en", f"t{n:02d}/", "<p>ok</p>"))
    return fixture_site


def test_template_mistake_is_one_grouped_finding(template_mistake):
    findings = check_site(template_mistake, jobs=1)
    assert len(findings) == TEMPLATE_PAGES
    [group] = group_findings(findings)
    assert (group.kind, group.target, group.count) == ("language", "en/a/index.html", TEMPLATE_PAGES)
    assert group.examples == [(f"t{n:02d}/index.html", "../en/a/") for n in range(3)]
    assert str(group) == ("t00/index.html → ../en/a/: links into the en pages from a fr page; only the language "
                          "switch may cross languages [on 12 pages: also t01/index.html, t02/index.html and 9 more]")
    assert check_site(template_mistake, jobs=2) == findings  # the same with worker processes


def test_template_mistake_grouped_in_every_output(template_mistake):
    run = [*KF, "site", template_mistake]
    text = subprocess.run(run, capture_output=True, text=True)
    assert text.returncode == 1
    assert text.stdout.count("\n") == 1 and "[on 12 pages:" in text.stdout
    assert "1 problem(s) (12 occurrences)" in text.stderr
    [entry] = json.loads(subprocess.run(run + ["--json"], capture_output=True, text=True).stdout)
    assert (entry["count"], entry["target"], entry["kind"]) == (12, "en/a/index.html", "language")
    assert [e["page"] for e in entry["examples"]] == ["t00/index.html", "t01/index.html", "t02/index.html"]
    github = subprocess.run(run + ["--github"], capture_output=True, text=True).stdout.splitlines()
    assert len(github) == 1
    assert github[0].startswith(f"::error file={template_mistake}/t00/index.html,title=Site check (12 pages)::")
    assert "[on 12 pages:" in github[0]


def test_same_link_text_on_pages_at_different_depths(fixture_site):
    """Verdicts are remembered per folder: the same relative link must still be judged
    from each page's own folder."""
    write(fixture_site, "b/index.html", page("fr", "b/", '<a href="../a/">ok</a>'))
    write(fixture_site, "en/b/index.html", page("en", "b/", '<a href="../a/">ok</a>'))
    write(fixture_site, "b/c/index.html", page("fr", "b/c/", '<a href="../a/">broken</a><a href="../../a/#x">ok</a>'))
    write(fixture_site, "en/b/c/index.html", page("en", "b/c/", '<a href="../../a/#nope">bad anchor</a>'))
    assert sorted(str(f) for f in check_site(fixture_site, jobs=1)) == [
        "b/c/index.html → ../a/: b/a/index.html does not exist",
        "en/b/c/index.html → ../../a/#nope: #nope is not an id in en/a/index.html",
    ]


def test_verdict_key():
    ancestors = _ancestors("fr/guide/p1")
    assert ancestors == ["fr/guide/p1", "fr/guide", "fr", ""]
    assert _verdict_key("fr/guide/p1/index.html", ancestors, "../../../en/") == ("", "en/")
    assert _verdict_key("fr/guide/p1/index.html", ancestors, "../p2/#s") == ("fr/guide", "p2/#s")
    assert _verdict_key("fr/guide/p1/index.html", ancestors, "../../../../x/") == ("fr/guide/p1/index.html", "../../../../x/")
    assert _verdict_key("fr/guide/p1/index.html", ancestors, "#s") == ("fr/guide/p1/index.html", "#s")
    assert _verdict_key("fr/guide/p1/index.html", ancestors, "/fr/") == (None, "/fr/")
    assert _verdict_key("fr/guide/p1/index.html", ancestors, "img.png") == ("fr/guide/p1", "img.png")


def test_real_material_build_gives_only_its_real_problems(tmp_path):
    """The benchmark's site, built for real by Material (two projects, extra.alternate):
    the selector is not a crossing; what is reported is grouped."""
    site = make_material_site(tmp_path, 4)
    fr_pages = sorted(str(p.relative_to(site)) for p in (site / "fr").rglob("*.html"))
    assert 'class="md-select__link"' in (site / "fr/index.html").read_text(encoding="utf-8")
    groups = {(g.kind, g.message, g.target): g for g in group_findings(check_site(site))}
    crossing = ("language", "links into the en pages from a fr page; only the language switch may cross languages",
                "en/guide/p0000/index.html")
    assert set(groups) == {
        crossing,  # the footer planted in every French page
        ("hreflang", "hreflang=en must be an absolute URL", "en/index.html"),
        ("hreflang", "hreflang=fr must be an absolute URL", "fr/index.html"),
        ("hreflang", "its hreflang alternates lack x-default", ""),
    }
    assert groups[crossing].count == len(fr_pages) == 5
    assert groups[("hreflang", "its hreflang alternates lack x-default", "")].count == 2 * len(fr_pages) + 1
