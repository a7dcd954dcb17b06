"""Accessibility fixes to Material's page markup, free of MkDocs (HTML in, HTML out).

- The search dialog (`.md-search[role=dialog]`) has no name: it gets one.
- Section menus are `<nav aria-labelledby=...>` pointing at a label that holds only an
  icon (with navigation.indexes the section's name is in the link next to it), so
  every such menu is an unnamed landmark: it is named after its section.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser


def fix_accessibility(html: str, search_label: str) -> str:
    doc = LexborHTMLParser(html)
    return doc.html if fix_tree(doc, search_label) else html


def fix_tree(doc, search_label: str) -> bool:
    """Fix a parsed page in place; True if anything changed."""
    changed = False
    for dialog in doc.css('.md-search[role="dialog"]'):
        if not dialog.attributes.get("aria-label"):
            dialog.attrs["aria-label"] = search_label
            changed = True
    for nav in doc.css("nav[aria-labelledby]"):
        label = doc.css_first("#" + nav.attributes["aria-labelledby"]) if nav.attributes["aria-labelledby"] else None
        if label is not None and label.text(strip=True):
            continue
        container = label.parent if label is not None else None
        link = container.css_first("a") if container is not None else None
        name = link.text(strip=True) if link is not None else ""
        if name:
            del nav.attrs["aria-labelledby"]
            nav.attrs["aria-label"] = name
            changed = True
    return changed
