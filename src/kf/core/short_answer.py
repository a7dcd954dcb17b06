"""The answer first, free of MkDocs: an article about a treatment (one that cites a work
reporting a treatment's effect, as core/harms.py knows them) opens, right under its
title, with a short answer that an editor writes in its Markdown:

    # Title

    !!! answer "In short"

        Two or three sentences: what the evidence says, the main risk, what to do,
        each with its sources [@key].

The rule reads the page's HTML as Python-Markdown made it (citations still placeholders).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from kf.core.citations import PLACEHOLDER
from kf.core.problems import Problem

CLASS = "answer"
#: More than this is no longer short (the key points follow it).
MAX_SENTENCES = 4
MAX_WORDS = 90
HOW = ('right after the "# Title" line, write a block « !!! answer "En bref" » / "!!! answer \\"In short\\"" '
       "with two or three indented sentences: what the evidence says, the main risk, what to do, each with its "
       "sources [@key] (CONTRIBUTING, « Réponse courte » / \"Short answer\")")
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def _elements(node):
    while node is not None:
        if node.tag != "-text" and node.tag != "-comment":
            yield node
        node = node.next


def check_short_answer(html: str, path: str, locate) -> list[Problem]:
    """Problems of an article about a treatment under the rule above. locate(text) -> line
    of the page's source."""
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}")
    body = tree.body
    elements = list(_elements(body.child)) if body is not None else []
    answers = tree.css(f"div.admonition.{CLASS}")
    title_line = locate("# ")
    if not answers:
        return [Problem(path, title_line, f"this article is about a treatment but has no short answer under its title; {HOW}.")]
    answer = answers[0]
    first = elements[1] if elements and elements[0].tag == "h1" and len(elements) > 1 else (elements[0] if elements else None)
    line = locate(f"!!! {CLASS}")
    problems = []
    if first is None or first.html != answer.html:
        problems.append(Problem(path, line, "the short answer must come first, right under the title (before the key "
                                            "points): move the « !!! answer » block up to just after the \"# Title\" line."))
    title = answer.css_first(".admonition-title")
    text_html = answer.html or ""
    if title is not None:
        text_html = text_html.replace(title.html or "", "", 1)
    if not PLACEHOLDER.search(text_html):
        problems.append(Problem(path, line, "the short answer cites no source. Cite the works that say what it says "
                                            "([@key]), as for any other fact."))
    text = LexborHTMLParser(text_html).text(deep=True)
    text = PLACEHOLDER.sub(" ", text)
    words = sum(1 for token in text.split() if any(c.isalnum() for c in token))  # not « : » or a lone "."
    sentences = len(_SENTENCE_END.findall(text.strip()))
    if sentences > MAX_SENTENCES or words > MAX_WORDS:
        problems.append(Problem(path, line, f"the short answer has {sentences} sentences and {words} words; keep it to "
                                            f"two or three sentences (at most {MAX_SENTENCES}, {MAX_WORDS} words): the "
                                            "details belong in the sections below."))
    return problems
