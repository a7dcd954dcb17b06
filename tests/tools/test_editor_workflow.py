"""The editor workflow: scaffold, edit and report links, annotations, status report,
and the GitHub files (issue forms, Dependabot, labeler, pre-commit) checked offline."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from kf.cli.checks.content import check_content, github_annotation
from kf.cli.checks.sitecheck import check_site
from kf.cli.checks.status import markdown, status
from conftest import ROOT, copy_project, mkdocs_build, run_kf
from kf.core.review import fingerprint

GITHUB = ROOT / ".github"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def kf(*args):
    return run_kf(*args)


# --------------------------------------------------------------------------- scaffold


def new(project, slug, **kw):
    args = {"title-fr": "Kétamine et sommeil : ce qu’on sait", "title-en": "Ketamine and sleep: what we know",
            "description-fr": "Une phrase courte.", "description-en": "A short sentence."}
    args.update(kw)
    return kf("new", slug, "--root", project, *[x for k, v in args.items() for x in (f"--{k}", v)])


def test_scaffolded_article_builds_and_passes_every_check(tmp_path):
    project = copy_project(tmp_path / "project")
    days = {dt.date.today()}
    result = new(project, "ketamine-et-sommeil")
    days.add(dt.date.today())  # the run may cross midnight
    assert result.returncode == 0, result.stderr
    fr = project / "docs/fr/articles/ketamine-et-sommeil.md"
    en = project / "docs/en/articles/ketamine-et-sommeil.md"
    assert fr.is_file() and en.is_file()
    assert "      - articles/ketamine-et-sommeil.md\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    meta = yaml.safe_load(en.read_text(encoding="utf-8").split("---")[1])
    assert meta["translated_from"] == "fr/articles/ketamine-et-sommeil.md"
    assert meta["source_fingerprint"] == fingerprint(fr.read_text(encoding="utf-8"))
    assert meta["last_reviewed"] in days and meta["reviewer"] == "Editorial team"
    assert "Kétamine et sommeil\u00a0: ce qu’on sait" in fr.read_text(encoding="utf-8")
    built = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert built.returncode == 0, built.stderr
    assert check_site(tmp_path / "out") == []
    assert check_content(project) == []
    assert kf("parity", "--docs", project / "docs", "--strict").returncode == 0


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("fibromyalgie", "docs/fr/articles/fibromyalgie.md already exists"),
        ("Kétamine Sommeil", "is not a valid slug"),
        ("a--b", "is not a valid slug"),
    ],
)
def test_scaffold_refuses_bad_or_existing_slugs(tmp_path, slug, message):
    project = copy_project(tmp_path / "project")
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = new(project, slug)
    assert result.returncode == 1 and message in result.stderr
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before


def test_scaffold_refuses_a_long_description(tmp_path):
    project = copy_project(tmp_path / "project")
    result = new(project, "x-y", **{"description-en": "x" * 161})
    assert result.returncode == 1 and "1 to 160 characters" in result.stderr


# --------------------------------------------------------------------------- edit and report links


def links(doc):
    return {a.attributes["class"]: a.attributes["href"] for a in doc.css(".kf-edit a")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_edit_link_opens_the_page_file_in_its_language_folder(site, lang):
    prefix = "" if lang == "fr" else "en/"
    for page, source in [("articles/fibromyalgie/", "articles/fibromyalgie.md"), ("", "index.md"), ("glossaire/", "glossaire/index.md")]:
        edit = links(site.html(prefix + page))["kf-edit__edit"]
        assert edit.endswith(f"/edit/main/docs/{lang}/{source}"), edit
        assert edit.startswith("https://github.com/")


def test_report_link_prefills_the_form(site):
    doc = site.html("en/articles/fibromyalgie/")
    report = links(doc)["kf-edit__report"]
    parts = urlsplit(report)
    assert parts.path.endswith("/issues/new")
    query = parse_qs(parts.query)
    assert query["template"] == ["report-error.yml"]
    assert query["page"] == [site.url + "en/articles/fibromyalgie/"]
    assert query["language"] == ["English"]
    assert query["title"] == ["[en] Fibromyalgia: symptoms, diagnosis and how common it is"]
    assert "%3A%2F%2F" in parts.query and " " not in report  # encoded
    # the prefilled fields exist in the form
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/report-error.yml").read_text(encoding="utf-8"))
    ids = {field.get("id") for field in form["body"]}
    assert {"page", "language"} <= ids
    fr = parse_qs(urlsplit(links(site.html("articles/fibromyalgie/"))["kf-edit__report"]).query)
    assert fr["language"] == ["Français"] and fr["title"][0].startswith("[fr] Fibromyalgie")


def test_report_link_needs_no_github_account_where_a_contact_is_given(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert '  contact: !ENV [CONTACT, ""]\n' in text
    config.write_text(text.replace('  contact: !ENV [CONTACT, ""]\n', "  contact: corrections@example.org\n"), encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/").returncode == 0
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser((tmp_path / "out/en/articles/fibromyalgie/index.html").read_text(encoding="utf-8"))
    report = urlsplit(links(doc)["kf-edit__report"])
    assert (report.scheme, report.path) == ("mailto", "corrections@example.org")
    query = parse_qs(report.query)
    assert query["subject"] == ["[en] Fibromyalgia: symptoms, diagnosis and how common it is"]
    assert query["body"][0].startswith("http://127.0.0.1:9/sub/en/articles/fibromyalgie/")


def test_the_edit_link_is_in_the_footer_not_beside_the_text(site):
    doc = site.html("articles/fibromyalgie/")
    assert doc.css_first("article .kf-edit__edit") is None and doc.css_first("article .kf-edit__report") is not None
    footer_edit = doc.css_first(".kf-edit--footer a.kf-edit__edit")
    assert footer_edit is not None and footer_edit.text() == "Modifier cette page sur GitHub"


def test_fallback_page_edit_link_opens_the_original(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/fr/articles/provisoire.md").write_text(
        "---\ntitle: Provisoire\ndescription: Une page.\nlast_reviewed: 2026-11-01\nnext_review: 2027-11-01\n"
        "reviewer: Équipe éditoriale\ntranslation_pending: true\n---\n\n# Provisoire\n\nTexte.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - articles/index.md\n", "      - articles/index.md\n      - articles/provisoire.md\n"), encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/").returncode == 0
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser((tmp_path / "out/en/articles/provisoire/index.html").read_text(encoding="utf-8"))
    assert links(doc)["kf-edit__edit"].endswith("/edit/main/docs/fr/articles/provisoire.md")


# --------------------------------------------------------------------------- annotations


def test_annotation_format_escapes_properties_and_data():
    assert github_annotation("docs/fr/a,b.md", 3, "50% wrong\nfix: it") == "::error file=docs/fr/a%2Cb.md,line=3::50%25 wrong%0Afix: it"
    assert github_annotation("x.md", 1, "m", "warning").startswith("::warning file=x.md,line=1::")


def test_content_errors_become_annotations_on_their_lines(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/fr/articles/fibromyalgie.md"
    page.write_text(page.read_text(encoding="utf-8").replace("[@heidari2017]", "[@heidari2071]", 1), encoding="utf-8")
    result = kf("content", "--root", project, "--github")
    assert result.returncode == 1
    line = next(i for i, l in enumerate(page.read_text(encoding="utf-8").split("\n"), start=1) if "@heidari2071" in l)
    assert f"::error file=docs/fr/articles/fibromyalgie.md,line={line}::unknown reference '@heidari2071'. Did you mean @heidari2017?" in result.stdout
    parity = kf("parity", "--docs", project / "docs", "--github")
    assert "::error file=docs/en/articles/fibromyalgie.md" in parity.stdout  # the citations now differ


def test_content_check_finds_what_stops_a_strict_build_first(tmp_path):
    """`kf content` (and so `make annotate` on a pull request) finds the problems that a
    strict build reports before converting any page, among them a page left out of the
    navigation and a broken lay-words file, with the same messages."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      - articles/fibromyalgie.md\n" in text
    config.write_text(text.replace("      - articles/fibromyalgie.md\n", ""), encoding="utf-8")
    (project / "data/search-synonyms.yml").write_text("fr:\n  - [légal, loi]\n  - [loi]\n", encoding="utf-8")
    expected = ["docs/fr/articles/fibromyalgie.md:1: this page is not included in the \"nav\" configuration",
                "data/search-synonyms.yml:3: a group needs at least two different words or phrases"]
    result = kf("content", "--root", project)
    assert result.returncode == 1
    built = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert built.returncode == 1 and "nothing was built" in built.stderr
    for message in expected:
        assert message in result.stdout, result.stdout
        assert message in built.stderr, built.stderr


