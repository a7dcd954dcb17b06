"""Citations (src/kf/core/citations.py): data checks, syntax, numbering, Vancouver."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from kf.core.citations import (
    STUDY_TYPES,
    CitationExtension,
    bibliography_html,
    load_references,
    preview_text,
    cited_keys,
    render_citations,
    vancouver,
)

LANGS = ("fr", "en")

DATA = """\
- id: noppers2011
  type: article-journal
  title: "Absence of long-term analgesic effect from a short-term S-ketamine infusion on fibromyalgia pain: a randomized, prospective, double blind, active placebo-controlled trial"
  author:
    - {family: Noppers, given: I}
    - {family: Niesters, given: M}
    - {family: Swartjes, given: M}
    - {family: Bauer, given: M}
    - {family: Aarts, given: L}
    - {family: Geleijnse, given: N}
    - {family: Mooren, given: R}
  issued: {date-parts: [[2011, 10]]}
  container-title: Eur J Pain
  volume: "15"
  issue: "9"
  page: 942-9
  study_type: rct
  summary:
    fr: Un essai de 24 personnes. Pas d'effet durable.
    en: A trial of 24 people. No lasting effect.
- id: hanna2018
  type: article-journal
  title: Intravenous Ketamine Alleviates Pain in a Rheumatoid Arthritis Patient With Comorbid Fibromyalgia
  author:
    - {family: Hanna, given: A F}
    - {family: Smith, given: A J}
  issued: 2018
  container-title: J Med Cases
  volume: "9"
  issue: "5"
  page: 142-144
  DOI: 10.14740/jmc3017w
  study_type: case-report
  summary:
    fr: Le cas d'une seule patiente.
    en: The story of one patient.
- id: ansm2017
  type: webpage
  title: Point d'information sur la kétamine
  author:
    - {literal: ANSM}
  issued: "2017-01-20"
  URL: https://ansm.sante.fr/x
  accessed: "2026-11-21"
  study_type: regulatory
  summary:
    fr: L'agence annonce un classement.
    en: The agency announces a listing.
- id: pastrak2021
  type: article-journal
  title: Systematic Review of the Use of Intravenous Ketamine for Fibromyalgia.
  author:
    - {family: Pastrak, given: M}
  et-al: true
  issued: 2021
  container-title: Ochsner J
  volume: "21"
  issue: "4"
  page: 387-394
  DOI: 10.31486/toj.21.0038
  PMID: 34984054
  study_type: systematic-review
  summary:
    fr: Une revue de 7 publications.
    en: A review of 7 publications.
