"""Which pages the menus may write the quick way (overrides/partials/nav-item.html).

Every page lists the pages of its section, so in a large section the menus are most of
the build. A page that is only a title and a link in the menus (no icon, subtitle or
status in its front matter, nothing another plugin adds) is marked once every page has
been read and none built yet; the menu template then writes its entry without
Material's macros. Unmarked pages go the usual way.
"""

from __future__ import annotations

#: Front-matter keys that change a page's menu entry in Material.
MENU_META = ("icon", "subtitle", "status")
#: Attributes other Material plugins give pages, which change their menu entry.
MENU_ATTRS = ("typeset", "encrypted", "pages")


def is_plain_link(meta: dict, page) -> bool:
    return not any(meta.get(key) for key in MENU_META) and not any(getattr(page, a, None) for a in MENU_ATTRS)


def mark_plain_links(files) -> None:
    for file in files.documentation_pages():
        page = file.page
        if page is not None:
            page.kf_plain_link = is_plain_link(page.meta or {}, page)
