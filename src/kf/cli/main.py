"""The project's command-line checks, one command per chore.

    .venv/bin/kf site site/            offline check of a built site
    .venv/bin/kf parity                translations: same structure, up to date
    .venv/bin/kf restamp docs/en/x.md  record that a translation matches its source
    .venv/bin/kf translation-diff docs/en/x.md   what changed in its source since
    .venv/bin/kf safety                raw HTML in the pages is safe
    .venv/bin/kf content               front matter, navigation, data files, citation keys (no build)
    .venv/bin/kf status                translation and review status (Markdown)
    .venv/bin/kf reviews --lang fr     reviews due in one language (the weekly issue)
    .venv/bin/kf new <slug> ...        a new article in both languages
    .venv/bin/kf external site/        external links, DOIs, PMIDs, retractions (network)

Each command exits with 1 when it finds a problem, prints one line per problem an
editor can act on (`file:line: ...` or `page → link: ...`), and `--json` prints the
same findings for machines.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from kf import project_root
from kf.core.site_config import codes_for



def _print(findings, as_json: bool, summary: str, github: bool = False) -> None:
    if github:
        from kf.cli.checks.content import github_annotation

        for f in findings:
            level = "warning" if getattr(f, "severity", "error") == "warning" else "error"
            print(github_annotation(f.path, f.line, f.message, level))
        print(summary, file=sys.stderr)
        return
    if as_json:
        print(json.dumps([asdict(f) if hasattr(f, "__dataclass_fields__") else f for f in findings], ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            print(finding)
        print(summary, file=sys.stderr)


def cmd_site(args) -> int:
    from kf.cli.checks.sitecheck import check_site, github_annotation, group_findings

    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html here; build the site first (make build)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    findings = check_site(args.site, args.site_url, args.jobs)
    groups = group_findings(findings)
    # one mistake in a template is one problem, however many pages repeat it
    if args.json:
        out = json.dumps([g.as_json() for g in groups], ensure_ascii=False, indent=1)
    elif args.github:
        out = "\n".join(github_annotation(g, str(args.site)) for g in groups)
    else:
        out = "\n".join(map(str, groups))
    if out:
        sys.stdout.write(out + "\n")
    took = time.perf_counter() - start
    repeats = f" ({len(findings)} occurrences)" if len(findings) > len(groups) else ""
    print(f"{len(groups)} problem(s){repeats} in {args.site} ({took:.2f} s)", file=sys.stderr)
    return 1 if findings else 0


def cmd_parity(args) -> int:
    from kf.cli.checks.parity import check_docs

    findings = check_docs(args.docs, strict=args.strict)
    errors = [f for f in findings if f.severity == "error"]
    warnings = len(findings) - len(errors)
    _print(findings, args.json, f"{len(errors)} problem(s), {warnings} warning(s) in {args.docs}", args.github)
    return 1 if errors else 0


def cmd_fingerprint(args) -> int:
    from kf.core.review import fingerprint

    if not args.page.is_file():
        print(f"{args.page}: no such page; give the path of a source page, e.g. docs/fr/articles/x.md", file=sys.stderr)
        return 1
    print(fingerprint(args.page.read_text(encoding="utf-8")))
    return 0


def cmd_restamp(args) -> int:
    from kf.cli.checks.parity import restamp

    try:
        new = restamp(args.page, args.docs)
    except (ValueError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.page}: source_fingerprint: {new}")
    return 0


def cmd_translation_diff(args) -> int:
    from kf.cli.checks.translation_diff import (
        GitError, VersionNotFound, changed_files, markdown, repo_root, terminal, translation_diff, translations_of,
    )

    docs = args.docs.resolve()
    if args.changed_since:
        try:
            repo = repo_root(docs)
            pages = translations_of(changed_files(repo, args.changed_since, docs.relative_to(repo).as_posix()), docs, repo)
        except GitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        args.markdown = True
        if not pages:
            print("No translated page's source changed in this pull request.\n")
            return 0
        print("## What the translations need\n")
    elif args.page is None:
        print("error: name the translated page, like docs/en/articles/x.md (or use --changed-since)", file=sys.stderr)
        return 2
    else:
        pages = [args.page]
    status = 0
    for page in pages:
        shown = _shown_path(page, docs)
        try:
            diff = translation_diff(page, docs)
        except (ValueError, OSError, GitError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except VersionNotFound as exc:
            message = f"{shown}: the version of its source it was translated from cannot be found: {exc}"
            print(f"> [!WARNING]\n> {message}\n" if args.markdown else message, file=sys.stdout if args.changed_since else sys.stderr)
            status = 1
            continue
        if diff is None:
            print(f"{shown}: up to date; its source has not changed since it was translated.\n")
            continue
        diff.translation = shown
        if args.markdown:
            print(markdown(diff))
        else:
            color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
            print(terminal(diff, color=color))
    return status


def _shown_path(page: Path, docs: Path) -> str:
    """docs/en/... relative to the project when the page is inside it."""
    try:
        return page.resolve().relative_to(docs.parent).as_posix()
    except ValueError:
        return str(page)


def cmd_safety(args) -> int:
    from kf.core.html_allowlist import check_docs

    findings = check_docs(args.docs, codes_for(args.docs))
    _print(findings, args.json, f"{len(findings)} problem(s) in {args.docs}", args.github)
    return 1 if findings else 0


def _markdown_report(results, problems, bib=None, codes=()) -> str:
    """The body of the GitHub issue the weekly workflow opens or updates."""
    from kf.cli.checks.external import NOTICE, UNKNOWN

    notices = [r for r in problems if r.verdict == NOTICE]
    links = [r for r in problems if r.verdict != NOTICE]
    lines = ["The weekly check found notices about cited works, or external links or references that fail.", ""]
    if notices:
        lines += [
            "## New notices about cited works",
            "",
            "Crossref lists these notices (retraction, correction, expression of concern, withdrawal) about works "
            "the site cites. For each: read the notice; record what you confirm under `update:` in the work's entry "
            "of `data/references.yml` (see the file's header): the site then tells readers, in both languages; "
            "then review the pages that cite the work.",
            "",
        ]
        for r in notices:
            ref_id = r.sources[0].split("#", 1)[1] if r.sources and "#" in r.sources[0] else ""
            ref = bib.references.get(ref_id) if bib is not None else None
            n = r.notices[0]
            title = f"“{ref.title}” ({ref_id}, https://doi.org/{ref.doi})" if ref else r.url
            pages = [p for p in r.sources[1:]]
            lines.append(f"- **{n['type']}** of {n['date'] or 'unknown date'}: {title}")
            lines.append(f"  - notice: https://doi.org/{n['notice']}" + (f" ({n['label']}, from {n['source']})" if n["source"] else ""))
            for code in codes:
                mine = [p for p in pages if p.startswith(f"docs/{code}/")]
                lines.append(f"  - cited in ({code}): " + (", ".join(f"`{p}`" for p in mine) if mine else "no page"))
        lines.append("")
    if links:
        lines += ["## Links and references that fail", "", "| Where | Address | Verdict |", "| --- | --- | --- |"]
        for r in links:
            where = ", ".join(r.sources[:3]).replace("|", "\\|")
            lines.append(f"| {where} | {r.url} | {r.verdict} {r.status or ''} {r.detail} |")
        lines.append("")
    unknown = [r for r in results if r.verdict == UNKNOWN]
    if unknown:
        lines += [f"Crossref could not be asked about {len(unknown)} work(s); whether a notice updates them is unknown:", ""]
        lines += [f"- {r.url} ({r.sources[0]})" for r in unknown] + [""]
    unverifiable = [r for r in results if r.verdict == "unverifiable"]
    if unverifiable:
        lines += [f"{len(unverifiable)} address(es) refuse automatic checks; check them by hand:", ""]
        lines += [f"- {r.url}" for r in unverifiable] + [""]
    lines += ["Fix the link in the page (or the reference in data/references.yml), record the notices, then close this issue."]
    return "\n".join(lines) + "\n"


def cmd_content(args) -> int:
    from kf.cli.checks.content import check_content

    findings = check_content(args.root)
    _print(findings, args.json, f"{len(findings)} problem(s) in {args.root}", args.github)
    return 1 if findings else 0


def cmd_status(args) -> int:
    from kf.cli.checks.status import markdown, status

    items = status(args.docs, days=args.days)
    if args.json:
        from dataclasses import asdict

        print(json.dumps([asdict(i) for i in items], ensure_ascii=False, indent=1))
    else:
        print(markdown(items, args.days))
    return 0


def cmd_reviews(args) -> int:
    import datetime as dt

    from kf.cli.checks.status import REVIEW_ISSUE, review_issue

    if args.title:
        print(REVIEW_ISSUE[args.lang]["title"])
        return 0
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        print(f"error: --today must be a date like 2026-12-01; found {args.today!r}", file=sys.stderr)
        return 2
    body = review_issue(args.docs, args.lang, today, args.days)
    if args.output:
        if body is None:
            args.output.unlink(missing_ok=True)  # no file: nothing to review
        else:
            args.output.write_text(body, encoding="utf-8")
    elif body is not None:
        print(body, end="")
    print(f"{args.lang}: {'articles to review listed' if body else 'no review due'} (within {args.days} days of {today.isoformat()})", file=sys.stderr)
    return 0


def cmd_new(args) -> int:
    from kf.cli.checks.scaffold import new_article

    try:
        paths = new_article(args.root, args.slug, args.title_fr, args.title_en, args.description_fr, args.description_en)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"created {path.relative_to(args.root)}")
    print("added to the navigation in mkdocs.yml; write the article, then run `make serve` to preview it.")
    return 0


def cmd_external(args) -> int:
    from kf.cli.checks.external import PROBLEMS, Cache, Settings, collect, run_all
    from kf.cli.checks.notices import citing_pages
    from kf.core.citations import load_references

    bib = load_references((args.references).read_text(encoding="utf-8"), "data/references.yml", list(codes_for(args.references)))
    settings = Settings(deadline=args.deadline, timeout=args.timeout)
    for name in ("doi_api", "doi_resolver", "eutils", "crossref"):
        if getattr(args, name):
            setattr(settings, name, getattr(args, name))
    site_url = ""
    if args.site and (args.site / "index.html").is_file():
        from kf.cli.checks.sitecheck import Site

        site_url = Site(args.site).site_url
    urls = collect(args.site, bib, site_url, settings.doi_resolver)
    from kf.core.care import help_file, load_help

    helps = {}
    for code in codes_for(args.references):
        path = args.references.parent.parent / help_file(code)
        if path.is_file():
            helps[help_file(code)] = load_help(path.read_text(encoding="utf-8"), help_file(code))
    results = run_all(urls, bib, settings, Cache(args.cache), citing_pages(args.docs) if args.docs.is_dir() else {}, helps)
    problems = [r for r in results if r.verdict in PROBLEMS]
    if args.report:
        from dataclasses import asdict

        args.report.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(_markdown_report(results, problems, bib, codes_for(args.docs)), encoding="utf-8")
    counts = {}
    for r in results:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    shown = results if args.all else [r for r in results if r.verdict != "ok"]
    _print(shown, args.json, "; ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "nothing to check")
    return 1 if problems else 0


def main(argv=None) -> int:
    # the site's folder (holding mkdocs.yml): the current folder or the nearest one above it,
    # found at each call (the defaults below are in it)
    project = project_root()
    parser = argparse.ArgumentParser(prog="kf", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("site", help="offline check of a built site (links, anchors, languages, sitemap)")
    p.add_argument("site", type=Path, help="folder of the built site")
    p.add_argument("--site-url", help="the site's public address (default: the home page's canonical link)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: 1, or up to 2 on sites of 1000 pages or more)")
    p.add_argument("--json", action="store_true", help="grouped findings as JSON, each with a count and example pages")
    p.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    p.set_defaults(func=cmd_site)

    p = sub.add_parser("parity", help="translations: same headings, citations, images and links; up to date")
    p.add_argument("--docs", type=Path, default=project / "docs")
    p.add_argument("--strict", action="store_true", help="a stale translation is an error, not a warning")
    p.add_argument("--json", action="store_true")
    p.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    p.set_defaults(func=cmd_parity)

    p = sub.add_parser("content", help="front matter, navigation, review records, data files and citation keys (no build)")
    p.add_argument("--root", type=Path, default=project)
    p.add_argument("--json", action="store_true")
    p.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    p.set_defaults(func=cmd_content)

    p = sub.add_parser("status", help="translation and review status, as Markdown")
    p.add_argument("--docs", type=Path, default=project / "docs")
    p.add_argument("--days", type=int, default=60, help="list reviews due within this many days")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("reviews", help="the weekly issue's body: articles of one language whose review is past or due soon")
    p.add_argument("--lang", choices=codes_for(project), required=True)
    p.add_argument("--docs", type=Path, default=project / "docs")
    p.add_argument("--days", type=int, default=60, help="list reviews due within this many days")
    p.add_argument("--today", help="the date to count from, like 2026-12-01 (default: today)")
    p.add_argument("--output", type=Path, help="write the body to this file; no file when nothing is due")
    p.add_argument("--title", action="store_true", help="print the issue's title (in the language) and stop")
    p.set_defaults(func=cmd_reviews)

    p = sub.add_parser("new", help="create a new article in both languages and add it to the navigation")
    p.add_argument("slug", help="the page's address, e.g. ketamine-et-sommeil")
    p.add_argument("--title-fr", required=True)
    p.add_argument("--title-en", required=True)
    p.add_argument("--description-fr", required=True, help="at most 160 characters")
    p.add_argument("--description-en", required=True, help="at most 160 characters")
    p.add_argument("--root", type=Path, default=project)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("fingerprint", help="the fingerprint of a page, to record in its translation (source_fingerprint:)")
    p.add_argument("page", type=Path, help="the source page, e.g. docs/fr/articles/x.md")
    p.set_defaults(func=cmd_fingerprint)

    p = sub.add_parser("restamp", help="record that a translation now matches its source")
    p.add_argument("page", type=Path, help="the translated page, e.g. docs/en/articles/x.md")
    p.add_argument("--docs", type=Path, default=project / "docs")
    p.set_defaults(func=cmd_restamp)

    p = sub.add_parser("translation-diff", help="what changed in a translation's source since it was translated (needs git history)")
    p.add_argument("page", type=Path, nargs="?", help="the translated page, e.g. docs/en/articles/x.md")
    p.add_argument("--docs", type=Path, default=project / "docs")
    p.add_argument("--markdown", action="store_true", help="write GitHub Markdown instead of terminal text")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colours in the terminal")
    p.add_argument("--changed-since", metavar="REF",
                   help="every translation whose source changed between REF and HEAD (for a pull request), as Markdown")
    p.set_defaults(func=cmd_translation_diff)

    p = sub.add_parser("safety", help="raw HTML in the pages is safe (no scripts, frames, handlers, remote media)")
    p.add_argument("--docs", type=Path, default=project / "docs")
    p.add_argument("--json", action="store_true")
    p.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    p.set_defaults(func=cmd_safety)

    p = sub.add_parser("external", help="external links, DOIs, PMIDs and notices about cited works (uses the internet)")
    p.add_argument("site", type=Path, nargs="?", help="folder of the built site (its external links are checked)")
    p.add_argument("--references", type=Path, default=project / "data" / "references.yml")
    p.add_argument("--cache", type=Path, default=project / ".cache" / "links.json", help="results cache (JSON)")
    p.add_argument("--report", type=Path, help="write every result to this JSON file")
    p.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole run")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    p.add_argument("--doi-api", help=argparse.SUPPRESS)
    p.add_argument("--doi-resolver", help=argparse.SUPPRESS)
    p.add_argument("--eutils", help=argparse.SUPPRESS)
    p.add_argument("--crossref", help=argparse.SUPPRESS)
    p.add_argument("--docs", type=Path, default=project / "docs", help="the pages (to name those citing a work under a notice)")
    p.add_argument("--markdown", type=Path, help="write the problems as Markdown (the body of a GitHub issue)")
    p.add_argument("--all", action="store_true", help="print good links too")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_external)

    args = parser.parse_args(argv)
    if args.command != "site":  # every other command reads the pages or the data files
        unreadable = _unreadable_sources(args, project)
        if unreadable:
            _print(unreadable, getattr(args, "json", False),
                   f"{len(unreadable)} file(s) cannot be read safely; fix them first", getattr(args, "github", False))
            return 1
    return args.func(args)


def _unreadable_sources(args, project: Path) -> list:
    """Pages and data files not saved as UTF-8 or holding control characters
    (core/text_files.py): every command that reads them checks them first, and stops with
    file:line instead of a traceback."""
    from kf.core.text_files import check_sources

    if getattr(args, "root", None) is not None:
        root = args.root
    elif getattr(args, "docs", None) is not None:
        root = args.docs.resolve().parent
    else:
        root = project
    return check_sources(root)


if __name__ == "__main__":
    sys.exit(main())
