"""The last pass over a built page, free of MkDocs (HTML in, HTML out): one HTML parse
for the accessibility fix (pagefixes.py) and the Content-Security-Policy
(pagesecurity.py).

Neither needs the page's main text nor its menus, which are most of the page (and
the menus grow with the site): when the text is found whole in the page, it is set
aside while the rest is parsed, and so is each part the template marks with
<!--kf-aside--> ... <!--/kf-aside--> (overrides/main.html). Set-aside parts are put
back unchanged; a part holding an inline script or style is parsed with the rest, so
the policy always sees every inline script and style.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from pagefixes import fix_tree
from pagesecurity import PLACEHOLDER, policy_of

ASIDE_START, ASIDE_END = "<!--kf-aside-->", "<!--/kf-aside-->"


def _slot(n: int) -> str:
    return f"<kf-slot-{n}></kf-slot-{n}>"


def _parsable_without(part: str) -> bool:
    lowered = part.lower()
    return "<script" not in lowered and "<style" not in lowered


def finish_page(html: str, content: str | None, search_label: str) -> str:
    """The page with its accessibility fix and its policy. content: the page's main
    text as written into the page (MkDocs' page.content), or None."""
    aside: list[str] = []
    if content and content in html and _parsable_without(content) and "<kf-slot-" not in html:
        before, after = html.split(content, 1)
        html = before + _slot(0) + after
        aside.append(content)
    pieces, pos = [], 0
    while (start := html.find(ASIDE_START, pos)) != -1 and (end := html.find(ASIDE_END, start)) != -1:
        part = html[start + len(ASIDE_START) : end]
        pieces.append(html[pos:start])
        if _parsable_without(part):
            pieces.append(_slot(len(aside)))
            aside.append(part)
        else:
            pieces.append(part)
        pos = end + len(ASIDE_END)
    html = "".join(pieces) + html[pos:]
    doc = LexborHTMLParser(html)
    if fix_tree(doc, search_label):
        html = doc.html
    if PLACEHOLDER in html:
        html = html.replace(PLACEHOLDER, policy_of(doc), 1)
    for n, part in enumerate(aside):
        html = html.replace(_slot(n), part, 1)
    return html
