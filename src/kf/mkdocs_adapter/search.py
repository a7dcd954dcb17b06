"""Site search: the lay-words file is checked at the start of a run, with the other data
files; the index is built once, after the last language build (core/search_index.py holds
the logic)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from kf.core.labels import STRINGS
from kf.core.search_index import SYNONYMS_FILE, SearchBuildError, build_search, load_synonyms
from kf.mkdocs_adapter.state import log


def _synonyms(run) -> tuple[dict, list]:
    """data/search-synonyms.yml, read once per run: (synonyms, problems)."""
    def load(text):
        try:
            return load_synonyms(text, SYNONYMS_FILE, run.codes), []
        except SearchBuildError as exc:  # an editor's mistake, with its line
            return {}, [exc.problem]

    return run.data_file(SYNONYMS_FILE, load)


def synonym_problems(run) -> list:
    """Checked at the start of a run, with the other data files (plugin.py)."""
    return _synonyms(run)[1]


def build_search_index(run, config) -> None:
    codes = run.codes
    messages = {code: {key[len("search_"):]: text for key, text in STRINGS[code].items() if key.startswith("search_")}
                for code in codes}
    synonyms = _synonyms(run)[0]
    try:
        counts = build_search(Path(config.site_dir), list(run.glossary.entries.values()), codes, messages, synonyms)
    except (OSError, ValueError) as exc:
        raise PluginError(f"search: the index could not be written ({exc}); check the disk and build again") from None
    log.info("search: indexed " + ", ".join(f"{n} {lang} pages" for lang, n in sorted(counts.items())))
