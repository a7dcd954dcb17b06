"""The last pass over a built page, free of MkDocs (HTML in, HTML out): its
Content-Security-Policy (csp.py), which needs every inline script and style
of the page, found with an HTML parser.

The page's main text and its menus are most of the page (and the menus grow with the
site) but hold no inline script or style: they are left out of the parse. The text
is found as MkDocs wrote it into the page; the template marks the menus with
<!--kf-aside--> ... <!--/kf-aside--> (overrides/main.html), comments removed here.
A part holding an inline script or style is parsed with the rest.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from kf.core.csp import PLACEHOLDER, policy_of

ASIDE_START, ASIDE_END = "<!--kf-aside-->", "<!--/kf-aside-->"


def _has_inline_code(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] holds a <script> or <style> element. Tag names are looked
    for as templates and the content check write them (lowercase): a part wrongly left
    out would only miss its hash in the policy, so the browser would block that code,
    never allow more."""
    return text.find("<script", start, end) != -1 or text.find("<style", start, end) != -1


def finish_page(html: str, content: str | None = None) -> str:
    """The page with its policy in place of the placeholder, and without the aside
    markers. content: the page's main text as written into the page (MkDocs'
    page.content), or None."""
    skip: list[tuple[int, int]] = []  # left out of the parse
    drop: list[tuple[int, int]] = []  # left out of the page (the markers)
    pos = 0
    while (start := html.find(ASIDE_START, pos)) != -1 and (end := html.find(ASIDE_END, start)) != -1:
        inner = (start + len(ASIDE_START), end)
        drop += [(start, inner[0]), (end, end + len(ASIDE_END))]
        if not _has_inline_code(html, *inner):
            skip.append(inner)
        pos = end + len(ASIDE_END)
    if content and not _has_inline_code(content):
        at = html.find(content)
        if at != -1 and not any(s < at + len(content) and at < e for s, e in skip + drop):
            skip.append((at, at + len(content)))
    cut = sorted(skip + drop)
    pieces, pos = [], 0
    for start, end in cut:
        pieces.append(html[pos:start])
        pos = end
    pieces.append(html[pos:])
    edits = sorted(drop)
    if (at := html.find(PLACEHOLDER)) != -1:
        policy = policy_of(LexborHTMLParser("".join(pieces)))
        edits = sorted(drop + [(at, at + len(PLACEHOLDER), policy)])
    if not edits:
        return html
    out, pos = [], 0
    for start, end, *replacement in edits:
        out += [html[pos:start], *replacement]
        pos = end
    out.append(html[pos:])
    return "".join(out)
