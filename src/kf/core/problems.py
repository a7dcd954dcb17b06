"""The one kind of problem the site reports, in the build and in the `kf` command alike:
where (file and line), what is wrong and how to fix it, in words an editor can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A content problem an editor can act on: where, what is wrong, how to fix it."""

    path: str
    line: int
    message: str
    #: what kind of check found it ("content", "parity", "stale"...), for grouping
    kind: str = "content"
    #: "error" stops the build or the check; "warning" is reported only
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"



def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of text containing needle (1 if none)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1
