"""Compiled theme templates kept between language builds and runs
(src/kf/mkdocs_adapter/template_cache.py)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import jinja2
from jinja2.bccache import bc_magic

from kf.mkdocs_adapter.template_cache import TemplateCache


class NoCompile(jinja2.Environment):
    def compile(self, *args, **kwargs):
        raise AssertionError("compiled again")


def render(env_class, folder: Path, cache, text: str = "<p>{{ text }}</p>", **settings) -> str:
    """page.html, read from a file in folder, rendered through the cache."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_text(text, encoding="utf-8")
    env = env_class(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache, **settings)
    return env.get_template("page.html").render(text="un")


def test_templates_compiled_once_serve_every_language_build_and_the_next_runs(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    cache = TemplateCache(str(folder))
    assert render(jinja2.Environment, tmp_path / "a", cache) == "<p>un</p>"
    assert render(NoCompile, tmp_path / "a", cache) == "<p>un</p>"  # the next language build
    # the next run (a new cache): read from the folder
    assert render(NoCompile, tmp_path / "a", TemplateCache(str(folder))) == "<p>un</p>"
    assert len(list(folder.glob("kf-site-*.cache"))) == 1
    # compiled again: a changed template, the same text in another file (the compiled
    # code names its file), other settings of the environment
    assert render(jinja2.Environment, tmp_path / "a", cache, "<b>{{ text }}</b>") == "<b>un</b>"
    assert render(jinja2.Environment, tmp_path / "c", TemplateCache(str(folder)), "<i>{{ text }}</i>") == "<i>un</i>"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "b")), bytecode_cache=TemplateCache(str(folder)))
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    assert env.get_template("page.html").filename == str(tmp_path / "b" / "page.html")
    assert render(jinja2.Environment, tmp_path / "a", TemplateCache(str(folder)), "<p>{{ text }}</p>\n",
                  keep_trailing_newline=True) == "<p>un</p>\n"
    assert len(list(folder.glob("kf-site-*.cache"))) == 5


def test_compiled_templates_unused_for_a_month_are_deleted(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    render(jinja2.Environment, tmp_path / "a", TemplateCache(str(folder)))
    [used] = folder.glob("kf-site-*.cache")
    old = time.time() - 40 * 86400
    for name in ("kf-site-old.cache", "kf-site-x.cache1234.tmp", "someone-else.cache"):
        (folder / name).write_bytes(b"")
        os.utime(folder / name, (old, old))
    recent = time.time() - 20 * 86400
    os.utime(used, (recent, recent))
    render(NoCompile, tmp_path / "a", TemplateCache(str(folder)))  # read: in use, so kept
    assert sorted(f.name for f in folder.iterdir()) == sorted([used.name, "someone-else.cache"])
    assert used.stat().st_mtime > time.time() - 3600


def test_a_template_cache_that_cannot_be_used_changes_nothing(tmp_path):
    # a folder that does not exist (nothing can be written), then a damaged file
    assert render(jinja2.Environment, tmp_path / "a", TemplateCache(str(tmp_path / "missing"))) == "<p>un</p>"
    folder = tmp_path / "cache"
    folder.mkdir()
    assert render(jinja2.Environment, tmp_path / "a", TemplateCache(str(folder))) == "<p>un</p>"
    for file in folder.glob("kf-site-*.cache"):
        file.write_bytes(bc_magic + b"\x00damaged")  # read by pickle, which fails
    assert render(jinja2.Environment, tmp_path / "a", TemplateCache(str(folder))) == "<p>un</p>"


def test_by_default_compiled_templates_go_to_jinjas_private_folder_of_the_user():
    folder = Path(TemplateCache()._disk.directory)
    assert folder.name == f"_jinja2-cache-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == os.getuid()
