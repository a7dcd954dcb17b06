"""Search benchmark in Chromium (`make bench`): does a patient's query find the right article?

1. Quality: every query of data/search-queries.yml is typed into the search box of the
   built site, on a page of its language, as a reader would; prints hit@3 (the expected
   article among the first three results) and MRR (mean of 1/rank, 0 when not shown) per
   language, for this checkout's search and for the search of a baseline commit (the
   Material/lunr search this one replaced), built from git on the same query set.
2. Scale: on the synthetic corpus of bench_build.py (--scale articles per language),
   served with gzip, the bytes the first query transfers (everything fetched from the
   moment the reader opens search until the results show) and the time to the results
   of the first and of later queries.

    .venv/bin/python -m kf.devtools.bench_search [--baseline REV] [--scale 1000] [--no-baseline] [--no-scale]

Figures on a shared machine are noisy: the scale part runs each query several times and
prints the median.
"""

from __future__ import annotations

import argparse
import functools
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from kf import project_root
from kf.devtools.local_site import CHROMIUM, CHROMIUM_ARGS, PREFIX, PagesLikeHandler, local_server, mkdocs_build, type_search

ROOT = project_root()

#: main before the search was replaced: Material's lunr search, split per language.
BASELINE = "a7788b9"
QUERIES = ROOT / "data" / "search-queries.yml"


