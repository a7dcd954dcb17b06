"""Site search: the index is built once, after the last language build
(core/search_index.py holds the logic)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from kf.core.labels import STRINGS
from kf.core.search_index import SYNONYMS_FILE, SearchBuildError, build_search, load_synonyms
from kf.mkdocs_adapter.state import log


def build_search_index(run, config) -> None:
    codes = run.codes
    messages = {code: {key[len("search_"):]: text for key, text in STRINGS[code].items() if key.startswith("search_")}
                for code in codes}
    try:
        synonyms = run.data_file(SYNONYMS_FILE, lambda text: load_synonyms(text, SYNONYMS_FILE, codes))
    except SearchBuildError as exc:  # an editor's mistake: `mkdocs build --strict` fails on it
        log.error(str(exc))
        synonyms = {}
    try:
        counts = build_search(Path(config.site_dir), list(run.glossary.entries.values()), codes, messages, synonyms)
    except (OSError, ValueError) as exc:
        raise PluginError(f"search: the index could not be written ({exc}); check the disk and build again") from None
    log.info("search: indexed " + ", ".join(f"{n} {lang} pages" for lang, n in sorted(counts.items())))
