"""Charts in pages: `<!-- kf:chart-<id> -->` becomes the chart of data/charts.yml,
drawn in the language of the page's text (charts.py)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from charts import chart_html, load_charts
from hookutil import data_file, is_default_build, languages, log, page_info
from markers import find_markers, replace_marker

DATA_FILE = "data/charts.yml"


def _charts(config) -> tuple[dict, list]:
    codes = [lang.code for lang in languages(config)]
    return data_file(config, DATA_FILE, lambda text: ({}, []) if text is None else load_charts(text, DATA_FILE, codes))


def charts(config) -> dict:
    return _charts(config)[0]


@event_priority(-150)
def on_config(config):
    if is_default_build(config):
        for problem in _charts(config)[1]:
            log.warning(str(problem))
    return config


def on_page_markdown(markdown, page, config, files):
    code, _ = page_info(page, config)
    for name, _line in find_markers(markdown):
        chart_id = name.removeprefix("chart-")
        if name.startswith("chart-") and chart_id in charts(config):
            markdown = replace_marker(markdown, name, chart_html(charts(config)[chart_id], code))
    return markdown
