"""The build server the tests build through (kf.devtools.local_site.BuildServer) gives
what a new `python -m mkdocs build --strict` process gives: the exit code, the messages,
a traceback when the build raises, and nothing kept from one build to the next."""

from __future__ import annotations

from kf.devtools.local_site import BuildServer, mkdocs_build

URL = "http://127.0.0.1:9/sub/"


def small_project(root, page="# Home\n", hook=None):
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    config = "site_name: Small\nsite_url: !ENV [SITE_URL]\ntheme: mkdocs\n"
    if hook:
        (root / "hook.py").write_text(hook, encoding="utf-8")
        config += "hooks:\n  - hook.py\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def test_same_result_as_a_new_process_and_no_state_kept_between_builds(tmp_path):
    # a warning MkDocs prints once per process (its duplicate filter): printed by each build
    project = small_project(tmp_path / "p", page="# Home\n\n[gone](nowhere.md)\n",
                            hook="import os\ndef on_config(config):\n    print('site_url', os.environ['SITE_URL'])\n")
    alone = mkdocs_build(project, tmp_path / "out0", URL)
    with BuildServer() as server:
        first = server.build(project, tmp_path / "out1", URL)
        second = server.build(project, tmp_path / "out2", "http://127.0.0.1:9/other/")
    for result in (alone, first, second):
        assert result.returncode == 1
        assert "WARNING -  Doc file 'index.md' contains a link 'nowhere.md'" in result.stderr
        assert "Aborted with 1 warnings in strict mode!" in result.stdout  # where MkDocs prints it
        assert "Traceback" not in result.stderr
    assert "site_url " + URL in alone.stdout and "site_url " + URL in first.stdout
    assert "site_url http://127.0.0.1:9/other/" in second.stdout  # each build's own environment


def test_a_build_that_raises_shows_its_traceback(tmp_path):
    project = small_project(tmp_path / "p", hook="def on_config(config):\n    raise RuntimeError('boom in a hook')\n")
    with BuildServer() as server:
        result = server.build(project, tmp_path / "out", URL)
        ok = server.build(small_project(tmp_path / "q"), tmp_path / "out-q", URL)
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr and "RuntimeError: boom in a hook" in result.stderr
    assert ok.returncode == 0, ok.stderr  # the server goes on after a failed build
    assert (tmp_path / "out-q" / "index.html").exists()


def test_a_build_that_hangs_is_stopped_and_the_server_goes_on(tmp_path):
    import subprocess

    import pytest

    project = small_project(tmp_path / "p", hook="import time\ndef on_config(config):\n    time.sleep(60)\n")
    with BuildServer() as server:
        with pytest.raises(subprocess.TimeoutExpired) as caught:
            server.build(project, tmp_path / "out", URL, timeout=2)
        with pytest.raises(ValueError):
            server.build(project, tmp_path / "out", URL, timeout=0)
        ok = server.build(small_project(tmp_path / "q"), tmp_path / "out-q", URL)
    assert 'hook.py", line 3 in on_config' in caught.value.stderr  # where it hung: the hook's sleep
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "out-q" / "index.html").exists()