#: Files of data/ that the site does not read, with what reads them.
NOT_READ_BY_THE_SITE = {"search-queries.yml": "the search benchmark (make bench)"}


def test_each_data_file_is_checked_by_the_build_and_kf_content_alike(tmp_path):
    """Each data file the site reads, made invalid YAML: the strict build stops at its
    first step, and `kf content` reports the same problems, and nothing that follows
    from them (a broken bibliography does not make every citation "unknown"). A data
    file added later is covered too: if neither reads it, list it above."""
    project = copy_project(tmp_path / "project")
    names = sorted(p.name for p in (project / "data").iterdir() if p.name not in NOT_READ_BY_THE_SITE)
    assert {"glossary.yml", "references.yml", "charts.yml", "search-synonyms.yml"} <= set(names)
    for name in names:
        (project / "data" / name).write_text("fr: [unclosed\n", encoding="utf-8")
    result = kf("content", "--root", project)
    built = mkdocs_build(project, tmp_path / "out", "http://127.0.0.1:9/sub/")
    assert result.returncode == 1 and built.returncode == 1 and "nothing was built" in built.stderr
    for name in names:
        message = f"data/{name}:2: this is not valid YAML"
        assert message in result.stdout, result.stdout[-3000:]
        assert message in built.stderr, built.stderr[-3000:]
    assert result.stderr.startswith(f"{len(names)} problem(s) in "), result.stdout[-3000:]
    assert f"{len(names)} problem(s) in the pages or the data files" in built.stderr


