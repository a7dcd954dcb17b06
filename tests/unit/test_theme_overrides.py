"""Our copies of Material's partials stay Material's, apart from the blocks we mark.

A marked block runs from a line with "{#- kf:" to a line with "{#- /kf"; the end
comment quotes the Material line the block replaces ("{#- /kf Material: <line> -#}"),
if any. If this fails after Material is upgraded: copy the new partial from Material's
templates into overrides/partials/ and make the marked changes again.
"""

from pathlib import Path

import material
import pytest

MATERIAL = Path(material.__file__).parent / "templates" / "partials"
OURS = Path(__file__).resolve().parents[2] / "overrides" / "partials"


def as_material_wrote_it(text: str) -> str:
    lines = text.splitlines()
    assert lines[0] == "{#-" and "copied unchanged except for the" in lines[1]
    lines = lines[lines.index("-#}") + 1 :]  # our header comment
    out, inside = [], False
    for line in lines:
        if "{#- kf:" in line:
            assert not inside, "a kf block is not closed"
            inside = True
        elif "{#- /kf" in line:
            assert inside, "a /kf comment without its kf block"
            inside = False
            quoted = line.split("{#- /kf", 1)[1].rsplit("-#}", 1)[0].strip()
            if quoted:
                assert quoted.startswith("Material: ")
                indent = line[: len(line) - len(line.lstrip())]
                out.append(indent + quoted[len("Material: ") :])
        elif not inside:
            out.append(line)
    assert not inside, "a kf block is not closed"
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(("name", "blocks"), [("nav-item.html", 4), ("search.html", 6), ("header.html", 2)])
def test_our_partial_is_materials_but_for_the_marked_blocks(name, blocks):
    ours = (OURS / name).read_text(encoding="utf-8")
    assert ours.split("\n-#}\n", 1)[1].count("{#- kf:") == blocks
    assert as_material_wrote_it(ours) == (MATERIAL / name).read_text(encoding="utf-8")


def test_a_change_outside_the_marked_blocks_is_caught():
    ours = (OURS / "nav-item.html").read_text(encoding="utf-8")
    changed = ours.replace('class="md-nav__title"', 'class="md-nav__title x"', 1)
    assert as_material_wrote_it(changed) != (MATERIAL / "nav-item.html").read_text(encoding="utf-8")


def render_entry(partials: Path, nav_item, page) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(partials.parent)))
    env.filters["url"] = lambda value: "/" + value
    template = env.from_string(
        '{% import "partials/nav-item.html" as item with context %}{{ item.render(nav_item, "__nav_2_1", 2, none) }}'
    )
    return template.render(nav_item=nav_item, page=page, features=["navigation.sections", "navigation.indexes"],
                           config={"extra": {}})


def dom(html: str) -> list:
    from selectolax.lexbor import LexborHTMLParser

    out = []
    for node in LexborHTMLParser(f"<body>{html}").body.traverse(include_text=True):
        if node.is_text_node:
            if node.text_content.split():
                out.append(" ".join(node.text_content.split()))
        else:
            out.append((node.tag, sorted((node.attributes or {}).items())))
    return out


@pytest.mark.parametrize("meta", [{}, {"subtitle": "Sous-titre"}, {"status": "new"}])
def test_menu_entries_written_the_quick_way_are_materials_markup(meta):
    from types import SimpleNamespace

    from kf.mkdocs_adapter.menus import is_plain_link

    current = SimpleNamespace(title="Ici", url="ici/", is_page=True, active=True, children=None, meta={})
    entry = SimpleNamespace(title="Fibromyalgie : les faits", url="articles/fibromyalgie/", is_page=True,
                            active=False, children=None, meta=meta)
    entry.kf_plain_link = is_plain_link(meta, entry)
    assert entry.kf_plain_link == (not meta)
    ours, theirs = render_entry(OURS, entry, current), render_entry(MATERIAL, entry, current)
    assert dom(ours) == dom(theirs) and "Fibromyalgie : les faits" in ours


def test_a_section_menu_written_the_quick_way_is_materials_markup():
    from types import SimpleNamespace

    from kf.mkdocs_adapter.menus import is_plain_link

    def page(title, url, **meta):
        p = SimpleNamespace(title=title, url=url, is_page=True, active=False, children=None, meta=meta,
                            is_index=url.endswith("articles/"))
        p.kf_plain_link = is_plain_link(meta, p)
        return p

    index, current = page("Articles", "articles/"), page("Ici", "articles/ici/")
    current.active = True
    current.toc = []
    children = [index, page("Un", "articles/un/"), current, page("Deux", "articles/deux/", subtitle="Sous-titre"),
                page("Trois", "articles/trois/")]
    section = SimpleNamespace(title="Articles", children=children, is_page=False, active=True, meta=None)
    from selectolax.lexbor import LexborHTMLParser

    def menu(partials):  # the section's list of pages (its <nav> is named differently on purpose)
        return LexborHTMLParser(render_entry(partials, section, current)).css_first("ul.md-nav__list").html

    ours, theirs = menu(OURS), menu(MATERIAL)
    assert dom(ours) == dom(theirs)
    assert [a for a in dom(ours) if isinstance(a, str)].count("Un") == 1 and "Trois" in ours


def _config_block(text: str) -> str:
    return text.split("{% block config %}", 1)[1].split("{% endblock %}", 1)[0]


def _keys(block: str) -> list[str]:
    """The keys of the JSON object the config block writes (Jinja source, not HTML)."""
    import re

    return re.findall(r'^\s*"([a-z.]+)":', block, flags=re.M)


def test_our_config_block_writes_materials_keys_but_the_search_worker():
    """overrides/main.html copies Material's configuration block (base.html) without the
    search worker: search is ours. A Material release that adds, renames or drops a key
    (a translation, a feature) must be copied again."""
    base = (MATERIAL.parent / "base.html").read_text(encoding="utf-8")
    ours = (OURS.parent / "main.html").read_text(encoding="utf-8")
    theirs = _keys(_config_block(base))
    assert "search" in theirs and "clipboard.copy" in theirs
    assert _keys(_config_block(ours)) == [key for key in theirs if key != "search"]


def test_materials_names_our_scripts_rely_on_still_exist():
    """Class names of Material's markup that our scripts use (search dialog, header,
    typeset): each must still be in Material's templates, styles or script."""
    import re

    scripts = OURS.parent / "assets" / "javascripts"
    used = set()
    for script in scripts.glob("*.js"):
        used.update(re.findall(r"\bmd-[a-z]+(?:[_-]{1,2}[a-z]+)*", script.read_text(encoding="utf-8")))
    assert {"md-search__input", "md-search-result__list", "md-header__topic"} <= used
    material = MATERIAL.parent.parent
    known = "".join(p.read_text(encoding="utf-8") for p in (material / "templates").rglob("*.html"))
    assets = material / "templates" / "assets"
    known += "".join(p.read_text(encoding="utf-8") for p in [*(assets / "stylesheets").glob("*.css"),
                                                             *(assets / "javascripts").glob("bundle.*.js")])
    assert sorted(name for name in used if name not in known) == []
