"""Text files an editor can break without seeing it, free of MkDocs: a page or data
file saved in another encoding than UTF-8 (Latin-1 and Windows-1252 are still the
default of some editors on Windows), and invisible control characters (often pasted
from a PDF or a word processor).

MkDocs and our own checks read every page and data file as UTF-8: a file in another
encoding would stop them with a Python traceback that does not name the file. These
checks run first, so that the editor gets the file, the line and the column instead.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from kf.core.problems import Problem

#: Control characters that have a place in a text file.
ALLOWED_CONTROLS = {"\t", "\n", "\r"}
#: Any character control_characters() reports: Unicode's control characters (category Cc:
#: U+0000-U+001F and U+007F-U+009F, a fixed set) but ALLOWED_CONTROLS, and U+FFFD. Most
#: files hold none, and are then not read character by character.
_REPORTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
#: Folders (relative to the project) and suffixes of the files editors write.
TEXT_SOURCES = (("docs", ".md"), ("data", ".yml"), ("data", ".yaml"))

HOW_TO_SAVE_UTF8 = (
    "open it in your editor and save it again with the encoding \"UTF-8\" "
    "(VS Code: click the encoding in the status bar, then \"Save with Encoding\"; "
    "Notepad: \"Save as\", Encoding: UTF-8); on github.com, paste the text again in the web editor"
)


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """The text of a file's bytes (UTF-8, with or without a byte-order mark), or None
    and a problem naming the line, column and byte where decoding failed."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        offset = exc.start + bom
        line, column = _line_and_column(data, offset)
        byte = data[offset]
        guess = ""
        if 0x80 <= byte <= 0xFF:
            char = bytes([byte]).decode("cp1252", errors="replace")
            if char != "\ufffd":
                guess = f" (in Windows-1252 or Latin-1 it would be \"{char}\")"
        message = (
            f"this file is not saved as UTF-8: byte 0x{byte:02X} at column {column}{guess} cannot be read. "
            f"The file was probably saved as Windows-1252 or Latin-1; {HOW_TO_SAVE_UTF8}."
        )
        return None, [Problem(path, line, message)]


def _name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if not name and ord(char) < 0x20:
        name = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
                "ENQUIRY", "ACKNOWLEDGE", "BELL", "BACKSPACE", "TAB", "LINE FEED", "VERTICAL TAB",
                "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE",
                "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
                "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
                "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "FILE SEPARATOR", "GROUP SEPARATOR",
                "RECORD SEPARATOR", "UNIT SEPARATOR")[ord(char)]
    return f"{code} {name}".strip()


def control_characters(text: str, path: str) -> list[Problem]:
    """Invisible control characters (C0 but tab and line ends, DEL, C1) and the
    replacement character U+FFFD (the mark of text once read in the wrong encoding):
    one problem per line that holds any."""
    if _REPORTED.search(text) is None:
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for column, char in enumerate(line, start=1):
            if char in ALLOWED_CONTROLS:
                continue
            if unicodedata.category(char) == "Cc":
                problems.append(Problem(path, number, (
                    f"an invisible control character ({_name(char)}) is at column {column}. Delete it: "
                    "place the cursor just after the character before it and press Delete (such characters "
                    "often come with text copied from a PDF or a word processor).")))
                break
            if char == "\ufffd":
                problems.append(Problem(path, number, (
                    f"the replacement character \"\ufffd\" (U+FFFD) is at column {column}: a letter here was "
                    "lost when the text was once read in the wrong encoding. Type the right letter "
                    "(often an accented one) in its place.")))
                break
    return problems


def check_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """decode() then control_characters(): the text (None if unreadable) and its problems."""
    text, problems = decode(data, path)
    if text is not None:
        problems = control_characters(text, path)
    return text, problems


def source_files(root: str | Path, sources=TEXT_SOURCES) -> list[Path]:
    """The editors' text files of a project (pages and data files), sorted. sources:
    (folder relative to root, file suffix) pairs."""
    root = Path(root)
    found: set[Path] = set()
    for folder, suffix in sources:
        if (root / folder).is_dir():
            found.update(p for p in (root / folder).rglob(f"*{suffix}") if p.is_file())
    return sorted(found)


def check_sources(root: str | Path, sources=TEXT_SOURCES) -> list[Problem]:
    """Encoding and control-character problems of every page and data file of a project,
    with paths relative to the project (docs/fr/x.md:12: ...)."""
    root = Path(root)
    problems: list[Problem] = []
    for path in source_files(root, sources):
        problems += check_text(path.read_bytes(), path.relative_to(root).as_posix())[1]
    return problems
