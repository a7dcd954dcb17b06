"""The glossary matchers of terms.py follow the glossary when it is reloaded (e.g.
`mkdocs serve` after an edit): a matcher is never reused for another glossary, even
one that Python places at the address of the old one (the same id())."""

from __future__ import annotations

import terms
from glossary import load_glossary

ENTRY = """\
- id: {id}
  fr: {{term: {id}, definition: Un mot.}}
  en: {{term: {id}, definition: A word.}}
"""


def test_a_reloaded_glossary_gets_its_own_matcher(monkeypatch):
    current = {}
    monkeypatch.setattr(terms, "glossary_data", lambda config: current["g"])
    # A freed object's address is reused by CPython: make every object share one id(),
    # the worst case, deterministically.
    monkeypatch.setattr(terms, "id", lambda obj: 42, raising=False)
    for word in ("alpha", "beta", "gamma"):
        current["g"] = load_glossary(ENTRY.format(id=word), "data/glossary.yml", ["fr", "en"])
        matcher = terms._matcher(None, "fr")
        assert set(matcher.ids) == {word}, f"the matcher of an older glossary was reused for {word!r}"
        assert terms._matcher(None, "fr") is matcher  # and it is kept while the glossary is the same
