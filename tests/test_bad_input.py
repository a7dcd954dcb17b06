"""A battery of malformed pull requests, as editors could send them: each is applied to
its own copy of the project, then driven through the real strict build or a `kf`
command. Each must stop with a non-zero exit, name the file (and the line where there
is one), say what is wrong, and never show a Python traceback.

The cases marked `shared` are one bad line added to a page (raw HTML, a link, a marker,
a citation, an id), which the build reports on that line as a warning; `mkdocs build
--strict` counts every warning logged under its "mkdocs" logger (ours is
"mkdocs.plugins.kf-site") and fails when there is any. They are applied together to one
copy, built once, as a compiler's diagnostics are tested: each must have its own
warning, once, on its own file and line, saying what is wrong. Every other case (a file
added, deleted or unreadable, a data file, a `kf` command) has its own copy, and is its
own test, so pytest-xdist spreads them over the workers. Each build is forked from the
worker's build server, which has imported MkDocs once (see
kf.devtools.local_site.BuildServer).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from conftest import copy_project, mkdocs_build, run_kf

URL = "http://127.0.0.1:9/sub/"

# A page and an article whose text the cases change (both languages exist).
PAGE = "docs/fr/a-propos/confidentialite.md"
PAGE_EN = "docs/en/a-propos/confidentialite.md"
ARTICLE = "docs/fr/articles/sensibilisation-centrale.md"
ARTICLE_EN = "docs/en/articles/sensibilisation-centrale.md"


# --------------------------------------------------------------------------- editing a copy


def read(project: Path, rel: str) -> str:
    return (project / rel).read_text(encoding="utf-8")


def write(project: Path, rel: str, text: str) -> None:
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text(text, encoding="utf-8")


def append(project: Path, rel: str, text: str) -> int:
    """Add lines at the end of a file; the line number of the first one."""
    old = read(project, rel)
    if not old.endswith("\n"):
        old += "\n"
    write(project, rel, old + "\n" + text)
    return old.count("\n") + 2


def replace_line(project: Path, rel: str, pattern: str, new: str) -> int:
    """Replace the first line matching pattern; its line number."""
    lines = read(project, rel).split("\n")
    number = next(i for i, line in enumerate(lines) if re.match(pattern, line))
    lines[number] = new
    write(project, rel, "\n".join(lines))
    return number + 1


def save_as_windows_1252(project: Path, rel: str, text: str) -> int:
    """Write text as an editor on Windows might (characters cp1252 lacks become "?");
    the line where UTF-8 decoding must fail: the first with a non-ASCII character."""
    (project / rel).write_bytes(text.encode("cp1252", errors="replace"))
    return next(i for i, line in enumerate(text.split("\n"), 1) if any(ord(ch) > 127 for ch in line))


def line_of(project: Path, rel: str, pattern: str) -> int:
    return next(i for i, line in enumerate(read(project, rel).split("\n"), 1) if re.search(pattern, line))


def add_to_nav(project: Path, entry: str) -> None:
    config = read(project, "mkdocs.yml")
    anchor = "      - articles/index.md\n"
    write(project, "mkdocs.yml", config.replace(anchor, anchor + f"      - {entry}\n"))


# --------------------------------------------------------------------------- the cases


@dataclass
class Case:
    id: str
    #: changes the copy; returns where the problem must be reported ("path:line" or "path")
    setup: Callable[[Path], str]
    #: what the message must say (one phrase, or several)
    says: str | tuple
    #: "build" or the arguments of kf.py ({project} is replaced by the copy's folder)
    command: tuple = ("build",)
    #: one line added to a page and reported on that line: built with the other such
    #: cases, in one copy (the module's docstring)
    shared: bool = False
    result: dict = field(default_factory=dict)


def c(id, says, command=("build",), shared=False):
    def wrap(setup):
        CASES.append(Case(id, setup, says, tuple(command), shared))
        return setup
    return wrap


CASES: list[Case] = []

# Encodings and invisible characters -------------------------------------------------------


@c("latin1-page", "this file is not saved as UTF-8")
def _(p):
    return f"{ARTICLE}:{save_as_windows_1252(p, ARTICLE, read(p, ARTICLE))}"


@c("utf16-page", "this file is not saved as UTF-8")
def _(p):
    (p / PAGE_EN).write_bytes(read(p, PAGE_EN).encode("utf-16"))
    return f"{PAGE_EN}:1"


@c("nul-byte", "U+0000 NULL")
def _(p):
    line = append(p, PAGE_EN, 'A sentence with a\x00 NUL byte.\n')
    return f"{PAGE_EN}:{line}"


@c("control-char-in-title", "U+000B")
def _(p):
    line = replace_line(p, ARTICLE, r'^title:', 'title: \"Sensibilisation\x0b centrale\"')
    return f"{ARTICLE}:{line}"


@c("latin1-glossary", "this file is not saved as UTF-8")
def _(p):
    return f"data/glossary.yml:{save_as_windows_1252(p, 'data/glossary.yml', read(p, 'data/glossary.yml'))}"


@c("control-char-references", "FORM FEED")
def _(p):
    line = replace_line(p, 'data/references.yml', r'^  container-title: Eur J Pain', '  container-title: Eur J\x0cPain')
    return f"data/references.yml:{line}"


@c("latin1-kf-content", "this file is not saved as UTF-8", ("content", "--root", "{project}"))
def _(p):
    return f"{ARTICLE}:{save_as_windows_1252(p, ARTICLE, read(p, ARTICLE))}"


@c("nul-kf-parity", "U+0000 NULL", ("parity", "--docs", "{project}/docs"))
def _(p):
    line = append(p, ARTICLE_EN, 'x\x00y\n')
    return f"{ARTICLE_EN}:{line}"


@c("latin1-kf-safety", "this file is not saved as UTF-8", ("safety", "--docs", "{project}/docs"))
def _(p):
    return f"{PAGE}:{save_as_windows_1252(p, PAGE, read(p, PAGE))}"


@c("latin1-kf-restamp", "this file is not saved as UTF-8",
   ("restamp", "{project}/" + ARTICLE_EN, "--docs", "{project}/docs"))
def _(p):
    return f"{ARTICLE}:{save_as_windows_1252(p, ARTICLE, read(p, ARTICLE))}"


@c("latin1-kf-status", "this file is not saved as UTF-8", ("status", "--docs", "{project}/docs"))
def _(p):
    return f"{ARTICLE}:{save_as_windows_1252(p, ARTICLE, read(p, ARTICLE))}"


# Front matter --------------------------------------------------------------------------


@c("front-matter-colon", ("the front matter is not valid YAML", "Put quotes around a value"))
def _(p):
    line = replace_line(p, ARTICLE, r'^description:', 'description: Le cerveau : amplificateur')
    return f"{ARTICLE}:{line}"


@c("front-matter-duplicate-key", "is written twice")
def _(p):
    text = read(p, ARTICLE)
    write(p, ARTICLE, text.replace("\nreviewer:", "\ntitle: Encore\nreviewer:", 1))
    line = line_of(p, ARTICLE, r'^title: Encore')
    return f"{ARTICLE}:{line}"


@c("front-matter-tab", "the front matter is not valid YAML")
def _(p):
    line = replace_line(p, ARTICLE, r'^reviewer:', 'reviewer:\tÉquipe\n\t- x')
    return f"{ARTICLE}:{line}"


@c("front-matter-not-closed", "front matter")
def _(p):
    text = read(p, ARTICLE)
    head, sep, body = text.partition("\n---\n")
    write(p, ARTICLE, head + "\n" + body)
    return f"{ARTICLE}:1"


@c("review-date-missing", "'last_reviewed:' is missing")
def _(p):
    text = read(p, ARTICLE)
    write(p, ARTICLE, re.sub(r"\nlast_reviewed:[^\n]*", "", text, count=1))
    return ARTICLE


@c("review-date-malformed", "must be a date written YYYY-MM-DD")
def _(p):
    line = replace_line(p, ARTICLE, r'^next_review:', 'next_review: 21/11/2028')
    return f"{ARTICLE}:{line}"


@c("review-date-in-the-future", "is in the future")
def _(p):
    line = replace_line(p, ARTICLE, r'^last_reviewed:', 'last_reviewed: 2999-01-01')
    return f"{ARTICLE}:{line}"


@c("translated-from-missing-page", "translated_from")
def _(p):
    line = replace_line(p, ARTICLE_EN, r'^translated_from:', 'translated_from: fr/articles/nulle-part.md')
    return f"{ARTICLE_EN}:{line}"


# Citations, markers, ids, harms --------------------------------------------------------------


@c("unknown-citation", "unknown reference '@nopers2011'", shared=True)
def _(p):
    line = append(p, PAGE, 'Une étude [@nopers2011].\n')
    return f"{PAGE}:{line}"


@c("unknown-marker", "kf:glosary", shared=True)
def _(p):
    line = append(p, PAGE, '<!-- kf:glosary -->\n')
    return f"{PAGE}:{line}"


@c("marker-on-the-wrong-page", "kf:bibliography", shared=True)
def _(p):
    line = append(p, PAGE, '<!-- kf:bibliography -->\n')
    return f"{PAGE}:{line}"


@c("unknown-chart", "chart-noppers2012", shared=True)
def _(p):
    line = append(p, PAGE, '<!-- kf:chart-noppers2012 -->\n')
    return f"{PAGE}:{line}"


@c("duplicate-heading-id", 'the id "cookies-x" is used twice', shared=True)
def _(p):
    first = append(p, PAGE, "## Témoins {#cookies-x}\n\nTexte.\n\n## Encore {#cookies-x}\n\nTexte.\n")
    return f"{PAGE}:{first + 4}"


@c("duplicate-raw-html-id", 'the id "boite" is used twice', shared=True)
def _(p):
    first = append(p, PAGE, '<div id="boite">Un.</div>\n\n<p id="boite">Deux.</p>\n')
    return f"{PAGE}:{first + 2}"


@c("benefit-without-harms", "has no section on its harms")
def _(p):
    refs = read(p, "data/references.yml")
    entry = refs[refs.index("- id: graven-nielsen2000\n"):]
    if "  treatment: ketamine\n" not in entry[:entry.index("\n- id:")]:  # a work reporting ketamine's effect
        write(p, "data/references.yml", refs.replace("  PMID: 10781923\n", "  PMID: 10781923\n  treatment: ketamine\n", 1))
    line = append(p, PAGE, 'La kétamine a soulagé 17 personnes sur 29 [@graven-nielsen2000].\n')
    return f"{PAGE}:{line}"


TREATMENT_ARTICLE = "docs/fr/articles/ketamine-et-fibromyalgie.md"


def answer_block(text: str) -> str:
    """The short answer of an article: its « !!! answer » line, blank line, text line, blank line."""
    return re.search(r'^!!! answer .*\n\n    .*\n\n', text, re.M).group(0)


@c("article-without-short-answer", "has no short answer under its title")
def _(p):
    text = read(p, TREATMENT_ARTICLE)
    write(p, TREATMENT_ARTICLE, text.replace(answer_block(text), "", 1))
    return f"{TREATMENT_ARTICLE}:{line_of(p, TREATMENT_ARTICLE, r'^# ')}"


@c("short-answer-after-the-key-points", "the short answer must come first")
def _(p):
    text = read(p, TREATMENT_ARTICLE)
    block = answer_block(text)
    text = text.replace(block, "", 1)
    at = text.index("\n## ") + 1
    write(p, TREATMENT_ARTICLE, text[:at] + block + text[at:])
    return f"{TREATMENT_ARTICLE}:{line_of(p, TREATMENT_ARTICLE, r'^!!! answer')}"


@c("short-answer-without-a-source", "the short answer cites no source")
def _(p):
    text = read(p, TREATMENT_ARTICLE)
    block = answer_block(text)
    write(p, TREATMENT_ARTICLE, text.replace(block, re.sub(r" ?\[@[^]]*\]", "", block), 1))
    return f"{TREATMENT_ARTICLE}:{line_of(p, TREATMENT_ARTICLE, r'^!!! answer')}"


@c("short-answer-too-long", "keep it to two or three sentences")
def _(p):
    text = read(p, TREATMENT_ARTICLE)
    block = answer_block(text)
    longer = block.rstrip("\n") + " Une phrase de plus. Et une autre. Et encore une.\n\n"
    write(p, TREATMENT_ARTICLE, text.replace(block, longer, 1))
    return f"{TREATMENT_ARTICLE}:{line_of(p, TREATMENT_ARTICLE, r'^!!! answer')}"


@c("treatment-article-without-care-card", "this page needs a care card")
def _(p):
    write(p, TREATMENT_ARTICLE, read(p, TREATMENT_ARTICLE).replace("\n<!-- kf:care-card -->\n", "\n", 1))
    return f"{TREATMENT_ARTICLE}:{line_of(p, TREATMENT_ARTICLE, r'{#for-you}')}"


@c("mood-page-with-a-card-without-crisis-lines", "must give the crisis lines")
def _(p):
    rel = "docs/fr/articles/ketamine-et-depression.md"
    write(p, rel, read(p, rel).replace("<!-- kf:care-card-crisis -->", "<!-- kf:care-card -->", 1))
    return f"{rel}:{line_of(p, rel, r'<!-- kf:care-card')}"


@c("warning-sign-without-a-source", "cites no source. A warning sign is given a level only when a source")
def _(p):
    line = append(p, ARTICLE, '!!! care-emergency "Appelez les secours si :"\n\n    - vous avez très mal.\n')
    return f"{ARTICLE}:{line}"


@c("help-number-without-its-source", "'source' is missing: write the address of the official page")
def _(p):
    rel = "data/help-fr.yml"
    text = read(p, rel)
    write(p, rel, text.replace("    source: https://associations.gouv.fr/1044-choix-siege-social-association.html?xml=F33954\n", "", 1))
    return f"{rel}:{line_of(p, rel, r'- id: samu')}"


@c("evidence-page-section-removed", "the evidence page has no section for the study type")
def _(p):
    rel = "docs/fr/references/niveaux-de-preuve.md"
    text = read(p, rel)
    heading = re.search(r"^(#+ .*)\{#case-report\}$", text, re.M)
    write(p, rel, text.replace(heading.group(0), heading.group(1) + "{#un-cas}"))
    return rel


# Data files -----------------------------------------------------------------------------------


@c("glossary-duplicate-id", "data/glossary.yml:")
def _(p):
    text = read(p, "data/glossary.yml")
    entry = text[text.index("- id: ketamine\n"):text.index("- id: esketamine\n")]
    write(p, "data/glossary.yml", text + "\n" + entry)
    return "data/glossary.yml"


@c("glossary-unknown-see-also", "see_also")
def _(p):
    text = read(p, "data/glossary.yml")
    write(p, "data/glossary.yml", text.replace("see_also: [esketamine, nmda-receptor", "see_also: [eskétamine, nmda-receptor", 1))
    line = line_of(p, 'data/glossary.yml', 'eskétamine, nmda')
    return f"data/glossary.yml:{line}"


@c("glossary-definition-too-long", "300")
def _(p):
    line = replace_line(p, 'data/glossary.yml', r'^    definition: Médicament utilisé', '    definition: ' + 'Très long. ' * 40)
    return f"data/glossary.yml:{line}"


@c("glossary-file-deleted", "data file is missing")
def _(p):
    (p / "data/glossary.yml").unlink()
    return "data/glossary.yml"


@c("references-duplicate-id", "data/references.yml:")
def _(p):
    text = read(p, "data/references.yml")
    start = text.index("- id: noppers2011\n")
    write(p, "data/references.yml", text + "\n" + text[start:text.index("\n- id:", start + 1) + 1])
    return "data/references.yml"


@c("references-bad-doi", "DOI")
def _(p):
    line = replace_line(p, 'data/references.yml', r'^  DOI: 10.1016/S0304-3959', '  DOI: doi.org/10.1016/x')
    return f"data/references.yml:{line}"


@c("references-unknown-study-type", "unknown study_type")
def _(p):
    line = replace_line(p, 'data/references.yml', r'^  study_type: rct$', '  study_type: randomised')
    return f"data/references.yml:{line}"


@c("references-bad-indentation", "not valid YAML")
def _(p):
    line = replace_line(p, 'data/references.yml', r'^  container-title: Eur J Pain', ' container-title: Eur J Pain')
    return f"data/references.yml:{line}"


@c("references-empty-file", "data/references.yml")
def _(p):
    write(p, "data/references.yml", "")
    return "data/references.yml"


@c("charts-not-a-number", "data/charts.yml:")
def _(p):
    text = read(p, "data/charts.yml")
    write(p, "data/charts.yml", text.replace("max: 12", "max: douze", 1))
    line = line_of(p, 'data/charts.yml', 'max: douze')
    return f"data/charts.yml:{line}"


# Raw HTML ---------------------------------------------------------------------------------------


@c("script", "<script> is not allowed", shared=True)
def _(p):
    line = append(p, PAGE, '<script>alert(1)</script>\n')
    return f"{PAGE}:{line}"


@c("remote-stylesheet", "<link> is not allowed", shared=True)
def _(p):
    line = append(p, PAGE, '<link rel=\"stylesheet\" href=\"https://fonts.example.com/css\">\n')
    return f"{PAGE}:{line}"


@c("data-url-link", "a data: address is not allowed", shared=True)
def _(p):
    line = append(p, PAGE, '<a href=\"data:text/html,bonjour\">lien</a>\n')
    return f"{PAGE}:{line}"


@c("tracking-pixel", ("loaded from another host", "https://tracker.example/p.gif"), shared=True)
def _(p):
    line = append(p, PAGE_EN, '![](https://tracker.example/p.gif)\n')
    return f"{PAGE_EN}:{line}"


@c("style-url", "url() in style= is not allowed", shared=True)
def _(p):
    line = append(p, PAGE, '<span style=\"background:url(https://t.example/x)\">x</span>\n')
    return f"{PAGE}:{line}"


@c("iframe", "<iframe> is not allowed", shared=True)
def _(p):
    line = append(p, PAGE, '<iframe src=\"https://video.example/v\"></iframe>\n')
    return f"{PAGE}:{line}"


@c("event-handler", "the event handler onmouseover= is not allowed", shared=True)
def _(p):
    line = append(p, PAGE_EN, '<p onmouseover=\"steal()\">Hover</p>\n')
    return f"{PAGE_EN}:{line}"


# Links ------------------------------------------------------------------------------------------


@c("broken-link", "the link 'nulle-part.md' goes to docs/fr/a-propos/nulle-part.md, which does not exist", shared=True)
def _(p):
    line = append(p, PAGE, 'Voir [ici](nulle-part.md).\n')
    return f"{PAGE}:{line}"


@c("broken-anchor", ("#pas-de-titre of docs/fr/a-propos/index.md, which has no such section", "Use the id of one of its"), shared=True)
def _(p):
    return f"{PAGE}:{append(p, PAGE, 'Voir [ici](index.md#pas-de-titre).' + chr(10))}"


@c("cross-language-link", ("the link '../../en/a-propos/index.md' points into the English pages",
                            "language link at the top of every page"), shared=True)
def _(p):
    line = append(p, PAGE, 'Voir [en anglais](../../en/a-propos/index.md).\n')
    return f"{PAGE}:{line}"


@c("absolute-link", ("the link '/a-propos/' is an absolute address", "Write it relative to this page"), shared=True)
def _(p):
    return f"{PAGE}:{append(p, PAGE, 'Voir [ici](/a-propos/).' + chr(10))}"


@c("missing-image", "goes to docs/assets/figures/absente.png, which does not exist", shared=True)
def _(p):
    return f"{PAGE}:{append(p, PAGE, '![Un schéma](../../assets/figures/absente.png)' + chr(10))}"


@c("reference-link-used-twice", "the link 'ailleurs.md' goes to docs/fr/a-propos/ailleurs.md, which does not exist",
   shared=True)
def _(p):
    line = append(p, PAGE, "Voir [ici][ailleurs], puis [encore][ailleurs].\n\n[ailleurs]: ailleurs.md\n")
    return f"{PAGE}:{line + 2}"


@c("link-not-to-a-markdown-file", "points to a folder, not to a Markdown file. Write '../a-propos/index.md' instead", shared=True)
def _(p):
    line = append(p, "docs/fr/articles/index.md", "Voir [ici](../a-propos/).\n")
    return f"docs/fr/articles/index.md:{line}"


# Files and folders an editor adds or removes ---------------------------------------------------------


@c("page-only-in-english", ("this page has no French version", "docs/fr/articles/alone.md"))
def _(p):
    write(p, "docs/en/articles/alone.md", "# Alone\n")
    add_to_nav(p, "articles/alone.md")
    return "docs/en/articles/alone.md:1"



@c("page-without-translation", ("this page has no English version", "docs/en/articles/seule.md is missing",
                                 "translation_pending: true"))
def _(p):
    write(p, "docs/fr/articles/seule.md", "# Seule\n")
    add_to_nav(p, "articles/seule.md")
    return "docs/fr/articles/seule.md:1"


@c("translation-deleted", ("this page has no English version", ARTICLE_EN + " is missing"))
def _(p):
    (p / ARTICLE_EN).unlink()
    return f"{ARTICLE}:1"


@c("page-not-in-nav", ("not included in the \"nav\" configuration", "WARNING", "- articles/orpheline.md",
                        "docs/en/articles/orpheline.md:1: the article has no front matter"))
def _(p):
    # a new article as an editor could add it: not in the menu, and without its review
    # record; both are reported by the same build
    for lang in ("fr", "en"):
        write(p, f"docs/{lang}/articles/orpheline.md", "# Orpheline\n")
    return "docs/fr/articles/orpheline.md:1"


@c("nav-entry-for-deleted-page", "articles/sensibilisation-centrale.md")
def _(p):
    (p / ARTICLE).unlink()
    (p / ARTICLE_EN).unlink()
    return "articles/sensibilisation-centrale.md"


@c("two-letter-folder", "taken for a language")
def _(p):
    write(p, "docs/js/extra.js", "console.log(1)\n")
    return "docs/js/:1"


@c("page-outside-language-folders", "outside the language folders")
def _(p):
    write(p, "docs/notes.md", "# Notes\n")
    return "docs/notes.md:1"


@c("file-name-with-spaces-and-accents", "lowercase letters without accents")
def _(p):
    for lang in ("fr", "en"):
        write(p, f"docs/{lang}/articles/Kétamine et sommeil.md", "# K\n")
    return "docs/fr/articles/Kétamine et sommeil.md:1"


@c("parity-heading-id-renamed", "", ("parity", "--docs", "{project}/docs"))
def _(p):
    text = read(p, ARTICLE_EN)
    ident = re.search(r"\{#([a-z0-9-]+)\}", text).group(1)
    write(p, ARTICLE_EN, text.replace("{#" + ident + "}", "{#" + ident + "-en}", 1))
    return ARTICLE_EN


# --------------------------------------------------------------------------- running them


def run_case(case: Case, base: Path, work: Path) -> dict:
    project = work / case.id
    shutil.copytree(base, project)
    where = case.setup(project)
    if case.command == ("build",):
        result = mkdocs_build(project, work / (case.id + "-site"), URL)
    else:
        result = run_kf(*[a.replace("{project}", str(project)) for a in case.command], cwd=project)
    return {"where": where, "code": result.returncode, "out": result.stdout + result.stderr}


@pytest.fixture(scope="session")
def base(tmp_path_factory) -> Path:
    """A copy of the project that each case copies again, then breaks."""
    return copy_project(tmp_path_factory.mktemp("bad-input-base") / "_base")


def test_the_battery_is_large_enough():
    assert len(CASES) >= 40 and len({case.id for case in CASES}) == len(CASES)
    assert 0 < len([case for case in CASES if case.shared]) < len(CASES)


@pytest.mark.parametrize("case", [case for case in CASES if not case.shared], ids=lambda case: case.id)
def test_bad_input_stops_with_the_file_line_and_reason(base, case, tmp_path):
    result = run_case(case, base, tmp_path)
    out = result["out"]
    assert result["code"] != 0, f"{case.id}: exit 0\n{out[-3000:]}"
    assert "Traceback" not in out, out
    assert result["where"] in out, f"{case.id}: expected {result['where']!r} in:\n{out[-3000:]}"
    for phrase in (case.says,) if isinstance(case.says, str) else case.says:
        assert phrase in out, f"{case.id}: expected {phrase!r} in:\n{out[-3000:]}"


SHARED = [case for case in CASES if case.shared]


@pytest.fixture(scope="module")
def bad_lines(base, tmp_path_factory) -> dict:
    """Every shared case applied to one copy, in turn, then one strict build: {"code",
    "out", "where": {case id: "path:line"}}. (tests/conftest.py sends the tests that use
    it to one worker, which builds once.)"""
    work = tmp_path_factory.mktemp("bad-lines")
    project = work / "project"
    shutil.copytree(base, project)
    where = {case.id: case.setup(project) for case in SHARED}
    result = mkdocs_build(project, work / "site", URL)
    return {"code": result.returncode, "out": result.stdout + result.stderr, "where": where}


@pytest.mark.parametrize("case", SHARED, ids=lambda case: case.id)
def test_a_bad_line_in_a_page_stops_the_build_with_its_line_and_reason(bad_lines, case):
    out = bad_lines["out"]
    assert bad_lines["code"] != 0, f"exit 0\n{out[-3000:]}"
    assert "Traceback" not in out, out
    where = bad_lines["where"][case.id]
    assert len(set(bad_lines["where"].values())) == len(SHARED), "two cases on one line"
    # its own warning, on its own line of the log, naming its file and line
    lines = [line for line in out.splitlines() if line.startswith("WARNING") and f" {where}: " in line]
    assert lines, f"{case.id}: no warning on {where} in:\n{out[-4000:]}"
    phrases = (case.says,) if isinstance(case.says, str) else case.says
    found = [line for line in lines if all(phrase in line for phrase in phrases)]
    assert len(found) == 1, f"{case.id}: expected {phrases!r} once on {where}, in:\n" + "\n".join(lines)
