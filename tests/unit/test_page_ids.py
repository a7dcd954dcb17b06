"""Ids used twice in a page (src/kf/core/page_ids.py)."""

from __future__ import annotations

from kf.core.page_ids import check_ids, duplicate_ids, id_line


def test_duplicates_are_found_once_each_in_order():
    html = '<h2 id="a">A</h2><p id="b"></p><h2 id="a">A</h2><span id="b"></span><i id="a"></i><b id="c"></b>'
    assert duplicate_ids(html) == ["a", "b"]
    assert duplicate_ids('<h2 id="a"></h2><h2 id="a_1"></h2>') == []


def test_the_line_is_the_second_explicit_id():
    md = "---\nt: x\n---\n\n## Trials {#trials}\n\nText #trials here.\n\n## More {: #trials .x}\n"
    assert id_line(md, "trials") == 9
    assert id_line('<p id="x">1</p>\n<div id=\'x\'>2</div>\n', "x") == 2
    assert id_line("## A {#trials-2}\n## B {#trials}\n", "trials") == 2  # not a prefix of another id
    assert id_line("no id here\n", "zz") == 1


def test_problem_names_the_file_line_and_fix():
    md = "# T\n\n## A {#trials}\n\n## B {#trials}\n"
    problems = check_ids('<h1 id="t"></h1><h2 id="trials"></h2><h2 id="trials"></h2>', lambda: md, "docs/fr/x.md")
    assert len(problems) == 1 and (problems[0].path, problems[0].line) == ("docs/fr/x.md", 5)
    assert 'the id "trials" is used twice' in problems[0].message and "{#trials}" in problems[0].message
    assert check_ids('<h2 id="a"></h2>', lambda: 1 / 0, "p") == []  # the source is read only when needed
