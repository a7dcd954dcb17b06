"""Markers of generated content (src/kf/core/markers.py)."""

from kf.core.markers import CODE_SPAN, find_markers, marker_problems, replace_marker

PAGE = """\
# Glossaire

<!-- kf:glossary -->

```md
<!-- kf:glossary -->
```

~~~~
<!-- kf:nope -->
~~~~
   <!--kf:glosary-->
Text <!-- kf:inline --> is not a marker.
"""


def test_find_markers_skips_code_blocks_and_inline_comments():
    assert find_markers(PAGE) == [("glossary", 3), ("glosary", 12)]


def test_replace_marker():
    out = replace_marker(PAGE, "glossary", "GENERATED")
    assert out.count("GENERATED") == 1
    assert "\n\nGENERATED\n\n" in out
    assert "```md\n<!-- kf:glossary -->\n```" in out


def test_unknown_and_misplaced_markers():
    allowed = {"glossary": "glossaire/index.md"}
    assert marker_problems([("glossary", 3)], allowed, "glossaire/index.md") == []
    ((line, message),) = marker_problems([("glosary", 12)], allowed, "glossaire/index.md")
    assert line == 12 and "unknown marker <!-- kf:glosary -->" in message and "<!-- kf:glossary -->" in message
    ((line, message),) = marker_problems([("glossary", 5)], allowed, "a-propos/index.md")
    assert line == 5 and "belongs on glossaire/index.md only" in message


def test_code_blocks_in_admonitions_and_quotes_are_code_and_an_unclosed_fence_is_text():
    page = ("!!! note\n\n    ```md\n    <!-- kf:in-a-note -->\n    ```\n"
            "> ~~~\n> <!-- kf:in-a-quote -->\n> ~~~\n"
            "```html\n<!-- kf:after-an-unclosed-fence -->\n")
    assert find_markers(page) == [("after-an-unclosed-fence", 10)]


def test_an_unclosed_fence_does_not_hide_the_code_blocks_after_it():
    page = "Texte\n~~~\n\n```md\n<!-- kf:exemple -->\n```\n<!-- kf:glossary -->\n"
    assert find_markers(page) == [("glossary", 7)]


def test_a_block_ends_only_at_its_own_fence_and_inline_code_opens_none():
    page = ("````\n```\n<!-- kf:in-code -->\n````\n<!-- kf:after -->\n"
            "```x``` is inline code\n<!-- kf:text -->\n")
    assert find_markers(page) == [("after", 5), ("text", 7)]


def test_inline_code_is_found_as_python_markdown_finds_it():
    spans = [m.group(0) for m in CODE_SPAN.finditer("a `[x](y.md)` b ``un ` seul`` c \\`[z](w.md)` d")]
    assert spans == ["`[x](y.md)`", "``un ` seul``"]
