from kf.core.page_top import insert_after_title, on_this_page_html, review_line_html

REVIEW = {"review_last": "Last reviewed:", "last": "1 December 2026", "last_iso": "2026-12-01",
          "review_next": "Next review due:", "next": "1 December 2028", "next_iso": "2028-12-01",
          "review_by": "Reviewed by:", "reviewer": "Editorial team"}


def test_goes_right_after_the_title():
    content = '<h1 id="t">A <em>title</em><a class="headerlink" href="#t">¶</a></h1>\n<p>Text</p>'
    assert insert_after_title(content, "<p>X</p>") == content.replace("</h1>", "</h1><p>X</p>")


def test_a_page_without_a_title_gets_it_first():
    assert insert_after_title("<p>Text</p><h1>Late</h1>", "<p>X</p>") == "<p>X</p><p>Text</p><h1>Late</h1>"
    assert insert_after_title("\n<h2>Not a title</h2>", "<p>X</p>") == "<p>X</p>\n<h2>Not a title</h2>"
    assert insert_after_title("<h1>T</h1>", "") == "<h1>T</h1>"


def test_review_line_has_both_dates_and_the_reviewer_escaped():
    line = review_line_html({**REVIEW, "reviewer": "A & B"})
    assert '<time datetime="2026-12-01">1 December 2026</time>' in line
    assert '<time datetime="2028-12-01">1 December 2028</time>' in line
    assert "Reviewed by: A &amp; B" in line
    assert "Reviewed by" not in review_line_html({**REVIEW, "reviewer": ""})


def test_on_this_page_lists_sections_in_order_and_needs_two():
    nav = on_this_page_html([("a", "Why?"), ("b", "Risks & harms")], "On this page")
    assert nav.startswith('<nav class="kf-onpage" aria-label="On this page"><details><summary>On this page</summary>')
    assert nav.index('href="#a"') < nav.index('href="#b"') and "Risks &amp; harms" in nav
    assert on_this_page_html([("a", "Only one")], "On this page") == ""
