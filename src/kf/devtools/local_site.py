"""What the tests and the benchmarks share: a `mkdocs build --strict` run (a new Python
process each, or forked from a build server that has imported MkDocs once), an HTTP
server on 127.0.0.1 serving a built site under a sub-path as GitHub Pages does,
Debian's Chromium, and Lighthouse."""

from __future__ import annotations

import faulthandler
import functools
import gzip
import importlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

#: The sub-path the test server serves the site under, like a GitHub Pages project site.
PREFIX = "/kf-test/"
#: Debian's full Chromium: Lighthouse runs it, as a visitor's browser.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Debian's headless shell of the same Chromium release (the same Blink engine without
#: the browser's window machinery), which Playwright drives: a new tab costs it about a
#: third of the full browser's processor time. It is also Playwright's own default for
#: headless runs.
HEADLESS_CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
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


# --------------------------------------------------------------------------- Lighthouse


def lighthouse_reports(urls: list[str], categories: list[str], chrome: str, root: Path) -> list[dict]:
    """Lighthouse's JSON report of each page, all run in one browser by root's
    scripts/lighthouse.mjs (through Lighthouse's Node API: its command line starts a new
    browser for each page and waits a few seconds for a timer of its own before it exits).
    Raises RuntimeError, with what Lighthouse said, when it could not run."""
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            ["node", str(root / "scripts" / "lighthouse.mjs"), chrome, ",".join(categories), out, *urls],
            cwd=root, capture_output=True, text=True, timeout=300,
        )
        if result.returncode != 0:
            raise RuntimeError(f"Lighthouse could not run (exit {result.returncode}): {result.stderr[-2000:]}")
        return [json.loads((Path(out) / f"{number}.json").read_text(encoding="utf-8"))
                for number in range(1, len(urls) + 1)]


# --------------------------------------------------------------------------- building


def _build_args(site_dir: Path) -> list[str]:
    return ["build", "--strict", "--clean", "-d", str(site_dir)]


def _build_env(site_url: str) -> dict[str, str]:
    return {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}


#: A build taking longer than this has hung: it is stopped (subprocess.TimeoutExpired).
BUILD_TIMEOUT = 600


def mkdocs_build(project: Path, site_dir: Path, site_url: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project, as an editor or CI would run it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *_build_args(site_dir)],
        cwd=project,
        env=_build_env(site_url),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )


