"""Site search: the index the browser searches, built from the built pages (plain functions).

Once every language is built, each page's own text is read back from its HTML: the part
marked with `data-kf-search-body` (overrides/main.html), without the parts listed in
EXCLUDE_SELECTORS (fallback pages, a text in another language, carry no such part and are
left out). Its words are lower-cased, stripped of accents, and each is given its stem
(Snowball, through PyStemmer, the stemmer named by the language's label file: "dépendance" and "dépendant"
are one family) and a BM25 score per page. The index is written per language into
<site>/search/<code>/:
- `index/<key>.json`: the words that begin with <key> (their first letter, or two or
  three where fewer would make a large part: PART_SIZE), each with its stem and the pages
  that have it with their scores. The browser fetches only
  the parts of the words typed: a query at 1,000 articles per language costs a few
  kilobytes of index, not the whole index;
- `pages/<number>.json`: a page's address, title and text, fetched for the results shown
  (title, and a snippet with the words found);
- `terms.json`: what the browser needs first: the number of pages and the parts that
  exist, and what lets the search script (overrides/assets/javascripts/kf-search.js)
  understand patients:
  - `groups`: the glossary's words, each with its other forms (data/glossary.yml, `term`
    and `variants`), and the lay words of data/search-synonyms.yml, folded (no accents,
    lower case): a query word or phrase that is one form of a group is searched with the
    other forms too ("algodystrophie" also searches "syndrome douloureux régional
    complexe" and "SDRC");
  - `words`: the words of titles, headings, descriptions and the glossary, folded, that
    a misspelt query word (5 letters or more) is corrected to, at one edit (two from 9
    letters on);
  - `stop`: words that say nothing about a page ("est-ce que", "the", "how"), left out of
    the query;
  - `messages`: the result line's wording in that language.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from kf.core.datafile import DataError, load_yaml
from kf.core.labels import LABELS
from kf.core.problems import Problem

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
    ".kf-onpage",  # the section titles again (core/page_top.py)
    ".kf-review-line",  # the review record, also after the text
    ".kf-print",  # the sheet's print button (core/print_sheet.py)
    ".kf-sheet__address",  # the sheet's last line, shown on paper only
    "svg",  # a chart's drawing: its figures are in the data table beside it
)

#: Words left out of queries: they occur on every page and say nothing about it.
STOP_WORDS = {code: labels["search_stop_words"].split() for code, labels in LABELS.items()}

def fold(text: str) -> str:
    """Lower case, without accents, œ and æ written oe and ae: "Kétamine" -> "ketamine",
    "Cœur" -> "coeur" (many readers type "coeur"). kf-search.js folds the same way."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return plain.replace("œ", "oe").replace("æ", "ae")


def words(text: str) -> list[str]:
    """The folded words of a text, as the index has them (index_tokens, then fold):
    apostrophes and hyphens split words ("l'alcool"), but not after a single letter
    ("S-kétamine" is "sketamine")."""
    return [fold(token) for token in index_tokens(text)]


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
        return SearchBuildError(Problem(path, line, what))

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
    return vocabulary_of(LexborHTMLParser(html))


def vocabulary_of(tree) -> tuple[str, set[str]]:
    """page_vocabulary of a parsed page."""
    root = tree.css_first("html")
    lang = (root.attributes.get("lang") or "") if root is not None else ""
    body = tree.css_first(f"[{BODY_ATTRIBUTE}]")
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


def search_terms(vocabularies: list[tuple[str, set[str]]], entries, codes: list[str],
                 messages: dict[str, dict[str, str]], synonyms: dict[str, list[list[str]]] | None = None) -> dict[str, dict]:
    """What terms.json says of each language (but the index's parts), from the built
    pages' vocabularies (page_vocabulary), the glossary entries and the lay-word groups
    (see the module's docstring)."""
    synonyms = synonyms or {}
    vocab: dict[str, set[str]] = {code: glossary_vocabulary(entries, code) for code in codes}
    for code, found in vocabularies:
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



# --------------------------------------------------------------------------- the index

