"""Translation and review status for editors: missing translations, stale translations,
articles whose next review is past or falls within the coming days, pages citing a
work that was retracted or questioned (a serious `update:` in data/references.yml), and
help numbers not checked on their source for over a year (data/help-<code>.yml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kf.core.labels import LABELS
from kf.core.site_config import codes_for
from kf.core.front_matter import read_front_matter
from kf.core.review import _date, is_stale


@dataclass(frozen=True)
class Item:
    kind: str  # "missing", "stale", "overdue", "due-soon", "retracted", "number"
    path: str
    detail: str
    due: str = ""  # the review date of an "overdue" or "due-soon" item (ISO)


def _meta(path: Path) -> dict:
    try:
        return read_front_matter(path.read_text(encoding="utf-8"))[0]
    except ValueError:
        return {}


def status(
    docs: Path, today: dt.date | None = None, days: int = 60, languages=None, references: Path | None = None,
    notices: bool = True,
) -> list[Item]:
    """references: the bibliography (default: data/references.yml next to docs/, when it
    exists); notices=False leaves out the pages citing a retracted work."""
    docs = Path(docs)
    languages = languages or codes_for(docs)
    today = today or dt.date.today()
    items: list[Item] = []
    keys = {code: {p.relative_to(docs / code).as_posix() for p in (docs / code).rglob("*.md")} for code in languages}
    for code in languages:
        for other in languages:
            if other == code:
                continue
            for key in sorted(keys[code] - keys[other]):
                meta = _meta(docs / code / key)
                pending = " (shown meanwhile in its original language)" if meta.get("translation_pending") else ""
                items.append(Item("missing", f"docs/{other}/{key}", f"translation of docs/{code}/{key} is missing{pending}"))
    for code in languages:
        for path in sorted((docs / code).rglob("*.md")):
            rel = f"docs/{path.relative_to(docs).as_posix()}"
            meta = _meta(path)
            source = meta.get("translated_from")
            if source and (docs / str(source)).is_file() and is_stale(meta, (docs / str(source)).read_text(encoding="utf-8")):
                items.append(Item("stale", rel, f"docs/{source} changed since this translation"))
            due = _date(meta.get("next_review"))
            if due is None:
                continue
            if due < today:
                items.append(Item("overdue", rel, f"review was due on {due.isoformat()}", due.isoformat()))
            elif due <= today + dt.timedelta(days=days):
                items.append(Item("due-soon", rel, f"review due on {due.isoformat()}", due.isoformat()))
    items += help_numbers(docs.parent, languages, today)
    if not notices:
        return items
    return items + retracted(docs, references or docs.parent / "data" / "references.yml", languages)


def help_numbers(root: Path, languages, today: dt.date) -> list[Item]:
    """Help numbers whose `verified` date is over a year old (core/care.py, RECHECK_AFTER)."""
    from kf.core.care import help_file, load_help, stale

    items = []
    for code in languages:
        path = root / help_file(code)
        if not path.is_file():
            continue
        for number in stale(load_help(path.read_text(encoding="utf-8"), help_file(code)), today):
            items.append(Item("number", f"{help_file(code)}:{number.line}", (
                f"{number.reach} ({number.id}) was last read on its source on {number.verified.isoformat()}: read "
                f"{number.source} again, then update 'verified'")))
    return items


def retracted(docs: Path, references: Path, languages=None) -> list[Item]:
    """Pages citing a work under a serious notice (retraction, withdrawal, expression of concern)."""
    if not references.is_file():
        return []
    languages = languages or codes_for(docs)
    from kf.cli.checks.notices import citing_pages
    from kf.core.citations import SERIOUS_UPDATES, load_references, sorted_updates

    bib = load_references(references.read_text(encoding="utf-8"), "data/references.yml", list(languages))
    flagged = {
        ref.id: [u for u in sorted_updates(ref) if u.type in SERIOUS_UPDATES] for ref in bib.references.values()
    }
    items = []
    for ref_id, pages in sorted(citing_pages(docs, languages).items()):
        for update in flagged.get(ref_id) or []:
            date = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(update.date))
            notice = f", notice https://doi.org/{update.notice}" if update.notice else ""
            for page in pages:
                items.append(Item("retracted", page, f"cites [@{ref_id}]: {update.type} on {date}{notice}; review what the page says of it"))
    return sorted(items, key=lambda i: (i.path, i.detail))


TITLES = {
    "missing": "Missing translations",
    "stale": "Stale translations (the source changed since)",
    "overdue": "Reviews overdue",
    "due-soon": "Reviews due soon",
    "retracted": "Pages citing a retracted or questioned work",
    "number": "Help numbers to check again on their source",
}


def markdown(items: list[Item], days: int = 60) -> str:
    lines = ["# Translation and review status", ""]
    if not items:
        return "\n".join(lines + [f"Everything is translated, up to date, and no review is due within {days} days.", ""])
    for kind, title in TITLES.items():
        group = [i for i in items if i.kind == kind]
        if group:
            lines += [f"## {title} ({len(group)})", ""] + [f"- `{i.path}`: {i.detail}" for i in group] + [""]
    return "\n".join(lines)


#: The weekly issue of reviews due, in the language of the pages it lists.
REVIEW_ISSUE = {code: labels["review_issue"] for code, labels in LABELS.items()}


def review_issue(docs: Path, code: str, today: dt.date, days: int = 60) -> str | None:
    """The Markdown body of the weekly issue listing the articles of one language whose
    review is past or due within `days` (status's review logic); None when there is none."""
    from kf.core.review import long_date
    from kf.core.typography import polish

    words = REVIEW_ISSUE[code]
    items = [i for i in status(docs, today, days, (code,), notices=False) if i.kind in ("overdue", "due-soon")]
    if not items:
        return None
    lines = [polish(words["intro"].format(days=days, today=long_date(today, code)), code), ""]
    for kind in ("overdue", "due-soon"):
        group = sorted((i for i in items if i.kind == kind), key=lambda i: (i.due, i.path))
        if not group:
            continue
        lines += [f"## {words[kind]} ({len(group)})", ""]
        for item in group:
            title = str(_meta(Path(docs).parent / item.path).get("title") or item.path)
            when = polish(words["was_due"].format(date=long_date(dt.date.fromisoformat(item.due), code)), code)
            colon = LABELS[code]["colon"]
            lines.append(f"- [ ] **{title}** (`{item.path}`){colon} {when}")
        lines.append("")
    lines.append(polish(words["how"], code))
    return "\n".join(lines) + "\n"