def test_real_content_has_no_problem():
    assert check_content(ROOT) == []


# --------------------------------------------------------------------------- status report


def test_status_lists_missing_stale_overdue_and_due_soon(tmp_path):
    docs = tmp_path / "docs"
    for folder in ("fr/articles", "en/articles"):
        (docs / folder).mkdir(parents=True)
    fr_a = "---\ntitle: A\nnext_review: 2026-01-01\n---\n\n# A\n"
    (docs / "fr/articles/a.md").write_text(fr_a, encoding="utf-8")
    (docs / "en/articles/a.md").write_text(
        f"---\ntitle: A\nnext_review: 2027-01-10\ntranslated_from: fr/articles/a.md\nsource_fingerprint: {fingerprint(fr_a)}\n---\n\n# A\n", encoding="utf-8")
    (docs / "fr/articles/b.md").write_text("---\ntitle: B\nnext_review: 2030-01-01\n---\n\n# B changed\n", encoding="utf-8")
    (docs / "en/articles/b.md").write_text("---\ntitle: B\nnext_review: 2030-01-01\ntranslated_from: fr/articles/b.md\nsource_fingerprint: 000000000000\n---\n\n# B\n", encoding="utf-8")
    (docs / "fr/articles/c.md").write_text("---\ntitle: C\ntranslation_pending: true\n---\n\n# C\n", encoding="utf-8")
    items = status(docs, today=dt.date(2026, 11, 21), days=60)
    found = {(i.kind, i.path) for i in items}
    assert found == {
        ("missing", "docs/en/articles/c.md"),
        ("stale", "docs/en/articles/b.md"),
        ("overdue", "docs/fr/articles/a.md"),
        ("due-soon", "docs/en/articles/a.md"),
    }
    text = markdown(items)
    assert "## Missing translations (1)" in text and "shown meanwhile in its original language" in text
    assert "## Reviews overdue (1)" in text and "review was due on 2026-01-01" in text


