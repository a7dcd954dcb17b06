"""Offline check of a built site: every internal link, image, stylesheet and script
resolves to a file, every #fragment to an id, and the bilingual structure holds.

Works on MkDocs output built with this project's layout (default language at the root,
the other under /<lang>/) and on Material's documented one (one project per language
under /en/, /fr/, ..., with a landing page at the root that belongs to no language).
The bilingual checks apply when the home page declares hreflang alternates: then every
page must have its pair, hreflang links must be absolute, reciprocal, include x-default
and point to pages in that language, links must not cross into the other language
(except a language switch: any `<a hreflang>`, a link in Material's language selector,
and `<link rel=alternate hreflang>`), and every sitemap.xml address must exist.

Findings repeat when one mistake sits in a template; `group_findings` folds them (same
rule, same target) into one group with a count and a few example pages.
"""

from __future__ import annotations

import os
import posixpath
import xml.etree.ElementTree as ET
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

#: (CSS selector, attribute) of everything a page loads or links to.
LINK_ATTRS = (
    ("a[href]", "href"),
    ("area[href]", "href"),
    ("link[href]", "href"),
    ("img[src]", "src"),
    ("img[srcset]", "srcset"),
    ("source[src]", "src"),
    ("source[srcset]", "srcset"),
    ("script[src]", "src"),
    ("iframe[src]", "src"),
    ("video[src]", "src"),
    ("video[poster]", "poster"),
    ("audio[src]", "src"),
)
#: element name -> its attributes holding a link (a constant table, made once)
_ATTRS_OF: dict[str, tuple[str, ...]] = {
    element: tuple(attr for selector, attr in LINK_ATTRS if selector.split("[")[0] == element)
    for element in dict.fromkeys(selector.split("[")[0] for selector, _ in LINK_ATTRS)
}
#: class of the links in Material's language selector (partials/alternate.html)
MATERIAL_SELECTOR_LINK = "md-select__link"
SKIP_SCHEMES = ("mailto:", "tel:", "sms:", "data:", "javascript:", "blob:")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(slots=True)
class Link:
    tag: str
    attr: str
    value: str
    rel: str = ""
    hreflang: str = ""
    lang_switch: bool = False


@dataclass
class Page:
    path: str  # relative to the site root, e.g. "en/a-propos/index.html"
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    page: str
    link: str
    message: str
    kind: str = "link"
    #: what the link resolves to (file#fragment), so that findings can be grouped
    target: str = ""

    def __str__(self) -> str:
        return f"{self.page} → {self.link}: {self.message}" if self.link else f"{self.page}: {self.message}"


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def parse_page(args: tuple[str, str]) -> Page:
    """Ids and links of one HTML file (run in worker processes)."""
    root, rel = args
    with open(os.path.join(root, rel), "rb") as fh:
        doc = LexborHTMLParser(fh.read())
    page = Page(rel)
    root_node = doc.root
    if root_node is None:
        return page
    page.lang = (root_node.attributes.get("lang") or "") if root_node.tag == "html" else ""
    ids, links = page.ids, page.links
    # one walk over the elements, reading each one's attributes once (parsing is most of the cost)
    for node in root_node.traverse(include_text=False):
        attrs = node.attributes
        if not attrs:
            continue
        if "id" in attrs:
            ids.add(attrs["id"] or "")
        tag = node.tag
        if tag == "a":  # most links: a shorter path
            if attrs.get("name"):
                ids.add(attrs["name"])
            href = attrs.get("href")
            if href is not None:
                cls = attrs.get("class") or ""
                switch = "hreflang" in attrs or (MATERIAL_SELECTOR_LINK in cls and MATERIAL_SELECTOR_LINK in cls.split())
                links.append(Link("a", "href", href.strip(), "", attrs.get("hreflang") or "", switch))
            continue
        names = _ATTRS_OF.get(tag)
        if names is None:
            continue
        for attr in names:
            value = attrs.get(attr)
            if value is None:
                continue
            rel = (attrs.get("rel") or "").lower() if tag == "link" else ""
            hreflang = (attrs.get("hreflang") or "") if tag == "link" else ""
            for v in (_srcset_urls(value) if attr == "srcset" else [value.strip()]):
                links.append(Link(tag, attr, v, rel, hreflang))
    return page


