"""Review records of the articles (core/review.py): checked once per run, shown on each
article with the disclaimer, in the page's language.

A missing or malformed field fails the build (`--strict`) with file:line and the fix. A
translation whose source changed since its fingerprint is listed, without failing: it
still reads correctly, but needs a translator's look.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from kf.core.front_matter import read_front_matter
from kf.core.labels import LANGUAGE_NAMES, STRINGS
from kf.core.page_top import insert_after_title, on_this_page_html, review_line_html
from kf.core.print_sheet import mark_sheet
from kf.core.site_paths import absolute_url
from kf.core.review import check_article, fingerprint, is_stale, review_dates
from kf.core.problems import Problem
from kf.mkdocs_adapter.state import log

ARTICLES = "articles"


def article_files(docs_dir: str, code: str) -> list[Path]:
    folder = Path(docs_dir) / code / ARTICLES
    return sorted(p for p in folder.glob("*.md") if p.name != "index.md")


def is_article(key: str) -> bool:
    return key.startswith(ARTICLES + "/") and key != f"{ARTICLES}/index.md"


def review_problems(run, today: dt.date | None = None) -> list[Problem]:
    """Missing or malformed review records of the articles. Translations whose source
    changed since they were translated are listed (at INFO level), without failing."""
    docs = Path(run.docs_dir)
    today = today or dt.date.today()
    problems: list[Problem] = []
    stale = []
    for lang in run.languages:
        for path in article_files(run.docs_dir, lang.code):
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(docs).as_posix()
            translated = lang.code != run.default
            for line, message in check_article(text, lang.code, translated, today, lambda p: (docs / p).is_file()):
                problems.append(Problem(f"docs/{rel}", line, message))
            if translated:
                try:
                    meta, _ = read_front_matter(text)
                except ValueError:
                    continue
                source = docs / str(meta.get("translated_from", ""))
                if source.is_file() and is_stale(meta, source.read_text(encoding="utf-8")):
                    stale.append(f"docs/{rel} (source docs/{meta['translated_from']} is now "
                                 f"{fingerprint(source.read_text(encoding='utf-8'))})")
    if stale:
        log.info("Translations whose source changed since they were translated: " + "; ".join(stale))
    return problems


def review_context(run, context, page, config) -> None:
    code, key = run.page_info(page)
    context["kf_review"] = None
    context["kf_stale"] = None
    source = page.meta.get("translated_from")
    if source and page.meta.get("source_fingerprint"):
        path = Path(config.docs_dir) / str(source)
        if path.is_file() and is_stale(page.meta, path.read_text(encoding="utf-8")):
            other = str(source).split("/", 1)[0]
            context["kf_stale"] = STRINGS[code]["stale_notice"].format(language=LANGUAGE_NAMES[code][other])
    if is_article(key):
        dates = review_dates(page.meta, code)
        if dates:
            labels = STRINGS[code]
            context["kf_review"] = {**dates, "lang": code, **{k: labels[k] for k in labels if k.startswith("review_")}}


def sections(page) -> list[tuple[str, str]]:
    """The page's sections as its table of contents has them: (id, title) of each
    heading under the title (level 2), or of the top headings of a page without one."""
    items = list(page.toc or [])
    if len(items) == 1 and items[0].level == 1:
        items = list(items[0].children)
    return [(item.id, html.unescape(item.title)) for item in items]


def page_top(run, context, page) -> None:
    """Under an article's title: its review record in one line and, for phones, its
    sections (core/page_top.py). Run last: the glossary and citations have marked the
    text already, and mark nothing in these."""
    code, _ = run.page_info(page)
    context["kf_ui"] = {key: STRINGS[run.language][key] for key in ("close", "on_this_page", "for_editors")}
    review = context.get("kf_review")
    if not review:
        return
    fragment = review_line_html(review) + on_this_page_html(sections(page), STRINGS[code]["on_this_page"])
    page.content = insert_after_title(page.content, fragment)


def print_sheet(run, context, page, config) -> None:
    """An article about a treatment: its one-page sheet for an appointment
    (core/print_sheet.py), whose last line gives the page's address and review date."""
    review = context.get("kf_review")
    _, key = run.page_info(page)
    if not (review and is_article(key) and getattr(page, "kf_treatments", None)):
        return
    url = page.canonical_url or absolute_url(config.site_url, page.url)
    line = f"{url} · {review['review_last']} {review['last']}"
    page.content = mark_sheet(page.content, STRINGS[run.language]["print_sheet"], line)
