"""The "edit this page" and "report a problem" links of every page (editlinks.py).

The edit link opens the file the page is really made from: for a page shown in place
of a missing translation, that is the original page's file."""

from __future__ import annotations

import os

from bilingual import absolute_url
from editlinks import edit_url, report_url
from hookutil import build_language
from strings import STRINGS


def on_page_context(context, page, config, nav):
    repository = config.extra.get("repository")
    if not repository:
        return context
    source = os.path.relpath(page.file.abs_src_path, os.path.dirname(config.docs_dir)).replace(os.sep, "/")
    reader = build_language(config)
    url = page.canonical_url or absolute_url(config.site_url, page.url)
    context["kf_edit"] = {
        "edit": edit_url(repository, config.extra.get("branch", "main"), source),
        "report": report_url(repository, url, reader, page.title or ""),
        "edit_label": STRINGS[reader]["edit_page"],
        "report_label": STRINGS[reader]["report_problem"],
    }
    return context
