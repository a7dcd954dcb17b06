"""Our copies of Material's partials stay Material's, apart from the lines we mark.

If this fails after Material is upgraded: copy the new partial from Material's
templates into overrides/partials/, then make the "kf:" change again.
"""

from pathlib import Path

import material

MATERIAL = Path(material.__file__).parent / "templates" / "partials"
OURS = Path(__file__).resolve().parents[2] / "overrides" / "partials"


def without_our_change(text: str, element: str, ours: str, theirs: str) -> str:
    """The file without our header comment, and with the element we changed (from our
    "{#- kf:" comment to the element's opening tag) as Material writes it."""
    lines = text.splitlines()
    assert lines[0] == "{#-" and "copied unchanged except for the" in lines[1]
    lines = lines[lines.index("-#}") + 1 :]
    start = next(i for i, line in enumerate(lines) if "{#- kf:" in line)
    end = next(i for i, line in enumerate(lines) if i >= start and line.lstrip().startswith(f"<{element} "))
    assert ours in lines[end]
    return "\n".join(lines[:start] + [lines[end].replace(ours, theirs)] + lines[end + 1 :]) + "\n"


def test_nav_item_is_materials_but_for_the_section_menu_names():
    ours = (OURS / "nav-item.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "nav-item.html").read_text(encoding="utf-8")
    assert without_our_change(ours, "nav", "{{ kf_name }}", 'aria-labelledby="{{ path }}_label"') == theirs
    assert ours.count("{#- kf:") == 1


def test_search_is_materials_but_for_the_dialog_name():
    ours = (OURS / "search.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "search.html").read_text(encoding="utf-8")
    assert without_our_change(ours, "div", ' aria-label="{{ lang.t(\'search.placeholder\') }}"', "") == theirs
    assert ours.count("{#- kf:") == 1
