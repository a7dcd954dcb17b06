"""Notices about cited works (retractions, corrections...): `kf external` asks a fake
Crossref on 127.0.0.1 (notices of each type, none, errors, rate limits with Retry-After,
slow answers past the deadline, answers that are not JSON). No real network."""

from __future__ import annotations

import json
import subprocess
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import KF, local_server

from kf.cli.checks.external import Cache, Checker, Settings, check_notices, run_sync
from kf.cli.checks.notices import citing_pages, crossref_notices
from kf.core.citations import load_references

ROOT = Path(__file__).resolve().parents[2]


def notice(doi, target, kind, date, source="publisher"):
    return {
        "DOI": doi,
        "type": "journal-article",
        "update-to": [{"DOI": target.upper(), "type": kind, "label": kind.replace("_", " ").title(),
                       "source": source, "updated": {"date-parts": [date], "date-time": "2027-03-14T00:00:00Z"}}],
    }


#: DOI -> the notice items Crossref lists for it
NOTICES = {
    "10.5555/retracted": [
        notice("10.5555/retraction-notice", "10.5555/retracted", "retraction", [2027, 3, 14]),
        notice("10.5555/retraction-notice", "10.5555/retracted", "retraction", [2027, 3, 14], "retraction-watch"),
        notice("10.5555/v2", "10.5555/retracted", "new_version", [2027, 1, 1]),  # not about reliability
    ],
    "10.5555/partial": [notice("10.5555/partial-notice", "10.5555/partial", "partial_retraction", [2026, 5])],
    "10.5555/withdrawn": [notice("10.5555/withdrawal-notice", "10.5555/withdrawn", "withdrawal", [2026])],
    "10.5555/concern": [notice("10.5555/eoc-notice", "10.5555/concern", "expression_of_concern", [2027, 2, 1])],
    "10.5555/corrected": [notice("10.5555/erratum", "10.5555/corrected", "erratum", [2025, 11, 3])],
    "10.5555/recorded": [notice("10.5555/recorded-notice", "10.5555/recorded", "retraction", [2026, 1, 2])],
    "10.5555/clean": [],
    "10.5555/busy": [],
}


