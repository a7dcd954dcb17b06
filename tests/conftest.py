"""Shared fixtures: the real site built once per test session, served on 127.0.0.1
under a sub-path (as on GitHub Pages), throw-away copies of the project for builds
that must fail, and headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import subprocess
import sys
import threading
import traceback
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from selectolax.lexbor import LexborHTMLParser

from kf.devtools.local_site import (  # noqa: F401 (shared with the tests)
    CHROMIUM_ARGS,
    HEADLESS_CHROMIUM,
    PREFIX,
    BuildServer,
    PagesLikeHandler,
    local_server,
)

ROOT = Path(__file__).resolve().parents[1]
#: The `kf` command (the package's console script, installed in .venv with the package).
KF = [str(Path(sys.executable).with_name("kf"))]


def run_kf(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`kf ARGS`, run from cwd in this process: its exit code, stdout and stderr as
    subprocess.run gives them, with the traceback in stderr if it raised (as the console
    script would show it). A new Python for each command costs about 0.13
    processor-seconds of start and imports, for about fifty commands per run;
    tests/tools/test_safety.py runs the installed console script itself. Not for `kf
    site` (worker processes) or `kf external` (its own event loop): those run as the
    command (KF)."""
    from kf.cli.main import main

    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or os.getcwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's usage errors (2), or a message: as Python exits
            if isinstance(exc.code, str):
                print(exc.code, file=sys.stderr)
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        except Exception:  # noqa: BLE001 - shown as the command would show it
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(["kf", *argv], code, out.getvalue(), err.getvalue())

#: Where the tests' temporary folders go when the machine has room there: memory (Linux's
#: tmpfs at /dev/shm). The tests write about 270 MB in thousands of small files (copies of
#: the project, built sites); on this machine's disk, creating a folder and a file costs
#: about twenty times more than in memory, and a run took 165 s instead of 155 s
#: (measured on 2026-12-02).
MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 2 * 1024**3


def _memory_available() -> int:
    """Bytes of memory the system could still give (Linux's MemAvailable), or 0."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def pytest_configure(config):
    """tmp_path and tmp_path_factory folders go to MEMORY when it has MEMORY_NEEDED free
    and the system twice that in available memory (a container's small /dev/shm, or a
    machine short of memory, does not), through pytest's own setting for the root of its
    temporary folders (PYTEST_DEBUG_TEMPROOT): pytest still numbers them, keeps a failed
    test's folder (pytest.ini; a passed run leaves nothing) and deletes the rest. A
    --basetemp or a PYTEST_DEBUG_TEMPROOT of your own wins. The setting is undone when
    the run ends."""
    if config.option.basetemp or "PYTEST_DEBUG_TEMPROOT" in os.environ:
        return
    try:
        roomy = (shutil.disk_usage(MEMORY).free >= MEMORY_NEEDED and os.access(MEMORY, os.W_OK)
                 and _memory_available() >= 2 * MEMORY_NEEDED)
    except OSError:
        roomy = False
    if roomy:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(MEMORY)
        config.add_cleanup(lambda: os.environ.pop("PYTEST_DEBUG_TEMPROOT", None))


@functools.cache
def _build_server() -> BuildServer:
    """The session's build server, started by its first build, stopped at its end."""
    return BuildServer()


def pytest_xdist_auto_num_workers(config):
    """pytest.ini asks pytest-xdist for `-n auto`: one worker per core and one more when the
    run builds sites and drives browsers; none for the unit tests alone, which are done
    before workers would have started. The extra worker works while the others wait (for
    Lighthouse, which waits for the network and the processor to be quiet, or for the
    slow servers of the link checker's tests). Measured on 2 cores, on 2026-12-01: 2
    workers 183-190 s, 3 workers 171 s, 4 workers 189 s (each worker builds the site once
    and starts its own browser)."""
    here = config.invocation_params.dir
    unit = ROOT / "tests" / "unit"
    paths = [(here / arg.split("::")[0]).resolve() for arg in config.args]
    if paths and all(path == unit or unit in path.parents for path in paths):
        return 0
    return (os.cpu_count() or 1) + 1


#: Test files, or test functions ("file::name"), whose tests share one expensive build (a
#: session or module fixture): all the tests of each run on one worker, which builds once.
SHARED_BUILD = ("tests/test_three_languages.py", "tests/tools/test_retraction_notice_site.py",
                "tests/test_bad_input.py::test_a_bad_line_in_a_page_stops_the_build_with_its_line_and_reason")


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """Each test is a unit of work that goes to the next free worker, except the tests of
    a SHARED_BUILD entry, which go together. (xdist's own `--dist loadgroup` does not
    group with this pytest: it renames node ids through an attribute pytest 9 no
    longer reads.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            for shared in SHARED_BUILD:
                if nodeid.startswith((shared + "::", shared + "[")):
                    return shared
            return nodeid

    return Scheduling(config, log)


def pytest_sessionfinish(session):
    if _build_server.cache_info().currsize:
        _build_server().close()


def mkdocs_build(project: Path, site_dir: Path, site_url: str):
    """`mkdocs build --strict` of a project, as an editor or CI would run it: exit code,
    stdout and stderr as subprocess.run gives them. Each build is a new process, forked
    from a server that has imported MkDocs once (kf.devtools.local_site.BuildServer),
    so no state of one build reaches another (but the compiled theme templates on disk,
    as outside the tests: mkdocs_adapter/template_cache.py). One build at a time: for
    parallel builds, start a BuildServer per worker."""
    return _build_server().build(project, site_dir, site_url)


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
    """Debian's headless Chromium (its headless shell). Missing Chromium fails the run in
    CI (never a silent skip there) and skips the browser tests elsewhere."""
    if not Path(HEADLESS_CHROMIUM).exists():
        message = ("Chromium's headless shell is not installed: run "
                   "`apt-get install chromium-headless-shell` (.ci/run does it)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=HEADLESS_CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: The browser context of a test's reader (page fixture; tests that need another setting
#: add it to these).
READER = {"locale": "fr-FR", "service_workers": "block"}


@pytest.fixture
def page(browser):
    """A fresh browser tab that records every request and console error."""
    context = browser.new_context(**READER)
    tab = context.new_page()
    tab.requests = []
    tab.console_errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda err: tab.console_errors.append(str(err)))
    yield tab
    context.close()
