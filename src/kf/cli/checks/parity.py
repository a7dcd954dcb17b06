"""Translation parity and freshness of the Markdown sources (docs/<lang>/...).

For each page that exists in both languages:
- the same heading ids ({#id}), in the same order;
- the same citations ([@key]), in the same order of first citation;
- the same images (language suffixes such as .fr.svg / .en.svg aside) and charts;
- a comparable number of links (a difference of more than 2 and 20 % is reported).

Freshness: a translation records `translated_from:` and `source_fingerprint:`. When the
source's text changed since, the pair is stale: a warning, or an error with --strict.
Everything works from the files alone (no git history needed, so a shallow clone is fine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kf.core.problems import Problem
from kf.core.site_config import codes_for
from kf.core.citations import CITATION, PLACEHOLDER, CitationExtension, parse_keys
from kf.core.front_matter import read_front_matter, split_front_matter
from kf.core.markers import CODE_SPAN, lines_outside_code
from kf.core.review import fingerprint, is_stale

HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}]*#([A-Za-z0-9_:.\-]+)[^}]*\}\s*$")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
LINK = re.compile(r"(?<!!)\[[^\]@][^\]]*\]\(\s*<?([^)\s>]+)")
CHART = re.compile(r"<!--\s*kf:(chart-[A-Za-z0-9_-]+)\s*-->")
LANG_SUFFIX = re.compile(r"\.(fr|en)(?=\.[A-Za-z0-9]+$)")


@dataclass
class Outline:
    headings: list[tuple[str, int]]
    citations: list[tuple[str, int]]
    images: list[tuple[str, int]]
    links: int
    body_start: int


def rendered_citations(markdown_text: str) -> set[str]:
    """The keys Python-Markdown turns into citations, as the build does (citations.py):
    a citation in any kind of code (fenced, indented, inline) or escaped is none."""
    import markdown

    from kf.core.html_allowlist import EXTENSIONS

    html = markdown.markdown(markdown_text, extensions=[*EXTENSIONS, CitationExtension()])
    return {key for group in PLACEHOLDER.findall(html) for key in group.split()}


def outline(text: str) -> Outline:
    """What parity compares in one Markdown file, with the line of each item. Citations
    are the build's (rendered_citations), located by their line."""
    split = split_front_matter(text)
    body, offset = split.body, split.length or 0
    out = Outline([], [], [], 0, offset + 1)
    rendered = rendered_citations(body) if "@" in body else set()
    seen: set[str] = set()
    for number, line in lines_outside_code(body, first=offset + 1):
        match = HEADING_ID.match(line)
        if match:
            out.headings.append((match.group(1), number))
        plain = CODE_SPAN.sub("", line)
        for group in CITATION.finditer(plain):
            if group.start() > 0 and plain[group.start() - 1] == "\\":
                continue
            for key in parse_keys(group.group(1)):
                if key in rendered and key not in seen:
                    seen.add(key)
                    out.citations.append((key, number))
        for target in IMAGE.findall(plain):
            out.images.append((LANG_SUFFIX.sub(".<lang>", target), number))
        for chart in CHART.findall(line):
            out.images.append((chart, number))
        out.links += len(LINK.findall(plain))
    return out


def _compare(kind: str, source: list[tuple[str, int]], other: list[tuple[str, int]], src_path: str, other_path: str, fallback_line: int) -> list[Problem]:
    findings = []
    src_names = [n for n, _ in source]
    other_names = [n for n, _ in other]
    for name, line in other:
        if name not in src_names:
            findings.append(Problem(other_path, line, f"{kind} '{name}' is not in {src_path}; add it there too, or remove it here.", "parity"))
    for name, line in source:
        if name not in other_names:
            findings.append(Problem(other_path, fallback_line, f"{kind} '{name}' ({src_path}:{line}) is missing here; both languages must have the same {kind}s.", "parity"))
    common_src = [n for n in src_names if n in other_names]
    common_other = [n for n in other_names if n in src_names]
    if not findings and common_src != common_other:
        first = next(i for i, (a, b) in enumerate(zip(common_src, common_other)) if a != b)
        line = next(l for n, l in other if n == common_other[first])
        findings.append(Problem(other_path, line, f"the {kind}s are in another order than in {src_path} ('{common_other[first]}' here, '{common_src[first]}' there).", "parity"))
    return findings


def check_pair(source_path: str, source_text: str, other_path: str, other_text: str) -> list[Problem]:
    """Parity problems of a translated page against its source (reported on the translation)."""
    a, b = outline(source_text), outline(other_text)
    findings = []
    findings += _compare("heading id", a.headings, b.headings, source_path, other_path, b.body_start)
    findings += _compare("citation", a.citations, b.citations, source_path, other_path, b.body_start)
    findings += _compare("image or chart", a.images, b.images, source_path, other_path, b.body_start)
    if abs(a.links - b.links) > max(2, 0.2 * max(a.links, b.links)):
        findings.append(Problem(other_path, b.body_start, f"{b.links} links here but {a.links} in {source_path}; check that no link was lost or added in translation.", "parity"))
    return findings


def freshness(translation_path: str, translation_text: str, docs: Path, strict: bool) -> list[Problem]:
    """A stale-translation finding when the source changed since the recorded fingerprint."""
    try:
        meta, split = read_front_matter(translation_text)
    except ValueError:
        return []
    source = meta.get("translated_from")
    recorded = meta.get("source_fingerprint")
    if not source or not recorded or not (docs / str(source)).is_file():
        return []
    source_text = (docs / str(source)).read_text(encoding="utf-8")
    if not is_stale(meta, source_text):
        return []
    current = fingerprint(source_text)
    line = meta.lines.get("source_fingerprint", 1) + split.first_line - 1
    return [
        Problem(
            translation_path, line,
            f"stale translation: docs/{source} changed since this page was translated (fingerprint {recorded}, now "
            f"{current}). Bring this page up to date, then run `make restamp PAGE={translation_path}`.",
            "stale", "error" if strict else "warning",
        )
    ]


def check_docs(docs: Path, languages: tuple[str, ...] | None = None, strict: bool = False) -> list[Problem]:
    """Parity and freshness of every page pair under docs/ (the first language is the source)."""
    source_lang, *others = languages or codes_for(docs)
    findings: list[Problem] = []
    for src in sorted((docs / source_lang).rglob("*.md")):
        key = src.relative_to(docs / source_lang)
        src_text = src.read_text(encoding="utf-8")
        for lang in others:
            other = docs / lang / key
            if not other.is_file():
                continue  # a missing translation is the build's own check
            other_rel = f"docs/{lang}/{key.as_posix()}"
            other_text = other.read_text(encoding="utf-8")
            findings += check_pair(f"docs/{source_lang}/{key.as_posix()}", src_text, other_rel, other_text)
            findings += freshness(other_rel, other_text, docs, strict)
    return findings


def restamp(path: Path, docs: Path) -> str:
    """Record the current fingerprint of a translation's source in its front matter;
    returns the new fingerprint."""
    text = path.read_text(encoding="utf-8")
    meta, _ = read_front_matter(text)
    source = meta.get("translated_from")
    if not source or not (docs / str(source)).is_file():
        raise ValueError(f"{path}: 'translated_from:' must name the source page (like fr/articles/x.md)")
    new = fingerprint((docs / str(source)).read_text(encoding="utf-8"))
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    for i in range(1, end):
        if lines[i].startswith("source_fingerprint:"):
            lines[i] = f"source_fingerprint: {new}"
            break
    else:
        lines.insert(end, f"source_fingerprint: {new}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return new
