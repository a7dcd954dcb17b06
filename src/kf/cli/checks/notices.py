"""Notices about cited works (retractions, corrections, expressions of concern...).

- `citing_pages` finds the pages, in every language, that cite each work.
- `crossref_notices` reads Crossref's answer to `works?filter=updates:{DOI}`: the
  notices (works of their own) whose `update-to` names the DOI. Crossref serves the
  publishers' notices and the Retraction Watch database this way.
- `new_notices` compares them with what editors recorded under `update:` in
  data/references.yml: a notice not recorded yet is news for the weekly issue.
The requests themselves go through the link checker (external.py): same per-host
limits, retries, deadline and cache.
"""

from __future__ import annotations

from kf.core.site_config import codes_for

import json
from pathlib import Path
from urllib.parse import quote

from kf.cli.checks.parity import outline

#: Crossref's update types (Crossmark) -> the types editors record (citations.UPDATE_TYPES).
#: New editions, new versions, addenda and clarifications are not about the work's
#: reliability: they are left out.
CROSSREF_TYPES = {
    "retraction": "retraction",
    "partial_retraction": "partial-retraction",
    "withdrawal": "withdrawal",
    "removal": "withdrawal",
    "expression_of_concern": "expression-of-concern",
    "correction": "correction",
    "corrigendum": "correction",
    "erratum": "correction",
}


def citing_pages(docs: Path, languages=None) -> dict[str, list[str]]:
    """Reference id -> the pages citing it (docs/<lang>/...), in path order."""
    languages = languages or codes_for(docs)
    out: dict[str, list[str]] = {}
    for code in languages:
        for page in sorted((Path(docs) / code).rglob("*.md")):
            rel = f"docs/{page.relative_to(docs).as_posix()}"
            for key, _ in outline(page.read_text(encoding="utf-8")).citations:
                out.setdefault(key, []).append(rel)
    return out


def crossref_url(api: str, doi: str) -> str:
    """The query for the notices that update a DOI (api ends with "/")."""
    return f"{api}works?filter=updates:{quote(doi, safe='/')}&rows=100"


def crossref_notices(body: bytes, doi: str) -> list[dict]:
    """The notices in Crossref's answer that update `doi`: {type, crossref_type, date,
    notice, source, label}, one per notice (a notice listed by the publisher and by
    Retraction Watch counts once). Raises ValueError on an answer that is not Crossref's."""
    data = json.loads(body.decode("utf-8"))
    items = data["message"]["items"]
    if not isinstance(items, list):
        raise ValueError("no list of items")
    found: dict[tuple[str, str], dict] = {}
    for item in items:
        notice = str(item.get("DOI", ""))
        for entry in item.get("update-to") or []:
            if str(entry.get("DOI", "")).lower() != doi.lower():
                continue
            raw = str(entry.get("type", "")).strip().lower().replace("-", "_").replace(" ", "_")
            kind = CROSSREF_TYPES.get(raw)
            if kind is None:
                continue
            parts = ((entry.get("updated") or {}).get("date-parts") or [[]])[0] or []
            date = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts) if isinstance(p, int))
            key = (kind, notice.lower())
            if key in found:
                sources = found[key]["source"].split(", ")
                if entry.get("source") and entry["source"] not in sources:
                    found[key]["source"] = ", ".join(sources + [entry["source"]])
                continue
            found[key] = {
                "type": kind, "crossref_type": raw, "date": date, "notice": notice,
                "source": str(entry.get("source", "")), "label": str(entry.get("label", "")),
            }
    return list(found.values())


def is_recorded(notice: dict, ref) -> bool:
    """Whether editors recorded this notice under the work's `update:` (same notice
    DOI; or, for an update recorded without one, the same type and year)."""
    for update in ref.updates:
        if update.notice and notice["notice"] and update.notice.lower() == notice["notice"].lower():
            return True
        if not update.notice and update.type == notice["type"] and str(update.date[0]) == notice["date"][:4]:
            return True
    return False
