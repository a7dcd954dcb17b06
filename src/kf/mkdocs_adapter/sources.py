"""The start of a run: pages and data files an editor broke are reported before anything
else reads them, each with file:line and the fix; a strict build stops there."""

from __future__ import annotations

import logging
import os

from mkdocs.exceptions import PluginError

from kf.core.labels import LABELS_DIR, missing_labels
from kf.core.pages import nav_exemption, nav_problems
from kf.core.text_files import check_sources
from kf.mkdocs_adapter.state import log, warn


def stop_on_unreadable_files(config) -> None:
    """Pages and data files not saved as UTF-8, or holding control characters, stop the
    build before anything reads them (core/text_files.py): MkDocs would stop later with a
    traceback that does not name the file."""
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    docs = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    problems = check_sources(root, ((docs, ".md"), ("data", ".yml"), ("data", ".yaml")))
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"{len(problems)} page(s) or data file(s) cannot be read safely (listed above); "
                          "nothing was built.")


def report(problems, strict: bool) -> None:
    """Problems found in the pages' sources and the data files, logged once per run (in
    the first language build). A strict build stops here, before any page is converted:
    pages made from broken data would only add problems that follow from these ones (a
    reference left out for a malformed DOI makes its citations "unknown"), and nothing
    of a failing build is used. `mkdocs serve` (without --strict) shows them and goes
    on, so that the preview still works. The problems found while converting the pages
    (citations, links, raw HTML...) come in the next build; on a pull request, `make
    annotate` (`kf content`) finds these first ones, and unknown citation keys and
    unsafe raw HTML with them."""
    for problem in problems:
        warn(problem)
    if problems and strict:
        raise PluginError(f"{len(problems)} problem(s) in the pages or the data files (listed above); "
                          "nothing was built. Fix them, then build again.")


def pages_missing_from_nav(run, config) -> list:
    """Pages the navigation of mkdocs.yml does not list, when MkDocs' own check of the
    navigation (later in the build) would fail on them too: found with the other
    problems of the sources, by MkDocs' own rule (core/pages.py: nav_exemption)."""
    specs = [spec for spec in (config.not_in_nav, config.exclude_docs) if spec is not None]
    exempt = nav_exemption(config.validation.nav.omitted_files >= logging.WARNING, specs)
    return nav_problems(run.sources, config.nav, exempt)


def stop_on_missing_labels(run) -> None:
    """A language of mkdocs.yml without its interface labels (src/kf/labels/<code>.yml)."""
    for code in missing_labels(run.codes):
        raise PluginError(f"mkdocs.yml: the language '{code}' has no interface labels. Add "
                          f"{LABELS_DIR.as_posix()}/{code}.yml: copy en.yml and translate each value, keeping "
                          f"the keys and the {{placeholders}}.")
