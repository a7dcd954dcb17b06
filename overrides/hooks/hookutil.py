"""Small adapters between MkDocs' configuration and the pure functions of bilingual.py.

MkDocs + mkdocs-static-i18n run the whole build once per language, with the same
configuration object. What does not change between the language builds (the pages'
sources, the data files, the languages) is read once per build run and looked at again
when each language build starts (start_language_build), so `mkdocs serve` sees changes.
"""

from __future__ import annotations

import logging
import os

from bilingual import Language, Problem, Sources, front_matter, page_key, relative_url, scan_sources, site_path
from citations import Bibliography, load_references
from glossary import Glossary, load_glossary

#: Content problems are logged here: `mkdocs build --strict` then fails on them, and
#: `mkdocs serve` shows them without stopping.
log = logging.getLogger("mkdocs.plugins.site-checks")

#: Pages (keys, the same in every language) with generated content.
GLOSSARY_PAGE = "glossaire/index.md"
BIBLIOGRAPHY_PAGE = "references/index.md"
EVIDENCE_PAGE = "references/niveaux-de-preuve.md"
#: The data files (never published).
GLOSSARY_FILE = "data/glossary.yml"
BIBLIOGRAPHY_FILE = "data/references.yml"
#: Generated-content markers (<!-- kf:name -->) and the one page each belongs on.
MARKER_PAGES = {"glossary": GLOSSARY_PAGE, "bibliography": BIBLIOGRAPHY_PAGE}

_cache: dict[tuple, tuple[tuple, Sources]] = {}


_data: dict[str, tuple] = {}
#: Counts the language builds, so that a data file is looked at once per language build
#: (for `mkdocs serve`), not once per page.
_build_serial = [0]


def data_file(config, rel_path: str, load):
    """What load(text) makes of a data file (text is None when the file is missing),
    read again only when the file changes: once per build run, not per language build."""
    cached = _data.get(rel_path)
    if cached is not None and cached[2] == _build_serial[0]:
        return cached[1]
    path = os.path.join(os.path.dirname(os.path.abspath(config.config_file_path)), rel_path)
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        stamp = None
    if cached is None or cached[0] != (path, stamp):
        text = None
        if stamp is not None:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        cached = ((path, stamp), load(text), _build_serial[0])
    _data[rel_path] = (cached[0], cached[1], _build_serial[0])
    return cached[1]


_languages: dict[int, tuple] = {}


def languages(config) -> tuple[Language, ...]:
    """The site's languages, from the i18n plugin's configuration (default first)."""
    i18n = config.plugins["i18n"].config
    cached = _languages.get(id(i18n))
    if cached is not None and cached[0] is i18n.languages:
        return cached[1]
    langs = tuple(Language(lang.locale, lang.name, bool(lang.default)) for lang in i18n.languages)
    langs = tuple(sorted(langs, key=lambda lang: not lang.default))
    _languages.clear()
    _languages[id(i18n)] = (i18n.languages, langs)
    return langs


def _loaded(config, rel_path: str, load, empty, what: str):
    """data_file with load(text, path, language codes); a missing file gives empty(path)
    with a problem saying so."""
    codes = [lang.code for lang in languages(config)]

    def read(text):
        if text is None:
            data = empty(rel_path)
            data.problems.append(Problem(rel_path, 1, f"the {what} data file is missing; restore it from the repository."))
            return data
        return load(text, rel_path, codes)

    return data_file(config, rel_path, read)


def glossary(config) -> Glossary:
    """data/glossary.yml, read once per build run (see data_file)."""
    return _loaded(config, GLOSSARY_FILE, load_glossary, Glossary, "glossary")


def bibliography(config) -> Bibliography:
    """data/references.yml, read once per build run (see data_file)."""
    return _loaded(config, BIBLIOGRAPHY_FILE, load_references, Bibliography, "bibliography")


def link_to(page, config, key: str) -> str:
    """The relative link from a page to another page (a key) of the language being built."""
    default = next(lang.code for lang in languages(config) if lang.default)
    return relative_url(page.url, site_path(key, build_language(config), default))


def build_language(config) -> str:
    """The language being built now (the i18n plugin sets theme.language per build)."""
    return config.theme["language"]


def is_default_build(config) -> bool:
    return build_language(config) == next(lang.code for lang in languages(config) if lang.default)


def _docs_stamp(docs_dir: str) -> tuple:
    """What the Markdown sources are now: every page's path, size and modification time."""
    stamp = []
    for root, _, names in os.walk(docs_dir):
        for name in names:
            if name.endswith(".md"):
                st = os.stat(os.path.join(root, name))
                stamp.append((root, name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(stamp))


def start_language_build(config) -> Sources:
    """Scan the pages of every language if they changed since the last scan: once per
    build run, not once per language build (the i18n plugin runs one per language), and
    again under `mkdocs serve` when a page is added, removed or changed. Called when
    each language build starts (language_config.py); data files are looked at again
    then too (data_file)."""
    _build_serial[0] += 1
    _languages.clear()
    langs = languages(config)
    key = (config.docs_dir, langs)
    stamp = _docs_stamp(config.docs_dir)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        _cache.clear()
        _cache[key] = (stamp, scan_sources(config.docs_dir, langs))
    return _cache[key][1]


def sources(config) -> Sources:
    """Pages of every language, as scanned when this build started."""
    cached = _cache.get((config.docs_dir, languages(config)))
    return cached[1] if cached is not None else start_language_build(config)


def page_source(page) -> str:
    """The page's file as the editor wrote it (front matter included), to find the line
    of a problem. Read only when there is a problem to report."""
    with open(page.file.abs_src_path, encoding="utf-8") as fh:
        return fh.read()


def page_line_offset(page) -> int:
    """Lines of front matter before page.markdown's first line, to report file lines."""
    try:
        text = page_source(page)
        offset = front_matter(text)[1]
    except (OSError, ValueError):
        return 0
    if offset:  # MkDocs also drops the empty lines after the front matter
        lines = text.split("\n")
        while offset < len(lines) and lines[offset] == "":
            offset += 1
    return offset


def page_info(page, config) -> tuple[str, str]:
    """(language the page's text is written in, page key) of a MkDocs page."""
    codes = [lang.code for lang in languages(config)]
    code, key = page_key(page.file.src_uri, codes)
    return code or build_language(config), key




# The i18n plugin runs the other languages' builds from inside the default language's
# on_post_build, and leaves theme.language set to the last language built. Work on the
# whole site (sitemap, search indexes) therefore waits for the outermost build to end:
# language_config.py counts the builds in progress.
_depth = [0]


def build_started() -> None:
    _depth[0] += 1


def build_ended() -> None:
    _depth[0] = max(0, _depth[0] - 1)


def build_failed() -> None:
    _depth[0] = 0


def is_last_build() -> bool:
    """True in on_post_build of the outermost build, once every language is built."""
    return _depth[0] == 1
