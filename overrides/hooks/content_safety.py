"""Unsafe raw HTML in a page fails the build (htmlsafety.py), with file:line and the fix.

The check reads the HTML that Python-Markdown made of the page, before our own hooks add
their markup (glossary, citations), so the page is not converted a second time."""

from mkdocs.plugins import event_priority

from hookutil import log
from htmlsafety import check_html


@event_priority(100)  # before the hooks that add markup to the content
def on_page_content(html, page, config, files):
    def source() -> str:
        with open(page.file.abs_src_path, encoding="utf-8") as fh:
            return fh.read()

    for problem in check_html(html, source, f"docs/{page.file.src_uri}"):
        log.warning(str(problem))
    return html
