"""Unknown or misplaced `<!-- kf:name -->` markers fail the build (see markers.py).

The hooks that own a marker (terms.py for the glossary) replace it later.
"""

from mkdocs.plugins import event_priority

from figures import charts
from hookutil import MARKER_PAGES, log, page_info, page_line_offset
from markers import find_markers, marker_problems


@event_priority(50)  # before the hooks that replace the markers
def on_page_markdown(markdown, page, config, files):
    _, key = page_info(page, config)
    allowed = {**MARKER_PAGES, **{f"chart-{chart_id}": None for chart_id in charts(config)}}
    problems = marker_problems(find_markers(markdown), allowed, key)
    if problems:
        offset = page_line_offset(page)
        for line, message in problems:
            log.warning(f"docs/{page.file.src_uri}:{offset + line}: {message}")
    return markdown