def test_status_lists_help_numbers_not_checked_for_a_year(tmp_path):
    (tmp_path / "docs/fr").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    text = (ROOT / "data/help-fr.yml").read_text(encoding="utf-8")
    (tmp_path / "data/help-fr.yml").write_text(text, encoding="utf-8")
    verified = dt.date.fromisoformat(re.search(r"verified: (\S+)", text).group(1))
    assert [i for i in status(tmp_path / "docs", today=verified + dt.timedelta(days=365), languages=("fr",))
            if i.kind == "number"] == []
    items = [i for i in status(tmp_path / "docs", today=verified + dt.timedelta(days=366), languages=("fr",))
             if i.kind == "number"]
    first = text.splitlines().index("  - id: samu") + 1
    assert items and items[0].path == f"data/help-fr.yml:{first}"
    assert "15 (samu) was last read on its source" in items[0].detail
    assert "## Help numbers to check again on their source" in markdown(items)


def test_status_command_on_the_real_pages():
    result = kf("status")
    assert result.returncode == 0 and result.stdout.startswith("# Translation and review status")


# --------------------------------------------------------------------------- GitHub files


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-issue-forms", ["ISSUE_TEMPLATE/report-error.yml", "ISSUE_TEMPLATE/propose-topic.yml", "ISSUE_TEMPLATE/request-translation.yml"]),
        ("vendor.github-issue-config", ["ISSUE_TEMPLATE/config.yml"]),
        ("vendor.dependabot", ["dependabot.yml"]),
    ],
)
def test_github_files_are_valid_against_their_schemas(schema, files):
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *[str(GITHUB / f) for f in files]],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_issue_form(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\nbody:\n  - type: checkbox\n", encoding="utf-8")
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-issue-forms", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1


LABELER_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"changed-files": {"type": "array", "items": {"type": "object", "properties": {
                "any-glob-to-any-file": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}},
                "additionalProperties": False}}},
            "additionalProperties": False,
        },
    },
}


def test_labeler_dependabot_codeowners_and_blank_issues():
    import jsonschema

    labeler = yaml.safe_load((GITHUB / "labeler.yml").read_text(encoding="utf-8"))
    jsonschema.validate(labeler, LABELER_SCHEMA)
    assert set(labeler) == {"lang:fr", "lang:en", "references", "glossary", "infra"}
    dependabot = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"pip", "github-actions"}
    assert all(u.get("groups") for u in dependabot["updates"])
    owners = [line.split()[0] for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert {"*", "/docs/fr/", "/docs/en/", "/data/references.yml", "/data/glossary.yml"} <= set(owners)
    assert yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8")) == {"blank_issues_enabled": False}


def test_pre_commit_uses_local_hooks_only_running_our_checks():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    entries = " ".join(h["entry"] for h in config["repos"][0]["hooks"])
    for command in (".venv/bin/kf content", ".venv/bin/kf parity", ".venv/bin/kf safety"):
        assert command in entries


def test_pull_request_template_and_contributing_guides():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 4 and "Both languages" in template and "Les deux langues" in template
    fr = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    en = (ROOT / "CONTRIBUTING.en.md").read_text(encoding="utf-8")
    assert "CONTRIBUTING.en.md" in fr and "CONTRIBUTING.md" in en
    for guide in (fr, en):
        for needle in ("make new", "[@noppers2011]", "data/references.yml", "data/glossary.yml", "make restamp", "make serve", "site-preview"):
            assert needle in guide, needle
