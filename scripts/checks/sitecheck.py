"""Offline check of a built site: every internal link, image, stylesheet and script
resolves to a file, every #fragment to an id, and the bilingual structure holds.

Works on any MkDocs output folder. The bilingual checks apply when the home page
declares hreflang alternates: then every page must have its pair, hreflang links must
be absolute, reciprocal, include x-default and point to pages in that language, links
must not cross into the other language (except the language switch, `a[hreflang]`,
and `<link rel=alternate hreflang>`), and every sitemap.xml address must exist.
"""

from __future__ import annotations

import os
import posixpath
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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
_ATTRS_OF: dict[str, tuple[str, ...]] = {}
for _selector, _attr in LINK_ATTRS:
    _ATTRS_OF.setdefault(_selector.split("[")[0], ())
    _ATTRS_OF[_selector.split("[")[0]] += (_attr,)
_LINK_SELECTOR = ", ".join(sel for sel, _ in LINK_ATTRS)
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass
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
    html = doc.css_first("html")
    page.lang = (html.attributes.get("lang") or "") if html else ""
    for node in doc.css("[id], a[name]"):
        attrs = node.attributes
        page.ids.add(attrs.get("id") or attrs.get("name") or "")
        if node.tag == "a" and attrs.get("name") and attrs.get("id"):
            page.ids.add(attrs["name"])
    for node in doc.css(_LINK_SELECTOR):
        for attr in _ATTRS_OF.get(node.tag, ()):
            value = node.attributes.get(attr)
            if value is None:
                continue
            values = _srcset_urls(value) if attr == "srcset" else [value.strip()]
            rel = (node.attributes.get("rel") or "").lower() if node.tag == "link" else ""
            hreflang = node.attributes.get("hreflang") or "" if node.tag in ("a", "link") else ""
            for v in values:
                page.links.append(Link(node.tag, attr, v, rel, hreflang, node.tag == "a" and bool(hreflang)))
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


def _lang_of(path: str, default: str, prefixes: dict[str, str]) -> str:
    for lang, prefix in prefixes.items():
        if prefix and path.startswith(prefix):
            return lang
    return default


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


_worker: dict = {}


def _init_worker(root: str, site_url: str, default: str, prefixes: dict[str, str]) -> None:
    _worker.update(site=Site(Path(root), site_url), default=default, prefixes=prefixes)


def analyze_page(path: str) -> PageResult:
    """Parse one page and check what can be checked from it alone (run in workers)."""
    site: Site = _worker["site"]
    default, prefixes = _worker["default"], _worker["prefixes"]
    bilingual = len(prefixes) > 1
    page = parse_page((str(site.root), path))
    page_lang = _lang_of(path, default, prefixes)
    result = PageResult(path, page.lang, page.ids, [], [], [])
    for link in page.links:
        if link.tag == "link" and link.rel == "alternate" and link.hreflang:
            result.alternates.append((link.hreflang, link.value))
        target, fragment, problem = site.resolve(path, link.value)
        if target is None:
            continue
        if problem:
            result.findings.append(Finding(path, link.value, problem))
            continue
        if target not in site.files:
            near = [f for f in site.files if f.lower() == target.lower()]
            hint = f" (a file differs only in capitals: {near[0]})" if near else ""
            result.findings.append(Finding(path, link.value, f"{target} does not exist{hint}"))
            continue
        if fragment and target.endswith(".html"):
            if target == path:
                if fragment not in page.ids:
                    result.findings.append(Finding(path, link.value, f"#{fragment} is not an id in this page", "anchor"))
            else:
                result.fragments.append((link.value, target, fragment))
        if bilingual and link.tag == "a" and not link.lang_switch and target.endswith(".html") and path != "404.html":
            target_lang = _lang_of(target, default, prefixes)
            if target_lang != page_lang:
                result.findings.append(
                    Finding(path, link.value, f"links into the {target_lang} pages from a {page_lang} page; "
                            "only the language switch may cross languages", "language")
                )
    return result


