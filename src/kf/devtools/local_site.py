"""What the tests and the benchmarks share: a `mkdocs build --strict` run, an HTTP
server on 127.0.0.1 serving a built site under a sub-path as GitHub Pages does, and
Debian's Chromium."""

from __future__ import annotations

import gzip
import io
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

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
