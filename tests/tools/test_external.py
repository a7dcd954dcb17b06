"""The external link check (src/kf/cli/checks/external.py) against a local fault-injecting
HTTP server on 127.0.0.1 and fake DOI and E-utilities endpoints. No real network."""

from __future__ import annotations

import json
import socket
import struct
import subprocess
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import KF, local_server

from kf.cli.checks.external import Cache, Checker, Settings, check_identifiers, run_sync, same_title
from kf.core.citations import load_references

ROOT = Path(__file__).resolve().parents[2]


class Faults(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):
        pass

    def _send(self, status, headers=None, body=b""):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.route()

    def do_GET(self):
        self.route()

    def route(self):
        parts = urlsplit(self.path)
        path = parts.path
        Faults.hits[path] = Faults.hits.get(path, 0) + 1
        n = Faults.hits[path]
        if path == "/ok":
            return self._send(200, body=b"ok")
        if path == "/r1":
            return self._send(301, {"Location": "/r2"})
        if path == "/r2":
            return self._send(302, {"Location": "/ok"})
        if path in ("/loop1", "/loop2"):
            return self._send(302, {"Location": "/loop2" if path == "/loop1" else "/loop1"})
        if path == "/404":
            return self._send(404)
        if path == "/410":
            return self._send(410)
        if path == "/429":  # busy once, then fine
            return self._send(429, {"Retry-After": "1"}) if n <= 2 else self._send(200)
        if path == "/500":
            return self._send(500)
        if path == "/403":
            return self._send(403)
        if path == "/head-405":
            return self._send(405) if self.command == "HEAD" else self._send(200, body=b"ok")
        if path == "/timeout":
            time.sleep(3)
            return self._send(200)
        if path == "/slow-body":  # refuses HEAD, then sends its body a byte a second
            if self.command == "HEAD":
                return self._send(405)
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(10):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            return None
        if path == "/huge":
            self.send_response(200)
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            if self.command == "GET":
                try:
                    for _ in range(10**9 // 65536):
                        self.wfile.write(b"x" * 65536)
                except OSError:
                    pass
            return None
        if path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return None
        # fake DOI handle API, DOI metadata and E-utilities
        if path.startswith("/api/handles/"):
            doi = path[len("/api/handles/"):]
            code = 1 if doi.startswith("10.1000/") else 100
            return self._send(200 if code == 1 else 404, {"Content-Type": "application/json"}, json.dumps({"responseCode": code}).encode())
        if path.startswith("/doi/10.1000/"):
            titles = {"good": "Ketamine for <i>chronic</i> pain: a review", "wrong": "Something else entirely"}
            title = titles.get(path.rsplit("/", 1)[1], "")
            return self._send(200, {"Content-Type": "application/json"}, json.dumps({"title": title}).encode())
        if path == "/eutils/esummary.fcgi":
            ids = parse_qs(parts.query)["id"][0].split(",")
            result = {"uids": [i for i in ids if i == "111"]}
            for i in ids:
                result[i] = {"uid": i, "title": "Ketamine for chronic pain: a review."} if i == "111" else {"uid": i, "error": "cannot get document summary"}
            return self._send(200, {"Content-Type": "application/json"}, json.dumps({"result": result}).encode())
        return self._send(404)


@pytest.fixture(scope="module")
def faults():
    yield from local_server(Faults)


def settings(**kw):
    base = dict(timeout=0.8, deadline=20, retries=2, backoff=0.05, per_host=4, max_retry_after=2)
    base.update(kw)
    return Settings(**base)


def check(urls, cache=None, **kw):
    checker = Checker(settings(**kw), cache or Cache(None))
    return {r.url: r for r in run_sync(lambda: checker.run({u: ["page.html"] for u in urls}))}


EXPECTED = {
    "/ok": ("ok", 200),
    "/r1": ("ok", 200),
    "/loop1": ("redirect-loop", None),
    "/404": ("broken", 404),
    "/410": ("broken", 410),
    "/429": ("ok", 200),
    "/500": ("error", 500),
    "/403": ("unverifiable", 403),
    "/head-405": ("ok", 200),
    "/timeout": ("timeout", None),
    "/slow-body": ("timeout", None),
    "/huge": ("ok", 200),
    "/reset": ("error", None),
}


def test_each_fault_gets_the_right_verdict(faults):
    Faults.hits.clear()
    start = time.monotonic()
    results = check([faults + p for p in EXPECTED])
    for path, (verdict, status) in EXPECTED.items():
        result = results[faults + path]
        assert (result.verdict, result.status) == (verdict, status), (path, result)
    assert results[faults + "/r1"].final_url == faults + "/ok"
    assert "/loop2" in results[faults + "/loop1"].detail
    assert Faults.hits["/429"] >= 3  # waited for Retry-After, then tried again
    assert Faults.hits["/500"] == 3 * 2  # HEAD + GET, first try and 2 retries
    assert time.monotonic() - start < 15  # the huge body was not downloaded


def test_the_deadline_holds(faults):
    start = time.monotonic()
    results = check([faults + "/timeout?n=" + str(i) for i in range(20)], deadline=2, timeout=5, per_host=2)
    took = time.monotonic() - start
    assert took < 4, took
    verdicts = {r.verdict for r in results.values()}
    assert verdicts <= {"not-checked", "timeout"} and "not-checked" in verdicts


def test_cache_skips_fresh_results_and_survives_an_interrupted_run(faults, tmp_path):
    path = tmp_path / "cache.json"
    Faults.hits.clear()
    check([faults + "/ok", faults + "/404", faults + "/timeout"], Cache(path), deadline=1.5, timeout=5)
    data = json.loads(path.read_text(encoding="utf-8"))  # valid JSON, though the run was cut short
    assert data[faults + "/ok"]["verdict"] == "ok" and data[faults + "/404"]["verdict"] == "broken"
    assert faults + "/timeout" not in data
    hits_ok, hits_404 = Faults.hits["/ok"], Faults.hits["/404"]
    results = check([faults + "/ok", faults + "/404"], Cache(path))
    assert Faults.hits["/ok"] == hits_ok  # fresh: not asked again
    assert Faults.hits["/404"] > hits_404  # failed: asked again
    assert results[faults + "/ok"].verdict == "ok"
    path.write_text("{not json", encoding="utf-8")
    assert Cache(path).entries == {}  # a damaged cache is ignored


BIB = """\
- id: good
  type: article-journal
  title: "Ketamine for chronic pain: a review"
  author: [{family: Doe, given: J}]
  issued: 2020
  container-title: J Test
  DOI: 10.1000/good
  PMID: 111
  study_type: narrative-review
  summary: {fr: Résumé., en: Summary.}
- id: wrongdoi
  type: article-journal
  title: Ketamine for chronic pain
  author: [{family: Doe, given: J}]
  issued: 2020
  container-title: J Test
  DOI: 10.1000/wrong
  PMID: 222
  study_type: narrative-review
  summary: {fr: Résumé., en: Summary.}
- id: nodoi
  type: article-journal
  title: Ketamine for chronic pain
  author: [{family: Doe, given: J}]
  issued: 2020
  container-title: J Test
  DOI: 10.9999/missing
  study_type: narrative-review
  summary: {fr: Résumé., en: Summary.}
"""


def test_dois_and_pmids_are_checked_against_the_titles(faults):
    bib = load_references(BIB, "data/references.yml", ["fr", "en"])
    assert bib.problems == []
    s = settings(doi_api=faults + "/api/handles/", doi_resolver=faults + "/doi/", eutils=faults + "/eutils/")
    Faults.hits.clear()
    results = {r.url: r for r in run_sync(lambda: check_identifiers(bib, s))}
    assert results["DOI 10.1000/good"].verdict == "ok"
    assert results["DOI 10.1000/wrong"].verdict == "title-mismatch"
    assert results["DOI 10.9999/missing"].verdict == "broken"
    assert results["PMID 111"].verdict == "ok"
    assert results["PMID 222"].verdict == "broken"
    assert Faults.hits["/eutils/esummary.fcgi"] == 1  # one batched request


def test_titles_match_despite_case_punctuation_and_markup():
    assert same_title("Ketamine for <i>chronic</i> pain: a review.", "ketamine for chronic pain - a review")
    assert not same_title("Something else entirely", "Ketamine for chronic pain")


def test_cli_reports_and_exits_non_zero(faults, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<html lang="fr"><head><link rel="canonical" href="http://example.org/"></head><body>'
        f'<a href="{faults}/ok">a</a><a href="{faults}/404">b</a></body></html>', encoding="utf-8")
    refs = tmp_path / "refs.yml"
    refs.write_text("[]\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = subprocess.run(
        [*KF, "external", site, "--references", refs, "--cache", tmp_path / "c.json",
         "--report", report, "--timeout", "2", "--deadline", "20"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert f"index.html → {faults}/404: broken 404 (the page is gone)" in result.stdout
    assert f"{faults}/ok" not in result.stdout
    assert {r["verdict"] for r in json.loads(report.read_text(encoding="utf-8"))} == {"ok", "broken"}


class OfficialPages(BaseHTTPRequestHandler):
    """Official pages giving (or no longer giving) help numbers."""

    PAGES = {
        "/numeros": "<html><body><p>Samu : composez le <strong>15</strong>.</p><p>Prévention : le 31 14.</p></body></html>",
        "/moved": None,
        "/changed": ("<html><body><p>Samu : composez le 115.</p><p>Voir signalement-sante.gouv.fr</p>"
                     "<p><a href='https://www.fda.gov/medwatch'>Report</a></p>"
                     "<script>var samu = '15';</script></body></html>"),
    }

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/numeros")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self.PAGES.get(self.path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def official():
    yield from local_server(OfficialPages)


def test_help_numbers_are_looked_for_on_their_source_pages(official):
    import datetime as dt

    from kf.cli.checks.external import check_help_numbers
    from kf.core.care import Help, Number

    def number(id_, reach, path, how="call"):
        return Number(id_, "emergency", how, reach, "tel:" + reach, "France", "{reach}", official + path, "here",
                      dt.date(2026, 12, 8))

    helps = {"data/help-fr.yml": Help("data/help-fr.yml", [
        number("samu", "15", "/numeros"),  # there, in bold
        number("prevention", "3114", "/moved"),  # written « 31 14 », after a redirect
        number("samu-old", "15", "/changed"),  # the page now says 115 (and 15 only in a script)
        number("portal", "signalement-sante.gouv.fr", "/changed", how="web"),
        # a label, not an address: found by the host of its link
        Number("medwatch", "report", "web", "FDA MedWatch", "https://fda.gov/medwatch", "US", "{reach}",
               official + "/changed", "here", dt.date(2026, 12, 8)),
        number("gone", "112", "/404"),
    ])}
    checker = Checker(settings(), Cache(None))
    results = {r.url: r for r in run_sync(lambda: check_help_numbers(helps, checker))}
    verdict = {label.split("(")[1].rstrip(")"): r.verdict for label, r in results.items()}
    assert verdict == {"samu": "ok", "prevention": "ok", "samu-old": "number-not-found", "portal": "ok",
                       "medwatch": "ok", "gone": "broken"}
    gone = results["help number 15 (samu-old)"]
    assert gone.sources == ["data/help-fr.yml#samu-old"]
    assert "no longer gives 15" in gone.detail and "data/help-fr.yml" in gone.detail
