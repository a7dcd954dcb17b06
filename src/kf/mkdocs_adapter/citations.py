"""Citations: `[@key]` in Markdown, numbered markers with previews, a reference list under
each page that cites, the bibliography page of each language, and their checks
(core/citations.py, core/harms.py).

- An unknown key fails the build with the page, the line and close keys.
- A page citing a work about a treatment's effect must say its harms (core/harms.py), and
  an article about a treatment opens with a short answer (core/short_answer.py).
- The bibliography page's `<!-- kf:bibliography -->` becomes every reference, with links
  to the pages of that language citing it: MkDocs renders the content of every page
  before it builds any page, so the list is complete by then.
- The evidence page must have a section (heading id) for every study type: the badges
  link there.
- References that no page cites are listed (as information, not an error).
"""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink
from selectolax.lexbor import LexborHTMLParser

from kf.core.citations import (
    CITED_IN_PLACEHOLDER,
    LABELS,
    STUDY_TYPES,
    CitationExtension,
    bibliography_html,
    cited_in_html,
    cited_keys,
    render_citations,
)
from kf.core.harms import HarmsRule, check_harms
from kf.core.short_answer import check_short_answer
from kf.core.markers import replace_marker
from kf.core.problems import Problem, line_of
from kf.core.site_paths import relative_url, site_path
from kf.mkdocs_adapter.review_records import is_article
from kf.mkdocs_adapter.state import (
    BIBLIOGRAPHY_FILE,
    BIBLIOGRAPHY_PAGE,
    EVIDENCE_PAGE,
    log,
    page_line_offset,
    source_of,
    warn,
)

PLACEHOLDER = '<div data-kf-bibliography=""></div>'

#: Harms travel with benefits (core/harms.py): the risks article of each treatment that has one.
HARMS = HarmsRule(risks_pages={"ketamine": "articles/risques-de-la-ketamine.md",
                               "esketamine": "articles/risques-de-la-ketamine.md"})


def _add_to_toc(page, title: str, anchor: str) -> None:
    """Add a section we generated to the page's table of contents (under the page title
    when there is one, as Material shows the title's children)."""
    items = page.toc.items
    link = AnchorLink(title, anchor, 2)
    if items and items[0].level == 1:
        items[0].children.append(link)
    else:
        items.append(link)


def read_citations(config) -> None:
    """`[@key]` becomes a placeholder when Python-Markdown converts a page."""
    if not any(isinstance(ext, CitationExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(CitationExtension())


def bibliography_marker(run, markdown: str, page) -> str:
    _, key = run.page_info(page)
    if key == BIBLIOGRAPHY_PAGE:
        markdown = replace_marker(markdown, "bibliography", PLACEHOLDER)
    return markdown


def check_citations(run, html: str, page) -> None:
    """Check the page's citations and record them: every page's are known before any page
    is built (the bibliography's "cited in" lists need them). The markers are drawn later
    (draw_citations), once the page's text is final."""
    code, key = run.page_info(page)
    bib = run.bibliography
    rendered = cited_keys(html, bib)
    source = source_of(page)
    for ref_key in dict.fromkeys(rendered.unknown):
        close = bib.suggest(ref_key)
        hint = f" Did you mean {', '.join('@' + c for c in close)}?" if close else ""
        warn(Problem(
            f"docs/{page.file.src_uri}", line_of(source(), '@' + ref_key), f"unknown reference "
            f"'@{ref_key}'.{hint} Fix the key, or add the work to {BIBLIOGRAPHY_FILE} first."
        ))
    page.kf_cited = rendered.cited  # for the page's structured data (page_meta.py)
    treatments = {k: bib.references[k].treatment for k in rendered.cited if bib.references[k].treatment}
    page.kf_treatments = treatments  # for the care card's rule (care.py)
    if HARMS.applies_to(key) and code == run.language and treatments:
        risks_urls = {t: site_path(k, code, run.default) for t, k in HARMS.risks_pages.items()}
        for problem in check_harms(html, treatments, risks_urls, page.url, f"docs/{page.file.src_uri}",
                                   lambda needle: line_of(source(), needle)):
            warn(problem)
    if is_article(key) and code == run.language and treatments:  # the answer first
        for problem in check_short_answer(html, f"docs/{page.file.src_uri}", lambda needle: line_of(source(), needle)):
            warn(problem)
    if rendered.cited:
        _add_to_toc(page, LABELS[code]["references"], "references")
        if code == run.language:  # a page shown in place of a translation does not count
            for ref_id in rendered.cited:
                run.language_build.cited_in.setdefault(ref_id, []).append(page)
    if key == EVIDENCE_PAGE:
        ids = {n.attributes.get("id") for n in LexborHTMLParser(html).css("[id]")}
        offset = page_line_offset(page)
        for stype in STUDY_TYPES.values():
            if stype.id not in ids:
                warn(Problem(
                    f"docs/{page.file.src_uri}", offset + 1, f"the evidence page has no section for the "
                    f"study type '{stype.id}' ({stype.labels[code]}), which reference badges link to. "
                    f"Add a heading ending with {{#{stype.id}}}."
                ))


def report_uncited(run) -> None:
    """All pages' content is rendered: references no page of this language cites."""
    bib = run.bibliography
    uncited = [ref_id for ref_id in bib.references if ref_id not in run.language_build.cited_in]
    if uncited:
        log.info(
            f"{BIBLIOGRAPHY_FILE}: {len(uncited)} of {len(bib.references)} references are cited by no "
            f"{run.language} page: {', '.join(uncited)}"
        )


def bibliography_page(run, page) -> None:
    """The bibliography page's list of every work; its "Cited in" lines are drawn with the
    markers (draw_citations)."""
    _, key = run.page_info(page)
    if key != BIBLIOGRAPHY_PAGE or PLACEHOLDER not in (page.content or ""):
        return
    code = run.language
    links: dict[str, str] = {}  # a page's link from here, worked out once per page
    cited_in = {
        ref_id: [(p.title, links.get(p.url) or links.setdefault(p.url, relative_url(page.url, p.url))) for p in pages]
        for ref_id, pages in run.language_build.cited_in.items()
    }
    generated = bibliography_html(run.bibliography, code, run.link_to(page, EVIDENCE_PAGE), None)
    page.content = page.content.replace(PLACEHOLDER, generated)
    page.kf_cited_in = {ref_id: cited_in_html(ref_id, code, cited_in) for ref_id in run.bibliography.references}
    for heading in LexborHTMLParser(generated).css("h2"):
        _add_to_toc(page, heading.text(), heading.attributes["id"])


def draw_citations(run, page) -> None:
    """Numbered markers with previews, the reference list, and the bibliography's "Cited
    in" lines. After the glossary's tooltips: terms are not marked inside previews."""
    cited_in = getattr(page, "kf_cited_in", None)
    if cited_in and page.content:
        page.content = CITED_IN_PLACEHOLDER.sub(lambda m: cited_in.get(m.group(1), ""), page.content)
    if page.content and "<!--kf-cite:" in page.content:
        code, _ = run.page_info(page)
        page.content = render_citations(page.content, run.bibliography, code, run.link_to(page, EVIDENCE_PAGE)).html
