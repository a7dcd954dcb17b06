"""Site search, built with Pagefind once every language is built: plain functions.

Pagefind (PyPI `pagefind[extended]`, its binary included) reads the built pages and
writes a static index into <site>/pagefind/: one index per `<html lang>`, words stemmed
(French, English), split into small chunks that the browser fetches only when a query
needs them. Only the article text is indexed: the part of each page marked with
`data-pagefind-body` (overrides/main.html), without the parts listed in
EXCLUDE_SELECTORS. Fallback pages (a French text shown under /en/) carry no
`data-pagefind-body` and are left out.

Beside the index, one small file per language, `pagefind/kf-terms.<code>.json`, lets
the search script (overrides/assets/javascripts/kf-search.js) understand patients:
- `groups`: the glossary's words, each with its other forms (data/glossary.yml, `term`
  and `variants`), and the lay words of data/search-synonyms.yml, folded (no accents,
  lower case): a query word or phrase that is one form of a group is searched with the
  other forms too ("algodystrophie" also searches "syndrome douloureux régional
  complexe" and "SDRC");
- `words`: the words of titles, headings, descriptions and the glossary, folded, that a
  misspelt query word (5 letters or more) is corrected to, at one edit (two from 9
  letters on);
- `stop`: words that say nothing about a page ("est-ce que", "the", "how"), left out of
  the query;
- `messages`: the result line's wording in that language.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from kf.core.datafile import DataError, load_yaml
from kf.core.labels import LABELS

#: Lay words that are not glossary words, for search only.
SYNONYMS_FILE = "data/search-synonyms.yml"

#: Never indexed: what an article shows beside its text (definitions in tooltips,
#: citation previews and markers, the reference list and "cited in" lines, permalinks).
EXCLUDE_SELECTORS = (
    ".kf-term__tip",
    ".kf-ref__tip",
    ".kf-cite",
    ".kf-references-section",
    ".kf-ref__cited-in",
    ".headerlink",
    ".kf-glossary__letters",
)

#: Words left out of queries: they occur on every page and say nothing about it.
STOP_WORDS = {code: labels["search_stop_words"].split() for code, labels in LABELS.items()}

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, without accents: "Kétamine" -> "ketamine"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a text; apostrophes and hyphens split words ("l'alcool")."""
    return _WORD.findall(fold(text))


def synonym_groups(entries, code: str) -> list[list[str]]:
    """Each glossary entry's forms in one language (term, then variants), folded, as
    space-joined words; entries with a single form are left out."""
    groups = []
    for entry in entries:
        term = entry.langs.get(code)
        if term is None:
            continue
        forms: list[str] = []
        for form in (term.term, *term.variants):
            joined = " ".join(words(form))
            if joined and joined not in forms:
                forms.append(joined)
        if len(forms) > 1:
            groups.append(forms)
    return groups


def load_synonyms(text: str | None, path: str, codes: list[str]) -> dict[str, list[list[str]]]:
    """data/search-synonyms.yml: for each language, groups of words or phrases, folded.
    A missing file is no synonyms; a malformed one raises SearchBuildError with its line."""
    out: dict[str, list[list[str]]] = {code: [] for code in codes}
    if text is None:
        return out

    def fail(line: int, what: str) -> SearchBuildError:
        return SearchBuildError(f"{path}:{line}: {what}")

    try:
        data = load_yaml(text)
    except DataError as exc:
        raise fail(exc.line, exc.message) from None
    if data is None:
        return out
    if not isinstance(data, dict):
        raise fail(1, "expected one list of groups per language code ("
                   + ", ".join(f"{c}:" for c in codes) + "); see the comment at the top of the file")
    for code, groups in data.items():
        line = data.line_of(code)
        if code not in out:
            raise fail(line, f"'{code}' is not a language of the site; use one of: " + ", ".join(codes))
        if groups is None:
            continue
        if not isinstance(groups, list):
            raise fail(line, f"under '{code}', write a list of groups, one per line: - [word, other word]")
        for index, group in enumerate(groups):
            at = groups.line_of(index)
            if not isinstance(group, list) or not all(isinstance(w, str) and w.strip() for w in group):
                raise fail(at, "a group is a list of words or phrases in brackets: - [word, other word]")
            forms = []
            for form in group:
                joined = " ".join(words(form))
                if joined and joined not in forms:
                    forms.append(joined)
            if len(forms) < 2:
                raise fail(at, "a group needs at least two different words or phrases")
            out[code].append(forms)
    return out


