"""Unsafe raw HTML in a page fails the build (htmlsafety.py), with file:line and the fix."""

from mkdocs.plugins import event_priority

from hookutil import is_default_build, languages, log
from htmlsafety import check_docs


@event_priority(-150)
def on_config(config):
    if is_default_build(config):  # report once, not once per language build
        for problem in check_docs(config.docs_dir, [lang.code for lang in languages(config)]):
            log.warning(str(problem))
    return config
