"""Typography of plain text written by editors in data files (not HTML, not Markdown).

French puts a no-break space before ':' and inside « », and a narrow no-break space
before ';', '?' and '!'; both languages use the typographic apostrophe. Editors type
ordinary spaces and straight apostrophes; the build fixes them, so a line never breaks
between a word and its colon.
"""

from __future__ import annotations

import re

from kf.core.labels import LABELS

NBSP = "\u00a0"
NNBSP = "\u202f"


def apostrophes(text: str) -> str:
    """Straight apostrophes between letters become typographic ones (l'an -> l’an)."""
    return re.sub(r"(?<=\w)'(?=\w)", "’", text)


def french_spacing(text: str) -> str:
    """French spaces: "a : b" -> "a\u00a0: b", "« a »" -> "«\u00a0a\u00a0»", "a ?" -> "a\u202f?"."""
    text = apostrophes(text)
    # only punctuation followed by a space or the end: "10:30" and URLs stay as they are
    text = re.sub(r"(?<=\S)[ \u00a0\u202f]*(:)(?=\s|$)", NBSP + r"\1", text)
    text = re.sub(r"(?<=[^\s;?!])[ \u00a0\u202f]*([;?!])(?=[\s;?!]|$)", NNBSP + r"\1", text)
    text = re.sub(r"(?<=\S)[ \u00a0\u202f]*»", NBSP + "»", text)
    text = re.sub(r"«[ \u00a0\u202f]*(?=\S)", "«" + NBSP, text)
    return text


def polish(text: str, code: str) -> str:
    """The typography of plain text in a language."""
    rule = LABELS.get(code, {}).get("typography", "apostrophes")
    return french_spacing(text) if rule == "french" else apostrophes(text)
