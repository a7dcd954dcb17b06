"""Reader quality gate: accessibility (axe-core in Chromium, keyboard), page weight,
structured data and link previews, and print."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import READER, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "article": "articles/ketamine-et-fibromyalgie/",
    "glossary": "glossaire/",
    "bibliography": "references/",
    "evidence guide": "references/niveaux-de-preuve/",
    "about": "a-propos/",
    "404": "missing-page/",
}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per page load
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # resultTypes: axe still runs every rule and reports every violation in full; only the
    # passes and inapplicable results, which are not read, are cut to one node (faster).
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                     resultTypes: ['violations']})).violations
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)""",
        TAGS,
    )


#: Material's name of each colour scheme, and its palette toggle (a label per scheme, the
#: one of the scheme not shown is visible).
SCHEMES = {"light": "default", "dark": "slate"}
SCHEME_JS = "document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "form[data-md-component=palette] label:not([hidden])"


@pytest.mark.browser
@pytest.mark.parametrize("width, system_scheme", [(390, "light"), (1280, "dark")])
def test_axe_finds_no_violation_on_any_page_type_in_either_scheme(site, browser, width, system_scheme):
    """Each page type, in both languages, in the light and the dark scheme. The first page
    of each language opens in the scheme the reader's system asks for (light at one width,
    dark at the other: each language has its own palette settings); on each page, the
    palette toggle then switches to the other scheme, as a reader does, and Material keeps
    that choice for the next page, which opens in it."""
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make test` (it runs `npm ci`)")
    found, checked = {}, set()
    for prefix in ("", "en/"):
        # a new reader for each language, who has chosen no scheme yet. axe is injected
        # through the DevTools protocol; the page's own CSP stays in force
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=system_scheme,
                                      bypass_csp=True)
        try:
            page = context.new_page()
            for number, (name, path) in enumerate(PAGE_TYPES.items()):
                page.goto(site.url + prefix + path)
                if number == 0:
                    assert page.evaluate(SCHEME_JS) == SCHEMES[system_scheme], prefix
                for switch in (True, False):
                    scheme = page.evaluate(SCHEME_JS)
                    violations = axe_violations(page)
                    if violations:
                        found[f"{prefix}{path} ({name}, {scheme})"] = violations
                    checked.add((prefix, name, scheme))
                    if switch:
                        page.click(TOGGLE)
                        page.wait_for_function(f"{SCHEME_JS} !== {json.dumps(scheme)}")
                        # colours checked once they are final, without the toggle's focus
                        # ring or the pointer over it
                        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')",
                                               timeout=5000)
                        page.evaluate("document.activeElement.blur()")
                        page.mouse.move(width - 1, 899)
        finally:
            context.close()
    assert checked == {(prefix, name, scheme) for prefix in ("", "en/") for name in PAGE_TYPES
                       for scheme in SCHEMES.values()}
    assert found == {}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("prefix, query", [("", "fibromialgie"), ("en/", "ketamine")])
def test_axe_finds_no_violation_with_search_open_and_results(site, browser, prefix, query, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(site.url + prefix + "articles/ketamine-et-fibromyalgie/")
        page.click("input.md-search__input")
        page.keyboard.type(query)
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 1")
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.browser
def test_axe_catches_a_planted_violation(site, browser):
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(site.url)
        page.evaluate("document.querySelector('article p').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
        assert any(v.startswith("image-alt") for v in axe_violations(page))
    finally:
        context.close()


#: What the focused element looks like: whether it can be seen at all (a box, on screen,
#: not transparent or hidden, itself or through an ancestor) and whether its focus is
#: shown (outline, shadow, underline or background).
FOCUS_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  // a visually hidden control (Material's theme toggle) shows its focus on its label
  const next = e.nextElementSibling;
  const t = getComputedStyle(e).opacity === '0' && next && next.tagName === 'LABEL' ? next : e;
  const s = getComputedStyle(t);
  const r = t.getBoundingClientRect();
  let seen = r.width >= 1 && r.height >= 1 && s.visibility !== 'hidden'
    && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  for (let n = t; n && n.nodeType === 1; n = n.parentElement) {
    const ns = getComputedStyle(n);
    if (parseFloat(ns.opacity) === 0 || ns.display === 'none' || ns.visibility === 'hidden') seen = false;
    // a scrolling or clipping box around it (the page itself scrolls in the window: checked above)
    if (n !== t && n !== document.documentElement && n !== document.body && /(hidden|clip|scroll|auto)/.test(ns.overflow)) {
      const box = n.getBoundingClientRect();
      if (box.width < 1 || box.height < 1 || r.bottom <= box.top || r.top >= box.bottom
          || r.right <= box.left || r.left >= box.right) seen = false;
    }
  }
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none'
    || s.textDecorationLine.includes('underline') || s.backgroundColor !== 'rgba(0, 0, 0, 0)';
  const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  return {name, cls: typeof e.className === 'string' ? e.className : '', seen, ring};
}"""


#: FOCUS_JS once the focus has settled: a focus style that fades in, or a menu that
#: scrolls to it, takes a moment. Looked at again at each frame until the stop is seen
#: with its focus shown, or 1.5 s have passed (then as it is). One call per Tab stop.
SETTLED_FOCUS_JS = f"""async () => {{
  const focus = {FOCUS_JS};
  const end = performance.now() + 1500;
  let info = focus();
  while (info && !(info.seen && info.ring) && performance.now() < end) {{
    await new Promise(resolve => requestAnimationFrame(resolve));
    info = focus();
  }}
  return info;
}}"""


def tab_stops(page, limit: int = 400) -> list[dict]:
    """Every stop that Tab reaches on the page, in order, until focus comes back to the
    first one (or leaves the page)."""
    stops: list[dict] = []
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(SETTLED_FOCUS_JS)
        if info is None or (stops and info["name"] == stops[0]["name"] and len(stops) > 1):
            break
        stops.append(info)
    return stops


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_tab_stop_is_visible_on_every_page_type(site, browser, prefix):
    """WCAG 2.4.7 and 2.4.11: nothing that Tab reaches is invisible, and each shows its focus;
    the skip link comes first, and Tab reaches an article's own controls. The English walk
    is a reader's who asked their system for less motion: Material's style then turns its
    transitions off, and a focus style shows at once where the French walk sees it fade in."""
    motion = "reduce" if prefix == "en/" else "no-preference"
    context = browser.new_context(**READER, reduced_motion=motion, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches") == (motion == "reduce")
        walk_every_page_type(site, page, prefix)
    finally:
        context.close()


def walk_every_page_type(site, page, prefix: str) -> None:
    problems = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site.url + prefix + path)
        stops = tab_stops(page, limit=600)
        assert 5 < len(stops) < 600, f"{name}: Tab reaches {len(stops)} stops: {stops[:10]}"
        if name != "404":  # Material has a skip link on pages with a table of contents
            assert "md-skip" in stops[0]["cls"], f"{name}: the first Tab stop is the skip link, not {stops[0]}"
        if name == "article":  # the article's own controls: glossary terms, citations, language switch
            reached = {needle for s in stops for needle in ("kf-term__link", "kf-ref__link", "kf-lang__link")
                       if needle in s["cls"]}
            assert reached == {"kf-term__link", "kf-ref__link", "kf-lang__link"}, reached
        bad = [f"{s['name']} (seen: {s['seen']}, focus shown: {s['ring']})" for s in stops if not (s["seen"] and s["ring"])]
        if bad:
            problems[f"{prefix}{path} ({name})"] = bad
    assert problems == {}, json.dumps(problems, indent=1)


@pytest.mark.browser
def test_an_invisible_tab_stop_is_caught(site, page):
    """The check above fails on the defect it was written for: Material's search results
    area as a tab stop while search is closed."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + "articles/ketamine-et-fibromyalgie/")
    # Material's own markup and style: tabindex="0", and shown while search is closed
    page.evaluate("""() => { const e = document.querySelector('.md-search__scrollwrap');
                            e.setAttribute('tabindex', '0'); e.style.visibility = 'visible'; }""")
    stops = tab_stops(page, limit=20)  # the header's stops (the planted one is the 6th): no need to walk the page
    assert [s for s in stops if "md-search__scrollwrap" in s["cls"] and not s["seen"]]


# --------------------------------------------------------------------------- structured data and previews


def jsonld(doc):
    import json

    scripts = doc.css('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text())


def meta(doc, key):
    node = doc.css_first(f'meta[property="{key}"], meta[name="{key}"]')
    return node.attributes["content"] if node else None


@pytest.mark.parametrize(("lang", "prefix", "locale", "other"), [("fr", "", "fr_FR", "en_US"), ("en", "en/", "en_US", "fr_FR")])
def test_article_structured_data_and_link_preview(site, lang, prefix, locale, other):
    doc = site.html(prefix + "articles/ketamine-et-fibromyalgie/")
    data = jsonld(doc)
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["inLanguage"] == lang
    assert data["name"] == doc.css_first("title").text().rsplit(" - ", 1)[0]
    assert data["description"] == meta(doc, "og:description") == doc.css_first('meta[name="description"]').attributes["content"]
    assert data["lastReviewed"] == "2026-12-01"
    assert data["reviewedBy"]["name"] in ("Équipe éditoriale", "Editorial team")
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    canonical = doc.css_first('link[rel="canonical"]').attributes["href"]
    assert data["url"] == canonical == meta(doc, "og:url") == site.url + prefix + "articles/ketamine-et-fibromyalgie/"
    urls = [c.get("url") for c in data["citation"]]
    assert "https://doi.org/10.31486/toj.21.0038" in urls  # Pastrak 2021, cited on the page
    assert len(data["citation"]) == len(doc.css("ol.kf-references > li"))
    assert meta(doc, "og:type") == "article" and meta(doc, "og:locale") == locale and meta(doc, "og:locale:alternate") == other
    assert meta(doc, "twitter:card") == "summary" and meta(doc, "twitter:title")


def test_home_page_is_a_website(site):
    for prefix, lang in (("", "fr"), ("en/", "en")):
        doc = site.html(prefix)
        data = jsonld(doc)
        assert data["@type"] == "WebSite" and data["inLanguage"] == lang and data["url"] == site.url + prefix
        assert meta(doc, "og:type") == "website"


# --------------------------------------------------------------------------- print


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_article_prints_cleanly(site, page, paper, tmp_path):
    import io

    from pypdf import PdfReader

    page.goto(site.url + "en/articles/ketamine-et-fibromyalgie/")
    page.locator("a.kf-term__link").first.hover()  # an open tooltip must not print
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper, print_background=False)
    text = printed_text(PdfReader(io.BytesIO(pdf)))
    source = (ROOT / "docs/en/articles/ketamine-et-fibromyalgie.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(source.split("---")[1])
    title = next(line[2:] for line in source.splitlines() if line.startswith("# "))
    assert printed_text_of(title) in text  # the title
    assert f"Last reviewed: {long_date(meta['last_reviewed'])}" in text
    assert f"Next review due: {long_date(meta['next_review'])}" in text
    assert "This information does not replace your doctor" in text  # the disclaimer
    assert "References" in text and "10.31486/toj.21.0038" in text  # references, DOIs written out
    assert "Table of contents" not in text and "Search" not in text.split("References")[0][:200]
    assert "Ketamine and pain: the facts" not in text  # no header
    assert "Edit this page on GitHub" not in text and "Report a problem" not in text
    definition = "A medicine used for anaesthesia"
    assert definition not in text  # no tooltip


def printed_text_of(text: str) -> str:
    """Text as compared after printing: Unicode NFKC (the ligatures "ﬁ", "ﬂ" that some
    fonts print become "fi", "fl"; no-break spaces become spaces), spaces collapsed, and
    typographic apostrophes made plain. Which fonts Chromium finds on a machine decides
    whether a PDF holds ligatures: the test must not depend on it."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return " ".join(text.split())


def printed_text(reader) -> str:
    return printed_text_of(" ".join((p.extract_text() or "") for p in reader.pages))


def long_date(day) -> str:
    """21 November 2026, as the English pages write review dates (no locale involved)."""
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def test_printed_text_does_not_depend_on_ligatures_or_spaces():
    assert printed_text_of("IV ketamine for \ufb01bromyalgia:\u00a0what \n the studies") == \
        "IV ketamine for fibromyalgia: what the studies"
    assert printed_text_of("e\u0301") == "\u00e9"  # decomposed accents compare as composed ones
    assert long_date(__import__("datetime").date(2026, 11, 1)) == "1 November 2026"


# --------------------------------------------------------------------------- weight


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_first_view_of_an_article_weighs_at_most_100_kb(site, browser, prefix):
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    try:
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(site.url + prefix + "articles/ketamine-et-fibromyalgie/")
        page.wait_for_load_state("networkidle")
        sizes = {r.url: r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in responses}
        total = sum(sizes.values())
        assert all(url.startswith(site.url) for url in sizes)
        assert total <= 100 * 1024, "\n".join(f"{v:>8} {u}" for u, v in sorted(sizes.items(), key=lambda x: -x[1])) + f"\n{total} bytes in all"
        # search (its terms and index) is not part of the first view
        assert not any("/search/" in url for url in sizes)
    finally:
        context.close()


# --------------------------------------------------------------------------- Lighthouse


@pytest.mark.browser
def test_lighthouse_accessibility_best_practices_and_seo_are_100(site, browser):  # browser: says what is missing
    """An article in each language, both in one browser. (These categories read the page,
    not its speed: `make bench` measures performance in the full browser.)"""
    from conftest import HEADLESS_CHROMIUM
    from kf.devtools.local_site import lighthouse_reports

    if not (ROOT / "node_modules" / "lighthouse").exists():
        pytest.fail("Lighthouse is not installed: run `make test` (it runs `npm ci`)")
    urls = [site.url + prefix + "articles/ketamine-et-fibromyalgie/" for prefix in ("", "en/")]
    reports = lighthouse_reports(urls, ["accessibility", "best-practices", "seo"], HEADLESS_CHROMIUM, ROOT)
    found = {}
    for url, report in zip(urls, reports):
        assert report["finalDisplayedUrl"] == url
        scores = {name: category["score"] for name, category in report["categories"].items()}
        failing = [
            f"{audit['id']}: {audit['title']}" for audit in report["audits"].values()
            if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
        ]
        if scores != {"accessibility": 1, "best-practices": 1, "seo": 1}:
            found[url] = {"scores": scores, "failing": failing}
    assert found == {}


TREATMENT_ARTICLES = ["ketamine-et-fibromyalgie", "ketamine-et-sdrc", "medicaments-de-la-fibromyalgie",
                      "polyarthrite-rhumatoide", "quest-ce-que-la-ketamine", "questions-avant-une-perfusion",
                      "recepteurs-nmda", "risques-de-la-ketamine", "traiter-la-fibromyalgie", "un-cas-clinique"]


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_treatment_article_sheet_prints_on_one_page(site, page, prefix):
    import io

    from pypdf import PdfReader

    assert sorted(TREATMENT_ARTICLES) == sorted(
        p.parent.name for p in site.dir.glob("articles/*/index.html") if site.html(f"articles/{p.parent.name}/").css_first(
            "button[data-kf-print]") is not None)
    for slug in TREATMENT_ARTICLES:
        url = site.url + prefix + f"articles/{slug}/"
        page.goto(url)
        page.emulate_media(media="print")
        for paper in ("A4", "Letter"):
            page.evaluate("document.documentElement.classList.add('kf-print-sheet')")  # what the button does
            # at 105 %: room for another machine's fonts
            reader = PdfReader(io.BytesIO(page.pdf(format=paper, scale=1.05)))
            assert len(reader.pages) == 1, f"{prefix}{slug}: the sheet takes {len(reader.pages)} {paper} pages"
            text = printed_text(reader)
            doc = site.html(prefix + f"articles/{slug}/")
            for tip in doc.css(".kf-term__tip, .kf-ref__tip, .kf-cite"):  # shown on demand, not printed
                tip.decompose()
            answer = printed_text_of(doc.css_first(".admonition.answer p:not(.admonition-title)").text())
            assert answer[:60] in text  # the short answer
            assert printed_text_of(doc.css_first("ul.kf-sheet__questions li").text())[:40] in text  # the questions
            assert printed_text_of(doc.css_first(".kf-care h2").text()) in text  # the care card
            assert url in text.replace(" ", "")  # the page's address
            title = printed_text_of(doc.css_first("article h1").text().rstrip("¶"))
            details = [printed_text_of(h.text().rstrip("¶")) for h in doc.css("article h2[id]")
                       if "kf-sheet" not in (h.attributes.get("class") or "") and h.attributes["id"] != "get-help"]
            details = [h for h in details if h not in title]
            # the details stay on screen (a section is printed only for its list of questions)
            assert details and not [h for h in details if h in text], (slug, [h for h in details if h in text])
            assert "doi.org" not in text and "Cité dans" not in text  # no reference list
        page.emulate_media(media="screen")
