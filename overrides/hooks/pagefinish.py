"""The last pass over a built page, free of MkDocs (HTML in, HTML out): one HTML parse
for Material's accessibility fixes (pagefixes.py) and the Content-Security-Policy
(pagesecurity.py).

Neither needs the page's main text, which is most of the page (tooltips, reference
lists): when that text is found whole in the page and holds no inline script or
style, it is set aside while the rest is parsed, then put back unchanged.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from pagefixes import fix_tree
from pagesecurity import PLACEHOLDER, policy_of

#: Where the main text stands while the rest of the page is parsed.
SLOT = "<kf-content-slot></kf-content-slot>"


def finish_page(html: str, content: str | None, search_label: str) -> str:
    """The page with its accessibility fixes and its policy. content: the page's main
    text as written into the page (MkDocs' page.content), or None."""
    aside = None
    if content and SLOT not in html and content in html:
        lowered = content.lower()
        if "<script" not in lowered and "<style" not in lowered:
            before, after = html.split(content, 1)
            html, aside = before + SLOT + after, content
    doc = LexborHTMLParser(html)
    if fix_tree(doc, search_label):
        html = doc.html
    if PLACEHOLDER in html:
        html = html.replace(PLACEHOLDER, policy_of(doc), 1)
    if aside is not None:
        html = html.replace(SLOT, aside, 1)
    return html