def page_vocabulary(html: str) -> tuple[str, set[str]]:
    """A built page's language (<html lang>) and the folded words of 5 letters or more
    of its indexed title, headings and description: the words a misspelt query is
    corrected to. A page that is not indexed gives no words."""
    tree = LexborHTMLParser(html)
    root = tree.css_first("html")
    lang = (root.attributes.get("lang") or "") if root is not None else ""
    body = tree.css_first("[data-pagefind-body]")
    if body is None:
        return lang, set()
    texts = [node.text(deep=True) for node in body.css("h1, h2, h3")]
    description = tree.css_first('meta[name="description"]')
    if description is not None:
        texts.append(description.attributes.get("content") or "")
    return lang, {w for text in texts for w in words(text) if len(w) >= 5}


def glossary_vocabulary(entries, code: str) -> set[str]:
    out = set()
    for entry in entries:
        term = entry.langs.get(code)
        if term is None:
            continue
        for text in (term.term, *term.variants, term.definition):
            out.update(w for w in words(text) if len(w) >= 5)
    return out


def search_terms(pages: list[str], entries, codes: list[str], messages: dict[str, dict[str, str]],
                 synonyms: dict[str, list[list[str]]] | None = None) -> dict[str, dict]:
    """The kf-terms file of each language, from the built pages' HTML, the glossary
    entries and the lay-word groups (see the module's docstring)."""
    synonyms = synonyms or {}
    vocab: dict[str, set[str]] = {code: glossary_vocabulary(entries, code) for code in codes}
    for html in pages:
        code, found = page_vocabulary(html)
        if code in vocab:
            vocab[code] |= found
    out = {}
    for code in codes:
        stop = STOP_WORDS.get(code, [])
        out[code] = {
            "groups": synonym_groups(entries, code) + synonyms.get(code, []),
            "words": sorted(vocab[code] - set(stop)),
            "stop": sorted({w for s in stop for w in words(s)}),
            "messages": messages[code],
        }
    return out


#: Pagefind's ready-made interfaces: not used (kf-search.js draws the results in
#: Material's dialog), so not published; nor its web worker (kf-search.js runs
#: Pagefind in the page: `noWorker`).
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "pagefind-worker.js",
)


#: Material's own search (its worker and lunr), copied into every site with the theme's
#: files: not used, so not published.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/workers", "assets/javascripts/lunr")


class SearchBuildError(Exception):
    """Pagefind could not index the site: the message says why and what to do."""


def pagefind_command(site_dir: Path) -> list[str]:
    return [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--glob", "**/index.html",  # every page but the 404 page
        "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
        "--quiet",
    ]


def run_pagefind(site_dir: Path) -> None:
    """Index the built site with Pagefind (into site_dir/pagefind/)."""
    try:
        result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchBuildError(f"search: Pagefind could not run ({exc}); install the site's requirements: "
                               "`make build` does, or `.venv/bin/pip install -r requirements.txt`") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchBuildError("search: Pagefind failed to index the site: " + " / ".join(detail)
                               + "; install the site's requirements (`make build` does) and build again")
    if not (site_dir / "pagefind" / "pagefind-entry.json").exists():
        raise SearchBuildError("search: Pagefind wrote no index; check that pages carry data-pagefind-body "
                               "(overrides/main.html)")
    for name in UNUSED_FILES:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)


def build_search(site_dir: Path, entries, codes: list[str], messages: dict[str, dict[str, str]],
                 synonyms: dict[str, list[list[str]]] | None = None) -> None:
    """Index the built site and write each language's kf-terms file beside the index;
    remove Material's unused search files."""
    import shutil

    run_pagefind(site_dir)
    for folder in MATERIAL_SEARCH_ASSETS:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    pages = [p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("index.html"))
             if "pagefind" not in p.relative_to(site_dir).parts]
    for code, data in search_terms(pages, entries, codes, messages, synonyms).items():
        target = site_dir / "pagefind" / f"kf-terms.{code}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def indexed_pages(site_dir: Path) -> dict[str, list[dict]]:
    """What Pagefind indexed, by language: each page's path from the site's root ("",
    "en/articles/x/"), title and text, read back from the index's fragments (for tests
    and for looking into the index)."""
    import gzip

    out: dict[str, list[dict]] = {}
    for path in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        data = data[len(b"pagefind_dcd"):] if data.startswith(b"pagefind_dcd") else data
        page = json.loads(data)
        lang = path.name.split("_", 1)[0]
        out.setdefault(lang, []).append(
            {"path": page["url"].lstrip("/"), "title": page.get("meta", {}).get("title", ""), "text": page.get("content", "")}
        )
    return out
