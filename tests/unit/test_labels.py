"""The interface labels: one file per language (src/kf/labels/<code>.yml), each with the
same keys and the same {placeholders} as the default language's, so that adding a language
is adding one file."""

from __future__ import annotations

import re
import string

import pytest

from kf.core.labels import LABELS, STRINGS, load_labels


def flat(data, prefix=""):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from flat(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        yield prefix.rstrip("."), f"<list of {len(data)}>"
    else:
        yield prefix.rstrip("."), str(data)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


REFERENCE = dict(flat(LABELS["fr"]))


@pytest.mark.parametrize("code", sorted(LABELS))
def test_every_language_has_the_same_labels_and_placeholders(code):
    mine = dict(flat(LABELS[code]))
    assert sorted(set(REFERENCE) - set(mine)) == [], f"src/kf/labels/{code}.yml lacks these keys"
    assert sorted(set(mine) - set(REFERENCE)) == [], f"src/kf/labels/{code}.yml has keys fr.yml does not"
    for key, text in REFERENCE.items():
        if not text.startswith("<list"):
            assert placeholders(mine[key]) == placeholders(text), f"{code}.yml: {key}"
        else:
            assert mine[key] == text, f"{code}.yml: {key} must have as many items"


def test_french_labels_keep_french_typography():
    assert STRINGS["fr"]["glossary_other"] == "en anglais\u00a0: {term}"
    assert LABELS["fr"]["colon"] == "\u00a0:" and LABELS["en"]["colon"] == ":"
    assert LABELS["fr"]["months"][0] == "janvier" and LABELS["en"]["open_graph_locale"] == "en_US"


def test_a_label_folder_is_read_per_language(tmp_path):
    (tmp_path / "xx.yml").write_text("interface: {permalink: Lien}\n", encoding="utf-8")
    assert load_labels(tmp_path) == {"xx": {"interface": {"permalink": "Lien"}}}
    assert re.fullmatch(r"[a-z]{2}", min(LABELS)) and {"fr", "en"} <= set(LABELS)
