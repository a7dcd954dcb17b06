"""Site search: Pagefind indexes the built site once, after the last language build
(the i18n plugin runs the whole build once per language). The logic is in sitesearch.py."""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hookutil import data_file, glossary, is_last_build, languages, log
from sitesearch import SYNONYMS_FILE, SearchBuildError, build_search, indexed_pages, load_synonyms
from strings import STRINGS


@event_priority(-250)  # after the other hooks have written their files; before language_config's end
def on_post_build(config):
    if not is_last_build():
        return
    codes = [lang.code for lang in languages(config)]
    messages = {code: {key[len("search_"):]: text for key, text in STRINGS[code].items() if key.startswith("search_")}
                for code in codes}
    try:
        synonyms = data_file(config, SYNONYMS_FILE, lambda text: load_synonyms(text, SYNONYMS_FILE, codes))
    except SearchBuildError as exc:  # an editor's mistake: `mkdocs build --strict` fails on it
        log.error(str(exc))
        synonyms = {}
    try:
        build_search(Path(config.site_dir), list(glossary(config).entries.values()), codes, messages, synonyms)
    except SearchBuildError as exc:
        raise PluginError(str(exc)) from None
    counts = {lang: len(pages) for lang, pages in sorted(indexed_pages(Path(config.site_dir)).items())}
    log.info("search: Pagefind indexed " + ", ".join(f"{n} {lang} pages" for lang, n in counts.items()))