#: Every page's words are ranked with BM25 (as Pagefind and most search engines do):
#: a word counts more the more often a page has it (with diminishing returns, K1), in a
#: short page more than in a long one (B), in a heading more than in the text
#: (HEADING_WEIGHTS, Pagefind's values), and rare words count more than common ones
#: (the browser computes that part: it knows which words a query matches).
K1 = 1.4
B = 0.75
HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
#: A word of the page's title adds up to this much more, beyond what repeating it can
#: add: the title says what the page is about. The fewer other words the title has
#: (stop words aside), the more it adds (title_bonus): for "c'est quoi la kétamine",
#: « Qu’est-ce que la kétamine ? » is about kétamine alone, « Kétamine et eskétamine
#: dans la dépression » about more.
TITLE_BONUS = 1.2
#: A page's score for a word is stored as a whole number from 1 to SCALE.
SCALE = 100
#: The index is split by the first letters of its words: the browser fetches the part of
#: each word typed, never the whole index. A part holds the words that begin with the same
#: letter; one that would be longer than PART_SIZE characters is split by two letters
#: instead, and again by three (the words too short for that stay in the shorter part).
#: Few parts on a small site (each part is a file to write: most of the build's search
#: time), small parts on a large one.
PART_SIZE = 8000
#: The attributes that mark what a page gives search (overrides/main.html).
BODY_ATTRIBUTE = "data-kf-search-body"
WEIGHT_ATTRIBUTE = "data-kf-search-weight"

#: A single letter, not after a letter or digit, joined by a hyphen to a letter.
_LETTER_HYPHEN = re.compile(r"(?<![^\W_])([^\W\d_])-(?=[^\W\d_])")
#: A word: letters and digits, with the accents that follow them.
_INDEX_WORD = re.compile(r"[^\W_][^\W_\u0300-\u036f]*(?:[\u0300-\u036f]+[^\W_]*)*")
#: Runs of plain spaces and line breaks (not the non-breaking spaces of French typography).
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
#: A space left before a full stop, comma or closing bracket by a citation marker taken out.
_SPACE_BEFORE_STOP = re.compile(r" +(?=[.,)\]])")


class SearchBuildError(Exception):
    """The search index could not be built: the problem (file, line, what to do)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def index_tokens(text: str) -> list[str]:
    """The words of a text as search indexes them, lower case with their accents (the
    stemmer needs them): split at anything that is not a letter or a digit, but a single
    letter joined by a hyphen is part of the word after it ("S-kétamine" is
    "s-kétamine" -> "skétamine", "a-t-il" -> "atil"). Compatibility forms are read as
    plain letters ("ﬁ" -> "fi", "ℌ" -> "h"). kf-search.js splits queries the same way (it
    folds first: an accent never splits a word, here or there)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _INDEX_WORD.findall(_LETTER_HYPHEN.sub(r"\1", text))


def part_key(word: str, keys) -> str:
    """The part of the index a (folded) word is in, given the parts that exist: the longest
    of its first three, two or one letters that is a part (kf-search.js: the same)."""
    for length in (3, 2):
        if len(word) >= length and word[:length] in keys:
            return word[:length]
    return word[:1]


def shard_file(key: str) -> str:
    """A part's file name: the key itself when plain ASCII, else 'x' and its UTF-8 in hex
    (kf-search.js computes the same)."""
    return key if re.fullmatch(r"[a-z0-9]+", key) else "x" + key.encode("utf-8").hex()


@dataclass
class IndexedPage:
    """What search knows of one built page."""

    path: str  # from the site's root: "", "en/articles/x/"
    lang: str
    title: str
    text: str  # the indexed text, as shown in result snippets
    counts: dict[str, float] = field(default_factory=dict)  # folded word -> weighted count
    stems: dict[str, str] = field(default_factory=dict)  # folded word -> folded stem
    length: int = 0  # words in the text
    weight: float = 1.0  # multiplies the page's scores (WEIGHT_ATTRIBUTE)
    title_words: set[str] = field(default_factory=set)  # folded


def read_page(path: str, html: str, stemmers: dict | None = None) -> IndexedPage | None:
    """One built page as search indexes it, or None when it is not indexed (no element
    with BODY_ATTRIBUTE: the 404 page, a fallback page in another language). What
    EXCLUDE_SELECTORS match is left out; headings weigh HEADING_WEIGHTS; the body's
    WEIGHT_ATTRIBUTE multiplies the page's scores. `stemmers[lang](word)` gives a word's
    stem (none: the word is its own stem)."""
    return page_of(path, LexborHTMLParser(html), stemmers)


#: Elements that end a line of text: a space goes on each side of them, and nowhere else
#: (« l’<em>anesthésie</em>. » stays « l’anesthésie. » in a snippet).
BLOCKS = ("p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, caption, figcaption, blockquote, pre, "
          "br, div, section, article, aside, details, summary, table, tr, ul, ol, dl, figure, hr")


