"""The offline site check (kf site) against lychee on another MkDocs site:
one built the standard Material way, not like this project.

Material's documented recipe for several languages: one MkDocs project per language
(`docs/en`, `docs/fr`), built into `site/en/` and `site/fr/`, interlinked by Material's
own language selector (`extra.alternate`, which also writes relative
`<link rel="alternate" hreflang>` links), and a landing page at the root. The generated
site has about 300 pages; each French page carries one planted template mistake (a
footer link into the English pages), the kind of error grouping must turn into one
finding. Times include writing the output: kf.py in text and with `--json`, lychee
in its default format, each run taking turns and the fastest of each counting.

    .venv/bin/python -m kf.devtools.bench_sitecheck [--pages-per-language 150] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kf import project_root

ROOT = project_root()
TARGET = 0.25
SITE_URL = "http://127.0.0.1:8000/"
WORDS = {
    "en": "the patient pain treatment study effect week doctor risk evidence nerve dose care trial result".split(),
    "fr": "le patient douleur traitement étude effet semaine médecin risque preuve nerf dose soin essai".split(),
}
SECTIONS = ("guide", "reference", "faq")


def _page(lang: str, n: int, total: int) -> str:
    words = WORDS[lang]
    out = [f"# {'Page' if lang == 'en' else 'Page n°'} {n}\n"]
    for s in range(5):
        out.append(f"## Section {s} {{#s{s}}}\n")
        text = " ".join(words[(n + s + k) % len(words)] for k in range(60))
        other = (n * 7 + s) % total
        out.append(f"{text.capitalize()}. [See {other}](../{SECTIONS[other % 3]}/p{other:04d}.md#s{s}), "
                   f"[above](#s0), [home](../index.md).\n")
    return "\n".join(out)


def make_material_site(dest: Path, per_language: int) -> Path:
    """Generate and build the two projects; return the built site folder."""
    site = dest / "site"
    for lang, name in (("en", "English"), ("fr", "Français")):
        docs = dest / "docs" / lang
        for section in SECTIONS:
            (docs / section).mkdir(parents=True, exist_ok=True)
        (docs / "index.md").write_text(f"# {name}\n\n[First page](guide/p0000.md)\n", encoding="utf-8")
        for n in range(per_language - 1):
            (docs / SECTIONS[n % 3] / f"p{n:04d}.md").write_text(_page(lang, n, per_language - 1), encoding="utf-8")
        # the template mistake: every French page's footer links to an English page
        footer = '<a href="/en/guide/p0000/">Mentions légales</a>' if lang == "fr" else "Legal"
        config = {
            "site_name": f"Bench {lang}",
            "site_url": f"{SITE_URL}{lang}/",
            "docs_dir": f"docs/{lang}",
            "site_dir": f"site/{lang}",
            "theme": {"name": "material", "language": lang},
            "copyright": footer,
            "markdown_extensions": ["attr_list", "toc"],
            # Material's selector; relative links keep the site movable (the url filter
            # makes them relative to each page)
            "extra": {"alternate": [{"name": label, "link": "./" if code == lang else f"../{code}/", "lang": code}
                                    for code, label in (("en", "English"), ("fr", "Français"))]},
        }
        (dest / f"mkdocs.{lang}.yml").write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"mkdocs.{lang}.yml"], cwd=dest,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True, capture_output=True)
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title>'
        f'<link rel="canonical" href="{SITE_URL}">'
        '<link rel="alternate" hreflang="en" href="en/"><link rel="alternate" hreflang="fr" href="fr/">'
        '</head><body><a href="en/" hreflang="en">English</a> <a href="fr/" hreflang="fr">Français</a>'
        "</body></html>", encoding="utf-8")
    return site


def _timed(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall-clock seconds, CPU seconds of the command and its children, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def compare(lychee_command, per_language: int = 150, runs: int = 3) -> bool:
    """Print the ratios (text and --json output) on a generated standard Material site;
    True if both are within the target."""
    with tempfile.TemporaryDirectory() as tmp:
        site = make_material_site(Path(tmp), per_language)
        pages = sum(1 for _ in site.rglob("*.html"))
        ours = [sys.executable, "-m", "kf.cli.main", "site", str(site)]
        lychee = lychee_command(site)
        runs_of: dict[str, list[tuple[float, float]]] = {"text": [], "json": [], "lychee": []}
        last = None
        for _ in range(runs):  # taking turns, so that a busy moment hurts all three alike
            for name, cmd in (("text", ours), ("json", ours + ["--json"]), ("lychee", lychee)):
                wall, cpu, result = _timed(cmd)
                runs_of[name].append((wall, cpu))
                if name == "json":
                    last = result
        wall = {k: min(w for w, _ in v) for k, v in runs_of.items()}
        cpu = {k: min(c for _, c in v) for k, v in runs_of.items()}
        groups = json.loads(last.stdout or "[]")
        print(f"Offline link check of a site built the standard Material way (one project per language "
              f"under /en/ and /fr/, Material's selector), {pages} HTML pages (best of {runs}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
        print(f"  kf.py site: {wall['text']:.2f} s, with --json {wall['json']:.2f} s "
              f"(CPU {cpu['text']:.2f} s and {cpu['json']:.2f} s; "
              f"{len(groups)} grouped finding(s) for {sum(g['count'] for g in groups)} occurrence(s))")
        print(f"  lychee:     {wall['lychee']:.2f} s (CPU {cpu['lychee']:.2f} s)")
        ok = True
        for label, mine in (("text", "text"), ("--json", "json")):
            ratio = wall[mine] / wall["lychee"]
            ok &= ratio <= TARGET
            print(f"  ratio ({label}) {ratio:.2f}, in CPU time {cpu[mine] / cpu['lychee']:.2f} "
                  f"(target: at most {TARGET}) -> {'ok' if ratio <= TARGET else 'TOO SLOW'}")
        return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-language", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from kf.devtools.bench import lychee_command

    return 0 if compare(lychee_command, args.pages_per_language, args.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
