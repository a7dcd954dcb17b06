from selectolax.lexbor import LexborHTMLParser

from kf.core.print_sheet import mark_sheet

PAGE = ('<h1 id="t">Title</h1><p class="kf-review-line">Reviewed</p><div class="admonition answer"><p>A</p></div>'
        '<div class="admonition abstract"><ul><li>K</li></ul></div><h2 id="trials">Trials</h2><p>Long text</p>'
        '<h2 id="for-you">For you</h2><p>Ask:</p><ul><li>Q1?</li><li>Q2?</li></ul><div class="kf-care">Call</div>'
        '<section class="kf-references-section"><h2 id="references">References</h2></section>')


def test_the_sheet_is_the_answer_the_points_the_questions_and_the_card():
    doc = LexborHTMLParser(mark_sheet(PAGE, "Print a sheet", "example.org/page · reviewed 1 Dec 2026"))
    marked = [n.tag + "".join("." + c for c in n.attributes["class"].split() if c != "kf-sheet")
              for n in doc.css(".kf-sheet")]
    assert marked == ["h1", "div.admonition.answer", "div.admonition.abstract", "h2", "p",
                      "ul.kf-sheet__questions", "div.kf-care", "p.kf-sheet__address"]
    assert doc.css_first("ul.kf-sheet__questions li").text() == "Q1?"
    assert doc.css_first("#trials").attributes.get("class") is None  # the details stay on screen only
    assert "kf-sheet" not in (doc.css_first("section").attributes.get("class") or "")
    button = doc.css_first("h2#for-you + p.kf-print[hidden] > button[data-kf-print]")
    assert button.attributes["type"] == "button" and button.text() == "Print a sheet"
    assert doc.css_first("div.kf-care + p.kf-sheet__address").text() == "example.org/page · reviewed 1 Dec 2026"


def test_lists_of_questions_elsewhere_on_the_page_are_on_the_sheet_too():
    page = PAGE.replace('<p>Long text</p>', '<p>Long text</p><ul><li>Ask this? It helps.</li><li>And that?</li><li>A fact.</li></ul><ul><li>A fact.</li><li>Why?</li></ul>')
    doc = LexborHTMLParser(mark_sheet(page, "Print", "a"))
    assert "kf-sheet" in doc.css_first("h2#trials").attributes["class"]
    lists = doc.css("h2#trials ~ ul")
    assert "kf-sheet__questions" in lists[0].attributes["class"] and lists[1].attributes.get("class") is None
    assert "kf-sheet" not in doc.css_first(".admonition.abstract").attributes["class"]  # one page: no key points
    assert "kf-sheet" in doc.css_first(".admonition.answer").attributes["class"]


def test_a_page_without_advice_section_is_unchanged():
    assert mark_sheet("<h1>T</h1><p>x</p>", "Print", "a") == "<h1>T</h1><p>x</p>"
