"""Search in the reader's language.

Material writes one search index for both languages. After the build, it is split
into one index per language (search/search_index.json for the default language,
<code>/search/search_index.json for the others), and each page points Material's
search at its own language's index (`kf_search_base`, used in overrides/main.html).
"""

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from bilingual import language_root, site_path, split_search_index
from hookutil import build_language, is_last_build, page_info, sources


def on_page_context(context, page, config, nav):
    site = sources(config)
    _, key = page_info(page, config)
    reader = build_language(config)
    context["kf_search_base"] = language_root(site_path(key, reader, site.default.code), reader, site.default.code)
    return context


@event_priority(-200)
def on_post_build(config):
    # The i18n plugin writes the combined index at the end of the default language's
    # build (priority -100); split it once, after that.
    if not is_last_build():
        return
    site_dir = Path(config.site_dir)
    combined = site_dir / "search" / "search_index.json"
    if not combined.exists():
        return
    site = sources(config)
    for code, index in split_search_index(json.loads(combined.read_text(encoding="utf-8")), site).items():
        target = site_dir / ("" if code == site.default.code else code) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
