"""Language switch, hreflang alternates and sitemap.xml.

Material's own alternates are relative and lack x-default, and the i18n plugin's
sitemap announces fallback pages as translations: both are replaced here.
"""

import gzip
from pathlib import Path

from mkdocs.plugins import event_priority

from bilingual import alternates, language_links, relative_url, site_path, sitemap_xml
from hookutil import build_language, is_last_build, page_info, sources


def on_page_context(context, page, config, nav):
    site = sources(config)
    _, key = page_info(page, config)
    reader = build_language(config)
    here = site_path(key, reader, site.default.code)
    context["kf_is_home"] = key == "index.md"  # Material's page.is_homepage misses /en/
    context["kf_hreflang"] = alternates(site, key, config.site_url)
    context["kf_language_switch"] = [
        {
            "href": relative_url(here, target),
            "lang": lang.code,
            "name": lang.name,
        }
        for lang, target in language_links(site, key, reader)
    ]
    return context


@event_priority(-200)
def on_post_build(config):
    # The default language's build runs last (the i18n plugin builds the others from
    # inside it), so its sitemap is written once, over the plugin's.
    if not is_last_build():
        return
    data = sitemap_xml(sources(config), config.site_url)
    site_dir = Path(config.site_dir)
    (site_dir / "sitemap.xml").write_bytes(data)
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as fh:
        fh.write(data)