class Site:
    """A built site on disk, with every file path known (exact case)."""

    def __init__(self, root: Path, site_url: str | None = None):
        self.root = Path(root)
        self.files: set[str] = set()
        for dirpath, _, names in os.walk(self.root):
            rel_dir = os.path.relpath(dirpath, self.root)
            for name in names:
                self.files.add(name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/"))
        self.site_url = site_url or self._guess_site_url()
        parts = urlsplit(self.site_url) if self.site_url else None
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts else ""
        self.prefix = (parts.path if parts and parts.path.endswith("/") else (parts.path + "/" if parts else "/")) or "/"

    def _guess_site_url(self) -> str:
        """The site's address, from the home page's canonical link."""
        if "index.html" not in self.files:
            return ""
        doc = LexborHTMLParser((self.root / "index.html").read_bytes())
        canonical = doc.css_first('link[rel="canonical"]')
        return canonical.attributes.get("href", "") if canonical else ""

    def resolve(self, page: str, value: str) -> tuple[str | None, str, str | None]:
        """(file path or None if outside the site, fragment, problem) of a link on `page`.

        Written for speed (every link of every page goes through here): plain string
        work and posixpath rather than urllib's general URL parsing."""
        if not value or value.startswith(SKIP_SCHEMES):
            return None, "", None
        if value.startswith(("http://", "https://", "//")):
            if self.site_url and value.startswith(self.site_url):
                return self._local("index.html", "", value[len(self.site_url):])
            if self.origin and value.startswith(self.origin + "/"):
                return self._local(page, "", value[len(self.origin):], root_relative=True)
            return None, "", None  # another host: the external check handles it
        if value.startswith("/"):
            return self._local(page, "", value, root_relative=True)
        return self._local(page, posixpath.dirname(page), value)

    def _local(self, page: str, base_dir: str, value: str, root_relative: bool = False):
        path, _, fragment = value.partition("#")
        path = path.partition("?")[0]
        if "%" in path:
            path = unquote(path)
        if "%" in fragment:
            fragment = unquote(fragment)
        if root_relative:
            prefix = self.prefix if self.origin else "/"
            if not path.startswith(prefix):
                return "", fragment, f"leaves the site (it is not under {prefix})"
            path, base_dir = path[len(prefix):], ""
            if path == "":
                return "index.html", fragment, None
        elif path == "":
            return (page if base_dir or value.startswith(("#", "?")) else "index.html"), fragment, None
        directory = path.endswith("/") or path in (".", "..") or path.endswith(("/.", "/.."))
        rel = posixpath.normpath(posixpath.join(base_dir, path))
        if rel == ".." or rel.startswith("../"):
            return "", fragment, "leaves the site (it goes above its root folder)"
        if rel == ".":
            rel = ""
        if directory or rel == "":
            rel = f"{rel}/index.html" if rel else "index.html"
        elif rel not in self.files and f"{rel}/index.html" in self.files:
            rel += "/index.html"
        return rel, fragment, None

    def html_pages(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(".html"))


def _languages(pages: dict, site: Site) -> tuple[str, dict[str, str]]:
    """(default language, {language: folder prefix}) from the home page's hreflang links."""
    home = pages.get("index.html")
    if home is None:
        return "", {}
    prefixes = {}
    for link in home.links:
        if link.tag == "link" and link.rel == "alternate" and link.hreflang and link.hreflang != "x-default":
            target, _, _ = site.resolve("index.html", link.value)
            if target is not None and target.endswith("index.html"):
                prefixes[link.hreflang] = target[: -len("index.html")]
    return home.lang, prefixes


def _lang_of(path: str, fallback: str, prefixes: dict[str, str]) -> str:
    """The language of a page from its folder; `fallback` outside every language folder
    (the default language when it sits at the root, else "": no language)."""
    for lang, prefix in prefixes.items():
        if prefix and path.startswith(prefix):
            return lang
    return fallback


def _fallback(default: str, prefixes: dict[str, str]) -> str:
    """The language of pages outside the language folders: the default language if it is
    built at the root; none if every language has its folder (Material's one project per
    language, under a landing page)."""
    return default if prefixes.get(default, "") == "" else ""


@dataclass
class PageResult:
    """What a worker found on one page; cross-page checks need only this."""

    path: str
    lang: str
    ids: set[str]
    findings: list[Finding]
    #: (link as written, target file, fragment) of fragments into other pages
    fragments: list[tuple[str, str, str]]
    #: (hreflang, link as written) of <link rel=alternate hreflang>
    alternates: list[tuple[str, str]]


@dataclass
class _Checker:
    """What every page is checked against (one per worker process): the site, its
    languages, and the verdict on each distinct (folder, link), since the same links
    (navigation, header, footer) recur on every page of a folder."""

    site: Site
    default: str
    prefixes: dict[str, str]
    verdicts: dict = field(default_factory=dict)

    def __post_init__(self):
        self.fallback = _fallback(self.default, self.prefixes)
        self.bilingual = len(self.prefixes) > 1

    def verdict(self, path: str, value: str, key: tuple) -> tuple:
        """(target, fragment, problem, message, target language) of one link on `path`,
        remembered under `key` (see `_verdict_key`); target None: not a file of this site
        (another host, mailto:, ...); target language None: not a page, "": a page of no
        language."""
        site = self.site
        target, fragment, problem = site.resolve(path, value)
        message, target_lang = None, None
        if target is not None and not problem:
            if target not in site.files:
                near = [f for f in site.files if f.lower() == target.lower()]
                hint = f" (a file differs only in capitals: {near[0]})" if near else ""
                message = f"{target} does not exist{hint}"
            elif target.endswith(".html"):
                target_lang = _lang_of(target, self.fallback, self.prefixes)
        result = (target, fragment, problem, message, target_lang)
        self.verdicts[key] = result
        return result


def _verdict_key(path: str, ancestors: list[str], value: str) -> tuple:
    """What the verdict on link `value` of page `path` depends on; `ancestors` are the
    page's folder and the folders above it, up to the root (""). Pages are folders of
    their own (a/b/index.html), so "../../x/" on a/b/ and "../x/" on a/c/d/ share the
    key (a, x/): the navigation's links are resolved once per folder, not once per page."""
    if not value or value[0] in "#?":
        return (path, value)  # a link to the page itself: depends on the page
    if value[0] == "/" or value.startswith(("http://", "https://")):
        return (None, value)  # the same from every page
    if value.startswith("../"):
        up = 1
        while value.startswith("../", 3 * up):
            up += 1
        return (ancestors[up], value[3 * up:]) if up < len(ancestors) else (path, value)
    return (ancestors[0], value)


def _ancestors(folder: str) -> list[str]:
    """"a/b" -> ["a/b", "a", ""]; "" -> [""]."""
    out = [folder]
    while folder:
        folder = posixpath.dirname(folder)
        out.append(folder)
    return out


def analyze_page(checker: _Checker, path: str) -> PageResult:
    """Parse one page and check what can be checked from it alone (run in workers)."""
    site = checker.site
    page = parse_page((str(site.root), path))
    page_lang = _lang_of(path, checker.fallback, checker.prefixes)
    result = PageResult(path, page.lang, page.ids, [], [], [])
    findings = result.findings
    ancestors = _ancestors(posixpath.dirname(path))
    depth = len(ancestors)
    verdicts = checker.verdicts
    crossing_checked = checker.bilingual and page_lang and path != "404.html"
    for link in page.links:
        value = link.value
        if link.tag == "link" and link.rel == "alternate" and link.hreflang:
            result.alternates.append((link.hreflang, value))
        # _verdict_key(path, ancestors, value), written out: this loop runs for every
        # link of every page (the tests of links at several depths cover both)
        if not value or value[0] in "#?":
            key = (path, value)
        elif value[0] == "/" or value.startswith(("http://", "https://")):
            key = (None, value)
        elif value.startswith("../"):
            up = 1
            while value.startswith("../", 3 * up):
                up += 1
            key = (ancestors[up], value[3 * up:]) if up < depth else (path, value)
        else:
            key = (ancestors[0], value)
        verdict = verdicts.get(key) or checker.verdict(path, value, key)
        target, fragment, problem, message, target_lang = verdict
        if target is None:
            continue
        if problem:
            findings.append(Finding(path, value, problem, target=value))
            continue
        if message:
            findings.append(Finding(path, value, message, target=target))
            continue
        if fragment and target_lang is not None:
            if target == path:
                if fragment not in page.ids:
                    findings.append(Finding(path, value, f"#{fragment} is not an id in this page", "anchor",
                                            f"{target}#{fragment}"))
            else:
                result.fragments.append((value, target, fragment))
        if (crossing_checked and target_lang and target_lang != page_lang and link.tag == "a"
                and not link.lang_switch):
            findings.append(
                Finding(path, value, f"links into the {target_lang} pages from a {page_lang} page; "
                        "only the language switch may cross languages", "language", target)
            )
    return result


#: Below this many pages, one process: at 300 pages the page work is about 0.35 s of
#: CPU, so a second process could save at most half of it, and on busy cores (a shared
#: 2-core machine) two processes measured slower than one.
PARALLEL_FROM = 1000


def check_site(root: Path, site_url: str | None = None, jobs: int | None = None) -> list[Finding]:
    """Every problem found in the built site at `root`, using `jobs` processes (default:
    up to 2 from PARALLEL_FROM pages on, else 1)."""
    site = Site(root, site_url)
    paths = site.html_pages()
    home = {"index.html": parse_page((str(site.root), "index.html"))} if "index.html" in site.files else {}
    default, prefixes = _languages(home, site)
    if jobs is None:
        jobs = min(2, os.cpu_count() or 1) if len(paths) >= PARALLEL_FROM else 1
    checker = _Checker(site, default, prefixes)
    if jobs > 1 and len(paths) >= 2 * jobs:
        from concurrent.futures import ProcessPoolExecutor  # not imported by a one-process run

        # the checker travels with each chunk: few, large chunks keep its cache useful
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(partial(analyze_page, checker), paths, chunksize=-(-len(paths) // (jobs * 2))))
    else:
        results = [analyze_page(checker, p) for p in paths]
    pages = {r.path: r for r in results}
    findings = [f for r in results for f in r.findings]
    for r in results:
        for value, target, fragment in r.fragments:
            if fragment not in pages[target].ids:
                findings.append(Finding(r.path, value, f"#{fragment} is not an id in {target}", "anchor",
                                        f"{target}#{fragment}"))
    if len(prefixes) > 1:
        fallback = _fallback(default, prefixes)
        for r in results:
            if r.path != "404.html":
                findings += _check_alternates(r, pages, site, default)
        findings += _check_pairs(pages, fallback, prefixes)
        findings += _check_sitemaps(site, prefixes)
    return findings


def _check_alternates(page: PageResult, pages: dict[str, PageResult], site: Site, default: str) -> list[Finding]:
    out = []
    if not page.alternates:
        return [Finding(page.path, "", "has no hreflang alternates", "hreflang")]
    if "x-default" not in {h for h, _ in page.alternates}:
        out.append(Finding(page.path, "", "its hreflang alternates lack x-default", "hreflang"))
    for hreflang, value in page.alternates:
        target, _, problem = site.resolve(page.path, value)
        where = target if target is not None and not problem else value
        if not value.startswith(("http://", "https://")):
            out.append(Finding(page.path, value, f"hreflang={hreflang} must be an absolute URL", "hreflang", where))
            continue
        if target is None or problem or target not in pages:
            out.append(Finding(page.path, value, f"hreflang={hreflang} points to a page that does not exist",
                               "hreflang", where))
            continue
        expected = default if hreflang == "x-default" else hreflang
        if pages[target].lang != expected:
            out.append(Finding(page.path, value, f"hreflang={hreflang} points to a page in lang={pages[target].lang}",
                               "hreflang", target))
        if hreflang != "x-default" and target != page.path:
            back = [v for h, v in pages[target].alternates if h == page.lang]
            if not any(site.resolve(target, v)[0] == page.path for v in back):
                out.append(Finding(page.path, value, f"hreflang={hreflang} is not reciprocal: {target} does not link back",
                                   "hreflang", target))
    return out


def _check_pairs(pages: dict, fallback: str, prefixes: dict[str, str]) -> list[Finding]:
    out = []
    langs = dict(prefixes)
    if fallback:
        langs.setdefault(fallback, "")
    for path in pages:
        if not path.endswith("index.html") or path == "404.html":
            continue
        lang = _lang_of(path, fallback, prefixes)
        if not lang:
            continue  # a page of no language (the landing page of one folder per language)
        key = path[len(langs[lang]):]
        for other, prefix in langs.items():
            if other != lang and prefix + key not in pages:
                out.append(Finding(path, "", f"has no {other} version ({prefix + key} is missing)", "pair"))
    return out


def _check_sitemaps(site: Site, prefixes: dict[str, str]) -> list[Finding]:
    """The root sitemap.xml, or else each language folder's (one project per language)."""
    names = ["sitemap.xml"] if "sitemap.xml" in site.files else sorted(
        {p + "sitemap.xml" for p in prefixes.values() if p + "sitemap.xml" in site.files})
    if not names:
        return [Finding("sitemap.xml", "", "is missing", "sitemap")]
    out = []
    for name in names:
        tree = ET.parse(site.root / name)
        urls = [el.text or "" for el in tree.iter(f"{SITEMAP_NS}loc")]
        urls += [el.get("href", "") for el in tree.iter(f"{XHTML_NS}link")]
        for url in urls:
            target, _, problem = site.resolve("", url.strip())
            if target is None or problem or target not in site.files:
                out.append(Finding(name, url, "this address does not exist in the site", "sitemap", url.strip()))
    return out


# -- grouping and output -------------------------------------------------------------

EXAMPLES = 3


@dataclass
class Group:
    """Findings of one rule on one target: one mistake, however many pages repeat it."""

    kind: str
    message: str
    target: str
    count: int
    #: (page, link as written) of the first pages where it occurs, in page order
    examples: list[tuple[str, str]]

    def __str__(self) -> str:
        first = Finding(self.examples[0][0], self.examples[0][1], self.message)
        if self.count == 1:
            return str(first)
        more = ", ".join(page for page, _ in self.examples[1:])
        rest = self.count - len(self.examples)
        return f"{first} [on {self.count} pages: also {more}{f' and {rest} more' if rest > 0 else ''}]"

    def as_json(self) -> dict:
        page, link = self.examples[0]
        return {"page": page, "link": link, "message": self.message, "kind": self.kind, "target": self.target,
                "count": self.count, "examples": [{"page": p, "link": v} for p, v in self.examples]}


def group_findings(findings: list[Finding], examples: int = EXAMPLES) -> list[Group]:
    """Findings folded by (rule, target, message), in the order of their first occurrence.
    A finding without a target (a page-level one) is keyed by its link, so "lacks
    x-default" on every page is one group, while "has no en version (x is missing)"
    stays one per page: its message names the page's pair."""
    groups: dict[tuple[str, str, str], Group] = {}
    for f in findings:
        key = (f.kind, f.target or f.link, f.message)
        group = groups.get(key)
        if group is None:
            groups[key] = Group(f.kind, f.message, f.target or f.link, 1, [(f.page, f.link)])
        else:
            group.count += 1
            if len(group.examples) < examples:
                group.examples.append((f.page, f.link))
    return list(groups.values())


def github_annotation(group: Group, site_dir: str) -> str:
    """A GitHub Actions error annotation for one group (on the built file of its first
    page: the source file is not known from the built site)."""

    def prop(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")

    def data(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    path = posixpath.join(site_dir, group.examples[0][0])
    title = f"Site check ({group.count} pages)" if group.count > 1 else "Site check"
    return f"::error file={prop(path)},title={prop(title)}::{data(str(group))}"

