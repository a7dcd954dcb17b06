"""Review records of the articles (review.py): checked once per build run, shown on
each article with the disclaimer, in the page's language.

A missing or malformed field fails the build (`--strict`) with file:line and the fix.
A translation whose source changed since its fingerprint is listed, without failing:
it still reads correctly, but needs a translator's look.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.plugins import event_priority

from hookutil import is_default_build, languages, log, page_info
from review import check_article, fingerprint, is_stale, review_dates, split_front_matter
from strings import LANGUAGE_NAMES, STRINGS

ARTICLES = "articles"


def article_files(docs_dir: str, code: str) -> list[Path]:
    folder = Path(docs_dir) / code / ARTICLES
    return sorted(p for p in folder.glob("*.md") if p.name != "index.md")


def is_article(key: str) -> bool:
    return key.startswith(ARTICLES + "/") and key != f"{ARTICLES}/index.md"


@event_priority(-150)
def on_config(config):
    if not is_default_build(config):  # report once, not once per language build
        return config
    from datafile import load_yaml

    docs = Path(config.docs_dir)
    default = next(lang.code for lang in languages(config) if lang.default)
    today = dt.date.today()
    stale = []
    for lang in languages(config):
        for path in article_files(config.docs_dir, lang.code):
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(docs).as_posix()
            translated = lang.code != default
            for line, message in check_article(text, lang.code, translated, today, lambda p: (docs / p).is_file()):
                log.warning(f"docs/{rel}:{line}: {message}")
            if translated:
                try:
                    meta = load_yaml(split_front_matter(text)[0]) or {}
                except ValueError:
                    continue
                source = docs / str(meta.get("translated_from", ""))
                if source.is_file() and is_stale(meta, source.read_text(encoding="utf-8")):
                    stale.append(f"docs/{rel} (source docs/{meta['translated_from']} is now {fingerprint(source.read_text(encoding='utf-8'))})")
    if stale:
        log.info("Translations whose source changed since they were translated: " + "; ".join(stale))
    return config


def on_page_context(context, page, config, nav):
    code, key = page_info(page, config)
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
    return context
