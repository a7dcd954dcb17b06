"""Review records of the articles (src/kf/core/review.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from kf.core.review import check_article, fingerprint, long_date, review_dates

TODAY = dt.date(2026, 11, 21)
GOOD = """\
---
title: "Qu’est-ce que la kétamine ?"
description: Une description courte.
last_reviewed: 2026-11-01
next_review: 2028-11-01
reviewer: Équipe éditoriale
---

# Titre

Texte.
"""
TRANSLATION = """\
---
title: What is ketamine?
description: A short description.
last_reviewed: 2026-11-01
next_review: 2028-11-01
reviewer: Editorial team
translated_from: fr/articles/x.md
source_fingerprint: {stamp}
---

# Title
"""


def check(text, translated=False, exists=lambda p: True):
    return check_article(text, "fr", translated, TODAY, exists)


def test_good_record_has_no_problem():
    assert check(GOOD) == []
    assert check(TRANSLATION.format(stamp=fingerprint(GOOD)), translated=True) == []


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("reviewer: Équipe éditoriale\n", ""), 2, "'reviewer:' is missing"),
        (("description: Une description courte.", "description: " + "x" * 161), 3, "161 characters long"),
        (("next_review: 2028-11-01", "next_review: 2029-01-01"), 5, "more than 2 years after"),
        (("next_review: 2028-11-01", "next_review: 2026-10-01"), 5, "must come after"),
        (("last_reviewed: 2026-11-01", "last_reviewed: 1 nov 2026"), 4, "must be a date written YYYY-MM-DD"),
        (("last_reviewed: 2026-11-01", "last_reviewed: 2027-01-01"), 4, "is in the future"),
        (("title: \"Qu’est-ce que la kétamine ?\"", "title: Qu'est-ce : non"), 2, "not valid YAML"),
    ],
)
def test_problems(change, line, message):
    found = check(GOOD.replace(*change))
    assert found and found[0][0] == line and message in found[0][1], found


def test_translation_needs_source_and_fingerprint():
    found = check(TRANSLATION.format(stamp="XYZ"), translated=True, exists=lambda p: False)
    messages = [m for _, m in found]
    assert any("names docs/fr/articles/x.md, which does not exist" in m for m in messages)
    assert any("'source_fingerprint' must be 12 lowercase hexadecimal characters" in m for m in messages)
    found = check(GOOD, translated=True)
    assert [line for line, _ in found] == [2, 2]
    assert "'translated_from:' is missing" in found[0][1]


def test_fingerprint_follows_the_text_not_the_dates():
    assert fingerprint(GOOD) == fingerprint(GOOD.replace("2026-11-01", "2027-01-01"))
    assert fingerprint(GOOD) != fingerprint(GOOD.replace("Texte.", "Texte corrigé."))
    assert len(fingerprint(GOOD)) == 12


def test_dates_in_words():
    assert long_date(dt.date(2026, 11, 1), "fr") == "1er novembre 2026"
    assert long_date(dt.date(2026, 11, 21), "en") == "21 November 2026"
    shown = review_dates({"last_reviewed": dt.date(2026, 11, 21), "next_review": "2028-11-21", "reviewer": "X"}, "fr")
    assert shown == {
        "last": "21 novembre 2026",
        "last_iso": "2026-11-21",
        "next": "21 novembre 2028",
        "next_iso": "2028-11-21",
        "reviewer": "X",
    }


def test_stale_translation_is_detected():
    from kf.core.review import is_stale

    meta = {"source_fingerprint": fingerprint(GOOD)}
    assert not is_stale(meta, GOOD)
    assert is_stale(meta, GOOD.replace("Texte.", "Texte corrigé."))