class BuildServer:
    """The same `mkdocs build --strict` as mkdocs_build(), without paying for a new Python
    and its imports each time: a server process (`python -m kf.devtools.local_site`)
    imports MkDocs, its plugins and Markdown extensions once, then forks a new child for
    each build. The child starts from the server's state (imports only: the server never
    builds), sets the build's environment and working folder, runs MkDocs' own command
    line with its output sent to files, and exits; nothing of one build (logging
    handlers, plugin instances, caches in memory) reaches another, as with a new process
    (the compiled templates on disk are shared by every build, as outside the tests:
    mkdocs_adapter/template_cache.py). The result is what
    subprocess.run gives: the exit code, stdout and stderr, with a traceback in stderr
    if the build raised. A build that runs longer than its timeout is stopped, and
    subprocess.TimeoutExpired raised, as subprocess.run does; the server goes on.
    Thread-safe: builds through one server run one at a time; start one server per
    parallel build."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "kf.devtools.local_site"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            text=True,
            encoding="utf-8",
        )

    def build(self, project: Path, site_dir: Path, site_url: str,
              timeout: int = BUILD_TIMEOUT) -> subprocess.CompletedProcess:
        if not isinstance(timeout, int) or timeout < 1:
            raise ValueError(f"timeout: a whole number of seconds, at least 1 (not {timeout!r})")
        job = {"cwd": str(project), "args": _build_args(site_dir), "env": _build_env(site_url), "timeout": timeout}
        with self._lock:
            self._proc.stdin.write(json.dumps(job) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the build server stopped (exit code {self._proc.poll()})")
        result = json.loads(line)
        if result["code"] == -signal.SIGALRM:  # the child's alarm (_child_build): it ran out of time
            raise subprocess.TimeoutExpired([sys.executable, "-m", "mkdocs", *job["args"]], timeout,
                                            result["stdout"], result["stderr"])
        done = subprocess.CompletedProcess(
            [sys.executable, "-m", "mkdocs", *job["args"]], result["code"], result["stdout"], result["stderr"]
        )
        done.cpu_seconds = result["cpu"]  # the build's processor time (benchmarks)
        return done

    __call__ = build

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.stdin.close()
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


#: What every build imports: loaded once by the build server (more are learnt from each
#: build's child, see _serve).
_PRELOAD = (
    "mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.structure.files",
    "mkdocs.structure.nav", "mkdocs.structure.pages", "mkdocs.theme", "mkdocs_static_i18n.plugin",
    "material.extensions.emoji", "kf.mkdocs_adapter.plugin", "markdown", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.details", "pymdownx.emoji", "pymdownx.highlight", "jinja2",
    "babel.dates", "pygments.formatters.html", "selectolax.lexbor", "yaml",
)


def _child_build(job: dict, out_path: str, err_path: str) -> None:
    """In the forked child: run `mkdocs build` as `python -m mkdocs` would, then exit."""
    code = 1
    try:
        os.chdir(job["cwd"])
        os.environ.clear()
        os.environ.update(job["env"])
        for fd, path in ((0, os.devnull), (1, out_path), (2, err_path)):
            target = os.open(path, os.O_RDWR if fd == 0 else os.O_WRONLY | os.O_TRUNC)
            os.dup2(target, fd)
            os.close(target)
        import mkdocs.__main__ as mkdocs_main

        sys.argv = [mkdocs_main.__file__, *job["args"]]
        # A hung build stops: just before the alarm (whose default action ends the
        # child), where each thread is gets written to stderr.
        if job["timeout"] > 1:
            faulthandler.dump_traceback_later(job["timeout"] - 1, exit=False)
        signal.alarm(job["timeout"])
        try:
            mkdocs_main.cli.main(args=job["args"], prog_name="python -m mkdocs")
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            if not isinstance(exit_.code, (int, type(None))):
                print(exit_.code, file=sys.stderr)
        except BaseException:  # what Python prints for an uncaught exception
            traceback.print_exc()
            code = 1
        signal.alarm(0)
        faulthandler.cancel_dump_traceback_later()
        with open(out_path + ".modules", "w", encoding="utf-8") as fh:
            fh.write("\n".join(sorted(sys.modules)))
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _serve() -> None:
    """The build server's loop: one JSON job per line on stdin, one JSON result per line
    on stdout. Single-threaded, so forking is safe."""
    for name in _PRELOAD:
        importlib.import_module(name)
    with tempfile.TemporaryDirectory(prefix="kf-build-") as tmp:
        out_path, err_path = os.path.join(tmp, "stdout"), os.path.join(tmp, "stderr")
        for line in sys.stdin:
            job = json.loads(line)
            for path in (out_path, err_path):
                open(path, "w").close()
            pid = os.fork()
            if pid == 0:
                _child_build(job, out_path, err_path)
            _, status, usage = os.wait4(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            result = {"code": code, "cpu": usage.ru_utime + usage.ru_stime}
            for key, path in (("stdout", out_path), ("stderr", err_path)):
                with open(path, encoding="utf-8", errors="replace") as fh:
                    result[key] = fh.read()
            try:  # import what the build imported, so that the next child has it already
                with open(out_path + ".modules", encoding="utf-8") as fh:
                    for name in fh.read().split():
                        if name not in sys.modules:
                            try:
                                importlib.import_module(name)
                            except Exception:
                                pass
                os.unlink(out_path + ".modules")
            except OSError:
                pass
            sys.stdout.write(json.dumps(result) + "\n")
            sys.stdout.flush()


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


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, version: tuple) -> bytes:
    """A file's bytes, gzip-compressed, once per version of the file (`version`: its
    inode, size and dates, the change date included, which no copy keeps): the browser
    tests ask for the same style sheets and scripts with each page, and compressing them
    again each time was about 6% of the test workers' own processor time (py-spy,
    2026-12-02)."""
    with open(path, "rb") as fh:
        return gzip.compress(fh.read(), compresslevel=6)


class PagesLikeHandler(SimpleHTTPRequestHandler):
    """Serves a built site under PREFIX as GitHub Pages does: directories as their
    index.html, the root 404.html (status 404) for any missing path, text files
    gzip-compressed, and each file with GitHub Pages' `Cache-Control: max-age=600` (a
    browser keeps it ten minutes: a reader's next page reuses the style sheets and
    scripts; a test's next page too, which then costs Chromium about a third less)."""

    CACHE_CONTROL = "max-age=600"

    def send_response(self, code, message=None):
        super().send_response(code, message)
        if code == 200:
            self.send_header("Cache-Control", self.CACHE_CONTROL)

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
            stat = os.stat(path)
            body = _gzipped(path, (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
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


if __name__ == "__main__":
    _serve()


# --------------------------------------------------------------------------- browser

#: The search dialog's result line once results are shown ("2 documents trouvés", "No matching documents"...).
RESULT_META = r"/\d|Aucun|No matching/"


def type_search(page, query: str, links: str = ".md-search-result__item > a", timeout: float = 30000) -> list[str]:
    """Type a query in the search box of Material's dialog, as a person would (the search
    reads the query on keyup and on focus), wait for the result line, and return the
    addresses of the results (`links`: their selector)."""
    meta = "document.querySelector('.md-search-result__meta')"
    page.fill("input.md-search__input", "")
    page.press("input.md-search__input", "End")
    page.wait_for_function(f"() => {meta} && !{RESULT_META}.test({meta}.textContent)")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_function(f"() => {RESULT_META}.test({meta}.textContent)", timeout=timeout)
    return page.eval_on_selector_all(links, "els => els.map(e => e.href)")