"""


@pytest.fixture(scope="module")
def bib():
    b = load_references(DATA, "data/references.yml", LANGS)
    assert b.problems == []
    return b


# --------------------------------------------------------------------------- syntax


def md(text: str) -> str:
    return markdown.markdown(text, extensions=[CitationExtension(), "attr_list"])


def placeholders(out: str) -> list[str]:
    from kf.core.citations import PLACEHOLDER

    return PLACEHOLDER.findall(out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Un essai [@noppers2011].", ["noppers2011"]),
        ("Deux [@noppers2011; @hanna2018] et [ @pastrak2021 ].", ["noppers2011 hanna2018", "pastrak2021"]),
        ("En code `[@noppers2011]` non.", []),
        ("Échappé \\[@noppers2011] non.", []),
        ("Un courriel [écrire à @moi] non, ni [@] ni [noppers2011].", []),
        ("    [@noppers2011] en bloc de code", []),
        ("```\n[@noppers2011]\n```", []),
        ("[lien](https://example.org) puis [@hanna2018]", ["hanna2018"]),
    ],
)
def test_citation_syntax(text, expected):
    assert placeholders(md(text)) == expected


def test_escaped_and_code_citations_stay_literal():
    out = md("Échappé \\[@noppers2011] et `[@hanna2018]`.")
    assert "[@noppers2011]" in out and "<code>[@hanna2018]</code>" in out


# --------------------------------------------------------------------------- rendering


def render(bib, text, code="fr"):
    return render_citations(md(text), bib, code, "../niveaux-de-preuve/")


def test_numbers_follow_first_citation_and_repeat(bib):
    r = render(bib, "A [@hanna2018]. B [@noppers2011; @hanna2018]. C [@pastrak2021]. D [@noppers2011].")
    doc = LexborHTMLParser(r.html)
    assert [a.text() for a in doc.css("a.kf-ref__link")] == ["1", "2", "1", "3", "2"]
    assert [a.attributes["href"] for a in doc.css("a.kf-ref__link")][:2] == ["#ref-hanna2018", "#ref-noppers2011"]
    assert r.cited == ["hanna2018", "noppers2011", "pastrak2021"]
    assert [li.attributes["id"] for li in doc.css("ol.kf-references > li")] == ["ref-hanna2018", "ref-noppers2011", "ref-pastrak2021"]
    # each entry links back to every place it is cited, and those places exist
    back = [a.attributes["href"] for a in doc.css("li#ref-hanna2018 a.kf-ref__back")]
    assert back == ["#cite-hanna2018-1", "#cite-hanna2018-2"]
    ids = {n.attributes["id"] for n in doc.css("[id]")}
    assert all(h[1:] in ids for h in back)
    heading = doc.css_first("section details.kf-sources[open] > summary > h2#references")
    assert heading.text() == "Références (3)"  # the list opens and folds under its heading, with its count


def test_marker_is_a_link_with_a_preview(bib):
    doc = LexborHTMLParser(render(bib, "Essai [@noppers2011].", "en").html)
    link = doc.css_first("span.kf-cite a.kf-ref__link")
    tip = doc.css_first("#" + link.attributes["aria-describedby"])
    assert link.attributes["aria-label"] == "Reference 1"
    assert tip.attributes["role"] == "tooltip" and "hidden" in tip.attributes
    assert tip.text() == (
        "A trial of 24 people. No lasting effect. (Noppers I et al. Absence of long-term analgesic effect from a short-term S-ketamine infusion "
        "on fibromyalgia pain: a randomized, prospective, double blind, active placebo-controlled trial. "
        "Eur J Pain. 2011. Randomised controlled trial.)"
    )
    assert doc.css_first("span.kf-cite").text() == "[1" + tip.text() + "]"


def test_reference_entry_has_badge_links_and_summary(bib):
    doc = LexborHTMLParser(render(bib, "Cas [@pastrak2021].", "fr").html)
    entry = doc.css_first("li#ref-pastrak2021")
    badge = entry.css_first("a.kf-badge")
    assert badge.text() == "Revue systématique"
    assert badge.attributes["href"] == "../niveaux-de-preuve/#systematic-review"
    hrefs = [a.attributes["href"] for a in entry.css(".kf-ref__ids a")]
    assert hrefs == ["https://doi.org/10.31486/toj.21.0038", "https://pubmed.ncbi.nlm.nih.gov/34984054/"]
    assert entry.css_first(".kf-ref__summary").text() == "Une revue de 7 publications."


def test_unknown_keys_are_reported(bib):
    r = render(bib, "Ici [@nopers2011; @hanna2018].")
    assert r.unknown == ["nopers2011"] and r.cited == ["hanna2018"]
    assert bib.suggest("nopers2011") == ["noppers2011"]


def test_cited_keys_checks_without_rendering(bib):
    html = md("A [@hanna2018]. B [@nopers2011; @noppers2011]. C [@hanna2018].")
    r = cited_keys(html, bib)
    assert r.html == html and "kf-ref" not in r.html
    assert r.cited == ["hanna2018", "noppers2011"] and r.unknown == ["nopers2011"]
    assert r.cited == render_citations(html, bib, "fr", "x/").cited


def test_citation_placeholder_is_a_comment_the_search_parser_skips(bib):
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(md("Un essai [@noppers2011]."))
    parser.close()
    assert "".join(parser.data[0].text).strip() == "<p>Un essai .</p>"


def test_page_without_citations_is_untouched(bib):
    html = '<p>Rien.</p><svg viewBox="0 0 1 1"></svg>'
    assert render_citations(html, bib, "fr", "x/").html == html


# --------------------------------------------------------------------------- Vancouver


def test_vancouver_journal_article_lists_six_authors_then_et_al(bib):
    assert vancouver(bib.references["noppers2011"], "en") == (
        "Noppers I, Niesters M, Swartjes M, Bauer M, Aarts L, Geleijnse N, et al. Absence of long-term "
        "analgesic effect from a short-term S-ketamine infusion on fibromyalgia pain: a randomized, "
        "prospective, double blind, active placebo-controlled trial. Eur J Pain. 2011;15(9):942-9."
    )
    assert vancouver(bib.references["hanna2018"], "fr") == (
        "Hanna AF, Smith AJ. Intravenous Ketamine Alleviates Pain in a Rheumatoid Arthritis Patient With "
        "Comorbid Fibromyalgia. J Med Cases. 2018;9(5):142-144."
    )
    # a known incomplete author list, and no doubled full stop after a title
    assert vancouver(bib.references["pastrak2021"], "fr").startswith(
        "Pastrak M, et al. Systematic Review of the Use of Intravenous Ketamine for Fibromyalgia. Ochsner J."
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fr", "ANSM. Point d’information sur la kétamine [Internet]. 2017 janv. 20 [cité le 2026 nov. 21]. Disponible sur\u00a0: https://ansm.sante.fr/x"),
        ("en", "ANSM. Point d’information sur la kétamine [Internet]. 2017 Jan 20 [cited 2026 Nov 21]. Available from: https://ansm.sante.fr/x"),
    ],
)
def test_vancouver_web_page_in_each_language(bib, code, expected):
    assert vancouver(bib.references["ansm2017"], code) == expected.replace("Point d’", "Point d'")


@pytest.mark.parametrize("code", ["fr", "en"])
def test_preview_leads_with_the_summary_in_the_reader_language_then_the_work(bib, code):
    ref = bib.references["hanna2018"]
    text = preview_text(ref, code)
    assert text.startswith(ref.summary[code].strip().rstrip("."))  # plain words, in the reader's language
    kind = {"fr": "Cas clinique", "en": "Case report"}[code]
    assert text.endswith(f"(Hanna AF, Smith AJ. Intravenous ketamine produces long-term remission of depression in a "
                         f"patient with rheumatoid arthritis and fibromyalgia: a case report. J Med Cases. 2018. {kind}.)"
                         .replace("Intravenous ketamine produces long-term remission of depression in a patient with rheumatoid arthritis and fibromyalgia: a case report", ref.title.rstrip(".")))


# --------------------------------------------------------------------------- bibliography page


def test_bibliography_groups_strongest_evidence_first(bib):
    out = bibliography_html(bib, "en", "../niveaux-de-preuve/", {"hanna2018": [("One patient's story", "../articles/x/")]})
    doc = LexborHTMLParser(out)
    headings = [h.attributes["id"] for h in doc.css("h2, h3")]
    assert headings == ["type-systematic-review", "type-rct", "type-case-report", "other-sources", "type-regulatory"]
    assert [li.attributes["id"] for li in doc.css("li.kf-ref-entry")] == ["pastrak2021", "noppers2011", "hanna2018", "ansm2017"]
    cited = doc.css_first("li#hanna2018 .kf-ref__cited-in")
    assert cited.text() == "Cited in: One patient's story"
    assert cited.css_first("a").attributes["href"] == "../articles/x/"
    assert doc.css_first("li#pastrak2021 .kf-ref__cited-in").text() == "Not cited in an article yet."


def test_cited_in_lines_can_be_drawn_later(bib):
    from kf.core.citations import CITED_IN_PLACEHOLDER, cited_in_html

    cited_in = {"hanna2018": [("One patient's story", "../articles/x/")]}
    later = bibliography_html(bib, "en", "../niveaux-de-preuve/", None)
    assert "kf-ref__cited-in" not in later and "One patient" not in later
    assert CITED_IN_PLACEHOLDER.findall(later) == ["pastrak2021", "noppers2011", "hanna2018", "ansm2017"]
    drawn = CITED_IN_PLACEHOLDER.sub(lambda m: cited_in_html(m.group(1), "en", cited_in), later)
    assert drawn == bibliography_html(bib, "en", "../niveaux-de-preuve/", cited_in)


def test_every_study_type_has_a_label_in_every_language():
    from kf.core.labels import LABELS

    assert len(STUDY_TYPES) >= 12
    for stype in STUDY_TYPES.values():
        assert set(LANGS) <= set(stype.labels) == set(LABELS)
        assert all(label.strip() for label in stype.labels.values())


# --------------------------------------------------------------------------- data problems


def problems(text):
    return [(p.line, p.message) for p in load_references(textwrap.dedent(text), "data/references.yml", LANGS).problems]


GOOD = """\
- id: {id}
  type: article-journal
  title: A title
  author: [{{family: Doe, given: J}}]
  issued: 2020
  container-title: J Test
  study_type: rct
  summary: {{fr: Un résumé., en: A summary.}}
