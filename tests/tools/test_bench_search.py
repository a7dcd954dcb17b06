"""The search benchmark's counting (kf.devtools.bench_search): README's figures rest on it."""

from __future__ import annotations

import urllib.request

from kf.devtools.bench_search import kinds, rank_of, scores, served


def test_bytes_are_counted_by_the_server_as_sent_gzip_or_not(tmp_path):
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind.js").write_text("let x = 1;\n" * 500)  # 5,500 bytes, sent gzip
    (tmp_path / "pagefind" / "wasm.fr.pagefind").write_bytes(bytes(range(256)) * 12)  # 3,072 bytes, as is
    sent = []
    with served(tmp_path, sent) as url:
        request = urllib.request.Request(url + "pagefind/pagefind.js", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            script = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
        with urllib.request.urlopen(url + "pagefind/wasm.fr.pagefind") as response:
            wasm = response.read()
    counted = dict(sent)
    assert set(counted) == {"/kf-test/pagefind/pagefind.js", "/kf-test/pagefind/wasm.fr.pagefind"}
    # the body as sent (compressed) plus the status line and headers
    assert len(script) < 1000 and len(script) + 100 < counted["/kf-test/pagefind/pagefind.js"] < len(script) + 400
    assert len(wasm) == 3072 and 3072 + 100 < counted["/kf-test/pagefind/wasm.fr.pagefind"] < 3072 + 400


def test_bytes_by_kind_count_search_requests_only():
    sent = [("/kf-test/pagefind/index/fr_1.pf_index", 10), ("/kf-test/pagefind/index/fr_2.pf_index", 20),
            ("/kf-test/pagefind/fragment/fr_3.pf_fragment", 5), ("/kf-test/pagefind/pagefind.js", 7),
            ("/kf-test/pagefind/kf-terms.fr.json", 1), ("/kf-test/assets/images/favicon.png", 100)]
    assert kinds(sent) == {"code": 8, "index": 30, "texts": 5}


def test_rank_is_among_distinct_pages_and_scores():
    results = ["http://h/kf-test/a/#one", "http://h/kf-test/a/#two", "http://h/kf-test/b/"]
    assert rank_of(results, "/kf-test/b/") == 2
    assert rank_of(results, "/kf-test/c/") is None
    assert scores([1, 2, None, 4]) == (0.5, (1 + 1 / 2 + 1 / 4) / 4)
