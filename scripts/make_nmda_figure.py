"""Write the NMDA receptor schematic in each language (docs/assets/figures/).

    .venv/bin/python scripts/make_nmda_figure.py

The drawing is the same in both languages; only the labels change. Colours have at
least 3:1 contrast on white, and every part is also named by a label.
"""

from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "figures"

LABELS = {
    "fr": {
        "title": "Comment la kétamine bloque le récepteur NMDA",
        "desc": (
            "Deux schémas d’un récepteur NMDA, une porte dans la paroi d’une cellule nerveuse. "
            "À gauche, sans kétamine : le glutamate se fixe sur la porte, qui s’ouvre ; du calcium entre "
            "dans la cellule et le message nerveux passe. À droite, avec kétamine : la kétamine se loge "
            "dans la porte ouverte et l’obstrue ; le calcium n’entre plus et le message passe moins."
        ),
        "left": "Sans kétamine",
        "right": "Avec kétamine",
        "outside": "Extérieur",
        "inside": "Intérieur",
        "glutamate": "glutamate",
        "calcium": "calcium",
        "ketamine": "kétamine",
        "passes": "le message passe",
        "blocked": "le message passe moins",
        "receptor": "récepteur NMDA",
    },
    "en": {
        "title": "How ketamine blocks the NMDA receptor",
        "desc": (
            "Two drawings of an NMDA receptor, a gate in the wall of a nerve cell. "
            "On the left, without ketamine: glutamate attaches to the gate, which opens; calcium flows "
            "into the cell and the nerve message passes. On the right, with ketamine: ketamine sits inside "
            "the open gate and plugs it; calcium no longer flows in and less of the message passes."
        ),
        "left": "Without ketamine",
        "right": "With ketamine",
        "outside": "Outside",
        "inside": "Inside",
        "glutamate": "glutamate",
        "calcium": "calcium",
        "ketamine": "ketamine",
        "passes": "the message passes",
        "blocked": "less of the message passes",
        "receptor": "NMDA receptor",
    },
}

MEMBRANE = "#8d6e63"
RECEPTOR = "#1a237e"
GLUTAMATE = "#2e7d32"
CALCIUM = "#b71c1c"
KETAMINE = "#e65100"
TEXT = "#212121"


def panel(x: int, labels: dict, blocked: bool) -> str:
    e = escape
    parts = [
        f'<text x="{x + 150}" y="40" text-anchor="middle" font-weight="700" font-size="18">{e(labels["right" if blocked else "left"])}</text>',
        # membrane (two layers) with a gap for the channel
        f'<rect x="{x}" y="150" width="110" height="40" fill="{MEMBRANE}"/>',
        f'<rect x="{x + 190}" y="150" width="110" height="40" fill="{MEMBRANE}"/>',
        # the receptor: two halves around a pore
        f'<rect x="{x + 110}" y="120" width="30" height="100" rx="8" fill="{RECEPTOR}"/>',
        f'<rect x="{x + 160}" y="120" width="30" height="100" rx="8" fill="{RECEPTOR}"/>',
        f'<text x="{x + 196}" y="232" font-size="13">{e(labels["receptor"])}</text>',
        # glutamate attached on top of the receptor
        f'<circle cx="{x + 100}" cy="110" r="11" fill="{GLUTAMATE}"/>',
        f'<text x="{x + 84}" y="92" text-anchor="end" font-size="13">{e(labels["glutamate"])}</text>',
        # calcium ions outside
        f'<circle cx="{x + 150}" cy="80" r="7" fill="{CALCIUM}"/>',
        f'<circle cx="{x + 175}" cy="95" r="7" fill="{CALCIUM}"/>',
        f'<text x="{x + 190}" y="78" font-size="13">{e(labels["calcium"])}</text>',
    ]
    if blocked:
        parts += [
            f'<circle cx="{x + 150}" cy="165" r="12" fill="{KETAMINE}"/>',
            f'<text x="{x + 200}" y="140" font-size="13" font-weight="700">{e(labels["ketamine"])}</text>',
            f'<line x1="{x + 196}" y1="144" x2="{x + 163}" y2="160" stroke="{TEXT}" stroke-width="1.5"/>',
            f'<text x="{x + 150}" y="290" text-anchor="middle" font-size="14">✗ {e(labels["blocked"])}</text>',
        ]
    else:
        parts += [
            f'<circle cx="{x + 150}" cy="170" r="7" fill="{CALCIUM}"/>',
            f'<circle cx="{x + 150}" cy="262" r="7" fill="{CALCIUM}"/>',
            f'<path d="M{x + 150} 190 L{x + 150} 250" stroke="{CALCIUM}" stroke-width="3" marker-end="url(#arrow)"/>',
            f'<text x="{x + 150}" y="290" text-anchor="middle" font-size="14">✓ {e(labels["passes"])}</text>',
        ]
    return "".join(parts)


def svg(lang: str) -> str:
    labels = LABELS[lang]
    e = escape
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 310" role="img" '
        f'aria-labelledby="t d" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" fill="{TEXT}">'
        f'<title id="t">{e(labels["title"])}</title><desc id="d">{e(labels["desc"])}</desc>'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" orient="auto">'
        f'<path d="M0 0 L10 5 L0 10 z" fill="{CALCIUM}"/></marker></defs>'
        '<rect width="760" height="310" fill="#ffffff"/>'
        f'<text x="8" y="140" font-size="13">↑ {e(labels["outside"])}</text>'
        f'<text x="8" y="210" font-size="13">↓ {e(labels["inside"])}</text>'
        + panel(100, labels, False)
        + panel(440, labels, True)
        + "</svg>\n"
    )


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in LABELS:
        (OUT / f"nmda-receptor.{lang}.svg").write_text(svg(lang), encoding="utf-8")
        print(OUT / f"nmda-receptor.{lang}.svg")
