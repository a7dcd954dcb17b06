"""The synthetic corpus of `make bench` (scripts/bench_build.py) must pass the strict
build, or every build and search benchmark stops: a new content check has to be met by
the generated articles too."""

from __future__ import annotations

from kf.devtools.bench_build import make_corpus
from conftest import mkdocs_build


def test_the_benchmark_corpus_builds_strictly(tmp_path):
    project = tmp_path / "corpus"
    project.mkdir()
    make_corpus(project, 3)
    result = mkdocs_build(project, tmp_path / "site", "http://127.0.0.1:9/sub/")
    assert result.returncode == 0, "\n".join(line for line in result.stderr.splitlines() if "WARNING" in line)
    assert (tmp_path / "site/en/articles/corpus/a0002/index.html").is_file()
