"""The search benchmark's counting (kf.devtools.bench_search): README's figures rest on it."""

from __future__ import annotations

import urllib.request

from kf.devtools.bench_search import kinds, rank_of, scores, served


def test_bytes_are_counted_by_the_server_as_sent_gzip_or_not(tmp_path):
    (tmp_path / "search" / "fr").mkdir(parents=True)
    (tmp_path / "search" / "fr" / "terms.json").write_text('{"x": 1}\n' * 600)  # 5,400 bytes, sent gzip
    (tmp_path / "figure.png").write_bytes(bytes(range(256)) * 12)  # 3,072 bytes, as is
    sent = []
    with served(tmp_path, sent) as url:
        request = urllib.request.Request(url + "search/fr/terms.json", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            terms = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
        request = urllib.request.Request(url + "figure.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            image = response.read()
            assert response.headers.get("Content-Encoding") is None
    counted = dict(sent)
    assert set(counted) == {"/kf-test/search/fr/terms.json", "/kf-test/figure.png"}
    # the body as sent (compressed) plus the status line and headers
    assert len(terms) < 1000 and len(terms) + 100 < counted["/kf-test/search/fr/terms.json"] < len(terms) + 400
    assert len(image) == 3072 and 3072 + 100 < counted["/kf-test/figure.png"] < 3072 + 400


def test_bytes_by_kind_count_search_requests_only():
    sent = [("/kf-test/search/fr/index/ket.json", 10), ("/kf-test/search/fr/index/dou.json", 20),
            ("/kf-test/search/fr/pages/3.json", 5), ("/kf-test/assets/javascripts/kf-search.js", 7),
            ("/kf-test/search/fr/terms.json", 1), ("/kf-test/assets/images/favicon.png", 100)]
    assert kinds(sent) == {"code": 8, "index": 30, "texts": 5}


def test_rank_is_among_distinct_pages_and_scores():
    results = ["http://h/kf-test/a/#one", "http://h/kf-test/a/#two", "http://h/kf-test/b/"]
    assert rank_of(results, "/kf-test/b/") == 2
    assert rank_of(results, "/kf-test/c/") is None
    assert scores([1, 2, None, 4]) == (0.5, (1 + 1 / 2 + 1 / 4) / 4)
