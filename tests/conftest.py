"""Shared fixtures: the real site built once per test session, served on 127.0.0.1
under a sub-path (as on GitHub Pages), throw-away copies of the project for builds
that must fail, and headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

#: The sub-path the test server serves the site under, like a GitHub Pages project site.
PREFIX = "/kf-test/"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# --------------------------------------------------------------------------- building


def mkdocs_build(project: Path, site_dir: Path, site_url: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project, as an editor or CI would run it."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_project(dest: Path) -> Path:
    """A copy of the project's site sources (config, theme overrides, content, data)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "overrides", dest / "overrides", ignore=ignore)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=ignore)
    shutil.copytree(ROOT / "data", dest / "data", ignore=ignore)
    return dest


@dataclass
class Site:
    dir: Path
    url: str  # absolute URL of the site root, ends with "/"
    log: str

    def path(self, rel: str) -> Path:
        rel = unquote(rel)
        p = self.dir / rel
        return p / "index.html" if (rel == "" or rel.endswith("/")) else p

    def html(self, rel: str) -> LexborHTMLParser:
        return LexborHTMLParser(self.path(rel).read_text(encoding="utf-8"))

    def pages(self) -> list[str]:
        """Site paths of every HTML page but the 404 page ("", "en/", "a-propos/", ...)."""
        out = []
        for file in sorted(self.dir.rglob("index.html")):
            rel = file.parent.relative_to(self.dir).as_posix()
            out.append("" if rel == "." else rel + "/")
        return out


# --------------------------------------------------------------------------- serving


def local_server(handler):
    """A threaded HTTP server on 127.0.0.1 (a free port) for a request handler class, as a
    generator for fixtures: yields the server's base URL (no trailing slash), then stops it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class PagesLikeHandler(SimpleHTTPRequestHandler):
    """Serves a built site under PREFIX as GitHub Pages does: directories as their
    index.html, and the root 404.html (status 404) for any missing path."""

    def __init__(self, *args, site_dir: Path, **kwargs):
        self.site_dir = site_dir
        super().__init__(*args, directory=str(site_dir), **kwargs)

    def translate_path(self, path):
        p = urlsplit(path).path
        if not p.startswith(PREFIX):
            return str(self.site_dir / "__outside_the_site__")
        return super().translate_path("/" + p[len(PREFIX) :])

    GZIP_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def send_head(self):
        """Like GitHub Pages: text files are sent gzip-compressed when the browser asks."""
        url_path = self.path.split("?", 1)[0]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                return super().send_head()  # the redirect to the directory's URL
            path = os.path.join(path, "index.html")
        if "gzip" in self.headers.get("Accept-Encoding", "") and path.endswith(self.GZIP_TYPES) and os.path.isfile(path):
            import gzip
            import io

            with open(path, "rb") as fh:
                body = gzip.compress(fh.read(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        page = self.site_dir / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """An HTTP server on 127.0.0.1 serving the session's site folder under PREFIX."""
    site_dir = tmp_path_factory.mktemp("site")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesLikeHandler, site_dir=site_dir))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site_dir, f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def site(server) -> Site:
    """The real site, built once with `mkdocs build --strict` for the served sub-path."""
    site_dir, url = server
    result = mkdocs_build(ROOT, site_dir, url)
    assert result.returncode == 0, f"the real site does not build:\n{result.stderr}"
    return Site(site_dir, url, result.stderr)


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium. Missing Chromium fails the run in CI (never a
    silent skip there) and skips the browser tests elsewhere."""
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed: run `apt-get install chromium` (.ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab that records every request and console error."""
    context = browser.new_context(locale="fr-FR", service_workers="block")
    tab = context.new_page()
    tab.requests = []
    tab.console_errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda err: tab.console_errors.append(str(err)))
    yield tab
    context.close()
