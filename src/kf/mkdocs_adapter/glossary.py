"""The glossary: the glossary page of each language, and the tooltips of the terms.

- On the glossary page, `<!-- kf:glossary -->` becomes the entries of the page's
  language (core/glossary.glossary_markdown).
- On every other page, the first occurrence of each term becomes a link to its entry
  with the definition as a tooltip (core/glossary.mark_terms), in the language of the
  page's text: a page shown in place of a missing translation keeps its own language.
"""

from __future__ import annotations

from kf.core.glossary import glossary_markdown, mark_terms
from kf.core.labels import STRINGS
from kf.core.markers import find_markers, replace_marker
from kf.core.site_paths import relative_url, site_path
from kf.core.problems import Problem
from kf.mkdocs_adapter.state import GLOSSARY_PAGE, page_line_offset, warn


def glossary_page(run, markdown: str, page) -> str:
    code, key = run.page_info(page)
    if key != GLOSSARY_PAGE:
        return markdown
    if not any(name == "glossary" for name, _ in find_markers(markdown)):
        warn(Problem(
            f"docs/{page.file.src_uri}", page_line_offset(page) + 1, "the glossary page has no "
            "<!-- kf:glossary --> line, so it would show no entries. Add that line, alone, "
            "where the entries should appear."
        ))
        return markdown
    others = [lang.code for lang in run.languages if lang.code != code]
    labels = {
        "other": STRINGS[code]["glossary_other"],
        "see_also": STRINGS[code]["glossary_see_also"],
        "letters": STRINGS[code]["glossary_letters"],
    }
    return replace_marker(markdown, "glossary", glossary_markdown(run.glossary, code, others[0] if others else None, labels))


def mark_glossary_terms(run, page) -> None:
    """Tooltips on the first occurrence of each term, once the page's text is final."""
    code, key = run.page_info(page)
    if key == GLOSSARY_PAGE or not page.content:
        return
    target = relative_url(page.url, site_path(GLOSSARY_PAGE, run.language, run.default))
    page.content, _ = mark_terms(page.content, run.glossary, code, lambda entry_id: f"{target}#{entry_id}",
                                 run.matcher(code))
