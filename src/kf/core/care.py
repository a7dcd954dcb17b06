"""When to get help, free of MkDocs: the numbers of one language's readers and the care
card that shows them (the NHS service manual's care card pattern).

- `data/help-<code>.yml` holds the numbers a language's pages give, never the articles:
  each with the country it is for, its official source (address and where on that
  page) and the day someone read it there. A number without them is refused.
- `<!-- kf:care-card -->` in a page becomes the card: the emergency numbers, where to
  report a side effect and where to find the poison centres; `<!-- kf:care-card-crisis -->`
  adds the crisis lines (a page about mood).
- The signs that call for help are written by editors as levelled boxes, each with the
  sources that place the sign at that level: `!!! care-emergency`, `!!! care-urgent`,
  `!!! care-routine`. The build adds the level in words to the box's title, so that it is
  not told by colour alone, and refuses a box without a source.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from kf.core.citations import PLACEHOLDER
from kf.core.datafile import DataError, Located, LocatedList, load_yaml
from kf.core.problems import Problem
from kf.core.typography import polish

#: What a number is for, in the order the card shows them.
KINDS = ("emergency", "urgent", "crisis", "report", "poison")
#: How a reader reaches it: a call, a text message, or a web page.
HOW = {"call": "tel:", "sms": "sms:", "web": ""}
FIELDS = {"id", "kind", "how", "reach", "href", "country", "text", "source", "where", "verified", "note"}
REQUIRED = ("id", "kind", "how", "reach", "country", "text", "source", "where", "verified")
#: Numbers not read again on their source for longer than this are listed by `make status`.
RECHECK_AFTER = dt.timedelta(days=365)
#: The levelled boxes editors write, and the label key of each level's words.
LEVELS = {"care-emergency": "care_level_emergency", "care-urgent": "care_level_urgent",
          "care-routine": "care_level_routine"}
CARD_MARKERS = ("care-card", "care-card-crisis")


def help_file(code: str) -> str:
    return f"data/help-{code}.yml"


@dataclass(frozen=True)
class Number:
    id: str
    kind: str
    how: str
    reach: str  # what the reader dials or texts, or the web address as shown
    href: str  # where the link goes (tel:, sms:, https:)
    country: str
    text: str  # how the card says it; {reach} is replaced by the number, as a link
    source: str
    where: str
    verified: dt.date
    line: int = 0


@dataclass
class Help:
    path: str
    numbers: list[Number] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_help(text: str | None, path: str) -> Help:
    """One language's numbers; every problem found is in `.problems`, with its line. A
    number with a problem is left out."""
    out = Help(path)
    if text is None:
        out.problems.append(Problem(path, 1, "this file is missing: the care cards of this language need its help "
                                              "numbers. Copy data/help-en.yml and keep only numbers you read on "
                                              "their official source."))
        return out
    try:
        data = load_yaml(text)
    except DataError as exc:
        out.problems.append(Problem(path, exc.line, exc.message))
        return out
    items = data.get("numbers") if isinstance(data, Located) else None
    if not isinstance(items, LocatedList):
        out.problems.append(Problem(path, 1, "the file must have a 'numbers:' list, each number starting with '- id: ...'."))
        return out
    seen: dict[str, int] = {}
    for index, raw in enumerate(items):
        line = items.line_of(index)
        if not isinstance(raw, Located):
            out.problems.append(Problem(path, line, "each number must be a block of 'key: value' lines starting with '- id: ...'."))
            continue
        number = _number(raw, line, path, out.problems)
        if number is None:
            continue
        if number.id in seen:
            out.problems.append(Problem(path, raw.line_of("id"), f"the id '{number.id}' is already used on line "
                                                                  f"{seen[number.id]}; give each number its own id."))
            continue
        seen[number.id] = raw.line_of("id")
        out.numbers.append(number)
    for kind in ("emergency", "report"):
        if not any(n.kind == kind for n in out.numbers) and not out.problems:
            out.problems.append(Problem(path, 1, f"no number of kind '{kind}': every care card gives one. Add it, "
                                                 "with its official source."))
    return out


def _number(raw: Located, line: int, path: str, problems: list[Problem]) -> Number | None:
    def bad(key: str, message: str) -> None:
        problems.append(Problem(path, raw.line_of(key), message))

    ok = True
    for key in raw:
        if key not in FIELDS:
            bad(key, f"unknown key '{key}'; the keys are {', '.join(sorted(FIELDS))}.")
            ok = False
    for key in REQUIRED:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            what = {"country": "the country it is for", "source": "the address of the official page that gives it",
                    "where": "where on that page it is written", "verified": "the day you read it there (YYYY-MM-DD)"}
            bad(key if key in raw else "id", f"'{key}' is missing" + (f": write {what[key]}" if key in what else "")
                + ". A number is shown only with its country, its official source and the day it was checked.")
            ok = False
    if not ok:
        return None
    kind, how = str(raw["kind"]), str(raw["how"])
    if kind not in KINDS:
        bad("kind", f"unknown kind '{kind}'; use one of {', '.join(KINDS)}.")
        return None
    if how not in HOW:
        bad("how", f"unknown way '{how}'; use call, sms or web.")
        return None
    if not isinstance(raw["verified"], dt.date):
        bad("verified", "'verified' must be a date written YYYY-MM-DD (the day you read the number on its source).")
        return None
    if raw["verified"] > dt.date.today():
        bad("verified", f"'verified' is {raw['verified'].isoformat()}, a day still to come; write the day you read the number.")
        return None
    if not isinstance(raw["reach"], str):
        bad("reach", "write 'reach' in quotes (\"15\", \"000\"): unquoted, YAML reads 000 as the number 0.")
        return None
    if how in ("call", "sms") and not re.fullmatch(r"\+?[0-9][0-9 ]*", raw["reach"]):
        bad("reach", f"'{raw['reach']}' is not a number to dial: write only its digits (spaces allowed).")
        return None
    source = str(raw["source"])
    if urlsplit(source).scheme != "https":
        bad("source", "the source must be the https:// address of the official page that gives the number.")
        return None
    if "{reach}" not in str(raw["text"]):
        bad("text", "the text must say where the number goes: write {reach} there (it becomes the number, as a link).")
        return None
    reach = str(raw["reach"])
    if how == "web":
        href = str(raw.get("href") or "https://" + reach)
        if urlsplit(href).scheme != "https":
            bad("href", "a web address must start with https://.")
            return None
    else:
        href = HOW[how] + reach.replace(" ", "")
    return Number(id=str(raw["id"]), kind=kind, how=how, reach=reach, href=href, country=str(raw["country"]),
                  text=str(raw["text"]), source=source, where=str(raw["where"]), verified=raw["verified"],
                  line=raw.line_of("id"))


def stale(help_: Help, today: dt.date) -> list[Number]:
    """Numbers not read on their source for over RECHECK_AFTER (`make status`)."""
    return [n for n in help_.numbers if today - n.verified > RECHECK_AFTER]


def _reach_html(number: Number) -> str:
    esc = html.escape
    return f'<a class="kf-care__reach" href="{esc(number.href, quote=True)}">{esc(number.reach)}</a>'


def care_card_html(help_: Help, labels: dict, code: str, crisis: bool = False) -> str:
    """The care card of a page: the numbers of its language (code), by kind. labels: the
    language's interface labels (care_*)."""
    esc = html.escape
    sections = []
    for kind in KINDS:
        if kind == "crisis" and not crisis:
            continue
        numbers = [n for n in help_.numbers if n.kind == kind]
        if not numbers:
            continue
        items = "".join(
            f"<li>{esc(polish(n.text, code)).replace('{reach}', _reach_html(n))}</li>" for n in numbers)
        sections.append(f'<div class="kf-care__part kf-care__part--{kind}"><h3>{esc(labels["care_" + kind])}</h3>'
                        f"<ul>{items}</ul></div>")
    return (f'<div class="kf-care" role="region" aria-labelledby="get-help">'
            f'<h2 id="get-help">{esc(labels["care_title"])}</h2>'
            f'<p class="kf-care__where">{esc(labels["care_where"])}</p>{"".join(sections)}</div>')


