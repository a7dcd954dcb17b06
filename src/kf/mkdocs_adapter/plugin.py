"""The site's MkDocs plugin: the whole story of a page, from Markdown to written HTML.

Registered once in mkdocs.yml (`plugins: - kf-site`) through the package's entry point.
Each event method below calls the steps in the order they run; a step is a small
function of this folder (kf/mkdocs_adapter/) that reads MkDocs' objects and calls the
pure functions of kf/core/. State lives on the plugin instance (`self.run`, a BuildRun
made when a run starts), never in module globals.

mkdocs-static-i18n (priority -100 on every event) runs the whole build once per
language: the default language's build first, the others from inside its on_post_build.
Our events run after it where it sets the language (on_config), and before it elsewhere,
except on_post_build, where whole-site work waits for the last language build.

A page goes through:

1. on_config (once per language build): at the start of a run, files an editor broke
   stop the build; the pages and data files are read and their problems reported (a
   strict build stops there when there are any).
   Each language build then sets its Markdown (permalink title, citations, link
   recorder), whether it writes the 404 page, and how the theme's files are listed
   (without the icon folder MkDocs never copies).
2. on_page_markdown: marker check, charts, care cards, glossary page, bibliography marker.
3. (Python-Markdown converts the page; the link recorder and citation reader run.)
4. on_page_content: raw-HTML allow-list, citations, harms, short answer and care card
   checked and recorded, links checked.
5. on_env (every page converted): anchors of links checked, uncited works listed,
   plain menu links marked, compiled templates kept for the next language build and the next run.
6. on_page_context: fallback notice (and canonical URL), language switch and hreflang,
   review record, edit links, structured data, bibliography list; then the reader aids
   (wide tables labelled to become cards on phones),
   glossary tooltips before citation markers (terms are not marked inside previews);
   last, under an article's title, its review record in one line and its sections, and
   for a treatment's article its one-page sheet for an appointment.
7. on_post_page: duplicate ids checked on the finished text; Content-Security-Policy.
8. on_post_build, after the last language build: sitemap, then the search index.
"""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from kf.core.labels import STRINGS
from kf.mkdocs_adapter import (
    care,
    charts,
    citations,
    glossary,
    language_links,
    link_checks,
    markers,
    menus,
    not_found,
    page_meta,
    page_safety,
    review_records,
    search,
    sources,
    tables,
    theme_files,
    translations,
)
from kf.mkdocs_adapter.state import BuildRun


class SiteConfig(Config):
    #: Build the search index after the last language build.
    search = config_options.Type(bool, default=True)
    #: Mark glossary terms with their definition (off only to measure what it costs: make bench).
    tooltips = config_options.Type(bool, default=True)


class SitePlugin(BasePlugin[SiteConfig]):
    def __init__(self) -> None:
        self.run: BuildRun | None = None

    def _i18n(self, config):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("the kf-site plugin needs mkdocs-static-i18n: list `i18n` under `plugins:` in mkdocs.yml.")
        return i18n

    # 1. ------------------------------------------------------------------ configuration

    @event_priority(-140)  # after the i18n plugin (-100) has set the language of this build
    def on_config(self, config):
        i18n = self._i18n(config)
        if self.run is None or not i18n.building:  # a new run (build, or a rebuild of `serve`)
            sources.stop_on_unreadable_files(config)
            self.run = run = BuildRun(config, i18n)
            sources.stop_on_missing_labels(run)
            sources.report([*run.sources.problems, *sources.pages_missing_from_nav(run, config),
                            *run.glossary.problems, *run.bibliography.problems,
                            *charts.chart_problems(run), *care.help_problems(run), *search.synonym_problems(run),
                            *review_records.review_problems(run)], config.strict)
        run = self.run
        run.start_language_build()
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = STRINGS[run.language]["permalink"]
        citations.read_citations(config)
        link_checks.record_links(run, config)
        not_found.only_in_default_build(run, config)
        theme_files.list_theme_without_dot_folders(config)
        return config

    def on_build_error(self, error):
        self.run = None

    # 2. ------------------------------------------------------------------ Markdown

    def on_page_markdown(self, markdown, page, config, files):
        run = self.run
        markers.check_markers(run, markdown, page)
        markdown = charts.draw_charts(run, markdown, page)
        markdown = care.draw_care_cards(run, markdown, page)
        markdown = glossary.glossary_page(run, markdown, page)
        markdown = citations.bibliography_marker(run, markdown, page)
        return markdown

    # 4. ------------------------------------------------------------------ converted HTML

    def on_page_content(self, html, page, config, files):
        run = self.run
        page_safety.check_raw_html(html, page)  # before our own markup is added
        citations.check_citations(run, html, page)
        care.check_care_cards(run, html, page)  # after the citations: it needs the page's treatments
        link_checks.check_links(run, page, config, files)
        return html

    # 5. ------------------------------------------------------------------ every page converted

    def on_env(self, env, config, files):
        run = self.run
        link_checks.check_anchors(files)
        citations.report_uncited(run)
        menus.mark_plain_links(files)
        env.bytecode_cache = run.templates
        return env

    # 6. ------------------------------------------------------------------ the page's template context

    def on_page_context(self, context, page, config, nav):
        run = self.run
        translations.fallback_notice(run, context, page, config)  # sets page.canonical_url: first
        language_links.language_context(run, context, page, config)
        review_records.review_context(run, context, page, config)
        page_meta.edit_links(run, context, page, config)
        page_meta.structured_data(run, context, page, config)
        page_safety.csp_placeholder(context)
        # Reader aids, on the page's final text:
        citations.bibliography_page(run, page)
        tables.label_table_cells(page)  # wide tables as cards on phones
        care.label_care_levels(run, page)  # a warning sign's level in words
        if self.config.tooltips:
            glossary.mark_glossary_terms(run, page)
        citations.draw_citations(run, page)
        review_records.page_top(run, context, page)  # under the title: review line, sections
        review_records.print_sheet(run, context, page, config)  # a treatment's sheet for an appointment
        return context

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            not_found.not_found_context(self.run, context, config)
        page_safety.csp_placeholder(context)
        return context

    # 7. ------------------------------------------------------------------ the written page

    @event_priority(-200)  # last: after every other plugin's change to the page
    def on_post_page(self, output, page, config):
        page_safety.check_page_ids(page)
        return page_safety.finish(output, page.content)

    @event_priority(-200)
    def on_post_template(self, output, template_name, config):
        return page_safety.finish(output) if template_name.endswith(".html") else output  # the 404 page

    # 8. ------------------------------------------------------------------ the whole site

    @event_priority(-200)  # after the i18n plugin (-100) has run the other languages' builds
    def on_post_build(self, config):
        run = self.run
        if run.other_builds_running:
            return
        language_links.write_sitemap(run, config)
        if self.config.search:
            search.build_search_index(run, config)
