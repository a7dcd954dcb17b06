"""The glossary logic (src/kf/core/glossary.py): data checks, sorting, matching, markers."""

from __future__ import annotations

import textwrap

import pytest
from selectolax.lexbor import LexborHTMLParser

from kf.core.glossary import Matcher, glossary_markdown, load_glossary, mark_terms, sort_key

LANGS = ("fr", "en")

DATA = """\
- id: allodynia
  see_also: [hyperalgesia]
  fr:
    term: allodynie
    definition: Douleur causée par un contact qui ne fait pas mal d’habitude.
  en:
    term: allodynia
    definition: Pain from a touch that does not normally hurt.
- id: hyperalgesia
  fr:
    term: hyperalgésie
    definition: Douleur plus forte que la normale.
  en:
    term: hyperalgesia
    definition: Pain stronger than normal.
- id: rheumatoid-arthritis
  fr:
    term: polyarthrite rhumatoïde
    variants: [PR]
    definition: Maladie auto-immune des articulations.
  en:
    term: rheumatoid arthritis
    variants: [RA]
    definition: An autoimmune disease of the joints.
- id: nmda-receptor
  fr:
    term: récepteur NMDA
    variants: [récepteurs NMDA, NMDA]
    definition: Une porte des cellules nerveuses.
  en:
    term: NMDA receptor
    variants: [NMDA receptors, NMDA]
    definition: A gate on nerve cells.
- id: placebo
  fr:
    term: placebo
    variants: [placebos]
    definition: Un faux traitement.
  en:
    term: placebo
    variants: [placebos]
    definition: A dummy treatment.
- id: active-placebo
  fr:
    term: placebo actif
    variants: [placebos actifs]
    definition: Un faux traitement qui se ressent.
  en:
    term: active placebo
    definition: A dummy treatment you can feel.
- id: off-label
  fr:
    term: hors AMM
    definition: En dehors de l’autorisation.
  en:
    term: off-label
    definition: Outside the approval.
- id: ema
  fr:
    term: Agence européenne des médicaments
    variants: [EMA]
    definition: L’agence européenne.
  en:
    term: European Medicines Agency
    variants: [EMA]
    definition: The European agency.
- id: wind-up
  fr:
    term: wind-up
    variants: [sommation temporelle]
    definition: Douleur qui s’amplifie.
  en:
    term: wind-up
    variants: [temporal summation]
    definition: Pain that builds up.
- id: inflammation
  fr:
    term: inflammation
    variants: [inflammatoire]
    definition: Réaction de défense.
  en:
    term: inflammation
    variants: [inflammatory]
    definition: A defence reaction.
"""


@pytest.fixture(scope="module")
def glossary():
    g = load_glossary(DATA, "data/glossary.yml", LANGS)
    assert g.problems == []
    return g


def found(glossary, code, text):
    matcher = Matcher(glossary, code)
    return [(text[s:e], i) for s, e, i in matcher.find(text, set())]


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # French elisions, with the straight and the typographic apostrophe
        ("l'allodynie et d’hyperalgésie", [("allodynie", "allodynia"), ("hyperalgésie", "hyperalgesia")]),
        ("L’ALLODYNIE", []),  # only the first letter may change case
        ("Allodynie au réveil.", [("Allodynie", "allodynia")]),  # sentence start
        # plurals and inflected forms are the listed variants
        ("les récepteurs NMDA du cerveau", [("récepteurs NMDA", "nmda-receptor")]),
        # any whitespace between words, including no-break spaces and line breaks
        ("un récepteur\u00a0NMDA, un récepteur\nNMDA", [("récepteur\u00a0NMDA", "nmda-receptor")]),
        # abbreviations match in their own case and as whole words only
        ("PRÉVENTION, PRO, pr, Pr Martin", []),
        ("la PR, puis la polyarthrite rhumatoïde", [("PR", "rheumatoid-arthritis")]),
        ("hors AMM", [("hors AMM", "off-label")]),
        ("hors amm", []),
        # the longest form wins, and an entry is marked once
        ("un placebo actif, puis un placebo", [("placebo actif", "active-placebo"), ("placebo", "placebo")]),
        ("un placebo actif, un placebo actif, un placebo", [("placebo actif", "active-placebo"), ("placebo", "placebo")]),
        # a hyphenated word is one word
        ("un anti-inflammatoire, puis l’inflammatoire", [("inflammatoire", "inflammation")]),
        ("le wind-up", [("wind-up", "wind-up")]),
        ("L’EMA et l’Agence européenne des médicaments", [("EMA", "ema")]),
    ],
)
def test_french_matching(glossary, text, expected):
    assert found(glossary, "fr", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RAPID RA", [("RA", "rheumatoid-arthritis")]),
        ("RAPID, Ra, ra, ARA", []),
        ("Rheumatoid arthritis (RA)", [("Rheumatoid arthritis", "rheumatoid-arthritis")]),
        ("the patient's allodynia's cause", [("allodynia", "allodynia")]),
        ("Temporal summation, or wind-up", [("Temporal summation", "wind-up")]),
        ("NMDA receptors and NMDA", [("NMDA receptors", "nmda-receptor")]),
        ("nmda receptor", []),
        ("off-label and off label", [("off-label", "off-label")]),
        ("hyperalgesias", []),  # not a listed form
        ("anti-inflammatory drugs", []),
    ],
)
def test_english_matching(glossary, text, expected):
    assert found(glossary, "en", text) == expected


