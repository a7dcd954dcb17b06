"""The pages of every language: which exist, their front matter, which are missing
a translation or shown in place of one, and files put where the site would drop them.

Vocabulary:
- a *language* has a code ("fr"), a name in its own language ("Français") and one
  language is the default (built at the site root, the others under /<code>/);
- a *page key* is the path of a Markdown file inside its language folder
  ("a-propos/index.md"), the same for every language;
- a *site path* is where a page lives in the built site, relative to the site root,
  with directory URLs ("", "en/", "a-propos/", "en/a-propos/").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kf.core.datafile import DataError
from kf.core.front_matter import read_front_matter
from kf.core.labels import english_name
from kf.core.problems import Problem

#: Front-matter key by which a page of the default language opts in to being shown,
#: for now, in place of its missing translation.
PENDING_KEY = "translation_pending"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool = False



@dataclass
class Sources:
    """Which page keys exist in which language, and which pages fall back."""

    languages: tuple[Language, ...]
    pages: dict[str, set[str]] = field(default_factory=dict)
    #: page key -> language code of the text shown in place of a pending translation
    fallbacks: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    def has(self, code: str, key: str) -> bool:
        """True when the page exists, written in that language (not a fallback)."""
        return key in self.pages.get(code, set())




def front_matter(text: str) -> tuple[dict, int]:
    """YAML front matter of a Markdown text and the number of lines it takes
    (core/front_matter.py reads it). Raises ValueError "line: message" when it is broken."""
    try:
        meta, split = read_front_matter(text)
    except DataError as exc:
        raise ValueError(str(exc)) from None
    return meta, split.length or 0


def scan_sources(docs_dir: str | os.PathLike, languages: tuple[Language, ...], docs_label: str = "docs") -> Sources:
    """List the pages of every language, check that their front matter is valid YAML
    (MkDocs would silently show broken front matter as text) and that each page has
    its translation.

    A page missing in a language is a problem, unless the page exists in the default
    language and its front matter says `translation_pending: true`: the default
    language's text is then shown, marked as such, in place of the translation.
    """
    docs = Path(docs_dir)
    sources = Sources(languages=tuple(languages))
    sources.problems += layout_problems(docs, languages, docs_label)
    for lang in languages:
        root = docs / lang.code
        sources.pages[lang.code] = {
            p.relative_to(root).as_posix() for p in root.rglob("*.md") if p.is_file()
        } if root.is_dir() else set()

    for lang in languages:
        for key in sorted(sources.pages[lang.code]):
            try:
                front_matter((docs / lang.code / key).read_text(encoding="utf-8"))
            except ValueError as err:
                line, _, message = str(err).partition(": ")
                sources.problems.append(
                    Problem(
                        f"{docs_label}/{lang.code}/{key}",
                        int(line),
                        f"{message}; the page would show it as text. Put quotes around a value "
                        f"that contains ': ' (title: \"Ketamine: the facts\")",
                    )
                )

    default = sources.default
    for key in sorted(set().union(*sources.pages.values())):
        missing = [lang for lang in languages if not sources.has(lang.code, key)]
        if not missing:
            continue
        present = [lang for lang in languages if sources.has(lang.code, key)]
        source = present[0]
        src_label = f"{docs_label}/{source.code}/{key}"
        pending = False
        if default in present:
            src_label = f"{docs_label}/{default.code}/{key}"
            try:
                meta, _ = front_matter((docs / default.code / key).read_text(encoding="utf-8"))
                pending = meta.get(PENDING_KEY) is True
            except ValueError:
                pending = False  # the front-matter check reports the YAML error itself
        if pending:
            sources.fallbacks[key] = default.code
            continue
        for lang in missing:
            target = f"{docs_label}/{lang.code}/{key}"
            if default in present:
                fix = (
                    f"create {target} with the {lang_names(lang)} text (same file name, same "
                    f"heading ids), or, to show the {lang_names(default)} page meanwhile, add "
                    f"'{PENDING_KEY}: true' to the front matter of {src_label}"
                )
            else:
                fix = (
                    f"create {target} with the {lang_names(lang)} text (same file name, same heading "
                    f"ids); a temporary fallback is only possible from the site's default language "
                    f"({lang_names(default)}), so the {lang_names(lang)} page is required"
                )
            sources.problems.append(
                Problem(src_label, 1, f"this page has no {lang_names(lang)} version ({target} is missing); {fix}.")
            )
    return sources


#: What a page's path may be made of: it becomes the page's address.
PAGE_PATH = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\.md$")
#: Top-level folders of docs/ besides the language folders.
ASSETS_FOLDER = "assets"


def layout_problems(docs: Path, languages, docs_label: str = "docs") -> list[Problem]:
    """Files an editor put where the site would drop them silently or build them twice:
    pages outside the language folders, a two-letter folder that is not a language
    (mkdocs-static-i18n takes it for one and leaves its files out), and page file
    names that do not make a clean address."""
    codes = {lang.code for lang in languages}
    problems = []
    langs = " and ".join(f"{docs_label}/{c}/" for c in sorted(codes))
    for entry in sorted(docs.iterdir()) if docs.is_dir() else ():
        label = f"{docs_label}/{entry.name}"
        if entry.is_file() and entry.suffix == ".md":
            problems.append(Problem(label, 1, f"this page is outside the language folders, so it would be built "
                                    f"in every language; move it to {langs} (same file name in each)."))
        elif entry.is_dir() and entry.name not in codes and re.fullmatch(r"[a-z]{2}(_[A-Za-z]{2})?", entry.name):
            problems.append(Problem(label + "/", 1, f"a folder with a two-letter name is taken for a language, "
                                    f"and its files would be silently left out of the site. Put pictures and "
                                    f"other files in {docs_label}/{ASSETS_FOLDER}/, pages in {langs}; or give "
                                    f"the folder a longer name."))
        elif entry.is_dir() and entry.name not in codes:
            for page in sorted(entry.rglob("*.md")):
                problems.append(Problem(f"{docs_label}/{page.relative_to(docs).as_posix()}", 1,
                                        f"pages belong in {langs}, not in {label}/; move it there (same file "
                                        f"name in each language)."))
    for code in sorted(codes):
        root = docs / code
        for page in sorted(root.rglob("*.md")) if root.is_dir() else ():
            rel = page.relative_to(root).as_posix()
            if not PAGE_PATH.match(rel):
                problems.append(Problem(f"{docs_label}/{code}/{rel}", 1, (
                    "this file name would make an awkward web address: use lowercase letters without accents, "
                    "digits and hyphens, ending in .md (e.g. ketamine-et-sommeil.md), the same in every "
                    "language, and rename the links to it.")))
    return problems


def lang_names(lang: Language) -> str:
    """English name of a language, for messages to editors."""
    return english_name(lang.code, lang.name)


def listed_pages(nav) -> set[str]:
    """The page keys a navigation lists (mkdocs.yml `nav:`, already read as YAML: lists,
    `Title: entry` mappings and paths; links to other sites are left out)."""
    if isinstance(nav, str):
        return set() if "://" in nav else {nav}
    if isinstance(nav, dict):
        return set().union(*(listed_pages(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(listed_pages(item) for item in nav))
    return set()


def nav_exemption(omitted_pages_fail: bool, specs):
    """MkDocs' rule for which pages may stay out of the navigation, as a test on a path
    inside the docs folder ("fr/a-propos/x.md"): every page when `validation:
    omitted_files` is below `warn` (MkDocs' default, `info`: a page left out of the menu
    fails no build), else those that a spec of `not_in_nav` or `exclude_docs` matches
    (gitignore-style pattern sets, with match_file)."""
    if not omitted_pages_fail:
        return lambda path: True
    return lambda path: any(spec.match_file(path) for spec in specs)


def nav_problems(sources: Sources, nav, exempt=None, docs_label: str = "docs") -> list[Problem]:
    """Pages that the navigation does not list (one `nav:` for every language, whose
    paths are page keys). Without a `nav:` (None), MkDocs lists every page itself.
    exempt(path) is true for a page MkDocs does not expect in the navigation (path
    inside the docs folder: "fr/a-propos/x.md"; nav_exemption)."""
    if nav is None:
        return []
    listed = listed_pages(nav)
    problems = []
    for key in sorted(set().union(*sources.pages.values()) - listed):
        codes = [lang.code for lang in sources.languages if sources.has(lang.code, key)]
        if exempt is not None and any(exempt(f"{code}/{key}") for code in codes):
            continue
        problems.append(Problem(
            f"{docs_label}/{codes[0]}/{key}", 1,
            f"this page is not included in the \"nav\" configuration of mkdocs.yml (the site's menu), so "
            f"readers cannot reach it from the menu; add the line `- {key}` under the right section of `nav:` "
            "(the same line serves every language)"))
    return problems
