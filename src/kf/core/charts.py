"""Charts drawn from data/charts.yml at build time, free of MkDocs.

`chart_html` writes a figure: an inline SVG bar chart (role="img", with a title and a
description giving every number), its caption, and a table of the same numbers.
Colours come from CSS classes (kf.css), so they follow the light and dark schemes;
each bar also carries its number, so colour is never the only cue.
"""

from __future__ import annotations

import html

from kf.core.problems import Problem
from kf.core.citations import placeholder
from kf.core.datafile import DataError, load_yaml
from kf.core.labels import LABELS as ALL_LABELS
from kf.core.typography import polish

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 20, 56
LABELS = {code: labels["charts"] for code, labels in ALL_LABELS.items()}


def load_charts(text: str, path: str, languages) -> tuple[dict, list[Problem]]:
    """Charts by id, and the problems found (with lines)."""
    try:
        data = load_yaml(text) or {}
    except DataError as exc:
        return {}, [Problem(path, exc.line, exc.message)]
    problems: list[Problem] = []
    charts = {}
    if not isinstance(data, dict):
        return {}, [Problem(path, 1, "the file must be a list of charts by id (see the example at the top of the file).")]
    for chart_id, chart in data.items():
        found = _chart_problems(chart, data.line_of(chart_id), languages)
        problems += [Problem(path, line, f"chart '{chart_id}': {message}. See the example at the top of the file.")
                     for line, message in found]
        if not found:
            charts[chart_id] = {**chart, "id": chart_id}
    return charts, problems


def _line(block, key, default: int) -> int:
    return block.line_of(key) if hasattr(block, "line_of") else default


def _chart_problems(chart, line: int, languages) -> list[tuple[int, str]]:
    """(line, message) for each thing wrong in one chart's data; plain checks, not
    assert (which `python -O` would skip)."""
    if not isinstance(chart, dict):
        return [(line, "a chart must be a block of keys (reference, max, title, axis, series, points)")]
    out: list[tuple[int, str]] = []
    if not chart.get("reference"):
        out.append((line, "'reference' (the source's id) is missing"))
    top = chart.get("max")
    if not isinstance(top, int) or isinstance(top, bool) or top <= 0:
        out.append((_line(chart, "max", line), f"'max' must be a whole number above 0; found {top!r}"))
        top = None
    for key in ("title", "axis"):
        if not isinstance(chart.get(key), dict) or not all(chart[key].get(code) for code in languages):
            out.append((_line(chart, key, line), f"'{key}' needs a text in every language ({', '.join(languages)})"))
    series = chart.get("series")
    if not isinstance(series, list) or not series or not all(isinstance(s, dict) and s.get("id") for s in series):
        return out + [(_line(chart, "series", line), "'series' must be a list of {id, label} blocks")]
    ids = [s["id"] for s in series]
    for s in series:
        if not isinstance(s.get("label"), dict) or not all(s["label"].get(code) for code in languages):
            out.append((_line(s, "label", line), f"series '{s['id']}' needs a label in every language"))
    points = chart.get("points")
    if not isinstance(points, list) or not points:
        return out + [(_line(chart, "points", line), "'points' must be a list of {label, values} blocks")]
    for index, point in enumerate(points):
        where = points.line_of(index) if hasattr(points, "line_of") else line
        if not isinstance(point, dict):
            out.append((where, "each point must be a block with 'label' and 'values'"))
            continue
        if not isinstance(point.get("label"), dict) or not all(point["label"].get(code) for code in languages):
            out.append((where, "each point needs a label in every language"))
        values = point.get("values")
        if not isinstance(values, dict) or set(values) != set(ids):
            out.append((_line(point, "values", where), f"each point needs a value for {', '.join(ids)}"))
            continue
        for name, value in values.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0 or (top is not None and value > top):
                out.append((_line(values, name, where),
                            f"the value of '{name}' must be a whole number between 0 and max ({top}); found {value!r}"))
    return out


def chart_svg(chart: dict, lang: str) -> str:
    esc = html.escape
    chart_id = chart.get("id", "chart")  # ids unique in a page with several charts
    series = chart["series"]
    points = chart["points"]
    top = chart["max"]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / len(points)
    bar_w = group_w * 0.7 / len(series)

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / top

    title = polish(chart["title"][lang], lang)
    desc = "; ".join(
        f"{polish(p['label'][lang], lang)}: "
        + ", ".join(f"{polish(s['label'][lang], lang)} {p['values'][s['id']]}" for s in series)
        for p in points
    )
    out = [
        f'<svg class="kf-chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="kf-chart-{chart_id}-title kf-chart-{chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="kf-chart-{chart_id}-title">{esc(title)}</title>',
        f'<desc id="kf-chart-{chart_id}-desc">{esc(polish(chart["axis"][lang], lang))}. {esc(desc)}.</desc>',
    ]
    for tick in range(0, top + 1, 2 if top > 6 else 1):
        out.append(f'<line class="kf-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>')
        out.append(f'<text class="kf-chart__tick" x="{LEFT - 8}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, point in enumerate(points):
        x0 = LEFT + i * group_w + group_w * 0.15
        for j, s in enumerate(series):
            value = point["values"][s["id"]]
            x = x0 + j * bar_w
            out.append(
                f'<rect class="kf-chart__bar kf-chart__bar--{j}" data-series="{esc(s["id"])}" data-value="{value}" '
                f'x="{x:.1f}" y="{y(value):.1f}" width="{bar_w - 4:.1f}" height="{y(0) - y(value):.1f}"/>'
            )
            out.append(f'<text class="kf-chart__value" x="{x + (bar_w - 4) / 2:.1f}" y="{y(value) - 5:.1f}" text-anchor="middle">{value}</text>')
        out.append(
            f'<text class="kf-chart__label" x="{LEFT + i * group_w + group_w / 2:.1f}" y="{HEIGHT - BOTTOM + 20}" '
            f'text-anchor="middle">{esc(polish(point["label"][lang], lang))}</text>'
        )
    legend_x = LEFT
    for j, s in enumerate(series):
        out.append(f'<rect class="kf-chart__bar kf-chart__bar--{j}" x="{legend_x}" y="{HEIGHT - 22}" width="14" height="14"/>')
        label = polish(s["label"][lang], lang)
        out.append(f'<text class="kf-chart__legend" x="{legend_x + 20}" y="{HEIGHT - 10}">{esc(label)}</text>')
        legend_x += 40 + 8 * len(label)
    out.append("</svg>")
    return "".join(out)


def chart_html(chart: dict, lang: str) -> str:
    """The figure: chart, caption (title, axis, source citation) and the table of numbers."""
    esc = html.escape
    labels = LABELS[lang]
    series = chart["series"]
    head = "".join(f'<th scope="col">{esc(polish(s["label"][lang], lang))}</th>' for s in series)
    rows = "".join(
        f'<tr><th scope="row">{esc(polish(p["label"][lang], lang))}</th>'
        + "".join(f"<td>{p['values'][s['id']]}</td>" for s in series)
        + "</tr>"
        for p in chart["points"]
    )
    return (
        f'<figure class="kf-chart">{chart_svg(chart, lang)}'
        f'<figcaption><strong>{esc(polish(chart["title"][lang], lang))}.</strong> '
        f'{esc(polish(chart["axis"][lang], lang))}. {placeholder([chart["reference"]])}</figcaption>'
        f'<details class="kf-chart__data"><summary>{labels["table"]}</summary>'
        f'<table><thead><tr><th scope="col">{labels["when"]}</th>{head}</tr></thead><tbody>{rows}</tbody></table>'
        f"</details></figure>"
    )
