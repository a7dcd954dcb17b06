"""Language switch, hreflang alternates and sitemap.xml (core/language_links.py).

Material's own alternates are relative and lack x-default, and the i18n plugin's sitemap
announces fallback pages as translations: both are replaced here.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from kf.core.language_links import alternates, language_links, sitemap_xml
from kf.core.site_paths import relative_url, site_path


def language_context(run, context, page, config) -> None:
    _, key = run.page_info(page)
    here = site_path(key, run.language, run.default)
    context["kf_is_home"] = key == "index.md"  # Material's page.is_homepage misses /en/
    context["kf_hreflang"] = alternates(run.sources, key, config.site_url)
    context["kf_language_switch"] = [
        {"href": relative_url(here, target), "lang": lang.code, "name": lang.name}
        for lang, target in language_links(run.sources, key, run.language)
    ]


def write_sitemap(run, config) -> None:
    """One sitemap for the whole site, over the i18n plugin's."""
    data = sitemap_xml(run.sources, config.site_url)
    site_dir = Path(config.site_dir)
    (site_dir / "sitemap.xml").write_bytes(data)
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as fh:
        fh.write(data)
