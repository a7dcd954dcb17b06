"""Charts drawn from data (src/kf/core/charts.py)."""

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from kf.core.charts import chart_html, load_charts

ROOT = Path(__file__).resolve().parents[2]


def test_real_chart_data_loads():
    charts, problems = load_charts((ROOT / "data/charts.yml").read_text(encoding="utf-8"), "data/charts.yml", ["fr", "en"])
    assert problems == [] and "noppers2011" in charts


def test_bars_table_and_text_carry_the_numbers_of_the_data():
    charts, _ = load_charts((ROOT / "data/charts.yml").read_text(encoding="utf-8"), "data/charts.yml", ["fr", "en"])
    chart = charts["noppers2011"]
    for lang in ("fr", "en"):
        doc = LexborHTMLParser(chart_html(chart, lang))
        bars = [(r.attributes["data-series"], int(r.attributes["data-value"])) for r in doc.css("rect[data-value]")]
        expected = [(s["id"], p["values"][s["id"]]) for p in chart["points"] for s in chart["series"]]
        assert bars == expected
        heights = [float(r.attributes["height"]) for r in doc.css("rect[data-value]")]
        values = [v for _, v in expected]
        # bar heights are proportional to the numbers
        assert all(abs(h / heights[0] - v / values[0]) < 0.01 for h, v in zip(heights, values))
        cells = [int(td.text()) for td in doc.css("table td")]
        assert cells == values
        desc = doc.css_first("svg desc").text()
        assert all(str(v) in desc for v in values)
        assert doc.css_first("svg").attributes["role"] == "img"
        assert "<!--kf-cite:noppers2011-->" in doc.css_first("figcaption").html  # cited, rendered later


def test_bad_chart_data_is_reported():
    text = "x:\n  reference: r\n  max: 12\n  title: {fr: a}\n  axis: {fr: a, en: b}\n  series: [{id: a, label: {fr: a, en: a}}]\n  points: []\n"
    charts, problems = load_charts(text, "data/charts.yml", ["fr", "en"])
    assert charts == {} and problems[0].line == 4 and "'title' needs a text in every language" in problems[0].message


def test_each_bad_value_is_reported_at_its_line_without_python_jargon():
    text = ("x:\n  reference: r\n  max: douze\n  title: {fr: a, en: b}\n  axis: {fr: a, en: b}\n"
            "  series: [{id: a, label: {fr: a, en: a}}]\n  points:\n    - label: {fr: a, en: b}\n"
            "      values: {a: -1}\n    - label: {fr: a}\n      values: {b: 1}\n")
    charts, problems = load_charts(text, "data/charts.yml", ["fr", "en"])
    found = [(p.line, p.message.split(": ", 1)[1]) for p in problems]
    assert charts == {}
    assert (3, "'max' must be a whole number above 0; found 'douze'. See the example at the top of the file.") in found
    assert any(line == 9 and "the value of 'a' must be a whole number" in m for line, m in found)
    assert any(line == 10 and "label in every language" in m for line, m in found)
    assert any(line == 11 and "a value for a" in m for line, m in found)
    assert not any("not supported between" in m or "KeyError" in m for _, m in found)
    import ast

    tree = ast.parse((ROOT / "src/kf/core/charts.py").read_text(encoding="utf-8"))
    assert not any(isinstance(node, ast.Assert) for node in ast.walk(tree))  # python -O would skip them
