"""What the site's configuration (mkdocs.yml) says that the `kf` command needs without
building: the languages, from mkdocs-static-i18n's own list (codes, names, default), the
one source of truth the build reads too."""

from __future__ import annotations

from pathlib import Path

import yaml

from kf.core.pages import Language, nav_exemption


class _Loader(yaml.SafeLoader):
    """Safe, and tolerant of MkDocs' tags (!ENV, !!python/name): their values are not needed here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def languages_of(config_text: str) -> tuple[Language, ...]:
    """The built languages of the i18n plugin's configuration, the default first."""
    config = yaml.load(config_text, Loader=_Loader) or {}
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = [Language(str(lang["locale"]), str(lang.get("name") or lang["locale"]), bool(lang.get("default")))
                     for lang in (plugin["i18n"] or {}).get("languages") or () if lang.get("build", True)]
            return tuple(sorted(langs, key=lambda lang: not lang.default))
    raise ValueError("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) and its `languages:` are missing; "
                     "restore them from the repository.")


def nav_of(config_text: str):
    """The navigation of a site's configuration (`nav:`, as YAML reads it), or None when
    there is none (MkDocs then lists every page)."""
    config = yaml.load(config_text, Loader=_Loader) or {}
    return config.get("nav")


def nav_exemptions(config_text: str):
    """Which pages MkDocs does not expect in the navigation of this configuration
    (core/pages.py: nav_exemption), read from its `validation`, `not_in_nav` and
    `exclude_docs`."""
    import pathspec

    config = yaml.load(config_text, Loader=_Loader) or {}
    validation = config.get("validation") or {}
    level = (validation.get("nav") or {}).get("omitted_files", validation.get("omitted_files", "info"))
    specs = [pathspec.GitIgnoreSpec.from_lines(str(config[key]).splitlines())
             for key in ("not_in_nav", "exclude_docs") if config.get(key)]
    return nav_exemption(level == "warn", specs)


def site_languages(root: str | Path) -> tuple[Language, ...]:
    """The languages of the site whose folder (holding mkdocs.yml) is root."""
    return languages_of((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"))


def languages_for(path: str | Path) -> tuple[Language, ...]:
    """The languages of the site a file or folder belongs to: the nearest mkdocs.yml above
    it, else above the current folder, else this project's own (the repository the package
    is installed from: a folder of pages outside any site, as in tests)."""
    for start in (Path(path).resolve(), Path.cwd(), Path(__file__).resolve().parents[3]):
        for folder in (start, *start.parents):
            if (folder / "mkdocs.yml").is_file():
                return site_languages(folder)
    raise ValueError(f"{path}: no mkdocs.yml in this folder or above it; run kf in the site's folder.")


def codes_for(path: str | Path) -> tuple[str, ...]:
    return tuple(lang.code for lang in languages_for(path))
