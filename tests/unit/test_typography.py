"""French spacing and apostrophes in data text (src/kf/core/typography.py)."""

import pytest

from kf.core.typography import polish


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rougeur : chaleur", "rougeur\u00a0: chaleur"),
        ("rougeur: chaleur", "rougeur\u00a0: chaleur"),
        ("une « porte » ici", "une «\u00a0porte\u00a0» ici"),
        ("Pourquoi ? Ah ! Oui ; non", "Pourquoi\u202f? Ah\u202f! Oui\u202f; non"),
        ("l'allodynie d'abord", "l’allodynie d’abord"),
        ("déjà\u00a0: fait", "déjà\u00a0: fait"),
        ("de 0 à 10", "de 0 à 10"),
        ("à 10:30, voir https://ansm.sante.fr", "à 10:30, voir https://ansm.sante.fr"),
        ("Vraiment?! Oui.", "Vraiment\u202f?! Oui."),
    ],
)
def test_french(text, expected):
    assert polish(text, "fr") == expected


def test_english_keeps_its_spacing():
    assert polish("the body's cells: a “gate”", "en") == "the body’s cells: a “gate”"
