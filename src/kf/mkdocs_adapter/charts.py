"""Charts in pages: `<!-- kf:chart-<id> -->` becomes the chart of data/charts.yml, drawn in
the language of the page's text (core/charts.py)."""

from __future__ import annotations

from kf.core.charts import chart_html, load_charts
from kf.core.markers import find_markers, replace_marker
from kf.mkdocs_adapter.state import CHARTS_FILE


def _charts(run) -> tuple[dict, list]:
    return run.data_file(CHARTS_FILE, lambda text: ({}, []) if text is None else load_charts(text, CHARTS_FILE, run.codes))


def charts(run) -> dict:
    return _charts(run)[0]


def chart_problems(run) -> list:
    return _charts(run)[1]


def draw_charts(run, markdown: str, page) -> str:
    code, _ = run.page_info(page)
    for name, _line in find_markers(markdown):
        chart_id = name.removeprefix("chart-")
        if name.startswith("chart-") and chart_id in charts(run):
            markdown = replace_marker(markdown, name, chart_html(charts(run)[chart_id], code))
    return markdown
