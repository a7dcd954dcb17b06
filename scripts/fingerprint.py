"""Print the fingerprint of a page, to record in its translation's front matter
(`source_fingerprint:`) once the translation matches it.

    .venv/bin/python scripts/fingerprint.py docs/fr/articles/x.md
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "overrides" / "hooks"))

from review import fingerprint  # noqa: E402

if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_file():
        sys.exit("usage: scripts/fingerprint.py docs/fr/articles/<page>.md")
    print(fingerprint(Path(sys.argv[1]).read_text(encoding="utf-8")))
