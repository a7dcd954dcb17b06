"""Scaffold a new article in both languages: front matter complete, standard sections,
and an entry in the navigation of mkdocs.yml."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kf.core.review import fingerprint
from kf.core.typography import french_spacing

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAV_ENTRY = re.compile(r"^(\s*)- articles/[^\s]+\.md\s*$")

FR_BODY = """\
# {title}

!!! answer "En bref"

    En deux ou trois phrases : ce que disent les preuves, le principal risque, ce qu’il faut faire. Chaque phrase avec sa source, par exemple [@pastrak2021].

!!! abstract "Points clés"

    - Premier point clé, en une phrase courte.
    - Deuxième point clé.
    - Troisième point clé.

## De quoi parle-t-on ? {{#what-is-it}}

Expliquez le sujet en phrases courtes. Citez chaque fait avec sa source, par exemple [@pastrak2021].

## Que montrent les études ? {{#evidence}}

Dites ce que montrent les études, et la force des preuves.

## Quels sont les risques ? {{#risks}}

Donnez les risques aussi clairement que les bénéfices, avec leurs sources, par exemple [@niesters2014]. Pour la kétamine, renvoyez à [l’article sur ses risques](risques-de-la-ketamine.md).

## En pratique, pour vous {{#for-you}}

Vous pouvez demander à votre médecin :

- Première question à poser ?
- Deuxième question à poser ?

<!-- kf:care-card -->
"""

EN_BODY = """\
# {title}

!!! answer "In short"

    In two or three sentences: what the evidence says, the main risk, what to do. Each sentence with its source, for example [@pastrak2021].

!!! abstract "Key points"

    - First key point, in one short sentence.
    - Second key point.
    - Third key point.

## What is it about? {{#what-is-it}}

Explain the subject in short sentences. Cite each fact with its source, for example [@pastrak2021].

## What do the studies show? {{#evidence}}

Say what the studies show, and how strong the evidence is.

## What are the risks? {{#risks}}

State the risks as clearly as the benefits, with their sources, for example [@niesters2014]. For ketamine, link to [the article on its risks](risques-de-la-ketamine.md).

## What this means for you {{#for-you}}

You can ask your doctor:

- First question to ask?
- Second question to ask?

<!-- kf:care-card -->
"""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_article(root: Path, slug: str, title_fr: str, title_en: str, description_fr: str, description_en: str,
                today: dt.date | None = None) -> list[Path]:
    """Create docs/fr/articles/<slug>.md and docs/en/articles/<slug>.md and add them to
    the navigation. Raises ValueError (with the fix) for a bad slug or an existing one."""
    root = Path(root)
    if not SLUG.match(slug):
        raise ValueError(f"'{slug}' is not a valid slug: use lowercase letters without accents, digits and hyphens, "
                         "like 'ketamine-et-douleur'. It becomes the page's address.")
    paths = [root / "docs" / code / "articles" / f"{slug}.md" for code in ("fr", "en")]
    for path in paths:
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} already exists: choose another slug, or edit that article.")
    for label, text in (("French description", description_fr), ("English description", description_en)):
        if not text.strip() or len(text.strip()) > 160:
            raise ValueError(f"the {label} must have 1 to 160 characters (it has {len(text.strip())}).")
    today = today or dt.date.today()
    try:
        next_review = today.replace(year=today.year + 1)
    except ValueError:
        next_review = today.replace(year=today.year + 1, day=28)
    fr = (
        f"---\ntitle: {_quoted(french_spacing(title_fr))}\ndescription: {_quoted(french_spacing(description_fr))}\n"
        f"last_reviewed: {today.isoformat()}\nnext_review: {next_review.isoformat()}\nreviewer: Équipe éditoriale\n---\n\n"
        + french_spacing(FR_BODY.format(title=title_fr))
    )
    en = (
        f"---\ntitle: {_quoted(title_en)}\ndescription: {_quoted(description_en)}\n"
        f"last_reviewed: {today.isoformat()}\nnext_review: {next_review.isoformat()}\nreviewer: Editorial team\n"
        f"translated_from: fr/articles/{slug}.md\nsource_fingerprint: {fingerprint(fr)}\n---\n\n"
        + EN_BODY.format(title=title_en)
    )
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    last = max((i for i, line in enumerate(lines) if NAV_ENTRY.match(line)), default=None)
    if last is None:
        raise ValueError("mkdocs.yml has no 'articles/...' entry in its nav to add the article after.")
    indent = NAV_ENTRY.match(lines[last]).group(1)
    lines.insert(last + 1, f"{indent}- articles/{slug}.md")
    paths[0].write_text(fr, encoding="utf-8")
    paths[1].write_text(en, encoding="utf-8")
    config.write_text("\n".join(lines), encoding="utf-8")
    return paths
