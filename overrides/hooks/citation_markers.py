"""Numbered citation markers with previews, the reference list under each page that
cites (citations.render_citations), and the "Cited in" lines of the bibliography page.

This runs once the search plugin has indexed the page (its priority is 0): the index
then holds the page's own words, not citation numbers, previews or reference lists,
and the search plugin has far less markup to read. The citations were checked and
recorded earlier, when the page's content was rendered (references.py).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from citations import CITED_IN_PLACEHOLDER, render_citations
from hookutil import EVIDENCE_PAGE, bibliography, link_to, page_info


@event_priority(-50)  # after the search plugin and the glossary terms (terms.py): terms are not marked in previews
def on_page_context(context, page, config, nav):
    cited_in = getattr(page, "kf_cited_in", None)  # the bibliography page (references.py)
    if cited_in and page.content:
        page.content = CITED_IN_PLACEHOLDER.sub(lambda m: cited_in.get(m.group(1), ""), page.content)
    if page.content and "<!--kf-cite:" in page.content:
        code, _ = page_info(page, config)
        page.content = render_citations(page.content, bibliography(config), code, link_to(page, config, EVIDENCE_PAGE)).html
    return context
