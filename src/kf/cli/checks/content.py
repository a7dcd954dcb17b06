"""Content checks that need no build (fast, for pre-commit and pull requests): page
front matter, missing translations and pages missing from the navigation, articles'
review records, glossary, bibliography, chart and search lay-word data, citation keys
used in pages: the problems a strict build finds before converting any page, and the
citation keys (once the bibliography has no problem)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kf.core.pages import nav_problems, scan_sources
from kf.core.search_index import SYNONYMS_FILE, SearchBuildError, load_synonyms
from kf.core.site_config import languages_for, nav_exemptions, nav_of
from kf.core.problems import Problem
from kf.core.charts import load_charts
from kf.core.citations import load_references
from kf.core.glossary import load_glossary
from kf.core.review import check_article

def check_content(root: Path, today: dt.date | None = None) -> list[Problem]:
    root = Path(root)
    docs = root / "docs"
    if not docs.is_dir():
        return [Problem(f"{root}/docs", 1, "there is no docs/ folder here, so nothing was checked; run kf in the "
                        "site's folder (the one holding mkdocs.yml), or give it with --root.")]
    languages = languages_for(root)
    codes = [lang.code for lang in languages]
    today = today or dt.date.today()
    sources = scan_sources(docs, languages)
    problems: list[Problem] = list(sources.problems)
    if (root / "mkdocs.yml").is_file():
        config_text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        problems += nav_problems(sources, nav_of(config_text), nav_exemptions(config_text))

    for code in codes:
        for path in sorted((docs / code / "articles").glob("*.md")):
            if path.name == "index.md":
                continue
            rel = f"docs/{path.relative_to(docs).as_posix()}"
            for line, message in check_article(path.read_text(encoding="utf-8"), code, code != codes[0], today,
                                               lambda p: (docs / p).is_file()):
                problems.append(Problem(rel, line, message))

    glossary_file = root / "data" / "glossary.yml"
    if glossary_file.is_file():
        problems += load_glossary(glossary_file.read_text(encoding="utf-8"), "data/glossary.yml", codes).problems
    bib = None
    references_file = root / "data" / "references.yml"
    if references_file.is_file():
        bib = load_references(references_file.read_text(encoding="utf-8"), "data/references.yml", codes)
        problems += bib.problems
    charts_file = root / "data" / "charts.yml"
    if charts_file.is_file():
        problems += load_charts(charts_file.read_text(encoding="utf-8"), "data/charts.yml", codes)[1]
    from kf.core.care import help_file, load_help

    for code in codes:  # the help numbers of each language's care cards, as the build reads them
        path = root / help_file(code)
        problems += load_help(path.read_text(encoding="utf-8") if path.is_file() else None, help_file(code)).problems
    synonyms_file = root / SYNONYMS_FILE
    if synonyms_file.is_file():
        try:
            load_synonyms(synonyms_file.read_text(encoding="utf-8"), SYNONYMS_FILE, codes)
        except SearchBuildError as exc:
            problems.append(exc.problem)

    # Citation keys are looked up only in a bibliography without problems: as in the
    # build, a broken data/references.yml would make every citation of the works it
    # lost "unknown" (a broken file: every citation of the site).
    if bib is not None and not bib.problems:
        from kf.cli.checks.parity import outline

        for code in codes:
            for path in sorted((docs / code).rglob("*.md")):
                text = path.read_text(encoding="utf-8")
                for key, line in outline(text).citations:
                    if key not in bib.references:
                        close = bib.suggest(key)
                        hint = f" Did you mean {', '.join('@' + c for c in close)}?" if close else ""
                        problems.append(Problem(f"docs/{path.relative_to(docs).as_posix()}", line,
                                                f"unknown reference '@{key}'.{hint} Fix the key, or add the work to data/references.yml first."))
    return problems


def github_annotation(path: str, line: int, message: str, level: str = "error") -> str:
    """A GitHub Actions workflow command: the message shows on the pull request's line."""

    def prop(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")

    def data(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    return f"::{level} file={prop(path)},line={line}::{data(message)}"
