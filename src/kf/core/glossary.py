"""The bilingual glossary, free of MkDocs: data checks, the glossary page, term markers.

- `load_glossary` reads data/glossary.yml and reports every problem with its line.
- `glossary_markdown` writes a language's glossary page (sorted, with anchors).
- `Matcher` finds glossary terms in a text (whole words, case- and elision-aware).
- `mark_terms` turns the first occurrence of each term in a page's HTML into a link
  to its glossary entry carrying its definition as a tooltip.

The data file, one entry per term:

    - id: nmda-receptor            # stable anchor: lowercase letters, digits, hyphens
      see_also: [glutamate]        # optional: ids of related entries
      fr:
        term: récepteur NMDA
        variants: [récepteurs NMDA] # other forms to find in the text (optional)
        definition: Une « porte » ...
      en:
        term: NMDA receptor
        ...
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from kf.core.problems import Problem
from kf.core.datafile import DataError, Located, LocatedList, load_yaml
from kf.core.typography import polish

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
ENTRY_KEYS = {"id", "see_also"}
TERM_KEYS = {"term", "variants", "definition"}
#: A definition is one or two short sentences.
MAX_DEFINITION = 300


@dataclass(frozen=True)
class Term:
    """An entry in one language."""

    term: str
    variants: tuple[str, ...]
    definition: str

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its variants: every form that is marked in a text."""
        return (self.term, *self.variants)


@dataclass(frozen=True)
class Entry:
    id: str
    line: int
    langs: dict[str, Term]
    see_also: tuple[str, ...] = ()


@dataclass
class Glossary:
    path: str
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# --------------------------------------------------------------------------- data


def normalize(form: str) -> str:
    """How two forms are compared: case, apostrophes, hyphens and spaces do not count."""
    form = unicodedata.normalize("NFC", form).casefold()
    form = form.replace("’", "'").replace("\u2011", "-")
    return " ".join(form.split())


def load_glossary(text: str, path: str, languages: tuple[str, ...] | list[str]) -> Glossary:
    """Read the glossary data; every problem found is in `.problems`, with its line.

    Entries with a problem are left out, so the site still builds (and shows every
    problem at once) in `mkdocs serve`.
    """
    glossary = Glossary(path)

    def problem(line: int, message: str) -> None:
        glossary.problems.append(Problem(path, line, message))

    try:
        data = load_yaml(text)
    except DataError as exc:
        problem(exc.line, exc.message)
        return glossary
    if data is None:
        data = LocatedList()
    if not isinstance(data, LocatedList):
        problem(1, "the glossary must be a list of entries, each starting with '- id: ...'.")
        return glossary

    seen_ids: dict[str, int] = {}
    wanted_see_also: list[tuple[str, str, int]] = []
    for index, raw in enumerate(data):
        line = data.line_of(index)
        if not isinstance(raw, Located):
            problem(line, "each entry must be a block of 'key: value' lines starting with '- id: ...'.")
            continue
        entry = _entry(raw, line, languages, problem)
        if entry is None:
            continue
        if entry.id in seen_ids:
            problem(
                raw.line_of("id"),
                f"the id '{entry.id}' is already used by the entry on line {seen_ids[entry.id]}. "
                f"Each entry needs its own id: merge the two entries or rename one.",
            )
            continue
        seen_ids[entry.id] = raw.line_of("id")
        glossary.entries[entry.id] = entry
        see_line = raw.line_of("see_also")
        wanted_see_also += [(entry.id, other, see_line) for other in entry.see_also]

    for entry_id, other, line in wanted_see_also:
        if other == entry_id:
            problem(line, f"the entry '{entry_id}' lists itself in see_also; remove it.")
        elif other not in seen_ids:
            close = _close_ids(other, seen_ids)
            hint = f" Did you mean {close}?" if close else ""
            problem(
                line,
                f"see_also of '{entry_id}' names '{other}', which is not a glossary id.{hint} "
                f"Fix the id or remove it.",
            )

    _check_shared_forms(glossary, languages, problem)
    return glossary


