"""Unknown or misplaced `<!-- kf:name -->` markers fail the build (core/markers.py). The
steps that own a marker (glossary, bibliography, charts) replace it later."""

from __future__ import annotations

from kf.core.care import CARD_MARKERS
from kf.core.markers import find_markers, marker_problems
from kf.mkdocs_adapter.charts import charts
from kf.core.problems import Problem
from kf.mkdocs_adapter.state import MARKER_PAGES, page_line_offset, warn


def check_markers(run, markdown: str, page) -> None:
    _, key = run.page_info(page)
    allowed = {**MARKER_PAGES, **{f"chart-{chart_id}": None for chart_id in charts(run)},
               **{name: None for name in CARD_MARKERS}}
    problems = marker_problems(find_markers(markdown), allowed, key)
    if problems:
        offset = page_line_offset(page)
        for line, message in problems:
            warn(Problem(f"docs/{page.file.src_uri}", offset + line, message))
