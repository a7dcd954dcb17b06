"""Review records of the articles, free of MkDocs: front-matter checks, translation
fingerprints and the dates shown on the page.

Every article (docs/<lang>/articles/<name>.md, the section's index.md aside) records in
its front matter:

    title: ...
    description: ...                 # at most 160 characters (search results, link previews)
    last_reviewed: 2026-11-21        # the date of the last full review
    next_review: 2028-11-21          # after it, and at most 2 years later
    reviewer: Équipe éditoriale      # a real person or an honest role, never an invented name

and a translated article (English, translated from the French) also records:

    translated_from: fr/articles/x.md   # its source, relative to docs/
    source_fingerprint: 1a2b3c4d5e6f    # `fingerprint` of the source when translated
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from kf.core.datafile import DataError
from kf.core.front_matter import read_front_matter, split_front_matter
from kf.core.labels import LABELS

MAX_DESCRIPTION = 160
FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
FIELDS = ("title", "description", "last_reviewed", "next_review", "reviewer")
TRANSLATION_FIELDS = ("translated_from", "source_fingerprint")

MONTHS = {code: labels["months"] for code, labels in LABELS.items()}


def fingerprint(text: str) -> str:
    """Fingerprint of a page's text (its body, front matter excluded): it changes when
    the wording changes, not when only the review dates do."""
    body = split_front_matter(text).body
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:12]


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _plus_two_years(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 2, day=28)


def check_article(text: str, lang: str, translated: bool, today: dt.date, exists=lambda path: True) -> list[tuple[int, str]]:
    """(line, message) of each problem in an article's review record.

    translated: the page is a translation and must name its source and fingerprint.
    exists(path): whether a file (relative to docs/) exists.
    """
    try:
        meta, split = read_front_matter(text)
    except DataError as exc:
        advice = (" Check the indentation, and put text that contains ': ' or starts with a quote or a bracket "
                  "between double quotes.") if exc.problem else ""
        return [(exc.line, exc.message + "." + advice)]
    if not meta:
        return [(1, "the article has no front matter. Start the file with a '---' block giving "
                    f"{', '.join(FIELDS)} (see CONTRIBUTING.md).")]
    first = split.first_line

    problems: list[tuple[int, str]] = []

    def at(key: str) -> int:
        return meta.lines.get(key, meta.line) + first - 1

    wanted = FIELDS + (TRANSLATION_FIELDS if translated else ())
    for key in wanted:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append((first, f"'{key}:' is missing from the front matter. {_HELP[key]}"))
    description = meta.get("description")
    if isinstance(description, str) and len(description.strip()) > MAX_DESCRIPTION:
        problems.append(
            (at("description"), f"the description is {len(description.strip())} characters long; search engines "
             f"cut it at {MAX_DESCRIPTION}. Shorten it.")
        )
    last = next_ = None
    for key in ("last_reviewed", "next_review"):
        if key in meta and meta[key] is not None:
            day = _date(meta[key])
            if day is None:
                problems.append((at(key), f"'{key}' must be a date written YYYY-MM-DD, like 2026-11-21; found {meta[key]!r}."))
            elif key == "last_reviewed":
                last = day
            else:
                next_ = day
    if last and last > today:
        problems.append((at("last_reviewed"), f"'last_reviewed' ({last}) is in the future. Give the date the review was done."))
    if last and next_:
        if next_ <= last:
            problems.append((at("next_review"), f"'next_review' ({next_}) must come after 'last_reviewed' ({last})."))
        elif next_ > _plus_two_years(last):
            problems.append(
                (at("next_review"), f"'next_review' ({next_}) is more than 2 years after 'last_reviewed' ({last}); "
                 f"health information must be reviewed at least every 2 years. Use {_plus_two_years(last)} or earlier.")
            )
    if translated:
        source = meta.get("translated_from")
        if isinstance(source, str) and source.strip() and not exists(source.strip()):
            problems.append((at("translated_from"), f"'translated_from' names docs/{source.strip()}, which does not exist. "
                             "Give the path of the source page relative to docs/, like fr/articles/x.md."))
        stamp = meta.get("source_fingerprint")
        if stamp is not None and not FINGERPRINT.match(str(stamp)):
            problems.append((at("source_fingerprint"), f"'source_fingerprint' must be 12 lowercase hexadecimal characters; "
                             f"found {stamp!r}. Run `make fingerprint PAGE=docs/<source>` and copy its output."))
    return problems


_HELP = {
    "title": "Give the page's title.",
    "description": f"Summarise the page in one sentence of at most {MAX_DESCRIPTION} characters.",
    "last_reviewed": "Give the date of the last full review, like 2026-11-21.",
    "next_review": "Give the date of the next review, at most 2 years after the last one.",
    "reviewer": "Name who reviewed it: a real person, or an honest role such as 'Équipe éditoriale' / 'Editorial team'.",
    "translated_from": "Name the source page this translation follows, like fr/articles/x.md.",
    "source_fingerprint": "Run `make fingerprint PAGE=docs/<source>` and copy its output.",
}


def long_date(day: dt.date, lang: str) -> str:
    """"21 novembre 2026", "21 November 2026"."""
    number = LABELS[lang]["first_day_of_month"] if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[lang][day.month - 1]} {day.year}"


def review_dates(meta: dict, lang: str) -> dict | None:
    """What the page shows: the two dates in words, and the reviewer."""
    last, next_ = _date(meta.get("last_reviewed")), _date(meta.get("next_review"))
    if not (last and next_):
        return None
    return {
        "last": long_date(last, lang),
        "last_iso": last.isoformat(),
        "next": long_date(next_, lang),
        "next_iso": next_.isoformat(),
        "reviewer": str(meta.get("reviewer", "")),
    }


def is_stale(translation_meta: dict, source_text: str) -> bool:
    """True when the source page changed since the translation's fingerprint."""
    return str(translation_meta.get("source_fingerprint", "")) != fingerprint(source_text)