def test_first_occurrence_is_shared_by_the_whole_page(glossary):
    matcher = Matcher(glossary, "en")
    used: set[str] = set()
    assert [i for *_, i in matcher.find("allodynia", used)] == ["allodynia"]
    assert list(matcher.find("allodynia and RA", used)) == [(14, 16, "rheumatoid-arthritis")]


# --------------------------------------------------------------------------- markers


def mark(glossary, html, code="fr"):
    return mark_terms(html, glossary, code, lambda i: f"../glossaire/#{i}")


def markers(out):
    doc = LexborHTMLParser(out)
    return [(n.css_first("a").text(), n.css_first("a").attributes["href"]) for n in doc.css(".kf-term")]


def test_marker_markup(glossary):
    out, ids = mark(glossary, "<p>Une allodynie.</p>")
    assert ids == ["allodynia"]
    doc = LexborHTMLParser(out)
    link = doc.css_first("span.kf-term > a.kf-term__link")
    tip = doc.css_first("span.kf-term > span.kf-term__tip")
    assert link.attributes["href"] == "../glossaire/#allodynia"
    assert link.attributes["aria-describedby"] == tip.attributes["id"] == "kf-def-allodynia"
    assert tip.attributes["role"] == "tooltip"
    assert "hidden" in tip.attributes
    assert tip.text() == "Douleur causée par un contact qui ne fait pas mal d’habitude."
    assert doc.css_first("p").text() == "Une allodynieDouleur causée par un contact qui ne fait pas mal d’habitude.."


def test_skipped_contexts(glossary):
    html = textwrap.dedent(
        """\
        <h2 id="x">L’allodynie</h2>
        <p><a href="y">allodynie</a> <code>allodynie</code> <abbr title="t">PR</abbr>
        <sup class="kf-cite"><a href="#r1">1</a></sup> <span class="kf-cite">PR</span></p>
        <pre><code>allodynie</code></pre>
        <div class="admonition note"><p class="admonition-title">Allodynie</p>
        <p>Enfin l’allodynie &amp; la PR.</p></div>
        <script>var allodynie = 1;</script>
        """
    )
    out, ids = mark(glossary, html)
    assert ids == ["allodynia", "rheumatoid-arthritis"]
    assert [m[0] for m in markers(out)] == ["allodynie", "PR"]
    # the marked paragraph is the last one; everything else is untouched
    doc = LexborHTMLParser(out)
    assert doc.css_first("h2").html == '<h2 id="x">L’allodynie</h2>'
    assert doc.css_first("script").text() == "var allodynie = 1;"
    assert "Enfin l’" in doc.css("div.admonition p")[1].html


def test_text_around_markers_is_kept_and_escaped(glossary):
    out, _ = mark(glossary, "<p>a &lt; b &amp; l’allodynie&nbsp;: PR.</p>")
    doc = LexborHTMLParser(out)
    assert doc.css_first("p").text(deep=True).startswith("a < b & l’allodynie")
    assert "a &lt; b &amp; l’" in out
    assert [m[0] for m in markers(out)] == ["allodynie", "PR"]


def test_no_term_leaves_html_untouched(glossary):
    html = '<p>Rien ici.</p><svg viewBox="0 0 1 1"><path d="M0 0"/></svg>'
    assert mark(glossary, html) == (html, [])


def test_markup_outside_markers_survives(glossary):
    html = '<p>Une allodynie.</p><svg viewBox="0 0 1 1"><path d="M0 0"></path></svg>'
    out, _ = mark(glossary, html)
    assert '<svg viewBox="0 0 1 1">' in out


def test_definition_text_is_escaped(glossary):
    from kf.core.glossary import marker_html

    out = marker_html("x<y", "a", 'h"ref', "<b>bold</b> & co")
    assert "<b>" not in out and "&lt;b&gt;bold&lt;/b&gt; &amp; co" in out
    assert 'href="h&quot;ref"' in out and ">x&lt;y</a>" in out


# --------------------------------------------------------------------------- glossary page


def test_factored_pattern_matches_like_the_plain_alternation():
    import re

    from kf.core.glossary import _WORD, _form_pattern, _trie_pattern

    forms = ["placebo", "placebo actif", "Placebo", "NMDA", "récepteur NMDA", "récepteurs NMDA", "dose",
             "doses", "d'entretien", "essai", "essai contrôlé", "essai contrôlé randomisé", "EULAR", "e"]
    ordered = sorted(forms, key=len, reverse=True)
    plain = re.compile(f"(?<![{_WORD}])(?:{'|'.join(_form_pattern(f) for f in ordered)})(?![{_WORD}])")
    trie = re.compile(f"(?<![{_WORD}])(?:{_trie_pattern(forms)})(?![{_WORD}])")
    texts = [f"Un {f}{tail} ici." for f in forms for tail in ("", "s", "-x", " actif", " randomisé", "’s")]
    texts += ["Placebo actif, placebo\u00a0actif, essai  contrôlé randomisé et récepteurs NMDA."]
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    assert trie.search("un essai contrôlé randomisé").group() == "essai contrôlé randomisé"  # the longest wins


