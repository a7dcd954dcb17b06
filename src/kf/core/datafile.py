"""YAML data files (data/*.yml) read with the line of every value, for editors' messages.

PyYAML alone forgets where a value came from and silently keeps the last of two equal
keys. `load_yaml` keeps both facts: mappings become `Located` dicts that know the line
of each key, lists become `LocatedList`s that know the line of each item, and a key
written twice in one mapping is an error with its line.
"""

from __future__ import annotations

import yaml


class DataError(ValueError):
    """A data file that cannot be read, with the line at fault."""

    def __init__(self, line: int, message: str, problem: str | None = None):
        super().__init__(f"{line}: {message}")
        self.line = line
        self.message = message
        #: what the YAML parser found wrong, when the text is not valid YAML
        self.problem = problem


class Located(dict):
    """A YAML mapping; `.line` is where it starts, `.lines[key]` where each key is."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LocatedList(list):
    """A YAML sequence; `.line` is where it starts, `.lines[i]` where each item is."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available
    pass


class _PythonLoader(yaml.SafeLoader):
    """PyYAML's own parser: read again when libyaml finds an error, for its clearer line."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            raise DataError(
                line,
                f"'{key}' is written twice in the same block (first on line {result.lines[key]}); "
                f"keep only one.",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


for _loader in (_Loader, _PythonLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(text: str):
    """The data in a YAML text, with line numbers; raises DataError when it is not valid YAML."""
    try:
        try:
            return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        except yaml.MarkedYAMLError:
            return yaml.load(text, Loader=_PythonLoader)  # noqa: S506 - its error names the line better
    except DataError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "unreadable YAML"
        raise DataError(
            line,
            f"this is not valid YAML ({what}). Check the indentation, and put text that "
            f"contains ': ' or starts with a quote or a bracket between double quotes.",
            problem=what,
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a position
        raise DataError(1, f"this is not valid YAML ({exc}).") from None
