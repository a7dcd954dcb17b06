"""Content safety of the Markdown pages, free of MkDocs: raw HTML is limited to an
allow-list of what is safe for readers and private.

A page is converted to HTML with Python-Markdown (code blocks and code spans then stay
text), and the result is read with an HTML parser. Every element, attribute and address
is checked against the allow-lists below: whatever is not listed is refused, with the
line and a plain reason. The lists hold what Markdown and our extensions write (tables,
admonitions, details, footnotes, tabs, emoji, our charts) and what editors can
reasonably need in raw HTML (emphasis, lists, tables, images from the site itself,
details/summary, abbr, sub/sup, figures). CONTRIBUTING.md lists them for editors.

Addresses: links (`href`) may be relative, a `#section`, `https:`, `http:`, `mailto:` or
`tel:` or `sms:`; anything the browser loads by itself (`src`, `srcset`) must be a file of the site
(a relative address): a file loaded from another host would tell that host who reads
which health page. No `url()` anywhere, and `style=` only for alignment (`text-align`, as Markdown tables write it).
"""

from __future__ import annotations

import re

import markdown
from selectolax.lexbor import LexborHTMLParser

from kf.core.problems import Problem, line_of

#: Elements a page may contain.
TEXT = {"p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "abbr", "dfn", "q", "cite", "code", "kbd", "samp", "var", "pre", "span", "div", "blockquote", "time",
        "h1", "h2", "h3", "h4", "h5", "h6"}
LISTS = {"ul", "ol", "li", "dl", "dt", "dd"}
TABLES = {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"}
MEDIA_AND_STRUCTURE = {"a", "img", "picture", "source", "figure", "figcaption", "details", "summary", "nav",
                       "label", "input"}
#: Inline drawings (our charts, emoji): shapes and text only.
SVG = {"svg", "g", "rect", "line", "path", "circle", "ellipse", "polyline", "polygon", "text", "tspan", "title",
       "desc"}
ALLOWED_ELEMENTS = TEXT | LISTS | TABLES | MEDIA_AND_STRUCTURE | SVG

#: Attributes any allowed element may have (plus every aria-* and data-* attribute).
GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role", "hidden", "translate"}
#: Attributes particular elements may have.
ELEMENT_ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "target", "type", "download"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "headers", "abbr", "align"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open", "name"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "label": {"for"},
    "input": {"type", "name", "checked", "disabled"},  # tabs and task lists only (see INPUT_TYPES)
}
SVG_ATTRIBUTES = {"viewbox", "xmlns", "width", "height", "preserveaspectratio", "focusable", "x", "y", "x1", "x2",
                  "y1", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "fill", "fill-opacity", "fill-rule",
                  "clip-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
                  "stroke-dasharray", "opacity", "transform", "text-anchor", "dominant-baseline", "font-size",
                  "font-weight", "dx", "dy"}
INPUT_TYPES = {"radio", "checkbox"}

#: Address schemes of links a reader follows, and of the other URL attributes.
LINK_SCHEMES = {"http", "https", "mailto", "tel", "sms"}  # sms: a text to an emergency number (114)
LINK_ATTRIBUTES = {"href", "cite"}
LOADED_ATTRIBUTES = {"src", "srcset"}  # fetched by the browser without a click
#: The only inline style: the alignment Markdown writes for table columns.
STYLE_DECLARATION = re.compile(r"\s*text-align\s*:\s*(left|right|center|justify)\s*")

#: Reasons for the elements editors are most likely to try.
ELEMENT_REASONS = {
    "script": "it runs code in the reader's browser",
    "noscript": "it only makes sense with scripts",
    "style": "it changes the look of the whole site; ask a maintainer for a style in kf.css",
    "link": "it makes the browser load a file, maybe from another host that would then see who reads this page",
    "meta": "it changes how the browser treats the page",
    "base": "it changes where every link of the page goes",
    "iframe": "it loads another site inside the page, which then sees who reads it",
    "frame": "it loads another site inside the page, which then sees who reads it",
    "frameset": "it loads other pages inside the page",
    "object": "it loads external content or plug-ins",
    "embed": "it loads external content or plug-ins",
    "applet": "it loads external content or plug-ins",
    "form": "it would send what readers type somewhere",
    "button": "pages have no buttons of their own; use a link",
    "textarea": "pages do not ask readers to type anything",
    "select": "pages do not ask readers to choose anything",
    "video": "videos are not part of the pages; link to the video instead",
    "audio": "sounds are not part of the pages; link to the file instead",
    "image": "pictures are added with Markdown: ![description](../assets/figures/file.svg)",
    "use": "it can load drawings from another file or host",
    "foreignobject": "it can hide any HTML inside a drawing",
    "template": "it is not shown to readers",
    "slot": "it is not shown to readers",
    "math": "formulas are not supported yet; ask a maintainer",
    "marquee": "moving text is hard to read and not accessible",
    "blink": "blinking text is not accessible",
}

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]

ALLOW_LIST_HINT = "see « HTML autorisé » / \"Allowed HTML\" in CONTRIBUTING"


