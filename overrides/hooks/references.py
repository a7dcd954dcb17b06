"""Citations: `[@key]` in Markdown, numbered markers with previews, a reference list
under each page that cites, the bibliography page of each language, and checks.

- data/references.yml is read once per build run; its problems are reported once,
  in the default language's build, with their line (`--strict` then fails).
- An unknown key fails the build with the page, the line, and close keys.
- The markers and the reference list are drawn once the page is indexed for search
  (citation_markers.py).
- The bibliography page's `<!-- kf:bibliography -->` becomes every reference, with
  links to the pages of that language citing it: MkDocs renders the content of every
  page before it builds any page, so the list is complete by then.
- The evidence page must have a section (heading id) for every study type: the badges
  link there.
- References that no page cites are listed (as information, not an error).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink
from selectolax.lexbor import LexborHTMLParser

from bilingual import line_of, relative_url, site_path
from citations import LABELS, STUDY_TYPES, CitationExtension, bibliography_html, cited_in_html, cited_keys
from harms import HarmsRule, check_harms
from hookutil import (
    BIBLIOGRAPHY_FILE,
    BIBLIOGRAPHY_PAGE,
    EVIDENCE_PAGE,
    bibliography,
    build_language,
    is_default_build,
    languages,
    link_to,
    log,
    page_info,
    page_line_offset,
    page_source,
)
from markers import replace_marker

PLACEHOLDER = '<div data-kf-bibliography=""></div>'

#: Harms travel with benefits (harms.py): the risks article of each treatment that has one.
HARMS = HarmsRule(risks_pages={"ketamine": "articles/risques-de-la-ketamine.md",
                               "esketamine": "articles/risques-de-la-ketamine.md"})

#: Per language build: reference id -> pages citing it, in the order MkDocs renders them.
_cited_in: dict[str, list] = {}


def _add_to_toc(page, title: str, anchor: str) -> None:
    """Add a section we generated to the page's table of contents (under the page
    title when there is one, as Material shows the title's children)."""
    items = page.toc.items
    link = AnchorLink(title, anchor, 2)
    if items and items[0].level == 1:
        items[0].children.append(link)
    else:
        items.append(link)


@event_priority(-150)
def on_config(config):
    if not any(isinstance(ext, CitationExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(CitationExtension())
    bib = bibliography(config)
    if is_default_build(config):  # report once, not once per language build
        for problem in bib.problems:
            log.warning(str(problem))
    return config


def on_pre_build(config):
    _cited_in.clear()


def on_page_markdown(markdown, page, config, files):
    _, key = page_info(page, config)
    if key == BIBLIOGRAPHY_PAGE:
        markdown = replace_marker(markdown, "bibliography", PLACEHOLDER)
    return markdown


def on_page_content(html, page, config, files):
    """Check the page's citations and record them: every page's are known before any
    page is built (the bibliography's "cited in" lists need them). The markers are drawn
    later, once the search plugin has indexed the page (citation_markers.py)."""
    code, key = page_info(page, config)
    bib = bibliography(config)
    rendered = cited_keys(html, bib)
    if rendered.unknown:
        source = page_source(page)
        for ref_key in dict.fromkeys(rendered.unknown):
            close = bib.suggest(ref_key)
            hint = f" Did you mean {', '.join('@' + c for c in close)}?" if close else ""
            log.warning(
                f"docs/{page.file.src_uri}:{line_of(source, '@' + ref_key)}: unknown reference "
                f"'@{ref_key}'.{hint} Fix the key, or add the work to {BIBLIOGRAPHY_FILE} first."
            )
    page.kf_cited = rendered.cited  # for the page's structured data (structured_data.py)
    if HARMS.applies_to(key) and code == build_language(config):
        _check_harms(html, page, config, code, {k: bib.references[k].treatment for k in rendered.cited
                                                if bib.references[k].treatment})
    if rendered.cited:
        _add_to_toc(page, LABELS[code]["references"], "references")
        if code == build_language(config):  # a page shown in place of a translation does not count
            for ref_id in rendered.cited:
                _cited_in.setdefault(ref_id, []).append(page)
    if key == EVIDENCE_PAGE:
        ids = {n.attributes.get("id") for n in LexborHTMLParser(html).css("[id]")}
        offset = page_line_offset(page)
        for stype in STUDY_TYPES.values():
            if stype.id not in ids:
                log.warning(
                    f"docs/{page.file.src_uri}:{offset + 1}: the evidence page has no section for the "
                    f"study type '{stype.id}' ({stype.labels[code]}), which reference badges link to. "
                    f"Add a heading ending with {{#{stype.id}}}."
                )
    return html


def _check_harms(html, page, config, code, treatments) -> None:
    if not treatments:
        return
    default = next(lang.code for lang in languages(config) if lang.default)
    risks_urls = {t: site_path(k, code, default) for t, k in HARMS.risks_pages.items()}
    source: list[str] = []

    def locate(needle: str) -> int:
        if not source:
            source.append(page_source(page))
        return line_of(source[0], needle)

    for problem in check_harms(html, treatments, risks_urls, page.url, f"docs/{page.file.src_uri}", locate):
        log.warning(str(problem))


def on_env(env, config, files):
    """All pages' content is rendered: report references no page of this language cites."""
    bib = bibliography(config)
    uncited = [ref_id for ref_id in bib.references if ref_id not in _cited_in]
    if uncited:
        log.info(
            f"{BIBLIOGRAPHY_FILE}: {len(uncited)} of {len(bib.references)} references are cited by no "
            f"{build_language(config)} page: {', '.join(uncited)}"
        )
    return env


@event_priority(50)  # before the search plugin indexes the page
def on_page_context(context, page, config, nav):
    _, key = page_info(page, config)
    if key != BIBLIOGRAPHY_PAGE or PLACEHOLDER not in (page.content or ""):
        return context
    code = build_language(config)
    links: dict[str, str] = {}  # a page's link from here, worked out once per page
    cited_in = {
        ref_id: [(p.title, links.get(p.url) or links.setdefault(p.url, relative_url(page.url, p.url))) for p in pages]
        for ref_id, pages in _cited_in.items()
    }
    generated = bibliography_html(bibliography(config), code, link_to(page, config, EVIDENCE_PAGE), None)
    page.content = page.content.replace(PLACEHOLDER, generated)
    # The "Cited in" lines are drawn once the page is indexed (citation_markers.py).
    page.kf_cited_in = {ref_id: cited_in_html(ref_id, code, cited_in) for ref_id in bibliography(config).references}
    for heading in LexborHTMLParser(generated).css("h2"):
        _add_to_toc(page, heading.text(), heading.attributes["id"])
    return context
