"""Content safety of the Markdown pages, free of MkDocs: raw HTML is limited to what is
safe for readers and private.

A page is converted to HTML with Python-Markdown (code blocks and code spans then stay
text), and the result is read with an HTML parser. Not allowed:
- `<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>`, `<form>`, `<base>`, `<meta>`;
- event handlers (`onclick=`, `onerror=`...);
- `javascript:` (or `vbscript:`) addresses;
- images, media or frames loaded from another host: they would tell that host who reads
  which health page. Put the file in docs/assets/ instead.
"""

from __future__ import annotations

import markdown
from selectolax.lexbor import LexborHTMLParser

from bilingual import Problem, line_of

FORBIDDEN_TAGS = ("script", "iframe", "object", "embed", "style", "form", "base", "meta", "frame", "frameset", "applet")
MEDIA = {"img": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "source": ("src", "srcset"),
         "track": ("src",), "input": ("src",), "image": ("href", "xlink:href")}
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "data")
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]


def _is_external(url: str) -> bool:
    url = url.strip().lower()
    return url.startswith(("http://", "https://", "//"))


def _urls(attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [p.strip().split()[0] for p in value.split(",") if p.strip()]
    return [value]


def check_markdown(text: str, path: str) -> list[Problem]:
    """Every unsafe piece of raw HTML (or unsafe link) in one Markdown page."""
    return check_html(markdown.markdown(text, extensions=EXTENSIONS), lambda: text, path)


def check_html(html: str, source, path: str) -> list[Problem]:
    """Every unsafe element, attribute or address in a page's HTML as converted from its
    Markdown. source() gives the Markdown text, read only when there is a problem to
    locate (its line)."""
    doc = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}")
    problems: list[Problem] = []
    text: list[str] = []

    def report(needle: str, message: str) -> None:
        if not text:
            text.append(source())
        problems.append(Problem(path, line_of(text[0], needle), message))

    for node in doc.body.traverse():
        tag = node.tag
        if tag in FORBIDDEN_TAGS:
            report(f"<{tag}", f"<{tag}> is not allowed in a page (security and privacy). Remove it; "
                   "ask a maintainer if the page really needs it.")
            continue
        for attr, value in (node.attributes or {}).items():
            value = value or ""
            if attr.lower().startswith("on"):
                report(attr, f"the event handler {attr}= is not allowed (it runs code in the reader's browser). Remove it.")
            elif attr.lower() in URL_ATTRS and value.strip().lower().startswith(("javascript:", "vbscript:")):
                report(value.strip()[:30], f"a {value.strip().split(':')[0].lower()}: address is not allowed (it runs code). Use a normal link.")
        for attr in MEDIA.get(tag, ()):
            value = (node.attributes or {}).get(attr)
            if not value:
                continue
            for url in _urls(attr, value):
                if _is_external(url):
                    report(url, f"this {tag} is loaded from another host ({url}), which would see who reads this "
                           "page. Save the file in docs/assets/ and link to it there.")
    return problems


def check_docs(docs_dir, languages=("fr", "en")) -> list[Problem]:
    from pathlib import Path

    docs = Path(docs_dir)
    problems: list[Problem] = []
    for code in languages:
        for page in sorted((docs / code).rglob("*.md")):
            rel = f"docs/{page.relative_to(docs).as_posix()}"
            problems += check_markdown(page.read_text(encoding="utf-8"), rel)
    return problems
