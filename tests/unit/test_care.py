import datetime as dt
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from kf.core.care import care_card_html, check_care, label_levels, load_help, stale
from kf.core.citations import placeholder
from kf.core.labels import STRINGS

ROOT = Path(__file__).resolve().parents[2]
ONE = """numbers:
  - id: samu
    kind: emergency
    how: call
    reach: "15"
    country: France
    text: "Appelez le {reach} : urgence."
    source: https://www.service-public.fr/particuliers/vosdroits/F33954
    where: "Partie « Uniquement en cas d'urgence »"
    verified: 2026-12-08
  - id: report
    kind: report
    how: web
    reach: signalement-sante.gouv.fr
    country: France
    text: "Sur {reach}."
    source: https://www.pays-de-la-loire.ars.sante.fr/x
    where: here
    verified: 2026-12-08
"""


@pytest.mark.parametrize("code", ["fr", "en"])
def test_the_site_numbers_are_complete(code):
    help_ = load_help((ROOT / f"data/help-{code}.yml").read_text(encoding="utf-8"), f"data/help-{code}.yml")
    assert help_.problems == []
    kinds = {n.kind for n in help_.numbers}
    assert {"emergency", "crisis", "report"} <= kinds
    assert all(n.source.startswith("https://") and n.where and n.country for n in help_.numbers)


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ("    source: https://www.service-public.fr/particuliers/vosdroits/F33954\n", "", 2, "'source' is missing: write the address of the official page"),
        ("    where: \"Partie « Uniquement en cas d'urgence »\"\n", "", 2, "'where' is missing"),
        ("    verified: 2026-12-08\n", "", 2, "'verified' is missing"),
        ("    country: France\n", "    country: ''\n", 6, "'country' is missing"),
        ("    kind: emergency\n", "    kind: urgentissime\n", 3, "unknown kind 'urgentissime'"),
        ("https://www.service-public.fr", "http://www.service-public.fr", 8, "https:// address of the official page"),
        ("\"Appelez le {reach} : urgence.\"", "\"Appelez le 15.\"", 7, "write {reach} there"),
        ("    verified: 2026-12-08\n  - id: report", "    verified: hier\n  - id: report", 10, "must be a date"),
        ("    verified: 2026-12-08\n  - id: report", "    verified: 2999-01-01\n  - id: report", 10, "a day still to come"),
        ('    reach: "15"\n', "    reach: 000\n", 5, "write 'reach' in quotes"),
        ('    reach: "15"\n', '    reach: "SAMU 15"\n', 5, "is not a number to dial"),
    ],
)
def test_a_number_without_its_facts_is_refused_with_its_line(old, new, line, says):
    assert old in ONE
    help_ = load_help(ONE.replace(old, new, 1), "data/help-fr.yml")
    assert [n.id for n in help_.numbers] == ["report"]
    assert [(p.line, says in p.message) for p in help_.problems] == [(line, True)], help_.problems


def test_a_missing_file_and_a_missing_emergency_number():
    assert "this file is missing" in load_help(None, "data/help-es.yml").problems[0].message
    only_report = "numbers:\n" + ONE.split("  - id: report\n")[1].join(["  - id: report\n", ""])
    assert "no number of kind 'emergency'" in load_help(only_report, "data/help-fr.yml").problems[0].message


def test_numbers_to_check_again_after_a_year():
    help_ = load_help(ONE, "data/help-fr.yml")
    assert stale(help_, dt.date(2027, 12, 8)) == []
    assert [n.id for n in stale(help_, dt.date(2027, 12, 9))] == ["samu", "report"]


def test_the_card_links_each_number_and_gives_crisis_lines_only_when_asked():
    help_ = load_help((ROOT / "data/help-fr.yml").read_text(encoding="utf-8"), "data/help-fr.yml")
    doc = LexborHTMLParser(care_card_html(help_, STRINGS["fr"], "fr"))
    card = doc.css_first("div.kf-care[role=region]")
    assert card.attributes["aria-labelledby"] == "get-help" and doc.css_first("h2#get-help").text() == "Quand demander de l’aide"
    hrefs = [a.attributes["href"] for a in doc.css("a.kf-care__reach")]
    assert {"tel:15", "tel:112", "sms:114", "https://signalement-sante.gouv.fr/"} <= set(hrefs)
    assert "tel:3114" not in hrefs and doc.css_first(".kf-care__part--crisis") is None
    crisis = LexborHTMLParser(care_card_html(help_, STRINGS["fr"], "fr", crisis=True))
    assert "tel:3114" in [a.attributes["href"] for a in crisis.css("a")]
    # French typography in the card's sentences
    assert "prévention du suicide\u202f: gratuit" in crisis.text() or "prévention du suicide\u00a0: gratuit" in crisis.text()


def test_a_warning_box_gets_its_level_in_words_first():
    box = '<div class="admonition care-urgent"><p class="admonition-title">See a doctor at once if:</p><ul><li>x</li></ul></div>'
    title = LexborHTMLParser(label_levels(box, STRINGS["en"])).css_first("p.admonition-title")
    assert title.css_first("span.kf-care__level").text() == "Urgent"
    assert title.text() == "Urgent See a doctor at once if:"
    assert label_levels("<p>no box</p>", STRINGS["en"]) == "<p>no box</p>"


def test_the_rules_of_a_page():
    card = '<div class="kf-care"><div class="kf-care__part kf-care__part--emergency"></div></div>'
    crisis = '<div class="kf-care"><div class="kf-care__part kf-care__part--crisis"></div></div>'
    box = '<div class="admonition care-emergency"><p class="admonition-title">Call if:</p><p>sign</p></div>'
    cited = box.replace("<p>sign</p>", "<p>sign" + placeholder(["x2020"]) + "</p>")
    locate = lambda needle: 7  # noqa: E731
    assert check_care("<p>text</p>", "p.md", locate, None) == []
    assert "needs a care card" in check_care("<p>text</p>", "p.md", locate, "card")[0].message
    assert check_care(card, "p.md", locate, "card") == [] and check_care(crisis, "p.md", locate, "crisis") == []
    assert "must give the crisis lines" in check_care(card, "p.md", locate, "crisis")[0].message
    assert "cites no source" in check_care(box, "p.md", locate, None)[0].message
    assert check_care(cited, "p.md", locate, None) == []