def _entry(raw: Located, line: int, languages, problem) -> Entry | None:
    ok = True
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id) or len(entry_id) < 2:
        problem(
            raw.line_of("id"),
            f"the entry needs an 'id' of at least two lowercase letters, digits and hyphens "
            f"(like 'nmda-receptor'); found {entry_id!r}. The id is the entry's web address "
            f"(#id): do not change it once published.",
        )
        return None
    for key in raw:
        if key not in ENTRY_KEYS and key not in languages:
            problem(
                raw.line_of(key),
                f"'{key}' is not a known key in entry '{entry_id}'. The keys are: id, see_also, "
                f"and one block per language ({', '.join(languages)}).",
            )
            ok = False

    langs: dict[str, Term] = {}
    for code in languages:
        block = raw.get(code)
        if block is None:
            problem(
                line,
                f"the entry '{entry_id}' has no '{code}:' block. Add it, with its term, "
                f"variants and definition in that language.",
            )
            ok = False
            continue
        term = _term(block, raw.line_of(code), entry_id, code, problem)
        if term is None:
            ok = False
        else:
            langs[code] = term

    see_also = raw.get("see_also", [])
    if not isinstance(see_also, list) or not all(isinstance(s, str) for s in see_also):
        problem(raw.line_of("see_also"), f"see_also of '{entry_id}' must be a list of ids, like [glutamate, ketamine].")
        ok = False
    return Entry(entry_id, line, langs, tuple(see_also)) if ok else None


def _term(block, line: int, entry_id: str, code: str, problem) -> Term | None:
    where = f"'{entry_id}' ({code})"
    if not isinstance(block, Located):
        problem(line, f"{where} must be a block with 'term:', 'variants:' and 'definition:' lines.")
        return None
    ok = True

    def at(key: str) -> int:  # a missing key is reported on the language's line
        return block.lines.get(key, line)

    for key in block:
        if key not in TERM_KEYS:
            problem(block.line_of(key), f"'{key}' is not a known key in {where}; the keys are term, variants and definition.")
            ok = False
    term = block.get("term")
    if not isinstance(term, str) or not term.strip():
        problem(at("term"), f"{where} has no 'term:'. Write the word as it is usually written in running text.")
        ok = False
    definition = block.get("definition")
    if not isinstance(definition, str) or not definition.strip():
        problem(
            at("definition"),
            f"{where} has no 'definition:'. Write one or two short, plain sentences.",
        )
        ok = False
    elif len(definition.strip()) > MAX_DEFINITION:
        problem(
            at("definition"),
            f"the definition of {where} is {len(definition.strip())} characters long; keep it to one "
            f"or two short sentences (at most {MAX_DEFINITION} characters). Details belong in an article.",
        )
        ok = False
    variants = block.get("variants", [])
    if isinstance(variants, str):
        variants = [variants]
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        problem(at("variants"), f"'variants' of {where} must be a list of words, like [récepteurs NMDA, NMDA].")
        ok = False
    if not ok:
        return None
    return Term(
        " ".join(term.split()),
        tuple(" ".join(v.split()) for v in variants),
        polish(" ".join(definition.split()), code),
    )


def _check_shared_forms(glossary: Glossary, languages, problem) -> None:
    """A form may belong to one entry only per language, or the marker would be ambiguous."""
    for code in languages:
        owner: dict[str, str] = {}
        for entry in list(glossary.entries.values()):
            term = entry.langs[code]
            for form in term.forms:
                key = normalize(form)
                first = owner.setdefault(key, entry.id)
                if first != entry.id:
                    problem(
                        entry.line,
                        f"'{form}' ({code}) is claimed by two entries, '{first}' (line "
                        f"{glossary.entries[first].line}) and '{entry.id}'. A word can point to one "
                        f"definition only: remove it from one of them.",
                    )


def _close_ids(wanted: str, ids) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, list(ids), n=3, cutoff=0.6)
    return ", ".join(f"'{c}'" for c in close)


# --------------------------------------------------------------------------- glossary page


def sort_key(term: str) -> tuple[str, str, str]:
    """Alphabetical order for French and English: accents and case do not change the
    order ("é" sorts with "e", "œ" as "oe"); they only break ties."""
    folded = unicodedata.normalize("NFC", term).casefold()
    base = folded.replace("œ", "oe").replace("æ", "ae")
    base = "".join(c for c in unicodedata.normalize("NFKD", base) if not unicodedata.combining(c))
    base = " ".join(re.sub(r"[-'’\u2011]", " ", base).split())
    return base, folded, term


