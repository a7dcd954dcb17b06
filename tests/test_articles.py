"""The articles and site pages on the built site: structure shared by both languages,
citations, review records, figures, readability; and review records stopping the build."""

from __future__ import annotations


import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build

from kf.cli.readability import measure, report

ARTICLES = sorted(p.stem for p in (ROOT / "docs/fr/articles").glob("*.md") if p.name != "index.md")
CHARTS = yaml.safe_load((ROOT / "data/charts.yml").read_text(encoding="utf-8"))


def both(site, slug):
    return site.html(f"articles/{slug}/"), site.html(f"en/articles/{slug}/")


def test_there_are_at_least_14_articles_in_both_languages():
    assert len(ARTICLES) >= 14
    en = sorted(p.stem for p in (ROOT / "docs/en/articles").glob("*.md") if p.name != "index.md")
    assert en == ARTICLES


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_structure_is_the_same_in_both_languages(site, slug):
    fr, en = both(site, slug)
    sections = []
    for doc, key_points in ((fr, "Points clés"), (en, "Key points")):
        article = doc.css_first("article")
        assert article.css_first(".admonition.abstract .admonition-title").text() == key_points
        ids = [h.attributes["id"] for h in article.css("h2[id]")]
        assert "for-you" in ids and ids[-1] == "references"
        sections.append(ids)
        assert article.css("span.kf-term"), "glossary terms are marked"
        review = doc.css_first("aside.kf-review")
        assert review is not None and len(review.css("time[datetime]")) == 2
        assert review.css_first(".kf-disclaimer").text().strip()
    assert sections[0] == sections[1], "the same sections, with the same ids"
    cited = [[li.attributes["id"] for li in d.css("ol.kf-references > li")] for d in (fr, en)]
    assert cited[0] == cited[1] and cited[0], "the same works, cited in the same order"
    for doc in (fr, en):
        assert doc.css_first("meta[name=description]").attributes["content"]


def test_review_dates_are_shown_in_the_page_language(site):
    fr, en = both(site, "ketamine-et-fibromyalgie")
    assert "Dernière relecture\u00a0: 1er décembre 2026" in fr.css_first("aside.kf-review").text()
    assert "Last reviewed: 1 December 2026" in en.css_first("aside.kf-review").text()
    assert fr.css_first("aside.kf-review").attributes["lang"] == "fr"


def test_articles_meet_their_readability_targets(site):
    scores = measure(site.dir)
    assert len(scores) == 2 * len(ARTICLES)
    failing = [s for s in scores if not s.ok]
    assert not failing, "\n" + report(failing)


def test_noppers_chart_is_drawn_from_the_data(site):
    chart = CHARTS["noppers2011"]
    expected = [p["values"][s["id"]] for p in chart["points"] for s in chart["series"]]
    for doc in both(site, "ketamine-et-fibromyalgie"):
        figure = doc.css_first("figure.kf-chart")
        assert [int(r.attributes["data-value"]) for r in figure.css("rect[data-value]")] == expected
        assert [int(td.text()) for td in figure.css("table td")] == expected
        assert figure.css_first("figcaption a.kf-ref__link") is not None  # the source is cited
    assert expected == [8, 3, 6, 2, 2, 0, 2, 2]  # the numbers of the trial (Noppers 2011)


def test_nmda_figure_has_a_text_alternative_in_each_language(site):
    for lang, doc in zip(("fr", "en"), both(site, "recepteurs-nmda")):
        img = doc.css_first(f'article img[src$="nmda-receptor.{lang}.svg"]')
        assert img is not None and len(img.attributes["alt"]) > 80
        svg = (site.dir / "assets/figures" / f"nmda-receptor.{lang}.svg").read_text(encoding="utf-8")
        assert ("kétamine" in svg) == (lang == "fr") and "<title" in svg and "<desc" in svg


@pytest.mark.parametrize("page", ["a-propos/", "a-propos/avertissement/", "a-propos/accessibilite/", "a-propos/confidentialite/", "a-propos/corrections/"])
def test_site_pages_exist_in_both_languages(site, page):
    for prefix in ("", "en/"):
        assert site.html(prefix + page).css_first("article h1") is not None


def test_about_page_links_the_public_corrections_list(site):
    for prefix in ("", "en/"):
        assert site.html(prefix + "a-propos/").css_first('article a[href="corrections/"]') is not None
        rows = site.html(prefix + "a-propos/corrections/").css("article table tbody tr")
        assert rows, "the corrections page lists corrections"
        for row in rows:  # date, page (linked), what, why
            cells = row.css("td")
            assert len(cells) == 4 and cells[1].css_first("a") is not None
            assert all(c.text().strip() for c in cells)


