"""The theme's files, listed without the folders MkDocs never publishes.

Before each language build, MkDocs lists every file of the theme (Jinja's
`list_templates`) to copy its static files (Material's style sheets, scripts and images)
to the site, and drops, one by one, the names it never copies: those of a file or folder
whose name starts with a dot, templates, Python files and a few more
(mkdocs.structure.files.Files.add_files_from_theme). Material keeps its icons in such a
folder (`.icons`, about 14,000 files of its 14,500), so most of that listing is thrown
away: a tenth to a sixth of a build's processor time (measured on 2026-12-02). The
loader below does not walk into dot folders, nor list dot files; anything else is
listed as Jinja lists it, and every template, icons included, is still found and read
as before. tests/unit/test_theme_files.py checks that MkDocs copies the same files
with it as without it.
"""

from __future__ import annotations

import os

import jinja2


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's loader of template files, whose list leaves out names starting with a dot."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                folder = os.path.relpath(dirpath, searchpath).replace(os.path.sep, "/")
                prefix = "" if folder == "." else folder + "/"
                found.update(prefix + name for name in filenames if not name.startswith("."))
        return sorted(found)


def list_theme_without_dot_folders(config) -> None:
    """Make the theme's Jinja environment, for this build, with ThemeLoader. MkDocs makes
    the environment (Theme.get_env) after on_config, lists the theme's files with it,
    then renders every page with it; only the list changes. Once per theme object."""
    theme = config.theme
    make_env = theme.get_env
    if getattr(make_env, "lists_without_dot_folders", False):
        return

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = ThemeLoader(theme.dirs)
        return env

    get_env.lists_without_dot_folders = True
    theme.get_env = get_env
