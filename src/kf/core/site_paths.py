"""Where a page lives in the built site, and links between pages: pure functions.

- a *page key* is the path of a Markdown file inside its language folder
  ("a-propos/index.md"), the same for every language;
- a *site path* is where a page lives in the built site, relative to the site root,
  with directory URLs ("", "en/", "a-propos/", "en/a-propos/").
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlsplit


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
