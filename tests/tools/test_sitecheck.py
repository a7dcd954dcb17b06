"""The offline site check (scripts/checks/sitecheck.py) on a small fixture site with
planted defects and tricky valid links, on the real site, and through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checks.sitecheck import check_site

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
    script = ROOT / "scripts" / "kf.py"
    ok = subprocess.run([sys.executable, script, "site", fixture_site], capture_output=True, text=True)
    assert ok.returncode == 0 and "0 problem(s)" in ok.stderr
    write(fixture_site, "a/index.html", page("fr", "a/", '<h2 id="x">X</h2><a href="#y">y</a>'))
    bad = subprocess.run([sys.executable, script, "site", fixture_site, "--json"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert json.loads(bad.stdout) == [{"page": "a/index.html", "link": "#y", "message": "#y is not an id in this page", "kind": "anchor"}]
    missing = subprocess.run([sys.executable, script, "site", fixture_site / "nowhere"], capture_output=True, text=True)
    assert missing.returncode == 2 and "build the site first" in missing.stderr
