"""What a build run keeps (src/kf/mkdocs_adapter/state.py): read once per run, shared by
the language builds of that run, read again by the next run (`mkdocs serve` makes a new
run, with a new plugin instance, for every rebuild); the language being built is the
i18n plugin's own."""

from __future__ import annotations

from types import SimpleNamespace

from kf.mkdocs_adapter.state import BuildRun

ENTRY = """\
- id: {id}
  fr: {{term: {id}, definition: Un mot.}}
  en: {{term: {id}, definition: A word.}}
"""


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def i18n(current="fr", building=False):
    languages = [SimpleNamespace(locale="fr", name="Français", default=True, build=True),
                 SimpleNamespace(locale="en", name="English", default=False, build=True)]
    return SimpleNamespace(config=SimpleNamespace(languages=languages), current_language=current, building=building)


def new_run(root, plugin=None):
    config = SimpleNamespace(docs_dir=str(root / "docs"), config_file_path=str(root / "mkdocs.yml"))
    return BuildRun(config, plugin or i18n())


def test_the_language_is_the_i18n_plugins_own(tmp_path):
    write(tmp_path, "docs/fr/index.md", "# Accueil\n")
    write(tmp_path, "docs/en/index.md", "# Home\n")
    plugin = i18n("fr")
    run = new_run(tmp_path, plugin)
    assert (run.language, run.is_default_build, run.other_builds_running) == ("fr", True, False)
    plugin.current_language, plugin.building = "en", True  # the i18n plugin runs the English build
    assert (run.language, run.is_default_build, run.other_builds_running) == ("en", False, True)
    assert [lang.code for lang in run.languages] == ["fr", "en"] and run.default == "fr"


def test_pages_are_read_once_per_run_and_again_by_the_next_run(tmp_path):
    write(tmp_path, "docs/fr/index.md", "---\ntitle: Accueil\n---\n# Accueil\n")
    write(tmp_path, "docs/en/index.md", "# Home\n")
    run = new_run(tmp_path)
    assert not run.sources.problems
    # an editor saves a page under `mkdocs serve`: the next run reads the pages again
    write(tmp_path, "docs/en/index.md", "---\ntitle: Home: the facts\n---\n# Home\n")
    run.start_language_build()  # the English build of the same run keeps what was read
    assert not run.sources.problems
    again = new_run(tmp_path)
    assert [(p.path, p.line) for p in again.sources.problems] == [("docs/en/index.md", 2)]


def test_a_data_file_is_read_once_per_run(tmp_path):
    write(tmp_path, "docs/fr/index.md", "# Accueil\n")
    write(tmp_path, "docs/en/index.md", "# Home\n")
    data = write(tmp_path, "data.yml", "a")
    reads = []

    def load(text):
        reads.append(text)
        return text

    run = new_run(tmp_path)
    assert [run.data_file("data.yml", load) for _ in range(3)] == ["a"] * 3
    run.start_language_build()  # the next language build
    data.write_text("b", encoding="utf-8")
    assert run.data_file("data.yml", load) == "a" and reads == ["a"]
    assert new_run(tmp_path).data_file("data.yml", load) == "b" and reads == ["a", "b"]
    assert run.data_file("missing.yml", lambda text: text) is None


def test_a_reloaded_glossary_gets_its_own_matcher(tmp_path):
    """A matcher is made from the run's glossary and lives with it: a glossary edited
    under `mkdocs serve` is never matched with the old glossary's matcher (the defect of
    a cache keyed by id(), which Python reuses)."""
    write(tmp_path, "docs/fr/index.md", "# Accueil\n")
    write(tmp_path, "docs/en/index.md", "# Home\n")
    for word in ("alpha", "beta", "gamma"):
        write(tmp_path, "data/glossary.yml", ENTRY.format(id=word))
        run = new_run(tmp_path)
        matcher = run.matcher("fr")
        assert set(matcher.ids) == {word}, f"the matcher of an older glossary was reused for {word!r}"
        assert run.matcher("fr") is matcher  # and it is kept while the run lasts


def test_language_build_state_is_reset_when_a_language_build_starts(tmp_path):
    write(tmp_path, "docs/fr/index.md", "# Accueil\n")
    write(tmp_path, "docs/en/index.md", "# Home\n")
    run = new_run(tmp_path)
    run.language_build.cited_in["x"] = ["page"]
    run.start_language_build()
    assert run.language_build.cited_in == {}


def test_an_index_that_cannot_be_written_stops_the_build_with_what_to_do(tmp_path):
    """The search step (mkdocs_adapter/search.py), when the disk refuses the index: a
    message for a human (PluginError, which MkDocs prints without a traceback)."""
    import pytest
    from mkdocs.exceptions import PluginError

    from kf.mkdocs_adapter.search import build_search_index

    write(tmp_path, "docs/fr/index.md", "# Accueil\n")
    write(tmp_path, "docs/en/index.md", "# Home\n")
    write(tmp_path, "data/glossary.yml", ENTRY.format(id="mot"))
    site = tmp_path / "site"
    write(site, "index.html", "<html><body><article data-kf-search-body><h1>Accueil</h1></article></body></html>")
    write(site, "search", "a file where the index's folder goes\n")
    with pytest.raises(PluginError, match=r"search: the index could not be written \(.+\); check the disk"):
        build_search_index(new_run(tmp_path), SimpleNamespace(site_dir=str(site)))
