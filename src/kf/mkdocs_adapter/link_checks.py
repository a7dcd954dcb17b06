"""Links of the pages, checked with the file, the line and how to fix them
(core/link_checks.py).

- A link from one language folder into another fails the build: MkDocs +
  mkdocs-static-i18n silently turn `../../en/x.md` written on a French page into a link
  to the French page itself.
- A link to a missing page or file, to a folder, outside docs/ or absolute fails with its
  line; MkDocs' own validation (mkdocs.yml) says the same without the line.
- A link to a missing #anchor of another page is reported once every page is rendered.

A small Markdown tree processor records each page's links before MkDocs rewrites them.
"""

from __future__ import annotations

import os

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from kf.core.link_checks import anchor_problem, cross_language_link, link_line, link_problem
from kf.core.problems import Problem
from kf.mkdocs_adapter.state import source_of, warn


class _LinkRecorder(Treeprocessor):
    def __init__(self, md, build_run):
        super().__init__(md)
        self.build_run = build_run

    def run(self, root):
        self.build_run.language_build.links = [
            el.get(attr) for el in root.iter() for attr in ("href", "src") if el.get(attr) is not None
        ]


class RecordLinks(Extension):
    """Records each page's links as written, before MkDocs' "relpath" processor (priority
    0) rewrites them, into the run's current language build."""

    def __init__(self, build_run, **kwargs):
        self.build_run = build_run
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.treeprocessors.register(_LinkRecorder(md, self.build_run), "kf_record_links", 5)


def record_links(run, config) -> None:
    config.markdown_extensions[:] = [ext for ext in config.markdown_extensions if not isinstance(ext, RecordLinks)]
    config.markdown_extensions.append(RecordLinks(run))


def check_links(run, page, config, files) -> None:
    recorded = run.language_build.links
    names = {lang.code: lang.name for lang in run.languages}
    docs = config.docs_dir
    source = source_of(page)
    page.kf_links = list(recorded)  # for the anchors, once every page is rendered
    problems = []
    for index, href in enumerate(recorded):
        nth = recorded[:index].count(href)  # its line: where its address is written the nth time
        other = cross_language_link(href, page.file.src_uri, run.codes)
        if other is not None:
            problems.append(Problem(
                f"docs/{page.file.src_uri}", link_line(source(), href, nth), f"the link '{href}' points into the "
                f"{names[other]} pages (docs/{other}/). Links between languages are not allowed: the "
                f"site would silently turn it into a link to this page's own language. Link to the "
                f"page in this page's language instead; readers change language with the language "
                f"link at the top of every page."
            ))
            continue
        # a file exists if MkDocs knows it (the i18n plugin also makes the shared files of
        # docs/ reachable from each language folder) or it is on disk
        problem = link_problem(href, page.file.src_uri,
                               lambda p: files.get_file_from_path(p) is not None or os.path.exists(os.path.join(docs, p)),
                               lambda p: os.path.isdir(os.path.join(docs, p)))
        if problem:
            problems.append(Problem(f"docs/{page.file.src_uri}", link_line(source(), href, nth), problem))
    for problem in dict.fromkeys(problems):  # a reference link used twice: one problem, on its line
        warn(problem)
    run.language_build.links = []


def check_anchors(files) -> None:
    """Every page is rendered: links to a missing #anchor of another page, with their line."""

    def anchors_of(path: str):
        target = files.get_file_from_path(path)
        return getattr(getattr(target, "page", None), "present_anchor_ids", None)

    for file in files.documentation_pages():
        source = source_of(file.page)
        links = getattr(file.page, "kf_links", [])
        problems = []
        for index, href in enumerate(links):
            problem = anchor_problem(href, file.src_uri, anchors_of)
            if problem:
                problems.append(Problem(f"docs/{file.src_uri}", link_line(source(), href, links[:index].count(href)), problem))
        for problem in dict.fromkeys(problems):
            warn(problem)
