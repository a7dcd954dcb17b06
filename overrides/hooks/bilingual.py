"""Bilingual site logic, free of MkDocs: pure functions, text and paths in, text out.

The MkDocs hooks next to this file are thin adapters around these functions, so the
logic can move to another generator (MkDocs 2 drops plugins) and is unit-tested on its
own (tests/unit/).

Vocabulary:
- a *language* has a code ("fr"), a name in its own language ("Français") and one
  language is the default (built at the site root, the others under /<code>/);
- a *page key* is the path of a Markdown file inside its language folder
  ("a-propos/index.md"), the same for every language;
- a *site path* is where a page lives in the built site, relative to the site root,
  with directory URLs ("", "en/", "a-propos/", "en/a-propos/").
"""

from __future__ import annotations

import difflib
import os
import re
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import yaml

#: libyaml's safe loader when PyYAML was built with it (much faster), else the Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Front-matter key by which a page of the default language opts in to being shown,
#: for now, in place of its missing translation.
PENDING_KEY = "translation_pending"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool = False


@dataclass(frozen=True)
class Problem:
    """A content problem an editor can act on: where, what is wrong, how to fix it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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


# --------------------------------------------------------------------------- paths


def page_key(src_uri: str, codes: tuple[str, ...] | list[str]) -> tuple[str | None, str]:
    """Split "en/a-propos/index.md" into ("en", "a-propos/index.md")."""
    head, _, rest = src_uri.partition("/")
    if rest and head in codes:
        return head, rest
    return None, src_uri


def site_path(key: str, code: str, default_code: str) -> str:
    """Site path of a page key in a language, with directory URLs."""
    stem = key[:-3] if key.endswith(".md") else key
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    elif stem:
        stem += "/"
    prefix = "" if code == default_code else f"{code}/"
    return prefix + stem


def absolute_url(site_url: str, path: str) -> str:
    """Absolute URL of a site path, percent-encoded, under site_url's own path."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + quote(path, safe="/#")


def relative_url(from_path: str, to_path: str) -> str:
    """Relative link from the page at site path from_path to the site path to_path.

    Relative links keep working whatever prefix the site is served under.
    """
    from_dir = from_path if from_path.endswith("/") or not from_path else posixpath.dirname(from_path) + "/"
    rel = posixpath.relpath(to_path or ".", from_dir.rstrip("/") or ".")
    if rel == ".":
        return "./"
    if to_path.endswith("/") or not to_path:
        rel += "/"
    return quote(rel, safe="/#.")


def language_root(from_path: str, code: str, default_code: str) -> str:
    """Relative link from a page to the root of a language ("../.." or "../../en")."""
    return relative_url(from_path, "" if code == default_code else f"{code}/").rstrip("/") or "."


def site_root_path(site_url: str) -> str:
    """The URL path the site is served under ("/" or "/<repo>/")."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


# --------------------------------------------------------------------------- sources


def front_matter(text: str) -> tuple[dict, int]:
    """YAML front matter of a Markdown text and the number of lines it takes.

    Raises ValueError with a line number on malformed YAML.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            break
    else:
        raise ValueError("1: the front matter starts with '---' but never ends; add a line '---' after it")
    block = "\n".join(lines[1:end])
    try:
        try:
            data = yaml.load(block, Loader=_YAML_LOADER) or {}
        except yaml.YAMLError:
            # Read again with the Python loader: its error points at the line to fix.
            data = yaml.safe_load(block) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        raise ValueError(f"{line}: the front matter is not valid YAML ({getattr(err, 'problem', err)})") from None
    if not isinstance(data, dict):
        raise ValueError("2: the front matter must be a list of 'key: value' lines")
    return data, end + 1


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


_ENGLISH_NAMES = {"fr": "French", "en": "English"}


def lang_names(lang: Language) -> str:
    """English name of a language, for messages to editors."""
    return _ENGLISH_NAMES.get(lang.code, lang.name)


# --------------------------------------------------------------------------- alternates


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


