"""Links from one language folder into the other fail the build.

MkDocs + mkdocs-static-i18n silently turn a Markdown link such as `../../en/x.md`
written on a French page into a link to the French page itself. A small Markdown
tree processor records each page's links before MkDocs rewrites them; the check
itself is bilingual.cross_language_link.
"""

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import event_priority

from bilingual import cross_language_link, line_of
from hookutil import languages, log


#: Links of the page being converted (MkDocs converts one page at a time).
_recorded: list[str] = []


class _LinkRecorder(Treeprocessor):
    def run(self, root):
        _recorded[:] = [
            el.get(attr) for el in root.iter() for attr in ("href", "src") if el.get(attr) is not None
        ]


class RecordLinks(Extension):
    """Records each page's links as written, before MkDocs' "relpath" processor
    (priority 0) rewrites them."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(_LinkRecorder(md), "kf_record_links", 5)


@event_priority(-150)
def on_config(config):
    if not any(isinstance(ext, RecordLinks) for ext in config.markdown_extensions):
        config.markdown_extensions.append(RecordLinks())
    return config


def on_page_content(html, page, config, files):
    codes = [lang.code for lang in languages(config)]
    names = {lang.code: lang.name for lang in languages(config)}
    source = None
    for href in _recorded:
        other = cross_language_link(href, page.file.src_uri, codes)
        if other is None:
            continue
        if source is None:
            with open(page.file.abs_src_path, encoding="utf-8") as fh:
                source = fh.read()
        log.warning(
            f"docs/{page.file.src_uri}:{line_of(source, href)}: the link '{href}' points into the "
            f"{names[other]} pages (docs/{other}/). Links between languages are not allowed: the "
            f"site would silently turn it into a link to this page's own language. Link to the "
            f"page in this page's language instead; readers change language with the language "
            f"link at the top of every page."
        )
    _recorded.clear()
    return html
