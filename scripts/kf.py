"""The project's command-line checks, one command per chore.

    .venv/bin/python scripts/kf.py site site/            offline check of a built site
    .venv/bin/python scripts/kf.py parity                translations: same structure, up to date
    .venv/bin/python scripts/kf.py restamp docs/en/x.md  record that a translation matches its source
    .venv/bin/python scripts/kf.py safety                raw HTML in the pages is safe
    .venv/bin/python scripts/kf.py content               front matter, data files, citation keys (no build)
    .venv/bin/python scripts/kf.py status                translation and review status (Markdown)
    .venv/bin/python scripts/kf.py new <slug> ...        a new article in both languages
    .venv/bin/python scripts/kf.py external site/        external links, DOIs and PMIDs (network)

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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))


def _print(findings, as_json: bool, summary: str, github: bool = False) -> None:
    if github:
        from checks.content import github_annotation

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
    from checks.sitecheck import check_site, github_annotation, group_findings

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
    from checks.parity import check_docs

    findings = check_docs(args.docs, strict=args.strict)
    errors = [f for f in findings if f.severity == "error"]
    warnings = len(findings) - len(errors)
    _print(findings, args.json, f"{len(errors)} problem(s), {warnings} warning(s) in {args.docs}", args.github)
    return 1 if errors else 0


def cmd_restamp(args) -> int:
    from checks.parity import restamp

    try:
        new = restamp(args.page, args.docs)
    except (ValueError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.page}: source_fingerprint: {new}")
    return 0


def cmd_safety(args) -> int:
    from htmlsafety import check_docs

    findings = check_docs(args.docs)
    _print(findings, args.json, f"{len(findings)} problem(s) in {args.docs}", args.github)
    return 1 if findings else 0


def _markdown_report(results, problems) -> str:
    """The body of the GitHub issue the weekly workflow opens or updates."""
    lines = [
        "The weekly check found external links or references that fail.",
        "",
        "| Where | Address | Verdict |",
        "| --- | --- | --- |",
    ]
    for r in problems:
        where = ", ".join(r.sources[:3]).replace("|", "\\|")
        lines.append(f"| {where} | {r.url} | {r.verdict} {r.status or ''} {r.detail} |")
    unverifiable = [r for r in results if r.verdict == "unverifiable"]
    if unverifiable:
        lines += ["", f"{len(unverifiable)} address(es) refuse automatic checks; check them by hand:", ""]
        lines += [f"- {r.url}" for r in unverifiable]
    lines += ["", "Fix the link in the page (or the reference in data/references.yml), then close this issue."]
    return "\n".join(lines) + "\n"


def cmd_content(args) -> int:
    from checks.content import check_content

    findings = check_content(args.root)
    _print(findings, args.json, f"{len(findings)} problem(s) in {args.root}", args.github)
    return 1 if findings else 0


def cmd_status(args) -> int:
    from checks.status import markdown, status

    items = status(args.docs, days=args.days)
    if args.json:
        from dataclasses import asdict

        print(json.dumps([asdict(i) for i in items], ensure_ascii=False, indent=1))
    else:
        print(markdown(items, args.days))
    return 0


def cmd_new(args) -> int:
    from checks.scaffold import new_article

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
    from checks.external import PROBLEMS, Cache, Settings, collect, run_all
    from citations import load_references

    bib = load_references((args.references).read_text(encoding="utf-8"), "data/references.yml", ["fr", "en"])
    settings = Settings(deadline=args.deadline, timeout=args.timeout)
    for name in ("doi_api", "doi_resolver", "eutils"):
        if getattr(args, name):
            setattr(settings, name, getattr(args, name))
    site_url = ""
    if args.site and (args.site / "index.html").is_file():
        from checks.sitecheck import Site

        site_url = Site(args.site).site_url
    urls = collect(args.site, bib, site_url)
    results = run_all(urls, bib, settings, Cache(args.cache))
    problems = [r for r in results if r.verdict in PROBLEMS]
    if args.report:
        from dataclasses import asdict

        args.report.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(_markdown_report(results, problems), encoding="utf-8")
    counts = {}
    for r in results:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    shown = results if args.all else [r for r in results if r.verdict != "ok"]
    _print(shown, args.json, "; ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "nothing to check")
    return 1 if problems else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="kf.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("site", help="offline check of a built site (links, anchors, languages, sitemap)")
    p.add_argument("site", type=Path, help="folder of the built site")
    p.add_argument("--site-url", help="the site's public address (default: the home page's canonical link)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: 1, or up to 2 on sites of 1000 pages or more)")
    p.add_argument("--json", action="store_true", help="grouped findings as JSON, each with a count and example pages")
    p.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    p.set_defaults(func=cmd_site)

    p = sub.add_parser("parity", help="translations: same headings, citations, images and links; up to date")
    p.add_argument("--docs", type=Path, default=ROOT / "docs")
    p.add_argument("--strict", action="store_true", help="a stale translation is an error, not a warning")
    p.add_argument("--json", action="store_true")
    p.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    p.set_defaults(func=cmd_parity)

    p = sub.add_parser("content", help="front matter, review records, data files and citation keys (no build)")
    p.add_argument("--root", type=Path, default=ROOT)
    p.add_argument("--json", action="store_true")
    p.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    p.set_defaults(func=cmd_content)

    p = sub.add_parser("status", help="translation and review status, as Markdown")
    p.add_argument("--docs", type=Path, default=ROOT / "docs")
    p.add_argument("--days", type=int, default=60, help="list reviews due within this many days")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("new", help="create a new article in both languages and add it to the navigation")
    p.add_argument("slug", help="the page's address, e.g. ketamine-et-sommeil")
    p.add_argument("--title-fr", required=True)
    p.add_argument("--title-en", required=True)
    p.add_argument("--description-fr", required=True, help="at most 160 characters")
    p.add_argument("--description-en", required=True, help="at most 160 characters")
    p.add_argument("--root", type=Path, default=ROOT)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("restamp", help="record that a translation now matches its source")
    p.add_argument("page", type=Path, help="the translated page, e.g. docs/en/articles/x.md")
    p.add_argument("--docs", type=Path, default=ROOT / "docs")
    p.set_defaults(func=cmd_restamp)

    p = sub.add_parser("safety", help="raw HTML in the pages is safe (no scripts, frames, handlers, remote media)")
    p.add_argument("--docs", type=Path, default=ROOT / "docs")
    p.add_argument("--json", action="store_true")
    p.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    p.set_defaults(func=cmd_safety)

    p = sub.add_parser("external", help="external links, DOIs and PMIDs (uses the internet)")
    p.add_argument("site", type=Path, nargs="?", help="folder of the built site (its external links are checked)")
    p.add_argument("--references", type=Path, default=ROOT / "data" / "references.yml")
    p.add_argument("--cache", type=Path, default=ROOT / ".cache" / "links.json", help="results cache (JSON)")
    p.add_argument("--report", type=Path, help="write every result to this JSON file")
    p.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole run")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    p.add_argument("--doi-api", help=argparse.SUPPRESS)
    p.add_argument("--doi-resolver", help=argparse.SUPPRESS)
    p.add_argument("--eutils", help=argparse.SUPPRESS)
    p.add_argument("--markdown", type=Path, help="write the problems as Markdown (the body of a GitHub issue)")
    p.add_argument("--all", action="store_true", help="print good links too")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_external)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
