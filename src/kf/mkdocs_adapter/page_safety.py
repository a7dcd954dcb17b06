"""Safety and well-formedness of each page, with file:line and the fix, and its
Content-Security-Policy:
- raw HTML not on the allow-list (core/html_allowlist.py) fails the build; the check
  reads the HTML Python-Markdown made of the page, before our reader aids add markup;
- an id used twice in the finished text of the page (core/page_ids.py) fails the build;
- every written page and template gets its Content-Security-Policy <meta>, computed from
  what the page holds (core/csp.py, core/finish_page.py): the last change to a page.
"""

from __future__ import annotations

from kf.core.csp import PLACEHOLDER
from kf.core.finish_page import finish_page
from kf.core.html_allowlist import check_html
from kf.core.page_ids import check_ids
from kf.mkdocs_adapter.state import source_of, warn


def check_raw_html(html: str, page) -> None:
    for problem in check_html(html, source_of(page), f"docs/{page.file.src_uri}"):
        warn(problem)


def check_page_ids(page) -> None:
    # page.content is now the text as written into the page, with every reader aid drawn
    for problem in check_ids(page.content or "", source_of(page), f"docs/{page.file.src_uri}"):
        warn(problem)


def csp_placeholder(context) -> None:
    """Where the template writes the policy, filled in by finish()."""
    context["kf_csp"] = PLACEHOLDER


def finish(output: str, content: str | None = None) -> str:
    return finish_page(output, content)