def check_site(root: Path, site_url: str | None = None, jobs: int | None = None) -> list[Finding]:
    """Every problem found in the built site at `root`, using `jobs` processes."""
    site = Site(root, site_url)
    paths = site.html_pages()
    home = {"index.html": parse_page((str(site.root), "index.html"))} if "index.html" in site.files else {}
    default, prefixes = _languages(home, site)
    jobs = jobs or min(2, os.cpu_count() or 1)
    init = (str(site.root), site.site_url, default, prefixes)
    if jobs > 1 and len(paths) >= 2 * jobs:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=init) as pool:
            results = list(pool.map(analyze_page, paths, chunksize=max(1, len(paths) // (jobs * 4))))
    else:
        _init_worker(*init)
        results = [analyze_page(p) for p in paths]
    pages = {r.path: r for r in results}
    findings = [f for r in results for f in r.findings]
    for r in results:
        for value, target, fragment in r.fragments:
            if fragment not in pages[target].ids:
                findings.append(Finding(r.path, value, f"#{fragment} is not an id in {target}", "anchor"))
    if len(prefixes) > 1:
        for r in results:
            if r.path != "404.html":
                findings += _check_alternates(r, pages, site, default)
        findings += _check_pairs(pages, default, prefixes)
        findings += _check_sitemap(site)
    return findings


def _check_alternates(page: PageResult, pages: dict[str, PageResult], site: Site, default: str) -> list[Finding]:
    out = []
    if not page.alternates:
        return [Finding(page.path, "", "has no hreflang alternates", "hreflang")]
    if "x-default" not in {h for h, _ in page.alternates}:
        out.append(Finding(page.path, "", "its hreflang alternates lack x-default", "hreflang"))
    for hreflang, value in page.alternates:
        if not value.startswith(("http://", "https://")):
            out.append(Finding(page.path, value, f"hreflang={hreflang} must be an absolute URL", "hreflang"))
            continue
        target, _, problem = site.resolve(page.path, value)
        if target is None or problem or target not in pages:
            out.append(Finding(page.path, value, f"hreflang={hreflang} points to a page that does not exist", "hreflang"))
            continue
        expected = default if hreflang == "x-default" else hreflang
        if pages[target].lang != expected:
            out.append(Finding(page.path, value, f"hreflang={hreflang} points to a page in lang={pages[target].lang}", "hreflang"))
        if hreflang != "x-default" and target != page.path:
            back = [v for h, v in pages[target].alternates if h == page.lang]
            if not any(site.resolve(target, v)[0] == page.path for v in back):
                out.append(Finding(page.path, value, f"hreflang={hreflang} is not reciprocal: {target} does not link back", "hreflang"))
    return out


def _check_pairs(pages: dict, default: str, prefixes: dict[str, str]) -> list[Finding]:
    out = []
    default_prefix = prefixes.get(default, "")
    others = {lang: p for lang, p in prefixes.items() if lang != default}
    for path in pages:
        if not path.endswith("index.html") or path == "404.html":
            continue
        lang = _lang_of(path, default, prefixes)
        key = path[len(prefixes.get(lang, "")):] if lang != default else path[len(default_prefix):]
        for other, prefix in {**others, default: default_prefix}.items():
            if other == lang:
                continue
            if prefix + key not in pages:
                out.append(Finding(path, "", f"has no {other} version ({prefix + key} is missing)", "pair"))
    return out


def _check_sitemap(site: Site) -> list[Finding]:
    if "sitemap.xml" not in site.files:
        return [Finding("sitemap.xml", "", "is missing", "sitemap")]
    out = []
    tree = ET.parse(site.root / "sitemap.xml")
    urls = [el.text or "" for el in tree.iter(f"{SITEMAP_NS}loc")]
    urls += [el.get("href", "") for el in tree.iter(f"{XHTML_NS}link")]
    for url in urls:
        target, _, problem = site.resolve("", url.strip())
        if target is None or problem or target not in site.files:
            out.append(Finding("sitemap.xml", url, "this address does not exist in the site", "sitemap"))
    return out
