"""The last change to every built page: Material's accessibility fixes and the
Content-Security-Policy <meta>, in one parse (pagefinish.py)."""

from mkdocs.plugins import event_priority

from hookutil import build_language
from pagefinish import finish_page
from pagesecurity import PLACEHOLDER
from strings import STRINGS


def on_page_context(context, page, config, nav):
    context["kf_csp"] = PLACEHOLDER
    return context


def on_template_context(context, template_name, config):
    context["kf_csp"] = PLACEHOLDER
    return context


@event_priority(-200)  # last: after every other change to the page
def on_post_page(output, page, config):
    return finish_page(output, page.content, STRINGS[build_language(config)]["search_placeholder"])


@event_priority(-200)
def on_post_template(output, template_name, config):
    if template_name.endswith(".html"):  # the 404 page
        return finish_page(output, None, STRINGS[build_language(config)]["search_placeholder"])
    return output
