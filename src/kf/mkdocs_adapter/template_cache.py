"""Compiled theme templates, kept between the language builds of a run and between runs
(on disk): MkDocs makes a new Jinja environment for each build, and compiling Material's
templates is about a quarter of a build's processor time. The plugin hands the cache to
Jinja in on_env (plugin.py); the run holds it (state.py)."""

from __future__ import annotations

import os
import sys
import time
from hashlib import sha256

import jinja2
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache


def _compiled_by(environment) -> str:
    """What, besides a template's file and text, decides the code Jinja compiles it to:
    the Jinja and Python versions, and the environment's settings (MkDocs makes each
    environment the same way; a theme's language adds the i18n extension)."""
    def named(value) -> str:
        return value if isinstance(value, (bool, str, type(None))) else getattr(value, "__qualname__", type(value).__name__)

    settings = (
        jinja2.__version__, sys.version, sorted(environment.extensions), environment.block_start_string,
        environment.block_end_string, environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string, environment.line_statement_prefix,
        environment.line_comment_prefix, environment.trim_blocks, environment.lstrip_blocks,
        environment.newline_sequence, environment.keep_trailing_newline, environment.optimized,
        environment.is_async, named(environment.autoescape), named(environment.finalize),
        named(environment.code_generator_class), getattr(environment, "newstyle_gettext", None),
    )
    return repr(settings)


class TemplateCache(BytecodeCache):
    """Compiled theme templates, kept from one language build to the next and from one
    run to the next: MkDocs makes a new Jinja environment for each language build, and
    compiling Material's templates is about a quarter of a build's processor time.

    Keyed by the template's name, file and text, and by what else decides its compiled
    code (_compiled_by: the Jinja and Python versions, the environment's settings): a
    template edited under `mkdocs serve`, or an upgrade, means compiling again, and
    Material's templates (read from the same installed files by every copy of the
    project) are shared. Kept in memory and in `folder`: by default Jinja's own folder for
    this user in the system's temporary directory (`_jinja2-cache-<uid>`, which only the
    user can read), one small file per template; files unused for KEEP_DAYS days are
    deleted. A folder that cannot be made, read or written is left alone: the build
    compiles the templates as MkDocs would, and its pages are the same."""

    PATTERN = "kf-site-%s.cache"
    KEEP_DAYS = 30

    def __init__(self, folder: str | None = None) -> None:
        self._memory: dict[str, bytes] = {}
        try:
            self._disk: FileSystemBytecodeCache | None = FileSystemBytecodeCache(folder, self.PATTERN)
        except (OSError, RuntimeError):  # Jinja found no private folder of this user
            self._disk = None
        else:
            self._delete_old_files()

    def _delete_old_files(self) -> None:
        """Compiled templates nobody has read for KEEP_DAYS days (an old template or
        Jinja), and files a stopped build left half-written."""
        old = time.time() - self.KEEP_DAYS * 86400
        try:
            for entry in os.scandir(self._disk.directory):
                if entry.name.startswith("kf-site-") and entry.stat().st_mtime < old:
                    os.remove(entry.path)
        except OSError:
            pass

    def get_bucket(self, environment, name: str, filename: str | None, source: str) -> Bucket:
        key = sha256(f"{name}\0{filename}\0{source}\0{_compiled_by(environment)}".encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self._disk is not None:
            try:
                self._disk.load_bytecode(bucket)
            except Exception:  # an unreadable or damaged file: compiled again, never a failed build
                bucket.reset()
            if bucket.code is not None:
                self._memory[bucket.key] = bucket.bytecode_to_string()
                try:
                    os.utime(os.path.join(self._disk.directory, self.PATTERN % bucket.key))  # in use: kept
                except OSError:
                    pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: the next run compiles again
                pass
