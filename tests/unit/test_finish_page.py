"""Unit tests of the last pass over a built page (src/kf/core/finish_page.py)."""

from selectolax.lexbor import LexborHTMLParser

from kf.core.finish_page import ASIDE_END, ASIDE_START, finish_page
from kf.core.csp import PLACEHOLDER

CONTENT = '<h1 id="t">Titre</h1><p>Un <span class="kf-term"><a href="#x">terme</a></span> &amp; du texte.</p>'


def page(content: str) -> str:
    return f"""<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">
<script>var scope = "./";</script>
</head><body>
<div class="md-search" data-md-component="search" role="dialog"><input></div>
{ASIDE_START}<nav class="md-nav" aria-label="Articles"><a href="../">Articles</a><ul><li>x</li></ul></nav>{ASIDE_END}
<article class="md-content__inner">{content}</article>
</body></html>"""


def policy(html: str) -> str:
    return LexborHTMLParser(html).css_first("meta[http-equiv]").attributes["content"]


def test_the_page_gets_its_policy():
    out = finish_page(page(CONTENT), CONTENT)
    doc = LexborHTMLParser(out)
    assert doc.css_first("nav").attributes.get("aria-label") == "Articles"  # left as it was
    assert ASIDE_START not in out and ASIDE_END not in out
    assert policy(out).startswith("default-src 'none'") and "'sha256-" in policy(out)


def test_leaving_parts_out_of_the_parse_changes_nothing_else():
    html = page(CONTENT)
    unmarked = html.replace(ASIDE_START, "").replace(ASIDE_END, "")
    aside, whole = finish_page(html, CONTENT), finish_page(unmarked, None)  # whole: all parsed
    assert aside == whole  # the same page, the same policy
    assert aside == html.replace(ASIDE_START, "").replace(ASIDE_END, "").replace(PLACEHOLDER, policy(aside))


def test_text_with_inline_script_or_style_is_parsed_and_allowed_by_hash():
    for content in (CONTENT + "<svg><style>.a{fill:red}</style></svg>", CONTENT + "<script>x()</script>"):
        with_text = policy(finish_page(page(content), content))
        without = policy(finish_page(page(CONTENT), CONTENT))
        assert with_text != without  # the text's inline code has its own hash


def test_a_marked_part_with_inline_code_is_parsed_with_the_rest():
    html = page(CONTENT).replace(ASIDE_END, "<script>menu()</script>" + ASIDE_END)
    assert policy(finish_page(html, CONTENT)) != policy(finish_page(page(CONTENT), CONTENT))
    assert ASIDE_START not in finish_page(html, CONTENT)


def test_text_not_found_in_the_page_is_harmless():
    assert PLACEHOLDER not in finish_page(page(CONTENT), "<p>elsewhere</p>")
