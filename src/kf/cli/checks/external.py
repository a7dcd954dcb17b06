"""External links, DOIs and PMIDs: checked on the real internet, on demand and weekly,
never in the offline tests (which run it against a local fault server).

- URLs come from the built site (links, images) and the bibliography (URL, DOI as
  https://doi.org/..., PMID as a PubMed link), each with the places that use it.
- Requests: HEAD first, GET when HEAD is refused; redirects followed by hand, with a
  loop and a hop limit; bounded concurrency per host; timeouts; retries with backoff that
  honour Retry-After on 429 and 503; a hard global deadline.
- A JSON cache (per-entry expiry, written atomically after each result) means a rerun
  only rechecks what expired or failed, and an interrupted run loses nothing.
- Hosts known to refuse robots, and answers 401/403, are "unverifiable", not broken.
- DOIs are checked through the DOI handle API and PMIDs through NCBI E-utilities
  (batched); the titles they return are compared with the bibliography's titles.
- For every DOI, Crossref is asked whether a notice (retraction, correction, expression
  of concern, withdrawal) updates the work (checks/notices.py), through the same checker:
  same per-host limits, retries, deadline and cache. A notice editors have not recorded
  under `update:` in data/references.yml is a "new-notice"; an unanswered question is
  "notice-status-unknown", never "no notice".
- Every help number of the care cards (data/help-<code>.yml, core/care.py) is looked for
  on its official source page: a number the page no longer gives is "number-not-found".
"""

from __future__ import annotations

import asyncio
import difflib
import email.utils
import json
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import httpx

OK, BROKEN, ERROR, TIMEOUT, LOOP, UNVERIFIABLE, SKIPPED, MISMATCH = (
    "ok", "broken", "error", "timeout", "redirect-loop", "unverifiable", "not-checked", "title-mismatch"
)
NOTICE, UNKNOWN = "new-notice", "notice-status-unknown"
NUMBER_GONE = "number-not-found"
PROBLEMS = {BROKEN, ERROR, TIMEOUT, LOOP, MISMATCH, NOTICE, NUMBER_GONE}
#: Hosts that answer robots with errors or challenges whatever the page: never "broken".
ROBOT_BLOCKERS = {
    "www.sciencedirect.com", "onlinelibrary.wiley.com", "www.tandfonline.com", "journals.lww.com",
    "www.jstor.org", "academic.oup.com", "www.scribd.com", "ard.bmj.com", "www.researchgate.net",
}
USER_AGENT = "kf-link-check/1.0 (patient-information site; checks its own references)"


@dataclass
class Settings:
    timeout: float = 10.0  # per request: connect, and wait between body chunks
    deadline: float = 600.0  # the whole run
    per_host: int = 2
    total: int = 16
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    max_redirects: int = 10
    max_body: int = 65536  # bytes read from a GET body; the rest is not downloaded
    ok_ttl: float = 7 * 86400  # a good link is rechecked after a week
    doi_api: str = "https://doi.org/api/handles/"
    doi_resolver: str = "https://doi.org/"
    eutils: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    crossref: str = "https://api.crossref.org/"
    max_json: int = 2_000_000  # bytes of an API answer read at most
    robot_blockers: set[str] = field(default_factory=lambda: set(ROBOT_BLOCKERS))


@dataclass
class Result:
    url: str
    verdict: str
    status: int | None = None
    detail: str = ""
    final_url: str = ""
    checked_at: float = 0.0
    expires_at: float = 0.0
    sources: list[str] = field(default_factory=list)
    notices: list[dict] = field(default_factory=list)  # Crossref's notices about a work

    def __str__(self) -> str:
        where = ", ".join(self.sources[:3]) + (" ..." if len(self.sources) > 3 else "")
        status = f" {self.status}" if self.status else ""
        return f"{where} → {self.url}: {self.verdict}{status}{' (' + self.detail + ')' if self.detail else ''}"


