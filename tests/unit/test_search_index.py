"""The search build's logic (src/kf/core/search_index.py): query words, glossary and
lay-word groups, the vocabulary for typos, editors' mistakes in data/search-synonyms.yml,
and the index itself: what is indexed, word families, scores, parts."""

from __future__ import annotations

import dataclasses
import json

import pytest

from kf.core.glossary import load_glossary
from kf.core.search_index import (
    PART_SIZE,
    SCALE,
    SearchBuildError,
    build_index,
    index_files,
    index_tokens,
    load_synonyms,
    page_vocabulary,
    read_page,
    search_terms,
    part_key,
    shard_file,
    stemmer_for,
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
    assert words("ŒDÈME, cœur") == ["oedeme", "coeur"]  # as readers type them
    # glossary forms are read as the index reads pages: « S-kétamine » is one word
    assert words("S-kétamine, N-méthyl-D-aspartate") == ["sketamine", "nmethyl", "daspartate"]


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
<article><div data-kf-search-body><h1>Kétamine et fibromyalgie</h1><p>Texte courant ignoré.</p>
<h2 id="risques">Quels sont les risques ?</h2></div></article></body></html>"""


def test_vocabulary_of_a_page_is_its_indexed_headings_and_description():
    lang, found = page_vocabulary(PAGE)
    assert lang == "fr"
    assert found == {"ketamine", "fibromyalgie", "quels", "risques", "montrent", "etudes", "douleur"}
    # a page that is not indexed (the 404 page, a fallback page) gives no words
    assert page_vocabulary(PAGE.replace(" data-kf-search-body", ""))[1] == set()


def test_search_terms_of_each_language():
    messages = {"fr": {"none": "Aucun document trouvé"}, "en": {"none": "No matching documents"}}
    english = PAGE.replace('lang="fr"', 'lang="en"').replace("fibromyalgie", "fibromyalgia")
    vocabularies = [page_vocabulary(PAGE), page_vocabulary(english)]
    terms = search_terms(vocabularies, entries(), CODES, messages, {"fr": [["legal", "loi"]], "en": []})
    fr, en = terms["fr"], terms["en"]
    assert fr["groups"] == [["syndrome douloureux regional complexe", "sdrc", "algodystrophie"], ["legal", "loi"]]
    assert en["groups"] == [["complex regional pain syndrome", "crps"]]
    assert "fibromyalgie" in fr["words"] and "fibromyalgia" not in fr["words"]
    assert "fibromyalgia" in en["words"] and "fibromyalgie" not in en["words"]
    assert "algodystrophie" in fr["words"] and "glutamate" in fr["words"]  # from the glossary
    assert fr["words"] == sorted(fr["words"])
    assert "est" in fr["stop"] and "the" in en["stop"] and "ketamine" not in fr["stop"]
    assert fr["messages"] == messages["fr"]


ARTICLE = """<!doctype html><html lang="fr"><head><title>Dépendance - Site</title></head>
<body><nav>Menu kétamine kétamine</nav><div data-kf-search-body>
<h1>Dépendance<a class="headerlink" href="#x">¶</a></h1>
<p>La S-kétamine peut rendre dépendant.<span class="kf-term__tip">Définition : kétamine anesthésique.</span></p>
<p>Un essai<sup class="kf-cite">1</sup>.</p><svg role="img"><text>12 mg 34</text></svg><section class="kf-references-section"><p>Référence kétamine</p></section>
</div></body></html>"""


def page(path, html=ARTICLE, **replace):
    for old, new in replace.items():
        html = html.replace(old, new)
    return read_page(path, html, {"fr": stemmer_for("fr"), "en": stemmer_for("en")})


def test_a_page_gives_search_its_own_text_only():
    indexed = page("articles/x/")
    assert indexed.lang == "fr" and indexed.title == "Dépendance"
    # not the menu, the tooltip, the permalink sign, the citation marker or the reference list
    assert indexed.text == "Dépendance La S-kétamine peut rendre dépendant. Un essai."
    assert "ketamine" not in indexed.counts and "definition" not in indexed.counts and "reference" not in indexed.counts
    assert "mg" not in indexed.counts  # a chart's drawing: its figures are in its table
    # a single letter joined by a hyphen is part of the next word, as kf-search.js reads queries
    assert "sketamine" in indexed.counts and index_tokens("L'S-kétamine, l'auto-immunité") == [
        "l", "skétamine", "l", "auto", "immunité"]
    # a chain of such letters is one word; compatibility forms are plain letters
    assert index_tokens("Y a-t-il un T-S-cell ? ﬁbres, ℌ") == ["y", "atil", "un", "tscell", "fibres", "h"]
    # a heading weighs more than the text; « dépendance » and « dépendant » are one family
    assert indexed.counts["dependance"] == 7.0 and indexed.counts["dependant"] == 1.0
    assert indexed.stems["dependance"] == indexed.stems["dependant"] == "depend"
    # the 404 page and fallback pages have no indexed part
    assert page("x/", ARTICLE.replace(" data-kf-search-body", "")) is None


def test_scores_favour_a_word_in_a_heading_and_in_an_article():
    article = page("articles/a/")
    listing = page("articles/", **{"data-kf-search-body": 'data-kf-search-body data-kf-search-weight="0.5"'})
    other = page("articles/b/", **{"<h1>Dépendance": "<h1>Autre sujet", "dépendant.": "dépendance."})
    index = build_index([other, listing, article])
    assert index["paths"] == ["articles/", "articles/a/", "articles/b/"]  # numbered in order of address
    part = index["shards"][part_key("dependance", index["shards"])]
    stem, *flat = part["dependance"]
    scores = dict(zip(_cumulative(flat[0::2]), flat[1::2]))
    # pages 0 (the listing, weight 0.5) and 1 (the article) have it in their title; page 2 in its text
    assert set(scores) == {0, 1, 2} and all(1 <= v <= SCALE for v in scores.values())
    assert scores[1] > scores[0] and scores[1] > scores[2]
    assert part["dependant"][0] == stem  # same family, same stem number within the part


def _cumulative(steps):
    out, total = [], 0
    for step in steps:
        total += step
        out.append(total)
    return out


def test_the_index_is_split_into_small_parts_by_first_letters():
    files, manifest = index_files([page("articles/a/"), page("en/a/", ARTICLE.replace('lang="fr"', 'lang="en"'))], "fr")
    assert manifest["docs"] == 1
    assert "d" in manifest["keys"] and "fr/index/d.json" in files  # a small index: one part per letter
    # each part holds the words that belong to it, and no other
    for key in manifest["keys"]:
        assert all(part_key(word, manifest["keys"]) == key for word in json.loads(files[f"fr/index/{shard_file(key)}.json"]))
    # the page list holds the address, title and text shown in results; no English page
    assert json.loads(files["fr/pages/0.json"])["url"] == "articles/a/"
    assert not [name for name in files if name.startswith("en/")]
    # a key that is not plain ASCII letters or digits is a safe file name
    assert shard_file("cœu") == "x" + "cœu".encode().hex() and shard_file("abc") == "abc"


def test_a_large_part_is_split_by_three_letters():
    one_page = page("articles/a/")
    many = [dataclasses.replace(one_page, path=f"articles/a{n:03}/") for n in range(800)]  # « dépendance » on 800 pages
    parts = build_index(many)["shards"]
    assert "d" not in parts and "de" not in parts and {"dep"} <= set(parts), sorted(parts)
    assert all(len(json.dumps(part)) <= PART_SIZE * 2 for part in parts.values())
    one = build_index(many[:1])["shards"]
    assert "d" in one and "dep" not in one  # small: one part for « d… »
    assert part_key("dependance", parts) == "dep" and part_key("dependance", one) == "d"
    assert part_key("un", parts) == "u" and part_key("y", parts) == "y"
    for key, part in parts.items():
        assert all(part_key(word, parts) == key for word in part)
