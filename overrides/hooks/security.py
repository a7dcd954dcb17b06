"""The Content-Security-Policy <meta> of every built page (pagefinish.py): the last
change to the page."""

from mkdocs.plugins import event_priority

from pagefinish import finish_page
from pagesecurity import PLACEHOLDER


def on_page_context(context, page, config, nav):
    context["kf_csp"] = PLACEHOLDER
    return context


def on_template_context(context, template_name, config):
    context["kf_csp"] = PLACEHOLDER
    return context


@event_priority(-200)  # last: after every other change to the page
def on_post_page(output, page, config):
    return finish_page(output, page.content)


@event_priority(-200)
def on_post_template(output, template_name, config):
    return finish_page(output) if template_name.endswith(".html") else output  # the 404 page
