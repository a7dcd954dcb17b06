"""What changed in a French page since its English translation was made, for translators.

A translation records the fingerprint of its source (`source_fingerprint:`, see
review.fingerprint). Walking the git history of the source file, the version whose
fingerprint equals the recorded one is the text the translator worked from; the
difference between it and today's text is what the translation must catch up on.
Editors record nothing new.

- `find_version` walks `git log --follow` of the source (renames included).
- `block_diff` compares the two texts block by block (headings, paragraphs, list items
  and other blocks separated by blank lines), then word by word inside a changed block,
  and lists the citations ([@key]) added or removed.
- `terminal` and `markdown` write it for a person (a terminal, or a GitHub page).

When the version cannot be found (a shallow clone, a fingerprint edited by hand),
`VersionNotFound` says so and how to get the history.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from kf.core.citations import CITATION, parse_keys
from kf.core.front_matter import read_front_matter, split_front_matter
from kf.core.review import fingerprint, is_stale

HEADING = re.compile(r"^#{1,6}\s")
#: Words, runs of spaces, and single punctuation marks: what a word-level diff compares.
TOKEN = re.compile(r"\s+|[\w’'\-]+|[^\w\s]", re.UNICODE)


class VersionNotFound(Exception):
    """The recorded version of the source is not in the history this clone has."""


class GitError(Exception):
    """git is missing, or the folder is not a git repository."""


@dataclass(frozen=True)
class Version:
    commit: str  # "" for the working tree
    date: str
    text: str
    path: str


@dataclass
class Change:
    kind: str  # "changed", "added", "removed"
    old: str
    new: str
    line: int  # line in today's source (or where a removed block stood)
    old_line: int
    section: str  # the heading the block stands under today ("" before the first heading)

    @property
    def is_heading(self) -> bool:
        return bool(HEADING.match(self.new or self.old))


@dataclass
class TranslationDiff:
    translation: str
    source: str
    recorded: str
    old: Version
    new: Version
    changes: list[Change] = field(default_factory=list)
    citations_added: list[str] = field(default_factory=list)
    citations_removed: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- git


def _git(repo: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, encoding="utf-8", timeout=120)
    except FileNotFoundError:
        raise GitError("git is not installed; install it to compare versions of a page.") from None
    if result.returncode != 0:
        raise GitError(f"git {args[0]} failed: {result.stderr.strip() or 'no message'}")
    return result.stdout


def repo_root(path: Path) -> Path:
    try:
        return Path(_git(path, "rev-parse", "--show-toplevel").strip())
    except GitError:
        raise GitError(f"{path} is not inside a git repository: clone the project with git to compare versions.") from None


def find_version(repo: Path, source: str, recorded: str) -> Version:
    """The most recent committed version of `source` (a path relative to `repo`) whose
    fingerprint is `recorded`, following renames. Raises VersionNotFound."""
    log = _git(repo, "log", "--follow", "--format=%x00%H %cs", "--name-only", "--", source)
    for record in log.split("\x00")[1:]:
        lines = [line for line in record.split("\n") if line.strip()]
        if len(lines) < 2:
            continue
        commit, date = lines[0].split(" ", 1)
        path = lines[1].strip()
        try:
            text = _git(repo, "show", f"{commit}:{path}")
        except GitError:
            continue  # the file was deleted in this commit
        if fingerprint(text) == recorded:
            return Version(commit, date, text, path)
    shallow = _git(repo, "rev-parse", "--is-shallow-repository").strip() == "true"
    commits = len([r for r in log.split("\x00")[1:] if r.strip()])
    if shallow:
        why = (
            f"this clone is shallow (only {commits} version(s) of {source} are here). "
            "Get the whole history with `git fetch --unshallow`, then run this again."
        )
    else:
        why = (
            f"none of the {commits} version(s) of {source} in the history has this fingerprint: it may have been "
            "edited by hand, or recorded from a version that was never committed. If your clone may lack "
            "history, run `git fetch --unshallow`; otherwise compare the pages by hand and run "
            "`make restamp PAGE=...` once the translation is up to date."
        )
    raise VersionNotFound(why)


# --------------------------------------------------------------------------- comparing


def blocks(text: str) -> list[tuple[str, int]]:
    """(block, first line) of a page's body: headings alone, everything else split at
    blank lines; a fenced code block stays whole."""
    split = split_front_matter(text)
    body, offset = split.body, split.length or 0
    out: list[tuple[str, int]] = []
    current: list[str] = []
    start = 0
    fence = ""

    def flush() -> None:
        if current:
            out.append(("\n".join(current).strip("\n"), start))
            current.clear()

    for number, line in enumerate(body.split("\n"), start=offset + 1):
        stripped = line.strip()
        if fence:
            current.append(line)
            if stripped.startswith(fence):
                fence = ""
                flush()
            continue
        if stripped.startswith(("```", "~~~")):
            flush()
            fence = stripped[:3]
            start = number
            current.append(line)
            continue
        if not stripped:
            flush()
            continue
        if HEADING.match(stripped):
            flush()
            out.append((stripped, number))
            continue
        if not current:
            start = number
        current.append(line)
    flush()
    return [(b, n) for b, n in out if b.strip()]


def citation_keys(text: str) -> list[str]:
    keys: dict[str, None] = {}
    for group in CITATION.finditer(text):
        for key in parse_keys(group.group(1)):
            keys.setdefault(key)
    return list(keys)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs: op is "=" (kept), "-" (removed) or "+" (added)."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return out


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, TOKEN.findall(a), TOKEN.findall(b), autojunk=False).ratio()


def block_diff(old_text: str, new_text: str) -> list[Change]:
    """The blocks added, removed or changed between two versions of a page, in the
    order of today's page."""
    old, new = blocks(old_text), blocks(new_text)
    sections: list[str] = []
    heading = ""
    for text, _ in new:
        if HEADING.match(text):
            heading = text
        sections.append(heading)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, [b for b, _ in old], [b for b, _ in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        # Pair each old block with the most similar new one, in order; the rest were
        # added or removed.
        pairs: list[tuple[int | None, int | None]] = []
        k = 0
        for i in olds:
            best, score = None, 0.0
            for j in news[k:]:
                s = _similar(old[i][0], new[j][0])
                if s > score:
                    best, score = j, s
            if best is not None and score >= 0.4:
                for j in news[k : news.index(best)]:
                    pairs.append((None, j))
                pairs.append((i, best))
                k = news.index(best) + 1
            else:
                pairs.append((i, None))
        for j in news[k:]:
            pairs.append((None, j))
        for i, j in pairs:
            where = new[j][1] if j is not None else (new[j2][1] if j2 < len(new) else (new[-1][1] if new else 1))
            section = sections[j] if j is not None else (sections[j1 - 1] if j1 > 0 else "")
            if i is not None and j is not None:
                changes.append(Change("changed", old[i][0], new[j][0], where, old[i][1], section))
            elif j is not None:
                changes.append(Change("added", "", new[j][0], where, 0, section))
            else:
                changes.append(Change("removed", old[i][0], "", where, old[i][1], section))
    return changes


def translation_diff(translation: Path, docs: Path) -> TranslationDiff | None:
    """The changes in a translation's source since the version it records; None when
    the translation is up to date. Raises ValueError (front matter), GitError,
    VersionNotFound."""
    text = translation.read_text(encoding="utf-8")
    meta, _ = read_front_matter(text)
    source = meta.get("translated_from")
    recorded = str(meta.get("source_fingerprint") or "")
    if not source or not (docs / str(source)).is_file():
        raise ValueError(f"{translation}: 'translated_from:' must name the source page (like fr/articles/x.md).")
    if not recorded:
        raise ValueError(f"{translation}: 'source_fingerprint:' is missing, so the version translated is not known.")
    source_path = (docs / str(source)).resolve()
    current = source_path.read_text(encoding="utf-8")
    repo = repo_root(source_path.parent)
    rel = source_path.relative_to(repo).as_posix()
    now = Version("", "", current, rel)
    if not is_stale(meta, current):
        return None
    old = find_version(repo, rel, recorded)
    result = TranslationDiff(str(translation), rel, recorded, old, now, block_diff(old.text, current))
    before, after = citation_keys(split_front_matter(old.text).body), citation_keys(split_front_matter(current).body)
    result.citations_added = [k for k in after if k not in before]
    result.citations_removed = [k for k in before if k not in after]
    return result


# --------------------------------------------------------------------------- writing

RED, GREEN, DIM, BOLD, RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


def _summary(diff: TranslationDiff) -> list[str]:
    headings = sum(1 for c in diff.changes if c.is_heading)
    counts = {kind: sum(1 for c in diff.changes if c.kind == kind and not c.is_heading) for kind in ("changed", "added", "removed")}
    parts = [f"{n} block(s) {kind}" for kind, n in counts.items() if n]
    if headings:
        parts.insert(0, f"{headings} heading(s) changed, added or removed")
    lines = ["; ".join(parts) + "." if parts else "Only blank lines or spacing changed."]
    if diff.citations_added:
        lines.append("Citations added: " + ", ".join("[@" + k + "]" for k in diff.citations_added))
    if diff.citations_removed:
        lines.append("Citations removed: " + ", ".join("[@" + k + "]" for k in diff.citations_removed))
    return lines


def _title(change: Change) -> str:
    what = "heading" if change.is_heading else "block"
    place = f"line {change.line}" if change.kind != "removed" else f"was line {change.old_line}"
    under = f", under “{change.section}”" if change.section and change.section not in (change.new, change.old) else ""
    return f"{what} {change.kind} ({place}{under})"


def terminal(diff: TranslationDiff, color: bool = False) -> str:
    """The diff for a terminal: removed words as [-...-] and added ones as {+...+}
    (in red and green when `color`)."""
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if color else text

    old = f"{diff.old.commit[:10]} ({diff.old.date})"
    out = [
        paint(f"{diff.source}: what changed since {diff.translation} was translated", BOLD),
        f"  translated from: commit {old}, fingerprint {diff.recorded}",
        f"  today:           {diff.source} as it is now, fingerprint {fingerprint(diff.new.text)}",
        "",
    ]
    out += ["  " + line for line in _summary(diff)] + [""]
    for change in diff.changes:
        out.append(paint("@@ " + _title(change), DIM if not change.is_heading else BOLD))
        if change.kind == "changed":
            runs = word_diff(change.old, change.new)
            text = "".join(
                t if op == "=" else paint(f"[-{t}-]", RED) if op == "-" else paint(f"{{+{t}+}}", GREEN) for op, t in runs
            )
            out += ["  " + line for line in text.split("\n")]
        elif change.kind == "added":
            out += [paint("+ " + line, GREEN) for line in change.new.split("\n")]
        else:
            out += [paint("- " + line, RED) for line in change.old.split("\n")]
        out.append("")
    out.append(f"When {diff.translation} says the same again, run `make restamp PAGE={diff.translation}`.")
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    text = " ".join(text.split())
    ticks = "``" if "`" in text else "`"
    return f"{ticks} {text} {ticks}" if text.startswith("`") or text.endswith("`") else f"{ticks}{text}{ticks}"


def markdown(diff: TranslationDiff, level: int = 3) -> str:
    """The diff as GitHub Markdown: each change as a small diff block, and for a
    changed block the words removed and added."""
    h = "#" * level
    out = [
        f"{h} `{diff.translation}`",
        "",
        f"Source `{diff.source}` changed since this page was translated "
        f"(commit `{diff.old.commit[:10]}`, {diff.old.date}, fingerprint `{diff.recorded}`).",
        "",
    ]
    out += [f"- {line}" for line in _summary(diff)] + [""]
    for change in diff.changes:
        title = _title(change)
        out += [f"**{title[0].upper() + title[1:]}**", "", "```diff"]
        out += ["- " + line for line in change.old.split("\n")] if change.old else []
        out += ["+ " + line for line in change.new.split("\n")] if change.new else []
        out += ["```", ""]
        if change.kind == "changed":
            runs = word_diff(change.old, change.new)
            words = []
            for index, (op, text) in enumerate(runs):
                if op == "-" and text.strip():
                    added = runs[index + 1][1] if index + 1 < len(runs) and runs[index + 1][0] == "+" else ""
                    words.append(f"{_code(text)} → {_code(added)}" if added.strip() else f"removed {_code(text)}")
                elif op == "+" and text.strip() and not (index > 0 and runs[index - 1][0] == "-" and runs[index - 1][1].strip()):
                    words.append(f"added {_code(text)}")
            if words:
                out += ["Words: " + "; ".join(words), ""]
    out.append(f"Once the translation says the same again: `make restamp PAGE={diff.translation}`.")
    return "\n".join(out) + "\n"


def translations_of(changed_sources: list[str], docs: Path, repo: Path) -> list[Path]:
    """Translations (under docs/) whose `translated_from` is one of the changed source
    files (paths relative to the repository)."""
    wanted = {(repo / s).resolve() for s in changed_sources}
    out = []
    for page in sorted(docs.rglob("*.md")):
        try:
            meta, _ = read_front_matter(page.read_text(encoding="utf-8"))
        except ValueError:
            continue
        source = meta.get("translated_from") if isinstance(meta, dict) else None
        if source and (docs / str(source)).resolve() in wanted:
            out.append(page)
    return out


def changed_files(repo: Path, base: str, under: str) -> list[str]:
    """Files under `under` changed between the merge base of `base` and HEAD."""
    out = _git(repo, "diff", "--name-only", "--diff-filter=AMR", f"{base}...HEAD", "--", under)
    return [line for line in out.splitlines() if line.strip()]
