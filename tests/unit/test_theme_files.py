"""The theme's files listed without dot folders (src/kf/mkdocs_adapter/theme_files.py):
MkDocs copies the same files to the site, and every template is still found.

If the first test fails after MkDocs or Material is upgraded, MkDocs now copies a file
that our list leaves out: compare the two lists it prints, and make ThemeLoader list
what MkDocs copies (or remove it, and its step in plugin.py, if MkDocs lists quickly)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from kf.mkdocs_adapter.theme_files import ThemeLoader, list_theme_without_dot_folders

ROOT = Path(__file__).resolve().parents[2]


def copied(env, theme, site_dir) -> list[str]:
    """The theme files MkDocs copies to the site with this environment."""
    files = Files([])
    config = SimpleNamespace(theme=theme, site_dir=str(site_dir), use_directory_urls=True)
    files.add_files_from_theme(env, config)
    return sorted(file.src_uri for file in files)


def test_mkdocs_copies_the_same_theme_files_with_our_list(tmp_path):
    theme = Theme(name="material", custom_dir=str(ROOT / "overrides"), language="fr")
    stock = theme.get_env()
    ours = theme.get_env()
    ours.loader = ThemeLoader(theme.dirs)
    everything, listed = stock.list_templates(), ours.list_templates()
    assert len(everything) > 10 * len(listed)  # Material's icons: what the list leaves out
    assert set(listed) < set(everything)
    assert all(name.startswith(".") or "/." in name for name in set(everything) - set(listed))
    on_site = copied(stock, theme, tmp_path)
    assert any(name.startswith("assets/stylesheets/main.") for name in on_site)
    assert copied(ours, theme, tmp_path) == on_site


def test_dot_names_are_left_out_of_the_list_and_still_found(tmp_path):
    for name in (".icons/brand/logo.svg", ".hidden.css", "assets/.cache/x.js", "assets/app.css",
                 "partials/icon.html", "main.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"<!-- {name} -->", encoding="utf-8")
    (tmp_path / "partials/icon.html").write_text('{% include ".icons/brand/logo.svg" %}', encoding="utf-8")
    stock, ours = jinja2.FileSystemLoader(str(tmp_path)), ThemeLoader(str(tmp_path))
    assert ours.list_templates() == ["assets/app.css", "main.html", "partials/icon.html"]
    assert set(stock.list_templates()) - set(ours.list_templates()) == {
        ".icons/brand/logo.svg", ".hidden.css", "assets/.cache/x.js"}
    env = jinja2.Environment(loader=ours)
    assert env.get_template("partials/icon.html").render() == "<!-- .icons/brand/logo.svg -->"


def test_each_build_environment_lists_with_our_loader_and_renders_as_before():
    theme = Theme(name="material", custom_dir=str(ROOT / "overrides"), language="en")
    config = SimpleNamespace(theme=theme)
    stock = theme.get_env()
    list_theme_without_dot_folders(config)
    list_theme_without_dot_folders(config)  # the next language build: wrapped once
    env = theme.get_env()
    assert type(env.loader) is ThemeLoader and env.loader.searchpath == stock.loader.searchpath
    assert env is not theme.get_env()  # a new environment for each build, as MkDocs makes it
    assert set(env.filters) == set(stock.filters) and set(env.extensions) == set(stock.extensions)
    icon = ".icons/material/check.svg"
    assert env.get_template(icon).render() == stock.get_template(icon).render()
