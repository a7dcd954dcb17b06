"""Generated-content markers in Markdown pages: `<!-- kf:name -->` on a line of its own.

An HTML comment stays invisible on github.com and in the built page; the hooks replace
a known marker with generated content (e.g. the glossary), and an unknown one is an
error, so a misspelt marker never leaves a page silently empty.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r"^[ \t]{0,3}<!--[ \t]*kf:([A-Za-z0-9_-]*)[ \t]*-->[ \t]*$")
#: A fence opening a block of code: three or more ` or ~, after any indent (a block inside
#: a list, an admonition or a tab) or quote marks, then its language or options, without a
#: backtick after ``` (```x``` is inline code) (pymdownx.superfences).
_FENCE = re.compile(r"^[ \t>]*(`{3,}(?=[^`]*$)|~{3,})")


#: Inline code, as Python-Markdown finds it (an escaped backtick opens none).
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(.+?)(?<!`)\1(?!`)")


def lines_outside_code(markdown: str, first: int = 1):
    """(line number, line) of each line outside fenced code blocks (``` or ~~~; a block
    ends at the same fence, with nothing after it). A fence never closed opens no block:
    its line is read as text, and the lines after it as if it were not there, as the
    Markdown converter reads them."""
    lines = markdown.splitlines()
    start = 0
    while start < len(lines):
        fence, opened_at = None, None
        for index in range(start, len(lines)):
            line = lines[index]
            if fence is not None:
                closing = _FENCE.match(line)
                if closing and closing.group(1) == fence and not line[closing.end():].strip():
                    fence = None
                continue
            opening = _FENCE.match(line)
            if opening:
                fence, opened_at = opening.group(1), index
                continue
            yield first + index, line
        if fence is None:
            return
        yield first + opened_at, lines[opened_at]  # never closed: text, and read on after it
        start = opened_at + 1


def find_markers(markdown: str) -> list[tuple[str, int]]:
    """(name, line) of each marker, outside fenced code blocks; lines start at 1."""
    found: list[tuple[str, int]] = []
    for number, line in lines_outside_code(markdown):
        match = _MARKER.match(line)
        if match:
            found.append((match.group(1), number))
    return found


def replace_marker(markdown: str, name: str, content: str) -> str:
    """The Markdown with each `name` marker line (outside code blocks) replaced by content."""
    lines = markdown.splitlines(keepends=True)
    for _, number in reversed([m for m in find_markers(markdown) if m[0] == name]):
        ending = "\n" if lines[number - 1].endswith("\n") else ""
        lines[number - 1] = "\n" + content.rstrip("\n") + "\n\n" + ending
    return "".join(lines)


def marker_problems(markers: list[tuple[str, int]], allowed: dict[str, str], page_key: str) -> list[tuple[int, str]]:
    """(line, message) for each unknown or misplaced marker.

    allowed: marker name -> page key of the one page it belongs on (None: any page).
    """
    problems = []
    for name, line in markers:
        if name not in allowed:
            known = ", ".join(f"<!-- kf:{n} -->" for n in sorted(allowed))
            problems.append(
                (line, f"unknown marker <!-- kf:{name} -->. The known markers are {known}; fix the spelling or remove the line.")
            )
        elif allowed[name] is not None and allowed[name] != page_key:
            problems.append(
                (line, f"the marker <!-- kf:{name} --> belongs on {allowed[name]} only; remove it from this page.")
            )
    return problems
