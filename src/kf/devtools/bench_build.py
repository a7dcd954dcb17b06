"""Build cost of the whole project against plain Material + static-i18n, on a
synthetic bilingual corpus (articles of about 800 words with glossary terms,
citations, a figure and cross-links), at two corpus sizes.

    .venv/bin/python -m kf.devtools.bench_build [--sizes 100 400] [--repeat 3]

Prints seconds, ms per page, peak memory and the ratio of each build. Each build
runs --repeat times, the two configurations taking turns, and the fastest run of
each counts: the other runs mostly measure what else the machine was doing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kf import project_root

from kf.core.citations import load_references
from kf.core.glossary import load_glossary

ROOT = project_root()

WORDS = {
    "fr": "le la les un une des patient douleur traitement étude effet semaine jour médecin risque preuve "
          "corps nerf cellule dose soin essai résultat question groupe temps personne".split(),
    "en": "the a patient pain treatment study effect week day doctor risk evidence body nerve cell "
          "dose care trial result question group time person people".split(),
}

RUNNER = """
import resource, runpy, sys
sys.argv = ["mkdocs", "build", "-q", "-f", sys.argv[1], "-d", sys.argv[2]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exc:
    if exc.code:
        raise
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def sentence(rng: random.Random, lang: str, extra: str = "") -> str:
    words = [rng.choice(WORDS[lang]) for _ in range(rng.randint(8, 14))]
    if extra:
        words.insert(rng.randint(1, len(words) - 1), extra)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def article(rng, lang, n, total, terms, keys) -> str:
    title = f"Article {n}"
    out = [f'---\ntitle: "{title}"\ndescription: "A generated article for the benchmark."\n'
           f"last_reviewed: 2026-11-01\nnext_review: 2027-11-01\nreviewer: Editorial team\n---\n",
           f"# {title}\n",
           # the short answer first, as the strict build requires of an article about a treatment
           f'!!! answer "In short"\n\n    {sentence(rng, lang)} [@{keys[0]}]\n',
           '!!! abstract "Key points"\n\n    - One point.\n    - Another point.\n']
    for section in range(6):
        out.append(f"## Section {section} {{#s{section}}}\n")
        for _ in range(3):
            parts = [sentence(rng, lang, rng.choice(terms)) for _ in range(3)]
            parts.append(sentence(rng, lang) + f" [@{rng.choice(keys)}]")
            if rng.random() < 0.5:
                other = rng.randrange(total)
                parts.append(f"See [article {other}](a{other:04d}.md).")
            out.append(" ".join(parts) + "\n")
        if section == 2:
            out.append(f"![A figure](../../assets/figures/nmda-receptor.{lang}.svg)\n")
    # harms with benefits, as the strict build requires of a page citing a treatment's effect
    out.append("## Risks {#risks}\n")
    out.append(sentence(rng, lang) + " [@niesters2014] See [the risks](../risques-de-la-ketamine.md).\n")
    out.append("<!-- kf:care-card -->\n")  # when to get help, as the strict build requires of such an article
    return "\n".join(out)


def make_corpus(dest: Path, per_language: int) -> None:
    for folder in ("overrides", "docs", "data"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    glossary = load_glossary((ROOT / "data/glossary.yml").read_text(encoding="utf-8"), "g", ["fr", "en"])
    keys = list(load_references((ROOT / "data/references.yml").read_text(encoding="utf-8"), "r", ["fr", "en"]).references)
    for lang in ("fr", "en"):
        rng = random.Random(42)
        terms = [e.langs[lang].term for e in glossary.entries.values()]
        folder = dest / "docs" / lang / "articles" / "corpus"
        folder.mkdir(parents=True)
        for n in range(per_language):
            (folder / f"a{n:04d}.md").write_text(article(rng, lang, n, per_language, terms, keys), encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "".join(f"      - articles/corpus/a{n:04d}.md\n" for n in range(per_language))
    config = config.replace("      - articles/index.md\n", "      - articles/index.md\n" + nav)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    # plain Material + static-i18n: the same Markdown and theme, without our plugin
    plain = config.replace("\n  - kf-site\n", "\n", 1)
    assert plain != config
    plain = plain.replace("custom_dir: overrides", "custom_dir: overrides-plain").replace("  alternate: true\n", "")
    (dest / "overrides-plain").mkdir()
    (dest / "mkdocs-plain.yml").write_text(plain, encoding="utf-8")


def build(project: Path, config: str) -> tuple[float, float]:
    import time

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", RUNNER, config, str(project / "out")],
                            cwd=project, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if result.returncode:
        sys.exit(result.stderr[-2000:])
    return took, int(result.stdout.strip().splitlines()[-1]) / 1024  # MB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build; the fastest counts")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            make_corpus(project, size)
            pages = 2 * (size + len(list((ROOT / "docs/fr").rglob("*.md"))))
            runs = {"mkdocs-plain.yml": [], "mkdocs.yml": []}
            for _ in range(max(1, args.repeat)):
                for config, results in runs.items():
                    results.append(build(project, config))
            plain, full = (min(results) for results in runs.values())
            rows.append((size, pages, plain, full))
    print(f"{'articles/lang':>13} {'pages':>6} {'plain s':>8} {'ours s':>7} {'plain ms/p':>10} {'ours ms/p':>9} "
          f"{'plain MB':>8} {'ours MB':>7} {'ratio':>6}")
    for size, pages, plain, full in rows:
        print(f"{size:>13} {pages:>6} {plain[0]:>8.1f} {full[0]:>7.1f} {1000 * plain[0] / pages:>10.1f} "
              f"{1000 * full[0] / pages:>9.1f} {plain[1]:>8.0f} {full[1]:>7.0f} {full[0] / plain[0]:>6.2f}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (1000 * last[3][0] / last[1]) / (1000 * first[3][0] / first[1])
        print(f"ms per page from {first[0]} to {last[0]} articles: x{growth:.2f} (goal: within ±20 %); "
              f"goal for the ratio: at most 1.10")
    return 0


if __name__ == "__main__":
    sys.exit(main())
