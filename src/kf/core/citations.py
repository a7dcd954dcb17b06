"""Citations and the bibliography, free of MkDocs: data checks, citation syntax,
numbered markers with previews, reference lists (Vancouver style) and bibliography pages.

- `load_references` reads data/references.yml (CSL-JSON field names plus `study_type`
  and `summary`) and reports every problem with its line.
- `CitationExtension` (Python-Markdown) turns `[@key]` and `[@a; @b]` into placeholders;
  code spans, code blocks and `\\[@x]` are left alone by Python-Markdown itself.
- `render_citations` numbers the placeholders of a page's HTML in order of first
  citation, makes each a link with a preview, and appends the reference list.
- `vancouver` formats one reference; `bibliography_html` writes a bibliography page.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

from kf.core.problems import Problem
from kf.core.datafile import DataError, Located, LocatedList, load_yaml
from kf.core.labels import LABELS as ALL_LABELS
from kf.core.typography import polish

# --------------------------------------------------------------------------- study types


@dataclass(frozen=True)
class StudyType:
    id: str
    labels: dict[str, str]
    #: Evidence about a treatment's effect, from strongest (0) to weakest; other
    #: sources (regulatory documents, news) come after, in their own group.
    rank: int
    evidence: bool = True


def _type_labels(type_id: str) -> dict[str, str]:
    return {code: labels["study_types"][type_id] for code, labels in ALL_LABELS.items()}


STUDY_TYPES: dict[str, StudyType] = {
    t.id: t
    for t in (
        StudyType("meta-analysis", _type_labels("meta-analysis"), 0),
        StudyType("systematic-review", _type_labels("systematic-review"), 1),
        StudyType("guideline", _type_labels("guideline"), 2),
        StudyType("expert-report", _type_labels("expert-report"), 3),
        StudyType("rct", _type_labels("rct"), 4),
        StudyType("controlled-trial", _type_labels("controlled-trial"), 5),
        StudyType("observational", _type_labels("observational"), 6),
        StudyType("narrative-review", _type_labels("narrative-review"), 7),
        StudyType("laboratory", _type_labels("laboratory"), 8),
        StudyType("case-series", _type_labels("case-series"), 9),
        StudyType("case-report", _type_labels("case-report"), 10),
        StudyType("regulatory", _type_labels("regulatory"), 11, evidence=False),
        StudyType("news", _type_labels("news"), 12, evidence=False),
    )
}

# --------------------------------------------------------------------------- data

#: CSL-JSON fields we read, and the types we format.
CSL_FIELDS = {
    "id", "type", "title", "author", "issued", "container-title", "volume", "issue", "page",
    "DOI", "PMID", "PMCID", "URL", "accessed", "publisher", "publisher-place", "note",
}
OUR_FIELDS = {"study_type", "summary", "et-al", "treatment", "update"}  # update: see _updates
#: A treatment name (`treatment:`): lowercase letters, digits and hyphens.
TREATMENT_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
JOURNAL_TYPES = {"article-journal"}
WEB_TYPES = {"webpage", "article-newspaper", "post-weblog"}
BOOK_TYPES = {"report", "book", "legislation", "document"}
CSL_TYPES = JOURNAL_TYPES | WEB_TYPES | BOOK_TYPES
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^\d{1,9}$")
PMCID_PATTERN = re.compile(r"^PMC\d+$")
MAX_SUMMARY = 500


@dataclass(frozen=True)
class Author:
    family: str = ""
    given: str = ""
    literal: str = ""

    def vancouver(self) -> str:
        """"Noppers I", "van Hilten JJ", or an organisation's name."""
        if self.literal:
            return self.literal
        initials = "".join(part[0] for part in re.split(r"[\s.\-]+", self.given) if part and part[0].isalpha())
        return f"{self.family} {initials}".strip()


# --------------------------------------------------------------------------- notices