"""


def test_good_entry_has_no_problem():
    assert problems(GOOD.format(id="doe2020")) == []


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("study_type: rct", "study_type: rtc"), 7, "unknown study_type 'rtc'. Did you mean 'rct'?"),
        (("  issued: 2020\n", "  issued: 2020\n  DOI: 10.12/x\n"), 6, "malformed DOI '10.12/x'"),
        (("  issued: 2020\n", "  issued: 2020\n  DOI: https://doi.org/10.1000/x\n"), 6, "malformed DOI"),
        (("  issued: 2020\n", "  issued: 2020\n  PMID: 12ab\n"), 6, "malformed PMID '12ab'"),
        (("  title: A title\n", ""), 1, "'title' is missing"),
        (("  issued: 2020\n", ""), 1, "'issued' (the year of publication) is missing"),
        (("  author: [{family: Doe, given: J}]\n", ""), 1, "'author' is missing"),
        (("{fr: Un résumé., en: A summary.}", "{fr: Un résumé.}"), 8, "the summary in 'en' is missing"),
        (("  container-title: J Test\n", "  journal: J Test\n"), 6, "'journal' is not a known field"),
        (("type: article-journal", "type: article"), 2, "'type' must be one of"),
    ],
)
def test_problem_messages(change, line, message):
    found = problems(GOOD.format(id="doe2020").replace(*change))
    assert found, "expected a problem"
    assert found[0][0] == line and message in found[0][1], found


def test_duplicate_id():
    found = problems(GOOD.format(id="doe2020") + GOOD.format(id="doe2020"))
    assert found == [(9, found[0][1])] and "already used by the reference on line 1" in found[0][1]


def test_web_page_needs_url():
    found = problems(
        """\
        - id: site
          type: webpage
          title: A page
          study_type: news
          summary: {fr: Un résumé., en: A summary.}
        """
    )
    assert [m for _, m in found] == ["reference 'site': 'URL' is missing: a webpage needs its address."]


def test_treatment_field_names_the_treatment_in_lowercase():
    good = GOOD.format(id="doe2020") + "  treatment: ketamine\n"
    refs = load_references(good, "data/references.yml", LANGS)
    assert refs.problems == [] and refs.references["doe2020"].treatment == "ketamine"
    assert load_references(GOOD.format(id="doe2020"), "r", LANGS).references["doe2020"].treatment == ""
    found = problems(GOOD.format(id="doe2020") + "  treatment: Ketamine IV\n")
    assert found and found[0][0] == 9 and "'treatment' must be the name of the treatment" in found[0][1]