def _letter(term: str) -> str:
    first = sort_key(term)[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def glossary_markdown(glossary: Glossary, code: str, other: str, labels: dict[str, str]) -> str:
    """The glossary of one language, as Markdown: a heading per letter, then each entry
    with its anchor (its id), its definition, its term in the other language and its
    "see also" links.

    labels: "other" ("en anglais : {term}"), "see_also" ("Voir aussi : "), "letters"
    (name of the letter index), all in the page's language.
    """
    entries = sorted(glossary.entries.values(), key=lambda e: sort_key(e.langs[code].term))
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(_letter(entry.langs[code].term), []).append(entry)

    esc = html.escape
    out = [
        f'<nav class="kf-glossary__letters" aria-label="{esc(labels["letters"])}"><ul>'
        + "".join(f'<li><a href="#{letter.lower()}">{letter}</a></li>' for letter in groups if letter != "#")
        + "</ul></nav>",
        "",
    ]
    for letter, group in groups.items():
        anchor = "0-9" if letter == "#" else letter.lower()
        out += [f"## {letter} {{#{anchor}}}", "", '<dl class="kf-glossary">']
        for entry in group:
            term = entry.langs[code]
            other_term = entry.langs[other].term
            dt = f'<dt id="{entry.id}"><dfn>{esc(_capitalized(term.term))}</dfn>'
            if normalize(other_term) != normalize(term.term):  # not "HAS (in French: HAS)"
                other_html = labels["other"].format(term=f'<span lang="{other}">{esc(other_term)}</span>')
                dt += f' <span class="kf-glossary__other">({other_html})</span>'
            out.append(dt + "</dt>")
            dd = f"<dd><p>{esc(term.definition)}</p>"
            links = [
                f'<a href="#{s}">{esc(glossary.entries[s].langs[code].term)}</a>'
                for s in entry.see_also
                if s in glossary.entries
            ]
            if links:
                dd += f'<p class="kf-glossary__see">{esc(labels["see_also"])}{", ".join(links)}</p>'
            out.append(dd + "</dd>")
        out += ["</dl>", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- matching

#: Characters that make a hyphenated or longer word: "anti-inflammatoire" does not
#: contain the term "inflammatoire", "PRÉ" does not contain "PR".
_WORD = r"\w\-\u2011"


def _form_units(form: str) -> list[str]:
    """Regular expression of a form, one piece per character: whitespace of any kind
    (non-breaking spaces too) between words, either apostrophe, and a capital first
    letter for a lowercase form (sentence start). Any other capital, as in an
    abbreviation, must match exactly."""
    parts: list[str] = []
    for i, ch in enumerate(form):
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in "'’":
            parts.append("['’]")
        elif ch in "-\u2011":
            parts.append("[-\u2011]")
        elif i == 0 and ch.islower() and len(ch.upper()) == 1:
            parts.append(f"[{re.escape(ch)}{re.escape(ch.upper())}]")
        else:
            parts.append(re.escape(ch))
    return parts


def _form_pattern(form: str) -> str:
    return "".join(_form_units(form))


def _trie_pattern(forms: list[str]) -> str:
    """One regular expression for all the forms, with shared beginnings factored out
    ("placebo" and "placebo actif" become placebo(?: actif)?): the regex engine then
    tries a handful of letters at each word instead of every form in turn. Longer
    continuations are tried first, so the longest form wins, as with an alternation of
    the forms from longest to shortest."""
    trie: dict = {}
    for form in forms:
        node = trie
        for unit in _form_units(form):
            node = node.setdefault(unit, {})
        node[""] = {}  # a form ends here

    depths: dict[int, int] = {}

    def depth(node: dict) -> int:
        if id(node) not in depths:
            depths[id(node)] = max((1 + depth(child) for unit, child in node.items() if unit), default=0)
        return depths[id(node)]

    def pattern(node: dict) -> str:
        branches = sorted(((unit, child) for unit, child in node.items() if unit), key=lambda uc: -depth(uc[1]))
        alternatives = [unit + pattern(child) for unit, child in branches]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        if "" in node:  # a form may end here: the rest is optional (greedy: longest first)
            return f"(?:{body})?"
        return body

    return pattern(trie)


class Matcher:
    """Finds the glossary terms of one language in a text."""

    def __init__(self, glossary: Glossary, code: str):
        self.code = code
        self.ids: dict[str, str] = {}
        forms: list[str] = []
        for entry in glossary.entries.values():
            for form in entry.langs[code].forms:
                form = unicodedata.normalize("NFC", form)
                self.ids.setdefault(normalize(form), entry.id)
                forms.append(form)
        # the longest form wins: "placebo actif" over "placebo"
        self.pattern = re.compile(f"(?<![{_WORD}])(?:{_trie_pattern(forms)})(?![{_WORD}])") if forms else None

    def find(self, text: str, used: set[str]):
        """(start, end, entry id) of each term in the text whose entry is not in `used`,
        adding it to `used`: the first occurrence of each entry only. The words of an
        entry already marked are skipped whole, so a shorter term inside them is not
        marked either ("placebo" inside a second "placebo actif")."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            entry_id = self.ids[normalize(match.group())]
            if entry_id in used:
                continue
            used.add(entry_id)
            yield match.start(), match.end(), entry_id


#: Elements whose text is never marked: headings, links, code, interactive and
#: embedded content, and our own markers (glossary terms, citations).
SKIP_TAGS = frozenset(
    "h1 h2 h3 h4 h5 h6 a code pre kbd samp var script style template textarea button "
    "select option label summary svg math abbr dfn sup sub title".split()
)
SKIP_CLASSES = frozenset(
    {"kf-term", "kf-cite", "kf-ref", "kf-references-section", "kf-bibliography", "kf-noterms", "admonition-title", "headerlink"}
)


def _skipped(node) -> bool:
    if node.tag in SKIP_TAGS:
        return True
    classes = (node.attributes.get("class") or "").split()
    return any(c in SKIP_CLASSES for c in classes)


def marker_html(text: str, entry_id: str, href: str, definition: str) -> str:
    """A term marker: a link to the glossary entry, described by its definition (the
    tooltip, hidden until shown by kf-tooltips.js on hover, focus or tap)."""
    esc = html.escape
    tip = f"kf-def-{entry_id}"
    return (
        f'<span class="kf-term">'
        f'<a class="kf-term__link" href="{esc(href)}" aria-describedby="{tip}">{esc(text, quote=False)}</a>'
        f'<span class="kf-term__tip" id="{tip}" role="tooltip" hidden>{esc(definition, quote=False)}</span>'
        f"</span>"
    )


#: What a text node with terms becomes until the page is serialized (private-use
#: characters, which no serializer escapes).
_TOKEN = re.compile("\ue010(\\d+)\ue011")


def mark_terms(page_html: str, glossary: Glossary, code: str, href, matcher: Matcher | None = None) -> tuple[str, list[str]]:
    """Mark the first occurrence of each glossary term in a page's HTML.

    code: the language of the page's text; href(entry_id) gives the link to the entry.
    Returns the new HTML and the ids marked, in order. HTML without any term comes
    back unchanged.
    """
    matcher = matcher or Matcher(glossary, code)
    if matcher.pattern is None:
        return page_html, []
    doc = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{page_html}")
    used: set[str] = set()
    marked: list[str] = []
    # A text node with terms is replaced by a token; once the page is serialized, each
    # token becomes the node's escaped text and its markers (no parse per text node).
    pieces: list[str] = []
    every_entry = len(set(matcher.ids.values()))

    def walk(node) -> bool:
        """Mark the terms under node; False once every entry is marked (nothing left to do)."""
        for child in list(node.iter(include_text=True)):
            if child.is_text_node:
                _mark_text(child)
                if len(used) == every_entry:
                    return False
            elif child.is_element_node and not _skipped(child) and not walk(child):
                return False
        return True

    def _mark_text(node) -> None:
        text = node.text_content or ""
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        found = list(matcher.find(text, used))
        if not found:
            return
        out, pos = [], 0
        for start, end, entry_id in found:
            definition = glossary.entries[entry_id].langs[code].definition
            out += [html.escape(text[pos:start], quote=False), marker_html(text[start:end], entry_id, href(entry_id), definition)]
            marked.append(entry_id)
            pos = end
        out.append(html.escape(text[pos:], quote=False))
        node.replace_with(f"\ue010{len(pieces)}\ue011")
        pieces.append("".join(out))

    walk(doc.body)
    if not marked:
        return page_html, []
    return _TOKEN.sub(lambda m: pieces[int(m.group(1))], doc.body.inner_html), marked
