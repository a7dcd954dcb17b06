"""JSON-LD and link-preview meta tags on every page (seo.py)."""

from __future__ import annotations

import datetime as dt

from bilingual import absolute_url
from hookutil import bibliography, build_language, languages, page_info
from review_records import is_article
from seo import json_ld, meta_tags


def on_page_context(context, page, config, nav):
    code, key = page_info(page, config)
    reader = build_language(config)
    url = page.canonical_url or absolute_url(config.site_url, page.url)
    description = page.meta.get("description") or config.site_description or ""
    kind = "home" if key == "index.md" else ("article" if is_article(key) else "page")
    title = config.site_name if kind == "home" else (page.title or config.site_name)
    reviewed = page.meta.get("last_reviewed")
    if isinstance(reviewed, (dt.date, dt.datetime)):
        reviewed = reviewed.isoformat()
    bib = bibliography(config)
    cited = [bib.references[i] for i in getattr(page, "kf_cited", []) if i in bib.references]
    context["kf_jsonld"] = json_ld(
        kind=kind, name=title, description=description, lang=code, url=url, site_name=config.site_name,
        reviewed=str(reviewed or ""), reviewer=str(page.meta.get("reviewer", "")), citations=cited,
    )
    context["kf_meta"] = meta_tags(
        kind=kind, title=title, description=description, lang=code if kind != "home" else reader, url=url,
        site_name=config.site_name, languages=[lang.code for lang in languages(config)],
    )
    return context
