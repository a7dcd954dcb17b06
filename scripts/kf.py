"""The project's command-line checks, one command per chore.

    .venv/bin/python scripts/kf.py site site/            offline check of a built site
    .venv/bin/python scripts/kf.py parity                translations: same structure, up to date
    .venv/bin/python scripts/kf.py restamp docs/en/x.md  record that a translation matches its source
    .venv/bin/python scripts/kf.py safety                raw HTML in the pages is safe
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


def _print(findings, as_json: bool, summary: str) -> None:
    if as_json:
        print(json.dumps([asdict(f) if hasattr(f, "__dataclass_fields__") else f for f in findings], ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            print(finding)
        print(summary, file=sys.stderr)


def cmd_site(args) -> int:
    from checks.sitecheck import check_site

    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html here; build the site first (make build)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    findings = check_site(args.site, args.site_url, args.jobs)
    took = time.perf_counter() - start
    _print(findings, args.json, f"{len(findings)} problem(s) in {args.site} ({took:.2f} s)")
    return 1 if findings else 0


def cmd_parity(args) -> int:
    from checks.parity import check_docs

    findings = check_docs(args.docs, strict=args.strict)
    errors = [f for f in findings if f.severity == "error"]
    warnings = len(findings) - len(errors)
    _print(findings, args.json, f"{len(errors)} problem(s), {warnings} warning(s) in {args.docs}")
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
    _print(findings, args.json, f"{len(findings)} problem(s) in {args.docs}")
    return 1 if findings else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="kf.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("site", help="offline check of a built site (links, anchors, languages, sitemap)")
    p.add_argument("site", type=Path, help="folder of the built site")
    p.add_argument("--site-url", help="the site's public address (default: the home page's canonical link)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: up to 2)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_site)

    p = sub.add_parser("parity", help="translations: same headings, citations, images and links; up to date")
    p.add_argument("--docs", type=Path, default=ROOT / "docs")
    p.add_argument("--strict", action="store_true", help="a stale translation is an error, not a warning")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_parity)

    p = sub.add_parser("restamp", help="record that a translation now matches its source")
    p.add_argument("page", type=Path, help="the translated page, e.g. docs/en/articles/x.md")
    p.add_argument("--docs", type=Path, default=ROOT / "docs")
    p.set_defaults(func=cmd_restamp)

    p = sub.add_parser("safety", help="raw HTML in the pages is safe (no scripts, frames, handlers, remote media)")
    p.add_argument("--docs", type=Path, default=ROOT / "docs")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_safety)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
