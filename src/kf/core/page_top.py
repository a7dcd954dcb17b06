"""What an article shows right under its title, free of MkDocs (HTML in, HTML out):

- one line with its review record ("Last reviewed: … · Next review due: … · Reviewed
  by: …"; the full record and the disclaimer stay after the text);
- on phones and tablets, a folded "On this page" list of its sections (Material shows
  the table of contents beside the text from 1220 px only; below, it is inside the
  menu drawer, where a reader does not look for it).

Both go after the page's title, the first element MkDocs writes for a page whose
Markdown starts with "# Title"; a page without one gets them first.
"""

from __future__ import annotations

import html

from selectolax.lexbor import LexborHTMLParser


def insert_after_title(content: str, fragment: str) -> str:
    """content with fragment right after its first element when that element is an
    <h1> (the page's title), else before everything."""
    if not fragment:
        return content
    body = LexborHTMLParser(content).body
    first = body.child if body is not None else None
    while first is not None and first.tag == "-text" and not (first.text_content or "").strip():
        first = first.next
    if first is not None and first.tag == "h1":
        # An <h1> holds no <h1>: its first end tag in the text is its own.
        end = content.find("</h1>")
        if end != -1:
            end += len("</h1>")
            return content[:end] + fragment + content[end:]
    return fragment + content


def review_line_html(review: dict) -> str:
    """The review record in one line. review: the template's kf_review (core/review.py's
    review_dates with the review_* labels)."""
    items = [
        f'{html.escape(review["review_last"])} <time datetime="{review["last_iso"]}">{html.escape(review["last"])}</time>',
        f'{html.escape(review["review_next"])} <time datetime="{review["next_iso"]}">{html.escape(review["next"])}</time>',
    ]
    if review.get("reviewer"):
        items.append(f'{html.escape(review["review_by"])} {html.escape(review["reviewer"])}')
    joined = '<span class="kf-review-line__sep" aria-hidden="true"> · </span>'.join(
        f'<span class="kf-review-line__item">{item}</span>' for item in items)
    return f'<p class="kf-review-line">{joined}</p>'


def on_this_page_html(sections: list[tuple[str, str]], label: str) -> str:
    """A folded list of the page's sections: (id, title) pairs, in order. Nothing for a
    page with fewer than two sections."""
    if len(sections) < 2:
        return ""
    items = "".join(f'<li><a href="#{html.escape(anchor, quote=True)}">{html.escape(title)}</a></li>'
                    for anchor, title in sections)
    name = html.escape(label, quote=True)
    return (f'<nav class="kf-onpage" aria-label="{name}"><details><summary>{html.escape(label)}</summary>'
            f'<ul>{items}</ul></details></nav>')
