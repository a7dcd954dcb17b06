"""Content-Security-Policy <meta> on every page (see pagesecurity.py)."""

from mkdocs.plugins import event_priority

from pagesecurity import PLACEHOLDER, apply_policy


def on_page_context(context, page, config, nav):
    context["kf_csp"] = PLACEHOLDER
    return context


def on_template_context(context, template_name, config):
    context["kf_csp"] = PLACEHOLDER
    return context


@event_priority(-200)  # last: after every other change to the page
def on_post_page(output, page, config):
    return apply_policy(output)


@event_priority(-200)
def on_post_template(output, template_name, config):
    return apply_policy(output)
