"""Translation parity and freshness (src/kf/cli/checks/parity.py), driven through the CLI
on small fixture pairs, and the real pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kf.cli.checks.parity import check_docs
from kf.core.review import fingerprint

from conftest import run_kf

ROOT = Path(__file__).resolve().parents[2]

FR = """\
---
title: Essai
---

# Essai

## Pourquoi ? {#why}

Texte [@a; @b] et [un lien](x.md), `[@code]`.

![Schéma](../assets/fig.fr.svg)

## Et après ? {#next}

Suite [@c] et [autre](y.md).

<!-- kf:chart-demo -->
"""

EN = """\
---
title: Trial
translated_from: fr/articles/essai.md
source_fingerprint: {stamp}
---

# Trial

## Why? {{#why}}

Text [@a; @b] and [a link](x.md).

![Diagram](../assets/fig.en.svg)

## And then? {{#next}}

More [@c] and [other](y.md).

<!-- kf:chart-demo -->
"""


def make_docs(tmp_path, en_text=None, fr_text=FR):
    docs = tmp_path / "docs"
    (docs / "fr/articles").mkdir(parents=True)
    (docs / "en/articles").mkdir(parents=True)
    (docs / "fr/articles/essai.md").write_text(fr_text, encoding="utf-8")
    en = en_text if en_text is not None else EN.format(stamp=fingerprint(fr_text))
    (docs / "en/articles/essai.md").write_text(en, encoding="utf-8")
    return docs


def run(*args):
    return run_kf(*args)


def test_matching_pair_passes(tmp_path):
    docs = make_docs(tmp_path)
    result = run("parity", "--docs", docs)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("## And then? {{#next}}", "## And then? {{#after}}"), "docs/en/articles/essai.md:15: heading id 'after' is not in docs/fr/articles/essai.md"),
        (("## And then? {{#next}}", "## And then?"), "heading id 'next' (docs/fr/articles/essai.md:13) is missing here"),
        (("More [@c]", "More [@d]"), "docs/en/articles/essai.md:17: citation 'd' is not in docs/fr/articles/essai.md"),
        (("Text [@a; @b]", "Text [@b; @a]"), "the citations are in another order"),
        (("![Diagram](../assets/fig.en.svg)", ""), "image or chart '../assets/fig.<lang>.svg' (docs/fr/articles/essai.md:11) is missing here"),
        (("<!-- kf:chart-demo -->", ""), "image or chart 'chart-demo'"),
    ],
)
def test_each_difference_is_reported_with_its_line(tmp_path, change, expected):
    en = EN.replace(*change).format(stamp=fingerprint(FR))
    result = run("parity", "--docs", make_docs(tmp_path, en), "--json")
    assert result.returncode == 1
    messages = [f"{f['path']}:{f['line']}: {f['message']}" for f in json.loads(result.stdout)]
    assert any(expected in m for m in messages), messages


def test_lost_links_are_reported(tmp_path):
    fr = FR + "\n" + " ".join(f"[l{i}](z{i}.md)" for i in range(10)) + "\n"
    docs = make_docs(tmp_path, EN.format(stamp=fingerprint(fr)), fr)
    messages = [str(f) for f in check_docs(docs)]
    assert any("2 links here but 12 in docs/fr/articles/essai.md" in m for m in messages)


def test_stale_translation_warns_then_errors_with_strict_then_restamp_fixes_it(tmp_path):
    docs = make_docs(tmp_path)
    source = docs / "fr/articles/essai.md"
    source.write_text(FR.replace("Suite", "Suite corrigée"), encoding="utf-8")
    warn = run("parity", "--docs", docs)
    assert warn.returncode == 0
    assert "docs/en/articles/essai.md:4: stale translation: docs/fr/articles/essai.md changed" in warn.stdout
    assert "0 problem(s), 1 warning(s)" in warn.stderr
    strict = run("parity", "--docs", docs, "--strict")
    assert strict.returncode == 1
    stamped = run("restamp", docs / "en/articles/essai.md", "--docs", docs)
    assert stamped.returncode == 0 and fingerprint(source.read_text(encoding="utf-8")) in stamped.stdout
    assert run("parity", "--docs", docs, "--strict").returncode == 0
    # only the fingerprint line changed
    text = (docs / "en/articles/essai.md").read_text(encoding="utf-8")
    assert text.count("source_fingerprint:") == 1 and "Text [@a; @b]" in text


def test_restamp_needs_a_source(tmp_path):
    docs = make_docs(tmp_path, EN.replace("translated_from: fr/articles/essai.md\n", "").format(stamp="x"))
    result = run("restamp", docs / "en/articles/essai.md", "--docs", docs)
    assert result.returncode == 1 and "'translated_from:' must name the source page" in result.stderr


def test_real_pages_are_in_parity_and_up_to_date():
    assert [str(f) for f in check_docs(ROOT / "docs", strict=True)] == []


def test_citations_are_the_ones_the_build_renders():
    # One scanner decides what a citation is: a [@key] in an indented code block, a
    # code span or escaped is text for the build, so it is not one for kf.py either.
    from kf.cli.checks.parity import outline

    text = ("# T\n\nA fact [@noppers2011].\n\n    [@inside-indented-code]\n\n`[@in-span]` and \\[@escaped]\n\n"
            "!!! note\n\n    In an admonition [@hanna2018].\n")
    assert [key for key, _ in outline(text).citations] == ["noppers2011", "hanna2018"]
    assert dict(outline(text).citations)["hanna2018"] == 11


def test_kf_content_ignores_a_citation_in_an_indented_code_block(tmp_path):
    import shutil

    from kf.cli.checks.content import check_content

    root = tmp_path / "p"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "data", root / "data")
    page = root / "docs/fr/a-propos/confidentialite.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nExemple :\n\n    [@cle-inconnue]\n", encoding="utf-8")
    assert [p for p in check_content(root) if "cle-inconnue" in p.message] == []
    page.write_text(page.read_text(encoding="utf-8") + "\nEn texte [@cle-inconnue].\n", encoding="utf-8")
    assert [p for p in check_content(root) if "cle-inconnue" in p.message]


def test_kf_outside_a_site_says_so_instead_of_checking_nothing(tmp_path):
    result = run_kf("content", "--root", tmp_path)
    assert result.returncode == 1
    assert "there is no docs/ folder here, so nothing was checked" in result.stdout


def test_the_defaults_are_the_site_of_the_current_folder(tmp_path):
    """kf's defaults (--docs, --root) come from the folder it is run in, found at each
    command: here a site with a stale translation, then the real site."""
    docs = make_docs(tmp_path)
    (docs / "fr/articles/essai.md").write_text(FR.replace("Suite", "Suite corrigée"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    stale = run_kf("parity", "--strict", cwd=docs / "fr")
    assert stale.returncode == 1 and f"in {docs}" in stale.stderr
    assert "docs/en/articles/essai.md:4: stale translation" in stale.stdout
    real = run_kf("parity", "--strict", cwd=ROOT)
    assert real.returncode == 0 and f"in {ROOT / 'docs'}" in real.stderr
