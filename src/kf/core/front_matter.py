"""The one reader of a page's front matter (the `---` block of YAML at the top of a
Markdown page), used by the build, the `kf` command and the translation tools alike."""

from __future__ import annotations

from dataclasses import dataclass

from kf.core.datafile import DataError, Located, load_yaml


@dataclass(frozen=True)
class Split:
    #: the YAML text between the `---` lines ("" when the page has none)
    yaml: str
    #: the page's text after the block
    body: str
    #: line of the block's first key in the file (2 with a block, 1 without)
    first_line: int
    #: lines the block takes, both `---` included (0 without a block); None when the
    #: block starts but never ends
    length: int | None


def split_front_matter(text: str) -> Split:
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Split("", text, 1, 0)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            return Split("\n".join(lines[1:end]), "\n".join(lines[end + 1:]), 2, end + 1)
    return Split("\n".join(lines[1:]), "", 2, None)


def read_front_matter(text: str) -> tuple[Located | dict, Split]:
    """The page's front matter as a mapping that knows the file line of each key
    (datafile.Located; {} when the page has none), and the split text.

    Raises DataError with the line in the file: a block that never ends, YAML that is not
    valid, or YAML that is not 'key: value' lines.
    """
    split = split_front_matter(text)
    if split.length is None:
        raise DataError(1, "the front matter starts with '---' but never ends; add a line '---' after it")
    if not split.yaml.strip():
        return {}, split
    try:
        meta = load_yaml(split.yaml)
    except DataError as exc:
        raise DataError(exc.line + split.first_line - 1, f"the front matter is not valid YAML ({exc.problem or exc.message})",
                        exc.problem) from None
    if meta is None:
        return {}, split
    if not isinstance(meta, Located):
        raise DataError(split.first_line, "the front matter must be a list of 'key: value' lines")
    return meta, split