def label_levels(page_html: str, labels: dict) -> str:
    """The levelled boxes' titles with their level in words first ("Urgent: …")."""
    if "care-" not in page_html:
        return page_html
    doc = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{page_html}")
    changed = False
    for level, key in LEVELS.items():
        for title in doc.css(f"div.admonition.{level} > p.admonition-title"):
            tag = LexborHTMLParser(f'<span class="kf-care__level">{html.escape(labels[key])}</span>').css_first("span")
            first = title.child
            if first is not None:
                first.insert_before(tag)
                first.insert_before(" ")  # "Urgent See a doctor", not "UrgentSee"
            else:
                title.insert_child(tag)
            changed = True
    return doc.body.inner_html if changed else page_html


def check_care(page_html: str, path: str, locate, required: str | None) -> list[Problem]:
    """Problems of one page's care card and levelled boxes. required: None (no card
    needed), "card" (a care card) or "crisis" (one with the crisis lines)."""
    problems = []
    doc = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{page_html}")
    card = doc.css_first("div.kf-care")
    how = ("add a line <!-- kf:care-card --> (or <!-- kf:care-card-crisis --> for a page about mood) in its "
           "\"What this means for you\" section: it shows the help numbers of data/help-<language>.yml")
    if required and card is None:
        problems.append(Problem(path, locate("{#for-you}"), f"this page needs a care card (when to get help); {how}."))
    elif required == "crisis" and card is not None and card.css_first(".kf-care__part--crisis") is None:
        problems.append(Problem(path, locate("<!-- kf:care-card"), "this page is about mood: its care card must give "
                                                                    "the crisis lines. Use <!-- kf:care-card-crisis -->."))
    for level in LEVELS:
        for box in doc.css(f"div.admonition.{level}"):
            if not PLACEHOLDER.search(box.html or ""):
                problems.append(Problem(path, locate(f"!!! {level}"), (
                    f"the box « !!! {level} » cites no source. A warning sign is given a level only when a source "
                    "(a regulator's warning, an NHS or Ameli page) places it there: cite it ([@key]), or remove the sign.")))
    return problems
