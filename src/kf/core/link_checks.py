"""What is wrong with a link an editor wrote, in words they can act on: a link into
another language's folder, a missing page or file, a folder, an absolute address, a
missing #anchor."""

from __future__ import annotations

import difflib
import posixpath
import re
from urllib.parse import unquote, urlsplit

from kf.core.markers import CODE_SPAN, lines_outside_code
from kf.core.problems import line_of
from kf.core.site_paths import page_key


def _without_code(text: str) -> list[str]:
    """The lines of a page with its code blanked: fenced blocks and inline code (what
    is written there is shown, never a link)."""
    lines = [""] * len(text.splitlines())
    for number, line in lines_outside_code(text):
        lines[number - 1] = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    return lines


def link_line(text: str, href: str, occurrence: int = 0) -> int:
    """The line of a page's source (front matter included) where a link is written: the
    occurrence-th time (from 0) its address is written as a Markdown link's or image's
    (`](address`, `[name]: address`, either also in <>), so that '/a-propos/' is not
    found inside '../../en/a-propos/', nor in code (inline or fenced) or raw HTML, which
    MkDocs does not check as links. The last one found when there are fewer. Else where
    an HTML attribute has it (`href="address"`, in a block of Markdown in HTML); else the
    first line containing it, or 1."""
    address = re.escape(href) + r""">?(?=[\s)"']|$)"""
    markdown = re.compile(r"(?:\]\(\s*|^[ \t>]*\[(?!\^)[^\]]+\]:\s*)<?" + address)
    html = re.compile(r"""(?:href|src)\s*=\s*["']""" + re.escape(href) + r"""["']""")
    lines = _without_code(text)
    for pattern in (markdown, html):
        found = [number for number, line in enumerate(lines, start=1) for _ in pattern.finditer(line)]
        if found:
            return found[min(occurrence, len(found) - 1)]
    return line_of(text, href)


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