def alternates(sources: Sources, key: str, site_url: str) -> list[Alternate]:
    """hreflang alternates of a page: one per language it is really written in, plus
    x-default (the default language's page, else the first existing one).

    A fallback page is not announced as a page of the language it stands in for.
    """
    default = sources.default.code
    result = [
        Alternate(lang.code, absolute_url(site_url, site_path(key, lang.code, default)))
        for lang in sources.languages
        if sources.has(lang.code, key)
    ]
    if result:
        x_default = next((a for a in result if a.hreflang == default), result[0])
        result.append(Alternate("x-default", x_default.url))
    return result


def language_links(sources: Sources, key: str, build_code: str) -> list[tuple[Language, str]]:
    """The language switch of a page: (language, site path) for every other language.

    The same page in the other language when it exists (or is shown as a fallback),
    else that language's home page.
    """
    default = sources.default.code
    links = []
    for lang in sources.languages:
        if lang.code == build_code:
            continue
        if sources.has(lang.code, key) or key in sources.fallbacks:
            links.append((lang, site_path(key, lang.code, default)))
        else:
            links.append((lang, site_path("index.md", lang.code, default)))
    return links


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_xml(sources: Sources, site_url: str) -> bytes:
    """sitemap.xml listing every page in every language it is written in, each with
    its absolute hreflang alternates and x-default. Fallback pages are left out."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    default = sources.default.code
    all_keys = sorted(set().union(*sources.pages.values()))
    for key in all_keys:
        alts = alternates(sources, key, site_url)
        for lang in sources.languages:
            if not sources.has(lang.code, key):
                continue
            url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute_url(site_url, site_path(key, lang.code, default))
            for alt in alts:
                ET.SubElement(
                    url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": alt.hreflang, "href": alt.url}
                )
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


# --------------------------------------------------------------------------- links


def cross_language_link(href: str, src_uri: str, codes: tuple[str, ...] | list[str]) -> str | None:
    """The language a Markdown link crosses into, or None.

    src_uri is the linking page's path inside docs/ ("fr/a-propos/index.md"); href is
    the link as written. Only relative links to files are considered.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    own, _ = page_key(src_uri, codes)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
    head = target.split("/", 1)[0]
    if head in codes and head != own:
        return head
    return None


def link_problem(href: str, src_uri: str, exists, is_dir) -> str | None:
    """What is wrong with a relative link or image address of a page, in words an
    editor can act on, or None. src_uri: the page's path inside docs/; exists(path) and
    is_dir(path) tell about a path inside docs/. Web addresses, #anchors of the page
    itself, and missing #anchors of other pages (checked once every page is rendered)
    are not looked at here."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        return (f"the link '{href}' is an absolute address, which breaks when the site is published under "
                f"a sub-folder (GitHub Pages). Write it relative to this page, to the Markdown file "
                f"(e.g. '../a-propos/index.md').")
    here = posixpath.dirname(src_uri)
    target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
    if target.startswith("../") or target == "..":
        return f"the link '{href}' goes outside the site's pages (docs/). Link to a page or a file inside docs/."
    if is_dir(target):
        index = posixpath.join(target, "index.md")
        hint = (f" Write '{posixpath.relpath(index, here)}' instead." if exists(index)
                else " Link to the Markdown file of the page instead.")
        return f"the link '{href}' points to a folder, not to a Markdown file.{hint}"
    if not exists(target):
        return (f"the link '{href}' goes to docs/{target}, which does not exist. Check the file name and the "
                f"folders ('../' goes up one folder); links are written relative to this page.")
    return None


def anchor_problem(href: str, src_uri: str, anchors_of) -> str | None:
    """What is wrong with the #anchor of a relative link to another page, or None.
    anchors_of(path inside docs/) gives the ids of that page (None when it is not a
    rendered page: link_problem reports missing files)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or not parts.fragment or parts.path.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
    anchors = anchors_of(target)
    fragment = unquote(parts.fragment)
    if anchors is None or fragment in anchors:
        return None
    close = difflib.get_close_matches(fragment, sorted(a for a in anchors if not a.startswith("__")), n=3)
    hint = f" Did you mean {', '.join('#' + c for c in close)}?" if close else ""
    return (f"the link '{href}' goes to the section #{fragment} of docs/{target}, which has no such section."
            f"{hint} Use the id of one of its headings (the {{#id}} at the end of the heading line).")


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of text containing needle (1 if none)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1
