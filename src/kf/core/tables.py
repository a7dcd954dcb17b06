"""Tables that phones can read, free of MkDocs (HTML in, HTML out): each data cell gets
its column's heading as `data-label`, so that below 45em kf.css shows a wide table as
one card per row ("Date: …", "Page: …", "Why: …") instead of columns off-screen. The
table keeps its table roles for screen readers (`role` attributes: a table shown as
blocks loses them in some browsers). Only tables of 4 columns or more are stacked (kf.css
`:has`); a narrower one fits a phone.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tr": "row", "th": "columnheader", "td": "cell"}


def _in_figure(node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "figure":
            return True
        parent = parent.parent
    return False


def label_cells(page_html: str) -> str:
    """page_html with every <td> of a table with a header row labelled by its column's
    heading (and table roles set). HTML without such a table comes back unchanged."""
    if "<table" not in page_html:
        return page_html
    doc = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{page_html}")
    changed = False
    for table in doc.css("table"):
        if _in_figure(table):  # a chart's data (core/charts.py): small, kept as is
            continue
        header = table.css_first("thead tr")
        if header is None:
            continue
        headings = [" ".join(th.text(deep=True).split()) for th in header.css("th")]
        for row in table.css("tbody tr"):
            for number, cell in enumerate(row.css("td")):
                if number < len(headings) and headings[number]:
                    cell.attrs["data-label"] = headings[number]
        for node in [table, *table.css("thead, tbody, tr, th, td")]:
            node.attrs["role"] = ROLES[node.tag]
        changed = True
    return doc.body.inner_html if changed else page_html