# --------------------------------------------------------------------------- collecting


def collect(site: Path | None, bibliography, site_url: str = "", doi_resolver: str = "https://doi.org/") -> dict[str, list[str]]:
    """External URL -> places that use it (page paths, or `references.yml#id`)."""
    from selectolax.lexbor import LexborHTMLParser

    urls: dict[str, list[str]] = {}

    def add(url: str, where: str) -> None:
        url = url.strip()
        if url.startswith(("http://", "https://")) and not (site_url and url.startswith(site_url)):
            places = urls.setdefault(url.split("#", 1)[0], [])
            if where not in places:
                places.append(where)

    if site is not None:
        for page in sorted(Path(site).rglob("*.html")):
            rel = page.relative_to(site).as_posix()
            doc = LexborHTMLParser(page.read_bytes())
            for node in doc.css("a[href], img[src], link[href], script[src], iframe[src], source[src]"):
                if node.tag == "link" and (node.attributes.get("rel") or "") in ("canonical", "alternate"):
                    continue
                add(node.attributes.get("href") or node.attributes.get("src") or "", rel)
    if bibliography is not None:
        for ref in bibliography.references.values():
            where = f"data/references.yml#{ref.id}"
            if ref.url:
                add(ref.url, where)
            if ref.doi:
                add(doi_resolver + ref.doi, where)
            if ref.pmid:
                add(f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/", where)
    return urls


# --------------------------------------------------------------------------- cache


class Cache:
    """Results by URL in a JSON file, rewritten atomically after every result."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, dict] = {}
        if path and path.is_file():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                self.entries = {}  # a damaged cache is only a cache: start again

    def fresh(self, url: str, now: float) -> Result | None:
        entry = self.entries.get(url)
        if entry and entry.get("verdict") not in PROBLEMS and entry.get("expires_at", 0) > now:
            return Result(**{k: v for k, v in entry.items() if k in Result.__dataclass_fields__})
        return None

    def store(self, result: Result) -> None:
        data = asdict(result)
        data.pop("sources", None)
        self.entries[result.url] = data
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".links-cache-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.entries, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.path)


# --------------------------------------------------------------------------- checking


def _retry_after(response: httpx.Response, settings: Settings) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), settings.max_retry_after)
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when - time.time()), settings.max_retry_after)


class Checker:
    def __init__(self, settings: Settings, cache: Cache, client: httpx.AsyncClient | None = None):
        self.settings = settings
        self.cache = cache
        self.client = client
        self.hosts: dict[str, asyncio.Semaphore] = {}
        self.total = asyncio.Semaphore(settings.total)
        self.stop_at = 0.0

    def _host(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).netloc
        if host not in self.hosts:
            self.hosts[host] = asyncio.Semaphore(self.settings.per_host)
        return self.hosts[host]

    async def _request(self, method: str, url: str, keep_body: bool = False, accept: str = "application/json") -> httpx.Response:
        """One request; a GET reads at most max_body bytes of the body, or keeps the
        body (at most max_json bytes, as `response.kf_body`) when asked."""
        headers = {"User-Agent": USER_AGENT, **({"Accept": accept} if keep_body else {})}
        request = self.client.build_request(method, url, headers=headers)
        response = await self.client.send(request, stream=True, follow_redirects=False)
        try:
            if keep_body:
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > self.settings.max_json:
                        raise _TooBig(f"the answer is larger than {self.settings.max_json} bytes")
                response.kf_body = bytes(body)
            elif method == "GET":
                received = 0
                async for chunk in response.aiter_raw():
                    received += len(chunk)
                    if received >= self.settings.max_body:
                        break
        finally:
            await response.aclose()
        return response

    async def _follow(self, url: str, request) -> tuple[httpx.Response, str]:
        """request(url) for the URL, then for each redirect it answers, followed by hand
        (a loop and a hop limit are errors): the last answer and its URL."""
        seen = [url]
        current = url
        for _ in range(self.settings.max_redirects + 1):
            response = await request(current)
            if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                nxt = urljoin(current, response.headers["location"])
                if nxt in seen:
                    raise _Loop(" → ".join(seen + [nxt]))
                seen.append(nxt)
                current = nxt
                continue
            return response, current
        raise _Loop(f"more than {self.settings.max_redirects} redirects")

    async def _head_then_get(self, url: str) -> httpx.Response:
        response = await self._request("HEAD", url)
        if response.status_code in (400, 403, 404, 405, 406, 429, 500, 501, 503) or response.status_code >= 500:
            response = await self._request("GET", url)  # some servers refuse or mishandle HEAD
        return response

    async def _fetch(self, url: str) -> tuple[httpx.Response, str]:
        """Follow redirects by hand; HEAD, then GET when HEAD is refused."""
        return await self._follow(url, self._head_then_get)

    async def fetch_page(self, url: str) -> tuple[httpx.Response, str]:
        """A web page's body (at most max_json bytes, as `response.kf_body`), redirects
        followed by hand."""
        return await self._follow(url, lambda u: self._request("GET", u, keep_body=True, accept="text/html,*/*;q=0.8"))

    async def fetch_json(self, url: str) -> tuple[httpx.Response, str]:
        """An API's answer, its body kept (no redirects: an API answers in place)."""
        return await self._request("GET", url, keep_body=True), url

    async def check(self, url: str, fetch=None, accept=None) -> Result:
        """One URL's verdict. fetch(url) -> (response, final URL) is _fetch by default;
        accept(url, response) makes the Result of a 2xx answer (default: OK)."""
        settings = self.settings
        fetch = fetch or self._fetch
        host = urlsplit(url).netloc
        attempt = 0
        while True:
            remaining = self.stop_at - time.monotonic()
            if remaining <= 0:
                return Result(url, SKIPPED, detail="the run's deadline came first")
            cut_by_deadline = remaining < settings.timeout * 3
            try:
                async with self.total, self._host(url):
                    response, final = await asyncio.wait_for(fetch(url), timeout=min(remaining, settings.timeout * 3))
            except _Loop as exc:
                return Result(url, LOOP, detail=str(exc))
            except _TooBig as exc:
                return Result(url, ERROR, detail=str(exc))
            except asyncio.TimeoutError:
                if cut_by_deadline:
                    return Result(url, SKIPPED, detail="the run's deadline came first")
                verdict, status, detail, wait = TIMEOUT, None, f"no complete answer within {settings.timeout * 3:g} s", None
            except httpx.TimeoutException:
                verdict, status, detail, wait = TIMEOUT, None, f"no answer within {settings.timeout:g} s", None
            except httpx.HTTPError as exc:
                verdict, status, detail, wait = ERROR, None, type(exc).__name__, None
            else:
                status = response.status_code
                if 200 <= status < 300:
                    if accept is not None:
                        return accept(url, response)
                    return Result(url, OK, status, final_url=final if final != url else "")
                wait = _retry_after(response, settings) if status in (429, 503) else None
                if status in (401, 403, 429, 999) or host in settings.robot_blockers:
                    verdict, detail = UNVERIFIABLE, "the server refuses automatic checks; check it by hand"
                elif status in (404, 410) or 400 <= status < 500:
                    return Result(url, BROKEN, status, detail="the page is gone" if status in (404, 410) else "")
                else:
                    verdict, detail = ERROR, "server error"
            if attempt >= settings.retries:
                if host in settings.robot_blockers and verdict != OK:
                    verdict = UNVERIFIABLE
                return Result(url, verdict, status, detail)
            attempt += 1
            delay = wait if wait is not None else settings.backoff * (2 ** (attempt - 1))
            if time.monotonic() + delay >= self.stop_at:
                return Result(url, verdict, status, detail)
            await asyncio.sleep(delay)

    async def run(self, urls: dict[str, list[str]], fetch=None, accept=None) -> list[Result]:
        """Check every URL (see check for fetch and accept). Several runs of one Checker
        share one deadline: the first run starts it."""
        settings = self.settings
        if not self.stop_at:
            self.stop_at = time.monotonic() + settings.deadline
        own_client = self.client is None
        if own_client:
            self.client = httpx.AsyncClient(
                timeout=httpx.Timeout(settings.timeout), limits=httpx.Limits(max_connections=settings.total)
            )
        now = time.time()
        results: dict[str, Result] = {}

        async def one(url: str) -> None:
            cached = self.cache.fresh(url, now)
            result = cached or await self.check(url, fetch, accept)
            if not cached and result.verdict != SKIPPED:
                result.checked_at = time.time()
                result.expires_at = result.checked_at + (settings.ok_ttl if result.verdict not in PROBLEMS else 0)
                self.cache.store(result)
            result.sources = urls[url]
            results[url] = result

        tasks = [asyncio.create_task(one(url)) for url in urls]
        try:
            pending = set()
            if tasks:
                _, pending = await asyncio.wait(tasks, timeout=max(0.0, self.stop_at - time.monotonic()) + 0.5)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        finally:
            if own_client:
                await self.client.aclose()
                self.client = None
        for url in urls:
            if url not in results:
                results[url] = Result(url, SKIPPED, detail="the run's deadline came first", sources=urls[url])
        return [results[url] for url in urls]


class _Loop(Exception):
    pass


class _TooBig(Exception):
    pass


# --------------------------------------------------------------------------- DOIs and PMIDs


def same_title(a: str, b: str) -> bool:
    """Titles match when they agree once case, accents, punctuation and HTML tags are ignored."""

    from selectolax.lexbor import LexborHTMLParser

    def norm(text: str) -> str:
        if "<" in (text or ""):  # JATS markup in titles (<i>, <sup>)
            text = LexborHTMLParser(f"<body>{text}").body.text(separator=" ")
        text = unicodedata.normalize("NFKD", (text or "").casefold())
        text = "".join(c for c in text if not unicodedata.combining(c))
        return " ".join(re.sub(r"[^\w]+", " ", text).split())

    x, y = norm(a), norm(b)
    return bool(x and y) and (x == y or difflib.SequenceMatcher(None, x, y).ratio() >= 0.9)


async def check_identifiers(bibliography, settings: Settings, client: httpx.AsyncClient | None = None) -> list[Result]:
    """DOIs (handle API, then title by content negotiation) and PMIDs (E-utilities, batched)."""
    own = client is None
    client = client or httpx.AsyncClient(timeout=httpx.Timeout(settings.timeout))
    results: list[Result] = []
    try:
        refs = list(bibliography.references.values())
        for ref in refs:
            if not ref.doi:
                continue
            where = [f"data/references.yml#{ref.id}"]
            label = f"DOI {ref.doi}"
            try:
                handle = await client.get(settings.doi_api + quote(ref.doi, safe="/"), headers={"User-Agent": USER_AGENT})
                code = handle.json().get("responseCode") if handle.headers.get("content-type", "").startswith("application/json") else None
                if handle.status_code == 404 or code == 100:
                    results.append(Result(label, BROKEN, handle.status_code, "this DOI does not exist", sources=where))
                    continue
                meta = await client.get(
                    settings.doi_resolver + quote(ref.doi, safe="/"),
                    headers={"Accept": "application/vnd.citationstyles.csl+json", "User-Agent": USER_AGENT},
                    follow_redirects=True,
                )
                title = meta.json().get("title", "") if meta.status_code == 200 else ""
                if isinstance(title, list):
                    title = title[0] if title else ""
                if title and not same_title(title, ref.title):
                    results.append(Result(label, MISMATCH, None, f"the DOI is for “{title}”, not this reference's title", sources=where))
                else:
                    results.append(Result(label, OK if title else UNVERIFIABLE, 200, "" if title else "no title returned", sources=where))
            except (httpx.HTTPError, ValueError) as exc:
                results.append(Result(label, ERROR, None, type(exc).__name__, sources=where))
        with_pmid = [r for r in refs if r.pmid]
        for start in range(0, len(with_pmid), 100):  # E-utilities accepts batches of ids
            batch = with_pmid[start : start + 100]
            try:
                response = await client.get(
                    settings.eutils + "esummary.fcgi",
                    params={"db": "pubmed", "retmode": "json", "id": ",".join(r.pmid for r in batch)},
                    headers={"User-Agent": USER_AGENT},
                )
                data = response.json().get("result", {})
            except (httpx.HTTPError, ValueError) as exc:
                results += [Result(f"PMID {r.pmid}", ERROR, None, type(exc).__name__, sources=[f"data/references.yml#{r.id}"]) for r in batch]
                continue
            for ref in batch:
                where = [f"data/references.yml#{ref.id}"]
                record = data.get(ref.pmid, {})
                if not record or "error" in record:
                    results.append(Result(f"PMID {ref.pmid}", BROKEN, None, "PubMed has no record with this id", sources=where))
                elif not same_title(record.get("title", ""), ref.title):
                    results.append(Result(f"PMID {ref.pmid}", MISMATCH, None, f"PubMed's record is “{record.get('title', '')}”", sources=where))
                else:
                    results.append(Result(f"PMID {ref.pmid}", OK, 200, sources=where))
    finally:
        if own:
            await client.aclose()
    return results


def run_sync(make_coroutine):
    """Run a coroutine to completion, in a thread of its own if an event loop is
    already running here (as in a test session that also drives a browser)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


async def check_notices(bibliography, checker: Checker, citing: dict[str, list[str]]) -> list[Result]:
    """For every DOI of the bibliography, the notices Crossref knows about the work: one
    Result per notice editors have not recorded yet (NOTICE), naming the pages citing the
    work (`citing`: reference id -> pages); an OK Result when there is none; UNKNOWN (or
    SKIPPED) when Crossref could not be asked."""
    from kf.cli.checks.notices import crossref_notices, crossref_url, is_recorded

    refs = [ref for ref in bibliography.references.values() if ref.doi]
    dois = {crossref_url(checker.settings.crossref, ref.doi): ref.doi for ref in refs}

    def accept(url: str, response: httpx.Response) -> Result:
        try:
            notices = crossref_notices(response.kf_body, dois[url])
        except (ValueError, KeyError, TypeError, AttributeError):
            return Result(url, ERROR, response.status_code, "the answer is not Crossref's JSON")
        return Result(url, OK, response.status_code, notices=notices)

    answers = {r.url: r for r in await checker.run({url: ["data/references.yml"] for url in dois}, checker.fetch_json, accept)}
    out = []
    for ref in refs:
        answer = answers[crossref_url(checker.settings.crossref, ref.doi)]
        where = [f"data/references.yml#{ref.id}", *citing.get(ref.id, [])]
        label = f"notices of DOI {ref.doi}"
        if answer.verdict != OK:
            verdict = SKIPPED if answer.verdict == SKIPPED else UNKNOWN
            why = f"{answer.verdict}{' ' + str(answer.status) if answer.status else ''}{': ' + answer.detail if answer.detail else ''}"
            out.append(Result(label, verdict, answer.status, f"Crossref could not be asked ({why}); whether a notice updates this work is unknown", sources=where))
            continue
        new = [n for n in answer.notices if not is_recorded(n, ref)]
        for notice in new:
            source = f" (from {notice['source']})" if notice["source"] else ""
            out.append(Result(
                label, NOTICE, answer.status,
                f"{notice['type']} of {notice['date'] or 'unknown date'}: https://doi.org/{notice['notice']}{source}; "
                "read it, then record it under 'update:' in data/references.yml",
                sources=where, notices=[notice],
            ))
        if not new:
            recorded = f"{len(answer.notices)} notice(s), all recorded" if answer.notices else ""
            out.append(Result(label, OK, answer.status, recorded, sources=where, notices=answer.notices))
    return out


def page_has_number(body: bytes, reach: str, href: str = "") -> bool:
    """Whether a page gives a help number in its text (digits alone, spaces or dots
    between them allowed: « 31 14 » is 3114), or a web address in its text or its links
    (href: the address the card links to; its host is looked for among the page's
    links). Scripts and styles are not text. A short number found anywhere in the text
    counts: this tells a number that is gone, not one that moved to another line."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(body.decode("utf-8", errors="replace"))
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    text = " ".join((tree.body.text(deep=True) if tree.body is not None else "").split())
    digits = reach.replace(" ", "").lstrip("+")
    if digits.isdigit():
        pattern = r"(?<![\d])" + r"[ .\u00a0\u202f-]?".join(re.escape(d) for d in digits) + r"(?![\d])"
        return re.search(pattern, text) is not None
    if reach.casefold() in text.casefold():
        return True
    host = urlsplit(href).netloc.casefold().removeprefix("www.")
    links = {urlsplit(a.attributes.get("href") or "").netloc.casefold().removeprefix("www.") for a in tree.css("a[href]")}
    return bool(host) and (host in text.casefold() or host in links)


async def check_help_numbers(helps: dict, checker: Checker) -> list[Result]:
    """Each help number looked for on its source page (helps: file -> core.care.Help)."""
    numbers = [(path, n) for path, help_ in helps.items() for n in help_.numbers]
    wanted: dict[str, list] = {}
    for path, number in numbers:
        wanted.setdefault(number.source, []).append((path, number))
    pages: dict[str, Result] = {}

    def accept(url: str, response: httpx.Response) -> Result:
        result = Result(url, OK, response.status_code)
        result.kf_body = response.kf_body
        return result

    for answer in await checker.run({url: [f"{p}#{n.id}" for p, n in group] for url, group in wanted.items()}, checker.fetch_page, accept):
        pages[answer.url] = answer
    out = []
    for path, number in numbers:
        page = pages[number.source]
        label = f"help number {number.reach} ({number.id})"
        where = [f"{path}#{number.id}"]
        if page.verdict != OK:
            out.append(Result(label, page.verdict, page.status, f"its source {number.source} could not be read: "
                              f"{page.detail or page.verdict}", sources=where))
        elif not hasattr(page, "kf_body"):  # from the cache: the page answered, not read again this time
            out.append(Result(label, OK, page.status, "source page reachable (cached)", sources=where))
        elif page_has_number(page.kf_body, number.reach, number.href if number.how == "web" else ""):
            out.append(Result(label, OK, page.status, sources=where))
        else:
            out.append(Result(label, NUMBER_GONE, page.status, (
                f"{number.source} no longer gives {number.reach}: read the page, then correct or remove the "
                f"number in {path} (and update its 'verified' date)"), sources=where))
    return out


def run_all(
    urls: dict[str, list[str]], bibliography, settings: Settings, cache: Cache, citing: dict[str, list[str]] | None = None,
    helps: dict | None = None,
) -> list[Result]:
    """Notices first (few, and what matters most), then the help numbers, links, DOIs and
    PMIDs, all within one deadline. citing: reference id -> the pages citing it (for the
    notices); helps: help file -> its numbers (core/care.py)."""
    async def main():
        checker = Checker(settings, cache)
        notices = await check_notices(bibliography, checker, citing or {}) if bibliography is not None else []
        numbers = await check_help_numbers(helps, Checker(settings, Cache(None))) if helps else []
        links = await checker.run(urls)
        ids = await check_identifiers(bibliography, settings) if bibliography is not None else []
        return links + ids + notices + numbers

    return run_sync(main)
