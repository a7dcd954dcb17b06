"""The glossary: data checks, the glossary page of each language, and term markers.

- data/glossary.yml is read once per build run (hookutil.data_file); its problems are reported once, in
  the default language's build, with their line (`--strict` then fails).
- On the glossary page, `<!-- kf:glossary -->` becomes the entries of the page's
  language (glossary.glossary_markdown).
- On every other page, the first occurrence of each term becomes a link to its entry
  with the definition as a tooltip (glossary.mark_terms), in the language of the
  page's text: a page shown in place of a missing translation keeps its own language.
  This is done once the search plugin has indexed the page: definitions stay out of
  the search index, and the search plugin reads far less markup.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from bilingual import relative_url, site_path
from glossary import Matcher, glossary_markdown, mark_terms
from hookutil import GLOSSARY_PAGE, build_language, is_default_build, languages, log, page_info, page_line_offset
from hookutil import glossary as glossary_data
from markers import find_markers, replace_marker
from strings import STRINGS

#: The glossary the matchers were made for (held, so that its id cannot be reused by a
#: newly loaded glossary), and its matcher per language.
_matchers: dict = {"glossary": None, "by_language": {}}


def _matcher(config, code: str) -> Matcher:
    glossary = glossary_data(config)
    if _matchers["glossary"] is not glossary:  # the data changed: forget the old glossary's matchers
        _matchers["glossary"] = glossary
        _matchers["by_language"] = {}
    by_language = _matchers["by_language"]
    if code not in by_language:
        by_language[code] = Matcher(glossary, code)
    return by_language[code]


@event_priority(-150)
def on_config(config):
    glossary = glossary_data(config)
    if is_default_build(config):  # report once, not once per language build
        for problem in glossary.problems:
            log.warning(str(problem))
    return config


def on_page_markdown(markdown, page, config, files):
    code, key = page_info(page, config)
    if key != GLOSSARY_PAGE:
        return markdown
    if not any(name == "glossary" for name, _ in find_markers(markdown)):
        log.warning(
            f"docs/{page.file.src_uri}:{page_line_offset(page) + 1}: the glossary page has no "
            f"<!-- kf:glossary --> line, so it would show no entries. Add that line, alone, "
            f"where the entries should appear."
        )
        return markdown
    other = next(lang.code for lang in languages(config) if lang.code != code)
    labels = {
        "other": STRINGS[code]["glossary_other"],
        "see_also": STRINGS[code]["glossary_see_also"],
        "letters": STRINGS[code]["glossary_letters"],
    }
    return replace_marker(markdown, "glossary", glossary_markdown(glossary_data(config), code, other, labels))


@event_priority(-40)  # after the search plugin (0); before the citation markers (citation_markers.py), so less to parse
def on_page_context(context, page, config, nav):
    code, key = page_info(page, config)
    if key == GLOSSARY_PAGE or not page.content:
        return context
    build = build_language(config)
    default = next(lang.code for lang in languages(config) if lang.default)
    target = relative_url(page.url, site_path(GLOSSARY_PAGE, build, default))
    page.content, _ = mark_terms(
        page.content, glossary_data(config), code, lambda entry_id: f"{target}#{entry_id}", _matcher(config, code)
    )
    return context