def plain_text(node) -> str:
    """The text of an element as a reader sees it, on one line (the element is changed:
    spaces are added around its blocks)."""
    for block in node.css(BLOCKS):
        block.insert_before(" ")
        block.insert_after(" ")
    return _SPACE_BEFORE_STOP.sub("", _SPACES.sub(" ", node.text(deep=True))).strip()


def page_of(path: str, tree, stemmers: dict | None = None, fold=fold) -> IndexedPage | None:
    """read_page of a parsed page (the tree is changed: the parts left out are removed).
    fold: the module's fold, or the same function with a cache shared by a build's pages."""
    body = tree.css_first(f"[{BODY_ATTRIBUTE}]")
    if body is None:
        return None
    root = tree.css_first("html")
    lang = ((root.attributes.get("lang") if root is not None else "") or "").lower().split("-")[0]
    for selector in EXCLUDE_SELECTORS:
        for node in body.css(selector):
            node.decompose()
    try:
        weight = float(body.attributes.get(WEIGHT_ATTRIBUTE) or 1.0)
    except ValueError:
        weight = 1.0
    heading = body.css_first("h1")
    title = _SPACES.sub(" ", heading.text(deep=True)).strip() if heading is not None else ""
    if not title:
        node = tree.css_first("title")
        title = node.text().strip() if node is not None else path
    text = plain_text(body)
    page = IndexedPage(path=path, lang=lang, title=title, text=text, weight=weight)
    page.title_words = {fold(token) for token in index_tokens(title)}
    stem = (stemmers or {}).get(lang)
    raw = Counter(index_tokens(text))
    page.length = sum(raw.values())
    for token, count in raw.items():
        folded = fold(token)
        page.counts[folded] = page.counts.get(folded, 0.0) + count
        if folded not in page.stems:
            page.stems[folded] = fold(stem(token)) if stem else folded
    for tag, factor in HEADING_WEIGHTS.items():
        for node in body.css(tag):
            for token in index_tokens(plain_text(node)):
                folded = fold(token)
                if folded in page.counts:
                    page.counts[folded] += factor - 1.0
    return page


def title_bonus(page: IndexedPage) -> float:
    """What a word of the page's title adds to its score: TITLE_BONUS for a title of one
    word (stop words aside), two thirds of it for two, half for three..."""
    words = len(page.title_words - {fold(w) for w in STOP_WORDS.get(page.lang, ())})
    return TITLE_BONUS * 2 / (1 + max(1, words))


def build_index(pages: list[IndexedPage]) -> dict:
    """One language's index from its pages (sorted by path: a page's number is its place):
    {"docs": number of pages, "paths": [...], "shards": {key: {word: [stem number, page,
    score, page step, score, ...]}}} (PART_SIZE and part_key say which keys). A page's
    score for a word is its BM25 part without the rarity (which depends on the words a
    query matches), scaled to 1..SCALE; page numbers after the first are steps from the
    one before, which compress well."""
    pages = sorted(pages, key=lambda p: p.path)
    average = (sum(p.length for p in pages) / len(pages)) if pages else 1.0
    postings: dict[str, list[tuple[int, int]]] = {}
    stems: dict[str, str] = {}
    for number, page in enumerate(pages):
        norm = K1 * (1 - B + B * page.length / (average or 1.0))
        bonus = title_bonus(page)
        for word, count in page.counts.items():
            part = count * (K1 + 1) / (count + norm) + (bonus if word in page.title_words else 0.0)
            score = max(1, min(SCALE, round(part * page.weight / (K1 + 1 + TITLE_BONUS) * SCALE)))
            postings.setdefault(word, []).append((number, score))
            stems.setdefault(word, page.stems.get(word, word))
    encoded: dict[str, list[int]] = {}
    for word, found in postings.items():
        flat, previous = [], 0
        for number, score in found:
            flat += [number - previous, score]
            previous = number
        encoded[word] = flat

    def size(group: list[str]) -> int:
        return sum(len(word) + len(json.dumps(encoded[word])) + 8 for word in group)

    first: dict[str, list[str]] = {}
    for word in sorted(encoded):
        first.setdefault(word[:1], []).append(word)
    parts: dict[str, list[str]] = {}
    pending = [(1, key, group) for key, group in first.items()]
    while pending:
        length, key, group = pending.pop()
        if length == 3 or size(group) <= PART_SIZE:
            parts[key] = group
            continue
        longer: dict[str, list[str]] = {}
        for word in group:
            if len(word) > length:
                longer.setdefault(word[:length + 1], []).append(word)
            else:
                parts.setdefault(key, []).append(word)
        pending += [(length + 1, k, g) for k, g in longer.items()]
    shards: dict[str, dict[str, list]] = {}
    for key, group in parts.items():
        # stems are compared within a part only: their numbers in the part suffice
        numbers: dict[str, int] = {}
        shards[key] = {word: [numbers.setdefault(stems[word], len(numbers)), *encoded[word]] for word in group}
    return {"docs": len(pages), "paths": [p.path for p in pages], "shards": shards}


