"""Accessibility fix to Material's page markup, free of MkDocs (HTML in, HTML out).

The search dialog (`.md-search[role=dialog]`) has no name: it gets one. (Section
menus, unnamed landmarks in Material, are named by our copy of its nav-item partial:
overrides/partials/nav-item.html.)
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
    return changed