#: Notices an editor can record under `update:`, from the most serious. Crossref's update
#: types (scripts/checks/notices.py) map onto these.
UPDATE_TYPES = ("retraction", "partial-retraction", "withdrawal", "expression-of-concern", "correction")
#: Notices after which the pages citing the work are reviewed (`make status` lists them).
SERIOUS_UPDATES = {"retraction", "partial-retraction", "withdrawal", "expression-of-concern"}
UPDATE_FIELDS = {"type", "date", "notice", "note"}


@dataclass(frozen=True)
class Update:
    """A notice about a cited work that an editor has confirmed (`update:` in the data)."""

    type: str
    date: tuple[int, ...]
    notice: str = ""  # the notice's DOI
    note: dict[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Reference:
    id: str
    line: int
    type: str
    title: str
    study_type: str
    summary: dict[str, str]
    authors: tuple[Author, ...] = ()
    et_al: bool = False
    year: int | None = None
    month: int | None = None
    day: int | None = None
    container: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    url: str = ""
    accessed: tuple[int, ...] = ()
    publisher: str = ""
    place: str = ""
    #: the treatment whose effect (benefit) the work reports, e.g. "ketamine" (harms.py)
    treatment: str = ""
    updates: tuple[Update, ...] = ()


@dataclass
class Bibliography:
    path: str
    references: dict[str, Reference] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Formatted texts (previews, list entries), made once per reference, language and
    #: link: every page citing a work shows the same text.
    _texts: dict = field(default_factory=dict, repr=False, compare=False)

    def suggest(self, key: str) -> list[str]:
        return difflib.get_close_matches(key, list(self.references), n=3, cutoff=0.6)

    def text(self, make, ref: Reference, *args) -> str:
        """make(ref, *args), remembered."""
        key = (make.__name__, ref.id, *args)
        if key not in self._texts:
            self._texts[key] = make(ref, *args)
        return self._texts[key]


def _date_parts(value) -> tuple[int, ...] | None:
    """CSL dates: {date-parts: [[2011, 10, 1]]}; also a plain year or "2011-10-01"."""
    if isinstance(value, int):
        return (value,)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return tuple(int(p) for p in value.split("-"))
    if hasattr(value, "isoformat") and hasattr(value, "year"):  # YAML read 2011-10-01 as a date
        return (value.year, value.month, value.day)
    if isinstance(value, dict) and "date-parts" in value:
        parts = value["date-parts"]
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            if all(isinstance(p, int) for p in parts[0]) and 1 <= len(parts[0]) <= 3:
                return tuple(parts[0])
    return None


def load_references(text: str, path: str, languages: tuple[str, ...] | list[str]) -> Bibliography:
    """Read the bibliography; every problem found is in `.problems`, with its line.
    References with a problem are left out."""
    bib = Bibliography(path)

    def problem(line: int, message: str) -> None:
        bib.problems.append(Problem(path, line, message))

    try:
        data = load_yaml(text)
    except DataError as exc:
        problem(exc.line, exc.message)
        return bib
    if data is None:
        data = LocatedList()
    if not isinstance(data, LocatedList):
        problem(1, "the bibliography must be a list of references, each starting with '- id: ...'.")
        return bib
    first_line: dict[str, int] = {}
    for index, raw in enumerate(data):
        line = data.line_of(index)
        if not isinstance(raw, Located):
            problem(line, "each reference must be a block of 'key: value' lines starting with '- id: ...'.")
            continue
        ref = _reference(raw, line, languages, problem)
        if ref is None:
            continue
        if ref.id in first_line:
            problem(
                raw.line_of("id"),
                f"the id '{ref.id}' is already used by the reference on line {first_line[ref.id]}. "
                f"If it is the same work, keep one; if not, give this one another id (e.g. '{ref.id}b').",
            )
            continue
        first_line[ref.id] = raw.line_of("id")
        bib.references[ref.id] = ref
    return bib


def _reference(raw: Located, line: int, languages, problem) -> Reference | None:
    ok = True
    ref_id = raw.get("id")
    if not isinstance(ref_id, str) or not ID_PATTERN.match(ref_id):
        problem(
            raw.line_of("id"),
            f"the reference needs an 'id' of lowercase letters, digits, '-' or '_' starting with a "
            f"letter (like 'noppers2011'); found {ref_id!r}. Editors cite it as [@id].",
        )
        return None
    where = f"reference '{ref_id}'"

    def bad(key: str, message: str) -> None:
        nonlocal ok
        problem(raw.line_of(key), f"{where}: {message}")
        ok = False

    for key in raw:
        if key not in CSL_FIELDS and key not in OUR_FIELDS:
            close = difflib.get_close_matches(str(key), sorted(CSL_FIELDS | OUR_FIELDS), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            bad(key, f"'{key}' is not a known field.{hint} Fields use CSL-JSON names (title, author, issued, container-title, DOI, PMID, URL...).")

    csl_type = raw.get("type")
    if csl_type not in CSL_TYPES:
        bad("type", f"'type' must be one of {', '.join(sorted(CSL_TYPES))} (CSL-JSON); found {csl_type!r}.")
        csl_type = "document"

    study_type = raw.get("study_type")
    if study_type not in STUDY_TYPES:
        close = difflib.get_close_matches(str(study_type), list(STUDY_TYPES), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        bad("study_type", f"unknown study_type {study_type!r}.{hint} Use one of: {', '.join(STUDY_TYPES)}.")

    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        bad("title", "'title' is missing. Copy the exact title from the source; never make one up.")
        title = ""

    authors: list[Author] = []
    raw_authors = raw.get("author", [])
    if not isinstance(raw_authors, list):
        bad("author", "'author' must be a list, like [{family: Noppers, given: I}] or [{literal: ANSM}].")
        raw_authors = []
    for person in raw_authors:
        if isinstance(person, dict) and (person.get("family") or person.get("literal")):
            authors.append(Author(str(person.get("family", "")), str(person.get("given", "")), str(person.get("literal", ""))))
        else:
            bad("author", f"each author needs 'family' (and 'given' initials) or 'literal' (an organisation); found {person!r}.")
    needs_author = csl_type in JOURNAL_TYPES | BOOK_TYPES
    if needs_author and not authors and "author" not in raw:
        bad("id", f"'author' is missing: a {csl_type} needs its authors (or {{literal: <organisation>}}). Copy them from the source.")

    issued = None
    if "issued" in raw:
        issued = _date_parts(raw["issued"])
        if issued is None:
            bad("issued", "'issued' must be a year (2011), a date (\"2011-10-01\") or {date-parts: [[2011, 10]]}.")
    elif csl_type not in WEB_TYPES:
        bad("id", f"'issued' (the year of publication) is missing: a {csl_type} needs it.")

    accessed = ()
    if "accessed" in raw:
        accessed = _date_parts(raw["accessed"]) or ()
        if not accessed:
            bad("accessed", "'accessed' must be the date you read the page, like \"2026-11-21\".")
    if csl_type in WEB_TYPES and not raw.get("URL"):
        bad("id", f"'URL' is missing: a {csl_type} needs its address.")

    doi = raw.get("DOI", "")
    if doi and not (isinstance(doi, str) and DOI_PATTERN.match(doi)):
        bad("DOI", f"malformed DOI {doi!r}: a DOI looks like 10.1016/j.pain.2009.06.023 (no https://doi.org/ in front).")
    pmid = raw.get("PMID", "")
    if pmid != "" and not PMID_PATTERN.match(str(pmid)):
        bad("PMID", f"malformed PMID {pmid!r}: a PubMed id is digits only, like 21546160.")
    pmcid = raw.get("PMCID", "")
    if pmcid and not PMCID_PATTERN.match(str(pmcid)):
        bad("PMCID", f"malformed PMCID {pmcid!r}: it looks like PMC3268359.")
    url = raw.get("URL", "")
    if url and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
        bad("URL", f"malformed URL {url!r}: it must start with https:// or http://.")

    summary = raw.get("summary")
    summaries: dict[str, str] = {}
    if not isinstance(summary, dict):
        bad("id" if summary is None else "summary", f"'summary' is missing: write 1 to 3 plain sentences per language ({', '.join(languages)}) on what the work found and its main limit.")
    else:
        for code in languages:
            value = summary.get(code)
            if not isinstance(value, str) or not value.strip():
                bad("summary", f"the summary in '{code}' is missing: write 1 to 3 plain sentences on what the work found and its main limit.")
            elif len(value.strip()) > MAX_SUMMARY:
                bad("summary", f"the summary in '{code}' is {len(value.strip())} characters long; keep it to 1 to 3 short sentences (at most {MAX_SUMMARY}).")
            else:
                summaries[code] = polish(" ".join(value.split()), code)
        for code in summary:
            if code not in languages:
                bad("summary", f"'{code}' is not a language of the site ({', '.join(languages)}).")

    treatment = raw.get("treatment", "")
    if "treatment" in raw and not (isinstance(treatment, str) and TREATMENT_PATTERN.match(treatment)):
        bad("treatment", f"'treatment' must be the name of the treatment whose effect the work reports, in "
                         f"lowercase (like 'ketamine'); found {treatment!r}.")
    updates: tuple[Update, ...] = ()
    if "update" in raw:
        found: list[tuple[int, str]] = []
        updates = _updates(raw, languages, lambda at, message: found.append((at, message)))
        for at, message in found:
            problem(at, f"{where}: {message}")
            ok = False

    if not ok:
        return None
    year, month, day = (list(issued or ()) + [None, None, None])[:3]
    return Reference(
        id=ref_id,
        line=line,
        type=csl_type,
        title=" ".join(title.split()),
        study_type=study_type,
        summary=summaries,
        authors=tuple(authors),
        et_al=bool(raw.get("et-al", False)),
        year=year,
        month=month,
        day=day,
        container=str(raw.get("container-title", "")),
        volume=str(raw.get("volume", "")),
        issue=str(raw.get("issue", "")),
        page=str(raw.get("page", "")),
        doi=doi or "",
        pmid=str(pmid),
        pmcid=str(pmcid),
        url=url or "",
        accessed=accessed,
        publisher=str(raw.get("publisher", "")),
        place=str(raw.get("publisher-place", "")),
        treatment=treatment,
        updates=updates,
    )


def _updates(raw: Located, languages, report) -> tuple[Update, ...]:
    """The `update:` block of a reference: one notice, or a list of notices, each
    {type, date, notice (its DOI), note: {fr, en}}. Problems go to report(line, message)."""
    value = raw["update"]
    items = value if isinstance(value, list) else [value]
    out = []
    for index, item in enumerate(items):
        if not isinstance(item, Located):
            at = value.line_of(index) if isinstance(value, LocatedList) else raw.line_of("update")
            report(at, "'update' must be a block like {type: retraction, date: 2027-03-14, notice: 10.1000/xyz} (or a list of them).")
            continue
        faults: list[str] = []

        def wrong(key: str, message: str, item=item) -> None:
            faults.append(key)
            report(item.line_of(key), message)

        for key in item:
            if key not in UPDATE_FIELDS:
                close = difflib.get_close_matches(str(key), sorted(UPDATE_FIELDS), n=1)
                hint = f" Did you mean '{close[0]}'?" if close else ""
                wrong(key, f"'{key}' is not a field of 'update'.{hint} Use type, date, notice and note.")
        kind = item.get("type")
        if kind not in UPDATE_TYPES:
            close = difflib.get_close_matches(str(kind).replace("_", "-"), list(UPDATE_TYPES), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            wrong("type", f"unknown update type {kind!r}.{hint} Use one of: {', '.join(UPDATE_TYPES)}.")
        date = _date_parts(item.get("date")) if "date" in item else None
        if date is None:
            wrong("date", "the update needs the 'date' of the notice, as published: a year (2027) or a date (2027-03-14).")
        notice = item.get("notice", "")
        if notice and not (isinstance(notice, str) and DOI_PATTERN.match(notice)):
            wrong("notice", f"malformed notice DOI {notice!r}: write the DOI of the notice itself, like 10.1016/j.pain.2027.01.001 (no https://doi.org/ in front).")
        notes: dict[str, str] = {}
        if "note" in item:
            note = item["note"]
            if not isinstance(note, dict) or any(not isinstance(note.get(c), str) or not note[c].strip() for c in languages):
                wrong("note", f"'note' must give a short sentence in each language ({', '.join(languages)}), like note: {{fr: ..., en: ...}}.")
            else:
                notes = {c: polish(" ".join(note[c].split()), c) for c in languages}
        if not faults:
            out.append(Update(kind, date, notice or "", notes, item.line))
    return tuple(out)


# --------------------------------------------------------------------------- formatting

#: The words of citations, reference lists and the bibliography, per language (src/kf/labels/).
LABELS = {code: {**labels["citations"], "months": labels["citation_months"]} for code, labels in ALL_LABELS.items()}


def _end(text: str) -> str:
    """A Vancouver element ends with a full stop (not doubled after ?, ! or .)."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def authors_text(ref: Reference, code: str, limit: int = 6) -> str:
    """Vancouver authors: up to six, then "et al."."""
    names = [a.vancouver() for a in ref.authors]
    more = ref.et_al or len(names) > limit
    names = names[:limit]
    if more and names:
        names.append(LABELS[code]["et_al"])
    return ", ".join(names)


def short_authors(ref: Reference, code: str) -> str:
    """Authors for a preview: "Noppers I", "Hanna AF, Smith AJ" or "Noppers I et al."."""
    names = [a.vancouver() for a in ref.authors]
    if not names:
        return ref.publisher or ref.container
    if len(names) == 1 and not ref.et_al:
        return names[0]
    if len(names) == 2 and not ref.et_al:
        return f"{names[0]}, {names[1]}"
    return f"{names[0]} {LABELS[code]['et_al']}"


def _date(parts, code: str) -> str:
    months = LABELS[code]["months"]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    out = str(parts[0])
    if len(parts) > 1:
        out += f" {months[parts[1] - 1]}"
    if len(parts) > 2:
        out += f" {parts[2]}"
    return out


def vancouver(ref: Reference, code: str) -> str:
    """The reference in Vancouver style, as plain text, with labels in the page's language."""
    labels = LABELS[code]
    authors = authors_text(ref, code)
    parts = [_end(authors)] if authors else []
    if ref.type in JOURNAL_TYPES:
        parts.append(_end(ref.title))
        where = ref.container
        date = str(ref.year or "")
        if ref.volume:
            date += f";{ref.volume}"
        if ref.issue:
            date += f"({ref.issue})"
        if ref.page:
            date += f":{ref.page}"
        parts.append(_end(f"{where}. {date}" if where else date))
    elif ref.type in WEB_TYPES:
        parts.append(f"{ref.title.rstrip('.')} [{labels['internet']}].")
        site = ref.container or ref.publisher
        published = _date((ref.year, ref.month, ref.day), code)
        line = "; ".join(p for p in (site, published) if p)
        accessed = _date(ref.accessed, code)
        if accessed:
            line += f" [{labels['cited']} {accessed}]"
        parts.append(_end(line))
    else:  # report, book, legislation, document
        parts.append(_end(ref.title))
        place = f"{ref.place}: " if ref.place else ""
        publisher = ref.publisher or ref.container
        line = f"{place}{publisher}; {ref.year}" if publisher else str(ref.year or "")
        parts.append(_end(line))
    if ref.url and ref.type in WEB_TYPES | BOOK_TYPES:
        parts.append(f"{labels['available']} {ref.url}")
    return " ".join(p for p in parts if p)


def links_html(ref: Reference, code: str) -> str:
    """DOI, PubMed and PMC links, written out so they also print."""
    colon = ALL_LABELS[code]["colon"]
    out = []
    for label, value, url in (
        ("DOI", ref.doi, f"https://doi.org/{ref.doi}"),
        ("PubMed", ref.pmid, f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"),
        ("PMC", ref.pmcid, f"https://pmc.ncbi.nlm.nih.gov/articles/{ref.pmcid}/"),
    ):
        if value:
            out.append(f'{label}{colon} <a href="{html.escape(url)}">{html.escape(value)}</a>')
    return " · ".join(out)


def badge_html(ref: Reference, code: str, evidence_href: str) -> str:
    stype = STUDY_TYPES[ref.study_type]
    return (
        f'<a class="kf-badge kf-badge--{stype.id}" href="{html.escape(evidence_href)}#{stype.id}" '
        f'title="{html.escape(LABELS[code]["evidence_link"])}">{html.escape(stype.labels[code])}</a>'
    )


#: What readers are told about a notice, by type; {year} is the notice's year.
UPDATE_TEXTS = {code: labels["notices"] for code, labels in ALL_LABELS.items()}


def sorted_updates(ref: Reference) -> list[Update]:
    """A work's notices, the most serious first, then the latest."""
    return sorted(ref.updates, key=lambda u: (UPDATE_TYPES.index(u.type), tuple(-p for p in u.date)))


def update_text(update: Update, code: str) -> str:
    """The sentence readers see about a notice, in their language, with the editors' note."""
    text = polish(UPDATE_TEXTS[code][update.type].format(year=update.date[0]), code)
    note = update.note.get(code, "")
    return f"{text} {_end(note)}" if note else text


def updates_html(ref: Reference, code: str) -> str:
    """The notices about a work, each a paragraph with a link to the notice itself."""
    esc = html.escape
    out = []
    for update in sorted_updates(ref):
        link = ""
        if update.notice:
            label = polish(UPDATE_TEXTS[code]["read"], code)
            link = f' <a href="https://doi.org/{esc(update.notice)}">{esc(label)}</a>'
        out.append(
            f'<p class="kf-ref__update kf-ref__update--{update.type}" role="note">'
            f"<strong>{esc(update_text(update, code))}</strong>{link}</p>"
        )
    return "".join(out)


def preview_text(ref: Reference, code: str) -> str:
    """What a citation marker's preview shows: any notice about the work (a
    retraction...), then what it found in plain words in the reader's language (its
    summary), then the work itself: authors (short), title (often in another language),
    journal, year, type."""
    parts = [short_authors(ref, code), ref.title, ref.container, str(ref.year or ""), STUDY_TYPES[ref.study_type].labels[code]]
    work = " ".join(_end(p) for p in parts if p)
    notices = [update_text(u, code) for u in sorted_updates(ref)]
    summary = ref.summary.get(code, "").strip()
    return " ".join([*notices, *([_end(summary)] if summary else []), f"({work})"])


def entry_html(ref: Reference, code: str, evidence_href: str) -> str:
    """The body of one reference: any notice about the work (retraction...), Vancouver
    text, links, badge and plain summary."""
    esc = html.escape
    links = links_html(ref, code)
    out = updates_html(ref, code)
    out += f'<p class="kf-ref__citation">{esc(vancouver(ref, code))}'
    if links:
        out += f' <span class="kf-ref__ids">{links}</span>'
    out += "</p>"
    out += f'<p class="kf-ref__meta">{badge_html(ref, code, evidence_href)}</p>'
    out += f'<p class="kf-ref__summary">{esc(ref.summary[code])}</p>'
    return out


# --------------------------------------------------------------------------- Markdown syntax

#: A citation key: what follows "@" (ids are checked against the bibliography later).
KEY = r"[A-Za-z0-9_][A-Za-z0-9_:.\-]*"
CITATION = re.compile(rf"\[\s*(@{KEY}(?:\s*;\s*@{KEY})*)\s*\]")
#: The placeholder a citation becomes in the converted HTML: an HTML comment holding the
#: keys. The search plugin ignores comments (so the index holds the page's own words,
#: not citation numbers or reference texts), no HTML parser or serializer changes them,
#: and numbering the citations is a plain substitution in document order, after the
#: page is indexed, with no second HTML parse.
PLACEHOLDER = re.compile(r"<!--kf-cite:([A-Za-z0-9_:. \-]*?)-->")


def placeholder(keys) -> str:
    return "<!--kf-cite:" + " ".join(keys) + "-->"


def parse_keys(group: str) -> list[str]:
    """"@a; @b" -> ["a", "b"]."""
    return [part.strip().lstrip("@") for part in group.split(";") if part.strip()]


class _CitationPattern(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        # Stashed raw HTML: the comment is written out as it is.
        return self.md.htmlStash.store(placeholder(parse_keys(m.group(1)))), m.start(0), m.end(0)


class CitationExtension(Extension):
    """`[@key]` and `[@a; @b]` become placeholders (see PLACEHOLDER).

    Registered before links and references (priority 175 > 170), after backticks
    and escapes: a citation inside `code` or written `\\[@x]` stays literal text."""

    def extendMarkdown(self, md):  # noqa: N802
        md.inlinePatterns.register(_CitationPattern(CITATION.pattern, md), "kf_citation", 175)


# --------------------------------------------------------------------------- rendering


@dataclass
class Rendered:
    html: str
    #: cited ids in order of first citation
    cited: list[str] = field(default_factory=list)
    #: keys not in the bibliography, in order
    unknown: list[str] = field(default_factory=list)


def cited_keys(page_html: str, bib: Bibliography) -> Rendered:
    """The references a page cites, in order of first citation, and the unknown keys,
    without rendering anything (the page's html comes back unchanged)."""
    cited: dict[str, None] = {}
    unknown: list[str] = []
    for group in PLACEHOLDER.findall(page_html):
        for key in group.split():
            if key in bib.references:
                cited.setdefault(key)
            else:
                unknown.append(key)
    return Rendered(page_html, list(cited), unknown)


def render_citations(page_html: str, bib: Bibliography, code: str, evidence_href: str) -> Rendered:
    """Number the citation placeholders of a page in order of first citation and
    append the reference list ("References", id "references").

    Each marker links to its entry (#ref-<id>) and carries a preview (tooltip);
    each entry links back to every place it is cited.
    """
    if "<!--kf-cite:" not in page_html:
        return Rendered(page_html)
    numbers: dict[str, int] = {}
    backlinks: dict[str, list[str]] = {}
    unknown: list[str] = []
    labels = LABELS[code]
    esc = html.escape

    def marker(match: re.Match) -> str:
        links = []
        for key in match.group(1).split():
            ref = bib.references.get(key)
            if ref is None:
                unknown.append(key)
                links.append(f'<span class="kf-cite__unknown">@{esc(key)}</span>')
                continue
            n = numbers.setdefault(key, len(numbers) + 1)
            occurrence = len(backlinks.setdefault(key, [])) + 1
            anchor = f"cite-{key}-{occurrence}"
            backlinks[key].append(anchor)
            tip = f"kf-tip-{anchor}"
            links.append(
                f'<span class="kf-ref">'
                f'<a class="kf-ref__link" id="{anchor}" href="#ref-{key}" '
                f'aria-label="{esc(labels["reference"].format(n=n))}" aria-describedby="{tip}">{n}</a>'
                f'<span class="kf-ref__tip" id="{tip}" role="tooltip" hidden>'
                f"{esc(bib.text(preview_text, ref, code), quote=False)}</span></span>"
            )
        return f'<span class="kf-cite">[{", ".join(links)}]</span>'

    out = PLACEHOLDER.sub(marker, page_html)  # left to right: document order
    cited = list(numbers)
    if cited:
        items = []
        for key in cited:
            ref = bib.references[key]
            back = " ".join(
                f'<a class="kf-ref__back" href="#{a}" aria-label="{esc(labels["back"].format(n=i))}">↩\ufe0e{i if len(backlinks[key]) > 1 else ""}</a>'
                for i, a in enumerate(backlinks[key], start=1)
            )
            items.append(f'<li id="ref-{key}" class="kf-ref-entry">{bib.text(entry_html, ref, code, evidence_href)}<p class="kf-ref__backlinks">{back}</p></li>')
        out += (
            # folded on phones by kf-page.js (most of a phone page otherwise); open
            # without it, on wider screens, in print, and when a link points into it
            f'<section class="kf-references-section" aria-labelledby="references"><details class="kf-sources" open>'
            f'<summary><h2 id="references">{esc(labels["references"])} '
            f'<span class="kf-sources__count">({len(items)})</span></h2></summary>'
            f'<ol class="kf-references">{"".join(items)}</ol></details></section>'
        )
    return Rendered(out, cited, unknown)


def cited_in_html(ref_id: str, code: str, cited_in: dict[str, list[tuple[str, str]]]) -> str:
    """The "Cited in" line of a bibliography entry: links to the pages citing the work."""
    labels = LABELS[code]
    esc = html.escape
    pages = cited_in.get(ref_id, [])
    if not pages:
        return f'<p class="kf-ref__cited-in">{esc(labels["not_cited"])}</p>'
    where = ", ".join(f'<a href="{esc(url)}">{esc(title)}</a>' for title, url in pages)
    return f'<p class="kf-ref__cited-in">{esc(labels["cited_in"])} {where}</p>'


#: Where a "Cited in" line stands until it is drawn (see bibliography_html).
CITED_IN_PLACEHOLDER = re.compile(r"<!--kf-cited-in:([A-Za-z0-9_:.\-]+)-->")


def bibliography_html(
    bib: Bibliography, code: str, evidence_href: str, cited_in: dict[str, list[tuple[str, str]]] | None
) -> str:
    """Every reference grouped by study type, strongest evidence first; each with its
    anchor (its id), badge, summary, links and the pages of this language citing it.

    cited_in: reference id -> [(page title, relative URL)], in navigation order; or None
    to leave a placeholder comment (CITED_IN_PLACEHOLDER) for each "Cited in" line, drawn
    later with cited_in_html: the search index then holds the works, not every page
    title again under each of them.
    """
    labels = LABELS[code]
    esc = html.escape
    groups: dict[str, list[Reference]] = {}
    for ref in bib.references.values():
        groups.setdefault(ref.study_type, []).append(ref)
    out = []
    others_started = False
    for stype in sorted(STUDY_TYPES.values(), key=lambda t: t.rank):
        refs = groups.get(stype.id)
        if not refs:
            continue
        if not stype.evidence and not others_started:
            out.append(f'<h2 id="other-sources">{esc(labels["other_sources"])}</h2>')
            others_started = True
        level = "h3" if others_started else "h2"
        out.append(f'<{level} id="type-{stype.id}">{esc(stype.labels[code])}</{level}>')
        out.append('<ul class="kf-bibliography">')
        for ref in sorted(refs, key=lambda r: (-(r.year or 0), r.id)):
            cited = f"<!--kf-cited-in:{ref.id}-->" if cited_in is None else cited_in_html(ref.id, code, cited_in)
            out.append(f'<li id="{ref.id}" class="kf-ref-entry">{entry_html(ref, code, evidence_href)}{cited}</li>')
        out.append("</ul>")
    return "\n".join(out)
