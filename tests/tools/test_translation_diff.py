"""`kf translation-diff` (src/kf/cli/checks/translation_diff.py) against a temporary git
repository holding several versions of a French page and its English translation."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kf.cli.checks.translation_diff import VersionNotFound, block_diff, blocks, find_version, translation_diff, word_diff
from kf.core.review import fingerprint

from conftest import run_kf

ROOT = Path(__file__).resolve().parents[2]

V1 = """\
---
title: Kétamine
last_reviewed: 2026-01-10
---

# Kétamine {#top}

La kétamine soulage la douleur pendant quelques heures [@noppers2011].

## Effets indésirables {#effets}

Des vertiges sont fréquents.

Un paragraphe qui sera supprimé plus tard.
"""

# v2: only the review date changes (same fingerprint as v1)
V2 = V1.replace("2026-01-10", "2026-03-01")

# v3: a word changes, a citation is added, a paragraph goes, a heading changes, one is added
V3 = """\
---
title: Kétamine
last_reviewed: 2026-03-01
---

# Kétamine {#top}

La kétamine soulage la douleur pendant quelques jours [@noppers2011; @hanna2018].

## Effets indésirables fréquents {#effets}

Des vertiges sont fréquents.

## Ce qu’il faut retenir {#retenir}

Parlez-en à votre médecin.
"""

# v4: only spacing changes after v3
V4 = V3.replace("Parlez-en à votre médecin.", "Parlez-en   à votre médecin.")


def git(repo: Path, *args: str, date: str = "2026-01-01T12:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
    }
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def english(stamp: str) -> str:
    return (
        "---\ntitle: Ketamine\ntranslated_from: fr/articles/ketamine.md\n"
        f"source_fingerprint: {stamp}\n---\n\n# Ketamine {{#top}}\n\nText.\n"
    )


@pytest.fixture
def repo(tmp_path) -> Path:
    """A project with four commits of docs/fr/articles/ketamine.md; the translation
    records the fingerprint of the first version."""
    repo = tmp_path / "project"
    (repo / "docs/fr/articles").mkdir(parents=True)
    (repo / "docs/en/articles").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    source = repo / "docs/fr/articles/ketamine.md"
    (repo / "docs/en/articles/ketamine.md").write_text(english(fingerprint(V1)), encoding="utf-8")
    for day, text in enumerate((V1, V2, V3, V4), start=1):
        source.write_text(text, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"version {day}", date=f"2026-0{day}-01T12:00:00+00:00")
    return repo


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return run_kf("translation-diff", *args, "--docs", repo / "docs", cwd=repo)


def test_the_recorded_version_is_found_in_the_history(repo):
    version = find_version(repo, "docs/fr/articles/ketamine.md", fingerprint(V1))
    # v1 and v2 share the fingerprint (only a date changed): the latest of them is taken
    assert version.text == V2 and version.date == "2026-02-01"
    assert fingerprint(version.text) == fingerprint(V1)


def test_blocks_keep_headings_apart_and_fences_whole():
    text = "---\na: 1\n---\n\n# T\nPara one\nstill one.\n\n```\ncode\n\nmore code\n```\n"
    assert blocks(text) == [("# T", 5), ("Para one\nstill one.", 6), ("```\ncode\n\nmore code\n```", 9)]


def test_word_diff_marks_only_the_changed_words():
    runs = word_diff("pendant quelques heures [@a].", "pendant quelques jours [@a; @b].")
    assert ("-", "heures") in runs and ("+", "jours") in runs
    assert ("=", "pendant quelques ") in runs


def test_block_diff_pairs_changed_blocks_and_lists_the_rest():
    changes = block_diff(V1, V3)
    kinds = [(c.kind, (c.new or c.old).split("\n")[0][:30]) for c in changes]
    assert ("changed", "La kétamine soulage la douleur") in kinds
    assert ("changed", "## Effets indésirables fréquen") in kinds
    assert ("added", "## Ce qu’il faut retenir {#ret") in kinds
    assert ("removed", "Un paragraphe qui sera supprim") in kinds
    assert not any(c.kind == "changed" and c.old == c.new for c in changes)


def test_terminal_output_for_a_translator(repo):
    result = run(repo, "docs/en/articles/ketamine.md", "--color", "never")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "docs/fr/articles/ketamine.md: what changed since docs/en/articles/ketamine.md was translated" in out
    assert "(2026-02-01)" in out and fingerprint(V1) in out
    assert "pendant quelques [-heures-]{+jours+} [@noppers2011" in out
    assert "Citations added: [@hanna2018]" in out
    assert "heading changed (line 10)" in out and "## Effets indésirables {+fréquents +}{#effets}" in out
    assert "+ ## Ce qu’il faut retenir {#retenir}" in out
    assert "- Un paragraphe qui sera supprimé plus tard." in out
    assert "Des vertiges sont fréquents." not in out  # unchanged blocks are left out
    assert "block added (line 16, under “## Ce qu’il faut retenir {#retenir}”)" in out
    assert "make restamp PAGE=docs/en/articles/ketamine.md" in out
    assert "\x1b[" not in out
    coloured = run(repo, "docs/en/articles/ketamine.md", "--color", "always").stdout
    assert "\x1b[31m[-heures-]\x1b[0m" in coloured


def test_markdown_output(repo):
    result = run(repo, "docs/en/articles/ketamine.md", "--markdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("### `docs/en/articles/ketamine.md`")
    assert "```diff\n- La kétamine soulage la douleur pendant quelques heures [@noppers2011].\n+ La kétamine" in out
    assert "Words: `heures` → `jours`; added `; @hanna2018`" in out
    assert "**Block changed (line 8, under “# Kétamine {#top}”)**" in out
    assert "- Citations added: [@hanna2018]" in out
    assert out.count("```diff") == out.count("```") // 2  # every fence is closed


def test_an_up_to_date_translation_says_so(repo):
    page = repo / "docs/en/articles/ketamine.md"
    page.write_text(english(fingerprint(V4)), encoding="utf-8")
    result = run(repo, "docs/en/articles/ketamine.md")
    assert result.returncode == 0
    assert "up to date" in result.stdout


def test_a_hand_edited_fingerprint_is_reported_plainly(repo):
    (repo / "docs/en/articles/ketamine.md").write_text(english("0123456789ab"), encoding="utf-8")
    result = run(repo, "docs/en/articles/ketamine.md")
    assert result.returncode == 1
    assert "cannot be found" in result.stderr and "edited by hand" in result.stderr
    assert "git fetch --unshallow" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_shallow_clone_is_reported_with_the_fix(repo, tmp_path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    with pytest.raises(VersionNotFound, match="shallow"):
        find_version(clone, "docs/fr/articles/ketamine.md", fingerprint(V1))
    result = run(clone, "docs/en/articles/ketamine.md")
    assert result.returncode == 1
    assert "this clone is shallow" in result.stderr and "git fetch --unshallow" in result.stderr
    git(clone, "fetch", "-q", "--unshallow")
    assert run(clone, "docs/en/articles/ketamine.md").returncode == 0


def test_a_renamed_source_is_followed(repo):
    git(repo, "mv", "docs/fr/articles/ketamine.md", "docs/fr/articles/la-ketamine.md")
    git(repo, "commit", "-q", "-m", "rename", date="2026-06-01T12:00:00+00:00")
    page = repo / "docs/en/articles/ketamine.md"
    page.write_text(page.read_text(encoding="utf-8").replace("fr/articles/ketamine.md", "fr/articles/la-ketamine.md"), encoding="utf-8")
    diff = translation_diff(page, repo / "docs")
    assert diff is not None and diff.old.path == "docs/fr/articles/ketamine.md"


def test_pull_request_mode_lists_each_affected_translation(repo):
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "change")
    source = repo / "docs/fr/articles/ketamine.md"
    source.write_text(V4 + "\nUn ajout.\n", encoding="utf-8")
    (repo / "docs/fr/articles/autre.md").write_text("# Autre\n\nTexte.\n", encoding="utf-8")  # not translated
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edit", date="2026-07-01T12:00:00+00:00")
    result = run(repo, "--changed-since", base)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("## What the translations need")
    assert result.stdout.count("### `docs/en/articles/ketamine.md`") == 1
    assert "+ Un ajout." in result.stdout and "autre.md" not in result.stdout
    nothing = run(repo, "--changed-since", "HEAD")
    assert nothing.returncode == 0 and "No translated page" in nothing.stdout
