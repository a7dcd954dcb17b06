"""Missing translations and fallback pages.

- A page present in one language only is reported with the missing file and how to
  fix it (`mkdocs build --strict` then fails).
- A page of the default language whose front matter says `translation_pending: true`
  is shown in the other languages meanwhile (the i18n plugin's fallback): such a page
  gets a notice in the reader's language, its text keeps its real `lang`, and its
  canonical URL is the original page.
"""

from mkdocs.plugins import event_priority

from bilingual import absolute_url, site_path
from hookutil import build_language, is_default_build, log, page_info, sources
from strings import LANGUAGE_NAMES, STRINGS


@event_priority(-150)
def on_config(config):
    if is_default_build(config):  # report once, not once per language build
        for problem in sources(config).problems:
            log.warning(str(problem))
    return config


@event_priority(60)  # before every hook that reads page.canonical_url (editing.py, structured_data.py)
def on_page_context(context, page, config, nav):
    text_lang, key = page_info(page, config)
    reader = build_language(config)
    context["kf_fallback"] = None
    if text_lang != reader:
        site = sources(config)
        context["kf_fallback"] = {
            "lang": text_lang,
            "title": STRINGS[reader]["fallback_title"],
            "notice": STRINGS[reader]["fallback_notice"].format(
                source_name=LANGUAGE_NAMES[reader][text_lang]
            ),
        }
        page.canonical_url = absolute_url(config.site_url, site_path(key, text_lang, site.default.code))
    return context
