"""Charts in pages: `<!-- kf:chart-<id> -->` becomes the chart of data/charts.yml,
drawn in the language of the page's text (charts.py)."""

from __future__ import annotations

import os

from mkdocs.plugins import event_priority

from charts import chart_html, load_charts
from hookutil import is_default_build, languages, log, page_info
from markers import find_markers, replace_marker

DATA_FILE = "data/charts.yml"
_cache: dict = {}


def charts(config) -> dict:
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    path = os.path.join(root, DATA_FILE)
    stamp = os.stat(path).st_mtime_ns if os.path.exists(path) else None
    if _cache.get("key") != (path, stamp):
        found, problems = ({}, []) if stamp is None else load_charts(
            open(path, encoding="utf-8").read(), DATA_FILE, [lang.code for lang in languages(config)]
        )
        _cache.clear()
        _cache.update(key=(path, stamp), charts=found, problems=problems)
    return _cache["charts"]


@event_priority(-150)
def on_config(config):
    charts(config)
    if is_default_build(config):
        for problem in _cache["problems"]:
            log.warning(str(problem))
    return config


def on_page_markdown(markdown, page, config, files):
    code, _ = page_info(page, config)
    for name, _line in find_markers(markdown):
        chart_id = name.removeprefix("chart-")
        if name.startswith("chart-") and chart_id in charts(config):
            markdown = replace_marker(markdown, name, chart_html(charts(config)[chart_id], code))
    return markdown
