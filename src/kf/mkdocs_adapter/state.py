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
import sys
import time
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

from kf.core.citations import Bibliography, load_references
from kf.core.glossary import Glossary, Matcher, load_glossary
from kf.core.pages import Language, Sources, front_matter, scan_sources
from kf.core.problems import Problem
from kf.core.site_paths import page_key, relative_url, site_path

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


def _compiled_by(environment) -> str:
    """What, besides a template's file and text, decides the code Jinja compiles it to:
    the Jinja and Python versions, and the environment's settings (MkDocs makes each
    environment the same way; a theme's language adds the i18n extension)."""
    def named(value) -> str:
        return value if isinstance(value, (bool, str, type(None))) else getattr(value, "__qualname__", type(value).__name__)

    settings = (
        jinja2.__version__, sys.version, sorted(environment.extensions), environment.block_start_string,
        environment.block_end_string, environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string, environment.line_statement_prefix,
        environment.line_comment_prefix, environment.trim_blocks, environment.lstrip_blocks,
        environment.newline_sequence, environment.keep_trailing_newline, environment.optimized,
        environment.is_async, named(environment.autoescape), named(environment.finalize),
        named(environment.code_generator_class), getattr(environment, "newstyle_gettext", None),
    )
    return repr(settings)


class TemplateCache(BytecodeCache):
    """Compiled theme templates, kept from one language build to the next and from one
    run to the next: MkDocs makes a new Jinja environment for each language build, and
    compiling Material's templates is about a quarter of a build's processor time.

    Keyed by the template's name, file and text, and by what else decides its compiled
    code (_compiled_by: the Jinja and Python versions, the environment's settings): a
    template edited under `mkdocs serve`, or an upgrade, means compiling again, and
    Material's templates (read from the same installed files by every copy of the
    project) are shared. Kept in memory and in `folder`: by default Jinja's own folder for
    this user in the system's temporary directory (`_jinja2-cache-<uid>`, which only the
    user can read), one small file per template; files unused for KEEP_DAYS days are
    deleted. A folder that cannot be made, read or written is left alone: the build
    compiles the templates as MkDocs would, and its pages are the same."""

    PATTERN = "kf-site-%s.cache"
    KEEP_DAYS = 30

    def __init__(self, folder: str | None = None) -> None:
        self._memory: dict[str, bytes] = {}
        try:
            self._disk: FileSystemBytecodeCache | None = FileSystemBytecodeCache(folder, self.PATTERN)
        except (OSError, RuntimeError):  # Jinja found no private folder of this user
            self._disk = None
        else:
            self._delete_old_files()

    def _delete_old_files(self) -> None:
        """Compiled templates nobody has read for KEEP_DAYS days (an old template or
        Jinja), and files a stopped build left half-written."""
        old = time.time() - self.KEEP_DAYS * 86400
        try:
            for entry in os.scandir(self._disk.directory):
                if entry.name.startswith("kf-site-") and entry.stat().st_mtime < old:
                    os.remove(entry.path)
        except OSError:
            pass

    def get_bucket(self, environment, name: str, filename: str | None, source: str) -> Bucket:
        key = sha256(f"{name}\0{filename}\0{source}\0{_compiled_by(environment)}".encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self._disk is not None:
            try:
                self._disk.load_bytecode(bucket)
                if bucket.code is not None:
                    self._memory[bucket.key] = bucket.bytecode_to_string()
                    os.utime(os.path.join(self._disk.directory, self.PATTERN % bucket.key))  # in use: kept
            except Exception:  # an unreadable or damaged file: compiled again, never a failed build
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: the next run compiles again
                pass


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
