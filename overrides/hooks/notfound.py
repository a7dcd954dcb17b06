"""One 404 page for the whole site, in the reader's language.

GitHub Pages serves only the root 404.html, for every missing path. Each language
build would write its own and the last would win, so only the default language's
build renders it; overrides/404.html holds the text of every language and
assets/javascripts/kf-notfound.js shows the one matching the missing path.
"""

from mkdocs.plugins import event_priority

from bilingual import site_root_path
from hookutil import is_default_build, languages
from strings import STRINGS


@event_priority(-150)
def on_config(config):
    templates = config.theme.static_templates
    if is_default_build(config):
        templates.add("404.html")
    else:
        templates.discard("404.html")
    return config


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        root = site_root_path(config.site_url)
        context["kf_site_root"] = root
        context["kf_notfound"] = [
            {
                "lang": lang.code,
                "home": root if lang.default else f"{root}{lang.code}/",
                "strings": STRINGS[lang.code],
                "site_name": _site_name(config, lang.code),
            }
            for lang in languages(config)
        ]
    return context


def _site_name(config, code):
    """The site name in a language (mkdocs-static-i18n's per-language override)."""
    for lang in config.plugins["i18n"].config.languages:
        if lang.locale == code and lang.site_name:
            return lang.site_name
    return config.site_name
