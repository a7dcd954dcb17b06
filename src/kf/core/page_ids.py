"""Element ids of a page, free of MkDocs: an id must be unique in a page, or links and
the table of contents go to the wrong place, and the page fails WCAG (4.1.1).

Duplicates usually come from the same `{#id}` written on two headings; they can also
come from raw HTML (`id="..."`) or from two generated blocks of the same kind.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from kf.core.problems import Problem


def duplicate_ids(html: str) -> list[str]:
    """The ids used more than once in a piece of HTML, in order of first repetition."""
    seen: set[str] = set()
    repeated: list[str] = []
    for node in LexborHTMLParser(html).css("[id]"):
        ident = node.attributes.get("id") or ""
        if ident in seen and ident not in repeated:
            repeated.append(ident)
        seen.add(ident)
    return repeated


def id_line(markdown: str, ident: str) -> int:
    """The line of the Markdown that gives the id a second time (`{#id}`, `{: #id .x}`,
    `id="id"`), else the line that gives it once, else 1."""
    pattern = re.compile(r"(?:\{[^}\n]*#" + re.escape(ident) + r"(?=[\s}])|\bid\s*=\s*[\"']?" + re.escape(ident)
                         + r"(?=[\"'\s>]))")
    lines = [n for n, line in enumerate(markdown.split("\n"), start=1) for _ in pattern.finditer(line)]
    return lines[1] if len(lines) > 1 else (lines[0] if lines else 1)


def check_ids(html: str, source, path: str) -> list[Problem]:
    """A problem for each id used more than once in a page's HTML. source() gives the
    page's file (read only when there is a problem to locate its line)."""
    repeated = duplicate_ids(html)
    if not repeated:
        return []
    text = source()
    return [
        Problem(path, id_line(text, ident),
                f"the id \"{ident}\" is used twice in this page, so links to #{ident} and the table of contents "
                f"go to the wrong place. Give each heading its own id: change one {{#{ident}}} (the same change "
                "in the other language).")
        for ident in repeated
    ]
