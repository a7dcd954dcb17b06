"""A one-page sheet to take to an appointment, free of MkDocs (HTML in, HTML out).

An article about a treatment gets, at the start of its "What this means for you"
section (`{#for-you}`), a button "Print a sheet for my appointment" (shown by
kf-page.js; hidden without JavaScript, when it could not work). The button prints only
what the build marks `kf-sheet` here: the title, the short answer, the
key points, the "What this means for you" section and, from the other sections, every
list of questions (a list of which most items ask something, « ? », with its section's
heading; a page with such lists leaves out its key points, to keep to one page),
the questions with room to write (`kf-sheet__questions`), the care card, and a last line
with the page's address and review date (shown only on paper). kf.css lays the sheet out on one A4 or Letter page.
"""

from __future__ import annotations

import html

from selectolax.lexbor import LexborHTMLParser

SHEET = "kf-sheet"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _add_class(node, name: str) -> None:
    classes = (node.attributes.get("class") or "").split()
    if name not in classes:
        node.attrs["class"] = " ".join([*classes, name])


def mark_sheet(page_html: str, button_label: str, address_line: str) -> str:
    """The article's HTML with its sheet marked and its print button. An article without
    a {#for-you} section comes back unchanged."""
    doc = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{page_html}")
    for_you = doc.css_first("h2#for-you")
    if for_you is None or doc.body is None:
        return page_html
    asked = False  # lists of questions outside "What this means for you"
    for heading in doc.css("h2"):
        if heading is for_you or heading.attributes.get("id") == "for-you":
            continue
        node = heading.next
        while node is not None and not _ends_section(node):
            if node.tag in ("ul", "ol") and _questions(node):
                _add_class(heading, SHEET)
                _add_class(node, SHEET)
                _add_class(node, "kf-sheet__questions")
                asked = True
            node = node.next
    # A page made of questions keeps them and leaves out its key points: one page.
    # (the review dates are on the sheet's last line, with the page's address)
    for selector in ("h1", "div.admonition.answer", *(() if asked else ("div.admonition.abstract",))):
        node = doc.css_first(selector)
        if node is not None:
            _add_class(node, SHEET)
    _add_class(for_you, SHEET)
    last = for_you
    node = for_you.next
    while node is not None and not _ends_section(node):
        if node.tag not in ("-text", "-comment"):
            _add_class(node, SHEET)
            if node.tag in ("ul", "ol") and _questions(node):
                _add_class(node, "kf-sheet__questions")
            last = node
        node = node.next
    esc = html.escape
    address = LexborHTMLParser(f'<p class="{SHEET} kf-sheet__address">{esc(address_line)}</p>').css_first("p")
    last.insert_after(address)
    button = LexborHTMLParser(
        f'<p class="kf-print" hidden><button type="button" class="md-button" data-kf-print>{esc(button_label)}'
        "</button></p>").css_first("p")
    for_you.insert_after(button)
    return doc.body.inner_html


def _questions(node) -> bool:
    """A list of which most items ask a question."""
    items = [li.text(deep=True) for li in node.css("li")]
    return bool(items) and 2 * sum("?" in item for item in items) > len(items)


def _ends_section(node) -> bool:
    """A heading of the section's level or higher, or the reference list."""
    if node.tag in HEADINGS and int(node.tag[1]) <= 2:
        return True
    return node.tag == "section" and "kf-references-section" in (node.attributes.get("class") or "")
