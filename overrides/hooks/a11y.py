"""Accessibility fixes to the theme's markup on every page (pagefixes.py)."""

from mkdocs.plugins import event_priority

from hookutil import build_language
from pagefixes import fix_accessibility
from strings import STRINGS


@event_priority(-100)  # before the Content-Security-Policy is computed (security.py)
def on_post_page(output, page, config):
    return fix_accessibility(output, STRINGS[build_language(config)]["search_placeholder"])


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):  # the 404 page
        return fix_accessibility(output_content, STRINGS[build_language(config)]["search_placeholder"])
    return output_content
