"""How much build time the glossary pass adds, measured as a ratio in one run.

Copies the project into a temporary folder, adds generated articles (both languages,
full of glossary words), and builds it with and without the glossary hook
(src/kf/mkdocs_adapter/glossary.py), alternating the two builds a few times and keeping the
fastest of each. Prints the times and the extra cost of the glossary.

    .venv/bin/python -m kf.devtools.bench_glossary [--pages-per-language 150] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kf import project_root

from kf.core.glossary import load_glossary

ROOT = project_root()

PARAGRAPHS = 12


def article(lang: str, number: int, words: list[str]) -> str:
    title = f"Article {number}" if lang == "en" else f"Article n° {number}"
    out = [f"---\ntitle: {title}\n---\n", f"# {title}\n"]
    for p in range(PARAGRAPHS):
        picked = ", ".join(words[(number + p * 7 + k) % len(words)] for k in range(5))
        filler = (
            "This paragraph is filler text to give the page a realistic length for the benchmark."
            if lang == "en"
            else "Ce paragraphe est un texte de remplissage qui donne à la page une longueur réaliste."
        )
        out.append(f"## Section {p} {{#s{p}}}\n\n{filler} {picked}. {filler} {filler}\n")
    return "\n".join(out)


def make_project(dest: Path, per_language: int) -> Path:
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("overrides", "docs", "data"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    glossary = load_glossary((ROOT / "data/glossary.yml").read_text(encoding="utf-8"), "data/glossary.yml", ["fr", "en"])
    for lang in ("fr", "en"):
        words = [e.langs[lang].term for e in glossary.entries.values()]
        folder = dest / "docs" / lang / "articles" / "bench"
        folder.mkdir(parents=True)
        for n in range(per_language):
            (folder / f"a{n:04d}.md").write_text(article(lang, n, words), encoding="utf-8")
    config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "".join(f"      - articles/bench/a{n:04d}.md\n" for n in range(per_language))
    config = config.replace("      - articles/index.md\n", "      - articles/index.md\n" + nav)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    without = config.replace("\n  - kf-site\n", "\n  - kf-site:\n      tooltips: false\n", 1)
    assert without != config
    (dest / "mkdocs-no-glossary.yml").write_text(without, encoding="utf-8")
    return dest


def build(project: Path, config: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(project / "out")],
        cwd=project, env=env, check=True, capture_output=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-language", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), args.pages_per_language)
        pages = len(list((project / "docs").rglob("*.md")))
        with_times, without_times = [], []
        for _ in range(args.runs):
            without_times.append(build(project, "mkdocs-no-glossary.yml"))
            with_times.append(build(project, "mkdocs.yml"))
    best_with, best_without = min(with_times), min(without_times)
    extra = best_with - best_without
    print(f"{pages} pages (both languages), best of {args.runs} builds each")
    print(f"  without the glossary: {best_without:.2f} s")
    print(f"  with the glossary:    {best_with:.2f} s")
    print(f"  glossary pass: +{extra:.2f} s, +{100 * extra / best_without:.1f} % "
          f"(ratio {best_with / best_without:.3f}), {1000 * extra / pages:.1f} ms per page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
