"""Every reader widget, used as most readers use it: by touch, on a 390 px phone and a
768 px tablet (Chromium with touch and a mobile viewport), and search in a desktop
window zoomed to 200 %. The assertions are about what a reader sees: an element is
seen when it is on screen, not transparent or hidden, and is what a tap at its centre
reaches (nothing drawn over it)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

DEVICES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3},
    "tablet": {"viewport": {"width": 768, "height": 1024}, "device_scale_factor": 2},
}
TOUCH = {"has_touch": True, "is_mobile": True, "locale": "fr-FR", "service_workers": "block"}
ARTICLE = "articles/ketamine-et-fibromyalgie/"

SEEN = """(el) => {
  if (!el) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return false;
  for (let n = el; n; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.visibility === "hidden" || s.display === "none" || Number(s.opacity) < 0.9) return false;
  }
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 12), 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return !!hit && (hit === el || el.contains(hit));
}"""


def seen(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate(SEEN) if page.locator(selector).count() else False


def wait_seen(page, selector: str, timeout: float = 5000) -> None:
    page.wait_for_function(f"() => ({SEEN})(document.querySelector({selector!r}))", timeout=timeout)


def wait_unseen(page, selector: str, timeout: float = 5000) -> None:
    page.wait_for_function(f"() => !({SEEN})(document.querySelector({selector!r}))", timeout=timeout)


@pytest.fixture(params=list(DEVICES))
def device(request):
    return request.param


@pytest.fixture
def touch_page(browser, device):
    context = browser.new_context(**DEVICES[device], **TOUCH)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("pageerror", lambda err: tab.console_errors.append(str(err)))
    yield tab
    assert tab.console_errors == []
    context.close()


SEARCH_BUTTON = 'label.md-header__button[for="__search"]'
INPUT = "input.md-search__input"
BACK = '.md-search__form label.md-search__icon[for="__search"]'
FIRST_RESULT = ".md-search-result__item"


def open_search_and_type(page, opener):
    """Opens search with the header's button (tap or click), types a query with accents
    as an on-screen keyboard sends it, and checks what the reader sees."""
    assert seen(page, SEARCH_BUTTON), "the header's search button is not on screen"
    opener(SEARCH_BUTTON)
    wait_seen(page, INPUT)
    assert page.evaluate(f"document.activeElement === document.querySelector({INPUT!r})"), \
        "the search box should have the keyboard once search is open"
    page.wait_for_timeout(400)  # the dialog stays open: it did not open and close in one tap
    assert seen(page, INPUT) and page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("kétamine foie")
    assert page.input_value(INPUT) == "kétamine foie"  # every letter where it was typed
    page.wait_for_function("() => document.querySelector('.md-search-result__list').dataset.kfQuery === 'kétamine foie'")
    wait_seen(page, FIRST_RESULT)
    assert re.search(r"\d", page.inner_text(".md-search-result__meta"))
    assert "foie" in page.locator(FIRST_RESULT).first.inner_text().lower()


def test_search_opens_on_a_tap_takes_accents_and_closes(site, touch_page):
    page = touch_page
    page.goto(site.url)
    open_search_and_type(page, page.tap)
    page.tap(BACK)  # the back arrow closes it, and the keyboard goes
    wait_unseen(page, INPUT)
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not page.evaluate(f"document.activeElement === document.querySelector({INPUT!r})")
    page.tap(SEARCH_BUTTON)  # opens again; Escape (a tablet's keyboard) closes it
    wait_seen(page, INPUT)
    page.keyboard.press("Escape")
    wait_unseen(page, INPUT)
    page.tap(SEARCH_BUTTON)  # and a result tapped opens its page
    wait_seen(page, INPUT)
    assert page.input_value(INPUT) == "kétamine foie"  # what was typed is kept
    wait_seen(page, ".md-search__options button[type=reset]")  # it grows in (a transition)
    page.wait_for_timeout(300)
    page.tap(".md-search__options button[type=reset]")  # the × clears it
    page.wait_for_function(f"() => document.querySelector({INPUT!r}).value === ''")
    page.keyboard.type("vessie")
    page.wait_for_function("() => document.querySelector('.md-search-result__list').dataset.kfQuery === 'vessie'")
    wait_seen(page, FIRST_RESULT + " a")
    href = page.locator(FIRST_RESULT + " a").first.get_attribute("href")
    page.locator(FIRST_RESULT + " a").first.tap()
    page.wait_for_url(href)


def test_search_in_a_desktop_window_zoomed_to_200_percent(site, browser):
    # 1280 px at 200 %: a 640 CSS px layout, the phone's header and its search button
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2,
                                  locale="fr-FR", service_workers="block")
    page = context.new_page()
    try:
        page.goto(site.url + ARTICLE)
        open_search_and_type(page, page.click)
        page.click(BACK)
        wait_unseen(page, INPUT)
    finally:
        context.close()


def test_glossary_definition_by_touch_has_a_close_button(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE)
    term = page.locator("article .kf-term").first
    term.scroll_into_view_if_needed()
    link, tip = term.locator(".kf-term__link"), term.locator(".kf-term__tip")
    box = link.bounding_box()
    assert box["height"] >= 24, f"a glossary word is a {box['height']:.0f} px target"
    link.tap()
    assert tip.evaluate(SEEN)
    width = page.evaluate("innerWidth")
    tip_box = tip.bounding_box()
    assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= width, "the definition overflows the screen"
    assert page.url == site.url + ARTICLE  # a first tap shows the definition only
    close = term.locator(".kf-tip__close")
    assert close.evaluate(SEEN), "the close button is not on screen where a finger can reach it"
    close_rect, tip_rect = close.bounding_box(), tip.bounding_box()
    assert tip_rect["x"] <= close_rect["x"] and close_rect["x"] + close_rect["width"] <= tip_rect["x"] + tip_rect["width"] + 0.5
    close_box = close.bounding_box()
    assert close_box["width"] >= 32 and close_box["height"] >= 32
    close.tap()
    assert not tip.is_visible()
    link.tap()  # again: shown; a second tap follows the link to the glossary
    assert tip.evaluate(SEEN)
    link.tap()
    page.wait_for_url(re.compile(re.escape(site.url + "glossaire/") + "#"))


def test_citation_preview_by_touch(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE)
    ref = page.locator("article .kf-ref").first
    ref.scroll_into_view_if_needed()
    ref.locator(".kf-ref__link").tap()
    tip = ref.locator(".kf-ref__tip")
    assert tip.evaluate(SEEN)
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.evaluate("innerWidth")
    page.locator("article h1").tap()  # a tap elsewhere closes it
    assert not tip.is_visible()


def test_language_switch_by_touch_keeps_the_section(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE + "#risks")
    page.tap("header a.kf-lang__link[hreflang=en]")
    page.wait_for_url(site.url + "en/" + ARTICLE + "#risks")
    assert page.evaluate("document.documentElement.lang") == "en"
    heading = page.locator("#risks")
    assert heading.evaluate("(el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    page.tap("header a.kf-lang__link[hreflang=fr]")  # and back, to the same section
    page.wait_for_url(site.url + ARTICLE + "#risks")


def test_on_this_page_list_by_touch(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE)
    summary = ".kf-onpage summary"
    assert seen(page, summary), "phones and tablets get the page's sections under its title"
    page.tap(summary)
    wait_seen(page, ".kf-onpage li a")
    link = page.locator(".kf-onpage a[href='#risks']")
    link.tap()
    page.wait_for_url(site.url + ARTICLE + "#risks")
    assert page.locator("#risks").evaluate("(el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")


def test_menu_drawer_by_touch(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE)
    page.tap('label.md-header__button[for="__drawer"]')
    link = ".md-sidebar--primary a.md-nav__link[href$='quest-ce-que-la-ketamine/']"
    wait_seen(page, link)
    page.tap(".md-overlay", position={"x": page.evaluate("innerWidth") - 20, "y": 300})
    wait_unseen(page, link)
    page.tap('label.md-header__button[for="__drawer"]')  # a menu link tapped opens its page
    wait_seen(page, link)
    page.tap(link)
    page.wait_for_url(site.url + "articles/quest-ce-que-la-ketamine/")


def test_palette_toggle_by_touch(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    before = page.evaluate(scheme)
    page.tap("form[data-md-component=palette] label:not([hidden])")
    page.wait_for_function(f"() => {scheme} !== {before!r}")


def test_desktop_keyboard_has_the_sidebar_not_the_folded_list_and_keeps_the_section(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + ARTICLE + "#risks")
    assert not page.locator(".kf-onpage").is_visible()
    assert page.locator("details.kf-sources").evaluate("d => d.open")  # wide screens: the list is open
    assert page.locator(".md-sidebar--secondary .md-nav__link[href='#risks']").is_visible()
    page.focus("header a.kf-lang__link[hreflang=en]")
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + "en/" + ARTICLE + "#risks")
    # the close button of a definition is for fingers: Tab does not stop on it; Escape closes
    page.goto(site.url + ARTICLE)
    link = page.locator("article .kf-term__link").first
    link.focus()
    tip = page.locator("article .kf-term__tip").first
    assert tip.is_visible()
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.classList.contains('kf-tip__close')")
    link.focus()
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_reference_list_is_folded_on_phones_and_opens_for_a_citation_and_for_print(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE)
    sources = page.locator("details.kf-sources")
    count = page.locator("ol.kf-references > li").count()
    assert count > 3
    summary = sources.locator("summary")
    assert re.fullmatch(rf"Références \({count}\)", summary.inner_text().strip("¶ \n")), summary.inner_text()
    assert not sources.evaluate("d => d.open")  # folded below 960 px
    summary.scroll_into_view_if_needed()
    summary.tap()  # the heading opens it
    assert sources.evaluate("d => d.open")
    wait_seen(page, "ol.kf-references > li")
    summary.tap()
    assert not sources.evaluate("d => d.open")
    # a citation's second tap goes to its reference, which is then on screen
    link = page.locator("article .kf-ref__link").first
    link.scroll_into_view_if_needed()
    target = link.get_attribute("href")
    link.tap()
    link.tap()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    wait_seen(page, f"li{target}")
    assert sources.evaluate("d => d.open")
    # folded again, the same citation (the address does not change) opens it again
    summary.scroll_into_view_if_needed()
    summary.tap()
    assert not sources.evaluate("d => d.open")
    link.scroll_into_view_if_needed()
    link.tap()
    link.tap()
    wait_seen(page, f"li{target}")
    # a malformed address breaks nothing
    page.evaluate("location.hash = '#100%'")
    page.wait_for_timeout(100)
    # printed, the list is there whole, folded or not
    page.goto(site.url + ARTICLE)
    page.emulate_media(media="print")
    last = page.locator("ol.kf-references > li").last
    assert last.bounding_box() and last.bounding_box()["height"] > 0
    page.emulate_media(media="screen")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_answer_first_on_the_first_screen(site, touch_page, prefix):
    page = touch_page
    page.goto(site.url + prefix)
    # the home page: the four questions patients come with, each answered and linked
    questions = page.locator("article h2.kf-question")
    assert questions.count() == 4
    height = page.evaluate("innerHeight")
    for n in range(4):
        link = questions.nth(n).locator("xpath=following-sibling::p[1]//a[not(contains(@class, 'kf-'))]").last
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= height, f"question {n + 1}'s link is below the first screen"
    # an article: its short answer on the first screen, at the text's size, and the key points too
    page.goto(site.url + prefix + ARTICLE)
    answer = page.locator("article .admonition.answer")
    assert answer.bounding_box()["y"] < height / 2
    size = "el => parseFloat(getComputedStyle(el.querySelector('p:not(.admonition-title)') || el).fontSize)"
    text_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article h2 ~ p')).fontSize)")
    assert answer.evaluate(size) >= text_size
    assert page.locator("article .admonition.abstract").evaluate(size) >= text_size


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_table_column_is_off_screen(site, touch_page, device, prefix):
    page = touch_page
    page.goto(site.url + prefix + "a-propos/corrections/")
    cells = page.locator("article table td")
    assert cells.count() >= 8
    width = page.evaluate("document.documentElement.clientWidth")
    rights = cells.evaluate_all("tds => tds.map(td => td.getBoundingClientRect().right)")
    assert max(rights) <= width + 0.5, f"a column ends at {max(rights):.0f} px on a {width} px screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing to scroll sideways
    if device == "phone":  # one card per row, each cell under its column's heading
        label = cells.nth(2).evaluate("td => getComputedStyle(td, '::before').content")
        assert label.strip('"') == cells.nth(2).get_attribute("data-label") != ""


def test_header_at_200_percent_text_keeps_title_search_and_language_usable(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE)
    # a phone's text size at 200 %: twice Material's root size (125 %), as text scaling does
    page.evaluate("document.documentElement.style.fontSize = '250%'")
    title = page.locator(".md-header__title")
    assert title.bounding_box()["width"] >= 100, "the site's title has no room left"
    for selector in (SEARCH_BUTTON, "header a.kf-lang__link", 'label.md-header__button[for="__drawer"]'):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.evaluate("innerWidth"), f"{selector} is off the screen"
        assert seen(page, selector), f"{selector} cannot be tapped"
    page.tap(SEARCH_BUTTON)
    wait_seen(page, INPUT)


@pytest.mark.parametrize(("prefix", "number"), [("", "15"), ("en/", "999")])
def test_care_card_numbers_can_be_tapped(site, touch_page, prefix, number):
    page = touch_page
    page.goto(site.url + prefix + "articles/risques-de-la-ketamine/")
    level = page.locator(".admonition.care-urgent .kf-care__level")
    level.scroll_into_view_if_needed()
    assert level.evaluate(SEEN) and level.inner_text().strip().lower() == "urgent"
    link = page.locator(f".kf-care a.kf-care__reach[href='tel:{number}']")
    link.scroll_into_view_if_needed()
    assert link.evaluate(SEEN), "the number is not on screen where a finger can reach it"
    box = link.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    card = page.locator(".kf-care").bounding_box()
    assert card["x"] >= 0 and card["x"] + card["width"] <= page.evaluate("innerWidth")


def test_print_button_by_touch_prints_the_sheet(site, touch_page):
    page = touch_page
    page.goto(site.url + ARTICLE)
    page.evaluate("window.print = () => { window.kfPrinted = document.documentElement.classList.contains('kf-print-sheet'); }")
    button = page.locator("button[data-kf-print]")
    button.scroll_into_view_if_needed()
    assert button.evaluate(SEEN) and button.inner_text() == "Imprimer une fiche pour mon rendez-vous"
    box = button.bounding_box()
    assert box["height"] >= 24
    button.tap()
    assert page.evaluate("window.kfPrinted") is True  # the sheet, not the whole article
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.documentElement.classList.contains('kf-print-sheet')")
