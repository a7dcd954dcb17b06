"""Structured data and link previews, free of MkDocs: JSON-LD (schema.org) and Open
Graph / Twitter meta tags for a page."""

from __future__ import annotations

import json

from kf.core.labels import LABELS

LOCALES = {code: labels["open_graph_locale"] for code, labels in LABELS.items()}


def _ref_url(ref) -> str:
    if ref.doi:
        return "https://doi.org/" + ref.doi
    if ref.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"
    return ref.url


def json_ld(*, kind: str, name: str, description: str, lang: str, url: str, site_name: str,
            reviewed: str = "", reviewer: str = "", citations=()) -> str:
    """The page's JSON-LD, ready to go inside <script type="application/ld+json">."""
    if kind == "home":
        data = {"@context": "https://schema.org", "@type": "WebSite", "name": site_name, "url": url,
                "inLanguage": lang, "description": description}
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage" if kind == "article" else "WebPage",
            "name": name,
            "description": description,
            "inLanguage": lang,
            "url": url,
            "isPartOf": {"@type": "WebSite", "name": site_name},
        }
        if kind == "article":
            data["audience"] = {"@type": "MedicalAudience", "audienceType": "Patient"}
            if reviewed:
                data["lastReviewed"] = reviewed
            if reviewer:
                data["reviewedBy"] = {"@type": "Organization", "name": reviewer}
            if citations:
                data["citation"] = [
                    {"@type": "CreativeWork", "name": ref.title, **({"url": _ref_url(ref)} if _ref_url(ref) else {})}
                    for ref in citations
                ]
    # "</" cannot end the script element early
    return json.dumps(data, ensure_ascii=False, indent=None).replace("</", "<\\/")


def meta_tags(*, kind: str, title: str, description: str, lang: str, url: str, site_name: str,
              languages=()) -> list[tuple[str, str, str]]:
    """(attribute, key, content) of the Open Graph and Twitter meta tags."""
    tags = [
        ("property", "og:type", "article" if kind == "article" else "website"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", LOCALES.get(lang, lang)),
    ]
    tags += [("property", "og:locale:alternate", LOCALES.get(other, other)) for other in languages if other != lang]
    tags += [
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    return tags
