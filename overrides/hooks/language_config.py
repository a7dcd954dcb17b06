"""Per-language Markdown settings, and the start and end of each language build.

mkdocs-static-i18n refuses per-language `markdown_extensions`, so this hook sets the
language-dependent ones for each language build: the title of heading permalinks.
It runs after the i18n plugin (priority -100) has set the build language.
"""

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hookutil import (build_ended, build_failed, build_language, build_started, is_default_build, log,
                      start_language_build)
from strings import STRINGS
from textfiles import check_sources


@event_priority(-140)  # before every other hook reads a page or a data file
def on_config(config):
    if is_default_build(config):
        stop_on_unreadable_sources(config)
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = STRINGS[build_language(config)]["permalink"]
    start_language_build(config)  # before the other hooks read the pages (hookutil.sources)
    return config


@event_priority(100)
def on_pre_build(config):
    build_started()


@event_priority(-300)  # after every other on_post_build (see hookutil.is_last_build)
def on_post_build(config):
    build_ended()


def on_build_error(error):
    build_failed()


def stop_on_unreadable_sources(config) -> None:
    """Pages and data files not saved as UTF-8, or holding control characters, stop the
    build before anything reads them (textfiles.py): MkDocs would stop later with a
    traceback that does not name the file."""
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    docs = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    problems = check_sources(root, ((docs, ".md"), ("data", ".yml"), ("data", ".yaml")))
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"{len(problems)} page(s) or data file(s) cannot be read safely (listed above); "
                          "nothing was built.")
