"""The search build's logic (src/kf/core/search_index.py): query words, glossary and
lay-word groups, the vocabulary for typos, editors' mistakes in data/search-synonyms.yml,
and Pagefind's command line."""

from __future__ import annotations

import sys

import pytest

from kf.core.glossary import load_glossary
from kf.core.search_index import (
    EXCLUDE_SELECTORS,
    SearchBuildError,
    load_synonyms,
    page_vocabulary,
    pagefind_command,
    search_terms,
    synonym_groups,
    words,
)

CODES = ["fr", "en"]
GLOSSARY = """\
- id: crps
  fr:
    term: syndrome douloureux régional complexe
    variants: [SDRC, algodystrophie]
    definition: Une douleur intense et durable d’un membre, souvent après une blessure.
  en:
    term: complex regional pain syndrome
    variants: [CRPS]
    definition: Severe, lasting pain in a limb, often after an injury.
- id: glutamate
  fr:
    term: glutamate
    definition: Le principal messager chimique qui excite les cellules nerveuses.
  en:
    term: glutamate
    definition: The main chemical messenger that excites nerve cells.
"""


def entries():
    glossary = load_glossary(GLOSSARY, "data/glossary.yml", CODES)
    assert glossary.problems == []
    return list(glossary.entries.values())


def test_words_are_folded_and_split_at_elisions_and_hyphens():
    assert words("L’alcool, la Kétamine et l'auto-immunité !") == ["l", "alcool", "la", "ketamine", "et", "l", "auto", "immunite"]
    assert words("ŒDÈME") == ["œdeme"]


def test_each_glossary_word_is_a_group_of_its_forms():
    groups = synonym_groups(entries(), "fr")
    assert groups == [["syndrome douloureux regional complexe", "sdrc", "algodystrophie"]]  # one form: no group
    assert synonym_groups(entries(), "en") == [["complex regional pain syndrome", "crps"]]


def test_lay_words_file():
    text = "fr:\n  - [légal, Loi, réglementation]\nen:\n  - [legal, law]\n"
    assert load_synonyms(text, "data/search-synonyms.yml", CODES) == {
        "fr": [["legal", "loi", "reglementation"]],
        "en": [["legal", "law"]],
    }
    assert load_synonyms(None, "data/search-synonyms.yml", CODES) == {"fr": [], "en": []}
    assert load_synonyms("", "data/search-synonyms.yml", CODES) == {"fr": [], "en": []}


@pytest.mark.parametrize(
    "text, line, says",
    [
        ("fr:\n  - [légal, loi]\nde:\n  - [a, b]\n", 3, "'de' is not a language of the site"),
        ("fr:\n  - [légal, loi]\n  - [loi]\n", 3, "at least two different"),
        ("fr:\n  - [légal, Légal]\n", 2, "at least two different"),
        ("fr:\n  - légal\n", 2, "a group is a list"),
        ("fr:\n  - [légal, 3]\n", 2, "a group is a list"),
        ("fr: légal\n", 1, "write a list of groups"),
        ("- [a, b]\n", 1, "one list of groups per language"),
        ("fr:\n  - [légal, loi\n", 3, "not valid YAML"),
        ("fr:\n  - [a, b]\nfr:\n  - [c, d]\n", 3, "written twice"),
    ],
)
def test_mistakes_in_the_lay_words_file_name_the_line(text, line, says):
    with pytest.raises(SearchBuildError) as caught:
        load_synonyms(text, "data/search-synonyms.yml", CODES)
    message = str(caught.value)
    assert message.startswith(f"data/search-synonyms.yml:{line}: "), message
    assert says in message


PAGE = """<!doctype html><html lang="fr"><head><title>Kétamine - Site</title>
<meta name="description" content="Ce que montrent les études sur la douleur."></head>
<body><nav><h2>Navigation principale</h2></nav>
<article><div data-pagefind-body><h1>Kétamine et fibromyalgie</h1><p>Texte courant ignoré.</p>
<h2 id="risques">Quels sont les risques ?</h2></div></article></body></html>"""


def test_vocabulary_of_a_page_is_its_indexed_headings_and_description():
    lang, found = page_vocabulary(PAGE)
    assert lang == "fr"
    assert found == {"ketamine", "fibromyalgie", "quels", "risques", "montrent", "etudes", "douleur"}
    # a page that is not indexed (the 404 page, a fallback page) gives no words
    assert page_vocabulary(PAGE.replace(" data-pagefind-body", ""))[1] == set()


def test_search_terms_of_each_language():
    messages = {"fr": {"none": "Aucun document trouvé"}, "en": {"none": "No matching documents"}}
    english = PAGE.replace('lang="fr"', 'lang="en"').replace("fibromyalgie", "fibromyalgia")
    terms = search_terms([PAGE, english], entries(), CODES, messages, {"fr": [["legal", "loi"]], "en": []})
    fr, en = terms["fr"], terms["en"]
    assert fr["groups"] == [["syndrome douloureux regional complexe", "sdrc", "algodystrophie"], ["legal", "loi"]]
    assert en["groups"] == [["complex regional pain syndrome", "crps"]]
    assert "fibromyalgie" in fr["words"] and "fibromyalgia" not in fr["words"]
    assert "fibromyalgia" in en["words"] and "fibromyalgie" not in en["words"]
    assert "algodystrophie" in fr["words"] and "glutamate" in fr["words"]  # from the glossary
    assert fr["words"] == sorted(fr["words"])
    assert "est" in fr["stop"] and "the" in en["stop"] and "ketamine" not in fr["stop"]
    assert fr["messages"] == messages["fr"]


def test_pagefind_indexes_every_page_but_the_404_and_leaves_out_what_is_not_the_text():
    command = pagefind_command(__import__("pathlib").Path("/tmp/site"))
    assert command[:3] == [sys.executable, "-m", "pagefind"]
    assert command[command.index("--site") + 1] == "/tmp/site"
    assert command[command.index("--glob") + 1] == "**/index.html"
    excluded = command[command.index("--exclude-selectors") + 1]
    assert excluded.split(", ") == list(EXCLUDE_SELECTORS)
    assert ".kf-term__tip" in EXCLUDE_SELECTORS and ".kf-references-section" in EXCLUDE_SELECTORS