class FakeCrossref(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (a slow answer past the deadline)
            pass

    def do_HEAD(self):  # noqa: N802
        self.do_GET()

    def do_GET(self):  # noqa: N802
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path == "/api/handles/10.5555/retracted":  # the DOI check of the CLI test
            return self._send(200, json.dumps({"responseCode": 1}).encode(), {"Content-Type": "application/json"})
        if parts.path == "/resolver/10.5555/retracted":  # the DOI's metadata, and its link
            return self._send(200, json.dumps({"title": "Ketamine for pain"}).encode(), {"Content-Type": "application/json"})
        if parts.path != "/works" or not query.get("filter", [""])[0].startswith("updates:"):
            return self._send(404)
        doi = unquote(query["filter"][0][len("updates:"):])
        FakeCrossref.hits[doi] = n = FakeCrossref.hits.get(doi, 0) + 1
        if doi == "10.5555/error":
            return self._send(500)
        if doi == "10.5555/busy" and n <= 2:
            return self._send(429, headers={"Retry-After": "1"})
        if doi == "10.5555/refused":
            return self._send(429, headers={"Retry-After": "1"})
        if doi.startswith("10.5555/slow"):
            time.sleep(3)
        if doi == "10.5555/garbage":
            return self._send(200, b"<html>Service unavailable</html>", {"Content-Type": "text/html"})
        items = NOTICES.get(doi, [])
        body = {"status": "ok", "message-type": "work-list", "message": {"total-results": len(items), "items": items}}
        return self._send(200, json.dumps(body).encode(), {"Content-Type": "application/json"})


@pytest.fixture(scope="module")
def crossref():
    for url in local_server(FakeCrossref):
        yield url + "/"


def entry(ref_id, doi, extra=""):
    return (
        f"- id: {ref_id}\n  type: article-journal\n  title: Ketamine for pain\n  author: [{{family: Doe, given: J}}]\n"
        f"  issued: 2020\n  container-title: J Test\n  DOI: {doi}\n  study_type: rct\n"
        f"  summary: {{fr: Un résumé., en: A summary.}}\n{extra}"
    )


DOIS = ["retracted", "partial", "withdrawn", "concern", "corrected", "recorded", "clean", "busy", "error", "refused", "slow", "garbage"]
BIB = "".join(
    entry(name, f"10.5555/{name}", "  update: {type: retraction, date: 2026, notice: 10.5555/recorded-notice}\n" if name == "recorded" else "")
    for name in DOIS
)


def settings(crossref, **kw):
    base = dict(timeout=0.8, deadline=20, retries=2, backoff=0.05, per_host=4, max_retry_after=2, crossref=crossref)
    base.update(kw)
    return Settings(**base)


def ask(bib_text, crossref, cache=None, citing=None, **kw):
    bib = load_references(bib_text, "data/references.yml", ["fr", "en"])
    assert bib.problems == []
    checker = Checker(settings(crossref, **kw), cache or Cache(None))
    return run_sync(lambda: check_notices(bib, checker, citing or {}))


def test_each_answer_gets_the_right_verdict(crossref):
    FakeCrossref.hits.clear()
    results = ask(BIB, crossref, citing={"retracted": ["docs/fr/articles/a.md", "docs/en/articles/a.md"]})
    by_doi: dict[str, list] = {}
    for r in results:
        by_doi.setdefault(r.url.removeprefix("notices of DOI 10.5555/"), []).append(r)
    verdicts = {name: [r.verdict for r in rs] for name, rs in by_doi.items()}
    assert verdicts == {
        "retracted": ["new-notice"],  # listed twice (publisher, Retraction Watch): one notice; a new version is ignored
        "partial": ["new-notice"],
        "withdrawn": ["new-notice"],
        "concern": ["new-notice"],
        "corrected": ["new-notice"],
        "recorded": ["ok"],  # editors recorded it already
        "clean": ["ok"],
        "busy": ["ok"],  # waited for Retry-After, then answered
        "error": ["notice-status-unknown"],
        "refused": ["notice-status-unknown"],
        "slow": ["notice-status-unknown"],
        "garbage": ["notice-status-unknown"],
    }
    types = {name: rs[0].notices[0]["type"] for name, rs in by_doi.items() if rs[0].verdict == "new-notice"}
    assert types == {"retracted": "retraction", "partial": "partial-retraction", "withdrawn": "withdrawal",
                     "concern": "expression-of-concern", "corrected": "correction"}
    retracted = by_doi["retracted"][0]
    assert retracted.notices[0]["date"] == "2027-03-14" and retracted.notices[0]["source"] == "publisher, retraction-watch"
    assert "https://doi.org/10.5555/retraction-notice" in retracted.detail
    assert retracted.sources == ["data/references.yml#retracted", "docs/fr/articles/a.md", "docs/en/articles/a.md"]
    assert "unknown" in by_doi["error"][0].detail and "500" in by_doi["error"][0].detail
    assert FakeCrossref.hits["10.5555/busy"] == 3
    assert FakeCrossref.hits["10.5555/error"] == 3  # first try and 2 retries


def test_slow_answers_past_the_deadline_are_not_checked(crossref):
    bib = "".join(entry(f"slow{i}", f"10.5555/slow-{i}") for i in range(6))
    start = time.monotonic()
    results = ask(bib, crossref, deadline=1.5, timeout=5, per_host=2)
    assert time.monotonic() - start < 4
    assert {r.verdict for r in results} == {"not-checked"}


def test_answers_are_cached_like_links(crossref, tmp_path):
    path = tmp_path / "cache.json"
    FakeCrossref.hits.clear()
    text = entry("retracted", "10.5555/retracted") + entry("error", "10.5555/error")
    ask(text, crossref, Cache(path))
    cached = json.loads(path.read_text(encoding="utf-8"))
    answer = next(v for k, v in cached.items() if "10.5555/retracted" in k)
    assert answer["verdict"] == "ok" and answer["notices"][0]["type"] == "retraction"
    first = dict(FakeCrossref.hits)
    again = ask(text, crossref, Cache(path))
    assert FakeCrossref.hits["10.5555/retracted"] == first["10.5555/retracted"]  # fresh: not asked again
    assert FakeCrossref.hits["10.5555/error"] > first["10.5555/error"]  # failed: asked again
    assert [r.verdict for r in again if "retracted" in r.url] == ["new-notice"]  # still news, until recorded


def test_crossref_answers_are_read_strictly():
    with pytest.raises(ValueError):
        crossref_notices(b"<html></html>", "10.1/x")
    body = json.dumps({"message": {"items": [notice("10.1/n", "10.1/OTHER", "retraction", [2027])]}}).encode()
    assert crossref_notices(body, "10.1/x") == []  # a notice about another work


def test_citing_pages_in_both_languages(tmp_path):
    docs = tmp_path / "docs"
    (docs / "fr").mkdir(parents=True)
    (docs / "en").mkdir()
    (docs / "fr/a.md").write_text("# A\n\nTexte [@retracted; @clean].\n\n`[@incode]`\n", encoding="utf-8")
    (docs / "en/a.md").write_text("# A\n\nText [@retracted].\n", encoding="utf-8")
    assert citing_pages(docs) == {"retracted": ["docs/fr/a.md", "docs/en/a.md"], "clean": ["docs/fr/a.md"]}


def test_cli_names_the_work_the_notice_and_the_pages(crossref, tmp_path):
    docs = tmp_path / "docs"
    (docs / "fr/articles").mkdir(parents=True)
    (docs / "en/articles").mkdir(parents=True)
    (docs / "fr/articles/k.md").write_text("# K\n\nTexte [@retracted].\n", encoding="utf-8")
    (docs / "en/articles/k.md").write_text("# K\n\nText [@retracted].\n", encoding="utf-8")
    refs = tmp_path / "refs.yml"
    refs.write_text(entry("retracted", "10.5555/retracted"), encoding="utf-8")
    report, md = tmp_path / "report.json", tmp_path / "report.md"
    result = subprocess.run(
        [*KF, "external", "--references", refs, "--docs", docs,
         "--cache", tmp_path / "c.json", "--report", report, "--markdown", md, "--timeout", "2", "--deadline", "20",
         "--crossref", crossref, "--doi-api", crossref + "api/handles/", "--doi-resolver", crossref + "resolver/"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "notices of DOI 10.5555/retracted: new-notice" in result.stdout
    body = md.read_text(encoding="utf-8")
    assert "## New notices about cited works" in body
    assert "- **retraction** of 2027-03-14: “Ketamine for pain” (retracted, https://doi.org/10.5555/retracted)" in body
    assert "  - notice: https://doi.org/10.5555/retraction-notice (Retraction, from publisher, retraction-watch)" in body
    assert "  - cited in (fr): `docs/fr/articles/k.md`" in body and "  - cited in (en): `docs/en/articles/k.md`" in body
    assert "| Where | Address |" not in body  # no failing link
    verdicts = {r["url"]: r["verdict"] for r in json.loads(report.read_text(encoding="utf-8"))}
    assert verdicts["notices of DOI 10.5555/retracted"] == "new-notice"