def _scheme(url: str) -> str | None:
    """The scheme of an address ('https', 'data', ...), None for a relative one."""
    url = "".join(ch for ch in url if ch > " ").lower()  # browsers ignore spaces and control characters
    if url.startswith("//"):
        return "//"
    head = re.match(r"([a-z][a-z0-9+.-]*):", url)
    return head.group(1) if head else None


def _urls(attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [p.strip().split()[0] for p in value.split(",") if p.strip()]
    return [value]


def _allowed_attribute(tag: str, attr: str) -> bool:
    if attr in GLOBAL_ATTRIBUTES or attr.startswith(("aria-", "data-")):
        return True
    if tag in SVG:
        return attr in SVG_ATTRIBUTES
    return attr in ELEMENT_ATTRIBUTES.get(tag, ())


def check_markdown(text: str, path: str) -> list[Problem]:
    """Every piece of raw HTML (or link) in one Markdown page that is not on the allow-lists."""
    return check_html(markdown.markdown(text, extensions=EXTENSIONS), lambda: text, path)


def check_html(html: str, source, path: str) -> list[Problem]:
    """Every element, attribute or address of a page's HTML (as converted from its
    Markdown) that is not on the allow-lists. source() gives the Markdown text, read
    only when there is a problem to locate (its line)."""
    doc = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}")
    problems: list[Problem] = []
    text: list[str] = []

    def report(needle: str, message: str) -> None:
        if not text:
            text.append(source())
        problems.append(Problem(path, line_of(text[0], needle), message))

    for node in doc.body.traverse():
        tag = (node.tag or "").lower()
        if tag.startswith("-") or tag in ("html", "head", "body"):  # comments, text, the document itself
            continue
        if tag not in ALLOWED_ELEMENTS:
            reason = ELEMENT_REASONS.get(tag, "it is not on the list of HTML a page may use")
            report(f"<{node.tag}", f"<{tag}> is not allowed in a page: {reason}. Remove it, or write the same "
                   f"thing in Markdown ({ALLOW_LIST_HINT}); ask a maintainer if the page really needs it.")
            continue
        for attr, value in (node.attributes or {}).items():
            problem = _attribute_problem(tag, attr.lower(), value or "")
            if problem:
                report(problem[0], problem[1])
    return problems


def _attribute_problem(tag: str, attr: str, value: str) -> tuple[str, str] | None:
    """(text to find the line by, message) for an attribute that is not allowed, or None."""
    if attr.startswith("on"):
        return attr, f"the event handler {attr}= is not allowed (it runs code in the reader's browser). Remove it."
    if "url(" in value.replace(" ", "").lower():
        return "url(", (f"url() in {attr}= is not allowed: it makes the browser load a file, maybe from another "
                        "host. Remove it.")
    if attr == "style":
        if not all(STYLE_DECLARATION.fullmatch(d) for d in value.split(";") if d.strip()):
            return "style=", ("style= is only allowed for alignment (text-align), as in Markdown tables. Remove "
                              "it; ask a maintainer for a style in kf.css if the page needs one.")
        return None
    if not _allowed_attribute(tag, attr):
        return attr, (f"the attribute {attr}= is not allowed on <{tag}> ({ALLOW_LIST_HINT}). Remove it; "
                      "ask a maintainer if the page really needs it.")
    if tag == "input" and attr == "type" and value.strip().lower() not in INPUT_TYPES:
        return "<input", "an <input> is only allowed for tabs and task lists. Remove it."
    if attr in LINK_ATTRIBUTES:
        scheme = _scheme(value)
        if scheme == "//":
            return value.strip()[:40], (f"the address {value.strip()[:60]} has no scheme; write it in full with "
                                        "https://.")
        if scheme is not None and scheme not in LINK_SCHEMES:
            if scheme in ("javascript", "vbscript"):
                return value.strip()[:30], f"a {scheme}: address is not allowed (it runs code). Use a normal link."
            return value.strip()[:30], (f"a {scheme}: address is not allowed in a page: links may go to a page of the "
                                        "site, https://, mailto:, tel: or sms: only. Use a normal link.")
    if attr in LOADED_ATTRIBUTES:
        for url in _urls(attr, value):
            if _scheme(url) in ("http", "https", "//"):
                return url, (f"this {tag} is loaded from another host ({url}), which would see who reads this "
                             "page. Save the file in docs/assets/ and link to it there.")
            if _scheme(url) is not None:
                return url[:30], (f"a {_scheme(url)}: address is not allowed for a {tag}: use a file of the site, "
                                  "saved in docs/assets/.")
    return None


def check_docs(docs_dir, languages) -> list[Problem]:
    from pathlib import Path

    docs = Path(docs_dir)
    problems: list[Problem] = []
    for code in languages:
        for page in sorted((docs / code).rglob("*.md")):
            rel = f"docs/{page.relative_to(docs).as_posix()}"
            problems += check_markdown(page.read_text(encoding="utf-8"), rel)
    return problems
