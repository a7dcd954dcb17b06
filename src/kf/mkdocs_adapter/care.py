"""When to get help (core/care.py): the help numbers of each language read once per run,
`<!-- kf:care-card -->` drawn from them, the care card required where a reader needs it
(an article about a treatment, a page whose front matter says `care_card: true`, or
`care_card: crisis` for a page about mood), and the level in words on the warning-sign
boxes."""

from __future__ import annotations

from kf.core.care import CARD_MARKERS, care_card_html, check_care, help_file, label_levels, load_help
from kf.core.labels import STRINGS
from kf.core.markers import find_markers, replace_marker
from kf.core.problems import line_of
from kf.mkdocs_adapter.review_records import is_article
from kf.mkdocs_adapter.state import source_of, warn


def help_numbers(run, code: str):
    path = help_file(code)
    return run.data_file(path, lambda text: load_help(text, path))


def help_problems(run) -> list:
    return [problem for lang in run.languages for problem in help_numbers(run, lang.code).problems]


def draw_care_cards(run, markdown: str, page) -> str:
    code, _ = run.page_info(page)
    for name, _line in find_markers(markdown):
        if name in CARD_MARKERS:
            card = care_card_html(help_numbers(run, code), STRINGS[code], code, crisis=name == "care-card-crisis")
            markdown = replace_marker(markdown, name, card)
    return markdown


def check_care_cards(run, html: str, page) -> None:
    """Run after citations.check_citations, which records the treatments a page cites."""
    code, key = run.page_info(page)
    if code != run.language:  # a page shown in place of a missing translation
        return
    wanted = page.meta.get("care_card")
    required = "crisis" if wanted == "crisis" else "card" if wanted or (
        is_article(key) and getattr(page, "kf_treatments", None)) else None
    source = source_of(page)
    for problem in check_care(html, f"docs/{page.file.src_uri}", lambda needle: line_of(source(), needle), required):
        warn(problem)


def label_care_levels(run, page) -> None:
    page.content = label_levels(page.content, STRINGS[run.page_info(page)[0]])
