"""Translation and review status for editors: missing translations, stale translations,
and articles whose next review is past or falls within the coming days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from datafile import load_yaml
from review import _date, is_stale, split_front_matter


@dataclass(frozen=True)
class Item:
    kind: str  # "missing", "stale", "overdue", "due-soon"
    path: str
    detail: str


def _meta(path: Path) -> dict:
    try:
        return load_yaml(split_front_matter(path.read_text(encoding="utf-8"))[0]) or {}
    except ValueError:
        return {}


def status(docs: Path, today: dt.date | None = None, days: int = 60, languages=("fr", "en")) -> list[Item]:
    docs = Path(docs)
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
                items.append(Item("overdue", rel, f"review was due on {due.isoformat()}"))
            elif due <= today + dt.timedelta(days=days):
                items.append(Item("due-soon", rel, f"review due on {due.isoformat()}"))
    return items


TITLES = {
    "missing": "Missing translations",
    "stale": "Stale translations (the source changed since)",
    "overdue": "Reviews overdue",
    "due-soon": "Reviews due soon",
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
