"""Compiled theme templates are kept from one language build to the next.

MkDocs makes a new Jinja environment for every build, and the i18n plugin runs one
build per language, so each language would compile the same templates again. Jinja's
bytecode cache is keyed by the template's name and source: a template that changes
(under `mkdocs serve`) is compiled again.
"""

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode kept in memory for the life of the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_CACHE = MemoryBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = _CACHE
    return env
