"""What one run of `mkdocs build` (or one rebuild of `mkdocs serve`) knows, held by the
plugin instance (plugin.py) and made anew when a run starts.

mkdocs-static-i18n runs the whole MkDocs build once per language, with the same
configuration object: the default language's build runs the others from inside its
on_post_build. What does not change between the language builds (the pages' sources,
the data files, the languages) is read once per run and kept here; what belongs to one
language build (which pages cite which work, the links of the page being converted) is
reset when each language build starts. The language being built, and whether the other
languages' builds are running, are the i18n plugin's own: read, never re-derived.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from kf.core.citations import Bibliography, load_references
from kf.core.glossary import Glossary, Matcher, load_glossary
from kf.core.pages import Language, Sources, front_matter, scan_sources
from kf.core.problems import Problem
from kf.core.site_paths import page_key, relative_url, site_path
from kf.mkdocs_adapter.template_cache import TemplateCache

#: Content problems are logged here: `mkdocs build --strict` then fails on them, and
#: `mkdocs serve` shows them without stopping.
log = logging.getLogger("mkdocs.plugins.kf-site")

#: Pages (keys, the same in every language) with generated content.
GLOSSARY_PAGE = "glossaire/index.md"
BIBLIOGRAPHY_PAGE = "references/index.md"
EVIDENCE_PAGE = "references/niveaux-de-preuve.md"
#: The data files (never published).
GLOSSARY_FILE = "data/glossary.yml"
BIBLIOGRAPHY_FILE = "data/references.yml"
CHARTS_FILE = "data/charts.yml"
#: Generated-content markers (<!-- kf:name -->) and the one page each belongs on.
MARKER_PAGES = {"glossary": GLOSSARY_PAGE, "bibliography": BIBLIOGRAPHY_PAGE}


@dataclass
class LanguageBuild:
    """What one language build collects while it converts the pages."""

    #: reference id -> pages of this language citing it, in the order MkDocs renders them
    cited_in: dict[str, list] = field(default_factory=dict)
    #: links of the page being converted, as written (MkDocs converts one page at a time)
    links: list[str] = field(default_factory=list)


class BuildRun:
    """One build run: every language build of one `mkdocs build`."""

    def __init__(self, config, i18n) -> None:
        self.i18n = i18n
        self.root = Path(os.path.dirname(os.path.abspath(config.config_file_path)))
        self.docs_dir = config.docs_dir
        langs = [Language(lang.locale, lang.name, bool(lang.default)) for lang in i18n.config.languages
                 if lang.build]
        self.languages: tuple[Language, ...] = tuple(sorted(langs, key=lambda lang: not lang.default))
        self.codes = [lang.code for lang in self.languages]
        self.default = next(lang.code for lang in self.languages if lang.default)
        self.sources: Sources = scan_sources(config.docs_dir, self.languages)
        self.templates = TemplateCache()
        self.language_build = LanguageBuild()
        self._data: dict[str, object] = {}
        self._matchers: dict[str, Matcher] = {}

    # ----------------------------------------------------------------- the language build

    @property
    def language(self) -> str:
        """The language being built now (the i18n plugin's)."""
        return self.i18n.current_language

    @property
    def is_default_build(self) -> bool:
        return self.language == self.default

    @property
    def other_builds_running(self) -> bool:
        """True while the i18n plugin runs the other languages' builds (from inside the
        first build's on_post_build): work on the whole site waits until it is False."""
        return bool(self.i18n.building)

    def start_language_build(self) -> None:
        self.language_build = LanguageBuild()

    # ----------------------------------------------------------------- data files

    def data_file(self, rel_path: str, load):
        """What load(text) makes of a data file (text is None when the file is missing),
        read once per run."""
        if rel_path not in self._data:
            path = self.root / rel_path
            text = path.read_text(encoding="utf-8") if path.is_file() else None
            self._data[rel_path] = load(text)
        return self._data[rel_path]

    def _loaded(self, rel_path: str, load, empty, what: str):
        def read(text):
            if text is None:
                data = empty(rel_path)
                data.problems.append(Problem(rel_path, 1, f"the {what} data file is missing; restore it from the repository."))
                return data
            return load(text, rel_path, self.codes)

        return self.data_file(rel_path, read)

    @property
    def glossary(self) -> Glossary:
        return self._loaded(GLOSSARY_FILE, load_glossary, Glossary, "glossary")

    @property
    def bibliography(self) -> Bibliography:
        return self._loaded(BIBLIOGRAPHY_FILE, load_references, Bibliography, "bibliography")

    def matcher(self, code: str) -> Matcher:
        """The glossary's term matcher for a language, made once per run (the glossary is
        read once per run, so the matcher cannot outlive the data it was made from)."""
        if code not in self._matchers:
            self._matchers[code] = Matcher(self.glossary, code)
        return self._matchers[code]

    # ----------------------------------------------------------------- pages

    def page_info(self, page) -> tuple[str, str]:
        """(language the page's text is written in, page key) of a MkDocs page."""
        code, key = page_key(page.file.src_uri, self.codes)
        return code or self.language, key

    def link_to(self, page, key: str) -> str:
        """The relative link from a page to another page (a key) of the language being built."""
        return relative_url(page.url, site_path(key, self.language, self.default))


def warn(problem: Problem) -> None:
    """An editor's mistake, logged as a warning: `mkdocs build --strict` fails on it,
    `mkdocs serve` shows it. The same Problem type as the `kf` command's."""
    log.warning(str(problem))


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


def source_of(page):
    """A function giving the page's source, read once and only when first asked."""
    cache: list[str] = []

    def get() -> str:
        if not cache:
            cache.append(page_source(page))
        return cache[0]

    return get