def index_files(pages: list[IndexedPage], code: str) -> tuple[dict[str, str], dict]:
    """The files of one language's index, {path under search/: JSON text}: each part of
    the index (<code>/index/<key>.json) and each page's title and text
    (<code>/pages/<number>.json, for the result list and its snippets); and what the
    browser needs to know first (number of pages, the parts that exist)."""
    index = build_index([p for p in pages if p.lang == code])
    dump = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    files = {f"{code}/index/{shard_file(key)}.json": dump(shard) for key, shard in index["shards"].items()}
    by_path = {p.path: p for p in pages if p.lang == code}
    for number, path in enumerate(index["paths"]):
        page = by_path[path]
        files[f"{code}/pages/{number}.json"] = dump({"url": path, "title": page.title, "text": page.text})
    manifest = {"docs": index["docs"], "keys": sorted(index["shards"])}
    return files, manifest


#: Material's own search (its worker and lunr), copied into every site with the theme's
#: files: not used, so not published.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/workers", "assets/javascripts/lunr")

#: Where the index is written, under the site's root.
SEARCH_DIR = "search"


def stemmer_for(code: str):
    """The stemmer of a language (its label file's `search_stemmer`, a Snowball
    algorithm, run by PyStemmer): "dépendance" and "dépendant" -> "dépend". None when it
    has none."""
    import Stemmer

    name = LABELS.get(code, {}).get("search_stemmer")
    if not name or name not in Stemmer.algorithms():
        return None
    return Stemmer.Stemmer(name).stemWord


def build_search(site_dir: Path, entries, codes: list[str], messages: dict[str, dict[str, str]],
                 synonyms: dict[str, list[list[str]]] | None = None) -> dict[str, int]:
    """Index the built site into site_dir/search/ (one folder per language: terms.json,
    index/, pages/), remove Material's unused search files; return the number of pages
    indexed per language."""
    import shutil

    for folder in MATERIAL_SEARCH_ASSETS:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    out_dir = site_dir / SEARCH_DIR
    shutil.rmtree(out_dir, ignore_errors=True)
    # each word is stemmed and folded once per build, not once per page
    stems = {code: functools.lru_cache(maxsize=None)(stem) for code in codes if (stem := stemmer_for(code))}
    folds = functools.lru_cache(maxsize=None)(fold)
    vocabularies, pages = [], []
    for file in sorted(site_dir.rglob("index.html")):
        relative = file.relative_to(site_dir)
        if relative.parts[0] == SEARCH_DIR:
            continue
        tree = LexborHTMLParser(file.read_text(encoding="utf-8"))
        vocabularies.append(vocabulary_of(tree))
        path = "" if relative.parent == Path(".") else relative.parent.as_posix() + "/"
        page = page_of(path, tree, stems, folds)
        if page is not None:
            pages.append(page)
    counts = {}
    terms = search_terms(vocabularies, entries, codes, messages, synonyms)
    for code in codes:
        files, manifest = index_files(pages, code)
        files[f"{code}/terms.json"] = json.dumps({**terms[code], "index": manifest}, ensure_ascii=False,
                                                 separators=(",", ":"))
        for name, text in files.items():
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        counts[code] = manifest["docs"]
    return counts


def indexed_pages(site_dir: Path) -> dict[str, list[dict]]:
    """What search indexed, by language: each page's path from the site's root ("",
    "en/articles/x/"), title and text, read back from the index (for tests and for
    looking into the index)."""
    out: dict[str, list[dict]] = {}
    for terms in sorted((site_dir / SEARCH_DIR).glob("*/terms.json")):
        lang = terms.parent.name
        docs = json.loads(terms.read_text(encoding="utf-8"))["index"]["docs"]
        for number in range(docs):
            page = json.loads((terms.parent / "pages" / f"{number}.json").read_text(encoding="utf-8"))
            out.setdefault(lang, []).append({"path": page["url"], "title": page["title"], "text": page["text"]})
    return out
