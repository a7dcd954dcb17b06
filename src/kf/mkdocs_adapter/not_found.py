"""One 404 page for the whole site, in the reader's language.

GitHub Pages serves only the root 404.html, for every missing path. Each language build
would write its own and the last would win, so only the default language's build renders
it; overrides/404.html holds the text of every language and
assets/javascripts/kf-notfound.js shows the one matching the missing path.
"""

from __future__ import annotations

from kf.core.labels import STRINGS
from kf.core.site_paths import site_root_path


def only_in_default_build(run, config) -> None:
    templates = config.theme.static_templates
    if run.is_default_build:
        templates.add("404.html")
    else:
        templates.discard("404.html")


def not_found_context(run, context, config) -> None:
    root = site_root_path(config.site_url)
    context["kf_site_root"] = root
    context["kf_notfound"] = [
        {
            "lang": lang.code,
            "home": root if lang.default else f"{root}{lang.code}/",
            "strings": STRINGS[lang.code],
            "site_name": _site_name(run, config, lang.code),
        }
        for lang in run.languages
    ]


def _site_name(run, config, code):
    """The site name in a language (mkdocs-static-i18n's per-language override)."""
    for lang in run.i18n.config.languages:
        if lang.locale == code and lang.site_name:
            return lang.site_name
    return config.site_name
