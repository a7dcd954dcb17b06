from selectolax.lexbor import LexborHTMLParser

from kf.core.tables import label_cells

TABLE = ("<p>Log</p><table><thead><tr><th>Date</th><th>Page <em>name</em></th><th></th></tr></thead>"
         "<tbody><tr><td>1 Dec</td><td><a href='x/'>X</a></td><td>why</td></tr>"
         "<tr><td>2 Dec</td><td>Y</td><td>because</td><td>extra</td></tr></tbody></table>")


def test_each_cell_gets_its_column_heading_and_the_table_its_roles():
    doc = LexborHTMLParser(label_cells(TABLE))
    rows = doc.css("tbody tr")
    assert [td.attributes.get("data-label") for td in rows[0].css("td")] == ["Date", "Page name", None]
    assert [td.attributes.get("data-label") for td in rows[1].css("td")] == ["Date", "Page name", None, None]
    assert doc.css_first("table").attributes["role"] == "table"
    assert {n.attributes["role"] for n in doc.css("tr")} == {"row"}
    assert doc.css_first("th").attributes["role"] == "columnheader" and doc.css_first("td").attributes["role"] == "cell"
    assert doc.css_first("td a").attributes["href"] == "x/"  # the rest of the page kept


def test_pages_without_a_header_row_or_a_table_are_unchanged():
    assert label_cells("<p>No table</p>") == "<p>No table</p>"
    plain = "<table><tbody><tr><td>a</td></tr></tbody></table>"
    assert label_cells(plain) == plain
    chart = "<figure><details><table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></details></figure>"
    assert label_cells(chart) == chart
