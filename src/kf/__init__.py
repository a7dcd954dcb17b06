"""The machinery of the "Kétamine et douleur : les faits" site, in three layers
(README, "Architecture"):

- ``kf.core``: pure functions, text and data in, text and data out. No MkDocs import:
  this layer moves unchanged to another site generator (MkDocs 2 drops plugins).
- ``kf.mkdocs_adapter``: the MkDocs plugin (``plugin.py``: the whole pipeline of a
  page, in order) and the small steps it calls, which read MkDocs' objects and call
  the core.
- ``kf.cli``: the ``kf`` command (one sub-command per chore: checks, status, new
  article...), which calls the same core and reports the same problems.

``kf.devtools`` holds what tests and benchmarks share (local server, synthetic corpus).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root(start: str | os.PathLike | None = None) -> Path:
    """The site's folder: the nearest folder holding mkdocs.yml, from the current
    folder (or start) upwards; the current folder when there is none."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here
