"""What the build keeps from one language build to the next (overrides/hooks/hookutil.py,
overrides/hooks/templates.py), and when it must read things again."""

from __future__ import annotations

import os
from types import SimpleNamespace

import jinja2

import hookutil
from templates import MemoryBytecodeCache


def fake_config(docs_dir, build_lang="fr"):
    languages = [SimpleNamespace(locale="fr", name="Français", default=True),
                 SimpleNamespace(locale="en", name="English", default=False)]
    i18n = SimpleNamespace(config=SimpleNamespace(languages=languages))
    return SimpleNamespace(docs_dir=str(docs_dir), plugins={"i18n": i18n}, theme={"language": build_lang})


def page(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pages_are_scanned_once_per_run_and_again_when_one_changes(tmp_path):
    page(tmp_path, "fr/index.md", "---\ntitle: Accueil\n---\n# Accueil\n")
    page(tmp_path, "en/index.md", "# Home\n")
    hookutil._cache.clear()
    fr = hookutil.start_language_build(fake_config(tmp_path, "fr"))
    assert hookutil.start_language_build(fake_config(tmp_path, "en")) is fr  # the English build reuses it
    assert hookutil.sources(fake_config(tmp_path, "en")) is fr
    assert not fr.problems
    # an editor saves a page under `mkdocs serve`: the next build reads the pages again
    broken = page(tmp_path, "en/index.md", "---\ntitle: Home: the facts\n---\n# Home\n")
    os.utime(broken, ns=(1, 1))
    again = hookutil.start_language_build(fake_config(tmp_path, "fr"))
    assert again is not fr
    assert [(p.path, p.line) for p in again.problems] == [("docs/en/index.md", 2)]
    page(tmp_path, "en/new.md", "# New\n")  # a page added
    assert hookutil.start_language_build(fake_config(tmp_path, "fr")) is not again


def test_templates_compiled_once_serve_every_language_build():
    cache = MemoryBytecodeCache()
    templates = {"page.html": "<p>{{ text }}</p>"}
    first = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
    assert first.get_template("page.html").render(text="un") == "<p>un</p>"

    class NoCompile(jinja2.Environment):
        def compile(self, *args, **kwargs):
            raise AssertionError("compiled again")

    second = NoCompile(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
    assert second.get_template("page.html").render(text="one") == "<p>one</p>"
    # a changed template is compiled again
    changed = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "<b>{{ text }}</b>"}), bytecode_cache=cache)
    assert changed.get_template("page.html").render(text="x") == "<b>x</b>"


def test_a_data_file_is_read_once_and_again_when_it_changed_for_the_next_build(tmp_path):
    data = tmp_path / "data.yml"
    data.write_text("a", encoding="utf-8")
    (tmp_path / "docs" / "fr").mkdir(parents=True)
    (tmp_path / "docs" / "en").mkdir(parents=True)
    config = fake_config(tmp_path / "docs")
    config.config_file_path = str(tmp_path / "mkdocs.yml")
    reads = []

    def load(text):
        reads.append(text)
        return text

    hookutil._data.pop("data.yml", None)
    hookutil.start_language_build(config)
    assert [hookutil.data_file(config, "data.yml", load) for _ in range(3)] == ["a"] * 3
    hookutil.start_language_build(fake_config(tmp_path / "docs", "en"))  # the next language build
    assert hookutil.data_file(config, "data.yml", load) == "a" and reads == ["a"]
    data.write_text("b", encoding="utf-8")
    os.utime(data, ns=(10**9, 10**9))
    assert hookutil.data_file(config, "data.yml", load) == "a"  # not looked at again within a build
    hookutil.start_language_build(config)  # `mkdocs serve` starts a new build
    assert hookutil.data_file(config, "data.yml", load) == "b" and reads == ["a", "b"]
