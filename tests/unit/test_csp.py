"""Unit tests of the Content-Security-Policy builder (src/kf/core/csp.py)."""

import base64
import hashlib

from kf.core.csp import PLACEHOLDER, apply_policy, content_security_policy


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = f"""<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">
<script>var a = "é";</script>
<script id="__config" type="application/json">{{"base": "."}}</script>
<script src="x.js"></script>
<style>p{{color:red}}</style>
</head><body></body></html>"""


def test_inline_scripts_and_styles_are_allowed_by_hash_only():
    policy = content_security_policy(PAGE)
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' " + sha('var a = "é";')
    assert directives["style-src"] == "'self' " + sha("p{color:red}")
    assert "unsafe-inline" not in policy
    # nothing is evaluated: neither JavaScript's eval nor WebAssembly (search is plain JavaScript)
    assert "unsafe-eval" not in policy and "wasm" not in policy
    assert "http" not in policy  # no other origin


def test_apply_policy_fills_placeholder_once():
    out = apply_policy(PAGE)
    assert PLACEHOLDER not in out
    assert "script-src 'self' 'sha256-" in out
    assert apply_policy("<p>no placeholder</p>") == "<p>no placeholder</p>"