def test_sort_key_ignores_accents_and_case():
    words = ["Zèbre", "éducation", "essai", "Ecole", "œdème", "odeur", "abc", "été"]
    assert sorted(words, key=sort_key) == ["abc", "Ecole", "éducation", "essai", "été", "odeur", "œdème", "Zèbre"]


def test_glossary_page(glossary):
    labels = {"other": "en anglais\u00a0: {term}", "see_also": "Voir aussi\u00a0: ", "letters": "Lettres"}
    md = glossary_markdown(glossary, "fr", "en", labels)
    import markdown

    doc = LexborHTMLParser(markdown.markdown(md, extensions=["attr_list"]))
    terms = [dt.css_first("dfn").text() for dt in doc.css("dt")]
    assert terms == sorted(terms, key=sort_key)
    assert terms[:3] == ["Agence européenne des médicaments", "Allodynie", "Hors AMM"]
    dt = doc.css_first("dt#nmda-receptor")
    assert dt.text() == "Récepteur NMDA (en anglais\u00a0: NMDA receptor)"
    assert dt.css_first("span[lang=en]").text() == "NMDA receptor"
    see = doc.css_first("dt#allodynia").next
    while see.tag != "dd":
        see = see.next
    assert see.css_first("a").attributes["href"] == "#hyperalgesia"
    assert [h.attributes["id"] for h in doc.css("h2")] == ["a", "h", "i", "p", "r", "w"]


# --------------------------------------------------------------------------- data problems


def problems(text):
    return [(p.line, p.message) for p in load_glossary(textwrap.dedent(text), "data/glossary.yml", LANGS).problems]


def test_problem_duplicate_id():
    (p,) = problems(
        """\
        - id: placebo
          fr: {term: placebo, definition: Faux.}
          en: {term: placebo, definition: Dummy.}
        - id: placebo
          fr: {term: placebo actif, definition: Faux.}
          en: {term: active placebo, definition: Dummy.}
        """
    )
    assert p[0] == 4 and "id 'placebo' is already used by the entry on line 1" in p[1]


def test_problem_form_claimed_twice():
    (p,) = problems(
        """\
        - id: crps
          fr: {term: SDRC, definition: Un syndrome.}
          en: {term: CRPS, definition: A syndrome.}
        - id: algodystrophy
          fr: {term: algodystrophie, variants: [Sdrc], definition: Ancien nom.}
          en: {term: algodystrophy, definition: Old name.}
        """
    )
    assert p[0] == 4
    assert "'Sdrc' (fr) is claimed by two entries, 'crps' (line 1) and 'algodystrophy'" in p[1]


def test_problem_missing_language_and_definition():
    found_problems = problems(
        """\
        - id: placebo
          fr: {term: placebo, definition: Faux.}
        - id: glutamate
          fr:
            term: glutamate
          en: {term: glutamate, definition: A messenger.}
        """
    )
    assert found_problems[0][0] == 1 and "has no 'en:' block" in found_problems[0][1]
    assert found_problems[1][0] == 4 and "'glutamate' (fr) has no 'definition:'" in found_problems[1][1]


def test_problem_unknown_see_also():
    (p,) = problems(
        """\
        - id: glutamate
          see_also: [nmda-receptr]
          fr: {term: glutamate, definition: Un messager.}
          en: {term: glutamate, definition: A messenger.}
        - id: nmda-receptor
          fr: {term: récepteur NMDA, definition: Une porte.}
          en: {term: NMDA receptor, definition: A gate.}
        """
    )
    assert p[0] == 2 and "'nmda-receptr', which is not a glossary id. Did you mean 'nmda-receptor'?" in p[1]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- id: a b\n  fr: {}\n", 1, "needs an 'id'"),
        ("- id: x1\n  fr: {term: x, definition: y}\n  en: {term: x, definition: y}\n  de: {}\n", 4, "'de' is not a known key"),
        ("- id: x1\n  fr: {term: x, definiton: y}\n  en: {term: x, definition: y}\n", 2, "'definiton' is not a known key"),
        ("- id: x1\n  fr: {term: x, definition: y}\n  fr: {term: x, definition: y}\n", 3, "'fr' is written twice"),
        ("- id: x1\n  fr: {term: x, definition: y: z}\n", 2, "not valid YAML"),
        ("id: x1\n", 1, "must be a list of entries"),
        ("- id: x1\n  fr: {term: x, definition: " + "y" * 301 + "}\n  en: {term: x, definition: y}\n", 2, "301 characters long"),
    ],
)
def test_problem_messages(text, line, message):
    found_problems = problems(text)
    assert found_problems and found_problems[0][0] == line and message in found_problems[0][1]