def load_queries(path: Path = QUERIES) -> dict[str, list[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: list(items) for lang, items in data.items()}


def rank_of(results: list[str], expected_path: str) -> int | None:
    """1-based rank of the first result on the expected page (fragment ignored), among
    distinct pages in the order shown; None when it is not shown."""
    pages: list[str] = []
    for url in results:
        path = urlsplit(url).path
        if path not in pages:
            pages.append(path)
    return pages.index(expected_path) + 1 if expected_path in pages else None


def scores(ranks: list[int | None]) -> tuple[float, float]:
    """hit@3 and MRR of a list of ranks."""
    if not ranks:
        return 0.0, 0.0
    hit3 = sum(1 for r in ranks if r is not None and r <= 3) / len(ranks)
    mrr = sum(1 / r for r in ranks if r is not None) / len(ranks)
    return hit3, mrr


class CountingHandler(PagesLikeHandler):
    """PagesLikeHandler that appends (path asked for, bytes of the response: status line,
    headers, body as sent, gzip or not) to the list `sent`. Counted by the server, so
    requests from a web worker count too (Chromium reports no body size for a worker's
    script to Playwright)."""

    def __init__(self, *args, sent: list[tuple[str, int]], **kwargs):
        self.sent = sent
        super().__init__(*args, **kwargs)

    def flush_headers(self):
        self._counted = sum(len(chunk) for chunk in getattr(self, "_headers_buffer", []))
        super().flush_headers()

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self.sent.append((urlsplit(self.path).path, getattr(self, "_counted", 0) + len(data)))


@contextmanager
def served(site_dir: Path, sent: list[tuple[str, int]] | None = None):
    """The built site on a local server, at the returned URL; the bytes of each response
    are appended to `sent` (see CountingHandler)."""
    handler = functools.partial(CountingHandler, site_dir=site_dir, sent=[] if sent is None else sent)
    server = local_server(handler)
    base = next(server)
    try:
        yield base + PREFIX
    finally:
        server.close()  # stops the server (local_server's finally)


def search(page, query: str) -> list[str]:
    """Type a query in the search box (Material's dialog) and return the result links."""
    return type_search(page, query, ".md-search-result__item a[href]", timeout=15000)


def quality(browser, url: str, queries: dict[str, list[dict]]) -> dict[str, tuple[float, float, list]]:
    out = {}
    for lang, items in queries.items():
        prefix = "" if lang == "fr" else f"{lang}/"
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(url + prefix)
        page.click("input.md-search__input")
        ranks, misses = [], []
        for item in items:
            expected = urlsplit(url).path + prefix + f"articles/{item['expect']}/"
            results = search(page, item["query"])
            rank = rank_of(results, expected)
            ranks.append(rank)
            if rank is None or rank > 3:
                misses.append((item["query"], item["expect"], rank))
        context.close()
        hit3, mrr = scores(ranks)
        out[lang] = (hit3, mrr, misses)
    return out


def build_revision(rev: str, dest: Path) -> Path:
    """The project's files at a git revision, in dest."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def print_quality(label: str, figures: dict, verbose: bool) -> None:
    print(f"  {label}:")
    for lang, (hit3, mrr, misses) in figures.items():
        print(f"    {lang}: hit@3 {100 * hit3:.1f} %  MRR {mrr:.3f}  ({len(misses)} below rank 3)")
        if verbose:
            for query, expect, rank in misses:
                print(f"        {query!r} -> {expect}: rank {rank}")


def measure_quality(browser, project: Path, queries, label: str, verbose: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        site_dir.mkdir()
        with served(site_dir) as url:
            result = mkdocs_build(project, site_dir, url)
            if result.returncode:
                sys.exit(f"{label}: the site does not build:\n{result.stderr[-3000:]}")
            figures = quality(browser, url, queries)
    print_quality(label, figures, verbose)
    return figures


def kinds(sent: list[tuple[str, int]]) -> dict[str, int]:
    """Bytes of search's requests by kind: code (kf-search.js, loaded with the page, and
    the language's terms.json), the parts of the index, the pages' texts."""
    out = {"code": 0, "index": 0, "texts": 0}
    for path, n in sent:
        if "/search/" in path:
            out["index" if "/index/" in path else "texts" if "/pages/" in path else "code"] += n
        elif path.endswith("/kf-search.js"):
            out["code"] += n
    return out


def first_query(browser, url: str, sent: list, article: str, query: str, delay_ms: int) -> tuple[dict[str, int], float]:
    """On a fresh tab (empty cache): the bytes that search fetches (everything under
    search/, counted by the server) from opening search until the first results have
    come (and the network is idle again), and kf-search.js, loaded with the page; and the
    time from the last keystroke to the results. The query is typed delay_ms apart (0:
    all at once, right after opening search, so the time includes loading the terms)."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    sent.clear()
    page.goto(url + article)
    page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")
    page.type("input.md-search__input", query[:-1], delay=delay_ms)
    if delay_ms:
        page.wait_for_timeout(delay_ms)
    start = time.perf_counter()
    page.press("input.md-search__input", query[-1])
    wait_results(page)
    took = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    context.close()
    return kinds(sent), took


def later_query_ms(page, query: str) -> float:
    page.fill("input.md-search__input", "")
    page.press("input.md-search__input", "End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    start = time.perf_counter()
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    wait_results(page)
    return 1000 * (time.perf_counter() - start)


def wait_results(page) -> None:
    page.wait_for_function("() => document.querySelector('.md-search-result__item')", timeout=30000)


#: Scale queries: two patient queries, and the synthetic corpus's filler words (on
#: every page, many times: the worst case for the index chunks a query needs).
SCALE_QUERIES = {
    "fr": ("fibromyalgie", "kétamine effets secondaires", "douleur traitement"),
    "en": ("fibromyalgia", "ketamine side effects", "pain treatment"),
}


def measure_scale(browser, per_language: int, runs: int) -> bool:
    from kf.devtools.bench_build import make_corpus

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        make_corpus(project, per_language)
        site_dir = Path(tmp) / "site"
        site_dir.mkdir()
        sent: list[tuple[str, int]] = []
        with served(site_dir, sent) as url:
            start = time.perf_counter()
            result = mkdocs_build(project, site_dir, url)
            if result.returncode:
                sys.exit(f"synthetic corpus: the site does not build:\n{result.stderr[-3000:]}")
            built = time.perf_counter() - start
            print(f"  Scale: synthetic corpus of {per_language} articles per language (built in {built:.0f} s), "
                  f"on an article, median of {runs} fresh tabs; targets: first query <= 150 KB, < 300 ms")
            print("    (bytes, gzip as sent, counted by the server: code = kf-search.js and the language's terms.json; "
                  "index = the parts of the index; texts = the results' page texts)")
            for lang, prefix in (("fr", ""), ("en", "en/")):
                article = prefix + "articles/corpus/a0500/"
                for query in SCALE_QUERIES[lang]:
                    cold = [first_query(browser, url, sent, article, query, 0) for _ in range(runs)]
                    typed = [first_query(browser, url, sent, article, query, 150) for _ in range(runs)]
                    size = statistics.median(sum(b.values()) for b, _ in cold)
                    parts = ", ".join(f"{k} {statistics.median(b[k] for b, _ in cold) / 1024:.0f}" for k in cold[0][0])
                    cold_ms = 1000 * statistics.median(t for _, t in cold)
                    typed_ms = 1000 * statistics.median(t for _, t in typed)
                    good = size <= 150 * 1024 and cold_ms < 300
                    ok = ok and good
                    print(f"    {lang} {query!r}: first query {size / 1024:.0f} KB ({parts}); results {cold_ms:.0f} ms after "
                          f"the last key typed at once on opening search, {typed_ms:.0f} ms typed at ~7 keys/s "
                          f"({statistics.median(sum(b.values()) for b, _ in typed) / 1024:.0f} KB) "
                          f"-> {'ok' if good else 'MISSED'}")
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                page.goto(url + article)
                page.click("input.md-search__input")
                later_query_ms(page, SCALE_QUERIES[lang][0])  # warm up
                later = [later_query_ms(page, q) for q in SCALE_QUERIES[lang] for _ in range(runs)]
                context.close()
                print(f"    {lang}: later queries (search loaded): median {statistics.median(later):.0f} ms, "
                      f"slowest {max(later):.0f} ms")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the search to compare with")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-current", action="store_true")
    parser.add_argument("--scale", type=int, default=1000, help="synthetic articles per language")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the queries below rank 3")
    args = parser.parse_args()
    queries = load_queries()
    if not Path(CHROMIUM).exists():  # timed in the full browser, as a visitor's
        print("Search: not measured (run `apt-get install chromium` first)")
        return 1
    from playwright.sync_api import sync_playwright

    counts = ", ".join(f"{len(v)} {k}" for k, v in queries.items())
    print(f"Search: patient queries of data/search-queries.yml ({counts}), typed in Chromium:")
    ok = True
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if not args.no_current:
            figures = measure_quality(browser, ROOT, queries, "this checkout", args.verbose)
            ok = all(hit3 >= 0.95 for hit3, _, _ in figures.values())
            print(f"    target: hit@3 at least 95 % in each language -> {'ok' if ok else 'MISSED'}")
        if not args.no_baseline:
            with tempfile.TemporaryDirectory() as tmp:
                project = build_revision(args.baseline, Path(tmp))
                measure_quality(browser, project, queries, f"baseline {args.baseline} (Material's lunr search)", args.verbose)
        if not args.no_scale:
            ok = measure_scale(browser, args.scale, args.runs) and ok
        browser.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
