"""Between the languages of a page: hreflang alternates, the language switch and
sitemap.xml. A page shown in place of a missing translation is never announced as a
page of the language it stands in for."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kf.core.pages import Language, Sources
from kf.core.site_paths import absolute_url, site_path


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


def alternates(sources: Sources, key: str, site_url: str) -> list[Alternate]:
    """hreflang alternates of a page: one per language it is really written in, plus
    x-default (the default language's page, else the first existing one).

    A fallback page is not announced as a page of the language it stands in for.
    """
    default = sources.default.code
    result = [
        Alternate(lang.code, absolute_url(site_url, site_path(key, lang.code, default)))
        for lang in sources.languages
        if sources.has(lang.code, key)
    ]
    if result:
        x_default = next((a for a in result if a.hreflang == default), result[0])
        result.append(Alternate("x-default", x_default.url))
    return result


def language_links(sources: Sources, key: str, build_code: str) -> list[tuple[Language, str]]:
    """The language switch of a page: (language, site path) for every other language.

    The same page in the other language when it exists (or is shown as a fallback),
    else that language's home page.
    """
    default = sources.default.code
    links = []
    for lang in sources.languages:
        if lang.code == build_code:
            continue
        if sources.has(lang.code, key) or key in sources.fallbacks:
            links.append((lang, site_path(key, lang.code, default)))
        else:
            links.append((lang, site_path("index.md", lang.code, default)))
    return links


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_xml(sources: Sources, site_url: str) -> bytes:
    """sitemap.xml listing every page in every language it is written in, each with
    its absolute hreflang alternates and x-default. Fallback pages are left out."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    default = sources.default.code
    all_keys = sorted(set().union(*sources.pages.values()))
    for key in all_keys:
        alts = alternates(sources, key, site_url)
        for lang in sources.languages:
            if not sources.has(lang.code, key):
                continue
            url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute_url(site_url, site_path(key, lang.code, default))
            for alt in alts:
                ET.SubElement(
                    url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": alt.hreflang, "href": alt.url}
                )
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


# --------------------------------------------------------------------------- links
