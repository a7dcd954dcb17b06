"""Charts drawn from data/charts.yml at build time, free of MkDocs.

`chart_html` writes a figure: an inline SVG bar chart (role="img", with a title and a
description giving every number), its caption, and a table of the same numbers.
Colours come from CSS classes (kf.css), so they follow the light and dark schemes;
each bar also carries its number, so colour is never the only cue.
"""

from __future__ import annotations

import html

from bilingual import Problem
from citations import placeholder
from datafile import DataError, load_yaml
from typography import polish

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 20, 56
LABELS = {
    "fr": {"source": "Source", "table": "Les chiffres du graphique", "when": "Moment"},
    "en": {"source": "Source", "table": "The numbers in the chart", "when": "Time"},
}


def load_charts(text: str, path: str, languages) -> tuple[dict, list[Problem]]:
    """Charts by id, and the problems found (with lines)."""
    try:
        data = load_yaml(text) or {}
    except DataError as exc:
        return {}, [Problem(path, exc.line, exc.message)]
    problems: list[Problem] = []
    charts = {}
    for chart_id, chart in data.items():
        line = data.line_of(chart_id)
        try:
            series = [s["id"] for s in chart["series"]]
            for key in ("title", "axis"):
                assert all(chart[key].get(code) for code in languages), f"'{key}' needs every language"
            for point in chart["points"]:
                assert all(point["label"].get(code) for code in languages), "each point needs a label in every language"
                assert set(point["values"]) == set(series), f"each point needs a value for {', '.join(series)}"
                assert all(isinstance(v, int) and 0 <= v <= chart["max"] for v in point["values"].values()), "values must be whole numbers between 0 and max"
            assert chart.get("reference"), "'reference' (the source's id) is missing"
        except (AssertionError, KeyError, TypeError, AttributeError) as exc:
            problems.append(Problem(path, line, f"chart '{chart_id}': {exc}. See the example at the top of the file."))
            continue
        charts[chart_id] = chart
    return charts, problems


def chart_svg(chart: dict, lang: str) -> str:
    esc = html.escape
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
        f'aria-labelledby="kf-chart-title kf-chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="kf-chart-title">{esc(title)}</title>',
        f'<desc id="kf-chart-desc">{esc(polish(chart["axis"][lang], lang))}. {esc(desc)}.</desc>',
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
