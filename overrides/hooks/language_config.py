"""Per-language Markdown settings, and the start and end of each language build.

mkdocs-static-i18n refuses per-language `markdown_extensions`, so this hook sets the
language-dependent ones for each language build: the title of heading permalinks.
It runs after the i18n plugin (priority -100) has set the build language.
"""

from mkdocs.plugins import event_priority

from hookutil import build_ended, build_failed, build_language, build_started, start_language_build
from strings import STRINGS


@event_priority(-150)
def on_config(config):
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
