"""Content safety of raw HTML in pages (src/kf/core/html_allowlist.py), through the CLI
and in the build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kf.core.html_allowlist import check_docs, check_markdown

from conftest import KF, run_kf

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("markdown", "line", "expected"),
    [
        ("# T\n\n<script>alert(1)</script>\n", 3, "<script> is not allowed"),
        ("# T\n\nText.\n\n<iframe src=\"https://video.example/x\"></iframe>\n", 5, "<iframe> is not allowed"),
        ("# T\n\n<object data=\"x.swf\"></object>\n", 3, "<object> is not allowed"),
        ("# T\n\n<style>body{}</style>\n", 3, "<style> is not allowed"),
        ("# T\n\n<p onclick=\"x()\">Hi</p>\n", 3, "the event handler onclick= is not allowed"),
        ("# T\n\n<img src=\"a.png\" onerror=\"x()\" alt=\"\">\n", 3, "onerror="),
        ("# T\n\n[click](javascript:alert(1))\n", 3, "a javascript: address is not allowed"),
        ("# T\n\n<a href=\"JavaScript:x()\">x</a>\n", 3, "javascript: address"),
        ("# T\n\n![chart](https://cdn.example/c.png)\n", 3, "loaded from another host (https://cdn.example/c.png)"),
        ("# T\n\n<video poster=\"//cdn.example/p.jpg\"></video>\n", 3, "<video> is not allowed"),
        # the allow-list: whatever is not listed is refused
        ("# T\n\nText.\n\n<link rel=\"stylesheet\" href=\"https://fonts.example/x.css\">\n", 5, "<link> is not allowed"),
        ("# T\n\n<a href=\"data:text/html,hi\">x</a>\n", 3, "a data: address is not allowed"),
        ("# T\n\n[x](data:text/html;base64,PHNjcmlwdD4=)\n", 3, "a data: address is not allowed"),
        ("# T\n\n<a href=\"//evil.example/x\">x</a>\n", 3, "has no scheme"),
        ("# T\n\n<img src=\"data:image/png;base64,AAAA\" alt=\"\">\n", 3, "a data: address is not allowed for a img"),
        ("# T\n\n<img srcset=\"a.png 1x, https://cdn.example/b.png 2x\" alt=\"\">\n", 3, "loaded from another host"),
        ("# T\n\n<span style=\"background: url(https://t.example/p.gif)\">x</span>\n", 3, "url() in style= is not allowed"),
        ("# T\n\n<span style=\"color: red\">x</span>\n", 3, "style= is only allowed for alignment"),
        ("# T\n\n<p hx-get=\"/x\">x</p>\n", 3, "the attribute hx-get= is not allowed on <p>"),
        ("# T\n\n<form action=\"https://x.example\"><input name=q></form>\n", 3, "<form> is not allowed"),
        ("# T\n\n<input type=\"text\" name=\"q\">\n", 3, "only allowed for tabs and task lists"),
        ("# T\n\n<svg><use href=\"https://x.example/s.svg#a\"></use></svg>\n", 3, "<use> is not allowed"),
        ("# T\n\n<marquee>Hi</marquee>\n", 3, "<marquee> is not allowed"),
        ("# T\n\n<custom-widget>Hi</custom-widget>\n", 3, "<custom-widget> is not allowed"),
        ("# T\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">\n", 3, "<meta> is not allowed"),
        ("# T\n\n<base href=\"https://x.example/\">\n", 3, "<base> is not allowed"),
        ("# T\n\n<a href=\"ftp://x.example/f\">f</a>\n", 3, "a ftp: address is not allowed"),
    ],
)
def test_unsafe_html_is_reported_with_its_line(markdown, line, expected):
    problems = check_markdown(markdown, "docs/fr/x.md")
    assert problems, "expected a problem"
    assert problems[0].line == line and expected in problems[0].message, problems


@pytest.mark.parametrize(
    "markdown",
    [
        "# T\n\n```html\n<script>alert(1)</script>\n```\n",
        "# T\n\nWrite `<script>` in code.\n",
        "# T\n\n![ok](../assets/figures/x.svg)\n\n[study](https://doi.org/10.1/x)\n",
        "# T\n\n<details><summary>More</summary>\n\nText.\n\n</details>\n",
        '# T\n\n<span class="x" lang="en">word</span>\n',
        # what editors can reasonably expect
        "# T\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n",  # aligned columns: style=\"text-align: ...\"
        '# T\n\n<figure><img src="../assets/figures/x.png" alt="x" width="300"><figcaption>C</figcaption></figure>\n',
        "# T\n\nH<sub>2</sub>O, x<sup>2</sup>, <abbr title=\"Haute Autorité de santé\">HAS</abbr>, <mark>m</mark>\n",
        "# T\n\nA note.[^1]\n\n[^1]: The note.\n",
        '# T\n\n=== "A"\n\n    One.\n\n=== "B"\n\n    Two.\n',
        '# T\n\n[mail](mailto:x@example.org), [call](tel:+33100000000), [top](#t)\n',
        '# T\n\n<svg viewBox="0 0 10 10" role="img" aria-label="x"><title>x</title><rect x="1" y="1" width="2" height="2" fill="currentColor"/></svg>\n',
        '# T\n\n<dl><dt>Term</dt><dd>Definition</dd></dl>\n\n<kbd>Ctrl</kbd> <time datetime="2026-12-01">1 Dec</time>\n',
    ],
)
def test_safe_markup_passes(markdown):
    assert check_markdown(markdown, "docs/fr/x.md") == []


def test_cli_and_real_pages(tmp_path):
    assert subprocess.run([*KF, "safety"], capture_output=True).returncode == 0
    docs = tmp_path / "docs"
    (docs / "fr").mkdir(parents=True)
    (docs / "fr" / "x.md").write_text("# T\n\n<script>x</script>\n", encoding="utf-8")
    result = run_kf("safety", "--docs", docs)
    assert result.returncode == 1 and result.stdout.startswith("docs/fr/x.md:3: <script> is not allowed")
    assert check_docs(ROOT / "docs", ("fr", "en")) == []


# The build stops on unsafe HTML too: see tests/test_bad_input.py (script, remote-stylesheet, ...).
