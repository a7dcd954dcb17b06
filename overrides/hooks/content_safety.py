"""Content safety and well-formedness of each page, with file:line and the fix:
- raw HTML not on the allow-list (htmlsafety.py) fails the build; the check reads the
  HTML that Python-Markdown made of the page, before our own hooks add their markup
  (glossary, citations), so the page is not converted a second time;
- an id used twice in the finished text of the page (pageids.py) fails the build."""

from mkdocs.plugins import event_priority

from hookutil import log, page_source
from htmlsafety import check_html
from pageids import check_ids


@event_priority(100)  # before the hooks that add markup to the content
def on_page_content(html, page, config, files):
    for problem in check_html(html, lambda: page_source(page), f"docs/{page.file.src_uri}"):
        log.warning(str(problem))
    return html


def on_post_page(output, page, config):
    # page.content is now the text as written into the page, with every reader aid drawn
    for problem in check_ids(page.content or "", lambda: page_source(page), f"docs/{page.file.src_uri}"):
        log.warning(str(problem))
    return output
