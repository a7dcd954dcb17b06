"""`kf reviews`: the body of the weekly issue, one per language, listing the articles
whose review is past or due within 60 days. "Today" is always given (never the clock)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kf.cli.checks.status import review_issue

from conftest import run_kf

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 1)


def page(title: str, due: str) -> str:
    return f"---\ntitle: \"{title}\"\nnext_review: {due}\n---\n\n# {title}\n"


def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    for folder in ("fr/articles", "en/articles"):
        (root / folder).mkdir(parents=True)
    (root / "fr/articles/late.md").write_text(page("Kétamine : un article en retard", "2026-11-30"), encoding="utf-8")
    (root / "fr/articles/soon.md").write_text(page("Bientôt", "2027-01-30"), encoding="utf-8")  # day 60
    (root / "fr/articles/later.md").write_text(page("Plus tard", "2027-01-31"), encoding="utf-8")  # day 61
    (root / "fr/articles/first.md").write_text(page("Premier", "2026-12-02"), encoding="utf-8")
    (root / "en/articles/late.md").write_text(page("A late article", "2026-06-01"), encoding="utf-8")
    (root / "en/articles/soon.md").write_text(page("Soon", "2028-01-01"), encoding="utf-8")
    return root


def test_the_french_issue_lists_overdue_then_due_soon_in_french(tmp_path):
    body = review_issue(docs(tmp_path), "fr", TODAY)
    assert body.startswith("Articles en français dont la relecture est dépassée ou prévue d’ici 60 jours (au 1er décembre 2026).")
    assert "## Relecture dépassée (1)\n\n- [ ] **Kétamine : un article en retard** (`docs/fr/articles/late.md`)\u00a0: prévue le 30 novembre 2026" in body
    assert "## Relecture à prévoir (2)" in body
    assert body.index("docs/fr/articles/first.md") < body.index("docs/fr/articles/soon.md")  # soonest first
    assert "later.md" not in body and "docs/en/" not in body
    assert "semaine\u202f;" in body  # French typography


def test_the_english_issue_and_the_window(tmp_path):
    root = docs(tmp_path)
    body = review_issue(root, "en", TODAY)
    assert "## Review overdue (1)" in body and "**A late article** (`docs/en/articles/late.md`): due on 1 June 2026" in body
    assert "Review due soon" not in body and "docs/fr/" not in body
    assert review_issue(root, "en", dt.date(2026, 1, 1)) is None  # nothing past, nothing within 60 days
    assert "soon.md" in review_issue(root, "en", TODAY, days=400)


def test_the_command_writes_the_file_only_when_something_is_due(tmp_path):
    root = docs(tmp_path)
    out = tmp_path / "reviews-en.md"

    def run(today):
        return run_kf("reviews", "--lang", "en", "--docs", root, "--today", today, "--output", out)

    assert run("2026-12-01").returncode == 0 and "Review overdue" in out.read_text(encoding="utf-8")
    assert run("2026-01-01").returncode == 0 and not out.exists()
    bad = run("1 December")
    assert bad.returncode == 2 and "--today must be a date" in bad.stderr and "Traceback" not in bad.stderr


def test_the_title_is_in_the_language():
    result = run_kf("reviews", "--lang", "fr", "--title")
    assert result.stdout == "Relectures à faire (pages en français)\n"
