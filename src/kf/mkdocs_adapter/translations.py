"""Pages shown in place of a missing translation (the i18n plugin's fallback).

A page of the default language whose front matter says `translation_pending: true` is
shown in the other languages meanwhile: it gets a notice in the reader's language, its
text keeps its real `lang`, and its canonical URL is the original page. A page missing
in a language without that key is a problem (core/pages.scan_sources), reported at the
start of the run.
"""

from __future__ import annotations

from kf.core.labels import LANGUAGE_NAMES, STRINGS
from kf.core.site_paths import absolute_url, site_path


def fallback_notice(run, context, page, config) -> None:
    """context["kf_fallback"], and the original page as canonical URL. Must come before
    every step that reads page.canonical_url (edit links, structured data)."""
    text_lang, key = run.page_info(page)
    reader = run.language
    context["kf_fallback"] = None
    if text_lang != reader:
        context["kf_fallback"] = {
            "lang": text_lang,
            "title": STRINGS[reader]["fallback_title"],
            "notice": STRINGS[reader]["fallback_notice"].format(source_name=LANGUAGE_NAMES[reader][text_lang]),
        }
        page.canonical_url = absolute_url(config.site_url, site_path(key, text_lang, run.default))
