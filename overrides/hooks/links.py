"""Links of the pages, checked with the file, the line and how to fix them.

- A link from one language folder into the other fails the build: MkDocs +
  mkdocs-static-i18n silently turn `../../en/x.md` written on a French page into a
  link to the French page itself (bilingual.cross_language_link).
- A link to a missing page or file, to a folder, outside docs/ or absolute fails with
  its line (bilingual.link_problem); MkDocs' own validation (mkdocs.yml) says the same
  without the line.
- A link to a missing #anchor of another page is reported once every page is rendered.

A small Markdown tree processor records each page's links before MkDocs rewrites them.
"""

import os

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import event_priority

from bilingual import anchor_problem, cross_language_link, line_of, link_problem
from hookutil import languages, log, page_source


#: Links of the page being converted (MkDocs converts one page at a time).
_recorded: list[str] = []


class _LinkRecorder(Treeprocessor):
    def run(self, root):
        _recorded[:] = [
            el.get(attr) for el in root.iter() for attr in ("href", "src") if el.get(attr) is not None
        ]


class RecordLinks(Extension):
    """Records each page's links as written, before MkDocs' "relpath" processor
    (priority 0) rewrites them."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(_LinkRecorder(md), "kf_record_links", 5)


@event_priority(-150)
def on_config(config):
    if not any(isinstance(ext, RecordLinks) for ext in config.markdown_extensions):
        config.markdown_extensions.append(RecordLinks())
    return config


def _source(page, cache: list) -> str:
    if not cache:
        cache.append(page_source(page))
    return cache[0]


def on_page_content(html, page, config, files):
    codes = [lang.code for lang in languages(config)]
    names = {lang.code: lang.name for lang in languages(config)}
    docs = config.docs_dir
    source: list[str] = []
    page.kf_links = list(_recorded)  # for the anchors, once every page is rendered (on_env)
    for href in _recorded:
        other = cross_language_link(href, page.file.src_uri, codes)
        if other is not None:
            log.warning(
                f"docs/{page.file.src_uri}:{line_of(_source(page, source), href)}: the link '{href}' points into the "
                f"{names[other]} pages (docs/{other}/). Links between languages are not allowed: the "
                f"site would silently turn it into a link to this page's own language. Link to the "
                f"page in this page's language instead; readers change language with the language "
                f"link at the top of every page."
            )
            continue
        # a file exists if MkDocs knows it (the i18n plugin also makes the shared files of
        # docs/ reachable from each language folder) or it is on disk
        problem = link_problem(href, page.file.src_uri,
                               lambda p: files.get_file_from_path(p) is not None or os.path.exists(os.path.join(docs, p)),
                               lambda p: os.path.isdir(os.path.join(docs, p)))
        if problem:
            log.warning(f"docs/{page.file.src_uri}:{line_of(_source(page, source), href)}: {problem}")
    _recorded.clear()
    return html


def on_env(env, config, files):
    """Every page is rendered: links to a missing #anchor of another page, with their line."""

    def anchors_of(path: str):
        target = files.get_file_from_path(path)
        return getattr(getattr(target, "page", None), "present_anchor_ids", None)

    for file in files.documentation_pages():
        source: list[str] = []
        for href in getattr(file.page, "kf_links", ()):
            problem = anchor_problem(href, file.src_uri, anchors_of)
            if problem:
                log.warning(f"docs/{file.src_uri}:{line_of(_source(file.page, source), href)}: {problem}")
    return env