def test_review_record_problems_stop_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/en/articles/fibromyalgie.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("reviewer: Editorial team\n", "").replace("next_review: 2028-12-01", "next_review: 2030-01-01")
    page.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "docs/en/articles/fibromyalgie.md:2: 'reviewer:' is missing from the front matter" in result.stderr
    assert "docs/en/articles/fibromyalgie.md:5: 'next_review' (2030-01-01) is more than 2 years after" in result.stderr


def test_stale_translation_shows_readers_a_notice(tmp_path):
    project = copy_project(tmp_path / "project")
    source = project / "docs/fr/articles/fibromyalgie.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Le médecin s’appuie", "Votre médecin s’appuie"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode == 0, result.stderr
    assert "docs/en/articles/fibromyalgie.md (source docs/fr/articles/fibromyalgie.md is now" in result.stderr
    from selectolax.lexbor import LexborHTMLParser

    en = LexborHTMLParser((tmp_path / "out/en/articles/fibromyalgie/index.html").read_text(encoding="utf-8"))
    assert "The French version of this page has changed since it was translated." in en.css_first(".kf-stale").text()
    fr = LexborHTMLParser((tmp_path / "out/articles/fibromyalgie/index.html").read_text(encoding="utf-8"))
    assert fr.css_first(".kf-stale") is None


#: Words a tired reader should not meet where they look first (a page's title, its key
#: points) without their plain meaning beside them.
JARGON = ("hors AMM", "off-label", "significati")


@pytest.mark.parametrize("slug", ARTICLES)
def test_titles_and_key_points_use_plain_words(site, slug):
    for doc in both(site, slug):
        title = doc.css_first("title").text() + " " + doc.css_first("article h1").text()
        assert not [w for w in JARGON if w.lower() in title.lower()], title
        points = doc.css_first("article .admonition.abstract")
        for tip in points.css(".kf-term__tip, .kf-ref__tip"):  # the definitions shown on demand
            tip.decompose()
        for item in points.css("li"):
            text = item.text()
            for word in JARGON:
                if word.lower() in text.lower():  # only with its meaning in the same point
                    assert "(" in text or ":" in text, f"{slug}: « {word} » without its plain meaning: {text}"


CARE_PAGES = ["", "a-propos/avertissement/", "articles/risques-de-la-ketamine/", "articles/ketamine-et-depression/",
              *[f"articles/{slug}/" for slug in ("ketamine-et-fibromyalgie", "questions-avant-une-perfusion")]]


@pytest.mark.parametrize("path", CARE_PAGES)
def test_care_cards_give_each_language_its_numbers(site, path):
    fr, en = site.html(path), site.html("en/" + path)
    fr_reach = {a.attributes["href"] for a in fr.css(".kf-care a.kf-care__reach")}
    en_reach = {a.attributes["href"] for a in en.css(".kf-care a.kf-care__reach")}
    # French pages: the numbers for France, and they say so
    assert {"tel:15", "tel:112", "sms:114"} <= fr_reach and "tel:999" not in fr_reach
    assert "Ces numéros sont ceux de la France." in fr.css_first(".kf-care").text()
    # English pages: readers may be anywhere, each number with its country
    assert {"tel:112", "tel:999", "tel:911", "tel:000", "tel:15"} <= en_reach
    assert "In the UK: call 999" in en.css_first(".kf-care").text()
    crisis = path == "articles/ketamine-et-depression/"
    assert ("tel:3114" in fr_reach) is crisis and ("tel:988" in en_reach) is crisis
    for doc in (fr, en):  # a number, never "the emergency services" alone
        text = doc.css_first("article").text().lower()
        assert "services d’urgence" not in text and "emergency services" not in text


def test_the_risks_page_gives_its_warning_signs_a_level_from_its_source(site):
    for doc, level in ((site.html("articles/risques-de-la-ketamine/"), "Urgent"),
                       (site.html("en/articles/risques-de-la-ketamine/"), "Urgent")):
        box = doc.css_first(".admonition.care-urgent")
        assert box.css_first(".admonition-title .kf-care__level").text() == level
        assert box.css(".kf-cite"), "the box cites the source that places these signs"
        assert len(box.css("li")) == 2
