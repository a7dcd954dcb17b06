"""Reader quality gate: accessibility (axe-core in Chromium, keyboard), page weight,
structured data and link previews, and print."""

from __future__ import annotations

import pytest

from conftest import ROOT

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
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)""",
        TAGS,
    )


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_any_page_type(site, browser, width, scheme):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make test` (it runs `npm ci`)")
    # axe is injected through the DevTools protocol; the page's own CSP stays in force
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        found = {}
        for prefix in ("", "en/"):
            for name, path in PAGE_TYPES.items():
                page.goto(site.url + prefix + path)
                scheme_attr = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                assert scheme_attr == ("slate" if scheme == "dark" else "default")
                violations = axe_violations(page)
                if violations:
                    found[f"{prefix}{path} ({name})"] = violations
        assert found == {}
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


@pytest.mark.browser
def test_keyboard_skip_link_focus_and_article_controls(site, page):
    page.goto(site.url + "en/articles/ketamine-et-fibromyalgie/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className")
    assert "md-skip" in first, "the first Tab stop is the skip link"
    reached = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement;
                 // a visually hidden control (Material's theme toggle) shows its focus on its label
                 const next = e.nextElementSibling;
                 const t = getComputedStyle(e).opacity === '0' && next && next.tagName === 'LABEL' ? next : e;
                 const s = getComputedStyle(t);
                 return {cls: e.className || '', tag: e.tagName,
                   visible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none'
                            || s.textDecorationLine.includes('underline') || s.backgroundColor !== 'rgba(0, 0, 0, 0)'}; }"""
        )
        if info["tag"] in ("A", "BUTTON", "INPUT", "LABEL"):
            assert info["visible"], f"no visible focus on {info}"
        for needle in ("kf-term__link", "kf-ref__link", "kf-lang__link"):
            if needle in info["cls"]:
                reached.add(needle)
        if reached == {"kf-term__link", "kf-ref__link", "kf-lang__link"}:
            break
    assert reached == {"kf-term__link", "kf-ref__link", "kf-lang__link"}
