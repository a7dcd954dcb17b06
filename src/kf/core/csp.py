"""Content-Security-Policy for a built page: pure function, HTML text in, text out.

The policy allows nothing from another origin. Material's inline scripts (theme and
palette set-up, which differ from page to page) are allowed by their SHA-256 hash
rather than by 'unsafe-inline'. Nothing may be evaluated: no 'unsafe-eval', and no
'wasm-unsafe-eval' (search is plain JavaScript, kf-search.js, with no WebAssembly).
"""

from __future__ import annotations

import base64
import hashlib

from selectolax.lexbor import LexborHTMLParser

#: Written by overrides/main.html, replaced by the policy once the page is rendered.
PLACEHOLDER = "__KF_CONTENT_SECURITY_POLICY__"

_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(html: str) -> str:
    """The strictest policy this page works with."""
    return policy_of(LexborHTMLParser(html))


def policy_of(tree) -> str:
    """content_security_policy of a parsed page."""
    scripts = sorted(
        {
            _digest(node.text(deep=True))
            for node in tree.css("script")
            if "src" not in node.attributes
            and (node.attributes.get("type") or "").strip().lower() in _JS_TYPES
        }
    )
    styles = sorted({_digest(node.text(deep=True)) for node in tree.css("style")})
    directives = [
        "default-src 'none'",
        " ".join(["script-src 'self'", *scripts]),
        "style-src 'self' " + " ".join(styles) if styles else "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
    return "; ".join(directives)


def apply_policy(html: str) -> str:
    """Fill the page's CSP placeholder with its policy (pages without one are unchanged)."""
    if PLACEHOLDER not in html:
        return html
    return html.replace(PLACEHOLDER, content_security_policy(html), 1)
