"""Harms travel with benefits, free of MkDocs: a page that cites a work reporting a
treatment's effect (a reference with `treatment:` in data/references.yml) must

1. have a section on that treatment's harms: a heading with the id `risks`
   (`## Quels sont les risques ? {#risks}`), the same in every language;
2. cite at least one source in that section (harms are facts like any other);
3. link to the treatment's risks article, when the site has one (ketamine: the
   article on its risks), so that a reader who came for the benefit finds the harms.

The rule reads the page's HTML as Python-Markdown made it, before the citation
markers are drawn: citations are still placeholders (citations.PLACEHOLDER).
"""

from __future__ import annotations

from dataclasses import dataclass
from posixpath import normpath
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from kf.core.problems import Problem
from kf.core.citations import PLACEHOLDER

SECTION_ID = "risks"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class HarmsRule:
    #: treatment -> page key of its risks article (treatments not listed need only the section)
    risks_pages: dict
    #: pages the rule skips (page keys, or folders ending with "/"): the bibliography and
    #: evidence pages list works without reporting them, the glossary defines words, and
    #: the corrections page names what was wrong
    exempt: tuple = ("references/", "glossaire/", "a-propos/corrections.md")

    def applies_to(self, key: str) -> bool:
        skipped = any(key == e or (e.endswith("/") and key.startswith(e)) for e in self.exempt)
        return not skipped and key not in self.risks_pages.values()


def _section_html(tree, heading) -> str:
    """The HTML from a heading to the next heading of the same or a higher level."""
    level = int(heading.tag[1])
    parts = []
    node = heading.next
    while node is not None:
        if node.tag in HEADINGS and int(node.tag[1]) <= level:
            break
        parts.append(node.html or "")
        node = node.next
    return "".join(parts)


def _same_page(href: str, target: str, page_url: str) -> bool:
    """Whether a link of the page at page_url (site path, "articles/x/") goes to target
    (site path of another page)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    resolved = normpath("/" + page_url + parts.path).lstrip("/")
    return resolved.rstrip("/") == normpath("/" + target).lstrip("/").rstrip("/")


def check_harms(html: str, treatments: dict, risks_urls: dict, page_url: str, path: str, locate) -> list[Problem]:
    """Problems of one page under the rule above.

    treatments: cited reference id -> treatment, for the works the page cites that report
    a treatment's effect (empty: the rule does not apply). risks_urls: treatment -> site
    path of its risks article in the page's language ("articles/risques-de-la-ketamine/").
    page_url: the page's own site path. locate(text) -> line of the page's source."""
    if not treatments:
        return []
    first = next(iter(treatments))
    line = locate("@" + first)
    names = ", ".join(sorted(set(treatments.values())))
    works = ", ".join(sorted(treatments))
    problems = []
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}")
    heading = next((h for h in tree.css(",".join(f"{h}[id='{SECTION_ID}']" for h in HEADINGS))), None)
    if heading is None:
        problems.append(Problem(path, line, (
            f"this page reports the effect of a treatment ({names}: it cites {works}) but has no section on its "
            f"harms. Add a section whose heading ends with {{#{SECTION_ID}}} (« ## Quels sont les risques ? "
            f"{{#{SECTION_ID}}} » / \"## What are the risks? {{#{SECTION_ID}}}\") that says what harms are known, "
            "with their sources: readers must see the harms next to the benefits.")))
    elif not PLACEHOLDER.search(_section_html(tree, heading)):
        problems.append(Problem(path, locate("#" + SECTION_ID), (
            f"the section {{#{SECTION_ID}}} cites no source. Cite the works that report the harms ([@key]), as "
            "for any other fact.")))
    needed = {t: url for t, url in risks_urls.items() if t in treatments.values()}
    hrefs = [a.attributes.get("href") or "" for a in tree.css("a[href]")]
    for treatment, url in sorted(needed.items()):
        if not any(_same_page(href, url, page_url) for href in hrefs):
            problems.append(Problem(path, line, (
                f"this page reports an effect of {treatment} but does not link to the article on its risks "
                f"({url}). Add a link to it in the {{#{SECTION_ID}}} section, written like the page's other "
                "links to articles (e.g. [the risks of ketamine](risques-de-la-ketamine.md)).")))
    return problems
