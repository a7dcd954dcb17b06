"""Pages and data files an editor saved in another encoding, or with invisible control
characters (src/kf/core/text_files.py)."""

from __future__ import annotations

import unicodedata

from kf.core.text_files import check_sources, check_text, control_characters, decode


def test_utf8_with_or_without_a_byte_order_mark_is_read():
    assert decode("Kétamine\n".encode(), "docs/fr/x.md") == ("Kétamine\n", [])
    assert decode(b"\xef\xbb\xbf" + "Kétamine\n".encode(), "docs/fr/x.md") == ("Kétamine\n", [])


def test_latin1_gives_the_line_column_and_byte_and_how_to_fix_it():
    data = "---\ntitle: x\n---\n\nUne phrase.\nLa kétamine.\n".encode("cp1252")
    text, problems = decode(data, "docs/fr/x.md")
    assert text is None and len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line) == ("docs/fr/x.md", 6)
    assert "byte 0xE9 at column 5" in problem.message and '"é"' in problem.message
    assert "save it again with the encoding \"UTF-8\"" in problem.message
    assert str(problem).startswith("docs/fr/x.md:6: this file is not saved as UTF-8")


def test_a_bom_does_not_shift_the_column():
    data = b"\xef\xbb\xbf" + "ab\ncd\xe9".encode("latin-1")
    assert "column 3" in decode(data, "p")[1][0].message


def test_windows_1252_quotes_are_named():
    problem = decode("l\u2019alcool".encode("cp1252"), "docs/fr/x.md")[1][0]
    assert problem.line == 1 and "byte 0x92" in problem.message and "\u2019" in problem.message


def test_control_characters_are_reported_once_per_line_with_their_name():
    text = "ok\tline\r\nbad\x00here\x00\nfine\nform\x0cfeed\nc1\x85\n"
    problems = control_characters(text, "docs/en/x.md")
    assert [p.line for p in problems] == [2, 4, 5]
    assert "U+0000 NULL" in problems[0].message and "column 4" in problems[0].message
    assert "U+000C FORM FEED" in problems[1].message
    assert "U+0085" in problems[2].message


def test_replacement_character_is_reported():
    problems = control_characters("Caf\ufffd\n", "docs/fr/x.md")
    assert problems and problems[0].line == 1 and "U+FFFD" in problems[0].message


def test_ordinary_text_passes():
    text = "« Kétamine » : 1,8 %\u202f! — l’allodynie\u00a0; emoji ✓ 𝛼\n"
    assert check_text(text.encode(), "docs/fr/x.md") == (text, [])


def test_project_scan_covers_pages_and_data_files(tmp_path):
    (tmp_path / "docs/fr").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "docs/fr/a.md").write_bytes("é".encode("latin-1"))
    (tmp_path / "docs/fr/b.md").write_text("fine\n", encoding="utf-8")
    (tmp_path / "data/glossary.yml").write_bytes(b"- id: x\x00\n")
    (tmp_path / "data/notes.txt").write_bytes(b"\xff")  # not an editor's source: ignored
    found = {(p.path, p.line) for p in check_sources(tmp_path)}
    assert found == {("docs/fr/a.md", 1), ("data/glossary.yml", 1)}


def test_the_quick_look_finds_exactly_the_characters_reported():
    """control_characters() reads a file character by character only when a quick search
    finds a character it reports: both must agree on each character."""
    from kf.core.text_files import _REPORTED

    # the Basic Multilingual Plane: Unicode keeps every control character (Cc, a fixed
    # set) and U+FFFD there
    chars = [chr(code) for code in range(0x10000) if chr(code) != "\n"]
    # one character per line; the NUL on line 1 makes the search find something, so
    # every line is read character by character
    problems = control_characters("\x00\n" + "\n".join(chars), "x.md")
    slow = {chars[problem.line - 2] for problem in problems if problem.line > 1}
    quick = set(_REPORTED.findall("".join(chars)))
    assert slow == quick and len(quick) == 63
    assert all(unicodedata.category(c) == "Cc" or c == "\ufffd" for c in quick)
