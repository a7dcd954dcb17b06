"""What a page says about itself: the "edit this page" and "report a problem" links
(core/edit_links.py), JSON-LD and link-preview meta tags (core/seo.py).

The edit link opens the file the page is really made from: for a page shown in place of
a missing translation, that is the original page's file. Both read page.canonical_url,
so they come after translations.fallback_notice.
"""

from __future__ import annotations

import datetime as dt
import os

from kf.core.edit_links import contact_url, edit_url, report_url
from kf.core.labels import STRINGS
from kf.core.seo import json_ld, meta_tags
from kf.core.site_paths import absolute_url
from kf.mkdocs_adapter.review_records import is_article


def edit_links(run, context, page, config) -> None:
    repository = config.extra.get("repository")
    if not repository:
        return
    source = os.path.relpath(page.file.abs_src_path, os.path.dirname(config.docs_dir)).replace(os.sep, "/")
    reader = run.language
    url = page.canonical_url or absolute_url(config.site_url, page.url)
    contact = config.extra.get("contact")
    context["kf_edit"] = {
        "edit": edit_url(repository, config.extra.get("branch", "main"), source),
        "report": (contact_url(str(contact), url, reader, page.title or "") if contact
                   else report_url(repository, url, reader, page.title or "")),
        "edit_label": STRINGS[reader]["edit_page"],
        "report_label": STRINGS[reader]["report_problem"],
    }


def structured_data(run, context, page, config) -> None:
    code, key = run.page_info(page)
    reader = run.language
    url = page.canonical_url or absolute_url(config.site_url, page.url)
    description = page.meta.get("description") or config.site_description or ""
    kind = "home" if key == "index.md" else ("article" if is_article(key) else "page")
    title = config.site_name if kind == "home" else (page.title or config.site_name)
    reviewed = page.meta.get("last_reviewed")
    if isinstance(reviewed, (dt.date, dt.datetime)):
        reviewed = reviewed.isoformat()
    bib = run.bibliography
    cited = [bib.references[i] for i in getattr(page, "kf_cited", []) if i in bib.references]
    context["kf_jsonld"] = json_ld(
        kind=kind, name=title, description=description, lang=code, url=url, site_name=config.site_name,
        reviewed=str(reviewed or ""), reviewer=str(page.meta.get("reviewer", "")), citations=cited,
    )
    context["kf_meta"] = meta_tags(
        kind=kind, title=title, description=description, lang=code if kind != "home" else reader, url=url,
        site_name=config.site_name, languages=run.codes,
    )
