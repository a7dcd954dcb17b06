"""Harms travel with benefits (src/kf/core/harms.py): the structural rule of the
strict build, on small HTML pages as Python-Markdown makes them."""

from __future__ import annotations

import markdown

from kf.core.citations import CitationExtension
from kf.core.harms import HarmsRule, check_harms

RISKS = {"ketamine": "articles/risques-de-la-ketamine/"}
PAGE_URL = "articles/x/"


def html_of(md: str) -> str:
    # the page as the build sees it: citations are placeholders, .md links are URLs
    return markdown.markdown(md.replace("risques-de-la-ketamine.md", "../risques-de-la-ketamine/"),
                             extensions=["attr_list", CitationExtension()])


def problems(md: str, treatments=None):
    treatments = {"hanna2018": "ketamine"} if treatments is None else treatments
    return check_harms(html_of(md), treatments, RISKS, PAGE_URL, "docs/fr/articles/x.md",
                       lambda needle: next((n for n, line in enumerate(md.split("\n"), 1) if needle in line), 1))


GOOD = """# A case

## The case {#the-case}

Pain fell from 10 to 1 [@hanna2018].

## What are the risks? {#risks}

Ketamine can harm the bladder [@shahani2007]. Read [the risks](risques-de-la-ketamine.md).

## For you {#for-you}
"""


def test_a_page_with_a_sourced_risks_section_and_the_link_passes():
    assert problems(GOOD) == []


def test_no_treatment_cited_no_rule():
    assert problems("# Fibromyalgia\n\nIt is common [@heidari2017].\n", treatments={}) == []


def test_missing_section_is_reported_at_the_benefit_citation():
    md = "# A case\n\nPain fell [@hanna2018].\n\nSee [the risks](risques-de-la-ketamine.md).\n"
    found = problems(md)
    assert len(found) == 1 and found[0].line == 3
    assert "no section on its harms" in found[0].message and "{#risks}" in found[0].message
    assert "hanna2018" in found[0].message


def test_a_section_without_a_source_is_reported_at_its_heading():
    md = GOOD.replace("Ketamine can harm the bladder [@shahani2007].", "Ketamine can harm the bladder.")
    found = problems(md)
    assert [p.line for p in found] == [7] and "cites no source" in found[0].message


def test_a_citation_in_the_next_section_does_not_count():
    md = GOOD.replace("Ketamine can harm the bladder [@shahani2007].", "Ketamine can harm the bladder.") \
        + "\nAsk your doctor [@cohen2018].\n"
    assert any("cites no source" in p.message for p in problems(md))


def test_a_subsection_of_the_risks_section_counts():
    md = GOOD.replace("Ketamine can harm the bladder [@shahani2007].", "Overview.\n\n### Bladder\n\nIt can harm it [@shahani2007].")
    assert problems(md) == []


def test_missing_link_to_the_risks_article():
    md = GOOD.replace("Read [the risks](risques-de-la-ketamine.md).", "Read [another page](../autre/).")
    found = problems(md)
    assert len(found) == 1 and "does not link to the article on its risks" in found[0].message
    # a treatment without a risks article only needs the section
    assert problems(md, treatments={"x2020": "duloxetine"}) == []


def test_links_elsewhere_or_outside_the_site_do_not_count():
    md = GOOD.replace("risques-de-la-ketamine.md", "https://example.org/articles/risques-de-la-ketamine/")
    assert any("does not link" in p.message for p in problems(md))


def test_which_pages_the_rule_covers():
    rule = HarmsRule(risks_pages={"ketamine": "articles/risques-de-la-ketamine.md"})
    assert rule.applies_to("articles/un-cas-clinique.md") and rule.applies_to("index.md")
    assert rule.applies_to("a-propos/index.md")
    assert not rule.applies_to("articles/risques-de-la-ketamine.md")  # the risks article itself
    assert not rule.applies_to("references/index.md") and not rule.applies_to("references/niveaux-de-preuve.md")
    assert not rule.applies_to("glossaire/index.md") and not rule.applies_to("a-propos/corrections.md")
