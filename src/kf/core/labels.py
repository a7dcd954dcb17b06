"""The interface labels of every language, from one file per language:
src/kf/labels/<code>.yml (README, "Architecture").

Material's own strings come from its language files (theme.language per build); these
are the ones it does not have: our templates' and reader aids' words, study types,
notices about cited works, month names, search stop words. Adding a language to the site
means adding its file here, with the same keys as the others (a unit test compares them);
the build stops with the file to add when a language of mkdocs.yml has none.
"""

from __future__ import annotations

from pathlib import Path

import yaml

#: The folder of the label files.
LABELS_DIR = Path(__file__).resolve().parent.parent / "labels"


#: PyYAML's safe loader, in C (libyaml) when it is there: reading the label files then takes
#: about 5 ms instead of 40 ms, at the start of each build and each `kf` command.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_labels(folder: Path = LABELS_DIR) -> dict[str, dict]:
    """Every language's labels: {code: the content of <code>.yml}."""
    return {path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
            for path in sorted(folder.glob("*.yml"))}


#: Every language's labels, read once when the package is imported (a constant table).
LABELS: dict[str, dict] = load_labels()

#: Words of our templates and notices: STRINGS[code][key].
STRINGS: dict[str, dict[str, str]] = {code: labels["interface"] for code, labels in LABELS.items()}

#: Name of each language as written in each language: LANGUAGE_NAMES[reader][other].
LANGUAGE_NAMES: dict[str, dict[str, str]] = {code: labels["language_names"] for code, labels in LABELS.items()}


def missing_labels(codes) -> list[str]:
    """The languages of the site that have no label file."""
    return [code for code in codes if code not in LABELS]


def english_name(code: str, fallback: str) -> str:
    """A language's name in English, for messages to editors."""
    return LABELS.get(code, {}).get("name_in_english", fallback)
